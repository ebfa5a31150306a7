//! One raw-log path for every event of the suite.
//!
//! Events are still declared with `sol!` (for the ABI, for callers and for
//! tests, which compare emitted logs with the `sol!` encoding), but they are
//! emitted through [`emit`], which writes topics and data straight to the
//! host. This keeps one small function in each contract instead of an
//! encoder per event type.
use alloc::vec::Vec;

use alloy_primitives::{Address, B256, U256};
use stylus_sdk::stylus_core::Host;

/// Emits a log with up to four `topics` (the first is the event's signature
/// hash, unless the event is anonymous) and the ABI-encoded `data`.
///
/// In the deployed wasm this goes straight to the host's `emit_log` import,
/// neither through `&dyn Host` (measured: about 1.5 KiB of compressed wasm
/// per contract) nor through the SDK's `evm::raw_log`, which gathers the
/// topics byte by byte (~550 gas of wasm instructions a log; here two
/// copies). Host builds (motsu, `TestVM`) log through `vm`, which reaches
/// the same `emit_log` in motsu and the test VM's own log in `TestVM`.
///
/// # Arguments
///
/// * `vm` - The host to log to.
/// * `topics` - The topics; every caller passes at most four, the only case
///   in which the host refuses a log.
/// * `data` - The ABI encoding of the event's non-indexed fields.
pub fn emit(vm: &dyn Host, topics: &[B256], data: &[u8]) {
    let mut buf = Vec::with_capacity(topics.len() * 32 + data.len());
    for topic in topics {
        buf.extend_from_slice(topic.as_slice());
    }
    buf.extend_from_slice(data);
    #[cfg(target_arch = "wasm32")]
    {
        let _ = vm;
        // SAFETY: `buf` is live for the call; the host reads `buf.len()`
        // bytes from it and keeps nothing.
        unsafe { emit_log(buf.as_ptr(), buf.len(), topics.len()) };
    }
    #[cfg(not(target_arch = "wasm32"))]
    vm.emit_log(&buf, topics.len());
}

#[cfg(target_arch = "wasm32")]
#[link(wasm_import_module = "vm_hooks")]
unsafe extern "C" {
    /// The host's log: `topics` 32-byte topics, then the data, in
    /// `len` bytes at `data`.
    fn emit_log(data: *const u8, len: usize, topics: usize);
}

/// The 32-byte ABI word (and topic) of an address: left-padded with zeros.
#[must_use]
pub fn address_word(account: Address) -> B256 {
    account.into_word()
}

/// The 32-byte ABI word (and topic) of an unsigned integer.
#[must_use]
pub fn uint_word(value: U256) -> B256 {
    B256::from(value)
}

/// The 32-byte ABI word (and topic) of a boolean.
#[must_use]
pub fn bool_word(value: bool) -> B256 {
    uint_word(U256::from(u8::from(value)))
}

/// Concatenates 32-byte words into ABI data (the static part of an event's
/// data).
#[must_use]
pub fn words(words: &[B256]) -> Vec<u8> {
    let mut data = Vec::with_capacity(words.len() * 32);
    for word in words {
        data.extend_from_slice(word.as_slice());
    }
    data
}

/// The ABI encoding of a single `uint256[]` value, as an event's only
/// non-indexed field: offset, length, elements.
#[must_use]
pub fn uint_array(values: &[U256]) -> Vec<u8> {
    uint_arrays(&[values])
}

/// The ABI encoding of several `uintN[]` values, as an event's only
/// non-indexed fields: one offset per array, then each array's length and
/// elements.
#[must_use]
pub fn uint_arrays(arrays: &[&[U256]]) -> Vec<u8> {
    let mut head = Vec::with_capacity(arrays.len());
    let mut tail = Vec::new();
    for values in arrays {
        // Offsets count bytes from the start of the data: the heads, then
        // the tails written so far.
        head.push(uint_word(U256::from(arrays.len() * 32 + tail.len() * 32)));
        tail.push(uint_word(U256::from(values.len())));
        tail.extend(values.iter().map(|v| uint_word(*v)));
    }
    head.extend(tail);
    words(&head)
}

#[cfg(test)]
mod tests {
    use alloy_primitives::{address, U256};
    use alloy_sol_types::{sol, SolEvent};

    use super::*;

    sol! {
        event Sample(address indexed who, uint256[] values);
        event Pair(uint64[] windows, uint256[] limits);
        event Flag(address indexed who, bool indexed on, uint256 amount);
    }

    #[test]
    fn uint_array_matches_abi_encoding_of_event_data() {
        let values = [U256::from(1), U256::from(7), U256::MAX];
        let event = Sample {
            who: address!("00000000000000000000000000000000000000aa"),
            values: values.to_vec(),
        };
        assert_eq!(uint_array(&values), event.encode_data());
    }

    #[test]
    fn uint_arrays_match_abi_encoding_of_two_arrays() {
        let event = Pair {
            windows: vec![86_400, 2_592_000],
            limits: vec![U256::from(5), U256::from(9), U256::MAX],
        };
        let windows = [U256::from(86_400), U256::from(2_592_000)];
        let limits = [U256::from(5), U256::from(9), U256::MAX];
        assert_eq!(uint_arrays(&[&windows, &limits]), event.encode_data());
        assert_eq!(
            uint_arrays(&[&[], &[]]),
            Pair {
                windows: vec![],
                limits: vec![]
            }
            .encode_data()
        );
    }

    #[test]
    fn words_match_abi_encoding_of_static_event_fields() {
        let who = address!("00000000000000000000000000000000000000bb");
        let event = Flag {
            who,
            on: true,
            amount: U256::from(5),
        };
        assert_eq!(words(&[uint_word(U256::from(5))]), event.encode_data());
        let topics = event.encode_topics();
        assert_eq!(B256::from(topics[1]), address_word(who));
        assert_eq!(B256::from(topics[2]), bool_word(true));
    }
}
