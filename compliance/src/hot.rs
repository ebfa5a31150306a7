//! The compliance's hot program ([`common::hot`]): the token's hooks that
//! every transfer, mint, forced transfer and burn pays for
//! (`checkAndRecord`, `transferred`, `destroyed`), answered here;
//! everything else, the registry's `syncWallet` on a wallet's change
//! included (its re-booking code would add 1.7 KB to every transfer's
//! entry), delegated to the compliance's full program at its full program (`COLD`).
use alloc::vec::Vec;

use common::hot::{accepts, address, answer, encode_bool, selector, small, uint};
use stylus_sdk::{prelude::*, ArbResult};

use crate::Compliance;

/// `checkAndRecord(address,address,uint256,address,address,uint16)`: every
/// holder transfer and mint.
const CHECK_AND_RECORD: u32 =
    selector("checkAndRecord(address,address,uint256,address,address,uint16)");
/// `transferred(address,address,uint256)`: every forced transfer.
const TRANSFERRED: u32 = selector("transferred(address,address,uint256)");
/// `destroyed(address,uint256)`: every burn.
const DESTROYED: u32 = selector("destroyed(address,uint256)");

common::hot_program!(Compliance, route);

/// Answers a hot function, `None` for the others.
fn route(compliance: &mut Compliance, selector: u32, args: &[u8]) -> Option<ArbResult> {
    let words = match selector {
        CHECK_AND_RECORD => 6,
        TRANSFERRED => 3,
        DESTROYED => 2,
        _ => return None,
    };
    if !accepts(compliance.vm(), args, Some(words), false) {
        return Some(Err(Vec::new()));
    }
    let decoded = (|| -> Option<Result<Vec<u8>, crate::Error>> {
        let done = |()| Vec::new();
        Some(match selector {
            CHECK_AND_RECORD => compliance
                .check_and_record(
                    address(args, 0)?,
                    address(args, 1)?,
                    uint(args, 2)?,
                    address(args, 3)?,
                    address(args, 4)?,
                    u16::try_from(small(args, 5, 16)?).ok()?,
                )
                .map(|(passed, wanted)| [encode_bool(passed), encode_bool(wanted)].concat()),
            TRANSFERRED => compliance
                .transferred(address(args, 0)?, address(args, 1)?, uint(args, 2)?)
                .map(done),
            _ => compliance
                .destroyed(address(args, 0)?, uint(args, 1)?)
                .map(done),
        })
    })();
    Some(answer(decoded))
}
