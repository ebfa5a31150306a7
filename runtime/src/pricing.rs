//! What each host function costs, in ink, before any EVM-side gas.
//!
//! The values are nitro v3.9.5's (`arbitrator/arbutil/src/pricing.rs` and
//! the charges in `wasm-libraries/user-host-trait`): every hostio pays a
//! base of [`HOSTIO`] ink, plus [`PTR`] per pointer it takes and
//! [`EVM_API`] when it asks the EVM side; moving bytes between the program
//! and the host pays [`write_price`] (host to program) or [`read_price`]
//! (program to host); `native_keccak256` pays [`keccak_price`]; logs pay
//! the EVM's log gas. At ArbOS 40 one gas is [`INK_PER_GAS`] ink.
//!
//! Storage is charged as nitro's EVM side charges it: a read missing the
//! program's storage cache pays EIP-2929's cold or warm read and the API
//! cost; writes stay in the cache and pay EIP-2200/2929's SSTORE cost when
//! flushed, with EIP-3529's refunds (credited when the transaction ends,
//! unless the world is told not to, as the calibration runtime). A call costs
//! EIP-2929's warm or cold account access and any value transfer
//! (`WasmCallCost`), passes the callee at most 63/64 of the gas left, and
//! charges the caller what the callee used. Not yet charged: other account
//! access, memory, program init.

/// Ink per gas (ArbOS 40's ink price).
pub const INK_PER_GAS: u64 = 10_000;
/// Base of every hostio.
pub const HOSTIO: u64 = 8_400;
/// Per pointer argument.
pub const PTR: u64 = 13_440 - HOSTIO;
/// For a hostio that asks the EVM side.
pub const EVM_API: u64 = 59_673;

/// `read_args`, `write_result`, `return_data_size`, `block_number`,
/// `block_timestamp`, `block_gas_limit`, `chainid`, `evm_gas_left`,
/// `evm_ink_left`, `msg_reentrant`, `tx_ink_price`, `pay_for_memory_grow`.
pub const PLAIN: u64 = HOSTIO;
/// `contract_address`, `msg_sender`, `msg_value`, `tx_origin`,
/// `tx_gas_price`, `block_basefee`, `block_coinbase`: one pointer.
pub const ONE_PTR: u64 = HOSTIO + PTR;
/// `storage_load_bytes32`, `storage_cache_bytes32`: two pointers.
pub const STORAGE: u64 = HOSTIO + 2 * PTR;
/// `storage_flush_cache`, `read_return_data`, `emit_log`,
/// `account_code`, `account_code_size`: the EVM side.
pub const WITH_EVM: u64 = HOSTIO + EVM_API;
/// `account_balance`, `account_codehash`: two pointers and the EVM side.
pub const ACCOUNT: u64 = HOSTIO + 2 * PTR + EVM_API;
/// `call_contract`, `static_call_contract`, `delegate_call_contract`.
pub const CALL: u64 = HOSTIO + 3 * PTR + EVM_API;

/// EIP-2929: a storage slot's first access in a transaction.
pub const COLD_SLOAD_GAS: u64 = 2_100;
/// EIP-2929: a later access.
pub const WARM_SLOAD_GAS: u64 = 100;
/// EIP-2200: a slot written from zero.
pub const SSTORE_SET_GAS: u64 = 20_000;
/// EIP-2200 with EIP-2929: a non-zero slot written (5,000 less the cold
/// read).
pub const SSTORE_RESET_GAS: u64 = 2_900;
/// EIP-3529: the refund for clearing a slot.
pub const SSTORE_CLEARS_REFUND: u64 = 4_800;
/// EIP-3529: a transaction is refunded at most its gas used over this.
pub const MAX_REFUND_QUOTIENT: u64 = 5;
/// EIP-2200: a store needs this much gas left.
pub const SSTORE_SENTRY_GAS: u64 = 2_300;
/// What a storage cache access requires left.
pub const CACHE_ACCESS_GAS: u64 = 10;
/// The EVM API's own cost of a storage read that misses the cache
/// ([`EVM_API`] ink in gas, rounded down).
pub const EVM_API_GAS: u64 = EVM_API / INK_PER_GAS;

/// EIP-2929: a call's static cost (a warm account).
pub const WARM_ACCOUNT_GAS: u64 = 100;
/// EIP-2929: what a cold account adds.
pub const COLD_ACCOUNT_EXTRA_GAS: u64 = 2_600 - WARM_ACCOUNT_GAS;
/// A call that sends value.
pub const CALL_VALUE_GAS: u64 = 9_000;
/// A call that sends value to an empty account.
pub const CALL_NEW_ACCOUNT_GAS: u64 = 25_000;
/// What a call that sends value gives the callee on top.
pub const CALL_STIPEND: u64 = 2_300;

/// Gas per log topic (and for the log itself), as the EVM's LOG.
pub const LOG_TOPIC_GAS: u64 = 375;
/// Gas per byte of log data.
pub const LOG_DATA_GAS: u64 = 8;

/// A transaction's intrinsic gas: 21,000, and 16 per non-zero and 4 per
/// zero byte of calldata (EIP-2028).
#[must_use]
pub fn intrinsic_gas(data: &[u8]) -> u64 {
    let zeros = data.iter().filter(|b| **b == 0).count() as u64;
    21_000 + 4 * zeros + 16 * (data.len() as u64 - zeros)
}

/// Writing `bytes` into the program's memory.
#[must_use]
pub fn write_price(bytes: u32) -> u64 {
    5_040 + 30 * u64::from(bytes.saturating_sub(32))
}

/// Reading `bytes` out of the program's memory.
#[must_use]
pub fn read_price(bytes: u32) -> u64 {
    16_381 + 55 * u64::from(bytes.saturating_sub(32))
}

/// Hashing `bytes` (its I/O included).
#[must_use]
pub fn keccak_price(bytes: u32) -> u64 {
    let words = u64::from(bytes.div_ceil(32)).saturating_sub(2);
    121_800 + 21_000 * words
}

/// The EVM's gas for a log of `topics` topics and `data` bytes, in ink.
#[must_use]
pub fn log_price(topics: u32, data: u32) -> u64 {
    ((1 + u64::from(topics)) * LOG_TOPIC_GAS + u64::from(data) * LOG_DATA_GAS) * INK_PER_GAS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composite_prices_add_up_as_nitro_defines_them() {
        assert_eq!(PTR, 5_040);
        assert_eq!(STORAGE, 18_480);
        assert_eq!(CALL, 8_400 + 15_120 + 59_673);
        assert_eq!(write_price(32), 5_040);
        assert_eq!(write_price(33), 5_070);
        assert_eq!(read_price(100), 16_381 + 55 * 68);
        // Two words are in the base price.
        assert_eq!(keccak_price(64), 121_800);
        assert_eq!(keccak_price(65), 142_800);
        assert_eq!(log_price(2, 64), (3 * 375 + 512) * 10_000);
        assert_eq!(intrinsic_gas(&[0, 1, 0, 2]), 21_000 + 8 + 32);
    }
}
