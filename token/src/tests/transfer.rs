//! Holder transfers: each T-REX check on both sides, in order.
use alloy_primitives::{Address, U256};
use identity_registry::IdentityRegistry;
use motsu::prelude::*;

use super::*;

#[motsu::test]
fn transfer_moves_balance_and_reports_to_compliance(
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
    env.unpause();

    let ok = token
        .sender(alice)
        .transfer(bob, U256::from(300))
        .motsu_unwrap();

    assert!(ok);
    assert_eq!(env.balance(alice), U256::from(700));
    assert_eq!(env.balance(bob), U256::from(300));
    token.assert_emitted(&Transfer {
        from: alice,
        to: bob,
        value: U256::from(300),
    });
    assert_eq!(compliance.sender(alice).hook_counts().0, U256::from(1));
    // The compliance got the recipient's identity and country from the
    // token's one registry call.
    assert_eq!(
        compliance.sender(alice).last_recipient(),
        (BOB_ID, U256::from(FRANCE))
    );
    env.assert_books(&[alice, bob]);
}

#[motsu::test]
fn transfers_give_the_sender_identity_once_the_compliance_asked_for_it(
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
    let send = |from: Address, to: Address| {
        assert!(token
            .sender(from)
            .transfer(to, U256::from(1))
            .motsu_unwrap());
        compliance.sender(owner).last_sender_identity()
    };

    // Not asked: the token asks the registry for the recipient only.
    assert_eq!(send(alice, bob), Address::ZERO);
    // Asked from now on: the answer applies from the next transfer.
    compliance.sender(owner).set_wants_sender(true);
    assert_eq!(send(alice, bob), Address::ZERO);
    assert_eq!(send(alice, bob), ALICE_ID);
    assert_eq!(send(bob, alice), BOB_ID);
    assert_eq!(
        compliance.sender(owner).last_recipient(),
        (ALICE_ID, U256::from(FRANCE))
    );
    // An unregistered recipient is still refused.
    let err = token
        .sender(alice)
        .transfer(carol, U256::from(1))
        .motsu_unwrap_err();
    assert_eq!(err, TokenUnverifiedRecipient { wallet: carol }.into());
    // An unregistered sender's tokens count for the wallet itself.
    registry.sender(agent).delete_identity(bob).motsu_unwrap();
    assert_eq!(send(bob, alice), bob);
    // A mint gives none; the answer switching back is kept as well.
    compliance.sender(owner).set_wants_sender(false);
    token
        .sender(agent)
        .mint(alice, U256::from(1))
        .motsu_unwrap();
    assert_eq!(
        compliance.sender(owner).last_sender_identity(),
        Address::ZERO
    );
    assert_eq!(send(alice, alice), Address::ZERO);
    env.assert_books(&[alice, bob]);
}

#[motsu::test]
fn transfers_skip_the_compliance_only_when_it_says_none_needs_it(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    other: Contract<MockCompliance>,
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
    assert!(token.sender(owner).transfer_checks());

    // Anyone but the token's compliance is ignored.
    assert!(!token.sender(alice).set_transfer_checks(false));
    assert!(!other.sender(owner).tell(token.address(), false));
    assert!(token.sender(owner).transfer_checks());

    // The compliance says transfers need it not: they skip it (no hook),
    // the recipient is still verified, mints and burns still call it.
    assert!(compliance.sender(owner).tell(token.address(), false));
    token.assert_emitted(&TransferChecksSet { needed: false });
    assert!(!token.sender(owner).transfer_checks());
    let before = compliance.sender(owner).hook_counts();
    assert!(token
        .sender(alice)
        .transfer(bob, U256::from(5))
        .motsu_unwrap());
    assert_eq!(compliance.sender(owner).hook_counts(), before);
    assert_eq!(env.balance(bob), U256::from(5));
    let err = token
        .sender(alice)
        .transfer(carol, U256::from(1))
        .motsu_unwrap_err();
    assert_eq!(err, TokenUnverifiedRecipient { wallet: carol }.into());
    token.sender(agent).mint(bob, U256::from(1)).motsu_unwrap();
    token.sender(agent).burn(bob, U256::from(1)).motsu_unwrap();
    let after = compliance.sender(owner).hook_counts();
    assert_eq!(
        (after.1, after.2),
        (before.1 + U256::from(1), before.2 + U256::from(1))
    );

    // Said again: heeded, nothing changes; then needed again: called.
    assert!(compliance.sender(owner).tell(token.address(), false));
    assert!(compliance.sender(owner).tell(token.address(), true));
    token.assert_emitted(&TransferChecksSet { needed: true });
    assert!(token
        .sender(alice)
        .transfer(bob, U256::from(5))
        .motsu_unwrap());
    assert_eq!(
        compliance.sender(owner).hook_counts().0,
        after.0 + U256::from(1)
    );
    // (The mock's books missed the skipped transfer, as a compliance that
    // says no transfer needs it keeps none.)
    assert_eq!(env.balance(alice), THOUSAND - U256::from(10));
}

#[motsu::test]
fn a_change_of_compliance_makes_transfers_call_the_new_one(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    other: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
) {
    deploy(&token, &registry, &compliance, owner, agent);
    assert!(compliance.sender(owner).tell(token.address(), false));
    other.sender(owner).bind_token(token.address());
    token
        .sender(owner)
        .set_compliance(other.address())
        .motsu_unwrap();
    assert!(token.sender(owner).transfer_checks());
    token.assert_emitted(&TransferChecksSet { needed: true });
    // The old compliance is ignored now; the new one is heeded.
    assert!(!compliance.sender(owner).tell(token.address(), false));
    assert!(token.sender(owner).transfer_checks());
    assert!(other.sender(owner).tell(token.address(), false));
    assert!(!token.sender(owner).transfer_checks());
}

#[motsu::test]
fn transfer_reverts_when_paused(
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
        .sender(alice)
        .transfer(bob, U256::from(1))
        .motsu_unwrap_err();

    assert_eq!(err, TokenEnforcedPause {}.into());
    assert_eq!(env.balance(alice), THOUSAND);
    env.assert_books(&[alice, bob]);
}

#[motsu::test]
fn transfer_reverts_when_sender_frozen(
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
    env.unpause();
    token
        .sender(agent)
        .set_address_frozen(alice, true)
        .motsu_unwrap();

    let err = token
        .sender(alice)
        .transfer(bob, U256::from(1))
        .motsu_unwrap_err();

    assert_eq!(err, TokenWalletFrozen { wallet: alice }.into());
    assert_eq!(env.balance(bob), U256::ZERO);
}

#[motsu::test]
fn transfer_reverts_when_recipient_frozen(
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
    env.unpause();
    token
        .sender(agent)
        .set_address_frozen(bob, true)
        .motsu_unwrap();

    let err = token
        .sender(alice)
        .transfer(bob, U256::from(1))
        .motsu_unwrap_err();

    assert_eq!(err, TokenWalletFrozen { wallet: bob }.into());

    token
        .sender(agent)
        .set_address_frozen(bob, false)
        .motsu_unwrap();
    token
        .sender(alice)
        .transfer(bob, U256::from(1))
        .motsu_unwrap();
    assert_eq!(env.balance(bob), U256::from(1));
}

#[motsu::test]
fn transfer_of_whole_free_balance_passes_and_one_more_reverts(
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
    env.unpause();
    token
        .sender(agent)
        .freeze_partial_tokens(alice, U256::from(400))
        .motsu_unwrap();

    let err = token
        .sender(alice)
        .transfer(bob, U256::from(601))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        TokenInsufficientFreeBalance {
            wallet: alice,
            free: U256::from(600),
            needed: U256::from(601),
        }
        .into()
    );

    token
        .sender(alice)
        .transfer(bob, U256::from(600))
        .motsu_unwrap();
    assert_eq!(env.balance(alice), U256::from(400));
    assert_eq!(env.frozen(alice), U256::from(400));
    env.assert_books(&[alice, bob]);
}

#[motsu::test]
fn transfer_reverts_when_recipient_not_verified(
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
    env.unpause();

    let err = token
        .sender(alice)
        .transfer(bob, U256::from(1))
        .motsu_unwrap_err();

    assert_eq!(err, TokenUnverifiedRecipient { wallet: bob }.into());
    assert_eq!(compliance.sender(alice).hook_counts().0, U256::ZERO);
}

#[motsu::test]
fn transfer_reverts_when_recipient_zero(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.fund(alice, ALICE_ID, THOUSAND);
    env.unpause();

    let err = token
        .sender(alice)
        .transfer(Address::ZERO, U256::from(1))
        .motsu_unwrap_err();

    assert_eq!(
        err,
        ERC20InvalidReceiver {
            receiver: Address::ZERO
        }
        .into()
    );
}

#[motsu::test]
fn transfer_reverts_when_compliance_refuses(
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
    env.unpause();
    compliance.sender(owner).set_refuse(true);

    let err = token
        .sender(alice)
        .transfer(bob, U256::from(5))
        .motsu_unwrap_err();

    assert_eq!(
        err,
        TokenComplianceRefused {
            from: alice,
            to: bob,
            amount: U256::from(5),
        }
        .into()
    );
    assert_eq!(env.balance(alice), THOUSAND);
    env.assert_books(&[alice, bob]);
}

#[motsu::test]
fn transfer_passes_compliance_hook_revert_through_and_changes_nothing(
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
    env.unpause();
    compliance.sender(owner).set_revert_hooks(true);

    let err = token
        .sender(alice)
        .transfer(bob, U256::from(5))
        .motsu_unwrap_err();

    assert_eq!(err, reverted(MockHookReverted {}));
    assert_eq!(env.balance(alice), THOUSAND);
    assert_eq!(env.balance(bob), U256::ZERO);
}

#[motsu::test]
fn transfer_of_zero_is_an_ordinary_transfer(
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
    env.unpause();

    // Still checked: an unverified recipient is refused.
    let err = token
        .sender(alice)
        .transfer(bob, U256::ZERO)
        .motsu_unwrap_err();
    assert_eq!(err, TokenUnverifiedRecipient { wallet: bob }.into());

    env.register(bob, BOB_ID);
    assert!(token.sender(alice).transfer(bob, U256::ZERO).motsu_unwrap());
    token.assert_emitted(&Transfer {
        from: alice,
        to: bob,
        value: U256::ZERO,
    });
    assert_eq!(compliance.sender(alice).hook_counts().0, U256::from(1));
    env.assert_books(&[alice, bob]);
}

#[motsu::test]
fn transfer_to_self_keeps_balance(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.fund(alice, ALICE_ID, THOUSAND);
    env.unpause();

    token
        .sender(alice)
        .transfer(alice, U256::from(10))
        .motsu_unwrap();

    assert_eq!(env.balance(alice), THOUSAND);
    env.assert_books(&[alice]);
}

#[motsu::test]
fn transfer_from_spends_allowance_with_every_check(
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
    token
        .sender(alice)
        .approve(carol, U256::from(100))
        .motsu_unwrap();

    let err = token
        .sender(carol)
        .transfer_from(alice, bob, U256::from(101))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        ERC20InsufficientAllowance {
            spender: carol,
            allowance: U256::from(100),
            needed: U256::from(101),
        }
        .into()
    );

    assert!(token
        .sender(carol)
        .transfer_from(alice, bob, U256::from(60))
        .motsu_unwrap());
    assert_eq!(env.balance(bob), U256::from(60));
    assert_eq!(token.sender(carol).allowance(alice, carol), U256::from(40));
    token.assert_emitted(&Approval {
        owner: alice,
        spender: carol,
        value: U256::from(40),
    });

    // The transfer checks still apply to the spender's transfers.
    token.sender(agent).pause().motsu_unwrap();
    let err = token
        .sender(carol)
        .transfer_from(alice, bob, U256::from(1))
        .motsu_unwrap_err();
    assert_eq!(err, TokenEnforcedPause {}.into());
    env.assert_books(&[alice, bob]);
}

#[motsu::test]
fn transfer_from_refuses_unverified_recipient_and_keeps_allowance(
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
    env.unpause();
    token
        .sender(alice)
        .approve(carol, U256::from(100))
        .motsu_unwrap();

    let err = token
        .sender(carol)
        .transfer_from(alice, bob, U256::from(10))
        .motsu_unwrap_err();

    assert_eq!(err, TokenUnverifiedRecipient { wallet: bob }.into());
    assert_eq!(token.sender(carol).allowance(alice, carol), U256::from(100));
}

#[motsu::test]
fn transfer_from_with_unlimited_allowance_keeps_it(
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
    token.sender(alice).approve(carol, U256::MAX).motsu_unwrap();

    token
        .sender(carol)
        .transfer_from(alice, bob, U256::from(10))
        .motsu_unwrap();

    assert_eq!(token.sender(carol).allowance(alice, carol), U256::MAX);
    assert_eq!(env.balance(bob), U256::from(10));
}
