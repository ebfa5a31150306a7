//! Agent operations: mint, burn, forced transfer, pause.
use alloy_primitives::{Address, U256};
use common::roles::AgentRoleUnauthorizedAccount;
use identity_registry::IdentityRegistry;
use motsu::prelude::*;

use super::*;

fn unauthorized(account: Address) -> Error {
    AgentRoleUnauthorizedAccount { account }.into()
}

#[motsu::test]
fn mint_credits_verified_investor_while_paused(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.register(alice, ALICE_ID);
    assert!(token.sender(agent).paused());

    token.sender(agent).mint(alice, THOUSAND).motsu_unwrap();

    assert_eq!(env.balance(alice), THOUSAND);
    token.assert_emitted(&Transfer {
        from: Address::ZERO,
        to: alice,
        value: THOUSAND,
    });
    assert_eq!(compliance.sender(agent).hook_counts().1, U256::from(1));
    env.assert_books(&[alice]);
}

#[motsu::test]
fn mint_reverts_when_caller_not_agent(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.register(alice, ALICE_ID);

    // The owner is not an agent unless appointed.
    let err = token.sender(owner).mint(alice, THOUSAND).motsu_unwrap_err();

    assert_eq!(err, unauthorized(owner));
    assert_eq!(token.sender(owner).total_supply(), U256::ZERO);
}

#[motsu::test]
fn mint_reverts_when_recipient_not_verified(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
) {
    deploy(&token, &registry, &compliance, owner, agent);

    let err = token.sender(agent).mint(alice, THOUSAND).motsu_unwrap_err();

    assert_eq!(err, TokenUnverifiedRecipient { wallet: alice }.into());
}

#[motsu::test]
fn mint_reverts_when_compliance_refuses(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.register(alice, ALICE_ID);
    compliance.sender(owner).set_refuse(true);

    let err = token.sender(agent).mint(alice, THOUSAND).motsu_unwrap_err();

    assert_eq!(
        err,
        TokenComplianceRefused {
            from: Address::ZERO,
            to: alice,
            amount: THOUSAND,
        }
        .into()
    );
    env.assert_books(&[alice]);
}

#[motsu::test]
fn mint_reverts_when_supply_would_overflow(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    let max = crate::wallet::MAX_SUPPLY;
    env.fund(alice, ALICE_ID, max - U256::from(1));
    env.register(bob, BOB_ID);

    let err = token
        .sender(agent)
        .mint(bob, U256::from(2))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        TokenSupplyOverflow {
            amount: U256::from(2)
        }
        .into()
    );

    token.sender(agent).mint(bob, U256::from(1)).motsu_unwrap();
    assert_eq!(token.sender(agent).total_supply(), max);
    assert_eq!(token.sender(agent).balance_of(alice), max - U256::from(1));
    env.assert_books(&[alice, bob]);
}

#[motsu::test]
fn a_mint_beyond_two_to_the_120_is_refused_at_once(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.register(alice, ALICE_ID);
    let amount = crate::wallet::MAX_SUPPLY + U256::from(1);
    let err = token.sender(agent).mint(alice, amount).motsu_unwrap_err();
    assert_eq!(err, TokenSupplyOverflow { amount }.into());
    assert_eq!(token.sender(agent).total_supply(), U256::ZERO);
    assert_eq!(token.sender(agent).balance_of(alice), U256::ZERO);
}

#[motsu::test]
fn burn_destroys_tokens_and_reports_to_compliance(
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
        .burn(alice, U256::from(250))
        .motsu_unwrap();

    assert_eq!(env.balance(alice), U256::from(750));
    token.assert_emitted(&Transfer {
        from: alice,
        to: Address::ZERO,
        value: U256::from(250),
    });
    assert_eq!(compliance.sender(agent).hook_counts().2, U256::from(1));
    env.assert_books(&[alice]);
}

#[motsu::test]
fn burn_reverts_above_balance_and_when_not_agent(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.fund(alice, ALICE_ID, THOUSAND);

    let err = token
        .sender(agent)
        .burn(alice, THOUSAND + U256::from(1))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        ERC20InsufficientBalance {
            sender: alice,
            balance: THOUSAND,
            needed: THOUSAND + U256::from(1),
        }
        .into()
    );
    let err = token
        .sender(alice)
        .burn(alice, U256::from(1))
        .motsu_unwrap_err();
    assert_eq!(err, unauthorized(alice));

    token.sender(agent).burn(alice, THOUSAND).motsu_unwrap();
    assert_eq!(env.balance(alice), U256::ZERO);
    env.assert_books(&[alice]);
}

#[motsu::test]
fn burn_unfreezes_only_the_shortfall(
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
        .freeze_partial_tokens(alice, U256::from(900))
        .motsu_unwrap();

    // Free: 100. Burning 50 leaves the frozen tokens alone.
    token
        .sender(agent)
        .burn(alice, U256::from(50))
        .motsu_unwrap();
    assert_eq!(env.frozen(alice), U256::from(900));
    // Free: 50. Burning exactly the free balance unfreezes nothing, and
    // says nothing of it (no `TokensUnfrozen` of zero).
    token
        .sender(agent)
        .burn(alice, U256::from(50))
        .motsu_unwrap();
    assert_eq!(env.frozen(alice), U256::from(900));
    assert!(!token.emitted(&TokensUnfrozen {
        _userAddress: alice,
        _amount: U256::ZERO,
    }));
    token
        .sender(agent)
        .mint(alice, U256::from(50))
        .motsu_unwrap();

    // Free: 50. Burning 250 takes 200 frozen tokens.
    token
        .sender(agent)
        .burn(alice, U256::from(250))
        .motsu_unwrap();
    assert_eq!(env.balance(alice), U256::from(700));
    assert_eq!(env.frozen(alice), U256::from(700));
    token.assert_emitted(&TokensUnfrozen {
        _userAddress: alice,
        _amount: U256::from(200),
    });
    env.assert_books(&[alice]);
}

#[motsu::test]
fn forced_transfer_unfreezes_shortfall(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
    bob: Address,
) {
    // Balance B with B - 100 frozen; forcing B - 50 out leaves 50 frozen
    // and unfreezes B - 150.
    let b = THOUSAND;
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.fund(alice, ALICE_ID, b);
    env.register(bob, BOB_ID);
    token
        .sender(agent)
        .freeze_partial_tokens(alice, b - U256::from(100))
        .motsu_unwrap();

    assert!(token
        .sender(agent)
        .forced_transfer(alice, bob, b - U256::from(50))
        .motsu_unwrap());

    assert_eq!(env.balance(alice), U256::from(50));
    assert_eq!(env.frozen(alice), U256::from(50));
    assert_eq!(env.balance(bob), b - U256::from(50));
    token.assert_emitted(&TokensUnfrozen {
        _userAddress: alice,
        _amount: b - U256::from(150),
    });
    assert_eq!(compliance.sender(agent).hook_counts().0, U256::from(1));
    env.assert_books(&[alice, bob]);
}

#[motsu::test]
fn forced_transfer_skips_pause_freeze_and_compliance(
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
    env.register(bob, BOB_ID);
    token
        .sender(agent)
        .set_address_frozen(alice, true)
        .motsu_unwrap();
    token
        .sender(agent)
        .set_address_frozen(bob, true)
        .motsu_unwrap();
    compliance.sender(owner).set_refuse(true);

    token
        .sender(agent)
        .forced_transfer(alice, bob, U256::from(10))
        .motsu_unwrap();

    assert_eq!(env.balance(bob), U256::from(10));
    env.assert_books(&[alice, bob]);
}

#[motsu::test]
fn forced_transfer_reverts_when_recipient_not_verified(
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
    token
        .sender(agent)
        .freeze_partial_tokens(alice, THOUSAND)
        .motsu_unwrap();

    let err = token
        .sender(agent)
        .forced_transfer(alice, bob, U256::from(10))
        .motsu_unwrap_err();

    assert_eq!(err, TokenUnverifiedRecipient { wallet: bob }.into());
    assert_eq!(env.frozen(alice), THOUSAND);
}

#[motsu::test]
fn forced_transfer_reverts_above_balance_and_when_not_agent(
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
    env.register(bob, BOB_ID);

    let err = token
        .sender(agent)
        .forced_transfer(alice, bob, THOUSAND + U256::from(1))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        ERC20InsufficientBalance {
            sender: alice,
            balance: THOUSAND,
            needed: THOUSAND + U256::from(1),
        }
        .into()
    );
    let err = token
        .sender(bob)
        .forced_transfer(alice, bob, U256::from(1))
        .motsu_unwrap_err();
    assert_eq!(err, unauthorized(bob));
    assert_eq!(env.balance(bob), U256::ZERO);
}

#[motsu::test]
fn pause_and_unpause_toggle_and_refuse_repeats(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
) {
    deploy(&token, &registry, &compliance, owner, agent);

    let err = token.sender(agent).pause().motsu_unwrap_err();
    assert_eq!(err, TokenEnforcedPause {}.into());

    token.sender(agent).unpause().motsu_unwrap();
    assert!(!token.sender(agent).paused());
    token.assert_emitted(&Unpaused {
        _userAddress: agent,
    });
    let err = token.sender(agent).unpause().motsu_unwrap_err();
    assert_eq!(err, TokenExpectedPause {}.into());

    token.sender(agent).pause().motsu_unwrap();
    assert!(token.sender(agent).paused());
    token.assert_emitted(&Paused {
        _userAddress: agent,
    });
}

#[motsu::test]
fn pause_and_unpause_revert_when_not_agent(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
) {
    deploy(&token, &registry, &compliance, owner, agent);

    assert_eq!(
        token.sender(owner).unpause().motsu_unwrap_err(),
        unauthorized(owner)
    );
    token.sender(agent).unpause().motsu_unwrap();
    assert_eq!(
        token.sender(owner).pause().motsu_unwrap_err(),
        unauthorized(owner)
    );
    assert!(!token.sender(agent).paused());
}
