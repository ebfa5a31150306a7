//! `suite cap-table` and `suite distribution`: reading a deployment's
//! holders over JSON-RPC, and turning them into a distribution's
//! entitlements, tree, proofs and transactions.
use std::{fs, path::Path};

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::{sol, SolCall};
use anyhow::{ensure, Context, Result};
use serde_json::{json, Value};

use crate::{
    book::AddressBook,
    cap_table::{self, CapTable},
    chain::Chain,
    cli::Format,
    entitlements::Entitlements,
    out::say,
};

sol! {
    function approve(address spender, uint256 amount) returns (bool);
    function createDistribution(address asset, uint256 total, bytes32 merkleRoot, uint64 recordBlock, uint64 deadline, string uri) payable returns (uint256 id);
}

/// The deployment in `dir` (its address book), its chain, and its cap
/// table at `block`.
async fn table(
    dir: &Path,
    root: &Path,
    rpc: &str,
    block: Option<u64>,
    chunk: u64,
) -> Result<(AddressBook, Chain, CapTable)> {
    let book_path = dir.join("addresses.json");
    let book = AddressBook::read(&book_path)?;
    let chain_id = book
        .chain_id
        .with_context(|| format!("{}: no chainId", book_path.display()))?;
    let chain = Chain::reader(rpc, chain_id).await?;
    let start = cap_table::first_block(dir);
    let abis = crate::verify::abis(root)?;
    let table = cap_table::read(&chain, &book, &abis, start, block, chunk).await?;
    for warning in &table.warnings {
        say!("warning: {warning}");
    }
    Ok((book, chain, table))
}

/// A runtime for the async reads.
fn runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}

/// `suite cap-table`: the table of the deployment in `dir` at `block`, as
/// `format`; written to `out` or returned.
///
/// # Errors
///
/// When the deployment cannot be read or the node fails.
pub fn cap_table(
    dir: &Path,
    root: &Path,
    rpc: &str,
    (block, chunk): (Option<u64>, u64),
    format: Format,
    out: Option<&Path>,
) -> Result<String> {
    let (_, _, table) = runtime()?.block_on(table(dir, root, rpc, block, chunk))?;
    let text = match format {
        Format::Csv => table.csv(),
        Format::Json => serde_json::to_string_pretty(&table.json())? + "\n",
    };
    if let Some(out) = out {
        fs::write(out, &text).with_context(|| format!("writing {}", out.display()))?;
        say!(
            "{} holders at block {} written to {}",
            table.holders.len(),
            table.block,
            out.display()
        );
    }
    Ok(text)
}

/// What `suite distribution` is asked.
pub struct Request<'a> {
    pub rpc: &'a str,
    pub record_block: u64,
    /// Zero for ETH.
    pub asset: Address,
    pub amount: U256,
    pub claim_days: u64,
    pub uri: &'a str,
    pub safe: Option<Address>,
    pub chunk: u64,
}

/// `suite distribution`: writes `entitlements.json`, `tree.json`
/// (`StandardMerkleTree.dump()`), `proofs.json` and `transactions.json`
/// (and, for a Safe, `distribution.safe.json`) to `out`; returns the
/// entitlements.
///
/// # Errors
///
/// When the deployment cannot be read, the node fails, nobody held
/// tokens, or a file cannot be written.
pub fn distribution(
    dir: &Path,
    root: &Path,
    request: &Request,
    out: &Path,
) -> Result<Entitlements> {
    // The holdings at the record block, and the time now (the deadline
    // counts from it).
    let (book, chain, table, now) = runtime()?.block_on(async {
        let (book, chain, table) = table(
            dir,
            root,
            request.rpc,
            Some(request.record_block),
            request.chunk,
        )
        .await?;
        let now = chain.block_timestamp(chain.block_number().await?).await?;
        Ok::<_, anyhow::Error>((book, chain, table, now))
    })?;
    let split = Entitlements::pro_rata(&table.by_identity(), request.amount)?;
    let distribution = *book
        .addresses
        .get("distribution")
        .context("the address book has no distribution contract")?;
    let deadline = now + request.claim_days * 86_400;
    let total = split.total();
    let create = createDistributionCall {
        asset: request.asset,
        total,
        merkleRoot: split.root(),
        recordBlock: request.record_block,
        deadline,
        uri: request.uri.to_string(),
    };
    let mut transactions: Vec<(Address, U256, Vec<u8>, &str)> = Vec::new();
    if request.asset.is_zero() {
        transactions.push((
            distribution,
            total,
            create.abi_encode(),
            "create and fund the distribution",
        ));
    } else {
        let approve = approveCall {
            spender: distribution,
            amount: total,
        };
        transactions.push((
            request.asset,
            U256::ZERO,
            approve.abi_encode(),
            "let the distribution take the total",
        ));
        transactions.push((
            distribution,
            U256::ZERO,
            create.abi_encode(),
            "create and fund the distribution",
        ));
    }
    fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let held = table.by_identity();
    let entitlements: Vec<Value> = split
        .amounts
        .iter()
        .map(|(identity, amount)| {
            json!({
                "identity": identity,
                "holding": held.get(identity).copied().unwrap_or_default().to_string(),
                "amount": amount.to_string(),
            })
        })
        .collect();
    let write = |name: &str, value: &Value| -> Result<()> {
        let path = out.join(name);
        fs::write(&path, serde_json::to_string_pretty(value)? + "\n")
            .with_context(|| format!("writing {}", path.display()))
    };
    write(
        "entitlements.json",
        &json!({
            "recordBlock": request.record_block,
            "asset": request.asset,
            "requested": request.amount.to_string(),
            "total": total.to_string(),
            "remainder": split.remainder.to_string(),
            "supply": table.supply.to_string(),
            "deadline": deadline,
            "merkleRoot": split.root(),
            "entitlements": entitlements,
        }),
    )?;
    write("tree.json", &split.dump())?;
    write("proofs.json", &split.proofs())?;
    let listed: Vec<Value> = transactions
        .iter()
        .map(|(to, value, data, purpose)| {
            json!({"to": to, "value": value.to_string(), "data": alloy_primitives::Bytes::from(data.clone()), "purpose": purpose})
        })
        .collect();
    write("transactions.json", &Value::Array(listed))?;
    if let Some(safe) = request.safe {
        let raw: Vec<(Address, U256, Vec<u8>)> = transactions
            .iter()
            .map(|(to, value, data, _)| (*to, *value, data.clone()))
            .collect();
        let batch = crate::safe::raw_batch(
            chain.chain_id(),
            safe,
            ("Distribution", "Fund and create a distribution"),
            &raw,
        );
        write("distribution.safe.json", &batch)?;
    }
    say!(
        "{} identities entitled to {total} in all ({} left by rounding) at block {}; root {}; \
         written to {}",
        split.amounts.len(),
        split.remainder,
        request.record_block,
        split.root(),
        out.display()
    );
    Ok(split)
}

/// How `suite distribution --send` sends.
pub struct Sending {
    /// The agent's key.
    pub signer: alloy_signer_local::PrivateKeySigner,
    /// Send without asking.
    pub yes: bool,
    /// How long to wait for each receipt.
    pub timeout: std::time::Duration,
}

sol! {
    function isAgent(address agent) view returns (bool);
    function balanceOf(address account) view returns (uint256);
}

/// Sends the `transactions.json` written in `out` from `sending`'s key, in
/// order, each estimated first and waited for. Nothing is sent unless the
/// key is an agent of the deployment's token and holds what the
/// transactions pay (the ERC-20, or the ETH value).
///
/// # Errors
///
/// When a check fails (nothing sent), the answer is not yes, or a
/// transaction would revert or fails (those before it stay done).
pub fn send(dir: &Path, rpc: &str, out: &Path, sending: Sending) -> Result<Vec<B256>> {
    let path = out.join("transactions.json");
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let listed: Vec<Value> = serde_json::from_str(&text)?;
    let mut transactions = Vec::new();
    for transaction in &listed {
        let to: Address = serde_json::from_value(transaction["to"].clone())?;
        let value: U256 = transaction["value"].as_str().unwrap_or("0").parse()?;
        let data: alloy_primitives::Bytes = serde_json::from_value(transaction["data"].clone())?;
        transactions.push((to, value, data.to_vec(), transaction["purpose"].clone()));
    }
    let book = AddressBook::read(&dir.join("addresses.json"))?;
    let token = *book
        .addresses
        .get("token")
        .context("the address book has no token")?;
    let entitled: U256 = {
        let create = transactions.last().context("no transaction")?;
        createDistributionCall::abi_decode(&create.2, true)?.total
    };
    runtime()?.block_on(async {
        let mut chain = Chain::connect(rpc, sending.signer, sending.timeout).await?;
        let agent = chain.account();
        let answer = chain
            .view(token, isAgentCall { agent }.abi_encode())
            .await?;
        ensure!(
            answer.last() == Some(&1),
            "nothing sent: {agent} is not an agent of the token {token}"
        );
        let value: U256 = transactions.iter().map(|t| t.1).sum();
        if value.is_zero() {
            let asset = transactions[0].0;
            let held = chain
                .view(asset, balanceOfCall { account: agent }.abi_encode())
                .await?;
            let held = U256::from_be_slice(&held);
            ensure!(
                held >= entitled,
                "nothing sent: {agent} holds {held} of {asset}, the distribution needs {entitled}"
            );
        } else {
            let held = chain.balance().await?;
            ensure!(
                held > value,
                "nothing sent: {agent} holds {held} wei, the distribution needs {value} and gas"
            );
        }
        let lines: Vec<String> = transactions
            .iter()
            .map(|(to, value, _, purpose)| format!("to {to} with {value} wei: {purpose}"))
            .collect();
        crate::deploy::confirm_sending(lines.join("\n"), transactions.len(), sending.yes)?;
        let mut hashes = Vec::new();
        for (to, value, data, purpose) in transactions {
            let hash = chain
                .submit(to, data, value)
                .await
                .map_err(|err| match err {
                    crate::chain::Failure::WouldRevert(data) => anyhow::anyhow!(
                        "not sent, it would revert: {purpose} (0x{})",
                        alloy_primitives::hex::encode(data)
                    ),
                    crate::chain::Failure::Other(err) => err,
                })?;
            chain.wait(hash).await?;
            say!("{purpose}: {hash}");
            hashes.push(hash);
        }
        Ok(hashes)
    })
}

/// The default folder of a distribution's files.
#[must_use]
pub fn default_out(dir: &Path, record_block: u64) -> std::path::PathBuf {
    dir.join("distributions").join(record_block.to_string())
}

/// The leaf `identity` claims with, from a `proofs.json`.
#[cfg(test)]
#[must_use]
pub fn proof_of(proofs: &Value, identity: Address) -> Option<(u64, U256, Vec<B256>)> {
    let claim = &proofs["claims"][identity.to_checksum(None)];
    let amount = claim["amount"].as_str()?.parse().ok()?;
    let proof = serde_json::from_value(claim["proof"].clone()).ok()?;
    Some((claim["index"].as_u64()?, amount, proof))
}

#[cfg(test)]
mod tests;
