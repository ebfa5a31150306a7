//! One raw-call path for the calls between the suite's contracts.
//!
//! A binding encodes its calldata with [`calldata`] (a selector and static
//! ABI words) and sends it through [`call`] or [`static_call`]. In the
//! deployed wasm these reach the host's call imports directly (as
//! [`crate::host`] does for the other affordances); host builds go through
//! `vm`, where motsu routes calls between test contracts. A failed
//! call returns the callee's revert data unchanged, so a caller that
//! propagates it (`Err(data)?` into a `Vec<u8>` error) reverts with the
//! callee's own typed error, which a wallet can decode.
use alloc::vec::Vec;

use alloy_primitives::{Address, B256, U256};
#[cfg(not(target_arch = "wasm32"))]
use stylus_sdk::stylus_core::calls::{context::Call, errors::Error as CallError};
use stylus_sdk::stylus_core::Host;

/// Revert data of a failed call: the callee's own revert data.
pub type RevertData = Vec<u8>;

/// Calls `to` with `calldata`, without value, allowing state changes.
///
/// # Arguments
///
/// * `vm` - The caller's host.
/// * `to` - The contract to call.
/// * `calldata` - Selector and ABI-encoded arguments.
///
/// # Errors
///
/// The callee's revert data if the call reverted.
pub fn call(vm: &dyn Host, to: Address, calldata: &[u8]) -> Result<Vec<u8>, RevertData> {
    call_with_value(vm, to, U256::ZERO, calldata)
}

/// Calls `to` with `calldata` and `value` wei attached.
///
/// # Arguments
///
/// * `vm` - The caller's host.
/// * `to` - The contract or account to call.
/// * `value` - Wei to send along.
/// * `calldata` - Selector and ABI-encoded arguments (empty for a plain
///   payment).
///
/// # Errors
///
/// The callee's revert data if the call reverted.
pub fn call_with_value(
    vm: &dyn Host,
    to: Address,
    value: U256,
    calldata: &[u8],
) -> Result<Vec<u8>, RevertData> {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = vm;
        // SAFETY: the storage cache is flushed and cleared before the call,
        // as `Host::call` does; no storage reference outlives it.
        #[allow(deprecated)]
        unsafe {
            stylus_sdk::call::RawCall::new_with_value(value)
                .clear_storage_cache()
                .call(to, calldata)
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    vm.call(&Call::new().value(value), to, calldata)
        .map_err(revert_data)
}

/// Calls `to` with `calldata` in a static context (no state change possible).
///
/// # Arguments
///
/// * `vm` - The caller's host.
/// * `to` - The contract to call.
/// * `calldata` - Selector and ABI-encoded arguments.
///
/// # Errors
///
/// The callee's revert data if the call reverted.
pub fn static_call(vm: &dyn Host, to: Address, calldata: &[u8]) -> Result<Vec<u8>, RevertData> {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = vm;
        // SAFETY: the storage cache is flushed before the call, as
        // `Host::static_call` does; a static call cannot change storage.
        #[allow(deprecated)]
        unsafe {
            stylus_sdk::call::RawCall::new_static()
                .flush_storage_cache()
                .call(to, calldata)
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    vm.static_call(&Call::new(), to, calldata)
        .map_err(revert_data)
}

/// Builds calldata from a 4-byte `selector` and static ABI `words`.
#[must_use]
pub fn calldata(selector: [u8; 4], words: &[B256]) -> Vec<u8> {
    let mut data = selector.to_vec();
    data.extend_from_slice(&crate::log::words(words));
    data
}

/// Reads the `index`-th 32-byte word of return data, if present.
#[must_use]
pub fn word(data: &[u8], index: usize) -> Option<B256> {
    let start = index.checked_mul(32)?;
    let end = start.checked_add(32)?;
    data.get(start..end).map(B256::from_slice)
}

/// Converts a call failure into revert data (host builds; the wasm path
/// gets revert data from the host directly). Only a revert carries data;
/// the SDK's other failures (none happen for raw bytes) become empty data.
#[cfg(not(target_arch = "wasm32"))]
fn revert_data(error: CallError) -> RevertData {
    match error {
        CallError::Revert(data) => data,
        CallError::AbiDecodingFailed(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use alloy_primitives::{b256, U256};

    use super::*;

    #[test]
    fn calldata_is_selector_then_words() {
        let one = B256::from(U256::from(1));
        let data = calldata([0xde, 0xad, 0xbe, 0xef], &[one, B256::ZERO]);
        assert_eq!(data.len(), 68);
        assert_eq!(&data[..4], &[0xde, 0xad, 0xbe, 0xef]);
        assert_eq!(&data[4..36], one.as_slice());
    }

    #[test]
    fn word_reads_in_bounds_and_refuses_short_data() {
        let w = b256!("00000000000000000000000000000000000000000000000000000000000000ff");
        let mut data = w.to_vec();
        data.extend_from_slice(&[0u8; 31]);
        assert_eq!(word(&data, 0), Some(w));
        assert_eq!(word(&data, 1), None);
        assert_eq!(word(&data, usize::MAX), None);
    }
}
