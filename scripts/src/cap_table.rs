//! `suite cap-table`: the holders of a deployment's token at a block,
//! rebuilt from the token's events (no archive node needed), grouped by
//! investor identity.
//!
//! Balances, wallet freezes and frozen tokens at block N come from
//! replaying the token's `Transfer`, `AddressFrozen`, `TokensFrozen` and
//! `TokensUnfrozen` logs from the deployment's first block to N, read in
//! chunks. Each holding wallet's identity, country and accreditation (a
//! valid claim of the offering's accreditation topic) are the registry's as
//! of the latest block, and its locked tokens the compliance's current
//! lock-ups still running at block N's time: the registry's events do not
//! carry everything (a registration's country, an identity update's
//! wallet), so a wallet the registry changed after block N is named in the
//! warnings.
use std::collections::BTreeMap;

use alloy_dyn_abi::DynSolValue;
use alloy_json_abi::JsonAbi;
use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::{sol, SolEvent};
use anyhow::{bail, Context, Result};
use serde::Serialize;
use serde_json::{json, Value};

use crate::{book::AddressBook, chain::Chain, out};

sol! {
    event Transfer(address indexed from, address indexed to, uint256 value);
    event AddressFrozen(address indexed _userAddress, bool indexed _isFrozen, address indexed _owner);
    event TokensFrozen(address indexed _userAddress, uint256 _amount);
    event TokensUnfrozen(address indexed _userAddress, uint256 _amount);
    event IdentityRegistered(address indexed investorAddress, address indexed identity);
    event IdentityRemoved(address indexed investorAddress, address indexed identity);
    event CountryUpdated(address indexed investorAddress, uint16 indexed country);
    event WalletSynced(address indexed wallet, address indexed identity, uint16 country);
}

/// The token's state replayed from its logs.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Ledger {
    /// Wallet -> balance.
    pub balances: BTreeMap<Address, U256>,
    /// Wallets frozen.
    pub frozen: BTreeMap<Address, bool>,
    /// Wallet -> frozen tokens.
    pub frozen_tokens: BTreeMap<Address, U256>,
    /// Minted less burnt.
    pub supply: U256,
}

impl Ledger {
    /// Applies one of the token's logs (others are ignored).
    ///
    /// # Errors
    ///
    /// When a log does not decode, or moves more than a wallet holds (the
    /// logs are not the token's, or some are missing).
    pub fn apply(&mut self, topics: &[B256], data: &[u8]) -> Result<()> {
        let Some(&topic0) = topics.first() else {
            return Ok(());
        };
        if topic0 == Transfer::SIGNATURE_HASH {
            let event = Transfer::decode_raw_log(topics.iter().copied(), data, true)?;
            if event.from.is_zero() {
                self.supply += event.value;
            } else {
                let held = self.balances.entry(event.from).or_default();
                *held = held
                    .checked_sub(event.value)
                    .with_context(|| format!("{} sends more than it holds", event.from))?;
            }
            if event.to.is_zero() {
                self.supply -= event.value.min(self.supply);
            } else {
                *self.balances.entry(event.to).or_default() += event.value;
            }
        } else if topic0 == AddressFrozen::SIGNATURE_HASH {
            let event = AddressFrozen::decode_raw_log(topics.iter().copied(), data, true)?;
            self.frozen.insert(event._userAddress, event._isFrozen);
        } else if topic0 == TokensFrozen::SIGNATURE_HASH {
            let event = TokensFrozen::decode_raw_log(topics.iter().copied(), data, true)?;
            *self.frozen_tokens.entry(event._userAddress).or_default() += event._amount;
        } else if topic0 == TokensUnfrozen::SIGNATURE_HASH {
            let event = TokensUnfrozen::decode_raw_log(topics.iter().copied(), data, true)?;
            let frozen = self.frozen_tokens.entry(event._userAddress).or_default();
            *frozen = frozen.saturating_sub(event._amount);
        }
        Ok(())
    }
}

/// A holding wallet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holder {
    /// The investor identity (zero: the wallet is not registered).
    pub identity: Address,
    pub wallet: Address,
    /// ISO 3166-1 numeric country (0: unregistered).
    pub country: u16,
    #[serde(serialize_with = "decimal")]
    pub balance: U256,
    /// The wallet is frozen.
    pub frozen: bool,
    /// Tokens frozen in the wallet.
    #[serde(serialize_with = "decimal")]
    pub frozen_tokens: U256,
    /// Tokens still locked up at the block's time.
    #[serde(serialize_with = "decimal")]
    pub locked: U256,
    /// The identity holds a valid accreditation claim (None: no offering
    /// names an accreditation topic).
    pub accredited: Option<bool>,
}

/// A `U256` as a decimal string.
fn decimal<S: serde::Serializer>(value: &U256, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.to_string())
}

/// The holders at a block.
#[derive(Debug, Clone, Serialize)]
pub struct CapTable {
    /// The block.
    pub block: u64,
    /// Holding wallets, by identity, then wallet.
    pub holders: Vec<Holder>,
    /// Minted less burnt, from the logs.
    #[serde(serialize_with = "decimal")]
    pub supply: U256,
    /// What the table may not show as it was at the block.
    pub warnings: Vec<String>,
}

impl CapTable {
    /// Each identity's tokens (a wallet without identity counts as its own).
    #[must_use]
    pub fn by_identity(&self) -> BTreeMap<Address, U256> {
        let mut held = BTreeMap::new();
        for holder in &self.holders {
            let owner = if holder.identity.is_zero() {
                holder.wallet
            } else {
                holder.identity
            };
            *held.entry(owner).or_insert(U256::ZERO) += holder.balance;
        }
        held
    }

    /// Per country: identities holding, and their tokens.
    #[must_use]
    pub fn countries(&self) -> BTreeMap<u16, (usize, U256)> {
        let mut identities: BTreeMap<u16, std::collections::BTreeSet<Address>> = BTreeMap::new();
        let mut tokens: BTreeMap<u16, U256> = BTreeMap::new();
        for holder in &self.holders {
            identities
                .entry(holder.country)
                .or_default()
                .insert(holder.identity);
            *tokens.entry(holder.country).or_default() += holder.balance;
        }
        identities
            .into_iter()
            .map(|(country, ids)| (country, (ids.len(), tokens[&country])))
            .collect()
    }

    /// The table as CSV: one line per wallet, then one per country.
    #[must_use]
    pub fn csv(&self) -> String {
        let mut csv = String::from(
            "identity,wallet,country,balance,frozen,frozen_tokens,locked,accredited\n",
        );
        for h in &self.holders {
            csv.push_str(&format!(
                "{},{},{},{},{},{},{},{}\n",
                h.identity,
                h.wallet,
                h.country,
                h.balance,
                h.frozen,
                h.frozen_tokens,
                h.locked,
                h.accredited.map_or(String::new(), |a| a.to_string())
            ));
        }
        csv.push_str("\ncountry,identities,tokens\n");
        for (country, (identities, tokens)) in self.countries() {
            csv.push_str(&format!("{country},{identities},{tokens}\n"));
        }
        csv
    }

    /// The table as JSON, with the totals per country.
    #[must_use]
    pub fn json(&self) -> Value {
        let countries: Vec<Value> = self
            .countries()
            .into_iter()
            .map(|(country, (identities, tokens))| {
                json!({"country": country, "identities": identities, "tokens": tokens.to_string()})
            })
            .collect();
        json!({
            "block": self.block,
            "supply": self.supply.to_string(),
            "holders": self.holders,
            "countries": countries,
            "warnings": self.warnings,
        })
    }
}

/// Reads the cap table of the deployment whose address book is `book`,
/// at `block` (the latest when `None`), reading logs from `start` in
/// chunks of `chunk` blocks.
///
/// # Errors
///
/// When the node fails, the book lacks the token or the registry, or the
/// logs do not add up.
pub async fn read(
    chain: &Chain,
    book: &AddressBook,
    abis: &BTreeMap<String, JsonAbi>,
    start: u64,
    block: Option<u64>,
    chunk: u64,
) -> Result<CapTable> {
    let address = |name: &str| -> Result<Address> {
        book.addresses
            .get(name)
            .copied()
            .with_context(|| format!("the address book has no {name}"))
    };
    let (token, registry) = (address("token")?, address("identity-registry")?);
    let latest = chain.block_number().await?;
    let block = block.unwrap_or(latest);
    if block > latest {
        bail!("block {block} is ahead of the chain (latest {latest})");
    }
    let token_events = [
        Transfer::SIGNATURE_HASH,
        AddressFrozen::SIGNATURE_HASH,
        TokensFrozen::SIGNATURE_HASH,
        TokensUnfrozen::SIGNATURE_HASH,
    ];
    let wallet_events = [
        IdentityRegistered::SIGNATURE_HASH,
        IdentityRemoved::SIGNATURE_HASH,
        CountryUpdated::SIGNATURE_HASH,
        WalletSynced::SIGNATURE_HASH,
    ];
    let mut watched = vec![registry];
    watched.extend(book.addresses.get("compliance"));
    let mut ledger = Ledger::default();
    let mut changed_after: BTreeMap<Address, u64> = BTreeMap::new();
    let chunk = chunk.max(1);
    let progress = out::bar(latest.saturating_sub(start) + 1, "reading logs");
    let mut from = start;
    while from <= latest {
        let to = from.saturating_add(chunk - 1).min(latest);
        if from <= block {
            for log in chain
                .logs(&[token], &token_events, (from, to.min(block)))
                .await?
            {
                ledger.apply(log.topics(), &log.data().data)?;
            }
        }
        if to > block {
            for log in chain
                .logs(&watched, &wallet_events, (from.max(block + 1), to))
                .await?
            {
                if let (Some(wallet), Some(number)) = (log.topics().get(1), log.block_number) {
                    changed_after
                        .entry(Address::from_word(*wallet))
                        .or_insert(number);
                }
            }
        }
        progress.inc(to - from + 1);
        from = to + 1;
    }
    progress.finish_and_clear();

    let view = |name: &'static str, function: &'static str, args: Vec<DynSolValue>| {
        let to = address(name);
        async move {
            let function = abis
                .get(name)
                .and_then(|abi| abi.function(function))
                .and_then(|f| f.first())
                .with_context(|| format!("{name} has no {function}"))?;
            let data = alloy_dyn_abi::JsonAbiExt::abi_encode_input(function, &args)?;
            let answer = chain.view(to?, data).await?;
            Ok::<_, anyhow::Error>(alloy_dyn_abi::FunctionExt::abi_decode_output(
                function, &answer, true,
            )?)
        }
    };
    let topic = if book.addresses.contains_key("offering") {
        let terms = view("offering", "terms", vec![]).await?;
        terms.get(8).and_then(DynSolValue::as_uint).map(|(t, _)| t)
    } else {
        None
    };
    let time = chain.block_timestamp(block).await?;
    let mut holders = Vec::new();
    let mut warnings = Vec::new();
    for (&wallet, &balance) in ledger.balances.iter().filter(|(_, b)| !b.is_zero()) {
        let identity = view(
            "identity-registry",
            "identity",
            vec![DynSolValue::Address(wallet)],
        )
        .await?
        .first()
        .and_then(DynSolValue::as_address)
        .unwrap_or_default();
        let country = view(
            "identity-registry",
            "investorCountry",
            vec![DynSolValue::Address(wallet)],
        )
        .await?
        .first()
        .and_then(DynSolValue::as_uint)
        .map_or(0, |(c, _)| c.saturating_to::<u16>());
        let accredited = match topic {
            Some(topic) if !identity.is_zero() => Some(
                view(
                    "identity-registry",
                    "isClaimValid",
                    vec![
                        DynSolValue::Address(identity),
                        DynSolValue::Uint(topic, 256),
                    ],
                )
                .await?
                .first()
                .and_then(DynSolValue::as_bool)
                .unwrap_or(false),
            ),
            Some(_) => Some(false),
            None => None,
        };
        let mut locked = U256::ZERO;
        if book.addresses.contains_key("compliance") {
            let entries = view("compliance", "lockUps", vec![DynSolValue::Address(wallet)]).await?;
            for entry in entries
                .first()
                .and_then(DynSolValue::as_array)
                .unwrap_or_default()
            {
                if let Some([release, amount]) = entry.as_tuple() {
                    let release = release
                        .as_uint()
                        .map_or(0, |(r, _)| r.saturating_to::<u64>());
                    if release > time {
                        locked += amount.as_uint().map_or(U256::ZERO, |(a, _)| a);
                    }
                }
            }
        }
        if let Some(number) = changed_after.get(&wallet) {
            warnings.push(format!(
                "{wallet}: the registry changed it at block {number}, after {block}: its identity \
                 and country are as of now"
            ));
        }
        holders.push(Holder {
            identity,
            wallet,
            country,
            balance,
            frozen: ledger.frozen.get(&wallet).copied().unwrap_or(false),
            frozen_tokens: ledger
                .frozen_tokens
                .get(&wallet)
                .copied()
                .unwrap_or_default(),
            locked: locked.min(balance),
            accredited,
        });
    }
    holders.sort_by_key(|h| (h.identity, h.wallet));
    let held: U256 = holders.iter().map(|h| h.balance).sum();
    if held != ledger.supply {
        bail!(
            "the logs do not add up: holders hold {held}, minted less burnt is {}",
            ledger.supply
        );
    }
    Ok(CapTable {
        block,
        holders,
        supply: ledger.supply,
        warnings,
    })
}

/// The first block of the deployment recorded in `dir` (its
/// `deployment.json`), or 0.
#[must_use]
pub fn first_block(dir: &std::path::Path) -> u64 {
    std::fs::read_to_string(dir.join("deployment.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .and_then(|record| record["done"][0]["block"].as_u64())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use alloy_primitives::address;
    use alloy_sol_types::SolEvent;

    use super::*;

    const A: Address = address!("00000000000000000000000000000000000000aa");
    const B: Address = address!("00000000000000000000000000000000000000bb");

    /// `event`'s topics and data, as a log carries them.
    fn log<E: SolEvent>(event: &E) -> (Vec<B256>, Vec<u8>) {
        let data = event.encode_log_data();
        (data.topics().to_vec(), data.data.to_vec())
    }

    #[test]
    fn recorded_logs_replay_into_balances_freezes_and_supply() {
        let mut ledger = Ledger::default();
        let logs = [
            log(&Transfer {
                from: Address::ZERO,
                to: A,
                value: U256::from(100),
            }),
            log(&Transfer {
                from: A,
                to: B,
                value: U256::from(30),
            }),
            log(&TokensFrozen {
                _userAddress: B,
                _amount: U256::from(10),
            }),
            log(&AddressFrozen {
                _userAddress: A,
                _isFrozen: true,
                _owner: B,
            }),
            log(&Transfer {
                from: B,
                to: Address::ZERO,
                value: U256::from(5),
            }),
            log(&TokensUnfrozen {
                _userAddress: B,
                _amount: U256::from(4),
            }),
        ];
        for (topics, data) in &logs {
            ledger.apply(topics, data).unwrap();
        }
        assert_eq!(ledger.balances[&A], U256::from(70));
        assert_eq!(ledger.balances[&B], U256::from(25));
        assert_eq!(ledger.supply, U256::from(95));
        assert_eq!(ledger.frozen_tokens[&B], U256::from(6));
        assert!(ledger.frozen[&A]);
        // Unknown logs are ignored; a transfer beyond a balance is refused.
        ledger.apply(&[B256::repeat_byte(1)], &[]).unwrap();
        let (topics, data) = log(&Transfer {
            from: B,
            to: A,
            value: U256::from(26),
        });
        assert!(ledger.apply(&topics, &data).is_err());
    }

    #[test]
    fn tables_group_by_identity_and_total_per_country() {
        let holder = |identity: Address, wallet: Address, country: u16, balance: u64| Holder {
            identity,
            wallet,
            country,
            balance: U256::from(balance),
            frozen: false,
            frozen_tokens: U256::ZERO,
            locked: U256::ZERO,
            accredited: Some(true),
        };
        let table = CapTable {
            block: 9,
            holders: vec![
                holder(
                    A,
                    address!("00000000000000000000000000000000000000a1"),
                    250,
                    10,
                ),
                holder(
                    A,
                    address!("00000000000000000000000000000000000000a2"),
                    250,
                    5,
                ),
                holder(
                    B,
                    address!("00000000000000000000000000000000000000b1"),
                    840,
                    7,
                ),
            ],
            supply: U256::from(22),
            warnings: vec![],
        };
        assert_eq!(table.by_identity()[&A], U256::from(15));
        assert_eq!(table.countries()[&250], (1, U256::from(15)));
        assert_eq!(table.countries()[&840], (1, U256::from(7)));
        let csv = table.csv();
        assert!(csv.starts_with(
            "identity,wallet,country,balance,frozen,frozen_tokens,locked,accredited\n"
        ));
        assert!(csv.contains("\ncountry,identities,tokens\n250,1,15\n840,1,7\n"));
        assert_eq!(table.json()["holders"][2]["balance"], "7");
    }
}
