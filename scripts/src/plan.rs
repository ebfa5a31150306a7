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
use std::{fs, path::Path};

use alloy_primitives::{keccak256, Address, B256, U256};
use anyhow::{ensure, Context, Result};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

pub mod values;

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

/// How long a Stylus program lives after its activation (or its last
/// keepalive) unless kept alive: ArbWasm's `expiryDays()`, 365 on Arbitrum
/// One and Sepolia today.
pub const PROGRAM_EXPIRY_SECONDS: u64 = 365 * 86_400;

/// Dates of `config` beyond the programs' expiry when activated at `now`:
/// an expired program refuses every call (`balanceOf` included), so the
/// offering's end, each milestone deadline and the release of the last
/// lock-up must come while the programs live, or the deployment must be
/// kept alive (`suite keepalive`).
fn beyond_expiry(config: &Config, now: u64) -> Vec<String> {
    let expiry = now.saturating_add(PROGRAM_EXPIRY_SECONDS);
    let advice = "beyond the programs' expiry 365 days after activation: keep the deployment \
                  alive with `suite keepalive` (README, \"Keeping a deployment alive\")";
    let mut dates = vec![("offering.end", config.offering.end)];
    let lock_up = config.compliance.lock_up_period;
    if lock_up > 0 {
        // The last tokens are minted at the end of the offering at the latest.
        dates.push((
            "the last lock-up release (offering.end + compliance.lock_up_period)",
            config.offering.end.saturating_add(lock_up),
        ));
    }
    let deadlines: Vec<(String, u64)> = config
        .escrow
        .milestones
        .iter()
        .enumerate()
        .map(|(i, m)| (format!("escrow.milestones[{i}].deadline"), m.deadline))
        .collect();
    dates
        .into_iter()
        .map(|(what, at)| (what.to_string(), at))
        .chain(deadlines)
        .filter(|&(_, at)| at > expiry)
        .map(|(what, at)| format!("{what} ({at}) lies {advice}"))
        .collect()
}

/// Dates of `config` already past at `now`: the contracts accept them, but
/// an offering that has ended sells nothing and a missed deadline lets
/// anyone fail the escrow.
fn stale_dates(config: &Config, now: u64) -> Vec<String> {
    let mut stale = Vec::new();
    if config.offering.end <= now {
        stale.push(format!(
            "offering.end ({}) has passed: nobody could buy",
            config.offering.end
        ));
    }
    for (index, milestone) in config.escrow.milestones.iter().enumerate() {
        if milestone.deadline <= now {
            stale.push(format!(
                "escrow.milestones[{index}].deadline ({}) has passed",
                milestone.deadline
            ));
        }
    }
    stale
}

/// The checks the contracts' constructors and setters would make, made
/// before anything is sent.
fn validate(config: &Config) -> Result<()> {
    let token = &config.token;
    ensure!(
        !token.name.is_empty() && token.name.len() <= 64,
        "token.name: 1 to 64 bytes"
    );
    ensure!(
        !token.symbol.is_empty() && token.symbol.len() <= 64,
        "token.symbol: 1 to 64 bytes"
    );
    ensure!(token.decimals <= 18, "token.decimals: at most 18");
    let roles = &config.roles;
    for (what, address) in [
        ("roles.admin", roles.admin),
        ("roles.operator", roles.operator),
        ("roles.treasury", roles.treasury),
        ("roles.approver", roles.approver),
    ] {
        ensure!(!address.is_zero(), "{what}: the zero address");
    }
    let offering = &config.offering;
    ensure!(
        offering.start < offering.end,
        "offering: start must be before end"
    );
    ensure!(!offering.hard_cap.is_zero(), "offering.hard_cap: zero");
    ensure!(
        !offering.base_price.is_zero() || !offering.slope.is_zero(),
        "offering: base_price and slope both zero"
    );
    let milestones = &config.escrow.milestones;
    ensure!(
        (1..=20).contains(&milestones.len()),
        "escrow.milestones: 1 to 20"
    );
    let total: u32 = milestones.iter().map(|m| u32::from(m.share_bps)).sum();
    ensure!(
        total == 10_000,
        "escrow.milestones: shares sum to {total}, not 10000"
    );
    ensure!(
        milestones.iter().all(|m| m.share_bps > 0),
        "escrow.milestones: a zero share"
    );
    ensure!(
        milestones.windows(2).all(|w| w[0].deadline < w[1].deadline),
        "escrow.milestones: deadlines must increase"
    );
    let identity = &config.identity;
    for (i, topic) in identity.claim_topics.iter().enumerate() {
        ensure!(
            !identity.claim_topics[..i].contains(topic),
            "identity.claim_topics[{i}]: {topic} is repeated (the registry would refuse it: \
             IdentityRegistryClaimTopicAlreadyRequired)"
        );
    }
    for (i, issuer) in identity.trusted_issuers.iter().enumerate() {
        ensure!(
            !issuer.topics.is_empty(),
            "identity.trusted_issuers[{i}].topics: none (the registry trusts an issuer for 1 to \
             15 topics)"
        );
    }
    for (i, document) in config.documents.iter().enumerate() {
        ensure!(
            (1..=32).contains(&document.name.len()),
            "documents[{i}].name: 1 to 32 bytes"
        );
        ensure!(
            config.documents[..i]
                .iter()
                .all(|d| d.name != document.name),
            "documents[{i}].name: \"{}\" is repeated",
            document.name
        );
        ensure!(
            (1..=1024).contains(&document.uri.len()),
            "documents[{i}].uri: 1 to 1024 bytes"
        );
    }
    offering_can_work(config)?;
    let limits = &config.compliance.transfer_limits;
    ensure!(limits.len() <= 4, "compliance.transfer_limits: at most 4");
    // The compliance keeps two limits a word: a window of 32 bits (longer
    // ones kept as 2^32 - 1), a limit of 96 (`ComplianceInvalidTransferLimits`
    // beyond).
    for (i, limit) in limits.iter().enumerate() {
        ensure!(
            (1..=u64::from(u32::MAX)).contains(&limit.window),
            "compliance.transfer_limits[{i}].window: 1 to 4294967295 seconds (the compliance would keep a \
             longer one as 136 years)"
        );
        ensure!(
            limits[..i].iter().all(|other| other.window != limit.window),
            "compliance.transfer_limits[{i}].window: {} is repeated",
            limit.window
        );
        ensure!(
            limit.limit < U256::from(1) << 96,
            "compliance.transfer_limits[{i}].limit: at most 2^96 - 1 (79228162514264337593543950335)"
        );
    }
    Ok(())
}

/// Refuses an offering that could not work although every contract would
/// accept it: nobody could buy, the escrow could never succeed, or
/// investors could never reach the terms meant for them.
fn offering_can_work(config: &Config) -> Result<()> {
    let offering = &config.offering;
    ensure!(
        !offering.raise_cap.is_zero(),
        "offering.raise_cap: zero, nobody could buy"
    );
    ensure!(
        config.escrow.soft_cap <= offering.raise_cap,
        "escrow.soft_cap ({}) is above offering.raise_cap ({}): the escrow could never \
         succeed, every purchase would be refunded",
        config.escrow.soft_cap,
        offering.raise_cap
    );
    ensure!(
        offering.min_investment <= offering.cap_accredited
            || offering.min_investment <= offering.cap_non_accredited,
        "offering.min_investment ({}) is above both investor caps: nobody could buy",
        offering.min_investment
    );
    ensure!(
        offering.cap_non_accredited.is_zero()
            || offering.min_investment <= offering.cap_non_accredited,
        "offering.min_investment ({}) is above offering.cap_non_accredited ({}): \
         non-accredited investors could never buy (set cap_non_accredited = \"0\" to sell to \
         accredited investors only)",
        offering.min_investment,
        offering.cap_non_accredited
    );
    let topic = offering.accreditation_topic;
    ensure!(
        config
            .identity
            .trusted_issuers
            .iter()
            .any(|issuer| issuer.topics.contains(&topic)),
        "offering.accreditation_topic: no trusted issuer (identity.trusted_issuers) is trusted \
         for topic {topic}: nobody could be accredited"
    );
    for (i, milestone) in config.escrow.milestones.iter().enumerate() {
        ensure!(
            milestone.deadline > offering.end,
            "escrow.milestones[{i}].deadline ({}) is not after offering.end ({}): anyone could \
             fail the escrow while the sale runs",
            milestone.deadline,
            offering.end
        );
    }
    Ok(())
}

/// What the offering's own arithmetic says of the terms, once simulated:
/// `whole_raise` is what selling the whole hard cap raises (the deployed
/// offering's `quoteCost(hardCap)`). Refuses a soft cap it cannot reach;
/// warns about a raise cap it cannot reach.
///
/// # Errors
///
/// When the escrow's soft cap is above `whole_raise`.
pub fn reachable_caps(config: &Config, whole_raise: U256) -> Result<Vec<String>> {
    let offering = &config.offering;
    ensure!(
        config.escrow.soft_cap <= whole_raise,
        "escrow.soft_cap ({}) is above what selling the whole offering.hard_cap raises ({}): \
         the escrow could never succeed",
        config.escrow.soft_cap,
        whole_raise
    );
    let mut warnings = Vec::new();
    if offering.raise_cap > whole_raise {
        warnings.push(format!(
            "offering.raise_cap ({}) is above what selling the whole offering.hard_cap raises \
             ({whole_raise}): the sale ends at the hard cap, the raise cap is never reached",
            offering.raise_cap
        ));
    }
    Ok(warnings)
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

/// The wiring calls, in order.
fn wiring(config: &Config) -> Vec<Call> {
    let mut calls = Vec::new();
    let mut call =
        |key: &str, to: &str, function: &'static str, args: Vec<Value>, purpose: &str| {
            calls.push(Call {
                to: format!("@{to}"),
                function: function.to_string(),
                args,
                purpose: purpose.to_string(),
                key: key.to_string(),
            });
        };
    let roles = &config.roles;
    let operator = json!(roles.operator);

    // First of all, the compliance serves the token: only its owner can
    // bind, so nobody else could have bound it or written its books since
    // it was deployed.
    call(
        "",
        "compliance",
        "bindToken(address)",
        vec![at("token")],
        "the compliance serves the token",
    );
    call(
        "",
        "identity-registry",
        "addCompliance(address)",
        vec![at("compliance")],
        "the compliance's books follow every wallet change",
    );

    // Registry: agents, required topics, trusted issuers.
    call(
        "roles.operator",
        "identity-registry",
        "addAgent(address)",
        vec![operator.clone()],
        "the operator registers investors",
    );
    call(
        "",
        "identity-registry",
        "addAgent(address)",
        vec![at("token")],
        "the token registers recovered wallets",
    );
    for (i, topic) in config.identity.claim_topics.iter().enumerate() {
        call(
            &format!("identity.claim_topics[{i}]"),
            "identity-registry",
            "addClaimTopic(uint256)",
            vec![json!(topic)],
            "a claim every investor needs",
        );
    }
    for (i, issuer) in config.identity.trusted_issuers.iter().enumerate() {
        call(
            &format!("identity.trusted_issuers[{i}]"),
            "identity-registry",
            "addTrustedIssuer(address,uint256[])",
            vec![json!(issuer.address), json!(issuer.topics)],
            "a trusted claim issuer",
        );
    }

    // Compliance rules.
    let rules = &config.compliance;
    let mut countries: Vec<u16> = rules
        .allowed_countries
        .iter()
        .chain(&rules.blocked_countries)
        .copied()
        .chain(rules.country_max_holders.iter().map(|c| c.country))
        .collect();
    countries.sort_unstable();
    countries.dedup();
    for country in countries {
        let cap = rules
            .country_max_holders
            .iter()
            .position(|c| c.country == country);
        let mut keys = Vec::new();
        if let Some(i) = rules.allowed_countries.iter().position(|&c| c == country) {
            keys.push(format!("compliance.allowed_countries[{i}]"));
        }
        if let Some(i) = rules.blocked_countries.iter().position(|&c| c == country) {
            keys.push(format!("compliance.blocked_countries[{i}]"));
        }
        if let Some(i) = cap {
            keys.push(format!("compliance.country_max_holders[{i}]"));
        }
        call(
            &keys.join(", "),
            "compliance",
            "setCountry(uint16,bool,bool,bool,uint32)",
            vec![
                json!(country),
                json!(rules.allowed_countries.contains(&country)),
                json!(rules.blocked_countries.contains(&country)),
                json!(cap.is_some()),
                json!(cap.map_or(0, |i| rules.country_max_holders[i].max)),
            ],
            "country lists and holder cap",
        );
    }
    if !rules.allowed_countries.is_empty() || !rules.blocked_countries.is_empty() {
        call(
            "compliance.allowed_countries, compliance.blocked_countries",
            "compliance",
            "setCountryListsEnabled(bool,bool)",
            vec![
                json!(!rules.allowed_countries.is_empty()),
                json!(!rules.blocked_countries.is_empty()),
            ],
            "switch the country lists on",
        );
    }
    if let Some(max) = rules.max_balance {
        call(
            "compliance.max_balance",
            "compliance",
            "setMaxBalance(bool,uint256)",
            vec![json!(true), uint(max)],
            "maximum balance per identity",
        );
    }
    if let Some(max) = rules.max_holders {
        call(
            "compliance.max_holders",
            "compliance",
            "setMaxHolders(bool,uint32)",
            vec![json!(true), json!(max)],
            "holder cap",
        );
    }
    if let Some(cap) = rules.supply_cap {
        call(
            "compliance.supply_cap",
            "compliance",
            "setSupplyCap(bool,uint256)",
            vec![json!(true), uint(cap)],
            "supply cap",
        );
    }
    if rules.lock_up_period > 0 {
        call(
            "compliance.lock_up_period",
            "compliance",
            "setLockUpPeriod(uint64)",
            vec![json!(rules.lock_up_period)],
            "lock-up of minted tokens",
        );
    }
    if !rules.transfer_limits.is_empty() {
        call(
            "compliance.transfer_limits",
            "compliance",
            "setTransferLimits(uint64[],uint256[])",
            vec![
                json!(rules
                    .transfer_limits
                    .iter()
                    .map(|l| l.window)
                    .collect::<Vec<_>>()),
                json!(rules
                    .transfer_limits
                    .iter()
                    .map(|l| l.limit.to_string())
                    .collect::<Vec<_>>()),
            ],
            "transfer limits",
        );
    }

    // Token agents, escrow and offering wiring.
    if config.token.unpause {
        // Unpausing takes an agent: the deployer is one for this call only,
        // before the operator is appointed (who may be the deployer).
        call(
            "token.unpause",
            "token",
            "addAgent(address)",
            vec![json!("@deployer")],
            "to unpause",
        );
        call(
            "token.unpause",
            "token",
            "unpause()",
            vec![],
            "holders may transfer",
        );
        call(
            "token.unpause",
            "token",
            "removeAgent(address)",
            vec![json!("@deployer")],
            "done",
        );
    }

    call(
        "roles.operator",
        "token",
        "addAgent(address)",
        vec![operator.clone()],
        "the operator freezes, forces, recovers",
    );
    call(
        "",
        "token",
        "addAgent(address)",
        vec![at("offering")],
        "the offering mints purchases",
    );
    call(
        "",
        "token",
        "addAgent(address)",
        vec![at("escrow")],
        "the escrow burns refunded tokens",
    );
    call(
        "",
        "token",
        "addAgent(address)",
        vec![at("distribution")],
        "the distribution burns redeemed tokens",
    );
    call(
        "",
        "escrow",
        "setOffering(address)",
        vec![at("offering")],
        "the only depositor",
    );
    call(
        "roles.operator",
        "offering",
        "addAgent(address)",
        vec![operator.clone()],
        "the operator pauses and closes",
    );

    // Documents: published by the deployer as owner, then by the operator.
    for (i, document) in config.documents.iter().enumerate() {
        call(
            &format!("documents[{i}]"),
            "documents",
            "setDocument(bytes32,string,bytes32)",
            vec![
                json!(document.name_word()),
                json!(document.uri),
                json!(document.hash),
            ],
            "a legal document published",
        );
    }
    call(
        "roles.operator",
        "documents",
        "addAgent(address)",
        vec![operator],
        "the operator publishes documents",
    );
    // Hand over to the admin.
    for name in DEPLOYMENT_ORDER {
        call(
            "roles.admin",
            name,
            "transferOwnership(address)",
            vec![json!(roles.admin)],
            "the admin owns it",
        );
    }
    calls
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../deploy/example.toml");
    const DEVNODE: &str = include_str!("../../deploy/devnode.toml");

    #[test]
    fn example_parses_and_validates() {
        let config: Config = toml::from_str(EXAMPLE).unwrap();
        validate(&config).unwrap();
        assert_eq!(config.escrow.milestones.len(), 3);
    }

    #[test]
    fn wiring_orders_agents_rules_and_handover() {
        let config: Config = toml::from_str(EXAMPLE).unwrap();
        let calls = wiring(&config);
        let functions: Vec<(&str, &str)> = calls
            .iter()
            .map(|c| (c.to.as_str(), c.function.as_str()))
            .collect();
        assert_eq!(functions[0], ("@compliance", "bindToken(address)"));
        assert_eq!(
            functions[1],
            ("@identity-registry", "addCompliance(address)")
        );
        assert_eq!(calls[0].args, vec![at("token")]);
        assert_eq!(calls[1].args, vec![at("compliance")]);
        assert_eq!(functions[2], ("@identity-registry", "addAgent(address)"));
        assert!(functions.contains(&("@token", "addAgent(address)")));
        assert!(functions.contains(&("@escrow", "setOffering(address)")));
        assert!(functions.contains(&("@compliance", "setLockUpPeriod(uint64)")));
        let handover = &calls[calls.len() - 5..];
        assert!(handover
            .iter()
            .all(|c| c.function == "transferOwnership(address)"));
    }

    #[test]
    fn devnode_offering_parses_and_validates() {
        let config: Config = toml::from_str(DEVNODE).unwrap();
        validate(&config).unwrap();
        assert_eq!(config.chain_id, 412_346);
        // Open now and for years.
        assert!(stale_dates(&config, 1_795_000_000).is_empty());
    }

    #[test]
    fn past_dates_are_warned_about() {
        let config: Config = toml::from_str(EXAMPLE).unwrap();
        assert!(stale_dates(&config, config.offering.start).is_empty());
        let after_end = stale_dates(&config, config.offering.end);
        assert_eq!(after_end.len(), 1, "{after_end:?}");
        assert!(after_end[0].starts_with("offering.end"));
        let last = config.escrow.milestones.last().unwrap().deadline;
        assert_eq!(stale_dates(&config, last).len(), 4);
    }

    #[test]
    fn dates_beyond_the_programs_expiry_are_warned_about() {
        let mut config: Config = toml::from_str(EXAMPLE).unwrap();
        let start = config.offering.start;
        config.offering.end = start + 30 * 86_400;
        config.compliance.lock_up_period = 0;
        for milestone in &mut config.escrow.milestones {
            milestone.deadline = start + 60 * 86_400;
        }
        assert!(beyond_expiry(&config, start).is_empty());

        // A year's lock-up from the end outlives programs activated at the
        // start.
        config.compliance.lock_up_period = 365 * 86_400;
        let warnings = beyond_expiry(&config, start);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("the last lock-up release"));
        assert!(warnings[0].contains("suite keepalive"));

        // Exactly at the expiry is still alive; a second later is not.
        config.compliance.lock_up_period = 0;
        config.escrow.milestones[0].deadline = start + PROGRAM_EXPIRY_SECONDS;
        assert!(beyond_expiry(&config, start).is_empty());
        config.escrow.milestones[0].deadline += 1;
        let warnings = beyond_expiry(&config, start);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("escrow.milestones[0].deadline"));
    }

    #[test]
    fn the_shipped_example_warns_that_its_lock_up_outlives_the_programs() {
        let config: Config = toml::from_str(EXAMPLE).unwrap();
        let warnings = beyond_expiry(&config, config.offering.start);
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with("the last lock-up release")),
            "{warnings:?}"
        );
    }

    #[test]
    fn an_operator_who_is_the_deployer_still_unpauses() {
        // Agents are appointed after the unpause, so appointing the
        // deployer as operator comes after its temporary role is removed.
        let config: Config = toml::from_str(DEVNODE).unwrap();
        let token: Vec<(String, Vec<Value>)> = wiring(&config)
            .into_iter()
            .filter(|c| c.to == "@token")
            .map(|c| (c.function, c.args))
            .collect();
        let unpause = token.iter().position(|(f, _)| f == "unpause()").unwrap();
        let removed = token
            .iter()
            .position(|(f, a)| f == "removeAgent(address)" && a[0] == json!("@deployer"))
            .unwrap();
        let operator = token
            .iter()
            .position(|(f, a)| f == "addAgent(address)" && a[0] == json!(config.roles.operator))
            .unwrap();
        assert!(unpause < removed && removed < operator);
    }

    #[test]
    fn the_deployer_keeps_no_role_after_the_plan() {
        let config: Config = toml::from_str(EXAMPLE).unwrap();
        let deployer = json!("@deployer");
        let calls = wiring(&config);
        for to in DEPLOYMENT_ORDER.map(|name| format!("@{name}")) {
            let mut agent = false;
            for call in calls.iter().filter(|c| c.to == to) {
                match call.function.as_str() {
                    "addAgent(address)" if call.args[0] == deployer => agent = true,
                    "removeAgent(address)" if call.args[0] == deployer => agent = false,
                    _ => {}
                }
            }
            assert!(!agent, "the deployer stays an agent of {to}");
            let last = calls.iter().rfind(|c| c.to == to).unwrap();
            assert_eq!(last.function, "transferOwnership(address)");
            assert_eq!(last.args, [json!(config.roles.admin)]);
        }
    }

    #[test]
    fn terms_the_contracts_refuse_are_refused_offline() {
        let mut config: Config = toml::from_str(EXAMPLE).unwrap();
        config.escrow.milestones[0].share_bps += 1;
        assert!(validate(&config).is_err());
        let mut config: Config = toml::from_str(EXAMPLE).unwrap();
        config.offering.end = config.offering.start;
        assert!(validate(&config).is_err());
        let mut config: Config = toml::from_str(EXAMPLE).unwrap();
        config.token.decimals = 19;
        assert!(validate(&config).is_err());
        // Transfer limits as the compliance keeps them: a window of 1 to
        // 2^32 - 1 seconds, not repeated, a limit below 2^96.
        let config: Config = toml::from_str(EXAMPLE).unwrap();
        let example = config.compliance.transfer_limits;
        for (window, limit, refused) in [
            (0, U256::from(1), true),
            (u64::from(u32::MAX) + 1, U256::from(1), true),
            (u64::from(u32::MAX), U256::from(1), false),
            (example[0].window, U256::from(1), true),
            (1, U256::from(1) << 96, true),
            (1, (U256::from(1) << 96) - U256::from(1), false),
        ] {
            let mut config: Config = toml::from_str(EXAMPLE).unwrap();
            config.compliance.transfer_limits =
                vec![example[0].clone(), TransferLimit { window, limit }];
            let result = validate(&config);
            assert_eq!(result.is_err(), refused, "{window} {limit}: {result:?}");
        }
    }

    #[test]
    fn documents_are_published_as_the_contract_accepts_them() {
        let config: Config = toml::from_str(EXAMPLE).unwrap();
        let prospectus = &config.documents[0];
        // `bytes32("prospectus")`: the text, left-aligned.
        assert_eq!(&prospectus.name_word()[..10], b"prospectus");
        assert!(prospectus.name_word()[10..].iter().all(|&b| b == 0));
        let calls = wiring(&config);
        let publish = calls
            .iter()
            .find(|c| c.function == "setDocument(bytes32,string,bytes32)")
            .unwrap();
        assert_eq!(publish.key, "documents[0]");
        assert_eq!(publish.args[1], json!(prospectus.uri));

        for (change, key) in [
            (
                (|c: &mut Config| c.documents[0].name = "n".repeat(33)) as fn(&mut Config),
                "documents[0].name: 1 to 32 bytes",
            ),
            (
                |c| c.documents[0].name.clear(),
                "documents[0].name: 1 to 32 bytes",
            ),
            (
                |c| c.documents[0].uri.clear(),
                "documents[0].uri: 1 to 1024 bytes",
            ),
            (
                |c| c.documents[0].uri = "u".repeat(1025),
                "documents[0].uri: 1 to 1024 bytes",
            ),
            (
                |c| {
                    let again = DocumentConfig {
                        name: c.documents[0].name.clone(),
                        uri: "ipfs://again".into(),
                        hash: B256::ZERO,
                    };
                    c.documents.push(again);
                },
                "documents[1].name: \"prospectus\" is repeated",
            ),
        ] {
            assert_eq!(refusal(change), key);
        }
        // 32 bytes and 1,024 bytes are accepted.
        let mut config: Config = toml::from_str(EXAMPLE).unwrap();
        config.documents[0].name = "n".repeat(32);
        config.documents[0].uri = "u".repeat(1024);
        validate(&config).unwrap();
    }

    /// `validate`'s message for the example changed by `change`.
    fn refusal(change: impl FnOnce(&mut Config)) -> String {
        let mut config: Config = toml::from_str(EXAMPLE).unwrap();
        change(&mut config);
        format!("{:#}", validate(&config).unwrap_err())
    }

    #[test]
    fn offerings_that_could_not_work_are_refused_naming_the_key() {
        for (change, key) in [
            (
                (|c: &mut Config| c.offering.raise_cap = U256::ZERO) as fn(&mut Config),
                "offering.raise_cap: zero",
            ),
            (
                |c| c.escrow.soft_cap = c.offering.raise_cap + U256::from(1),
                "escrow.soft_cap",
            ),
            (
                |c| c.offering.min_investment = c.offering.cap_non_accredited + U256::from(1),
                "offering.cap_non_accredited",
            ),
            (
                |c| {
                    c.offering.min_investment = c.offering.cap_accredited + U256::from(1);
                    c.offering.cap_non_accredited = U256::ZERO;
                },
                "above both investor caps",
            ),
            (
                |c| c.identity.trusted_issuers[0].topics = vec![1],
                "offering.accreditation_topic",
            ),
            (
                |c| c.escrow.milestones[0].deadline = c.offering.end,
                "escrow.milestones[0].deadline",
            ),
            (
                |c| c.identity.claim_topics = vec![1, 1],
                "identity.claim_topics[1]",
            ),
            (
                |c| c.identity.trusted_issuers[0].topics = Vec::new(),
                "identity.trusted_issuers[0].topics",
            ),
        ] {
            let message = refusal(change);
            assert!(message.contains(key), "{key}: {message}");
        }
    }

    #[test]
    fn offerings_that_can_work_are_accepted() {
        let mut config: Config = toml::from_str(EXAMPLE).unwrap();
        // Accredited investors only: no non-accredited cap to reach.
        config.offering.cap_non_accredited = U256::ZERO;
        validate(&config).unwrap();
        // The soft cap may equal the raise cap; the first deadline may come
        // a second after the sale ends.
        let mut config: Config = toml::from_str(EXAMPLE).unwrap();
        config.escrow.soft_cap = config.offering.raise_cap;
        config.escrow.milestones[0].deadline = config.offering.end + 1;
        config.offering.min_investment = config.offering.cap_non_accredited;
        validate(&config).unwrap();
    }

    #[test]
    fn caps_beyond_the_whole_hard_caps_raise_are_refused_or_warned_about() {
        let config: Config = toml::from_str(EXAMPLE).unwrap();
        let raise = config.offering.raise_cap;
        // The example's raise cap is exactly what its hard cap raises.
        assert!(reachable_caps(&config, raise).unwrap().is_empty());
        let warnings = reachable_caps(&config, raise - U256::from(1)).unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("offering.raise_cap"));
        let soft = config.escrow.soft_cap;
        let err = reachable_caps(&config, soft - U256::from(1)).unwrap_err();
        assert!(err.to_string().starts_with("escrow.soft_cap"), "{err}");
        assert_eq!(reachable_caps(&config, soft).unwrap().len(), 1);
    }

    #[test]
    fn a_constructor_refusal_narrows_the_key_to_the_term() {
        for (key, error, blamed) in [
            (
                "offering",
                "the constructor reverted: OfferingInvalidTerms(\"slope\")",
                "offering.slope",
            ),
            (
                "offering",
                "the constructor reverted: OfferingInvalidTerms(\"window\")",
                "offering.start, offering.end",
            ),
            (
                "offering",
                "the constructor reverted: OfferingCurveOverflow()",
                "offering.base_price, offering.slope, offering.hard_cap",
            ),
            (
                "escrow",
                "the constructor reverted: EscrowInvalidTerms(\"deadlines\")",
                "escrow.milestones[].deadline",
            ),
            (
                "token",
                "the constructor reverted: TokenInvalidText(65)",
                "token.name, token.symbol",
            ),
            (
                "offering",
                "the constructor reverted: OfferingInvalidTerms(\"new\")",
                "offering",
            ),
            (
                "identity.claim_topics[1]",
                "IdentityRegistryClaimTopicAlreadyRequired(1)",
                "identity.claim_topics[1]",
            ),
        ] {
            assert_eq!(blame(key, error), blamed, "{error}");
        }
    }

    #[test]
    fn wiring_calls_name_the_toml_keys_they_come_from() {
        let config: Config = toml::from_str(EXAMPLE).unwrap();
        let calls = wiring(&config);
        let key = |function: &str| {
            calls
                .iter()
                .find(|c| c.function == function)
                .map(|c| c.key.as_str())
                .unwrap()
        };
        assert_eq!(key("addClaimTopic(uint256)"), "identity.claim_topics[0]");
        assert_eq!(
            key("addTrustedIssuer(address,uint256[])"),
            "identity.trusted_issuers[0]"
        );
        assert_eq!(
            key("setTransferLimits(uint64[],uint256[])"),
            "compliance.transfer_limits"
        );
        assert_eq!(key("setSupplyCap(bool,uint256)"), "compliance.supply_cap");
        assert_eq!(key("unpause()"), "token.unpause");
        assert_eq!(key("transferOwnership(address)"), "roles.admin");
        // The US is allowed and capped: both keys.
        let us = calls
            .iter()
            .find(|c| c.function.starts_with("setCountry(") && c.args[0] == json!(840))
            .unwrap();
        assert_eq!(
            us.key,
            "compliance.allowed_countries[4], compliance.country_max_holders[0]"
        );
    }

    #[test]
    fn a_step_fingerprint_changes_with_what_it_sends_only() {
        let config: Config = toml::from_str(EXAMPLE).unwrap();
        let plan = |config: &Config| Plan {
            chain_id: config.chain_id,
            full_programs: Vec::new(),
            contracts: Vec::new(),
            calls: wiring(config),
        };
        let before = plan(&config).steps();
        let mut changed: Config = toml::from_str(EXAMPLE).unwrap();
        changed.compliance.supply_cap = Some(U256::from(1));
        let after = plan(&changed).steps();
        assert_eq!(before.len(), after.len());
        for (old, new) in before.iter().zip(&after) {
            let same = old.label != "compliance.setSupplyCap(bool,uint256): supply cap";
            assert_eq!(old.fingerprint == new.fingerprint, same, "{}", old.label);
        }
    }

    #[test]
    fn every_wiring_call_targets_a_function_the_contract_exports() {
        let config: Config = toml::from_str(EXAMPLE).unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        for call in wiring(&config) {
            let name = call.target();
            let abi: alloy_json_abi::JsonAbi = serde_json::from_str(
                &fs::read_to_string(root.join(name).join("abi").join(format!("{name}.json")))
                    .unwrap(),
            )
            .unwrap();
            let found = abi.functions().any(|f| f.signature() == call.function);
            assert!(found, "{} has no {}", name, call.function);
        }
    }
}
