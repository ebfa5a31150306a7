//! motsu tests of the distribution contract, against the real identity
//! registry, compliance and token; a stablecoin and smart-contract wallets
//! from `common::testing`.
//!
//! motsu's clock is fixed (2025-01-01): what happens after a deadline or a
//! window is tested on the shipped wasm (`scripts/src/scenario/tests.rs`),
//! whose clock moves. A motsu call to an account without code aborts the
//! test binary, so ETH goes only to wallet contracts; most tests pay in
//! the test stablecoin.
mod abi;
mod distributions;
mod properties;
mod redemptions;

use ::identity_registry::IdentityRegistry;
use ::token::Token;
use alloy_primitives::{address, keccak256, Address, B256, U256};
use alloy_sol_types::SolCall;
use common::merkle::{self, Tree};
pub(crate) use common::testing::eth_balance as eth;
use common::testing::{MockErc20, Wallet};
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
pub(crate) const CAROL_ID: Address = address!("00000000000000000000000000000000000ca201");

/// `value` as `U256`.
pub(crate) fn u(value: u64) -> U256 {
    U256::from(value)
}

/// A Merkle tree of entitlements `(index, identity, amount)`, leaf `i` for
/// `entitlements[i]`, as `suite distribution` writes it.
pub(crate) struct Entitlements {
    pub tree: Tree,
    pub amounts: Vec<(Address, U256)>,
}

impl Entitlements {
    pub fn new(amounts: &[(Address, u64)]) -> Self {
        let amounts: Vec<(Address, U256)> = amounts.iter().map(|(i, a)| (*i, u(*a))).collect();
        Self::of(&amounts)
    }

    /// As [`Self::new`], of any amounts.
    pub fn of(amounts: &[(Address, U256)]) -> Self {
        let keccak = |data: &[u8]| keccak256(data);
        let leaves: Vec<B256> = amounts
            .iter()
            .enumerate()
            .map(|(i, (identity, amount))| {
                merkle::leaf(
                    &keccak,
                    &[u(i as u64).into(), identity.into_word(), (*amount).into()],
                )
            })
            .collect();
        Self {
            tree: Tree::new(&keccak, &leaves).unwrap(),
            amounts: amounts.to_vec(),
        }
    }

    pub fn root(&self) -> B256 {
        self.tree.root()
    }

    /// `(index, amount, proof)` of leaf `i`.
    pub fn claim(&self, i: usize) -> (U256, U256, Vec<B256>) {
        (u(i as u64), self.amounts[i].1, self.tree.proof(i).unwrap())
    }

    /// The sum of the entitlements.
    pub fn total(&self) -> U256 {
        self.amounts.iter().map(|(_, a)| *a).sum()
    }
}

/// The distribution contract, its token, and the accounts around them.
pub(crate) struct Env<'a> {
    pub distribution: &'a Contract<Distribution>,
    pub token: &'a Contract<Token>,
    pub registry: &'a Contract<IdentityRegistry>,
    /// The stablecoin most tests pay in; the owner holds plenty.
    pub usdc: &'a Contract<MockErc20>,
    /// Owner of everything and agent of the token.
    pub owner: Address,
}

/// Deploys registry, compliance and a token of `decimals` (owner and the
/// distribution contract its agents), and the distribution contract; the
/// owner holds plenty of the stablecoin, approved to the distribution.
#[allow(clippy::too_many_arguments)] // The contracts of a test, one each.
pub(crate) fn deploy<'a>(
    distribution: &'a Contract<Distribution>,
    registry: &'a Contract<IdentityRegistry>,
    compliance: &Contract<Compliance>,
    token: &'a Contract<Token>,
    usdc: &'a Contract<MockErc20>,
    owner: Address,
    treasury: Address,
    decimals: u8,
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
            decimals,
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
    for agent in [owner, distribution.address()] {
        token.sender(owner).roles.add_agent(agent).motsu_unwrap();
    }
    token.sender(owner).unpause().motsu_unwrap();
    distribution
        .sender(owner)
        .constructor(owner, token.address(), treasury)
        .motsu_unwrap();
    usdc.sender(owner).mint(owner, u(1_000_000_000));
    usdc.sender(owner)
        .approve(distribution.address(), U256::MAX);
    Env {
        distribution,
        token,
        registry,
        usdc,
        owner,
    }
}

impl Env<'_> {
    /// Registers `wallet` (once) for `identity`, verified (the registry
    /// requires no claim here), and mints it `tokens`.
    pub fn holder(&self, wallet: Address, identity: Address, tokens: u64) {
        if !self.registry.sender(self.owner).contains(wallet) {
            self.registry
                .sender(self.owner)
                .register_identity(wallet, identity, 250)
                .motsu_unwrap();
        }
        if tokens > 0 {
            self.token
                .sender(self.owner)
                .mint(wallet, u(tokens))
                .motsu_unwrap();
        }
    }

    /// A distribution in the stablecoin of `entitlements`' total,
    /// claimable until tomorrow; its id.
    pub fn distribution(&self, entitlements: &Entitlements) -> U256 {
        self.distribution_in(false, entitlements)
    }

    /// As [`Self::distribution`], in ETH when `in_eth`.
    pub fn distribution_in(&self, in_eth: bool, entitlements: &Entitlements) -> U256 {
        let total = entitlements.total();
        let (asset, value) = if !in_eth {
            (self.usdc.address(), U256::ZERO)
        } else {
            self.owner.fund(total);
            (Address::ZERO, total)
        };
        self.distribution
            .sender_and_value(self.owner, value)
            .create_distribution(
                asset,
                total,
                entitlements.root(),
                1_000,
                NOW + DAY,
                "ipfs://dividend-2025".into(),
            )
            .motsu_unwrap()
    }

    /// A redemption in the stablecoin at `price` per whole token from a
    /// pool of `pool`, open now until tomorrow; its id.
    pub fn redemption(&self, price: u64, pool: u64) -> U256 {
        self.distribution
            .sender(self.owner)
            .create_redemption(self.usdc.address(), u(price), u(pool), NOW, NOW + DAY)
            .motsu_unwrap()
    }

    /// `account`'s stablecoin balance.
    pub fn usdc_of(&self, account: Address) -> U256 {
        self.usdc.sender(self.owner).balance_of(account)
    }

    /// `wallet` claims leaf `i` of distribution `id`.
    pub fn claim(
        &self,
        id: U256,
        wallet: Address,
        entitlements: &Entitlements,
        i: usize,
    ) -> Result<(), Error> {
        let (index, amount, proof) = entitlements.claim(i);
        self.distribution
            .sender(wallet)
            .claim(id, index, amount, proof)
            .motsu_res()
    }

    /// The token balance of `wallet`.
    pub fn balance(&self, wallet: Address) -> U256 {
        self.token.sender(self.owner).balance_of(wallet)
    }
}

/// `wallet` (a smart-contract wallet) sends `call` to the distribution
/// contract.
pub(crate) fn through<C: SolCall>(
    wallet: &Contract<Wallet>,
    distribution: &Contract<Distribution>,
    call: &C,
) -> Result<stylus_sdk::abi::Bytes, Vec<u8>> {
    wallet
        .sender(Address::ZERO)
        .forward(distribution.address(), call.abi_encode().into())
        .motsu_res()
}
