//! A call costs EIP-2929's account access and the gas the callee used.
use alloy_primitives::Address;
use stylus_runtime::{
    activation::Activation,
    ink::HEADER_COST,
    pricing::{read_price, CALL, INK_PER_GAS, WARM_ACCOUNT_GAS},
    world::{Call, World},
};
use wasmi::Engine;

/// Returns at once: one block, `i32.const 0 end` (2,452 ink, so one gas
/// of what it is given).
const CALLEE: &str = r#"
(module
  (memory (export "memory") 1)
  (global $unused (mut i32) (i32.const 0))
  (func (export "user_entrypoint") (param $len i32) (result i32)
    i32.const 0))
"#;

/// Static-calls the callee (address at memory 0) `CALLS` times.
fn caller(calls: usize) -> String {
    let call = "i32.const 0 i32.const 64 i32.const 0 i64.const -1 i32.const 96 \
                call $static drop\n";
    format!(
        r#"(module
  (import "vm_hooks" "static_call_contract"
    (func $static (param i32 i32 i32 i64 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\ca\11\ee\ca\11\ee\ca\11\ee\ca\11\ee\ca\11\ee\ca\11\ee\ca\11")
  (global $unused (mut i32) (i32.const 0))
  (func (export "user_entrypoint") (param $len i32) (result i32)
    {}
    i32.const 0))"#,
        call.repeat(calls)
    )
}

fn run(world: &mut World, engine: &Engine, program: Address) -> u64 {
    let outcome = world.transact(
        engine,
        &Call::new(Address::repeat_byte(1), program, Vec::new()),
    );
    assert!(outcome.success, "{:?}", outcome.trap);
    outcome.ink_used
}

#[test]
fn a_second_call_pays_warm_access_and_the_callees_gas() {
    let engine = Engine::default();
    let mut world = World::new(1, 0);
    let callee: Address = "0xca11eeca11eeca11eeca11eeca11eeca11eeca11"
        .parse()
        .unwrap();
    world
        .deploy(&engine, callee, &wat::parse_str(CALLEE).unwrap())
        .unwrap();
    let (once, twice) = (Address::repeat_byte(1), Address::repeat_byte(2));
    world
        .deploy(&engine, once, &wat::parse_str(caller(1)).unwrap())
        .unwrap();
    world
        .deploy(&engine, twice, &wat::parse_str(caller(2)).unwrap())
        .unwrap();
    let extra = run(&mut world, &engine, twice) - run(&mut world, &engine, once);
    // The second call's block (five constants and the call), its `drop`,
    // the hostio with its empty calldata read twice, the warm access, and
    // what the callee used: entering it again (cached now: it ran in this
    // block already; its one page stays within the two free ones) and one
    // gas of execution.
    let block = HEADER_COST + 5 + 3_800;
    let entry = Activation::of(&wat::parse_str(CALLEE).unwrap())
        .unwrap()
        .cached_gas();
    // The longer caller is also dearer to enter (uncached: both parts).
    let init = |calls| {
        let a = Activation::of(&wat::parse_str(caller(calls)).unwrap()).unwrap();
        a.cached_gas() + a.init_gas()
    };
    let expected = block
        + 9
        + CALL
        + 2 * read_price(0)
        + (WARM_ACCOUNT_GAS + entry + 1 + init(2) - init(1)) * INK_PER_GAS;
    assert_eq!(extra, expected);
}
