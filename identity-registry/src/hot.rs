//! The registry's hot program ([`common::hot`]): what every transfer,
//! mint and purchase asks (`transferIdentities`, `verifiedIdentity`,
//! `isVerified`, `identity`, `investorCountry`, `isClaimValid`) and the
//! onboarding its agents and investors pay for (`registerIdentity`,
//! `addClaim`, `addSignedClaim`), answered here; everything else delegated
//! to the registry's full program at its full program (`COLD`).
use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use common::hot::{
    accepts, address, answer, encode_bool, encode_uint, fixed, last_bytes, selector, small, uint,
};
use stylus_sdk::{prelude::*, ArbResult};

use crate::IdentityRegistry;

/// `transferIdentities(address,address)`: every transfer.
const TRANSFER_IDENTITIES: u32 = selector("transferIdentities(address,address)");
/// `verifiedIdentity(address)`: transfers, mints, purchases.
const VERIFIED_IDENTITY: u32 = selector("verifiedIdentity(address)");
/// `isVerified(address)`.
const IS_VERIFIED: u32 = selector("isVerified(address)");
/// `identity(address)`: the compliance's `canTransfer`, the escrow.
const IDENTITY: u32 = selector("identity(address)");
/// `investorCountry(address)`: the compliance's `canTransfer`.
const INVESTOR_COUNTRY: u32 = selector("investorCountry(address)");
/// `isClaimValid(address,uint256)`: the offering's accreditation check.
const IS_CLAIM_VALID: u32 = selector("isClaimValid(address,uint256)");
/// `registerIdentity(address,address,uint16)`.
const REGISTER_IDENTITY: u32 = selector("registerIdentity(address,address,uint16)");
/// `addClaim(address,uint256,uint64,bytes32)`.
const ADD_CLAIM: u32 = selector("addClaim(address,uint256,uint64,bytes32)");
/// `addSignedClaim(address,uint256,address,uint64,bytes32,uint256,bytes)`.
const ADD_SIGNED_CLAIM: u32 =
    selector("addSignedClaim(address,uint256,address,uint64,bytes32,uint256,bytes)");

common::hot_program!(IdentityRegistry, route);

/// An address as one ABI word.
fn encode_address(account: Address) -> Vec<u8> {
    account.into_word().to_vec()
}

/// Answers a hot function, `None` for the others.
fn route(registry: &mut IdentityRegistry, selector: u32, args: &[u8]) -> Option<ArbResult> {
    let words = match selector {
        VERIFIED_IDENTITY | IS_VERIFIED | IDENTITY | INVESTOR_COUNTRY => Some(1),
        TRANSFER_IDENTITIES | IS_CLAIM_VALID => Some(2),
        REGISTER_IDENTITY => Some(3),
        ADD_CLAIM => Some(4),
        ADD_SIGNED_CLAIM => None,
        _ => return None,
    };
    if !accepts(registry.vm(), args, words, false) {
        return Some(Err(Vec::new()));
    }
    let decoded = (|| -> Option<Result<Vec<u8>, crate::Error>> {
        let done = |()| Vec::new();
        Some(match selector {
            TRANSFER_IDENTITIES => {
                let (from, to, country) =
                    registry.transfer_identities(address(args, 0)?, address(args, 1)?);
                let mut out = encode_address(from);
                out.extend(encode_address(to));
                out.extend(encode_uint(U256::from(country)));
                Ok(out)
            }
            VERIFIED_IDENTITY => {
                let (identity, country) = registry.verified_identity(address(args, 0)?);
                let mut out = encode_address(identity);
                out.extend(encode_uint(U256::from(country)));
                Ok(out)
            }
            IS_VERIFIED => Ok(encode_bool(registry.is_verified(address(args, 0)?))),
            IDENTITY => Ok(encode_address(registry.identity(address(args, 0)?))),
            INVESTOR_COUNTRY => Ok(encode_uint(U256::from(
                registry.investor_country(address(args, 0)?),
            ))),
            IS_CLAIM_VALID => Ok(encode_bool(
                registry.is_claim_valid(address(args, 0)?, uint(args, 1)?),
            )),
            REGISTER_IDENTITY => registry
                .register_identity(
                    address(args, 0)?,
                    address(args, 1)?,
                    u16::try_from(small(args, 2, 16)?).ok()?,
                )
                .map(done),
            ADD_CLAIM => registry
                .add_claim(
                    address(args, 0)?,
                    uint(args, 1)?,
                    small(args, 2, 64)?,
                    fixed(args, 3)?,
                )
                .map(done),
            _ => registry
                .add_signed_claim(
                    address(args, 0)?,
                    uint(args, 1)?,
                    address(args, 2)?,
                    small(args, 3, 64)?,
                    fixed(args, 4)?,
                    uint(args, 5)?,
                    stylus_sdk::abi::Bytes::from(last_bytes(args, 7)?.to_vec()),
                )
                .map(done),
        })
    })();
    Some(answer(decoded))
}
