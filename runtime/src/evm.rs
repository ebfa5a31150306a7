//! Plain EVM contracts, on revm's interpreter (`revm-interpreter`, Cancun's
//! instruction set and gas), against the runtime's [`World`]: storage,
//! balances, access lists, logs and calls are the world's, so an EVM
//! contract and a Stylus program call each other as on Arbitrum.
//!
//! A frame runs until the interpreter asks for a call or a creation; the
//! runtime executes it ([`World::call`] dispatches to a program, a
//! precompile, another EVM contract, or a plain account), hands the
//! outcome back, and resumes. A frame's refund counter (revm's, EIP-3529)
//! joins the world's when the frame succeeds ([`World::receipt`]).
use alloy_primitives::{keccak256, Address, Bytes, Log as EvmLog, B256, U256};
use revm_interpreter::{
    opcode::make_instruction_table,
    primitives::{Bytecode, CancunSpec, Env},
    AccountLoad, CallOutcome, CallScheme, CallValue, Contract, CreateOutcome, CreateScheme,
    Eip7702CodeLoad, Gas, Host, InstructionResult, Interpreter, InterpreterAction,
    InterpreterResult, SStoreResult, SelfDestructResult, SharedMemory, StateLoad,
};
use wasmi::Engine;

use crate::{
    pricing::INK_PER_GAS,
    world::{Call, Log, Outcome, World},
};

/// The gas paid per byte of code a creation deposits (EIP-170's era).
const CODE_DEPOSIT_GAS: u64 = 200;
/// The largest code a creation may deposit (EIP-170), bytes.
const MAX_CODE_SIZE: usize = 24_576;
/// The prefix of a Stylus program's code (then a dictionary byte and the
/// brotli-compressed wasm): EIP-3541 refuses other code starting with
/// `0xEF`.
pub const STYLUS_PREFIX: [u8; 3] = [0xef, 0xf0, 0x00];

/// The world seen from an EVM frame.
struct EvmHost {
    /// The world, moved in for the frame's run.
    world: World,
    /// Block and transaction context.
    env: Env,
}

impl Host for EvmHost {
    fn env(&self) -> &Env {
        &self.env
    }

    fn env_mut(&mut self) -> &mut Env {
        &mut self.env
    }

    fn load_account_delegated(&mut self, address: Address) -> Option<AccountLoad> {
        let is_cold = self.world.warm_accounts.insert(address);
        Some(AccountLoad {
            load: Eip7702CodeLoad::new_not_delegated((), is_cold),
            is_empty: self.world.is_empty(address),
        })
    }

    fn block_hash(&mut self, number: u64) -> Option<B256> {
        Some(keccak256(number.to_be_bytes()))
    }

    fn balance(&mut self, address: Address) -> Option<StateLoad<U256>> {
        let is_cold = self.world.warm_accounts.insert(address);
        Some(StateLoad::new(self.world.balance(address), is_cold))
    }

    fn code(&mut self, address: Address) -> Option<StateLoad<Bytes>> {
        let is_cold = self.world.warm_accounts.insert(address);
        let code = self.world.code_of(address);
        Some(StateLoad::new(code.into(), is_cold))
    }

    fn code_hash(&mut self, address: Address) -> Option<StateLoad<B256>> {
        let is_cold = self.world.warm_accounts.insert(address);
        let hash = if self.world.is_empty(address) {
            B256::ZERO
        } else {
            keccak256(self.world.code_of(address))
        };
        Some(StateLoad::new(hash, is_cold))
    }

    fn sload(&mut self, address: Address, index: U256) -> Option<StateLoad<U256>> {
        let slot = B256::from(index);
        let is_cold = self.world.warm_slots.insert((address, slot));
        let value = U256::from_be_bytes(self.world.load(address, slot).0);
        Some(StateLoad::new(value, is_cold))
    }

    fn sstore(
        &mut self,
        address: Address,
        index: U256,
        value: U256,
    ) -> Option<StateLoad<SStoreResult>> {
        let slot = B256::from(index);
        let is_cold = self.world.warm_slots.insert((address, slot));
        let present_value = U256::from_be_bytes(self.world.load(address, slot).0);
        let original_value = U256::from_be_bytes(self.world.original(address, slot).0);
        self.world
            .storage
            .entry(address)
            .or_default()
            .insert(slot, B256::from(value));
        Some(StateLoad::new(
            SStoreResult {
                original_value,
                present_value,
                new_value: value,
            },
            is_cold,
        ))
    }

    fn tload(&mut self, address: Address, index: U256) -> U256 {
        self.world
            .transient
            .get(&(address, index))
            .copied()
            .unwrap_or_default()
    }

    fn tstore(&mut self, address: Address, index: U256, value: U256) {
        self.world.transient.insert((address, index), value);
    }

    fn log(&mut self, log: EvmLog) {
        self.world.logs.push(Log {
            address: log.address,
            topics: log.data.topics().to_vec(),
            data: log.data.data.to_vec(),
        });
    }

    fn selfdestruct(
        &mut self,
        _address: Address,
        _target: Address,
    ) -> Option<StateLoad<SelfDestructResult>> {
        // Not used by anything the suite runs: a fatal error.
        None
    }
}

/// Runs `call` as an EVM frame of `code`; the world's changes stay (the
/// caller, [`World::call`], undoes them on failure).
pub(crate) fn execute(engine: &Engine, world: &mut World, call: &Call, code: Vec<u8>) -> Outcome {
    let contract = Contract::new(
        call.data.clone().into(),
        Bytecode::new_raw(code.into()),
        None,
        call.to,
        call.delegate,
        call.from,
        call.value,
    );
    let result = run(engine, world, contract, call.gas, call.is_static);
    if result.is_ok() {
        world.refund += result.gas.refunded();
    }
    outcome(&result, call.gas)
}

/// Runs `init_code` from `from` with `value` to create a contract at
/// `address`: the code it returns is deposited there (200 gas a byte).
pub(crate) fn create(
    engine: &Engine,
    world: &mut World,
    from: Address,
    address: Address,
    value: U256,
    init_code: Vec<u8>,
    gas: u64,
) -> Outcome {
    if !world.code_of(address).is_empty() || world.nonce(address) != 0 {
        return failed(gas, "a contract exists at the address");
    }
    world.nonces.insert(address, 1);
    if !world.transfer(from, address, value) {
        return failed(0, "the creator cannot pay the value");
    }
    let contract = Contract::new(
        Bytes::new(),
        Bytecode::new_raw(init_code.into()),
        None,
        address,
        None,
        from,
        value,
    );
    let mut result = run(engine, world, contract, gas, false);
    if result.is_ok() {
        world.refund += result.gas.refunded();
        let deposit = CODE_DEPOSIT_GAS * result.output.len() as u64;
        let reserved =
            result.output.first() == Some(&0xef) && !result.output.starts_with(&STYLUS_PREFIX);
        if result.output.len() > MAX_CODE_SIZE || reserved {
            result.result = InstructionResult::CreateContractSizeLimit;
        } else if !result.gas.record_cost(deposit) {
            result.result = InstructionResult::OutOfGas;
        } else {
            world.code.insert(address, result.output.to_vec());
            let mut outcome = outcome(&result, gas);
            outcome.output = address.to_vec();
            return outcome;
        }
    }
    outcome(&result, gas)
}

/// The interpreter's loop over one frame: nested calls and creations are
/// the world's.
fn run(
    engine: &Engine,
    world: &mut World,
    contract: Contract,
    gas: u64,
    is_static: bool,
) -> InterpreterResult {
    let table = make_instruction_table::<EvmHost, CancunSpec>();
    let mut interpreter = Interpreter::new(contract, gas, is_static);
    let mut memory = SharedMemory::new();
    loop {
        let env = environment(world);
        let mut host = EvmHost {
            world: std::mem::take(world),
            env,
        };
        let action = interpreter.run(memory, &table, &mut host);
        *world = host.world;
        memory = interpreter.take_memory();
        match action {
            InterpreterAction::Call { inputs } => {
                if inputs.scheme == CallScheme::CallCode {
                    // CALLCODE (deprecated): not used by anything the suite
                    // runs; it fails.
                    let outcome = CallOutcome::new(
                        InterpreterResult::new(
                            InstructionResult::Revert,
                            Bytes::new(),
                            Gas::new(inputs.gas_limit),
                        ),
                        inputs.return_memory_offset.clone(),
                    );
                    interpreter.insert_call_outcome(&mut memory, outcome);
                    continue;
                }
                // DELEGATECALL: the value is the frame's own ("apparent"),
                // and the code is the bytecode address's.
                let (value, delegate) = match inputs.value {
                    CallValue::Transfer(value) => (value, None),
                    CallValue::Apparent(value) => (value, Some(inputs.bytecode_address)),
                };
                let sub = Call {
                    from: inputs.caller,
                    to: inputs.target_address,
                    value,
                    data: inputs.input.to_vec(),
                    is_static: inputs.is_static || inputs.scheme == CallScheme::StaticCall,
                    gas: inputs.gas_limit,
                    delegate,
                };
                let done = world.call(engine, &sub);
                let result = result_of(&done, inputs.gas_limit);
                let outcome = CallOutcome::new(result, inputs.return_memory_offset.clone());
                interpreter.insert_call_outcome(&mut memory, outcome);
            }
            InterpreterAction::Create { inputs } => {
                let nonce = world.nonce(inputs.caller);
                world.nonces.insert(inputs.caller, nonce + 1);
                let address = match inputs.scheme {
                    CreateScheme::Create => inputs.caller.create(nonce),
                    CreateScheme::Create2 { salt } => inputs
                        .caller
                        .create2(B256::from(salt), keccak256(&inputs.init_code)),
                };
                // Taken after the creator's nonce moved: a failed creation
                // keeps it moved.
                let before = world.clone();
                let done = create(
                    engine,
                    world,
                    inputs.caller,
                    address,
                    inputs.value,
                    inputs.init_code.to_vec(),
                    inputs.gas_limit,
                );
                if !done.success {
                    world.undo(before);
                }
                let mut result = result_of(&done, inputs.gas_limit);
                if done.success {
                    result.output = Bytes::new();
                }
                let outcome = CreateOutcome::new(result, done.success.then_some(address));
                interpreter.insert_create_outcome(outcome);
            }
            InterpreterAction::Return { result } => return result,
            InterpreterAction::None => {
                return InterpreterResult::new(
                    InstructionResult::FatalExternalError,
                    Bytes::new(),
                    Gas::new(0),
                )
            }
            InterpreterAction::EOFCreate { .. } => {
                // EOF is not active on Arbitrum.
                let outcome = CreateOutcome::new(
                    InterpreterResult::new(InstructionResult::Revert, Bytes::new(), Gas::new(0)),
                    None,
                );
                interpreter.insert_create_outcome(outcome);
            }
        }
    }
}

/// The block and transaction environment an EVM frame sees.
fn environment(world: &World) -> Env {
    let mut env = Env::default();
    env.cfg.chain_id = world.chain_id;
    env.block.number = U256::from(world.block);
    env.block.timestamp = U256::from(world.timestamp);
    env.block.basefee = U256::ZERO;
    env.block.gas_limit = U256::from(crate::world::GAS_LIMIT);
    env.tx.caller = world.origin;
    env.tx.gas_price = U256::ZERO;
    env
}

/// A frame's result as the interpreter takes it back: what the callee
/// used of `gas_limit`, its output.
fn result_of(outcome: &Outcome, gas_limit: u64) -> InterpreterResult {
    let used = outcome.ink_used.div_ceil(INK_PER_GAS).min(gas_limit);
    let mut gas = Gas::new(gas_limit);
    let _ = gas.record_cost(used);
    // A callee's trap is a failed call for the caller, as a revert
    // without data.
    let result = if outcome.success {
        InstructionResult::Return
    } else {
        InstructionResult::Revert
    };
    InterpreterResult::new(result, outcome.output.clone().into(), gas)
}

/// The runtime's outcome of a frame given `gas`.
fn outcome(result: &InterpreterResult, gas: u64) -> Outcome {
    let used = if result.is_ok() || result.is_revert() {
        gas.saturating_sub(result.gas.remaining())
    } else {
        // Exceptional halts take all the gas.
        gas
    };
    Outcome {
        success: result.is_ok(),
        output: if result.is_ok() || result.is_revert() {
            result.output.to_vec()
        } else {
            Vec::new()
        },
        ink_used: used.saturating_mul(INK_PER_GAS),
        trap: (!result.is_ok() && !result.is_revert()).then(|| format!("{:?}", result.result)),
    }
}

/// A failed frame that used `gas`.
fn failed(gas: u64, why: &str) -> Outcome {
    Outcome {
        success: false,
        output: Vec::new(),
        ink_used: gas.saturating_mul(INK_PER_GAS),
        trap: Some(why.into()),
    }
}
