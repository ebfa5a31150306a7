//! The deployment plan of an offering, written offline from a TOML
//! description.
//!
//! The plan is JSON: the chain id; per contract, in deployment order, the
//! processed wasm (path, size, keccak256) and its constructor arguments;
//! then the ordered wiring calls. Arguments that name a contract of the
//! plan are written `"@<crate>"` (its address once deployed) and the
//! deployer `"@deployer"`: the executor substitutes them. The deployer is
//! the owner during the wiring; the plan ends by handing every contract to
//! the configured admin when that is another account.
//!
//! Deployment order: identity registry, compliance (reads the registry),
//! token (binds itself to the compliance), escrow (burns the token),
//! offering (mints the token, deposits in the escrow), the token's
//! documents (ERC-1643), which the plan publishes the configured ones in,
//! and the distribution contract (dividends and redemptions; it burns
//! redeemed tokens as an agent of the token).
//!
//! Here: the plan and its steps, and how a TOML becomes one ([`plan`]);
//! `config` reads the TOML, `checks` refuses offerings the contracts would
//! refuse or that could not work, `wiring` lists the calls, `values`
//! parses amounts and addresses.
use std::{fs, path::Path};

use alloy_primitives::{keccak256, Address, B256, U256};
use anyhow::{ensure, Context, Result};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

mod checks;
mod config;
pub mod values;
mod wiring;

pub use checks::reachable_caps;
pub use config::*;
use wiring::wiring;

#[cfg(test)]
mod tests;

/// The contracts, in the order they are deployed: each one's constructor
/// takes only contracts before it.
pub const DEPLOYMENT_ORDER: [&str; 7] = [
    "identity-registry",
    "compliance",
    "token",
    "escrow",
    "offering",
    "documents",
    "distribution",
];

/// A contract to deploy.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deployment {
    /// Crate name; other steps refer to it as `@<name>`.
    pub name: String,
    /// The processed wasm to deploy and activate.
    pub wasm: String,
    /// Its size in bytes.
    pub wasm_bytes: usize,
    /// keccak256 of the wasm.
    pub wasm_keccak256: B256,
    /// The constructor's Solidity signature.
    pub constructor: String,
    /// Its arguments, in order.
    pub args: Vec<Value>,
    /// The TOML table its terms come from (`offering`, say): a refusal of
    /// the constructor names it.
    #[serde(default)]
    pub key: String,
}

/// A contract's full program, deployed once per chain at a fixed address
/// and run only as its hot program's delegate (`common::hot`).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FullProgram {
    /// The contract whose hot program delegates to it.
    pub name: String,
    /// The processed wasm.
    pub wasm: String,
    /// Its size in bytes.
    pub wasm_bytes: usize,
    /// keccak256 of the wasm.
    pub wasm_keccak256: B256,
    /// Where the StylusDeployer puts it (`encode::full_program_address`),
    /// as compiled into the hot program.
    pub address: Address,
}

impl FullProgram {
    /// Its name in a deployment's addresses: `<contract>.full`.
    #[must_use]
    pub fn key(&self) -> String {
        format!("{}.full", self.name)
    }

    /// Its processed wasm, read from under `root` and checked against the
    /// planned keccak256, brotli-compressed as deployed.
    ///
    /// # Errors
    ///
    /// When the file cannot be read or differs from the planned wasm.
    pub fn compressed_wasm(&self, root: &Path) -> Result<Vec<u8>> {
        compressed_checked(root, &self.wasm, self.wasm_keccak256, &self.name)
    }
}

/// A wiring call.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Call {
    /// The contract called (`@<crate>`).
    pub to: String,
    /// The function's Solidity signature.
    pub function: String,
    /// Its arguments.
    pub args: Vec<Value>,
    /// Why.
    pub purpose: String,
    /// The TOML key it comes from (`identity.claim_topics[1]`, say): a
    /// refusal names it.
    #[serde(default)]
    pub key: String,
}

impl Deployment {
    /// What deploying it does, for people.
    #[must_use]
    pub fn purpose(&self) -> String {
        format!("deploy, activate and construct {}", self.name)
    }

    /// Its processed wasm, read from under `root` and checked against the
    /// planned keccak256, brotli-compressed as deployed.
    ///
    /// # Errors
    ///
    /// When the file cannot be read or differs from the planned wasm.
    pub fn compressed_wasm(&self, root: &Path) -> Result<Vec<u8>> {
        compressed_checked(root, &self.wasm, self.wasm_keccak256, &self.name)
    }
}

/// The wasm at `relative` under `root`, checked against `keccak`, then
/// brotli-compressed as deployed.
fn compressed_checked(root: &Path, relative: &str, keccak: B256, name: &str) -> Result<Vec<u8>> {
    let path = root.join(relative);
    let wasm = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    ensure!(
        keccak256(&wasm) == keccak,
        "{} differs from the planned wasm of {name}: run `suite plan` again",
        path.display(),
    );
    Ok(crate::wasm::compress(&wasm))
}

impl Call {
    /// The crate it calls (`to` without its `@`).
    #[must_use]
    pub fn target(&self) -> &str {
        self.to.trim_start_matches('@')
    }
}

/// A deployment plan.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub chain_id: u64,
    /// The full programs the hot programs delegate to, deployed first
    /// (unless already on the chain).
    #[serde(default)]
    pub full_programs: Vec<FullProgram>,
    pub contracts: Vec<Deployment>,
    pub calls: Vec<Call>,
}

/// One transaction of a plan, in the order it is sent: the full programs,
/// the deployments, then the wiring calls.
#[derive(Debug)]
pub struct Step {
    /// What it does, for people.
    pub label: String,
    /// What it sends.
    pub action: Action,
    /// The contract it deploys or calls (whose errors explain its
    /// reverts); `<crate>.full` for a full program.
    pub contract: String,
    /// The TOML key its terms come from; empty when the plan makes it up.
    pub key: String,
    /// keccak256 of what it sends before addresses are substituted: a
    /// corrected plan resumes a stopped run only while every step done
    /// keeps its fingerprint.
    pub fingerprint: B256,
}

/// What a step sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// The StylusDeployer call for the plan's full program at this index
    /// (none when the chain has it already).
    Full(usize),
    /// The StylusDeployer call for the plan's contract at this index.
    Deploy(usize),
    /// The plan's wiring call at this index.
    Call(usize),
}

impl Plan {
    /// The plan at `path`.
    ///
    /// # Errors
    ///
    /// When it cannot be read or is not a plan.
    pub fn read(path: &Path) -> Result<Self> {
        let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        serde_json::from_slice(&bytes).with_context(|| format!("parsing {}", path.display()))
    }

    /// Its steps, in order.
    #[must_use]
    pub fn steps(&self) -> Vec<Step> {
        let print = |value: Value| keccak256(value.to_string());
        let full = self.full_programs.iter().enumerate().map(|(n, full)| Step {
            label: format!("deploy and activate the full program of {}", full.name),
            action: Action::Full(n),
            contract: full.key(),
            key: String::new(),
            fingerprint: print(json!([
                "full",
                full.name,
                full.wasm_keccak256,
                full.address
            ])),
        });
        let deployments = self.contracts.iter().enumerate().map(|(n, contract)| Step {
            label: contract.purpose(),
            action: Action::Deploy(n),
            contract: contract.name.clone(),
            key: contract.key.clone(),
            fingerprint: print(json!([
                "deploy",
                contract.name,
                contract.wasm_keccak256,
                contract.constructor,
                contract.args
            ])),
        });
        let calls = self.calls.iter().enumerate().map(|(n, call)| {
            let name = call.target();
            Step {
                label: format!("{name}.{}: {}", call.function, call.purpose),
                action: Action::Call(n),
                contract: name.to_string(),
                key: call.key.clone(),
                fingerprint: print(json!(["call", call.to, call.function, call.args])),
            }
        });
        full.chain(deployments).chain(calls).collect()
    }
}

/// The TOML key at fault when a step from `key` fails with `error` (as
/// [`crate::revert::explain`] writes it): a constructor's refusal names
/// the term it refused, which narrows its table to the key.
#[must_use]
pub fn blame(key: &str, error: &str) -> String {
    let which = |name: &str| {
        let at = error.find(&format!("{name}(\""))? + name.len() + 2;
        error[at..].split('"').next()
    };
    let narrowed = if let Some(which) = which("OfferingInvalidTerms") {
        match which {
            "decimals" => "token.decimals",
            "hardCap" => "offering.hard_cap",
            "window" => "offering.start, offering.end",
            "price" => "offering.base_price, offering.slope",
            "basePrice" => "offering.base_price",
            "slope" => "offering.slope",
            "accreditationTopic" => "offering.accreditation_topic",
            _ => key,
        }
    } else if error.contains("OfferingCurveOverflow(") {
        "offering.base_price, offering.slope, offering.hard_cap"
    } else if let Some(which) = which("EscrowInvalidTerms") {
        match which {
            "address" => "roles.treasury, roles.approver",
            "shares" => "escrow.milestones[].share_bps",
            "deadlines" => "escrow.milestones[].deadline",
            "milestones" => "escrow.milestones",
            _ => key,
        }
    } else if error.contains("TokenInvalidDecimals(") {
        "token.decimals"
    } else if error.contains("TokenInvalidText(") {
        "token.name, token.symbol"
    } else {
        key
    };
    narrowed.to_string()
}

/// `@<name>`: the address of a contract of the plan.
fn at(name: &str) -> Value {
    json!(format!("@{name}"))
}

/// A `U256` argument, in decimal.
fn uint(value: U256) -> Value {
    json!(value.to_string())
}

/// Writes the plan for `config`, with the processed wasm of `suite build`
/// found under `root` (the plan names them relative to the repository).
///
/// # Errors
///
/// When a processed wasm is missing.
pub fn plan(config: &Config, root: &Path) -> Result<Plan> {
    let deployer = json!("@deployer");
    let token = &config.token;
    let offering = &config.offering;
    let escrow = &config.escrow;
    let roles = &config.roles;
    let specs: [(&'static str, &'static str, Vec<Value>); 7] = [
        ("identity-registry", "constructor(address)", vec![deployer.clone()]),
        (
            "compliance",
            "constructor(address,address)",
            vec![deployer.clone(), at("identity-registry")],
        ),
        (
            "token",
            "constructor(address,string,string,uint8,address,address,address)",
            vec![
                deployer.clone(),
                json!(token.name),
                json!(token.symbol),
                json!(token.decimals),
                at("identity-registry"),
                at("compliance"),
                json!(token.onchain_id),
            ],
        ),
        (
            "escrow",
            "constructor(address,address,address,address,address,uint256,uint16[],uint64[])",
            vec![
                deployer.clone(),
                at("token"),
                json!(offering.payment_asset),
                json!(roles.treasury),
                json!(roles.approver),
                uint(escrow.soft_cap),
                json!(escrow.milestones.iter().map(|m| m.share_bps).collect::<Vec<_>>()),
                json!(escrow.milestones.iter().map(|m| m.deadline).collect::<Vec<_>>()),
            ],
        ),
        (
            "offering",
            "constructor(address,address,address,address,address,uint256,uint256,uint8,uint256,uint256,uint256,uint256,uint256,uint256,uint64,uint64)",
            vec![
                deployer.clone(),
                at("token"),
                at("identity-registry"),
                at("escrow"),
                json!(offering.payment_asset),
                uint(offering.base_price),
                uint(offering.slope),
                json!(token.decimals),
                uint(offering.hard_cap),
                uint(offering.raise_cap),
                uint(offering.min_investment),
                uint(offering.cap_accredited),
                uint(offering.cap_non_accredited),
                json!(offering.accreditation_topic),
                json!(offering.start),
                json!(offering.end),
            ],
        ),
        (
            "documents",
            "constructor(address,address)",
            vec![deployer.clone(), at("token")],
        ),
        (
            "distribution",
            "constructor(address,address,address)",
            vec![deployer.clone(), at("token"), json!(roles.treasury)],
        ),
    ];
    let mut contracts = Vec::new();
    let mut full_programs = Vec::new();
    for (name, constructor, args) in specs {
        let read = |relative: &str| {
            let path = root.join(relative);
            fs::read(&path)
                .with_context(|| format!("reading {} (run `suite build` first)", path.display()))
        };
        let mut relative = format!("target/contracts/{name}.wasm");
        if crate::HOT.contains(&name) {
            let full = read(&relative)?;
            let address = crate::encode::full_program_address(&crate::wasm::compress(&full));
            let hot = format!("target/contracts/{name}.hot.wasm");
            ensure!(
                read(&hot)?
                    .windows(20)
                    .any(|bytes| bytes == address.as_slice()),
                "{hot} does not delegate to the full program of {relative} ({address}): run \
                 `suite build` again"
            );
            full_programs.push(FullProgram {
                name: name.to_string(),
                wasm: relative,
                wasm_bytes: full.len(),
                wasm_keccak256: keccak256(&full),
                address,
            });
            relative = hot;
        }
        let wasm = read(&relative)?;
        contracts.push(Deployment {
            name: name.to_string(),
            wasm: relative,
            wasm_bytes: wasm.len(),
            wasm_keccak256: keccak256(&wasm),
            constructor: constructor.to_string(),
            args,
            // The registry's and the compliance's constructors take no terms.
            key: match name {
                "token" | "escrow" | "offering" => name.to_string(),
                _ => String::new(),
            },
        });
    }
    Ok(Plan {
        chain_id: config.chain_id,
        full_programs,
        contracts,
        calls: wiring(config),
    })
}
