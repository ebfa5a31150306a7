//! What activation records about a program, and what entering it costs.
//!
//! Activation (nitro v3.9.5, `arbitrator/prover/src/binary.rs`) predicts
//! from the module two init costs, in gas: `init_cost` (compiling it
//! again, when not cached) and `cached_init_cost` (instantiating it), and
//! its `footprint`, the memory pages it declares. Entering a program pays
//! (`arbos/programs/programs.go`, Stylus version 2 since ArbOS 31):
//!
//! - the memory model's price of `footprint` more pages ([`crate::memory`]);
//! - cached (in ArbWasmCache, or entered already in this block): 32 * 11 +
//!   `cached_init_cost`;
//! - not cached: that, plus 128 * 69 + `init_cost`.
//!
//! The costs use the scalars' default of 100 % (`InitCostScalar` and
//! `CachedCostScalar` 50, at 2 % a unit).
use anyhow::{ensure, Context, Result};
use wasmparser::{ExternalKind, Parser, Payload, TypeRef, Validator, WasmFeatures};

/// The wasm proposals the chain's activation accepts on top of the MVP.
/// Reference types, multi-value, SIMD, threads, tail calls and every later
/// proposal are refused.
#[must_use]
pub fn activation_features() -> WasmFeatures {
    WasmFeatures::FLOATS
        | WasmFeatures::MUTABLE_GLOBAL
        | WasmFeatures::SATURATING_FLOAT_TO_INT
        | WasmFeatures::SIGN_EXTENSION
        | WasmFeatures::BULK_MEMORY
}

/// Validates a processed module as the chain's activation does: the
/// feature set of [`activation_features`], imports only from `vm_hooks`,
/// exports `user_entrypoint` (a function) and `memory`.
///
/// # Errors
///
/// Names the first rule the module breaks.
pub fn validate(wasm: &[u8]) -> Result<()> {
    Validator::new_with_features(activation_features())
        .validate_all(wasm)
        .context("wasm uses a feature the chain's activation refuses")?;
    let mut entrypoint = false;
    let mut memory = false;
    for payload in Parser::new(0).parse_all(wasm) {
        match payload? {
            Payload::ImportSection(imports) => {
                for import in imports {
                    let import = import?;
                    ensure!(
                        import.module == "vm_hooks",
                        "imports `{}::{}`: only `vm_hooks` may be imported",
                        import.module,
                        import.name
                    );
                    ensure!(
                        matches!(import.ty, TypeRef::Func(_)),
                        "imports `{}` that is not a function",
                        import.name
                    );
                }
            }
            Payload::ExportSection(exports) => {
                for export in exports {
                    let export = export?;
                    entrypoint |=
                        export.name == "user_entrypoint" && export.kind == ExternalKind::Func;
                    memory |= export.name == "memory" && export.kind == ExternalKind::Memory;
                }
            }
            _ => {}
        }
    }
    ensure!(entrypoint, "does not export the function `user_entrypoint`");
    ensure!(memory, "does not export `memory`");
    Ok(())
}

/// Globals activation's instrumentation adds: ink left, ink status, the
/// dynamic meter's scratch, and the stack depth left.
const ADDED_GLOBALS: u64 = 4;

/// What activation records about a program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Activation {
    /// Memory pages the program declares.
    pub footprint: u16,
    /// Gas to compile it again, when not cached.
    pub init_cost: u16,
    /// Gas to instantiate it.
    pub cached_init_cost: u16,
}

impl Activation {
    /// Reads `wasm` (the program as deployed, before instrumentation).
    ///
    /// # Errors
    ///
    /// When it does not parse, or a cost does not fit (as activation
    /// refuses).
    pub fn of(wasm: &[u8]) -> Result<Self> {
        let mut types: Vec<u64> = Vec::new();
        let mut type_len = 0u64;
        let mut funcs = 0u64;
        let mut globals = ADDED_GLOBALS;
        let mut data_len = 0u64;
        let mut footprint = 0u64;
        for payload in Parser::new(0).parse_all(wasm) {
            match payload? {
                Payload::TypeSection(section) => {
                    for ty in section.into_iter_err_on_gc_types() {
                        let ty = ty?;
                        types.push((ty.params().len() + ty.results().len()) as u64);
                    }
                }
                Payload::FunctionSection(section) => {
                    for index in section {
                        funcs += 1;
                        type_len += types.get(index? as usize).copied().unwrap_or(0);
                    }
                }
                Payload::ImportSection(section) => {
                    for import in section {
                        if let TypeRef::Memory(memory) = import?.ty {
                            footprint = memory.initial;
                        }
                    }
                }
                Payload::MemorySection(section) => {
                    for memory in section {
                        footprint = memory?.initial;
                    }
                }
                Payload::GlobalSection(section) => globals += u64::from(section.count()),
                Payload::DataSection(section) => {
                    for data in section {
                        data_len += data?.data.len() as u64;
                    }
                }
                Payload::ElementSection(section) => {
                    for element in section {
                        data_len += u64::from(match element?.items {
                            wasmparser::ElementItems::Functions(items) => items.count(),
                            wasmparser::ElementItems::Expressions(_, items) => items.count(),
                        });
                    }
                }
                _ => {}
            }
        }
        let wasm_len = wasm.len() as u64;
        let cached = funcs * 13_420 / 100_000
            + type_len * 89 / 100_000
            + wasm_len * 122 / 100_000
            + globals * 1_628 / 1_000
            + data_len * 75_244 / 100_000
            + footprint * 5;
        let init = funcs * 8_252 / 1_000 + type_len * 1_059 / 1_000 + wasm_len * 1_286 / 10_000;
        Ok(Self {
            footprint: u16::try_from(footprint).context("footprint")?,
            init_cost: u16::try_from(init).context("init cost too high")?,
            cached_init_cost: u16::try_from(cached).context("cached cost too high")?,
        })
    }

    /// Gas to instantiate the program (cached or not).
    #[must_use]
    pub fn cached_gas(&self) -> u64 {
        11 * 32 + u64::from(self.cached_init_cost)
    }

    /// Gas to compile it again, when not cached.
    #[must_use]
    pub fn init_gas(&self) -> u64 {
        69 * 128 + u64::from(self.init_cost)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    // The expected values spell out every term of the formula, zeros too.
    #[allow(clippy::identity_op, clippy::erasing_op)]
    fn costs_follow_activations_estimates() {
        let wat = r#"(module
            (memory 3)
            (global (mut i32) (i32.const 0))
            (data (i32.const 0) "0123456789")
            (func (export "user_entrypoint") (param i32) (result i32) i32.const 0)
            (func (param i64 i64)))"#;
        let wasm = wat::parse_str(wat).unwrap();
        let a = Activation::of(&wasm).unwrap();
        assert_eq!(a.footprint, 3);
        let len = wasm.len() as u64;
        // 2 functions; types 2 + 2 values; 1 + 4 globals; 10 data bytes.
        let cached = 2 * 13_420 / 100_000
            + 4 * 89 / 100_000
            + len * 122 / 100_000
            + 5 * 1_628 / 1_000
            + 10 * 75_244 / 100_000
            + 3 * 5;
        assert_eq!(u64::from(a.cached_init_cost), cached);
        let init = 2 * 8_252 / 1_000 + 4 * 1_059 / 1_000 + len * 1_286 / 10_000;
        assert_eq!(u64::from(a.init_cost), init);
        assert_eq!(a.cached_gas(), 352 + cached);
        assert_eq!(a.init_gas(), 8_832 + init);
    }

    #[test]
    fn the_shipped_programs_init_costs_are_near_the_measured_twenty_thousand() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/contracts");
        let Ok(wasm) = std::fs::read(root.join("token.wasm")) else {
            return;
        };
        let a = Activation::of(&wasm).unwrap();
        // Measured on a real Stylus runtime: about 19-20k uncached, a few
        // thousand cached, for programs of this size (17 pages declared).
        let uncached = a.cached_gas() + a.init_gas();
        assert!((15_000..25_000).contains(&uncached), "{uncached}");
        assert!(
            (1_000..8_000).contains(&a.cached_gas()),
            "{}",
            a.cached_gas()
        );
    }
}
