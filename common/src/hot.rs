//! A contract's hot program: the few functions its users pay for most,
//! answered by a small program of its own, everything else delegated to
//! the contract's full program (its "cold" program) in the same account.
//!
//! A Stylus program pays to enter in proportion to its size when it is
//! not cached (about 0.13 gas a byte of wasm and 8.3 gas a function), on
//! every entry of every call. A transfer enters three programs. The hot
//! program keeps the paid paths small; the cold program is the contract
//! as built for tests and audits, unchanged, run by `DELEGATECALL` so that
//! it sees the hot program's storage, caller and value. The cold
//! program's address is compiled into the hot program (no storage slot,
//! no admin to change it).
//!
//! The hot program decodes its functions' arguments exactly as the SDK's
//! router does with validation on (only canonical encodings: exact
//! length, addresses with clean high bytes), refuses value where the
//! function is not payable, and refuses reentrant calls, so that a call
//! answered hot behaves as the same call answered by the cold program.
use alloc::vec::Vec;

use alloy_primitives::{Address, U256};

/// Declares a contract's hot program: `COLD`, the address of its full
/// program given at build time (`SUITE_COLD`, set by `suite build`: where
/// the StylusDeployer puts the full program, the same on every chain), and
/// the program's `user_entrypoint`, which answers with `route(storage,
/// selector, args)` what it can ([`enter`]) on the contract's storage
/// struct `$storage` at slot 0, as in its full program.
#[macro_export]
macro_rules! hot_program {
    ($storage:ty, $route:path) => {
        /// The full program's address, given at build time by `suite
        /// build` (`SUITE_COLD`).
        const COLD: alloy_primitives::Address = $crate::hot::parse_address(env!("SUITE_COLD"));

        #[no_mangle]
        extern "C" fn user_entrypoint(len: usize) -> usize {
            $crate::hot::enter(len, COLD, |selector, args| {
                // SAFETY: the contract's storage starts at slot 0, as in
                // its full program; this is the only reference to it.
                let mut storage = unsafe {
                    <$storage as stylus_sdk::storage::StorageType>::new(
                        alloy_primitives::U256::ZERO,
                        0,
                        stylus_sdk::host::VM(stylus_sdk::host::WasmVM {}),
                    )
                };
                $route(&mut storage, selector, args)
            })
        }
    };
}

/// The `index`-th 32-byte word of `args`.
fn word(args: &[u8], index: usize) -> Option<&[u8]> {
    args.get(index * 32..index * 32 + 32)
}

/// Whether `args` is exactly `words` static words (the only canonical
/// encoding of that many static arguments).
#[must_use]
pub fn has_words(args: &[u8], words: usize) -> bool {
    args.len() == words * 32
}

/// The address in word `index` of `args`, when its high 12 bytes are zero.
#[must_use]
pub fn address(args: &[u8], index: usize) -> Option<Address> {
    let word = word(args, index)?;
    let (high, low) = word.split_at(12);
    high.iter()
        .all(|byte| *byte == 0)
        .then(|| Address::from_slice(low))
}

/// The `uint256` in word `index` of `args`.
#[must_use]
pub fn uint(args: &[u8], index: usize) -> Option<U256> {
    word(args, index).map(U256::from_be_slice)
}

/// The unsigned integer of at most `bits` bits (below 64) in word `index`
/// of `args` (a `uint8` to `uint64`), when it fits.
#[must_use]
pub fn small(args: &[u8], index: usize, bits: u32) -> Option<u64> {
    let value = u64::try_from(uint(args, index)?).ok()?;
    (bits >= 64 || value >> bits == 0).then_some(value)
}

/// The 32 bytes of word `index` of `args` (a `bytes32`).
#[must_use]
pub fn fixed(args: &[u8], index: usize) -> Option<alloy_primitives::B256> {
    word(args, index).map(alloy_primitives::B256::from_slice)
}

/// The `bytes` that `args` encodes canonically as its last argument, after
/// `heads - 1` static words (its head the offset `32 * heads`; its data
/// zero-padded to a word; nothing after): its bytes.
#[must_use]
pub fn last_bytes(args: &[u8], heads: usize) -> Option<&[u8]> {
    let at = 32 * heads;
    if uint(args, heads - 1)? != U256::from(at) {
        return None;
    }
    let len = usize::try_from(uint(args.get(at..)?, 0)?).ok()?;
    let data = args.get(at + 32..)?;
    // The padding: zeros up to the next word, and nothing after.
    let padded = len.checked_next_multiple_of(32)?;
    let (bytes, padding) = (data.get(..len)?, data.get(len..)?);
    (data.len() == padded && padding.iter().all(|byte| *byte == 0)).then_some(bytes)
}

/// The elements' words of the array of one-word elements (a `bytes32[]`,
/// a `uint256[]`) that `args` encodes canonically as its last argument,
/// after `heads - 1` static words (its head the offset `32 * heads`; its
/// length, then exactly that many words; nothing after).
///
/// Inline: compiled in the one hot program that calls it, not in
/// `common`, where it changed the other hot programs' code (the identity
/// registry's grew by 73 bytes, 10 gas on each uncached entry).
#[must_use]
#[inline]
pub fn last_word_array(args: &[u8], heads: usize) -> Option<&[u8]> {
    let at = 32 * heads;
    if uint(args, heads - 1)? != U256::from(at) {
        return None;
    }
    let len = usize::try_from(uint(args.get(at..)?, 0)?).ok()?;
    let words = args.get(at + 32..)?;
    (len.checked_mul(32)? == words.len()).then_some(words)
}

/// The `index`-th of `K` arrays of one-word elements that `args` encodes
/// canonically (the heads the offsets of tails laid out in order, nothing
/// after the last): its elements' words, `None` for any other encoding.
#[must_use]
pub fn word_arrays<const K: usize>(args: &[u8]) -> Option<[&[u8]; K]> {
    let mut arrays = [&args[..0]; K];
    let mut at = 32 * K;
    for (index, array) in arrays.iter_mut().enumerate() {
        if uint(args, index)? != U256::from(at) {
            return None;
        }
        let len = usize::try_from(uint(args.get(at..)?, 0)?).ok()?;
        // At most the calldata's length: no overflow below.
        let bytes = len.checked_mul(32).filter(|bytes| *bytes <= args.len())?;
        *array = args.get(at + 32..at + 32 + bytes)?;
        at += 32 + bytes;
    }
    (at == args.len()).then_some(arrays)
}

/// The 4-byte selector of a canonical signature, at compile time.
#[must_use]
pub const fn selector(signature: &str) -> u32 {
    let digest = stylus_sdk::keccak_const::Keccak256::new()
        .update(signature.as_bytes())
        .finalize();
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
}

/// The address written as 40 hex digits (an optional `0x` first), at
/// compile time: how a hot program is given its cold program's address
/// (`env!("SUITE_COLD")`, set by `suite build`).
///
/// # Panics
///
/// At compile time, when `hex` is not an address.
#[must_use]
pub const fn parse_address(hex: &str) -> Address {
    let bytes = hex.as_bytes();
    let start = if bytes.len() == 42 && bytes[0] == b'0' && (bytes[1] == b'x' || bytes[1] == b'X') {
        2
    } else {
        0
    };
    assert!(bytes.len() - start == 40, "an address is 40 hex digits");
    let mut out = [0u8; 20];
    let mut i = 0;
    while i < 20 {
        out[i] = 16 * nibble(bytes[start + 2 * i]) + nibble(bytes[start + 2 * i + 1]);
        i += 1;
    }
    Address::new(out)
}

/// The value of one hex digit.
const fn nibble(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        b'A'..=b'F' => digit - b'A' + 10,
        _ => panic!("not a hex digit"),
    }
}

/// Whether a call with `args` may go on: exactly `words` static words when
/// given (`None`: the function decodes its dynamic arguments itself), and
/// no value unless the function is `payable`, as the SDK's router refuses.
#[must_use]
#[inline(always)]
pub fn accepts(
    vm: &dyn stylus_sdk::stylus_core::Host,
    args: &[u8],
    words: Option<usize>,
    payable: bool,
) -> bool {
    words.is_none_or(|words| has_words(args, words))
        && (payable || crate::host::msg_value(vm).is_zero())
}

/// What a hot function answers: its return data, its error encoded, or an
/// empty revert when its arguments did not decode (`None`), as the SDK's
/// router answers.
#[inline(always)]
pub fn answer<E: Into<Vec<u8>>>(decoded: Option<Result<Vec<u8>, E>>) -> stylus_sdk::ArbResult {
    match decoded {
        Some(result) => result.map_err(Into::into),
        None => Err(Vec::new()),
    }
}

/// `value` as one ABI word.
#[must_use]
pub fn encode_uint(value: U256) -> Vec<u8> {
    value.to_be_bytes::<32>().to_vec()
}

/// `value` as one ABI word.
#[must_use]
pub fn encode_bool(value: bool) -> Vec<u8> {
    encode_uint(U256::from(u8::from(value)))
}

/// The program's entry: refuses reentrancy as the SDK's entrypoint does,
/// answers with `route` (selector and arguments, `None` for a function
/// that is not hot), and otherwise delegates the whole calldata to `cold`
/// and passes its return or revert data through.
#[cfg(target_arch = "wasm32")]
pub fn enter(
    len: usize,
    cold: Address,
    route: impl FnOnce(u32, &[u8]) -> Option<stylus_sdk::ArbResult>,
) -> usize {
    // SAFETY: hostio calls with buffers of the lengths they are given.
    unsafe {
        if msg_reentrant() {
            return 1;
        }
        // Referenced so that activation links memory growth (as the SDK).
        pay_for_memory_grow(0);
        let mut input = Vec::with_capacity(len);
        read_args(input.as_mut_ptr());
        input.set_len(len);
        let routed = match input.get(..4) {
            Some(selector) => {
                let selector =
                    u32::from_be_bytes([selector[0], selector[1], selector[2], selector[3]]);
                route(selector, &input[4..])
            }
            None => None,
        };
        let (data, status) = match routed {
            Some(Ok(data)) => (data, 0),
            Some(Err(data)) => (data, 1),
            None => {
                // A delegate call to an account without code succeeds and
                // does nothing: refuse instead (the cold program is not
                // deployed on this chain). Its access is then warm.
                if account_code_size(cold.as_ptr()) == 0 {
                    return finish(&[], 1);
                }
                // The cold program reads storage afresh: persist and clear.
                storage_flush_cache(true);
                let mut returned = 0;
                let status = delegate_call_contract(
                    cold.as_ptr(),
                    input.as_ptr(),
                    input.len(),
                    u64::MAX,
                    &mut returned,
                );
                let mut data = Vec::with_capacity(returned);
                let copied = read_return_data(data.as_mut_ptr(), 0, returned);
                data.set_len(copied);
                return finish(&data, usize::from(status != 0));
            }
        };
        storage_flush_cache(false);
        finish(&data, status)
    }
}

/// Writes `data` as the result and returns `status`.
#[cfg(target_arch = "wasm32")]
fn finish(data: &[u8], status: usize) -> usize {
    // SAFETY: `data` is a valid buffer of its length.
    unsafe { write_result(data.as_ptr(), data.len()) };
    status
}

#[cfg(target_arch = "wasm32")]
#[link(wasm_import_module = "vm_hooks")]
unsafe extern "C" {
    /// Whether the program's account is already executing lower down.
    fn msg_reentrant() -> bool;
    /// A no-op that makes activation link memory growth.
    fn pay_for_memory_grow(pages: u16);
    /// Copies the calldata to `dest`.
    fn read_args(dest: *mut u8);
    /// Sets the result (return or revert data).
    fn write_result(data: *const u8, len: usize);
    /// Writes the storage cache out (and empties it when `clear`).
    fn storage_flush_cache(clear: bool);
    /// `DELEGATECALL`: status 0 on success; the return data's length.
    fn delegate_call_contract(
        contract: *const u8,
        calldata: *const u8,
        calldata_len: usize,
        gas: u64,
        return_data_len: *mut usize,
    ) -> u8;
    /// The size of `address`'s code.
    fn account_code_size(address: *const u8) -> usize;
    /// Copies up to `size` bytes of the last call's return data from
    /// `offset`; the bytes copied.
    fn read_return_data(dest: *mut u8, offset: usize, size: usize) -> usize;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_parses_with_or_without_its_prefix_in_either_case() {
        let expected = Address::repeat_byte(0xab);
        assert_eq!(
            parse_address("0xabababababababababababababababababababab"),
            expected
        );
        assert_eq!(
            parse_address("0XABABABABABABABABABABABABABABABABABABABAB"),
            expected
        );
        assert_eq!(
            parse_address("ABABABABABABABABABABABABABABABABABABABAB"),
            expected
        );
        // Every digit, in both cases.
        let digits = parse_address("0x0123456789abcdefABCDEF000000000000000000");
        let expected = [
            0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xab, 0xcd, 0xef,
        ];
        assert_eq!(digits[..11], expected);
        assert_eq!(digits[11..], [0; 9]);
    }

    #[test]
    #[should_panic(expected = "40 hex digits")]
    fn forty_two_digits_without_a_prefix_are_refused() {
        let _ = parse_address("1xabababababababababababababababababababab");
    }

    #[test]
    #[should_panic(expected = "40 hex digits")]
    fn a_prefix_other_than_0x_is_refused() {
        let _ = parse_address("0yabababababababababababababababababababab");
    }

    #[test]
    fn a_call_goes_on_with_its_words_and_value_only_where_payable() {
        let vm = stylus_sdk::testing::TestVM::new();
        let two = [0u8; 64];
        assert!(accepts(&vm, &two, Some(2), false));
        assert!(!accepts(&vm, &two, Some(1), false));
        assert!(accepts(&vm, &two, None, false));
        vm.set_value(U256::from(1));
        assert!(!accepts(&vm, &two, Some(2), false));
        assert!(accepts(&vm, &two, Some(2), true));
        assert!(!accepts(&vm, &two, Some(3), true));
    }

    #[test]
    fn a_word_decodes_as_bytes32() {
        let mut args = [0u8; 64];
        args[32] = 0xfe;
        let mut word = alloy_primitives::B256::ZERO;
        word[0] = 0xfe;
        assert_eq!(fixed(&args, 1), Some(word));
        assert_eq!(fixed(&args, 0), Some(alloy_primitives::B256::ZERO));
        assert_eq!(fixed(&args, 2), None);
    }

    #[test]
    fn an_answer_is_its_data_its_error_or_an_empty_revert() {
        assert_eq!(answer::<Vec<u8>>(Some(Ok(vec![1]))), Ok(vec![1]));
        assert_eq!(answer::<Vec<u8>>(Some(Err(vec![2]))), Err(vec![2]));
        assert_eq!(answer::<Vec<u8>>(None), Err(Vec::new()));
    }

    #[test]
    #[should_panic(expected = "40 hex digits")]
    fn a_short_address_is_refused() {
        let _ = parse_address("0xabab");
    }

    #[test]
    #[should_panic(expected = "not a hex digit")]
    fn a_non_hex_digit_is_refused() {
        let _ = parse_address("0xgbababababababababababababababababababab");
    }

    #[test]
    fn arguments_decode_only_from_canonical_words() {
        let mut args = [0u8; 64];
        args[31] = 7;
        args[63] = 9;
        assert!(has_words(&args, 2));
        assert!(!has_words(&args, 1));
        assert!(!has_words(&args[..63], 2));
        assert_eq!(uint(&args, 1), Some(U256::from(9)));
        assert_eq!(address(&args, 0), Some(Address::with_last_byte(7)));
        assert_eq!(address(&args, 2), None);
        // An address word with a dirty high byte is not an address.
        args[11] = 1;
        assert_eq!(address(&args, 0), None);
        args[11] = 0;
        args[12] = 1;
        assert!(address(&args, 0).is_some());
    }

    #[test]
    fn selectors_are_the_abis() {
        assert_eq!(selector("transfer(address,uint256)"), 0xa905_9cbb);
        assert_eq!(selector("balanceOf(address)"), 0x70a0_8231);
    }

    /// `arrays` ABI-encoded as a tuple of `uint256[]`.
    fn encoded(arrays: &[&[u64]]) -> Vec<u8> {
        use alloy_sol_types::SolValue;
        let values: Vec<Vec<U256>> = arrays
            .iter()
            .map(|array| array.iter().map(|n| U256::from(*n)).collect())
            .collect();
        match values.as_slice() {
            [a, b] => (a.clone(), b.clone()).abi_encode_params(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn arrays_decode_only_from_their_canonical_encoding() {
        let args = encoded(&[&[1, 2], &[3, 4, 5]]);
        let [a, b] = word_arrays::<2>(&args).unwrap();
        assert_eq!((a.len(), b.len()), (64, 96));
        assert_eq!(uint(a, 1), Some(U256::from(2)));
        assert_eq!(uint(b, 2), Some(U256::from(5)));
        let empty = encoded(&[&[], &[]]);
        assert_eq!(
            word_arrays::<2>(&empty).map(|[a, b]| (a.len(), b.len())),
            Some((0, 0))
        );
        // A trailing byte, a missing one, an offset out of order, a length
        // past the end.
        let mut long = args.clone();
        long.push(0);
        assert!(word_arrays::<2>(&long).is_none());
        assert!(word_arrays::<2>(&args[..args.len() - 1]).is_none());
        let mut moved = args.clone();
        moved[31] += 32;
        assert!(word_arrays::<2>(&moved).is_none());
        let mut huge = args.clone();
        huge[64..96].copy_from_slice(&[0xff; 32]);
        assert!(word_arrays::<2>(&huge).is_none());
        assert!(word_arrays::<2>(&[]).is_none());
        // Heads alone, pointing past the end.
        assert!(word_arrays::<2>(&args[..32]).is_none());
        assert!(word_arrays::<2>(&args[..64]).is_none());
    }

    #[test]
    fn small_integers_decode_only_when_they_fit() {
        let mut args = [0u8; 32];
        args[30] = 0xff;
        args[31] = 0xff;
        assert_eq!(small(&args, 0, 16), Some(0xffff));
        assert_eq!(small(&args, 0, 8), None);
        args[0] = 1;
        assert_eq!(small(&args, 0, 63), None);
    }

    #[test]
    fn trailing_bytes_decode_only_from_their_canonical_encoding() {
        use alloy_sol_types::SolValue;
        let data = alloy_primitives::Bytes::from(vec![7u8; 33]);
        let args = (U256::from(5), data.clone()).abi_encode_params();
        assert_eq!(last_bytes(&args, 2), Some(&data[..]));
        let empty = (U256::from(5), alloy_primitives::Bytes::new()).abi_encode_params();
        assert_eq!(last_bytes(&empty, 2), Some(&[][..]));
        // Dirty padding, a trailing word, a missing byte, a wrong offset.
        let mut dirty = args.clone();
        *dirty.last_mut().unwrap() = 1;
        assert_eq!(last_bytes(&dirty, 2), None);
        let mut long = args.clone();
        long.extend_from_slice(&[0; 32]);
        assert_eq!(last_bytes(&long, 2), None);
        assert_eq!(last_bytes(&args[..args.len() - 1], 2), None);
        let mut moved = args.clone();
        moved[63] = 0x60;
        assert_eq!(last_bytes(&moved, 2), None);
        let mut huge = args.clone();
        huge[64..96].copy_from_slice(&[0xff; 32]);
        assert_eq!(last_bytes(&huge, 2), None);
    }

    #[test]
    fn a_trailing_word_array_decodes_only_from_its_canonical_encoding() {
        use alloy_primitives::B256;
        use alloy_sol_types::SolValue;
        let proof = vec![B256::repeat_byte(1), B256::repeat_byte(2)];
        let args = (U256::from(5), U256::from(6), U256::from(7), proof.clone()).abi_encode_params();
        let words = last_word_array(&args, 4).unwrap();
        assert_eq!(words.len(), 64);
        assert_eq!(fixed(words, 1), Some(proof[1]));
        let none = (U256::from(5), Vec::<B256>::new()).abi_encode_params();
        assert_eq!(last_word_array(&none, 2), Some(&[][..]));
        // A trailing byte or word, a missing byte, a wrong offset, a length
        // past the end, a length past usize.
        let mut long = args.clone();
        long.push(0);
        assert_eq!(last_word_array(&long, 4), None);
        let mut longer = args.clone();
        longer.extend_from_slice(&[0; 32]);
        assert_eq!(last_word_array(&longer, 4), None);
        assert_eq!(last_word_array(&args[..args.len() - 1], 4), None);
        let mut moved = args.clone();
        moved[127] = 0xa0;
        assert_eq!(last_word_array(&moved, 4), None);
        let mut three = args.clone();
        three[159] = 3;
        assert_eq!(last_word_array(&three, 4), None);
        let mut huge = args.clone();
        huge[128..160].copy_from_slice(&[0xff; 32]);
        assert_eq!(last_word_array(&huge, 4), None);
        // The heads alone.
        assert_eq!(last_word_array(&args[..128], 4), None);
    }

    #[test]
    fn answers_encode_as_single_words() {
        assert_eq!(
            encode_bool(true),
            U256::from(1).to_be_bytes::<32>().to_vec()
        );
        assert_eq!(encode_bool(false), [0u8; 32].to_vec());
        assert_eq!(encode_uint(U256::MAX), [0xff; 32].to_vec());
    }
}
