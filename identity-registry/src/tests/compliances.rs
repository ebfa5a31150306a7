//! The compliances the registry keeps in sync: who may add and remove
//! them, and the limits. (What a compliance does with a change is tested
//! with the real compliance in its own crate.)
use alloy_primitives::{Address, U256};
use common::roles::OwnableUnauthorizedAccount;
use motsu::prelude::*;

use super::*;
use crate::*;

#[motsu::test]
fn owner_adds_lists_and_removes_compliances(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    agent: Address,
    first: Address,
    second: Address,
) {
    deploy(&registry, owner, agent);
    assert!(registry.sender(owner).get_compliances().is_empty());
    for compliance in [first, second] {
        registry
            .sender(owner)
            .add_compliance(compliance)
            .motsu_unwrap();
        registry.assert_emitted(&ComplianceAdded { compliance });
    }
    assert_eq!(
        registry.sender(owner).get_compliances(),
        vec![first, second]
    );

    registry
        .sender(owner)
        .remove_compliance(first)
        .motsu_unwrap();
    registry.assert_emitted(&ComplianceRemoved { compliance: first });
    assert_eq!(registry.sender(owner).get_compliances(), vec![second]);
}

#[motsu::test]
fn compliance_changes_revert_unless_owner(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    agent: Address,
    compliance: Address,
) {
    deploy(&registry, owner, agent);
    let expected = Error::UnauthorizedOwner(OwnableUnauthorizedAccount { account: agent });
    let err = registry
        .sender(agent)
        .add_compliance(compliance)
        .motsu_unwrap_err();
    assert_eq!(err, expected);
    registry
        .sender(owner)
        .add_compliance(compliance)
        .motsu_unwrap();
    let err = registry
        .sender(agent)
        .remove_compliance(compliance)
        .motsu_unwrap_err();
    assert_eq!(err, expected);
    assert_eq!(registry.sender(owner).get_compliances(), vec![compliance]);
}

#[motsu::test]
fn add_compliance_reverts_when_zero_present_or_full(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    agent: Address,
) {
    deploy(&registry, owner, agent);
    let err = registry
        .sender(owner)
        .add_compliance(Address::ZERO)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        IdentityRegistryInvalidCompliance {
            compliance: Address::ZERO
        }
        .into()
    );
    let compliances: Vec<Address> = (1..=MAX_COMPLIANCES as u8)
        .map(Address::repeat_byte)
        .collect();
    for compliance in &compliances {
        registry
            .sender(owner)
            .add_compliance(*compliance)
            .motsu_unwrap();
    }
    let err = registry
        .sender(owner)
        .add_compliance(compliances[0])
        .motsu_unwrap_err();
    assert_eq!(
        err,
        IdentityRegistryComplianceAlreadyAdded {
            compliance: compliances[0]
        }
        .into()
    );
    let extra = Address::repeat_byte(0xee);
    let err = registry
        .sender(owner)
        .add_compliance(extra)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        IdentityRegistryTooManyCompliances {
            max: U256::from(MAX_COMPLIANCES)
        }
        .into()
    );
    assert_eq!(registry.sender(owner).get_compliances(), compliances);
}

#[motsu::test]
fn remove_compliance_reverts_when_not_added(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    agent: Address,
    compliance: Address,
) {
    deploy(&registry, owner, agent);
    let err = registry
        .sender(owner)
        .remove_compliance(compliance)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        IdentityRegistryComplianceNotAdded { compliance }.into()
    );
}
