//! motsu tests of the token, one file per concern, against the real
//! identity registry and a recording compliance ([`MockCompliance`]) that
//! can be told to refuse transfers or to revert in its hooks.
mod abi;
mod agent;
mod allowances;
mod batch;
mod freeze;
mod recovery;
mod settings;
mod transfer;

use alloc::{string::String, vec::Vec};

use alloy_primitives::{address, uint, Address, U256};
use alloy_sol_types::{sol, SolError};
use identity_registry::IdentityRegistry;
use motsu::prelude::*;
use stylus_sdk::{
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageMap, StorageU256},
};

use crate::*;

/// The investor identity of Alice's wallets.
pub(crate) const ALICE_ID: Address = address!("00000000000000000000000000000000000a11ce");
/// The investor identity of Bob's wallets.
pub(crate) const BOB_ID: Address = address!("0000000000000000000000000000000000000b0b");
/// The issuer's onchain identity.
pub(crate) const ISSUER_ID: Address = address!("0000000000000000000000000000000000001550");
/// An ISO 3166-1 country code (France).
pub(crate) const FRANCE: u16 = 250;
/// A round amount.
pub(crate) const THOUSAND: U256 = uint!(1000_U256);

sol! {
    /// The mock compliance reverts in a hook.
    #[derive(Debug, PartialEq)]
    error MockHookReverted();
    /// A hook came from an account other than the bound token.
    #[derive(Debug, PartialEq)]
    error MockNotBoundToken(address caller);
}

/// A compliance that answers `canTransfer` as told, records what its hooks
/// report (balances per wallet and a count per hook), and reverts in its
/// hooks when told to.
#[storage]
pub struct MockCompliance {
    /// The bound token.
    token: StorageAddress,
    /// Whether `canTransfer` answers false.
    refuse: StorageBool,
    /// Whether the hooks revert.
    revert_hooks: StorageBool,
    /// Wallet -> balance as the hooks reported it.
    balances: StorageMap<Address, StorageU256>,
    /// Number of `transferred` calls.
    transfers: StorageU256,
    /// Number of `created` calls.
    creations: StorageU256,
    /// Number of `destroyed` calls.
    destructions: StorageU256,
    /// The recipient identity `checkAndRecord` was last given.
    last_identity: StorageAddress,
    /// The recipient country `checkAndRecord` was last given.
    last_country: StorageU256,
    /// The sender identity `checkAndRecord` was last given.
    last_sender_identity: StorageAddress,
    /// Whether `checkAndRecord` answers that it wants the sender's identity.
    wants_sender: StorageBool,
}

unsafe impl TopLevelStorage for MockCompliance {}

#[public]
impl MockCompliance {
    fn bind_token(&mut self, token: Address) {
        self.token.set(token);
    }

    fn unbind_token(&mut self, token: Address) -> Result<(), Vec<u8>> {
        if token != self.token.get() {
            return Err(MockNotBoundToken { caller: token }.abi_encode());
        }
        self.token.set(Address::ZERO);
        Ok(())
    }

    fn get_token_bound(&self) -> Address {
        self.token.get()
    }

    fn can_transfer(&self, _from: Address, _to: Address, _amount: U256) -> bool {
        !self.refuse.get()
    }

    /// `canTransfer` then, when it passes, `transferred` or (from zero)
    /// `created`; remembers the identities and country given, and answers
    /// that it wants the sender's identity as told.
    fn check_and_record(
        &mut self,
        from: Address,
        to: Address,
        amount: U256,
        from_identity: Address,
        to_identity: Address,
        to_country: u16,
    ) -> Result<(bool, bool), Vec<u8>> {
        self.hook()?;
        self.last_sender_identity.set(from_identity);
        self.last_identity.set(to_identity);
        self.last_country.set(U256::from(to_country));
        let wants = self.wants_sender.get();
        if self.refuse.get() {
            return Ok((false, wants));
        }
        if from.is_zero() {
            self.created(to, amount)?;
        } else {
            self.transferred(from, to, amount)?;
        }
        Ok((true, wants))
    }

    /// Tells `checkAndRecord` whether to answer that it wants the sender's
    /// identity.
    fn set_wants_sender(&mut self, wants: bool) {
        self.wants_sender.set(wants);
    }

    /// The sender identity `checkAndRecord` was last given.
    fn last_sender_identity(&self) -> Address {
        self.last_sender_identity.get()
    }

    /// The recipient identity and country `checkAndRecord` was last given.
    fn last_recipient(&self) -> (Address, U256) {
        (self.last_identity.get(), self.last_country.get())
    }

    fn transferred(&mut self, from: Address, to: Address, amount: U256) -> Result<(), Vec<u8>> {
        self.hook()?;
        self.sub(from, amount);
        self.add(to, amount);
        self.transfers.set(self.transfers.get() + U256::from(1));
        Ok(())
    }

    fn created(&mut self, to: Address, amount: U256) -> Result<(), Vec<u8>> {
        self.hook()?;
        self.add(to, amount);
        self.creations.set(self.creations.get() + U256::from(1));
        Ok(())
    }

    fn destroyed(&mut self, from: Address, amount: U256) -> Result<(), Vec<u8>> {
        self.hook()?;
        self.sub(from, amount);
        self.destructions
            .set(self.destructions.get() + U256::from(1));
        Ok(())
    }

    fn set_refuse(&mut self, refuse: bool) {
        self.refuse.set(refuse);
    }

    fn set_revert_hooks(&mut self, revert: bool) {
        self.revert_hooks.set(revert);
    }

    fn reported_balance(&self, wallet: Address) -> U256 {
        self.balances.get(wallet)
    }

    /// `(transferred, created, destroyed)` call counts.
    /// Tells `token` whether its holder transfers need this compliance;
    /// answers whether the token heeded it.
    fn tell(&mut self, token: Address, needed: bool) -> bool {
        common::bindings::token::set_transfer_checks(self.vm(), token, needed).unwrap_or(false)
    }

    fn hook_counts(&self) -> (U256, U256, U256) {
        (
            self.transfers.get(),
            self.creations.get(),
            self.destructions.get(),
        )
    }
}

impl MockCompliance {
    fn hook(&self) -> Result<(), Vec<u8>> {
        let caller = self.vm().msg_sender();
        if caller != self.token.get() {
            return Err(MockNotBoundToken { caller }.abi_encode());
        }
        if self.revert_hooks.get() {
            return Err(MockHookReverted {}.abi_encode());
        }
        Ok(())
    }

    fn add(&mut self, wallet: Address, amount: U256) {
        let balance = self.balances.get(wallet);
        self.balances.insert(wallet, balance + amount);
    }

    fn sub(&mut self, wallet: Address, amount: U256) {
        let balance = self.balances.get(wallet);
        self.balances.insert(wallet, balance - amount);
    }
}

/// The deployed token with its registry and compliance.
pub(crate) struct Env<'a> {
    pub token: &'a Contract<Token>,
    pub registry: &'a Contract<IdentityRegistry>,
    pub compliance: &'a Contract<MockCompliance>,
    pub agent: Address,
}

/// Deploys the registry (with `agent` and the token as agents), the token
/// (paused, with `agent` as agent) bound to `compliance`.
pub(crate) fn deploy<'a>(
    token: &'a Contract<Token>,
    registry: &'a Contract<IdentityRegistry>,
    compliance: &'a Contract<MockCompliance>,
    owner: Address,
    agent: Address,
) -> Env<'a> {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    registry.sender(owner).roles.add_agent(agent).motsu_unwrap();
    registry
        .sender(owner)
        .roles
        .add_agent(token.address())
        .motsu_unwrap();
    token
        .sender(owner)
        .constructor(
            owner,
            String::from("Acme Fund"),
            String::from("ACME"),
            18,
            registry.address(),
            compliance.address(),
            ISSUER_ID,
        )
        .motsu_unwrap();
    // As the compliance's owner does once the token is deployed.
    compliance.sender(owner).bind_token(token.address());
    token.sender(owner).roles.add_agent(agent).motsu_unwrap();
    Env {
        token,
        registry,
        compliance,
        agent,
    }
}

impl Env<'_> {
    /// Registers `wallet` for `identity` in France (verified: no topic is
    /// required).
    pub fn register(&self, wallet: Address, identity: Address) {
        self.registry
            .sender(self.agent)
            .register_identity(wallet, identity, FRANCE)
            .motsu_unwrap();
    }

    /// Registers `wallet` for `identity` and mints `amount` to it.
    pub fn fund(&self, wallet: Address, identity: Address, amount: U256) {
        self.register(wallet, identity);
        self.token
            .sender(self.agent)
            .mint(wallet, amount)
            .motsu_unwrap();
    }

    /// Lets holders transfer.
    pub fn unpause(&self) {
        self.token.sender(self.agent).unpause().motsu_unwrap();
    }

    /// `wallet`'s balance.
    pub fn balance(&self, wallet: Address) -> U256 {
        self.token.sender(self.agent).balance_of(wallet)
    }

    /// `wallet`'s frozen tokens.
    pub fn frozen(&self, wallet: Address) -> U256 {
        self.token.sender(self.agent).get_frozen_tokens(wallet)
    }

    /// Asserts the total supply is the sum of the balances of `holders`
    /// (every wallet that ever held tokens in the test), and that the
    /// compliance's view of each balance is the token's.
    pub fn assert_books(&self, holders: &[Address]) {
        let mut sum = U256::ZERO;
        for &holder in holders {
            let balance = self.balance(holder);
            sum += balance;
            assert_eq!(
                self.compliance.sender(self.agent).reported_balance(holder),
                balance,
                "compliance's view of {holder}"
            );
            assert!(self.frozen(holder) <= balance, "frozen above balance");
        }
        assert_eq!(self.token.sender(self.agent).total_supply(), sum);
    }
}

/// The revert data of a rejected call, for comparison with what a callee
/// reverted with.
pub(crate) fn reverted<E: SolError>(error: E) -> Error {
    Error::Reverted(error.abi_encode())
}
