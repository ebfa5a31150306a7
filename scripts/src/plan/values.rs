//! Addresses and amounts as an offering's TOML writes them, checked as it
//! is read: an error names the expected format, and the TOML parser adds
//! the key and line.
//!
//! - An address is `0x` and 40 hex digits. Written in mixed case it must
//!   carry a valid EIP-55 checksum (a typo in one character is caught):
//!   every contract is handed to `roles.admin` in one step, so a mistyped
//!   admin would lose the suite. All lower or all upper case is accepted
//!   unchecked, as wallets do.
//! - An amount is in base units: a TOML integer, or a string of decimal
//!   digits (`_` may separate them), or `0x` and hex digits.
use alloy_primitives::{Address, U256};
use serde::{de, Deserialize, Deserializer};

/// What an address must look like.
const ADDRESS_FORMAT: &str = "0x and 40 hex digits, EIP-55 checksummed if in mixed case";
/// What an amount must look like.
const AMOUNT_FORMAT: &str = "base units as a decimal string, for example \"1000000000000000000\" \
     (one token of 18 decimals, or one ETH in wei), or a 0x-prefixed hex string";

/// `text` as an address (see the module's documentation).
///
/// # Errors
///
/// A message naming the expected format, or the failed checksum.
pub fn parse_address(text: &str) -> Result<Address, String> {
    let digits = text
        .strip_prefix("0x")
        // Forty digits: no second prefix (the parse below checks they
        // are hex).
        .filter(|digits| digits.len() == 40)
        .ok_or_else(|| format!("{text:?} is not an address: expected {ADDRESS_FORMAT}"))?;
    let address: Address = digits
        .parse()
        .map_err(|_| format!("{text:?} is not an address: expected {ADDRESS_FORMAT}"))?;
    let lower = digits.bytes().all(|b| !b.is_ascii_uppercase());
    let upper = digits.bytes().all(|b| !b.is_ascii_lowercase());
    if !lower && !upper && address.to_checksum(None) != text {
        return Err(format!(
            "{text} fails its EIP-55 checksum: a character is wrong; copy the address again \
             from its source"
        ));
    }
    Ok(address)
}

/// `text` as an amount in base units (see the module's documentation).
///
/// # Errors
///
/// A message naming the expected format.
pub fn parse_amount(text: &str) -> Result<U256, String> {
    let wrong = || format!("{text:?} is not an amount: expected {AMOUNT_FORMAT}");
    if let Some(hex) = text.strip_prefix("0x") {
        if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(wrong());
        }
        return U256::from_str_radix(hex, 16).map_err(|_| format!("{text} is above 2^256 - 1"));
    }
    let digits: String = text.chars().filter(|&c| c != '_').collect();
    let separated_well = !text.starts_with('_') && !text.ends_with('_') && !text.contains("__");
    if digits.is_empty() || !separated_well || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(wrong());
    }
    U256::from_str_radix(&digits, 10).map_err(|_| format!("{text} is above 2^256 - 1"))
}

/// An amount as TOML writes it.
#[derive(Deserialize)]
#[serde(untagged)]
enum Written {
    /// A TOML integer.
    Integer(i64),
    /// A TOML string.
    Text(String),
}

/// Deserializes an address with [`parse_address`].
///
/// # Errors
///
/// When it is not one.
pub fn address<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Address, D::Error> {
    let text = String::deserialize(deserializer)
        .map_err(|_| de::Error::custom(format!("expected an address: {ADDRESS_FORMAT}")))?;
    parse_address(&text).map_err(de::Error::custom)
}

/// Deserializes an amount with [`parse_amount`], or from a non-negative
/// TOML integer.
///
/// # Errors
///
/// When it is not one.
pub fn amount<'de, D: Deserializer<'de>>(deserializer: D) -> Result<U256, D::Error> {
    match Written::deserialize(deserializer)
        .map_err(|_| de::Error::custom(format!("expected an amount: {AMOUNT_FORMAT}")))?
    {
        Written::Integer(n) => u64::try_from(n).map(U256::from).map_err(|_| {
            de::Error::custom(format!("{n} is not an amount: expected {AMOUNT_FORMAT}"))
        }),
        Written::Text(text) => parse_amount(&text).map_err(de::Error::custom),
    }
}

/// [`amount`], for an optional key.
///
/// # Errors
///
/// When it is not one.
pub fn optional_amount<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<U256>, D::Error> {
    amount(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use alloy_primitives::address;

    use super::*;

    #[test]
    fn addresses_in_one_case_or_checksummed_are_accepted() {
        let vitalik = address!("d8dA6BF26964aF9D7eEd9e03E53415D37aA96045");
        for text in [
            "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045",
            "0xd8da6bf26964af9d7eed9e03e53415d37aa96045",
            "0xD8DA6BF26964AF9D7EED9E03E53415D37AA96045",
        ] {
            assert_eq!(parse_address(text), Ok(vitalik), "{text}");
        }
    }

    #[test]
    fn a_mixed_case_address_with_a_wrong_checksum_is_refused() {
        // One letter's case changed, then one digit changed.
        for text in [
            "0xd8Da6BF26964aF9D7eEd9e03E53415D37aA96045",
            "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96046",
        ] {
            let err = parse_address(text).unwrap_err();
            assert!(err.contains("fails its EIP-55 checksum"), "{err}");
        }
    }

    #[test]
    fn what_is_not_an_address_names_the_format() {
        for text in [
            "",
            "0x",
            "d8da6bf26964af9d7eed9e03e53415d37aa96045",
            "0xd8da6bf26964af9d7eed9e03e53415d37aa9604",
            "0xd8da6bf26964af9d7eed9e03e53415d37aa960455",
            "0xg8da6bf26964af9d7eed9e03e53415d37aa96045",
            "0Xd8da6bf26964af9d7eed9e03e53415d37aa96045",
            "0x0xd8da6bf26964af9d7eed9e03e53415d37aa96045",
        ] {
            let err = parse_address(text).unwrap_err();
            assert!(
                err.contains("expected 0x and 40 hex digits"),
                "{text}: {err}"
            );
        }
    }

    #[test]
    fn amounts_are_decimal_hex_or_separated_base_units() {
        for (text, value) in [
            ("0", U256::ZERO),
            ("1000000000000000000", U256::from(10).pow(U256::from(18))),
            ("1_000_000", U256::from(1_000_000)),
            ("0x10", U256::from(16)),
            ("0xFF", U256::from(255)),
            (
                "115792089237316195423570985008687907853269984665640564039457584007913129639935",
                U256::MAX,
            ),
        ] {
            assert_eq!(parse_amount(text), Ok(value), "{text}");
        }
    }

    #[test]
    fn what_is_not_an_amount_names_the_format() {
        for text in [
            "", "1.5", "-1", "1e18", "_1", "1_", "1__0", "0x", "0xg", "ten", " 1",
        ] {
            let err = parse_amount(text).unwrap_err();
            assert!(err.contains("expected base units"), "{text}: {err}");
        }
        let beyond =
            "115792089237316195423570985008687907853269984665640564039457584007913129639936";
        assert!(parse_amount(beyond)
            .unwrap_err()
            .contains("above 2^256 - 1"));
    }

    #[test]
    fn toml_integers_are_amounts_and_errors_name_the_key() {
        #[derive(Deserialize)]
        struct Terms {
            #[serde(deserialize_with = "amount")]
            cap: U256,
            #[serde(deserialize_with = "address")]
            admin: Address,
        }
        let terms: Terms =
            toml::from_str("cap = 1000\nadmin = \"0x1111111111111111111111111111111111111111\"")
                .unwrap();
        assert_eq!(terms.cap, U256::from(1000));
        assert_eq!(terms.admin, Address::repeat_byte(0x11));
        for (text, expected) in [
            (
                "cap = -1\nadmin = \"0x1111111111111111111111111111111111111111\"",
                "cap",
            ),
            (
                "cap = 1.5\nadmin = \"0x1111111111111111111111111111111111111111\"",
                "cap",
            ),
            ("cap = 1\nadmin = \"0x11\"", "admin"),
            ("cap = 1\nadmin = 17", "admin"),
        ] {
            let err = toml::from_str::<Terms>(text).err().unwrap().to_string();
            assert!(err.contains(expected), "{text}: {err}");
            assert!(err.contains("expected"), "{text}: {err}");
        }
    }
}
