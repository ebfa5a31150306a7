//! A fake Arbitrum node for the executor's tests: JSON-RPC over HTTP on
//! loopback, answering the methods the executor uses from an in-memory
//! state. It decodes and checks every raw transaction (signature, chain
//! id, nonce), plays the StylusDeployer (activation fee, a new address, the
//! `ContractDeployed` log) and ArbWasm (code hash versions, the activation
//! simulation with its state override, the programs' time left, keepalive
//! and re-activation with their data fees), and the compliance's binding
//! books and the registry's compliances as far as the executor reads them
//! back.
use std::{
    collections::{HashMap, HashSet},
    net::TcpListener,
    sync::{Arc, Mutex},
    thread,
};

use alloy_consensus::{Transaction, TxEnvelope};
use alloy_eips::eip2718::Decodable2718;
use alloy_primitives::{hex, keccak256, Address, Bytes, B256, U256};
use alloy_sol_types::{SolCall, SolError, SolEvent, SolValue};
use serde_json::{json, Value};

use crate::{
    chain::{ArbWasm, ARB_WASM},
    deploy::ContractDeployed,
    encode::STYLUS_DEPLOYER,
};

/// A transaction the node accepted.
#[derive(Clone, Debug)]
pub struct Sent {
    pub from: Address,
    pub chain_id: Option<u64>,
    pub nonce: u64,
    pub to: Address,
    pub value: U256,
    pub input: Bytes,
    pub hash: B256,
}

/// The node's state; tests read and change it between runs.
#[derive(Default)]
pub struct State {
    pub chain_id: u64,
    /// Where the StylusDeployer is.
    pub deployer: Address,
    /// Whether the StylusDeployer is deployed.
    pub has_deployer: bool,
    /// The activation data fee of any program not yet active.
    pub data_fee: U256,
    /// Code hashes already activated.
    pub active: HashSet<B256>,
    /// Estimates of calls whose input starts with this selector revert
    /// with this data.
    pub revert: Option<([u8; 4], Bytes)>,
    /// Whether receipts are withheld (transactions never mine).
    pub withhold_receipts: bool,
    /// Accepted transactions, in order.
    pub sent: Vec<Sent>,
    /// Program code by address, for deployed contracts.
    pub code: HashMap<Address, Bytes>,
    /// Compliance -> the token its `bindToken` named.
    pub bound: HashMap<Address, Address>,
    /// The token every `bindToken` binds instead of the one it names.
    pub bind_override: Option<Address>,
    /// What every compliance's books answer: supply and holders.
    pub books: (U256, u32),
    /// Registry -> the compliances its `addCompliance` added.
    pub synced: HashMap<Address, Vec<Address>>,
    /// Whether `addCompliance` succeeds without adding (a registry that
    /// does not keep the compliance in sync).
    pub ignore_add_compliance: bool,
    /// Programs' seconds left before expiry (a year when absent).
    pub time_left: HashMap<Address, u64>,
    /// Expired programs.
    pub expired: HashSet<Address>,
    /// Programs kept alive too recently for another keepalive.
    pub too_soon: HashSet<Address>,
    /// The data fee of a keepalive.
    pub keepalive_fee: U256,
    receipts: HashMap<B256, Value>,
}

/// A running fake node.
pub struct Node {
    pub url: String,
    pub state: Arc<Mutex<State>>,
}

impl Node {
    /// Starts a node for `chain_id` with the StylusDeployer present.
    pub fn start(chain_id: u64) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let url = format!("http://{}", listener.local_addr().expect("an address"));
        let state = Arc::new(Mutex::new(State {
            chain_id,
            deployer: STYLUS_DEPLOYER,
            has_deployer: true,
            data_fee: U256::from(1_000_000),
            ..State::default()
        }));
        let shared = Arc::clone(&state);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = Arc::clone(&shared);
                thread::spawn(move || {
                    crate::node::serve(stream, |request| {
                        handle(request, &mut state.lock().unwrap())
                    });
                });
            }
        });
        Self { url, state }
    }

    /// The accepted transactions.
    pub fn sent(&self) -> Vec<Sent> {
        self.state.lock().unwrap().sent.clone()
    }
}

fn quantity(value: impl std::fmt::LowerHex) -> Value {
    json!(format!("0x{value:x}"))
}

fn address(value: &Value) -> Address {
    value
        .as_str()
        .unwrap_or_default()
        .parse()
        .unwrap_or_default()
}

fn bytes(value: &Value) -> Bytes {
    value.as_str().unwrap_or("0x").parse().unwrap_or_default()
}

fn reverted(data: &[u8]) -> Value {
    json!({"code": 3, "message": "execution reverted", "data": format!("0x{}", hex::encode(data))})
}

/// One JSON-RPC method.
fn handle(request: &Value, state: &mut State) -> Result<Value, Value> {
    let params = &request["params"];
    match request["method"].as_str().unwrap_or_default() {
        "eth_chainId" => Ok(quantity(state.chain_id)),
        "eth_gasPrice" => Ok(quantity(100_000_000u64)),
        "eth_getBalance" => Ok(quantity(U256::from(10).pow(U256::from(20)))),
        "eth_getTransactionCount" => {
            let from = address(&params[0]);
            Ok(quantity(
                state.sent.iter().filter(|s| s.from == from).count(),
            ))
        }
        "eth_getCode" => {
            let at = address(&params[0]);
            let code = if at == state.deployer && state.has_deployer {
                Bytes::from_static(&[0x60, 0x80])
            } else {
                state.code.get(&at).cloned().unwrap_or_default()
            };
            Ok(json!(code))
        }
        "eth_estimateGas" => {
            let input = input(&params[0]);
            match &state.revert {
                Some((selector, data)) if input.starts_with(selector) => Err(reverted(data)),
                _ => Ok(quantity(200_000u64)),
            }
        }
        "eth_call" if address(&params[0]["to"]) == ARB_WASM => {
            arb_wasm(&params[0], &params[2], state)
        }
        "eth_call" => view(&params[0], state),
        "eth_sendRawTransaction" => accept(&bytes(&params[0]), state),
        "eth_getTransactionReceipt" => {
            let hash: B256 = params[0]
                .as_str()
                .unwrap_or_default()
                .parse()
                .unwrap_or_default();
            if state.withhold_receipts {
                return Ok(Value::Null);
            }
            Ok(state.receipts.get(&hash).cloned().unwrap_or(Value::Null))
        }
        other => Err(json!({"code": -32601, "message": format!("no method {other}")})),
    }
}

fn input(transaction: &Value) -> Bytes {
    let field = &transaction["input"];
    bytes(if field.is_null() {
        &transaction["data"]
    } else {
        field
    })
}

/// The compliance's views the executor reads back.
fn view(transaction: &Value, state: &State) -> Result<Value, Value> {
    let to = address(&transaction["to"]);
    let input = input(transaction);
    let answer = match input.get(..4) {
        Some(sel) if sel == super::getTokenBoundCall::SELECTOR => state
            .bound
            .get(&to)
            .copied()
            .unwrap_or_default()
            .abi_encode(),
        Some(sel) if sel == super::supplyCall::SELECTOR => state.books.0.abi_encode(),
        Some(sel) if sel == super::holderCountCall::SELECTOR => state.books.1.abi_encode(),
        Some(sel) if sel == super::getCompliancesCall::SELECTOR => state
            .synced
            .get(&to)
            .cloned()
            .unwrap_or_default()
            .abi_encode(),
        _ => return Err(reverted(&[])),
    };
    Ok(json!(Bytes::from(answer)))
}

/// A year, in seconds: a fresh program's time left.
const YEAR: u64 = 365 * 86_400;

/// The `value` of a call's parameters.
fn value_of(transaction: &Value) -> U256 {
    let text = transaction["value"].as_str().unwrap_or("0x0");
    U256::from_str_radix(text.trim_start_matches("0x"), 16).unwrap_or_default()
}

/// The deployed program whose code hashes to `codehash`.
fn program_of(state: &State, codehash: B256) -> Option<Address> {
    state
        .code
        .iter()
        .find(|(_, code)| keccak256(code) == codehash)
        .map(|(at, _)| *at)
}

/// ArbWasm's `codehashVersion`, `activateProgram`, `programTimeLeft` and
/// `codehashKeepalive`, simulated.
fn arb_wasm(transaction: &Value, overrides: &Value, state: &State) -> Result<Value, Value> {
    let input = input(transaction);
    let value = value_of(transaction);
    if let Ok(call) = ArbWasm::codehashVersionCall::abi_decode(&input, true) {
        return if state.active.contains(&call.codehash) {
            Ok(json!(Bytes::from(1u16.abi_encode())))
        } else {
            Err(reverted(&hex!("0xd1b9e0d3")))
        };
    }
    if let Ok(call) = ArbWasm::programTimeLeftCall::abi_decode(&input, true) {
        if state.expired.contains(&call.program) {
            let age = 400 * 86_400;
            return Err(reverted(
                &ArbWasm::ProgramExpired { ageInSeconds: age }.abi_encode(),
            ));
        }
        let left = state.time_left.get(&call.program).copied().unwrap_or(YEAR);
        return Ok(json!(Bytes::from(left.abi_encode())));
    }
    if let Ok(call) = ArbWasm::codehashKeepaliveCall::abi_decode(&input, true) {
        let program = program_of(state, call.codehash).ok_or_else(|| reverted(&[]))?;
        if state.too_soon.contains(&program) {
            let age = 86_400;
            return Err(reverted(
                &ArbWasm::ProgramKeepaliveTooSoon { ageInSeconds: age }.abi_encode(),
            ));
        }
        if value < state.keepalive_fee {
            return Err(insufficient(value, state.keepalive_fee));
        }
        return Ok(json!(Bytes::new()));
    }
    let call = ArbWasm::activateProgramCall::abi_decode(&input, true).map_err(|_| reverted(&[]))?;
    // The executor places the program's code at the probed address; an
    // expired program's code is already on chain.
    let code = overrides
        .as_object()
        .and_then(|accounts| {
            accounts
                .iter()
                .find(|(at, _)| address(&json!(at)) == call.program)
        })
        .map(|(_, account)| bytes(&account["code"]))
        .or_else(|| state.code.get(&call.program).cloned())
        .unwrap_or_default();
    if !code.starts_with(&[0xef, 0xf0, 0x00, 0x00]) {
        return Err(reverted(b"not a program"));
    }
    if value < state.data_fee {
        return Err(insufficient(value, state.data_fee));
    }
    Ok(json!(Bytes::from(
        (1u16, state.data_fee).abi_encode_params()
    )))
}

/// ArbWasm's refusal of a value below the data fee.
fn insufficient(have: U256, want: U256) -> Value {
    reverted(&ArbWasm::ProgramInsufficientValue { have, want }.abi_encode())
}

/// Decodes, checks and "mines" a raw transaction.
fn accept(raw: &[u8], state: &mut State) -> Result<Value, Value> {
    let envelope = TxEnvelope::decode_2718(&mut &raw[..])
        .map_err(|_| json!({"code": -32000, "message": "undecodable"}))?;
    let from = envelope
        .recover_signer()
        .map_err(|_| json!({"code": -32000, "message": "bad signature"}))?;
    let expected_nonce = state.sent.iter().filter(|s| s.from == from).count() as u64;
    if envelope.nonce() != expected_nonce || envelope.chain_id() != Some(state.chain_id) {
        return Err(json!({"code": -32000, "message": "nonce or chain id"}));
    }
    let sent = Sent {
        from,
        chain_id: envelope.chain_id(),
        nonce: envelope.nonce(),
        to: envelope.to().unwrap_or_default(),
        value: envelope.value(),
        input: envelope.input().clone(),
        hash: *envelope.tx_hash(),
    };
    let mut logs = Vec::new();
    let mut success = true;
    if sent.to == state.deployer {
        let call = super::deployCall::abi_decode(&sent.input, true).map_err(|_| reverted(&[]))?;
        // CREATE2 with a salt (hashed with the init data), as the real one.
        let deployed = if call.salt.is_zero() {
            Address::from_word(keccak256(sent.hash))
        } else {
            let salt = keccak256([call.salt.as_slice(), &call.initData].concat());
            state.deployer.create2(salt, keccak256(&call.bytecode))
        };
        let code = Bytes::from(call.bytecode[43..].to_vec());
        let codehash = keccak256(&code);
        if !state.active.contains(&codehash) && sent.value < state.data_fee {
            success = false;
        } else {
            state.active.insert(codehash);
            state.code.insert(deployed, code);
            logs.push(json!({
                "address": state.deployer,
                "topics": [ContractDeployed::SIGNATURE_HASH],
                "data": Bytes::from(deployed.abi_encode()),
                "blockHash": B256::repeat_byte(0xbb),
                "blockNumber": quantity(state.sent.len() + 1),
                "transactionHash": sent.hash,
                "transactionIndex": "0x0",
                "logIndex": "0x0",
                "removed": false,
            }));
        }
    }
    if let Ok(call) = super::bindTokenCall::abi_decode(&sent.input, true) {
        let token = state.bind_override.unwrap_or(call.token);
        state.bound.insert(sent.to, token);
    }
    if sent.to == ARB_WASM {
        if let Ok(call) = ArbWasm::codehashKeepaliveCall::abi_decode(&sent.input, true) {
            match program_of(state, call.codehash) {
                Some(program) if sent.value >= state.keepalive_fee => {
                    state.time_left.insert(program, YEAR);
                }
                _ => success = false,
            }
        }
        if let Ok(call) = ArbWasm::activateProgramCall::abi_decode(&sent.input, true) {
            if sent.value >= state.data_fee {
                state.expired.remove(&call.program);
                state.time_left.insert(call.program, YEAR);
            } else {
                success = false;
            }
        }
    }
    if let Ok(call) = super::addComplianceCall::abi_decode(&sent.input, true) {
        if !state.ignore_add_compliance {
            state
                .synced
                .entry(sent.to)
                .or_default()
                .push(call.compliance);
        }
    }
    let receipt = json!({
        "type": "0x2",
        "status": if success { "0x1" } else { "0x0" },
        "cumulativeGasUsed": "0x30d40",
        "logs": logs,
        "logsBloom": format!("0x{}", "00".repeat(256)),
        "transactionHash": sent.hash,
        "transactionIndex": "0x0",
        "blockHash": B256::repeat_byte(0xbb),
        "blockNumber": quantity(state.sent.len() + 1),
        "gasUsed": "0x30d40",
        "effectiveGasPrice": "0x5f5e100",
        "from": sent.from,
        "to": sent.to,
        "contractAddress": null,
    });
    state.receipts.insert(sent.hash, receipt);
    let hash = sent.hash;
    state.sent.push(sent);
    Ok(json!(hash))
}
