//! The distribution's hot program ([`common::hot`]): what holders pay for
//! (`claim`, `tender`, `withdraw`) and the agents' `redeem`, answered here;
//! everything else (creations, sweeps, the owner's treasury, every view)
//! delegated to the distribution's full program (`COLD`). `redeem` is hot
//! because it enters the registry and the token for every holder, and
//! each of those entries opens a page more under a delegated call:
//! redeeming one holder cost 11.6k gas more cached (30k uncached) when it
//! was delegated (`suite bench`, "redeem one holder").
use alloc::vec::Vec;

use alloy_primitives::B256;
use common::hot::{accepts, address, answer, encode_uint, last_word_array, selector, uint};
use stylus_sdk::{prelude::*, ArbResult};

use crate::Distribution;

/// `claim(uint256,uint256,uint256,bytes32[])`: every holder's claim.
const CLAIM: u32 = selector("claim(uint256,uint256,uint256,bytes32[])");
/// `tender(uint256,uint256)`: every tender.
const TENDER: u32 = selector("tender(uint256,uint256)");
/// `withdraw(uint256)`: every credited identity's withdrawal.
const WITHDRAW: u32 = selector("withdraw(uint256)");
/// `redeem(uint256,address[])`: an agent's redemption of many holders.
const REDEEM: u32 = selector("redeem(uint256,address[])");

common::hot_program!(Distribution, route);

/// Answers a hot function, `None` for the others.
fn route(distribution: &mut Distribution, selector: u32, args: &[u8]) -> Option<ArbResult> {
    let words = match selector {
        CLAIM | REDEEM => None,
        TENDER => Some(2),
        WITHDRAW => Some(1),
        _ => return None,
    };
    if !accepts(distribution.vm(), args, words, false) {
        return Some(Err(Vec::new()));
    }
    Some(answer((|| {
        Some(match selector {
            CLAIM => {
                // Three static words, then the proof.
                let proof = last_word_array(args, 4)?
                    .chunks_exact(32)
                    .map(B256::from_slice)
                    .collect();
                distribution
                    .claim(uint(args, 0)?, uint(args, 1)?, uint(args, 2)?, proof)
                    .map(|()| Vec::new())
            }
            REDEEM => {
                // The id, then the holders (addresses with clean high
                // bytes).
                let holders = last_word_array(args, 2)?;
                let holders = (0..holders.len() / 32)
                    .map(|index| address(holders, index))
                    .collect::<Option<Vec<_>>>()?;
                distribution
                    .redeem(uint(args, 0)?, holders)
                    .map(encode_uint)
            }
            TENDER => distribution
                .tender(uint(args, 0)?, uint(args, 1)?)
                .map(encode_uint),
            _ => distribution.withdraw(uint(args, 0)?).map(encode_uint),
        })
    })()))
}
