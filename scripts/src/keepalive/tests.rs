//! `suite keepalive` against the fake node: a deployment made by the
//! executor, then its programs' clocks.
use std::time::Duration;

use alloy_primitives::{keccak256, U256};
use alloy_sol_types::SolCall;

use super::*;
use crate::deploy::tests::{node::Node, Scratch, CHAIN};

/// A deployed scratch plan and the options to keep it alive.
fn deployed(test: &str) -> (Scratch, Node) {
    let scratch = Scratch::new(test);
    let node = Node::start(CHAIN);
    scratch.run(&node, false).unwrap();
    (scratch, node)
}

fn options(node: &Node, key: Option<&Scratch>) -> Options {
    Options {
        rpc: node.url.clone(),
        key: key.map(|s| crate::signer::KeySource::File(s.key.clone())),
        within_days: 60,
        data_fee_bump_percent: 20,
        timeout: Duration::from_millis(500),
    }
}

fn run_on(scratch: &Scratch, node: &Node, key: bool) -> BTreeMap<String, Outcome> {
    let key = key.then_some(scratch);
    run(&scratch.dir.join("addresses.json"), &options(node, key)).unwrap()
}

#[test]
fn fresh_programs_need_nothing() {
    let (scratch, node) = deployed("keepalive-fresh");
    let sent = node.sent().len();
    let outcomes = run_on(&scratch, &node, true);
    assert_eq!(outcomes.len(), 3, "every contract, not the deployer");
    assert!(outcomes
        .values()
        .all(|o| *o == Outcome::Alive(365 * 86_400)));
    assert_eq!(node.sent().len(), sent, "nothing sent");
}

#[test]
fn a_program_near_expiry_is_kept_alive_with_the_fee_arbwasm_asks() {
    let (scratch, node) = deployed("keepalive-due");
    let token = scratch.addresses()["token"];
    {
        let mut state = node.state.lock().unwrap();
        state.time_left.insert(token, 59 * 86_400);
        state.keepalive_fee = U256::from(5_000);
    }
    let sent = node.sent().len();
    let outcomes = run_on(&scratch, &node, true);
    assert_eq!(outcomes["token"], Outcome::KeptAlive(U256::from(5_000)));
    assert_eq!(outcomes["compliance"], Outcome::Alive(365 * 86_400));
    let sent = &node.sent()[sent..];
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, ARB_WASM);
    // The fee plus 20 %; ArbWasm refunds the rest.
    assert_eq!(sent[0].value, U256::from(6_000));
    let code = node.state.lock().unwrap().code[&token].clone();
    assert_eq!(
        sent[0].input,
        ArbWasm::codehashKeepaliveCall {
            codehash: keccak256(&code)
        }
        .abi_encode()
    );
    assert_eq!(
        node.state.lock().unwrap().time_left[&token],
        365 * 86_400,
        "the clock restarted"
    );
}

#[test]
fn without_a_key_it_reports_and_sends_nothing() {
    let (scratch, node) = deployed("keepalive-report");
    let token = scratch.addresses()["token"];
    node.state.lock().unwrap().time_left.insert(token, 86_400);
    let sent = node.sent().len();
    let outcomes = run_on(&scratch, &node, false);
    assert_eq!(outcomes["token"], Outcome::KeptAlive(U256::ZERO));
    assert_eq!(node.sent().len(), sent);
}

#[test]
fn an_expired_program_is_activated_again() {
    let (scratch, node) = deployed("keepalive-expired");
    let registry = scratch.addresses()["identity-registry"];
    node.state.lock().unwrap().expired.insert(registry);
    let sent = node.sent().len();
    let outcomes = run_on(&scratch, &node, true);
    let fee = U256::from(1_000_000);
    assert_eq!(outcomes["identity-registry"], Outcome::Reactivated(fee));
    let sent = &node.sent()[sent..];
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].input,
        ArbWasm::activateProgramCall { program: registry }.abi_encode()
    );
    assert_eq!(sent[0].value, U256::from(1_200_000));
    assert!(!node.state.lock().unwrap().expired.contains(&registry));
}

#[test]
fn a_keepalive_too_soon_is_reported_not_sent() {
    let (scratch, node) = deployed("keepalive-soon");
    let token = scratch.addresses()["token"];
    {
        let mut state = node.state.lock().unwrap();
        state.time_left.insert(token, 86_400);
        state.too_soon.insert(token);
    }
    let sent = node.sent().len();
    let outcomes = run_on(&scratch, &node, true);
    match &outcomes["token"] {
        Outcome::Refused(why) => assert!(why.starts_with("ProgramKeepaliveTooSoon"), "{why}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(node.sent().len(), sent);
}
