//! The executor against a fake node ([`node`]): what it signs and sends,
//! in which order, with which values; what it records; when it refuses.
pub(crate) mod node;

use std::{fs, path::PathBuf, time::Duration};

use alloy_primitives::{address, Address, B256, U256};
use alloy_sol_types::{sol, SolCall, SolError};
use serde_json::json;

use super::*;
use crate::{
    plan::{Call, Deployment, Plan},
    wasm,
};
use node::Node;

sol! {
    function deploy(bytes bytecode, bytes initData, uint256 initValue, bytes32 salt);
    function addAgent(address agent);
    function bindToken(address token);
    function addCompliance(address compliance);
    function setMaxBalance(bool on, uint256 max);
    function transferOwnership(address newOwner);
    function complianceConstructor(address admin, address registry);
    error OwnableUnauthorizedAccount(address account);
}

/// The private key 1, and its well-known address.
const KEY: &str = "0000000000000000000000000000000000000000000000000000000000000001";
const DEPLOYER: Address = address!("7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
const ADMIN: Address = address!("1111111111111111111111111111111111111111");
pub(crate) const CHAIN: u64 = 412_346;

/// A folder of its own for a test: the plan, its wasm, the key.
pub(crate) struct Scratch {
    pub(crate) dir: PathBuf,
    plan: PathBuf,
    pub(crate) key: PathBuf,
}

impl Scratch {
    /// Writes a three-contract plan with two wiring calls and a handover.
    pub(crate) fn new(test: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("suite-deploy-{test}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let deployment = |name: &str, constructor: &str, args: Vec<serde_json::Value>| {
            // Distinct bytes per contract: distinct code hashes.
            let wasm = format!("\0asm fake {name}").into_bytes();
            let path = dir.join(format!("{name}.wasm"));
            fs::write(&path, &wasm).unwrap();
            Deployment {
                name: name.into(),
                wasm: path.to_string_lossy().into_owned(),
                wasm_bytes: wasm.len(),
                wasm_keccak256: keccak256(&wasm),
                constructor: constructor.into(),
                args,
                key: String::new(),
            }
        };
        let call = |to: &str, function: &str, args: Vec<serde_json::Value>| Call {
            to: to.into(),
            function: function.into(),
            args,
            purpose: "test".into(),
            key: String::new(),
        };
        let plan = Plan {
            full_programs: Vec::new(),
            chain_id: CHAIN,
            contracts: vec![
                deployment(
                    "identity-registry",
                    "constructor(address)",
                    vec![json!("@deployer")],
                ),
                deployment(
                    "compliance",
                    "constructor(address,address)",
                    vec![json!("@deployer"), json!("@identity-registry")],
                ),
                deployment("token", "constructor(address)", vec![json!("@deployer")]),
            ],
            calls: vec![
                call("@compliance", "bindToken(address)", vec![json!("@token")]),
                call(
                    "@identity-registry",
                    "addCompliance(address)",
                    vec![json!("@compliance")],
                ),
                call(
                    "@identity-registry",
                    "addAgent(address)",
                    vec![json!("@token")],
                ),
                call(
                    "@compliance",
                    "setMaxBalance(bool,uint256)",
                    vec![json!(true), json!("1000")],
                ),
                call("@token", "transferOwnership(address)", vec![json!(ADMIN)]),
            ],
        };
        let plan_path = dir.join("plan.json");
        fs::write(&plan_path, serde_json::to_string_pretty(&plan).unwrap()).unwrap();
        let key = dir.join("key");
        fs::write(&key, format!("0x{KEY}\n")).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&key, fs::Permissions::from_mode(0o600)).unwrap();
        }
        Self {
            dir,
            plan: plan_path,
            key,
        }
    }

    fn options(&self, node: &Node, resume: bool) -> Options {
        Options {
            rpc: node.url.clone(),
            key: crate::signer::KeySource::File(self.key.clone()),
            resume,
            data_fee_bump_percent: 20,
            timeout: Duration::from_millis(500),
            stylus_deployer: STYLUS_DEPLOYER,
            yes: true,
            // The fake node's plans carry no real wasm (the simulation's
            // own tests are in `scenario::tests` and `node::tests`).
            simulate: false,
        }
    }

    pub(crate) fn run(&self, node: &Node, resume: bool) -> Result<Record> {
        run(&self.plan, &root(), &self.options(node, resume))
    }

    pub(crate) fn addresses(&self) -> BTreeMap<String, Address> {
        let book = crate::book::AddressBook::read(&self.dir.join("addresses.json")).unwrap();
        assert_eq!(book.chain_id, Some(CHAIN), "the book names its chain");
        book.addresses
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// The workspace root: where the contracts' ABIs are.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .into()
}

#[test]
fn deploy_runs_every_step_in_order_and_records_the_addresses() {
    let scratch = Scratch::new("order");
    let node = Node::start(CHAIN);
    let record = scratch.run(&node, false).unwrap();

    let sent = node.sent();
    assert_eq!(sent.len(), 8, "three deployments, five calls");
    for (nonce, transaction) in sent.iter().enumerate() {
        assert_eq!(transaction.from, DEPLOYER, "signed by the key");
        assert_eq!(transaction.chain_id, Some(CHAIN));
        assert_eq!(transaction.nonce, nonce as u64);
    }
    // Deployments: to the StylusDeployer, the data fee plus 20 %, the
    // constructor with its placeholders resolved.
    let registry = record.contracts["identity-registry"];
    let compliance = record.contracts["compliance"];
    let token = record.contracts["token"];
    for transaction in &sent[..3] {
        assert_eq!(transaction.to, STYLUS_DEPLOYER);
        assert_eq!(transaction.value, U256::from(1_200_000));
    }
    let deploy = deployCall::abi_decode(&sent[1].input, true).unwrap();
    let wasm = fs::read(scratch.dir.join("compliance.wasm")).unwrap();
    assert_eq!(
        deploy.bytecode.to_vec(),
        encode::initcode(&wasm::compress(&wasm))
    );
    assert_eq!(deploy.initValue, U256::ZERO);
    assert_eq!(deploy.salt, B256::ZERO);
    let constructor =
        complianceConstructorCall::abi_decode_raw(&deploy.initData[4..], true).unwrap();
    assert_eq!(
        &deploy.initData[..4],
        &encode::selector("stylus_constructor()")
    );
    assert_eq!(
        (constructor.admin, constructor.registry),
        (DEPLOYER, registry)
    );
    // Wiring calls: to the deployed addresses, no value.
    assert_eq!(
        (sent[3].to, sent[4].to, sent[5].to, sent[6].to, sent[7].to),
        (compliance, registry, registry, compliance, token)
    );
    assert!(sent[3..].iter().all(|t| t.value.is_zero()));
    assert_eq!(sent[3].input, bindTokenCall { token }.abi_encode());
    assert_eq!(sent[4].input, addComplianceCall { compliance }.abi_encode());
    assert_eq!(sent[5].input, addAgentCall { agent: token }.abi_encode());
    assert_eq!(
        sent[6].input,
        setMaxBalanceCall {
            on: true,
            max: U256::from(1000)
        }
        .abi_encode()
    );
    assert_eq!(
        sent[7].input,
        transferOwnershipCall { newOwner: ADMIN }.abi_encode()
    );

    // The record and the addresses file.
    assert_eq!(record.done.len(), 8);
    assert_eq!(record.in_flight, None);
    assert_eq!(
        record.done.iter().map(|d| d.hash).collect::<Vec<_>>(),
        sent.iter().map(|t| t.hash).collect::<Vec<_>>()
    );
    let addresses = scratch.addresses();
    assert_eq!(addresses["deployer"], DEPLOYER);
    assert_eq!(addresses["token"], token);
    assert_eq!(addresses.len(), 4);
    assert_ne!(registry, compliance);
}

#[test]
fn the_example_offering_deploys_and_wires_end_to_end() {
    let scratch = Scratch::new("example");
    // The example's plan, with stand-in wasm under the scratch folder.
    let contracts = scratch.dir.join("target/contracts");
    fs::create_dir_all(&contracts).unwrap();
    for name in crate::plan::DEPLOYMENT_ORDER {
        fs::write(
            contracts.join(format!("{name}.wasm")),
            format!("\0asm {name}"),
        )
        .unwrap();
    }
    // A hot program names its full program's address.
    for name in crate::HOT {
        let full = fs::read(contracts.join(format!("{name}.wasm"))).unwrap();
        let address = crate::encode::full_program_address(&crate::wasm::compress(&full));
        let mut hot = format!("\0asm {name} hot ").into_bytes();
        hot.extend_from_slice(address.as_slice());
        fs::write(contracts.join(format!("{name}.hot.wasm")), hot).unwrap();
    }
    let mut config = crate::plan::read_config(&root().join("deploy/example.toml")).unwrap();
    config.chain_id = CHAIN;
    let plan = crate::plan::plan(&config, &scratch.dir).unwrap();
    let order: Vec<&str> = plan.contracts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(order, crate::plan::DEPLOYMENT_ORDER);
    fs::write(&scratch.plan, serde_json::to_string(&plan).unwrap()).unwrap();
    let node = Node::start(CHAIN);
    let record = run(&scratch.plan, &scratch.dir, &scratch.options(&node, false)).unwrap();

    let sent = node.sent();
    let full = plan.full_programs.len();
    assert_eq!(full, crate::HOT.len());
    assert_eq!(sent.len(), full + plan.contracts.len() + plan.calls.len());
    assert_eq!(record.contracts.len(), crate::CONTRACTS.len() + full);
    // Each full program first, at the address its hot program names.
    for (n, program) in plan.full_programs.iter().enumerate() {
        let deploy = deployCall::abi_decode(&sent[n].input, true).unwrap();
        assert!(deploy.initData.is_empty());
        assert_eq!(record.contracts[&program.key()], program.address);
    }
    let sent = &sent[full..];
    // The token's constructor carries the example's terms.
    sol! {
        function tokenConstructor(address admin, string name, string symbol, uint8 decimals, address registry, address compliance, address onchainId);
    }
    let deploy = deployCall::abi_decode(&sent[2].input, true).unwrap();
    let token = tokenConstructorCall::abi_decode_raw(&deploy.initData[4..], true).unwrap();
    assert_eq!(token.name, config.token.name);
    assert_eq!(token.registry, record.contracts["identity-registry"]);
    assert_eq!(token.compliance, record.contracts["compliance"]);
    // Each call goes to its contract, with a selector that contract exports.
    for (call, transaction) in plan.calls.iter().zip(&sent[plan.contracts.len()..]) {
        let name = call.target();
        assert_eq!(transaction.to, record.contracts[name], "{}", call.function);
        let abi: JsonAbi = serde_json::from_str(
            &fs::read_to_string(root().join(name).join("abi").join(format!("{name}.json")))
                .unwrap(),
        )
        .unwrap();
        assert!(
            abi.functions()
                .any(|f| f.selector().as_slice() == &transaction.input[..4]),
            "{name} has no {}",
            call.function
        );
    }
    let handover = &sent[sent.len() - 5..];
    assert!(handover.iter().all(|t| t.input
        == transferOwnershipCall {
            newOwner: config.roles.admin
        }
        .abi_encode()));

    // A second offering on the chain finds the full programs there: no
    // transaction for them, the same addresses recorded.
    let second = scratch.dir.join("second");
    fs::create_dir_all(&second).unwrap();
    let second_plan = second.join("plan.json");
    fs::copy(&scratch.plan, &second_plan).unwrap();
    let before = node.sent().len();
    let again = run(&second_plan, &scratch.dir, &scratch.options(&node, false)).unwrap();
    assert_eq!(
        node.sent().len() - before,
        plan.contracts.len() + plan.calls.len()
    );
    for (n, program) in plan.full_programs.iter().enumerate() {
        assert_eq!(again.done[n].hash, B256::ZERO);
        assert!(again.done[n].step.ends_with("(already on the chain)"));
        assert_eq!(again.contracts[&program.key()], program.address);
    }
    assert_ne!(again.contracts["token"], record.contracts["token"]);
}

#[test]
fn deploy_refuses_a_node_of_another_chain_before_sending_anything() {
    let scratch = Scratch::new("chain");
    let node = Node::start(421_614);
    let err = scratch.run(&node, false).unwrap_err().to_string();
    assert!(
        err.contains("is chain 421614, the plan is for chain 412346"),
        "{err}"
    );
    assert!(node.sent().is_empty());
    assert!(!scratch.dir.join("deployment.json").exists());
}

#[test]
fn deploy_errors_never_quote_the_endpoint_path() {
    let scratch = Scratch::new("secret-url");
    let mut options = scratch.options(&Node::start(CHAIN), false);
    // Nothing listens on port 9: the transport error names the URL.
    options.rpc = "http://127.0.0.1:9/v2/SECRET-API-KEY".into();
    let err = run(&scratch.plan, &root(), &options).unwrap_err();
    let text = format!("{err:#}");
    assert!(!text.contains("SECRET"), "{text}");
    assert!(text.contains("http://127.0.0.1:9/..."), "{text}");
}

#[test]
fn deploy_refuses_a_chain_without_the_stylus_deployer() {
    let scratch = Scratch::new("no-deployer");
    let node = Node::start(CHAIN);
    node.state.lock().unwrap().has_deployer = false;
    let err = scratch.run(&node, false).unwrap_err().to_string();
    assert!(err.contains("no StylusDeployer"), "{err}");
    assert!(node.sent().is_empty());
}

#[test]
fn deploy_goes_through_the_stylus_deployer_the_options_name() {
    let scratch = Scratch::new("own-deployer");
    let node = Node::start(CHAIN);
    let elsewhere = address!("00000000000000000000000000000000000000d0");
    node.state.lock().unwrap().deployer = elsewhere;
    let mut options = scratch.options(&node, false);
    let err = run(&scratch.plan, &root(), &options)
        .unwrap_err()
        .to_string();
    assert!(err.contains("--stylus-deployer"), "{err}");
    options.stylus_deployer = elsewhere;
    let record = run(&scratch.plan, &root(), &options).unwrap();
    assert!(node.sent()[..3].iter().all(|t| t.to == elsewhere));
    assert_eq!(record.contracts.len(), 3);
}

#[test]
fn deploy_refuses_wasm_that_changed_since_the_plan() {
    let scratch = Scratch::new("changed");
    fs::write(scratch.dir.join("token.wasm"), b"\0asm rebuilt").unwrap();
    let node = Node::start(CHAIN);
    let err = scratch.run(&node, false).unwrap_err().to_string();
    assert!(
        err.contains("differs from the planned wasm of token"),
        "{err}"
    );
    assert!(node.sent().is_empty());
}

#[test]
fn deploy_pays_no_data_fee_for_code_already_active() {
    let scratch = Scratch::new("active");
    let node = Node::start(CHAIN);
    let wasm = fs::read(scratch.dir.join("compliance.wasm")).unwrap();
    let codehash = keccak256(encode::program_code(&wasm::compress(&wasm)));
    node.state.lock().unwrap().active.insert(codehash);
    scratch.run(&node, false).unwrap();
    let values: Vec<U256> = node.sent()[..3].iter().map(|t| t.value).collect();
    assert_eq!(
        values,
        [U256::from(1_200_000), U256::ZERO, U256::from(1_200_000)]
    );
}

#[test]
fn deploy_stops_at_a_step_that_would_revert_naming_the_error_then_resumes() {
    let scratch = Scratch::new("revert");
    let node = Node::start(CHAIN);
    let refusal = OwnableUnauthorizedAccount { account: DEPLOYER }.abi_encode();
    node.state.lock().unwrap().revert = Some((setMaxBalanceCall::SELECTOR, refusal.into()));

    let err = scratch.run(&node, false).unwrap_err().to_string();
    assert!(
        err.contains(&format!(
            "[7/8] compliance.setMaxBalance(bool,uint256): test would revert: \
             OwnableUnauthorizedAccount({DEPLOYER})"
        )),
        "{err}"
    );
    assert_eq!(node.sent().len(), 6, "nothing sent for the failing step");
    let addresses = scratch.addresses();
    assert_eq!(addresses.len(), 4, "every deployed address is recorded");

    // A second run without --resume does not deploy again.
    let err = scratch.run(&node, false).unwrap_err().to_string();
    assert!(err.contains("pass --resume"), "{err}");
    assert_eq!(node.sent().len(), 6);

    // Resumed once the cause is gone: the remaining two steps only.
    node.state.lock().unwrap().revert = None;
    let record = scratch.run(&node, true).unwrap();
    let sent = node.sent();
    assert_eq!(sent.len(), 8);
    assert_eq!(sent[6].to, addresses["compliance"]);
    assert_eq!(record.done.len(), 8);
    assert_eq!(scratch.addresses(), addresses);
}

#[test]
fn deploy_resumes_a_transaction_left_in_flight_without_sending_it_again() {
    let scratch = Scratch::new("in-flight");
    let node = Node::start(CHAIN);
    node.state.lock().unwrap().withhold_receipts = true;
    let err = format!("{:#}", scratch.run(&node, false).unwrap_err());
    assert!(err.contains("no receipt"), "{err}");
    let first = node.sent()[0].hash;

    // Still unmined: resuming waits rather than sending twice.
    let err = scratch.run(&node, true).unwrap_err().to_string();
    assert!(err.contains("not mined yet"), "{err}");
    assert_eq!(node.sent().len(), 1);

    node.state.lock().unwrap().withhold_receipts = false;
    let record = scratch.run(&node, true).unwrap();
    assert_eq!(record.done[0].hash, first);
    assert_eq!(
        node.sent().len(),
        8,
        "the first deployment was not repeated"
    );
}

#[test]
fn deploy_resumes_a_corrected_plan_whose_done_steps_are_unchanged() {
    let scratch = Scratch::new("corrected");
    let node = Node::start(CHAIN);
    let refusal = OwnableUnauthorizedAccount { account: DEPLOYER }.abi_encode();
    node.state.lock().unwrap().revert = Some((setMaxBalanceCall::SELECTOR, refusal.into()));
    assert!(scratch.run(&node, false).is_err());
    assert_eq!(node.sent().len(), 6);
    node.state.lock().unwrap().revert = None;

    // The failing step corrected: the run goes on from it.
    let mut plan: Plan = serde_json::from_str(&fs::read_to_string(&scratch.plan).unwrap()).unwrap();
    plan.calls[3].args = vec![json!(true), json!("2000")];
    fs::write(&scratch.plan, serde_json::to_string(&plan).unwrap()).unwrap();
    let record = scratch.run(&node, true).unwrap();
    let sent = node.sent();
    assert_eq!(sent.len(), 8, "the six steps done were not sent again");
    assert_eq!(
        sent[6].input,
        setMaxBalanceCall {
            on: true,
            max: U256::from(2000)
        }
        .abi_encode()
    );
    assert_eq!(record.done.len(), 8);
    let plan_bytes = fs::read(&scratch.plan).unwrap();
    assert_eq!(record.plan_keccak256, keccak256(plan_bytes));
}

#[test]
fn deploy_resumes_only_its_own_plan_steps_chain_and_key() {
    let scratch = Scratch::new("foreign");
    let node = Node::start(CHAIN);
    node.state.lock().unwrap().revert = Some((addAgentCall::SELECTOR, vec![].into()));
    assert!(scratch.run(&node, false).is_err());
    let done = node.sent().len();
    assert_eq!(done, 5);
    node.state.lock().unwrap().revert = None;
    let original = fs::read_to_string(&scratch.plan).unwrap();

    // A plan that deploys the token with other terms: the token on the
    // chain cannot serve it.
    let mut plan: Plan = serde_json::from_str(&original).unwrap();
    plan.contracts[2].args.push(json!("1"));
    fs::write(&scratch.plan, serde_json::to_string(&plan).unwrap()).unwrap();
    let err = scratch.run(&node, true).unwrap_err().to_string();
    assert!(
        err.contains("records another plan: its step 3 (deploy, activate and construct token)"),
        "{err}"
    );
    // A plan whose done wiring differs.
    let mut plan: Plan = serde_json::from_str(&original).unwrap();
    plan.calls[0].args = vec![json!("@identity-registry")];
    fs::write(&scratch.plan, serde_json::to_string(&plan).unwrap()).unwrap();
    let err = scratch.run(&node, true).unwrap_err().to_string();
    assert!(err.contains("its step 4"), "{err}");
    assert_eq!(node.sent().len(), done, "nothing sent");

    // A record of another chain.
    fs::write(&scratch.plan, &original).unwrap();
    let other = Node::start(CHAIN + 1);
    let mut plan: Plan = serde_json::from_str(&original).unwrap();
    plan.chain_id = CHAIN + 1;
    fs::write(&scratch.plan, serde_json::to_string(&plan).unwrap()).unwrap();
    let err = scratch.run(&other, true).unwrap_err().to_string();
    assert!(err.contains(&format!("a run on chain {CHAIN}")), "{err}");
    assert!(other.sent().is_empty());
}

#[test]
fn the_cost_is_confirmed_before_anything_is_sent() {
    let cost = Cost {
        text: "2 transactions".into(),
        transactions: 2,
        fees: BTreeMap::new(),
    };
    let never = || -> String { panic!("asked although told yes") };
    confirm_with(&cost, true, false, never).unwrap();
    let err = confirm_with(&cost, false, false, never).unwrap_err();
    assert!(err.to_string().contains("pass --yes"), "{err}");
    confirm_with(&cost, false, true, || "y\n".into()).unwrap();
    confirm_with(&cost, false, true, || "yes\n".into()).unwrap();
    for answer in ["\n", "n\n", "no", "yess"] {
        let err = confirm_with(&cost, false, true, || answer.into()).unwrap_err();
        assert_eq!(err.to_string(), "nothing sent", "{answer:?}");
    }
    // Nothing left to send: nothing to ask.
    let none = Cost {
        text: String::new(),
        transactions: 0,
        fees: BTreeMap::new(),
    };
    confirm_with(&none, false, false, never).unwrap();
}

#[test]
fn read_key_accepts_hex_with_or_without_prefix_and_never_echoes_it() {
    let scratch = Scratch::new("key");
    assert_eq!(
        crate::signer::read_key(&scratch.key).unwrap().address(),
        DEPLOYER
    );
    fs::write(&scratch.key, KEY).unwrap();
    assert_eq!(
        crate::signer::read_key(&scratch.key).unwrap().address(),
        DEPLOYER
    );
    let wrong = format!("{}zz", &KEY[..62]);
    fs::write(&scratch.key, &wrong).unwrap();
    let err = crate::signer::read_key(&scratch.key)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("not a private key") && !err.contains(&wrong),
        "{err}"
    );
    fs::write(&scratch.key, "0".repeat(64)).unwrap();
    let err = crate::signer::read_key(&scratch.key)
        .unwrap_err()
        .to_string();
    assert!(err.contains("not a valid secp256k1 key"), "{err}");
}

#[test]
fn deploy_stops_when_the_compliance_serves_another_token() {
    let scratch = Scratch::new("foreign-token");
    let node = Node::start(CHAIN);
    // A compliance whose binding ends elsewhere than the deployed token.
    let stranger = address!("5555555555555555555555555555555555555555");
    node.state.lock().unwrap().bind_override = Some(stranger);
    let err = format!("{:#}", scratch.run(&node, false).unwrap_err());
    let addresses = scratch.addresses();
    assert!(
        err.contains(&format!(
            "the compliance at {} serves {stranger}, not the deployed token {}",
            addresses["compliance"], addresses["token"]
        )),
        "{err}"
    );
}

#[test]
fn deploy_stops_when_the_compliance_books_are_not_empty() {
    let scratch = Scratch::new("poisoned");
    let node = Node::start(CHAIN);
    node.state.lock().unwrap().books = (U256::MAX - U256::from(1), 0);
    let err = format!("{:#}", scratch.run(&node, false).unwrap_err());
    assert!(
        err.contains("already books a supply of") && err.contains("do not use this deployment"),
        "{err}"
    );
    // Every transaction was sent; only the read-back failed.
    assert_eq!(node.sent().len(), 8);
}

#[test]
fn deploy_stops_when_the_registry_does_not_keep_the_compliance_in_sync() {
    let scratch = Scratch::new("unsynced");
    let node = Node::start(CHAIN);
    node.state.lock().unwrap().ignore_add_compliance = true;
    let err = format!("{:#}", scratch.run(&node, false).unwrap_err());
    let addresses = scratch.addresses();
    assert!(
        err.contains(&format!(
            "the identity registry at {} does not keep the compliance at {} in sync",
            addresses["identity-registry"], addresses["compliance"]
        )),
        "{err}"
    );
}

#[test]
fn deploy_writes_the_admins_acceptances_as_a_safe_batch() {
    let scratch = Scratch::new("safe-batch");
    let node = Node::start(CHAIN);
    let record = scratch.run(&node, false).unwrap();
    let path = scratch
        .dir
        .join(format!("accept-ownership-{ADMIN}.safe.json"));
    let batch: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(batch["chainId"], CHAIN.to_string());
    let transactions = batch["transactions"].as_array().unwrap();
    // The test plan hands over the token only.
    assert_eq!(transactions.len(), 1);
    assert_eq!(transactions[0]["to"], record.contracts["token"].to_string());
    assert_eq!(transactions[0]["data"], "0x79ba5097");
}

#[test]
fn deploy_reads_back_the_binding_it_made() {
    let scratch = Scratch::new("bound");
    let node = Node::start(CHAIN);
    let record = scratch.run(&node, false).unwrap();
    let state = node.state.lock().unwrap();
    assert_eq!(
        state.bound.get(&record.contracts["compliance"]),
        Some(&record.contracts["token"])
    );
}
