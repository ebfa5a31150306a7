//! The built-in rules and the books they read.
//!
//! [`Compliance::_check`] evaluates, for a transfer of `amount` from
//! `from` (zero for a mint) to `to`, the rules that are switched on:
//!
//! 1. country allow-list / block-list: the recipient wallet's country in
//!    the identity registry;
//! 2. supply cap (mints): supply + amount <= cap (and, cap or not, at
//!    most [`MAX_BOOKED`], what the books hold);
//! 3. lock-up (transfers): amount <= the sender wallet's unlocked balance;
//! 4. between different identities only:
//!    - maximum balance: the recipient identity's balance + amount <= max;
//!    - holder caps, total and per country: a recipient identity with no
//!      balance becomes a holder (net of the sender identity leaving, when
//!      it sends its whole balance);
//!    - transfer limits (transfers): what the sender identity sent in each
//!      current window + amount <= that window's limit;
//! 5. every external module's `moduleCheck`.
//!
//! A zero amount can breach no amount-based rule (2 to 4): only the
//! country rules and the modules apply to it.
//!
//! The hooks then keep the books those rules read ([`crate::books`]):
//! wallet and identity balances, holders in total and per country, supply,
//! lock-ups and window counters.
use alloy_primitives::{Address, U256};
use common::{bindings::identity_registry, call::RevertData};
use stylus_sdk::prelude::*;

use crate::*;

/// Rule bit: only allow-listed countries may receive.
pub const ALLOW_LIST: u8 = 1;
/// Rule bit: block-listed countries may not receive.
pub const BLOCK_LIST: u8 = 2;
/// Rule bit: maximum balance per identity.
pub const MAX_BALANCE: u8 = 4;
/// Rule bit: cap on holding identities.
pub const MAX_HOLDERS: u8 = 8;
/// Rule bit: supply cap.
pub const SUPPLY_CAP: u8 = 16;
/// Bit of `rules()`'s first value (not a rule): the books of balances,
/// holders and lock-ups are kept ([`crate::books`]).
pub const BOOKS: u8 = 128;

/// Packs a time (the high 64 bits) with an amount (the low 192 bits,
/// saturating at [`MAX_COUNTED`]) into one storage word.
pub fn pack(time: u64, amount: U256) -> U256 {
    let mut limbs = amount.min(MAX_COUNTED).into_limbs();
    limbs[3] = time;
    U256::from_limbs(limbs)
}

/// Splits a word made by [`pack`] into its time and amount.
pub fn unpack(word: U256) -> (u64, U256) {
    let mut limbs = word.into_limbs();
    let time = limbs[3];
    limbs[3] = 0;
    (time, U256::from_limbs(limbs))
}

/// One of the two transfer limits of a storage word: the high half's when
/// `high`, as (window, limit). Each half holds its limit in its low 96
/// bits and its window in the 32 above ([`Compliance::set_transfer_limits`]
/// writes them).
pub fn unpack_limit(word: U256, high: bool) -> (u64, U256) {
    let limbs = word.as_limbs();
    let (first, second) = if high {
        (limbs[2], limbs[3])
    } else {
        (limbs[0], limbs[1])
    };
    (
        second >> 32,
        U256::from_limbs([first, second & u64::from(u32::MAX), 0, 0]),
    )
}

impl Compliance {
    /// Whether the transfer from `from` (of `from_id`) to `to`, counted
    /// for `(to_id, country)`, passes every switched-on rule and module.
    pub(crate) fn _check(
        &self,
        from: Address,
        to: Address,
        amount: U256,
        from_id: Address,
        (to_id, country): (Address, u16),
    ) -> bool {
        let now = self._now();
        // The configuration word is read once here.
        let config = self._config();
        let on = |rule: u8| config.rules & rule != 0;
        // The country is read only when a list is on.
        let book = if on(ALLOW_LIST) || on(BLOCK_LIST) {
            self._country(country)
        } else {
            config::Country::default()
        };
        if (on(ALLOW_LIST) && !book.allowed) || (on(BLOCK_LIST) && book.blocked) {
            return false;
        }
        let minting = from.is_zero();
        let books = config.books;
        if minting {
            // Beyond what the books hold, or beyond the cap when on.
            let supply = self
                .supply
                .get()
                .checked_add(amount)
                .filter(|s| *s <= MAX_BOOKED);
            let capped = on(SUPPLY_CAP) && !amount.is_zero();
            if supply.is_none_or(|s| capped && s > self._caps().1) {
                return false;
            }
        } else if books {
            // Lock-ups need the books: without them there are none.
            let from_book = self.wallets.getter(Key::from(from));
            let balance = from_book.balance.get();
            let count = from_book.locks.get().to();
            let locked = lock_up::locked(&self.lock_ups.getter(Key::from(from)), count, now);
            if amount > balance.saturating_sub(locked) {
                return false;
            }
        }
        if minting || from_id != to_id {
            // The identity rules need the books: without them none is on.
            if books && !self._identity_rules_pass(from_id, to_id, country, amount, minting) {
                return false;
            }
            if !minting && !amount.is_zero() && !self._within_limits(from_id, amount, now) {
                return false;
            }
        }
        let this = self._this();
        for module in self.get_modules() {
            if !module::module_check(self.vm(), module, from, to, amount, this).unwrap_or(false) {
                return false;
            }
        }
        true
    }

    /// Maximum balance and holder caps, for `amount` reaching `to_id` (in
    /// `country`) from another identity `from_id` (none when minting).
    fn _identity_rules_pass(
        &self,
        from_id: Address,
        to_id: Address,
        country: u16,
        amount: U256,
        minting: bool,
    ) -> bool {
        let (to_balance, _) = self._identity(to_id);
        if self._on(MAX_BALANCE)
            && !amount.is_zero()
            && to_balance
                .checked_add(amount)
                .is_none_or(|b| b > self._caps().0)
        {
            return false;
        }
        if amount.is_zero() || !to_balance.is_zero() {
            return true;
        }
        // `to_id` becomes a holder; `from_id` stops being one if it sends
        // its whole balance.
        let (from_balance, from_country) = self._identity(from_id);
        let leaving = !minting && from_balance == amount;
        let total = u64::from(self.holder_count()) + 1 - u64::from(leaving);
        if self._on(MAX_HOLDERS) && total > u64::from(self._config().max_holders) {
            return false;
        }
        let book = self._country(country);
        let in_country =
            u64::from(book.holders) + 1 - u64::from(leaving && from_country == country);
        !(book.cap_on && in_country > u64::from(book.cap))
    }

    /// Whether `identity` may send `amount` more within each window.
    fn _within_limits(&self, identity: Address, amount: U256, now: u64) -> bool {
        (0..self._limit_count()).all(|i| {
            let (window, limit) = self._limit(i);
            let sent = self._sent(identity, window, now);
            sent.checked_add(amount).is_some_and(|total| total <= limit)
        })
    }

    /// What `identity` sent in its current window of `window` seconds.
    pub(crate) fn _sent(&self, identity: Address, window: u64, now: u64) -> U256 {
        let (end, sent) = unpack(
            self.counters
                .getter(Key::from(identity))
                .get(Key::from(window)),
        );
        if end > now {
            sent
        } else {
            U256::ZERO
        }
    }

    /// The identity `from`'s tokens count for: its book when the books
    /// are kept; otherwise, when transfer limits need it, its identity in
    /// the registry (the wallet itself when unregistered), and the wallet
    /// itself when nothing needs it. Zero for a mint (`from` zero).
    pub(crate) fn _sender_identity(&self, from: Address) -> Result<Address, RevertData> {
        if from.is_zero() {
            return Ok(Address::ZERO);
        }
        let config = self._config();
        if config.books {
            return Ok(self.wallets.getter(Key::from(from)).identity.get());
        }
        if config.limits == 0 {
            return Ok(from);
        }
        self._registered_identity(from)
    }

    /// The identity of `wallet` in the registry; the wallet itself when
    /// unregistered.
    #[inline(never)]
    fn _registered_identity(&self, wallet: Address) -> Result<Address, RevertData> {
        let identity =
            identity_registry::identity(self.vm(), self.identity_registry.get(), wallet)?;
        Ok(if identity.is_zero() { wallet } else { identity })
    }

    /// The identity `to`'s tokens count for (its identity in the
    /// registry, the wallet itself when unregistered: the books follow the
    /// registry, so a wallet holding tokens is booked under it) and `to`'s
    /// country.
    pub(crate) fn _recipient(&self, to: Address) -> Result<(Address, u16), RevertData> {
        let registry = self.identity_registry.get();
        let country = identity_registry::investor_country(self.vm(), registry, to)?;
        Ok((self._registered_identity(to)?, country))
    }
}
