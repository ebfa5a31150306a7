//! Byte comparison for the deployed wasm, eight bytes at a time.
//!
//! Comparing addresses and words (`==` on `[u8; N]`) compiles to calls of
//! `bcmp`/`memcmp`, which `compiler_builtins` provides as a loop over single
//! bytes: about 50 gas of wasm instructions to compare two 32-byte words.
//! In the deployed wasm, this module's definitions take precedence over
//! those weak ones and compare eight bytes a step (bulk memory has no
//! comparison instruction): -360 gas on a transfer (`suite bench`). Host
//! builds keep the platform's.

/// Compares `a` and `b` (of one length): zero when equal, otherwise the
/// difference of the first differing bytes (as unsigned), as C's `memcmp`.
#[must_use]
pub fn compare(a: &[u8], b: &[u8]) -> i32 {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + 8 <= n {
        let x = u64::from_ne_bytes(a[i..i + 8].try_into().unwrap_or_default());
        let y = u64::from_ne_bytes(b[i..i + 8].try_into().unwrap_or_default());
        if x != y {
            break;
        }
        i += 8;
    }
    while i < n {
        if a[i] != b[i] {
            return i32::from(a[i]) - i32::from(b[i]);
        }
        i += 1;
    }
    0
}

/// C's `memcmp` over [`compare`].
///
/// # Safety
///
/// `a` and `b` must be valid for reads of `n` bytes.
#[cfg(target_arch = "wasm32")]
#[no_mangle]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    // SAFETY: the caller's guarantee.
    let (a, b) = unsafe {
        (
            core::slice::from_raw_parts(a, n),
            core::slice::from_raw_parts(b, n),
        )
    };
    compare(a, b)
}

/// `bcmp` (non-zero when the bytes differ) over [`compare`].
///
/// # Safety
///
/// `a` and `b` must be valid for reads of `n` bytes.
#[cfg(target_arch = "wasm32")]
#[no_mangle]
pub unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    // SAFETY: the caller's guarantee.
    unsafe { memcmp(a, b, n) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compare_orders_as_memcmp_at_every_position_and_length() {
        for n in 0..40usize {
            let a: Vec<u8> = (0..n).map(|i| (i * 7 % 251) as u8).collect();
            assert_eq!(compare(&a, &a), 0, "n = {n}");
            for i in 0..n {
                for delta in [1u8, 0x80, 0xff] {
                    let mut b = a.clone();
                    b[i] = b[i].wrapping_add(delta);
                    let expected = i32::from(a[i]) - i32::from(b[i]);
                    assert_eq!(compare(&a, &b), expected, "n = {n}, i = {i}");
                    assert_eq!(compare(&b, &a), -expected, "n = {n}, i = {i}");
                }
            }
        }
    }
}
