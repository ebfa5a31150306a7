//! The registry's ABI is T-REX v4.1.6's, selector for selector.
use alloy_sol_types::{SolEvent, TopicList};
use common::{abi_check, roles};

use crate::*;

/// The golden interface the check command keeps equal to `export-abi`.
const EXPORTED: &str = include_str!("../../abi/identity-registry.sol");
/// The reference sections this contract implements.
const SECTIONS: [&str; 4] = [
    "AgentRole",
    "IIdentityRegistry",
    "IClaimTopicsRegistry",
    "ITrustedIssuersRegistry",
];

fn event<E: SolEvent>() -> (&'static str, alloy_primitives::B256, usize) {
    (
        E::SIGNATURE,
        E::SIGNATURE_HASH,
        <E::TopicList as TopicList>::COUNT,
    )
}

#[test]
fn functions_match_trex_selectors_and_types() {
    abi_check::assert_exports_reference(EXPORTED, &SECTIONS);
}

#[test]
fn events_match_trex_signatures_and_indexed_fields() {
    let events = [
        event::<roles::OwnershipTransferred>(),
        event::<roles::AgentAdded>(),
        event::<roles::AgentRemoved>(),
        event::<IdentityRegistered>(),
        event::<IdentityRemoved>(),
        event::<IdentityUpdated>(),
        event::<CountryUpdated>(),
        event::<ClaimTopicsRegistrySet>(),
        event::<IdentityStorageSet>(),
        event::<TrustedIssuersRegistrySet>(),
        event::<ClaimTopicAdded>(),
        event::<ClaimTopicRemoved>(),
        event::<TrustedIssuerAdded>(),
        event::<TrustedIssuerRemoved>(),
        event::<ClaimTopicsUpdated>(),
    ];
    // `Initialized` is emitted by T-REX's proxy initializers; these
    // contracts are constructed, not initialized.
    abi_check::assert_emits_reference(&events, &SECTIONS, &["Initialized(uint8)"]);
}

#[test]
fn ownership_moves_in_two_steps_with_openzeppelin_signatures() {
    common::abi_check::assert_exports_other_standard(EXPORTED, "Ownable2Step");
}
