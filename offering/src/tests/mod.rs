//! motsu tests of the offering, against the real identity registry, token
//! and compliance, a recording escrow ([`MockEscrow`]), and the shared test
//! ERC-20 and wallet.
mod abi;
mod gates;
mod properties;
mod purchases;

use ::identity_registry::IdentityRegistry;
use ::token::Token;
use alloy_primitives::{address, uint, Address, B256, U256};
pub(crate) use common::testing::eth_balance as eth;
use compliance::Compliance;
use motsu::prelude::*;
use stylus_sdk::{
    prelude::*,
    storage::{StorageBool, StorageMap, StorageU256},
};

use crate::*;

/// motsu's fixed clock (2025-01-01).
pub(crate) const NOW: u64 = 1_735_689_600;
/// A day, in seconds.
pub(crate) const DAY: u64 = 86_400;
/// The accreditation claim topic.
pub(crate) const ACCREDITED: U256 = uint!(7_U256);
/// Identities.
pub(crate) const ALICE_ID: Address = address!("00000000000000000000000000000000000a11ce");
pub(crate) const BOB_ID: Address = address!("0000000000000000000000000000000000000b0b");
/// France.
pub(crate) const FRANCE: u16 = 250;

/// An escrow that records deposits and closing.
#[storage]
pub struct MockEscrow {
    /// Investor -> paid.
    paid: StorageMap<Address, StorageU256>,
    /// Investor -> tokens bought.
    tokens: StorageMap<Address, StorageU256>,
    /// Whether the raise was closed.
    closed: StorageBool,
}

unsafe impl TopLevelStorage for MockEscrow {}

#[public]
impl MockEscrow {
    #[payable]
    fn deposit(&mut self, investor: Address, tokens: U256, amount: U256) {
        let paid = self.paid.get(investor);
        self.paid.insert(investor, paid + amount);
        let bought = self.tokens.get(investor);
        self.tokens.insert(investor, bought + tokens);
    }

    fn close_raise(&mut self) {
        self.closed.set(true);
    }

    fn deposited(&self, investor: Address) -> (U256, U256) {
        (self.paid.get(investor), self.tokens.get(investor))
    }

    fn raise_closed(&self) -> bool {
        self.closed.get()
    }
}

/// The terms of a test offering: the curve `10 + 2s` on a token without
/// decimals, 100 tokens, a raise cap of 100,000, a minimum of 10, caps of
/// 5,000 (accredited) and 500 (not), open from `start` until `end`.
#[derive(Clone, Copy)]
pub(crate) struct Terms {
    pub asset: Address,
    pub start: u64,
    pub end: u64,
    pub raise_cap: U256,
    pub hard_cap: U256,
    pub min_investment: U256,
}

impl Default for Terms {
    fn default() -> Self {
        Self {
            asset: Address::ZERO,
            start: NOW - DAY,
            end: NOW + DAY,
            raise_cap: U256::from(100_000),
            hard_cap: U256::from(100),
            min_investment: U256::from(10),
        }
    }
}

/// The suite around the offering.
pub(crate) struct Env<'a> {
    pub registry: &'a Contract<IdentityRegistry>,
    pub token: &'a Contract<Token>,
    pub owner: Address,
}

/// Deploys registry, compliance, token (the offering as agent), escrow
/// and the offering on `terms`; `owner` owns everything, is an agent of
/// the registry and the offering, and issues accreditation claims.
pub(crate) fn deploy<'a>(
    offering: &'a Contract<Offering>,
    registry: &'a Contract<IdentityRegistry>,
    compliance: &Contract<Compliance>,
    token: &'a Contract<Token>,
    escrow: &'a Contract<MockEscrow>,
    owner: Address,
    terms: Terms,
) -> Env<'a> {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    registry.sender(owner).roles.add_agent(owner).motsu_unwrap();
    registry
        .sender(owner)
        .add_trusted_issuer(owner, vec![ACCREDITED])
        .motsu_unwrap();
    compliance
        .sender(owner)
        .constructor(owner, registry.address())
        .motsu_unwrap();
    token
        .sender(owner)
        .constructor(
            owner,
            "Acme".into(),
            "ACME".into(),
            0,
            registry.address(),
            compliance.address(),
            Address::ZERO,
        )
        .motsu_unwrap();
    compliance
        .sender(owner)
        .bind_token(token.address())
        .motsu_unwrap();
    registry
        .sender(owner)
        .add_compliance(compliance.address())
        .motsu_unwrap();
    token
        .sender(owner)
        .roles
        .add_agent(offering.address())
        .motsu_unwrap();
    offering
        .sender(owner)
        .constructor(
            owner,
            token.address(),
            registry.address(),
            escrow.address(),
            terms.asset,
            U256::from(10),
            U256::from(2),
            0,
            terms.hard_cap,
            terms.raise_cap,
            terms.min_investment,
            U256::from(5_000),
            U256::from(500),
            ACCREDITED,
            terms.start,
            terms.end,
        )
        .motsu_unwrap();
    offering.sender(owner).roles.add_agent(owner).motsu_unwrap();
    Env {
        registry,
        token,
        owner,
    }
}

impl Env<'_> {
    /// Registers `wallet` for `identity`.
    pub fn register(&self, wallet: Address, identity: Address) {
        self.registry
            .sender(self.owner)
            .register_identity(wallet, identity, FRANCE)
            .motsu_unwrap();
    }

    /// Makes `identity` accredited for a year.
    pub fn accredit(&self, identity: Address) {
        self.registry
            .sender(self.owner)
            .add_claim(identity, ACCREDITED, NOW + 365 * DAY, B256::ZERO)
            .motsu_unwrap();
    }

    /// `wallet`'s token balance.
    pub fn tokens(&self, wallet: Address) -> U256 {
        self.token.sender(self.owner).balance_of(wallet)
    }
}
