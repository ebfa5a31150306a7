//! `suite deploy <plan> --rpc <url> --safe <address>`: a plan for a
//! deployer that is a Safe multisig. Nothing is signed or sent: every
//! transaction of the plan (the full programs missing from the chain, each
//! contract's deployment, each wiring call) is written as Safe Transaction
//! Builder batches that the Safe's owners review, sign and execute in
//! order (Safe{Wallet}, Apps, Transaction Builder, drop the file).
//!
//! A batch is signed before anything is deployed, so every address must be
//! known in advance: each contract is deployed through the StylusDeployer
//! with a salt (`keccak256(salt ++ crate name)`, `--salt` to vary it),
//! which puts it at a CREATE2 address of its code and constructor
//! arguments ([`encode::salted_deployment`]); the full programs are at
//! their fixed addresses already. The plan is simulated from the Safe
//! first, the data fees come from the chain (with the bump; the
//! StylusDeployer refunds the rest to the Safe), and the transactions are
//! split into batches of at most [`BATCH_GAS`] simulated gas, under the
//! chain's gas limit per transaction. The predicted address book goes
//! beside the plan (`suite verify` checks the deployment once executed),
//! with the admin's acceptances.
use std::{collections::BTreeMap, fs, path::Path, path::PathBuf};

use alloy_primitives::{keccak256, Address, B256, U256};
use anyhow::{ensure, Context, Result};

use crate::{
    book::AddressBook,
    chain::Chain,
    encode::{self, STYLUS_DEPLOYER},
    out::say,
    plan::{Action, Plan},
};

/// The most simulated gas one batch holds: Arbitrum caps a transaction at
/// 32M gas, and the Safe and its MultiSend add their own.
pub const BATCH_GAS: u64 = 20_000_000;

/// The salt of contract `name`: `keccak256(salt ++ name)`, never zero.
#[must_use]
pub fn contract_salt(salt: B256, name: &str) -> B256 {
    let mut input = salt.to_vec();
    input.extend_from_slice(name.as_bytes());
    keccak256(input)
}

/// Writes the batches by which `safe` deploys the plan at `plan_path`
/// (wasm under `root`) on the node at `rpc`; returns the files written.
///
/// # Errors
///
/// When the plan fails in the simulation, the node is not the plan's
/// chain or lacks the canonical StylusDeployer, a contract's address is
/// taken already (use another salt), or a file cannot be written.
pub fn write(
    plan_path: &Path,
    root: &Path,
    rpc: &str,
    safe: Address,
    salt: B256,
    bump_percent: u64,
) -> Result<Vec<PathBuf>> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(batches(plan_path, root, rpc, (safe, salt), bump_percent))
}

/// [`write`], on the runtime.
async fn batches(
    plan_path: &Path,
    root: &Path,
    rpc: &str,
    (safe, salt): (Address, B256),
    bump_percent: u64,
) -> Result<Vec<PathBuf>> {
    let plan = Plan::read(plan_path)?;
    let chain = Chain::reader(rpc, plan.chain_id).await?;
    ensure!(
        chain.has_code(STYLUS_DEPLOYER).await?,
        "no StylusDeployer at its canonical address {STYLUS_DEPLOYER} on chain {}",
        plan.chain_id
    );
    let (_, simulated) = crate::sim::dry_run(&plan, root, safe).map_err(|err| {
        anyhow::anyhow!("refusing: the plan fails on the Stylus test runtime: {err:#}")
    })?;

    let mut addresses = BTreeMap::from([("deployer".to_string(), safe)]);
    let mut transactions: Vec<(Address, U256, Vec<u8>, u64, String)> = Vec::new();
    for (step, simulated) in plan.steps().iter().zip(&simulated) {
        match step.action {
            Action::Full(n) => {
                let full = &plan.full_programs[n];
                addresses.insert(full.key(), full.address);
                if chain.has_code(full.address).await? {
                    say!("{}: already on the chain", step.label);
                    continue;
                }
                let wasm = full.compressed_wasm(root)?;
                let fee = chain
                    .data_fee(&encode::program_code(&wasm), bump_percent)
                    .await?;
                let data = encode::full_program_deployment(&wasm);
                transactions.push((
                    STYLUS_DEPLOYER,
                    fee,
                    data,
                    simulated.gas,
                    step.label.clone(),
                ));
            }
            Action::Deploy(n) => {
                let contract = &plan.contracts[n];
                let wasm = contract.compressed_wasm(root)?;
                let (data, address) = encode::salted_deployment(
                    contract,
                    &wasm,
                    &addresses,
                    contract_salt(salt, &contract.name),
                )?;
                ensure!(
                    !chain.has_code(address).await?,
                    "{} would land at {address}, which holds code already (this plan was \
                     deployed by this Safe with this salt): pass another --salt",
                    contract.name
                );
                let fee = chain
                    .data_fee(&encode::program_code(&wasm), bump_percent)
                    .await?;
                addresses.insert(contract.name.clone(), address);
                transactions.push((
                    STYLUS_DEPLOYER,
                    fee,
                    data,
                    simulated.gas,
                    step.label.clone(),
                ));
            }
            Action::Call(n) => {
                let (to, data) = encode::wiring_call(&plan.calls[n], &addresses)?;
                transactions.push((to, U256::ZERO, data, simulated.gas, step.label.clone()));
            }
        }
    }

    // Batches of at most BATCH_GAS simulated gas, in order.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut gas = 0u64;
    for (index, transaction) in transactions.iter().enumerate() {
        match groups.last_mut() {
            Some(group) if gas.saturating_add(transaction.3) <= BATCH_GAS => {
                group.push(index);
                gas = gas.saturating_add(transaction.3);
            }
            _ => {
                groups.push(vec![index]);
                gas = transaction.3;
            }
        }
    }
    let dir = plan_path.parent().unwrap_or(Path::new("."));
    let mut written = Vec::new();
    let count = groups.len();
    for (k, group) in groups.iter().enumerate() {
        let batch: Vec<(Address, U256, Vec<u8>)> = group
            .iter()
            .map(|&i| {
                (
                    transactions[i].0,
                    transactions[i].1,
                    transactions[i].2.clone(),
                )
            })
            .collect();
        let labels: Vec<&str> = group.iter().map(|&i| transactions[i].4.as_str()).collect();
        let name = format!("Deploy the security-token suite ({} of {count})", k + 1);
        let description = format!(
            "Execute after batch {} of {count} (in order): {}",
            k,
            labels.join("; ")
        );
        let json = crate::safe::raw_batch(plan.chain_id, safe, (&name, &description), &batch);
        let path = dir.join(format!("deploy-{safe}-{}-of-{count}.safe.json", k + 1));
        fs::write(&path, serde_json::to_string_pretty(&json)? + "\n")
            .with_context(|| format!("writing {}", path.display()))?;
        say!(
            "batch {} of {count}: {} transactions -> {}",
            k + 1,
            batch.len(),
            path.display()
        );
        written.push(path);
    }
    let book_path = dir.join("addresses.json");
    AddressBook {
        chain_id: Some(plan.chain_id),
        addresses: addresses.clone(),
    }
    .write(&book_path)?;
    written.extend(crate::safe::write_batches(dir, &plan, &addresses)?);
    say!(
        "nothing was sent: the Safe {safe} executes the batches in order; the contracts will be at \
         the addresses in {} (check them with `suite verify` once executed)",
        book_path.display()
    );
    Ok(written)
}
