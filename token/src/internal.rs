//! The token's internal paths: the transfer checks, the one balance-update
//! path for transfers, mints and burns, freezes, recovery, and events.
//!
//! Invariants every path keeps:
//! - the total supply is the sum of all balances;
//! - a wallet's frozen tokens never exceed its balance.
use alloc::vec::Vec;

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolEvent;
use common::{
    bindings::{compliance, identity_registry},
    host::{keccak, msg_sender},
    log::{address_word, bool_word, emit, uint_word, words},
};
use stylus_sdk::prelude::*;

use crate::{
    wallet::{Wallet, MAX_SUPPLY},
    *,
};

/// Refuses batch arrays of different lengths.
pub(crate) fn same_length(a: usize, b: usize) -> Result<(), Error> {
    if a != b {
        return Err(TokenArrayLengthMismatch {}.into());
    }
    Ok(())
}

/// Refuses the zero address as registry or compliance.
fn non_zero(account: Address) -> Result<(), Error> {
    if account.is_zero() {
        return Err(TokenInvalidContract { account }.into());
    }
    Ok(())
}

impl Token {
    /// The caller of the current call.
    pub(crate) fn _sender(&self) -> Address {
        msg_sender(self.vm())
    }

    /// Emits a log through the shared raw-log path.
    pub(crate) fn _emit(&self, topics: &[B256], data: &[u8]) {
        emit(self.vm(), topics, data);
    }

    // ------------------------------------------------------------------
    // Transfers, mints, burns
    // ------------------------------------------------------------------

    /// A holder's transfer: the sender checks, then the compliant move.
    pub(crate) fn _transfer(
        &mut self,
        from: Address,
        to: Address,
        amount: U256,
    ) -> Result<(), Error> {
        self._check_sender(from, to, amount)?;
        self._compliant_move(from, to, amount)
    }

    /// The checks a holder's transfer passes before the recipient's: not
    /// paused, neither party frozen, the amount within the free balance.
    pub(crate) fn _check_sender(
        &self,
        from: Address,
        to: Address,
        amount: U256,
    ) -> Result<(), Error> {
        self._when_not_paused()?;
        let sender = self._wallet(from);
        for (wallet, state) in [(from, sender), (to, self._wallet(to))] {
            if state.frozen {
                return Err(TokenWalletFrozen { wallet }.into());
            }
        }
        // Frozen tokens never exceed the balance; saturating all the same.
        let free = sender.balance.saturating_sub(sender.frozen_tokens);
        if amount > free {
            return Err(TokenInsufficientFreeBalance {
                wallet: from,
                free,
                needed: amount,
            }
            .into());
        }
        Ok(())
    }

    /// The recipient verified, the compliance's consent and record (one
    /// call: `checkAndRecord`), and the move. When the compliance last
    /// answered that it wants the sender's identity, the registry is asked
    /// for both parties in its one call (`transferIdentities`); the answer
    /// is kept for the next transfer when it changes.
    pub(crate) fn _compliant_move(
        &mut self,
        from: Address,
        to: Address,
        amount: U256,
    ) -> Result<(), Error> {
        if !from.is_zero() && self.transfers_unchecked.get() {
            // The compliance said no transfer needs it (`setTransferChecks`).
            self._verified(from, to, false)?;
            return self._update(from, to, amount);
        }
        let asked = self.sender_identity_wanted.get();
        let parties = self._verified(from, to, asked && !from.is_zero())?;
        let compliance = self.compliance.get();
        let (passed, wants) =
            compliance::check_and_record(self.vm(), compliance, (from, to, amount), parties)?;
        if !passed {
            return Err(TokenComplianceRefused { from, to, amount }.into());
        }
        if wants != asked {
            self.sender_identity_wanted.set(wants);
        }
        self._update(from, to, amount)
    }

    /// Mints `amount` to a verified `to` with the compliance's consent.
    pub(crate) fn _mint(&mut self, to: Address, amount: U256) -> Result<(), Error> {
        self._compliant_move(Address::ZERO, to, amount)
    }

    /// Burns `amount` of `user`'s tokens, unfreezing what the burn needs.
    pub(crate) fn _burn(&mut self, user: Address, amount: U256) -> Result<(), Error> {
        let balance = self._require_balance(user, amount)?;
        self._unfreeze_shortfall(user, balance, amount);
        self._update(user, Address::ZERO, amount)?;
        compliance::destroyed(self.vm(), self.compliance.get(), user, amount)?;
        Ok(())
    }

    /// An agent's transfer: no pause, freeze or compliance check; the
    /// recipient verified; what the transfer needs unfrozen.
    pub(crate) fn _forced_transfer(
        &mut self,
        from: Address,
        to: Address,
        amount: U256,
    ) -> Result<(), Error> {
        let balance = self._require_balance(from, amount)?;
        self._verified(from, to, false)?;
        self._unfreeze_shortfall(from, balance, amount);
        self._update(from, to, amount)?;
        compliance::transferred(self.vm(), self.compliance.get(), from, to, amount)?;
        Ok(())
    }

    /// The one balance-update path: moves `amount` from `from` to `to`,
    /// where a zero `from` mints and a zero `to` burns, and emits
    /// [`Transfer`]. Callers have checked `from`'s balance; it is checked
    /// again here so that no path can underflow.
    fn _update(&mut self, from: Address, to: Address, amount: U256) -> Result<(), Error> {
        // The supply is read only by mints and burns: a transfer spares
        // the cold read.
        if from.is_zero() {
            let supply = self
                .total_supply
                .get()
                .checked_add(amount)
                .filter(|supply| *supply <= MAX_SUPPLY)
                .ok_or(TokenSupplyOverflow { amount })?;
            self.total_supply.set(supply);
        } else {
            self._require_balance(from, amount)?;
            let mut sender = self._wallet(from);
            // `amount <= balance`, checked just above.
            sender.balance -= amount;
            self._set_wallet(from, sender);
        }
        if to.is_zero() {
            // `amount <= balance(from) <= total supply`.
            let supply = self.total_supply.get();
            self.total_supply.set(supply - amount);
        } else {
            // `balance(to) + amount <= total supply <= MAX_SUPPLY` (the sum
            // of all balances, already raised for a mint): no overflow.
            let mut recipient = self._wallet(to);
            recipient.balance += amount;
            self._set_wallet(to, recipient);
        }
        self._emit(
            &[
                Transfer::SIGNATURE_HASH,
                address_word(from),
                address_word(to),
            ],
            uint_word(amount).as_slice(),
        );
        Ok(())
    }

    /// Refuses unless `wallet` holds at least `amount`; returns its
    /// balance.
    fn _require_balance(&self, wallet: Address, amount: U256) -> Result<U256, Error> {
        let balance = self._wallet(wallet).balance;
        if amount > balance {
            return Err(ERC20InsufficientBalance {
                sender: wallet,
                balance,
                needed: amount,
            }
            .into());
        }
        Ok(balance)
    }

    /// Refuses the zero address and wallets the registry does not verify;
    /// returns `from`'s identity (when `with_sender`; zero otherwise) and
    /// the identity and country of a verified `to`.
    fn _verified(
        &self,
        from: Address,
        to: Address,
        with_sender: bool,
    ) -> Result<(Address, Address, u16), Error> {
        if to.is_zero() {
            return Err(ERC20InvalidReceiver { receiver: to }.into());
        }
        let registry = self.identity_registry.get();
        let parties = if with_sender {
            identity_registry::transfer_identities(self.vm(), registry, from, to)?
        } else {
            let (identity, country) =
                identity_registry::verified_identity(self.vm(), registry, to)?;
            (Address::ZERO, identity, country)
        };
        if parties.1.is_zero() {
            return Err(TokenUnverifiedRecipient { wallet: to }.into());
        }
        Ok(parties)
    }

    /// Refuses while paused.
    pub(crate) fn _when_not_paused(&self) -> Result<(), Error> {
        if self.paused.get() {
            return Err(TokenEnforcedPause {}.into());
        }
        Ok(())
    }

    // ------------------------------------------------------------------
    // Allowances
    // ------------------------------------------------------------------

    /// Records `owner`'s allowance to `spender` and emits [`Approval`].
    pub(crate) fn _approve(
        &mut self,
        owner: Address,
        spender: Address,
        amount: U256,
    ) -> Result<(), Error> {
        if spender.is_zero() {
            return Err(ERC20InvalidSpender { spender }.into());
        }
        self.allowances
            .setter(Key::from(owner))
            .insert(Key::from(spender), amount);
        self._emit(
            &[
                Approval::SIGNATURE_HASH,
                address_word(owner),
                address_word(spender),
            ],
            uint_word(amount).as_slice(),
        );
        Ok(())
    }

    /// Lowers `owner`'s allowance to `spender` by `amount`, unless it is
    /// unlimited (2^256 - 1).
    pub(crate) fn _spend_allowance(
        &mut self,
        owner: Address,
        spender: Address,
        amount: U256,
    ) -> Result<(), Error> {
        let allowance = self
            .allowances
            .getter(Key::from(owner))
            .get(Key::from(spender));
        if allowance == U256::MAX {
            return Ok(());
        }
        let rest = allowance
            .checked_sub(amount)
            .ok_or(ERC20InsufficientAllowance {
                spender,
                allowance,
                needed: amount,
            })?;
        self._approve(owner, spender, rest)
    }

    // ------------------------------------------------------------------
    // Freezes
    // ------------------------------------------------------------------

    /// `wallet`'s state ([`Wallet`]).
    pub(crate) fn _wallet(&self, wallet: Address) -> Wallet {
        Wallet::unpack(self.wallets.get(Key::from(wallet)))
    }

    /// Records `wallet`'s state.
    fn _set_wallet(&mut self, wallet: Address, state: Wallet) {
        self.wallets.insert(Key::from(wallet), state.pack());
    }

    /// `wallet`'s balance less its frozen tokens.
    fn _free_balance(&self, wallet: Address) -> U256 {
        let state = self._wallet(wallet);
        // Frozen tokens never exceed the balance; saturating all the same.
        state.balance.saturating_sub(state.frozen_tokens)
    }

    /// Before `amount` leaves `wallet` (holding `balance >= amount`) by
    /// burn or forced transfer: unfreezes the part of `amount` above the
    /// free balance and emits [`TokensUnfrozen`] for it.
    fn _unfreeze_shortfall(&mut self, wallet: Address, balance: U256, amount: U256) {
        let mut state = self._wallet(wallet);
        let free = balance.saturating_sub(state.frozen_tokens);
        if amount > free {
            // `amount <= balance` gives `shortfall <= frozen`.
            let shortfall = amount - free;
            state.frozen_tokens -= shortfall;
            self._set_wallet(wallet, state);
            self._emit_amount(TokensUnfrozen::SIGNATURE_HASH, wallet, shortfall);
        }
    }

    /// Freezes `amount` more of `user`'s free balance.
    pub(crate) fn _freeze_tokens(&mut self, user: Address, amount: U256) -> Result<(), Error> {
        let free = self._free_balance(user);
        if amount > free {
            return Err(TokenInsufficientFreeBalance {
                wallet: user,
                free,
                needed: amount,
            }
            .into());
        }
        // `frozen + amount <= balance`: no overflow.
        let mut state = self._wallet(user);
        state.frozen_tokens += amount;
        self._set_wallet(user, state);
        self._emit_amount(TokensFrozen::SIGNATURE_HASH, user, amount);
        Ok(())
    }

    /// Unfreezes `amount` of `user`'s frozen tokens.
    pub(crate) fn _unfreeze_tokens(&mut self, user: Address, amount: U256) -> Result<(), Error> {
        let mut state = self._wallet(user);
        let frozen = state.frozen_tokens;
        state.frozen_tokens = frozen
            .checked_sub(amount)
            .ok_or(TokenInsufficientFrozenTokens {
                wallet: user,
                frozen,
                amount,
            })?;
        self._set_wallet(user, state);
        self._emit_amount(TokensUnfrozen::SIGNATURE_HASH, user, amount);
        Ok(())
    }

    /// Records the frozen flag of `user` and emits [`AddressFrozen`] with
    /// the calling agent.
    pub(crate) fn _set_frozen(&mut self, user: Address, freeze: bool) {
        let mut state = self._wallet(user);
        state.frozen = freeze;
        self._set_wallet(user, state);
        let agent = self._sender();
        self._emit(
            &[
                AddressFrozen::SIGNATURE_HASH,
                address_word(user),
                bool_word(freeze),
                address_word(agent),
            ],
            &[],
        );
    }

    /// Emits `topic0` (`TokensFrozen` or `TokensUnfrozen`) for `amount` of
    /// `user`'s tokens.
    fn _emit_amount(&self, topic0: B256, user: Address, amount: U256) {
        self._emit(&[topic0, address_word(user)], uint_word(amount).as_slice());
    }

    // ------------------------------------------------------------------
    // Recovery
    // ------------------------------------------------------------------

    /// Moves everything of `lost` to `new`, both of `identity`; see
    /// [`Token::recovery_address`].
    pub(crate) fn _recover(
        &mut self,
        lost: Address,
        new: Address,
        identity: Address,
    ) -> Result<(), Error> {
        if new.is_zero() || new == lost {
            return Err(ERC20InvalidReceiver { receiver: new }.into());
        }
        let lost_state = self._wallet(lost);
        let balance = lost_state.balance;
        if balance.is_zero() {
            return Err(TokenNothingToRecover { lostWallet: lost }.into());
        }
        let registry = self.identity_registry.get();
        let mismatch = |wallet| TokenRecoveryIdentityMismatch {
            wallet,
            investorOnchainID: identity,
        };
        if identity_registry::identity(self.vm(), registry, lost)? != identity {
            return Err(mismatch(lost).into());
        }
        let registered = identity_registry::identity(self.vm(), registry, new)?;
        if registered.is_zero() {
            let country = identity_registry::investor_country(self.vm(), registry, lost)?;
            identity_registry::register_identity(self.vm(), registry, new, identity, country)?;
        } else if registered != identity {
            return Err(mismatch(new).into());
        }
        let frozen = lost_state.frozen_tokens;
        self._forced_transfer(lost, new, balance)?;
        if !frozen.is_zero() {
            self._freeze_tokens(new, frozen)?;
        }
        if lost_state.frozen {
            self._set_frozen(new, true);
        }
        identity_registry::delete_identity(self.vm(), registry, lost)?;
        self._emit(
            &[
                RecoverySuccess::SIGNATURE_HASH,
                address_word(lost),
                address_word(new),
                address_word(identity),
            ],
            &[],
        );
        Ok(())
    }

    // ------------------------------------------------------------------
    // Settings
    // ------------------------------------------------------------------

    /// Stores the name (`symbol` false) or the symbol.
    pub(crate) fn _set_text(&mut self, symbol: bool, text: &str) -> Result<(), Error> {
        let slot = if symbol {
            &mut self.symbol
        } else {
            &mut self.name
        };
        slot.set(text).map_err(|length| {
            TokenInvalidText {
                length: U256::from(length),
            }
            .into()
        })
    }

    /// Emits [`UpdatedTokenInformation`] with the current name, symbol,
    /// decimals, version and onchain id.
    pub(crate) fn _emit_information(&self) {
        let vm = self.vm();
        let topics = [
            UpdatedTokenInformation::SIGNATURE_HASH,
            keccak(vm, &self.name.bytes()),
            keccak(vm, &self.symbol.bytes()),
            address_word(self.onchain_id.get()),
        ];
        // Data: decimals, then the version string (offset, length, bytes).
        let mut data: Vec<u8> = words(&[
            uint_word(U256::from(self.decimals())),
            uint_word(U256::from(64)),
            uint_word(U256::from(VERSION.len())),
        ]);
        let mut version = [0u8; 32];
        version[..VERSION.len()].copy_from_slice(VERSION.as_bytes());
        data.extend_from_slice(&version);
        self._emit(&topics, &data);
    }

    /// Records the pause flag and emits `topic0` (`Paused` or `Unpaused`)
    /// with the calling agent.
    pub(crate) fn _set_paused(&mut self, paused: bool, topic0: B256) {
        self.paused.set(paused);
        let agent = self._sender();
        self._emit(&[topic0], address_word(agent).as_slice());
    }

    /// Sets the identity registry and emits [`IdentityRegistryAdded`].
    pub(crate) fn _set_identity_registry(&mut self, registry: Address) -> Result<(), Error> {
        non_zero(registry)?;
        self.identity_registry.set(registry);
        self._emit(
            &[
                IdentityRegistryAdded::SIGNATURE_HASH,
                address_word(registry),
            ],
            &[],
        );
        Ok(())
    }

    /// Records whether holder transfers call the compliance; emits
    /// [`TransferChecksSet`] when that changes.
    pub(crate) fn _set_transfer_checks(&mut self, needed: bool) {
        if self.transfers_unchecked.get() == needed {
            self.transfers_unchecked.set(!needed);
            self._emit(
                &[TransferChecksSet::SIGNATURE_HASH],
                bool_word(needed).as_slice(),
            );
        }
    }

    /// Records `compliance` and emits [`ComplianceAdded`].
    pub(crate) fn _set_compliance(&mut self, compliance: Address) -> Result<(), Error> {
        non_zero(compliance)?;
        self.compliance.set(compliance);
        // Until the new compliance says otherwise, transfers call it.
        self._set_transfer_checks(true);
        self._emit(
            &[ComplianceAdded::SIGNATURE_HASH, address_word(compliance)],
            &[],
        );
        Ok(())
    }
}
