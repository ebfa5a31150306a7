//! Plain EVM contracts on revm's interpreter, against the world: gas as
//! the EVM charges it, creation, and calls between EVM contracts and
//! Stylus programs.
use alloy_primitives::{hex, Address, B256, U256};
use stylus_runtime::world::{Call, World};
use wasmi::Engine;

/// Stores calldata word 0 in slot 0, then returns slot 0.
const STORE_AND_RETURN: &str = "600035 600055 600054 600052 60206000f3";

/// Init code that deposits `runtime` (at most 255 bytes).
fn init_code(runtime: &[u8]) -> Vec<u8> {
    // PUSH1 len PUSH1 offset PUSH1 0 CODECOPY PUSH1 len PUSH1 0 RETURN
    let len = u8::try_from(runtime.len()).unwrap();
    let mut code = vec![0x60, len, 0x60, 12, 0x60, 0, 0x39, 0x60, len, 0x60, 0, 0xf3];
    code.extend_from_slice(runtime);
    code
}

fn bytecode(text: &str) -> Vec<u8> {
    hex::decode(text.replace(' ', "")).unwrap()
}

#[test]
fn a_creation_deposits_the_code_at_the_senders_next_address() {
    let engine = Engine::default();
    let mut world = World::new(1, 0);
    let deployer = Address::repeat_byte(0xde);
    let runtime = bytecode(STORE_AND_RETURN);
    let (address, outcome) = world.create(&engine, deployer, init_code(&runtime), U256::ZERO);
    assert!(outcome.success, "{:?}", outcome.trap);
    assert_eq!(address, deployer.create(0));
    assert_eq!(world.code[&address], runtime);
    assert_eq!(world.nonce(deployer), 1);
    // Init code: 5 pushes, CODECOPY (3, 3 for a word copied, 3 for a word
    // of memory), RETURN, and the deposit of 200 gas a byte.
    assert_eq!(outcome.gas_used(), 5 * 3 + 9 + 200 * runtime.len() as u64);
    let (second, _) = world.create(&engine, deployer, init_code(&runtime), U256::ZERO);
    assert_eq!(second, deployer.create(1));
}

#[test]
fn an_evm_contract_pays_eip_2929_and_2200_gas_for_its_storage() {
    let engine = Engine::default();
    let mut world = World::new(1, 0);
    let from = Address::repeat_byte(1);
    let (contract, _) = world.create(
        &engine,
        from,
        init_code(&bytecode(STORE_AND_RETURN)),
        U256::ZERO,
    );
    let word = B256::with_last_byte(42);
    let outcome = world.transact(&engine, &Call::new(from, contract, word.to_vec()));
    assert!(outcome.success);
    assert_eq!(outcome.output, word.to_vec());
    assert_eq!(world.load(contract, B256::ZERO), word);
    // Six pushes, CALLDATALOAD, SSTORE of a new slot (cold: 2,100 +
    // 20,000), a warm SLOAD, MSTORE with a word of memory, RETURN.
    assert_eq!(outcome.gas_used(), 6 * 3 + 3 + 22_100 + 100 + 3 + 3);

    // Again, the same value: a warm no-op write after the cold access.
    let outcome = world.transact(&engine, &Call::new(from, contract, word.to_vec()));
    assert_eq!(outcome.gas_used(), 6 * 3 + 3 + 2_100 + 100 + 100 + 3 + 3);
}

#[test]
fn a_revert_undoes_the_frame_and_returns_its_data() {
    let engine = Engine::default();
    let mut world = World::new(1, 0);
    let from = Address::repeat_byte(1);
    // SSTORE 1 into slot 0, then REVERT with the word 7.
    let runtime = bytecode("6001600055 6007600052 60206000fd");
    let (contract, _) = world.create(&engine, from, init_code(&runtime), U256::ZERO);
    let outcome = world.transact(&engine, &Call::new(from, contract, Vec::new()));
    assert!(!outcome.success);
    assert_eq!(outcome.trap, None);
    assert_eq!(outcome.output, B256::with_last_byte(7).to_vec());
    assert_eq!(world.load(contract, B256::ZERO), B256::ZERO);
}

/// Calls the EVM contract at memory 0 with an empty calldata and returns
/// its return data as the program's result.
const STYLUS_CALLER: &str = r#"
(module
  (import "vm_hooks" "call_contract"
    (func $call (param i32 i32 i32 i32 i64 i32) (result i32)))
  (import "vm_hooks" "read_return_data" (func $read (param i32 i32 i32) (result i32)))
  (import "vm_hooks" "write_result" (func $result (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee")
  (global $unused (mut i32) (i32.const 0))
  (func (export "user_entrypoint") (param $len i32) (result i32)
    i32.const 0 i32.const 64 i32.const 0 i32.const 32 i64.const -1 i32.const 128
    call $call drop
    i32.const 256 i32.const 0 i32.const 32 call $read drop
    i32.const 256 i32.const 32 call $result
    i32.const 0))
"#;

#[test]
fn a_stylus_program_and_an_evm_contract_call_each_other() {
    let engine = Engine::default();
    let mut world = World::new(1, 0);
    let from = Address::repeat_byte(1);
    // Returns CALLER (as a word): the program's address.
    let runtime = bytecode("33600052 60206000f3");
    let evm = Address::repeat_byte(0xee);
    world.code.insert(evm, runtime);
    let program = Address::repeat_byte(0x57);
    world
        .deploy(&engine, program, &wat::parse_str(STYLUS_CALLER).unwrap())
        .unwrap();
    let outcome = world.transact(&engine, &Call::new(from, program, Vec::new()));
    assert!(outcome.success, "{:?}", outcome.trap);
    assert_eq!(outcome.output, program.into_word().to_vec());
}

#[test]
fn an_evm_contract_clearing_a_slot_is_refunded_at_the_end_of_the_transaction() {
    let engine = Engine::default();
    let mut world = World::new(1, 0);
    let from = Address::repeat_byte(1);
    let (contract, _) = world.create(
        &engine,
        from,
        init_code(&bytecode(STORE_AND_RETURN)),
        U256::ZERO,
    );
    let set = B256::with_last_byte(42).to_vec();
    world.transact(&engine, &Call::new(from, contract, set));
    let clear = Call::new(from, contract, B256::ZERO.to_vec());
    let (outcome, gas) = world.receipt(&engine, &clear);
    assert!(outcome.success);
    let full = stylus_runtime::pricing::intrinsic_gas(&clear.data) + outcome.gas_used();
    assert_eq!(gas, full - 4_800);
}
