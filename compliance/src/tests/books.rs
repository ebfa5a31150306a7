//! The books: balances per wallet and identity, holders, supply, across
//! mints, transfers, forced transfers and burns.
use alloy_primitives::{Address, U256};
use identity_registry::IdentityRegistry;
use motsu::prelude::*;

use super::*;

#[motsu::test]
fn mint_transfer_and_burn_keep_balances_holders_and_supply(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.register(bob, BOB_ID, GERMANY);

    env.mint(alice, HUNDRED);
    assert_eq!((env.holders(), env.holders_in(FRANCE)), (1, 1));

    env.transfer(alice, bob, U256::from(40));
    assert_eq!(env.holders(), 2);
    assert_eq!(env.holders_in(GERMANY), 1);
    let view = compliance.sender(owner);
    assert_eq!(view.identity_balance(ALICE_ID), U256::from(60));
    assert_eq!(view.identity_balance(BOB_ID), U256::from(40));
    assert_eq!(view.wallet_book(bob), (BOB_ID, U256::from(40)));

    // Alice leaves when her identity's balance reaches zero.
    env.transfer_by_hooks(alice, bob, U256::from(60));
    assert_eq!((env.holders(), env.holders_in(FRANCE)), (1, 0));

    env.burn(bob, U256::from(30));
    assert_eq!(compliance.sender(owner).supply(), U256::from(70));
    env.burn(bob, U256::from(70));
    assert_eq!((env.holders(), env.holders_in(GERMANY)), (0, 0));
    assert_eq!(compliance.sender(owner).supply(), U256::ZERO);
}

#[motsu::test]
fn an_investor_with_two_wallets_is_one_holder(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
    alice2: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.register(alice2, ALICE_ID, FRANCE);

    env.mint(alice, HUNDRED);
    env.mint_by_hooks(alice2, HUNDRED);
    assert_eq!(env.holders(), 1);
    assert_eq!(
        compliance.sender(owner).identity_balance(ALICE_ID),
        U256::from(200)
    );

    env.transfer(alice, alice2, HUNDRED);
    assert_eq!(env.holders(), 1);
    env.burn(alice2, U256::from(150));
    assert_eq!(env.holders(), 1);
    env.burn(alice2, U256::from(50));
    assert_eq!(env.holders(), 0);
}

#[motsu::test]
fn forced_transfer_moves_holders_too(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.register(bob, BOB_ID, FRANCE);
    env.mint(alice, HUNDRED);

    env.forced(alice, bob, HUNDRED);

    assert_eq!((env.holders(), env.holders_in(FRANCE)), (1, 1));
    assert_eq!(compliance.sender(owner).identity_balance(BOB_ID), HUNDRED);
}

#[motsu::test]
fn zero_amounts_change_no_book(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.register(bob, BOB_ID, FRANCE);

    env.mint(alice, U256::ZERO);
    env.transfer(alice, bob, U256::ZERO);
    env.burn(bob, U256::ZERO);

    assert_eq!(env.holders(), 0);
    assert_eq!(compliance.sender(owner).supply(), U256::ZERO);
}

#[motsu::test]
fn hook_reverts_when_more_leaves_a_wallet_than_it_holds(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.register(bob, BOB_ID, FRANCE);
    env.mint(alice, HUNDRED);

    let err = compliance
        .sender(token)
        .transferred(alice, bob, HUNDRED + U256::from(1))
        .motsu_unwrap_err();

    assert_eq!(
        err,
        ComplianceUnknownBalance {
            wallet: alice,
            balance: HUNDRED,
            amount: HUNDRED + U256::from(1),
        }
        .into()
    );
    assert_eq!(compliance.sender(owner).identity_balance(ALICE_ID), HUNDRED);
    assert!(!env.can(alice, bob, HUNDRED + U256::from(1)));
}
