//! The admin's side of the handover, as a Safe Transaction Builder batch.
//!
//! Every contract's ownership moves in two steps (OpenZeppelin's
//! `Ownable2Step`): the plan's last calls name the admin as pending owner
//! (`transferOwnership(admin)`), and the admin takes over by calling
//! `acceptOwnership()` on each contract. The admin is usually a Safe
//! multisig, so the acceptances are written as one batch its Transaction
//! Builder app imports (Safe{Wallet} -> Apps -> Transaction Builder ->
//! drag the file in): one transaction per contract, no value, the
//! selector of `acceptOwnership()` as data.
use std::collections::BTreeMap;

use alloy_primitives::{hex, Address};
use anyhow::{Context, Result};
use serde_json::{json, Value};

use crate::plan::Plan;

/// `acceptOwnership()`.
const ACCEPT_OWNERSHIP: [u8; 4] = hex!("79ba5097");

/// The admins the plan hands contracts to, each with the contracts (name,
/// address) it must accept, in the plan's order.
///
/// # Errors
///
/// When a handover names a contract or an admin that `addresses` or the
/// call do not resolve.
pub fn handovers(
    plan: &Plan,
    addresses: &BTreeMap<String, Address>,
) -> Result<BTreeMap<Address, Vec<(String, Address)>>> {
    let mut admins: BTreeMap<Address, Vec<(String, Address)>> = BTreeMap::new();
    for call in plan
        .calls
        .iter()
        .filter(|c| c.function == "transferOwnership(address)")
    {
        let name = call.target().to_string();
        let contract = *addresses
            .get(&name)
            .with_context(|| format!("no address for {name}"))?;
        let admin: Address = call
            .args
            .first()
            .and_then(Value::as_str)
            .and_then(|a| a.parse().ok())
            .with_context(|| format!("{name}: transferOwnership names no address"))?;
        admins.entry(admin).or_default().push((name, contract));
    }
    Ok(admins)
}

/// The Safe Transaction Builder batch by which `admin` accepts ownership
/// of `contracts` on chain `chain_id`.
#[must_use]
pub fn accept_ownership_batch(
    chain_id: u64,
    admin: Address,
    contracts: &[(String, Address)],
) -> Value {
    let transactions: Vec<Value> = contracts
        .iter()
        .map(|(_, address)| {
            json!({
                "to": address.to_string(),
                "value": "0",
                "data": format!("0x{}", hex::encode(ACCEPT_OWNERSHIP)),
                "contractMethod": {
                    "inputs": [],
                    "name": "acceptOwnership",
                    "payable": false
                },
                "contractInputsValues": {}
            })
        })
        .collect();
    let names: Vec<&str> = contracts.iter().map(|(name, _)| name.as_str()).collect();
    json!({
        "version": "1.0",
        "chainId": chain_id.to_string(),
        "createdAt": 0,
        "meta": {
            "name": "Accept ownership of the security-token suite",
            "description": format!(
                "The admin accepts ownership (Ownable2Step) of: {}",
                names.join(", ")
            ),
            "createdFromSafeAddress": admin.to_string(),
        },
        "transactions": transactions,
    })
}

/// A Safe Transaction Builder batch of raw transactions (`to`, value in
/// wei, calldata) that `safe` executes on chain `chain_id`, in order.
#[must_use]
pub fn raw_batch(
    chain_id: u64,
    safe: Address,
    (name, description): (&str, &str),
    transactions: &[(Address, alloy_primitives::U256, Vec<u8>)],
) -> Value {
    let transactions: Vec<Value> = transactions
        .iter()
        .map(|(to, value, data)| {
            json!({
                "to": to.to_string(),
                "value": value.to_string(),
                "data": format!("0x{}", hex::encode(data)),
                "contractMethod": null,
                "contractInputsValues": null
            })
        })
        .collect();
    json!({
        "version": "1.0",
        "chainId": chain_id.to_string(),
        "createdAt": 0,
        "meta": {
            "name": name,
            "description": description,
            "createdFromSafeAddress": safe.to_string(),
        },
        "transactions": transactions,
    })
}

/// Writes one batch per admin as `accept-ownership-<admin>.safe.json` in
/// `dir`; returns the files written.
///
/// # Errors
///
/// When a handover does not resolve or a file cannot be written.
pub fn write_batches(
    dir: &std::path::Path,
    plan: &Plan,
    addresses: &BTreeMap<String, Address>,
) -> Result<Vec<std::path::PathBuf>> {
    let mut written = Vec::new();
    for (admin, contracts) in handovers(plan, addresses)? {
        let path = dir.join(format!("accept-ownership-{admin}.safe.json"));
        let batch = accept_ownership_batch(plan.chain_id, admin, &contracts);
        std::fs::write(&path, serde_json::to_string_pretty(&batch)? + "\n")
            .with_context(|| format!("writing {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use alloy_primitives::{address, keccak256};

    use super::*;
    use crate::plan::Call;

    #[test]
    fn accept_ownership_selector_is_openzeppelins() {
        assert_eq!(&keccak256("acceptOwnership()")[..4], &ACCEPT_OWNERSHIP);
    }

    #[test]
    fn a_raw_batch_holds_each_transaction_as_given() {
        let safe = address!("2222222222222222222222222222222222222222");
        let to = Address::repeat_byte(0xcc);
        let batch = raw_batch(
            421_614,
            safe,
            ("a dividend", "create and fund it"),
            &[(to, alloy_primitives::U256::from(5), vec![0xab, 0x01])],
        );
        assert_eq!(batch["chainId"], "421614");
        assert_eq!(batch["meta"]["name"], "a dividend");
        assert_eq!(batch["meta"]["description"], "create and fund it");
        assert_eq!(batch["meta"]["createdFromSafeAddress"], safe.to_string());
        let transactions = batch["transactions"].as_array().unwrap();
        assert_eq!(transactions.len(), 1);
        assert_eq!(transactions[0]["to"], to.to_string());
        assert_eq!(transactions[0]["value"], "5");
        assert_eq!(transactions[0]["data"], "0xab01");
    }

    #[test]
    fn batch_holds_one_acceptance_per_handed_over_contract() {
        let admin = address!("1111111111111111111111111111111111111111");
        let call = |to: &str| Call {
            to: format!("@{to}"),
            function: "transferOwnership(address)".into(),
            args: vec![json!(admin.to_string())],
            purpose: String::new(),
            key: String::new(),
        };
        let plan = Plan {
            full_programs: Vec::new(),
            chain_id: 42_161,
            contracts: Vec::new(),
            calls: vec![call("token"), call("escrow")],
        };
        let addresses = BTreeMap::from([
            ("token".to_string(), Address::repeat_byte(0xaa)),
            ("escrow".to_string(), Address::repeat_byte(0xbb)),
        ]);
        let admins = handovers(&plan, &addresses).unwrap();
        assert_eq!(admins.len(), 1);
        let batch = accept_ownership_batch(42_161, admin, &admins[&admin]);
        assert_eq!(batch["chainId"], "42161");
        assert_eq!(batch["meta"]["createdFromSafeAddress"], admin.to_string());
        let transactions = batch["transactions"].as_array().unwrap();
        assert_eq!(transactions.len(), 2);
        assert_eq!(
            transactions[0]["to"],
            Address::repeat_byte(0xaa).to_string()
        );
        assert_eq!(
            transactions[1]["to"],
            Address::repeat_byte(0xbb).to_string()
        );
        for tx in transactions {
            assert_eq!(tx["data"], "0x79ba5097");
            assert_eq!(tx["value"], "0");
        }
    }

    #[test]
    fn unresolved_handover_is_an_error() {
        let plan = Plan {
            full_programs: Vec::new(),
            chain_id: 1,
            contracts: Vec::new(),
            calls: vec![Call {
                to: "@token".into(),
                function: "transferOwnership(address)".into(),
                args: vec![json!("0x1111111111111111111111111111111111111111")],
                purpose: String::new(),
                key: String::new(),
            }],
        };
        assert!(handovers(&plan, &BTreeMap::new()).is_err());
    }
}
