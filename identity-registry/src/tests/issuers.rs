use alloy_primitives::{Address, U256};
use common::roles::OwnableUnauthorizedAccount;
use motsu::prelude::*;

use super::*;
use crate::*;

#[motsu::test]
fn add_trusted_issuer_trusts_for_topics(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Address,
    other: Address,
) {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    registry
        .sender(owner)
        .add_trusted_issuer(issuer, vec![KYC, ACCREDITED])
        .motsu_unwrap();
    registry.assert_emitted(&TrustedIssuerAdded {
        trustedIssuer: issuer,
        claimTopics: vec![KYC, ACCREDITED],
    });
    registry
        .sender(owner)
        .add_trusted_issuer(other, vec![KYC])
        .motsu_unwrap();
    let r = registry.sender(owner);
    assert!(r.is_trusted_issuer(issuer));
    assert_eq!(r.get_trusted_issuers(), vec![issuer, other]);
    assert_eq!(
        r.get_trusted_issuer_claim_topics(issuer),
        Ok(vec![KYC, ACCREDITED])
    );
    assert!(r.has_claim_topic(issuer, ACCREDITED));
    assert!(!r.has_claim_topic(other, ACCREDITED));
    assert_eq!(
        r.get_trusted_issuers_for_claim_topic(KYC),
        vec![issuer, other]
    );
    assert_eq!(
        r.get_trusted_issuers_for_claim_topic(ACCREDITED),
        vec![issuer]
    );
}

#[motsu::test]
fn add_trusted_issuer_rejects_bad_input(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Address,
) {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    let r = || registry.sender(owner);
    assert_eq!(
        r().add_trusted_issuer(Address::ZERO, vec![KYC])
            .motsu_unwrap_err(),
        Error::InvalidIssuer(IdentityRegistryInvalidIssuer {
            issuer: Address::ZERO
        })
    );
    let count = Error::InvalidIssuerTopicCount(IdentityRegistryInvalidIssuerTopicCount {
        max: U256::from(MAX_ISSUER_TOPICS),
    });
    assert_eq!(
        r().add_trusted_issuer(issuer, vec![]).motsu_unwrap_err(),
        count
    );
    let too_many: Vec<U256> = (0..=MAX_ISSUER_TOPICS as u64).map(U256::from).collect();
    assert_eq!(
        r().add_trusted_issuer(issuer, too_many).motsu_unwrap_err(),
        count
    );
    assert_eq!(
        r().add_trusted_issuer(issuer, vec![KYC, ACCREDITED, KYC])
            .motsu_unwrap_err(),
        Error::DuplicateIssuerTopic(IdentityRegistryDuplicateIssuerTopic { topic: KYC })
    );
    assert!(!r().is_trusted_issuer(issuer));
    let full: Vec<U256> = (0..MAX_ISSUER_TOPICS as u64).map(U256::from).collect();
    r().add_trusted_issuer(issuer, full).motsu_unwrap();
    assert_eq!(
        r().add_trusted_issuer(issuer, vec![KYC]).motsu_unwrap_err(),
        Error::IssuerAlreadyTrusted(IdentityRegistryIssuerAlreadyTrusted { issuer })
    );
}

#[motsu::test]
fn add_trusted_issuer_reverts_past_fifty_issuers(
    registry: Contract<IdentityRegistry>,
    owner: Address,
) {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    for i in 1..=MAX_TRUSTED_ISSUERS as u64 {
        let issuer = Address::left_padding_from(&i.to_be_bytes());
        registry
            .sender(owner)
            .add_trusted_issuer(issuer, vec![KYC])
            .motsu_unwrap();
    }
    let extra = Address::repeat_byte(0xee);
    assert_eq!(
        registry
            .sender(owner)
            .add_trusted_issuer(extra, vec![KYC])
            .motsu_unwrap_err(),
        Error::TooManyIssuers(IdentityRegistryTooManyIssuers {
            max: U256::from(MAX_TRUSTED_ISSUERS)
        })
    );
    assert_eq!(
        registry.sender(owner).get_trusted_issuers().len(),
        MAX_TRUSTED_ISSUERS
    );
}

#[motsu::test]
fn trusted_issuer_functions_are_owner_only(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Address,
) {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    let not_owner = Error::UnauthorizedOwner(OwnableUnauthorizedAccount { account: issuer });
    assert_eq!(
        registry
            .sender(issuer)
            .add_trusted_issuer(issuer, vec![KYC])
            .motsu_unwrap_err(),
        not_owner
    );
    registry
        .sender(owner)
        .add_trusted_issuer(issuer, vec![KYC])
        .motsu_unwrap();
    assert_eq!(
        registry
            .sender(issuer)
            .update_issuer_claim_topics(issuer, vec![ACCREDITED])
            .motsu_unwrap_err(),
        not_owner
    );
    assert_eq!(
        registry
            .sender(issuer)
            .remove_trusted_issuer(issuer)
            .motsu_unwrap_err(),
        not_owner
    );
    assert_eq!(
        registry
            .sender(owner)
            .get_trusted_issuer_claim_topics(issuer),
        Ok(vec![KYC])
    );
}

#[motsu::test]
fn remove_trusted_issuer_forgets_issuer(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    a: Address,
    b: Address,
    c: Address,
) {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    for issuer in [a, b, c] {
        registry
            .sender(owner)
            .add_trusted_issuer(issuer, vec![KYC, ACCREDITED])
            .motsu_unwrap();
    }
    registry
        .sender(owner)
        .remove_trusted_issuer(a)
        .motsu_unwrap();
    registry.assert_emitted(&TrustedIssuerRemoved { trustedIssuer: a });
    let r = registry.sender(owner);
    assert!(!r.is_trusted_issuer(a));
    assert!(!r.has_claim_topic(a, KYC));
    assert_eq!(r.get_trusted_issuers(), vec![c, b]);
    assert_eq!(
        r.get_trusted_issuer_claim_topics(a),
        Err(Error::IssuerNotTrusted(IdentityRegistryIssuerNotTrusted {
            issuer: a
        }))
    );
    assert_eq!(
        registry
            .sender(owner)
            .remove_trusted_issuer(a)
            .motsu_unwrap_err(),
        Error::IssuerNotTrusted(IdentityRegistryIssuerNotTrusted { issuer: a })
    );
    registry
        .sender(owner)
        .remove_trusted_issuer(b)
        .motsu_unwrap();
    registry
        .sender(owner)
        .remove_trusted_issuer(c)
        .motsu_unwrap();
    assert!(registry.sender(owner).get_trusted_issuers().is_empty());
}

#[motsu::test]
fn update_issuer_claim_topics_replaces_topics(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    issuer: Address,
) {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    assert_eq!(
        registry
            .sender(owner)
            .update_issuer_claim_topics(issuer, vec![KYC])
            .motsu_unwrap_err(),
        Error::IssuerNotTrusted(IdentityRegistryIssuerNotTrusted { issuer })
    );
    registry
        .sender(owner)
        .add_trusted_issuer(issuer, vec![KYC])
        .motsu_unwrap();
    assert_eq!(
        registry
            .sender(owner)
            .update_issuer_claim_topics(issuer, vec![])
            .motsu_unwrap_err(),
        Error::InvalidIssuerTopicCount(IdentityRegistryInvalidIssuerTopicCount {
            max: U256::from(MAX_ISSUER_TOPICS)
        })
    );
    assert_eq!(
        registry
            .sender(owner)
            .update_issuer_claim_topics(issuer, vec![KYC, KYC])
            .motsu_unwrap_err(),
        Error::DuplicateIssuerTopic(IdentityRegistryDuplicateIssuerTopic { topic: KYC })
    );
    registry
        .sender(owner)
        .update_issuer_claim_topics(issuer, vec![ACCREDITED])
        .motsu_unwrap();
    registry.assert_emitted(&ClaimTopicsUpdated {
        trustedIssuer: issuer,
        claimTopics: vec![ACCREDITED],
    });
    let r = registry.sender(owner);
    assert!(!r.has_claim_topic(issuer, KYC));
    assert!(r.has_claim_topic(issuer, ACCREDITED));
    assert_eq!(
        r.get_trusted_issuer_claim_topics(issuer),
        Ok(vec![ACCREDITED])
    );
}
