//! Redemptions: tenders paid at once, agent redemptions credited to
//! identities and withdrawn, refusals.
use ::identity_registry::IdentityRegistry;
use ::token::Token;
use alloy_primitives::{Address, U256};
use common::testing::MockErc20;
use compliance::Compliance;
use motsu::prelude::*;

use super::*;

#[motsu::test]
fn a_tender_burns_the_tokens_and_pays_price_times_tokens_rounded_down(
    distribution: Contract<Distribution>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    usdc: Contract<MockErc20>,
    owner: Address,
    treasury: Address,
    alice: Address,
) {
    // 18 decimals: 2.5 tokens at 1,000 wei per whole token pay 2,500 wei.
    let env = deploy(
        &distribution,
        &registry,
        &compliance,
        &token,
        &usdc,
        owner,
        treasury,
        18,
    );
    let whole = 10u64.pow(18);
    env.holder(alice, ALICE_ID, 3 * whole);
    let id = env.redemption(1_000, 10_000);
    distribution.assert_emitted(&RedemptionCreated {
        id,
        asset: usdc.address(),
        price: u(1_000),
        pool: u(10_000),
        start: NOW,
        end: NOW + DAY,
    });
    let tokens = u(5 * whole / 2);
    assert_eq!(
        distribution
            .sender(alice)
            .quote_redemption(id, tokens)
            .motsu_unwrap(),
        u(2_500)
    );
    let paid = distribution.sender(alice).tender(id, tokens).motsu_unwrap();
    assert_eq!(paid, u(2_500));
    distribution.assert_emitted(&Redeemed {
        id,
        identity: ALICE_ID,
        wallet: alice,
        tokens,
        amount: u(2_500),
        paid: true,
    });
    assert_eq!(env.usdc_of(alice), u(2_500));
    assert_eq!(env.balance(alice), u(whole / 2));
    assert_eq!(token.sender(owner).total_supply(), u(whole / 2));
    // One unit more than a whole wei's worth rounds down.
    let paid = distribution
        .sender(alice)
        .tender(id, u(whole / 1_000 + 1))
        .motsu_unwrap();
    assert_eq!(paid, u(1));
    let (.., pool, spent, _, _, swept) =
        distribution.sender(owner).get_redemption(id).motsu_unwrap();
    assert_eq!((pool, spent, swept), (u(10_000), u(2_501), false));
    // Less than a wei's worth pays nothing: refused.
    let err = distribution
        .sender(alice)
        .tender(id, u(whole / 1_000 - 1))
        .motsu_unwrap_err();
    assert_eq!(err, DistributionNothingToPay {}.into());
}

#[motsu::test]
fn tenders_are_refused_outside_the_rules(
    distribution: Contract<Distribution>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    usdc: Contract<MockErc20>,
    owner: Address,
    treasury: Address,
    alice: Address,
    bob: Address,
    stranger: Address,
) {
    let env = deploy(
        &distribution,
        &registry,
        &compliance,
        &token,
        &usdc,
        owner,
        treasury,
        0,
    );
    env.holder(alice, ALICE_ID, 100);
    env.holder(bob, BOB_ID, 100);
    let id = env.redemption(10, 1_500);
    // Unknown redemption; a wallet of no identity (holding tokens).
    let err = distribution
        .sender(alice)
        .tender(u(5), u(1))
        .motsu_unwrap_err();
    assert_eq!(err, DistributionUnknown { id: u(5) }.into());
    let err = distribution
        .sender(stranger)
        .tender(id, u(1))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        DistributionUnverifiedWallet { wallet: stranger }.into()
    );
    // Frozen wallet; partly frozen tokens; zero tokens.
    token
        .sender(owner)
        .set_address_frozen(bob, true)
        .motsu_unwrap();
    let err = distribution.sender(bob).tender(id, u(1)).motsu_unwrap_err();
    assert_eq!(err, DistributionWalletFrozen { wallet: bob }.into());
    token
        .sender(owner)
        .freeze_partial_tokens(alice, u(30))
        .motsu_unwrap();
    for requested in [u(71), U256::ZERO] {
        let err = distribution
            .sender(alice)
            .tender(id, requested)
            .motsu_unwrap_err();
        assert_eq!(
            err,
            DistributionInsufficientFreeTokens {
                wallet: alice,
                free: u(70),
                requested
            }
            .into()
        );
    }
    // More than the pool has left: 150 tokens at 10 = 1,500; 1,600 refused.
    distribution.sender(alice).tender(id, u(70)).motsu_unwrap();
    token
        .sender(owner)
        .set_address_frozen(bob, false)
        .motsu_unwrap();
    let err = distribution
        .sender(bob)
        .tender(id, u(81))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        DistributionInsufficientFunds {
            remaining: u(800),
            amount: u(810)
        }
        .into()
    );
    assert_eq!(env.balance(bob), u(100));
    distribution.sender(bob).tender(id, u(80)).motsu_unwrap();
    assert_eq!(env.usdc_of(distribution.address()), U256::ZERO);
}

#[motsu::test]
fn a_redemption_that_has_not_started_takes_no_tender(
    distribution: Contract<Distribution>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    usdc: Contract<MockErc20>,
    owner: Address,
    treasury: Address,
    alice: Address,
) {
    let env = deploy(
        &distribution,
        &registry,
        &compliance,
        &token,
        &usdc,
        owner,
        treasury,
        0,
    );
    env.holder(alice, ALICE_ID, 100);
    let id = distribution
        .sender(owner)
        .create_redemption(usdc.address(), u(1), u(100), NOW + 1, NOW + DAY)
        .motsu_unwrap();
    let closed = DistributionRedemptionClosed {
        start: NOW + 1,
        end: NOW + DAY,
    };
    let err = distribution
        .sender(alice)
        .tender(id, u(1))
        .motsu_unwrap_err();
    assert_eq!(err, closed.clone().into());
    let err = distribution
        .sender(owner)
        .redeem(id, vec![alice])
        .motsu_unwrap_err();
    assert_eq!(err, closed.into());
    let err = distribution
        .sender(owner)
        .sweep_redemption(id)
        .motsu_unwrap_err();
    assert_eq!(err, DistributionRedemptionOpen { end: NOW + DAY }.into());
    // Sweeping takes an agent of the token.
    let err = distribution
        .sender(alice)
        .sweep_redemption(id)
        .motsu_unwrap_err();
    assert_eq!(err, DistributionUnauthorizedAgent { account: alice }.into());
    assert_eq!(env.balance(alice), u(100));
    assert_eq!(env.usdc_of(distribution.address()), u(100));
}

#[motsu::test]
fn creating_a_redemption_takes_an_agent_and_sound_funded_terms(
    distribution: Contract<Distribution>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    usdc: Contract<MockErc20>,
    owner: Address,
    treasury: Address,
    stranger: Address,
) {
    let env = deploy(
        &distribution,
        &registry,
        &compliance,
        &token,
        &usdc,
        owner,
        treasury,
        0,
    );
    owner.fund(u(1_000));
    stranger.fund(u(1_000));
    let create = |from: Address, value: u64, price: u64, pool: u64, start: u64, end: u64| {
        distribution
            .sender_and_value(from, u(value))
            .create_redemption(Address::ZERO, u(price), u(pool), start, end)
            .motsu_unwrap_err()
    };
    assert_eq!(
        create(stranger, 10, 1, 10, NOW, NOW + DAY),
        DistributionUnauthorizedAgent { account: stranger }.into()
    );
    for (price, pool, start, end, which) in [
        (0, 10, NOW, NOW + DAY, "price"),
        (1, 0, NOW, NOW + DAY, "pool"),
        (1, 10, NOW + 2, NOW + 1, "window"),
        (1, 10, NOW - DAY, NOW, "window"),
    ] {
        assert_eq!(
            create(owner, pool, price, pool, start, end),
            DistributionInvalidTerms {
                which: which.into()
            }
            .into()
        );
    }
    // A window of one second, in the future, is a window.
    distribution
        .sender(owner)
        .create_redemption(usdc.address(), u(1), u(10), NOW + DAY, NOW + DAY)
        .motsu_unwrap();
    assert_eq!(distribution.sender(owner).redemption_count(), u(1));
    assert_eq!(
        create(owner, 9, 1, 10, NOW, NOW + DAY),
        DistributionWrongValue {
            amount: u(10),
            value: u(9)
        }
        .into()
    );
    let err = distribution
        .sender(owner)
        .create_redemption(stranger, u(1), u(10), NOW, NOW + DAY)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        DistributionInvalidTerms {
            which: "asset".into()
        }
        .into()
    );
    assert_eq!(distribution.sender(owner).redemption_count(), u(1));
    assert_eq!(env.usdc_of(distribution.address()), u(10));
}

#[motsu::test]
fn an_agent_redeems_holders_and_their_identities_withdraw(
    distribution: Contract<Distribution>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    usdc: Contract<MockErc20>,
    owner: Address,
    treasury: Address,
    alice: Address,
    alice_phone: Address,
    bob: Address,
    carol: Address,
    stranger: Address,
) {
    let env = deploy(
        &distribution,
        &registry,
        &compliance,
        &token,
        &usdc,
        owner,
        treasury,
        0,
    );
    env.holder(alice, ALICE_ID, 100);
    env.holder(alice_phone, ALICE_ID, 0);
    env.holder(bob, BOB_ID, 50);
    env.holder(carol, CAROL_ID, 0);
    // Bob's 20 frozen tokens stay with him.
    token
        .sender(owner)
        .freeze_partial_tokens(bob, u(20))
        .motsu_unwrap();
    let id = env.redemption(3, 1_000);

    let err = distribution
        .sender(stranger)
        .redeem(id, vec![alice])
        .motsu_unwrap_err();
    assert_eq!(
        err,
        DistributionUnauthorizedAgent { account: stranger }.into()
    );
    let err = distribution
        .sender(owner)
        .redeem(id, vec![alice, stranger])
        .motsu_unwrap_err();
    assert_eq!(
        err,
        DistributionUnregisteredWallet { wallet: stranger }.into()
    );
    assert_eq!(env.balance(alice), u(100));

    // Carol holds nothing: skipped.
    let credited = distribution
        .sender(owner)
        .redeem(id, vec![alice, bob, carol])
        .motsu_unwrap();
    assert_eq!(credited, u(390));
    distribution.assert_emitted(&Redeemed {
        id,
        identity: BOB_ID,
        wallet: bob,
        tokens: u(30),
        amount: u(90),
        paid: false,
    });
    assert_eq!(env.balance(alice), U256::ZERO);
    assert_eq!(env.balance(bob), u(20));
    assert_eq!(distribution.sender(owner).credited(id, ALICE_ID), u(300));
    assert_eq!(distribution.sender(owner).credited(id, BOB_ID), u(90));
    assert_eq!(
        distribution.sender(owner).credited(id, CAROL_ID),
        U256::ZERO
    );

    // Alice withdraws with her second wallet, once.
    let paid = distribution.sender(alice_phone).withdraw(id).motsu_unwrap();
    assert_eq!(paid, u(300));
    distribution.assert_emitted(&Withdrawn {
        id,
        identity: ALICE_ID,
        wallet: alice_phone,
        amount: u(300),
    });
    assert_eq!(env.usdc_of(alice_phone), u(300));
    let err = distribution.sender(alice).withdraw(id).motsu_unwrap_err();
    assert_eq!(err, DistributionNothingToPay {}.into());
    // A frozen wallet neither is redeemed nor withdraws.
    token
        .sender(owner)
        .set_address_frozen(bob, true)
        .motsu_unwrap();
    let err = distribution.sender(bob).withdraw(id).motsu_unwrap_err();
    assert_eq!(err, DistributionWalletFrozen { wallet: bob }.into());
    let err = distribution
        .sender(owner)
        .redeem(id, vec![bob])
        .motsu_unwrap_err();
    assert_eq!(err, DistributionWalletFrozen { wallet: bob }.into());
    let err = distribution
        .sender(stranger)
        .withdraw(id)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        DistributionUnverifiedWallet { wallet: stranger }.into()
    );
    assert_eq!(distribution.sender(owner).credited(id, BOB_ID), u(90));
    assert_eq!(env.usdc_of(distribution.address()), u(700));
}

#[motsu::test]
fn an_agent_redemption_beyond_the_pool_redeems_nobody(
    distribution: Contract<Distribution>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    usdc: Contract<MockErc20>,
    owner: Address,
    treasury: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy(
        &distribution,
        &registry,
        &compliance,
        &token,
        &usdc,
        owner,
        treasury,
        0,
    );
    env.holder(alice, ALICE_ID, 60);
    env.holder(bob, BOB_ID, 60);
    let id = env.redemption(1, 100);
    let err = distribution
        .sender(owner)
        .redeem(id, vec![alice, bob])
        .motsu_unwrap_err();
    assert_eq!(
        err,
        DistributionInsufficientFunds {
            remaining: u(40),
            amount: u(60)
        }
        .into()
    );
    assert_eq!(env.balance(alice), u(60));
    assert_eq!(
        distribution.sender(owner).credited(id, ALICE_ID),
        U256::ZERO
    );
    let (.., spent, _, _, _) = distribution.sender(owner).get_redemption(id).motsu_unwrap();
    assert_eq!(spent, U256::ZERO);
}

#[motsu::test]
fn a_price_or_pool_above_half_a_word_is_refused_and_the_largest_pay_exactly(
    distribution: Contract<Distribution>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    usdc: Contract<MockErc20>,
    owner: Address,
    treasury: Address,
    alice: Address,
) {
    let env = deploy(
        &distribution,
        &registry,
        &compliance,
        &token,
        &usdc,
        owner,
        treasury,
        0,
    );
    env.holder(alice, ALICE_ID, 10);
    let largest = common::storage::HALF_MAX;
    usdc.sender(owner).mint(owner, largest);
    let create = |price: U256, pool: U256| {
        distribution
            .sender(owner)
            .create_redemption(usdc.address(), price, pool, NOW, NOW + DAY)
    };
    for (price, pool, which) in [
        (largest + u(1), u(10), "price"),
        (u(1), largest + u(1), "pool"),
    ] {
        assert_eq!(
            create(price, pool).motsu_unwrap_err(),
            DistributionInvalidTerms {
                which: which.into()
            }
            .into()
        );
    }
    assert_eq!(distribution.sender(owner).redemption_count(), U256::ZERO);

    // One whole token (no decimals) at the largest price spends the
    // largest pool.
    let id = create(largest, largest).motsu_unwrap();
    let terms = distribution.sender(owner).get_redemption(id).motsu_unwrap();
    assert_eq!((terms.1, terms.3, terms.4), (largest, largest, U256::ZERO));
    let paid = distribution.sender(alice).tender(id, u(1)).motsu_unwrap();
    assert_eq!(paid, largest);
    let terms = distribution.sender(owner).get_redemption(id).motsu_unwrap();
    assert_eq!((terms.3, terms.4), (largest, largest));
    assert_eq!(env.usdc_of(alice), largest);
    assert_eq!(env.balance(alice), u(9));
    // Nothing left: a second token would pay beyond the pool.
    assert_eq!(
        distribution
            .sender(alice)
            .tender(id, u(1))
            .motsu_unwrap_err(),
        DistributionInsufficientFunds {
            remaining: U256::ZERO,
            amount: largest
        }
        .into()
    );
}
