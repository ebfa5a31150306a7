//! A test node: JSON-RPC over HTTP on loopback, in front of the Stylus
//! test runtime (`stylus-runtime`), so that `suite deploy` and any
//! Ethereum client can run against the runtime as against a chain.
//!
//! It answers the methods `suite` uses: `eth_chainId`, `eth_blockNumber`,
//! `eth_gasPrice`, `eth_getBalance`, `eth_getTransactionCount`,
//! `eth_getCode`, `eth_call` (with state overrides of code and balance),
//! `eth_estimateGas`, `eth_sendRawTransaction` (signed transactions of any
//! type, checked for chain id, nonce and funds; the sender pays the gas at
//! [`GAS_PRICE`]), `eth_getTransactionReceipt` (status, gas, logs, the
//! created contract), `eth_getLogs` (by block range, addresses and
//! topics) and `eth_getBlockByNumber` (number and time only), as `suite
//! cap-table` reads them. Every transaction is mined at once, one per block,
//! one second apart. The StylusDeployer is at its canonical address
//! (the real bytecode, see [`crate::sim`]); `ArbWasm` and `ArbWasmCache`
//! are the runtime's.
use std::{
    collections::HashMap,
    io::{BufRead, BufReader, Read, Write},
    net::{TcpListener, TcpStream},
    path::Path,
    sync::{Arc, Mutex, PoisonError},
    thread,
};

use alloy_consensus::{Transaction, TxEnvelope};
use alloy_eips::eip2718::Decodable2718;
use alloy_primitives::{hex, Address, Bytes, TxKind, B256, U256};
use anyhow::{Context, Result};
use serde_json::{json, Value};
use stylus_runtime::{
    pricing::intrinsic_gas,
    wasmi::Engine,
    world::{Call, Outcome, World},
};

/// The gas price the node asks and charges: 0.1 gwei, as Arbitrum's
/// minimum.
pub const GAS_PRICE: u64 = 100_000_000;

/// The chain behind the node.
pub struct Chain {
    engine: Engine,
    /// The runtime's state.
    pub world: World,
    /// Receipts by transaction hash.
    receipts: HashMap<B256, Value>,
    /// Every log of a successful transaction, in order, as its receipt
    /// lists it.
    logs: Vec<Value>,
    /// Each mined block's time.
    times: HashMap<u64, u64>,
}

/// A running node.
pub struct Node {
    /// Its endpoint, `http://127.0.0.1:<port>`.
    pub url: String,
    /// Its chain, shared with the serving threads.
    chain: Arc<Mutex<Chain>>,
}

impl Node {
    /// Starts a node for `chain_id` at `timestamp` on `port` (0: any free
    /// one), with the StylusDeployer in place and `funded` accounts
    /// holding their balances.
    ///
    /// # Errors
    ///
    /// When the port cannot be bound or the StylusDeployer not installed.
    pub fn start(
        root: &Path,
        chain_id: u64,
        timestamp: u64,
        funded: &[(Address, U256)],
        port: u16,
    ) -> Result<Self> {
        let engine = Engine::default();
        let mut world = World::new(chain_id, timestamp);
        crate::sim::install_stylus_deployer(&engine, &mut world, root)?;
        for (account, balance) in funded {
            world.balances.insert(*account, *balance);
        }
        let listener = TcpListener::bind(("127.0.0.1", port)).context("binding a loopback port")?;
        let url = format!("http://{}", listener.local_addr()?);
        let chain = Arc::new(Mutex::new(Chain {
            engine,
            world,
            receipts: HashMap::new(),
            logs: Vec::new(),
            times: HashMap::new(),
        }));
        let shared = Arc::clone(&chain);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let chain = Arc::clone(&shared);
                thread::spawn(move || {
                    serve(stream, |request| {
                        let mut chain = chain.lock().unwrap_or_else(PoisonError::into_inner);
                        chain.handle(request)
                    });
                });
            }
        });
        Ok(Self { url, chain })
    }

    /// A copy of the chain's state, with the engine its programs were
    /// compiled by.
    #[must_use]
    pub fn world(&self) -> (Engine, World) {
        let chain = self.chain.lock().unwrap_or_else(PoisonError::into_inner);
        (chain.engine.clone(), chain.world.clone())
    }
}

/// Answers HTTP/1.1 JSON-RPC requests on one connection until it closes:
/// each request's body to `handle`, its result or error back.
pub fn serve(stream: TcpStream, mut handle: impl FnMut(&Value) -> Result<Value, Value>) {
    let Ok(read) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read);
    let mut writer = stream;
    loop {
        let mut length = 0;
        let mut line = String::new();
        loop {
            line.clear();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let answer = match handle(&request) {
            Ok(result) => json!({"jsonrpc": "2.0", "id": request["id"], "result": result}),
            Err(error) => json!({"jsonrpc": "2.0", "id": request["id"], "error": error}),
        };
        let text = answer.to_string();
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{text}",
            text.len()
        );
        if writer.write_all(response.as_bytes()).is_err() {
            return;
        }
    }
}

/// A quantity as JSON-RPC writes it.
fn quantity(value: impl std::fmt::LowerHex) -> Value {
    json!(format!("0x{value:x}"))
}

/// A JSON-RPC error.
fn error(message: impl std::fmt::Display) -> Value {
    json!({"code": -32000, "message": message.to_string()})
}

/// A revert, as nodes report it (code 3, the revert data).
fn reverted(data: &[u8]) -> Value {
    json!({"code": 3, "message": "execution reverted", "data": format!("0x{}", hex::encode(data))})
}

/// A field parsed from JSON, or an error naming it.
fn field<T: std::str::FromStr>(value: &Value, name: &str) -> Result<T, Value> {
    value
        .as_str()
        .and_then(|text| text.parse().ok())
        .ok_or_else(|| error(format!("invalid {name}: {value}")))
}

/// An optional quantity (absent: zero).
fn amount(value: &Value) -> Result<U256, Value> {
    match value.as_str() {
        None => Ok(U256::ZERO),
        Some(text) => U256::from_str_radix(text.trim_start_matches("0x"), 16)
            .map_err(|_| error(format!("invalid quantity {text}"))),
    }
}

/// Whether two hex strings name the same value (any case).
fn eq_hex(a: &Value, b: &Value) -> bool {
    match (a.as_str(), b.as_str()) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        _ => false,
    }
}

/// A transaction object's calldata (`input`, or `data`).
fn input(transaction: &Value) -> Result<Vec<u8>, Value> {
    let field = &transaction["input"];
    let text = if field.is_null() {
        &transaction["data"]
    } else {
        field
    };
    match text.as_str() {
        None => Ok(Vec::new()),
        Some(hex_text) => hex::decode(hex_text).map_err(|_| error("invalid input")),
    }
}

impl Chain {
    /// One JSON-RPC method.
    fn handle(&mut self, request: &Value) -> Result<Value, Value> {
        let params = &request["params"];
        match request["method"].as_str().unwrap_or_default() {
            "eth_chainId" => Ok(quantity(self.world.chain_id)),
            // The latest mined block: the world's is the next one's.
            "eth_blockNumber" => Ok(quantity(self.world.block.saturating_sub(1))),
            "eth_gasPrice" => Ok(quantity(GAS_PRICE)),
            "eth_getBalance" => Ok(quantity(self.world.balance(field(&params[0], "address")?))),
            "eth_getTransactionCount" => {
                Ok(quantity(self.world.nonce(field(&params[0], "address")?)))
            }
            "eth_getCode" => {
                let code = self.world.code_of(field(&params[0], "address")?);
                Ok(json!(Bytes::from(code)))
            }
            "eth_call" => {
                let (outcome, _) = self.simulate(&params[0], &params[2])?;
                Ok(json!(Bytes::from(outcome.output)))
            }
            "eth_estimateGas" => {
                let (_, gas) = self.simulate(&params[0], &Value::Null)?;
                // A quarter more: the 63/64 rule keeps back part of what a
                // call is given.
                Ok(quantity(gas + gas / 4))
            }
            "eth_sendRawTransaction" => {
                let raw: Bytes = field(&params[0], "transaction")?;
                self.mine(&raw)
            }
            "eth_getTransactionReceipt" => {
                let hash: B256 = field(&params[0], "hash")?;
                Ok(self.receipts.get(&hash).cloned().unwrap_or(Value::Null))
            }
            "eth_getLogs" => self.logs(&params[0]),
            "eth_getBlockByNumber" => {
                // Number and time: what `suite cap-table` asks of a block.
                let latest = self.world.block.saturating_sub(1);
                let number = match params[0].as_str() {
                    None | Some("latest" | "safe" | "finalized" | "pending") => latest,
                    Some(_) => amount(&params[0])?.saturating_to(),
                };
                let time = self
                    .times
                    .get(&number)
                    .copied()
                    .unwrap_or(self.world.timestamp);
                Ok(json!({
                    "number": quantity(number),
                    "hash": B256::from(U256::from(number)),
                    "timestamp": quantity(time),
                }))
            }
            other => Err(json!({"code": -32601, "message": format!("no method {other}")})),
        }
    }

    /// The logs `filter` selects: `fromBlock`/`toBlock` (numbers, or
    /// `latest`/`earliest`; all blocks when absent), `address` (one or
    /// several; any when absent), `topics` (per position, one topic, several
    /// or null for any).
    fn logs(&self, filter: &Value) -> Result<Value, Value> {
        let block = |key: &str, default: u64| -> Result<u64, Value> {
            match filter[key].as_str() {
                None | Some("latest" | "safe" | "finalized" | "pending") => Ok(default),
                Some("earliest") => Ok(0),
                Some(_) => Ok(amount(&filter[key])?.saturating_to()),
            }
        };
        let latest = self.world.block.saturating_sub(1);
        let (from, to) = (block("fromBlock", 0)?, block("toBlock", latest)?);
        let one_of = |wanted: &Value, have: &Value| match wanted {
            Value::Null => true,
            Value::Array(options) => options.is_empty() || options.iter().any(|o| eq_hex(o, have)),
            single => eq_hex(single, have),
        };
        let topics = filter["topics"].as_array().cloned().unwrap_or_default();
        let selected = self
            .logs
            .iter()
            .filter(|log| {
                let number = amount(&log["blockNumber"]).map_or(0, |n| n.saturating_to::<u64>());
                (from..=to).contains(&number)
                    && one_of(&filter["address"], &log["address"])
                    && topics
                        .iter()
                        .enumerate()
                        .all(|(i, wanted)| one_of(wanted, &log["topics"][i]))
            })
            .cloned()
            .collect();
        Ok(Value::Array(selected))
    }

    /// Runs `transaction` on a copy of the world with `overrides` (code and
    /// balance per account): its outcome and receipt gas, or the revert.
    fn simulate(&self, transaction: &Value, overrides: &Value) -> Result<(Outcome, u64), Value> {
        let mut world = self.world.clone();
        if let Some(accounts) = overrides.as_object() {
            for (at, account) in accounts {
                let at: Address = at.parse().map_err(|_| error("invalid override"))?;
                if let Some(code) = account["code"].as_str() {
                    let code = hex::decode(code).map_err(|_| error("invalid code"))?;
                    world.code.insert(at, code);
                }
                if !account["balance"].is_null() {
                    world.balances.insert(at, amount(&account["balance"])?);
                }
            }
        }
        let from = if transaction["from"].is_null() {
            Address::ZERO
        } else {
            field(&transaction["from"], "from")?
        };
        let value = amount(&transaction["value"])?;
        let data = input(transaction)?;
        let (outcome, gas) = if transaction["to"].is_null() {
            let (_, outcome) = world.create(&self.engine, from, data.clone(), value);
            let gas = world.refunded(intrinsic_gas(&data) + 32_000 + outcome.gas_used());
            (outcome, gas)
        } else {
            let call = Call {
                value,
                ..Call::new(from, field(&transaction["to"], "to")?, data)
            };
            world.receipt(&self.engine, &call)
        };
        match (outcome.success, &outcome.trap) {
            (true, _) => Ok((outcome, gas)),
            (false, None) => Err(reverted(&outcome.output)),
            (false, Some(trap)) => Err(error(trap)),
        }
    }

    /// Executes a signed transaction in a block of its own; its hash.
    fn mine(&mut self, raw: &[u8]) -> Result<Value, Value> {
        let envelope =
            TxEnvelope::decode_2718(&mut &raw[..]).map_err(|_| error("undecodable transaction"))?;
        let from = envelope
            .recover_signer()
            .map_err(|_| error("invalid signature"))?;
        if envelope
            .chain_id()
            .is_some_and(|id| id != self.world.chain_id)
        {
            return Err(error("wrong chain id"));
        }
        let nonce = self.world.nonce(from);
        if envelope.nonce() != nonce {
            return Err(error(format!(
                "nonce {} expected, {} sent",
                nonce,
                envelope.nonce()
            )));
        }
        let price = u128::from(GAS_PRICE).min(envelope.max_fee_per_gas());
        let limit = envelope.gas_limit();
        let worst = U256::from(limit) * U256::from(price) + envelope.value();
        if self.world.balance(from) < worst {
            return Err(error("insufficient funds for gas * price + value"));
        }
        let data = envelope.input().to_vec();
        let intrinsic = intrinsic_gas(&data);
        let (outcome, gas, created, to) = match envelope.kind() {
            TxKind::Create => {
                let (address, outcome) =
                    self.world
                        .create(&self.engine, from, data.clone(), envelope.value());
                let gas = self.world.refunded(intrinsic + 32_000 + outcome.gas_used());
                (outcome, gas, Some(address), None)
            }
            TxKind::Call(to) => {
                let call = Call {
                    value: envelope.value(),
                    gas: limit.saturating_sub(intrinsic),
                    ..Call::new(from, to, data)
                };
                let (outcome, gas) = self.world.receipt(&self.engine, &call);
                (outcome, gas, None, Some(to))
            }
        };
        let gas = gas.min(limit);
        let fee = U256::from(gas) * U256::from(price);
        let left = self.world.balance(from).saturating_sub(fee);
        self.world.balances.insert(from, left);
        let block = self.world.block;
        let hash = *envelope.tx_hash();
        let logs: Vec<Value> = if outcome.success {
            self.world
                .logs
                .iter()
                .enumerate()
                .map(|(index, log)| {
                    json!({
                        "address": log.address,
                        "topics": log.topics,
                        "data": Bytes::from(log.data.clone()),
                        "blockNumber": quantity(block),
                        "blockHash": B256::from(U256::from(block)),
                        "transactionHash": hash,
                        "transactionIndex": "0x0",
                        "logIndex": quantity(index),
                        "removed": false,
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        let receipt = json!({
            "type": quantity(u8::from(envelope.tx_type())),
            "status": if outcome.success { "0x1" } else { "0x0" },
            "cumulativeGasUsed": quantity(gas),
            "logs": logs,
            "logsBloom": format!("0x{}", "00".repeat(256)),
            "transactionHash": hash,
            "transactionIndex": "0x0",
            "blockHash": B256::from(U256::from(block)),
            "blockNumber": quantity(block),
            "gasUsed": quantity(gas),
            "effectiveGasPrice": quantity(price),
            "from": from,
            "to": to,
            "contractAddress": created.filter(|_| outcome.success),
        });
        self.receipts.insert(hash, receipt);
        if let Value::Array(logs) = &self.receipts[&hash]["logs"] {
            self.logs.extend(logs.iter().cloned());
        }
        self.times.insert(block, self.world.timestamp);
        self.world.block += 1;
        self.world.timestamp += 1;
        Ok(json!(hash))
    }
}

/// The well-known development key (private key 1): its account is funded
/// with 1,000 ETH on the node. Public: never use it on a real chain.
pub const DEV_KEY: &str = "0x0000000000000000000000000000000000000000000000000000000000000001";

/// `suite node`: serves a node on loopback until interrupted, for chain
/// 421,614 (the example plan's) unless told otherwise, with the account of
/// [`DEV_KEY`] funded.
///
/// # Errors
///
/// When the node cannot start.
pub fn run(root: &Path, port: u16, chain_id: u64) -> Result<()> {
    let dev: alloy_signer_local::PrivateKeySigner = DEV_KEY.parse()?;
    let funds = U256::from(1_000u64) * U256::from(10u64).pow(U256::from(18u64));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let node = Node::start(root, chain_id, now, &[(dev.address(), funds)], port)?;
    println!(
        "test node for chain {chain_id} at {} (Stylus test runtime; nothing persists)",
        node.url
    );
    println!(
        "funded: {} (private key {DEV_KEY}, public: never use it elsewhere)",
        dev.address()
    );
    loop {
        thread::park();
    }
}

#[cfg(test)]
pub mod tests;
