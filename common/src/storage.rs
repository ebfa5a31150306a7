//! Map keys with cheap slots, and helpers over storage lists.
use alloy_primitives::{keccak256, Address, B256, U256};
use stylus_sdk::storage::{SimpleStorageType, StorageKey, StorageType, StorageVec};

/// A storage-map key whose slot costs a few dozen gas less to compute than
/// the SDK's keys of the same value, with the same slot:
/// `keccak256(key as a 32-byte word ++ the map's root slot)`, as Solidity
/// places a mapping's entries. The SDK builds those 64 bytes one at a time
/// (`concat_const`, ~100 gas of wasm instructions a lookup); this key
/// builds them with two copies. Maps keyed by addresses, numbers and
/// topics use it, so the layout is unchanged and stays Solidity's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key(pub B256);

impl StorageKey for Key {
    fn to_slot(&self, root: B256) -> U256 {
        let mut data = [0u8; 64];
        data[..32].copy_from_slice(self.0.as_slice());
        data[32..].copy_from_slice(root.as_slice());
        U256::from_be_bytes(keccak256(data).0)
    }
}

impl From<Address> for Key {
    fn from(address: Address) -> Self {
        Self(address.into_word())
    }
}

impl From<U256> for Key {
    fn from(value: U256) -> Self {
        Self(B256::from(value))
    }
}

impl From<u64> for Key {
    fn from(value: u64) -> Self {
        let mut word = B256::ZERO;
        word[24..].copy_from_slice(&value.to_be_bytes());
        Self(word)
    }
}

impl From<u16> for Key {
    fn from(value: u16) -> Self {
        Self::from(u64::from(value))
    }
}

/// The most a half storage word holds: 2^128 - 1.
pub const HALF_MAX: U256 = U256::from_limbs([u64::MAX, u64::MAX, 0, 0]);

/// Two values of at most [`HALF_MAX`] in one storage word, `low` in its
/// low half: what is read together is stored together. Callers keep both
/// within [`HALF_MAX`] (clamped or refused, as each documents); the bits
/// above are dropped.
#[must_use]
pub fn pack_halves(low: U256, high: U256) -> U256 {
    let (l, h) = (low.as_limbs(), high.as_limbs());
    U256::from_limbs([l[0], l[1], h[0], h[1]])
}

/// The low and high halves of `word` ([`pack_halves`]).
#[must_use]
pub fn halves(word: U256) -> (U256, U256) {
    let limbs = word.as_limbs();
    (
        U256::from_limbs([limbs[0], limbs[1], 0, 0]),
        U256::from_limbs([limbs[2], limbs[3], 0, 0]),
    )
}

/// Position of `value` in a storage vector.
pub fn position<S, T: PartialEq>(list: &StorageVec<S>, value: T) -> Option<usize>
where
    S: 'static + for<'a> StorageType<Wraps<'a> = T>,
{
    (0..list.len()).find(|&i| list.get(i).as_ref() == Some(&value))
}

/// Removes element `index` by moving the last element into its place
/// (order is not kept). Out of range, it removes the last element.
pub fn swap_remove<S, T>(list: &mut StorageVec<S>, index: usize)
where
    S: 'static + for<'a> SimpleStorageType<'a, Wraps<'a> = T>,
{
    if let Some(last) = list.pop() {
        if let Some(mut slot) = list.setter(index) {
            slot.set_by_wrapped(last);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_give_the_sdks_slots() {
        let root = B256::repeat_byte(0x5a);
        let address = Address::repeat_byte(0xa7);
        assert_eq!(Key::from(address).to_slot(root), address.to_slot(root));
        let topic: U256 = U256::from(0x1234_5678_9abc_def0_u64) << 190;
        assert_eq!(Key::from(topic).to_slot(root), topic.to_slot(root));
        assert_eq!(Key::from(7u64).to_slot(root), 7u64.to_slot(root));
        assert_eq!(Key::from(u64::MAX).to_slot(root), u64::MAX.to_slot(root));
        assert_eq!(Key::from(840u16).to_slot(root), 840u16.to_slot(root));
        assert_eq!(Key::from(u16::MAX).to_slot(root), u16::MAX.to_slot(root));
    }

    #[test]
    fn halves_round_trip_within_half_max() {
        for (low, high) in [
            (U256::ZERO, U256::ZERO),
            (U256::from(1), HALF_MAX),
            (HALF_MAX, U256::from(7)),
            (HALF_MAX, HALF_MAX),
        ] {
            let word = pack_halves(low, high);
            assert_eq!(halves(word), (low, high));
            assert_eq!(word, low + (high << 128));
        }
        // Above a half, the high bits are dropped.
        assert_eq!(
            halves(pack_halves(HALF_MAX + U256::from(2), U256::ZERO)).0,
            U256::from(1)
        );
    }

    #[test]
    fn a_key_is_solidity_s_mapping_slot() {
        // keccak256(abi.encode(key, slot)) for key 1 at slot 0.
        let mut data = [0u8; 64];
        data[31] = 1;
        assert_eq!(
            Key::from(1u64).to_slot(B256::ZERO),
            U256::from_be_bytes(keccak256(data).0)
        );
    }
}
