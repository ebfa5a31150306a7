//! ArbWasm: activation for a data fee (the excess refunded), versions,
//! lifetimes, keepalive, expiry; ArbWasmCache.
use alloy_primitives::{keccak256, Address, U256};
use alloy_sol_types::{SolCall, SolError};
use stylus_runtime::{
    arbwasm::{self, ARB_WASM, ARB_WASM_CACHE},
    evm::STYLUS_PREFIX,
    world::{Call, World},
};
use wasmi::Engine;

/// A program that returns at once.
const PROGRAM: &str = r#"
(module
  (memory (export "memory") 1)
  (global $unused (mut i32) (i32.const 0))
  (func (export "user_entrypoint") (param $len i32) (result i32)
    i32.const 0))
"#;

const DAY: u64 = 86_400;

/// A world with the program's code (not activated) at `program`.
fn world(program: Address) -> (World, Vec<u8>) {
    let wasm = wat::parse_str(PROGRAM).unwrap();
    let mut compressed = Vec::new();
    let params = brotli::enc::BrotliEncoderParams::default();
    brotli::BrotliCompress(&mut &wasm[..], &mut compressed, &params).unwrap();
    let mut code = STYLUS_PREFIX.to_vec();
    code.push(0);
    code.extend(compressed);
    let mut world = World::new(1, 1_000 * DAY);
    world.code.insert(program, code.clone());
    (world, wasm)
}

fn send(
    world: &mut World,
    engine: &Engine,
    from: Address,
    to: Address,
    data: Vec<u8>,
    value: u64,
) -> stylus_runtime::world::Outcome {
    let mut call = Call::new(from, to, data);
    call.value = U256::from(value);
    world.transact(engine, &call)
}

#[test]
fn activation_takes_the_data_fee_refunds_the_rest_and_runs_the_program() {
    let engine = Engine::default();
    let (me, program) = (Address::repeat_byte(1), Address::repeat_byte(0x99));
    let (mut world, wasm) = world(program);
    let fee = arbwasm::data_fee(&wasm);
    world.balances.insert(me, fee * U256::from(3));

    // Called before activation: refused.
    let outcome = send(&mut world, &engine, me, program, Vec::new(), 0);
    assert_eq!(outcome.output, arbwasm::ProgramNotActivated {}.abi_encode());

    let activate = arbwasm::activateProgramCall { program }.abi_encode();
    let outcome = send(&mut world, &engine, me, ARB_WASM, activate.clone(), 1);
    let want = arbwasm::ProgramInsufficientValue {
        have: U256::from(1),
        want: fee,
    };
    assert_eq!(outcome.output, want.abi_encode());
    assert_eq!(world.balance(me), fee * U256::from(3));

    let outcome = send(
        &mut world,
        &engine,
        me,
        ARB_WASM,
        activate.clone(),
        2 * fee.to::<u64>(),
    );
    assert!(outcome.success);
    let (version, paid) = arbwasm::activateProgramCall::abi_decode_returns(&outcome.output, true)
        .map(|r| (r.version, r.dataFee))
        .unwrap();
    assert_eq!((version, paid), (arbwasm::STYLUS_VERSION, fee));
    assert_eq!(world.balance(me), fee * U256::from(2));
    assert_eq!(world.logs.len(), 1);
    assert!(send(&mut world, &engine, me, program, Vec::new(), 0).success);

    let outcome = send(&mut world, &engine, me, ARB_WASM, activate, fee.to::<u64>());
    assert_eq!(outcome.output, arbwasm::ProgramUpToDate {}.abi_encode());
}

#[test]
fn a_program_lives_a_year_unless_kept_alive_after_a_month() {
    let engine = Engine::default();
    let (me, program) = (Address::repeat_byte(1), Address::repeat_byte(0x99));
    let (mut world, wasm) = world(program);
    let fee = arbwasm::data_fee(&wasm).to::<u64>();
    world.balances.insert(me, U256::from(10 * fee));
    let activate = arbwasm::activateProgramCall { program }.abi_encode();
    assert!(send(&mut world, &engine, me, ARB_WASM, activate, fee).success);
    let codehash = keccak256(&world.code[&program]);

    let left = arbwasm::programTimeLeftCall { program }.abi_encode();
    let outcome = send(&mut world, &engine, me, ARB_WASM, left.clone(), 0);
    assert_eq!(
        arbwasm::programTimeLeftCall::abi_decode_returns(&outcome.output, true)
            .unwrap()
            .secs,
        365 * DAY
    );

    let keepalive = arbwasm::codehashKeepaliveCall { codehash }.abi_encode();
    world.timestamp += 30 * DAY;
    let outcome = send(&mut world, &engine, me, ARB_WASM, keepalive.clone(), fee);
    let soon = arbwasm::ProgramKeepaliveTooSoon {
        ageInSeconds: 30 * DAY,
    };
    assert_eq!(outcome.output, soon.abi_encode());
    world.timestamp += 2 * DAY;
    assert!(send(&mut world, &engine, me, ARB_WASM, keepalive, fee).success);
    let outcome = send(&mut world, &engine, me, ARB_WASM, left, 0);
    assert_eq!(
        arbwasm::programTimeLeftCall::abi_decode_returns(&outcome.output, true)
            .unwrap()
            .secs,
        365 * DAY
    );

    // A year later, the program and its version are refused.
    world.timestamp += 365 * DAY;
    let expired = arbwasm::ProgramExpired {
        ageInSeconds: 365 * DAY,
    };
    assert_eq!(
        send(&mut world, &engine, me, program, Vec::new(), 0).output,
        expired.abi_encode()
    );
    let version = arbwasm::codehashVersionCall { codehash }.abi_encode();
    assert_eq!(
        send(&mut world, &engine, me, ARB_WASM, version, 0).output,
        expired.abi_encode()
    );
}

#[test]
fn caching_a_program_spares_its_init() {
    let engine = Engine::default();
    let (me, program) = (Address::repeat_byte(1), Address::repeat_byte(0x99));
    let (mut world, wasm) = world(program);
    let fee = arbwasm::data_fee(&wasm).to::<u64>();
    world.balances.insert(me, U256::from(fee));
    let activate = arbwasm::activateProgramCall { program }.abi_encode();
    assert!(send(&mut world, &engine, me, ARB_WASM, activate, fee).success);
    let uncached = send(&mut world, &engine, me, program, Vec::new(), 0).gas_used();
    let cache = arbwasm::cacheProgramCall { program }.abi_encode();
    assert!(send(&mut world, &engine, me, ARB_WASM_CACHE, cache, 0).success);
    let cached = send(&mut world, &engine, me, program, Vec::new(), 0).gas_used();
    let activation = stylus_runtime::activation::Activation::of(&wasm).unwrap();
    assert_eq!(uncached - cached, activation.init_gas());
}

#[test]
fn activation_refuses_what_the_chain_refuses() {
    let engine = Engine::default();
    let mut world = World::new(1, 0);
    let imports_memory = wat::parse_str(
        r#"(module
  (import "env" "memory" (memory 1))
  (func (export "user_entrypoint") (param i32) (result i32) i32.const 0))"#,
    )
    .unwrap();
    let err = world
        .deploy(&engine, Address::repeat_byte(1), &imports_memory)
        .unwrap_err();
    assert!(
        err.to_string().contains("only `vm_hooks` may be imported"),
        "{err}"
    );
    let no_entrypoint = wat::parse_str(r#"(module (memory (export "memory") 1))"#).unwrap();
    let err = world
        .deploy(&engine, Address::repeat_byte(2), &no_entrypoint)
        .unwrap_err();
    assert!(err.to_string().contains("user_entrypoint"), "{err}");
    assert!(world.programs.is_empty());
}
