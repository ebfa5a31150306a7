//! Storage costs what nitro's EVM side charges: EIP-2929 cold and warm
//! reads (plus the API's own 5 gas) when the program's cache misses, and
//! EIP-2200 writes when it flushes.
use alloy_primitives::{Address, B256, U256};
use stylus_runtime::world::{Call, World};
use wasmi::Engine;

/// Stores its calldata (one word) in slot 0, reading the slot twice
/// first, then flushes.
const STORE: &str = r#"
(module
  (import "vm_hooks" "read_args" (func $read_args (param i32)))
  (import "vm_hooks" "storage_load_bytes32" (func $load (param i32 i32)))
  (import "vm_hooks" "storage_cache_bytes32" (func $cache (param i32 i32)))
  (import "vm_hooks" "storage_flush_cache" (func $flush (param i32)))
  (memory (export "memory") 1)
  (global $unused (mut i32) (i32.const 0))
  (func (export "user_entrypoint") (param $len i32) (result i32)
    i32.const 0
    call $read_args
    i32.const 64
    i32.const 128
    call $load
    i32.const 64
    i32.const 128
    call $load
    i32.const 64
    i32.const 0
    call $cache
    i32.const 0
    call $flush
    i32.const 0))
"#;

fn store(world: &mut World, engine: &Engine, program: Address, value: u64) -> u64 {
    let outcome = world.transact(
        engine,
        &Call::new(
            Address::repeat_byte(1),
            program,
            B256::from(U256::from(value)).to_vec(),
        ),
    );
    assert!(outcome.success, "{:?}", outcome.trap);
    outcome.ink_used
}

#[test]
fn reads_pay_cold_then_cache_and_writes_pay_eip2200_at_the_flush() {
    let engine = Engine::default();
    let mut world = World::new(1, 0);
    let program = Address::repeat_byte(0x57);
    world
        .deploy(&engine, program, &wat::parse_str(STORE).unwrap())
        .unwrap();

    // Each transaction: a cold read (2,100 + 5), a cached read (free), and
    // the write at the flush (warm by then).
    let set = store(&mut world, &engine, program, 7); // 0 -> 7: 20,000
    let reset = store(&mut world, &engine, program, 8); // 7 -> 8: 2,900
                                                        // 8 -> 8: the cache knows the slot holds 8 already, so the flush
                                                        // writes nothing (no SSTORE at all, not even EIP-2200's 100).
    let noop = store(&mut world, &engine, program, 8);
    assert_eq!(set - reset, (20_000 - 2_900) * 10_000);
    assert_eq!(reset - noop, 2_900 * 10_000);
    assert_eq!(
        world.load(program, B256::ZERO),
        B256::from(U256::from(8)),
        "flushed"
    );
}

#[test]
fn a_trace_shows_the_entry_the_reads_and_the_writes_with_their_gas() {
    use stylus_runtime::trace::{entries, Step};
    let engine = Engine::default();
    let mut world = World::new(1, 0);
    let program = Address::repeat_byte(0x57);
    world
        .deploy(&engine, program, &wat::parse_str(STORE).unwrap())
        .unwrap();
    store(&mut world, &engine, program, 7);
    world.trace = Some(Vec::new());
    let ink = store(&mut world, &engine, program, 8);
    let steps = world.trace.clone().unwrap();
    // Entered, one read from the world (cold; the second hits the cache),
    // one write at the flush (an update, warm by then), returned.
    assert!(
        matches!(steps[0], Step::Enter { program: p, depth: 1, cached: false, .. } if p == program)
    );
    assert_eq!(
        steps[1..3],
        [
            Step::Load {
                contract: program,
                slot: B256::ZERO,
                gas: 2_100
            },
            Step::Store {
                contract: program,
                slot: B256::ZERO,
                gas: 2_900
            },
        ]
    );
    let Step::Exit {
        program: exited,
        gas,
        compute,
        success,
    } = steps[3]
    else {
        panic!("{:?}", steps[3]);
    };
    assert_eq!(
        (exited, gas, success),
        (program, ink.div_ceil(10_000), true)
    );
    // The program's own instructions: a few dozen, a gas or two.
    assert!(compute < gas, "{compute}");
    let summary = entries(&steps);
    assert_eq!(summary.len(), 1);
    assert_eq!(
        (summary[0].loads, summary[0].stores),
        ((1, 0, 2_100), (1, 2_900))
    );

    // Without tracing nothing is recorded.
    world.trace = None;
    store(&mut world, &engine, program, 9);
    assert!(world.trace.is_none());
}

/// Stores calldata word 0 in slot 0 and flushes, then calldata word 1 and
/// flushes again.
const STORE_TWICE: &str = r#"
(module
  (import "vm_hooks" "read_args" (func $read_args (param i32)))
  (import "vm_hooks" "storage_cache_bytes32" (func $cache (param i32 i32)))
  (import "vm_hooks" "storage_flush_cache" (func $flush (param i32)))
  (memory (export "memory") 1)
  (global $unused (mut i32) (i32.const 0))
  (func (export "user_entrypoint") (param $len i32) (result i32)
    i32.const 0 call $read_args
    i32.const 128 i32.const 0 call $cache
    i32.const 0 call $flush
    i32.const 128 i32.const 32 call $cache
    i32.const 0 call $flush
    i32.const 0))
"#;

/// Sends `first` then `second` to slot 0 in one transaction: the receipt's
/// gas and the gas before any refund.
fn store_twice(world: &mut World, engine: &Engine, first: u64, second: u64) -> (u64, u64) {
    let mut data = B256::from(U256::from(first)).to_vec();
    data.extend_from_slice(B256::from(U256::from(second)).as_slice());
    let call = Call::new(Address::repeat_byte(1), Address::repeat_byte(0x57), data);
    let (outcome, gas) = world.receipt(engine, &call);
    assert!(outcome.success, "{:?}", outcome.trap);
    let full = stylus_runtime::pricing::intrinsic_gas(&call.data) + outcome.gas_used();
    (gas, full)
}

fn twice_world(engine: &Engine) -> World {
    let mut world = World::new(1, 0);
    world
        .deploy(
            engine,
            Address::repeat_byte(0x57),
            &wat::parse_str(STORE_TWICE).unwrap(),
        )
        .unwrap();
    world
}

#[test]
fn clearing_a_slot_refunds_4800_at_the_end_of_the_transaction() {
    let engine = Engine::default();
    let mut world = twice_world(&engine);
    let (gas, full) = store_twice(&mut world, &engine, 7, 7);
    assert_eq!(gas, full, "a new slot refunds nothing");
    let (gas, full) = store_twice(&mut world, &engine, 0, 0);
    assert!(full / 5 > 4_800);
    assert_eq!(gas, full - 4_800);
    assert_eq!(
        world.load(Address::repeat_byte(0x57), B256::ZERO),
        B256::ZERO
    );
}

#[test]
fn a_slot_set_and_restored_in_one_transaction_is_refunded_at_most_a_fifth() {
    let engine = Engine::default();
    let mut world = twice_world(&engine);
    // 0 -> 7 -> 0: 20,000 then 100, and 19,900 back, capped at a fifth.
    let (gas, full) = store_twice(&mut world, &engine, 7, 0);
    assert!(full / 5 < 19_900);
    assert_eq!(gas, full - full / 5);
    // 7 -> 8 -> 7 from a slot holding 7: 2,900 then 100, 2,800 back.
    store_twice(&mut world, &engine, 7, 7);
    let (gas, full) = store_twice(&mut world, &engine, 8, 7);
    assert_eq!(gas, full - 2_800);
    // 7 -> 0 -> 5: the clearing refund is taken back.
    let (gas, full) = store_twice(&mut world, &engine, 0, 5);
    assert_eq!(gas, full);
}

#[test]
fn a_world_told_not_to_credits_no_refund() {
    let engine = Engine::default();
    let mut world = twice_world(&engine);
    world.credit_refunds = false;
    store_twice(&mut world, &engine, 7, 7);
    let (gas, full) = store_twice(&mut world, &engine, 0, 0);
    assert_eq!(gas, full);
}
