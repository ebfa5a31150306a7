//! The linear bonding curve, in integers.
//!
//! Amounts of tokens are in the token's base units; `scale` is one whole
//! token (10^decimals). The price of a whole token after `s` base units are
//! sold is `p(s) = p0 + k * s / scale`, in payment base units, where `p0`
//! is the base price and `k` the slope (payment units per whole token, per
//! whole token sold). Buying `n` base units from `s` costs the integral:
//!
//! ```text
//! cost(s, n) = ceil( (2 * p0 * n * scale + k * n * (2s + n)) / (2 * scale^2) )
//! ```
//!
//! The tokens a payment `P` buys are the largest `n` with
//! `cost(s, n) <= P`, that is with
//! `k * n^2 + (2ks + 2 * p0 * scale) * n <= 2 * P * scale^2`, solved with an
//! integer square root in 512 bits and then checked exactly. Tokens round
//! down and costs round up: the buyer never gets a token it did not pay
//! for.
//!
//! Every function answers `None` instead of overflowing. An offering
//! accepts a curve only if the cost of its whole hard cap is computable
//! ([`Curve::cost`] of `(0, hard_cap)`), which bounds every intermediate
//! value of every later cost: `2 * p0 * n * scale + k * ((s + n)^2 - s^2)`
//! grows with `s + n <= hard_cap`.
use alloy_primitives::U256;
use common::math::{narrow, widen, U512};

/// A linear price curve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Curve {
    /// `p0`: price of a whole token when nothing is sold.
    pub base_price: U256,
    /// `k`: price increase per whole token sold.
    pub slope: U256,
    /// One whole token in base units (10^decimals).
    pub scale: U256,
}

impl Curve {
    /// The curve for a token with `decimals` decimals (at most 18, so that
    /// `scale` fits easily).
    #[must_use]
    pub fn new(base_price: U256, slope: U256, decimals: u8) -> Self {
        Self {
            base_price,
            slope,
            scale: U256::from(10).pow(U256::from(decimals.min(18))),
        }
    }

    /// Twice the cost times `scale^2`, exactly:
    /// `2 * p0 * n * scale + k * n * (2s + n)`.
    fn scaled_cost(&self, sold: U256, n: U256) -> Option<U256> {
        let linear = self
            .base_price
            .checked_mul(n)?
            .checked_mul(self.scale)?
            .checked_mul(U256::from(2))?;
        let span = sold.checked_mul(U256::from(2))?.checked_add(n)?;
        let quadratic = self.slope.checked_mul(n.checked_mul(span)?)?;
        linear.checked_add(quadratic)
    }

    /// `2 * scale^2`: the denominator of every cost.
    fn denominator(&self) -> U256 {
        // scale <= 10^18: 2 * 10^36 fits.
        self.scale * self.scale * U256::from(2)
    }

    /// The cost of `n` base units when `sold` are sold, rounded up.
    #[must_use]
    pub fn cost(&self, sold: U256, n: U256) -> Option<U256> {
        Some(self.scaled_cost(sold, n)?.div_ceil(self.denominator()))
    }

    /// The price of a whole token when `sold` are sold, rounded up.
    #[must_use]
    pub fn price(&self, sold: U256) -> Option<U256> {
        let rise = self.slope.checked_mul(sold)?.div_ceil(self.scale);
        self.base_price.checked_add(rise)
    }

    /// The most base units, at most `max`, that `payment` buys when `sold`
    /// are sold.
    ///
    /// The estimate is exact, so it is only checked, never searched from.
    /// With `d = 2 * scale^2` and `B = payment * d`, `cost(sold, n) <=
    /// payment` holds exactly when `k * n^2 + b * n <= B`, `b = 2 * (k *
    /// sold + p0 * scale)` (a ceiling is at most an integer exactly when
    /// its argument is).
    ///
    /// - Flat (`k = 0`): `n = floor(B / (2 * p0 * scale))` is the largest
    ///   `n` with `2 * p0 * scale * n <= B`.
    /// - Otherwise, with `D = b^2 + 4kB` and `r = isqrt(D)` (the floor):
    ///   the answer `N` satisfies `(2kN + b)^2 = 4k(kN^2 + bN) + b^2 <= D`,
    ///   so the integer `2kN + b` is at most `r` and `N <= floor((r - b) /
    ///   2k) = n`; and `n <= (sqrt(D) - b) / 2k`, the real root, so
    ///   `n <= N`. Hence `n = N`.
    ///
    /// Answers `None` on overflow.
    #[must_use]
    pub fn tokens_for(&self, sold: U256, payment: U256, max: U256) -> Option<U256> {
        if self.cost(sold, max)? <= payment {
            return Some(max);
        }
        // From here the answer is below `max`, where every cost computes.
        let budget = widen(payment).checked_mul(widen(self.denominator()))?;
        let n = if self.slope.is_zero() {
            // cost = ceil(p0 * n / scale); p0 > 0 or every n would be free,
            // which `cost(sold, max) <= payment` has answered.
            let per_unit: U512 = widen(self.base_price).checked_mul(widen(self.scale))? << 1usize;
            narrow(budget / per_unit)?
        } else {
            let k = widen(self.slope);
            let b: U512 = k
                .checked_mul(widen(sold))?
                .checked_add(widen(self.base_price).checked_mul(widen(self.scale))?)?
                << 1usize;
            let discriminant = b
                .checked_mul(b)?
                .checked_add(k.checked_mul(budget)?.checked_mul(U512::from(4))?)?;
            // sqrt(discriminant) >= b.
            narrow((isqrt(discriminant) - b) / (k << 1usize))?
        };
        // `n` is exactly the largest count the payment covers (proof above
        // [`Curve::tokens_for`]), below `max` since `cost(max)` exceeds the
        // payment: never searched from, so no loop can run long on an
        // 18-decimal offering. The tests check the proof on every answer.
        debug_assert!(
            self.cost(sold, n)? <= payment && self.cost(sold, n + U256::from(1))? > payment,
            "tokens_for: the estimate is not exact"
        );
        Some(n)
    }
}

/// The integer square root (floor), by Newton's method from above.
fn isqrt(value: U512) -> U512 {
    if value.is_zero() {
        return value;
    }
    // 2^ceil(bits / 2) >= sqrt(value): a start from above.
    let mut x = U512::from(1) << value.bit_len().div_ceil(2);
    loop {
        let y = (x + value / x) >> 1usize;
        if y >= x {
            return x;
        }
        x = y;
    }
}

#[cfg(test)]
mod tests {
    use common::testing::Rng;

    use super::*;

    fn u(value: u128) -> U256 {
        U256::from(value)
    }

    /// A whole token of 18 decimals.
    const WHOLE: u128 = 1_000_000_000_000_000_000;

    #[test]
    fn costs_on_a_small_curve_match_hand_computation() {
        // p0 = 10, k = 2, 0 decimals: price(s) = 10 + 2s.
        let curve = Curve::new(u(10), u(2), 0);
        // cost(0, 1) = (2*10*1 + 2*1*1) / 2 = 11.
        assert_eq!(curve.cost(u(0), u(1)), Some(u(11)));
        // cost(0, 3) = (2*10*3 + 2*3*3) / 2 = 39.
        assert_eq!(curve.cost(u(0), u(3)), Some(u(39)));
        // cost(3, 2) = (2*10*2 + 2*2*(6+2)) / 2 = 36; cost(0, 5) = 75.
        assert_eq!(curve.cost(u(3), u(2)), Some(u(36)));
        assert_eq!(curve.cost(u(0), u(5)), Some(u(75)));
        assert_eq!(curve.price(u(0)), Some(u(10)));
        assert_eq!(curve.price(u(5)), Some(u(20)));
    }

    #[test]
    fn costs_round_up() {
        // p0 = 1, k = 1, 0 decimals: cost(0, 1) = (2 + 1) / 2 = 1.5 -> 2.
        let curve = Curve::new(u(1), u(1), 0);
        assert_eq!(curve.cost(u(0), u(1)), Some(u(2)));
        // 18 decimals, p0 = 1: half a token costs 0.5 -> 1.
        let curve = Curve::new(u(1), u(0), 18);
        assert_eq!(curve.cost(u(0), u(WHOLE / 2)), Some(u(1)));
        assert_eq!(curve.cost(u(0), u(WHOLE)), Some(u(1)));
    }

    #[test]
    fn tokens_for_payment_match_hand_computation() {
        let curve = Curve::new(u(10), u(2), 0);
        let max = u(1_000);
        assert_eq!(curve.tokens_for(u(0), u(38), max), Some(u(2)));
        assert_eq!(curve.tokens_for(u(0), u(39), max), Some(u(3)));
        assert_eq!(curve.tokens_for(u(3), u(36), max), Some(u(2)));
        assert_eq!(curve.tokens_for(u(0), u(10), max), Some(u(0)));
        // Capped by what is left.
        assert_eq!(curve.tokens_for(u(0), u(1_000_000_000), u(5)), Some(u(5)));
        // A flat curve.
        let flat = Curve::new(u(3), u(0), 0);
        assert_eq!(flat.tokens_for(u(7), u(10), max), Some(u(3)));
    }

    #[test]
    fn overflow_answers_none() {
        let curve = Curve::new(U256::MAX, U256::MAX, 18);
        assert_eq!(curve.cost(u(0), u(2)), None);
        assert_eq!(curve.price(u(2)), None);
        assert_eq!(curve.tokens_for(u(0), u(1), u(2)), None);
    }

    /// A random number below `bound`, as a `u128`.
    fn below(rng: &mut Rng, bound: usize) -> u128 {
        rng.below(bound) as u128
    }

    /// Random curves over the decimals and magnitudes an issuer would use:
    /// a third of them flat, a tenth of the sloped ones starting at price
    /// zero.
    fn curves(rng: &mut Rng) -> impl Iterator<Item = (Curve, U256)> + '_ {
        (0..300).map(|_| {
            let decimals = [0u8, 6, 18][rng.below(3)];
            let scale = 10u128.pow(u32::from(decimals));
            let slope = if rng.below(3) == 0 {
                0
            } else {
                below(rng, 10_000) + 1
            };
            let base = if slope != 0 && rng.below(10) == 0 {
                0
            } else {
                below(rng, 1_000_000) + 1
            };
            let hard_cap = u((below(rng, 10_000_000) + 1) * scale);
            (Curve::new(u(base), u(slope), decimals), hard_cap)
        })
    }

    #[test]
    fn a_flat_eighteen_decimal_curve_answers_exactly() {
        // 3 payment units per whole token: 10 units buy 10/3 tokens.
        let flat = Curve::new(u(3), u(0), 18);
        let max = u(1_000 * WHOLE);
        let n = flat.tokens_for(u(0), u(10), max).unwrap();
        assert_eq!(n, u(3_333_333_333_333_333_333));
        assert_eq!(flat.cost(u(0), n), Some(u(10)));
        assert_eq!(flat.cost(u(0), n + u(1)), Some(u(11)));
        // Whatever is already sold.
        assert_eq!(flat.tokens_for(u(77 * WHOLE), u(10), max), Some(n));
    }

    #[test]
    fn quote_is_the_most_a_payment_buys() {
        let mut rng = Rng(0x5eed_0001);
        for (curve, hard_cap) in curves(&mut Rng(7)).collect::<Vec<_>>() {
            assert!(curve.cost(u(0), hard_cap).is_some());
            let sold = u(u128::from(rng.next_u64())) % hard_cap;
            let left = hard_cap - sold;
            let payment = u(u128::from(rng.next_u64()) * below(&mut rng, 1_000_000));
            let n = curve.tokens_for(sold, payment, left).unwrap();
            assert!(n <= left);
            assert!(curve.cost(sold, n).unwrap() <= payment, "{curve:?}");
            if n < left {
                assert!(curve.cost(sold, n + u(1)).unwrap() > payment, "{curve:?}");
            }
        }
    }

    #[test]
    fn splitting_a_purchase_never_buys_more() {
        let mut rng = Rng(0x5eed_0002);
        for (curve, hard_cap) in curves(&mut Rng(11)).collect::<Vec<_>>() {
            let payment = u(u128::from(rng.next_u64()) % 1_000_000_000_000_000);
            let first = payment * u(below(&mut rng, 100)) / u(100);
            let whole = curve.tokens_for(u(0), payment, hard_cap).unwrap();
            let a = curve.tokens_for(u(0), first, hard_cap).unwrap();
            let spent = curve.cost(u(0), a).unwrap();
            let b = curve.tokens_for(a, payment - spent, hard_cap - a).unwrap();
            assert!(a + b <= whole, "{curve:?} {payment} split at {first}");
        }
    }

    #[test]
    fn cost_is_monotonic_and_additive_up_to_rounding() {
        let mut rng = Rng(0x5eed_0003);
        for (curve, hard_cap) in curves(&mut Rng(13)).collect::<Vec<_>>() {
            let n = u(u128::from(rng.next_u64())) % hard_cap;
            let m = u(u128::from(rng.next_u64())) % (hard_cap - n + u(1));
            let whole = curve.cost(u(0), n + m).unwrap();
            let parts = curve.cost(u(0), n).unwrap() + curve.cost(n, m).unwrap();
            assert!(curve.cost(u(0), n).unwrap() <= whole);
            // Each part rounds up at most one unit.
            assert!(whole <= parts && parts <= whole + u(1), "{curve:?}");
            assert!(curve.price(n).unwrap() <= curve.price(n + m).unwrap());
        }
    }
}
