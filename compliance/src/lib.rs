//! ERC-3643 modular compliance: the rules the token's transfers must pass.
//!
//! Implements T-REX v4.1.6's `IModularCompliance` ABI selector for
//! selector: the owner binds the token, which asks
//! [`Compliance::can_transfer`] before every transfer and mint, and reports
//! each transfer, mint and burn through the hooks
//! [`Compliance::transferred`], [`Compliance::created`] and
//! [`Compliance::destroyed`], which only the bound token may call.
//!
//! Two kinds of rules decide:
//!
//! - **Built-in rules**, each switched on and configured by the owner and
//!   evaluated here without a contract call of their own (see [`rules`]):
//!   country allow-list and block-list (the recipient's country in the
//!   identity registry), maximum balance per identity, maximum number of
//!   holding identities in total and per country, supply cap, lock-up of
//!   minted tokens ([`lock_up`]), and transfer limits per identity over up
//!   to four windows.
//! - **External modules** speaking T-REX's `IModule` ABI, bound two-sided
//!   (at most [`MAX_MODULES`]); each must accept every transfer and is told
//!   of every one.
//!
//! The compliance never calls the token (Stylus refuses reentrant calls,
//! and the token is calling it): it keeps its own books from the hooks:
//! per-wallet and per-identity balances, holders in total and per country,
//! and supply. Balances are per identity, so an investor with two wallets
//! is one holder. It reads identities and countries from the identity
//! registry, which in turn tells the compliance of every change to a
//! wallet's identity or country ([`Compliance::sync_wallet`], see
//! [`books`]), so the books always follow the registry. Only the owner
//! binds a token, before the token has holders: the books start empty, and
//! nothing but the bound token and the registry can write them.
// no_std only in the deployed wasm: host builds (tests, the suite's
// scenarios, export-abi) link std for its allocator and panic handler.
#![cfg_attr(
    all(target_arch = "wasm32", not(feature = "export-abi")),
    no_std,
    no_main
)]
extern crate alloc;

pub mod books;
pub mod config;
pub mod errors;
#[cfg(all(feature = "hot", target_arch = "wasm32"))]
mod hot;
pub mod lock_up;
pub mod rules;
#[cfg(test)]
mod tests;

use alloc::{vec, vec::Vec};

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolEvent;
use common::storage::{halves, pack_halves, Key};
use common::{
    bindings::{
        module::{self, BIND_COMPLIANCE, UNBIND_COMPLIANCE},
        token,
    },
    call::call,
    host::{block_timestamp, contract_address, has_code, msg_sender},
    log::{address_word, bool_word, emit, uint_arrays, uint_word, words},
    roles::Ownable,
};
use stylus_sdk::{
    abi::Bytes,
    prelude::*,
    storage::{StorageAddress, StorageB256, StorageMap, StorageU256, StorageU32},
};

pub use errors::*;

/// At most this many external modules (as in T-REX).
pub const MAX_MODULES: usize = 25;
/// At most this many transfer-limit windows.
pub const MAX_TRANSFER_LIMITS: usize = 4;
/// The largest supply the books accept (2^128 - 1; the suite's token
/// stops at 2^120 - 1): an identity's balance shares one storage word with
/// its country.
pub const MAX_BOOKED: U256 = U256::from_limbs([u64::MAX, u64::MAX, 0, 0]);
/// The largest transfer limit (2^96 - 1, 79 billion tokens of 18
/// decimals): two limits share one storage word, each with its window
/// ([`rules::unpack_limit`]), so a transfer reads one word for two windows.
pub const MAX_LIMIT: U256 = U256::from_limbs([u64::MAX, u32::MAX as u64, 0, 0]);
/// The longest transfer-limit window (2^32 - 1 seconds, 136 years): a
/// longer one is kept as this.
pub const MAX_WINDOW: u64 = u32::MAX as u64;
/// What an identity's window counter holds at most (2^192 - 1): what it
/// sent shares one storage word with the window's end ([`rules::pack`]);
/// forced transfers count without a limit, so the counter saturates.
pub const MAX_COUNTED: U256 = U256::from_limbs([u64::MAX, u64::MAX, u64::MAX, 0]);

/// What the compliance knows of a wallet.
#[storage]
pub struct WalletBook {
    /// The identity its tokens count for.
    identity: StorageAddress,
    /// How many lock-up entries it has (in the identity's slot: a transfer
    /// from a wallet without any reads no lock-up list).
    locks: StorageU32,
    /// Its balance, as the hooks reported it.
    balance: StorageU256,
}

/// The compliance contract.
#[cfg_attr(not(feature = "hot"), entrypoint)]
#[storage]
pub struct Compliance {
    /// Owner: configures rules and modules (T-REX's compliance has no
    /// agents).
    #[borrow]
    pub ownable: Ownable,
    /// The bound token, rule switches, holder cap, module and limit
    /// counts, whether the books are kept, and the number of holding
    /// identities, in one word ([`config::Config`]).
    config: StorageB256,
    /// The identity registry read for identities and countries.
    identity_registry: StorageAddress,
    /// Lock-up period of minted tokens, in seconds (zero: none).
    lock_up_period: StorageU256,
    /// Bound external modules, entries 0 to the configuration's module
    /// count less one, in no particular order.
    modules: StorageMap<Key, StorageAddress>,
    /// The maximum balance per identity (bits 0-127) and the supply cap
    /// (bits 128-255), in one word: each kept up to [`MAX_BOOKED`], the
    /// most the books hold, so a larger setting means the same.
    caps: StorageU256,
    /// Country -> lists, cap and holders.
    countries: StorageMap<Key, StorageU256>,
    /// Transfer limits, two a word: word `i / 2` holds limit `i` in its
    /// low half when `i` is even, its high half when odd, each its window
    /// in seconds and its limit ([`rules::unpack_limit`]).
    limits: StorageMap<Key, StorageU256>,
    /// Total supply, as the hooks reported it.
    supply: StorageU256,
    /// Wallet -> book.
    wallets: StorageMap<Key, WalletBook>,
    /// Identity -> its balance (the sum of its wallets', bits 0-127) and
    /// the country it is counted in as a holder (bits 128-143), in one
    /// word.
    identities: StorageMap<Key, StorageU256>,
    /// Wallet -> lock-ups of minted tokens.
    lock_ups: StorageMap<Key, lock_up::LockUps>,
    /// Identity -> window length -> the end of its current window and
    /// what it sent in it (saturating at [`MAX_COUNTED`], beyond every
    /// limit), packed ([`rules::pack`]).
    counters: StorageMap<Key, StorageMap<Key, StorageU256>>,
}

// SAFETY: the compliance is its programs' top-level storage (slot 0); in
// the full program `#[entrypoint]` says so.
#[cfg(feature = "hot")]
unsafe impl stylus_sdk::stylus_core::storage::TopLevelStorage for Compliance {}

#[public]
#[inherit(Ownable)]
impl Compliance {
    /// Makes `admin` the owner and reads identities from
    /// `identity_registry`. Every rule starts switched off.
    ///
    /// # Arguments
    ///
    /// * `admin` - The owner (the deployer factory is the caller here).
    /// * `identity_registry` - The identity registry.
    ///
    /// # Errors
    ///
    /// * [`Error::InvalidOwner`] - `admin` is the zero address.
    /// * [`Error::InvalidIdentityRegistry`] - `identity_registry` is zero.
    ///
    /// # Events
    ///
    /// * `OwnershipTransferred`, [`IdentityRegistrySet`].
    #[constructor]
    pub fn constructor(&mut self, admin: Address, identity_registry: Address) -> Result<(), Error> {
        self.ownable.init::<Error>(admin)?;
        self._set_identity_registry(identity_registry)
    }

    // ------------------------------------------------------------------
    // Token binding (IModularCompliance)
    // ------------------------------------------------------------------

    /// Binds `token`. Only the owner binds; the bound token may call this
    /// for itself again (T-REX's `setCompliance` does), which changes
    /// nothing. No one else can ever bind, so no stranger can reach the
    /// hooks and write the books before the real token is bound. The token
    /// is told whether its holder transfers need this compliance, here and
    /// after every change of the rules or modules (`setTransferChecks`: a
    /// compliance none of whose rules or modules checks or records a
    /// transfer lets them skip the call); a previously bound token told
    /// they did not is told they do.
    ///
    /// # Arguments
    ///
    /// * `token` - The token to serve.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedBinding`] - The caller is neither the owner
    ///   nor the bound `token` itself.
    /// * [`Error::InvalidToken`] - `token` is the zero address.
    /// * [`Error::Reverted`] - The bound token reverted when told that its
    ///   holder transfers need this compliance (`setTransferChecks`).
    ///
    /// # Events
    ///
    /// * [`TokenBound`], when the owner binds.
    pub fn bind_token(&mut self, token: Address) -> Result<(), Error> {
        let caller = self._sender();
        if token.is_zero() {
            return Err(ComplianceInvalidToken { token }.into());
        }
        if caller != self.ownable.owner() {
            if caller == token && token == self._config().token {
                return Ok(());
            }
            return Err(ComplianceUnauthorizedBinding { account: caller }.into());
        }
        self._release_token(caller)?;
        self._update_config(|c| c.token = token);
        self._emit(
            &[TokenBound::SIGNATURE_HASH],
            address_word(token).as_slice(),
        );
        self._tell_token()
    }

    /// Unbinds `token`, which must be the bound token. The owner or the
    /// token itself may unbind.
    ///
    /// # Arguments
    ///
    /// * `token` - The bound token.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedBinding`] - The caller is neither the owner
    ///   nor `token`.
    /// * [`Error::TokenNotBound`] - `token` is not the bound token.
    /// * [`Error::Reverted`] - The bound token reverted when told that its
    ///   holder transfers need this compliance (`setTransferChecks`).
    ///
    /// # Events
    ///
    /// * [`TokenUnbound`].
    pub fn unbind_token(&mut self, token: Address) -> Result<(), Error> {
        let caller = self._sender();
        if caller != self.ownable.owner() && caller != token {
            return Err(ComplianceUnauthorizedBinding { account: caller }.into());
        }
        if token != self._config().token || token.is_zero() {
            return Err(ComplianceTokenNotBound { token }.into());
        }
        self._release_token(caller)?;
        self._update_config(|c| c.token = Address::ZERO);
        self._emit(
            &[TokenUnbound::SIGNATURE_HASH],
            address_word(token).as_slice(),
        );
        Ok(())
    }

    /// Returns the bound token (zero when unbound).
    pub fn get_token_bound(&self) -> Address {
        self._config().token
    }

    // ------------------------------------------------------------------
    // External modules (IModularCompliance)
    // ------------------------------------------------------------------

    /// Binds the external `module`: it must be plug-and-play or accept
    /// this compliance (`canComplianceBind`), and is told
    /// (`bindCompliance`). Owner only.
    ///
    /// # Arguments
    ///
    /// * `module` - An `IModule` contract.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::InvalidModule`] - `module` is the zero address.
    /// * [`Error::ModuleAlreadyBound`] - `module` is bound.
    /// * [`Error::TooManyModules`] - [`MAX_MODULES`] are bound.
    /// * [`Error::ModuleCannotBind`] - `module` refuses this compliance.
    /// * [`Error::Reverted`] - `module` reverted, or the bound token did
    ///   when told that its holder transfers need this compliance.
    ///
    /// # Events
    ///
    /// * [`ModuleAdded`].
    pub fn add_module(&mut self, module: Address) -> Result<(), Error> {
        self.ownable.only_owner::<Error>()?;
        if module.is_zero() {
            return Err(ComplianceInvalidModule { module }.into());
        }
        if self.is_module_bound(module) {
            return Err(ComplianceModuleAlreadyBound { module }.into());
        }
        let count = self._config().modules;
        if usize::from(count) >= MAX_MODULES {
            return Err(ComplianceTooManyModules {
                max: U256::from(MAX_MODULES),
            }
            .into());
        }
        let this = self._this();
        if !module::can_bind(self.vm(), module, this)? {
            return Err(ComplianceModuleCannotBind { module }.into());
        }
        module::notify(self.vm(), module, BIND_COMPLIANCE, &[address_word(this)])?;
        self.modules.setter(Key::from(u64::from(count))).set(module);
        // Fewer than 25 modules: no overflow.
        self._update_config(|c| c.modules = count + 1);
        self._emit(&[ModuleAdded::SIGNATURE_HASH, address_word(module)], &[]);
        self._tell_token()
    }

    /// Unbinds `module`, telling it (`unbindCompliance`). Owner only.
    ///
    /// # Arguments
    ///
    /// * `module` - A bound module.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::ModuleNotBound`] - `module` is not bound.
    /// * [`Error::Reverted`] - `module` reverted, or the bound token did
    ///   when told that its holder transfers need this compliance.
    ///
    /// # Events
    ///
    /// * [`ModuleRemoved`].
    pub fn remove_module(&mut self, module: Address) -> Result<(), Error> {
        self.ownable.only_owner::<Error>()?;
        let Some(index) = self._module_index(module) else {
            return Err(ComplianceModuleNotBound { module }.into());
        };
        let this = self._this();
        module::notify(self.vm(), module, UNBIND_COMPLIANCE, &[address_word(this)])?;
        // The last module takes the removed one's place. Bound, so at
        // least one: no underflow.
        let last = self._config().modules - 1;
        let moved = self.modules.get(Key::from(u64::from(last)));
        self.modules.setter(Key::from(index)).set(moved);
        self.modules
            .setter(Key::from(u64::from(last)))
            .set(Address::ZERO);
        self._update_config(|c| c.modules = last);
        self._emit(&[ModuleRemoved::SIGNATURE_HASH, address_word(module)], &[]);
        self._tell_token()
    }

    /// Returns the bound modules.
    pub fn get_modules(&self) -> Vec<Address> {
        // The count shares the configuration slot: no module, no read.
        (0..u64::from(self._config().modules))
            .map(|i| self.modules.get(Key::from(i)))
            .collect()
    }

    /// Returns whether `module` is bound.
    ///
    /// # Arguments
    ///
    /// * `module` - The module.
    pub fn is_module_bound(&self, module: Address) -> bool {
        self._module_index(module).is_some()
    }

    /// Calls the bound `module` with `call_data`, the compliance being the
    /// caller (how a module's per-compliance settings are configured).
    /// Owner only.
    ///
    /// # Arguments
    ///
    /// * `call_data` - Selector and arguments of the module's function.
    /// * `module` - A bound module.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::ModuleNotBound`] - `module` is not bound.
    /// * [`Error::Reverted`] - `module` reverted.
    ///
    /// # Events
    ///
    /// * [`ModuleInteraction`] with the called selector.
    pub fn call_module_function(&mut self, call_data: Bytes, module: Address) -> Result<(), Error> {
        self.ownable.only_owner::<Error>()?;
        self._require_module(module)?;
        call(self.vm(), module, &call_data)?;
        let mut selector = B256::ZERO;
        let n = call_data.len().min(4);
        selector[..n].copy_from_slice(&call_data[..n]);
        self._emit(
            &[ModuleInteraction::SIGNATURE_HASH, address_word(module)],
            selector.as_slice(),
        );
        Ok(())
    }

    // ------------------------------------------------------------------
    // Checks and hooks (IModularCompliance)
    // ------------------------------------------------------------------

    /// Returns whether moving `amount` from `from` (zero for a mint) to
    /// `to` passes every switched-on rule and every module. Answers false,
    /// never reverts, when a rule refuses or a contract it reads fails.
    ///
    /// # Arguments
    ///
    /// * `from` - The sender; zero for a mint.
    /// * `to` - The recipient.
    /// * `amount` - The amount.
    pub fn can_transfer(&self, from: Address, to: Address, amount: U256) -> bool {
        match (self._sender_identity(from), self._recipient(to)) {
            (Ok(from_id), Ok(recipient)) => self._check(from, to, amount, from_id, recipient),
            _ => false,
        }
    }

    /// Checks a move of `amount` from `from` (zero for a mint) to `to` as
    /// [`Self::can_transfer`] does and, when it passes, records it as
    /// [`Self::transferred`] (or [`Self::created`]) does: the bound token's
    /// one compliance call per transfer and mint. The identities and the
    /// country are what the identity registry answered when the token
    /// verified `to` (`verifiedIdentity`, or `transferIdentities` when the
    /// sender's identity is given too); the compliance does not ask again,
    /// so the token and the compliance must share one registry, as the
    /// books already assume: they follow it ([`Self::sync_wallet`]), so a
    /// wallet holding tokens is booked under the identity the registry
    /// gives it, and `to` is counted for `to_identity` without reading its
    /// book. Bound token only.
    ///
    /// Returns whether the move passed (a refused move records nothing),
    /// and whether this compliance wants `from_identity` given: only its
    /// transfer limits without the books use it, and asking the registry
    /// itself costs a call and a read more than the token's one call
    /// answering both. When it is not given (zero) and needed, the
    /// compliance asks the registry.
    ///
    /// # Arguments
    ///
    /// * `from` - The sender; zero for a mint.
    /// * `to` - The recipient.
    /// * `amount` - The amount.
    /// * `from_identity` - The identity `from`'s tokens count for in the
    ///   registry (`from` itself when unregistered); zero when not given.
    /// * `to_identity` - The recipient's identity in the registry.
    /// * `to_country` - The recipient's country in the registry.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedToken`] - The caller is not the bound token.
    /// * [`Error::UnknownBalance`] - `from` holds less than `amount` in the
    ///   books.
    /// * [`Error::Overflow`] - The supply would overflow.
    /// * [`Error::Reverted`] - A module reverted in its action hook.
    pub fn check_and_record(
        &mut self,
        from: Address,
        to: Address,
        amount: U256,
        from_identity: Address,
        to_identity: Address,
        to_country: u16,
    ) -> Result<(bool, bool), Error> {
        self._only_token()?;
        let to_id = if to_identity.is_zero() {
            to
        } else {
            to_identity
        };
        let recipient = (to_id, to_country);
        let config = self._config();
        let wanted = !config.books && config.limits > 0;
        let from_id = if wanted && !from_identity.is_zero() {
            from_identity
        } else {
            self._sender_identity(from)?
        };
        if !self._check(from, to, amount, from_id, recipient) {
            return Ok((false, wanted));
        }
        if from.is_zero() {
            self._created(to, amount, recipient)?;
        } else {
            self._transferred(from, to, amount, from_id, recipient)?;
        }
        Ok((true, wanted))
    }

    /// Records a transfer of `amount` from `from` to `to`. Bound token
    /// only.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedToken`] - The caller is not the bound token.
    /// * [`Error::UnknownBalance`] - `from` holds less than `amount` in the
    ///   books.
    /// * [`Error::Overflow`] - A book would overflow.
    /// * [`Error::Reverted`] - The registry or a module reverted.
    pub fn transferred(&mut self, from: Address, to: Address, amount: U256) -> Result<(), Error> {
        self._only_token()?;
        let from_id = self._sender_identity(from)?;
        let recipient = self._recipient(to)?;
        self._transferred(from, to, amount, from_id, recipient)
    }

    /// Records a mint of `amount` to `to`, locking it for the lock-up
    /// period. Bound token only.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedToken`] - The caller is not the bound token.
    /// * [`Error::Overflow`] - The supply would overflow.
    /// * [`Error::Reverted`] - The registry or a module reverted.
    pub fn created(&mut self, to: Address, amount: U256) -> Result<(), Error> {
        self._only_token()?;
        let recipient = self._recipient(to)?;
        self._created(to, amount, recipient)
    }

    /// Records a burn of `amount` from `from`. Bound token only.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedToken`] - The caller is not the bound token.
    /// * [`Error::UnknownBalance`] - `from` holds less than `amount` in the
    ///   books.
    /// * [`Error::Reverted`] - A module reverted.
    pub fn destroyed(&mut self, from: Address, amount: U256) -> Result<(), Error> {
        self._only_token()?;
        self._record_burn(from, amount)?;
        self._notify_modules(
            module::MODULE_BURN_ACTION,
            &[address_word(from), uint_word(amount)],
        )
    }

    // ------------------------------------------------------------------
    // Identity registry
    // ------------------------------------------------------------------

    /// Returns the identity registry, fixed at construction: the books are
    /// kept from it and from what it tells the compliance
    /// ([`Self::sync_wallet`]). To follow another registry, deploy a new
    /// compliance before the token has holders.
    pub fn identity_registry(&self) -> Address {
        self.identity_registry.get()
    }

    /// Re-books `wallet` after the identity registry changed it: its
    /// tokens now count for `identity` (the wallet itself when zero: an
    /// unregistered wallet), and that identity as a holder in `country`.
    /// Identity registry only; it calls this from `updateIdentity`,
    /// `updateCountry`, `deleteIdentity` and when it registers a wallet it
    /// deleted before.
    ///
    /// # Arguments
    ///
    /// * `wallet` - The changed wallet.
    /// * `identity` - Its identity now (zero when deleted).
    /// * `country` - Its country now (zero when deleted).
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedRegistry`] - The caller is not the identity
    ///   registry.
    /// * [`Error::SyncBreachesRule`] - `identity` would newly count as a
    ///   holder beyond the holder cap, enter `country` beyond its cap, or
    ///   receive the wallet's tokens beyond the maximum balance (each when
    ///   switched on).
    ///
    /// # Events
    ///
    /// * [`WalletSynced`], when the books change.
    pub fn sync_wallet(
        &mut self,
        wallet: Address,
        identity: Address,
        country: u16,
    ) -> Result<(), Error> {
        let account = self._sender();
        if account != self.identity_registry.get() {
            return Err(ComplianceUnauthorizedRegistry { account }.into());
        }
        self._sync(wallet, identity, country)
    }

    // ------------------------------------------------------------------
    // Rule settings (owner only, each with its event)
    // ------------------------------------------------------------------

    /// Switches the country allow-list (only wallets of allow-listed
    /// countries may receive) and block-list (wallets of block-listed
    /// countries may not receive) on or off. Owner only.
    ///
    /// # Arguments
    ///
    /// * `allow_list` - Whether the allow-list applies.
    /// * `block_list` - Whether the block-list applies.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::Reverted`] - The bound token reverted when told that its
    ///   holder transfers need this compliance (`setTransferChecks`).
    ///
    /// # Events
    ///
    /// * [`CountryListsEnabled`].
    pub fn set_country_lists_enabled(
        &mut self,
        allow_list: bool,
        block_list: bool,
    ) -> Result<(), Error> {
        self.ownable.only_owner::<Error>()?;
        self._switch(rules::ALLOW_LIST, allow_list);
        self._switch(rules::BLOCK_LIST, block_list);
        self._emit(
            &[CountryListsEnabled::SIGNATURE_HASH],
            &words(&[bool_word(allow_list), bool_word(block_list)]),
        );
        self._tell_token()
    }

    /// Sets everything about `country` at once (read [`Compliance::country`]
    /// to change one part): on the allow-list, on the block-list, and its
    /// holder cap. A cap below the current count refuses new holders there
    /// until enough leave. Owner only.
    ///
    /// # Arguments
    ///
    /// * `country` - ISO 3166-1 numeric code.
    /// * `allowed` - On the allow-list.
    /// * `blocked` - On the block-list.
    /// * `cap_enabled` - Whether the country's holder cap applies.
    /// * `cap` - The most holding identities counted in the country.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::Reverted`] - The bound token reverted when told that its
    ///   holder transfers need this compliance (`setTransferChecks`).
    ///
    /// # Events
    ///
    /// * [`CountrySet`].
    pub fn set_country(
        &mut self,
        country: u16,
        allowed: bool,
        blocked: bool,
        cap_enabled: bool,
        cap: u32,
    ) -> Result<(), Error> {
        self.ownable.only_owner::<Error>()?;
        self._keep_books(cap_enabled)?;
        let holders = self._country(country).holders;
        self._set_country(
            country,
            config::Country {
                allowed,
                blocked,
                cap_on: cap_enabled,
                cap,
                holders,
            },
        );
        self._emit(
            &[CountrySet::SIGNATURE_HASH, uint_word(U256::from(country))],
            &words(&[
                bool_word(allowed),
                bool_word(blocked),
                bool_word(cap_enabled),
                uint_word(U256::from(cap)),
            ]),
        );
        Ok(())
    }

    /// Switches the maximum balance per identity on (at `max`) or off.
    /// A `max` above [`MAX_BOOKED`] is kept as [`MAX_BOOKED`] (no identity
    /// can hold more). Owner only.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::Reverted`] - The bound token reverted when told that its
    ///   holder transfers need this compliance (`setTransferChecks`).
    ///
    /// # Events
    ///
    /// * [`MaxBalanceSet`].
    pub fn set_max_balance(&mut self, enabled: bool, max: U256) -> Result<(), Error> {
        self.ownable.only_owner::<Error>()?;
        self._keep_books(enabled)?;
        self._switch(rules::MAX_BALANCE, enabled);
        self._set_cap(false, max);
        self._emit(
            &[MaxBalanceSet::SIGNATURE_HASH],
            &words(&[bool_word(enabled), uint_word(max)]),
        );
        Ok(())
    }

    /// Switches the cap on holding identities on (at `max`) or off. A cap
    /// below the current count refuses new holders until enough leave.
    /// Owner only.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::Reverted`] - The bound token reverted when told that its
    ///   holder transfers need this compliance (`setTransferChecks`).
    ///
    /// # Events
    ///
    /// * [`MaxHoldersSet`].
    pub fn set_max_holders(&mut self, enabled: bool, max: u32) -> Result<(), Error> {
        self.ownable.only_owner::<Error>()?;
        self._keep_books(enabled)?;
        self._switch(rules::MAX_HOLDERS, enabled);
        self._update_config(|c| c.max_holders = max);
        self._emit(
            &[MaxHoldersSet::SIGNATURE_HASH],
            &words(&[bool_word(enabled), uint_word(U256::from(max))]),
        );
        Ok(())
    }

    /// Switches the supply cap on (at `cap`) or off: when on, mints may not
    /// take the supply above `cap`. A `cap` above [`MAX_BOOKED`] is kept as
    /// [`MAX_BOOKED`] (the books never hold more). Owner only.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    ///
    /// # Events
    ///
    /// * [`SupplyCapSet`].
    pub fn set_supply_cap(&mut self, enabled: bool, cap: U256) -> Result<(), Error> {
        self.ownable.only_owner::<Error>()?;
        self._switch(rules::SUPPLY_CAP, enabled);
        self._set_cap(true, cap);
        self._emit(
            &[SupplyCapSet::SIGNATURE_HASH],
            &words(&[bool_word(enabled), uint_word(cap)]),
        );
        Ok(())
    }

    /// Locks tokens minted from now on for `period` seconds (zero: no
    /// lock-up; mints already locked keep their release times). Owner
    /// only.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::Reverted`] - The bound token reverted when told that its
    ///   holder transfers need this compliance (`setTransferChecks`).
    ///
    /// # Events
    ///
    /// * [`LockUpPeriodSet`].
    pub fn set_lock_up_period(&mut self, period: u64) -> Result<(), Error> {
        self.ownable.only_owner::<Error>()?;
        self._keep_books(period != 0)?;
        self.lock_up_period.set(U256::from(period));
        self._emit(
            &[LockUpPeriodSet::SIGNATURE_HASH],
            uint_word(U256::from(period)).as_slice(),
        );
        Ok(())
    }

    /// Sets the transfer limits: an identity may send at most `limits[i]`
    /// within each window of `windows[i]` seconds (a window starts with the
    /// identity's first transfer after the previous one ended; mints and
    /// moves between one identity's wallets do not count). Empty arrays
    /// switch the rule off. Owner only.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::InvalidTransferLimits`] - The arrays differ in length,
    ///   hold more than four windows, a window is zero or repeated, or a
    ///   limit is above [`MAX_LIMIT`]. A window above [`MAX_WINDOW`] is
    ///   kept as [`MAX_WINDOW`] (`transferLimits()` reads it back so; the
    ///   event carries the windows as given).
    /// * [`Error::Reverted`] - The bound token reverted when told that its
    ///   holder transfers need this compliance (`setTransferChecks`).
    ///
    /// # Events
    ///
    /// * [`TransferLimitsSet`].
    pub fn set_transfer_limits(
        &mut self,
        windows: Vec<u64>,
        limits: Vec<U256>,
    ) -> Result<(), Error> {
        self.ownable.only_owner::<Error>()?;
        let repeated = windows
            .iter()
            .enumerate()
            // Zero wraps to u64::MAX: one comparison refuses 0 and > MAX.
            .any(|(i, w)| *w == 0 || windows[..i].contains(w));
        let too_high = limits.iter().any(|l| *l > MAX_LIMIT);
        if windows.len() != limits.len()
            || windows.len() > MAX_TRANSFER_LIMITS
            || repeated
            || too_high
        {
            return Err(ComplianceInvalidTransferLimits {
                max: U256::from(MAX_TRANSFER_LIMITS),
            }
            .into());
        }
        // Two limits a word, each a half: its limit's 96 bits, its window's
        // 32 above ([`rules::unpack_limit`]); at most four windows (checked
        // above), so eight limbs; both words written, unused halves zero.
        let mut limbs = [0u64; 2 * MAX_TRANSFER_LIMITS];
        for (i, (window, limit)) in windows.iter().zip(&limits).enumerate() {
            let low = limit.as_limbs();
            limbs[2 * i] = low[0];
            // Disjoint bits, and below 2^64: the window's 32 above the
            // limit's top 32.
            limbs[2 * i + 1] = (window.min(&MAX_WINDOW) << 32) + (low[1] & u64::from(u32::MAX));
        }
        for (i, word) in limbs.chunks_exact(4).enumerate() {
            let word = U256::from_limbs([word[0], word[1], word[2], word[3]]);
            self.limits.setter(Key::from(i as u64)).set(word);
        }
        // At most four windows: fits a byte.
        self._update_config(|c| c.limits = windows.len() as u8);
        let windows: Vec<U256> = windows.into_iter().map(U256::from).collect();
        self._emit(
            &[TransferLimitsSet::SIGNATURE_HASH],
            &uint_arrays(&[&windows, &limits]),
        );
        self._tell_token()
    }

    // ------------------------------------------------------------------
    // Rule views
    // ------------------------------------------------------------------

    /// Returns the global rule settings: which switchable rules are on
    /// (bits [`rules::ALLOW_LIST`], [`rules::BLOCK_LIST`],
    /// [`rules::MAX_BALANCE`], [`rules::MAX_HOLDERS`],
    /// [`rules::SUPPLY_CAP`]), the maximum balance per identity, the holder
    /// cap, the supply cap and the lock-up period in seconds.
    pub fn rules(&self) -> (u8, U256, u32, U256, u64) {
        let config = self._config();
        let (max_balance, supply_cap) = self._caps();
        (
            config.rules | if config.books { rules::BOOKS } else { 0 },
            max_balance,
            config.max_holders,
            supply_cap,
            self.lock_up_period.get().to(),
        )
    }

    /// Returns what the rules hold about `country`: allow-listed,
    /// block-listed, whether its holder cap is on, the cap, and how many
    /// holding identities are counted there.
    pub fn country(&self, country: u16) -> (bool, bool, bool, u32, u32) {
        let book = self._country(country);
        (
            book.allowed,
            book.blocked,
            book.cap_on,
            book.cap,
            book.holders,
        )
    }

    /// Returns the transfer limits as (window in seconds, limit) pairs.
    /// One array of pairs, not two arrays: stylus-sdk 0.9 encodes a return
    /// of several dynamic values unlike the Solidity ABI.
    pub fn transfer_limits(&self) -> Vec<(u64, U256)> {
        (0..self._limit_count()).map(|i| self._limit(i)).collect()
    }

    // ------------------------------------------------------------------
    // Books
    // ------------------------------------------------------------------

    /// Returns the number of identities holding tokens.
    pub fn holder_count(&self) -> u32 {
        self._config().holders
    }

    /// Returns the supply, as the hooks reported it.
    pub fn supply(&self) -> U256 {
        self.supply.get()
    }

    /// Returns the balance of `identity` (all its wallets).
    pub fn identity_balance(&self, identity: Address) -> U256 {
        self._identity(identity).0
    }

    /// Returns the lock-ups of `wallet` as (release time, amount) pairs
    /// (released entries may remain until the wallet's next change).
    pub fn lock_ups(&self, wallet: Address) -> Vec<(u64, U256)> {
        let count = self.wallets.getter(Key::from(wallet)).locks.get().to();
        lock_up::entries(&self.lock_ups.getter(Key::from(wallet)), count)
            .map(|(amount, release)| (release, amount))
            .collect()
    }

    /// Returns what `identity` sent in its current window of `window`
    /// seconds (zero once that window ended).
    pub fn sent_in_window(&self, identity: Address, window: u64) -> U256 {
        self._sent(identity, window, self._now())
    }
}

impl Compliance {
    /// Returns how much of `wallet`'s balance is locked now. Not in the
    /// ABI (the deployed contract has no room for it): a dApp sums the
    /// entries of [`Self::lock_ups`] whose release time is after now.
    pub fn locked_balance(&self, wallet: Address) -> U256 {
        let count = self.wallets.getter(Key::from(wallet)).locks.get().to();
        lock_up::locked(&self.lock_ups.getter(Key::from(wallet)), count, self._now())
    }

    /// Returns the balance of `wallet` and the identity it counts for.
    /// Not in the ABI (the deployed contract has no room for it): they are
    /// the token's `balanceOf` and the registry's `identity` (the wallet
    /// itself when unregistered), which the books follow.
    pub fn wallet_book(&self, wallet: Address) -> (Address, U256) {
        let book = self.wallets.getter(Key::from(wallet));
        (book.identity.get(), book.balance.get())
    }

    /// The caller of the current call.
    fn _sender(&self) -> Address {
        msg_sender(self.vm())
    }

    /// This contract's address.
    fn _this(&self) -> Address {
        contract_address(self.vm())
    }

    /// The current block's timestamp.
    pub(crate) fn _now(&self) -> u64 {
        block_timestamp(self.vm())
    }

    /// Emits a log through the shared raw-log path.
    pub(crate) fn _emit(&self, topics: &[B256], data: &[u8]) {
        emit(self.vm(), topics, data);
    }

    /// How many transfer limits are set.
    pub(crate) fn _limit_count(&self) -> u64 {
        u64::from(self._config().limits)
    }

    /// Transfer limit `i` as (window, limit).
    pub(crate) fn _limit(&self, i: u64) -> (u64, U256) {
        rules::unpack_limit(self.limits.get(Key::from(i / 2)), i % 2 == 1)
    }

    /// The maximum balance per identity and the supply cap.
    pub(crate) fn _caps(&self) -> (U256, U256) {
        halves(self.caps.get())
    }

    /// Sets the supply cap (`supply`) or the maximum balance to `value`,
    /// kept up to [`MAX_BOOKED`].
    fn _set_cap(&mut self, supply: bool, value: U256) {
        let value = value.min(MAX_BOOKED);
        let (max_balance, supply_cap) = self._caps();
        self.caps.set(if supply {
            pack_halves(max_balance, value)
        } else {
            pack_halves(value, supply_cap)
        });
    }

    /// Where `module` is among the bound modules.
    fn _module_index(&self, module: Address) -> Option<u64> {
        (0..u64::from(self._config().modules)).find(|&i| self.modules.get(Key::from(i)) == module)
    }

    /// Starts keeping the books when a rule that needs them is switched
    /// on (`needed`): only while no token exists. Once kept, they are kept
    /// for good (a rule switched off later can be switched on again).
    ///
    /// # Errors
    ///
    /// * [`Error::BooksNotKept`] - The books are not kept and the supply
    ///   is above zero.
    fn _keep_books(&mut self, needed: bool) -> Result<(), Error> {
        if !needed || self._config().books {
            return Ok(());
        }
        let supply = self.supply.get();
        if !supply.is_zero() {
            return Err(ComplianceBooksNotKept { supply }.into());
        }
        self._update_config(|c| c.books = true);
        self._tell_token()
    }

    /// Tells the bound token whether its holder transfers need this
    /// compliance (`setTransferChecks`), after every change of the rules,
    /// the modules or the binding: that they do, whenever it was told they
    /// did not and now they do (refused when the token reverts, so that no
    /// rule is ever skipped); that they do not, whenever that became true,
    /// remembered only when the token heeds it (an account without code
    /// is not asked; a token of another suite, or this suite's token in
    /// the middle of a call of its own, keeps calling, which is always
    /// safe).
    ///
    /// # Errors
    ///
    /// * [`Error::Reverted`] - The token reverted when told that its
    ///   transfers need this compliance.
    fn _tell_token(&mut self) -> Result<(), Error> {
        let config = self._config();
        let needed = config.checks_transfers();
        if config.token.is_zero() || needed != config.skipping {
            return Ok(());
        }
        if needed {
            // Told as a token left is (no caller is exempt).
            self._release_token(Address::ZERO)?;
        } else if has_code(self.vm(), config.token)
            && token::set_transfer_checks(self.vm(), config.token, false).unwrap_or(false)
        {
            self._update_config(|c| c.skipping = true);
        }
        Ok(())
    }

    /// Before the bound token changes: a token told that its transfers
    /// need not call is told that they do (unless it is the `caller`,
    /// moving to another compliance: it resets that itself).
    ///
    /// # Errors
    ///
    /// * [`Error::Reverted`] - The token reverted.
    fn _release_token(&mut self, caller: Address) -> Result<(), Error> {
        let config = self._config();
        if config.skipping {
            if caller != config.token {
                token::set_transfer_checks(self.vm(), config.token, true)?;
            }
            self._update_config(|c| c.skipping = false);
        }
        Ok(())
    }

    /// Everything about `code`.
    pub(crate) fn _country(&self, code: u16) -> config::Country {
        config::Country::unpack(self.countries.get(Key::from(code)))
    }

    /// Sets everything about `code`.
    pub(crate) fn _set_country(&mut self, code: u16, country: config::Country) {
        self.countries.setter(Key::from(code)).set(country.pack());
    }

    /// The configuration word.
    pub(crate) fn _config(&self) -> config::Config {
        config::Config::unpack(self.config.get())
    }

    /// Changes the configuration word.
    fn _update_config(&mut self, change: impl FnOnce(&mut config::Config)) {
        let mut config = self._config();
        change(&mut config);
        self.config.set(config.pack());
    }

    /// Whether the switchable `rule` is on.
    pub(crate) fn _on(&self, rule: u8) -> bool {
        self._config().rules & rule != 0
    }

    /// Switches `rule` on or off.
    fn _switch(&mut self, rule: u8, on: bool) {
        self._update_config(|c| c.rules = if on { c.rules | rule } else { c.rules & !rule });
    }

    /// Refuses hooks from anyone but the bound token.
    fn _only_token(&self) -> Result<(), Error> {
        let account = self._sender();
        if account != self._config().token || account.is_zero() {
            return Err(ComplianceUnauthorizedToken { account }.into());
        }
        Ok(())
    }

    /// Refuses modules that are not bound.
    fn _require_module(&self, module: Address) -> Result<(), Error> {
        if !self.is_module_bound(module) {
            return Err(ComplianceModuleNotBound { module }.into());
        }
        Ok(())
    }

    /// Books a transfer from `from` (of `from_id`) to `to`, counted for
    /// `recipient` (identity, country), and tells every module.
    fn _transferred(
        &mut self,
        from: Address,
        to: Address,
        amount: U256,
        from_id: Address,
        recipient: (Address, u16),
    ) -> Result<(), Error> {
        self._record_transfer(from, to, amount, from_id, recipient)?;
        self._notify_modules(
            module::MODULE_TRANSFER_ACTION,
            &[address_word(from), address_word(to), uint_word(amount)],
        )
    }

    /// Books a mint to `to`, counted for `recipient` (identity, country),
    /// and tells every module.
    fn _created(
        &mut self,
        to: Address,
        amount: U256,
        recipient: (Address, u16),
    ) -> Result<(), Error> {
        self._record_mint(to, amount, recipient)?;
        self._notify_modules(
            module::MODULE_MINT_ACTION,
            &[address_word(to), uint_word(amount)],
        )
    }

    /// Tells every module of a transfer, mint or burn (`sel`, `args`).
    fn _notify_modules(&mut self, sel: [u8; 4], args: &[B256]) -> Result<(), Error> {
        for module in self.get_modules() {
            module::notify(self.vm(), module, sel, args)?;
        }
        Ok(())
    }

    /// Sets the identity registry and emits [`IdentityRegistrySet`].
    fn _set_identity_registry(&mut self, registry: Address) -> Result<(), Error> {
        if registry.is_zero() {
            return Err(ComplianceInvalidIdentityRegistry { registry }.into());
        }
        self.identity_registry.set(registry);
        self._emit(
            &[IdentityRegistrySet::SIGNATURE_HASH, address_word(registry)],
            &[],
        );
        Ok(())
    }
}
