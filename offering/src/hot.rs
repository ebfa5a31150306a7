//! The offering's hot program ([`common::hot`]): the purchases investors
//! pay for (`buy`, `buyWithToken`, `buyExactTokens`), answered here;
//! everything else delegated to the offering's full program at its full program (`COLD`).
use alloc::vec::Vec;

use common::hot::{accepts, answer, encode_uint, selector, small, uint};
use stylus_sdk::{prelude::*, ArbResult};

use crate::Offering;

/// `buy(uint256,uint64)`, payable.
const BUY: u32 = selector("buy(uint256,uint64)");
/// `buyWithToken(uint256,uint256,uint64)`.
const BUY_WITH_TOKEN: u32 = selector("buyWithToken(uint256,uint256,uint64)");
/// `buyExactTokens(uint256,uint256,uint64)`, payable.
const BUY_EXACT_TOKENS: u32 = selector("buyExactTokens(uint256,uint256,uint64)");

common::hot_program!(Offering, route);

/// Answers a hot function, `None` for the others.
fn route(offering: &mut Offering, selector: u32, args: &[u8]) -> Option<ArbResult> {
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
