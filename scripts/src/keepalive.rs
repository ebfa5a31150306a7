//! `suite keepalive`: keeps a deployment's programs from expiring.
//!
//! A Stylus program expires a fixed time after its activation (ArbWasm's
//! `expiryDays()`, 365 days on Arbitrum One and Sepolia today): from then
//! on every call to it reverts (`ProgramExpired`), `balanceOf` included,
//! until it is activated again. ArbWasm's `codehashKeepalive(codehash)`
//! restarts the clock, once the program is at least `keepaliveDays()` old
//! (31 days today), for a data fee (the value sent; ArbWasm refunds what
//! it does not charge).
//!
//! For each contract of a deployment's `addresses.json`, the command reads
//! the time left (`programTimeLeft(address)`) and:
//!
//! - more than `--within-days` left (60 by default): nothing to do;
//! - less: `codehashKeepalive` with the data fee ArbWasm asks for
//!   (simulated first: a simulation with no value reverts with
//!   `ProgramInsufficientValue(have, want)`), plus `--data-fee-bump`;
//! - expired, or activated for an older Stylus version: activated again
//!   (`activateProgram(address)`) with its data fee.
//!
//! Without `--private-key-path` it only reports what it would send.
use std::{collections::BTreeMap, path::Path, time::Duration};

use alloy_primitives::{utils::format_ether, Address, U256};
use alloy_signer_local::PrivateKeySigner;
use alloy_sol_types::{SolCall, SolError};
use anyhow::{bail, Context, Result};

use crate::{
    chain::{ArbWasm, Chain, Failure, ARB_WASM},
    out::say,
};

/// How `suite keepalive` runs.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    /// The node's JSON-RPC endpoint.
    pub rpc: String,
    /// The key that pays; none: report only.
    pub key: Option<crate::signer::KeySource>,
    /// Keep alive the programs with fewer days than this left.
    pub within_days: u64,
    /// Added to the data fee ArbWasm asks for, in percent.
    pub data_fee_bump_percent: u64,
    /// How long to wait for each receipt.
    pub timeout: Duration,
}

/// What became of one program.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Alive for this many more seconds; nothing to do.
    Alive(u64),
    /// Kept alive (or, reporting only, would be) for this data fee.
    KeptAlive(U256),
    /// Activated again (or would be) for this data fee.
    Reactivated(U256),
    /// ArbWasm refuses for now (for example a keepalive too soon).
    Refused(String),
}

impl Outcome {
    /// For `--json`: `{"outcome": .., and the seconds left or the data fee
    /// in wei, or the refusal}`.
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Self::Alive(left) => serde_json::json!({"outcome": "alive", "secondsLeft": left}),
            Self::KeptAlive(fee) => {
                serde_json::json!({"outcome": "keptAlive", "dataFeeWei": fee.to_string()})
            }
            Self::Reactivated(fee) => {
                serde_json::json!({"outcome": "reactivated", "dataFeeWei": fee.to_string()})
            }
            Self::Refused(why) => serde_json::json!({"outcome": "refused", "error": why}),
        }
    }
}

/// Runs `suite keepalive` on the contracts of `addresses_path` (every
/// entry but `deployer`).
///
/// # Errors
///
/// When the file or the key cannot be read, the node fails, or a sent
/// transaction fails.
pub fn run(addresses_path: &Path, options: &Options) -> Result<BTreeMap<String, Outcome>> {
    let book = crate::book::AddressBook::read(addresses_path)?;
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(execute(&book, addresses_path, options))
}

/// [`run`], on the runtime.
async fn execute(
    book: &crate::book::AddressBook,
    path: &Path,
    options: &Options,
) -> Result<BTreeMap<String, Outcome>> {
    let addresses = &book.addresses;
    let (signer, sending) = match &options.key {
        Some(key) => (key.load()?, true),
        // Reads only: any account will do.
        None => (PrivateKeySigner::random(), false),
    };
    let mut chain = Chain::connect(&options.rpc, signer, options.timeout).await?;
    book.ensure_chain(chain.chain_id(), path)?;
    let within = options.within_days.saturating_mul(86_400);
    let mut outcomes = BTreeMap::new();
    for (name, &program) in addresses.iter().filter(|(name, _)| *name != "deployer") {
        let outcome = keep(&mut chain, program, within, options, sending)
            .await
            .with_context(|| format!("{name} at {program}"))?;
        let verb = if sending { "" } else { "would be " };
        match &outcome {
            Outcome::Alive(left) => say!("{name}: alive, {} days left", left / 86_400),
            Outcome::KeptAlive(fee) => {
                say!(
                    "{name}: {verb}kept alive, data fee {} ETH",
                    format_ether(*fee)
                );
            }
            Outcome::Reactivated(fee) => {
                say!(
                    "{name}: {verb}activated again, data fee {} ETH",
                    format_ether(*fee)
                );
            }
            Outcome::Refused(why) => say!("{name}: not now: {why}"),
        }
        outcomes.insert(name.clone(), outcome);
    }
    Ok(outcomes)
}

/// Reads `program`'s time left and keeps it alive or activates it again
/// when due.
async fn keep(
    chain: &mut Chain,
    program: Address,
    within: u64,
    options: &Options,
    sending: bool,
) -> Result<Outcome> {
    let time_left = ArbWasm::programTimeLeftCall { program }.abi_encode();
    let (data, reactivate) = match chain.simulate(ARB_WASM, time_left, U256::ZERO).await {
        Ok(answer) => {
            let left = ArbWasm::programTimeLeftCall::abi_decode_returns(&answer, true)
                .context("decoding programTimeLeft")?
                .secs;
            if left > within {
                return Ok(Outcome::Alive(left));
            }
            let codehash = chain.code_hash(program).await?;
            (
                ArbWasm::codehashKeepaliveCall { codehash }.abi_encode(),
                false,
            )
        }
        Err(Failure::WouldRevert(data))
            if ArbWasm::ProgramExpired::abi_decode(&data, true).is_ok()
                || ArbWasm::ProgramNeedsUpgrade::abi_decode(&data, true).is_ok() =>
        {
            (ArbWasm::activateProgramCall { program }.abi_encode(), true)
        }
        Err(Failure::WouldRevert(data)) => bail!("programTimeLeft reverted: {}", explain(&data)),
        Err(Failure::Other(err)) => return Err(err),
    };
    // With no value, ArbWasm names the fee it wants.
    let fee = match chain.simulate(ARB_WASM, data.clone(), U256::ZERO).await {
        Ok(_) => U256::ZERO,
        Err(Failure::WouldRevert(revert)) => {
            match ArbWasm::ProgramInsufficientValue::abi_decode(&revert, true) {
                Ok(insufficient) => insufficient.want,
                Err(_) => return Ok(Outcome::Refused(explain(&revert))),
            }
        }
        Err(Failure::Other(err)) => return Err(err),
    };
    // A fee is far below 2^128 wei; the bump is a small percentage.
    let value =
        fee.saturating_mul(U256::from(100 + options.data_fee_bump_percent)) / U256::from(100);
    if sending {
        let hash = match chain.submit(ARB_WASM, data, value).await {
            Ok(hash) => hash,
            Err(Failure::WouldRevert(revert)) => return Ok(Outcome::Refused(explain(&revert))),
            Err(Failure::Other(err)) => return Err(err),
        };
        let bar = crate::out::spinner(format!("waiting for {hash}"));
        let mined = chain.wait(hash).await;
        bar.finish_and_clear();
        mined?;
    }
    Ok(if reactivate {
        Outcome::Reactivated(fee)
    } else {
        Outcome::KeptAlive(fee)
    })
}

/// ArbWasm's revert data, by name.
fn explain(data: &[u8]) -> String {
    if let Ok(e) = ArbWasm::ProgramKeepaliveTooSoon::abi_decode(data, true) {
        return format!(
            "ProgramKeepaliveTooSoon: activated or kept alive {} days ago, too recently \
             (ArbWasm keepaliveDays())",
            e.ageInSeconds / 86_400
        );
    }
    if let Ok(e) = ArbWasm::ProgramExpired::abi_decode(data, true) {
        return format!("ProgramExpired({})", e.ageInSeconds);
    }
    if ArbWasm::ProgramNotActivated::abi_decode(data, true).is_ok() {
        return "ProgramNotActivated: not a Stylus program".into();
    }
    if let Ok(e) = ArbWasm::ProgramInsufficientValue::abi_decode(data, true) {
        return format!("ProgramInsufficientValue(have {}, want {})", e.have, e.want);
    }
    format!("0x{}", alloy_primitives::hex::encode(data))
}

#[cfg(test)]
mod tests;
