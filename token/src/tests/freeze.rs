//! Wallet freezes and partial freezes.
use alloy_primitives::{Address, U256};
use common::roles::AgentRoleUnauthorizedAccount;
use identity_registry::IdentityRegistry;
use motsu::prelude::*;

use super::*;

#[motsu::test]
fn set_address_frozen_records_flag_and_agent(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
) {
    deploy(&token, &registry, &compliance, owner, agent);

    token
        .sender(agent)
        .set_address_frozen(alice, true)
        .motsu_unwrap();
    assert!(token.sender(agent).is_frozen(alice));
    token.assert_emitted(&AddressFrozen {
        _userAddress: alice,
        _isFrozen: true,
        _owner: agent,
    });

    token
        .sender(agent)
        .set_address_frozen(alice, false)
        .motsu_unwrap();
    assert!(!token.sender(agent).is_frozen(alice));
    token.assert_emitted(&AddressFrozen {
        _userAddress: alice,
        _isFrozen: false,
        _owner: agent,
    });
}

#[motsu::test]
fn freeze_functions_revert_when_not_agent(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.fund(alice, ALICE_ID, THOUSAND);
    let unauthorized: Error = AgentRoleUnauthorizedAccount { account: alice }.into();

    let one = U256::from(1);
    assert_eq!(
        token
            .sender(alice)
            .set_address_frozen(alice, true)
            .motsu_unwrap_err(),
        unauthorized
    );
    assert_eq!(
        token
            .sender(alice)
            .freeze_partial_tokens(alice, one)
            .motsu_unwrap_err(),
        unauthorized
    );
    token
        .sender(agent)
        .freeze_partial_tokens(alice, one)
        .motsu_unwrap();
    assert_eq!(
        token
            .sender(alice)
            .unfreeze_partial_tokens(alice, one)
            .motsu_unwrap_err(),
        unauthorized
    );
    assert!(!token.sender(agent).is_frozen(alice));
    assert_eq!(env.frozen(alice), one);
}

#[motsu::test]
fn freeze_partial_tokens_up_to_free_balance(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.fund(alice, ALICE_ID, THOUSAND);

    token
        .sender(agent)
        .freeze_partial_tokens(alice, U256::from(600))
        .motsu_unwrap();
    token.assert_emitted(&TokensFrozen {
        _userAddress: alice,
        _amount: U256::from(600),
    });

    let err = token
        .sender(agent)
        .freeze_partial_tokens(alice, U256::from(401))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        TokenInsufficientFreeBalance {
            wallet: alice,
            free: U256::from(400),
            needed: U256::from(401),
        }
        .into()
    );

    token
        .sender(agent)
        .freeze_partial_tokens(alice, U256::from(400))
        .motsu_unwrap();
    assert_eq!(env.frozen(alice), THOUSAND);
}

#[motsu::test]
fn unfreeze_partial_tokens_up_to_frozen_tokens(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.fund(alice, ALICE_ID, THOUSAND);
    token
        .sender(agent)
        .freeze_partial_tokens(alice, U256::from(300))
        .motsu_unwrap();

    let err = token
        .sender(agent)
        .unfreeze_partial_tokens(alice, U256::from(301))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        TokenInsufficientFrozenTokens {
            wallet: alice,
            frozen: U256::from(300),
            amount: U256::from(301),
        }
        .into()
    );

    token
        .sender(agent)
        .unfreeze_partial_tokens(alice, U256::from(300))
        .motsu_unwrap();
    assert_eq!(env.frozen(alice), U256::ZERO);
    token.assert_emitted(&TokensUnfrozen {
        _userAddress: alice,
        _amount: U256::from(300),
    });
}
