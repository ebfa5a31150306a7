//! motsu tests of the compliance, one file per concern, against the real
//! identity registry. The bound "token" is a plain account calling the
//! hooks the way the token does (`canTransfer` first, then the hook);
//! [`MockModule`] is an external `IModule`; [`MockToken`] records what
//! the compliance tells its token about transfer checks.
mod abi;
mod binding;
mod books;
mod books_off;
mod countries;
mod limits;
mod lock_ups;
mod modules;
mod sync;
mod transfer_checks;
mod transfer_limits;

use alloc::{string::String, vec::Vec};

use alloy_primitives::{address, uint, Address, U256};
use alloy_sol_types::{sol, SolError};
use identity_registry::IdentityRegistry;
use motsu::prelude::*;
use stylus_sdk::{
    prelude::*,
    storage::{StorageBool, StorageMap, StorageU256},
};

use crate::{rules::BOOKS, *};

/// motsu's fixed clock (2025-01-01).
pub(crate) const NOW: u64 = 1_735_689_600;
/// Alice's identity.
pub(crate) const ALICE_ID: Address = address!("00000000000000000000000000000000000a11ce");
/// Bob's identity.
pub(crate) const BOB_ID: Address = address!("0000000000000000000000000000000000000b0b");
/// Carol's identity.
pub(crate) const CAROL_ID: Address = address!("00000000000000000000000000000000000ca201");
/// ISO 3166-1 numeric codes.
pub(crate) const FRANCE: u16 = 250;
pub(crate) const GERMANY: u16 = 276;
pub(crate) const USA: u16 = 840;
/// A round amount.
pub(crate) const HUNDRED: U256 = uint!(100_U256);

sol! {
    /// The mock module was called by a compliance it is not bound to.
    #[derive(Debug, PartialEq)]
    error MockModuleNotBound(address caller);
}

sol! {
    /// The mock token reverts when told about transfer checks.
    #[derive(Debug, PartialEq)]
    error MockTokenReverted();
}

/// A token as far as `setTransferChecks` goes: heeds it (or not, when
/// deaf), or reverts, and counts the calls.
#[storage]
pub struct MockToken {
    /// Whether holder transfers call the compliance, as last told.
    checks: StorageBool,
    /// Whether it answers that it did not heed.
    deaf: StorageBool,
    /// Whether it reverts.
    reverts: StorageBool,
    /// How many times it was told.
    calls: StorageU256,
}

unsafe impl TopLevelStorage for MockToken {}

#[public]
impl MockToken {
    fn set_transfer_checks(&mut self, needed: bool) -> Result<bool, Vec<u8>> {
        if self.reverts.get() {
            return Err(MockTokenReverted {}.abi_encode());
        }
        self.calls.set(self.calls.get() + U256::from(1));
        if self.deaf.get() {
            return Ok(false);
        }
        self.checks.set(needed);
        Ok(true)
    }

    /// Whether it checks transfers (as last told) and how many times it
    /// was told.
    fn told(&self) -> (bool, U256) {
        (self.checks.get(), self.calls.get())
    }

    fn set_behaviour(&mut self, deaf: bool, reverts: bool) {
        self.deaf.set(deaf);
        self.reverts.set(reverts);
    }
}

/// An external compliance module (T-REX `IModule`): refuses transfers
/// above a maximum the compliance sets through `callModuleFunction`, and
/// counts the actions it is told of.
#[storage]
pub struct MockModule {
    /// Compliance -> bound.
    bound: StorageMap<Address, StorageBool>,
    /// Largest accepted amount (zero: any).
    max: StorageU256,
    /// Number of transfer, mint and burn actions.
    actions: StorageU256,
    /// Whether the module is plug-and-play.
    plug_and_play: StorageBool,
    /// Whether a non-plug-and-play module accepts a compliance.
    accepts: StorageBool,
    /// Whether `moduleCheck` reverts (a module that calls back into the
    /// compliance or the token does, on Stylus).
    reverts: StorageBool,
}

unsafe impl TopLevelStorage for MockModule {}

#[public]
impl MockModule {
    fn module_check(
        &self,
        _from: Address,
        _to: Address,
        amount: U256,
        _compliance: Address,
    ) -> Result<bool, Vec<u8>> {
        if self.reverts.get() {
            return Err(MockModuleNotBound {
                caller: Address::ZERO,
            }
            .abi_encode());
        }
        let max = self.max.get();
        Ok(max.is_zero() || amount <= max)
    }

    fn set_reverting(&mut self, reverts: bool) {
        self.reverts.set(reverts);
    }

    fn module_transfer_action(
        &mut self,
        _from: Address,
        _to: Address,
        _amount: U256,
    ) -> Result<(), Vec<u8>> {
        self.count()
    }

    fn module_mint_action(&mut self, _to: Address, _amount: U256) -> Result<(), Vec<u8>> {
        self.count()
    }

    fn module_burn_action(&mut self, _from: Address, _amount: U256) -> Result<(), Vec<u8>> {
        self.count()
    }

    fn bind_compliance(&mut self, compliance: Address) -> Result<(), Vec<u8>> {
        self.only_compliance(compliance)?;
        self.bound.insert(compliance, true);
        Ok(())
    }

    fn unbind_compliance(&mut self, compliance: Address) -> Result<(), Vec<u8>> {
        self.only_compliance(compliance)?;
        self.bound.insert(compliance, false);
        Ok(())
    }

    fn is_compliance_bound(&self, compliance: Address) -> bool {
        self.bound.get(compliance)
    }

    fn can_compliance_bind(&self, _compliance: Address) -> bool {
        self.accepts.get()
    }

    fn is_plug_and_play(&self) -> bool {
        self.plug_and_play.get()
    }

    fn name(&self) -> String {
        String::from("MockModule")
    }

    /// Configured by a bound compliance (through `callModuleFunction`).
    fn set_max(&mut self, max: U256) -> Result<(), Vec<u8>> {
        let caller = self.vm().msg_sender();
        if !self.bound.get(caller) {
            return Err(MockModuleNotBound { caller }.abi_encode());
        }
        self.max.set(max);
        Ok(())
    }

    /// Test set-up.
    fn set_binding_policy(&mut self, plug_and_play: bool, accepts: bool) {
        self.plug_and_play.set(plug_and_play);
        self.accepts.set(accepts);
    }

    fn actions(&self) -> U256 {
        self.actions.get()
    }
}

impl MockModule {
    fn only_compliance(&self, compliance: Address) -> Result<(), Vec<u8>> {
        let caller = self.vm().msg_sender();
        if caller != compliance {
            return Err(MockModuleNotBound { caller }.abi_encode());
        }
        Ok(())
    }

    fn count(&mut self) -> Result<(), Vec<u8>> {
        let caller = self.vm().msg_sender();
        if !self.bound.get(caller) {
            return Err(MockModuleNotBound { caller }.abi_encode());
        }
        self.actions.set(self.actions.get() + U256::from(1));
        Ok(())
    }
}

/// The compliance, its registry, and the accounts around them.
pub(crate) struct Env<'a> {
    pub compliance: &'a Contract<Compliance>,
    pub registry: &'a Contract<IdentityRegistry>,
    pub owner: Address,
    /// The bound token (an account calling the hooks).
    pub token: Address,
}

/// Deploys the registry (owned by `owner`, who is also its agent) and the
/// compliance (owned by `owner`) bound to `token`, keeping the books (as
/// switching on any rule that needs them before the first mint does; a
/// holder cap switched on and off again leaves them kept).
pub(crate) fn deploy<'a>(
    compliance: &'a Contract<Compliance>,
    registry: &'a Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
) -> Env<'a> {
    let env = deploy_without_books(compliance, registry, owner, token);
    compliance
        .sender(owner)
        .set_max_holders(true, u32::MAX)
        .motsu_unwrap();
    compliance
        .sender(owner)
        .set_max_holders(false, 0)
        .motsu_unwrap();
    assert_eq!(compliance.sender(owner).rules().0, BOOKS);
    env
}

/// Deploys as [`deploy`] does, with every rule off and no books kept.
pub(crate) fn deploy_without_books<'a>(
    compliance: &'a Contract<Compliance>,
    registry: &'a Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
) -> Env<'a> {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    registry.sender(owner).roles.add_agent(owner).motsu_unwrap();
    compliance
        .sender(owner)
        .constructor(owner, registry.address())
        .motsu_unwrap();
    compliance.sender(owner).bind_token(token).motsu_unwrap();
    registry
        .sender(owner)
        .add_compliance(compliance.address())
        .motsu_unwrap();
    Env {
        compliance,
        registry,
        owner,
        token,
    }
}

impl Env<'_> {
    /// Registers `wallet` for `identity` in `country`.
    pub fn register(&self, wallet: Address, identity: Address, country: u16) {
        self.registry
            .sender(self.owner)
            .register_identity(wallet, identity, country)
            .motsu_unwrap();
    }

    /// Whether the compliance accepts the transfer (`canTransfer`). A
    /// refusal is checked to be `checkAndRecord`'s answer too, booking
    /// nothing.
    pub fn can(&self, from: Address, to: Address, amount: U256) -> bool {
        let can = self
            .compliance
            .sender(self.token)
            .can_transfer(from, to, amount);
        if !can {
            let before = self.compliance.sender(self.owner).wallet_book(to);
            assert!(!self.check_and_record(from, to, amount), "answers differ");
            assert_eq!(self.compliance.sender(self.owner).wallet_book(to), before);
        }
        can
    }

    /// `checkAndRecord` as the token calls it when the compliance wants the
    /// sender's identity: with the registry's answers for both parties
    /// (`transferIdentities`; a compliance that does not want it ignores
    /// it). Checks that the compliance says whether it wants it as its
    /// rules need (transfer limits without the books).
    fn check_and_record(&self, from: Address, to: Address, amount: U256) -> bool {
        let registry = self.registry.sender(self.owner);
        let from_identity = registry.transfer_identities(from, to).0;
        let (identity, country) = (registry.identity(to), registry.investor_country(to));
        let (passed, wanted) = self
            .compliance
            .sender(self.token)
            .check_and_record(from, to, amount, from_identity, identity, country)
            .motsu_unwrap();
        let rules = self.compliance.sender(self.owner).rules().0;
        let limits = !self
            .compliance
            .sender(self.owner)
            .transfer_limits()
            .is_empty();
        assert_eq!(wanted, limits && rules & crate::rules::BOOKS == 0);
        passed
    }

    /// A mint as the token performs it: `canTransfer` agrees, then
    /// `checkAndRecord` checks and books it.
    pub fn mint(&self, to: Address, amount: U256) {
        assert!(self.can(Address::ZERO, to, amount), "mint refused");
        assert!(self.check_and_record(Address::ZERO, to, amount));
    }

    /// A mint through T-REX's hooks: checked, then `created`.
    pub fn mint_by_hooks(&self, to: Address, amount: U256) {
        assert!(self.can(Address::ZERO, to, amount), "mint refused");
        self.compliance
            .sender(self.token)
            .created(to, amount)
            .motsu_unwrap();
    }

    /// A holder's transfer as the token performs it: `canTransfer` agrees,
    /// then `checkAndRecord` checks and books it.
    pub fn transfer(&self, from: Address, to: Address, amount: U256) {
        assert!(self.can(from, to, amount), "transfer refused");
        assert!(self.check_and_record(from, to, amount));
    }

    /// A holder's transfer through T-REX's hooks: checked, then
    /// `transferred`.
    pub fn transfer_by_hooks(&self, from: Address, to: Address, amount: U256) {
        assert!(self.can(from, to, amount), "transfer refused");
        self.forced(from, to, amount);
    }

    /// A forced transfer: reported without the check.
    pub fn forced(&self, from: Address, to: Address, amount: U256) {
        self.compliance
            .sender(self.token)
            .transferred(from, to, amount)
            .motsu_unwrap();
    }

    /// A burn: reported.
    pub fn burn(&self, from: Address, amount: U256) {
        self.compliance
            .sender(self.token)
            .destroyed(from, amount)
            .motsu_unwrap();
    }

    /// Number of holding identities.
    pub fn holders(&self) -> u32 {
        self.compliance.sender(self.owner).holder_count()
    }

    /// Number of holding identities counted in `country`.
    pub fn holders_in(&self, country: u16) -> u32 {
        self.compliance.sender(self.owner).country(country).4
    }
}
