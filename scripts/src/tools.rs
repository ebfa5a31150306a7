//! Tools and artifacts installed from the npm registry into
//! `target/tools/npm/<package>@<version>/` on first use (Node.js and npm
//! must be on the machine): binaryen's `wasm-opt` for the build, and for
//! the end-to-end tests the compiled contracts of OpenZeppelin (a
//! Solidity ERC-20) and of Arbitrum's nitro-contracts (the
//! StylusDeployer), viem and TypeScript (the README's dApp example is
//! type-checked against the ABIs). Nothing installed is committed.
use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{ensure, Context, Result};

/// The folder holding `package` at `version`, installed when missing.
///
/// # Errors
///
/// When npm fails.
pub fn npm_package(root: &Path, package: &str, version: &str) -> Result<PathBuf> {
    let prefix = root
        .join("target/tools/npm")
        .join(format!("{}@{version}", package.replace('/', "+")));
    let folder = prefix.join("node_modules").join(package);
    let done = prefix.join(".installed");
    // One install at a time in this process (tests run in threads).
    static INSTALLING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _installing = INSTALLING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if !done.exists() {
        fs::create_dir_all(&prefix)?;
        eprintln!("installing {package}@{version} into {}", prefix.display());
        let status = Command::new("npm")
            .args([
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--ignore-scripts",
                "--prefix",
            ])
            .arg(&prefix)
            .arg(format!("{package}@{version}"))
            .status()
            .context("running npm (Node.js and npm are needed)")?;
        ensure!(status.success(), "npm install {package}@{version} failed");
        fs::write(&done, version)?;
    }
    ensure!(folder.exists(), "{} is missing", folder.display());
    Ok(folder)
}

/// The creation bytecode of a compiled contract: the `bytecode` field of
/// the Hardhat or Truffle artifact at `path` inside `package`.
///
/// # Errors
///
/// When npm fails or the artifact has no bytecode.
pub fn npm_bytecode(root: &Path, package: &str, version: &str, path: &str) -> Result<Vec<u8>> {
    let file = npm_package(root, package, version)?.join(path);
    let text = fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    let artifact: serde_json::Value = serde_json::from_str(&text)?;
    let hex = artifact["bytecode"]
        .as_str()
        .with_context(|| format!("{}: no bytecode", file.display()))?;
    Ok(alloy_primitives::hex::decode(hex)?)
}
