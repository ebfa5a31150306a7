//! Lock-ups of minted tokens, per wallet.
//!
//! Each mint while a lock-up period is set adds an entry (amount, release
//! time) to the recipient wallet's list. Tokens of an entry cannot leave
//! the wallet by transfer before its release time; unlocked tokens (older
//! mints, tokens received by transfer) can. Forced transfers and burns take
//! unlocked tokens first, then locked ones, clearing what they take; when
//! they move tokens between two wallets of one identity (a recovery), the
//! locks move with them, release times unchanged.
//!
//! A wallet holds at most [`MAX_LOCK_UPS`] live entries: a mint beyond
//! that merges into the newest entry, locked until the later of the two
//! release times (never shorter than asked).
use alloc::{vec, vec::Vec};

use alloy_primitives::{U256, U64};
use stylus_sdk::{
    prelude::*,
    storage::{StorageU256, StorageU64, StorageVec},
};

/// The most live lock-up entries per wallet.
pub const MAX_LOCK_UPS: usize = 16;

/// Tokens locked until a release time.
#[storage]
pub struct LockUp {
    /// The locked amount.
    amount: StorageU256,
    /// Unix time from which the amount is free.
    release: StorageU64,
}

/// A wallet's lock-up entries, in no particular order.
pub type LockUps = StorageVec<LockUp>;

/// The amount still locked at `now`.
pub fn locked(list: &LockUps, now: u64) -> U256 {
    entries(list)
        .filter(|&(_, release)| release > now)
        .fold(U256::ZERO, |sum, (amount, _)| sum.saturating_add(amount))
}

/// The entries as (amount, release) pairs.
pub fn entries(list: &LockUps) -> impl Iterator<Item = (U256, u64)> + '_ {
    (0..list.len()).filter_map(|i| {
        list.getter(i)
            .map(|e| (e.amount.get(), e.release.get().to::<u64>()))
    })
}

/// Locks `amount` until `release`, after dropping released entries.
pub fn add(list: &mut LockUps, amount: U256, release: u64, now: u64) {
    prune(list, now);
    if list.len() < MAX_LOCK_UPS {
        let mut entry = list.grow();
        entry.amount.set(amount);
        entry.release.set(U64::from(release));
    } else if let Some(mut last) = list.setter(MAX_LOCK_UPS - 1) {
        let merged = last.amount.get().saturating_add(amount);
        let later = release.max(last.release.get().to::<u64>());
        last.amount.set(merged);
        last.release.set(U64::from(later));
    }
}

/// Before `amount` leaves a wallet that held `balance`: clears the part of
/// `amount` above the unlocked balance from the locked entries, newest
/// (last) first, and returns what it cleared as (amount, release) pairs.
pub fn take(list: &mut LockUps, balance: U256, amount: U256, now: u64) -> Vec<(U256, u64)> {
    prune(list, now);
    let unlocked = balance.saturating_sub(locked(list, now));
    let mut shortfall = amount.saturating_sub(unlocked);
    let mut taken = Vec::new();
    while !shortfall.is_zero() {
        let Some(mut last) = list.setter(list.len().wrapping_sub(1)) else {
            break;
        };
        let held = last.amount.get();
        let release = last.release.get().to::<u64>();
        if held > shortfall {
            // `held > shortfall`: no underflow.
            last.amount.set(held - shortfall);
            taken.push((shortfall, release));
            break;
        }
        taken.push((held, release));
        shortfall -= held;
        list.shrink();
    }
    taken
}

/// Drops the entries released at `now`. From the end: an entry moved into
/// a removed one's place was already looked at.
fn prune(list: &mut LockUps, now: u64) {
    for i in (0..list.len()).rev() {
        let released = list
            .getter(i)
            .is_some_and(|e| e.release.get().to::<u64>() <= now);
        if released {
            remove(list, i);
        }
    }
}

/// Removes entry `index`, moving the last entry into its place.
fn remove(list: &mut LockUps, index: usize) {
    let last = list.len().wrapping_sub(1);
    if index != last {
        let Some((amount, release)) = list.getter(last).map(|e| (e.amount.get(), e.release.get()))
        else {
            return;
        };
        if let Some(mut slot) = list.setter(index) {
            slot.amount.set(amount);
            slot.release.set(release);
        }
    }
    list.shrink();
}
