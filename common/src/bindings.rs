//! Bindings the contracts use to call each other, all through the one
//! raw-call path of [`crate::call`]: a selector constant and a small typed
//! function per call. A failed call returns the callee's revert data, which
//! the caller propagates unchanged; return data that does not decode is
//! treated as a failed call with empty revert data.
use alloy_primitives::{Address, U256};
use stylus_sdk::{keccak_const::Keccak256, stylus_core::Host};

use crate::{
    call::{calldata, static_call, word, RevertData},
    log::address_word,
};

/// The 4-byte selector of a canonical Solidity signature, at compile time.
#[must_use]
pub const fn selector(signature: &str) -> [u8; 4] {
    let hash = Keccak256::new().update(signature.as_bytes()).finalize();
    [hash[0], hash[1], hash[2], hash[3]]
}

/// Reads the first return word as a `uint256`.
fn first_word(data: &[u8]) -> Result<U256, RevertData> {
    word(data, 0)
        .map(|w| U256::from_be_bytes(w.0))
        .ok_or_default()
}

/// `Option` -> `Result` with empty revert data.
trait OkOrDefault<T> {
    fn ok_or_default(self) -> Result<T, RevertData>;
}

impl<T> OkOrDefault<T> for Option<T> {
    fn ok_or_default(self) -> Result<T, RevertData> {
        self.ok_or_else(RevertData::new)
    }
}

/// The identity registry (`IIdentityRegistry`, T-REX v4.1.6).
pub mod identity_registry {
    use super::*;

    /// `isVerified(address)`.
    pub const IS_VERIFIED: [u8; 4] = selector("isVerified(address)");
    /// `identity(address)`.
    pub const IDENTITY: [u8; 4] = selector("identity(address)");
    /// `investorCountry(address)`.
    pub const INVESTOR_COUNTRY: [u8; 4] = selector("investorCountry(address)");

    /// Whether `wallet` is a verified investor's.
    ///
    /// # Errors
    ///
    /// The registry's revert data.
    pub fn is_verified(
        vm: &dyn Host,
        registry: Address,
        wallet: Address,
    ) -> Result<bool, RevertData> {
        ask(vm, registry, IS_VERIFIED, wallet).map(|w| !w.is_zero())
    }

    /// The identity of `wallet` (zero when unregistered).
    ///
    /// # Errors
    ///
    /// The registry's revert data, or empty data when the answer is not an
    /// address.
    pub fn identity(
        vm: &dyn Host,
        registry: Address,
        wallet: Address,
    ) -> Result<Address, RevertData> {
        let answer = ask(vm, registry, IDENTITY, wallet)?;
        (answer < (U256::from(1) << 160))
            .then(|| Address::from_word(answer.into()))
            .ok_or_default()
    }

    /// The country of `wallet`.
    ///
    /// # Errors
    ///
    /// The registry's revert data, or empty data when the answer is not a
    /// `uint16`.
    pub fn investor_country(
        vm: &dyn Host,
        registry: Address,
        wallet: Address,
    ) -> Result<u16, RevertData> {
        u16::try_from(ask(vm, registry, INVESTOR_COUNTRY, wallet)?)
            .ok()
            .ok_or_default()
    }

    /// A static call with one address argument and one word answered.
    fn ask(
        vm: &dyn Host,
        registry: Address,
        sel: [u8; 4],
        wallet: Address,
    ) -> Result<U256, RevertData> {
        first_word(&static_call(
            vm,
            registry,
            &calldata(sel, &[address_word(wallet)]),
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi_check::reference_functions;

    #[test]
    fn identity_registry_selectors_match_reference() {
        let reference = reference_functions(&["IIdentityRegistry"]);
        for (signature, sel) in [
            ("isVerified(address)", identity_registry::IS_VERIFIED),
            ("identity(address)", identity_registry::IDENTITY),
            (
                "investorCountry(address)",
                identity_registry::INVESTOR_COUNTRY,
            ),
        ] {
            let f = reference
                .iter()
                .find(|f| f.signature == signature)
                .expect(signature);
            assert_eq!(f.selector(), sel, "{signature}");
        }
    }
}
