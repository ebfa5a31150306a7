//! `suite`: host-side tooling of the security-token suite. The command
//! line is [`cli`] (`suite --help` lists the commands: build, check, bench,
//! plan, deploy, transactions, keepalive, verify, cap-table, distribution,
//! node); what it prints is [`out`].
//!
//! - [`build`]: each contract built for wasm, round-tripped through the
//!   text format, optimised for size with binaryen's `wasm-opt` ([`opt`]),
//!   round-tripped and stripped again, validated and measured.
//! - [`check`]: fails when a contract's processed wasm would not activate
//!   on the chain (see [`wasm::validate`]), when it exceeds [`BUDGET`]
//!   bytes after compression, when its interface for dApps ([`abi`]:
//!   functions, events, errors) differs from the files committed beside it
//!   (`<crate>/abi/<crate>.{sol,json,ts}`), or when gas or stack exceed
//!   what `benches/gas.md` records.
//! - [`planning`], [`deploy`], [`multisig`], [`verify`], [`keepalive`]:
//!   an offering's deployment from its TOML to the chain, and after.
//! - [`corporate`]: the cap table and distributions of a deployment.
mod abi;
mod bench;
mod book;
mod build;
mod cap_table;
mod chain;
mod check;
mod cli;
mod corporate;
mod demo;
mod deploy;
mod encode;
mod entitlements;
mod keepalive;
mod multisig;
mod node;
mod opt;
mod out;
mod plan;
mod planning;
mod revert;
mod safe;
mod scenario;
mod signer;
mod sim;
mod tools;
mod verify;
mod wasm;

use std::{
    env,
    path::{Path, PathBuf},
    process::{Command, ExitCode},
};

use anyhow::{bail, ensure, Context, Result};

use build::{build, sizes};
use check::check;
use planning::{plan_command, write_transactions, Then};

/// The contract crates, in deployment order.
const CONTRACTS: [&str; 7] = [
    "identity-registry",
    "compliance",
    "token",
    "offering",
    "escrow",
    "documents",
    "distribution",
];
/// The contracts with a hot program (`common::hot`): `<crate>.hot.wasm`,
/// built with `--features <crate>/hot` and the address of the full
/// program `<crate>.wasm`, which it delegates everything else to.
const HOT: [&str; 6] = [
    "identity-registry",
    "compliance",
    "token",
    "offering",
    "escrow",
    "distribution",
];
/// Budget per contract, compressed: 22 KiB (the chain's limit is 24 KiB).
const BUDGET: usize = 22 * 1024;
/// The chain's limit on a program's uncompressed size: 128 KiB.
const RAW_LIMIT: usize = 128 * 1024;
/// The wasm target.
const TARGET: &str = "wasm32-unknown-unknown";

fn main() -> ExitCode {
    use clap::Parser;
    let cli = cli::Cli::parse();
    out::set(if cli.json {
        out::Mode::Json
    } else if cli.quiet {
        out::Mode::Quiet
    } else {
        out::Mode::Normal
    });
    match dispatch(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Runs `command`.
fn dispatch(command: cli::Command) -> Result<()> {
    use cli::Command;
    let root = workspace_root();
    match command {
        Command::Build => {
            let measured = build()?;
            out::result(&serde_json::json!({ "programs": sizes(&measured) }), "");
            Ok(())
        }
        Command::Check { bless } => check(bless),
        Command::Bench { explain: false } => bench(),
        Command::Bench { explain: true } => bench::explain(&root).map(|text| print!("{text}")),
        Command::Plan {
            config,
            name,
            no_demo,
            rpc,
            key,
            send,
        } => {
            let then = match (rpc, send.safe) {
                (None, _) if no_demo => Then::Nothing,
                (None, _) => Then::Demo,
                (Some(rpc), Some(safe)) => Then::Safe {
                    rpc,
                    safe,
                    salt: send.salt,
                    bump: send.data_fee_bump_percent,
                },
                (Some(rpc), None) => Then::Deploy(send.options(rpc, &key)?),
            };
            plan_command(&config, name.as_deref(), then)
        }
        Command::Deploy {
            plan,
            rpc,
            key,
            send,
        } => {
            if let Some(safe) = send.safe {
                let files = multisig::write(
                    &plan,
                    &root,
                    &rpc,
                    safe,
                    send.salt,
                    send.data_fee_bump_percent,
                )?;
                out::result(&serde_json::json!({ "safeBatches": files }), "");
                return Ok(());
            }
            let record = deploy::run(&plan, &root, &send.options(rpc, &key)?)?;
            out::result(&serde_json::to_value(&record)?, "");
            Ok(())
        }
        Command::Transactions { plan, addresses } => write_transactions(&plan, &addresses),
        Command::Keepalive {
            addresses,
            rpc,
            key,
            within_days,
            data_fee_bump_percent,
            timeout,
        } => {
            let options =
                cli::keepalive_options(rpc, &key, within_days, data_fee_bump_percent, timeout);
            let outcomes = keepalive::run(&addresses, &options)?;
            let json: serde_json::Map<String, serde_json::Value> = outcomes
                .iter()
                .map(|(name, outcome)| (name.clone(), outcome.to_json()))
                .collect();
            out::result(&json.into(), "");
            Ok(())
        }
        Command::Node { port, chain_id } => node::run(&root, port, chain_id),
        Command::CapTable {
            deployment,
            rpc,
            block,
            format,
            chunk,
            out,
        } => {
            let deployment = deployment.dir();
            let text = corporate::cap_table(
                &deployment,
                &root,
                &rpc,
                (block, chunk),
                format,
                out.as_deref(),
            )?;
            if out.is_none() {
                print!("{text}");
            }
            Ok(())
        }
        Command::Distribution {
            deployment,
            rpc,
            record_block,
            asset,
            amount,
            claim_days,
            uri,
            safe,
            chunk,
            out,
            key,
            yes,
            timeout,
        } => {
            let deployment = deployment.dir();
            let request = corporate::Request {
                rpc: &rpc,
                record_block,
                asset,
                amount,
                claim_days,
                uri: &uri,
                safe,
                chunk,
            };
            let out = out.unwrap_or_else(|| corporate::default_out(&deployment, record_block));
            let split = corporate::distribution(&deployment, &root, &request, &out)?;
            if let Some(source) = key.source() {
                let sending = corporate::Sending {
                    signer: source.load()?,
                    yes,
                    timeout: std::time::Duration::from_secs(timeout),
                };
                corporate::send(&deployment, &rpc, &out, sending)?;
            }
            out::result(&split.proofs(), "");
            Ok(())
        }
        Command::Verify {
            deployment,
            rpc,
            no_build,
        } => {
            if !no_build {
                build()?;
            }
            let report = verify::run(&deployment, &root, &rpc)?;
            out::result(&serde_json::to_value(&report)?, "");
            let differ: Vec<&str> = report
                .programs
                .iter()
                .filter(|program| !program.matches())
                .map(|program| program.name.as_str())
                .collect();
            ensure!(
                differ.is_empty() && report.problems.is_empty(),
                "the deployment differs: code of {} ; {}",
                if differ.is_empty() {
                    "none".to_string()
                } else {
                    differ.join(", ")
                },
                report.problems.join("; ")
            );
            out::say!("verified: every program is the local build, and the wiring is the plan's");
            Ok(())
        }
    }
}

/// `suite bench`: builds, then measures every operation's gas on the test
/// runtime into [`bench::GAS_FILE`].
fn bench() -> Result<()> {
    let measured = build()?;
    if let Some(m) = measured.iter().find(|m| m.problem.is_some()) {
        bail!("{} would not deploy", m.name);
    }
    print!("{}", bench::write(&workspace_root())?);
    Ok(())
}

/// The workspace root: the parent of this crate.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("scripts/ is in the workspace")
        .into()
}

/// A cargo command in the workspace root, with the toolchain that runs us.
fn cargo(root: &Path) -> Command {
    let mut command = Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root);
    command
}

/// Runs a command to completion, failing on a non-zero exit.
fn run(command: &mut Command) -> Result<()> {
    let status = command
        .status()
        .with_context(|| format!("starting {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed with {status}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn the_design_document_in_the_repository_equals_the_teams_when_present() {
        let root = workspace_root();
        let ours = fs::read_to_string(root.join("docs/DESIGN.md")).unwrap();
        assert!(ours.starts_with("# Design of the suite"));
        if let Ok(shared) = fs::read_to_string(root.join("../shared/DESIGN.md")) {
            assert_eq!(
                ours, shared,
                "docs/DESIGN.md is out of date with shared/DESIGN.md"
            );
        }
    }

    #[test]
    fn the_license_file_is_the_one_cargo_toml_names() {
        let root = workspace_root();
        let manifest = fs::read_to_string(root.join("Cargo.toml")).unwrap();
        assert!(manifest.contains("license = \"MIT\""));
        let license = fs::read_to_string(root.join("LICENSE")).unwrap();
        assert!(license.starts_with("MIT License"));
        assert!(
            !manifest.contains("github.com/example"),
            "a placeholder URL"
        );
    }
}
