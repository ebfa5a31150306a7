//! Hostios pay their ink on top of the instructions' (nitro's prices).
use alloy_primitives::Address;
use stylus_runtime::{
    activation::Activation,
    ink::HEADER_COST,
    pricing::{read_price, write_price, INK_PER_GAS, PLAIN},
    world::{Call, World},
};
use wasmi::Engine;

/// Echoes its calldata: `read_args` into memory, `write_result` from it.
const ECHO: &str = r#"
(module
  (import "vm_hooks" "read_args" (func $read_args (param i32)))
  (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
  (memory (export "memory") 1)
  (global $unused (mut i32) (i32.const 0))
  (func (export "user_entrypoint") (param $len i32) (result i32)
    i32.const 0
    call $read_args
    i32.const 0
    local.get $len
    call $write_result
    i32.const 0))
"#;

#[test]
fn echo_pays_its_blocks_and_its_two_hostios() {
    let engine = Engine::default();
    let mut world = World::new(1, 0);
    let program = Address::repeat_byte(0xec);
    let wasm = wat::parse_str(ECHO).unwrap();
    world.deploy(&engine, program, &wasm).unwrap();
    // Entering it, uncached (its one page is free).
    let activation = Activation::of(&wasm).unwrap();
    let entry = (activation.cached_gas() + activation.init_gas()) * INK_PER_GAS;
    for len in [0u32, 32, 100] {
        let data = vec![7u8; len as usize];
        let outcome = world.transact(
            &engine,
            &Call::new(Address::repeat_byte(1), program, data.clone()),
        );
        assert!(outcome.success, "{:?}", outcome.trap);
        assert_eq!(outcome.output, data);
        // Blocks: `i32.const call`, `i32.const local.get call`,
        // `i32.const end`.
        let blocks =
            (HEADER_COST + 1 + 3_800) + (HEADER_COST + 1 + 75 + 3_800) + (HEADER_COST + 1 + 1);
        // read_args writes the calldata into the program; write_result
        // reads the result out, for the program and for the EVM side.
        let hostios = PLAIN + write_price(len) + PLAIN + 2 * read_price(len);
        assert_eq!(outcome.ink_used, entry + blocks + hostios, "len {len}");
    }
}

/// Returns `tx_origin` (20 bytes).
const ORIGIN: &str = r#"
(module
  (import "vm_hooks" "tx_origin" (func $tx_origin (param i32)))
  (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
  (memory (export "memory") 1)
  (global $unused (mut i32) (i32.const 0))
  (func (export "user_entrypoint") (param $len i32) (result i32)
    i32.const 0
    call $tx_origin
    i32.const 0
    i32.const 20
    call $write_result
    i32.const 0))
"#;

#[test]
fn tx_origin_is_the_transactions_signer() {
    let engine = Engine::default();
    let mut world = World::new(1, 0);
    let program = Address::repeat_byte(0x06);
    world
        .deploy(&engine, program, &wat::parse_str(ORIGIN).unwrap())
        .unwrap();
    let signer = Address::repeat_byte(0x5e);
    let outcome = world.transact(&engine, &Call::new(signer, program, Vec::new()));
    assert!(outcome.success, "{:?}", outcome.trap);
    assert_eq!(outcome.output, signer.to_vec());
}
