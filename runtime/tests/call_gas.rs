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

/// Sends 5 wei (at memory 64, big-endian) to the account at memory 0 and
/// returns the call's status.
const PAYER: &str = r#"
(module
  (import "vm_hooks" "call_contract"
    (func $call (param i32 i32 i32 i32 i64 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\be\ef\be\ef\be\ef\be\ef\be\ef\be\ef\be\ef\be\ef\be\ef\be\ef")
  (data (i32.const 95) "\05")
  (global $unused (mut i32) (i32.const 0))
  (func (export "user_entrypoint") (param $len i32) (result i32)
    i32.const 0 i32.const 0 i32.const 0 i32.const 64 i64.const -1 i32.const 128
    call $call))
"#;

#[test]
fn a_program_pays_an_account_only_what_it_holds() {
    let engine = Engine::default();
    let mut world = World::new(1, 0);
    let payer = Address::repeat_byte(7);
    let payee: Address = "0xbeefbeefbeefbeefbeefbeefbeefbeefbeefbeef"
        .parse()
        .unwrap();
    world
        .deploy(&engine, payer, &wat::parse_str(PAYER).unwrap())
        .unwrap();
    let call = Call::new(Address::repeat_byte(1), payer, Vec::new());

    // Holding 4 wei: the call fails, its status returned, nothing moves.
    world
        .balances
        .insert(payer, alloy_primitives::U256::from(4));
    let outcome = world.transact(&engine, &call);
    assert!(!outcome.success);
    assert_eq!(world.balance(payer), alloy_primitives::U256::from(4));
    assert_eq!(world.balance(payee), alloy_primitives::U256::ZERO);

    // Holding 6: 5 move to the payee.
    world
        .balances
        .insert(payer, alloy_primitives::U256::from(6));
    let outcome = world.transact(&engine, &call);
    assert!(outcome.success, "{:?}", outcome.trap);
    assert_eq!(world.balance(payer), alloy_primitives::U256::from(1));
    assert_eq!(world.balance(payee), alloy_primitives::U256::from(5));
}

#[test]
fn a_transaction_carries_value_only_from_a_sender_who_holds_it() {
    let engine = Engine::default();
    let mut world = World::new(1, 0);
    let (alice, bob) = (Address::repeat_byte(0xa1), Address::repeat_byte(0xb0));
    let mut send = Call::new(alice, bob, Vec::new());
    send.value = alloy_primitives::U256::from(10);
    assert!(!world.transact(&engine, &send).success);
    world
        .balances
        .insert(alice, alloy_primitives::U256::from(25));
    assert!(world.transact(&engine, &send).success);
    assert_eq!(world.balance(alice), alloy_primitives::U256::from(15));
    assert_eq!(world.balance(bob), alloy_primitives::U256::from(10));
}
