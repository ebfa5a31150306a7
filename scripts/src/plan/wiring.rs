//! The wiring calls of a plan: bindings, roles, rules, documents and the
//! handover, in order, each naming the TOML key it comes from.
use serde_json::{json, Value};

use super::{at, uint, Call, Config, DEPLOYMENT_ORDER};

/// The wiring calls, in order.
pub(super) fn wiring(config: &Config) -> Vec<Call> {
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
