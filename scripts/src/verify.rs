//! `suite verify <deployment folder> --rpc <url>`: rebuilds the contracts
//! and compares every deployed program's code (each contract and each full
//! program of the folder's address book) with the local build, then
//! reports the deployment's state as the chain holds it: owners and
//! pending owners, the agents the plan appointed (and that the deployer is
//! none), the bindings between the contracts, the rules, topics, issuers,
//! the offering's and the escrow's terms.
//!
//! The processed wasm is byte-identical from any checkout path and machine
//! with the pinned toolchain (no source path reaches it: `-Zlocation-detail
//! =none`; `suite check` refuses one that holds the checkout's path), and
//! brotli at the chain's settings is deterministic, so the code hash a
//! build predicts is the one a deployment of the same commit holds.
use std::{collections::BTreeMap, fs, path::Path};

use alloy_dyn_abi::{DynSolValue, FunctionExt, JsonAbiExt};
use alloy_json_abi::JsonAbi;
use alloy_primitives::{keccak256, Address, B256};
use anyhow::{Context, Result};
use serde::Serialize;

use crate::{book::AddressBook, chain::Chain, encode, out::say, plan::Plan, revert};

/// One program compared.
#[derive(Debug, Serialize)]
pub struct Program {
    /// Its name in the address book (`token`, `token.full`).
    pub name: String,
    /// Where it is.
    pub address: Address,
    /// keccak256 of the code the local build deploys.
    pub built: B256,
    /// keccak256 of the code on the chain.
    pub deployed: B256,
}

impl Program {
    /// Whether the chain holds the local build.
    #[must_use]
    pub fn matches(&self) -> bool {
        self.built == self.deployed
    }
}

/// What `suite verify` found.
#[derive(Debug, Serialize)]
pub struct Report {
    /// Each program, compared.
    pub programs: Vec<Program>,
    /// Each fact read from the chain: what, and its value.
    pub state: Vec<(String, String)>,
    /// What differs from the plan (bindings, agents, the deployer's
    /// roles).
    pub problems: Vec<String>,
}

/// Verifies the deployment recorded in `dir` (its `plan.json` and
/// `addresses.json`) on the node at `rpc`, with the local build under
/// `root`.
///
/// # Errors
///
/// When a file cannot be read, the node fails, or the chain is not the
/// plan's. A program that differs is reported, not an error; the caller
/// fails on [`Report::programs`] and [`Report::problems`].
pub fn run(dir: &Path, root: &Path, rpc: &str) -> Result<Report> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(verify(dir, root, rpc))
}

/// [`run`], on the runtime.
async fn verify(dir: &Path, root: &Path, rpc: &str) -> Result<Report> {
    let plan = Plan::read(&dir.join("plan.json"))?;
    let book_path = dir.join("addresses.json");
    let book = AddressBook::read(&book_path)?;
    book.ensure_chain(plan.chain_id, &book_path)?;
    let chain = Chain::reader(rpc, plan.chain_id).await?;

    // The code each name should hold, from the local build.
    let mut built = BTreeMap::new();
    let wasm_of = |relative: &str| -> Result<B256> {
        let path = root.join(relative);
        let wasm = fs::read(&path)
            .with_context(|| format!("reading {} (run `suite build`)", path.display()))?;
        Ok(keccak256(encode::program_code(&crate::wasm::compress(
            &wasm,
        ))))
    };
    for full in &plan.full_programs {
        built.insert(full.key(), wasm_of(&full.wasm)?);
    }
    for contract in &plan.contracts {
        built.insert(contract.name.clone(), wasm_of(&contract.wasm)?);
    }
    let mut programs = Vec::new();
    for (name, &address) in &book.addresses {
        let Some(&expected) = built.get(name) else {
            continue; // the deployer
        };
        let deployed = chain.code_hash(address).await?;
        let program = Program {
            name: name.clone(),
            address,
            built: expected,
            deployed,
        };
        say!(
            "{name} at {address}: {}",
            if program.matches() {
                "the local build".to_string()
            } else {
                format!("DIFFERS from the local build (chain {deployed}, build {expected})")
            }
        );
        programs.push(program);
    }
    for name in built
        .keys()
        .filter(|name| !book.addresses.contains_key(*name))
    {
        programs.push(Program {
            name: name.clone(),
            address: Address::ZERO,
            built: built[name],
            deployed: B256::ZERO,
        });
        say!("{name}: not in the address book (not deployed)");
    }

    let reader = Reader {
        chain: &chain,
        book: &book,
        abis: abis(root)?,
    };
    let (state, problems) = reader.state(&plan).await?;
    for (what, value) in &state {
        say!("{what}: {value}");
    }
    for problem in &problems {
        say!("PROBLEM: {problem}");
    }
    Ok(Report {
        programs,
        state,
        problems,
    })
}

/// Each contract's committed JSON ABI.
///
/// # Errors
///
/// When one cannot be read.
pub fn abis(root: &Path) -> Result<BTreeMap<String, JsonAbi>> {
    crate::CONTRACTS
        .iter()
        .map(|name| {
            let path = root.join(name).join("abi").join(format!("{name}.json"));
            let text =
                fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
            Ok(((*name).to_string(), serde_json::from_str(&text)?))
        })
        .collect()
}

/// Reads a deployment's state through its contracts' ABIs.
struct Reader<'a> {
    chain: &'a Chain,
    book: &'a AddressBook,
    abis: BTreeMap<String, JsonAbi>,
}

impl Reader<'_> {
    /// The address of `name` in the book.
    fn address(&self, name: &str) -> Result<Address> {
        self.book
            .addresses
            .get(name)
            .copied()
            .with_context(|| format!("{name} is not in the address book"))
    }

    /// The values `function` of contract `name` answers for `args`.
    async fn view(
        &self,
        name: &str,
        function: &str,
        args: &[DynSolValue],
    ) -> Result<Vec<DynSolValue>> {
        let abi = self
            .abis
            .get(name)
            .with_context(|| format!("no ABI for {name}"))?;
        let function = abi
            .function(function)
            .and_then(|candidates| candidates.first())
            .with_context(|| format!("{name} has no {function}"))?;
        let data = function.abi_encode_input(args)?;
        let answer = self.chain.view(self.address(name)?, data).await?;
        Ok(function.abi_decode_output(&answer, true)?)
    }

    /// What `function` of `name` answers for `args`; a failed read is
    /// noted in `problems` (a contract that is not what the book says
    /// reverts or answers out of its ABI).
    async fn read(
        &self,
        (name, function): (&str, &str),
        args: &[DynSolValue],
        state: &mut Vec<(String, String)>,
        problems: &mut Vec<String>,
    ) -> Option<Vec<DynSolValue>> {
        let what = format!("{name}.{function}({})", {
            let args: Vec<String> = args.iter().map(revert::value).collect();
            args.join(", ")
        });
        match self.view(name, function, args).await {
            Ok(values) => {
                let text: Vec<String> = values.iter().map(revert::value).collect();
                state.push((what, text.join(", ")));
                Some(values)
            }
            Err(err) => {
                state.push((what.clone(), "unreadable".into()));
                problems.push(format!("{what}: {err:#}"));
                None
            }
        }
    }

    /// The state worth checking, and what differs from the plan.
    async fn state(&self, plan: &Plan) -> Result<(Vec<(String, String)>, Vec<String>)> {
        let mut state = Vec::new();
        let mut problems = Vec::new();
        let deployer = self.address("deployer")?;
        for name in crate::CONTRACTS {
            for function in ["owner", "pendingOwner"] {
                self.read((name, function), &[], &mut state, &mut problems)
                    .await;
            }
        }
        // The agents the plan leaves appointed, and none for the deployer.
        let mut agents: Vec<(String, Address, bool)> = Vec::new();
        for call in &plan.calls {
            let add = call.function == "addAgent(address)";
            if !add && call.function != "removeAgent(address)" {
                continue;
            }
            let Some(named) = call.args.first().and_then(|arg| arg.as_str()) else {
                continue;
            };
            let agent = match named.strip_prefix('@') {
                Some(name) => self.address(name)?,
                None => named.parse().context("an agent address")?,
            };
            let target = call.target().to_string();
            agents.retain(|(t, a, _)| !(t == &target && *a == agent));
            agents.push((target, agent, add));
        }
        for name in crate::CONTRACTS {
            if !agents.iter().any(|(t, a, _)| t == name && *a == deployer)
                && self.abis[name].function("isAgent").is_some()
            {
                agents.push((name.to_string(), deployer, false));
            }
        }
        for (name, agent, expected) in agents {
            let args = [DynSolValue::Address(agent)];
            let read = self
                .read((&name, "isAgent"), &args, &mut state, &mut problems)
                .await;
            if let Some(is) = read
                .as_ref()
                .and_then(|v| v.first())
                .and_then(DynSolValue::as_bool)
            {
                if is != expected {
                    problems.push(format!(
                        "{name}.isAgent({agent}) is {is}, the plan leaves it {expected}"
                    ));
                }
            }
        }
        // The bindings.
        let token = self.address("token")?;
        let compliance = self.address("compliance")?;
        let registry = self.address("identity-registry")?;
        for (name, function, expected) in [
            ("compliance", "getTokenBound", token),
            ("token", "compliance", compliance),
            ("token", "identityRegistry", registry),
        ] {
            let read = self
                .read((name, function), &[], &mut state, &mut problems)
                .await;
            let value = read
                .as_ref()
                .and_then(|v| v.first())
                .and_then(DynSolValue::as_address);
            if read.is_some() && value != Some(expected) {
                problems.push(format!("{name}.{function}() is not {expected}"));
            }
        }
        let synced = self
            .read(
                ("identity-registry", "getCompliances"),
                &[],
                &mut state,
                &mut problems,
            )
            .await;
        if let Some(synced) = synced {
            let keeps = matches!(synced.first(), Some(DynSolValue::Array(items))
                if items.contains(&DynSolValue::Address(compliance)));
            if !keeps {
                problems.push("the registry does not keep the compliance in sync".into());
            }
        }
        // Rules and terms, as deployed.
        for target in [
            ("identity-registry", "getClaimTopics"),
            ("identity-registry", "getTrustedIssuers"),
            ("compliance", "rules"),
            ("compliance", "transferLimits"),
            ("token", "paused"),
            ("offering", "terms"),
            ("escrow", "terms"),
            ("escrow", "milestones"),
        ] {
            self.read(target, &[], &mut state, &mut problems).await;
        }
        Ok((state, problems))
    }
}
