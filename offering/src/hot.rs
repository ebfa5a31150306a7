//! The offering's hot program ([`common::hot`]): the purchases investors
//! pay for (`buy`, `buyWithToken`, `buyExactTokens`), answered here;
//! everything else delegated to the offering's full program at [`COLD`].
use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use common::hot::{accepts, answer, encode_uint, selector, small, uint};
use stylus_sdk::{prelude::*, ArbResult};

use crate::Offering;

/// The full program's address, given at build time by `suite build`
/// (`SUITE_COLD`: where the StylusDeployer puts it, the same on every
/// chain).
const COLD: Address = common::hot::parse_address(env!("SUITE_COLD"));

/// `buy(uint256,uint64)`, payable.
const BUY: u32 = selector("buy(uint256,uint64)");
/// `buyWithToken(uint256,uint256,uint64)`.
const BUY_WITH_TOKEN: u32 = selector("buyWithToken(uint256,uint256,uint64)");
/// `buyExactTokens(uint256,uint256,uint64)`, payable.
const BUY_EXACT_TOKENS: u32 = selector("buyExactTokens(uint256,uint256,uint64)");

#[no_mangle]
extern "C" fn user_entrypoint(len: usize) -> usize {
    common::hot::enter(len, COLD, route)
}

/// Answers a hot function, `None` for the others.
fn route(selector: u32, args: &[u8]) -> Option<ArbResult> {
    // SAFETY: the offering's storage starts at slot 0, as in its full
    // program.
    let mut offering = unsafe {
        Offering::new(
            U256::ZERO,
            0,
            stylus_sdk::host::VM(stylus_sdk::host::WasmVM {}),
        )
    };
    let (words, payable) = match selector {
        BUY => (2, true),
        BUY_WITH_TOKEN => (3, false),
        BUY_EXACT_TOKENS => (3, true),
        _ => return None,
    };
    if !accepts(offering.vm(), args, Some(words), payable) {
        return Some(Err(Vec::new()));
    }
    Some(answer((|| {
        Some(
            match selector {
                BUY => offering.buy(uint(args, 0)?, small(args, 1, 64)?),
                BUY_WITH_TOKEN => {
                    offering.buy_with_token(uint(args, 0)?, uint(args, 1)?, small(args, 2, 64)?)
                }
                _ => offering.buy_exact_tokens(uint(args, 0)?, uint(args, 1)?, small(args, 2, 64)?),
            }
            .map(encode_uint),
        )
    })()))
}
