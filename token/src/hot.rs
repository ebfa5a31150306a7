//! The token's hot program ([`common::hot`]): the paths holders and the
//! offering pay for (transfer, transferFrom, batchTransfer, approve, their
//! views; mint for every purchase, burn for every refund) and the agents'
//! forced transfer, with the views the escrow asks before a refund,
//! answered here; everything else delegated to the
//! token's full program at its full program (`COLD`). A delegated call pays the entry of
//! both programs, and every program it enters then opens a page more
//! (about 1k gas each past the two free pages): the paths kept hot are
//! those paid often or by holders.
use alloc::vec::Vec;

use common::hot::{
    accepts, address, answer, encode_bool, encode_uint, selector, uint, word_arrays,
};
use stylus_sdk::{prelude::*, ArbResult};

use crate::Token;

/// `transfer(address,uint256)`.
const TRANSFER: u32 = selector("transfer(address,uint256)");
/// `transferFrom(address,address,uint256)`.
const TRANSFER_FROM: u32 = selector("transferFrom(address,address,uint256)");
/// `approve(address,uint256)`.
const APPROVE: u32 = selector("approve(address,uint256)");
/// `balanceOf(address)`.
const BALANCE_OF: u32 = selector("balanceOf(address)");
/// `allowance(address,address)`.
const ALLOWANCE: u32 = selector("allowance(address,address)");
/// `totalSupply()`.
const TOTAL_SUPPLY: u32 = selector("totalSupply()");
/// `isFrozen(address)`: the escrow asks before a refund.
const IS_FROZEN: u32 = selector("isFrozen(address)");
/// `getFrozenTokens(address)`: the escrow asks before a refund.
const GET_FROZEN_TOKENS: u32 = selector("getFrozenTokens(address)");
/// `identityRegistry()`: the escrow asks before a refund.
const IDENTITY_REGISTRY: u32 = selector("identityRegistry()");
/// `isAgent(address)`: the escrow asks before an agent's refund.
const IS_AGENT: u32 = selector("isAgent(address)");
/// `batchTransfer(address[],uint256[])`.
const BATCH_TRANSFER: u32 = selector("batchTransfer(address[],uint256[])");
/// `mint(address,uint256)`: every purchase mints.
const MINT: u32 = selector("mint(address,uint256)");
/// `burn(address,uint256)`: every refund burns.
const BURN: u32 = selector("burn(address,uint256)");
/// `forcedTransfer(address,address,uint256)`.
const FORCED_TRANSFER: u32 = selector("forcedTransfer(address,address,uint256)");

common::hot_program!(Token, route);

/// Answers a hot function, `None` for the others.
fn route(token: &mut Token, selector: u32, args: &[u8]) -> Option<ArbResult> {
    let words = match selector {
        TRANSFER | APPROVE | ALLOWANCE | MINT | BURN => Some(2),
        TRANSFER_FROM | FORCED_TRANSFER => Some(3),
        BALANCE_OF | IS_FROZEN | GET_FROZEN_TOKENS | IS_AGENT => Some(1),
        TOTAL_SUPPLY | IDENTITY_REGISTRY => Some(0),
        BATCH_TRANSFER => None,
        _ => return None,
    };
    if !accepts(token.vm(), args, words, false) {
        return Some(Err(Vec::new()));
    }
    let decoded = (|| -> Option<Result<Vec<u8>, crate::Error>> {
        let done = |()| Vec::new();
        Some(match selector {
            TRANSFER => token
                .transfer(address(args, 0)?, uint(args, 1)?)
                .map(encode_bool),
            TRANSFER_FROM => token
                .transfer_from(address(args, 0)?, address(args, 1)?, uint(args, 2)?)
                .map(encode_bool),
            APPROVE => token
                .approve(address(args, 0)?, uint(args, 1)?)
                .map(encode_bool),
            BALANCE_OF => Ok(encode_uint(token.balance_of(address(args, 0)?))),
            ALLOWANCE => Ok(encode_uint(
                token.allowance(address(args, 0)?, address(args, 1)?),
            )),
            TOTAL_SUPPLY => Ok(encode_uint(token.total_supply())),
            IS_FROZEN => Ok(encode_bool(token.is_frozen(address(args, 0)?))),
            GET_FROZEN_TOKENS => Ok(encode_uint(token.get_frozen_tokens(address(args, 0)?))),
            IDENTITY_REGISTRY => Ok(token.identity_registry().into_word().to_vec()),
            IS_AGENT => Ok(encode_bool(token.roles.is_agent(address(args, 0)?))),
            BATCH_TRANSFER => {
                // `batchTransfer` without building its two vectors: the
                // same checks in the same order, all or nothing.
                let [to, amounts] = word_arrays::<2>(args)?;
                let count = to.len() / 32;
                let recipients = (0..count).map(|index| address(to, index));
                if recipients.clone().any(|to| to.is_none()) {
                    return None;
                }
                crate::internal::same_length(count, amounts.len() / 32).and_then(|()| {
                    let from = token._sender();
                    for (index, to) in recipients.flatten().enumerate() {
                        // In range: both arrays hold `count` words.
                        let amount = uint(amounts, index).unwrap_or_default();
                        token._transfer(from, to, amount)?;
                    }
                    Ok(Vec::new())
                })
            }
            MINT => token.mint(address(args, 0)?, uint(args, 1)?).map(done),
            BURN => token.burn(address(args, 0)?, uint(args, 1)?).map(done),
            _ => token
                .forced_transfer(address(args, 0)?, address(args, 1)?, uint(args, 2)?)
                .map(encode_bool),
        })
    })();
    Some(answer(decoded))
}
