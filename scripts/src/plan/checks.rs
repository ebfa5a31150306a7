//! What `suite plan` checks of an offering before planning it: the terms
//! the contracts would refuse, offerings that could not work, and dates
//! past the programs' expiry or already gone.
use alloy_primitives::U256;
use anyhow::{ensure, Result};

use super::Config;

/// How long a Stylus program lives after its activation (or its last
/// keepalive) unless kept alive: ArbWasm's `expiryDays()`, 365 on Arbitrum
/// One and Sepolia today.
pub const PROGRAM_EXPIRY_SECONDS: u64 = 365 * 86_400;

/// Dates of `config` beyond the programs' expiry when activated at `now`:
/// an expired program refuses every call (`balanceOf` included), so the
/// offering's end, each milestone deadline and the release of the last
/// lock-up must come while the programs live, or the deployment must be
/// kept alive (`suite keepalive`).
pub(super) fn beyond_expiry(config: &Config, now: u64) -> Vec<String> {
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
pub(super) fn stale_dates(config: &Config, now: u64) -> Vec<String> {
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
pub(super) fn validate(config: &Config) -> Result<()> {
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
