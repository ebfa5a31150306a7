//! Milestone approvals, cancellation, failure, and treasury withdrawals.
use ::identity_registry::IdentityRegistry;
use ::token::Token;
use alloy_primitives::{Address, U256};
use common::testing::{MockErc20, Wallet};
use compliance::Compliance;
use motsu::prelude::*;

use super::*;

#[motsu::test]
fn approvals_release_shares_in_order(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    treasury: Contract<Wallet>,
    owner: Address,
    offering: Address,
    alice: Address,
) {
    let env = deploy(
        &escrow,
        &registry,
        &compliance,
        &token,
        owner,
        offering,
        Terms::new(Address::ZERO, treasury.address()),
    );
    env.buy_eth(&registry, alice, ALICE_ID, 10, 1_001);
    env.close();

    // Out of order, and by someone else: refused.
    let err = escrow
        .sender(owner)
        .approve_milestone(u(1))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        EscrowMilestoneOutOfOrder {
            expected: U256::ZERO,
            given: u(1),
        }
        .into()
    );
    let err = escrow
        .sender(alice)
        .approve_milestone(u(0))
        .motsu_unwrap_err();
    assert_eq!(err, EscrowUnauthorizedApprover { account: alice }.into());

    env.approve(0);
    escrow.assert_emitted(&MilestoneReleased {
        index: U256::ZERO,
        amount: u(300),
    });
    env.approve(1);
    // The last milestone takes what rounding left: 1,001 - 300 - 300.
    env.approve(2);
    escrow.assert_emitted(&MilestoneReleased {
        index: u(2),
        amount: u(401),
    });
    assert_eq!(escrow.sender(owner).totals().1, u(1_001));
    assert_eq!(statuses(&escrow, owner), vec![RELEASED; 3]);
    // Nothing left to approve; no milestone releases twice.
    let err = escrow
        .sender(owner)
        .approve_milestone(u(2))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        EscrowMilestoneOutOfOrder {
            expected: u(3),
            given: u(2),
        }
        .into()
    );
    env.assert_invariants(&[ALICE_ID]);
}

#[motsu::test]
fn treasury_withdraws_what_was_released(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    treasury: Contract<Wallet>,
    owner: Address,
    offering: Address,
    alice: Address,
) {
    let env = deploy(
        &escrow,
        &registry,
        &compliance,
        &token,
        owner,
        offering,
        Terms::new(Address::ZERO, treasury.address()),
    );
    env.buy_eth(&registry, alice, ALICE_ID, 10, 1_000);
    env.close();

    let err = escrow.sender(alice).withdraw().motsu_unwrap_err();
    assert_eq!(err, EscrowNothingToPay {}.into());
    env.approve(0);
    escrow.sender(alice).withdraw().motsu_unwrap();
    assert_eq!(eth(treasury.address()), u(300));
    escrow.assert_emitted(&TreasuryWithdrawal {
        treasury: treasury.address(),
        amount: u(300),
    });
    let err = escrow.sender(alice).withdraw().motsu_unwrap_err();
    assert_eq!(err, EscrowNothingToPay {}.into());

    env.approve(1);
    env.approve(2);
    escrow.sender(alice).withdraw().motsu_unwrap();
    assert_eq!(eth(treasury.address()), u(1_000));
    assert_eq!(eth(escrow.address()), U256::ZERO);
    env.assert_invariants(&[ALICE_ID]);
}

#[motsu::test]
fn treasury_that_reverts_keeps_its_due(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    treasury: Contract<Wallet>,
    owner: Address,
    offering: Address,
    alice: Address,
) {
    let env = deploy(
        &escrow,
        &registry,
        &compliance,
        &token,
        owner,
        offering,
        Terms::new(Address::ZERO, treasury.address()),
    );
    env.buy_eth(&registry, alice, ALICE_ID, 10, 1_000);
    env.close();
    env.approve(0);
    treasury.sender(owner).set_refuse(true);

    let err = escrow.sender(alice).withdraw().motsu_unwrap_err();

    assert!(matches!(err, Error::Reverted(_)));
    assert_eq!(escrow.sender(owner).totals().2, U256::ZERO);
    treasury.sender(owner).set_refuse(false);
    escrow.sender(alice).withdraw().motsu_unwrap();
    assert_eq!(eth(treasury.address()), u(300));
}

#[motsu::test]
fn erc20_releases_go_to_the_treasury(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    usdc: Contract<MockErc20>,
    owner: Address,
    offering: Address,
    treasury: Address,
    alice: Address,
) {
    let env = deploy(
        &escrow,
        &registry,
        &compliance,
        &token,
        owner,
        offering,
        Terms::new(usdc.address(), treasury),
    );
    env.buy(&registry, alice, ALICE_ID, 10);
    usdc.sender(offering).mint(escrow.address(), u(2_000));
    escrow
        .sender(offering)
        .deposit(alice, u(10), u(2_000))
        .motsu_unwrap();
    env.close();
    env.approve(0);

    escrow.sender(treasury).withdraw().motsu_unwrap();

    assert_eq!(usdc.sender(owner).balance_of(treasury), u(600));
    assert_eq!(usdc.sender(owner).balance_of(escrow.address()), u(1_400));
}

#[motsu::test]
fn approval_after_the_deadline_is_refused_and_the_milestone_fails(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    treasury: Contract<Wallet>,
    owner: Address,
    offering: Address,
    alice: Address,
) {
    let terms = Terms {
        deadlines: vec![NOW - 1, NOW + DAY, NOW + 2 * DAY],
        ..Terms::new(Address::ZERO, treasury.address())
    };
    let env = deploy(
        &escrow,
        &registry,
        &compliance,
        &token,
        owner,
        offering,
        terms,
    );
    env.buy_eth(&registry, alice, ALICE_ID, 10, 1_000);
    env.close();

    let err = escrow
        .sender(owner)
        .approve_milestone(u(0))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        EscrowMilestoneDeadlinePassed { deadline: NOW - 1 }.into()
    );

    // Anyone reports the failure.
    escrow.sender(alice).fail_milestone(u(0)).motsu_unwrap();
    assert_eq!(escrow.sender(owner).state(), REFUNDING);
    escrow.assert_emitted(&MilestoneFailed { index: U256::ZERO });
    let err = escrow
        .sender(owner)
        .approve_milestone(u(0))
        .motsu_unwrap_err();
    assert_eq!(err, EscrowWrongState { state: REFUNDING }.into());
}

#[motsu::test]
fn a_milestone_before_its_deadline_cannot_be_reported_failed(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    treasury: Contract<Wallet>,
    owner: Address,
    offering: Address,
    alice: Address,
) {
    let terms = Terms {
        deadlines: vec![NOW, NOW + DAY, NOW + 2 * DAY],
        ..Terms::new(Address::ZERO, treasury.address())
    };
    let env = deploy(
        &escrow,
        &registry,
        &compliance,
        &token,
        owner,
        offering,
        terms,
    );
    env.buy_eth(&registry, alice, ALICE_ID, 10, 1_000);
    env.close();

    let err = escrow.sender(alice).fail_milestone(u(0)).motsu_unwrap_err();
    assert_eq!(err, EscrowMilestoneNotDue { deadline: NOW }.into());
    // At its deadline it may still be approved.
    env.approve(0);
    let err = escrow.sender(alice).fail_milestone(u(0)).motsu_unwrap_err();
    assert_eq!(
        err,
        EscrowMilestoneOutOfOrder {
            expected: u(1),
            given: U256::ZERO,
        }
        .into()
    );
}

#[motsu::test]
fn approver_cancels_the_next_milestone(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    treasury: Contract<Wallet>,
    owner: Address,
    offering: Address,
    alice: Address,
) {
    let env = deploy(
        &escrow,
        &registry,
        &compliance,
        &token,
        owner,
        offering,
        Terms::new(Address::ZERO, treasury.address()),
    );
    env.buy_eth(&registry, alice, ALICE_ID, 10, 1_000);
    // Not before the raise closed.
    let err = escrow
        .sender(owner)
        .cancel_milestone(u(0))
        .motsu_unwrap_err();
    assert_eq!(err, EscrowWrongState { state: RAISING }.into());
    env.close();
    env.approve(0);

    let err = escrow
        .sender(alice)
        .cancel_milestone(u(1))
        .motsu_unwrap_err();
    assert_eq!(err, EscrowUnauthorizedApprover { account: alice }.into());
    escrow.sender(owner).cancel_milestone(u(1)).motsu_unwrap();

    assert_eq!(escrow.sender(owner).state(), REFUNDING);
    escrow.assert_emitted(&MilestoneCancelled { index: u(1) });
    assert_eq!(statuses(&escrow, owner), vec![RELEASED, MISSED, PENDING]);
    // 70% is unreleased.
    assert_eq!(escrow.sender(owner).refundable(ALICE_ID).unwrap(), u(700));
    env.assert_invariants(&[ALICE_ID]);
}
