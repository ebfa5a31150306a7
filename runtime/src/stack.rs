//! How deep each program's stack goes: a probe the runtime adds to every
//! program (after the metering, unpriced: ink is unchanged).
//!
//! Rust programs keep their shadow stack in linear memory below the
//! initial value of their first global, the stack pointer (`wasm-ld`
//! places the stack first, so its initial value is the stack's size). The
//! probe records the lowest value the stack pointer takes in a mutable,
//! exported global, [`STACK_LOW`]: after each `global.set` of the stack
//! pointer,
//!
//! ```text
//! global.get $sp  global.get $low  i32.lt_s
//! if  global.get $sp  global.set $low  end
//! ```
//!
//! The stack a call needed is then `top - low`. A stack too small goes
//! below zero (the memory access there traps out of bounds): a negative
//! `low` tells a stack overflow from another trap.
use anyhow::{Context, Result};
use wasm_encoder::{
    reencode::{Reencode, RoundtripReencoder},
    BlockType, ConstExpr, ExportKind, GlobalType, Instruction, ValType,
};
use wasmparser::{Operator, Parser, Payload};

/// The exported global holding the lowest stack pointer seen.
pub const STACK_LOW: &str = "stylus_stack_low";

/// The stack pointer of `wasm`: its first global when that is a mutable
/// `i32` initialised by a constant, with that constant (the stack's top).
///
/// # Errors
///
/// When the module does not parse.
pub fn stack_pointer(wasm: &[u8]) -> Result<Option<(u32, u32)>> {
    let mut imported = 0u32;
    for payload in Parser::new(0).parse_all(wasm) {
        match payload? {
            Payload::ImportSection(section) => {
                for import in section {
                    if matches!(import?.ty, wasmparser::TypeRef::Global(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::GlobalSection(section) => {
                let Some(global) = section.into_iter().next() else {
                    return Ok(None);
                };
                let global = global?;
                let mut init = global.init_expr.get_operators_reader();
                let mutable_i32 =
                    global.ty.mutable && global.ty.content_type == wasmparser::ValType::I32;
                return Ok(match init.read()? {
                    Operator::I32Const { value } if mutable_i32 => {
                        // The stack's top, a non-negative address.
                        Some((imported, value as u32))
                    }
                    _ => None,
                });
            }
            _ => {}
        }
    }
    Ok(None)
}

/// Adds the probe to `wasm` (already metered), for the stack pointer at
/// global index `pointer` ([`stack_pointer`]).
///
/// # Errors
///
/// When the module does not parse.
pub fn probe(wasm: &[u8], pointer: u32) -> Result<Vec<u8>> {
    let mut globals = 0u32;
    for payload in Parser::new(0).parse_all(wasm) {
        match payload? {
            Payload::ImportSection(section) => {
                for import in section {
                    if matches!(import?.ty, wasmparser::TypeRef::Global(_)) {
                        globals += 1;
                    }
                }
            }
            Payload::GlobalSection(section) => globals += section.count(),
            _ => {}
        }
    }
    let mut probe = Probe {
        pointer,
        low: globals,
    };
    let mut module = wasm_encoder::Module::new();
    probe
        .parse_core_module(&mut module, Parser::new(0), wasm)
        .map_err(|err| anyhow::anyhow!("adding the stack probe: {err:?}"))
        .context("probing the stack")?;
    Ok(module.finish())
}

/// The rewriting: the probe after each write of the stack pointer.
struct Probe {
    /// The stack pointer's global index.
    pointer: u32,
    /// The index of the added global, [`STACK_LOW`].
    low: u32,
}

impl Reencode for Probe {
    type Error = std::convert::Infallible;

    fn parse_function_body(
        &mut self,
        code: &mut wasm_encoder::CodeSection,
        func: wasmparser::FunctionBody<'_>,
    ) -> Result<(), wasm_encoder::reencode::Error<Self::Error>> {
        let mut function = self.new_function_with_parsed_locals(&func)?;
        let mut reader = func.get_operators_reader()?;
        while !reader.eof() {
            let op = reader.read()?;
            let sets_pointer =
                matches!(op, Operator::GlobalSet { global_index } if global_index == self.pointer);
            function.instruction(&RoundtripReencoder.instruction(op)?);
            if sets_pointer {
                for instruction in [
                    Instruction::GlobalGet(self.pointer),
                    Instruction::GlobalGet(self.low),
                    Instruction::I32LtS,
                    Instruction::If(BlockType::Empty),
                    Instruction::GlobalGet(self.pointer),
                    Instruction::GlobalSet(self.low),
                    Instruction::End,
                ] {
                    function.instruction(&instruction);
                }
            }
        }
        code.function(&function);
        Ok(())
    }

    fn parse_global_section(
        &mut self,
        globals: &mut wasm_encoder::GlobalSection,
        section: wasmparser::GlobalSectionReader<'_>,
    ) -> Result<(), wasm_encoder::reencode::Error<Self::Error>> {
        wasm_encoder::reencode::utils::parse_global_section(self, globals, section)?;
        let ty = GlobalType {
            val_type: ValType::I32,
            mutable: true,
            shared: false,
        };
        // Above any stack top: no stack used yet.
        globals.global(ty, &ConstExpr::i32_const(i32::MAX));
        Ok(())
    }

    fn parse_export_section(
        &mut self,
        exports: &mut wasm_encoder::ExportSection,
        section: wasmparser::ExportSectionReader<'_>,
    ) -> Result<(), wasm_encoder::reencode::Error<Self::Error>> {
        wasm_encoder::reencode::utils::parse_export_section(self, exports, section)?;
        exports.export(STACK_LOW, ExportKind::Global, self.low);
        Ok(())
    }
}
