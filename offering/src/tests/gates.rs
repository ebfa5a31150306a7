//! Every purchase gate on both sides, the agents' controls, and the terms
//! the constructor refuses.
use ::identity_registry::IdentityRegistry;
use ::token::Token;
use alloy_primitives::{Address, U256};
use alloy_sol_types::SolError;
use common::{roles::AgentRoleUnauthorizedAccount, storage::HALF_MAX};
use compliance::Compliance;
use motsu::prelude::*;

use super::*;

fn u(value: u64) -> U256 {
    U256::from(value)
}

/// `buyer` buys exactly `tokens` with ETH, sending `value`.
fn buy_exact(
    offering: &Contract<Offering>,
    buyer: Address,
    tokens: u64,
    value: u64,
    deadline: u64,
) -> Result<U256, Error> {
    buyer.fund(u(value));
    offering
        .sender_and_value(buyer, u(value))
        .buy_exact_tokens(u(tokens), u(value), deadline)
}

#[motsu::test]
fn purchases_wait_for_the_start(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    owner: Address,
    alice: Address,
) {
    let terms = Terms {
        start: NOW + 1,
        ..Terms::default()
    };
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        terms,
    );
    env.register(alice, ALICE_ID);

    let err = buy_exact(&offering, alice, 1, 11, NOW).motsu_unwrap_err();
    assert_eq!(err, OfferingNotStarted { start: NOW + 1 }.into());
    assert!(!offering.sender(alice).is_open());
}

#[motsu::test]
fn purchases_open_at_the_start(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    owner: Address,
    alice: Address,
) {
    let terms = Terms {
        start: NOW,
        end: NOW + 1,
        ..Terms::default()
    };
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        terms,
    );
    env.register(alice, ALICE_ID);

    assert!(offering.sender(alice).is_open());
    buy_exact(&offering, alice, 1, 11, NOW).motsu_unwrap();
    assert_eq!(env.tokens(alice), u(1));
}

#[motsu::test]
fn purchases_stop_at_the_end_and_anyone_may_close(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    owner: Address,
    alice: Address,
) {
    let terms = Terms {
        start: NOW - DAY,
        end: NOW,
        ..Terms::default()
    };
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        terms,
    );
    env.register(alice, ALICE_ID);

    let err = buy_exact(&offering, alice, 1, 11, NOW).motsu_unwrap_err();
    assert_eq!(err, OfferingEnded { end: NOW }.into());

    offering.sender(alice).close().motsu_unwrap();
    assert!(escrow.sender(alice).raise_closed());
    let err = offering.sender(alice).close().motsu_unwrap_err();
    assert_eq!(err, OfferingIsClosed {}.into());
}

#[motsu::test]
fn only_agents_close_before_the_end(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    owner: Address,
    alice: Address,
) {
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        Terms::default(),
    );
    env.register(alice, ALICE_ID);

    let err = offering.sender(alice).close().motsu_unwrap_err();
    assert_eq!(err, OfferingCloseUnauthorized { account: alice }.into());
    assert!(!escrow.sender(alice).raise_closed());
    assert!(!offering.sender(owner).closed(), "open until closed");

    offering.sender(owner).close().motsu_unwrap();
    assert!(offering.sender(owner).closed());
    assert!(escrow.sender(alice).raise_closed());
    offering.assert_emitted(&OfferingClosed {
        sold: U256::ZERO,
        raised: U256::ZERO,
    });
    let err = buy_exact(&offering, alice, 1, 11, NOW).motsu_unwrap_err();
    assert_eq!(err, OfferingIsClosed {}.into());
}

#[motsu::test]
fn contracts_view_names_what_the_offering_was_built_with(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    owner: Address,
) {
    deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        Terms::default(),
    );
    assert_eq!(
        offering.sender(owner).contracts(),
        (
            token.address(),
            registry.address(),
            escrow.address(),
            Address::ZERO
        )
    );
}

#[motsu::test]
fn pause_stops_purchases_until_unpaused(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    owner: Address,
    alice: Address,
) {
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        Terms::default(),
    );
    env.register(alice, ALICE_ID);
    let unauthorized: Error = AgentRoleUnauthorizedAccount { account: alice }.into();

    assert_eq!(
        offering.sender(alice).pause().motsu_unwrap_err(),
        unauthorized
    );
    assert!(!offering.sender(owner).paused());
    offering.sender(owner).pause().motsu_unwrap();
    assert!(offering.sender(owner).paused());
    offering.assert_emitted(&Paused { account: owner });
    assert_eq!(
        offering.sender(owner).pause().motsu_unwrap_err(),
        OfferingEnforcedPause {}.into()
    );
    let err = buy_exact(&offering, alice, 1, 11, NOW).motsu_unwrap_err();
    assert_eq!(err, OfferingEnforcedPause {}.into());

    assert_eq!(
        offering.sender(alice).unpause().motsu_unwrap_err(),
        unauthorized
    );
    offering.sender(owner).unpause().motsu_unwrap();
    offering.assert_emitted(&Unpaused { account: owner });
    assert_eq!(
        offering.sender(owner).unpause().motsu_unwrap_err(),
        OfferingExpectedPause {}.into()
    );
    buy_exact(&offering, alice, 1, 11, NOW).motsu_unwrap();
    assert!(!offering.sender(owner).paused());
}

#[motsu::test]
fn deadline_before_now_is_refused_and_now_is_accepted(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    owner: Address,
    alice: Address,
) {
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        Terms::default(),
    );
    env.register(alice, ALICE_ID);

    let err = buy_exact(&offering, alice, 1, 11, NOW - 1).motsu_unwrap_err();
    assert_eq!(err, OfferingDeadlineExpired { deadline: NOW - 1 }.into());
    buy_exact(&offering, alice, 1, 11, NOW).motsu_unwrap();
}

#[motsu::test]
fn unverified_buyer_is_refused(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    owner: Address,
    alice: Address,
) {
    deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        Terms::default(),
    );

    let err = buy_exact(&offering, alice, 1, 11, NOW).motsu_unwrap_err();

    assert_eq!(err, OfferingUnverifiedBuyer { buyer: alice }.into());
    assert_eq!(eth(alice), u(11));
}

#[motsu::test]
fn zero_tokens_and_slippage_are_refused(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    owner: Address,
    alice: Address,
) {
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        Terms::default(),
    );
    env.register(alice, ALICE_ID);
    alice.fund(u(100));

    // 10 does not buy the first token (11).
    let err = offering
        .sender_and_value(alice, u(10))
        .buy(u(0), NOW)
        .motsu_unwrap_err();
    assert_eq!(err, OfferingZeroPurchase {}.into());
    let err = offering
        .sender_and_value(alice, u(39))
        .buy(u(4), NOW)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        OfferingInsufficientOutput {
            tokens: u(3),
            minTokensOut: u(4),
        }
        .into()
    );
    let err = offering
        .sender_and_value(alice, u(39))
        .buy_exact_tokens(u(3), u(38), NOW)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        OfferingExcessiveCost {
            cost: u(39),
            maxCost: u(38),
        }
        .into()
    );
    // Sending less ETH than the cost is the same refusal.
    let err = offering
        .sender_and_value(alice, u(30))
        .buy_exact_tokens(u(3), u(100), NOW)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        OfferingExcessiveCost {
            cost: u(39),
            maxCost: u(30),
        }
        .into()
    );
    assert_eq!(eth(alice), u(100));
}

#[motsu::test]
fn minimum_investment_is_enforced(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    owner: Address,
    alice: Address,
) {
    let terms = Terms {
        min_investment: u(50),
        ..Terms::default()
    };
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        terms,
    );
    env.register(alice, ALICE_ID);

    let err = buy_exact(&offering, alice, 3, 39, NOW).motsu_unwrap_err();
    assert_eq!(
        err,
        OfferingBelowMinimum {
            minimum: u(50),
            cost: u(39),
        }
        .into()
    );
    // 4 tokens: 40 + 16 = 56.
    buy_exact(&offering, alice, 4, 56, NOW).motsu_unwrap();
}

#[motsu::test]
fn a_purchase_of_exactly_the_minimum_is_accepted(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    owner: Address,
    alice: Address,
) {
    let terms = Terms {
        min_investment: u(39),
        ..Terms::default()
    };
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        terms,
    );
    env.register(alice, ALICE_ID);
    // 2 tokens: 20 + 4 = 24, below; 3 tokens: 30 + 9 = 39, exactly.
    let err = buy_exact(&offering, alice, 2, 24, NOW).motsu_unwrap_err();
    assert_eq!(
        err,
        OfferingBelowMinimum {
            minimum: u(39),
            cost: u(24),
        }
        .into()
    );
    assert_eq!(
        buy_exact(&offering, alice, 3, 39, NOW).motsu_unwrap(),
        u(39)
    );
    assert_eq!(offering.sender(owner).tokens_sold(), u(3));
}

#[motsu::test]
fn the_purchase_completing_the_hard_cap_is_exempt_from_the_minimum(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    owner: Address,
    alice: Address,
) {
    let terms = Terms {
        min_investment: u(50),
        hard_cap: u(6),
        ..Terms::default()
    };
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        terms,
    );
    env.register(alice, ALICE_ID);
    buy_exact(&offering, alice, 4, 56, NOW).motsu_unwrap();

    // 1 of the 2 left costs 10 + 1 * (8 + 1) = 19: below the minimum and
    // short of the hard cap, refused.
    let err = buy_exact(&offering, alice, 1, 19, NOW).motsu_unwrap_err();
    assert_eq!(
        err,
        OfferingBelowMinimum {
            minimum: u(50),
            cost: u(19),
        }
        .into()
    );
    // Both cost 20 + 2 * (8 + 2) = 40, below the minimum, but they complete
    // the hard cap: sold, and the offering closes.
    assert_eq!(
        buy_exact(&offering, alice, 2, 40, NOW).motsu_unwrap(),
        u(40)
    );
    assert_eq!(offering.sender(owner).tokens_sold(), u(6));
    assert_eq!(offering.sender(owner).remaining(), U256::ZERO);
    assert!(offering.sender(owner).closed());
    assert!(escrow.sender(owner).raise_closed());
}

#[motsu::test]
fn investor_caps_depend_on_accreditation_and_count_per_identity(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    owner: Address,
    alice: Address,
    alice2: Address,
    bob: Address,
) {
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        Terms::default(),
    );
    env.register(alice, ALICE_ID);
    env.register(alice2, ALICE_ID);
    env.register(bob, BOB_ID);

    // Non-accredited cap 500: 18 tokens cost 180 + 324 = 504.
    let err = buy_exact(&offering, alice, 18, 504, NOW).motsu_unwrap_err();
    assert_eq!(
        err,
        OfferingInvestorCapExceeded {
            cap: u(500),
            total: u(504),
        }
        .into()
    );
    // 17 cost 459; Alice's second wallet adds 1 more at 45: 504 again.
    buy_exact(&offering, alice, 17, 459, NOW).motsu_unwrap();
    let err = buy_exact(&offering, alice2, 1, 45, NOW).motsu_unwrap_err();
    assert_eq!(
        err,
        OfferingInvestorCapExceeded {
            cap: u(500),
            total: u(504),
        }
        .into()
    );

    // Accredited investors have the 5,000 cap.
    env.accredit(BOB_ID);
    let cost = offering.sender(bob).quote_cost(u(18)).unwrap();
    assert!(cost > u(500));
    buy_exact(&offering, bob, 18, cost.to::<u64>(), NOW).motsu_unwrap();
    assert_eq!(offering.sender(bob).invested(BOB_ID), cost);
}

#[motsu::test]
fn raise_cap_and_hard_cap_are_enforced(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    owner: Address,
    alice: Address,
) {
    let terms = Terms {
        raise_cap: u(100),
        hard_cap: u(7),
        ..Terms::default()
    };
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        terms,
    );
    env.register(alice, ALICE_ID);

    // 6 tokens: 96 of the 100.
    buy_exact(&offering, alice, 6, 96, NOW).motsu_unwrap();
    // The 7th costs 10 + 13 = 23: over the raise cap by 19.
    let err = buy_exact(&offering, alice, 1, 23, NOW).motsu_unwrap_err();
    assert_eq!(err, OfferingRaiseCapExceeded { available: u(4) }.into());
    // More than the hard cap leaves.
    let err = buy_exact(&offering, alice, 2, 100, NOW).motsu_unwrap_err();
    assert_eq!(err, OfferingHardCapExceeded { available: u(1) }.into());
    assert_eq!(offering.sender(alice).remaining(), u(1));
}

#[motsu::test]
fn investing_exactly_up_to_the_investor_cap_is_accepted(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    owner: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        Terms::default(),
    );
    env.register(alice, ALICE_ID);
    env.register(bob, BOB_ID);
    // Bob's 15 tokens (375) move the curve so that Alice's 10 cost
    // 10 * (10 + 30 + 10) = 500: exactly her non-accredited cap.
    buy_exact(&offering, bob, 15, 375, NOW).motsu_unwrap();
    assert_eq!(offering.sender(alice).quote_cost(u(10)).unwrap(), u(500));
    buy_exact(&offering, alice, 10, 500, NOW).motsu_unwrap();
    assert_eq!(offering.sender(alice).invested(ALICE_ID), u(500));
    // Not a wei more.
    let err = buy_exact(&offering, alice, 1, 61, NOW).motsu_unwrap_err();
    assert_eq!(
        err,
        OfferingInvestorCapExceeded {
            cap: u(500),
            total: u(561),
        }
        .into()
    );
}

#[motsu::test]
fn exactly_filling_the_raise_cap_is_accepted(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    owner: Address,
    alice: Address,
) {
    let terms = Terms {
        raise_cap: u(96),
        hard_cap: u(7),
        ..Terms::default()
    };
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        terms,
    );
    env.register(alice, ALICE_ID);
    // 6 tokens cost 96: the whole raise cap.
    buy_exact(&offering, alice, 6, 96, NOW).motsu_unwrap();
    assert_eq!(offering.sender(alice).raised(), u(96));
    let err = buy_exact(&offering, alice, 1, 23, NOW).motsu_unwrap_err();
    assert_eq!(err, OfferingRaiseCapExceeded { available: u(0) }.into());
}

#[motsu::test]
fn token_compliance_still_applies_to_purchases(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    owner: Address,
    alice: Address,
) {
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        Terms::default(),
    );
    env.register(alice, ALICE_ID);
    compliance
        .sender(owner)
        .set_max_balance(true, u(2))
        .motsu_unwrap();

    let err = buy_exact(&offering, alice, 3, 39, NOW).motsu_unwrap_err();

    let refused = ::token::TokenComplianceRefused {
        from: Address::ZERO,
        to: alice,
        amount: u(3),
    };
    assert_eq!(err, Error::Reverted(refused.abi_encode()));
    assert_eq!(offering.sender(owner).tokens_sold(), U256::ZERO);
    assert_eq!(
        escrow.sender(owner).deposited(ALICE_ID),
        (U256::ZERO, U256::ZERO)
    );
}

#[motsu::test]
fn constructor_refuses_unusable_terms(
    offering: Contract<Offering>,
    owner: Address,
    token: Address,
    registry: Address,
    escrow: Address,
) {
    let construct = |contracts: (Address, Address, Address),
                     p0: U256,
                     k: U256,
                     decimals: u8,
                     hard_cap: U256,
                     window: (u64, u64)| {
        offering.sender(owner).constructor(
            owner,
            contracts.0,
            contracts.1,
            contracts.2,
            Address::ZERO,
            p0,
            k,
            decimals,
            hard_cap,
            u(1_000),
            u(0),
            u(1_000),
            u(1_000),
            ACCREDITED,
            window.0,
            window.1,
        )
    };
    let ok = (token, registry, escrow);
    let window = (NOW, NOW + DAY);
    let invalid = |which: &str| -> Error {
        OfferingInvalidTerms {
            which: which.into(),
        }
        .into()
    };
    let cases = [
        (
            construct(
                (Address::ZERO, registry, escrow),
                u(1),
                u(1),
                0,
                u(1),
                window,
            )
            .motsu_unwrap_err(),
            invalid("contract"),
        ),
        (
            construct((token, Address::ZERO, escrow), u(1), u(1), 0, u(1), window)
                .motsu_unwrap_err(),
            invalid("contract"),
        ),
        (
            construct(
                (token, registry, Address::ZERO),
                u(1),
                u(1),
                0,
                u(1),
                window,
            )
            .motsu_unwrap_err(),
            invalid("contract"),
        ),
        (
            construct(ok, u(1), u(1), 19, u(1), window).motsu_unwrap_err(),
            invalid("decimals"),
        ),
        (
            construct(ok, u(1), u(1), 0, u(0), window).motsu_unwrap_err(),
            invalid("hardCap"),
        ),
        (
            construct(ok, u(1), u(1), 0, u(1), (NOW, NOW)).motsu_unwrap_err(),
            invalid("window"),
        ),
        (
            construct(ok, u(0), u(0), 0, u(1), window).motsu_unwrap_err(),
            invalid("price"),
        ),
        (
            construct(ok, HALF_MAX, HALF_MAX, 0, HALF_MAX, window).motsu_unwrap_err(),
            OfferingCurveOverflow {}.into(),
        ),
        // Each term is kept in half a storage word.
        (
            construct(ok, HALF_MAX + u(1), u(1), 18, u(2), window).motsu_unwrap_err(),
            invalid("basePrice"),
        ),
        (
            construct(ok, u(1), HALF_MAX + u(1), 18, u(2), window).motsu_unwrap_err(),
            invalid("slope"),
        ),
        (
            construct(ok, u(1), u(1), 18, HALF_MAX + u(1), window).motsu_unwrap_err(),
            invalid("hardCap"),
        ),
    ];
    for (result, expected) in cases {
        assert_eq!(result, expected);
    }
    construct(ok, u(1), u(1), 18, u(1_000_000), window).motsu_unwrap();
    assert_eq!(offering.sender(owner).terms().3, u(1_000_000));
}

/// The accreditation topic must fit half a word; caps beyond one are kept
/// as 2^128 - 1, which no payment reaches.
#[motsu::test]
fn constructor_refuses_a_wide_topic_and_keeps_caps_within_half_a_word(
    offering: Contract<Offering>,
    wide: Contract<Offering>,
    owner: Address,
    token: Address,
    registry: Address,
    escrow: Address,
) {
    let construct = |offering: &Contract<Offering>, caps: U256, topic: U256| {
        offering.sender(owner).constructor(
            owner,
            token,
            registry,
            escrow,
            Address::ZERO,
            u(1),
            u(1),
            18,
            u(1_000),
            caps,
            caps,
            caps,
            caps,
            topic,
            NOW,
            NOW + DAY,
        )
    };
    let err = construct(&wide, u(1_000), HALF_MAX + u(1)).motsu_unwrap_err();
    assert_eq!(
        err,
        OfferingInvalidTerms {
            which: "accreditationTopic".into()
        }
        .into()
    );
    construct(&offering, U256::MAX, HALF_MAX).motsu_unwrap();
    let terms = offering.sender(owner).terms();
    assert_eq!(
        (terms.4, terms.5, terms.6, terms.7, terms.8),
        (HALF_MAX, HALF_MAX, HALF_MAX, HALF_MAX, HALF_MAX)
    );
}

/// A flat price (no slope) and a price starting at zero (slope only) are
/// both usable curves: only both zero is refused.
#[motsu::test]
fn constructor_accepts_a_flat_curve_and_a_zero_base_price(
    flat: Contract<Offering>,
    from_zero: Contract<Offering>,
    owner: Address,
    token: Address,
    registry: Address,
    escrow: Address,
) {
    for (offering, p0, k) in [(&flat, u(5), u(0)), (&from_zero, u(0), u(3))] {
        offering
            .sender(owner)
            .constructor(
                owner,
                token,
                registry,
                escrow,
                Address::ZERO,
                p0,
                k,
                0,
                u(1_000),
                u(1_000_000),
                u(0),
                u(1_000_000),
                u(1_000_000),
                ACCREDITED,
                NOW,
                NOW + DAY,
            )
            .motsu_unwrap();
        let terms = offering.sender(owner).terms();
        assert_eq!((terms.0, terms.1), (p0, k));
    }
    // Flat: every token costs the base price.
    assert_eq!(flat.sender(owner).quote_cost(u(10)).motsu_unwrap(), u(50));
    assert_eq!(flat.sender(owner).quote_buy(u(50)).motsu_unwrap(), u(10));
    // From zero: the first token costs half a slope step (rounded up).
    assert!(from_zero.sender(owner).quote_cost(u(1)).motsu_unwrap() <= u(3));
}
