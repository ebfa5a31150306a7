//! Deployment and wiring of the suite, and its cross-contract invariants.
use alloy_primitives::{address, Address, U256};
use compliance::Compliance;
use identity_registry::IdentityRegistry;
use motsu::prelude::*;
use token::Token;

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

/// Deploys the registry, the compliance and the token (which the
/// compliance's owner binds), makes the token a registry agent (for recovery) and
/// `operator` an agent of both, and unpauses the token.
pub fn deploy<'a>(
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
    /// balances; the holder count is the number of identities holding
    /// tokens.
    pub fn assert_invariants(&self, wallets: &[Address], identities: &[Address]) {
        let token = self.token.sender(self.owner);
        let compliance = self.compliance.sender(self.owner);
        let mut sum = U256::ZERO;
        for &wallet in wallets {
            let balance = token.balance_of(wallet);
            sum += balance;
            assert_eq!(compliance.wallet_book(wallet).1, balance, "wallet {wallet}");
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
