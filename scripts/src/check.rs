//! `suite check`: the build's problems, the ABIs against the committed
//! files, the gas guard and the stack guard.
use std::{fs, path::PathBuf, process::Command};

use anyhow::{bail, Context, Result};

use crate::{
    abi, bench,
    build::{build, lint_hot_programs, sizes},
    cargo, out, run, workspace_root, CONTRACTS,
};

/// [`build`], then fails on any problem, then compares the ABIs.
pub fn check(bless: bool) -> Result<()> {
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

/// Exports each contract's functions (its `export-abi` feature), adds the
/// events and errors declared in its sources, and compares the resulting
/// Solidity interface and JSON ABI with the files committed in
/// `<crate>/abi/`; with `bless`, rewrites them.
pub fn check_abis(bless: bool) -> Result<()> {
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
