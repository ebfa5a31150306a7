//! The books the rules read, kept from the token's hooks and the identity
//! registry's changes.
//!
//! A wallet's tokens count for one identity (the registry's, or the wallet
//! itself when unregistered), and an identity holding tokens counts as one
//! holder in one country. The hooks move amounts between wallets and, when
//! the owner changes, between identities; a move between two wallets of
//! one identity changes no identity's balance, holder status or country.
//!
//! The identity registry tells the compliance at once when it changes a
//! wallet (`updateIdentity`, `updateCountry`, `deleteIdentity`, and the
//! registration of a wallet deleted before): [`Compliance::_sync`] re-books
//! the wallet's tokens under its current identity and re-counts that
//! identity in the wallet's current country, so the books always reflect
//! the registry and a transfer pays nothing to keep them so. A change that
//! would take a holder cap or the maximum balance beyond its limit is
//! refused, and the registry's change with it: no sequence of registry
//! changes and moves exceeds a cap.
use alloc::vec::Vec;

use alloy_primitives::{Address, U256, U32};
use alloy_sol_types::SolEvent;
use common::log::{address_word, uint_word};

use crate::{rules::*, *};

impl Compliance {
    /// Books a transfer from `from` (of `from_id`) to `to`, counted for
    /// `(to_id, country)`, when the books are kept, and counts it against
    /// the sender identity's transfer limits when it changes owner.
    pub(crate) fn _record_transfer(
        &mut self,
        from: Address,
        to: Address,
        amount: U256,
        from_id: Address,
        (to_id, country): (Address, u16),
    ) -> Result<(), Error> {
        let now = self._now();
        if !self._config().books {
            if from_id != to_id {
                self._count_sent(from_id, amount, now);
            }
            return Ok(());
        }
        // The booked identity is `from_id`: the books follow the registry.
        let (from_id, locks) = self._take(from, amount, now)?;
        self._put(to, to_id, amount);
        if from_id == to_id {
            // Within one identity (a recovery, a forced move between its
            // wallets) locked tokens stay locked, and the identity's books
            // do not change.
            self._lock(to, &locks, now);
            return Ok(());
        }
        self._leave(from_id, amount);
        self._join(to_id, country, amount);
        self._count_sent(from_id, amount, now);
        Ok(())
    }

    /// Counts `amount` sent by `identity` in each transfer-limit window.
    fn _count_sent(&mut self, identity: Address, amount: U256, now: u64) {
        if amount.is_zero() {
            return;
        }
        for i in 0..self._limit_count() {
            let (window, _) = self._limit(i);
            let sent = self._sent(identity, window, now);
            let mut counters = self.counters.setter(Key::from(identity));
            let mut counter = counters.setter(Key::from(window));
            let (mut end, _) = unpack(counter.get());
            if end <= now {
                end = now.saturating_add(window);
            }
            // Forced transfers are counted too and must never fail here:
            // saturating (at `MAX_COUNTED`, in `pack`).
            counter.set(pack(end, sent.saturating_add(amount)));
        }
    }

    /// Books a mint to `to`, counted for `(to_id, country)` and locked for
    /// the lock-up period.
    pub(crate) fn _record_mint(
        &mut self,
        to: Address,
        amount: U256,
        (to_id, country): (Address, u16),
    ) -> Result<(), Error> {
        let supply = self
            .supply
            .get()
            .checked_add(amount)
            .filter(|supply| *supply <= MAX_BOOKED)
            .ok_or(ComplianceOverflow {})?;
        self.supply.set(supply);
        if !self._config().books {
            return Ok(());
        }
        self._put(to, to_id, amount);
        self._join(to_id, country, amount);
        let period: u64 = self.lock_up_period.get().to();
        if period != 0 && !amount.is_zero() {
            let now = self._now();
            self._lock(to, &[(amount, now.saturating_add(period))], now);
        }
        Ok(())
    }

    /// Books a burn.
    pub(crate) fn _record_burn(&mut self, from: Address, amount: U256) -> Result<(), Error> {
        if self._config().books {
            let (identity, _) = self._take(from, amount, self._now())?;
            self._leave(identity, amount);
        }
        // The supply is at least the burnt wallet's balance (checked when
        // the books are kept, the token's own check otherwise).
        self.supply.set(self.supply.get().saturating_sub(amount));
        Ok(())
    }

    /// Re-books `wallet` after the registry changed it: its tokens count
    /// for `identity` (the wallet itself when zero), counted as a holder
    /// in `country`.
    ///
    /// # Errors
    ///
    /// * [`Error::SyncBreachesRule`] - `identity` would newly count as a
    ///   holder beyond the holder cap, enter `country` beyond its cap, or
    ///   receive the wallet's tokens beyond the maximum balance.
    pub(crate) fn _sync(
        &mut self,
        wallet: Address,
        identity: Address,
        country: u16,
    ) -> Result<(), Error> {
        if !self._config().books {
            return Ok(());
        }
        let identity = if identity.is_zero() { wallet } else { identity };
        let book = self.wallets.getter(Key::from(wallet));
        let (old, balance) = (book.identity.get(), book.balance.get());
        let (held, held_in) = self._identity(identity);
        let counted_there = !held.is_zero() && held_in == country;
        if balance.is_zero() || (old == identity && counted_there) {
            // Nothing booked (a credit reads the registry), or nothing to
            // change.
            return Ok(());
        }
        if old != identity {
            self._leave(old, balance);
            self._join(identity, country, balance);
            self.wallets
                .setter(Key::from(wallet))
                .identity
                .set(identity);
        }
        // Counted in `country` from now on: re-count it if it was counted
        // elsewhere.
        let (total, counted_in) = self._identity(identity);
        if counted_in != country {
            self._leave(identity, total);
            self._join(identity, country, total);
        }
        let book = self._country(country);
        let breach = (self._on(MAX_HOLDERS)
            && held.is_zero()
            && self._config().holders > self._config().max_holders)
            || (book.cap_on && !counted_there && book.holders > book.cap)
            || (self._on(MAX_BALANCE) && old != identity && total > self._caps().0);
        if breach {
            return Err(ComplianceSyncBreachesRule {
                wallet,
                identity,
                country,
            }
            .into());
        }
        self._emit(
            &[
                WalletSynced::SIGNATURE_HASH,
                address_word(wallet),
                address_word(identity),
            ],
            uint_word(U256::from(country)).as_slice(),
        );
        Ok(())
    }

    /// Takes `amount` off `wallet`, clearing lock-ups the amount needs;
    /// returns the identity it counts for and the locks cleared.
    fn _take(
        &mut self,
        wallet: Address,
        amount: U256,
        now: u64,
    ) -> Result<(Address, Vec<(U256, u64)>), Error> {
        let mut book = self.wallets.setter(Key::from(wallet));
        let identity = book.identity.get();
        let balance = book.balance.get();
        if amount > balance {
            return Err(ComplianceUnknownBalance {
                wallet,
                balance,
                amount,
            }
            .into());
        }
        if amount.is_zero() {
            return Ok((identity, Vec::new()));
        }
        // `amount <= balance`, checked above.
        book.balance.set(balance - amount);
        let count: u8 = book.locks.get().to();
        if count == 0 {
            return Ok((identity, Vec::new()));
        }
        let list = &mut self.lock_ups.setter(Key::from(wallet));
        let (count, locks) = lock_up::take(list, count, balance, amount, now);
        book.locks.set(U32::from(count));
        Ok((identity, locks))
    }

    /// Adds `amount` to `wallet`, booked under `identity` if it held
    /// nothing.
    fn _put(&mut self, wallet: Address, identity: Address, amount: U256) {
        if amount.is_zero() {
            return;
        }
        let mut book = self.wallets.setter(Key::from(wallet));
        let balance = book.balance.get();
        if balance.is_zero() {
            book.identity.set(identity);
        }
        // A wallet's balance is at most the supply, which `created` checks.
        book.balance.set(balance.saturating_add(amount));
    }

    /// Takes `amount` off `identity`, which stops being a holder at zero.
    fn _leave(&mut self, identity: Address, amount: U256) {
        if amount.is_zero() {
            return;
        }
        let (balance, country) = self._identity(identity);
        // An identity's balance is the sum of its wallets' balances, so at
        // least `amount`; saturating all the same.
        let rest = balance.saturating_sub(amount);
        self._set_identity(identity, rest, country);
        if rest.is_zero() {
            self._count_holder(country, false);
        }
    }

    /// Adds `amount` to `identity`, which becomes a holder counted in
    /// `country` if it held nothing.
    fn _join(&mut self, identity: Address, country: u16, amount: U256) {
        if amount.is_zero() {
            return;
        }
        let (balance, counted_in) = self._identity(identity);
        let country = if balance.is_zero() {
            self._count_holder(country, true);
            country
        } else {
            counted_in
        };
        // At most the supply, at most `MAX_BOOKED` (`created` checks).
        self._set_identity(identity, balance.saturating_add(amount), country);
    }

    /// Counts one holder more (`joins`) or less, in total and in
    /// `country`. Fewer than 2^32 identities ever hold, and never fewer
    /// than none: saturating all the same.
    fn _count_holder(&mut self, country: u16, joins: bool) {
        let step = |n: u32| {
            if joins {
                n.saturating_add(1)
            } else {
                n.saturating_sub(1)
            }
        };
        self._update_config(|c| c.holders = step(c.holders));
        let mut book = self._country(country);
        book.holders = step(book.holders);
        self._set_country(country, book);
    }

    /// Adds `locks` ((amount, release) pairs) to `wallet`'s lock-ups.
    fn _lock(&mut self, wallet: Address, locks: &[(U256, u64)], now: u64) {
        if locks.is_empty() {
            return;
        }
        let mut count = self.wallets.getter(Key::from(wallet)).locks.get().to();
        let mut list = self.lock_ups.setter(Key::from(wallet));
        for &(amount, release) in locks {
            count = lock_up::add(&mut list, count, amount, release, now);
        }
        self.wallets
            .setter(Key::from(wallet))
            .locks
            .set(U32::from(count));
    }

    /// The balance of `identity` and the country it is counted in.
    pub(crate) fn _identity(&self, identity: Address) -> (U256, u16) {
        let limbs = self.identities.get(Key::from(identity)).into_limbs();
        // Bits 128-143 hold the country: the cast keeps them.
        (
            U256::from_limbs([limbs[0], limbs[1], 0, 0]),
            limbs[2] as u16,
        )
    }

    /// Books `balance` (at most [`MAX_BOOKED`]: its low 128 bits are
    /// kept) and `country` for `identity`.
    fn _set_identity(&mut self, identity: Address, balance: U256, country: u16) {
        let limbs = balance.into_limbs();
        let word = U256::from_limbs([limbs[0], limbs[1], u64::from(country), 0]);
        self.identities.setter(Key::from(identity)).set(word);
    }
}
