//! The suite of main at 888313c as the real-runtime figures were measured:
//! its fixtures, roles, investors and the example plan's rules.
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

pub const ADMIN: Address = address!("f39fd6e51aad88f6f4ce6ab8827279cfffb92266");
pub const REGISTRY: Address = address!("5fbdb2315678afecb367f032d93f642f64180aa3");
pub const NOW: u64 = 1_764_547_200;

/// The build the figures were measured on.
pub const SHIPPED: &str = "888313c";
/// The same build linked with a 48 KiB stack (1 page declared, not 17).
pub const STACK_48K: &str = "888313c-stack48k";
/// The same build linked with an 8 KiB stack: too small for a purchase.
pub const STACK_8K: &str = "888313c-stack8k";

/// A fixture's processed wasm, from the build `set`.
pub fn fixture(set: &str, name: &str) -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/");
    std::fs::read(format!("{path}{set}/{name}.wasm")).unwrap()
}

/// A transaction from `from` to the registry; its receipt gas.
pub fn send(world: &mut World, engine: &Engine, from: Address, data: Vec<u8>) -> u64 {
    send_to(world, engine, from, REGISTRY, data)
}

/// Within 3 % of the measured figure.
pub fn assert_near(what: &str, gas: u64, measured: u64) {
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
pub fn registry(engine: &Engine, set: &str, cached: bool) -> World {
    let mut world = World::new(421_614, NOW);
    // The reference runtime credited no refunds.
    world.credit_refunds = false;
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

pub const COMPLIANCE: Address = address!("e7f1725e7734ce288f8367e1bb143e90bb3f0512");
pub const TOKEN: Address = address!("9fe46736679d2d9a65f0992f2272de9f3c7fa6e0");
pub const OPERATOR: Address = address!("70997970c51812dc3a010c7d01b50e0d17dc79c8");
pub const ISSUER: Address = address!("5555555555555555555555555555555555555555");
pub const ALICE: Address = address!("a11ce00000000000000000000000000000000a11");
pub const BOB: Address = address!("b0b0000000000000000000000000000000000b0b");
pub const DAY: u64 = 86_400;

/// One whole token (18 decimals) times `n`.
pub fn tokens(n: u64) -> U256 {
    U256::from(n) * U256::from(10).pow(U256::from(18))
}

/// A transaction from `from` to `to`; its receipt gas.
pub fn send_to(
    world: &mut World,
    engine: &Engine,
    from: Address,
    to: Address,
    data: Vec<u8>,
) -> u64 {
    let (outcome, gas) = world.receipt(engine, &Call::new(from, to, data));
    assert!(outcome.success, "{:?} {:?}", outcome.trap, outcome.output);
    gas
}

/// `stylus_constructor()` with ABI-encoded `args` (a call's encoding
/// without its selector).
pub fn constructor(args: &[u8]) -> Vec<u8> {
    let mut data = keccak256("stylus_constructor()")[..4].to_vec();
    data.extend_from_slice(&args[4..]);
    data
}

/// Registry, compliance and token of 888313c with the example plan's rules
/// and roles; Alice (France) and Bob (Germany) registered, KYC'd and
/// holding 1,000 tokens each, minted a year and a day ago (lock-ups over).
pub fn suite(engine: &Engine, cached: bool) -> World {
    suite_with(engine, SHIPPED, cached, true)
}

/// [`suite`], of the build `set`, with the compliance's rules on or all
/// off.
pub fn suite_with(engine: &Engine, set: &str, cached: bool, rules: bool) -> World {
    let mut world = World::new(421_614, NOW);
    // The reference runtime credited no refunds.
    world.credit_refunds = false;
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
pub fn set_example_rules(admin: &mut impl FnMut(Address, Vec<u8>) -> u64) {
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

pub const ALICE_ID: Address = address!("a11ce1d000000000000000000000000000000001");
pub const BOB_ID: Address = address!("b0b1d00000000000000000000000000000000002");
pub const CAROL: Address = address!("ca401000000000000000000000000000000ca401");
pub const CAROL_ID: Address = address!("ca401d0000000000000000000000000000000003");
