//! Packed storage words. The compliance's configuration in one word: the
//! bound token, the rule switches, the holder cap, how many modules and
//! transfer limits there are, whether the books are kept and how many
//! identities hold tokens, which every transfer reads together (one cold
//! read instead of several, and none of the module or limit lists when
//! they are empty). And each [`Country`] in one word.
//!
//! Layout of the word (bytes, first to last): 0-19 the token, 20 the rule
//! switches, 21 the module count, 22 the limit count, 23-26 the holder
//! cap (big-endian), 27 flags (bit 0: the books are kept; bit 1: the
//! bound token was told its holder transfers need not call), 28-31 the
//! number of holding identities (big-endian).
use alloy_primitives::{Address, B256, U256};

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
    /// Whether the books of balances, holders and lock-ups are kept
    /// ([`crate::books`]).
    pub books: bool,
    /// Whether the bound token was told that its holder transfers need not
    /// call this compliance (`setTransferChecks(false)`, heeded).
    pub skipping: bool,
    /// How many identities hold tokens (kept with the books).
    pub holders: u32,
}

impl Config {
    /// Whether holder transfers need the compliance (`checkAndRecord`): a
    /// rule that checks or records them is on (a country list, a transfer
    /// limit, anything that keeps the books), or a module is bound. The
    /// supply cap applies to mints, which always call.
    #[must_use]
    pub fn checks_transfers(&self) -> bool {
        self.books
            || self.limits > 0
            || self.modules > 0
            || self.rules & crate::rules::ALLOW_LIST != 0
            || self.rules & crate::rules::BLOCK_LIST != 0
    }

    /// The configuration a storage word holds.
    #[must_use]
    #[inline(never)]
    pub fn unpack(word: B256) -> Self {
        let mut cap = [0u8; 4];
        cap.copy_from_slice(&word[23..27]);
        let mut holders = [0u8; 4];
        holders.copy_from_slice(&word[28..32]);
        Self {
            token: Address::from_slice(&word[..20]),
            rules: word[20],
            modules: word[21],
            limits: word[22],
            max_holders: u32::from_be_bytes(cap),
            books: word[27] & 1 != 0,
            skipping: word[27] & 2 != 0,
            holders: u32::from_be_bytes(holders),
        }
    }

    /// The storage word of the configuration.
    #[must_use]
    #[inline(never)]
    pub fn pack(self) -> B256 {
        let mut word = B256::ZERO;
        word[..20].copy_from_slice(self.token.as_slice());
        word[20] = self.rules;
        word[21] = self.modules;
        word[22] = self.limits;
        word[23..27].copy_from_slice(&self.max_holders.to_be_bytes());
        // Distinct bits: added.
        word[27] = u8::from(self.books) + 2 * u8::from(self.skipping);
        word[28..32].copy_from_slice(&self.holders.to_be_bytes());
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
                books: true,
                skipping: true,
                holders: u32::MAX,
            },
            Config {
                token: address!("00000000000000000000000000000000000a11ce"),
                rules: 0b1_0101,
                modules: 25,
                limits: 4,
                max_holders: 5_000,
                books: false,
                skipping: true,
                holders: 4_999,
            },
        ] {
            assert_eq!(Config::unpack(config.pack()), config);
        }
        assert_eq!(Config::default().pack(), B256::ZERO);
    }

    #[test]
    fn transfers_need_the_compliance_for_lists_limits_books_and_modules_only() {
        let with = |change: fn(&mut Config)| {
            let mut config = Config::default();
            change(&mut config);
            config.checks_transfers()
        };
        assert!(!with(|_| {}));
        assert!(with(|c| c.books = true));
        assert!(with(|c| c.limits = 1));
        assert!(with(|c| c.modules = 1));
        assert!(with(|c| c.rules = crate::rules::ALLOW_LIST));
        assert!(with(|c| c.rules = crate::rules::BLOCK_LIST));
        // The supply cap concerns mints; the others come with the books.
        assert!(!with(|c| c.rules = crate::rules::SUPPLY_CAP));
        assert!(!with(|c| {
            c.max_holders = 10;
            c.holders = 3;
            c.skipping = true;
            c.token = Address::repeat_byte(1);
        }));
    }

    #[test]
    fn the_fields_keep_to_their_bytes() {
        let word = Config {
            token: Address::ZERO,
            rules: 1,
            modules: 2,
            limits: 3,
            max_holders: 0x0405_0607,
            books: true,
            skipping: false,
            holders: 0x0809_0a0b,
        }
        .pack();
        assert_eq!(word[19..32], [0, 1, 2, 3, 4, 5, 6, 7, 1, 8, 9, 10, 11]);
        let skipping = Config {
            skipping: true,
            ..Config::default()
        };
        assert_eq!(skipping.pack()[27], 2);
    }
}

/// Everything about one country, in one storage word: the transfer path
/// reads it once. Layout (64-bit limbs, low first): limb 0 the holder cap
/// (low 32 bits) and the holding identities counted there (high 32 bits);
/// limb 1 the flags: allow-listed (bit 0), block-listed (bit 1), holder
/// cap on (bit 2). The parts occupy distinct bits, so they are added.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Country {
    /// On the allow-list.
    pub allowed: bool,
    /// On the block-list.
    pub blocked: bool,
    /// Whether the country's holder cap applies.
    pub cap_on: bool,
    /// The most holding identities counted in the country.
    pub cap: u32,
    /// Holding identities counted in the country.
    pub holders: u32,
}

impl Country {
    /// The country a storage word holds.
    #[must_use]
    pub fn unpack(word: U256) -> Self {
        let limbs = word.as_limbs();
        let flags = limbs[1];
        Self {
            allowed: flags & 1 != 0,
            blocked: flags & 2 != 0,
            cap_on: flags & 4 != 0,
            // The low and high 32 bits of limb 0: the casts keep them.
            cap: limbs[0] as u32,
            holders: (limbs[0] >> 32) as u32,
        }
    }

    /// The storage word of the country.
    #[must_use]
    pub fn pack(self) -> U256 {
        let counts = u64::from(self.cap) + (u64::from(self.holders) << 32);
        let flags = u64::from(self.allowed)
            + (u64::from(self.blocked) << 1)
            + (u64::from(self.cap_on) << 2);
        U256::from_limbs([counts, flags, 0, 0])
    }
}

#[cfg(test)]
mod country_tests {
    use super::*;

    #[test]
    fn a_country_survives_its_word_at_the_limits() {
        for country in [
            Country::default(),
            Country {
                allowed: true,
                blocked: true,
                cap_on: true,
                cap: u32::MAX,
                holders: u32::MAX,
            },
            Country {
                allowed: false,
                blocked: true,
                cap_on: false,
                cap: 2_000,
                holders: 1_999,
            },
        ] {
            assert_eq!(Country::unpack(country.pack()), country);
        }
        assert_eq!(Country::default().pack(), U256::ZERO);
    }

    #[test]
    fn each_flag_and_count_keeps_to_its_bits() {
        let word = |c: Country| c.pack();
        let flag = |allowed, blocked, cap_on| Country {
            allowed,
            blocked,
            cap_on,
            ..Country::default()
        };
        let one = U256::from(1);
        assert_eq!(word(flag(true, false, false)), one << 64);
        assert_eq!(word(flag(false, true, false)), one << 65);
        assert_eq!(word(flag(false, false, true)), one << 66);
        let counts = Country {
            cap: 1,
            holders: 2,
            ..Country::default()
        };
        assert_eq!(word(counts), U256::from(1 + (2u64 << 32)));
    }
}
