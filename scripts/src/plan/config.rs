//! The TOML description of an offering, as `suite plan` reads it.
use std::{fs, path::Path};

use alloy_primitives::{Address, B256, U256};
use anyhow::{Context, Result};
use serde::Deserialize;

use super::{
    checks::{beyond_expiry, stale_dates, validate},
    values,
};

/// A description of an offering (see `deploy/example.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The chain the plan is for; the executor refuses any other.
    pub chain_id: u64,
    /// Who does what.
    pub roles: Roles,
    /// The token.
    pub token: TokenConfig,
    /// Required claim topics and trusted issuers.
    pub identity: IdentityConfig,
    /// The compliance rules (absent rules stay off).
    #[serde(default)]
    pub compliance: ComplianceConfig,
    /// The offering.
    pub offering: OfferingConfig,
    /// The escrow.
    pub escrow: EscrowConfig,
    /// Documents published when the plan runs (`[[documents]]`); the
    /// operator publishes more later.
    #[serde(default)]
    pub documents: Vec<DocumentConfig>,
}

/// The accounts of an issuance.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    /// Final owner of every contract (for example a multisig).
    #[serde(deserialize_with = "values::address")]
    pub admin: Address,
    /// Day-to-day agent of the registry, the token and the offering.
    #[serde(deserialize_with = "values::address")]
    pub operator: Address,
    /// Receives the released milestones, and what distributions leave
    /// unclaimed and redemptions unspent.
    #[serde(deserialize_with = "values::address")]
    pub treasury: Address,
    /// Approves milestones.
    #[serde(deserialize_with = "values::address")]
    pub approver: Address,
}

/// The token's metadata.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenConfig {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    #[serde(default, deserialize_with = "values::address")]
    pub onchain_id: Address,
    /// Whether holders may transfer right after deployment (the token
    /// starts paused; purchases mint while paused).
    #[serde(default)]
    pub unpause: bool,
}

/// Claim topics and trusted issuers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityConfig {
    /// Topics every verified investor must hold (for example 1: KYC).
    #[serde(default)]
    pub claim_topics: Vec<u64>,
    /// Issuers and the topics each is trusted for.
    #[serde(default)]
    pub trusted_issuers: Vec<TrustedIssuer>,
}

/// A trusted claim issuer (a KYC provider's signing key).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustedIssuer {
    #[serde(deserialize_with = "values::address")]
    pub address: Address,
    pub topics: Vec<u64>,
}

/// The compliance's built-in rules.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComplianceConfig {
    /// When non-empty, only these countries may receive.
    #[serde(default)]
    pub allowed_countries: Vec<u16>,
    /// These countries may not receive.
    #[serde(default)]
    pub blocked_countries: Vec<u16>,
    /// Per-country holder caps.
    #[serde(default)]
    pub country_max_holders: Vec<CountryCap>,
    /// Most tokens an identity may hold.
    #[serde(default, deserialize_with = "values::optional_amount")]
    pub max_balance: Option<U256>,
    /// Most holders.
    pub max_holders: Option<u32>,
    /// Most tokens in all.
    #[serde(default, deserialize_with = "values::optional_amount")]
    pub supply_cap: Option<U256>,
    /// Lock-up of minted tokens, seconds.
    #[serde(default)]
    pub lock_up_period: u64,
    /// Up to four (window seconds, limit) pairs.
    #[serde(default)]
    pub transfer_limits: Vec<TransferLimit>,
}

/// A country's holder cap.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryCap {
    pub country: u16,
    pub max: u32,
}

/// A transfer limit.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferLimit {
    pub window: u64,
    #[serde(deserialize_with = "values::amount")]
    pub limit: U256,
}

/// The offering's terms.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferingConfig {
    /// Zero (or absent) for ETH, otherwise the ERC-20.
    #[serde(default, deserialize_with = "values::address")]
    pub payment_asset: Address,
    #[serde(deserialize_with = "values::amount")]
    pub base_price: U256,
    #[serde(deserialize_with = "values::amount")]
    pub slope: U256,
    #[serde(deserialize_with = "values::amount")]
    pub hard_cap: U256,
    #[serde(deserialize_with = "values::amount")]
    pub raise_cap: U256,
    #[serde(deserialize_with = "values::amount")]
    pub min_investment: U256,
    #[serde(deserialize_with = "values::amount")]
    pub cap_accredited: U256,
    #[serde(deserialize_with = "values::amount")]
    pub cap_non_accredited: U256,
    pub accreditation_topic: u64,
    pub start: u64,
    pub end: u64,
}

/// The escrow's terms.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscrowConfig {
    #[serde(deserialize_with = "values::amount")]
    pub soft_cap: U256,
    pub milestones: Vec<Milestone>,
}

/// A document the plan publishes (ERC-1643 `setDocument`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentConfig {
    /// Its name: 1 to 32 bytes of text, left-aligned in a `bytes32` as
    /// Solidity's `bytes32("prospectus")`.
    pub name: String,
    /// Where it is published: 1 to 1,024 bytes.
    pub uri: String,
    /// The hash of its content (for example its keccak256 or SHA-256).
    #[serde(default)]
    pub hash: B256,
}

impl DocumentConfig {
    /// The name as the `bytes32` the contract keys it by.
    #[must_use]
    pub fn name_word(&self) -> B256 {
        let mut word = B256::ZERO;
        let bytes = self.name.as_bytes();
        let len = bytes.len().min(32);
        word[..len].copy_from_slice(&bytes[..len]);
        word
    }
}

/// A milestone.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// Share of the raise, basis points.
    pub share_bps: u16,
    /// Deadline, Unix seconds.
    pub deadline: u64,
}

/// Reads and checks a TOML description.
///
/// # Errors
///
/// When the file cannot be read or parsed, or a term is refused (the
/// contracts would refuse it too).
pub fn read_config(path: &Path) -> Result<Config> {
    let config = parse_config(path)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    for warning in stale_dates(&config, now)
        .into_iter()
        .chain(beyond_expiry(&config, now))
    {
        eprintln!("warning: {}: {warning}", path.display());
    }
    Ok(config)
}

/// Reads and checks a TOML description, silently (no warning about its
/// dates).
///
/// # Errors
///
/// As [`read_config`].
pub fn parse_config(path: &Path) -> Result<Config> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let config: Config =
        toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    validate(&config)?;
    Ok(config)
}
