use alloy_primitives::{b256, Address, B256, U256};
use alloy_signer::SignerSync;
use alloy_sol_types::{eip712_domain, Eip712Domain, SolStruct};
use motsu::prelude::*;
use stylus_sdk::abi::Bytes;

use super::*;
use crate::*;

const EVIDENCE: B256 = b256!("00000000000000000000000000000000000000000000000000000000000e71de");
const ID: Address = Address::repeat_byte(0x1d);
/// Another investor identity.
const OTHER_ID: Address = Address::repeat_byte(0x2d);

mod typed {
    alloy_sol_types::sol! {
        struct Claim { address identity; uint256 topic; uint64 expiry; bytes32 dataHash; uint256 nonce; }
    }
}

fn domain(registry: Address, chain_id: u64) -> Eip712Domain {
    eip712_domain! {
        name: "IdentityRegistry",
        version: "1",
        chain_id: chain_id,
        verifying_contract: registry,
    }
}

/// `signer`'s signature of a claim for the registry on Arbitrum One.
fn sign(registry: Address, signer: &Account, topic: U256, expiry: u64, nonce: u64) -> Bytes {
    sign_on(domain(registry, 42_161), signer, topic, expiry, nonce)
}

fn sign_on(domain: Eip712Domain, signer: &Account, topic: U256, expiry: u64, nonce: u64) -> Bytes {
    let claim = typed::Claim {
        identity: ID,
        topic,
        expiry,
        dataHash: EVIDENCE,
        nonce: U256::from(nonce),
    };
    let hash = claim.eip712_signing_hash(&domain);
    let signature = signer.signer().sign_hash_sync(&hash).expect("signs");
    Bytes::from(signature.as_bytes().to_vec())
}

/// Registry with a KYC requirement, `issuer` trusted for KYC, and `wallet`
/// registered for [`ID`].
fn kyc_registry(
    registry: &Contract<IdentityRegistry>,
    owner: Address,
    issuer: Address,
    wallet: Address,
) {
    deploy(registry, owner, owner);
    registry.sender(owner).add_claim_topic(KYC).motsu_unwrap();
    registry
        .sender(owner)
        .add_trusted_issuer(issuer, vec![KYC])
        .motsu_unwrap();
    registry
        .sender(owner)
        .register_identity(wallet, ID, FRANCE)
        .motsu_unwrap();
}

fn submit(
    registry: &Contract<IdentityRegistry>,
    sender: Address,
    issuer: Address,
    topic: U256,
    expiry: u64,
    nonce: u64,
    signature: Bytes,
) -> Result<(), Error> {
    registry
        .sender(sender)
        .add_signed_claim(
            ID,
            topic,
            issuer,
            expiry,
            EVIDENCE,
            U256::from(nonce),
            signature,
        )
        .motsu_res()
}

#[motsu::test]
fn add_claim_by_trusted_issuer_verifies_wallet(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Address,
    wallet: Address,
) {
    kyc_registry(&registry, owner, issuer, wallet);
    assert!(!registry.sender(owner).is_verified(wallet));
    registry
        .sender(issuer)
        .add_claim(ID, KYC, NEXT_YEAR, EVIDENCE)
        .motsu_unwrap();
    registry.assert_emitted(&ClaimAdded {
        identity: ID,
        topic: KYC,
        issuer,
        expiry: NEXT_YEAR,
        dataHash: EVIDENCE,
    });
    let r = registry.sender(owner);
    assert_eq!(r.get_claim(ID, KYC), (issuer, NEXT_YEAR, EVIDENCE, false));
    assert!(r.is_claim_valid(ID, KYC));
    assert_eq!(r.claim_nonce(ID, KYC), U256::from(1));
    assert!(r.is_verified(wallet));
}

#[motsu::test]
fn add_claim_reverts_when_issuer_not_trusted_for_topic(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Address,
    wallet: Address,
    stranger: Address,
) {
    kyc_registry(&registry, owner, issuer, wallet);
    assert_eq!(
        registry
            .sender(stranger)
            .add_claim(ID, KYC, NEXT_YEAR, EVIDENCE)
            .motsu_unwrap_err(),
        Error::IssuerNotTrustedForTopic(IdentityRegistryIssuerNotTrustedForTopic {
            issuer: stranger,
            topic: KYC
        })
    );
    assert_eq!(
        registry
            .sender(issuer)
            .add_claim(ID, ACCREDITED, NEXT_YEAR, EVIDENCE)
            .motsu_unwrap_err(),
        Error::IssuerNotTrustedForTopic(IdentityRegistryIssuerNotTrustedForTopic {
            issuer,
            topic: ACCREDITED
        })
    );
    assert_eq!(
        registry
            .sender(issuer)
            .add_claim(Address::ZERO, KYC, NEXT_YEAR, EVIDENCE)
            .motsu_unwrap_err(),
        Error::InvalidIdentity(IdentityRegistryInvalidIdentity {
            identity: Address::ZERO
        })
    );
    assert_eq!(registry.sender(owner).get_claim(ID, KYC).0, Address::ZERO);
    assert!(!registry.sender(owner).is_verified(wallet));
}

#[motsu::test]
fn add_claim_accepts_expiry_after_now_and_refuses_expiry_at_or_before_now(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Address,
    wallet: Address,
) {
    kyc_registry(&registry, owner, issuer, wallet);
    for expiry in [NOW - 1, NOW] {
        assert_eq!(
            registry
                .sender(issuer)
                .add_claim(ID, KYC, expiry, EVIDENCE)
                .motsu_unwrap_err(),
            Error::ClaimExpired(IdentityRegistryClaimExpired { expiry })
        );
    }
    registry
        .sender(issuer)
        .add_claim(ID, KYC, NOW + 1, EVIDENCE)
        .motsu_unwrap();
    assert!(registry.sender(owner).is_verified(wallet));
}

#[motsu::test]
fn revoke_claim_unverifies_and_only_issuer_may(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Address,
    wallet: Address,
) {
    kyc_registry(&registry, owner, issuer, wallet);
    assert_eq!(
        registry
            .sender(issuer)
            .revoke_claim(ID, KYC)
            .motsu_unwrap_err(),
        Error::ClaimNotFound(IdentityRegistryClaimNotFound {
            identity: ID,
            topic: KYC
        })
    );
    registry
        .sender(issuer)
        .add_claim(ID, KYC, NEXT_YEAR, EVIDENCE)
        .motsu_unwrap();
    assert_eq!(
        registry
            .sender(owner)
            .revoke_claim(ID, KYC)
            .motsu_unwrap_err(),
        Error::NotClaimIssuer(IdentityRegistryNotClaimIssuer { account: owner })
    );
    assert!(registry.sender(owner).is_verified(wallet));

    registry.sender(issuer).revoke_claim(ID, KYC).motsu_unwrap();
    registry.assert_emitted(&ClaimRevoked {
        identity: ID,
        topic: KYC,
        issuer,
    });
    let r = registry.sender(owner);
    assert_eq!(r.get_claim(ID, KYC), (issuer, NEXT_YEAR, EVIDENCE, true));
    assert!(!r.is_claim_valid(ID, KYC));
    assert!(!r.is_verified(wallet));
    assert_eq!(r.claim_nonce(ID, KYC), U256::from(2));
    assert_eq!(
        registry
            .sender(issuer)
            .revoke_claim(ID, KYC)
            .motsu_unwrap_err(),
        Error::ClaimAlreadyRevoked(IdentityRegistryClaimAlreadyRevoked {
            identity: ID,
            topic: KYC
        })
    );
}

#[motsu::test]
fn is_verified_follows_topics_issuers_and_registration(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Address,
    wallet: Address,
    second: Address,
) {
    deploy(&registry, owner, owner);
    // Unregistered: never verified.
    assert!(!registry.sender(owner).is_verified(wallet));
    // Registered with no required topic: verified, as in T-REX.
    registry
        .sender(owner)
        .register_identity(wallet, ID, FRANCE)
        .motsu_unwrap();
    assert!(registry.sender(owner).is_verified(wallet));
    // A required topic without a claim: not verified.
    registry.sender(owner).add_claim_topic(KYC).motsu_unwrap();
    assert!(!registry.sender(owner).is_verified(wallet));
    registry
        .sender(owner)
        .add_trusted_issuer(issuer, vec![KYC, ACCREDITED])
        .motsu_unwrap();
    registry
        .sender(issuer)
        .add_claim(ID, KYC, NEXT_YEAR, EVIDENCE)
        .motsu_unwrap();
    assert!(registry.sender(owner).is_verified(wallet));
    // The identity's other wallets share its claims.
    registry
        .sender(owner)
        .register_identity(second, ID, FRANCE)
        .motsu_unwrap();
    assert!(registry.sender(owner).is_verified(second));
    // A second required topic: not verified until claimed.
    registry
        .sender(owner)
        .add_claim_topic(ACCREDITED)
        .motsu_unwrap();
    assert!(!registry.sender(owner).is_verified(wallet));
    registry
        .sender(issuer)
        .add_claim(ID, ACCREDITED, NEXT_YEAR, EVIDENCE)
        .motsu_unwrap();
    assert!(registry.sender(owner).is_verified(wallet));
    // The issuer loses trust for a topic: not verified.
    registry
        .sender(owner)
        .update_issuer_claim_topics(issuer, vec![KYC])
        .motsu_unwrap();
    assert!(!registry.sender(owner).is_verified(wallet));
    registry
        .sender(owner)
        .remove_claim_topic(ACCREDITED)
        .motsu_unwrap();
    assert!(registry.sender(owner).is_verified(wallet));
    // The issuer is removed: not verified.
    registry
        .sender(owner)
        .remove_trusted_issuer(issuer)
        .motsu_unwrap();
    assert!(!registry.sender(owner).is_verified(wallet));
    // Trusted again: its claims count again.
    registry
        .sender(owner)
        .add_trusted_issuer(issuer, vec![KYC])
        .motsu_unwrap();
    assert!(registry.sender(owner).is_verified(wallet));
    // Deleted wallet: not verified, the other wallet still is.
    registry
        .sender(owner)
        .delete_identity(wallet)
        .motsu_unwrap();
    assert!(!registry.sender(owner).is_verified(wallet));
    assert!(registry.sender(owner).is_verified(second));
}

#[test]
fn claim_stops_counting_when_it_expires() {
    use stylus_sdk::testing::*;
    let vm = TestVM::new();
    let (owner, issuer, wallet) = (
        Address::repeat_byte(1),
        Address::repeat_byte(2),
        Address::repeat_byte(3),
    );
    let mut registry = IdentityRegistry::from(&vm);
    vm.set_block_timestamp(NOW);
    vm.set_sender(owner);
    registry.constructor(owner).unwrap();
    registry.roles.add_agent(owner).unwrap();
    registry.add_claim_topic(KYC).unwrap();
    registry.add_trusted_issuer(issuer, vec![KYC]).unwrap();
    registry.register_identity(wallet, ID, FRANCE).unwrap();
    vm.set_sender(issuer);
    registry.add_claim(ID, KYC, NOW + 100, EVIDENCE).unwrap();

    vm.set_block_timestamp(NOW + 99);
    assert!(registry.is_verified(wallet));
    assert!(registry.is_claim_valid(ID, KYC));
    vm.set_block_timestamp(NOW + 100);
    assert!(!registry.is_verified(wallet));
    assert!(!registry.is_claim_valid(ID, KYC));
}

#[motsu::test]
fn signed_claim_submitted_by_anyone_verifies_wallet(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Account,
    wallet: Address,
    relayer: Address,
) {
    kyc_registry(&registry, owner, issuer.address(), wallet);
    let signature = sign(registry.address(), &issuer, KYC, NEXT_YEAR, 0);
    submit(
        &registry,
        relayer,
        issuer.address(),
        KYC,
        NEXT_YEAR,
        0,
        signature,
    )
    .unwrap();
    registry.assert_emitted(&ClaimAdded {
        identity: ID,
        topic: KYC,
        issuer: issuer.address(),
        expiry: NEXT_YEAR,
        dataHash: EVIDENCE,
    });
    assert!(registry.sender(owner).is_verified(wallet));
    assert_eq!(registry.sender(owner).claim_nonce(ID, KYC), U256::from(1));
}

#[motsu::test]
fn signed_claim_reverts_when_signed_by_someone_else(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Account,
    impostor: Account,
    wallet: Address,
) {
    kyc_registry(&registry, owner, issuer.address(), wallet);
    let signature = sign(registry.address(), &impostor, KYC, NEXT_YEAR, 0);
    assert_eq!(
        submit(
            &registry,
            owner,
            issuer.address(),
            KYC,
            NEXT_YEAR,
            0,
            signature
        ),
        Err(Error::InvalidSigner(IdentityRegistryInvalidSigner {
            recovered: impostor.address(),
            issuer: issuer.address()
        }))
    );
    assert!(!registry.sender(owner).is_verified(wallet));
    assert_eq!(registry.sender(owner).claim_nonce(ID, KYC), U256::ZERO);
}

#[motsu::test]
fn signed_claim_reverts_when_issuer_untrusted_or_not_for_topic(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Account,
    untrusted: Account,
    wallet: Address,
) {
    kyc_registry(&registry, owner, issuer.address(), wallet);
    let signature = sign(registry.address(), &untrusted, KYC, NEXT_YEAR, 0);
    assert_eq!(
        submit(
            &registry,
            owner,
            untrusted.address(),
            KYC,
            NEXT_YEAR,
            0,
            signature
        ),
        Err(Error::IssuerNotTrustedForTopic(
            IdentityRegistryIssuerNotTrustedForTopic {
                issuer: untrusted.address(),
                topic: KYC
            }
        ))
    );
    let signature = sign(registry.address(), &issuer, ACCREDITED, NEXT_YEAR, 0);
    assert_eq!(
        submit(
            &registry,
            owner,
            issuer.address(),
            ACCREDITED,
            NEXT_YEAR,
            0,
            signature
        ),
        Err(Error::IssuerNotTrustedForTopic(
            IdentityRegistryIssuerNotTrustedForTopic {
                issuer: issuer.address(),
                topic: ACCREDITED
            }
        ))
    );
}

#[motsu::test]
fn signed_claim_cannot_be_replayed_or_undo_a_revocation(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Account,
    wallet: Address,
) {
    kyc_registry(&registry, owner, issuer.address(), wallet);
    let signature = sign(registry.address(), &issuer, KYC, NEXT_YEAR, 0);
    submit(
        &registry,
        owner,
        issuer.address(),
        KYC,
        NEXT_YEAR,
        0,
        signature.clone(),
    )
    .unwrap();
    let replay = Err(Error::InvalidClaimNonce(
        IdentityRegistryInvalidClaimNonce {
            current: U256::from(1),
            provided: U256::ZERO,
        },
    ));
    assert_eq!(
        submit(
            &registry,
            owner,
            issuer.address(),
            KYC,
            NEXT_YEAR,
            0,
            signature.clone()
        ),
        replay
    );

    registry
        .sender(issuer.address())
        .revoke_claim(ID, KYC)
        .motsu_unwrap();
    assert_eq!(
        submit(
            &registry,
            owner,
            issuer.address(),
            KYC,
            NEXT_YEAR,
            0,
            signature
        ),
        Err(Error::InvalidClaimNonce(
            IdentityRegistryInvalidClaimNonce {
                current: U256::from(2),
                provided: U256::ZERO,
            }
        ))
    );
    assert!(!registry.sender(owner).is_verified(wallet));
    // A fresh signature over the current nonce restores the claim.
    let fresh = sign(registry.address(), &issuer, KYC, NEXT_YEAR, 2);
    submit(&registry, owner, issuer.address(), KYC, NEXT_YEAR, 2, fresh).unwrap();
    assert!(registry.sender(owner).is_verified(wallet));
}

#[motsu::test]
fn signed_claim_reverts_when_expired(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Account,
    wallet: Address,
) {
    kyc_registry(&registry, owner, issuer.address(), wallet);
    let signature = sign(registry.address(), &issuer, KYC, NOW, 0);
    assert_eq!(
        submit(&registry, owner, issuer.address(), KYC, NOW, 0, signature),
        Err(Error::ClaimExpired(IdentityRegistryClaimExpired {
            expiry: NOW
        }))
    );
    let signature = sign(registry.address(), &issuer, KYC, NOW + 1, 0);
    submit(
        &registry,
        owner,
        issuer.address(),
        KYC,
        NOW + 1,
        0,
        signature,
    )
    .unwrap();
    assert!(registry.sender(owner).is_verified(wallet));
}

#[motsu::test]
fn signed_claim_reverts_when_signature_malformed(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Account,
    wallet: Address,
) {
    kyc_registry(&registry, owner, issuer.address(), wallet);
    let good = sign(registry.address(), &issuer, KYC, NEXT_YEAR, 0).to_vec();
    let invalid = Err(Error::InvalidSignature(IdentityRegistryInvalidSignature {}));
    let mut cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        good[..64].to_vec(),
        [good.clone(), vec![0]].concat(),
    ];
    // v must be 27 or 28.
    let mut bad_v = good.clone();
    bad_v[64] = 1;
    cases.push(bad_v);
    // The malleable twin (s' = n - s, v flipped) recovers the same signer,
    // but its high s is refused.
    let n = U256::from_be_bytes(
        b256!("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141").0,
    );
    let s = U256::from_be_slice(&good[32..64]);
    let mut twin = good.clone();
    twin[32..64].copy_from_slice(&(n - s).to_be_bytes::<32>());
    twin[64] = if good[64] == 27 { 28 } else { 27 };
    cases.push(twin);
    // r = 0 recovers nobody.
    let mut zero_r = good.clone();
    zero_r[..32].fill(0);
    cases.push(zero_r);
    for case in cases {
        assert_eq!(
            submit(
                &registry,
                owner,
                issuer.address(),
                KYC,
                NEXT_YEAR,
                0,
                Bytes::from(case)
            ),
            invalid
        );
    }
    assert!(!registry.sender(owner).is_verified(wallet));
    // The untouched signature still works.
    submit(
        &registry,
        owner,
        issuer.address(),
        KYC,
        NEXT_YEAR,
        0,
        Bytes::from(good),
    )
    .unwrap();
}

#[motsu::test]
fn signed_claim_is_bound_to_its_content_chain_and_registry(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Account,
    wallet: Address,
    elsewhere: Address,
) {
    kyc_registry(&registry, owner, issuer.address(), wallet);
    let wrong_signer = |result: Result<(), Error>| matches!(result, Err(Error::InvalidSigner(IdentityRegistryInvalidSigner { issuer: i, .. })) if i == issuer.address());
    // Signed for one expiry, submitted with another.
    let signature = sign(registry.address(), &issuer, KYC, NEXT_YEAR, 0);
    assert!(wrong_signer(submit(
        &registry,
        owner,
        issuer.address(),
        KYC,
        NEXT_YEAR + 1,
        0,
        signature
    )));
    // Signed for another chain.
    let signature = sign_on(domain(registry.address(), 1), &issuer, KYC, NEXT_YEAR, 0);
    assert!(wrong_signer(submit(
        &registry,
        owner,
        issuer.address(),
        KYC,
        NEXT_YEAR,
        0,
        signature
    )));
    // Signed for another registry.
    let signature = sign(elsewhere, &issuer, KYC, NEXT_YEAR, 0);
    assert!(wrong_signer(submit(
        &registry,
        owner,
        issuer.address(),
        KYC,
        NEXT_YEAR,
        0,
        signature
    )));
    assert!(!registry.sender(owner).is_verified(wallet));
}

#[motsu::test]
fn domain_separator_matches_eip712(registry: Contract<IdentityRegistry>, owner: Address) {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    assert_eq!(
        registry.sender(owner).domain_separator(),
        domain(registry.address(), 42_161).hash_struct()
    );
}

#[motsu::test]
fn another_issuer_can_neither_replace_nor_revoke_a_live_claim(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Address,
    rival: Account,
    wallet: Address,
) {
    kyc_registry(&registry, owner, issuer, wallet);
    registry
        .sender(owner)
        .add_trusted_issuer(rival.address(), vec![KYC])
        .motsu_unwrap();
    registry
        .sender(issuer)
        .add_claim(ID, KYC, NEXT_YEAR, EVIDENCE)
        .motsu_unwrap();
    let held = Error::ClaimHeldByOtherIssuer(IdentityRegistryClaimHeldByOtherIssuer {
        identity: ID,
        topic: KYC,
        issuer,
    });

    // Neither directly nor by a signed claim, nor by revoking it.
    assert_eq!(
        registry
            .sender(rival.address())
            .add_claim(ID, KYC, NEXT_YEAR + 1, B256::ZERO)
            .motsu_unwrap_err(),
        held
    );
    let signature = sign(registry.address(), &rival, KYC, NEXT_YEAR, 1);
    assert_eq!(
        submit(
            &registry,
            owner,
            rival.address(),
            KYC,
            NEXT_YEAR,
            1,
            signature
        ),
        Err(held)
    );
    assert_eq!(
        registry
            .sender(rival.address())
            .revoke_claim(ID, KYC)
            .motsu_unwrap_err(),
        Error::NotClaimIssuer(IdentityRegistryNotClaimIssuer {
            account: rival.address()
        })
    );
    let r = registry.sender(owner);
    assert_eq!(r.get_claim(ID, KYC), (issuer, NEXT_YEAR, EVIDENCE, false));
    assert!(r.is_verified(wallet));

    // The issuer renews its own claim.
    registry
        .sender(issuer)
        .add_claim(ID, KYC, NEXT_YEAR + 1, EVIDENCE)
        .motsu_unwrap();
    assert_eq!(
        registry.sender(owner).get_claim(ID, KYC).0,
        issuer,
        "renewed by its issuer"
    );

    // Once it no longer counts (revoked by its issuer), another issuer's
    // claim takes its place.
    registry.sender(issuer).revoke_claim(ID, KYC).motsu_unwrap();
    registry
        .sender(rival.address())
        .add_claim(ID, KYC, NEXT_YEAR, B256::ZERO)
        .motsu_unwrap();
    let r = registry.sender(owner);
    assert_eq!(
        r.get_claim(ID, KYC),
        (rival.address(), NEXT_YEAR, B256::ZERO, false)
    );
    assert!(r.is_verified(wallet));
}

#[motsu::test]
fn a_claim_from_an_issuer_no_longer_trusted_can_be_replaced(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Address,
    rival: Address,
    wallet: Address,
) {
    kyc_registry(&registry, owner, issuer, wallet);
    registry
        .sender(owner)
        .add_trusted_issuer(rival, vec![KYC])
        .motsu_unwrap();
    registry
        .sender(issuer)
        .add_claim(ID, KYC, NEXT_YEAR, EVIDENCE)
        .motsu_unwrap();
    registry
        .sender(owner)
        .remove_trusted_issuer(issuer)
        .motsu_unwrap();
    registry
        .sender(rival)
        .add_claim(ID, KYC, NEXT_YEAR, B256::ZERO)
        .motsu_unwrap();
    assert_eq!(registry.sender(owner).get_claim(ID, KYC).0, rival);
    assert!(registry.sender(owner).is_verified(wallet));
}

#[motsu::test]
fn verified_identity_answers_identity_and_country_only_when_verified(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Address,
    wallet: Address,
) {
    deploy(&registry, owner, owner);
    assert_eq!(
        registry.sender(owner).verified_identity(wallet),
        (Address::ZERO, 0)
    );
    registry
        .sender(owner)
        .register_identity(wallet, ID, FRANCE)
        .motsu_unwrap();
    assert_eq!(
        registry.sender(owner).verified_identity(wallet),
        (ID, FRANCE)
    );
    // Registered but missing a required claim: zeros, as for a stranger.
    registry.sender(owner).add_claim_topic(KYC).motsu_unwrap();
    assert_eq!(
        registry.sender(owner).verified_identity(wallet),
        (Address::ZERO, 0)
    );
    registry
        .sender(owner)
        .add_trusted_issuer(issuer, vec![KYC])
        .motsu_unwrap();
    registry
        .sender(issuer)
        .add_claim(ID, KYC, NEXT_YEAR, EVIDENCE)
        .motsu_unwrap();
    assert_eq!(
        registry.sender(owner).verified_identity(wallet),
        (ID, FRANCE)
    );
}

#[motsu::test]
fn transfer_identities_answers_the_senders_identity_and_the_verified_recipient(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    sender: Address,
    wallet: Address,
) {
    deploy(&registry, owner, owner);
    let r = || registry.sender(owner);
    // An unregistered sender counts for itself; a mint has none.
    assert_eq!(
        r().transfer_identities(sender, wallet),
        (sender, Address::ZERO, 0)
    );
    assert_eq!(
        r().transfer_identities(Address::ZERO, wallet),
        (Address::ZERO, Address::ZERO, 0)
    );
    r().register_identity(wallet, ID, FRANCE).motsu_unwrap();
    r().register_identity(sender, OTHER_ID, FRANCE)
        .motsu_unwrap();
    assert_eq!(
        r().transfer_identities(sender, wallet),
        (OTHER_ID, ID, FRANCE)
    );
    // The recipient unverified: zeros for it, the sender's identity still
    // (a sender need not be verified).
    r().add_claim_topic(KYC).motsu_unwrap();
    assert_eq!(
        r().transfer_identities(sender, wallet),
        (OTHER_ID, Address::ZERO, 0)
    );
}

#[motsu::test]
fn a_claim_whose_nonce_is_exhausted_can_be_revoked_not_added(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Address,
) {
    deploy(&registry, owner, owner);
    registry
        .sender(owner)
        .add_trusted_issuer(issuer, vec![KYC])
        .motsu_unwrap();
    registry
        .sender(issuer)
        .add_claim(ID, KYC, NEXT_YEAR, EVIDENCE)
        .motsu_unwrap();
    assert_eq!(registry.sender(owner).claim_nonce(ID, KYC), U256::from(1));
    // As if the claim had changed 2^24 - 2 more times.
    let last = U256::from(MAX_CLAIM_NONCE);
    {
        let mut r = registry.sender(owner);
        let mut claims = r.claims.setter(Key::from(ID));
        claims
            .setter(Key::from(KYC))
            .nonce
            .set(Uint::from(MAX_CLAIM_NONCE - 1));
    }
    registry
        .sender(issuer)
        .add_claim(ID, KYC, NEXT_YEAR, EVIDENCE)
        .motsu_unwrap();
    assert_eq!(registry.sender(owner).claim_nonce(ID, KYC), last);

    let err = registry
        .sender(issuer)
        .add_claim(ID, KYC, NEXT_YEAR + 1, B256::ZERO)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        IdentityRegistryClaimNonceExhausted {
            identity: ID,
            topic: KYC
        }
        .into()
    );
    // Refused whole: the claim is unchanged.
    assert_eq!(
        registry.sender(owner).get_claim(ID, KYC),
        (issuer, NEXT_YEAR, EVIDENCE, false)
    );
    // Revocation still works; the nonce stays at its maximum, so no add
    // (signed or not) can follow it.
    registry.sender(issuer).revoke_claim(ID, KYC).motsu_unwrap();
    assert_eq!(registry.sender(owner).claim_nonce(ID, KYC), last);
    assert!(!registry.sender(owner).is_claim_valid(ID, KYC));
}

#[motsu::test]
fn is_verified_reads_large_and_small_first_topics_alike(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Address,
    wallet: Address,
) {
    deploy(&registry, owner, owner);
    registry
        .sender(owner)
        .register_identity(wallet, ID, FRANCE)
        .motsu_unwrap();
    // A topic too large to cache (a hash, say) first, then a small one.
    let large = U256::MAX - U256::from(5);
    let largest_cached = TOPIC_CACHED - U256::from(1);
    for topic in [large, KYC] {
        registry.sender(owner).add_claim_topic(topic).motsu_unwrap();
    }
    registry
        .sender(owner)
        .add_trusted_issuer(issuer, vec![large, KYC, largest_cached, TOPIC_CACHED])
        .motsu_unwrap();
    let claim = |topic| {
        registry
            .sender(issuer)
            .add_claim(ID, topic, NEXT_YEAR, EVIDENCE)
            .motsu_unwrap();
    };
    claim(KYC);
    assert!(!registry.sender(owner).is_verified(wallet));
    claim(large);
    assert!(registry.sender(owner).is_verified(wallet));

    // The small topic first now (the large one moved out of its place).
    registry
        .sender(owner)
        .remove_claim_topic(large)
        .motsu_unwrap();
    assert!(registry.sender(owner).is_verified(wallet));
    registry.sender(issuer).revoke_claim(ID, KYC).motsu_unwrap();
    assert!(!registry.sender(owner).is_verified(wallet));

    // At the edge of the cache, on both sides.
    registry
        .sender(owner)
        .remove_claim_topic(KYC)
        .motsu_unwrap();
    for topic in [largest_cached, TOPIC_CACHED] {
        registry.sender(owner).add_claim_topic(topic).motsu_unwrap();
        assert!(!registry.sender(owner).is_verified(wallet));
        claim(topic);
        assert!(registry.sender(owner).is_verified(wallet));
    }
    assert_eq!(
        registry.sender(owner).get_claim_topics(),
        vec![largest_cached, TOPIC_CACHED]
    );
    // 2^247 first: read from the list, not the cache.
    registry
        .sender(owner)
        .remove_claim_topic(largest_cached)
        .motsu_unwrap();
    assert!(registry.sender(owner).is_verified(wallet));
    registry
        .sender(issuer)
        .revoke_claim(ID, TOPIC_CACHED)
        .motsu_unwrap();
    assert!(!registry.sender(owner).is_verified(wallet));
    // No topic required: every registered wallet is verified.
    registry
        .sender(owner)
        .remove_claim_topic(TOPIC_CACHED)
        .motsu_unwrap();
    assert!(registry.sender(owner).is_verified(wallet));
}

/// Registers `wallet` for [`ID`], requires [`KYC`], trusts `issuer` for it
/// and has it add a claim.
fn kyc(registry: &Contract<IdentityRegistry>, owner: Address, issuer: Address, wallet: Address) {
    let r = || registry.sender(owner);
    r().register_identity(wallet, ID, FRANCE).motsu_unwrap();
    r().add_claim_topic(KYC).motsu_unwrap();
    r().add_trusted_issuer(issuer, vec![KYC]).motsu_unwrap();
    registry
        .sender(issuer)
        .add_claim(ID, KYC, NEXT_YEAR, EVIDENCE)
        .motsu_unwrap();
}

#[motsu::test]
fn every_loss_of_trust_is_heeded_whatever_the_trust_epoch(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Address,
    other: Address,
    wallet: Address,
) {
    deploy(&registry, owner, owner);
    kyc(&registry, owner, issuer, wallet);
    let r = || registry.sender(owner);
    assert!(r().is_verified(wallet));
    // Another issuer loses trust: the claim is checked against its issuer's
    // trust, which holds.
    r().add_trusted_issuer(other, vec![KYC]).motsu_unwrap();
    r().remove_trusted_issuer(other).motsu_unwrap();
    assert!(r().is_verified(wallet));
    assert!(r().is_claim_valid(ID, KYC));
    // The issuer loses the topic, then trust: the claim stops counting.
    r().update_issuer_claim_topics(issuer, vec![ACCREDITED])
        .motsu_unwrap();
    assert!(!r().is_verified(wallet));
    r().update_issuer_claim_topics(issuer, vec![KYC])
        .motsu_unwrap();
    assert!(r().is_verified(wallet));
    r().remove_trusted_issuer(issuer).motsu_unwrap();
    assert!(!r().is_verified(wallet));
    assert!(!r().is_claim_valid(ID, KYC));
    // Trusted again, then a claim written now counts as well.
    r().add_trusted_issuer(issuer, vec![KYC]).motsu_unwrap();
    assert!(r().is_verified(wallet));
    registry
        .sender(issuer)
        .add_claim(ID, KYC, NEXT_YEAR, EVIDENCE)
        .motsu_unwrap();
    assert!(r().is_verified(wallet));
}

#[motsu::test]
fn at_the_last_trust_epoch_a_lost_trust_is_still_heeded(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Address,
    wallet: Address,
) {
    deploy(&registry, owner, owner);
    // The epoch one short of its last value, as after 2^24 - 2 losses.
    let last = U256::from(MAX_TRUST_EPOCH);
    registry
        .sender(owner)
        .topics_head
        .set((last - U256::from(1)) << 223);
    kyc(&registry, owner, issuer, wallet);
    let r = || registry.sender(owner);
    // Two more losses: the epoch reaches its last value and stays.
    for _ in 0..2 {
        r().add_trusted_issuer(owner, vec![KYC]).motsu_unwrap();
        r().remove_trusted_issuer(owner).motsu_unwrap();
    }
    assert_eq!(r().topics_head.get() >> 223 & last, last);
    assert!(r().is_verified(wallet));
    // A claim written at the last epoch, then its issuer's trust lost
    // (the epoch unchanged): it no longer counts.
    registry
        .sender(issuer)
        .add_claim(ID, KYC, NEXT_YEAR, EVIDENCE)
        .motsu_unwrap();
    assert!(r().is_verified(wallet));
    r().remove_trusted_issuer(issuer).motsu_unwrap();
    assert!(!r().is_verified(wallet));
    assert!(!r().is_claim_valid(ID, KYC));
    // The required topics still read right beside the epoch.
    assert_eq!(r().get_claim_topics(), vec![KYC]);
}

#[motsu::test]
fn an_expiry_beyond_the_year_36812_is_kept_as_its_last_second(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Address,
    wallet: Address,
) {
    deploy(&registry, owner, owner);
    kyc(&registry, owner, issuer, wallet);
    registry
        .sender(issuer)
        .add_claim(ID, KYC, u64::MAX, EVIDENCE)
        .motsu_unwrap();
    assert_eq!(registry.sender(owner).get_claim(ID, KYC).1, MAX_EXPIRY);
    assert!(registry.sender(owner).is_verified(wallet));
}
