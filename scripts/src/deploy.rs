//! `suite deploy`: executes a deployment plan against an Arbitrum node.
//!
//! Per contract, in the plan's order, one transaction to the StylusDeployer
//! deploys the processed wasm, activates it (the value pays the data fee,
//! computed as cargo-stylus does; the deployer refunds the rest) and runs
//! the constructor; the new address comes from its `ContractDeployed` log.
//! Then each wiring call, in order. Every transaction is estimated before
//! it is signed, so a call that would revert stops the run with the
//! contract's error, by name, and spends nothing. Once wired, it reads
//! back that the compliance serves the deployed token with empty books
//! and that the registry keeps it in sync, then writes the admin's
//! `acceptOwnership` calls as a Safe Transaction Builder batch beside the
//! record ([`crate::safe`]): ownership moves in two steps, and the
//! contracts stay the deployer's until the admin accepts.
//!
//! Progress is recorded beside the plan after every transaction, in
//! `deployment.json` (each confirmed transaction, and the one in flight),
//! with the addresses in `addresses.json` (the format `suite transactions`
//! reads). `--resume` continues a stopped run from there; without it, a
//! recorded run is never repeated.
use std::{collections::BTreeMap, fs, path::Path, time::Duration};

use alloy_json_abi::JsonAbi;
use alloy_primitives::{keccak256, utils::format_ether, Address, B256, U256};
use alloy_rpc_types_eth::TransactionReceipt;
use alloy_sol_types::{sol, SolCall, SolEvent};
use anyhow::{bail, ensure, Context, Result};
use serde::{Deserialize, Serialize};

use crate::{
    chain::{redacted, Chain, Failure},
    encode::{self, STYLUS_DEPLOYER},
    out::say,
    plan::{Action, Plan, Step},
    revert,
};

sol! {
    /// The StylusDeployer's event naming the contract it deployed.
    event ContractDeployed(address deployedContract);
    /// What the compliance serves and what its books hold.
    function getTokenBound() external view returns (address);
    function supply() external view returns (uint256);
    function holderCount() external view returns (uint32);
    /// The compliances the registry keeps in sync.
    function getCompliances() external view returns (address[]);
}

/// How `suite deploy` runs.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    /// The node's JSON-RPC endpoint.
    pub rpc: String,
    /// The deployer's key.
    pub key: crate::signer::KeySource,
    /// Continue the run recorded beside the plan.
    pub resume: bool,
    /// Added to the simulated activation data fee, in percent.
    pub data_fee_bump_percent: u64,
    /// How long to wait for each receipt.
    pub timeout: Duration,
    /// The StylusDeployer to deploy through (the canonical one unless a
    /// dev node put it elsewhere).
    pub stylus_deployer: Address,
    /// Send without asking for confirmation of the cost.
    pub yes: bool,
    /// Simulate the whole plan on the Stylus test runtime before sending
    /// anything (always, from the command line; off only in the
    /// executor's tests, whose plans carry no real wasm).
    pub simulate: bool,
}

/// What a run has done, rewritten after every transaction.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The chain deployed to.
    pub chain_id: u64,
    /// keccak256 of the plan file: a run resumes only the plan it started.
    pub plan_keccak256: B256,
    /// The account that deploys and wires.
    pub deployer: Address,
    /// Each contract deployed so far.
    pub contracts: BTreeMap<String, Address>,
    /// The confirmed transactions, one per step of the plan, in order.
    pub done: Vec<Done>,
    /// The transaction sent for the next step, not yet confirmed.
    pub in_flight: Option<B256>,
}

/// A confirmed step.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Done {
    /// What it did.
    pub step: String,
    /// The transaction.
    pub hash: B256,
    /// Its block.
    pub block: u64,
    /// The gas it used.
    pub gas_used: u64,
    /// The step's [`Step::fingerprint`]: a corrected plan resumes the run
    /// while every step done keeps it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<B256>,
}

/// Executes the plan at `plan_path` (wasm paths relative to `root`).
///
/// # Errors
///
/// When the node's chain id differs from the plan's, the StylusDeployer is
/// absent, a wasm file differs from the planned one, a step would revert
/// or fails, or the record cannot be written. Steps confirmed before the
/// error stay recorded.
pub fn run(plan_path: &Path, root: &Path, options: &Options) -> Result<Record> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(execute(plan_path, root, options))
        .map_err(|err| {
            // Transport errors quote the URL, which may carry an API key.
            let shown = redacted(&options.rpc);
            let mut text = format!("{err:#}").replace(&options.rpc, &shown);
            if let Ok(url) = url::Url::parse(&options.rpc) {
                text = text.replace(url.as_str(), &shown);
            }
            anyhow::anyhow!(text)
        })
}

/// [`run`], on the runtime.
async fn execute(plan_path: &Path, root: &Path, options: &Options) -> Result<Record> {
    let plan_bytes =
        fs::read(plan_path).with_context(|| format!("reading {}", plan_path.display()))?;
    let plan: Plan = serde_json::from_slice(&plan_bytes)
        .with_context(|| format!("parsing {}", plan_path.display()))?;
    let wasms = plan
        .contracts
        .iter()
        .map(|contract| contract.compressed_wasm(root))
        .collect::<Result<Vec<_>>>()?;
    let full_wasms = plan
        .full_programs
        .iter()
        .map(|full| full.compressed_wasm(root))
        .collect::<Result<Vec<_>>>()?;

    let signer = options.key.load()?;
    let mut chain = Chain::connect(&options.rpc, signer, options.timeout).await?;
    ensure!(
        chain.chain_id() == plan.chain_id,
        "refusing to deploy: the node at {} is chain {}, the plan is for chain {}",
        redacted(&options.rpc),
        chain.chain_id(),
        plan.chain_id
    );
    let stylus_deployer = options.stylus_deployer;
    ensure!(
        plan.full_programs.is_empty() || stylus_deployer == STYLUS_DEPLOYER,
        "the hot programs delegate to full programs at the addresses the canonical \
         StylusDeployer ({STYLUS_DEPLOYER}) gives them: deploy through it, not {stylus_deployer}"
    );
    ensure!(
        chain.has_code(stylus_deployer).await?,
        "no StylusDeployer at {stylus_deployer} on chain {}: deploy it, or name it with \
         --stylus-deployer (README, \"Deploying\")",
        plan.chain_id
    );

    let dir = plan_path.parent().unwrap_or(Path::new("."));
    let record_path = dir.join("deployment.json");
    let steps = plan.steps();
    let mut record = start_or_resume(
        &record_path,
        options.resume,
        plan.chain_id,
        keccak256(&plan_bytes),
        chain.account(),
        &steps,
    )?;
    let abis = load_abis(root, &plan);
    say!(
        "chain {}, deployer {} with {} ETH; {} steps, {} done",
        plan.chain_id,
        chain.account(),
        format_ether(chain.balance().await?),
        steps.len(),
        record.done.len()
    );
    // The data fees the confirmed cost quoted, sent as quoted.
    let mut quoted = BTreeMap::new();
    if options.simulate {
        let (_, simulated) = crate::sim::dry_run(&plan, root, chain.account()).map_err(|err| {
            anyhow::anyhow!(
                "refusing to deploy, nothing sent: the plan fails on the Stylus test runtime: \
                 {err:#}"
            )
        })?;
        let code = |action| match action {
            Action::Full(n) => Some(encode::program_code(&full_wasms[n])),
            Action::Deploy(n) => Some(encode::program_code(&wasms[n])),
            Action::Call(_) => None,
        };
        let cost = estimate(
            &chain,
            &plan,
            (&steps, &simulated),
            record.done.len(),
            code,
            options.data_fee_bump_percent,
        )
        .await?;
        confirm(&cost, options.yes)?;
        quoted = cost.fees;
    }

    if let Some(hash) = record.in_flight {
        settle_in_flight(&chain, hash, &steps, stylus_deployer, &mut record).await?;
        save(&record_path, &record)?;
    }
    for index in record.done.len()..steps.len() {
        let step = &steps[index];
        let position = format!("[{}/{}] {}", index + 1, steps.len(), step.label);
        let mut addresses = record.contracts.clone();
        addresses.insert("deployer".into(), record.deployer);
        let (to, data, value) = match step.action {
            Action::Full(n) => {
                let full = &plan.full_programs[n];
                let code = encode::program_code(&full_wasms[n]);
                if chain.has_code(full.address).await? {
                    ensure!(
                        chain.code_hash(full.address).await? == keccak256(&code),
                        "{position}: {} holds other code than the planned full program",
                        full.address
                    );
                    record.contracts.insert(full.key(), full.address);
                    record.done.push(Done {
                        step: format!("{} (already on the chain)", step.label),
                        hash: B256::ZERO,
                        block: 0,
                        gas_used: 0,
                        fingerprint: Some(step.fingerprint),
                    });
                    save(&record_path, &record)?;
                    say!("{position}: already on the chain at {}", full.address);
                    continue;
                }
                let fee = quoted_fee(&chain, &quoted, index, &code, options)
                    .await
                    .with_context(|| format!("{position}: the activation data fee"))?;
                let data = encode::full_program_deployment(&full_wasms[n]);
                (stylus_deployer, data, fee)
            }
            Action::Deploy(n) => {
                let compressed = &wasms[n];
                let code = encode::program_code(compressed);
                let fee = quoted_fee(&chain, &quoted, index, &code, options)
                    .await
                    .with_context(|| format!("{position}: the activation data fee"))?;
                let data = encode::deployment(&plan.contracts[n], compressed, &addresses)?;
                (stylus_deployer, data, fee)
            }
            Action::Call(n) => encode::wiring_call(&plan.calls[n], &addresses)
                .map(|(to, data)| (to, data, U256::ZERO))
                .with_context(|| position.clone())?,
        };
        let hash = match chain.submit(to, data, value).await {
            Ok(hash) => hash,
            Err(Failure::WouldRevert(data)) => {
                let abi = abis.get(&step.contract).map(std::slice::from_ref);
                bail!(
                    "{position} would revert: {} (nothing sent; fix, then run again with \
                     --resume)",
                    revert::explain(&data, abi.unwrap_or_default())
                )
            }
            Err(Failure::Other(err)) => return Err(err.context(position)),
        };
        record.in_flight = Some(hash);
        save(&record_path, &record)?;
        let bar = crate::out::spinner(format!("{position}: waiting for {hash}"));
        let receipt = chain.wait(hash).await.with_context(|| position.clone());
        bar.finish_and_clear();
        let receipt = receipt?;
        complete(step, &receipt, stylus_deployer, &mut record)?;
        save(&record_path, &record)?;
        if let Action::Full(n) = step.action {
            let expected = plan.full_programs[n].address;
            let deployed = record.contracts.get(&step.contract).copied();
            ensure!(
                deployed == Some(expected),
                "{position}: deployed at {deployed:?}, not at {expected}, where the hot program \
                 delegates"
            );
        }
        say!("{position}{}", outcome(step, &record, value));
    }
    check_binding(&chain, &record).await?;
    let batches = crate::safe::write_batches(dir, &plan, &record.contracts)?;
    // Gas per transaction is far below 2^64 / the number of steps.
    let gas: u64 = record.done.iter().map(|done| done.gas_used).sum();
    say!(
        "deployed: {} ({} transactions, {gas} gas; addresses in {}); {} ETH left",
        record
            .contracts
            .iter()
            .map(|(name, address)| format!("{name} {address}"))
            .collect::<Vec<_>>()
            .join(", "),
        record.done.len(),
        dir.join("addresses.json").display(),
        format_ether(chain.balance().await?)
    );
    for batch in batches {
        say!(
            "the admin owns nothing until it accepts: import {} into its Safe's Transaction \
             Builder, or call acceptOwnership() on each contract from the admin",
            batch.display()
        );
    }
    Ok(record)
}

/// Reads back, once everything is wired, that the deployed compliance
/// serves the deployed token and that its books are empty: a compliance
/// someone else had bound and written to would refuse or misjudge every
/// later transfer.
///
/// # Errors
///
/// When either differs (the deployment must not be used), or the node
/// fails.
async fn check_binding(chain: &Chain, record: &Record) -> Result<()> {
    let (Some(&compliance), Some(&token)) = (
        record.contracts.get("compliance"),
        record.contracts.get("token"),
    ) else {
        return Ok(());
    };
    let bound = read(chain, compliance, getTokenBoundCall {}).await?._0;
    ensure!(
        bound == token,
        "the compliance at {compliance} serves {bound}, not the deployed token {token}: do not \
         use this deployment; deploy again from a new plan"
    );
    let supply = read(chain, compliance, supplyCall {}).await?._0;
    let holders = read(chain, compliance, holderCountCall {}).await?._0;
    ensure!(
        supply.is_zero() && holders == 0,
        "the compliance at {compliance} already books a supply of {supply} and {holders} \
         holders before any mint: do not use this deployment; deploy again from a new plan"
    );
    if let Some(&registry) = record.contracts.get("identity-registry") {
        let synced = read(chain, registry, getCompliancesCall {}).await?._0;
        ensure!(
            synced.contains(&compliance),
            "the identity registry at {registry} does not keep the compliance at {compliance} \
             in sync (addCompliance): its books would not follow wallet changes; do not use \
             this deployment"
        );
    }
    say!(
        "checked: the compliance serves the token, its books are empty, and the registry keeps \
         them in sync"
    );
    Ok(())
}

/// What the view `call` of `to` answers, decoded.
async fn read<C: SolCall>(chain: &Chain, to: Address, call: C) -> Result<C::Return> {
    let answer = chain.view(to, call.abi_encode()).await?;
    C::abi_decode_returns(&answer, true)
        .with_context(|| format!("decoding {} of {to}", C::SIGNATURE))
}

/// What a confirmed step did, for the progress line: the address it
/// deployed, its transaction, block and gas, and the data fee it sent.
fn outcome(step: &Step, record: &Record, value: U256) -> String {
    let deployed = match step.action {
        Action::Full(_) | Action::Deploy(_) => record
            .contracts
            .get(&step.contract)
            .map(|address| format!(" at {address}"))
            .unwrap_or_default(),
        Action::Call(_) => String::new(),
    };
    let fee = if value.is_zero() {
        String::new()
    } else {
        format!(", paid up to {} ETH data fee", format_ether(value))
    };
    record.done.last().map_or(deployed.clone(), |done| {
        format!(
            "{deployed}: tx {} (block {}, gas {}{fee})",
            done.hash, done.block, done.gas_used
        )
    })
}

/// Records a confirmed step: its transaction, and for a deployment the
/// address from the StylusDeployer's `ContractDeployed` log.
fn complete(
    step: &Step,
    receipt: &TransactionReceipt,
    stylus_deployer: Address,
    record: &mut Record,
) -> Result<()> {
    if let Action::Full(_) | Action::Deploy(_) = step.action {
        let address = receipt
            .inner
            .logs()
            .iter()
            .filter(|log| log.address() == stylus_deployer)
            .find_map(|log| ContractDeployed::decode_log_data(log.data(), true).ok())
            .with_context(|| {
                format!(
                    "{}: no ContractDeployed log in {}",
                    step.label, receipt.transaction_hash
                )
            })?
            .deployedContract;
        record.contracts.insert(step.contract.clone(), address);
    }
    record.done.push(Done {
        step: step.label.clone(),
        hash: receipt.transaction_hash,
        block: receipt.block_number.unwrap_or_default(),
        gas_used: receipt.gas_used,
        fingerprint: Some(step.fingerprint),
    });
    record.in_flight = None;
    Ok(())
}

/// Resolves the transaction a stopped run left in flight: recorded if it
/// succeeded, forgotten (the step runs again) if it reverted; a run may not
/// go on while it is unmined.
async fn settle_in_flight(
    chain: &Chain,
    hash: B256,
    steps: &[Step],
    stylus_deployer: Address,
    record: &mut Record,
) -> Result<()> {
    let step = steps
        .get(record.done.len())
        .context("a transaction in flight after the last step")?;
    match chain.receipt_if_mined(hash).await? {
        Some(receipt) if receipt.status() => {
            say!("{}: {hash} was mined, recorded", step.label);
            complete(step, &receipt, stylus_deployer, record)
        }
        Some(_) => {
            say!("{}: {hash} reverted; sending the step again", step.label);
            record.in_flight = None;
            Ok(())
        }
        None => bail!(
            "{}: {hash} is not mined yet; wait for it, then run again with --resume (if \
             the node dropped it, delete `in_flight` from deployment.json first)",
            step.label
        ),
    }
}

/// A new record, or with `resume` the one at `path` after checking it is
/// this chain's and this account's, and that every step it did is a step
/// of this plan, unchanged (a corrected plan continues from what is on
/// the chain while the deployed contracts and the calls made are the
/// same).
fn start_or_resume(
    path: &Path,
    resume: bool,
    chain_id: u64,
    plan_keccak256: B256,
    deployer: Address,
    steps: &[Step],
) -> Result<Record> {
    let existing = match fs::read(path) {
        Ok(bytes) => Some(
            serde_json::from_slice::<Record>(&bytes)
                .with_context(|| format!("parsing {}", path.display()))?,
        ),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(err).with_context(|| format!("reading {}", path.display())),
    };
    match (existing, resume) {
        (None, _) => Ok(Record {
            chain_id,
            plan_keccak256,
            deployer,
            contracts: BTreeMap::new(),
            done: Vec::new(),
            in_flight: None,
        }),
        (Some(_), false) => bail!(
            "{} records a run of this folder's plan: pass --resume to continue it, or move it \
             away to deploy again",
            path.display()
        ),
        (Some(mut record), true) => {
            ensure!(
                record.chain_id == chain_id,
                "{} records a run on chain {}: it cannot be resumed on chain {chain_id}",
                path.display(),
                record.chain_id
            );
            ensure!(
                record.deployer == deployer,
                "{} was started by {}, not by this key's {deployer}",
                path.display(),
                record.deployer
            );
            if record.plan_keccak256 != plan_keccak256 {
                ensure!(
                    record.in_flight.is_none(),
                    "{} has a transaction in flight from another plan: resume with the plan \
                     that sent it first",
                    path.display()
                );
                if let Some((index, done)) = record.done.iter().enumerate().find(|(index, done)| {
                    steps.get(*index).map(|step| step.fingerprint) != done.fingerprint
                }) {
                    bail!(
                        "{} records another plan: its step {} ({}) is not this plan's; the \
                         contracts on the chain cannot serve this plan, deploy it from another \
                         folder",
                        path.display(),
                        index + 1,
                        done.step
                    );
                }
                say!(
                    "resuming with a changed plan: the {} steps done are its first, unchanged",
                    record.done.len()
                );
                record.plan_keccak256 = plan_keccak256;
            }
            Ok(record)
        }
    }
}

/// What the steps left to send cost: the gas of each from the
/// simulation, the data fees and the gas price from the chain.
struct Cost {
    /// A line per step, then the total.
    text: String,
    /// The transactions to send.
    transactions: usize,
    /// The data fee of each deployment step, by step index.
    fees: BTreeMap<usize, U256>,
}

/// The data fee to send with step `index` whose program code is `code`:
/// the one the confirmed cost quoted, or else the chain's now.
async fn quoted_fee(
    chain: &Chain,
    quoted: &BTreeMap<usize, U256>,
    index: usize,
    code: &[u8],
    options: &Options,
) -> Result<U256> {
    match quoted.get(&index) {
        Some(&fee) => Ok(fee),
        None => chain.data_fee(code, options.data_fee_bump_percent).await,
    }
}

/// [`Cost`] of the steps of `plan` from `start` on, whose gas `simulated`
/// holds; the program code of each deployment is `code(action)`.
///
/// # Errors
///
/// When the node fails, or the deployer cannot pay.
async fn estimate(
    chain: &Chain,
    plan: &Plan,
    (steps, simulated): (&[Step], &[crate::sim::Simulated]),
    start: usize,
    code: impl Fn(Action) -> Option<Vec<u8>>,
    bump_percent: u64,
) -> Result<Cost> {
    let price = U256::from(chain.gas_price().await?);
    let mut lines = Vec::new();
    let (mut gas, mut fees, mut transactions) = (0u64, U256::ZERO, 0usize);
    let mut quoted = BTreeMap::new();
    for (index, (step, simulated)) in steps.iter().zip(simulated).enumerate().skip(start) {
        let position = format!("[{}/{}] {}", index + 1, steps.len(), step.label);
        if let Action::Full(n) = step.action {
            if chain.has_code(plan.full_programs[n].address).await? {
                lines.push(format!("{position}: already on the chain"));
                continue;
            }
        }
        let fee = match code(step.action) {
            Some(code) => {
                let fee = chain
                    .data_fee(&code, bump_percent)
                    .await
                    .with_context(|| format!("{position}: the activation data fee"))?;
                quoted.insert(index, fee);
                fee
            }
            None => U256::ZERO,
        };
        let fee_text = if fee.is_zero() {
            String::new()
        } else {
            format!(" + up to {} ETH data fee", format_ether(fee))
        };
        lines.push(format!("{position}: {} gas{fee_text}", simulated.gas));
        gas = gas.saturating_add(simulated.gas);
        fees = fees.saturating_add(fee);
        transactions += 1;
    }
    let total = price.saturating_mul(U256::from(gas)).saturating_add(fees);
    let balance = chain.balance().await?;
    lines.push(format!(
        "{transactions} transactions, {gas} gas as simulated (the chain adds its L1 data cost) at \
         {} gwei, plus {} ETH of data fees (the StylusDeployer refunds what activation does not \
         use): about {} ETH; the deployer holds {} ETH",
        format_units(price, 9),
        format_ether(fees),
        format_ether(total),
        format_ether(balance)
    ));
    ensure!(
        balance >= total,
        "{}\nrefusing to deploy, nothing sent: the deployer {} holds {} ETH, the plan needs about \
         {} ETH",
        lines.join("\n"),
        chain.account(),
        format_ether(balance),
        format_ether(total)
    );
    Ok(Cost {
        text: lines.join("\n"),
        transactions,
        fees: quoted,
    })
}

/// `amount` in units of 10^`decimals`, as a decimal.
fn format_units(amount: U256, decimals: u8) -> String {
    alloy_primitives::utils::format_units(amount, decimals).unwrap_or_else(|_| amount.to_string())
}

/// Prints `cost` and asks whether to send, unless `yes` or nothing is
/// left to send.
///
/// # Errors
///
/// When the answer is not yes, or there is no terminal to ask on.
fn confirm(cost: &Cost, yes: bool) -> Result<()> {
    use std::io::{BufRead, IsTerminal, Write};
    let stdin = std::io::stdin();
    confirm_with(cost, yes, stdin.is_terminal(), || {
        print!("send {} transactions? [y/N] ", cost.transactions);
        let _ = std::io::stdout().flush();
        let mut answer = String::new();
        let _ = stdin.lock().read_line(&mut answer);
        answer
    })
}

/// Prints `text` and asks whether to send `transactions` transactions,
/// unless `yes` (as `suite deploy` asks; `suite distribution --send`).
///
/// # Errors
///
/// When the answer is not yes, or there is no terminal to ask on.
pub fn confirm_sending(text: String, transactions: usize, yes: bool) -> Result<()> {
    let cost = Cost {
        text,
        transactions,
        fees: BTreeMap::new(),
    };
    confirm(&cost, yes)
}

/// [`confirm`], asking with `ask` when `interactive`.
fn confirm_with(
    cost: &Cost,
    yes: bool,
    interactive: bool,
    ask: impl FnOnce() -> String,
) -> Result<()> {
    say!("{}", cost.text);
    if yes || cost.transactions == 0 {
        return Ok(());
    }
    ensure!(
        interactive,
        "nothing sent: no terminal to confirm on; pass --yes to send without asking"
    );
    let answer = ask();
    ensure!(
        matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"),
        "nothing sent"
    );
    Ok(())
}

/// Writes the record, and the address book beside it.
fn save(path: &Path, record: &Record) -> Result<()> {
    fs::write(path, serde_json::to_string_pretty(record)? + "\n")
        .with_context(|| format!("writing {}", path.display()))?;
    let mut addresses = record.contracts.clone();
    addresses.insert("deployer".into(), record.deployer);
    crate::book::AddressBook {
        chain_id: Some(record.chain_id),
        addresses,
    }
    .write(&path.with_file_name("addresses.json"))
}

/// Each planned contract's committed JSON ABI, to name its errors.
fn load_abis(root: &Path, plan: &Plan) -> BTreeMap<String, JsonAbi> {
    plan.contracts
        .iter()
        .filter_map(|contract| {
            let name = &contract.name;
            let path = root.join(name).join("abi").join(format!("{name}.json"));
            let abi = serde_json::from_str(&fs::read_to_string(path).ok()?).ok()?;
            Some((name.clone(), abi))
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests;
