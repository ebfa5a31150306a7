//! The compliance's configuration in one storage word: the bound token,
//! the rule switches, the holder cap and how many modules and transfer
//! limits there are, which every transfer reads together (one cold read
//! instead of three, and none of the module or limit lists when they are
//! empty).
//!
//! Layout of the word (bytes, first to last): 0-19 the token, 20 the rule
//! switches, 21 the module count, 22 the limit count, 23-26 the holder
//! cap (big-endian); the rest zero.
use alloy_primitives::{Address, B256};

/// The configuration a storage word holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// The bound token; zero when unbound.
    pub token: Address,
    /// Which switchable rules are on (`rules::ALLOW_LIST`, ...), one bit
    /// each.
    pub rules: u8,
    /// How many modules are bound (at most 25).
    pub modules: u8,
    /// How many transfer limits are set (at most 4).
    pub limits: u8,
    /// The total holder cap.
    pub max_holders: u32,
}

impl Config {
    /// The configuration a storage word holds.
    #[must_use]
    pub fn unpack(word: B256) -> Self {
        let mut cap = [0u8; 4];
        cap.copy_from_slice(&word[23..27]);
        Self {
            token: Address::from_slice(&word[..20]),
            rules: word[20],
            modules: word[21],
            limits: word[22],
            max_holders: u32::from_be_bytes(cap),
        }
    }

    /// The storage word of the configuration.
    #[must_use]
    pub fn pack(self) -> B256 {
        let mut word = B256::ZERO;
        word[..20].copy_from_slice(self.token.as_slice());
        word[20] = self.rules;
        word[21] = self.modules;
        word[22] = self.limits;
        word[23..27].copy_from_slice(&self.max_holders.to_be_bytes());
        word
    }
}

#[cfg(test)]
mod tests {
    use alloy_primitives::address;

    use super::*;

    #[test]
    fn a_configuration_survives_its_word_at_the_limits() {
        for config in [
            Config::default(),
            Config {
                token: Address::repeat_byte(0xff),
                rules: u8::MAX,
                modules: u8::MAX,
                limits: u8::MAX,
                max_holders: u32::MAX,
            },
            Config {
                token: address!("00000000000000000000000000000000000a11ce"),
                rules: 0b1_0101,
                modules: 25,
                limits: 4,
                max_holders: 5_000,
            },
        ] {
            assert_eq!(Config::unpack(config.pack()), config);
        }
        assert_eq!(Config::default().pack(), B256::ZERO);
    }

    #[test]
    fn the_fields_keep_to_their_bytes() {
        let word = Config {
            token: Address::ZERO,
            rules: 1,
            modules: 2,
            limits: 3,
            max_holders: 0x0405_0607,
        }
        .pack();
        assert_eq!(word[19..28], [0, 1, 2, 3, 4, 5, 6, 7, 0]);
    }
}
