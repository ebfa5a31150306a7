//! End to end on the shipped wasm (`target/contracts/`, as `suite build`
//! writes it) on the Stylus test runtime: the example plan deployed and
//! handed over, KYC by signed claims, purchases, transfers and their
//! refusals, milestones and refunds; every call encoded, every return
//! value, event and error decoded with the committed JSON ABIs.
use alloy_dyn_abi::{DynSolType, DynSolValue, Specifier};
use alloy_primitives::{Address, B256, U256};

use super::{checks::*, *};
use crate::sim::Reverted;

fn root() -> std::path::PathBuf {
    crate::workspace_root()
}

/// The suite of [`setup`] with the example's rules, uncached.
fn suite() -> Sim {
    setup(&root(), Rules::Example, false).unwrap()
}

/// The token balance of `wallet`.
fn balance(sim: &Sim, wallet: Address) -> U256 {
    match one(sim, "token", "balanceOf", &[addr(wallet)]) {
        DynSolValue::Uint(value, 256) => value,
        other => panic!("balanceOf answered {other:?}"),
    }
}

/// The events' names, in order.
fn names(receipt: &crate::sim::Receipt) -> Vec<String> {
    receipt
        .events
        .iter()
        .map(|(_, name, _)| name.clone())
        .collect()
}

#[test]
fn the_example_plan_deploys_wires_and_hands_over() {
    let root = root();
    let config = config(&root).unwrap();
    let plan = plan::plan(&config, &root).unwrap();
    let mut sim = Sim::new(&root, config.chain_id, config.offering.start).unwrap();
    sim.deploy(&plan, &root, DEPLOYER).unwrap();
    let registry = sim.address("identity-registry").unwrap();
    let compliance = sim.address("compliance").unwrap();
    assert_eq!(
        one(&sim, "identity-registry", "getCompliances", &[]),
        DynSolValue::Array(vec![addr(compliance)])
    );
    assert_eq!(one(&sim, "token", "compliance", &[]), addr(compliance));
    assert_eq!(one(&sim, "token", "identityRegistry", &[]), addr(registry));
    let contracts = sim.view("offering", "contracts", &[]).unwrap();
    assert_eq!(contracts[0], addr(sim.address("token").unwrap()));
    assert_eq!(contracts[2], addr(sim.address("escrow").unwrap()));
    for name in crate::CONTRACTS {
        assert_eq!(one(&sim, name, "owner", &[]), addr(DEPLOYER), "{name}");
        assert_eq!(
            one(&sim, name, "pendingOwner", &[]),
            addr(config.roles.admin)
        );
        let accepted = sim
            .send(config.roles.admin, name, "acceptOwnership", &[], U256::ZERO)
            .unwrap();
        assert_eq!(names(&accepted), ["OwnershipTransferred"], "{name}");
        assert_eq!(one(&sim, name, "owner", &[]), addr(config.roles.admin));
    }
    // The deployer was an agent only while wiring.
    assert_eq!(
        one(&sim, "token", "isAgent", &[addr(DEPLOYER)]),
        DynSolValue::Bool(false)
    );
}

#[test]
fn documents_are_published_read_and_removed_as_erc1643_says() {
    let mut sim = suite();
    let config = config(&root()).unwrap();
    let op = config.roles.operator;
    let prospectus = &config.documents[0];
    let name = DynSolValue::FixedBytes(prospectus.name_word(), 32);
    assert_eq!(
        one(&sim, "documents", "token", &[]),
        addr(sim.address("token").unwrap())
    );
    // The plan published the prospectus, stamped with the deployment's time.
    let published = sim
        .view("documents", "getDocument", std::slice::from_ref(&name))
        .unwrap();
    assert_eq!(published[0], DynSolValue::String(prospectus.uri.clone()));
    assert_eq!(published[1], DynSolValue::FixedBytes(prospectus.hash, 32));
    assert_eq!(
        one(&sim, "documents", "getAllDocuments", &[]),
        DynSolValue::Array(vec![name.clone()])
    );

    // The operator (an agent) replaces it; a holder cannot.
    let uri = DynSolValue::String("ipfs://prospectus-v2".into());
    let digest = DynSolValue::FixedBytes(B256::repeat_byte(0x22), 32);
    let args = [name.clone(), uri.clone(), digest.clone()];
    assert_refused(
        sim.send(ALICE, "documents", "setDocument", &args, U256::ZERO),
        "DocumentsUnauthorizedAccount",
    );
    let receipt = sim
        .send(op, "documents", "setDocument", &args, U256::ZERO)
        .unwrap();
    let (_, event, values) = &receipt.events[0];
    assert_eq!(event, "DocumentUpdated");
    assert_eq!(values, &[name.clone(), uri.clone(), digest.clone()]);
    let updated = sim
        .view("documents", "getDocument", std::slice::from_ref(&name))
        .unwrap();
    assert_eq!(
        updated,
        [uri, digest, uint(U256::from(sim.world.timestamp))]
    );

    let receipt = sim
        .send(
            op,
            "documents",
            "removeDocument",
            std::slice::from_ref(&name),
            U256::ZERO,
        )
        .unwrap();
    assert_eq!(names(&receipt), ["DocumentRemoved"]);
    assert_eq!(
        one(&sim, "documents", "getAllDocuments", &[]),
        DynSolValue::Array(vec![])
    );
    assert_refused(
        sim.send(op, "documents", "removeDocument", &[name], U256::ZERO),
        "DocumentsNotFound",
    );
}

#[test]
fn a_signed_claim_verifies_an_investor_once() {
    let mut sim = suite();
    let op = config(&root()).unwrap().roles.operator;
    let receipt = register(&mut sim, op, ERIN, ERIN_ID, 528).unwrap();
    assert_eq!(names(&receipt), ["IdentityRegistered"]);
    let verified = |sim: &Sim| one(sim, "identity-registry", "isVerified", &[addr(ERIN)]);
    assert_eq!(verified(&sim), DynSolValue::Bool(false));

    let before = sim.clone();
    let claim = signed_claim(&sim, ERIN_ID, 1).unwrap();
    let receipt = sim
        .send(
            DAVE,
            "identity-registry",
            "addSignedClaim",
            &claim,
            U256::ZERO,
        )
        .unwrap();
    assert_eq!(verified(&sim), DynSolValue::Bool(true));
    let (_, name, values) = &receipt.events[0];
    assert_eq!(name, "ClaimAdded");
    assert_eq!(values[0], addr(ERIN_ID));

    // The same signature, replayed: its nonce is used.
    let replay = sim.send(
        DAVE,
        "identity-registry",
        "addSignedClaim",
        &claim,
        U256::ZERO,
    );
    assert_refused(replay, "IdentityRegistryInvalidClaimNonce");
    // A claim for a topic the issuer is not trusted for.
    let mut untrusted = before;
    let refused = add_signed_claim(&mut untrusted, ERIN_ID, 9);
    assert_refused(refused, "IdentityRegistryIssuerNotTrustedForTopic");
}

#[test]
fn a_purchase_mints_locked_tokens_and_deposits_the_payment() {
    let mut sim = suite();
    let escrow = sim.address("escrow").unwrap();
    let paid = tokens(1);
    let deadline = DynSolValue::Uint(U256::from(sim.world.timestamp + DAY), 64);
    let args = [uint(U256::from(1)), deadline.clone()];
    let receipt = sim.send(CAROL, "offering", "buy", &args, paid).unwrap();
    let DynSolValue::Uint(bought, 256) = receipt.output[0] else {
        panic!("buy answered {:?}", receipt.output);
    };
    assert!(bought > U256::ZERO);
    assert_eq!(names(&receipt), ["Deposited", "Transfer", "Purchase"]);
    assert_eq!(balance(&sim, CAROL), bought);
    assert_eq!(sim.world.balance(escrow), paid);
    assert_eq!(sim.world.balance(CAROL), tokens(1_000_000) - paid);
    let (_, _, purchase) = &receipt.events[2];
    assert_eq!(purchase[..3], [addr(CAROL), uint(paid), uint(bought)]);

    // Refusals change nothing, and name their error.
    let before = (sim.world.balance(escrow), balance(&sim, CAROL));
    let unverified = sim.send(ERIN, "offering", "buy", &args, paid);
    assert_refused(unverified, "OfferingUnverifiedBuyer");
    let small = sim.send(CAROL, "offering", "buy", &args, U256::from(1_000));
    assert_refused(small, "OfferingBelowMinimum");
    let late = [uint(U256::from(1)), DynSolValue::Uint(U256::from(1), 64)];
    let late = sim.send(CAROL, "offering", "buy", &late, paid);
    assert_refused(late, "OfferingDeadlineExpired");
    // Purchased tokens are locked for a year.
    let locked = transfer(&mut sim, CAROL, BOB);
    assert_refused(locked, "TokenComplianceRefused");
    assert_eq!(before, (sim.world.balance(escrow), balance(&sim, CAROL)));
}

#[test]
fn transfers_follow_the_rules_and_refusals_change_nothing() {
    let mut sim = after_lock_up(suite()).unwrap();
    let op = config(&root()).unwrap().roles.operator;
    let receipt = sim
        .send(
            ALICE,
            "token",
            "transfer",
            &[addr(BOB), uint(tokens(10))],
            U256::ZERO,
        )
        .unwrap();
    assert_eq!(receipt.output, [DynSolValue::Bool(true)]);
    assert_eq!(names(&receipt), ["Transfer"]);
    assert_eq!(
        receipt.events[0].2,
        [addr(ALICE), addr(BOB), uint(tokens(10))]
    );
    assert_eq!(balance(&sim, ALICE), tokens(990));
    assert_eq!(balance(&sim, BOB), tokens(1_010));

    // A KYC'd investor of a country outside the allow-list (Japan).
    register(&mut sim, op, ERIN, ERIN_ID, 392).unwrap();
    add_claim(&mut sim, ERIN_ID, 1).unwrap();
    let outside = transfer(&mut sim, ALICE, ERIN);
    assert_refused(outside, "TokenComplianceRefused");
    // An unregistered wallet.
    let unverified = transfer(&mut sim, ALICE, address_of(0xee));
    assert_refused(unverified, "TokenUnverifiedRecipient");
    // A frozen wallet.
    let freeze = [addr(BOB), DynSolValue::Bool(true)];
    let frozen = sim
        .send(op, "token", "setAddressFrozen", &freeze, U256::ZERO)
        .unwrap();
    assert_eq!(names(&frozen), ["AddressFrozen"]);
    assert_refused(transfer(&mut sim, BOB, ALICE), "TokenWalletFrozen");
    // A frozen wallet receives nothing either.
    assert_refused(transfer(&mut sim, ALICE, BOB), "TokenWalletFrozen");
    // More than the balance.
    let all = [addr(CAROL), uint(tokens(991))];
    let much = sim.send(ALICE, "token", "transfer", &all, U256::ZERO);
    assert_refused(much, "TokenInsufficientFreeBalance");
    assert_eq!(balance(&sim, ALICE), tokens(990));
    assert_eq!(balance(&sim, BOB), tokens(1_010));
}

#[test]
fn milestones_pay_the_treasury_and_a_failure_refunds_the_rest() {
    let mut sim = suite();
    let config = config(&root()).unwrap();
    let (op, treasury) = (config.roles.operator, config.roles.treasury);
    let escrow = sim.address("escrow").unwrap();
    let paid = tokens(250);
    buy(&mut sim, ALICE, paid).unwrap();
    let bought = balance(&sim, ALICE) - tokens(1_000);
    let closed = sim.send(op, "offering", "close", &[], U256::ZERO).unwrap();
    assert_eq!(names(&closed), ["RaiseClosed", "OfferingClosed"]);
    assert_eq!(closed.events[0].2, [DynSolValue::Bool(true), uint(paid)]);

    let early = sim.send(
        BOB,
        "escrow",
        "failMilestone",
        &[uint(U256::ZERO)],
        U256::ZERO,
    );
    assert_refused(early, "EscrowMilestoneNotDue");
    let stranger = sim.send(
        BOB,
        "escrow",
        "approveMilestone",
        &[uint(U256::ZERO)],
        U256::ZERO,
    );
    assert_refused(stranger, "EscrowUnauthorizedApprover");
    let approver = config.roles.approver;
    sim.send(
        approver,
        "escrow",
        "approveMilestone",
        &[uint(U256::ZERO)],
        U256::ZERO,
    )
    .unwrap();
    let withdrawal = sim
        .send(BOB, "escrow", "withdraw", &[], U256::ZERO)
        .unwrap();
    let first_share = paid * U256::from(3_000) / U256::from(10_000);
    assert_eq!(withdrawal.events[0].2, [addr(treasury), uint(first_share)]);
    assert_eq!(sim.world.balance(treasury), first_share);
    assert_eq!(sim.world.balance(escrow), paid - first_share);

    sim.world.timestamp = config.escrow.milestones[1].deadline + 1;
    let failed = sim.send(
        BOB,
        "escrow",
        "failMilestone",
        &[uint(U256::from(1))],
        U256::ZERO,
    );
    assert_eq!(names(&failed.unwrap()), ["MilestoneFailed"]);
    // Alice returns her purchased tokens: the unreleased 70 % comes back.
    let before = sim.world.balance(ALICE);
    let refund = [uint(bought), addr(ALICE)];
    let refunded = sim
        .send(ALICE, "escrow", "claimRefund", &refund, U256::ZERO)
        .unwrap();
    let returned = paid - first_share;
    assert_eq!(refunded.output, [uint(returned)]);
    assert_eq!(sim.world.balance(ALICE) - before, returned);
    assert_eq!(sim.world.balance(escrow), U256::ZERO);
    assert_eq!(balance(&sim, ALICE), tokens(1_000));
    let refund = [uint(tokens(1)), addr(ALICE)];
    let again = sim.send(ALICE, "escrow", "claimRefund", &refund, U256::ZERO);
    assert_refused(again, "EscrowRefundExceedsPurchase");
}

/// The offering taking a Solidity ERC-20: the offering pulls the cost
/// from the buyer into the escrow; the escrow pays milestones and refunds
/// in it. Stylus programs and an EVM contract calling each other.
#[test]
fn an_offering_in_a_solidity_stablecoin_pulls_the_cost_into_the_escrow() {
    use alloy_sol_types::SolCall;
    let root = root();
    let (mut sim, usd) = stablecoin_setup(&root, false).unwrap();
    let (offering, escrow) = (
        sim.address("offering").unwrap(),
        sim.address("escrow").unwrap(),
    );

    fund_in_stablecoin(&mut sim, usd, USD_ISSUER, CAROL, offering).unwrap();

    let deadline = DynSolValue::Uint(U256::from(sim.world.timestamp + DAY), 64);
    let args = [uint(tokens(5)), uint(U256::from(1)), deadline.clone()];
    let receipt = sim
        .send(CAROL, "offering", "buyWithToken", &args, U256::ZERO)
        .unwrap();
    let DynSolValue::Uint(bought, 256) = receipt.output[0] else {
        panic!("buyWithToken answered {:?}", receipt.output);
    };
    assert_eq!(balance(&sim, CAROL), bought);
    let (_, _, purchase) = receipt
        .events
        .iter()
        .find(|(_, name, _)| name == "Purchase")
        .unwrap();
    let DynSolValue::Uint(cost, 256) = purchase[1] else {
        panic!("Purchase carried {purchase:?}");
    };
    assert!(cost > U256::ZERO && cost <= tokens(5));
    assert_eq!(erc20_balance(&sim, usd, escrow), cost);
    assert_eq!(erc20_balance(&sim, usd, CAROL), tokens(1_000) - cost);

    // ETH is refused; so is a pull beyond the allowance, changing nothing.
    let eth = sim.send(
        CAROL,
        "offering",
        "buy",
        &[uint(U256::from(1)), deadline.clone()],
        tokens(1),
    );
    assert_refused(eth, "OfferingWrongAsset");
    let approve = erc20::approveCall {
        spender: offering,
        amount: tokens(1),
    }
    .abi_encode();
    sim.raw(CAROL, usd, approve, U256::ZERO).unwrap();
    let args = [uint(tokens(2)), uint(U256::from(1)), deadline];
    let beyond = sim.send(CAROL, "offering", "buyWithToken", &args, U256::ZERO);
    let error = refusal(beyond);
    assert!(error.contains("allowance"), "{error}");
    assert_eq!(erc20_balance(&sim, usd, escrow), cost);
}

/// A value of `ty` to call a view with.
fn sample(ty: &DynSolType) -> DynSolValue {
    match ty {
        DynSolType::Address => addr(ALICE),
        DynSolType::Bool => DynSolValue::Bool(false),
        DynSolType::Uint(bits) => DynSolValue::Uint(U256::from(1), *bits),
        DynSolType::Int(bits) => DynSolValue::Int(alloy_primitives::I256::ONE, *bits),
        DynSolType::FixedBytes(size) => DynSolValue::FixedBytes(B256::ZERO, *size),
        DynSolType::Bytes => DynSolValue::Bytes(Vec::new()),
        DynSolType::String => DynSolValue::String(String::new()),
        DynSolType::Array(_) => DynSolValue::Array(Vec::new()),
        DynSolType::FixedArray(item, n) => DynSolValue::FixedArray(vec![sample(item); *n]),
        DynSolType::Tuple(items) => DynSolValue::Tuple(items.iter().map(sample).collect()),
        other => panic!("no sample of {other}"),
    }
}

/// Every view of every contract answers in its ABI's encoding, exactly:
/// the return data decodes (strictly) and encodes back to the same bytes,
/// or the call reverts with an error the ABIs name. This is what motsu
/// cannot see: the router's encoding as deployed.
#[test]
fn every_view_answers_in_the_encoding_its_abi_declares() {
    let sim = after_lock_up(suite()).unwrap();
    let mut viewed = 0;
    for name in crate::CONTRACTS {
        let path = root().join(name).join("abi").join(format!("{name}.json"));
        let abi: alloy_json_abi::JsonAbi =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for function in abi.functions() {
            use alloy_json_abi::StateMutability::{Pure, View};
            if !matches!(function.state_mutability, View | Pure) {
                continue;
            }
            let args: Vec<DynSolValue> = function
                .inputs
                .iter()
                .map(|input| sample(&input.resolve().unwrap()))
                .collect();
            let signature = function.signature();
            let to = sim.address(name).unwrap();
            let data = alloy_dyn_abi::JsonAbiExt::abi_encode_input(function, &args).unwrap();
            match sim.clone().raw(ALICE, to, data, U256::ZERO) {
                Ok((output, _)) => {
                    let values =
                        alloy_dyn_abi::FunctionExt::abi_decode_output(function, &output, true)
                            .unwrap_or_else(|e| panic!("{name}.{signature}: {e}"));
                    let again = DynSolValue::Tuple(values).abi_encode_params();
                    assert_eq!(again, output, "{name}.{signature}: not the ABI's encoding");
                }
                Err(err) => {
                    let error = &err.downcast_ref::<Reverted>().unwrap().error;
                    assert!(
                        !error.starts_with("0x") && !error.starts_with("a trap"),
                        "{name}.{signature}: {error}"
                    );
                }
            }
            viewed += 1;
        }
    }
    assert!(viewed > 60, "{viewed} views");
}

/// An address made of `byte`.
fn address_of(byte: u8) -> Address {
    Address::repeat_byte(byte)
}

/// `transfer(to, amount)`'s calldata.
fn transfer_calldata(to: Address, amount: U256) -> Vec<u8> {
    let mut data = crate::encode::selector("transfer(address,uint256)").to_vec();
    data.extend_from_slice(to.into_word().as_slice());
    data.extend_from_slice(&amount.to_be_bytes::<32>());
    data
}

/// What `data` sent by `from` with `value` does to the token's hot program
/// and, alone in its own account, to the token's full program: each
/// refusal's error as the sim explains it, `None` when it passed.
fn hot_and_full(sim: &Sim, from: Address, data: &[u8], value: U256) -> [Option<String>; 2] {
    hot_and_full_of(sim, "token", from, data, value)
}

/// [`hot_and_full`] for `contract`.
fn hot_and_full_of(
    sim: &Sim,
    contract: &str,
    from: Address,
    data: &[u8],
    value: U256,
) -> [Option<String>; 2] {
    [contract.to_string(), format!("{contract}.full")].map(|name| {
        let mut sim = sim.clone();
        sim.world.balances.insert(from, value + U256::from(10));
        let to = sim.address(&name).unwrap();
        sim.raw(from, to, data.to_vec(), value)
            .err()
            .map(|err| err.downcast_ref::<Reverted>().unwrap().error.clone())
    })
}

#[test]
fn the_hot_token_refuses_value_and_non_canonical_calldata_as_the_full_program_does() {
    let sim = setup(&root(), Rules::Off, false).unwrap();
    let canonical = transfer_calldata(BOB, tokens(10));
    let no_data = Some("no revert data".to_string());
    // Value sent to a function that takes none.
    let with_value = hot_and_full(&sim, ALICE, &canonical, U256::from(1));
    assert_eq!(with_value, [no_data.clone(), no_data.clone()]);
    // An address with a dirty high byte, a trailing byte, a missing byte.
    let mut dirty = canonical.clone();
    dirty[4] = 1;
    let mut long = canonical.clone();
    long.push(0);
    let short = canonical[..canonical.len() - 1].to_vec();
    for data in [dirty, long, short] {
        assert_eq!(
            hot_and_full(&sim, ALICE, &data, U256::ZERO),
            [no_data.clone(), no_data.clone()]
        );
    }
    // Nothing moved; the canonical call passes through the hot program.
    assert_eq!(balance(&sim, ALICE), tokens(1_000));
    let mut sim = sim;
    let token = sim.address("token").unwrap();
    sim.raw(ALICE, token, canonical, U256::ZERO).unwrap();
    assert_eq!(balance(&sim, BOB), tokens(1_010));
}

#[test]
fn the_hot_token_delegates_everything_else_into_its_own_account() {
    let mut sim = setup(&root(), Rules::Off, false).unwrap();
    let full = sim.address("token.full").unwrap();
    // Delegated: the owner's and agents' functions, events from the token.
    let op = rules_config(&root(), Rules::Off).unwrap().roles.operator;
    let paused = sim.send(op, "token", "pause", &[], U256::ZERO).unwrap();
    assert_eq!(names(&paused), ["Paused"]);
    assert_eq!(one(&sim, "token", "paused", &[]), DynSolValue::Bool(true));
    assert_refused(transfer(&mut sim, ALICE, BOB), "TokenEnforcedPause");
    // The full program's own account holds nothing.
    assert!(sim
        .world
        .storage
        .get(&full)
        .is_none_or(|slots| slots.is_empty()));
}

#[test]
fn without_its_full_program_the_hot_token_refuses_what_it_would_delegate() {
    let mut sim = setup(&root(), Rules::Off, false).unwrap();
    let full = sim.address("token.full").unwrap();
    sim.world.code.remove(&full);
    sim.world.programs.remove(&full);
    let op = rules_config(&root(), Rules::Off).unwrap().roles.operator;
    // A delegate call to an empty account would succeed doing nothing.
    let refused = sim.send(op, "token", "pause", &[], U256::ZERO);
    assert_eq!(refusal(refused), "no revert data");
    assert_eq!(balance(&sim, ALICE), tokens(1_000));
    // The hot paths still answer.
    transfer(&mut sim, ALICE, BOB).unwrap();
    assert_eq!(balance(&sim, BOB), tokens(1_010));
}

/// `signature`'s calldata with `args`, ABI-encoded.
fn calldata(signature: &str, args: &[DynSolValue]) -> Vec<u8> {
    let mut data = crate::encode::selector(signature).to_vec();
    data.extend(DynSolValue::Tuple(args.to_vec()).abi_encode_params());
    data
}

#[test]
fn the_hot_registry_refuses_what_the_full_program_refuses_and_answers_the_rest() {
    let sim = setup(&root(), Rules::Off, false).unwrap();
    let op = rules_config(&root(), Rules::Off).unwrap().roles.operator;
    let no_data = Some("no revert data".to_string());
    let register = |country: u64| {
        calldata(
            "registerIdentity(address,address,uint16)",
            &[addr(ERIN), addr(ERIN_ID), uint(U256::from(country))],
        )
    };
    // A country past uint16 is not a canonical uint16.
    assert_eq!(
        hot_and_full_of(&sim, "identity-registry", op, &register(65_536), U256::ZERO),
        [no_data.clone(), no_data.clone()]
    );
    // A canonical call: answered hot in the registry's account; the full
    // program alone (its own, empty, storage) knows no agent.
    let [hot, full] = hot_and_full_of(&sim, "identity-registry", op, &register(840), U256::ZERO);
    assert_eq!(hot, None);
    assert!(full.is_some_and(|error| error.starts_with("AgentRoleUnauthorizedAccount(")));
    // A signed claim whose signature's padding is not zero.
    let signed = calldata(
        "addSignedClaim(address,uint256,address,uint64,bytes32,uint256,bytes)",
        &signed_claim(&sim, ERIN_ID, 1).unwrap(),
    );
    let mut dirty = signed.clone();
    *dirty.last_mut().unwrap() = 1;
    assert_eq!(
        hot_and_full_of(&sim, "identity-registry", ALICE, &dirty, U256::ZERO),
        [no_data.clone(), no_data]
    );
    let [hot, full] = hot_and_full_of(&sim, "identity-registry", ALICE, &signed, U256::ZERO);
    assert_eq!(hot, None);
    assert!(
        full.is_some_and(|error| error.starts_with("IdentityRegistryIssuerNotTrustedForTopic("))
    );
}

#[test]
fn the_hot_batch_transfer_checks_as_the_full_program_does() {
    let mut sim = setup(&root(), Rules::Off, false).unwrap();
    let batch = |to: Vec<DynSolValue>, amounts: Vec<DynSolValue>| {
        calldata(
            "batchTransfer(address[],uint256[])",
            &[DynSolValue::Array(to), DynSolValue::Array(amounts)],
        )
    };
    // Arrays of different lengths: the typed error, from both programs.
    let uneven = batch(vec![addr(BOB), addr(CAROL)], vec![uint(tokens(1))]);
    let [hot, full] = hot_and_full(&sim, ALICE, &uneven, U256::ZERO);
    assert!(hot.is_some_and(|error| error.starts_with("TokenArrayLengthMismatch(")));
    assert!(full.is_some_and(|error| error.starts_with("TokenArrayLengthMismatch(")));
    // A recipient with a dirty high byte: not a canonical address[].
    let mut dirty = batch(vec![addr(BOB)], vec![uint(tokens(1))]);
    dirty[4 + 3 * 32] = 1;
    let no_data = Some("no revert data".to_string());
    assert_eq!(
        hot_and_full(&sim, ALICE, &dirty, U256::ZERO),
        [no_data.clone(), no_data]
    );
    // All or nothing: the second pair is refused (Carol's 1,001 tokens are
    // more than Alice holds after the first), so the first moves nothing.
    let token = sim.address("token").unwrap();
    let too_much = batch(
        vec![addr(BOB), addr(CAROL)],
        vec![uint(tokens(1)), uint(tokens(1_000))],
    );
    assert!(sim.raw(ALICE, token, too_much, U256::ZERO).is_err());
    assert_eq!(balance(&sim, BOB), tokens(1_000));
    let both = batch(
        vec![addr(BOB), addr(CAROL)],
        vec![uint(tokens(1)), uint(tokens(2))],
    );
    sim.raw(ALICE, token, both, U256::ZERO).unwrap();
    assert_eq!(balance(&sim, BOB), tokens(1_001));
    assert_eq!(balance(&sim, CAROL), tokens(2));
    assert_eq!(balance(&sim, ALICE), tokens(997));
}

#[test]
fn the_hot_offering_takes_value_only_where_the_full_program_does() {
    let sim = setup(&root(), Rules::Example, false).unwrap();
    let no_data = Some("no revert data".to_string());
    // buyWithToken takes no value: refused with it by both programs.
    let with_token = calldata(
        "buyWithToken(uint256,uint256,uint64)",
        &[
            uint(U256::from(1)),
            uint(U256::ZERO),
            uint(U256::from(u64::MAX)),
        ],
    );
    assert_eq!(
        hot_and_full_of(&sim, "offering", ALICE, &with_token, U256::from(1)),
        [no_data.clone(), no_data.clone()]
    );
    // A deadline past uint64 is not a canonical uint64.
    let late = calldata(
        "buy(uint256,uint64)",
        &[uint(U256::ZERO), uint(U256::from(1) << 64)],
    );
    assert_eq!(
        hot_and_full_of(&sim, "offering", ALICE, &late, U256::from(1)),
        [no_data.clone(), no_data]
    );
    // buy takes value: the hot program sells (the full program alone has no
    // terms and refuses with its typed error, not for the value).
    let buy = calldata(
        "buy(uint256,uint64)",
        &[uint(U256::ZERO), uint(U256::from(u64::MAX))],
    );
    let [hot, full] = hot_and_full_of(&sim, "offering", ALICE, &buy, eth_milli(100));
    assert_eq!(hot, None);
    assert!(
        full.as_deref()
            .is_some_and(|error| error.starts_with("Offering")),
        "full: {full:?}"
    );
}

#[test]
fn the_hot_distribution_decodes_claims_and_redemptions_as_the_full_program_does() {
    let (mut sim, usd) = stablecoin_setup(&root(), false).unwrap();
    let op = rules_config(&root(), Rules::Example)
        .unwrap()
        .roles
        .operator;
    let (split, _) = even_dividend(&mut sim, usd, op).unwrap();
    let (index, amount, proof) = split.claim_of(ALICE_ID).unwrap();
    let proof = proof
        .into_iter()
        .map(|p| DynSolValue::FixedBytes(p, 32))
        .collect();
    let claim = calldata(
        "claim(uint256,uint256,uint256,bytes32[])",
        &[
            uint(U256::ZERO),
            uint(U256::from(index)),
            uint(amount),
            DynSolValue::Array(proof),
        ],
    );
    let no_data = Some("no revert data".to_string());
    let both_refuse = [no_data.clone(), no_data.clone()];
    // Value; the proof's offset moved; a trailing byte; a length beyond
    // the proof's words.
    assert_eq!(
        hot_and_full_of(&sim, "distribution", ALICE, &claim, U256::from(1)),
        both_refuse
    );
    let mut moved = claim.clone();
    moved[4 + 127] = 0xa0;
    let mut long = claim.clone();
    long.push(0);
    let mut counted = claim.clone();
    counted[4 + 159] += 1;
    for data in [moved, long, counted] {
        assert_eq!(
            hot_and_full_of(&sim, "distribution", ALICE, &data, U256::ZERO),
            both_refuse
        );
    }
    // The canonical claim: answered hot, and paid; the full program alone
    // (its own, empty, storage) knows no distribution.
    let [hot, full] = hot_and_full_of(&sim, "distribution", ALICE, &claim, U256::ZERO);
    assert_eq!(hot, None);
    assert!(full.is_some_and(|error| error.starts_with("DistributionUnknown(")));
    let distribution = sim.address("distribution").unwrap();
    sim.raw(ALICE, distribution, claim, U256::ZERO).unwrap();
    assert_eq!(erc20_balance(&sim, usd, distribution), tokens(500));

    // redeem: a holder with a dirty high byte is no address[].
    let redeem = calldata(
        "redeem(uint256,address[])",
        &[uint(U256::ZERO), DynSolValue::Array(vec![addr(ALICE)])],
    );
    let mut dirty = redeem.clone();
    dirty[4 + 96] = 1;
    assert_eq!(
        hot_and_full_of(&sim, "distribution", op, &dirty, U256::ZERO),
        both_refuse
    );
    let [hot, _] = hot_and_full_of(&sim, "distribution", op, &redeem, U256::ZERO);
    assert_eq!(hot.as_deref(), Some("DistributionUnknown(0)"));
    // tender and withdraw take no value.
    for data in [
        calldata(
            "tender(uint256,uint256)",
            &[uint(U256::ZERO), uint(tokens(1))],
        ),
        calldata("withdraw(uint256)", &[uint(U256::ZERO)]),
    ] {
        assert_eq!(
            hot_and_full_of(&sim, "distribution", ALICE, &data, U256::from(1)),
            both_refuse
        );
    }
}
