//! A wallet's state in one storage word: its balance, its frozen tokens
//! and its frozen flag, which every transfer reads together for both
//! parties (one cold read per party instead of three).
//!
//! Layout of the word (little end first): bits 0-119 the balance, bits
//! 120-239 the frozen tokens, bit 240 the flag. Amounts fit in 120 bits
//! because the total supply does ([`MAX_SUPPLY`], kept by every mint) and
//! no balance exceeds the supply.
use alloy_primitives::U256;

/// The largest total supply: 2^120 - 1 base units (about 1.3 * 10^18
/// whole tokens at 18 decimals).
pub const MAX_SUPPLY: U256 = U256::from_limbs([u64::MAX, (1 << 56) - 1, 0, 0]);

/// Bits per amount in the word.
const AMOUNT_BITS: usize = 120;
/// The frozen flag's bit.
const FLAG_BIT: usize = 240;

/// A wallet's state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Wallet {
    /// Its balance, frozen tokens included.
    pub balance: U256,
    /// The frozen part of its balance.
    pub frozen_tokens: U256,
    /// Whether it may neither send nor receive by transfer.
    pub frozen: bool,
}

impl Wallet {
    /// The wallet a storage word holds.
    pub(crate) fn unpack(word: U256) -> Self {
        Self {
            balance: word & MAX_SUPPLY,
            frozen_tokens: (word >> AMOUNT_BITS) & MAX_SUPPLY,
            frozen: word.bit(FLAG_BIT),
        }
    }

    /// The storage word of the wallet: each field copied into its own
    /// bytes (amounts are at most [`MAX_SUPPLY`]; only their low 15 bytes
    /// are taken, so that no field can spill into another).
    pub(crate) fn pack(self) -> U256 {
        const AMOUNT_BYTES: usize = AMOUNT_BITS / 8;
        let mut word = [0u8; 32];
        word[..AMOUNT_BYTES].copy_from_slice(&self.balance.to_le_bytes::<32>()[..AMOUNT_BYTES]);
        word[AMOUNT_BYTES..2 * AMOUNT_BYTES]
            .copy_from_slice(&self.frozen_tokens.to_le_bytes::<32>()[..AMOUNT_BYTES]);
        word[FLAG_BIT / 8] = u8::from(self.frozen);
        U256::from_le_bytes(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_supply_is_two_to_the_120_less_one() {
        assert_eq!(MAX_SUPPLY, (U256::from(1) << 120) - U256::from(1));
    }

    #[test]
    fn a_wallet_survives_its_word_at_the_limits() {
        for wallet in [
            Wallet::default(),
            Wallet {
                balance: MAX_SUPPLY,
                frozen_tokens: MAX_SUPPLY,
                frozen: true,
            },
            Wallet {
                balance: MAX_SUPPLY,
                frozen_tokens: U256::ZERO,
                frozen: false,
            },
            Wallet {
                balance: U256::from(7),
                frozen_tokens: U256::from(3),
                frozen: true,
            },
        ] {
            assert_eq!(Wallet::unpack(wallet.pack()), wallet);
        }
        assert_eq!(Wallet::default().pack(), U256::ZERO);
    }

    #[test]
    fn the_fields_keep_to_their_bits() {
        let balance = Wallet {
            balance: MAX_SUPPLY,
            ..Wallet::default()
        };
        assert_eq!(balance.pack(), MAX_SUPPLY);
        let frozen_tokens = Wallet {
            frozen_tokens: U256::from(1),
            ..Wallet::default()
        };
        assert_eq!(frozen_tokens.pack(), U256::from(1) << 120);
        let flag = Wallet {
            frozen: true,
            ..Wallet::default()
        };
        assert_eq!(flag.pack(), U256::from(1) << 240);
    }
}
