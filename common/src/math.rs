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
}
