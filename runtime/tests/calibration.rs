//! The calibration of the meter (issue #14): the gas the runtime gives the
//! programs of main at 888313c (their processed wasm is committed under
//! `fixtures/888313c/`) against receipts measured on a real Stylus runtime
//! (nitro v3.9.5's Stylus crates; chain 421614, one transaction per block,
//! base fee 0, no L1 component, no SSTORE refunds), within 3 %.
//!
//! The registry's operations, and transfers through token, registry and
//! compliance with the example plan's rules (six program entries each).
//! Purchases (ETH and an EVM escrow path) and the escrow's operations come
//! with the EVM side.
use alloy_primitives::{address, keccak256, Address, B256, U256};
use alloy_sol_types::{sol, SolCall};
use stylus_runtime::world::{Call, World};
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

/// The build the figures were measured on.
const SHIPPED: &str = "888313c";
/// The same build linked with a 48 KiB stack (3 pages declared, not 17).
const STACK_48K: &str = "888313c-stack48k";

/// A fixture's processed wasm, from the build `set`.
fn fixture(set: &str, name: &str) -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/");
    std::fs::read(format!("{path}{set}/{name}.wasm")).unwrap()
}

/// A transaction from `from` to the registry; its receipt gas.
fn send(world: &mut World, engine: &Engine, from: Address, data: Vec<u8>) -> u64 {
    send_to(world, engine, from, REGISTRY, data)
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

/// The registry of the build `set` constructed by `ADMIN`, who is also an
/// agent.
fn registry(engine: &Engine, set: &str, cached: bool) -> World {
    let mut world = World::new(421_614, NOW);
    world
        .deploy(engine, REGISTRY, &fixture(set, "identity-registry"))
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

sol! {
    function complianceArgs(address admin, address registry);
    function tokenArgs(
        address admin,
        string name,
        string symbol,
        uint8 decimals,
        address registry,
        address compliance,
        address onchainId
    );
    function addClaimTopic(uint256 topic);
    function unpause();
    function mint(address to, uint256 amount);
    function transfer(address to, uint256 amount) external returns (bool);
    function setCountryListsEnabled(bool allowList, bool blockList);
    function setCountry(uint16 country, bool allowed, bool blocked, bool capEnabled, uint32 cap);
    function setMaxBalance(bool enabled, uint256 max);
    function setMaxHolders(bool enabled, uint32 max);
    function setSupplyCap(bool enabled, uint256 cap);
    function setLockUpPeriod(uint64 period);
    function setTransferLimits(uint64[] windows, uint256[] limits);
}

const COMPLIANCE: Address = address!("e7f1725e7734ce288f8367e1bb143e90bb3f0512");
const TOKEN: Address = address!("9fe46736679d2d9a65f0992f2272de9f3c7fa6e0");
const OPERATOR: Address = address!("70997970c51812dc3a010c7d01b50e0d17dc79c8");
const ISSUER: Address = address!("5555555555555555555555555555555555555555");
const ALICE: Address = address!("a11ce00000000000000000000000000000000a11");
const BOB: Address = address!("b0b0000000000000000000000000000000000b0b");
const DAY: u64 = 86_400;

/// One whole token (18 decimals) times `n`.
fn tokens(n: u64) -> U256 {
    U256::from(n) * U256::from(10).pow(U256::from(18))
}

/// A transaction from `from` to `to`; its receipt gas.
fn send_to(world: &mut World, engine: &Engine, from: Address, to: Address, data: Vec<u8>) -> u64 {
    let (outcome, gas) = world.receipt(engine, &Call::new(from, to, data));
    assert!(outcome.success, "{:?} {:?}", outcome.trap, outcome.output);
    gas
}

/// `stylus_constructor()` with ABI-encoded `args` (a call's encoding
/// without its selector).
fn constructor(args: &[u8]) -> Vec<u8> {
    let mut data = keccak256("stylus_constructor()")[..4].to_vec();
    data.extend_from_slice(&args[4..]);
    data
}

/// Registry, compliance and token of 888313c with the example plan's rules
/// and roles; Alice (France) and Bob (Germany) registered, KYC'd and
/// holding 1,000 tokens each, minted a year and a day ago (lock-ups over).
fn suite(engine: &Engine, cached: bool) -> World {
    suite_with(engine, SHIPPED, cached, true)
}

/// [`suite`], of the build `set`, with the compliance's rules on or all
/// off.
fn suite_with(engine: &Engine, set: &str, cached: bool, rules: bool) -> World {
    let mut world = World::new(421_614, NOW);
    for (address, name) in [
        (REGISTRY, "identity-registry"),
        (COMPLIANCE, "compliance"),
        (TOKEN, "token"),
    ] {
        world.deploy(engine, address, &fixture(set, name)).unwrap();
        if cached {
            world.cached.insert(address);
        }
    }
    let mut admin = |to, data: Vec<u8>| send_to(&mut world, engine, ADMIN, to, data);
    admin(
        REGISTRY,
        constructor(&addAgentCall { agent: ADMIN }.abi_encode()),
    );
    let args = complianceArgsCall {
        admin: ADMIN,
        registry: REGISTRY,
    };
    admin(COMPLIANCE, constructor(&args.abi_encode()));
    let args = tokenArgsCall {
        admin: ADMIN,
        name: "Acme Fund".into(),
        symbol: "ACME".into(),
        decimals: 18,
        registry: REGISTRY,
        compliance: COMPLIANCE,
        onchainId: Address::ZERO,
    };
    admin(TOKEN, constructor(&args.abi_encode()));
    admin(REGISTRY, addAgentCall { agent: OPERATOR }.abi_encode());
    admin(REGISTRY, addAgentCall { agent: TOKEN }.abi_encode());
    admin(
        REGISTRY,
        addClaimTopicCall {
            topic: U256::from(1),
        }
        .abi_encode(),
    );
    let trust = addTrustedIssuerCall {
        issuer: ISSUER,
        topics: vec![U256::from(1), U256::from(7)],
    };
    admin(REGISTRY, trust.abi_encode());
    admin(TOKEN, addAgentCall { agent: OPERATOR }.abi_encode());
    if rules {
        set_example_rules(&mut admin);
    }
    let mut operator = |to, data: Vec<u8>| send_to(&mut world, engine, OPERATOR, to, data);
    operator(TOKEN, unpauseCall {}.abi_encode());
    for (wallet, identity, country) in [
        (ALICE, ALICE_ID, 250u16),
        (BOB, BOB_ID, 276),
        (CAROL, CAROL_ID, 380),
    ] {
        let register = registerIdentityCall {
            user: wallet,
            identity,
            country,
        };
        operator(REGISTRY, register.abi_encode());
    }
    for identity in [ALICE_ID, BOB_ID, CAROL_ID] {
        let claim = addClaimCall {
            identity,
            topic: U256::from(1),
            expiry: NOW + 10 * 365 * DAY,
            dataHash: B256::repeat_byte(0x5a),
        };
        send_to(&mut world, engine, ISSUER, REGISTRY, claim.abi_encode());
    }
    for wallet in [ALICE, BOB] {
        let mint = mintCall {
            to: wallet,
            amount: tokens(1_000),
        };
        send_to(&mut world, engine, OPERATOR, TOKEN, mint.abi_encode());
    }
    world.timestamp += 366 * DAY;
    world
}

/// The rules of `deploy/example.toml` (at 888313c).
fn set_example_rules(admin: &mut impl FnMut(Address, Vec<u8>) -> u64) {
    let lists = setCountryListsEnabledCall {
        allowList: true,
        blockList: false,
    };
    admin(COMPLIANCE, lists.abi_encode());
    for country in [250u16, 276, 380, 528, 840] {
        let set = setCountryCall {
            country,
            allowed: true,
            blocked: false,
            capEnabled: country == 840,
            cap: if country == 840 { 2_000 } else { 0 },
        };
        admin(COMPLIANCE, set.abi_encode());
    }
    let max = setMaxBalanceCall {
        enabled: true,
        max: tokens(1_000_000),
    };
    admin(COMPLIANCE, max.abi_encode());
    let holders = setMaxHoldersCall {
        enabled: true,
        max: 5_000,
    };
    admin(COMPLIANCE, holders.abi_encode());
    let cap = setSupplyCapCall {
        enabled: true,
        cap: tokens(10_000_000),
    };
    admin(COMPLIANCE, cap.abi_encode());
    let lock = setLockUpPeriodCall { period: 365 * DAY };
    admin(COMPLIANCE, lock.abi_encode());
    let limits = setTransferLimitsCall {
        windows: vec![DAY, 30 * DAY],
        limits: vec![tokens(100_000), tokens(500_000)],
    };
    admin(COMPLIANCE, limits.abi_encode());
}

const ALICE_ID: Address = address!("a11ce1d000000000000000000000000000000001");
const BOB_ID: Address = address!("b0b1d00000000000000000000000000000000002");
const CAROL: Address = address!("ca401000000000000000000000000000000ca401");
const CAROL_ID: Address = address!("ca401d0000000000000000000000000000000003");

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
