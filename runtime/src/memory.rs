//! Stylus's memory model (nitro v3.9.5, `arbos/programs/memory.go`): a
//! transaction's first [`FREE_PAGES`] wasm pages are free; each page beyond
//! costs [`PAGE_GAS`], plus an exponential term over the most pages ever
//! open at once in the transaction, so that 8 MiB costs about 32 million
//! gas.

/// Pages a transaction gets for free.
pub const FREE_PAGES: u16 = 2;
/// Linear gas per page beyond the free ones.
pub const PAGE_GAS: u64 = 1_000;

/// The exponential term by pages ever open (ArbOS's table for its default
/// page ramp), up to the 128-page limit.
const EXPONENTS: [u32; 129] = [
    1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 11, 12, 14, 17, 19, 22, 25, 29, 33, 38,
    43, 50, 57, 65, 75, 85, 98, 112, 128, 147, 168, 193, 221, 253, 289, 331, 379, 434, 497, 569,
    651, 745, 853, 976, 1117, 1279, 1463, 1675, 1917, 2194, 2511, 2874, 3290, 3765, 4309, 4932,
    5645, 6461, 7395, 8464, 9687, 11087, 12689, 14523, 16621, 19024, 21773, 24919, 28521, 32642,
    37359, 42758, 48938, 56010, 64104, 73368, 83971, 96106, 109994, 125890, 144082, 164904, 188735,
    216010, 247226, 282953, 323844, 370643, 424206, 485509, 555672, 635973, 727880, 833067, 953456,
    1091243, 1248941, 1429429, 1636000, 1872423, 2143012, 2452704, 2807151, 3212820, 3677113,
    4208502, 4816684, 5512756, 6309419, 7221210, 8264766, 9459129, 10826093, 12390601, 14181199,
    16230562, 18576084, 21260563, 24332984, 27849408, 31873999,
];

/// The exponential term at `pages` (beyond the table: unaffordable).
fn exp(pages: u16) -> u64 {
    EXPONENTS
        .get(usize::from(pages))
        .map_or(u64::MAX, |&e| u64::from(e))
}

/// The gas of opening `new` pages when `open` are open and at most `ever`
/// have been open in the transaction.
#[must_use]
pub fn gas(new: u16, open: u16, ever: u16) -> u64 {
    let new_open = open.saturating_add(new);
    let new_ever = ever.max(new_open);
    if new_ever <= FREE_PAGES {
        return 0;
    }
    let beyond_free = |pages: u16| pages.saturating_sub(FREE_PAGES);
    let adding = beyond_free(new_open).saturating_sub(beyond_free(open));
    let linear = u64::from(adding) * PAGE_GAS;
    linear.saturating_add(exp(new_ever).saturating_sub(exp(ever)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_pages_are_free_then_linear_plus_the_ramp() {
        assert_eq!(gas(2, 0, 0), 0);
        // 17 pages (a 1 MiB stack): 15 paying pages, ramp 9 - 1.
        assert_eq!(gas(17, 0, 0), 15 * 1_000 + 8);
        // Entered again while the first 17 are open: 17 more pages.
        assert_eq!(gas(17, 17, 17), 17 * 1_000 + (98 - 9));
        // After returning (open back to 0, ever 34): no ramp, the linear
        // part only.
        assert_eq!(gas(17, 0, 34), 15 * 1_000);
        assert_eq!(gas(200, 0, 0), u64::MAX);
    }
}
