//! A deployment plan, and then transactions, on the Stylus test runtime
//! (`stylus-runtime`): the processed wasm that deployment sends, executed
//! with nitro's semantics and gas, every call encoded and every return
//! value, event and error decoded with the committed JSON ABIs.
//!
//! Deployment goes through the real StylusDeployer (its EVM bytecode from
//! `@arbitrum/nitro-contracts`) and the runtime's `ArbWasm`, as `suite
//! deploy` sends it: addresses are CREATE addresses of the deployer
//! contract, constructors run with it as their caller, data fees are paid.
use std::{collections::BTreeMap, fs, path::Path};

use alloy_dyn_abi::{DynSolValue, EventExt, FunctionExt, JsonAbiExt};
use alloy_json_abi::{Function, JsonAbi};
use alloy_primitives::{Address, U256};
use anyhow::{Context, Result};
use stylus_runtime::{
    wasmi::Engine,
    world::{Call, Log, Outcome, World},
};

use crate::{
    encode::{self, STYLUS_DEPLOYER},
    plan::{self, Action, Plan, Step},
    revert,
};

/// Arbitrum's contracts as published on npm, compiled by Offchain Labs.
const NITRO_CONTRACTS: (&str, &str) = ("@arbitrum/nitro-contracts", "3.2.0");

/// `wasm` brotli-compressed as deployed, computed once per wasm in a
/// process (compression at quality 11 takes a while).
fn compressed(wasm: &[u8]) -> Vec<u8> {
    use std::{
        collections::HashMap,
        sync::{Mutex, OnceLock},
    };
    static DONE: OnceLock<Mutex<HashMap<alloy_primitives::B256, Vec<u8>>>> = OnceLock::new();
    let key = alloy_primitives::keccak256(wasm);
    let done = DONE.get_or_init(Mutex::default);
    if let Some(hit) = done.lock().ok().and_then(|map| map.get(&key).cloned()) {
        return hit;
    }
    let out = crate::wasm::compress(wasm);
    if let Ok(mut map) = done.lock() {
        map.insert(key, out.clone());
    }
    out
}

/// Puts the StylusDeployer's code at its canonical address in `world`,
/// once: the real bytecode from `@arbitrum/nitro-contracts` (installed
/// from npm on first use), created, then moved there.
///
/// # Errors
///
/// When npm fails or the creation does.
pub fn install_stylus_deployer(engine: &Engine, world: &mut World, root: &Path) -> Result<()> {
    if world.code.contains_key(&STYLUS_DEPLOYER) {
        return Ok(());
    }
    let init = crate::tools::npm_bytecode(
        root,
        NITRO_CONTRACTS.0,
        NITRO_CONTRACTS.1,
        "build/contracts/src/stylus/StylusDeployer.sol/StylusDeployer.json",
    )?;
    let mut scratch = World::new(world.chain_id, world.timestamp);
    let (created, outcome) = scratch.create(engine, Address::ZERO, init, U256::ZERO);
    anyhow::ensure!(outcome.success, "the StylusDeployer's creation failed");
    let code = scratch.code.remove(&created).unwrap_or_default();
    world.code.insert(STYLUS_DEPLOYER, code);
    world.nonces.insert(STYLUS_DEPLOYER, 1);
    Ok(())
}

/// A chain on the test runtime with the suite's contracts and their ABIs.
#[derive(Clone)]
pub struct Sim {
    engine: Engine,
    /// The state: storage, balances, programs, the clock.
    pub world: World,
    /// `deployer` and each deployed crate's address.
    pub addresses: BTreeMap<String, Address>,
    /// Each crate's committed JSON ABI.
    abis: BTreeMap<String, JsonAbi>,
}

/// A transaction that succeeded.
#[derive(Debug)]
pub struct Receipt {
    /// Gas a receipt shows: intrinsic and calldata gas included, no L1
    /// component, refunds credited unless the world says not to.
    pub gas: u64,
    /// The function's return values, decoded.
    pub output: Vec<DynSolValue>,
    /// Its events, in order: the emitting crate, the event's name, its
    /// parameters (indexed ones first, as `EventExt::decode_log` gives);
    /// other contracts' logs as their address, topic 0 and nothing.
    pub events: Vec<(String, String, Vec<DynSolValue>)>,
}

/// What a step of a plan cost in the simulation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Simulated {
    /// Its receipt's gas.
    pub gas: u64,
    /// The activation data fee it paid (deployments only).
    pub data_fee: U256,
}

/// A plan executed from `deployer` on an empty chain of the plan's at the
/// current time (see [`Sim::execute`]): the chain after it, and what each
/// step cost. `suite plan` and `suite deploy` run it before anything is
/// sent.
///
/// # Errors
///
/// The first step that fails, with the contract's error by name and the
/// TOML key at fault.
pub fn dry_run(plan: &Plan, root: &Path, deployer: Address) -> Result<(Sim, Vec<Simulated>)> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let mut sim = Sim::new(root, plan.chain_id, now)?;
    let steps = sim.execute(plan, root, deployer)?;
    Ok((sim, steps))
}

/// A transaction that reverted: its gas and error as the ABIs name it.
#[derive(Debug)]
pub struct Reverted {
    /// Its receipt's gas.
    pub gas: u64,
    /// `Name(args...)` (see [`revert::explain`]), or the trap.
    pub error: String,
}

impl std::fmt::Display for Reverted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "reverted with {} ({} gas)", self.error, self.gas)
    }
}

impl std::error::Error for Reverted {}

impl Sim {
    /// An empty chain `chain_id` at `timestamp`, with the ABIs committed
    /// under `root`.
    ///
    /// # Errors
    ///
    /// When an ABI cannot be read.
    pub fn new(root: &Path, chain_id: u64, timestamp: u64) -> Result<Self> {
        let abis = crate::verify::abis(root)?;
        let mut world = World::new(chain_id, timestamp);
        // `SUITE_PROFILE=<dir of unstripped builds>`: count each function's
        // ink (`suite bench --explain` prints where instructions spend).
        if std::env::var_os("SUITE_PROFILE").is_some() {
            world.profile = Some(std::collections::HashMap::new());
        }
        Ok(Self {
            engine: Engine::default(),
            world,
            addresses: BTreeMap::new(),
            abis,
        })
    }

    /// A chain on `world` (whose programs `engine` compiled), where the
    /// contracts of `contracts` (crate -> address) were deployed by
    /// `deployer` (by `suite deploy` on the test node, say).
    ///
    /// # Errors
    ///
    /// When an ABI cannot be read.
    pub fn attach(
        root: &Path,
        (engine, world): (Engine, World),
        contracts: &BTreeMap<String, Address>,
        deployer: Address,
    ) -> Result<Self> {
        let mut sim = Self::new(root, world.chain_id, world.timestamp)?;
        sim.engine = engine;
        sim.world = world;
        sim.addresses = contracts.clone();
        sim.addresses.insert("deployer".into(), deployer);
        Ok(sim)
    }

    /// Executes `plan` from `deployer` as `suite deploy` sends it: each
    /// contract deployed, activated and constructed in one call of the
    /// StylusDeployer (the real one, from `@arbitrum/nitro-contracts`,
    /// installed at its canonical address on first use) paying the data
    /// fee, then each wiring call.
    ///
    /// # Errors
    ///
    /// The first step that fails, with the contract's error by name.
    pub fn deploy(&mut self, plan: &Plan, root: &Path, deployer: Address) -> Result<()> {
        self.execute(plan, root, deployer).map(|_| ())
    }

    /// [`Self::deploy`], step by step ([`Plan::steps`]): what each cost.
    /// A full program already in the world is not deployed again (its
    /// step costs nothing).
    ///
    /// # Errors
    ///
    /// The first step that fails: `[step/steps] what it does (TOML key)
    /// would revert: Error(args)`, the key narrowed by [`plan::blame`].
    pub fn execute(
        &mut self,
        plan: &Plan,
        root: &Path,
        deployer: Address,
    ) -> Result<Vec<Simulated>> {
        install_stylus_deployer(&self.engine, &mut self.world, root)?;
        self.addresses.insert("deployer".into(), deployer);
        let steps = plan.steps();
        let mut done = Vec::with_capacity(steps.len());
        for (index, step) in steps.iter().enumerate() {
            let outcome = self.step(plan, root, deployer, step);
            let simulated = outcome.map_err(|err| {
                let error = err
                    .downcast_ref::<Reverted>()
                    .map_or_else(|| format!("{err:#}"), |reverted| reverted.error.clone());
                let key = plan::blame(&step.key, &error);
                let key = if key.is_empty() {
                    String::new()
                } else {
                    format!(" ({key})")
                };
                anyhow::anyhow!(
                    "[{}/{}] {}{key} would revert: {error}",
                    index + 1,
                    steps.len(),
                    step.label
                )
            })?;
            done.push(simulated);
        }
        Ok(done)
    }

    /// Executes one step of `plan`.
    fn step(
        &mut self,
        plan: &Plan,
        root: &Path,
        deployer: Address,
        step: &Step,
    ) -> Result<Simulated> {
        match step.action {
            Action::Full(n) => {
                let full = &plan.full_programs[n];
                self.addresses.insert(full.key(), full.address);
                if !self.world.code_of(full.address).is_empty() {
                    return Ok(Simulated::default());
                }
                let (address, simulated) =
                    self.through_deployer(deployer, root, &full.wasm, |wasm| {
                        Ok(encode::full_program_deployment(wasm))
                    })?;
                anyhow::ensure!(
                    address == full.address,
                    "the full program of {} is not where its hot program delegates",
                    full.name
                );
                Ok(simulated)
            }
            Action::Deploy(n) => {
                let contract = &plan.contracts[n];
                let addresses = self.addresses.clone();
                let (address, simulated) =
                    self.through_deployer(deployer, root, &contract.wasm, |wasm| {
                        encode::deployment(contract, wasm, &addresses)
                    })?;
                self.addresses.insert(contract.name.clone(), address);
                Ok(simulated)
            }
            Action::Call(n) => {
                let (to, data) = encode::wiring_call(&plan.calls[n], &self.addresses)?;
                let (_, gas) = self.raw(deployer, to, data, U256::ZERO)?;
                Ok(Simulated {
                    gas,
                    data_fee: U256::ZERO,
                })
            }
        }
    }

    /// Sends `deployer`'s StylusDeployer call made by `calldata` from the
    /// compressed wasm at `wasm` (under `root`), paying its data fee; the
    /// address it deployed, and what it cost.
    fn through_deployer(
        &mut self,
        deployer: Address,
        root: &Path,
        wasm: &str,
        calldata: impl FnOnce(&[u8]) -> Result<Vec<u8>>,
    ) -> Result<(Address, Simulated)> {
        let path = root.join(wasm);
        let wasm = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let data = calldata(&compressed(&wasm))?;
        let fee = stylus_runtime::arbwasm::data_fee(&wasm);
        let rich = self.world.balance(deployer).max(fee);
        self.world.balances.insert(deployer, rich);
        let (output, gas) = self.raw(deployer, STYLUS_DEPLOYER, data, fee)?;
        let word = output
            .get(..32)
            .and_then(|word| <[u8; 32]>::try_from(word).ok())
            .context("the StylusDeployer returned no address")?;
        let simulated = Simulated { gas, data_fee: fee };
        Ok((Address::from_word(word.into()), simulated))
    }

    /// Deploys an EVM contract from `init_code` (creation bytecode and
    /// constructor arguments) sent by `from`; its address.
    ///
    /// # Errors
    ///
    /// A [`Reverted`] when the creation fails.
    pub fn create(&mut self, from: Address, init_code: Vec<u8>) -> Result<Address> {
        let (address, outcome) = self.world.create(&self.engine, from, init_code, U256::ZERO);
        self.world.block += 1;
        if !outcome.success {
            let gas = outcome.gas_used();
            return Err(self.reverted(outcome, gas));
        }
        Ok(address)
    }

    /// Marks every deployed program (full programs included) as cached
    /// (ArbWasmCache) or not.
    pub fn cache_all(&mut self, cached: bool) {
        for (name, address) in &self.addresses {
            let contract = name.strip_suffix(".full").unwrap_or(name);
            if self.abis.contains_key(contract) {
                if cached {
                    self.world.cached.insert(*address);
                } else {
                    self.world.cached.remove(address);
                }
            }
        }
    }

    /// The address of `name` (a crate of the plan, or `deployer`).
    ///
    /// # Errors
    ///
    /// When it was not deployed.
    pub fn address(&self, name: &str) -> Result<Address> {
        self.addresses
            .get(name)
            .copied()
            .with_context(|| format!("{name} is not deployed"))
    }

    /// Sends a transaction from `from` calling `function` (a name, or a
    /// signature when it is overloaded) of `contract` with `args` and
    /// `value` wei.
    ///
    /// # Errors
    ///
    /// When the arguments do not fit, or a [`Reverted`] when it reverts.
    pub fn send(
        &mut self,
        from: Address,
        contract: &str,
        function: &str,
        args: &[DynSolValue],
        value: U256,
    ) -> Result<Receipt> {
        let function = self.function(contract, function)?.clone();
        let to = self.address(contract)?;
        let data = function
            .abi_encode_input(args)
            .with_context(|| format!("{contract}.{}: arguments", function.name))?;
        let (output, gas) = self.raw(from, to, data, value)?;
        let output = function
            .abi_decode_output(&output, true)
            .with_context(|| format!("{contract}.{}: return data", function.name))?;
        let logs = self.world.logs.clone();
        let events = logs
            .iter()
            .map(|log| self.event(log))
            .collect::<Result<_>>()?;
        Ok(Receipt {
            gas,
            output,
            events,
        })
    }

    /// The return values of `function` of `contract` called by `from`,
    /// as a transaction whose changes are dropped (as `eth_call`).
    ///
    /// # Errors
    ///
    /// As [`Self::send`].
    pub fn view(
        &self,
        contract: &str,
        function: &str,
        args: &[DynSolValue],
    ) -> Result<Vec<DynSolValue>> {
        Ok(self
            .clone()
            .send(Address::ZERO, contract, function, args, U256::ZERO)?
            .output)
    }

    /// Executes `data` from `from` to `to` with `value`: its return data
    /// and receipt gas.
    ///
    /// # Errors
    ///
    /// A [`Reverted`], the error decoded with every ABI.
    pub fn raw(
        &mut self,
        from: Address,
        to: Address,
        data: Vec<u8>,
        value: U256,
    ) -> Result<(Vec<u8>, u64)> {
        let call = Call {
            value,
            ..Call::new(from, to, data)
        };
        let (outcome, gas) = self.world.receipt(&self.engine, &call);
        // One transaction per block.
        self.world.block += 1;
        if outcome.success {
            return Ok((outcome.output, gas));
        }
        Err(self.reverted(outcome, gas))
    }

    /// A failed `outcome` as a [`Reverted`], its error decoded with every
    /// ABI.
    fn reverted(&self, outcome: Outcome, gas: u64) -> anyhow::Error {
        let abis: Vec<JsonAbi> = self.abis.values().cloned().collect();
        let error = match outcome.trap {
            Some(trap) => format!("a trap: {trap}"),
            None => revert::explain(&outcome.output, &abis),
        };
        Reverted { gas, error }.into()
    }

    /// The crate deployed at `address`, or the address written out.
    #[must_use]
    pub fn name_of(&self, address: Address) -> String {
        self.addresses
            .iter()
            .find(|(name, at)| **at == address && name.as_str() != "deployer")
            .map_or_else(|| address.to_string(), |(name, _)| name.clone())
    }

    /// The name of the function of `contract` whose selector is
    /// `selector`, or the selector in hex.
    #[must_use]
    pub fn function_name(&self, contract: &str, selector: [u8; 4]) -> String {
        self.abis
            .get(contract)
            .and_then(|abi| abi.functions().find(|f| f.selector() == selector))
            .map_or_else(
                || format!("0x{}", alloy_primitives::hex::encode(selector)),
                |f| f.name.clone(),
            )
    }

    /// `function` of `contract`'s ABI.
    fn function(&self, contract: &str, function: &str) -> Result<&Function> {
        let abi = self
            .abis
            .get(contract)
            .with_context(|| format!("no ABI for {contract}"))?;
        let name = function.split('(').next().unwrap_or(function);
        let candidates = abi
            .function(name)
            .with_context(|| format!("{contract} has no function {name}"))?;
        match candidates.as_slice() {
            [only] if !function.contains('(') => Ok(only),
            _ => candidates
                .iter()
                .find(|f| f.signature() == function)
                .with_context(|| format!("{contract}: which {function}?")),
        }
    }

    /// `log` decoded with its emitter's ABI.
    fn event(&self, log: &Log) -> Result<(String, String, Vec<DynSolValue>)> {
        let topic0 = log.topics.first().context("an anonymous log")?;
        let Some((name, abi)) = self.addresses.iter().find_map(|(name, address)| {
            (*address == log.address).then(|| self.abis.get(name).map(|abi| (name, abi)))?
        }) else {
            // Another contract's log (an ERC-20, say): named by its emitter
            // and topic, not decoded.
            return Ok((log.address.to_string(), topic0.to_string(), Vec::new()));
        };
        let event = abi
            .events()
            .find(|event| event.selector() == *topic0)
            .with_context(|| format!("{name} emitted an event its ABI lacks: {topic0}"))?;
        let decoded = event
            .decode_log_parts(log.topics.iter().copied(), &log.data, true)
            .with_context(|| format!("{name}.{}: log data", event.name))?;
        let mut values = decoded.indexed;
        values.extend(decoded.body);
        Ok((name.clone(), event.name.clone(), values))
    }
}

#[cfg(test)]
mod tests;
