//! The programs and the state they run against, and their execution.
//!
//! A step of the runtime (issue #14): programs execute from their
//! processed wasm, metered ([`crate::ink`]), with the host I/O the suite's
//! contracts import ([`crate::host`]), calling each other. Storage writes
//! stay in the program's cache until it flushes them; a reverted call
//! restores the world as it was before the call (its access list
//! included). Value moves with a call, to programs and to accounts
//! without code. The EVM's precompiles (`ecrecover` and the others of
//! Cancun, as ArbOS runs them) are revm's; plain EVM contracts and
//! Arbitrum's own precompiles are not run here.
use std::collections::{BTreeMap, HashMap};

use alloy_primitives::{Address, B256, U256};
use anyhow::{Context, Result};
use wasmi::{Engine, Module};

use crate::ink;

/// An activated program: its instrumented module.
#[derive(Clone)]
pub struct Program {
    /// The instrumented module, compiled.
    pub module: Module,
    /// What activation recorded: footprint and init costs.
    pub activation: crate::activation::Activation,
    /// The top of its stack, when the runtime found its stack pointer
    /// ([`crate::stack`]).
    pub stack_top: Option<u32>,
}

/// A log a program emitted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Log {
    /// The emitting contract.
    pub address: Address,
    /// Its topics.
    pub topics: Vec<B256>,
    /// Its data.
    pub data: Vec<u8>,
}

/// The state programs run against.
#[derive(Clone, Default)]
pub struct World {
    /// Contract -> slot -> value.
    pub storage: HashMap<Address, BTreeMap<B256, B256>>,
    /// Accounts' balances, in wei.
    pub balances: HashMap<Address, U256>,
    /// Deployed programs.
    pub programs: HashMap<Address, Program>,
    /// Logs of the current transaction, in order.
    pub logs: Vec<Log>,
    /// The block's timestamp.
    pub timestamp: u64,
    /// The block's number.
    pub block: u64,
    /// The chain id.
    pub chain_id: u64,
    /// The contracts being executed, outermost first (reentrancy).
    pub(crate) stack: Vec<Address>,
    /// The account that signed the current transaction (`tx_origin`).
    pub(crate) origin: Address,
    /// Storage as the transaction found it (EIP-2200's original values).
    pub(crate) committed: HashMap<Address, BTreeMap<B256, B256>>,
    /// Slots accessed in the transaction (EIP-2929).
    pub(crate) warm_slots: std::collections::HashSet<(Address, B256)>,
    /// Accounts accessed in the transaction (EIP-2929).
    pub(crate) warm_accounts: std::collections::HashSet<Address>,
    /// Programs in ArbWasmCache: they never pay their init cost.
    pub cached: std::collections::HashSet<Address>,
    /// Programs entered in this block (one transaction per block here):
    /// cached from their second entry on (ArbOS's recent-wasms cache, from
    /// ArbOS 60 on).
    pub(crate) recent: std::collections::HashSet<Address>,
    /// The ArbOS version whose rules apply ([`ARBOS_VERSION`] unless set):
    /// below 60, a program entered again in a block pays its init again
    /// unless it is in ArbWasmCache.
    pub arbos_version: u64,
    /// Wasm pages open now, and the most ever open, in the transaction.
    pub(crate) pages: (u16, u16),
    /// The most stack, in bytes, each program has used in any call so far
    /// ([`crate::stack`]).
    pub stack_use: HashMap<Address, u32>,
    /// Accounts' code: EVM bytecode, or a Stylus program's as deployed
    /// (a program activated by [`World::deploy`] alone has none).
    pub code: HashMap<Address, Vec<u8>>,
    /// Accounts' nonces (contracts': how many they created, plus one).
    pub nonces: HashMap<Address, u64>,
    /// EIP-1153's transient storage, cleared after each transaction.
    pub(crate) transient: HashMap<(Address, U256), U256>,
    /// EIP-2200/3529's refund counter of the current transaction (a
    /// reverted call's share is undone with it).
    pub(crate) refund: i64,
    /// Whether receipts credit the refund counter, at most a fifth of the
    /// gas used (EIP-3529): nitro's EVM side does, for programs' storage
    /// as for the EVM's; the runtime the calibration figures come from
    /// did not ([`World::new`] sets it).
    pub credit_refunds: bool,
    /// How many calls are executing (the EVM's depth).
    pub(crate) depth: usize,
    /// Activated programs by code hash ([`crate::arbwasm`]).
    pub activated: HashMap<B256, crate::arbwasm::Activated>,
    /// The last transaction's steps ([`crate::trace`]), recorded when
    /// `Some` (each transaction starts it empty).
    pub trace: Option<Vec<crate::trace::Step>>,
    /// Program -> function index -> (ink its instructions paid, calls),
    /// counted for programs deployed while this is `Some`
    /// ([`ink::instrument_profiled`]).
    pub profile: Option<Profile>,
}

/// Program -> function index -> (ink its instructions paid, calls).
pub type Profile = HashMap<Address, BTreeMap<u32, (u64, u64)>>;

/// The ArbOS version modelled: 60, whose rules the calibration figures
/// were measured under with nitro v3.9.5 (Stylus parameters as since
/// ArbOS 40; the block's recent-programs cache counts from ArbOS 60).
pub const ARBOS_VERSION: u64 = 60;

/// How deep calls may nest (the EVM's limit).
pub const CALL_DEPTH_LIMIT: usize = 1_024;

/// A call into a program.
#[derive(Clone, Debug)]
pub struct Call {
    /// The caller.
    pub from: Address,
    /// The program called.
    pub to: Address,
    /// Wei sent along.
    pub value: U256,
    /// Calldata.
    pub data: Vec<u8>,
    /// Whether state may not change.
    pub is_static: bool,
    /// The gas the call may use.
    pub gas: u64,
    /// For a delegate call (`DELEGATECALL`, `delegate_call_contract`): the
    /// account whose code runs in `to`'s context, with `to`'s storage and
    /// balance, `from` and `value` as the delegating frame has them; no
    /// value moves, and the frame does not count towards `to`'s
    /// reentrancy (nitro's `PushContract`).
    pub delegate: Option<Address>,
}

impl Call {
    /// A plain transaction from `from` to `to` with `data`: no value, state
    /// may change, [`GAS_LIMIT`] gas.
    #[must_use]
    pub fn new(from: Address, to: Address, data: Vec<u8>) -> Self {
        Self {
            from,
            to,
            value: U256::ZERO,
            data,
            is_static: false,
            gas: GAS_LIMIT,
            delegate: None,
        }
    }

    /// The account whose code runs: `to`, or the delegate's.
    #[must_use]
    pub fn code_address(&self) -> Address {
        self.delegate.unwrap_or(self.to)
    }
}

/// What a call did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Whether it succeeded (otherwise its state changes are undone).
    pub success: bool,
    /// Its return data, or revert data.
    pub output: Vec<u8>,
    /// Ink it used, the calls it made included (their gas, as the EVM
    /// charges a caller).
    pub ink_used: u64,
    /// Why it trapped, when it did (not for a revert).
    pub trap: Option<String>,
}

impl Outcome {
    /// The gas the call used: its ink, rounded up to gas (what is left
    /// returns rounded down).
    #[must_use]
    pub fn gas_used(&self) -> u64 {
        self.ink_used.div_ceil(crate::pricing::INK_PER_GAS)
    }
}

/// Gas enough for any test's call (as a block's gas limit).
pub const GAS_LIMIT: u64 = 32_000_000;

impl World {
    /// A world at `timestamp`, block 1, on chain `chain_id`.
    #[must_use]
    pub fn new(chain_id: u64, timestamp: u64) -> Self {
        Self {
            chain_id,
            timestamp,
            block: 1,
            arbos_version: ARBOS_VERSION,
            credit_refunds: true,
            ..Self::default()
        }
    }

    /// Activates `wasm` (a processed program) at `address`.
    ///
    /// # Errors
    ///
    /// When activation would refuse it ([`crate::activation::validate`]:
    /// the same check as `suite check`'s), or it does not instrument or
    /// compile.
    pub fn deploy(&mut self, engine: &Engine, address: Address, wasm: &[u8]) -> Result<()> {
        crate::activation::validate(wasm)?;
        let activation = crate::activation::Activation::of(wasm)?;
        let mut metered = if self.profile.is_some() {
            ink::instrument_profiled(wasm)?
        } else {
            ink::instrument(wasm)?
        };
        let pointer = crate::stack::stack_pointer(wasm)?;
        if let Some((index, _)) = pointer {
            metered = crate::stack::probe(&metered, index)?;
        }
        let module = Module::new(engine, &metered[..]).context("compiling the program")?;
        let program = Program {
            module,
            activation,
            stack_top: pointer.map(|(_, top)| top),
        };
        self.programs.insert(address, program);
        Ok(())
    }

    /// Executes `call` as a transaction and returns its outcome with the
    /// gas a receipt would show: intrinsic and calldata gas included, no
    /// L1 component, refunds credited ([`Self::refunded`]).
    pub fn receipt(&mut self, engine: &Engine, call: &Call) -> (Outcome, u64) {
        let outcome = self.transact(engine, call);
        let gas = crate::pricing::intrinsic_gas(&call.data) + outcome.gas_used();
        (outcome, self.refunded(gas))
    }

    /// The gas a transaction that used `gas` (intrinsic gas included) is
    /// charged once the last transaction's refund counter is credited: at
    /// most a fifth of `gas` (EIP-3529), nothing unless
    /// [`Self::credit_refunds`].
    #[must_use]
    pub fn refunded(&self, gas: u64) -> u64 {
        if !self.credit_refunds {
            return gas;
        }
        let refund = u64::try_from(self.refund).unwrap_or(0);
        gas - refund.min(gas / crate::pricing::MAX_REFUND_QUOTIENT)
    }

    /// Executes `call` as a transaction: logs start empty; a failure
    /// leaves the world unchanged.
    pub fn transact(&mut self, engine: &Engine, call: &Call) -> Outcome {
        self.begin(call.from, call.to);
        let nonce = self.nonce(call.from);
        self.nonces.insert(call.from, nonce + 1);
        self.call(engine, call)
    }

    /// Executes `init_code` as a contract-creation transaction from `from`
    /// with `value`: the contract's address (CREATE, from the sender's
    /// nonce) and the outcome (its output is the address on success).
    pub fn create(
        &mut self,
        engine: &Engine,
        from: Address,
        init_code: Vec<u8>,
        value: U256,
    ) -> (Address, Outcome) {
        let nonce = self.nonce(from);
        let address = from.create(nonce);
        self.begin(from, address);
        self.origin = from;
        self.nonces.insert(from, nonce + 1);
        let before = self.clone();
        let outcome = crate::evm::create(engine, self, from, address, value, init_code, GAS_LIMIT);
        if !outcome.success {
            self.undo(before);
        }
        (address, outcome)
    }

    /// A transaction's start: logs, the EIP-2929 access list (sender,
    /// recipient and the precompiles warm), EIP-2200's originals, the
    /// block's program cache, pages, transient storage.
    fn begin(&mut self, from: Address, to: Address) {
        self.logs.clear();
        self.origin = from;
        self.committed = self.storage.clone();
        self.warm_slots.clear();
        self.warm_accounts = [from, to].into_iter().collect();
        // The EVM's precompiles (0x01 to 0x0a) and ArbOS's (0x64 to 0x74).
        self.warm_accounts
            .extend((1u8..=0x0a).chain(0x64..=0x74).map(Address::with_last_byte));
        self.recent.clear();
        self.pages = (0, 0);
        self.transient.clear();
        self.refund = 0;
        self.depth = 0;
        if let Some(trace) = &mut self.trace {
            trace.clear();
        }
    }

    /// Records `step` when tracing.
    pub(crate) fn record(&mut self, step: crate::trace::Step) {
        if let Some(trace) = &mut self.trace {
            trace.push(step);
        }
    }

    /// Whether `address` is empty (EIP-161): no balance, nonce or code.
    #[must_use]
    pub fn is_empty(&self, address: Address) -> bool {
        self.balance(address).is_zero()
            && self.nonce(address) == 0
            && !self.code.contains_key(&address)
            && !self.programs.contains_key(&address)
    }

    /// The code of `address`: its bytecode, the Stylus prefix alone for a
    /// program activated without code, or nothing.
    #[must_use]
    pub fn code_of(&self, address: Address) -> Vec<u8> {
        match self.code.get(&address) {
            Some(code) => code.clone(),
            None if self.programs.contains_key(&address) => crate::evm::STYLUS_PREFIX.to_vec(),
            None => Vec::new(),
        }
    }

    /// The nonce of `address`.
    #[must_use]
    pub fn nonce(&self, address: Address) -> u64 {
        self.nonces.get(&address).copied().unwrap_or_default()
    }

    /// The value `slot` of `contract` had when the transaction began.
    pub(crate) fn original(&self, contract: Address, slot: B256) -> B256 {
        self.committed
            .get(&contract)
            .and_then(|slots| slots.get(&slot))
            .copied()
            .unwrap_or_default()
    }

    /// EIP-2929's gas for reading `slot` of `contract`, which becomes
    /// warm.
    pub(crate) fn sload_gas(&mut self, contract: Address, slot: B256) -> u64 {
        let gas = if self.warm_slots.insert((contract, slot)) {
            crate::pricing::COLD_SLOAD_GAS
        } else {
            crate::pricing::WARM_SLOAD_GAS
        };
        self.record(crate::trace::Step::Load {
            contract,
            slot,
            gas,
        });
        gas
    }

    /// EIP-2200/2929's gas for writing `value` into `slot` of `contract`,
    /// which becomes warm; the refund counter moves.
    pub(crate) fn sstore_gas(&mut self, contract: Address, slot: B256, value: B256) -> u64 {
        let gas = self.sstore_price(contract, slot, value);
        self.record(crate::trace::Step::Store {
            contract,
            slot,
            gas,
        });
        gas
    }

    /// [`Self::sstore_gas`]'s price, the slot made warm; the refund
    /// counter moves as EIP-2200 with EIP-3529 say (geth's
    /// `makeGasSStoreFunc`, which nitro's `WasmStateStoreCost` follows).
    fn sstore_price(&mut self, contract: Address, slot: B256, value: B256) -> u64 {
        use crate::pricing::{
            COLD_SLOAD_GAS, SSTORE_CLEARS_REFUND, SSTORE_RESET_GAS, SSTORE_SET_GAS, WARM_SLOAD_GAS,
        };
        // The constants are far below i64::MAX.
        let (clears, set, reset) = (
            SSTORE_CLEARS_REFUND as i64,
            (SSTORE_SET_GAS - WARM_SLOAD_GAS) as i64,
            (SSTORE_RESET_GAS - WARM_SLOAD_GAS) as i64,
        );
        let cold = if self.warm_slots.insert((contract, slot)) {
            COLD_SLOAD_GAS
        } else {
            0
        };
        let current = self.load(contract, slot);
        if current == value {
            return cold + WARM_SLOAD_GAS;
        }
        let original = self.original(contract, slot);
        if original == current {
            if original.is_zero() {
                return cold + SSTORE_SET_GAS;
            }
            if value.is_zero() {
                self.refund += clears;
            }
            return cold + SSTORE_RESET_GAS;
        }
        // A slot written already in this transaction.
        if !original.is_zero() {
            if current.is_zero() {
                self.refund -= clears;
            } else if value.is_zero() {
                self.refund += clears;
            }
        }
        if original == value {
            self.refund += if original.is_zero() { set } else { reset };
        }
        cold + WARM_SLOAD_GAS
    }

    /// Executes `call`: its value moves from the caller to the callee
    /// first (as the EVM's `CALL`), then the callee's program runs, if it
    /// has one; a call to an account without code only moves the value.
    /// On failure the world is restored; a caller short of the value fails
    /// the call before anything runs.
    pub fn call(&mut self, engine: &Engine, call: &Call) -> Outcome {
        if self.depth >= CALL_DEPTH_LIMIT {
            return Outcome {
                success: false,
                output: Vec::new(),
                ink_used: 0,
                trap: Some("call depth limit".into()),
            };
        }
        let before = self.clone();
        // A delegate call moves nothing: its value is the delegating frame's.
        if call.delegate.is_none() && !self.transfer(call.from, call.to, call.value) {
            return Outcome {
                success: false,
                output: Vec::new(),
                ink_used: 0,
                trap: Some(format!("{} cannot pay {} wei", call.from, call.value)),
            };
        }
        let code = call.code_address();
        self.depth += 1;
        let outcome = if let Some(expired) = self.expired(code) {
            expired
        } else if self.programs.contains_key(&code) {
            crate::host::execute(engine, self, call)
        } else if call.delegate.is_some() {
            // Code run in another account's context: EVM code, or nothing.
            match self.code.get(&code).filter(|c| !c.is_empty()) {
                Some(bytecode) if !bytecode.starts_with(&crate::evm::STYLUS_PREFIX) => {
                    crate::evm::execute(engine, self, call, bytecode.clone())
                }
                Some(_) => not_activated(),
                None => Outcome {
                    success: true,
                    output: Vec::new(),
                    ink_used: 0,
                    trap: None,
                },
            }
        } else if let Some(outcome) = crate::arbwasm::call(engine, self, call) {
            outcome
        } else if let Some(outcome) = precompile(call) {
            outcome
        } else if let Some(code) = self.code.get(&call.to).filter(|c| !c.is_empty()) {
            if code.starts_with(&crate::evm::STYLUS_PREFIX) {
                // A program whose code is deployed but not activated.
                not_activated()
            } else {
                crate::evm::execute(engine, self, call, code.clone())
            }
        } else {
            Outcome {
                success: true,
                output: Vec::new(),
                ink_used: 0,
                trap: None,
            }
        };
        self.depth -= 1;
        if !outcome.success {
            self.undo(before);
        }
        outcome
    }

    /// Undoes everything since `before` was taken, except what measures
    /// the run: the stack each program used and the trace.
    pub(crate) fn undo(&mut self, before: World) {
        let stack_use = std::mem::take(&mut self.stack_use);
        let trace = self.trace.take();
        *self = before;
        self.stack_use = stack_use;
        self.trace = trace;
    }

    /// The refusal of a call to a program activated through `ArbWasm`
    /// whose lifetime is over (`ProgramExpired`).
    fn expired(&self, program: Address) -> Option<Outcome> {
        let code = self.code.get(&program)?;
        let activated = self.activated.get(&alloy_primitives::keccak256(code))?;
        let age = self.timestamp.saturating_sub(activated.at);
        (age >= crate::arbwasm::EXPIRY_DAYS * 86_400).then(|| Outcome {
            success: false,
            output: alloy_sol_types::SolError::abi_encode(&crate::arbwasm::ProgramExpired {
                ageInSeconds: age,
            }),
            ink_used: 0,
            trap: None,
        })
    }

    /// Moves `value` wei from `from` to `to`; false, and nothing moved,
    /// when `from` holds less.
    pub(crate) fn transfer(&mut self, from: Address, to: Address, value: U256) -> bool {
        if value.is_zero() {
            return true;
        }
        let Some(left) = self.balance(from).checked_sub(value) else {
            return false;
        };
        self.balances.insert(from, left);
        // Total supply of ether is far below 2^256: no overflow.
        let credited = self.balance(to) + value;
        self.balances.insert(to, credited);
        true
    }

    /// The balance of `account`, in wei.
    #[must_use]
    pub fn balance(&self, account: Address) -> U256 {
        self.balances.get(&account).copied().unwrap_or_default()
    }

    /// The value of `slot` of `contract`.
    #[must_use]
    pub fn load(&self, contract: Address, slot: B256) -> B256 {
        self.storage
            .get(&contract)
            .and_then(|slots| slots.get(&slot))
            .copied()
            .unwrap_or_default()
    }
}

/// The refusal of a call to a program deployed but not activated.
fn not_activated() -> Outcome {
    Outcome {
        success: false,
        output: alloy_sol_types::SolError::abi_encode(&crate::arbwasm::ProgramNotActivated {}),
        ink_used: 0,
        trap: None,
    }
}

/// Runs `call` when it is to one of the EVM's precompiles (revm's, as of
/// Cancun): its gas, or all the call's gas when it fails.
fn precompile(call: &Call) -> Option<Outcome> {
    use revm_precompile::{Precompile, Precompiles};
    let Precompile::Standard(run) = Precompiles::cancun().get(&call.to)? else {
        return None;
    };
    let input = alloy_primitives::Bytes::copy_from_slice(&call.data);
    Some(match run(&input, call.gas) {
        Ok(output) => Outcome {
            success: true,
            output: output.bytes.to_vec(),
            ink_used: output.gas_used * crate::pricing::INK_PER_GAS,
            trap: None,
        },
        Err(err) => Outcome {
            success: false,
            output: Vec::new(),
            ink_used: call.gas.saturating_mul(crate::pricing::INK_PER_GAS),
            trap: Some(format!("precompile {}: {err:?}", call.to)),
        },
    })
}
