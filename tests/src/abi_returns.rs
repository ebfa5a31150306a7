//! What dApps decode is what the ABI says: every view with several return
//! values or a dynamic one, called as raw calldata through a forwarding wallet (so through
//! each contract's router and its ABI encoding, as deployed), must return
//! bytes that decode with the committed JSON ABI and encode back to the
//! same bytes.
use std::{fs, path::Path};

use alloy_dyn_abi::{DynSolType, DynSolValue, FunctionExt, JsonAbiExt, Specifier};
use alloy_json_abi::{Function, JsonAbi, StateMutability};
use alloy_primitives::{Address, U256};
use common::testing::Wallet;
use compliance::Compliance;
use escrow::Escrow;
use identity_registry::IdentityRegistry;
use motsu::prelude::*;
use offering::Offering;
use token::Token;

use crate::suite::*;

/// The committed JSON ABI of `name`.
fn abi(name: &str) -> JsonAbi {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(name)
        .join("abi")
        .join(format!("{name}.json"));
    serde_json::from_str(&fs::read_to_string(&path).expect("the committed ABI")).expect("JSON ABI")
}

/// An argument of type `ty` for a view: `wallet` for addresses, zero
/// otherwise.
fn sample(ty: &DynSolType, wallet: Address) -> DynSolValue {
    match ty {
        DynSolType::Address => DynSolValue::Address(wallet),
        DynSolType::Bool => DynSolValue::Bool(false),
        DynSolType::Uint(bits) => DynSolValue::Uint(U256::ZERO, *bits),
        DynSolType::Int(bits) => DynSolValue::Int(Default::default(), *bits),
        DynSolType::FixedBytes(n) => DynSolValue::FixedBytes(Default::default(), *n),
        other => panic!("no sample for {other}"),
    }
}

/// Calls `function` of `target` through `caller` as raw calldata; returns
/// the decoded outputs after checking they encode back to the same bytes.
fn call_view(
    caller: &Contract<Wallet>,
    target: Address,
    function: &Function,
    wallet: Address,
) -> Vec<DynSolValue> {
    let args: Vec<DynSolValue> = function
        .inputs
        .iter()
        .map(|p| sample(&p.resolve().expect("a type"), wallet))
        .collect();
    let data = function.abi_encode_input(&args).expect("encodes");
    let returned = caller
        .sender(wallet)
        .forward(target, data.into())
        .motsu_res()
        .unwrap_or_else(|err| panic!("{} reverted: {err:?}", function.signature()));
    let decoded = function
        .abi_decode_output(&returned, true)
        .unwrap_or_else(|err| panic!("{}: {err}", function.signature()));
    assert_eq!(
        function.abi_encode_output(&decoded).expect("encodes"),
        returned.to_vec(),
        "{} returns other bytes than its ABI declares",
        function.signature()
    );
    decoded
}

/// Every view of `abi` with two or more return values, or a dynamic one.
fn multi_value_views(abi: &JsonAbi) -> Vec<&Function> {
    abi.functions()
        .filter(|f| {
            let dynamic = f.outputs.iter().any(|p| {
                p.resolve().is_ok_and(|t| {
                    !matches!(t.sol_type_name().as_ref(), "address" | "bool")
                        && (matches!(
                            t,
                            DynSolType::Array(_)
                                | DynSolType::Tuple(_)
                                | DynSolType::Bytes
                                | DynSolType::String
                        ))
                })
            });
            matches!(
                f.state_mutability,
                StateMutability::View | StateMutability::Pure
            ) && (f.outputs.len() > 1 || dynamic)
        })
        .collect()
}

#[motsu::test]
fn every_view_with_several_or_dynamic_values_returns_what_its_abi_declares(
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<Escrow>,
    offering: Contract<Offering>,
    caller: Contract<Wallet>,
    owner: Address,
    operator: Address,
    alice: Address,
) {
    let suite = deploy(&registry, &compliance, &token, owner, operator);
    deploy_offering(&suite, &escrow, &offering, owner, U256::from(1_000));
    // State that fills the arrays: two transfer limits, two lock-ups.
    compliance
        .sender(owner)
        .set_transfer_limits(vec![DAY, 30 * DAY], vec![U256::from(5), U256::from(9)])
        .motsu_unwrap();
    compliance
        .sender(owner)
        .set_lock_up_period(DAY)
        .motsu_unwrap();
    // Alice is also a trusted issuer, so that every view taking an
    // address answers for her.
    registry
        .sender(owner)
        .add_trusted_issuer(alice, vec![U256::from(1)])
        .motsu_unwrap();
    suite.register(alice, ALICE_ID, FRANCE);
    suite.mint(alice, 3);
    compliance
        .sender(owner)
        .set_lock_up_period(2 * DAY)
        .motsu_unwrap();
    suite.mint(alice, 4);

    let contracts = [
        ("identity-registry", registry.address()),
        ("compliance", compliance.address()),
        ("token", token.address()),
        ("offering", offering.address()),
        ("escrow", escrow.address()),
    ];
    let mut checked = Vec::new();
    for (name, address) in contracts {
        let abi = abi(name);
        for function in multi_value_views(&abi) {
            call_view(&caller, address, function, alice);
            checked.push(format!("{name}.{}", function.name));
        }
    }
    for view in [
        "compliance.transferLimits",
        "compliance.lockUps",
        "escrow.milestones",
        "escrow.totals",
        "offering.terms",
    ] {
        assert!(checked.iter().any(|c| c == view), "{view} not checked");
    }

    // The arrays hold what was set, one tuple per entry.
    let rows = |values: Vec<DynSolValue>| -> Vec<Vec<U256>> {
        assert_eq!(values.len(), 1, "one array");
        values[0]
            .as_array()
            .expect("an array")
            .iter()
            .map(|row| {
                row.as_tuple()
                    .expect("a tuple")
                    .iter()
                    .map(|v| v.as_uint().expect("a uint").0)
                    .collect()
            })
            .collect()
    };
    let n = |v: u64| U256::from(v);
    let compliance_abi = abi("compliance");
    let view = |name: &str| compliance_abi.function(name).unwrap()[0].clone();
    assert_eq!(
        rows(call_view(
            &caller,
            compliance.address(),
            &view("transferLimits"),
            alice
        )),
        vec![vec![n(DAY), n(5)], vec![n(30 * DAY), n(9)]]
    );
    assert_eq!(
        rows(call_view(
            &caller,
            compliance.address(),
            &view("lockUps"),
            alice
        )),
        vec![vec![n(NOW + DAY), n(3)], vec![n(NOW + 2 * DAY), n(4)]]
    );
    let milestones = abi("escrow").function("milestones").unwrap()[0].clone();
    assert_eq!(
        rows(call_view(&caller, escrow.address(), &milestones, alice)),
        vec![
            vec![n(5_000), n(NOW + DAY), n(0)],
            vec![n(5_000), n(NOW + 2 * DAY), n(0)]
        ]
    );
}
