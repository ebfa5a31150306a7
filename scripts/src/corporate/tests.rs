//! `suite cap-table` and `suite distribution` against the test node: the
//! example plan deployed with `suite deploy`, investors onboarded and
//! minted to, tokens frozen and burnt, all mined; the table read from the
//! node's logs at two blocks; a dividend computed, created from the
//! written transaction and claimed with the written proof.
use std::time::Duration;

use alloy_primitives::{address, Address, B256, U256};
use alloy_signer_local::PrivateKeySigner;
use alloy_sol_types::{sol, SolCall};

use super::*;
use crate::{
    deploy,
    node::{
        tests::{options, planned, KEY, KEY_ACCOUNT},
        Node,
    },
    plan,
    scenario::tokens,
};

/// The development key's account: deployer, operator, KYC provider and
/// admin here.
const OPERATOR: Address = KEY_ACCOUNT;
const ALICE_ID: Address = address!("a11ce1d000000000000000000000000000000001");
const BOB_ID: Address = address!("b0b1d00000000000000000000000000000000002");

sol! {
    function registerIdentity(address userAddress, address identity, uint16 country);
    function addClaim(address identity, uint256 topic, uint64 expiry, bytes32 dataHash);
    function mint(address to, uint256 amount);
    function burn(address userAddress, uint256 amount);
    function freezePartialTokens(address userAddress, uint256 amount);
    function claim(uint256 id, uint256 index, uint256 amount, bytes32[] proof);
}

/// Sends `data` to `to` with `value` from `chain`'s account and waits.
async fn mined(chain: &mut Chain, to: Address, data: Vec<u8>, value: U256) {
    let hash = match chain.submit(to, data, value).await {
        Ok(hash) => hash,
        Err(crate::chain::Failure::WouldRevert(data)) => panic!("would revert: {data}"),
        Err(crate::chain::Failure::Other(err)) => panic!("{err:#}"),
    };
    chain.wait(hash).await.unwrap();
}

#[test]
fn the_cap_table_and_a_dividend_are_read_from_the_nodes_logs() {
    let root = crate::workspace_root();
    let mut config = plan::parse_config(&root.join("deploy/example.toml")).unwrap();
    config.roles.admin = OPERATOR;
    config.roles.operator = OPERATOR;
    config.roles.treasury = OPERATOR;
    config.roles.approver = OPERATOR;
    config.identity.trusted_issuers[0].address = OPERATOR;
    let alice_key = PrivateKeySigner::from_bytes(&B256::repeat_byte(0xa1)).unwrap();
    let alice = alice_key.address();
    let bob = address!("b0b0000000000000000000000000000000000b0b");
    let funded = [(OPERATOR, tokens(100)), (alice, tokens(1))];
    let node = Node::start(&root, config.chain_id, config.offering.start, &funded, 0).unwrap();

    let (dir, plan_path, _, key) = planned(&config, "cap-table");
    // Not simulated first: the node tests of `suite deploy` cover that;
    // this one is about what is read back.
    let options = deploy::Options {
        simulate: false,
        ..options(&node, key)
    };
    let record = deploy::run(&plan_path, &root, &options).unwrap();
    let at = |name: &str| record.contracts[name];

    let runtime = runtime().unwrap();
    let record_block = runtime.block_on(async {
        let signer: PrivateKeySigner = KEY.parse().unwrap();
        let mut op = Chain::connect(&node.url, signer, Duration::from_secs(30))
            .await
            .unwrap();
        let expiry = config.offering.start + 3_650 * 86_400;
        for (wallet, identity, country) in [(alice, ALICE_ID, 250u16), (bob, BOB_ID, 276)] {
            let register = registerIdentityCall {
                userAddress: wallet,
                identity,
                country,
            };
            mined(
                &mut op,
                at("identity-registry"),
                register.abi_encode(),
                U256::ZERO,
            )
            .await;
            let kyc = addClaimCall {
                identity,
                topic: U256::from(1),
                expiry,
                dataHash: B256::repeat_byte(1),
            };
            mined(
                &mut op,
                at("identity-registry"),
                kyc.abi_encode(),
                U256::ZERO,
            )
            .await;
        }
        for (to, amount) in [(alice, tokens(100)), (bob, tokens(50))] {
            mined(
                &mut op,
                at("token"),
                mintCall { to, amount }.abi_encode(),
                U256::ZERO,
            )
            .await;
        }
        let record_block = op.block_number().await.unwrap();
        mined(
            &mut op,
            at("token"),
            mintCall {
                to: alice,
                amount: tokens(10),
            }
            .abi_encode(),
            U256::ZERO,
        )
        .await;
        let freeze = freezePartialTokensCall {
            userAddress: bob,
            amount: tokens(5),
        };
        mined(&mut op, at("token"), freeze.abi_encode(), U256::ZERO).await;
        let burn = burnCall {
            userAddress: bob,
            amount: tokens(10),
        };
        mined(&mut op, at("token"), burn.abi_encode(), U256::ZERO).await;
        record_block
    });

    // At the record block, and now.
    let read = |block: Option<u64>| {
        let text = cap_table(&dir, &root, &node.url, (block, 3), Format::Json, None).unwrap();
        serde_json::from_str::<Value>(&text).unwrap()
    };
    let then = read(Some(record_block));
    assert_eq!(then["supply"], tokens(150).to_string());
    let holders = then["holders"].as_array().unwrap();
    assert_eq!(holders.len(), 2);
    let row = |table: &Value, wallet: Address| {
        table["holders"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["wallet"] == json!(wallet))
            .cloned()
            .unwrap()
    };
    assert_eq!(row(&then, alice)["balance"], tokens(100).to_string());
    assert_eq!(row(&then, alice)["identity"], json!(ALICE_ID));
    assert_eq!(row(&then, alice)["country"], 250);
    assert_eq!(row(&then, alice)["accredited"], false);
    assert_eq!(row(&then, bob)["balance"], tokens(50).to_string());
    let now = read(None);
    assert_eq!(now["supply"], tokens(150).to_string());
    assert_eq!(row(&now, alice)["balance"], tokens(110).to_string());
    // Bob: 50 less 10 burnt from his 45 free tokens; 5 stay frozen.
    assert_eq!(row(&now, bob)["balance"], tokens(40).to_string());
    assert_eq!(row(&now, bob)["frozen_tokens"], tokens(5).to_string());
    // Minted tokens are locked up for a year.
    assert_eq!(row(&now, alice)["locked"], tokens(110).to_string());
    let countries = now["countries"].as_array().unwrap();
    assert_eq!(
        countries[0],
        json!({"country": 250, "identities": 1, "tokens": tokens(110).to_string()})
    );
    let csv = cap_table(&dir, &root, &node.url, (None, 1_000), Format::Csv, None).unwrap();
    assert!(csv.contains(&format!(
        "{ALICE_ID},{alice},250,{},false,0,{},false",
        tokens(110),
        tokens(110)
    )));

    // A dividend of 1.5 ETH pro rata to the record block: Alice 1, Bob 0.5.
    let request = Request {
        rpc: &node.url,
        record_block,
        asset: Address::ZERO,
        amount: tokens(3) / U256::from(2),
        claim_days: 30,
        uri: "ipfs://dividend",
        safe: Some(address!("5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe")),
        chunk: 5,
    };
    let out = default_out(&dir, record_block);
    let split = distribution(&dir, &root, &request, &out).unwrap();
    assert_eq!(
        split.amounts,
        [(ALICE_ID, tokens(1)), (BOB_ID, tokens(1) / U256::from(2))]
    );
    let read_json = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(out.join(name)).unwrap()).unwrap()
    };
    let batch = read_json("distribution.safe.json");
    assert_eq!(
        batch["transactions"][0]["value"],
        (tokens(3) / U256::from(2)).to_string()
    );
    let proofs = read_json("proofs.json");
    // Sent from a key that is no agent: refused, nothing sent.
    let sending = |signer: PrivateKeySigner| Sending {
        signer,
        yes: true,
        timeout: Duration::from_secs(30),
    };
    let blocks = runtime.block_on(async {
        let signer: PrivateKeySigner = KEY.parse().unwrap();
        let op = Chain::connect(&node.url, signer, Duration::from_secs(30))
            .await
            .unwrap();
        op.block_number().await.unwrap()
    });
    let err = send(&dir, &node.url, &out, sending(alice_key.clone())).unwrap_err();
    assert!(
        format!("{err:#}").contains("is not an agent of the token"),
        "{err:#}"
    );
    // From the operator: sent and mined.
    let hashes = send(&dir, &node.url, &out, sending(KEY.parse().unwrap())).unwrap();
    assert_eq!(hashes.len(), 1);
    runtime.block_on(async {
        let signer: PrivateKeySigner = KEY.parse().unwrap();
        let op = Chain::connect(&node.url, signer, Duration::from_secs(30))
            .await
            .unwrap();
        assert_eq!(op.block_number().await.unwrap(), blocks + 1);
        let (index, amount, proof) = proof_of(&proofs, ALICE_ID).unwrap();
        let mut investor = Chain::connect(&node.url, alice_key, Duration::from_secs(30))
            .await
            .unwrap();
        let before = investor.balance().await.unwrap();
        let call = claimCall {
            id: U256::ZERO,
            index: U256::from(index),
            amount,
            proof,
        };
        mined(
            &mut investor,
            at("distribution"),
            call.abi_encode(),
            U256::ZERO,
        )
        .await;
        let after = investor.balance().await.unwrap();
        // Paid one ETH, less the claim's gas (well under 0.001 ETH here).
        assert!(
            after > before + tokens(1) - tokens(1) / U256::from(1_000),
            "{before} -> {after}"
        );
    });
}
