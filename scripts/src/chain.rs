//! One account on one chain, over JSON-RPC: reads, the Stylus activation
//! data fee, and transactions signed here (EIP-1559), sent raw and waited
//! for.
//!
//! Every transaction is estimated first, so a call the chain would revert
//! fails here with its revert data, before anything is spent.
use std::time::{Duration, Instant};

use alloy_consensus::{SignableTransaction, TxEip1559, TxEnvelope};
use alloy_eips::{eip2718::Encodable2718, eip2930::AccessList};
use alloy_primitives::{keccak256, Address, Bytes, TxKind, B256, U256};
use alloy_provider::{Provider, RootProvider};
use alloy_rpc_types_eth::{
    state::{AccountOverride, StateOverride},
    TransactionInput, TransactionReceipt, TransactionRequest,
};
use alloy_signer::SignerSync;
use alloy_signer_local::PrivateKeySigner;
use alloy_sol_types::{sol, SolCall};
use anyhow::{bail, Context, Result};

sol! {
    /// ArbWasm, the Stylus precompile at 0x71.
    interface ArbWasm {
        function codehashVersion(bytes32 codehash) external view returns (uint16 version);
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
        function programTimeLeft(address program) external view returns (uint64 secs);
        function codehashKeepalive(bytes32 codehash) external payable;
        error ProgramNotWasm();
        error ProgramNotActivated();
        error ProgramNeedsUpgrade(uint16 version, uint16 stylusVersion);
        error ProgramExpired(uint64 ageInSeconds);
        error ProgramUpToDate();
        error ProgramKeepaliveTooSoon(uint64 ageInSeconds);
        error ProgramInsufficientValue(uint256 have, uint256 want);
    }
}

/// ArbWasm's address.
pub const ARB_WASM: Address = Address::new([
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x71,
]);

/// Why a transaction was not sent or did not succeed.
#[derive(Debug)]
pub enum Failure {
    /// The node's estimate reverted, with this revert data: nothing was
    /// sent.
    WouldRevert(Bytes),
    /// Anything else (transport, node, timeout, a mined revert).
    Other(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(err: anyhow::Error) -> Self {
        Self::Other(err)
    }
}

/// An account on a chain, signing locally.
pub struct Chain {
    provider: RootProvider,
    signer: PrivateKeySigner,
    chain_id: u64,
    nonce: u64,
    /// How long to wait for a receipt.
    timeout: Duration,
}

impl Chain {
    /// Connects to `rpc` as the holder of `signer`.
    ///
    /// # Errors
    ///
    /// When the URL is not one, or the node does not answer.
    pub async fn connect(rpc: &str, signer: PrivateKeySigner, timeout: Duration) -> Result<Self> {
        let url: url::Url = rpc
            .parse()
            .with_context(|| format!("not a URL: {}", redacted(rpc)))?;
        let provider = RootProvider::new_http(url);
        let chain_id = provider
            .get_chain_id()
            .await
            .with_context(|| format!("asking {} for its chain id", redacted(rpc)))?;
        let nonce = provider
            .get_transaction_count(signer.address())
            .pending()
            .await
            .context("reading the account's nonce")?;
        Ok(Self {
            provider,
            signer,
            chain_id,
            nonce,
            timeout,
        })
    }

    /// A connection to `rpc` for reading only (a random account), which
    /// must be chain `chain_id`.
    ///
    /// # Errors
    ///
    /// When the node fails or is another chain.
    pub async fn reader(rpc: &str, chain_id: u64) -> Result<Self> {
        let chain = Self::connect(rpc, PrivateKeySigner::random(), Duration::from_secs(30)).await?;
        anyhow::ensure!(
            chain.chain_id == chain_id,
            "the node is chain {}, the deployment is for chain {chain_id}",
            chain.chain_id
        );
        Ok(chain)
    }

    /// The latest block's number.
    ///
    /// # Errors
    ///
    /// When the node fails.
    pub async fn block_number(&self) -> Result<u64> {
        Ok(self.provider.get_block_number().await?)
    }

    /// The time of block `number` (Unix seconds).
    ///
    /// # Errors
    ///
    /// When the node fails or does not know the block.
    pub async fn block_timestamp(&self, number: u64) -> Result<u64> {
        let block: serde_json::Value = self
            .provider
            .raw_request(
                "eth_getBlockByNumber".into(),
                (format!("{number:#x}"), false),
            )
            .await?;
        let text = block["timestamp"]
            .as_str()
            .with_context(|| format!("block {number}: no timestamp"))?;
        Ok(u64::from_str_radix(text.trim_start_matches("0x"), 16)?)
    }

    /// The logs of `addresses` from block `from` to `to` (inclusive) whose
    /// first topic is one of `topics0`.
    ///
    /// # Errors
    ///
    /// When the node fails (some limit a range or a result's size).
    pub async fn logs(
        &self,
        addresses: &[Address],
        topics0: &[B256],
        (from, to): (u64, u64),
    ) -> Result<Vec<alloy_rpc_types_eth::Log>> {
        let filter = alloy_rpc_types_eth::Filter::new()
            .address(addresses.to_vec())
            .event_signature(topics0.to_vec())
            .from_block(from)
            .to_block(to);
        self.provider
            .get_logs(&filter)
            .await
            .with_context(|| format!("reading logs of blocks {from} to {to}"))
    }

    /// The chain's id.
    #[must_use]
    pub const fn chain_id(&self) -> u64 {
        self.chain_id
    }

    /// The signing account.
    #[must_use]
    pub fn account(&self) -> Address {
        self.signer.address()
    }

    /// The account's balance, in wei.
    ///
    /// # Errors
    ///
    /// When the node fails.
    pub async fn balance(&self) -> Result<U256> {
        Ok(self.provider.get_balance(self.account()).await?)
    }

    /// The node's gas price (Arbitrum charges its base fee), in wei.
    ///
    /// # Errors
    ///
    /// When the node fails.
    pub async fn gas_price(&self) -> Result<u128> {
        Ok(self.provider.get_gas_price().await?)
    }

    /// Whether `address` holds code.
    ///
    /// # Errors
    ///
    /// When the node fails.
    pub async fn has_code(&self, address: Address) -> Result<bool> {
        Ok(!self.provider.get_code_at(address).await?.is_empty())
    }

    /// The hash of the code at `address` (what ArbWasm keys programs by).
    ///
    /// # Errors
    ///
    /// When the node fails.
    pub async fn code_hash(&self, address: Address) -> Result<B256> {
        Ok(keccak256(self.provider.get_code_at(address).await?))
    }

    /// An `eth_call` from the account of `to` with `data` and `value`:
    /// what a transaction would return, or its revert data.
    ///
    /// # Errors
    ///
    /// [`Failure::WouldRevert`] with the revert data, or
    /// [`Failure::Other`] when the node fails.
    pub async fn simulate(
        &self,
        to: Address,
        data: Vec<u8>,
        value: U256,
    ) -> Result<Bytes, Failure> {
        self.call(to, data, value, None).await
    }

    /// The activation data fee of a program whose stored code is `code`,
    /// raised by `bump_percent`, as cargo-stylus computes it: zero when
    /// the code hash is already active; otherwise what ArbWasm's
    /// `activateProgram` charges in a simulation with the code placed at an
    /// unused address. The StylusDeployer refunds what activation does not
    /// use.
    ///
    /// # Errors
    ///
    /// When the simulation fails: the chain would not activate the program.
    pub async fn data_fee(&self, code: &[u8], bump_percent: u64) -> Result<U256> {
        let codehash = keccak256(code);
        let version = ArbWasm::codehashVersionCall { codehash }.abi_encode();
        if self.call(ARB_WASM, version, U256::ZERO, None).await.is_ok() {
            return Ok(U256::ZERO);
        }
        // An address no one holds: derived from the code, with a tag.
        let probe = Address::from_word(keccak256([b"suite:activation".as_slice(), code].concat()));
        let overrides: StateOverride = [
            (
                probe,
                AccountOverride {
                    code: Some(code.to_vec().into()),
                    ..AccountOverride::default()
                },
            ),
            (
                self.account(),
                AccountOverride {
                    balance: Some(U256::MAX),
                    ..AccountOverride::default()
                },
            ),
        ]
        .into_iter()
        .collect();
        let activate = ArbWasm::activateProgramCall { program: probe }.abi_encode();
        // One ether covers any program within the size limit.
        let value = U256::from(10).pow(U256::from(18));
        let output = self
            .call(ARB_WASM, activate, value, Some(&overrides))
            .await
            .map_err(|err| match err {
                Failure::WouldRevert(data) => anyhow::anyhow!(
                    "the chain would not activate it (ArbWasm reverted: 0x{})",
                    alloy_primitives::hex::encode(data)
                ),
                Failure::Other(err) => err.context("simulating the activation"),
            })?;
        let fee = ArbWasm::activateProgramCall::abi_decode_returns(&output, true)
            .context("decoding activateProgram's result")?
            .dataFee;
        // fee < 2^128 on any chain (it is paid in wei); the bump is small.
        Ok(fee.saturating_mul(U256::from(100 + bump_percent)) / U256::from(100))
    }

    /// What a view of `to` answers to `data` (an `eth_call` from the
    /// account).
    ///
    /// # Errors
    ///
    /// When the call reverts or the node fails.
    pub async fn view(&self, to: Address, data: Vec<u8>) -> Result<Bytes> {
        self.call(to, data, U256::ZERO, None)
            .await
            .map_err(|err| match err {
                Failure::WouldRevert(data) => {
                    anyhow::anyhow!("{to} reverted: 0x{}", alloy_primitives::hex::encode(data))
                }
                Failure::Other(err) => err,
            })
    }

    /// An `eth_call` from the account.
    async fn call(
        &self,
        to: Address,
        data: Vec<u8>,
        value: U256,
        overrides: Option<&StateOverride>,
    ) -> Result<Bytes, Failure> {
        let request = self.request(to, data, value);
        let call = self.provider.call(&request);
        let result = match overrides {
            Some(overrides) => call.overrides(overrides).await,
            None => call.await,
        };
        result.map_err(revert_or_other)
    }

    /// Signs and sends a call of `to` with `data` and `value`; returns its
    /// hash without waiting (see [`Chain::wait`]).
    ///
    /// # Errors
    ///
    /// [`Failure::WouldRevert`] when the node's estimate reverts (nothing
    /// is sent); [`Failure::Other`] when the node fails.
    pub async fn submit(
        &mut self,
        to: Address,
        data: Vec<u8>,
        value: U256,
    ) -> Result<B256, Failure> {
        let request = self.request(to, data.clone(), value);
        let gas = self
            .provider
            .estimate_gas(&request)
            .await
            .map_err(revert_or_other)?;
        let gas_price = self
            .provider
            .get_gas_price()
            .await
            .map_err(|err| Failure::Other(err.into()))?;
        let transaction = TxEip1559 {
            chain_id: self.chain_id,
            nonce: self.nonce,
            // A fifth over the estimate: Stylus gas varies with caching.
            gas_limit: gas.saturating_add(gas / 5),
            // Twice the current base fee: room for it to rise; Arbitrum
            // charges the base fee only.
            max_fee_per_gas: gas_price.saturating_mul(2),
            max_priority_fee_per_gas: 0,
            to: TxKind::Call(to),
            value,
            access_list: AccessList::default(),
            input: data.into(),
        };
        let signature = self
            .signer
            .sign_hash_sync(&transaction.signature_hash())
            .context("signing")?;
        let envelope = TxEnvelope::Eip1559(transaction.into_signed(signature));
        let hash = *envelope.tx_hash();
        let pending = self
            .provider
            .send_raw_transaction(&envelope.encoded_2718())
            .await
            .map_err(|err| Failure::Other(anyhow::Error::new(err).context("sending")))?;
        self.nonce += 1;
        if *pending.tx_hash() != hash {
            return Err(Failure::Other(anyhow::anyhow!(
                "the node names transaction {hash} {}",
                pending.tx_hash()
            )));
        }
        Ok(hash)
    }

    /// Waits for the receipt of `hash`, polling until the timeout, and
    /// checks the transaction succeeded.
    ///
    /// # Errors
    ///
    /// When the node fails, no receipt comes in time, or the transaction
    /// reverted.
    pub async fn wait(&self, hash: B256) -> Result<TransactionReceipt> {
        let receipt = self.receipt(hash).await?;
        if !receipt.status() {
            bail!(
                "transaction {hash} reverted once mined (block {})",
                receipt.block_number.unwrap_or_default()
            );
        }
        Ok(receipt)
    }

    /// The receipt of `hash` if it is mined.
    ///
    /// # Errors
    ///
    /// When the node fails.
    pub async fn receipt_if_mined(&self, hash: B256) -> Result<Option<TransactionReceipt>> {
        self.provider
            .get_transaction_receipt(hash)
            .await
            .with_context(|| format!("asking for the receipt of {hash}"))
    }

    /// Polls for the receipt of `hash` until the timeout.
    async fn receipt(&self, hash: B256) -> Result<TransactionReceipt> {
        let start = Instant::now();
        let mut pause = Duration::from_millis(100);
        loop {
            if let Some(receipt) = self.receipt_if_mined(hash).await? {
                return Ok(receipt);
            }
            if start.elapsed() > self.timeout {
                bail!(
                    "no receipt for {hash} after {} s: it may still be mined; check it, then \
                     run again with --resume",
                    self.timeout.as_secs()
                );
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_secs(2));
        }
    }

    /// A call request from the account.
    fn request(&self, to: Address, data: Vec<u8>, value: U256) -> TransactionRequest {
        TransactionRequest::default()
            .from(self.account())
            .to(to)
            .value(value)
            .input(TransactionInput::new(data.into()))
    }
}

/// An endpoint as it may be printed: scheme and host only, since
/// providers put API keys in the path or query.
#[must_use]
pub fn redacted(rpc: &str) -> String {
    match url::Url::parse(rpc) {
        Ok(url) => {
            let host = url.host_str().unwrap_or_default();
            let port = url
                .port()
                .map(|port| format!(":{port}"))
                .unwrap_or_default();
            let rest = if url.path().len() > 1 || url.query().is_some() {
                "/..."
            } else {
                ""
            };
            format!("{}://{host}{port}{rest}", url.scheme())
        }
        Err(_) => "the RPC endpoint".into(),
    }
}

/// An RPC error: its revert data when it has some.
fn revert_or_other(err: alloy_transport::TransportError) -> Failure {
    match err
        .as_error_resp()
        .and_then(|payload| payload.as_revert_data())
    {
        Some(data) => Failure::WouldRevert(data),
        None => Failure::Other(err.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacted_endpoints_keep_no_path_or_query() {
        assert_eq!(
            redacted("https://arb-sepolia.g.alchemy.com/v2/SECRET"),
            "https://arb-sepolia.g.alchemy.com/..."
        );
        assert_eq!(redacted("http://127.0.0.1:8547"), "http://127.0.0.1:8547");
        assert_eq!(
            redacted("https://rpc.example?key=SECRET"),
            "https://rpc.example/..."
        );
        assert_eq!(redacted("SECRET"), "the RPC endpoint");
    }
}
