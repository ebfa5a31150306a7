//! The life of the security after its offering, end to end on the shipped
//! wasm: trading, a dividend in a stablecoin, a partial redemption, a
//! document update, with the suite's invariants after each step, and what
//! motsu cannot show: deadlines and windows passing.
use std::collections::BTreeMap;

use alloy_dyn_abi::DynSolValue;
use alloy_primitives::{Address, B256, U256};

use super::{checks::*, *};
use crate::entitlements::Entitlements;

/// The investors' wallets and identities in the scenario.
const HOLDERS: [(Address, Address); 4] = [
    (ALICE, ALICE_ID),
    (BOB, BOB_ID),
    (CAROL, CAROL_ID),
    (DAVE, DAVE_ID),
];

/// An unsigned answer.
fn number(value: &DynSolValue) -> U256 {
    value.as_uint().unwrap().0
}

/// Every holder's tokens, grouped by identity: what the entitlements
/// follow.
fn holdings(sim: &Sim) -> BTreeMap<Address, U256> {
    let mut holdings = BTreeMap::new();
    for (wallet, identity) in HOLDERS {
        let held = number(&one(sim, "token", "balanceOf", &[addr(wallet)]));
        if !held.is_zero() {
            *holdings.entry(identity).or_insert(U256::ZERO) += held;
        }
    }
    holdings
}

/// The suite's books agree: the token's supply is its holders' balances,
/// the compliance's supply, identity balances and holder count follow it,
/// and the distribution contract holds exactly what it owes in `usd`.
fn assert_invariants(sim: &Sim, usd: Address, step: &str) {
    let supply = number(&one(sim, "token", "totalSupply", &[]));
    let held: U256 = holdings(sim).values().copied().sum();
    assert_eq!(supply, held, "{step}: token supply");
    assert_eq!(
        number(&one(sim, "compliance", "supply", &[])),
        supply,
        "{step}"
    );
    let mut holders = 0;
    for (identity, held) in holdings(sim) {
        let booked = number(&one(
            sim,
            "compliance",
            "identityBalance",
            &[addr(identity)],
        ));
        assert_eq!(booked, held, "{step}: compliance books of {identity}");
        holders += 1;
    }
    assert_eq!(
        number(&one(sim, "compliance", "holderCount", &[])),
        U256::from(holders),
        "{step}: holders"
    );
    let mut owed = U256::ZERO;
    let distributions = number(&one(sim, "distribution", "distributionCount", &[]));
    for id in 0..distributions.to::<u64>() {
        let d = sim
            .view("distribution", "getDistribution", &[uint(U256::from(id))])
            .unwrap();
        let (total, claimed, swept) = (number(&d[1]), number(&d[2]), d[5].as_bool().unwrap());
        assert!(claimed <= total, "{step}: distribution {id} overpaid");
        if !swept {
            owed += total - claimed;
        }
    }
    let redemptions = number(&one(sim, "distribution", "redemptionCount", &[]));
    for id in 0..redemptions.to::<u64>() {
        let r = sim
            .view("distribution", "getRedemption", &[uint(U256::from(id))])
            .unwrap();
        let (pool, spent, swept) = (number(&r[3]), number(&r[4]), r[7].as_bool().unwrap());
        assert!(spent <= pool, "{step}: redemption {id} overspent");
        if !swept {
            owed += pool - spent;
        }
        for (_, identity) in HOLDERS {
            let credited = one(
                sim,
                "distribution",
                "credited",
                &[uint(U256::from(id)), addr(identity)],
            );
            owed += number(&credited);
        }
    }
    let contract = sim.address("distribution").unwrap();
    assert_eq!(
        erc20_balance(sim, usd, contract),
        owed,
        "{step}: distribution's funds"
    );
}

#[test]
fn an_issuer_pays_a_dividend_redeems_and_publishes_after_the_offering() {
    let root = crate::workspace_root();
    let config = rules_config(&root, Rules::Example).unwrap();
    let (op, treasury) = (config.roles.operator, config.roles.treasury);
    let (sim, usd) = stablecoin_setup(&root, false).unwrap();
    let mut sim = sim;
    // The offering: Alice buys with the stablecoin.
    buy_with_token(&mut sim, ALICE, tokens(50)).unwrap();
    assert_invariants(&sim, usd, "offering");

    // Trading, once the lock-up is over: Alice and Bob sell to Carol.
    let mut sim = after_lock_up(sim).unwrap();
    transfer(&mut sim, ALICE, CAROL).unwrap();
    transfer(&mut sim, BOB, CAROL).unwrap();
    assert_invariants(&sim, usd, "trading");

    // A dividend of 1,000 USD, pro rata to the holdings now (the record
    // block), funded by the operator (an agent of the token).
    let split = Entitlements::pro_rata(&holdings(&sim), tokens(1_000)).unwrap();
    let distribution = sim.address("distribution").unwrap();
    // Claimable for 30 days (`scenario::dividend`).
    let deadline = sim.world.timestamp + 30 * DAY;
    let notice = "ipfs://dividend";
    let created = dividend(&mut sim, usd, op, &split).unwrap();
    assert_eq!(created.output, [uint(U256::ZERO)]);
    assert_invariants(&sim, usd, "dividend funded");

    // Its notice, published.
    let name = DynSolValue::FixedBytes(B256::right_padding_from(b"dividend-2028"), 32);
    let digest = DynSolValue::FixedBytes(B256::repeat_byte(0xd1), 32);
    sim.send(
        op,
        "documents",
        "setDocument",
        &[name.clone(), DynSolValue::String(notice.into()), digest],
        U256::ZERO,
    )
    .unwrap();
    assert_eq!(
        one(&sim, "documents", "getAllDocuments", &[])
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // Alice and Carol claim; paid to the claiming wallet.
    let claim = |sim: &mut Sim, wallet: Address, identity: Address| {
        let amount = split.claim_of(identity).unwrap().1;
        super::claim(sim, 0, &split, (wallet, identity)).map(|r| (r, amount))
    };
    for (wallet, identity) in [(ALICE, ALICE_ID), (CAROL, CAROL_ID)] {
        let before = erc20_balance(&sim, usd, wallet);
        let (receipt, amount) = claim(&mut sim, wallet, identity).unwrap();
        assert!(receipt.events.iter().any(|(_, name, _)| name == "Claimed"));
        assert_eq!(erc20_balance(&sim, usd, wallet), before + amount);
        assert_invariants(&sim, usd, "claim");
    }
    assert_refused(
        claim(&mut sim, ALICE, ALICE_ID),
        "DistributionAlreadyClaimed",
    );

    // A partial redemption: 2 USD per token for up to 100 tokens' worth.
    let pool = tokens(200);
    mint_and_approve(&mut sim, (usd, USD_ISSUER), op, distribution, pool).unwrap();
    let end = sim.world.timestamp + 10 * DAY;
    let now = DynSolValue::Uint(U256::from(sim.world.timestamp), 64);
    let price = tokens(2);
    let args = [
        addr(usd),
        uint(price),
        uint(pool),
        now,
        DynSolValue::Uint(U256::from(end), 64),
    ];
    sim.send(op, "distribution", "createRedemption", &args, U256::ZERO)
        .unwrap();
    let supply = number(&one(&sim, "token", "totalSupply", &[]));
    // Bob tenders 50 of his 990 tokens for 100 USD.
    let tendered = tokens(50);
    let receipt = sim
        .send(
            BOB,
            "distribution",
            "tender",
            &[uint(U256::ZERO), uint(tendered)],
            U256::ZERO,
        )
        .unwrap();
    let paid = tokens(100);
    assert_eq!(receipt.output, [uint(paid)]);
    assert_eq!(
        number(&one(&sim, "token", "totalSupply", &[])),
        supply - tendered
    );
    assert_invariants(&sim, usd, "tender");
    // At maturity of the call the operator redeems Dave (who holds none:
    // skipped) and Carol, credited to her identity; she withdraws.
    let carol_tokens = number(&one(&sim, "token", "balanceOf", &[addr(CAROL)]));
    let holders = DynSolValue::Array(vec![addr(DAVE), addr(CAROL)]);
    assert_eq!(carol_tokens, tokens(20));
    let quote = one(
        &sim,
        "distribution",
        "quoteRedemption",
        &[uint(U256::ZERO), uint(carol_tokens)],
    );
    assert_eq!(number(&quote), tokens(40));
    let receipt = sim
        .send(
            op,
            "distribution",
            "redeem",
            &[uint(U256::ZERO), holders],
            U256::ZERO,
        )
        .unwrap();
    assert_eq!(receipt.output, [uint(tokens(40))]);
    assert_eq!(
        number(&one(&sim, "token", "balanceOf", &[addr(CAROL)])),
        U256::ZERO
    );
    assert_invariants(&sim, usd, "redeem");
    let before = erc20_balance(&sim, usd, CAROL);
    sim.send(
        CAROL,
        "distribution",
        "withdraw",
        &[uint(U256::ZERO)],
        U256::ZERO,
    )
    .unwrap();
    assert_eq!(erc20_balance(&sim, usd, CAROL), before + tokens(40));
    assert_invariants(&sim, usd, "withdraw");

    // Deadlines pass: Bob's unclaimed dividend and the unspent pool go to
    // the treasury; nothing more is taken.
    sim.world.timestamp = deadline + 1;
    assert_refused(claim(&mut sim, BOB, BOB_ID), "DistributionClaimsClosed");
    let left = tendered;
    assert_refused(
        sim.send(
            BOB,
            "distribution",
            "tender",
            &[uint(U256::ZERO), uint(left)],
            U256::ZERO,
        ),
        "DistributionRedemptionClosed",
    );
    let before = erc20_balance(&sim, usd, treasury);
    let swept = sim
        .send(
            op,
            "distribution",
            "sweepDistribution",
            &[uint(U256::ZERO)],
            U256::ZERO,
        )
        .unwrap();
    let bob_share = split.claim_of(BOB_ID).unwrap().1;
    assert_eq!(swept.output, [uint(bob_share)]);
    let event = swept
        .events
        .iter()
        .find(|(_, name, _)| name == "DistributionSwept");
    assert_eq!(
        event.unwrap().2,
        [uint(U256::ZERO), addr(treasury), uint(bob_share)]
    );
    let swept_pool = sim
        .send(
            op,
            "distribution",
            "sweepRedemption",
            &[uint(U256::ZERO)],
            U256::ZERO,
        )
        .unwrap();
    let unspent = number(&swept_pool.output[0]);
    assert_eq!(unspent, pool - paid - tokens(40));
    let event = swept_pool
        .events
        .iter()
        .find(|(_, name, _)| name == "RedemptionSwept");
    assert_eq!(
        event.unwrap().2,
        [uint(U256::ZERO), addr(treasury), uint(unspent)]
    );
    assert_eq!(
        erc20_balance(&sim, usd, treasury),
        before + bob_share + unspent
    );
    assert_refused(
        sim.send(
            op,
            "distribution",
            "sweepDistribution",
            &[uint(U256::ZERO)],
            U256::ZERO,
        ),
        "DistributionClaimsClosed",
    );
    assert_invariants(&sim, usd, "swept");
    assert_eq!(erc20_balance(&sim, usd, distribution), U256::ZERO);
}
