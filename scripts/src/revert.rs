//! Revert data, explained to an operator: the contracts' custom errors by
//! name and arguments, found in their committed JSON ABIs, the
//! StylusDeployer's wrapper around a constructor's revert, and ArbWasm's
//! refusals.
use alloy_dyn_abi::{DynSolValue, JsonAbiExt};
use alloy_json_abi::JsonAbi;
use alloy_primitives::hex;
use alloy_sol_types::{sol, SolError};

sol! {
    /// The StylusDeployer's revert when the constructor reverted.
    error ContractInitializationError(address newContract, bytes data);
    /// Solidity's `require` message.
    error Error(string message);
}

/// ArbWasm's refusals (activation, keepalive, expiry), as its interface
/// in `@arbitrum/nitro-contracts` declares them.
fn arb_wasm_errors() -> JsonAbi {
    JsonAbi::parse([
        "error ProgramNotWasm()",
        "error ProgramNotActivated()",
        "error ProgramNeedsUpgrade(uint16 version, uint16 stylusVersion)",
        "error ProgramExpired(uint64 ageInSeconds)",
        "error ProgramUpToDate()",
        "error ProgramKeepaliveTooSoon(uint64 ageInSeconds)",
        "error ProgramInsufficientValue(uint256 have, uint256 want)",
    ])
    .unwrap_or_default()
}

/// `data` as `Name(arg, ...)` when one of `abis` (or the deployer, or
/// Solidity) declares its selector; as hex otherwise.
#[must_use]
pub fn explain(data: &[u8], abis: &[JsonAbi]) -> String {
    if data.is_empty() {
        return "no revert data".into();
    }
    if let Ok(wrapped) = ContractInitializationError::abi_decode(data, true) {
        return format!("the constructor reverted: {}", explain(&wrapped.data, abis));
    }
    if let Ok(error) = Error::abi_decode(data, true) {
        return format!("Error({:?})", error.message);
    }
    let arb_wasm = arb_wasm_errors();
    let known = abis
        .iter()
        .chain([&arb_wasm])
        .flat_map(JsonAbi::errors)
        .find_map(|error| {
            let body = data.strip_prefix(error.selector().as_slice())?;
            let values = error.abi_decode_input(body, true).ok()?;
            let values: Vec<String> = values.iter().map(value).collect();
            Some(format!("{}({})", error.name, values.join(", ")))
        });
    known.unwrap_or_else(|| format!("0x{}", hex::encode(data)))
}

/// A decoded value as Solidity would write it.
pub fn value(value: &DynSolValue) -> String {
    match value {
        DynSolValue::Address(address) => address.to_string(),
        DynSolValue::Bool(flag) => flag.to_string(),
        DynSolValue::Int(number, _) => number.to_string(),
        DynSolValue::Uint(number, _) => number.to_string(),
        DynSolValue::String(text) => format!("{text:?}"),
        DynSolValue::Bytes(bytes) => format!("0x{}", hex::encode(bytes)),
        DynSolValue::FixedBytes(word, size) => format!("0x{}", hex::encode(&word[..*size])),
        DynSolValue::Array(items) | DynSolValue::FixedArray(items) => {
            let items: Vec<String> = items.iter().map(self::value).collect();
            format!("[{}]", items.join(", "))
        }
        DynSolValue::Tuple(items) => {
            let items: Vec<String> = items.iter().map(self::value).collect();
            format!("({})", items.join(", "))
        }
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use alloy_primitives::{Address, U256};
    use alloy_sol_types::sol;

    use super::*;
    use crate::encode::selector;

    sol! {
        error OwnableUnauthorizedAccount(address account);
        error ExceedsMaxBalance(uint256 balance, uint256 max);
    }

    fn abis() -> Vec<JsonAbi> {
        vec![JsonAbi::parse([
            "error OwnableUnauthorizedAccount(address account)",
            "error ExceedsMaxBalance(uint256 balance, uint256 max)",
        ])
        .unwrap()]
    }

    #[test]
    fn explain_names_a_declared_error_and_its_arguments() {
        let data = ExceedsMaxBalance {
            balance: U256::from(7),
            max: U256::from(5),
        }
        .abi_encode();
        assert_eq!(explain(&data, &abis()), "ExceedsMaxBalance(7, 5)");
    }

    #[test]
    fn explain_names_arb_wasms_refusals() {
        let mut data = selector("ProgramInsufficientValue(uint256,uint256)").to_vec();
        data.extend(U256::from(1).to_be_bytes::<32>());
        data.extend(U256::from(9).to_be_bytes::<32>());
        assert_eq!(explain(&data, &[]), "ProgramInsufficientValue(1, 9)");
    }

    #[test]
    fn explain_unwraps_a_constructor_revert() {
        let inner = OwnableUnauthorizedAccount {
            account: Address::repeat_byte(1),
        }
        .abi_encode();
        let data = ContractInitializationError {
            newContract: Address::repeat_byte(2),
            data: inner.into(),
        }
        .abi_encode();
        assert_eq!(
            explain(&data, &abis()),
            format!(
                "the constructor reverted: OwnableUnauthorizedAccount({})",
                Address::repeat_byte(1)
            )
        );
    }

    #[test]
    fn explain_falls_back_to_hex() {
        assert_eq!(explain(&[0xde, 0xad], &abis()), "0xdead");
        assert_eq!(explain(&[], &abis()), "no revert data");
        let message = Error {
            message: "no".into(),
        }
        .abi_encode();
        assert_eq!(explain(&message, &abis()), "Error(\"no\")");
    }
}
