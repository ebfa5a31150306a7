//! The token's ABI is T-REX v4.1.6's, selector for selector.
use alloy_primitives::B256;
use alloy_sol_types::{SolEvent, TopicList};
use common::{abi_check, roles};

use crate::*;

/// The golden interface the check command keeps equal to `export-abi`.
const EXPORTED: &str = include_str!("../../abi/token.sol");
/// The reference sections this contract implements.
const SECTIONS: [&str; 2] = ["AgentRole", "IToken"];

fn event<E: SolEvent>() -> (&'static str, B256, usize) {
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
        event::<Transfer>(),
        event::<Approval>(),
        event::<UpdatedTokenInformation>(),
        event::<IdentityRegistryAdded>(),
        event::<ComplianceAdded>(),
        event::<RecoverySuccess>(),
        event::<AddressFrozen>(),
        event::<TokensFrozen>(),
        event::<TokensUnfrozen>(),
        event::<Paused>(),
        event::<Unpaused>(),
    ];
    // `Initialized` is emitted by T-REX's proxy initializers; the token is
    // constructed, not initialized.
    abi_check::assert_emits_reference(&events, &SECTIONS, &["Initialized(uint8)"]);
}

#[test]
fn ownership_moves_in_two_steps_with_openzeppelin_signatures() {
    common::abi_check::assert_exports_other_standard(EXPORTED, "Ownable2Step");
}
