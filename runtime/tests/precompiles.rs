//! The EVM's precompiles answer calls (revm's), `ecrecover` first: the
//! registry's signed claims need it.
use alloy_primitives::{keccak256, Address, B256, U256};
use k256::ecdsa::SigningKey;
use stylus_runtime::world::{Call, World};
use wasmi::Engine;

/// `ecrecover`'s input for `hash` signed by `key`: hash, v, r, s.
fn ecrecover_input(key: &SigningKey, hash: B256) -> Vec<u8> {
    let (signature, recovery) = key.sign_prehash_recoverable(hash.as_slice()).unwrap();
    let mut input = hash.to_vec();
    input.extend(U256::from(27 + recovery.to_byte()).to_be_bytes::<32>());
    input.extend_from_slice(&signature.to_bytes());
    input
}

#[test]
fn ecrecover_returns_the_signer_for_3000_gas() {
    let engine = Engine::default();
    let mut world = World::new(1, 0);
    let key = SigningKey::from_slice(&[7u8; 32]).unwrap();
    let point = key.verifying_key().to_encoded_point(false);
    let signer = Address::from_slice(&keccak256(&point.as_bytes()[1..])[12..]);
    let hash = keccak256("a claim");
    let call = Call::new(
        Address::repeat_byte(1),
        Address::with_last_byte(1),
        ecrecover_input(&key, hash),
    );
    let outcome = world.transact(&engine, &call);
    assert!(outcome.success);
    assert_eq!(outcome.output, signer.into_word().to_vec());
    assert_eq!(outcome.gas_used(), 3_000);

    // A signature of another hash recovers another account.
    let mut other = ecrecover_input(&key, hash);
    other[0] ^= 1;
    let outcome = world.transact(
        &engine,
        &Call::new(Address::repeat_byte(1), Address::with_last_byte(1), other),
    );
    assert!(outcome.success);
    assert_ne!(outcome.output, signer.into_word().to_vec());
}

#[test]
fn a_precompile_short_of_gas_fails_and_takes_the_gas_given() {
    let engine = Engine::default();
    let mut world = World::new(1, 0);
    let key = SigningKey::from_slice(&[7u8; 32]).unwrap();
    let mut call = Call::new(
        Address::repeat_byte(1),
        Address::with_last_byte(1),
        ecrecover_input(&key, B256::ZERO),
    );
    call.gas = 2_999;
    let outcome = world.transact(&engine, &call);
    assert!(!outcome.success);
    assert_eq!(outcome.gas_used(), 2_999);
}
