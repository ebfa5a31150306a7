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
//!
//! Storage: entry `i`, for `i` below the count kept in the wallet's book
//! (beside its identity, so a transfer from a wallet without entries reads
//! no list), is one word: the release time and the amount, packed by
//! [`pack`]. Entries at and above the count are stale and never read.
use alloc::vec::Vec;

use alloy_primitives::U256;
use stylus_sdk::storage::{StorageMap, StorageU256};

use common::storage::Key;

use crate::rules::{pack, unpack};

/// The most live lock-up entries per wallet.
pub const MAX_LOCK_UPS: usize = 16;

/// A wallet's lock-up entries, in no particular order; how many are live
/// is kept in the wallet's book.
pub type LockUps = StorageMap<Key, StorageU256>;

/// The amount still locked at `now` in the first `count` entries.
pub fn locked(list: &LockUps, count: u8, now: u64) -> U256 {
    entries(list, count)
        .filter(|&(_, release)| release > now)
        .fold(U256::ZERO, |sum, (amount, _)| sum.saturating_add(amount))
}

/// The first `count` entries as (amount, release) pairs.
pub fn entries(list: &LockUps, count: u8) -> impl Iterator<Item = (U256, u64)> + '_ {
    (0..u64::from(count)).map(|i| {
        let (release, amount) = unpack(list.get(Key::from(i)));
        (amount, release)
    })
}

/// Locks `amount` until `release`, after dropping released entries;
/// returns the new count.
pub fn add(list: &mut LockUps, count: u8, amount: U256, release: u64, now: u64) -> u8 {
    let count = prune(list, count, now);
    if usize::from(count) < MAX_LOCK_UPS {
        list.setter(Key::from(u64::from(count)))
            .set(pack(release, amount));
        // Below `MAX_LOCK_UPS`: no overflow.
        return count + 1;
    }
    // Full (`count` is `MAX_LOCK_UPS`): merge into the newest entry.
    let last = u64::from(count) - 1;
    let (held_until, held) = unpack(list.get(Key::from(last)));
    let merged = pack(release.max(held_until), held.saturating_add(amount));
    list.setter(Key::from(last)).set(merged);
    count
}

/// Before `amount` leaves a wallet that held `balance`: clears the part of
/// `amount` above the unlocked balance from the locked entries, newest
/// (last) first. Returns the new count and what it cleared as (amount,
/// release) pairs.
pub fn take(
    list: &mut LockUps,
    count: u8,
    balance: U256,
    amount: U256,
    now: u64,
) -> (u8, Vec<(U256, u64)>) {
    let mut count = prune(list, count, now);
    let unlocked = balance.saturating_sub(locked(list, count, now));
    let mut shortfall = amount.saturating_sub(unlocked);
    let mut taken = Vec::new();
    while !shortfall.is_zero() && count != 0 {
        let last = u64::from(count) - 1;
        let (release, held) = unpack(list.get(Key::from(last)));
        if held > shortfall {
            // `held > shortfall`: no underflow.
            list.setter(Key::from(last))
                .set(pack(release, held - shortfall));
            taken.push((shortfall, release));
            break;
        }
        taken.push((held, release));
        // `held <= shortfall`, and `count != 0`: no underflow.
        shortfall -= held;
        count -= 1;
    }
    (count, taken)
}

/// Drops the entries released at `now`, moving the last live entry into
/// each freed place; returns the new count. From the end: an entry moved
/// into a freed place was already looked at.
fn prune(list: &mut LockUps, count: u8, now: u64) -> u8 {
    let mut live = count;
    for i in (0..u64::from(count)).rev() {
        let (release, _) = unpack(list.get(Key::from(i)));
        if release <= now {
            // Entry `i` is live, so `live > i >= 0`: no underflow.
            live -= 1;
            let last = u64::from(live);
            if i != last {
                let moved = list.get(Key::from(last));
                list.setter(Key::from(i)).set(moved);
            }
        }
    }
    live
}
