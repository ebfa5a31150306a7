//! The escrow's hot program ([`common::hot`]): what every purchase and
//! every refund pays for (`deposit`, `claimRefund`), answered here;
//! everything else delegated to the escrow's full program at [`COLD`].
use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use common::hot::{accepts, address, answer, encode_uint, selector, uint};
use stylus_sdk::{prelude::*, ArbResult};

use crate::Escrow;

/// The full program's address, given at build time by `suite build`
/// (`SUITE_COLD`: where the StylusDeployer puts it, the same on every
/// chain).
const COLD: Address = common::hot::parse_address(env!("SUITE_COLD"));

/// `deposit(address,uint256,uint256)`, payable: every purchase.
const DEPOSIT: u32 = selector("deposit(address,uint256,uint256)");
/// `claimRefund(uint256,address)`: every refund.
const CLAIM_REFUND: u32 = selector("claimRefund(uint256,address)");

#[no_mangle]
extern "C" fn user_entrypoint(len: usize) -> usize {
    common::hot::enter(len, COLD, route)
}

/// Answers a hot function, `None` for the others.
fn route(selector: u32, args: &[u8]) -> Option<ArbResult> {
    // SAFETY: the escrow's storage starts at slot 0, as in its full
    // program.
    let mut escrow = unsafe {
        Escrow::new(
            U256::ZERO,
            0,
            stylus_sdk::host::VM(stylus_sdk::host::WasmVM {}),
        )
    };
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
