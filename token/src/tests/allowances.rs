//! ERC-20 allowances: approve, increase, decrease.
use alloy_primitives::{Address, U256};
use identity_registry::IdentityRegistry;
use motsu::prelude::*;

use super::*;

#[motsu::test]
fn approve_sets_allowance_and_emits(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
    carol: Address,
) {
    deploy(&token, &registry, &compliance, owner, agent);

    // Allowed while paused, as in T-REX.
    assert!(token
        .sender(alice)
        .approve(carol, U256::from(5))
        .motsu_unwrap());

    assert_eq!(token.sender(alice).allowance(alice, carol), U256::from(5));
    token.assert_emitted(&Approval {
        owner: alice,
        spender: carol,
        value: U256::from(5),
    });
}

#[motsu::test]
fn approve_reverts_when_spender_zero(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
) {
    deploy(&token, &registry, &compliance, owner, agent);

    let err = token
        .sender(alice)
        .approve(Address::ZERO, U256::from(5))
        .motsu_unwrap_err();

    assert_eq!(
        err,
        ERC20InvalidSpender {
            spender: Address::ZERO
        }
        .into()
    );
}

#[motsu::test]
fn increase_allowance_adds_and_refuses_overflow(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
    carol: Address,
) {
    deploy(&token, &registry, &compliance, owner, agent);
    token
        .sender(alice)
        .approve(carol, U256::from(5))
        .motsu_unwrap();

    token
        .sender(alice)
        .increase_allowance(carol, U256::from(7))
        .motsu_unwrap();
    assert_eq!(token.sender(alice).allowance(alice, carol), U256::from(12));
    token.assert_emitted(&Approval {
        owner: alice,
        spender: carol,
        value: U256::from(12),
    });

    let err = token
        .sender(alice)
        .increase_allowance(carol, U256::MAX - U256::from(11))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        TokenAllowanceOverflow {
            spender: carol,
            added: U256::MAX - U256::from(11),
        }
        .into()
    );
    token
        .sender(alice)
        .increase_allowance(carol, U256::MAX - U256::from(12))
        .motsu_unwrap();
    assert_eq!(token.sender(alice).allowance(alice, carol), U256::MAX);
}

#[motsu::test]
fn decrease_allowance_subtracts_and_refuses_below_zero(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
    carol: Address,
) {
    deploy(&token, &registry, &compliance, owner, agent);
    token
        .sender(alice)
        .approve(carol, U256::from(5))
        .motsu_unwrap();

    let err = token
        .sender(alice)
        .decrease_allowance(carol, U256::from(6))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        ERC20FailedDecreaseAllowance {
            spender: carol,
            currentAllowance: U256::from(5),
            requestedDecrease: U256::from(6),
        }
        .into()
    );

    token
        .sender(alice)
        .decrease_allowance(carol, U256::from(5))
        .motsu_unwrap();
    assert_eq!(token.sender(alice).allowance(alice, carol), U256::ZERO);
    token.assert_emitted(&Approval {
        owner: alice,
        spender: carol,
        value: U256::ZERO,
    });
}
