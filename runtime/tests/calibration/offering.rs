//! A purchase with ETH through offering, escrow, token, registry and
//! compliance, and the escrow's milestone operations, against the
//! real-runtime figures.
use alloy_primitives::{address, Address, U256};
use alloy_sol_types::{sol, SolCall};
use stylus_runtime::world::{Call, Outcome, World};
use wasmi::Engine;

use crate::suite::*;

sol! {
    function escrowArgs(
        address admin,
        address token,
        address asset,
        address treasury,
        address approver,
        uint256 softCap,
        uint16[] shares,
        uint64[] deadlines
    );
    function offeringArgs(
        address admin,
        address token,
        address registry,
        address escrow,
        address asset,
        uint256 basePrice,
        uint256 slope,
        uint8 decimals,
        uint256 hardCap,
        uint256 raiseCap,
        uint256 minInvestment,
        uint256 capAccredited,
        uint256 capNonAccredited,
        uint256 accreditationTopic,
        uint64 start,
        uint64 end
    );
    function setOffering(address offering);
    function buy(uint256 minTokensOut, uint64 deadline) external returns (uint256);
    function close();
    function approveMilestone(uint256 index);
    function failMilestone(uint256 index);
    function withdraw();
}

const ESCROW: Address = address!("cf7ed3acca5a467e9e704c703e8d87f634fb0fc9");
const OFFERING: Address = address!("dc64a140aa3e981100a9beca4e685f962f0cf6c9");
const TREASURY: Address = address!("3333333333333333333333333333333333333333");
const APPROVER: Address = address!("4444444444444444444444444444444444444444");
/// 0.1 ETH: about 100 tokens at the example's price.
const PURCHASE: u64 = 100_000_000_000_000_000;

/// [`suite`] with the example plan's escrow (soft cap 0.1 ETH here, so
/// that a few purchases reach it; three milestones) and offering, on sale
/// for 180 days from now; Alice holds 100 ETH.
fn offering_suite(engine: &Engine, set: &str, cached: bool) -> World {
    let mut world = suite_with(engine, set, cached, true);
    for (address, name) in [(ESCROW, "escrow"), (OFFERING, "offering")] {
        world.deploy(engine, address, &fixture(set, name)).unwrap();
        if cached {
            world.cached.insert(address);
        }
    }
    let now = world.timestamp;
    let mut admin = |to, data: Vec<u8>| send_to(&mut world, engine, ADMIN, to, data);
    let args = escrowArgsCall {
        admin: ADMIN,
        token: TOKEN,
        asset: Address::ZERO,
        treasury: TREASURY,
        approver: APPROVER,
        softCap: U256::from(PURCHASE),
        shares: vec![3_000, 3_000, 4_000],
        deadlines: vec![now + 270 * DAY, now + 360 * DAY, now + 540 * DAY],
    };
    admin(ESCROW, constructor(&args.abi_encode()));
    let args = offeringArgsCall {
        admin: ADMIN,
        token: TOKEN,
        registry: REGISTRY,
        escrow: ESCROW,
        asset: Address::ZERO,
        basePrice: U256::from(1_000_000_000_000_000u64),
        slope: U256::from(1_000_000_000u64),
        decimals: 18,
        hardCap: tokens(1_000_000),
        raiseCap: tokens(2_000),
        minInvestment: U256::from(10_000_000_000_000_000u64),
        capAccredited: tokens(500),
        capNonAccredited: tokens(10),
        accreditationTopic: U256::from(7),
        start: now,
        end: now + 180 * DAY,
    };
    admin(OFFERING, constructor(&args.abi_encode()));
    for agent in [OFFERING, ESCROW] {
        admin(TOKEN, addAgentCall { agent }.abi_encode());
    }
    admin(ESCROW, setOfferingCall { offering: OFFERING }.abi_encode());
    admin(OFFERING, addAgentCall { agent: OPERATOR }.abi_encode());
    world.balances.insert(ALICE, tokens(100));
    world
}

/// Alice buys with [`PURCHASE`] wei: the outcome and the receipt's gas.
fn purchase(world: &mut World, engine: &Engine) -> (Outcome, u64) {
    let data = buyCall {
        minTokensOut: U256::from(1),
        deadline: world.timestamp + DAY,
    }
    .abi_encode();
    let mut call = Call::new(ALICE, OFFERING, data);
    call.value = U256::from(PURCHASE);
    world.receipt(engine, &call)
}

/// Alice buys with [`PURCHASE`] wei; the receipt's gas.
fn buy(world: &mut World, engine: &Engine) -> u64 {
    let (outcome, gas) = purchase(world, engine);
    assert!(outcome.success, "{:?} {:?}", outcome.trap, outcome.output);
    gas
}

/// [`offering_suite`] of the shipped build after Alice's purchase, the
/// offering closed (the raise reached its soft cap).
fn raised(engine: &Engine, cached: bool) -> World {
    let mut world = offering_suite(engine, SHIPPED, cached);
    buy(&mut world, engine);
    let close = closeCall {}.abi_encode();
    send_to(&mut world, engine, OPERATOR, OFFERING, close);
    world
}

#[test]
fn a_purchase_with_eth_costs_what_a_real_stylus_runtime_charges() {
    let engine = Engine::default();
    for (set, cached, measured) in [
        (SHIPPED, false, 562_588),
        (SHIPPED, true, 465_685),
        (STACK_48K, false, 371_668),
        (STACK_48K, true, 274_851),
    ] {
        let mut world = offering_suite(&engine, set, cached);
        buy(&mut world, &engine);
        let second = buy(&mut world, &engine);
        assert_near("buy with ETH, existing holder", second, measured);
        assert_eq!(world.balance(ESCROW), U256::from(2 * PURCHASE));
        assert_eq!(world.balance(ALICE), tokens(100) - U256::from(2 * PURCHASE));
    }
}

/// On a real Stylus runtime, an 8 KiB stack overflows in `offering.buy`;
/// 48 KiB passes (the test above). The runtime finds the same overflow,
/// in the offering, and measures how much stack the purchase needs.
#[test]
fn an_eight_kib_stack_overflows_in_buy_as_on_a_real_runtime() {
    let engine = Engine::default();
    let mut world = offering_suite(&engine, STACK_8K, true);
    let (outcome, _) = purchase(&mut world, &engine);
    assert!(!outcome.success);
    let trap = outcome.trap.unwrap_or_default();
    assert!(
        trap.starts_with("stack overflow: the stack of 8192 bytes"),
        "{trap}"
    );
    assert_eq!(world.balance(ESCROW), U256::ZERO);

    let mut world = offering_suite(&engine, STACK_48K, true);
    buy(&mut world, &engine);
    assert!(world.stack_use[&OFFERING] > 8_192);
    assert!(world.stack_use[&OFFERING] < 49_152 / 2);
}

#[test]
fn failing_a_milestone_costs_what_a_real_stylus_runtime_charges() {
    let engine = Engine::default();
    for (cached, measured) in [(false, 70_391), (true, 52_386)] {
        let mut world = raised(&engine, cached);
        world.timestamp += 271 * DAY;
        let fail = failMilestoneCall { index: U256::ZERO };
        let gas = send_to(&mut world, &engine, ALICE, ESCROW, fail.abi_encode());
        assert_near("failMilestone", gas, measured);
    }
}

/// The withdrawal's figure (90,170 uncached, 72,165 cached) is not
/// reproduced: the issue does not give the treasury's state, and the
/// measured figure lies between a first withdrawal to a funded treasury
/// (98,614 / 80,993 here) and a later one (81,514 / 63,893). What is
/// checked: the program's init (the uncached-cached difference, 18,005
/// measured), and the value transfer's EVM costs, exactly: an empty
/// treasury costs `CallNewAccountGas` more.
#[test]
fn an_escrow_withdrawal_pays_the_init_and_the_value_transfer_a_real_runtime_charges() {
    let engine = Engine::default();
    let mut gas = [0u64; 2];
    for (n, cached) in [false, true].into_iter().enumerate() {
        let mut world = raised(&engine, cached);
        let approve = approveMilestoneCall { index: U256::ZERO };
        send_to(&mut world, &engine, APPROVER, ESCROW, approve.abi_encode());
        let withdraw = withdrawCall {}.abi_encode();
        let mut funded = world.clone();
        let to_empty = send_to(&mut world, &engine, ALICE, ESCROW, withdraw.clone());
        assert_eq!(world.balance(TREASURY), U256::from(PURCHASE * 3 / 10));
        funded.balances.insert(TREASURY, U256::from(1));
        gas[n] = send_to(&mut funded, &engine, ALICE, ESCROW, withdraw);
        assert_eq!(to_empty - gas[n], 25_000, "CallNewAccountGas");
        assert_eq!(funded.balance(TREASURY), U256::from(PURCHASE * 3 / 10 + 1));
    }
    assert_near(
        "a withdrawal's program init",
        gas[0] - gas[1],
        90_170 - 72_165,
    );
}
