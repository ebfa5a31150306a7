//! ERC-3643 (T-REX v4.1.6) permissioned security token.
//!
//! An ERC-20 whose every transfer is checked: the recipient must be a
//! verified investor in the identity registry and the compliance contract
//! must accept the transfer, which it then records (`transferred`,
//! `created`, `destroyed`). The token implements T-REX's `IToken` and
//! `AgentRole` ABIs selector for selector, so wallets and dApps built for
//! T-REX work unchanged.
//!
//! - The **owner** sets the name, symbol, onchain id, identity registry and
//!   compliance, and appoints agents.
//! - **Agents** (an operator, the offering, the escrow) mint, burn, force
//!   transfers, freeze wallets or parts of balances, pause, and recover the
//!   tokens of a lost wallet; each has an all-or-nothing batch variant.
//!
//! Transfers check, in T-REX's order: not paused; neither party frozen; the
//! amount within the sender's free (unfrozen) balance; (for `transferFrom`
//! the allowance;) the recipient verified; the compliance's `canTransfer`.
//! Then balances move and the compliance's `transferred` hook runs.
//!
//! **Zero amounts** are ordinary amounts, as ERC-20 requires for
//! transfers: a zero transfer, mint, burn, freeze or unfreeze passes the
//! same checks, emits the same events and calls the same compliance hooks
//! as any other, and moves nothing.
//!
//! The token starts **paused** (as T-REX does): agents mint while it is
//! paused, then unpause to let holders transfer.
// no_std only in the deployed wasm: host builds (tests, the suite's
// scenarios, export-abi) link std for its allocator and panic handler.
#![cfg_attr(
    all(target_arch = "wasm32", not(feature = "export-abi")),
    no_std,
    no_main
)]
extern crate alloc;

pub mod errors;
#[cfg(all(feature = "hot", target_arch = "wasm32"))]
mod hot;
mod internal;
#[cfg(test)]
mod tests;
pub mod text;
mod wallet;

use alloc::{string::String, vec, vec::Vec};

use alloy_primitives::{Address, U256, U8};
use alloy_sol_types::SolEvent;
use common::storage::Key;
use common::{
    bindings::compliance::{bind, BIND_TOKEN, UNBIND_TOKEN},
    host::contract_address,
    log::address_word,
    roles::Roles,
};
use stylus_sdk::{
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageMap, StorageU256, StorageU8},
};

pub use errors::*;
use internal::same_length;
use text::ShortString;

/// What `version()` answers: the version string of T-REX v4.1.6's token.
pub const VERSION: &str = "4.1.3";
/// The most decimals a token can have.
pub const MAX_DECIMALS: u8 = 18;

/// The token contract.
#[cfg_attr(not(feature = "hot"), entrypoint)]
#[storage]
pub struct Token {
    /// Owner (configuration) and agents (operations).
    #[borrow]
    pub roles: Roles,
    /// Whether transfers are paused. Shares a slot with `identity_registry`,
    /// `sender_identity_wanted` and `transfers_unchecked`: every transfer
    /// reads all four.
    paused: StorageBool,
    /// The identity registry that verifies recipients.
    identity_registry: StorageAddress,
    /// Whether the compliance last answered that it wants the sender's
    /// identity given (`checkAndRecord`): transfers then ask the registry
    /// for both parties in one call (`transferIdentities`).
    sender_identity_wanted: StorageBool,
    /// Whether the compliance said that holder transfers need not call it
    /// (no rule or module of it checks or records one): they then skip
    /// `checkAndRecord` ([`Self::set_transfer_checks`]). Mints, burns and
    /// forced transfers always call it. False after every change of
    /// compliance.
    transfers_unchecked: StorageBool,
    /// The compliance that checks and records transfers.
    compliance: StorageAddress,
    /// Decimals of the token's amounts (0 to 18).
    decimals: StorageU8,
    /// The issuer's onchain identity (may be zero).
    onchain_id: StorageAddress,
    /// Sum of all balances.
    total_supply: StorageU256,
    /// Wallet -> its balance, frozen tokens (never above the balance) and
    /// frozen flag (neither sends nor receives by transfer), packed in one
    /// word ([`wallet::Wallet`]).
    wallets: StorageMap<Key, StorageU256>,
    /// Owner -> spender -> allowance.
    allowances: StorageMap<Key, StorageMap<Key, StorageU256>>,
    /// The token's name.
    name: ShortString,
    /// The token's symbol.
    symbol: ShortString,
}

// SAFETY: the token is its programs' top-level storage (slot 0); in the
// full program `#[entrypoint]` says so.
#[cfg(feature = "hot")]
unsafe impl stylus_sdk::stylus_core::storage::TopLevelStorage for Token {}

#[public]
#[inherit(Roles)]
impl Token {
    /// Sets up the token, paused, served by `compliance`, whose owner then
    /// binds it (`bindToken`): until then the compliance refuses the
    /// token's hooks, so nothing can be minted.
    ///
    /// # Arguments
    ///
    /// * `admin` - The owner (the deployer factory is the caller here).
    /// * `name`, `symbol` - 1 to 64 bytes each.
    /// * `decimals` - 0 to 18.
    /// * `identity_registry` - The registry that verifies recipients.
    /// * `compliance` - The compliance contract.
    /// * `onchain_id` - The issuer's onchain identity (may be zero).
    ///
    /// # Errors
    ///
    /// * [`Error::InvalidOwner`] - `admin` is the zero address.
    /// * [`Error::InvalidText`] - `name` or `symbol` is empty or too long.
    /// * [`Error::InvalidDecimals`] - `decimals` is above 18.
    /// * [`Error::InvalidContract`] - The registry or compliance is zero.
    ///
    /// # Events
    ///
    /// * `OwnershipTransferred`, [`UpdatedTokenInformation`],
    ///   [`IdentityRegistryAdded`], [`ComplianceAdded`], and [`Paused`]
    ///   with `admin` as the pauser.
    #[constructor]
    #[allow(clippy::too_many_arguments)] // T-REX's token set-up, one argument each.
    pub fn constructor(
        &mut self,
        admin: Address,
        name: String,
        symbol: String,
        decimals: u8,
        identity_registry: Address,
        compliance: Address,
        onchain_id: Address,
    ) -> Result<(), Error> {
        self.roles.init::<Error>(admin)?;
        if decimals > MAX_DECIMALS {
            return Err(TokenInvalidDecimals { decimals }.into());
        }
        self.decimals.set(U8::from(decimals));
        self._set_text(false, &name)?;
        self._set_text(true, &symbol)?;
        self.onchain_id.set(onchain_id);
        self._emit_information();
        self._set_identity_registry(identity_registry)?;
        self._set_compliance(compliance)?;
        self.paused.set(true);
        self._emit(&[Paused::SIGNATURE_HASH], address_word(admin).as_slice());
        Ok(())
    }

    // ------------------------------------------------------------------
    // ERC-20 and metadata
    // ------------------------------------------------------------------

    /// Returns the token's name.
    pub fn name(&self) -> String {
        self.name.get()
    }

    /// Returns the token's symbol.
    pub fn symbol(&self) -> String {
        self.symbol.get()
    }

    /// Returns the number of decimals of amounts.
    pub fn decimals(&self) -> u8 {
        self.decimals.get().to()
    }

    /// Returns T-REX's token version string, `"4.1.3"`.
    pub fn version(&self) -> String {
        String::from(VERSION)
    }

    /// Returns the issuer's onchain identity.
    #[selector(name = "onchainID")]
    pub fn onchain_id(&self) -> Address {
        self.onchain_id.get()
    }

    /// Returns the identity registry.
    pub fn identity_registry(&self) -> Address {
        self.identity_registry.get()
    }

    /// Returns the compliance contract.
    pub fn compliance(&self) -> Address {
        self.compliance.get()
    }

    /// Returns whether transfers are paused.
    pub fn paused(&self) -> bool {
        self.paused.get()
    }

    /// Returns the sum of all balances.
    pub fn total_supply(&self) -> U256 {
        self.total_supply.get()
    }

    /// Returns `account`'s balance, frozen part included.
    ///
    /// # Arguments
    ///
    /// * `account` - The wallet.
    pub fn balance_of(&self, account: Address) -> U256 {
        self._wallet(account).balance
    }

    /// Returns how many of `owner`'s tokens `spender` may move.
    ///
    /// # Arguments
    ///
    /// * `owner` - The holder.
    /// * `spender` - The approved account.
    pub fn allowance(&self, owner: Address, spender: Address) -> U256 {
        self.allowances
            .getter(Key::from(owner))
            .get(Key::from(spender))
    }

    /// Returns whether `user_address` is frozen.
    ///
    /// # Arguments
    ///
    /// * `user_address` - The wallet.
    pub fn is_frozen(&self, user_address: Address) -> bool {
        self._wallet(user_address).frozen
    }

    /// Returns the frozen part of `user_address`'s balance.
    ///
    /// # Arguments
    ///
    /// * `user_address` - The wallet.
    pub fn get_frozen_tokens(&self, user_address: Address) -> U256 {
        self._wallet(user_address).frozen_tokens
    }

    /// Moves `amount` of the caller's tokens to `to`, with every transfer
    /// check (see the crate docs).
    ///
    /// # Arguments
    ///
    /// * `to` - The recipient.
    /// * `amount` - The amount.
    ///
    /// # Errors
    ///
    /// * [`Error::EnforcedPause`] - Transfers are paused.
    /// * [`Error::WalletFrozen`] - The caller or `to` is frozen.
    /// * [`Error::InsufficientFreeBalance`] - `amount` is above the
    ///   caller's unfrozen balance.
    /// * [`Error::InvalidReceiver`] - `to` is the zero address.
    /// * [`Error::UnverifiedRecipient`] - `to` is not verified.
    /// * [`Error::ComplianceRefused`] - The compliance refuses.
    /// * [`Error::Reverted`] - The registry or compliance reverted.
    ///
    /// # Events
    ///
    /// * [`Transfer`].
    pub fn transfer(&mut self, to: Address, amount: U256) -> Result<bool, Error> {
        let from = self._sender();
        self._transfer(from, to, amount)?;
        Ok(true)
    }

    /// Moves `amount` of `from`'s tokens to `to` on its allowance to the
    /// caller, with every transfer check. An allowance of 2^256 - 1 is
    /// unlimited and never decreases.
    ///
    /// # Arguments
    ///
    /// * `from` - The holder.
    /// * `to` - The recipient.
    /// * `amount` - The amount.
    ///
    /// # Errors
    ///
    /// As [`Token::transfer`], checked in the same order, and after the
    /// free balance:
    ///
    /// * [`Error::InsufficientAllowance`] - The allowance is too low.
    ///
    /// # Events
    ///
    /// * [`Approval`] with the decreased allowance (unless unlimited).
    /// * [`Transfer`].
    pub fn transfer_from(
        &mut self,
        from: Address,
        to: Address,
        amount: U256,
    ) -> Result<bool, Error> {
        let spender = self._sender();
        self._check_sender(from, to, amount)?;
        self._spend_allowance(from, spender, amount)?;
        self._compliant_move(from, to, amount)?;
        Ok(true)
    }

    /// Sets the caller's allowance to `spender` to `amount`. Allowed while
    /// paused and for frozen wallets, as in T-REX.
    ///
    /// # Arguments
    ///
    /// * `spender` - The account to approve.
    /// * `amount` - The new allowance.
    ///
    /// # Errors
    ///
    /// * [`Error::InvalidSpender`] - `spender` is the zero address.
    ///
    /// # Events
    ///
    /// * [`Approval`].
    pub fn approve(&mut self, spender: Address, amount: U256) -> Result<bool, Error> {
        let owner = self._sender();
        self._approve(owner, spender, amount)?;
        Ok(true)
    }

    /// Raises the caller's allowance to `spender` by `added_value`.
    ///
    /// # Arguments
    ///
    /// * `spender` - The approved account.
    /// * `added_value` - The increase.
    ///
    /// # Errors
    ///
    /// * [`Error::InvalidSpender`] - `spender` is the zero address.
    /// * [`Error::AllowanceOverflow`] - The allowance would pass 2^256 - 1.
    ///
    /// # Events
    ///
    /// * [`Approval`] with the new allowance.
    pub fn increase_allowance(
        &mut self,
        spender: Address,
        added_value: U256,
    ) -> Result<bool, Error> {
        let owner = self._sender();
        let allowance = self
            .allowance(owner, spender)
            .checked_add(added_value)
            .ok_or(TokenAllowanceOverflow {
                spender,
                added: added_value,
            })?;
        self._approve(owner, spender, allowance)?;
        Ok(true)
    }

    /// Lowers the caller's allowance to `spender` by `subtracted_value`.
    ///
    /// # Arguments
    ///
    /// * `spender` - The approved account.
    /// * `subtracted_value` - The decrease.
    ///
    /// # Errors
    ///
    /// * [`Error::FailedDecreaseAllowance`] - The allowance is below
    ///   `subtracted_value`.
    /// * [`Error::InvalidSpender`] - `spender` is the zero address.
    ///
    /// # Events
    ///
    /// * [`Approval`] with the new allowance.
    pub fn decrease_allowance(
        &mut self,
        spender: Address,
        subtracted_value: U256,
    ) -> Result<bool, Error> {
        let owner = self._sender();
        let current = self.allowance(owner, spender);
        let allowance =
            current
                .checked_sub(subtracted_value)
                .ok_or(ERC20FailedDecreaseAllowance {
                    spender,
                    currentAllowance: current,
                    requestedDecrease: subtracted_value,
                })?;
        self._approve(owner, spender, allowance)?;
        Ok(true)
    }

    /// Moves tokens from the caller to each of `to_list`, all or nothing.
    ///
    /// # Arguments
    ///
    /// * `to_list` - The recipients.
    /// * `amounts` - The amount for each recipient.
    ///
    /// # Errors
    ///
    /// * [`Error::ArrayLengthMismatch`] - The arrays differ in length.
    /// * Any error of [`Token::transfer`] for any pair.
    ///
    /// # Events
    ///
    /// * [`Transfer`] per pair.
    pub fn batch_transfer(
        &mut self,
        to_list: Vec<Address>,
        amounts: Vec<U256>,
    ) -> Result<(), Error> {
        same_length(to_list.len(), amounts.len())?;
        let from = self._sender();
        for (to, amount) in to_list.into_iter().zip(amounts) {
            self._transfer(from, to, amount)?;
        }
        Ok(())
    }

    // ------------------------------------------------------------------
    // Agent operations
    // ------------------------------------------------------------------

    /// Mints `amount` to `to`, also while paused. Agent only.
    ///
    /// # Arguments
    ///
    /// * `to` - The recipient; must be verified.
    /// * `amount` - The amount.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::InvalidReceiver`] - `to` is the zero address.
    /// * [`Error::UnverifiedRecipient`] - `to` is not verified.
    /// * [`Error::ComplianceRefused`] - The compliance refuses (it sees a
    ///   transfer from the zero address).
    /// * [`Error::SupplyOverflow`] - The total supply would pass 2^120 - 1
    ///   (about 1.3 * 10^18 whole tokens at 18 decimals).
    /// * [`Error::Reverted`] - The registry or compliance reverted.
    ///
    /// # Events
    ///
    /// * [`Transfer`] from the zero address.
    pub fn mint(&mut self, to: Address, amount: U256) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        self._mint(to, amount)
    }

    /// Burns `amount` of `user_address`'s tokens, unfreezing as many of its
    /// frozen tokens as the burn needs. Agent only.
    ///
    /// # Arguments
    ///
    /// * `user_address` - The holder.
    /// * `amount` - The amount.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::InsufficientBalance`] - `amount` is above the balance.
    /// * [`Error::Reverted`] - The compliance reverted.
    ///
    /// # Events
    ///
    /// * [`TokensUnfrozen`] if frozen tokens were burnt.
    /// * [`Transfer`] to the zero address.
    pub fn burn(&mut self, user_address: Address, amount: U256) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        self._burn(user_address, amount)
    }

    /// Moves `amount` from `from` to `to` whatever the pause, the freezes
    /// and the compliance rules, unfreezing as many of `from`'s frozen
    /// tokens as the transfer needs; the recipient must still be verified
    /// and the compliance still records the transfer. Agent only.
    ///
    /// # Arguments
    ///
    /// * `from` - The holder.
    /// * `to` - The recipient.
    /// * `amount` - The amount.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::InsufficientBalance`] - `amount` is above `from`'s
    ///   balance.
    /// * [`Error::InvalidReceiver`] - `to` is the zero address.
    /// * [`Error::UnverifiedRecipient`] - `to` is not verified.
    /// * [`Error::Reverted`] - The registry or compliance reverted.
    ///
    /// # Events
    ///
    /// * [`TokensUnfrozen`] if frozen tokens were moved.
    /// * [`Transfer`].
    pub fn forced_transfer(
        &mut self,
        from: Address,
        to: Address,
        amount: U256,
    ) -> Result<bool, Error> {
        self.roles.only_agent::<Error>()?;
        self._forced_transfer(from, to, amount)?;
        Ok(true)
    }

    /// Freezes (`freeze`) or unfreezes `user_address`: a frozen wallet can
    /// neither send nor receive by transfer. Agent only.
    ///
    /// # Arguments
    ///
    /// * `user_address` - The wallet.
    /// * `freeze` - Whether to freeze it.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    ///
    /// # Events
    ///
    /// * [`AddressFrozen`] with the agent as `_owner`.
    pub fn set_address_frozen(&mut self, user_address: Address, freeze: bool) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        self._set_frozen(user_address, freeze);
        Ok(())
    }

    /// Freezes `amount` more of `user_address`'s balance. Agent only.
    ///
    /// # Arguments
    ///
    /// * `user_address` - The wallet.
    /// * `amount` - How many more tokens to freeze.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::InsufficientFreeBalance`] - `amount` is above the
    ///   wallet's unfrozen balance.
    ///
    /// # Events
    ///
    /// * [`TokensFrozen`].
    pub fn freeze_partial_tokens(
        &mut self,
        user_address: Address,
        amount: U256,
    ) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        self._freeze_tokens(user_address, amount)
    }

    /// Unfreezes `amount` of `user_address`'s frozen tokens. Agent only.
    ///
    /// # Arguments
    ///
    /// * `user_address` - The wallet.
    /// * `amount` - How many tokens to unfreeze.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::InsufficientFrozenTokens`] - `amount` is above the
    ///   wallet's frozen tokens.
    ///
    /// # Events
    ///
    /// * [`TokensUnfrozen`].
    pub fn unfreeze_partial_tokens(
        &mut self,
        user_address: Address,
        amount: U256,
    ) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        self._unfreeze_tokens(user_address, amount)
    }

    /// Pauses transfers (mints, burns and forced transfers continue).
    /// Agent only.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::EnforcedPause`] - Already paused.
    ///
    /// # Events
    ///
    /// * [`Paused`].
    pub fn pause(&mut self) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        self._when_not_paused()?;
        self._set_paused(true, Paused::SIGNATURE_HASH);
        Ok(())
    }

    /// Resumes transfers. Agent only.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::ExpectedPause`] - Not paused.
    ///
    /// # Events
    ///
    /// * [`Unpaused`].
    pub fn unpause(&mut self) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        if !self.paused.get() {
            return Err(TokenExpectedPause {}.into());
        }
        self._set_paused(false, Unpaused::SIGNATURE_HASH);
        Ok(())
    }

    /// Moves the whole balance of `lost_wallet`, its frozen tokens and its
    /// frozen flag to `new_wallet`, both wallets of the investor
    /// `investor_onchain_id`. Registers `new_wallet` for that identity (in
    /// the lost wallet's country) if needed and removes `lost_wallet` from
    /// the identity registry; the token must be an agent of the registry.
    /// Agent only.
    ///
    /// # Arguments
    ///
    /// * `lost_wallet` - The wallet whose key is lost.
    /// * `new_wallet` - The investor's new wallet.
    /// * `investor_onchain_id` - The investor's identity.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::NothingToRecover`] - `lost_wallet` holds nothing.
    /// * [`Error::RecoveryIdentityMismatch`] - `lost_wallet` is not
    ///   registered for `investor_onchain_id`, or `new_wallet` is
    ///   registered for another identity.
    /// * [`Error::UnverifiedRecipient`] - `new_wallet` is not verified once
    ///   registered.
    /// * [`Error::Reverted`] - The registry or compliance reverted.
    ///
    /// # Events
    ///
    /// * [`TokensUnfrozen`] on the lost wallet and [`TokensFrozen`] on the
    ///   new one, if tokens were frozen.
    /// * [`Transfer`].
    /// * [`AddressFrozen`] if the lost wallet was frozen.
    /// * [`RecoverySuccess`].
    #[selector(name = "recoveryAddress")]
    pub fn recovery_address(
        &mut self,
        lost_wallet: Address,
        new_wallet: Address,
        investor_onchain_id: Address,
    ) -> Result<bool, Error> {
        self.roles.only_agent::<Error>()?;
        self._recover(lost_wallet, new_wallet, investor_onchain_id)?;
        Ok(true)
    }

    /// [`Token::mint`] for each pair, all or nothing. Agent only.
    ///
    /// # Errors
    ///
    /// * [`Error::ArrayLengthMismatch`] - The arrays differ in length.
    /// * Any error of [`Token::mint`] for any pair.
    ///
    /// # Events
    ///
    /// * As [`Token::mint`], per pair.
    pub fn batch_mint(&mut self, to_list: Vec<Address>, amounts: Vec<U256>) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        same_length(to_list.len(), amounts.len())?;
        for (to, amount) in to_list.into_iter().zip(amounts) {
            self._mint(to, amount)?;
        }
        Ok(())
    }

    /// [`Token::burn`] for each pair, all or nothing. Agent only.
    ///
    /// # Errors
    ///
    /// * [`Error::ArrayLengthMismatch`] - The arrays differ in length.
    /// * Any error of [`Token::burn`] for any pair.
    ///
    /// # Events
    ///
    /// * As [`Token::burn`], per pair.
    pub fn batch_burn(
        &mut self,
        user_addresses: Vec<Address>,
        amounts: Vec<U256>,
    ) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        same_length(user_addresses.len(), amounts.len())?;
        for (user, amount) in user_addresses.into_iter().zip(amounts) {
            self._burn(user, amount)?;
        }
        Ok(())
    }

    /// [`Token::forced_transfer`] for each triple, all or nothing. Agent
    /// only.
    ///
    /// # Errors
    ///
    /// * [`Error::ArrayLengthMismatch`] - The arrays differ in length.
    /// * Any error of [`Token::forced_transfer`] for any triple.
    ///
    /// # Events
    ///
    /// * As [`Token::forced_transfer`], per triple.
    pub fn batch_forced_transfer(
        &mut self,
        from_list: Vec<Address>,
        to_list: Vec<Address>,
        amounts: Vec<U256>,
    ) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        same_length(from_list.len(), to_list.len())?;
        same_length(from_list.len(), amounts.len())?;
        for ((from, to), amount) in from_list.into_iter().zip(to_list).zip(amounts) {
            self._forced_transfer(from, to, amount)?;
        }
        Ok(())
    }

    /// [`Token::set_address_frozen`] for each pair. Agent only.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::ArrayLengthMismatch`] - The arrays differ in length.
    ///
    /// # Events
    ///
    /// * [`AddressFrozen`] per pair.
    pub fn batch_set_address_frozen(
        &mut self,
        user_addresses: Vec<Address>,
        freeze: Vec<bool>,
    ) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        same_length(user_addresses.len(), freeze.len())?;
        for (user, freeze) in user_addresses.into_iter().zip(freeze) {
            self._set_frozen(user, freeze);
        }
        Ok(())
    }

    /// [`Token::freeze_partial_tokens`] for each pair, all or nothing.
    /// Agent only.
    ///
    /// # Errors
    ///
    /// * [`Error::ArrayLengthMismatch`] - The arrays differ in length.
    /// * Any error of [`Token::freeze_partial_tokens`] for any pair.
    ///
    /// # Events
    ///
    /// * [`TokensFrozen`] per pair.
    pub fn batch_freeze_partial_tokens(
        &mut self,
        user_addresses: Vec<Address>,
        amounts: Vec<U256>,
    ) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        same_length(user_addresses.len(), amounts.len())?;
        for (user, amount) in user_addresses.into_iter().zip(amounts) {
            self._freeze_tokens(user, amount)?;
        }
        Ok(())
    }

    /// [`Token::unfreeze_partial_tokens`] for each pair, all or nothing.
    /// Agent only.
    ///
    /// # Errors
    ///
    /// * [`Error::ArrayLengthMismatch`] - The arrays differ in length.
    /// * Any error of [`Token::unfreeze_partial_tokens`] for any pair.
    ///
    /// # Events
    ///
    /// * [`TokensUnfrozen`] per pair.
    pub fn batch_unfreeze_partial_tokens(
        &mut self,
        user_addresses: Vec<Address>,
        amounts: Vec<U256>,
    ) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        same_length(user_addresses.len(), amounts.len())?;
        for (user, amount) in user_addresses.into_iter().zip(amounts) {
            self._unfreeze_tokens(user, amount)?;
        }
        Ok(())
    }

    // ------------------------------------------------------------------
    // Owner settings
    // ------------------------------------------------------------------

    /// Renames the token. Owner only.
    ///
    /// # Arguments
    ///
    /// * `name` - 1 to 64 bytes.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::InvalidText`] - `name` is empty or too long.
    ///
    /// # Events
    ///
    /// * [`UpdatedTokenInformation`].
    pub fn set_name(&mut self, name: String) -> Result<(), Error> {
        self.roles.only_owner::<Error>()?;
        self._set_text(false, &name)?;
        self._emit_information();
        Ok(())
    }

    /// Changes the token's symbol. Owner only.
    ///
    /// # Arguments
    ///
    /// * `symbol` - 1 to 64 bytes.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::InvalidText`] - `symbol` is empty or too long.
    ///
    /// # Events
    ///
    /// * [`UpdatedTokenInformation`].
    pub fn set_symbol(&mut self, symbol: String) -> Result<(), Error> {
        self.roles.only_owner::<Error>()?;
        self._set_text(true, &symbol)?;
        self._emit_information();
        Ok(())
    }

    /// Changes the issuer's onchain identity (zero allowed). Owner only.
    ///
    /// # Arguments
    ///
    /// * `onchain_id` - The new identity.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    ///
    /// # Events
    ///
    /// * [`UpdatedTokenInformation`].
    #[selector(name = "setOnchainID")]
    pub fn set_onchain_id(&mut self, onchain_id: Address) -> Result<(), Error> {
        self.roles.only_owner::<Error>()?;
        self.onchain_id.set(onchain_id);
        self._emit_information();
        Ok(())
    }

    /// Makes the token verify recipients in `identity_registry`, while no
    /// tokens exist: the compliance keeps its books per identity from the
    /// registry it was built with, which would no longer hear of the
    /// wallet changes that matter. Owner only.
    ///
    /// # Arguments
    ///
    /// * `identity_registry` - The new registry.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::SupplyNotZero`] - Tokens exist.
    /// * [`Error::InvalidContract`] - `identity_registry` is zero.
    ///
    /// # Events
    ///
    /// * [`IdentityRegistryAdded`].
    pub fn set_identity_registry(&mut self, identity_registry: Address) -> Result<(), Error> {
        self.roles.only_owner::<Error>()?;
        let supply = self.total_supply.get();
        if !supply.is_zero() {
            return Err(TokenSupplyNotZero { supply }.into());
        }
        self._set_identity_registry(identity_registry)
    }

    /// Heeds the token's compliance saying whether holder transfers need it
    /// (`checkAndRecord`): a compliance none of whose rules or modules
    /// checks or records a transfer says they do not, and holder transfers
    /// then skip the call (the recipient is still verified); it says they
    /// do again, before the change takes effect, as soon as one would.
    /// Calls from any other account are ignored (a compliance the token
    /// left has nothing to say; a change of compliance sets "needed").
    ///
    /// Returns whether the call was heeded (it came from the compliance).
    ///
    /// # Arguments
    ///
    /// * `needed` - Whether holder transfers must call the compliance.
    ///
    /// # Events
    ///
    /// * [`TransferChecksSet`], when heeded and changed.
    pub fn set_transfer_checks(&mut self, needed: bool) -> bool {
        if self._sender() != self.compliance.get() {
            return false;
        }
        self._set_transfer_checks(needed);
        true
    }

    /// Returns whether holder transfers call the compliance
    /// ([`Self::set_transfer_checks`]).
    pub fn transfer_checks(&self) -> bool {
        !self.transfers_unchecked.get()
    }

    /// Moves the token to `compliance`, while no tokens exist: unbinds it
    /// from the current compliance, then has the new one confirm the
    /// binding its owner made (`bindToken`). Owner only.
    ///
    /// # Arguments
    ///
    /// * `compliance` - The new compliance; its owner must have bound this
    ///   token.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::SupplyNotZero`] - Tokens exist (the new compliance's
    ///   books would not know them).
    /// * [`Error::InvalidContract`] - `compliance` is zero.
    /// * [`Error::Reverted`] - A compliance refused to unbind or bind.
    ///
    /// # Events
    ///
    /// * [`ComplianceAdded`].
    pub fn set_compliance(&mut self, compliance: Address) -> Result<(), Error> {
        self.roles.only_owner::<Error>()?;
        let supply = self.total_supply.get();
        if !supply.is_zero() {
            return Err(TokenSupplyNotZero { supply }.into());
        }
        let token = contract_address(self.vm());
        bind(self.vm(), self.compliance.get(), UNBIND_TOKEN, token)?;
        self._set_compliance(compliance)?;
        bind(self.vm(), compliance, BIND_TOKEN, token)?;
        Ok(())
    }
}
