//! Tests of the plan: its TOML, its checks, its steps and wiring.
use super::{
    checks::{beyond_expiry, stale_dates, validate, PROGRAM_EXPIRY_SECONDS},
    *,
};

const EXAMPLE: &str = include_str!("../../../deploy/example.toml");
const DEVNODE: &str = include_str!("../../../deploy/devnode.toml");

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
    let handover = &calls[calls.len() - crate::CONTRACTS.len()..];
    assert!(handover
        .iter()
        .all(|c| c.function == "transferOwnership(address)"));
}

/// The calls of `calls` to `function`, by their arguments.
fn args_of<'a>(calls: &'a [Call], function: &str) -> Vec<&'a Vec<Value>> {
    calls
        .iter()
        .filter(|c| c.function == function)
        .map(|c| &c.args)
        .collect()
}

#[test]
fn the_compliance_rules_are_wired_as_the_toml_writes_them() {
    let mut config: Config = toml::from_str(EXAMPLE).unwrap();
    // The example's amounts, read from their decimal strings.
    let cap = U256::from(10_000_000u64) * U256::from(10u64).pow(U256::from(18));
    assert_eq!(config.compliance.supply_cap, Some(cap));
    assert_eq!(config.compliance.max_balance, Some(cap / U256::from(10)));
    let calls = wiring(&config);
    assert_eq!(
        args_of(&calls, "setSupplyCap(bool,uint256)"),
        [&vec![json!(true), json!(cap.to_string())]]
    );
    // Each listed country once: the allow-list, and its holder cap where
    // the TOML caps it (840 at 2,000).
    let countries = args_of(&calls, "setCountry(uint16,bool,bool,bool,uint32)");
    assert_eq!(countries.len(), 5);
    for args in countries {
        let capped = args[0] == json!(840);
        assert_eq!(args[1], json!(true), "{args:?}");
        assert_eq!(args[2], json!(false), "{args:?}");
        assert_eq!(args[3], json!(capped), "{args:?}");
        assert_eq!(args[4], json!(if capped { 2_000 } else { 0 }), "{args:?}");
    }
    assert_eq!(
        args_of(&calls, "setCountryListsEnabled(bool,bool)"),
        [&vec![json!(true), json!(false)]]
    );
    assert_eq!(
        args_of(&calls, "setLockUpPeriod(uint64)"),
        [&vec![json!(31_536_000)]]
    );

    // A block-list alone switches that list on; no list, no switch; no
    // lock-up, no call; a one-second lock-up is one.
    config.compliance.allowed_countries.clear();
    config.compliance.country_max_holders.clear();
    config.compliance.blocked_countries = vec![408];
    config.compliance.lock_up_period = 0;
    let calls = wiring(&config);
    assert_eq!(
        args_of(&calls, "setCountryListsEnabled(bool,bool)"),
        [&vec![json!(false), json!(true)]]
    );
    let blocked: Vec<&Call> = calls
        .iter()
        .filter(|c| c.function.starts_with("setCountry("))
        .collect();
    assert_eq!(blocked.len(), 1);
    assert_eq!(blocked[0].key, "compliance.blocked_countries[0]");
    assert!(args_of(&calls, "setLockUpPeriod(uint64)").is_empty());
    config.compliance.blocked_countries.clear();
    config.compliance.lock_up_period = 1;
    let calls = wiring(&config);
    assert!(args_of(&calls, "setCountryListsEnabled(bool,bool)").is_empty());
    assert!(args_of(&calls, "setCountry(uint16,bool,bool,bool,uint32)").is_empty());
    assert_eq!(
        args_of(&calls, "setLockUpPeriod(uint64)"),
        [&vec![json!(1)]]
    );
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

    // Without a lock-up, a late end is named once, as the end.
    config.escrow.milestones[0].deadline = start + 60 * 86_400;
    config.offering.end = start + PROGRAM_EXPIRY_SECONDS + 1;
    let warnings = beyond_expiry(&config, start);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].starts_with("offering.end"));
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
            &fs::read_to_string(root.join(name).join("abi").join(format!("{name}.json"))).unwrap(),
        )
        .unwrap();
        let found = abi.functions().any(|f| f.signature() == call.function);
        assert!(found, "{} has no {}", name, call.function);
    }
}
