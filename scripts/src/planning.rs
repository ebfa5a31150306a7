//! `suite plan` and `suite transactions`: the plan written under
//! `deployments/<chain id>/<name>/`, simulated on the Stylus test runtime,
//! then nothing more, the demonstration, a deployment or Safe batches.
use std::{
    fs,
    path::{Path, PathBuf},
};

use anyhow::{bail, ensure, Context, Result};

use crate::{
    book, build::build, demo, deploy, encode, multisig, out, plan, safe, sim, workspace_root,
};

/// What `suite plan` does once it has written the plan.
pub enum Then {
    /// Nothing more (`--no-demo`).
    Nothing,
    /// Deploy it on the embedded test node and play an offering there.
    Demo,
    /// Deploy it with these options.
    Deploy(deploy::Options),
    /// Write it as Safe batches for `safe` ([`multisig`]).
    Safe {
        /// The node.
        rpc: String,
        /// The deploying Safe.
        safe: alloy_primitives::Address,
        /// The salt of its deployments.
        salt: alloy_primitives::B256,
        /// The data fee bump, in percent.
        bump: u64,
    },
}

/// `suite plan`: the plan of `config` named `name`, then [`Then`].
pub fn plan_command(config: &Path, name: Option<&str>, then: Then) -> Result<()> {
    let root = workspace_root();
    let plan = write_plan(config, name)?;
    match then {
        Then::Nothing => out::result(&serde_json::json!({ "plan": plan }), ""),
        Then::Demo => {
            // The plan stands whatever the demonstration meets with terms
            // of the issuer's own (the example's is tested to the end).
            let offering = plan::parse_config(config)?;
            if let Err(err) = demo::run(&plan, &offering, &root, &root.join("target/demo")) {
                eprintln!("warning: the demonstration on the test node stopped: {err:#}");
            }
        }
        Then::Deploy(options) => {
            let record = deploy::run(&plan, &root, &options)?;
            out::result(&serde_json::to_value(&record)?, "");
        }
        Then::Safe {
            rpc,
            safe,
            salt,
            bump,
        } => {
            let files = multisig::write(&plan, &root, &rpc, safe, salt, bump)?;
            out::result(
                &serde_json::json!({ "plan": plan, "safeBatches": files }),
                "",
            );
        }
    }
    Ok(())
}

/// The folder of the deployment named `name` (the TOML file's stem unless
/// given) of `config` on chain `chain_id`: `deployments/<chain id>/<name>/`
/// under `root`, kept with the repository (`cargo clean` cannot lose it;
/// another offering, or the same on another chain, has its own).
///
/// # Errors
///
/// When the name is not one (letters, digits, `.`, `_`, `-`).
pub fn deployment_dir(
    root: &Path,
    config: &Path,
    chain_id: u64,
    name: Option<&str>,
) -> Result<PathBuf> {
    let stem = config
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or("offering");
    let name = name.unwrap_or(stem);
    ensure!(
        !name.is_empty()
            && !name.starts_with('.')
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')),
        "{name:?} is not a deployment name: letters, digits, '.', '_' and '-' (--name <name>)"
    );
    Ok(root
        .join("deployments")
        .join(chain_id.to_string())
        .join(name))
}

/// Refuses to plan again into `dir` when it records a completed
/// deployment: its plan is the record of what is on the chain.
pub fn refuse_completed(dir: &Path) -> Result<()> {
    let read = |file: &str| fs::read(dir.join(file)).ok();
    let (Some(record), Some(plan)) = (read("deployment.json"), read("plan.json")) else {
        return Ok(());
    };
    let record: deploy::Record = serde_json::from_slice(&record)
        .with_context(|| format!("parsing {}", dir.join("deployment.json").display()))?;
    let plan: plan::Plan = serde_json::from_slice(&plan)
        .with_context(|| format!("parsing {}", dir.join("plan.json").display()))?;
    ensure!(
        record.in_flight.is_some() || record.done.len() < plan.steps().len(),
        "{} records a completed deployment: plan this offering under another name (--name \
         <name>), or move the folder away",
        dir.display()
    );
    Ok(())
}

/// Builds the contracts, then writes the deployment plan of the offering
/// described in `config` to `plan.json` in its deployment folder
/// ([`deployment_dir`]); returns its path.
pub fn write_plan(config: &Path, name: Option<&str>) -> Result<PathBuf> {
    let offering = plan::read_config(config)?;
    let dir = deployment_dir(&workspace_root(), config, offering.chain_id, name)?;
    refuse_completed(&dir)?;
    let measured = build()?;
    if let Some(m) = measured.iter().find(|m| m.problem.is_some()) {
        bail!("{} would not deploy", m.name);
    }
    let root = workspace_root();
    let plan = plan::plan(&offering, &root)?;
    let warnings = simulate_plan(&offering, &plan, &root)
        .with_context(|| format!("{}: refused", config.display()))?;
    for warning in warnings {
        eprintln!("warning: {}: {warning}", config.display());
    }
    fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let out = dir.join("plan.json");
    fs::write(&out, serde_json::to_string_pretty(&plan)? + "\n")?;
    if dir.join("deployment.json").exists() {
        out::say!(
            "{} records a run of an earlier plan: `suite deploy {} ... --resume` continues it \
             while the steps it did are unchanged",
            dir.display(),
            out.display()
        );
    }
    out::say!(
        "plan for chain {}: {} contracts, {} wiring calls -> {}",
        plan.chain_id,
        plan.contracts.len(),
        plan.calls.len(),
        out.display()
    );
    Ok(out)
}

/// Who deploys in the simulation of `suite plan` (the deploying key is not
/// known offline; `suite deploy` simulates again with it).
pub const PLANNING_DEPLOYER: alloy_primitives::Address =
    alloy_primitives::Address::repeat_byte(0xde);

/// Executes `plan` (from `offering`) on the Stylus test runtime, every
/// deployment, constructor and wiring call in order, then asks the
/// deployed offering what its whole hard cap raises ([`plan::reachable_caps`]):
/// the warnings.
///
/// # Errors
///
/// The first step that fails, with the contract's error by name and the
/// TOML key at fault; a soft cap nothing can reach.
pub fn simulate_plan(
    offering: &plan::Config,
    plan: &plan::Plan,
    root: &Path,
) -> Result<Vec<String>> {
    let (simulation, steps) = sim::dry_run(plan, root, PLANNING_DEPLOYER)
        .context("the plan fails on the Stylus test runtime")?;
    let hard_cap = alloy_dyn_abi::DynSolValue::Uint(offering.offering.hard_cap, 256);
    let whole_raise = simulation
        .view("offering", "quoteCost", &[hard_cap])?
        .first()
        .and_then(alloy_dyn_abi::DynSolValue::as_uint)
        .map(|(value, _)| value)
        .context("offering.quoteCost answered no amount")?;
    let warnings = plan::reachable_caps(offering, whole_raise)?;
    // Each step's gas is far below 2^64 / the number of steps.
    let gas: u64 = steps.iter().map(|step| step.gas).sum();
    out::say!(
        "simulated on the Stylus test runtime: {} steps, {gas} gas, every one succeeds",
        steps.len()
    );
    Ok(warnings)
}

/// Encodes every transaction of a plan, given the addresses of the
/// deployer and of each contract (as a JSON object `{"deployer": "0x..",
/// "token": "0x..", ...}`), into `transactions.json` beside the plan: per
/// contract the StylusDeployer call (its value must add the activation data
/// fee), then each wiring call. For deployments signed elsewhere (a
/// multisig, a hardware wallet).
pub fn write_transactions(plan_path: &Path, addresses_path: &Path) -> Result<()> {
    let root = workspace_root();
    let plan = plan::Plan::read(plan_path)?;
    let book = book::AddressBook::read(addresses_path)?;
    book.ensure_chain(plan.chain_id, addresses_path)?;
    let addresses = book.addresses;
    let hex = |data: Vec<u8>| format!("0x{}", alloy_primitives::hex::encode(data));
    let mut transactions = Vec::new();
    for full in &plan.full_programs {
        let data = encode::full_program_deployment(&full.compressed_wasm(&root)?);
        transactions.push(serde_json::json!({
            "purpose": format!(
                "deploy and activate the full program of {} at {} (skip if it has code there)",
                full.name, full.address
            ),
            "to": encode::STYLUS_DEPLOYER.to_string(),
            "data": hex(data),
            "value": "the activation data fee",
        }));
    }
    for contract in &plan.contracts {
        let data = encode::deployment(contract, &contract.compressed_wasm(&root)?, &addresses)?;
        transactions.push(serde_json::json!({
            "purpose": contract.purpose(),
            "to": encode::STYLUS_DEPLOYER.to_string(),
            "data": hex(data),
            "value": "the activation data fee",
        }));
    }
    for call in &plan.calls {
        let (to, data) = encode::wiring_call(call, &addresses)?;
        transactions.push(serde_json::json!({
            "purpose": call.purpose,
            "to": to.to_string(),
            "data": hex(data),
            "value": "0",
        }));
    }
    let out = plan_path.with_file_name("transactions.json");
    fs::write(&out, serde_json::to_string_pretty(&transactions)? + "\n")?;
    let batches = safe::write_batches(out.parent().expect("a folder"), &plan, &addresses)?;
    let mut text = format!("{} transactions -> {}", transactions.len(), out.display());
    for batch in &batches {
        text += &format!(
            "\nthe admin's acceptOwnership calls (Safe batch) -> {}",
            batch.display()
        );
    }
    out::result(
        &serde_json::json!({
            "transactions": out,
            "count": transactions.len(),
            "safeBatches": batches,
        }),
        &text,
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_offering_and_chain_has_its_deployment_folder_in_the_repository() {
        let root = Path::new("/repo");
        let config = Path::new("deploy/example.toml");
        assert_eq!(
            deployment_dir(root, config, 421_614, None).unwrap(),
            Path::new("/repo/deployments/421614/example")
        );
        assert_eq!(
            deployment_dir(root, config, 42_161, Some("fund-ii.v2")).unwrap(),
            Path::new("/repo/deployments/42161/fund-ii.v2")
        );
        for name in ["", "..", ".hidden", "a/b", "a b", "é"] {
            let err = deployment_dir(root, config, 1, Some(name)).unwrap_err();
            assert!(
                err.to_string().contains("not a deployment name"),
                "{name:?}"
            );
        }
    }

    #[test]
    fn a_folder_that_records_a_completed_deployment_is_not_planned_over() {
        let dir = std::env::temp_dir().join(format!("suite-completed-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        // Nothing recorded yet, or only a plan: planned over.
        refuse_completed(&dir).unwrap();
        let plan = plan::Plan {
            chain_id: 1,
            full_programs: Vec::new(),
            contracts: Vec::new(),
            calls: vec![plan::Call {
                to: "@token".into(),
                function: "unpause()".into(),
                args: Vec::new(),
                purpose: String::new(),
                key: String::new(),
            }],
        };
        fs::write(dir.join("plan.json"), serde_json::to_string(&plan).unwrap()).unwrap();
        refuse_completed(&dir).unwrap();
        let mut record = deploy::Record {
            chain_id: 1,
            plan_keccak256: alloy_primitives::B256::ZERO,
            deployer: alloy_primitives::Address::ZERO,
            contracts: std::collections::BTreeMap::new(),
            done: Vec::new(),
            in_flight: None,
        };
        let write = |record: &deploy::Record| {
            fs::write(
                dir.join("deployment.json"),
                serde_json::to_string(record).unwrap(),
            )
            .unwrap();
        };
        // A stopped run: planned over (a corrected plan resumes it).
        write(&record);
        refuse_completed(&dir).unwrap();
        // Completed: refused.
        record.done.push(deploy::Done {
            step: "unpause".into(),
            hash: alloy_primitives::B256::ZERO,
            block: 1,
            gas_used: 1,
            fingerprint: None,
        });
        write(&record);
        let err = refuse_completed(&dir).unwrap_err().to_string();
        assert!(err.contains("records a completed deployment"), "{err}");
        let _ = fs::remove_dir_all(&dir);
    }
}
