//! motsu tests of the escrow, against the real identity registry, token
//! and compliance; the offering is an account depositing as the offering
//! does; treasuries and investors that receive ETH are test wallets.
mod abi;
mod deposits;
mod milestones;
mod refunds;

use ::identity_registry::IdentityRegistry;
use ::token::Token;
use alloy_primitives::{address, Address, U256};
pub(crate) use common::testing::eth_balance as eth;
use compliance::Compliance;
use motsu::prelude::*;

use crate::*;

/// motsu's fixed clock (2025-01-01).
pub(crate) const NOW: u64 = 1_735_689_600;
/// A day, in seconds.
pub(crate) const DAY: u64 = 86_400;
/// Identities.
pub(crate) const ALICE_ID: Address = address!("00000000000000000000000000000000000a11ce");
pub(crate) const BOB_ID: Address = address!("0000000000000000000000000000000000000b0b");

/// `value` as `U256`.
pub(crate) fn u(value: u64) -> U256 {
    U256::from(value)
}

/// The milestones' statuses.
pub(crate) fn statuses(escrow: &Contract<Escrow>, caller: Address) -> Vec<u8> {
    escrow
        .sender(caller)
        .milestones()
        .iter()
        .map(|m| m.2)
        .collect()
}

/// The escrow's terms in a test.
#[derive(Clone)]
pub(crate) struct Terms {
    pub asset: Address,
    pub treasury: Address,
    pub soft_cap: U256,
    pub shares: Vec<u16>,
    pub deadlines: Vec<u64>,
}

impl Terms {
    /// Three milestones (30%, 30%, 40%), all due after motsu's clock.
    pub fn new(asset: Address, treasury: Address) -> Self {
        Self {
            asset,
            treasury,
            soft_cap: u(1_000),
            shares: vec![3_000, 3_000, 4_000],
            deadlines: vec![NOW + DAY, NOW + 2 * DAY, NOW + 3 * DAY],
        }
    }
}

/// The escrow, its token, and the accounts around them.
pub(crate) struct Env<'a> {
    pub escrow: &'a Contract<Escrow>,
    pub token: &'a Contract<Token>,
    pub owner: Address,
    /// Deposits as the offering.
    pub offering: Address,
}

/// Deploys registry, compliance and token (owner as agent, escrow as
/// agent), and the escrow on `terms` with `offering` as depositor; the
/// `approver` is the owner.
pub(crate) fn deploy<'a>(
    escrow: &'a Contract<Escrow>,
    registry: &Contract<IdentityRegistry>,
    compliance: &Contract<Compliance>,
    token: &'a Contract<Token>,
    owner: Address,
    offering: Address,
    terms: Terms,
) -> Env<'a> {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    registry.sender(owner).roles.add_agent(owner).motsu_unwrap();
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
    for agent in [owner, escrow.address()] {
        token.sender(owner).roles.add_agent(agent).motsu_unwrap();
    }
    escrow
        .sender(owner)
        .constructor(
            owner,
            token.address(),
            terms.asset,
            terms.treasury,
            owner,
            terms.soft_cap,
            terms.shares,
            terms.deadlines,
        )
        .motsu_unwrap();
    escrow.sender(owner).set_offering(offering).motsu_unwrap();
    Env {
        escrow,
        token,
        owner,
        offering,
    }
}

impl Env<'_> {
    /// `investor` (registered for `identity`) buys `tokens` for `amount`
    /// ETH: the token mints, the offering deposits for the identity.
    pub fn buy_eth(
        &self,
        registry: &Contract<IdentityRegistry>,
        investor: Address,
        identity: Address,
        tokens: u64,
        amount: u64,
    ) {
        self.buy(registry, investor, identity, tokens);
        self.offering.fund(u(amount));
        self.escrow
            .sender_and_value(self.offering, u(amount))
            .deposit(identity, u(tokens), u(amount))
            .motsu_unwrap();
    }

    /// Registers `investor` (once) and mints it `tokens`.
    pub fn buy(
        &self,
        registry: &Contract<IdentityRegistry>,
        investor: Address,
        identity: Address,
        tokens: u64,
    ) {
        if !registry.sender(self.owner).contains(investor) {
            registry
                .sender(self.owner)
                .register_identity(investor, identity, 250)
                .motsu_unwrap();
        }
        self.token
            .sender(self.owner)
            .mint(investor, u(tokens))
            .motsu_unwrap();
    }

    /// The offering closes the raise.
    pub fn close(&self) {
        self.escrow
            .sender(self.offering)
            .close_raise()
            .motsu_unwrap();
    }

    /// The approver approves milestone `index`.
    pub fn approve(&self, index: u64) {
        self.escrow
            .sender(self.owner)
            .approve_milestone(u(index))
            .motsu_unwrap();
    }

    /// Registers `wallet` (once) for `identity`, verified: a wallet of the
    /// investor that may receive its refunds.
    pub fn wallet_of(
        &self,
        registry: &Contract<IdentityRegistry>,
        wallet: Address,
        identity: Address,
    ) {
        self.buy(registry, wallet, identity, 0);
    }

    /// Asserts the escrow's invariants: it holds what it owes to the
    /// treasury and to the `investors` (identities); released plus
    /// refunded never exceeds deposited.
    pub fn assert_invariants(&self, investors: &[Address]) {
        let view = self.escrow.sender(self.owner);
        let (deposited, released, withdrawn, refunded) = view.totals();
        assert!(released + refunded <= deposited);
        assert!(withdrawn <= released);
        let owed_refunds: U256 = investors.iter().map(|i| view.refundable(*i).unwrap()).sum();
        let owed = released - withdrawn + owed_refunds;
        let held = deposited - withdrawn - refunded;
        assert!(held >= owed, "holds {held}, owes {owed}");
    }
}
