//! `suite build`: each contract built for wasm, processed ([`crate::opt`],
//! [`crate::wasm`]), cached by its input, validated and measured against
//! the budget.
use std::{
    env, fs,
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{Context, Result};

use crate::{
    cargo, encode, opt, out, run, wasm, workspace_root, BUDGET, CONTRACTS, HOT, RAW_LIMIT, TARGET,
};

/// A contract's processed wasm and its measures.
pub struct Measured {
    /// The program: `<crate>` or `<crate>.hot`.
    pub name: String,
    /// Its processed size, in bytes.
    pub processed: usize,
    /// Its size compressed as the chain measures it.
    pub compressed: usize,
    /// Why it would not deploy, if it would not.
    pub problem: Option<String>,
}

/// Builds, processes, validates and measures every contract; writes the
/// processed wasm to `target/contracts/<crate>.wasm` and prints the table.
pub fn build() -> Result<Vec<Measured>> {
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
pub fn lint_hot_programs() -> Result<()> {
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
pub fn wasm_cargo(root: &Path, subcommand: &str) -> Command {
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
pub fn finish(
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
pub fn processing_key(wasm_opt: &Path, raw: &[u8]) -> alloy_primitives::B256 {
    let mut input = raw.to_vec();
    input.extend_from_slice(wasm_opt.to_string_lossy().as_bytes());
    input.extend_from_slice(include_str!("wasm.rs").as_bytes());
    input.extend_from_slice(include_str!("opt.rs").as_bytes());
    alloy_primitives::keccak256(input)
}

/// Whether `wasm` holds the checkout's path, or cargo's or rustup's home:
/// a build that does is not byte-identical from another checkout or
/// machine (`suite verify` compares deployed code with a local build).
pub fn holds_local_path(wasm: &[u8]) -> bool {
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
pub fn sizes(measured: &[Measured]) -> Vec<serde_json::Value> {
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
/// Prints the size table.
pub fn print_table(measured: &[Measured]) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
