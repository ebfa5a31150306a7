//! Batch operations: each pair applied, all or nothing, lengths checked.
use alloc::vec;

use alloy_primitives::{Address, U256};
use common::roles::AgentRoleUnauthorizedAccount;
use identity_registry::IdentityRegistry;
use motsu::prelude::*;

use super::*;

fn mismatch() -> Error {
    TokenArrayLengthMismatch {}.into()
}

#[motsu::test]
fn batch_transfer_moves_each_pair(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
    bob: Address,
    carol: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.fund(alice, ALICE_ID, THOUSAND);
    env.register(bob, BOB_ID);
    env.register(carol, BOB_ID);
    env.unpause();

    token
        .sender(alice)
        .batch_transfer(vec![bob, carol], vec![U256::from(10), U256::from(20)])
        .motsu_unwrap();

    assert_eq!(env.balance(bob), U256::from(10));
    assert_eq!(env.balance(carol), U256::from(20));
    env.assert_books(&[alice, bob, carol]);
}

#[motsu::test]
fn batch_transfer_is_all_or_nothing(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
    bob: Address,
    carol: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.fund(alice, ALICE_ID, THOUSAND);
    env.register(bob, BOB_ID);
    env.unpause();

    let err = token
        .sender(alice)
        .batch_transfer(vec![bob, carol], vec![U256::from(10), U256::from(20)])
        .motsu_unwrap_err();
    assert_eq!(err, TokenUnverifiedRecipient { wallet: carol }.into());
    assert_eq!(env.balance(bob), U256::ZERO);
    assert_eq!(env.balance(alice), THOUSAND);

    let err = token
        .sender(alice)
        .batch_transfer(vec![bob], vec![U256::from(10), U256::from(20)])
        .motsu_unwrap_err();
    assert_eq!(err, mismatch());
    env.assert_books(&[alice, bob, carol]);
}

#[motsu::test]
fn batch_mint_and_burn_apply_each_pair_or_none(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.register(alice, ALICE_ID);
    env.register(bob, BOB_ID);

    token
        .sender(agent)
        .batch_mint(vec![alice, bob], vec![THOUSAND, U256::from(5)])
        .motsu_unwrap();
    assert_eq!(env.balance(alice), THOUSAND);
    assert_eq!(env.balance(bob), U256::from(5));

    // Bob cannot lose 6: Alice's burn is undone too.
    let err = token
        .sender(agent)
        .batch_burn(vec![alice, bob], vec![U256::from(1), U256::from(6)])
        .motsu_unwrap_err();
    assert_eq!(
        err,
        ERC20InsufficientBalance {
            sender: bob,
            balance: U256::from(5),
            needed: U256::from(6),
        }
        .into()
    );
    assert_eq!(env.balance(alice), THOUSAND);

    token
        .sender(agent)
        .batch_burn(vec![alice, bob], vec![U256::from(1), U256::from(5)])
        .motsu_unwrap();
    assert_eq!(env.balance(bob), U256::ZERO);
    assert_eq!(
        token
            .sender(agent)
            .batch_mint(vec![alice], vec![])
            .motsu_unwrap_err(),
        mismatch()
    );
    assert_eq!(
        token
            .sender(agent)
            .batch_burn(vec![], vec![U256::from(1)])
            .motsu_unwrap_err(),
        mismatch()
    );
    env.assert_books(&[alice, bob]);
}

#[motsu::test]
fn batch_forced_transfer_applies_each_triple_or_none(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
    bob: Address,
    carol: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.fund(alice, ALICE_ID, THOUSAND);
    env.fund(bob, BOB_ID, THOUSAND);

    let err = token
        .sender(agent)
        .batch_forced_transfer(
            vec![alice, bob],
            vec![bob, carol],
            vec![U256::from(1), U256::from(1)],
        )
        .motsu_unwrap_err();
    assert_eq!(err, TokenUnverifiedRecipient { wallet: carol }.into());
    assert_eq!(env.balance(alice), THOUSAND);

    token
        .sender(agent)
        .batch_forced_transfer(
            vec![alice, bob],
            vec![bob, alice],
            vec![U256::from(100), U256::from(300)],
        )
        .motsu_unwrap();
    assert_eq!(env.balance(alice), U256::from(1200));
    assert_eq!(env.balance(bob), U256::from(800));

    for (from, to) in [(vec![alice], vec![]), (vec![alice], vec![bob, alice])] {
        let err = token
            .sender(agent)
            .batch_forced_transfer(from, to, vec![U256::from(1)])
            .motsu_unwrap_err();
        assert_eq!(err, mismatch());
    }
    env.assert_books(&[alice, bob, carol]);
}

#[motsu::test]
fn batch_freezes_apply_each_pair_or_none(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.fund(alice, ALICE_ID, THOUSAND);
    env.fund(bob, BOB_ID, U256::from(10));

    token
        .sender(agent)
        .batch_set_address_frozen(vec![alice, bob], vec![true, false])
        .motsu_unwrap();
    assert!(token.sender(agent).is_frozen(alice));
    assert!(!token.sender(agent).is_frozen(bob));

    let err = token
        .sender(agent)
        .batch_freeze_partial_tokens(vec![alice, bob], vec![U256::from(5), U256::from(11)])
        .motsu_unwrap_err();
    assert_eq!(
        err,
        TokenInsufficientFreeBalance {
            wallet: bob,
            free: U256::from(10),
            needed: U256::from(11),
        }
        .into()
    );
    assert_eq!(env.frozen(alice), U256::ZERO);

    token
        .sender(agent)
        .batch_freeze_partial_tokens(vec![alice, bob], vec![U256::from(5), U256::from(10)])
        .motsu_unwrap();
    token
        .sender(agent)
        .batch_unfreeze_partial_tokens(vec![alice, bob], vec![U256::from(5), U256::from(3)])
        .motsu_unwrap();
    assert_eq!(env.frozen(alice), U256::ZERO);
    assert_eq!(env.frozen(bob), U256::from(7));

    let err = token
        .sender(agent)
        .batch_unfreeze_partial_tokens(vec![alice, bob], vec![U256::from(0), U256::from(8)])
        .motsu_unwrap_err();
    assert_eq!(
        err,
        TokenInsufficientFrozenTokens {
            wallet: bob,
            frozen: U256::from(7),
            amount: U256::from(8),
        }
        .into()
    );

    for err in [
        token
            .sender(agent)
            .batch_set_address_frozen(vec![alice], vec![])
            .motsu_unwrap_err(),
        token
            .sender(agent)
            .batch_freeze_partial_tokens(vec![alice], vec![])
            .motsu_unwrap_err(),
        token
            .sender(agent)
            .batch_unfreeze_partial_tokens(vec![], vec![U256::from(1)])
            .motsu_unwrap_err(),
    ] {
        assert_eq!(err, mismatch());
    }
}

#[motsu::test]
fn batch_agent_operations_revert_when_not_agent(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.fund(alice, ALICE_ID, THOUSAND);
    let expected: Error = AgentRoleUnauthorizedAccount { account: alice }.into();
    let one = || vec![U256::from(1)];

    let errors = [
        token
            .sender(alice)
            .batch_mint(vec![alice], one())
            .motsu_unwrap_err(),
        token
            .sender(alice)
            .batch_burn(vec![alice], one())
            .motsu_unwrap_err(),
        token
            .sender(alice)
            .batch_forced_transfer(vec![alice], vec![alice], one())
            .motsu_unwrap_err(),
        token
            .sender(alice)
            .batch_set_address_frozen(vec![alice], vec![true])
            .motsu_unwrap_err(),
        token
            .sender(alice)
            .batch_freeze_partial_tokens(vec![alice], one())
            .motsu_unwrap_err(),
        token
            .sender(alice)
            .batch_unfreeze_partial_tokens(vec![alice], one())
            .motsu_unwrap_err(),
    ];
    for err in errors {
        assert_eq!(err, expected);
    }
    assert_eq!(env.balance(alice), THOUSAND);
}
