//! `suite`: host-side tooling of the security-token suite. The command
//! line is [`cli`] (`suite --help` lists the commands: build, check, bench,
//! plan, deploy, transactions, keepalive, node); what it prints is
//! [`out`].
//!
//! Each contract is built for wasm, round-tripped through the text format,
//! optimised for size with binaryen's `wasm-opt` ([`opt`]), round-tripped
//! and stripped again, validated and measured.
//!
//! `check` fails when a contract's processed wasm would not activate on the
//! chain (see [`wasm::validate`]), when it exceeds [`BUDGET`] bytes after
//! compression, or when its interface for dApps ([`abi`]: functions,
//! events, errors) differs from the files committed beside it
//! (`<crate>/abi/<crate>.sol` and `<crate>/abi/<crate>.json`).
mod abi;
mod bench;
mod book;
mod cap_table;
mod chain;
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
mod revert;
mod safe;
mod scenario;
mod signer;
mod sim;
mod tools;
mod verify;
mod wasm;

use std::{
    env, fs,
    path::{Path, PathBuf},
    process::{Command, ExitCode},
};

use anyhow::{bail, ensure, Context, Result};

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
const HOT: [&str; 5] = [
    "identity-registry",
    "compliance",
    "token",
    "offering",
    "escrow",
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

/// A contract's processed wasm and its measures.
struct Measured {
    name: String,
    processed: usize,
    compressed: usize,
    problem: Option<String>,
}

/// Builds, processes, validates and measures every contract; writes the
/// processed wasm to `target/contracts/<crate>.wasm` and prints the table.
fn build() -> Result<Vec<Measured>> {
    let root = workspace_root();
    let mut cargo = wasm_cargo(&root, "build");
    for name in CONTRACTS {
        cargo.args(["-p", name]);
    }
    run(&mut cargo)?;

    let out_dir = root.join("target/contracts");
    fs::create_dir_all(&out_dir)?;
    let wasm_opt = opt::locate(&root)?;
    let built = |target: &Path, name: &str| {
        let path = target.join(format!("{TARGET}/release/{}.wasm", name.replace('-', "_")));
        fs::read(&path).with_context(|| format!("reading {}", path.display()))
    };
    let mut measured = Vec::new();
    for name in CONTRACTS {
        let raw = built(&root.join("target"), name)?;
        let bar = out::spinner(format!("optimising and validating {name}"));
        measured.push(finish(&wasm_opt, &out_dir, name, name, &raw)?);
        bar.finish_and_clear();
    }
    // Each hot program, given its full program's address, in a target
    // folder of its own (its feature set would otherwise replace the full
    // build's output).
    let hot_target = root.join("target/hot");
    for name in HOT {
        let full = fs::read(out_dir.join(format!("{name}.wasm")))?;
        let address = encode::full_program_address(&wasm::compress(&full));
        let mut cargo = wasm_cargo(&root, "build");
        cargo
            .env("CARGO_TARGET_DIR", &hot_target)
            .env("SUITE_COLD", address.to_string())
            .args(["-p", name, "--features", &format!("{name}/hot")]);
        run(&mut cargo)?;
        let raw = built(&hot_target, name)?;
        let _bar = out::spinner(format!("optimising and validating {name}.hot"));
        measured.push(finish(
            &wasm_opt,
            &out_dir,
            name,
            &format!("{name}.hot"),
            &raw,
        )?);
    }
    print_table(&measured);
    Ok(measured)
}

/// Clippy on the hot programs (`<crate>/src/hot.rs`, wasm only, behind the
/// `hot` feature), which the workspace's host clippy never compiles.
fn lint_hot_programs() -> Result<()> {
    let root = workspace_root();
    let mut clippy = wasm_cargo(&root, "clippy");
    clippy
        .env("CARGO_TARGET_DIR", root.join("target/hot"))
        // Any address: the lints do not depend on it.
        .env("SUITE_COLD", alloy_primitives::Address::ZERO.to_string());
    for name in HOT {
        clippy.args(["-p", name, "--features", &format!("{name}/hot")]);
    }
    clippy.args(["--", "-D", "warnings"]);
    run(&mut clippy).context("clippy on the hot programs")
}

/// `cargo <subcommand>` (build, clippy) of contracts for the chain (the
/// packages still to add).
fn wasm_cargo(root: &Path, subcommand: &str) -> Command {
    let mut cargo = cargo(root);
    // The wasm flags come from .cargo/config.toml; RUSTFLAGS would replace them.
    cargo
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    cargo.args([
        subcommand,
        "--release",
        "--lib",
        "--target",
        TARGET,
        "-Zbuild-std=std,panic_abort",
    ]);
    cargo
}

/// Processes the raw wasm of `crate_name` into `<out_dir>/<file>.wasm`,
/// validates and measures it.
fn finish(
    wasm_opt: &Path,
    out_dir: &Path,
    crate_name: &str,
    file: &str,
    raw: &[u8],
) -> Result<Measured> {
    // Round trip first (wasm-opt reads the MVP encodings), optimise, then
    // round-trip and strip again: what is measured and deployed is what
    // cargo-stylus would send. An unchanged input is not processed again.
    // Beside target/contracts/, which holds only the programs (tests read
    // every file there).
    let cache = out_dir
        .with_file_name("wasm-cache")
        .join(format!("{}.wasm", processing_key(wasm_opt, raw)));
    let processed = if let Ok(hit) = fs::read(&cache) {
        hit
    } else {
        let processed = wasm::process(raw)
            .and_then(|mvp| opt::optimize(wasm_opt, &mvp, &out_dir.join(format!("{file}.scratch"))))
            .and_then(|optimized| wasm::process(&optimized))
            .with_context(|| format!("processing {file} of {crate_name}"))?;
        fs::create_dir_all(cache.parent().expect("a folder"))?;
        fs::write(&cache, &processed)?;
        processed
    };
    let compressed = wasm::compress(&processed).len();
    let problem = match wasm::validate(&processed) {
        Err(err) => Some(format!("{err:#}")),
        Ok(()) if compressed > BUDGET => Some(format!("over budget by {} B", compressed - BUDGET)),
        Ok(()) if holds_local_path(&processed) => Some(
            "holds a path of this machine (the build would differ by checkout: keep \
             -Zlocation-detail=none)"
                .into(),
        ),
        Ok(()) if processed.len() > RAW_LIMIT => Some("over 128 KiB uncompressed".into()),
        Ok(()) => None,
    };
    fs::write(out_dir.join(format!("{file}.wasm")), &processed)?;
    Ok(Measured {
        name: file.to_string(),
        processed: processed.len(),
        compressed,
        problem,
    })
}

/// The cache key of processing `raw` with `wasm_opt`: keccak256 of the
/// input wasm, the `wasm-opt` used and the processing code itself
/// (`wasm.rs`, `opt.rs`), so that a change to any of them processes again.
fn processing_key(wasm_opt: &Path, raw: &[u8]) -> alloy_primitives::B256 {
    let mut input = raw.to_vec();
    input.extend_from_slice(wasm_opt.to_string_lossy().as_bytes());
    input.extend_from_slice(include_str!("wasm.rs").as_bytes());
    input.extend_from_slice(include_str!("opt.rs").as_bytes());
    alloy_primitives::keccak256(input)
}

/// Whether `wasm` holds the checkout's path, or cargo's or rustup's home:
/// a build that does is not byte-identical from another checkout or
/// machine (`suite verify` compares deployed code with a local build).
fn holds_local_path(wasm: &[u8]) -> bool {
    let root = workspace_root();
    let home = env::var_os("HOME").map(PathBuf::from);
    let homes = [
        env::var_os("CARGO_HOME").map(PathBuf::from),
        env::var_os("RUSTUP_HOME").map(PathBuf::from),
        home.as_ref().map(|home| home.join(".cargo")),
        home.as_ref().map(|home| home.join(".rustup")),
    ]
    .into_iter()
    .flatten();
    std::iter::once(root)
        .chain(homes)
        .filter_map(|path| path.to_str().map(|p| p.as_bytes().to_vec()))
        .filter(|path| path.len() > 4)
        .any(|path| {
            wasm.windows(path.len())
                .any(|window| window == path.as_slice())
        })
}

/// Each program's sizes and problem, for `--json`.
fn sizes(measured: &[Measured]) -> Vec<serde_json::Value> {
    measured
        .iter()
        .map(|m| {
            serde_json::json!({
                "program": m.name,
                "bytes": m.processed,
                "compressedBytes": m.compressed,
                "budget": BUDGET,
                "problem": m.problem,
            })
        })
        .collect()
}

/// [`build`], then fails on any problem, then compares the ABIs.
fn check(bless: bool) -> Result<()> {
    let measured = build()?;
    let failed: Vec<_> = measured
        .iter()
        .filter(|m| m.problem.is_some())
        .map(|m| m.name.as_str())
        .collect();
    if !failed.is_empty() {
        bail!("contracts that would not deploy: {}", failed.join(", "));
    }
    lint_hot_programs()?;
    check_abis(bless)?;
    let cheaper = bench::guard(&workspace_root())?;
    out::say!(
        "gas: no operation above {} by more than {} %",
        bench::GAS_FILE,
        bench::TOLERANCE_PERCENT
    );
    for line in &cheaper {
        out::say!("  cheaper now (record with `suite bench`): {line}");
    }
    out::result(
        &serde_json::json!({ "programs": sizes(&measured), "abis": "match", "gasCheaperNow": cheaper }),
        "",
    );
    Ok(())
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

/// What `suite plan` does once it has written the plan.
enum Then {
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
fn plan_command(config: &Path, name: Option<&str>, then: Then) -> Result<()> {
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
fn deployment_dir(
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
fn refuse_completed(dir: &Path) -> Result<()> {
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
fn write_plan(config: &Path, name: Option<&str>) -> Result<PathBuf> {
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
const PLANNING_DEPLOYER: alloy_primitives::Address = alloy_primitives::Address::repeat_byte(0xde);

/// Executes `plan` (from `offering`) on the Stylus test runtime, every
/// deployment, constructor and wiring call in order, then asks the
/// deployed offering what its whole hard cap raises ([`plan::reachable_caps`]):
/// the warnings.
///
/// # Errors
///
/// The first step that fails, with the contract's error by name and the
/// TOML key at fault; a soft cap nothing can reach.
fn simulate_plan(offering: &plan::Config, plan: &plan::Plan, root: &Path) -> Result<Vec<String>> {
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
fn write_transactions(plan_path: &Path, addresses_path: &Path) -> Result<()> {
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

/// Prints the size table.
fn print_table(measured: &[Measured]) {
    out::say!("");
    out::say!("| contract | processed wasm (B) | compressed (B) | compressed (KiB) | budget (B) | status |");
    out::say!("|---|---:|---:|---:|---:|---|");
    for m in measured {
        let status = m.problem.as_deref().unwrap_or("ok");
        #[allow(clippy::cast_precision_loss)] // sizes are far below 2^52
        let kib = m.compressed as f64 / 1024.0;
        out::say!(
            "| {} | {} | {} | {kib:.1} | {BUDGET} | {status} |",
            m.name,
            m.processed,
            m.compressed
        );
    }
    out::say!("");
}

/// Exports each contract's functions (its `export-abi` feature), adds the
/// events and errors declared in its sources, and compares the resulting
/// Solidity interface and JSON ABI with the files committed in
/// `<crate>/abi/`; with `bless`, rewrites them.
fn check_abis(bless: bool) -> Result<()> {
    let root = workspace_root();
    let mut cargo = cargo(&root);
    cargo.args(["build", "--bins"]);
    for name in CONTRACTS {
        cargo.args(["-p", name, "--features", &format!("{name}/export-abi")]);
    }
    run(&mut cargo)?;

    let roles = fs::read_to_string(root.join("common/src/roles.rs"))?;
    let (role_events, role_errors) = abi::sol_declarations(&roles);
    // Each contract's export and declared errors first: a contract's ABI
    // lists the errors of the contracts it calls.
    let mut exports = std::collections::BTreeMap::new();
    for name in CONTRACTS {
        let exporter = root.join(format!("target/debug/{name}-abi"));
        let output = Command::new(&exporter)
            .output()
            .with_context(|| format!("running {}", exporter.display()))?;
        if !output.status.success() {
            bail!(
                "{} failed: {}",
                exporter.display(),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let exported = String::from_utf8(output.stdout)?;
        let source = fs::read_to_string(root.join(name).join("src/errors.rs"))?;
        let (own_events, own_errors) = abi::sol_declarations(&source);
        let errors: Vec<String> = role_errors.iter().cloned().chain(own_errors).collect();
        // The errors it can raise: those its export lists.
        let raised = abi::raised_errors(name, &exported, &errors)?;
        exports.insert(name, (exported, own_events, errors, raised));
    }
    let mut differ = Vec::new();
    for name in CONTRACTS {
        let (exported, own_events, errors, _) = &exports[name];
        // Ownership events for every contract; agent events where the
        // contract has agents.
        let has_agents = exported.contains("function addAgent(");
        let mut events: Vec<String> = role_events
            .iter()
            .filter(|e| has_agents || e.contains("event Ownership"))
            .cloned()
            .collect();
        events.extend(own_events.iter().cloned());
        let passed: Vec<String> = abi::callees(name)
            .into_iter()
            .flat_map(|callee| exports[callee].3.iter().cloned())
            .collect();
        let src = root.join(name).join("src");
        let mut sources = vec![fs::read_to_string(src.join("lib.rs"))?];
        let mut others: Vec<PathBuf> = fs::read_dir(&src)?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| {
                path.extension().is_some_and(|ext| ext == "rs")
                    && !matches!(
                        path.file_name().and_then(|f| f.to_str()),
                        Some("lib.rs" | "main.rs" | "hot.rs")
                    )
            })
            .collect();
        others.sort();
        for path in others {
            sources.push(fs::read_to_string(path)?);
        }
        sources.push(roles.clone());
        let notices = abi::notices(&sources);
        let constructor = abi::constructor(&sources[0])?;
        let interface = abi::interface(
            name,
            &abi::Parts {
                export: exported,
                events: &events,
                declared_errors: errors,
                passed_errors: &passed,
                constructor: constructor.as_deref(),
                notices: &notices,
            },
        )?;

        let dir = root.join(name).join("abi");
        for (file, content) in [
            (dir.join(format!("{name}.sol")), &interface.solidity),
            (dir.join(format!("{name}.json")), &interface.json),
            (dir.join(format!("{name}.ts")), &interface.typescript),
        ] {
            if bless {
                fs::create_dir_all(&dir)?;
                fs::write(&file, content)?;
                out::say!("wrote {}", file.display());
            } else if fs::read_to_string(&file).ok().as_deref() != Some(content.as_str()) {
                out::say!(
                    "{name}: {} differs from the contract:\n{content}",
                    file.display()
                );
                differ.push(name);
            } else {
                out::say!("{name}: {} matches the contract", file.display());
            }
        }
    }
    if !differ.is_empty() {
        bail!(
            "interfaces differ from the committed files: {} (review, then `suite check --bless`)",
            differ.join(", ")
        );
    }
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

    #[test]
    fn a_wasm_holding_the_checkouts_path_is_refused() {
        let root = workspace_root();
        let mut wasm = b"\0asm\x01\0\0\0 a panic at ".to_vec();
        assert!(!holds_local_path(&wasm));
        wasm.extend_from_slice(root.join("token/src/lib.rs").to_str().unwrap().as_bytes());
        assert!(holds_local_path(&wasm));
    }

    #[test]
    fn the_processing_cache_key_follows_the_input_and_the_tool() {
        let opt = Path::new("/tools/wasm-opt");
        let key = processing_key(opt, b"\0asm one");
        assert_eq!(key, processing_key(opt, b"\0asm one"));
        assert_ne!(key, processing_key(opt, b"\0asm two"));
        assert_ne!(
            key,
            processing_key(Path::new("/other/wasm-opt"), b"\0asm one")
        );
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
