//! The shipped wasm (`target/contracts/`, written by `suite check`, which
//! the test command runs first) executed on the runtime: deploy, construct,
//! call, read back, through the router and the ABI as deployed.
use std::path::PathBuf;

use alloy_primitives::{address, keccak256, Address, U256};
use alloy_sol_types::{sol, SolCall, SolEvent};
use stylus_runtime::world::{Call, World};
use wasmi::Engine;

sol! {
    function owner() external view returns (address);
    function addAgent(address agent);
    function registerIdentity(address user, address identity, uint16 country);
    function identity(address user) external view returns (address);
    function investorCountry(address user) external view returns (uint16);
    event IdentityRegistered(address indexed investorAddress, address indexed identity);
    error AgentRoleUnauthorizedAccount(address account);
}

const ADMIN: Address = address!("00000000000000000000000000000000000ad111");
const REGISTRY: Address = address!("0000000000000000000000000000000000001000");
const ALICE: Address = address!("00000000000000000000000000000000000a11ce");
const ALICE_ID: Address = address!("0000000000000000000000000000000000a11ce1");

/// The processed wasm of `name`, if `suite check` wrote it.
fn shipped(name: &str) -> Option<Vec<u8>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../target/contracts")
        .join(format!("{name}.wasm"));
    std::fs::read(path).ok()
}

fn call(world: &mut World, engine: &Engine, from: Address, data: Vec<u8>) -> (bool, Vec<u8>) {
    let outcome = world.transact(engine, &Call::new(from, REGISTRY, data));
    if let Some(trap) = &outcome.trap {
        eprintln!("trap: {trap}");
    }
    (outcome.success, outcome.output)
}

#[test]
fn the_shipped_registry_constructs_registers_and_refuses_on_the_runtime() {
    let Some(wasm) = shipped("identity-registry") else {
        return;
    };
    let engine = Engine::default();
    let mut world = World::new(421_614, 1_735_689_600);
    world.deploy(&engine, REGISTRY, &wasm).unwrap();

    // The StylusDeployer runs the constructor (the selector of
    // `stylus_constructor()`, whatever the arguments); once only.
    let mut construct = keccak256("stylus_constructor()")[..4].to_vec();
    construct.extend_from_slice(ADMIN.into_word().as_slice());
    assert!(call(&mut world, &engine, ADMIN, construct.clone()).0);
    assert!(
        !call(&mut world, &engine, ADMIN, construct).0,
        "constructed twice"
    );

    let (ok, out) = call(&mut world, &engine, ALICE, ownerCall {}.abi_encode());
    assert!(ok);
    assert_eq!(ownerCall::abi_decode_returns(&out, true).unwrap()._0, ADMIN);

    // A stranger cannot register; the revert data is the typed error.
    let register = registerIdentityCall {
        user: ALICE,
        identity: ALICE_ID,
        country: 250,
    }
    .abi_encode();
    let (ok, out) = call(&mut world, &engine, ALICE, register.clone());
    assert!(!ok);
    assert_eq!(
        out,
        alloy_sol_types::SolError::abi_encode(&AgentRoleUnauthorizedAccount { account: ALICE })
    );
    assert!(world.logs.is_empty(), "a revert leaves no log");

    // The owner appoints itself agent, then registers Alice.
    assert!(
        call(
            &mut world,
            &engine,
            ADMIN,
            addAgentCall { agent: ADMIN }.abi_encode()
        )
        .0
    );
    let (ok, _) = call(&mut world, &engine, ADMIN, register);
    assert!(ok);
    let log = world.logs.last().unwrap();
    assert_eq!(log.topics[0], IdentityRegistered::SIGNATURE_HASH);
    assert_eq!(log.topics[1], ALICE.into_word());
    assert_eq!(log.topics[2], ALICE_ID.into_word());

    let (ok, out) = call(
        &mut world,
        &engine,
        ADMIN,
        identityCall { user: ALICE }.abi_encode(),
    );
    assert!(ok);
    assert_eq!(
        identityCall::abi_decode_returns(&out, true).unwrap()._0,
        ALICE_ID
    );
    let (_, out) = call(
        &mut world,
        &engine,
        ADMIN,
        investorCountryCall { user: ALICE }.abi_encode(),
    );
    assert_eq!(
        investorCountryCall::abi_decode_returns(&out, true)
            .unwrap()
            ._0,
        250
    );
    // An unknown selector reverts.
    assert!(
        !call(
            &mut world,
            &engine,
            ADMIN,
            keccak256("nope()")[..4].to_vec()
        )
        .0
    );
}

sol! {
    function canTransfer(address from, address to, uint256 amount) external view returns (bool);
    function identityRegistry() external view returns (address);
}

const COMPLIANCE: Address = address!("0000000000000000000000000000000000002000");

/// Runs `data` on `to` from `from`.
fn call_to(
    world: &mut World,
    engine: &Engine,
    from: Address,
    to: Address,
    data: Vec<u8>,
) -> (bool, Vec<u8>) {
    let outcome = world.transact(engine, &Call::new(from, to, data));
    (outcome.success, outcome.output)
}

#[test]
fn the_shipped_compliance_asks_the_shipped_registry_across_programs() {
    let (Some(registry), Some(compliance)) = (shipped("identity-registry"), shipped("compliance"))
    else {
        return;
    };
    let engine = Engine::default();
    let mut world = World::new(421_614, 1_735_689_600);
    world.deploy(&engine, REGISTRY, &registry).unwrap();
    world.deploy(&engine, COMPLIANCE, &compliance).unwrap();
    let selector = keccak256("stylus_constructor()")[..4].to_vec();
    let mut construct = selector.clone();
    construct.extend_from_slice(ADMIN.into_word().as_slice());
    assert!(call_to(&mut world, &engine, ADMIN, REGISTRY, construct).0);
    let mut construct = selector;
    construct.extend_from_slice(ADMIN.into_word().as_slice());
    construct.extend_from_slice(REGISTRY.into_word().as_slice());
    assert!(call_to(&mut world, &engine, ADMIN, COMPLIANCE, construct).0);
    let (_, out) = call_to(
        &mut world,
        &engine,
        ADMIN,
        COMPLIANCE,
        identityRegistryCall {}.abi_encode(),
    );
    assert_eq!(
        identityRegistryCall::abi_decode_returns(&out, true)
            .unwrap()
            ._0,
        REGISTRY
    );

    // canTransfer reads the recipient's identity and country from the
    // registry: a static call from one program into another.
    let ask = canTransferCall {
        from: Address::ZERO,
        to: ALICE,
        amount: U256::from(1),
    }
    .abi_encode();
    let (ok, out) = call_to(&mut world, &engine, ADMIN, COMPLIANCE, ask);
    assert!(ok);
    assert!(canTransferCall::abi_decode_returns(&out, true).unwrap()._0);
}
