//! Recovery of a lost wallet's tokens to a new wallet of the same investor.
use alloy_primitives::{Address, U256};
use common::roles::AgentRoleUnauthorizedAccount;
use identity_registry::IdentityRegistry;
use motsu::prelude::*;

use super::*;

#[motsu::test]
fn recovery_moves_balance_freezes_and_registration(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    lost: Address,
    new: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.fund(lost, ALICE_ID, THOUSAND);
    token
        .sender(agent)
        .freeze_partial_tokens(lost, U256::from(300))
        .motsu_unwrap();
    token
        .sender(agent)
        .set_address_frozen(lost, true)
        .motsu_unwrap();

    assert!(token
        .sender(agent)
        .recovery_address(lost, new, ALICE_ID)
        .motsu_unwrap());

    assert_eq!(env.balance(lost), U256::ZERO);
    assert_eq!(env.frozen(lost), U256::ZERO);
    assert_eq!(env.balance(new), THOUSAND);
    assert_eq!(env.frozen(new), U256::from(300));
    assert!(token.sender(agent).is_frozen(new));
    // The new wallet is the investor's, in the lost wallet's country; the
    // lost wallet is no longer registered.
    assert_eq!(registry.sender(agent).identity(new), ALICE_ID);
    assert_eq!(registry.sender(agent).investor_country(new), FRANCE);
    assert!(!registry.sender(agent).contains(lost));
    token.assert_emitted(&TokensUnfrozen {
        _userAddress: lost,
        _amount: U256::from(300),
    });
    token.assert_emitted(&TokensFrozen {
        _userAddress: new,
        _amount: U256::from(300),
    });
    token.assert_emitted(&AddressFrozen {
        _userAddress: new,
        _isFrozen: true,
        _owner: agent,
    });
    token.assert_emitted(&RecoverySuccess {
        _lostWallet: lost,
        _newWallet: new,
        _investorOnchainID: ALICE_ID,
    });
    env.assert_books(&[lost, new]);
}

#[motsu::test]
fn recovery_accepts_new_wallet_already_of_the_investor(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    lost: Address,
    new: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.fund(lost, ALICE_ID, THOUSAND);
    env.fund(new, ALICE_ID, U256::from(5));

    token
        .sender(agent)
        .recovery_address(lost, new, ALICE_ID)
        .motsu_unwrap();

    assert_eq!(env.balance(new), THOUSAND + U256::from(5));
    assert_eq!(env.frozen(new), U256::ZERO);
    assert!(!token.sender(agent).is_frozen(new));
    env.assert_books(&[lost, new]);
}

#[motsu::test]
fn recovery_reverts_when_lost_wallet_is_another_investors(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    lost: Address,
    new: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.fund(lost, ALICE_ID, THOUSAND);

    let err = token
        .sender(agent)
        .recovery_address(lost, new, BOB_ID)
        .motsu_unwrap_err();

    assert_eq!(
        err,
        TokenRecoveryIdentityMismatch {
            wallet: lost,
            investorOnchainID: BOB_ID,
        }
        .into()
    );
    assert_eq!(env.balance(lost), THOUSAND);
    assert!(!registry.sender(agent).contains(new));
}

#[motsu::test]
fn recovery_reverts_when_new_wallet_is_another_investors(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    lost: Address,
    new: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.fund(lost, ALICE_ID, THOUSAND);
    env.register(new, BOB_ID);

    let err = token
        .sender(agent)
        .recovery_address(lost, new, ALICE_ID)
        .motsu_unwrap_err();

    assert_eq!(
        err,
        TokenRecoveryIdentityMismatch {
            wallet: new,
            investorOnchainID: ALICE_ID,
        }
        .into()
    );
    assert_eq!(env.balance(lost), THOUSAND);
}

#[motsu::test]
fn recovery_reverts_when_nothing_to_recover_or_same_wallet(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    lost: Address,
    new: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.register(lost, ALICE_ID);

    let err = token
        .sender(agent)
        .recovery_address(lost, new, ALICE_ID)
        .motsu_unwrap_err();
    assert_eq!(err, TokenNothingToRecover { lostWallet: lost }.into());

    token.sender(agent).mint(lost, THOUSAND).motsu_unwrap();
    for receiver in [lost, Address::ZERO] {
        let err = token
            .sender(agent)
            .recovery_address(lost, receiver, ALICE_ID)
            .motsu_unwrap_err();
        assert_eq!(err, ERC20InvalidReceiver { receiver }.into());
    }
    assert!(registry.sender(agent).contains(lost));
}

#[motsu::test]
fn recovery_reverts_when_not_agent(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    lost: Address,
    new: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.fund(lost, ALICE_ID, THOUSAND);

    let err = token
        .sender(new)
        .recovery_address(lost, new, ALICE_ID)
        .motsu_unwrap_err();

    assert_eq!(err, AgentRoleUnauthorizedAccount { account: new }.into());
    assert_eq!(env.balance(lost), THOUSAND);
}
