//! Pro-rata refunds: after zero, one and several releases, partial
//! returns, ETH and ERC-20, reverting receivers, and random sequences.
use ::identity_registry::IdentityRegistry;
use ::token::Token;
use alloy_primitives::{Address, U256};
use alloy_sol_types::SolError;
use common::testing::{MockErc20, Wallet, WalletRefusesEth};
use compliance::Compliance;
use motsu::prelude::*;

use super::*;

#[motsu::test]
fn failed_raise_refunds_everything_and_burns_the_tokens(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    receiver: Contract<Wallet>,
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
        Terms::new(Address::ZERO, treasury),
    );
    env.buy_eth(&registry, alice, ALICE_ID, 10, 999);
    let err = escrow
        .sender(alice)
        .claim_refund(u(10), receiver.address())
        .motsu_unwrap_err();
    assert_eq!(err, EscrowWrongState { state: RAISING }.into());
    env.close();

    let amount = escrow
        .sender(alice)
        .claim_refund(u(10), receiver.address())
        .motsu_unwrap();

    assert_eq!(amount, u(999));
    assert_eq!(eth(receiver.address()), u(999));
    assert_eq!(token.sender(owner).balance_of(alice), U256::ZERO);
    assert_eq!(token.sender(owner).total_supply(), U256::ZERO);
    escrow.assert_emitted(&Refunded {
        investor: alice,
        to: receiver.address(),
        tokens: u(10),
        amount: u(999),
    });
    env.assert_invariants(&[alice]);
}

#[motsu::test]
fn refunds_after_one_release_pay_the_unreleased_share_in_parts(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    receiver: Contract<Wallet>,
    owner: Address,
    offering: Address,
    treasury: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy(
        &escrow,
        &registry,
        &compliance,
        &token,
        owner,
        offering,
        Terms::new(Address::ZERO, treasury),
    );
    env.buy_eth(&registry, alice, ALICE_ID, 6, 600);
    env.buy_eth(&registry, bob, BOB_ID, 4, 400);
    env.close();
    env.approve(0);
    escrow.sender(owner).cancel_milestone(u(1)).motsu_unwrap();
    // 70% unreleased: Alice 420, Bob 280.
    assert_eq!(escrow.sender(owner).refundable(alice).unwrap(), u(420));
    assert_eq!(escrow.sender(owner).refundable(bob).unwrap(), u(280));

    let first = escrow
        .sender(alice)
        .claim_refund(u(2), receiver.address())
        .motsu_unwrap();
    let second = escrow
        .sender(alice)
        .claim_refund(u(4), receiver.address())
        .motsu_unwrap();
    assert_eq!((first, second), (u(140), u(280)));
    assert_eq!(escrow.sender(owner).refundable(alice).unwrap(), U256::ZERO);
    // Each purchased token is refunded once.
    let err = escrow
        .sender(alice)
        .claim_refund(u(1), receiver.address())
        .motsu_unwrap_err();
    assert_eq!(
        err,
        EscrowRefundExceedsPurchase {
            available: U256::ZERO,
            requested: u(1),
        }
        .into()
    );
    escrow
        .sender(bob)
        .claim_refund(u(4), receiver.address())
        .motsu_unwrap();
    assert_eq!(eth(receiver.address()), u(700));
    // What is left is exactly the treasury's 300.
    assert_eq!(eth(escrow.address()), u(300));
    env.assert_invariants(&[alice, bob]);
}

#[motsu::test]
fn refunds_after_several_releases_pay_what_is_left(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    receiver: Contract<Wallet>,
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
        Terms::new(Address::ZERO, treasury),
    );
    env.buy_eth(&registry, alice, ALICE_ID, 3, 1_000);
    env.close();
    env.approve(0);
    env.approve(1);
    escrow.sender(owner).cancel_milestone(u(2)).motsu_unwrap();

    // 40% of 1,000 over 3 tokens: 133, then 266 (cumulative), then 400.
    let parts: Vec<U256> = (0..3)
        .map(|_| {
            escrow
                .sender(alice)
                .claim_refund(u(1), receiver.address())
                .motsu_unwrap()
        })
        .collect();
    assert_eq!(parts, vec![u(133), u(133), u(134)]);
    env.assert_invariants(&[alice]);
}

#[motsu::test]
fn reverting_receiver_reverts_only_that_claim(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    receiver: Contract<Wallet>,
    other: Contract<Wallet>,
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
        Terms::new(Address::ZERO, treasury),
    );
    env.buy_eth(&registry, alice, ALICE_ID, 10, 500);
    env.close();
    receiver.sender(alice).set_refuse(true);

    let err = escrow
        .sender(alice)
        .claim_refund(u(10), receiver.address())
        .motsu_unwrap_err();

    assert_eq!(err, Error::Reverted(WalletRefusesEth {}.abi_encode()));
    assert_eq!(escrow.sender(owner).deposits(alice).2, U256::ZERO);
    assert_eq!(token.sender(owner).balance_of(alice), u(10));
    escrow
        .sender(alice)
        .claim_refund(u(10), other.address())
        .motsu_unwrap();
    assert_eq!(eth(other.address()), u(500));
    let err = escrow
        .sender(alice)
        .claim_refund(u(1), Address::ZERO)
        .motsu_unwrap_err();
    assert_eq!(err, EscrowInvalidRecipient { to: Address::ZERO }.into());
}

#[motsu::test]
fn tokens_no_longer_held_cannot_be_returned(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    receiver: Contract<Wallet>,
    owner: Address,
    offering: Address,
    treasury: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy(
        &escrow,
        &registry,
        &compliance,
        &token,
        owner,
        offering,
        Terms::new(Address::ZERO, treasury),
    );
    env.buy_eth(&registry, alice, ALICE_ID, 10, 500);
    env.buy(&registry, bob, BOB_ID, 0);
    token.sender(owner).unpause().motsu_unwrap();
    token.sender(alice).transfer(bob, u(8)).motsu_unwrap();
    env.close();

    let err = escrow
        .sender(alice)
        .claim_refund(u(10), receiver.address())
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::Reverted(
            ::token::ERC20InsufficientBalance {
                sender: alice,
                balance: u(2),
                needed: u(10),
            }
            .abi_encode()
        )
    );
    // Bob bought nothing from the offering: nothing to refund him.
    let err = escrow
        .sender(bob)
        .claim_refund(u(1), receiver.address())
        .motsu_unwrap_err();
    assert_eq!(
        err,
        EscrowRefundExceedsPurchase {
            available: U256::ZERO,
            requested: u(1),
        }
        .into()
    );
    escrow
        .sender(alice)
        .claim_refund(u(2), receiver.address())
        .motsu_unwrap();
    assert_eq!(eth(receiver.address()), u(100));
}

#[motsu::test]
fn erc20_refunds_go_to_the_named_receiver(
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
    usdc.sender(offering).mint(escrow.address(), u(500));
    escrow
        .sender(offering)
        .deposit(alice, u(10), u(500))
        .motsu_unwrap();
    env.close();

    escrow
        .sender(alice)
        .claim_refund(u(10), alice)
        .motsu_unwrap();

    assert_eq!(usdc.sender(owner).balance_of(alice), u(500));
    assert_eq!(usdc.sender(owner).balance_of(escrow.address()), U256::ZERO);
}

#[motsu::test]
fn random_lifecycles_keep_the_escrow_solvent(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    receiver: Contract<Wallet>,
    treasury: Contract<Wallet>,
    owner: Address,
    offering: Address,
    alice: Address,
    bob: Address,
    carol: Address,
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
    let investors = [
        (alice, ALICE_ID),
        (bob, BOB_ID),
        (carol, Address::repeat_byte(0xca)),
    ];
    let mut seed = 0xe5c2_u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..9 {
        let (investor, identity) = investors[(next() % 3) as usize];
        env.buy_eth(
            &registry,
            investor,
            identity,
            next() % 50 + 1,
            next() % 700 + 1,
        );
    }
    env.close();
    if escrow.sender(owner).state() == SUCCEEDED {
        for index in 0..next() % 3 {
            env.approve(index);
            env.assert_invariants(&[alice, bob, carol]);
        }
        let index = escrow
            .sender(owner)
            .milestones()
            .2
            .iter()
            .filter(|s| **s == RELEASED)
            .count();
        escrow
            .sender(owner)
            .cancel_milestone(u(index as u64))
            .motsu_unwrap();
        escrow.sender(owner).withdraw().motsu_res().ok();
    }
    for _ in 0..12 {
        let (investor, _) = investors[(next() % 3) as usize];
        let (_, bought, returned) = escrow.sender(owner).deposits(investor);
        let left = (bought - returned).to::<u64>();
        if left > 0 {
            let tokens = next() % left + 1;
            escrow
                .sender(investor)
                .claim_refund(u(tokens), receiver.address())
                .motsu_res()
                .ok();
        }
        env.assert_invariants(&[alice, bob, carol]);
        let (deposited, _, withdrawn, refunded) = escrow.sender(owner).totals();
        assert_eq!(eth(escrow.address()), deposited - withdrawn - refunded);
    }
}
