//! The stack probe: how deep a program's stack went, and a stack overflow
//! told from other traps.
use alloy_primitives::Address;
use stylus_runtime::{
    activation::Activation,
    pricing::INK_PER_GAS,
    world::{Call, World},
};
use wasmi::Engine;

/// A program with a 1,024-byte stack (its first global, the stack
/// pointer) that takes a frame of `frame` bytes and writes at its bottom,
/// as a Rust function's prologue does.
fn program(frame: i32) -> Vec<u8> {
    program_with(frame, "")
}

/// [`program`], with `first` declared before the stack pointer.
fn program_with(frame: i32, first: &str) -> Vec<u8> {
    wat::parse_str(format!(
        r#"(module
  (memory (export "memory") 1)
  {first}
  (global $sp (mut i32) (i32.const 1024))
  (func (export "user_entrypoint") (param $len i32) (result i32)
    global.get $sp  i32.const {frame}  i32.sub  global.set $sp
    global.get $sp  i32.const 7  i32.store
    global.get $sp  i32.const {frame}  i32.add  global.set $sp
    i32.const 0))"#
    ))
    .unwrap()
}

fn run(frame: i32) -> (World, bool, Option<String>) {
    let engine = Engine::default();
    let mut world = World::new(1, 0);
    let at = Address::repeat_byte(5);
    world.deploy(&engine, at, &program(frame)).unwrap();
    let outcome = world.transact(&engine, &Call::new(Address::repeat_byte(1), at, Vec::new()));
    (world, outcome.success, outcome.trap)
}

#[test]
fn the_probe_records_the_deepest_frame_without_changing_the_ink() {
    let (world, success, _) = run(100);
    assert!(success);
    assert_eq!(world.stack_use[&Address::repeat_byte(5)], 100);
    let (world, _, _) = run(1_024);
    assert_eq!(world.stack_use[&Address::repeat_byte(5)], 1_024);

    // The probe is not metered: the same program costs the same ink with
    // and without it (a module whose first global is not a mutable i32 is
    // not probed).
    let engine = Engine::default();
    let mut world = World::new(1, 0);
    let (probed, plain) = (Address::repeat_byte(5), Address::repeat_byte(6));
    world.deploy(&engine, probed, &program(100)).unwrap();
    let unprobed = program_with(100, "(global i32 (i32.const 0))");
    world.deploy(&engine, plain, &unprobed).unwrap();
    assert!(!world.stack_use.contains_key(&plain));
    let ink = |world: &mut World, to| {
        world
            .transact(&engine, &Call::new(Address::repeat_byte(1), to, Vec::new()))
            .ink_used
    };
    // Entering each costs its own init (the extra global makes the second
    // module a little larger); what runs after is the same.
    let init = |wasm: &[u8]| {
        let activation = Activation::of(wasm).unwrap();
        (activation.init_gas() + activation.cached_gas()) * INK_PER_GAS
    };
    assert_eq!(
        ink(&mut world, probed) - init(&program(100)),
        ink(&mut world, plain) - init(&unprobed)
    );
}

#[test]
fn a_stack_too_small_traps_as_a_stack_overflow() {
    let (world, success, trap) = run(1_100);
    assert!(!success);
    let trap = trap.unwrap();
    assert!(
        trap.starts_with("stack overflow: the stack of 1024 bytes is too small"),
        "{trap}"
    );
    // Undone, but measured: nothing recorded for an overflowing call.
    assert!(world.stack_use.is_empty());
}
