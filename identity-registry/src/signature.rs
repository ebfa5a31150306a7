//! Claims signed off-chain by a trusted issuer (EIP-712 typed data).
//!
//! A KYC backend signs, with the issuer's key,
//!
//! ```solidity
//! Claim(address identity,uint256 topic,uint64 expiry,bytes32 dataHash,uint256 nonce)
//! ```
//!
//! in the domain `{ name: "IdentityRegistry", version: "1", chainId,
//! verifyingContract: <this registry> }`; anyone then submits the claim with
//! `addSignedClaim`. `nonce` is the claim's current nonce
//! (`claimNonce(identity, topic)`), which every change of that claim
//! increments: a signature is therefore usable once, and an older signature
//! can never overwrite a newer claim or undo a revocation. Signatures from
//! other chains or other registries do not verify.
use alloc::vec::Vec;

use alloy_primitives::{address, b256, Address, B256, U256};
use common::{
    call::static_call,
    host::{chain_id, keccak},
    log::{address_word, uint_word},
};
use stylus_sdk::{keccak_const::Keccak256, stylus_core::Host};

use crate::errors::{Error, IdentityRegistryInvalidSignature};

/// `keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")`.
const DOMAIN_TYPEHASH: [u8; 32] = Keccak256::new()
    .update(b"EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")
    .finalize();
/// `keccak256("IdentityRegistry")`: the domain's name.
const NAME_HASH: [u8; 32] = Keccak256::new().update(b"IdentityRegistry").finalize();
/// `keccak256("1")`: the domain's version.
const VERSION_HASH: [u8; 32] = Keccak256::new().update(b"1").finalize();
/// `keccak256` of the `Claim` struct type.
const CLAIM_TYPEHASH: [u8; 32] = Keccak256::new()
    .update(b"Claim(address identity,uint256 topic,uint64 expiry,bytes32 dataHash,uint256 nonce)")
    .finalize();

/// The `ecrecover` precompile.
const ECRECOVER: Address = address!("0000000000000000000000000000000000000001");
/// Half the secp256k1 group order: a canonical signature's `s` is at most
/// this (EIP-2), which makes signatures non-malleable.
const HALF_ORDER: B256 = b256!("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");

/// The EIP-712 domain separator of the registry at `registry` on this chain.
pub(crate) fn domain_separator(vm: &dyn Host, registry: Address) -> B256 {
    keccak_words(
        vm,
        &[
            B256::new(DOMAIN_TYPEHASH),
            B256::new(NAME_HASH),
            B256::new(VERSION_HASH),
            uint_word(U256::from(chain_id(vm))),
            address_word(registry),
        ],
    )
}

/// The EIP-712 digest the issuer signs for a claim.
pub(crate) fn claim_digest(
    vm: &dyn Host,
    registry: Address,
    identity: Address,
    topic: U256,
    expiry: u64,
    data_hash: B256,
    nonce: U256,
) -> B256 {
    let struct_hash = keccak_words(
        vm,
        &[
            B256::new(CLAIM_TYPEHASH),
            address_word(identity),
            uint_word(topic),
            uint_word(U256::from(expiry)),
            data_hash,
            uint_word(nonce),
        ],
    );
    let mut message = Vec::with_capacity(66);
    message.extend_from_slice(b"\x19\x01");
    message.extend_from_slice(domain_separator(vm, registry).as_slice());
    message.extend_from_slice(struct_hash.as_slice());
    keccak(vm, &message)
}

/// Recovers the signer of `digest` from a 65-byte `r || s || v` signature.
///
/// # Errors
///
/// * [`Error::InvalidSignature`] - The signature is not 65 bytes long, `v`
///   is not 27 or 28, `s` is in the upper half of the curve order, or the
///   precompile recovers no address.
pub(crate) fn recover(vm: &dyn Host, digest: B256, signature: &[u8]) -> Result<Address, Error> {
    let invalid = || Error::from(IdentityRegistryInvalidSignature {});
    let [rs @ .., v] = signature else {
        return Err(invalid());
    };
    if rs.len() != 64 || !(*v == 27 || *v == 28) || B256::from_slice(&rs[32..]) > HALF_ORDER {
        return Err(invalid());
    }
    let mut input = Vec::with_capacity(128);
    input.extend_from_slice(digest.as_slice());
    input.extend_from_slice(uint_word(U256::from(*v)).as_slice());
    input.extend_from_slice(rs);
    // The precompile returns nothing for an unrecoverable signature.
    let output = static_call(vm, ECRECOVER, &input).map_err(|_| invalid())?;
    let recovered = common::call::word(&output, 0)
        .map(Address::from_word)
        .unwrap_or_default();
    if recovered.is_zero() {
        return Err(invalid());
    }
    Ok(recovered)
}

/// `keccak256` of the concatenation of `words`.
fn keccak_words(vm: &dyn Host, words: &[B256]) -> B256 {
    keccak(vm, &common::log::words(words))
}
