//! 512-bit helpers for products of 256-bit amounts.
use alloy_primitives::U256;
use ruint::Uint;

/// 512-bit unsigned integers.
pub type U512 = Uint<512, 8>;

/// A 256-bit value in 512 bits.
#[must_use]
pub fn widen(value: U256) -> U512 {
    let mut limbs = [0u64; 8];
    limbs[..4].copy_from_slice(value.as_limbs());
    U512::from_limbs(limbs)
}

/// A 512-bit value back in 256 bits, if it fits.
#[must_use]
pub fn narrow(value: U512) -> Option<U256> {
    let limbs = value.as_limbs();
    if limbs[4..].iter().any(|&limb| limb != 0) {
        return None;
    }
    let mut low = [0u64; 4];
    low.copy_from_slice(&limbs[..4]);
    Some(U256::from_limbs(low))
}

/// `floor(a * b / c)` without intermediate overflow; `None` when `c` is
/// zero or the result does not fit in 256 bits.
#[must_use]
pub fn mul_div(a: U256, b: U256, c: U256) -> Option<U256> {
    if c.is_zero() {
        return None;
    }
    // a, b < 2^256: the product fits in 512 bits.
    narrow(widen(a) * widen(b) / widen(c))
}

/// `floor(a / divisor)` for a divisor of one limb, by schoolbook division
/// a limb at a time: none of the code of a general 256-bit division (about
/// 4 KiB of wasm). `None` when `divisor` is zero.
#[must_use]
pub fn div_small(a: U256, divisor: u64) -> Option<U256> {
    if divisor == 0 {
        return None;
    }
    let mut quotient = [0u64; 4];
    let mut remainder = 0u128;
    for (i, limb) in a.as_limbs().iter().enumerate().rev() {
        // remainder < divisor < 2^64: the dividend fits in 128 bits, and
        // the quotient limb in 64.
        let dividend = (remainder << 64) | u128::from(*limb);
        quotient[i] = (dividend / u128::from(divisor)) as u64;
        remainder = dividend % u128::from(divisor);
    }
    Some(U256::from_limbs(quotient))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mul_div_handles_products_beyond_256_bits() {
        assert_eq!(mul_div(U256::MAX, U256::MAX, U256::MAX), Some(U256::MAX));
        assert_eq!(
            mul_div(U256::from(7), U256::from(3), U256::from(2)),
            Some(U256::from(10))
        );
        assert_eq!(mul_div(U256::MAX, U256::from(2), U256::from(1)), None);
        assert_eq!(mul_div(U256::from(1), U256::from(1), U256::ZERO), None);
    }

    #[test]
    fn widen_and_narrow_round_trip() {
        let x = U256::MAX - U256::from(5);
        assert_eq!(narrow(widen(x)), Some(x));
        assert_eq!(narrow(widen(U256::MAX) + U512::from(1)), None);
    }

    #[test]
    fn div_small_divides_as_u256_does() {
        let values = [
            U256::ZERO,
            U256::from(1),
            U256::from(u64::MAX),
            U256::from(u128::MAX) + U256::from(12_345),
            U256::MAX,
            U256::MAX - U256::from(1),
            U256::from(10).pow(U256::from(40)) + U256::from(7),
        ];
        let divisors = [
            1,
            2,
            3,
            10,
            1_000_000_007,
            10u64.pow(18),
            u64::MAX - 1,
            u64::MAX,
        ];
        for a in values {
            for d in divisors {
                assert_eq!(div_small(a, d), Some(a / U256::from(d)), "{a} / {d}");
            }
        }
        assert_eq!(div_small(U256::from(5), 0), None);
    }
}
