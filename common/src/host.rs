//! The host affordances the contracts use, reached directly in the deployed
//! wasm.
//!
//! In the deployed wasm these functions call the hostio imports directly
//! (through the SDK's free-function wrappers) rather than through
//! `self.vm()` (a `&dyn Host`); in host builds (motsu, `TestVM`) they ask
//! `vm`, so tests keep full control of sender, value and clock. Measured on
//! the registry the direct path saves little (about 30 B compressed; the
//! large saving was logging, see [`crate::log`]); it is kept so that every
//! contract reaches the host one way.
#![allow(deprecated)]

use alloy_primitives::{Address, B256, U256};
use stylus_sdk::stylus_core::Host;

/// The caller of the current call.
#[must_use]
pub fn msg_sender(vm: &dyn Host) -> Address {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = vm;
        stylus_sdk::msg::sender()
    }
    #[cfg(not(target_arch = "wasm32"))]
    vm.msg_sender()
}

/// The wei sent with the current call.
#[must_use]
pub fn msg_value(vm: &dyn Host) -> U256 {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = vm;
        stylus_sdk::msg::value()
    }
    #[cfg(not(target_arch = "wasm32"))]
    vm.msg_value()
}

/// The current block's timestamp, in Unix seconds.
#[must_use]
pub fn block_timestamp(vm: &dyn Host) -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = vm;
        stylus_sdk::block::timestamp()
    }
    #[cfg(not(target_arch = "wasm32"))]
    vm.block_timestamp()
}

/// The address of the running contract.
#[must_use]
pub fn contract_address(vm: &dyn Host) -> Address {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = vm;
        stylus_sdk::contract::address()
    }
    #[cfg(not(target_arch = "wasm32"))]
    vm.contract_address()
}

/// The chain's id.
#[must_use]
pub fn chain_id(vm: &dyn Host) -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = vm;
        stylus_sdk::block::chainid()
    }
    #[cfg(not(target_arch = "wasm32"))]
    vm.chain_id()
}

/// `keccak256` of `data` (the host's native keccak in the deployed wasm).
#[must_use]
pub fn keccak(vm: &dyn Host, data: &[u8]) -> B256 {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = vm;
        stylus_sdk::crypto::keccak(data)
    }
    #[cfg(not(target_arch = "wasm32"))]
    vm.native_keccak256(data)
}

/// `keccak256("")`: the code hash of an account without code (EIP-1052).
const EMPTY_CODE_HASH: B256 =
    alloy_primitives::b256!("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");

/// Whether `account` holds code (a contract or program): its code hash is
/// neither zero (no account) nor that of empty code.
#[must_use]
pub fn has_code(vm: &dyn Host, account: Address) -> bool {
    #[cfg(target_arch = "wasm32")]
    let hash = {
        let _ = vm;
        stylus_sdk::types::AddressVM::code_hash(&account)
    };
    #[cfg(not(target_arch = "wasm32"))]
    let hash = vm.code_hash(account);
    !hash.is_zero() && hash != EMPTY_CODE_HASH
}
