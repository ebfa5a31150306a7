//! Ink metering, as Stylus activation instruments every program.
//!
//! Stylus prices execution in *ink* (10,000 ink = 1 gas at ArbOS 40's
//! ink price). Activation rewrites each function so that every basic block
//! first checks and pays its cost: the sum of its instructions' prices
//! ([`price`]) plus [`HEADER_COST`] for the check itself. A basic block
//! ends with `end`, `else`, `return`, `loop`, `br`, `br_if`, `br_table`,
//! `if`, `call` or `call_indirect` (the ending instruction included); the
//! check stands before the block's first instruction:
//!
//! ```text
//! global.get $ink_left  i64.const COST  i64.lt_u
//! if  i32.const 1  global.set $ink_status  unreachable  end
//! global.get $ink_left  i64.const COST  i64.sub  global.set $ink_left
//! ```
//!
//! so a program out of ink traps before the block runs, with status 1.
//! Two mutable globals are added and exported: [`INK_LEFT`] (i64) and
//! [`INK_STATUS`] (i32), which the host sets before a call and reads after.
//!
//! `memory.copy` and `memory.fill` also pay by the byte
//! ([`MEMORY_BULK_INK`]), as nitro's dynamic meter charges them: just
//! before the instruction, its size (moved through a third added global,
//! the scratch) times the price comes off the ink left, which traps with
//! status 1 when it would go below zero.
//!
//! The prices and the block rule are nitro v3.9.5's
//! (`arbitrator/prover/src/programs/meter.rs`, `pricing_v1`; the header
//! cost from `programs/config.rs`); the code is this project's.
use anyhow::{bail, Context, Result};
use wasm_encoder::{
    reencode::{Reencode, RoundtripReencoder},
    BlockType, ConstExpr, ExportKind, GlobalType, Instruction, ValType,
};
use wasmparser::{FuncType, Operator, Parser, Payload};

/// The exported global holding the ink left.
pub const INK_LEFT: &str = "stylus_ink_left";
/// The exported global set to 1 when a block finds too little ink.
pub const INK_STATUS: &str = "stylus_ink_status";
/// The prefix of the exported per-function ink counters of a profiled
/// build ([`instrument_profiled`]), followed by the function's index.
pub const PROFILE_PREFIX: &str = "stylus_profile_";
/// The prefix of a profiled build's per-function call counters.
pub const CALLS_PREFIX: &str = "stylus_calls_";
/// Ink per byte `memory.copy` and `memory.fill` pay on top of their price
/// (nitro's `memory_copy_ink` and `memory_fill_ink`: 800 / 8).
pub const MEMORY_BULK_INK: i64 = 100;
/// What the check before each basic block costs, in ink.
pub const HEADER_COST: u64 = 2_450;

/// The ink price of one instruction; `None` for an instruction Stylus
/// does not accept (floats, SIMD, threads, reference types, ...).
///
/// `types` are the module's function types, for `call_indirect`.
#[must_use]
pub fn price(op: &Operator, types: &[FuncType]) -> Option<u64> {
    use Operator as O;
    let ink = match op {
        O::Unreachable | O::Return | O::Nop | O::I32Const { .. } | O::I64Const { .. } => 1,
        O::Block { .. } | O::Loop { .. } | O::Else | O::End => 1,
        O::Drop => 9,
        O::Br { .. } | O::BrIf { .. } | O::If { .. } => 765,
        O::Select => 1_250,
        O::Call { .. } => 3_800,
        O::LocalGet { .. } | O::LocalTee { .. } => 75,
        O::LocalSet { .. } => 210,
        O::GlobalGet { .. } => 225,
        O::GlobalSet { .. } => 575,
        O::I32Load { .. }
        | O::I32Load8S { .. }
        | O::I32Load8U { .. }
        | O::I32Load16S { .. }
        | O::I32Load16U { .. } => 670,
        O::I64Load { .. }
        | O::I64Load8S { .. }
        | O::I64Load8U { .. }
        | O::I64Load16S { .. }
        | O::I64Load16U { .. }
        | O::I64Load32S { .. }
        | O::I64Load32U { .. } => 680,
        O::I32Store { .. } | O::I32Store8 { .. } | O::I32Store16 { .. } => 825,
        O::I64Store { .. } | O::I64Store8 { .. } | O::I64Store16 { .. } | O::I64Store32 { .. } => {
            950
        }
        O::MemorySize { .. } => 3_000,
        // Plus what the memory pricer charges for the pages.
        O::MemoryGrow { .. } => 8_050,
        O::I32Eqz
        | O::I32Eq
        | O::I32Ne
        | O::I32LtS
        | O::I32LtU
        | O::I32GtS
        | O::I32GtU
        | O::I32LeS
        | O::I32LeU
        | O::I32GeS
        | O::I32GeU => 170,
        O::I64Eqz
        | O::I64Eq
        | O::I64Ne
        | O::I64LtS
        | O::I64LtU
        | O::I64GtS
        | O::I64GtU
        | O::I64LeS
        | O::I64LeU
        | O::I64GeS
        | O::I64GeU => 225,
        O::I32Clz | O::I32Ctz | O::I64Clz | O::I64Ctz => 210,
        O::I32Add | O::I32Sub => 70,
        O::I32Mul | O::I64Mul => 160,
        O::I32DivS | O::I32DivU | O::I32RemS | O::I32RemU => 1_120,
        O::I32And
        | O::I32Or
        | O::I32Xor
        | O::I32Shl
        | O::I32ShrS
        | O::I32ShrU
        | O::I32Rotl
        | O::I32Rotr => 70,
        O::I64Add | O::I64Sub => 100,
        O::I64DivS | O::I64DivU | O::I64RemS | O::I64RemU => 1_270,
        O::I64And
        | O::I64Or
        | O::I64Xor
        | O::I64Shl
        | O::I64ShrS
        | O::I64ShrU
        | O::I64Rotl
        | O::I64Rotr => 100,
        O::I32Popcnt => 2_650,
        O::I64Popcnt => 6_000,
        O::I32WrapI64
        | O::I64ExtendI32S
        | O::I64ExtendI32U
        | O::I32Extend8S
        | O::I32Extend16S
        | O::I64Extend8S
        | O::I64Extend16S
        | O::I64Extend32S => 100,
        O::MemoryCopy { .. } | O::MemoryFill { .. } => 950,
        O::BrTable { targets } => 2_400 + 325 * u64::from(targets.len()),
        O::CallIndirect { type_index, .. } => {
            let params = types
                .get(usize::try_from(*type_index).ok()?)?
                .params()
                .len();
            13_610 + 650 * u64::try_from(params).ok()?
        }
        _ => return None,
    };
    Some(ink)
}

/// Whether `op` ends a basic block (it is then the block's last
/// instruction).
#[must_use]
pub fn ends_block(op: &Operator) -> bool {
    matches!(
        op,
        Operator::End
            | Operator::Else
            | Operator::Return
            | Operator::Loop { .. }
            | Operator::Br { .. }
            | Operator::BrTable { .. }
            | Operator::BrIf { .. }
            | Operator::If { .. }
            | Operator::Call { .. }
            | Operator::CallIndirect { .. }
    )
}

/// What the metering needs to know of a module before rewriting it.
#[derive(Debug, Default)]
struct Shape {
    /// The function types, by index.
    types: Vec<FuncType>,
    /// Globals: imported plus defined.
    globals: u32,
    /// Functions: imported, and defined.
    functions: (u32, u32),
    /// Whether it has a global section and an export section (the
    /// metering extends both).
    sections: (bool, bool),
}

/// Reads the module's function types and counts its globals.
fn shape(wasm: &[u8]) -> Result<Shape> {
    let mut shape = Shape::default();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload? {
            Payload::TypeSection(section) => {
                for ty in section.into_iter_err_on_gc_types() {
                    shape.types.push(ty?);
                }
            }
            Payload::ImportSection(section) => {
                for import in section {
                    match import?.ty {
                        wasmparser::TypeRef::Global(_) => shape.globals += 1,
                        wasmparser::TypeRef::Func(_) => shape.functions.0 += 1,
                        _ => {}
                    }
                }
            }
            Payload::FunctionSection(section) => shape.functions.1 = section.count(),
            Payload::GlobalSection(section) => {
                shape.globals += section.count();
                shape.sections.0 = true;
            }
            Payload::ExportSection(_) => shape.sections.1 = true,
            _ => {}
        }
    }
    Ok(shape)
}

/// Rewrites function bodies with the metering, and adds the two globals
/// and their exports.
struct Meter {
    /// The module's shape.
    shape: Shape,
    /// The first error met inside a callback that cannot return one.
    error: Option<anyhow::Error>,
    /// Whether each function also counts its ink in a global of its own.
    profile: bool,
    /// The defined function being rewritten (0 for the first).
    function: u32,
}

impl Meter {
    /// Index of [`INK_LEFT`].
    fn ink_left(&self) -> u32 {
        self.shape.globals
    }

    /// Index of [`INK_STATUS`].
    fn ink_status(&self) -> u32 {
        self.shape.globals + 1
    }

    /// Index of the dynamic meter's scratch global.
    fn scratch(&self) -> u32 {
        self.shape.globals + 2
    }

    /// Index of the ink counter of defined function `function`.
    fn counter(&self, function: u32) -> u32 {
        self.shape.globals + 3 + function
    }

    /// Index of the call counter of defined function `function`.
    fn calls(&self, function: u32) -> u32 {
        self.counter(self.shape.functions.1 + function)
    }

    /// What stands before a `memory.copy` or `memory.fill` (its size on
    /// top of the stack): the size times [`MEMORY_BULK_INK`] paid, or a
    /// trap with status 1 when the ink left is short (nitro's dynamic
    /// meter: the subtraction wrapping shows it).
    fn bulk(&self) -> Vec<Instruction<'static>> {
        vec![
            Instruction::GlobalSet(self.scratch()),
            Instruction::GlobalGet(self.ink_left()),
            Instruction::GlobalGet(self.ink_left()),
            Instruction::GlobalGet(self.scratch()),
            Instruction::I64ExtendI32U,
            Instruction::I64Const(MEMORY_BULK_INK),
            Instruction::I64Mul,
            Instruction::I64Sub,
            Instruction::GlobalSet(self.ink_left()),
            Instruction::GlobalGet(self.ink_left()),
            Instruction::I64LtU,
            Instruction::If(BlockType::Empty),
            Instruction::I32Const(1),
            Instruction::GlobalSet(self.ink_status()),
            Instruction::Unreachable,
            Instruction::End,
            Instruction::GlobalGet(self.scratch()),
        ]
    }

    /// The check-and-pay sequence for a block costing `cost` (the header
    /// included).
    fn header(&self, cost: u64) -> Vec<Instruction<'static>> {
        // A block's cost is far below 2^63: at most ~10^5 instructions at
        // ~10^4 ink each.
        let cost = i64::try_from(cost).unwrap_or(i64::MAX);
        let mut profile = Vec::new();
        if self.profile {
            let counter = self.counter(self.function);
            profile = vec![
                Instruction::GlobalGet(counter),
                Instruction::I64Const(cost),
                Instruction::I64Add,
                Instruction::GlobalSet(counter),
            ];
        }
        profile.extend([
            Instruction::GlobalGet(self.ink_left()),
            Instruction::I64Const(cost),
            Instruction::I64LtU,
            Instruction::If(BlockType::Empty),
            Instruction::I32Const(1),
            Instruction::GlobalSet(self.ink_status()),
            Instruction::Unreachable,
            Instruction::End,
            Instruction::GlobalGet(self.ink_left()),
            Instruction::I64Const(cost),
            Instruction::I64Sub,
            Instruction::GlobalSet(self.ink_left()),
        ]);
        profile
    }
}

impl Reencode for Meter {
    type Error = std::convert::Infallible;

    fn parse_function_body(
        &mut self,
        code: &mut wasm_encoder::CodeSection,
        func: wasmparser::FunctionBody<'_>,
    ) -> Result<(), wasm_encoder::reencode::Error<Self::Error>> {
        let mut function = self.new_function_with_parsed_locals(&func)?;
        let mut reader = func.get_operators_reader()?;
        let mut block: Vec<Instruction<'_>> = Vec::new();
        let mut cost = HEADER_COST;
        if self.profile {
            let calls = self.calls(self.function);
            for instruction in [
                Instruction::GlobalGet(calls),
                Instruction::I64Const(1),
                Instruction::I64Add,
                Instruction::GlobalSet(calls),
            ] {
                function.instruction(&instruction);
            }
        }
        while !reader.eof() {
            let op = reader.read()?;
            let Some(ink) = price(&op, &self.shape.types) else {
                if self.error.is_none() {
                    self.error = Some(anyhow::anyhow!("unsupported instruction {op:?}"));
                }
                return Ok(());
            };
            cost = cost.saturating_add(ink);
            let end = ends_block(&op);
            if matches!(
                op,
                Operator::MemoryCopy { .. } | Operator::MemoryFill { .. }
            ) {
                block.extend(self.bulk());
            }
            block.push(RoundtripReencoder.instruction(op)?);
            if end {
                for instruction in self.header(cost) {
                    function.instruction(&instruction);
                }
                for instruction in block.drain(..) {
                    function.instruction(&instruction);
                }
                cost = HEADER_COST;
            }
        }
        code.function(&function);
        self.function += 1;
        Ok(())
    }

    fn parse_global_section(
        &mut self,
        globals: &mut wasm_encoder::GlobalSection,
        section: wasmparser::GlobalSectionReader<'_>,
    ) -> Result<(), wasm_encoder::reencode::Error<Self::Error>> {
        wasm_encoder::reencode::utils::parse_global_section(self, globals, section)?;
        let counters = if self.profile {
            2 * self.shape.functions.1
        } else {
            0
        };
        let added = [
            (ValType::I64, ConstExpr::i64_const(0)),
            (ValType::I32, ConstExpr::i32_const(0)),
            (ValType::I32, ConstExpr::i32_const(0)),
        ]
        .into_iter()
        .chain((0..counters).map(|_| (ValType::I64, ConstExpr::i64_const(0))));
        for (ty, init) in added {
            globals.global(
                GlobalType {
                    val_type: ty,
                    mutable: true,
                    shared: false,
                },
                &init,
            );
        }
        Ok(())
    }

    fn parse_export_section(
        &mut self,
        exports: &mut wasm_encoder::ExportSection,
        section: wasmparser::ExportSectionReader<'_>,
    ) -> Result<(), wasm_encoder::reencode::Error<Self::Error>> {
        wasm_encoder::reencode::utils::parse_export_section(self, exports, section)?;
        exports.export(INK_LEFT, ExportKind::Global, self.ink_left());
        exports.export(INK_STATUS, ExportKind::Global, self.ink_status());
        if self.profile {
            for function in 0..self.shape.functions.1 {
                let index = self.shape.functions.0 + function;
                let name = format!("{PROFILE_PREFIX}{index}");
                exports.export(&name, ExportKind::Global, self.counter(function));
                let name = format!("{CALLS_PREFIX}{index}");
                exports.export(&name, ExportKind::Global, self.calls(function));
            }
        }
        Ok(())
    }
}

/// Instruments `wasm` with ink metering.
///
/// # Errors
///
/// When the module does not parse, has no global or export section (every
/// Stylus program has both), or holds an instruction Stylus refuses.
pub fn instrument(wasm: &[u8]) -> Result<Vec<u8>> {
    rewrite(wasm, false)
}

/// Instruments `wasm` as [`instrument`] does, and adds to each defined
/// function an exported counter ([`PROFILE_PREFIX`] and its function
/// index) of the ink its blocks paid: where a program's instructions
/// spend. The counters cost no ink, so the gas is the same.
///
/// # Errors
///
/// As [`instrument`].
pub fn instrument_profiled(wasm: &[u8]) -> Result<Vec<u8>> {
    rewrite(wasm, true)
}

/// [`instrument`], profiled or not.
fn rewrite(wasm: &[u8], profile: bool) -> Result<Vec<u8>> {
    let shape = shape(wasm).context("reading the module")?;
    if shape.sections != (true, true) {
        bail!("a program needs a global and an export section");
    }
    let mut meter = Meter {
        shape,
        error: None,
        profile,
        function: 0,
    };
    let mut module = wasm_encoder::Module::new();
    meter
        .parse_core_module(&mut module, Parser::new(0), wasm)
        .map_err(|err| anyhow::anyhow!("rewriting the module: {err:?}"))?;
    if let Some(err) = meter.error {
        return Err(err);
    }
    Ok(module.finish())
}

#[cfg(test)]
mod tests;
