//! The escrow's hot program ([`common::hot`]): what every purchase and
//! every refund pays for (`deposit`, `claimRefund`), answered here;
//! everything else delegated to the escrow's full program at its full program (`COLD`).
use alloc::vec::Vec;

use common::hot::{accepts, address, answer, encode_uint, selector, uint};
use stylus_sdk::{prelude::*, ArbResult};

use crate::Escrow;

/// `deposit(address,uint256,uint256)`, payable: every purchase.
const DEPOSIT: u32 = selector("deposit(address,uint256,uint256)");
/// `claimRefund(uint256,address)`: every refund.
const CLAIM_REFUND: u32 = selector("claimRefund(uint256,address)");

common::hot_program!(Escrow, route);

/// Answers a hot function, `None` for the others.
fn route(escrow: &mut Escrow, selector: u32, args: &[u8]) -> Option<ArbResult> {
    let (words, payable) = match selector {
        DEPOSIT => (3, true),
        CLAIM_REFUND => (2, false),
        _ => return None,
    };
    if !accepts(escrow.vm(), args, Some(words), payable) {
        return Some(Err(Vec::new()));
    }
    Some(answer((|| {
        Some(match selector {
            DEPOSIT => escrow
                .deposit(address(args, 0)?, uint(args, 1)?, uint(args, 2)?)
                .map(|()| Vec::new()),
            _ => escrow
                .claim_refund(uint(args, 0)?, address(args, 1)?)
                .map(encode_uint),
        })
    })()))
}
