//! The compliance's ABI is T-REX v4.1.6's, selector for selector.
use alloy_primitives::B256;
use alloy_sol_types::{SolEvent, TopicList};
use common::{abi_check, roles};

use crate::*;

/// The golden interface the check command keeps equal to `export-abi`.
const EXPORTED: &str = include_str!("../../abi/compliance.sol");
/// The reference sections this contract implements.
const SECTIONS: [&str; 2] = [
    "IModularCompliance",
    "ModularCompliance implementation extras",
];

fn event<E: SolEvent>() -> (&'static str, B256, usize) {
    (
        E::SIGNATURE,
        E::SIGNATURE_HASH,
        <E::TopicList as TopicList>::COUNT,
    )
}

#[test]
fn functions_match_trex_selectors_and_types() {
    // `init()` is T-REX's proxy initializer; this contract is constructed.
    abi_check::assert_exports_reference_except(EXPORTED, &SECTIONS, &["init()"]);
}

#[test]
fn events_match_trex_signatures_and_indexed_fields() {
    let events = [
        event::<roles::OwnershipTransferred>(),
        event::<TokenBound>(),
        event::<TokenUnbound>(),
        event::<ModuleAdded>(),
        event::<ModuleRemoved>(),
        event::<ModuleInteraction>(),
    ];
    abi_check::assert_emits_reference(&events, &SECTIONS, &["Initialized(uint8)"]);
}

#[test]
fn ownership_moves_in_two_steps_with_openzeppelin_signatures() {
    common::abi_check::assert_exports_other_standard(EXPORTED, "Ownable2Step");
}
