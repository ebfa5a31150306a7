//! The calibration of the meter (issue #14): the gas the runtime gives the
//! programs of main at 888313c (their processed wasm is committed under
//! `fixtures/888313c/`) against receipts measured on a real Stylus runtime
//! (nitro v3.9.5's Stylus crates; chain 421614, one transaction per block,
//! base fee 0, no L1 component, no SSTORE refunds), within 3 %.
//!
//! The registry's operations, transfers through token, registry and
//! compliance with the example plan's rules (six program entries each),
//! and (in [`offering`]) a purchase with ETH and the escrow's operations.
mod offering;
mod suite;

use alloy_primitives::{address, B256, U256};
use alloy_sol_types::SolCall;
use suite::*;
use wasmi::Engine;
#[test]
fn register_identity_costs_what_a_real_stylus_runtime_charges() {
    let engine = Engine::default();
    for (set, cached, measured) in [
        (SHIPPED, false, 85_999),
        (SHIPPED, true, 66_802),
        (STACK_48K, false, 70_867),
        (STACK_48K, true, 51_690),
    ] {
        let mut world = registry(&engine, set, cached);
        let register = registerIdentityCall {
            user: address!("70997970c51812dc3a010c7d01b50e0d17dc79c8"),
            identity: address!("3c44cdddb6a900fa2b585dd299e03d12fa4293bc"),
            country: 250,
        }
        .abi_encode();
        let gas = send(&mut world, &engine, ADMIN, register);
        assert_near("registerIdentity", gas, measured);
    }
}

#[test]
fn add_claim_costs_what_a_real_stylus_runtime_charges() {
    let engine = Engine::default();
    let issuer = address!("90f79bf6eb2c4f870365e785982e1f101e93b906");
    for (cached, measured) in [(false, 132_283), (true, 113_086)] {
        let mut world = registry(&engine, SHIPPED, cached);
        let trust = addTrustedIssuerCall {
            issuer,
            topics: vec![U256::from(1)],
        }
        .abi_encode();
        send(&mut world, &engine, ADMIN, trust);
        let claim = addClaimCall {
            identity: address!("3c44cdddb6a900fa2b585dd299e03d12fa4293bc"),
            topic: U256::from(1),
            expiry: NOW + 365 * 86_400,
            dataHash: B256::repeat_byte(0x5a),
        }
        .abi_encode();
        let gas = send(&mut world, &engine, issuer, claim);
        assert_near("addClaim", gas, measured);
    }
}

#[test]
fn a_compliant_transfer_costs_what_a_real_stylus_runtime_charges() {
    let engine = Engine::default();
    for (cached, first, second) in [(false, 405_329, 318_601), (true, 345_851, 259_123)] {
        let mut world = suite(&engine, cached);
        let transfer = transferCall {
            to: BOB,
            amount: tokens(10),
        }
        .abi_encode();
        let gas = send_to(&mut world, &engine, ALICE, TOKEN, transfer.clone());
        assert_near("G1, first send in the windows", gas, first);
        let gas = send_to(&mut world, &engine, ALICE, TOKEN, transfer);
        assert_near("G1, second send in the windows", gas, second);
    }
}

#[test]
fn a_transfer_to_a_new_holder_and_one_without_rules_cost_what_a_real_runtime_charges() {
    let engine = Engine::default();
    for (cached, new_holder, no_rules) in [(false, 464_623, 287_372), (true, 405_145, 227_894)] {
        let mut world = suite(&engine, cached);
        let send = |to| {
            transferCall {
                to,
                amount: tokens(10),
            }
            .abi_encode()
        };
        send_to(&mut world, &engine, ALICE, TOKEN, send(BOB));
        let gas = send_to(&mut world, &engine, ALICE, TOKEN, send(CAROL));
        assert_near("G2, to a new holder", gas, new_holder);

        let mut world = suite_with(&engine, SHIPPED, cached, false);
        send_to(&mut world, &engine, ALICE, TOKEN, send(BOB));
        let gas = send_to(&mut world, &engine, ALICE, TOKEN, send(BOB));
        assert_near("transfer, every rule off", gas, no_rules);
    }
}

/// The stack's cost: the same build with a 48 KiB stack declares 3 pages
/// instead of 17, which every program entry pays for.
#[test]
fn a_small_stack_saves_what_a_real_stylus_runtime_measured() {
    let engine = Engine::default();
    for (cached, measured) in [(false, 218_936), (true, 159_514)] {
        let mut world = suite_with(&engine, STACK_48K, cached, true);
        let send = transferCall {
            to: BOB,
            amount: tokens(10),
        }
        .abi_encode();
        send_to(&mut world, &engine, ALICE, TOKEN, send.clone());
        let gas = send_to(&mut world, &engine, ALICE, TOKEN, send);
        assert_near("G1 second send, 48 KiB stack", gas, measured);
    }
}

/// Before ArbOS 60 there is no recent-programs cache: a transfer enters the
/// registry three times and the compliance twice, and pays their init each
/// time, uncached; cached in ArbWasmCache, nothing changes.
#[test]
fn before_arbos_60_a_program_entered_again_pays_its_init_again() {
    let engine = Engine::default();
    let transfer = transferCall {
        to: BOB,
        amount: tokens(10),
    }
    .abi_encode();
    let init = |name| {
        stylus_runtime::activation::Activation::of(&fixture(SHIPPED, name))
            .unwrap()
            .init_gas()
    };
    let again = 2 * init("identity-registry") + init("compliance");
    let second_send = |arbos, cached| {
        let mut world = suite(&engine, cached);
        world.arbos_version = arbos;
        send_to(&mut world, &engine, ALICE, TOKEN, transfer.clone());
        send_to(&mut world, &engine, ALICE, TOKEN, transfer.clone())
    };
    assert_eq!(second_send(51, false) - second_send(60, false), again);
    assert_eq!(second_send(51, true), second_send(60, true));
}
