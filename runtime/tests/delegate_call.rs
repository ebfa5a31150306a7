//! Delegate calls (`delegate_call_contract` from a program, `DELEGATECALL`
//! from EVM code): the callee's code runs in the caller's account, with
//! its storage, caller and value, moving nothing and not counting as a
//! reentrant entry.
use alloy_primitives::{hex, Address, B256, U256};
use stylus_runtime::world::{Call, World};
use wasmi::Engine;

/// The library: stores `msg_sender` in slot 0, `contract_address` in slot
/// 1, `msg_value` in slot 2, and returns `msg_reentrant` (4 bytes).
const LIBRARY: &str = r#"
(module
  (import "vm_hooks" "msg_sender" (func $sender (param i32)))
  (import "vm_hooks" "contract_address" (func $this (param i32)))
  (import "vm_hooks" "msg_value" (func $value (param i32)))
  (import "vm_hooks" "msg_reentrant" (func $reentrant (result i32)))
  (import "vm_hooks" "storage_cache_bytes32" (func $cache (param i32 i32)))
  (import "vm_hooks" "storage_flush_cache" (func $flush (param i32)))
  (import "vm_hooks" "write_result" (func $result (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 63) "\01")
  (data (i32.const 95) "\02")
  (global $unused (mut i32) (i32.const 0))
  (func (export "user_entrypoint") (param $len i32) (result i32)
    i32.const 140 call $sender
    i32.const 172 call $this
    i32.const 192 call $value
    i32.const 0 i32.const 128 call $cache
    i32.const 32 i32.const 160 call $cache
    i32.const 64 i32.const 192 call $cache
    i32.const 0 call $flush
    i32.const 227 call $reentrant i32.store8
    i32.const 224 i32.const 4 call $result
    i32.const 0))
"#;

/// A library that traps.
const TRAPPING: &str = r#"
(module
  (memory (export "memory") 1)
  (global $unused (mut i32) (i32.const 0))
  (func (export "user_entrypoint") (param $len i32) (result i32)
    unreachable))
"#;

/// Delegate-calls the account at memory 0 (`\11` x 20) with no calldata,
/// returns the callee's first 4 bytes of return data and its status.
const PROXY: &str = r#"
(module
  (import "vm_hooks" "delegate_call_contract"
    (func $delegate (param i32 i32 i32 i64 i32) (result i32)))
  (import "vm_hooks" "read_return_data" (func $returned (param i32 i32 i32) (result i32)))
  (import "vm_hooks" "write_result" (func $result (param i32 i32)))
  (import "vm_hooks" "storage_cache_bytes32" (func $cache (param i32 i32)))
  (import "vm_hooks" "storage_flush_cache" (func $flush (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11")
  (data (i32.const 159) "\09")
  (data (i32.const 191) "\2a")
  (global $unused (mut i32) (i32.const 0))
  (func (export "user_entrypoint") (param $len i32) (result i32)
    (local $status i32)
    ;; slot 9 = 42 before the call, flushed as the SDK does before a call
    i32.const 128 i32.const 160 call $cache
    i32.const 1 call $flush
    i32.const 0 i32.const 64 i32.const 0 i64.const -1 i32.const 32 call $delegate
    local.set $status
    i32.const 64 i32.const 0 i32.const 4 call $returned drop
    i32.const 64 i32.const 4 call $result
    local.get $status))
"#;

const ALICE: Address = Address::repeat_byte(0xa1);
const PROXY_AT: Address = Address::repeat_byte(0x22);
const LIBRARY_AT: Address = Address::repeat_byte(0x11);

fn word(address: Address) -> B256 {
    address.into_word()
}

fn world_with(library: &str) -> (Engine, World) {
    let engine = Engine::default();
    let mut world = World::new(1, 0);
    world
        .deploy(&engine, LIBRARY_AT, &wat::parse_str(library).unwrap())
        .unwrap();
    world
        .deploy(&engine, PROXY_AT, &wat::parse_str(PROXY).unwrap())
        .unwrap();
    world.balances.insert(ALICE, U256::from(100));
    (engine, world)
}

#[test]
fn a_delegate_call_runs_the_library_in_the_callers_account() {
    let (engine, mut world) = world_with(LIBRARY);
    let mut call = Call::new(ALICE, PROXY_AT, Vec::new());
    call.value = U256::from(7);
    let outcome = world.transact(&engine, &call);
    assert!(outcome.success, "{:?}", outcome.trap);
    // Not reentrant: the proxy's account is entered once.
    assert_eq!(outcome.output, vec![0, 0, 0, 0]);
    // The proxy's storage, seen with the proxy's caller, address and value.
    assert_eq!(world.load(PROXY_AT, B256::ZERO), word(ALICE));
    assert_eq!(
        world.load(PROXY_AT, B256::with_last_byte(1)),
        word(PROXY_AT)
    );
    assert_eq!(
        world.load(PROXY_AT, B256::with_last_byte(2)),
        B256::from(U256::from(7))
    );
    assert_eq!(
        world.load(PROXY_AT, B256::with_last_byte(9)),
        B256::with_last_byte(42)
    );
    // The library's own storage and balance are untouched; the value
    // stays with the proxy.
    assert!(world.storage.get(&LIBRARY_AT).is_none_or(|s| s.is_empty()));
    assert_eq!(world.balance(PROXY_AT), U256::from(7));
    assert_eq!(world.balance(LIBRARY_AT), U256::ZERO);
    assert_eq!(world.balance(ALICE), U256::from(93));
}

#[test]
fn a_delegate_call_that_fails_returns_its_status_and_undoes_its_writes() {
    let (engine, mut world) = world_with(TRAPPING);
    let outcome = world.transact(&engine, &Call::new(ALICE, PROXY_AT, Vec::new()));
    // The proxy returns the callee's status (1) and so reverts: nothing
    // it stored stays.
    assert!(!outcome.success);
    assert_eq!(world.load(PROXY_AT, B256::with_last_byte(9)), B256::ZERO);
}

#[test]
fn a_delegate_call_enters_the_librarys_program_in_the_trace() {
    let (engine, mut world) = world_with(LIBRARY);
    world.trace = Some(Vec::new());
    let outcome = world.transact(&engine, &Call::new(ALICE, PROXY_AT, Vec::new()));
    assert!(outcome.success, "{:?}", outcome.trap);
    let entered: Vec<Address> = world
        .trace
        .as_ref()
        .unwrap()
        .iter()
        .filter_map(|step| match step {
            stylus_runtime::trace::Step::Enter { program, .. } => Some(*program),
            _ => None,
        })
        .collect();
    assert_eq!(entered, vec![PROXY_AT, LIBRARY_AT]);
}

#[test]
fn an_evm_delegatecall_runs_a_program_in_the_evm_contracts_account() {
    let (engine, mut world) = world_with(LIBRARY);
    // PUSH1 0 x4, PUSH20 library, GAS, DELEGATECALL, PUSH1 9, SSTORE, STOP:
    // slot 9 keeps the call's status.
    let code = hex::decode(
        format!(
            "6000600060006000 73{} 5a f4 600955 00",
            hex::encode(LIBRARY_AT)
        )
        .replace(' ', ""),
    )
    .unwrap();
    let contract = Address::repeat_byte(0xec);
    world.code.insert(contract, code);
    let mut call = Call::new(ALICE, contract, Vec::new());
    call.value = U256::from(5);
    let outcome = world.transact(&engine, &call);
    assert!(outcome.success, "{:?}", outcome.trap);
    assert_eq!(
        world.load(contract, B256::with_last_byte(9)),
        B256::with_last_byte(1)
    );
    assert_eq!(world.load(contract, B256::ZERO), word(ALICE));
    assert_eq!(
        world.load(contract, B256::with_last_byte(1)),
        word(contract)
    );
    assert_eq!(
        world.load(contract, B256::with_last_byte(2)),
        B256::from(U256::from(5))
    );
    assert_eq!(world.balance(contract), U256::from(5));
    assert_eq!(world.balance(LIBRARY_AT), U256::ZERO);
}
