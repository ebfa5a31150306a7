//! `suite deploy` executes the example plan on the test node, end to end;
//! then the suite works at the deployed addresses.
use std::{fs, path::PathBuf, time::Duration};

use alloy_dyn_abi::DynSolValue;
use alloy_primitives::{address, keccak256, Address, U256};

use super::*;
use crate::{deploy, plan, scenario::*, sim::Sim};

/// The development key (private key 1), and its account.
pub const KEY: &str = "0000000000000000000000000000000000000000000000000000000000000001";
pub const KEY_ACCOUNT: Address = address!("7E5F4552091A69125d5DfCb7b8C2659029395Bdf");

/// `config`'s plan written into a fresh folder of `test`'s with the
/// development key: the folder, the plan's path, the plan, the key's path.
pub fn planned(config: &plan::Config, test: &str) -> (PathBuf, PathBuf, plan::Plan, PathBuf) {
    let root = crate::workspace_root();
    let dir = std::env::temp_dir().join(format!("suite-node-{test}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let plan_path = dir.join("plan.json");
    let plan = plan::plan(config, &root).unwrap();
    fs::write(&plan_path, serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    let key = dir.join("key");
    fs::write(&key, KEY).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&key, fs::Permissions::from_mode(0o600)).unwrap();
    }
    (dir, plan_path, plan, key)
}

/// `suite deploy`'s options against `node` with the key at `key`, sent
/// without asking.
pub fn options(node: &Node, key: PathBuf) -> deploy::Options {
    deploy::Options {
        rpc: node.url.clone(),
        key: crate::signer::KeySource::File(key),
        resume: false,
        data_fee_bump_percent: 0,
        timeout: Duration::from_secs(30),
        stylus_deployer: crate::encode::STYLUS_DEPLOYER,
        yes: true,
        simulate: true,
    }
}

#[test]
fn suite_deploy_executes_the_example_plan_on_the_test_node() {
    let root = crate::workspace_root();
    let config = plan::parse_config(&root.join("deploy/example.toml")).unwrap();
    let start = config.offering.start - 86_400;
    let funded = [(KEY_ACCOUNT, U256::from(10).pow(U256::from(20)))];
    let node = Node::start(&root, config.chain_id, start, &funded, 0).unwrap();

    let (dir, plan_path, plan, key) = planned(&config, "example");
    let record = deploy::run(&plan_path, &root, &options(&node, key)).unwrap();
    // The contracts, and the full program each hot one delegates to.
    assert_eq!(
        record.contracts.len(),
        crate::CONTRACTS.len() + crate::HOT.len()
    );
    for (name, full) in plan
        .full_programs
        .iter()
        .map(|full| (full.key(), full.address))
    {
        assert_eq!(record.contracts.get(&name), Some(&full));
    }
    assert_eq!(
        record.done.len(),
        plan.full_programs.len() + plan.contracts.len() + plan.calls.len()
    );

    // `suite verify`: every program is the local build, the wiring the
    // plan's; with two contracts swapped in the book, both differ.
    let report = crate::verify::run(&dir, &root, &node.url).unwrap();
    assert_eq!(
        report.programs.len(),
        crate::CONTRACTS.len() + crate::HOT.len()
    );
    assert!(report.programs.iter().all(crate::verify::Program::matches));
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let owner = report
        .state
        .iter()
        .find(|(what, _)| what == "token.pendingOwner()")
        .unwrap();
    assert_eq!(owner.1, config.roles.admin.to_string());
    let book_path = dir.join("addresses.json");
    let mut book = crate::book::AddressBook::read(&book_path).unwrap();
    let (token, escrow) = (book.addresses["token"], book.addresses["escrow"]);
    book.addresses.insert("token".into(), escrow);
    book.addresses.insert("escrow".into(), token);
    book.write(&book_path).unwrap();
    let report = crate::verify::run(&dir, &root, &node.url).unwrap();
    let differ: Vec<&str> = report
        .programs
        .iter()
        .filter(|program| !program.matches())
        .map(|program| program.name.as_str())
        .collect();
    assert_eq!(differ, ["escrow", "token"]);
    assert!(!report.problems.is_empty());
    book.addresses.insert("token".into(), token);
    book.addresses.insert("escrow".into(), escrow);
    book.write(&book_path).unwrap();

    // Activated, and the suite works at the deployed addresses: the admin
    // takes the contracts over, the operator onboards an investor, who
    // buys.
    let (engine, world) = node.world();
    for (name, address) in &record.contracts {
        let codehash = keccak256(world.code_of(*address));
        assert!(world.activated.contains_key(&codehash), "{name}");
    }
    let mut sim = Sim::attach(&root, (engine, world), &record.contracts, KEY_ACCOUNT).unwrap();
    for name in crate::CONTRACTS {
        sim.send(config.roles.admin, name, "acceptOwnership", &[], U256::ZERO)
            .unwrap();
        let owner = sim.view(name, "owner", &[]).unwrap();
        assert_eq!(owner, [DynSolValue::Address(config.roles.admin)]);
    }
    let issuer = config.identity.trusted_issuers[0].address;
    let op = config.roles.operator;
    register(&mut sim, op, ALICE, ALICE_ID, 250).unwrap();
    sim.world.timestamp = config.offering.start + 86_400;
    let claim = claim_args(&sim, ALICE_ID, 1);
    sim.send(issuer, "identity-registry", "addClaim", &claim, U256::ZERO)
        .unwrap();
    sim.world.balances.insert(ALICE, tokens(1));
    buy(&mut sim, ALICE, eth_milli(100)).unwrap();
    let balance = sim.view("token", "balanceOf", &[addr(ALICE)]).unwrap();
    assert!(matches!(balance[0], DynSolValue::Uint(bought, _) if bought > U256::ZERO));
    let _ = fs::remove_dir_all(&dir);
}

/// `suite deploy` of `config`'s plan on a fresh test node where the key's
/// account holds `funds`: the error, and how many transactions the
/// account sent.
fn deploy_refusal(config: &plan::Config, funds: U256, test: &str) -> (String, u64) {
    let root = crate::workspace_root();
    let funded = [(KEY_ACCOUNT, funds)];
    let node = Node::start(&root, config.chain_id, config.offering.start, &funded, 0).unwrap();
    let (dir, plan_path, _, key) = planned(config, test);
    let err = format!(
        "{:#}",
        deploy::run(&plan_path, &root, &options(&node, key)).unwrap_err()
    );
    let _ = fs::remove_dir_all(&dir);
    (err, node.world().1.nonce(KEY_ACCOUNT))
}

#[test]
fn suite_deploy_refuses_a_plan_the_contracts_refuse_before_sending_anything() {
    let root = crate::workspace_root();
    // Past the offline checks (as a term they missed would be).
    let mut config = plan::parse_config(&root.join("deploy/example.toml")).unwrap();
    config.identity.claim_topics = vec![1, 1];
    let (err, sent) = deploy_refusal(&config, U256::from(10).pow(U256::from(20)), "refused");
    assert!(
        err.contains("refusing to deploy, nothing sent: the plan fails on the Stylus test runtime"),
        "{err}"
    );
    assert!(
        err.contains(
            "(identity.claim_topics[1]) would revert: IdentityRegistryClaimTopicAlreadyRequired(1)"
        ),
        "{err}"
    );
    assert_eq!(sent, 0);
}

#[test]
fn suite_deploy_refuses_a_deployer_that_cannot_pay_before_sending_anything() {
    let root = crate::workspace_root();
    let config = plan::parse_config(&root.join("deploy/example.toml")).unwrap();
    let (err, sent) = deploy_refusal(&config, U256::from(10).pow(U256::from(15)), "poor");
    assert!(
        err.contains("refusing to deploy, nothing sent: the deployer"),
        "{err}"
    );
    assert!(
        err.contains("holds 0.001000000000000000 ETH, the plan needs about"),
        "{err}"
    );
    // Each step's simulated gas is listed.
    assert!(
        err.contains("[1/48] deploy and activate the full program of identity-registry: "),
        "{err}"
    );
    assert_eq!(sent, 0);
}

#[test]
fn a_safe_deploys_the_example_plan_from_the_batches_written_for_it() {
    const SAFE: Address = address!("5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe");
    let root = crate::workspace_root();
    let config = plan::parse_config(&root.join("deploy/example.toml")).unwrap();
    let node = Node::start(&root, config.chain_id, config.offering.start, &[], 0).unwrap();
    let (dir, plan_path, plan, _) = planned(&config, "safe");

    let files = crate::multisig::write(
        &plan_path,
        &root,
        &node.url,
        SAFE,
        alloy_primitives::B256::ZERO,
        20,
    )
    .unwrap();
    let batches: Vec<&std::path::PathBuf> = files
        .iter()
        .filter(|f| f.to_string_lossy().contains("deploy-"))
        .collect();
    assert!(
        batches.len() >= 2,
        "39M gas cannot be one transaction: {files:?}"
    );
    let book = crate::book::AddressBook::read(&dir.join("addresses.json")).unwrap();
    assert_eq!(book.chain_id, Some(config.chain_id));

    // The Safe executes every batch in order: each call succeeds, each
    // contract lands at its predicted address.
    let (engine, world) = node.world();
    let mut sim = Sim::attach(&root, (engine, world), &book.addresses, SAFE).unwrap();
    sim.world.balances.insert(SAFE, tokens(1_000));
    let mut sent = 0;
    for batch in &batches {
        let json: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(batch).unwrap()).unwrap();
        assert_eq!(json["meta"]["createdFromSafeAddress"], SAFE.to_string());
        for transaction in json["transactions"].as_array().unwrap() {
            let to: Address = transaction["to"].as_str().unwrap().parse().unwrap();
            let value: U256 = transaction["value"].as_str().unwrap().parse().unwrap();
            let data =
                alloy_primitives::hex::decode(transaction["data"].as_str().unwrap()).unwrap();
            sim.raw(SAFE, to, data, value).unwrap();
            sent += 1;
        }
    }
    assert_eq!(sent, plan.steps().len());
    for (name, address) in &book.addresses {
        if name != "deployer" {
            assert!(
                !sim.world.code_of(*address).is_empty(),
                "{name} at {address}"
            );
        }
    }
    let bound = sim.view("compliance", "getTokenBound", &[]).unwrap();
    assert_eq!(bound, [DynSolValue::Address(book.addresses["token"])]);
    let pending = sim.view("token", "pendingOwner", &[]).unwrap();
    assert_eq!(pending, [DynSolValue::Address(config.roles.admin)]);

    // Another salt deploys the same plan at other addresses.
    let other = crate::multisig::contract_salt(alloy_primitives::B256::ZERO, "token");
    assert_ne!(
        other,
        crate::multisig::contract_salt(alloy_primitives::B256::repeat_byte(1), "token")
    );
    let _ = fs::remove_dir_all(&dir);
}
