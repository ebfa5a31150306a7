//! Deployment and wiring of the suite, and its cross-contract invariants.
use alloy_primitives::{address, Address, U256};
use compliance::Compliance;
use escrow::Escrow;
use identity_registry::IdentityRegistry;
use motsu::prelude::*;
use offering::Offering;
use token::Token;

/// motsu's fixed clock (2025-01-01).
pub const NOW: u64 = 1_735_689_600;
/// A day, in seconds.
pub const DAY: u64 = 86_400;
/// The claim topic that makes an investor accredited.
pub const ACCREDITED: U256 = U256::from_limbs([7, 0, 0, 0]);

/// Investor identities.
pub const ALICE_ID: Address = address!("00000000000000000000000000000000000a11ce");
pub const BOB_ID: Address = address!("0000000000000000000000000000000000000b0b");
pub const CAROL_ID: Address = address!("00000000000000000000000000000000000ca201");
/// The issuer's onchain identity.
pub const ISSUER_ID: Address = address!("0000000000000000000000000000000000001550");
/// ISO 3166-1 numeric codes.
pub const FRANCE: u16 = 250;
pub const GERMANY: u16 = 276;
pub const USA: u16 = 840;

/// The deployed, wired suite.
pub struct Suite<'a> {
    pub registry: &'a Contract<IdentityRegistry>,
    pub compliance: &'a Contract<Compliance>,
    pub token: &'a Contract<Token>,
    /// Owner of every contract.
    pub owner: Address,
    /// The issuer's operator: agent of the registry and the token.
    pub operator: Address,
}

/// Deploys the escrow (soft cap `soft_cap`, two milestones of 50 % due in
/// one and two days, `suite.owner` approving, `treasury` receiving) and an
/// ETH offering on the curve `10 + 2s` (token without decimals): 100
/// tokens, a raise cap of 1,000,000, a minimum of 10, caps of 100,000
/// (accredited by [`ACCREDITED`]) and 1,000, open since a day and for a
/// day. Wires them as the plan does: the offering deposits in the escrow,
/// both are token agents, the operator is an offering agent.
pub fn deploy_offering(
    suite: &Suite,
    escrow: &Contract<Escrow>,
    offering: &Contract<Offering>,
    treasury: Address,
    soft_cap: U256,
) {
    let owner = suite.owner;
    let token = suite.token.address();
    escrow
        .sender(owner)
        .constructor(
            owner,
            token,
            Address::ZERO,
            treasury,
            owner,
            soft_cap,
            vec![5_000, 5_000],
            vec![NOW + DAY, NOW + 2 * DAY],
        )
        .motsu_unwrap();
    let n = U256::from;
    offering
        .sender(owner)
        .constructor(
            owner,
            token,
            suite.registry.address(),
            escrow.address(),
            Address::ZERO,
            n(10),
            n(2),
            0,
            n(100),
            n(1_000_000),
            n(10),
            n(100_000),
            n(1_000),
            ACCREDITED,
            NOW - DAY,
            NOW + DAY,
        )
        .motsu_unwrap();
    escrow
        .sender(owner)
        .set_offering(offering.address())
        .motsu_unwrap();
    for agent in [offering.address(), escrow.address()] {
        suite
            .token
            .sender(owner)
            .roles
            .add_agent(agent)
            .motsu_unwrap();
    }
    offering
        .sender(owner)
        .roles
        .add_agent(suite.operator)
        .motsu_unwrap();
}

/// Deploys the registry, the compliance and the token (which the
/// compliance's owner binds), makes the token a registry agent (for recovery) and
/// `operator` an agent of both, and unpauses the token. The compliance
/// keeps its books (a holder cap switched on and off before any mint, as
/// any rule that needs them does), so that the invariants can compare
/// them with the token.
pub fn deploy<'a>(
    registry: &'a Contract<IdentityRegistry>,
    compliance: &'a Contract<Compliance>,
    token: &'a Contract<Token>,
    owner: Address,
    operator: Address,
) -> Suite<'a> {
    let suite = deploy_without_books(registry, compliance, token, owner, operator);
    for on in [true, false] {
        compliance
            .sender(owner)
            .set_max_holders(on, u32::MAX)
            .motsu_unwrap();
    }
    suite
}

/// Deploys as [`deploy`] does, with every compliance rule off and no books
/// kept.
pub fn deploy_without_books<'a>(
    registry: &'a Contract<IdentityRegistry>,
    compliance: &'a Contract<Compliance>,
    token: &'a Contract<Token>,
    owner: Address,
    operator: Address,
) -> Suite<'a> {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    compliance
        .sender(owner)
        .constructor(owner, registry.address())
        .motsu_unwrap();
    token
        .sender(owner)
        .constructor(
            owner,
            "Acme Fund".into(),
            "ACME".into(),
            18,
            registry.address(),
            compliance.address(),
            ISSUER_ID,
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
    for agent in [operator, token.address()] {
        registry.sender(owner).roles.add_agent(agent).motsu_unwrap();
    }
    token.sender(owner).roles.add_agent(operator).motsu_unwrap();
    token.sender(operator).unpause().motsu_unwrap();
    Suite {
        registry,
        compliance,
        token,
        owner,
        operator,
    }
}

impl Suite<'_> {
    /// Registers `wallet` for `identity` in `country`.
    pub fn register(&self, wallet: Address, identity: Address, country: u16) {
        self.registry
            .sender(self.operator)
            .register_identity(wallet, identity, country)
            .motsu_unwrap();
    }

    /// Mints `amount` to `wallet`.
    pub fn mint(&self, wallet: Address, amount: u64) {
        self.token
            .sender(self.operator)
            .mint(wallet, U256::from(amount))
            .motsu_unwrap();
    }

    /// `wallet`'s token balance.
    pub fn balance(&self, wallet: Address) -> U256 {
        self.token.sender(self.owner).balance_of(wallet)
    }

    /// Asserts the cross-contract invariants over `wallets` (every wallet
    /// that ever held tokens) and their `identities`: the token's supply is
    /// the sum of its balances and the compliance's supply; the
    /// compliance's books of each wallet and identity match the token's
    /// balances, under the identity the registry gives each wallet (the
    /// wallet itself when unregistered); the holder count is the number of
    /// identities holding tokens.
    pub fn assert_invariants(&self, wallets: &[Address], identities: &[Address]) {
        let token = self.token.sender(self.owner);
        let compliance = self.compliance.sender(self.owner);
        let mut sum = U256::ZERO;
        for &wallet in wallets {
            let balance = token.balance_of(wallet);
            sum += balance;
            assert_eq!(compliance.wallet_book(wallet).1, balance, "wallet {wallet}");
            if !balance.is_zero() {
                let registered = self.registry.sender(self.owner).identity(wallet);
                let expected = if registered.is_zero() {
                    wallet
                } else {
                    registered
                };
                assert_eq!(
                    compliance.wallet_book(wallet).0,
                    expected,
                    "booked {wallet}"
                );
            }
            assert!(token.get_frozen_tokens(wallet) <= balance);
        }
        assert_eq!(token.total_supply(), sum, "supply = sum of balances");
        assert_eq!(compliance.supply(), sum, "compliance supply");
        let mut holders = 0;
        for &identity in identities {
            let held: U256 = wallets
                .iter()
                .filter(|w| compliance.wallet_book(**w).0 == identity)
                .map(|w| token.balance_of(*w))
                .sum();
            assert_eq!(
                compliance.identity_balance(identity),
                held,
                "identity {identity}"
            );
            holders += u32::from(!held.is_zero());
        }
        assert_eq!(compliance.holder_count(), holders, "holders");
    }
}
