use alloy_primitives::{Address, U256};
use common::roles::OwnableUnauthorizedAccount;
use motsu::prelude::*;

use super::*;
use crate::*;

#[motsu::test]
fn add_and_remove_claim_topics(registry: Contract<IdentityRegistry>, owner: Address) {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    registry.sender(owner).add_claim_topic(KYC).motsu_unwrap();
    registry
        .sender(owner)
        .add_claim_topic(ACCREDITED)
        .motsu_unwrap();
    registry.assert_emitted(&ClaimTopicAdded { claimTopic: KYC });
    assert_eq!(
        registry.sender(owner).get_claim_topics(),
        vec![KYC, ACCREDITED]
    );

    registry
        .sender(owner)
        .remove_claim_topic(KYC)
        .motsu_unwrap();
    registry.assert_emitted(&ClaimTopicRemoved { claimTopic: KYC });
    assert_eq!(registry.sender(owner).get_claim_topics(), vec![ACCREDITED]);
    registry
        .sender(owner)
        .remove_claim_topic(ACCREDITED)
        .motsu_unwrap();
    assert!(registry.sender(owner).get_claim_topics().is_empty());
}

#[motsu::test]
fn claim_topics_are_owner_only(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    other: Address,
) {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    let not_owner = Error::UnauthorizedOwner(OwnableUnauthorizedAccount { account: other });
    assert_eq!(
        registry
            .sender(other)
            .add_claim_topic(KYC)
            .motsu_unwrap_err(),
        not_owner
    );
    registry.sender(owner).add_claim_topic(KYC).motsu_unwrap();
    assert_eq!(
        registry
            .sender(other)
            .remove_claim_topic(KYC)
            .motsu_unwrap_err(),
        not_owner
    );
    assert_eq!(registry.sender(owner).get_claim_topics(), vec![KYC]);
}

#[motsu::test]
fn add_claim_topic_reverts_when_present_or_full(
    registry: Contract<IdentityRegistry>,
    owner: Address,
) {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    registry.sender(owner).add_claim_topic(KYC).motsu_unwrap();
    assert_eq!(
        registry
            .sender(owner)
            .add_claim_topic(KYC)
            .motsu_unwrap_err(),
        Error::ClaimTopicAlreadyRequired(IdentityRegistryClaimTopicAlreadyRequired { topic: KYC })
    );
    for topic in 100..(100 + MAX_CLAIM_TOPICS as u64 - 1) {
        registry
            .sender(owner)
            .add_claim_topic(U256::from(topic))
            .motsu_unwrap();
    }
    assert_eq!(
        registry.sender(owner).get_claim_topics().len(),
        MAX_CLAIM_TOPICS
    );
    assert_eq!(
        registry
            .sender(owner)
            .add_claim_topic(U256::from(999))
            .motsu_unwrap_err(),
        Error::TooManyClaimTopics(IdentityRegistryTooManyClaimTopics {
            max: U256::from(MAX_CLAIM_TOPICS)
        })
    );
}

#[motsu::test]
fn remove_claim_topic_reverts_when_absent(registry: Contract<IdentityRegistry>, owner: Address) {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    assert_eq!(
        registry
            .sender(owner)
            .remove_claim_topic(KYC)
            .motsu_unwrap_err(),
        Error::ClaimTopicNotRequired(IdentityRegistryClaimTopicNotRequired { topic: KYC })
    );
}
