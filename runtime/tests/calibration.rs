//! The calibration of the meter (issue #14): the gas the runtime gives the
//! programs of main at 888313c (their processed wasm is committed under
//! `fixtures/888313c/`) against receipts measured on a real Stylus runtime
//! (nitro v3.9.5's Stylus crates; chain 421614, one transaction per block,
//! base fee 0, no L1 component, no SSTORE refunds), within 3 %.
//!
//! So far the operations on one program; the transfers and purchases,
//! which need the whole suite deployed and wired, come with the EVM side.
use alloy_primitives::{address, keccak256, Address, B256, U256};
use alloy_sol_types::{sol, SolCall};
use stylus_runtime::world::{Call, World, GAS_LIMIT};
use wasmi::Engine;

sol! {
    function addAgent(address agent);
    function registerIdentity(address user, address identity, uint16 country);
    function addTrustedIssuer(address issuer, uint256[] topics);
    function addClaim(address identity, uint256 topic, uint64 expiry, bytes32 dataHash);
}

const ADMIN: Address = address!("f39fd6e51aad88f6f4ce6ab8827279cfffb92266");
const REGISTRY: Address = address!("5fbdb2315678afecb367f032d93f642f64180aa3");
const NOW: u64 = 1_764_547_200;

/// A fixture's processed wasm.
fn fixture(name: &str) -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/888313c/");
    std::fs::read(format!("{path}{name}.wasm")).unwrap()
}

/// A transaction from `from` to the registry; its receipt gas.
fn send(world: &mut World, engine: &Engine, from: Address, data: Vec<u8>) -> u64 {
    let call = Call {
        from,
        to: REGISTRY,
        value: U256::ZERO,
        data,
        is_static: false,
        gas: GAS_LIMIT,
    };
    let (outcome, gas) = world.receipt(engine, &call);
    assert!(outcome.success, "{:?} {:?}", outcome.trap, outcome.output);
    gas
}

/// Within 3 % of the measured figure.
fn assert_near(what: &str, gas: u64, measured: u64) {
    let off = gas.abs_diff(measured) as f64 / measured as f64;
    eprintln!("{what}: {gas} gas, measured {measured}");
    assert!(
        off <= 0.03,
        "{what}: {gas} gas, measured {measured} ({:.1} % off)",
        off * 100.0
    );
}

/// The registry constructed by `ADMIN`, who is also an agent.
fn registry(engine: &Engine, cached: bool) -> World {
    let mut world = World::new(421_614, NOW);
    world
        .deploy(engine, REGISTRY, &fixture("identity-registry"))
        .unwrap();
    if cached {
        world.cached.insert(REGISTRY);
    }
    let mut construct = keccak256("stylus_constructor()")[..4].to_vec();
    construct.extend_from_slice(ADMIN.into_word().as_slice());
    send(&mut world, engine, ADMIN, construct);
    send(
        &mut world,
        engine,
        ADMIN,
        addAgentCall { agent: ADMIN }.abi_encode(),
    );
    world
}

#[test]
fn register_identity_costs_what_a_real_stylus_runtime_charges() {
    let engine = Engine::default();
    for (cached, measured) in [(false, 85_999), (true, 66_802)] {
        let mut world = registry(&engine, cached);
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
        let mut world = registry(&engine, cached);
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
