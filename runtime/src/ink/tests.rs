//! The metering, run on wasmi: ink paid per basic block, traps when short.
use wasmi::{Engine, Linker, Module, Store, Val};

use super::*;

/// A counting loop: `sum(n) = n + (n - 1) + ... + 1`.
const SUM: &str = r#"
(module
  (global $unused (mut i32) (i32.const 0))
  (func (export "sum") (param $n i32) (result i32) (local $acc i32)
    block
      loop
        local.get $n
        i32.eqz
        br_if 1
        local.get $acc
        local.get $n
        i32.add
        local.set $acc
        local.get $n
        i32.const 1
        i32.sub
        local.set $n
        br 0
      end
    end
    local.get $acc))
"#;

/// Ink `sum(n)` costs, block by block: `block loop` once; the test
/// `local.get i32.eqz br_if` n + 1 times; the body n times; the final
/// `local.get end` once (the branch out skips the header before the
/// block's `end`).
fn sum_cost(n: u64) -> u64 {
    let entry = HEADER_COST + 1 + 1;
    let test = HEADER_COST + 75 + 170 + 765;
    let body = HEADER_COST + 75 + 75 + 70 + 210 + 75 + 1 + 70 + 210 + 765;
    let exit = HEADER_COST + 75 + 1;
    entry + (n + 1) * test + n * body + exit
}

/// Instantiates an instrumented module.
fn instantiate(wasm: &[u8]) -> (Store<()>, wasmi::Instance) {
    let engine = Engine::default();
    let module = Module::new(&engine, wasm).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Linker::<()>::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap()
        .start(&mut store)
        .unwrap();
    (store, instance)
}

/// Runs `func(arg)` of the instrumented `wat` with `ink`; returns the
/// result (or the trap) and the ink left and status after.
fn run(wat: &str, func: &str, arg: i32, ink: u64) -> (Result<i32, wasmi::Error>, u64, i32) {
    let wasm = instrument(&wat::parse_str(wat).unwrap()).unwrap();
    let (mut store, instance) = instantiate(&wasm);
    let left = instance.get_global(&store, INK_LEFT).unwrap();
    left.set(&mut store, Val::I64(i64::try_from(ink).unwrap()))
        .unwrap();
    let result = instance
        .get_typed_func::<i32, i32>(&store, func)
        .unwrap()
        .call(&mut store, arg);
    // A bulk operation short of ink leaves the ink left wrapped (status 1).
    let left = match left.get(&store) {
        Val::I64(v) => v.cast_unsigned(),
        other => panic!("{other:?}"),
    };
    let status = match instance.get_global(&store, INK_STATUS).unwrap().get(&store) {
        Val::I32(v) => v,
        other => panic!("{other:?}"),
    };
    (result, left, status)
}

#[test]
fn each_basic_block_pays_its_instructions_and_the_header() {
    for n in [0u64, 1, 5, 100] {
        let ink = 10_000_000;
        let (result, left, status) = run(SUM, "sum", i32::try_from(n).unwrap(), ink);
        let expected = i32::try_from(n * (n + 1) / 2).unwrap();
        assert_eq!(result.unwrap(), expected);
        assert_eq!(ink - left, sum_cost(n), "n = {n}");
        assert_eq!(status, 0);
    }
}

#[test]
fn a_block_short_of_ink_traps_before_it_runs_with_status_one() {
    // Enough for everything but the exit block.
    let ink = sum_cost(3) - 1;
    let (result, left, status) = run(SUM, "sum", 3, ink);
    assert!(result.is_err(), "out of ink must trap");
    assert_eq!(status, 1);
    // Everything but the exit block was paid.
    assert_eq!(left, HEADER_COST + 75 + 1 - 1);

    // Exactly enough passes.
    let (result, left, status) = run(SUM, "sum", 3, sum_cost(3));
    assert_eq!((result.unwrap(), left, status), (6, 0, 0));
}

#[test]
fn prices_follow_nitro() {
    let types = [FuncType::new([wasmparser::ValType::I32; 3], [])];
    assert_eq!(
        price(
            &Operator::CallIndirect {
                type_index: 0,
                table_index: 0
            },
            &types
        ),
        Some(13_610 + 3 * 650)
    );
    assert_eq!(
        price(&Operator::Call { function_index: 0 }, &types),
        Some(3_800)
    );
    assert_eq!(price(&Operator::I64DivU, &types), Some(1_270));
    assert_eq!(price(&Operator::F32Add, &types), None, "floats are refused");
    assert!(ends_block(&Operator::Call { function_index: 0 }));
    assert!(!ends_block(&Operator::I32Add));
}

#[test]
fn unsupported_instructions_and_shapeless_modules_are_refused() {
    let float = r#"(module (global (mut i32) (i32.const 0))
        (func (export "f") (result f32) f32.const 1.0))"#;
    let err = instrument(&wat::parse_str(float).unwrap()).unwrap_err();
    assert!(err.to_string().contains("unsupported instruction"), "{err}");
    let bare = r#"(module (func (export "f")))"#;
    assert!(instrument(&wat::parse_str(bare).unwrap()).is_err());
}

#[test]
fn the_shipped_contracts_instrument_and_validate() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/contracts");
    let Ok(entries) = std::fs::read_dir(&root) else {
        // `suite check` writes them; the test command runs it first.
        return;
    };
    for entry in entries.flatten() {
        let wasm = std::fs::read(entry.path()).unwrap();
        let metered = instrument(&wasm).unwrap();
        wasmparser::Validator::new()
            .validate_all(&metered)
            .unwrap_or_else(|e| panic!("{}: {e}", entry.path().display()));
        assert!(metered.len() > wasm.len());
    }
}

/// `copy(n)` copies `n` bytes and `fill(n)` fills `n` bytes, in one block
/// each: `local.get i32.const local.get memory.copy i32.const end`.
const BULK: &str = r#"
(module
  (global $unused (mut i32) (i32.const 0))
  (memory 1)
  (func (export "copy") (param $n i32) (result i32)
    i32.const 0
    i32.const 100
    local.get $n
    memory.copy
    i32.const 7)
  (func (export "fill") (param $n i32) (result i32)
    i32.const 0
    i32.const 255
    local.get $n
    memory.fill
    i32.const 7))
"#;

/// The ink of `BULK`'s functions for `n` bytes: the block's instructions
/// and header, plus 100 ink a byte.
fn bulk_cost(n: u64) -> u64 {
    HEADER_COST + 1 + 1 + 75 + 950 + 1 + 1 + MEMORY_BULK_INK.unsigned_abs() * n
}

#[test]
fn memory_copy_and_fill_pay_by_the_byte() {
    for func in ["copy", "fill"] {
        for n in [0u64, 1, 32, 1_000] {
            let ink = 10_000_000;
            let (result, left, status) = run(BULK, func, i32::try_from(n).unwrap(), ink);
            assert_eq!((result.unwrap(), status), (7, 0), "{func}({n})");
            assert_eq!(ink - left, bulk_cost(n), "{func}({n})");
        }
    }
}

#[test]
fn a_bulk_operation_short_of_ink_traps_with_status_one() {
    // The block's price is paid; the bytes are one ink short.
    let (result, _, status) = run(BULK, "copy", 1_000, bulk_cost(1_000) - 1);
    assert!(result.is_err());
    assert_eq!(status, 1);
    let (result, left, status) = run(BULK, "fill", 1_000, bulk_cost(1_000));
    assert_eq!((result.unwrap(), left, status), (7, 0, 0));
}

#[test]
fn a_profiled_module_counts_each_functions_ink_and_calls_and_pays_the_same() {
    let wasm = instrument_profiled(&wat::parse_str(SUM).unwrap()).unwrap();
    let (mut store, instance) = instantiate(&wasm);
    let ink = 10_000_000;
    let left = instance.get_global(&store, INK_LEFT).unwrap();
    left.set(&mut store, Val::I64(ink)).unwrap();
    let sum = instance.get_typed_func::<i32, i32>(&store, "sum").unwrap();
    assert_eq!(sum.call(&mut store, 5).unwrap(), 15);
    let paid = ink - left.get(&store).i64().unwrap();
    assert_eq!(u64::try_from(paid).unwrap(), sum_cost(5));
    let counter = instance
        .get_global(&store, &format!("{PROFILE_PREFIX}0"))
        .unwrap();
    assert_eq!(counter.get(&store).i64().unwrap(), paid);
    sum.call(&mut store, 1).unwrap();
    let calls = instance
        .get_global(&store, &format!("{CALLS_PREFIX}0"))
        .unwrap();
    assert_eq!(calls.get(&store).i64().unwrap(), 2);
}
