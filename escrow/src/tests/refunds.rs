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
    env.wallet_of(&registry, receiver.address(), ALICE_ID);
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
        investor: ALICE_ID,
        wallet: alice,
        to: receiver.address(),
        tokens: u(10),
        amount: u(999),
    });
    env.assert_invariants(&[ALICE_ID]);
}

#[motsu::test]
fn refunds_after_one_release_pay_the_unreleased_share_in_parts(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    receiver: Contract<Wallet>,
    bobs_receiver: Contract<Wallet>,
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
    env.wallet_of(&registry, receiver.address(), ALICE_ID);
    env.wallet_of(&registry, bobs_receiver.address(), BOB_ID);
    env.close();
    env.approve(0);
    escrow.sender(owner).cancel_milestone(u(1)).motsu_unwrap();
    // 70% unreleased: Alice 420, Bob 280.
    assert_eq!(escrow.sender(owner).refundable(ALICE_ID).unwrap(), u(420));
    assert_eq!(escrow.sender(owner).refundable(BOB_ID).unwrap(), u(280));
    // An identity that bought nothing is owed nothing.
    let stranger = Address::repeat_byte(0xca);
    assert_eq!(
        escrow.sender(owner).refundable(stranger).unwrap(),
        U256::ZERO
    );

    let first = escrow
        .sender(alice)
        .claim_refund(u(2), receiver.address())
        .motsu_unwrap();
    let second = escrow
        .sender(alice)
        .claim_refund(u(4), receiver.address())
        .motsu_unwrap();
    assert_eq!((first, second), (u(140), u(280)));
    assert_eq!(
        escrow.sender(owner).refundable(ALICE_ID).unwrap(),
        U256::ZERO
    );
    // Each purchased token is refunded once: a token minted otherwise is
    // not one.
    env.buy(&registry, alice, ALICE_ID, 1);
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
        .claim_refund(u(4), bobs_receiver.address())
        .motsu_unwrap();
    assert_eq!(eth(receiver.address()), u(420));
    assert_eq!(eth(bobs_receiver.address()), u(280));
    // What is left is exactly the treasury's 300.
    assert_eq!(eth(escrow.address()), u(300));
    env.assert_invariants(&[ALICE_ID, BOB_ID]);
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
    env.wallet_of(&registry, receiver.address(), ALICE_ID);
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
    env.assert_invariants(&[ALICE_ID]);
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
    env.wallet_of(&registry, receiver.address(), ALICE_ID);
    env.wallet_of(&registry, other.address(), ALICE_ID);
    env.close();
    receiver.sender(alice).set_refuse(true);

    let err = escrow
        .sender(alice)
        .claim_refund(u(10), receiver.address())
        .motsu_unwrap_err();

    assert_eq!(err, Error::Reverted(WalletRefusesEth {}.abi_encode()));
    assert_eq!(escrow.sender(owner).deposits(ALICE_ID).2, U256::ZERO);
    assert_eq!(token.sender(owner).balance_of(alice), u(10));
    escrow
        .sender(alice)
        .claim_refund(u(10), other.address())
        .motsu_unwrap();
    assert_eq!(eth(other.address()), u(500));
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
    env.wallet_of(&registry, receiver.address(), ALICE_ID);
    token.sender(owner).unpause().motsu_unwrap();
    token.sender(alice).transfer(bob, u(8)).motsu_unwrap();
    env.close();

    let err = escrow
        .sender(alice)
        .claim_refund(u(10), receiver.address())
        .motsu_unwrap_err();
    assert_eq!(
        err,
        EscrowInsufficientFreeTokens {
            wallet: alice,
            free: u(2),
            requested: u(10),
        }
        .into()
    );
    // Bob bought nothing from the offering: nothing to refund him.
    let err = escrow
        .sender(bob)
        .claim_refund(u(1), bob)
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
        .deposit(ALICE_ID, u(10), u(500))
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
fn a_recovered_wallet_claims_the_investors_refund(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    recovered: Contract<Wallet>,
    owner: Address,
    offering: Address,
    treasury: Address,
    lost: Address,
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
    registry
        .sender(owner)
        .roles
        .add_agent(token.address())
        .motsu_unwrap();
    env.buy_eth(&registry, lost, ALICE_ID, 10, 800);
    recovered.sender(owner).set_refuse(false);
    token
        .sender(owner)
        .recovery_address(lost, recovered.address(), ALICE_ID)
        .motsu_unwrap();
    env.close();

    // The lost wallet is gone from the registry; the new one claims.
    let err = escrow
        .sender(lost)
        .claim_refund(U256::ZERO, lost)
        .motsu_unwrap_err();
    assert_eq!(err, EscrowUnregisteredWallet { wallet: lost }.into());
    let amount = escrow
        .sender(recovered.address())
        .claim_refund(u(10), recovered.address())
        .motsu_unwrap();

    assert_eq!(amount, u(800));
    assert_eq!(eth(recovered.address()), u(800));
    assert_eq!(token.sender(owner).total_supply(), U256::ZERO);
    assert_eq!(
        escrow.sender(owner).deposits(ALICE_ID),
        (u(800), u(10), u(10))
    );
    escrow.assert_emitted(&Refunded {
        investor: ALICE_ID,
        wallet: recovered.address(),
        to: recovered.address(),
        tokens: u(10),
        amount: u(800),
    });
    env.assert_invariants(&[ALICE_ID]);
}

#[motsu::test]
fn tokens_forced_to_another_wallet_of_the_investor_are_refunded_from_it(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    second: Contract<Wallet>,
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
    env.buy_eth(&registry, alice, ALICE_ID, 10, 900);
    env.wallet_of(&registry, second.address(), ALICE_ID);
    token
        .sender(owner)
        .forced_transfer(alice, second.address(), u(6))
        .motsu_unwrap();
    env.close();

    // Each wallet returns what it holds, for the one identity's refund.
    escrow
        .sender(second.address())
        .claim_refund(u(6), second.address())
        .motsu_unwrap();
    escrow
        .sender(alice)
        .claim_refund(u(4), second.address())
        .motsu_unwrap();
    assert_eq!(eth(second.address()), u(900));
    assert_eq!(
        escrow.sender(owner).refundable(ALICE_ID).unwrap(),
        U256::ZERO
    );
    env.assert_invariants(&[ALICE_ID]);
}

#[motsu::test]
fn frozen_wallets_and_frozen_tokens_cannot_be_returned(
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
    env.buy_eth(&registry, alice, ALICE_ID, 10, 900);
    env.wallet_of(&registry, receiver.address(), ALICE_ID);
    env.close();

    token
        .sender(owner)
        .set_address_frozen(alice, true)
        .motsu_unwrap();
    let err = escrow
        .sender(alice)
        .claim_refund(u(1), receiver.address())
        .motsu_unwrap_err();
    assert_eq!(err, EscrowWalletFrozen { wallet: alice }.into());

    token
        .sender(owner)
        .set_address_frozen(alice, false)
        .motsu_unwrap();
    token
        .sender(owner)
        .freeze_partial_tokens(alice, u(7))
        .motsu_unwrap();
    let err = escrow
        .sender(alice)
        .claim_refund(u(4), receiver.address())
        .motsu_unwrap_err();
    assert_eq!(
        err,
        EscrowInsufficientFreeTokens {
            wallet: alice,
            free: u(3),
            requested: u(4),
        }
        .into()
    );
    assert_eq!(token.sender(owner).balance_of(alice), u(10));
    assert_eq!(eth(receiver.address()), U256::ZERO);

    // Exactly the free balance may go.
    escrow
        .sender(alice)
        .claim_refund(u(3), receiver.address())
        .motsu_unwrap();
    assert_eq!(eth(receiver.address()), u(270));
    assert_eq!(token.sender(owner).get_frozen_tokens(alice), u(7));
    env.assert_invariants(&[ALICE_ID]);
}

#[motsu::test]
fn refunds_go_only_to_the_claimer_or_a_verified_wallet_of_its_identity(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    own: Contract<Wallet>,
    stranger: Contract<Wallet>,
    owner: Address,
    offering: Address,
    treasury: Address,
    alice_wallet: Contract<Wallet>,
    unregistered: Address,
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
    alice_wallet.sender(owner).set_refuse(false);
    let alice = alice_wallet.address();
    env.buy_eth(&registry, alice, ALICE_ID, 10, 900);
    env.wallet_of(&registry, own.address(), ALICE_ID);
    env.wallet_of(&registry, stranger.address(), BOB_ID);
    env.close();

    for to in [stranger.address(), unregistered, Address::ZERO] {
        let err = escrow
            .sender(alice)
            .claim_refund(u(1), to)
            .motsu_unwrap_err();
        assert_eq!(err, EscrowInvalidRecipient { to }.into());
    }
    // A claim topic the identity lacks: its other wallet is no longer
    // verified, the claiming wallet itself still receives.
    registry.sender(owner).add_claim_topic(u(7)).motsu_unwrap();
    let err = escrow
        .sender(alice)
        .claim_refund(u(1), own.address())
        .motsu_unwrap_err();
    assert_eq!(err, EscrowInvalidRecipient { to: own.address() }.into());
    assert_eq!(escrow.sender(owner).deposits(ALICE_ID).2, U256::ZERO);

    escrow
        .sender(alice)
        .claim_refund(u(1), alice)
        .motsu_unwrap();
    assert_eq!(eth(alice), u(90));
    assert_eq!(eth(stranger.address()), U256::ZERO);
}

#[motsu::test]
fn agents_settle_a_frozen_investors_refund_to_a_verified_wallet(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    second: Contract<Wallet>,
    stranger: Contract<Wallet>,
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
    env.buy_eth(&registry, alice, ALICE_ID, 10, 900);
    env.wallet_of(&registry, second.address(), ALICE_ID);
    env.wallet_of(&registry, stranger.address(), BOB_ID);
    let err = escrow
        .sender(owner)
        .settle_refund(ALICE_ID, alice, u(10), second.address())
        .motsu_unwrap_err();
    assert_eq!(err, EscrowWrongState { state: RAISING }.into());
    env.close();
    token
        .sender(owner)
        .set_address_frozen(alice, true)
        .motsu_unwrap();
    token
        .sender(owner)
        .freeze_partial_tokens(alice, u(10))
        .motsu_unwrap();

    // Only an agent of the token; only to a verified wallet of the
    // holder's identity (not the frozen wallet's accomplice).
    let err = escrow
        .sender(alice)
        .settle_refund(ALICE_ID, alice, u(10), second.address())
        .motsu_unwrap_err();
    assert_eq!(err, EscrowUnauthorizedAgent { account: alice }.into());
    let err = escrow
        .sender(owner)
        .settle_refund(ALICE_ID, alice, u(10), stranger.address())
        .motsu_unwrap_err();
    assert_eq!(
        err,
        EscrowInvalidRecipient {
            to: stranger.address()
        }
        .into()
    );
    let err = escrow
        .sender(owner)
        .settle_refund(ALICE_ID, alice, u(11), second.address())
        .motsu_unwrap_err();
    assert_eq!(
        err,
        EscrowRefundExceedsPurchase {
            available: u(10),
            requested: u(11),
        }
        .into()
    );

    let amount = escrow
        .sender(owner)
        .settle_refund(ALICE_ID, alice, u(10), second.address())
        .motsu_unwrap();
    assert_eq!(amount, u(900));
    assert_eq!(eth(second.address()), u(900));
    assert_eq!(token.sender(owner).balance_of(alice), U256::ZERO);
    escrow.assert_emitted(&Refunded {
        investor: ALICE_ID,
        wallet: alice,
        to: second.address(),
        tokens: u(10),
        amount: u(900),
    });
    env.assert_invariants(&[ALICE_ID]);
}

#[motsu::test]
fn an_investor_whose_identity_changed_is_refunded_by_an_agent(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    alice_wallet: Contract<Wallet>,
    owner: Address,
    offering: Address,
    treasury: Address,
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
    alice_wallet.sender(owner).set_refuse(false);
    let alice = alice_wallet.address();
    let new_id = Address::repeat_byte(0x1d);
    env.buy_eth(&registry, alice, ALICE_ID, 10, 900);
    registry
        .sender(owner)
        .update_identity(alice, new_id)
        .motsu_unwrap();
    env.close();

    // The new identity bought nothing; the old one's purchase is settled
    // to the investor's wallet.
    let err = escrow
        .sender(alice)
        .claim_refund(u(10), alice)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        EscrowRefundExceedsPurchase {
            available: U256::ZERO,
            requested: u(10),
        }
        .into()
    );
    escrow
        .sender(owner)
        .settle_refund(ALICE_ID, alice, u(10), alice)
        .motsu_unwrap();
    assert_eq!(eth(alice), u(900));
    env.assert_invariants(&[ALICE_ID, new_id]);
}

/// Random lifecycles: purchases, recoveries, forced moves between an
/// investor's wallets, freezes and identity changes while raising; some
/// releases; then every investor returns everything. Every wei deposited
/// ends released, refunded or (rounding dust) in the escrow; every identity
/// that paid gets its whole refund; the escrow stays solvent throughout.
#[motsu::test]
#[allow(clippy::too_many_arguments)] // The wallets the lifecycle moves through.
fn random_lifecycles_strand_no_refund(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    treasury: Contract<Wallet>,
    w0: Contract<Wallet>,
    w1: Contract<Wallet>,
    w2: Contract<Wallet>,
    w3: Contract<Wallet>,
    w4: Contract<Wallet>,
    w5: Contract<Wallet>,
    w6: Contract<Wallet>,
    w7: Contract<Wallet>,
    w8: Contract<Wallet>,
    w9: Contract<Wallet>,
    w10: Contract<Wallet>,
    w11: Contract<Wallet>,
    owner: Address,
    offering: Address,
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
    registry
        .sender(owner)
        .roles
        .add_agent(token.address())
        .motsu_unwrap();
    let pool = [&w0, &w1, &w2, &w3, &w4, &w5, &w6, &w7, &w8, &w9, &w10, &w11];
    for wallet in pool {
        wallet.sender(owner).set_refuse(false);
    }
    let wallets: Vec<Address> = pool.iter().map(|w| w.address()).collect();
    let payers = [ALICE_ID, BOB_ID, Address::repeat_byte(0xca)];
    // Per payer: its current identity and its wallets (indices in `wallets`).
    let mut current = payers;
    let mut owned: Vec<Vec<usize>> = vec![vec![0], vec![1], vec![2]];
    let mut fresh = 3;
    let mut new_ids = 0u8;
    let mut rng = common::testing::Rng(0xe5c2);
    for (i, payer) in payers.iter().enumerate() {
        env.wallet_of(&registry, wallets[i], *payer);
    }
    for _ in 0..14 {
        let who = rng.below(3);
        let wallet = wallets[owned[who][rng.below(owned[who].len())]];
        let holding = token.sender(owner).balance_of(wallet);
        match rng.below(6) {
            // Recovery of a wallet holding tokens to a fresh one.
            0 if fresh < wallets.len() && !holding.is_zero() => {
                let to = fresh;
                fresh += 1;
                token
                    .sender(owner)
                    .recovery_address(wallet, wallets[to], current[who])
                    .motsu_unwrap();
                owned[who].retain(|&w| wallets[w] != wallet);
                owned[who].push(to);
            }
            // A forced move to another (maybe new) wallet of the investor.
            1 if !holding.is_zero() => {
                let to = if fresh < wallets.len() && rng.below(2) == 0 {
                    fresh += 1;
                    env.wallet_of(&registry, wallets[fresh - 1], current[who]);
                    owned[who].push(fresh - 1);
                    fresh - 1
                } else {
                    owned[who][rng.below(owned[who].len())]
                };
                if wallets[to] != wallet {
                    let amount = rng.next_u64() % holding.to::<u64>() + 1;
                    token
                        .sender(owner)
                        .forced_transfer(wallet, wallets[to], u(amount))
                        .motsu_unwrap();
                }
            }
            // A freeze, or its end.
            2 => {
                let frozen = token.sender(owner).is_frozen(wallet);
                token
                    .sender(owner)
                    .set_address_frozen(wallet, !frozen)
                    .motsu_unwrap();
            }
            // The investor moves all its wallets to a new identity.
            3 => {
                new_ids += 1;
                current[who] = Address::repeat_byte(0x10 + new_ids);
                for &w in &owned[who] {
                    registry
                        .sender(owner)
                        .update_identity(wallets[w], current[who])
                        .motsu_unwrap();
                }
            }
            // A purchase, while the investor's identity is still the one
            // it paid with (the offering deposits under the identity).
            _ if current[who] == payers[who] && !token.sender(owner).is_frozen(wallet) => {
                env.buy_eth(
                    &registry,
                    wallet,
                    payers[who],
                    rng.next_u64() % 50 + 1,
                    rng.next_u64() % 700 + 1,
                );
            }
            _ => {}
        }
        env.assert_invariants(&payers);
    }
    env.close();
    if escrow.sender(owner).state() == SUCCEEDED {
        for index in 0..rng.next_u64() % 3 {
            env.approve(index);
            env.assert_invariants(&payers);
        }
        let index = statuses(&escrow, owner)
            .iter()
            .filter(|s| **s == RELEASED)
            .count();
        escrow
            .sender(owner)
            .cancel_milestone(u(index as u64))
            .motsu_unwrap();
        escrow.sender(owner).withdraw().motsu_res().ok();
    }

    // Every investor returns everything from wherever its tokens are: a
    // wallet claims itself; a frozen wallet, or one whose identity changed,
    // is settled by an agent.
    let mut claims = 0u64;
    for who in 0..3 {
        for &w in &owned[who] {
            let wallet = wallets[w];
            let held = token.sender(owner).balance_of(wallet);
            if held.is_zero() {
                continue;
            }
            let frozen = token.sender(owner).is_frozen(wallet);
            let paid = if frozen || current[who] != payers[who] {
                escrow
                    .sender(owner)
                    .settle_refund(payers[who], wallet, held, wallet)
                    .motsu_res()
            } else {
                escrow.sender(wallet).claim_refund(held, wallet).motsu_res()
            };
            // A claim worth less than a wei is refused; its tokens stay.
            match paid {
                Ok(_) => claims += 1,
                Err(err) => assert_eq!(err, EscrowNothingToPay {}.into()),
            }
            env.assert_invariants(&payers);
        }
    }
    let view = escrow.sender(owner);
    let (deposited, released, withdrawn, refunded) = view.totals();
    for payer in payers {
        assert_eq!(view.refundable(payer).unwrap(), U256::ZERO, "{payer}");
    }
    let received: U256 = wallets[..fresh].iter().map(|w| eth(*w)).sum();
    assert_eq!(received, refunded);
    // What is neither released nor refunded is rounding: under a wei per
    // claim.
    let dust = deposited - released - refunded;
    assert!(
        dust <= u(claims.max(1)),
        "dust {dust} after {claims} claims"
    );
    assert_eq!(eth(escrow.address()), deposited - withdrawn - refunded);
}
