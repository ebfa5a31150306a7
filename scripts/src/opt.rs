//! Size optimisation with binaryen's `wasm-opt`.
//!
//! After the compiler, `wasm-opt -Oz --converge` takes another 1 to
//! 1.5 KiB (compressed) off each contract, which keeps the fuller contracts
//! inside the 22 KiB budget. It may only use the wasm features the chain
//! activates (see `stylus_runtime::activation::activation_features`); the result is
//! round-tripped and validated like any other build.
//!
//! The binary is binaryen [`BINARYEN_VERSION`], pinned: the `WASM_OPT`
//! environment variable names one, otherwise it is installed from the npm
//! registry into `target/tools/npm` on first use (Node.js and npm must be on
//! the machine) so that every machine produces the same wasm.
use std::{
    env, fs,
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{ensure, Context, Result};

/// The binaryen release whose `wasm-opt` processes the contracts.
pub const BINARYEN_VERSION: &str = "132.0.0";

/// The features `wasm-opt` may use: the MVP plus exactly those the chain's
/// activation accepts.
const FEATURES: [&str; 5] = [
    "--mvp-features",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-bulk-memory",
];

/// Finds `wasm-opt`: `$WASM_OPT`, else the pinned binaryen in
/// `target/tools/npm`, installed with npm when missing.
///
/// # Errors
///
/// When npm fails or the installed binary is not there.
pub fn locate(root: &Path) -> Result<PathBuf> {
    if let Some(path) = env::var_os("WASM_OPT") {
        return Ok(PathBuf::from(path));
    }
    let binaryen = crate::tools::npm_package(root, "binaryen", BINARYEN_VERSION)?;
    let binary = binaryen.join("bin/wasm-opt");
    ensure!(binary.exists(), "{} is missing", binary.display());
    Ok(binary)
}

/// Runs `wasm-opt -Oz --converge` on `wasm`, with the chain's features
/// only, using `scratch` for the files it reads and writes.
///
/// # Errors
///
/// When `wasm-opt` fails.
pub fn optimize(wasm_opt: &Path, wasm: &[u8], scratch: &Path) -> Result<Vec<u8>> {
    let input = scratch.with_extension("in.wasm");
    let output = scratch.with_extension("opt.wasm");
    fs::write(&input, wasm)?;
    let status = Command::new(wasm_opt)
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .args(["-Oz", "--converge"])
        .args(FEATURES)
        .status()
        .with_context(|| format!("running {}", wasm_opt.display()))?;
    ensure!(status.success(), "wasm-opt failed");
    let optimized = fs::read(&output)?;
    fs::remove_file(&input)?;
    fs::remove_file(&output)?;
    Ok(optimized)
}
