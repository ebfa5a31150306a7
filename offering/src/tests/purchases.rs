//! Purchases on the curve `10 + 2s`: exact prices, ETH and ERC-20,
//! change, the hard cap.
use ::identity_registry::IdentityRegistry;
use ::token::Token;
use alloy_primitives::{Address, U256};
use alloy_sol_types::{SolCall, SolError};
use common::testing::{MockErc20, Wallet};
use compliance::Compliance;
use motsu::prelude::*;

use super::*;

alloy_sol_types::sol! {
    function buy(uint256 minTokensOut, uint64 deadline) external payable returns (uint256);
    function buyExactTokens(uint256 tokens, uint256 maxCost, uint64 deadline) external payable returns (uint256);
}

fn u(value: u64) -> U256 {
    U256::from(value)
}

#[motsu::test]
fn eth_purchases_pay_the_curve_and_reach_escrow_and_token(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    owner: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        Terms::default(),
    );
    env.register(alice, ALICE_ID);
    env.register(bob, BOB_ID);
    assert_eq!(offering.sender(alice).current_price().unwrap(), u(10));
    assert_eq!(offering.sender(alice).quote_buy(u(39)).unwrap(), u(3));
    assert_eq!(offering.sender(alice).quote_cost(u(3)).unwrap(), u(39));

    // 3 tokens from none sold: (2*10*3 + 2*3*3) / 2 = 39.
    alice.fund(u(39));
    let tokens = offering
        .sender_and_value(alice, u(39))
        .buy(u(3), NOW)
        .motsu_unwrap();

    assert_eq!(tokens, u(3));
    assert_eq!(env.tokens(alice), u(3));
    assert_eq!(escrow.sender(owner).deposited(ALICE_ID), (u(39), u(3)));
    assert_eq!(escrow.balance(), u(39));
    assert_eq!(eth(alice), U256::ZERO);
    offering.assert_emitted(&Purchase {
        buyer: alice,
        paid: u(39),
        tokens: u(3),
        newPrice: u(16),
    });

    // From 3 sold, 2 tokens: (2*10*2 + 2*2*(2*3 + 2)) / 2 = 36.
    bob.fund(u(36));
    offering
        .sender_and_value(bob, u(36))
        .buy_exact_tokens(u(2), u(36), NOW)
        .motsu_unwrap();
    assert_eq!(env.tokens(bob), u(2));
    let view = offering.sender(owner);
    assert_eq!(view.tokens_sold(), u(5));
    assert_eq!(view.raised(), u(75));
    assert_eq!(view.invested(ALICE_ID), u(39));
    assert_eq!(view.invested(BOB_ID), u(36));
    assert_eq!(view.remaining(), u(95));
    assert_eq!(view.current_price().unwrap(), u(20));
    assert_eq!(escrow.balance(), u(75));
}

#[motsu::test]
fn eth_change_goes_back_to_the_buyer(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    wallet: Contract<Wallet>,
    owner: Address,
    alice: Address,
) {
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        Terms::default(),
    );
    env.register(wallet.address(), ALICE_ID);
    alice.fund(u(90));

    // 40 buys 3 tokens (39): 1 back.
    let call = buyCall {
        minTokensOut: u(3),
        deadline: NOW,
    };
    wallet
        .sender_and_value(alice, u(40))
        .forward(offering.address(), call.abi_encode().into())
        .motsu_unwrap();
    assert_eq!(wallet.balance(), u(1));
    assert_eq!(escrow.balance(), u(39));

    // Exactly 2 tokens (36) with 50 sent: 14 back.
    let call = buyExactTokensCall {
        tokens: u(2),
        maxCost: u(50),
        deadline: NOW,
    };
    wallet
        .sender_and_value(alice, u(50))
        .forward(offering.address(), call.abi_encode().into())
        .motsu_unwrap();
    assert_eq!(wallet.balance(), u(15));
    assert_eq!(escrow.balance(), u(75));
    assert_eq!(env.tokens(wallet.address()), u(5));
}

#[motsu::test]
fn receiver_refusing_change_reverts_the_purchase(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    wallet: Contract<Wallet>,
    owner: Address,
    alice: Address,
) {
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        Terms::default(),
    );
    env.register(wallet.address(), ALICE_ID);
    wallet.sender(alice).set_refuse(true);
    alice.fund(u(40));

    let call = buyCall {
        minTokensOut: u(3),
        deadline: NOW,
    };
    let err = wallet
        .sender_and_value(alice, u(40))
        .forward(offering.address(), call.abi_encode().into())
        .motsu_unwrap_err();

    assert_eq!(
        err,
        Vec::<u8>::from(Error::Reverted(
            common::testing::WalletRefusesEth {}.abi_encode()
        ))
    );
    assert_eq!(offering.sender(owner).tokens_sold(), U256::ZERO);
    assert_eq!(env.tokens(wallet.address()), U256::ZERO);
    assert_eq!(eth(alice), u(40));
}

#[motsu::test]
fn erc20_purchases_pull_only_the_cost_into_escrow(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    usdc: Contract<MockErc20>,
    owner: Address,
    alice: Address,
) {
    let terms = Terms {
        asset: usdc.address(),
        ..Terms::default()
    };
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        terms,
    );
    env.register(alice, ALICE_ID);
    usdc.sender(alice).mint(alice, u(1_000));
    usdc.sender(alice).approve(offering.address(), u(1_000));

    // 100 buys 6 tokens: 10*6 + 6*6 = 96.
    let tokens = offering
        .sender(alice)
        .buy_with_token(u(100), u(6), NOW)
        .motsu_unwrap();
    assert_eq!(tokens, u(6));
    assert_eq!(usdc.sender(alice).balance_of(alice), u(904));
    assert_eq!(usdc.sender(alice).balance_of(escrow.address()), u(96));

    // 2 more from 6 sold: 10*2 + 2*(12 + 2) = 48.
    let cost = offering
        .sender(alice)
        .buy_exact_tokens(u(2), u(48), NOW)
        .motsu_unwrap();
    assert_eq!(cost, u(48));
    assert_eq!(usdc.sender(alice).balance_of(escrow.address()), u(144));
    assert_eq!(escrow.sender(owner).deposited(ALICE_ID), (u(144), u(8)));
    assert_eq!(env.tokens(alice), u(8));
}

#[motsu::test]
fn erc20_pull_failure_reverts_the_purchase(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    usdc: Contract<MockErc20>,
    owner: Address,
    alice: Address,
) {
    let terms = Terms {
        asset: usdc.address(),
        ..Terms::default()
    };
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        terms,
    );
    env.register(alice, ALICE_ID);
    usdc.sender(alice).mint(alice, u(1_000));
    usdc.sender(alice).approve(offering.address(), u(50));

    let err = offering
        .sender(alice)
        .buy_with_token(u(100), u(0), NOW)
        .motsu_unwrap_err();

    assert_eq!(
        err,
        Error::Reverted(
            common::testing::MockErc20Insufficient {
                account: offering.address(),
                available: u(50),
                needed: u(96),
            }
            .abi_encode()
        )
    );
    assert_eq!(offering.sender(owner).raised(), U256::ZERO);
    assert_eq!(usdc.sender(alice).balance_of(alice), u(1_000));
}

#[motsu::test]
fn payment_in_the_wrong_asset_is_refused(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    usdc: Contract<MockErc20>,
    eth_offering: Contract<Offering>,
    owner: Address,
    alice: Address,
) {
    let terms = Terms {
        asset: usdc.address(),
        ..Terms::default()
    };
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        terms,
    );
    env.register(alice, ALICE_ID);
    alice.fund(u(100));
    let wrong: Error = OfferingWrongAsset {}.into();

    let err = offering
        .sender_and_value(alice, u(39))
        .buy(u(0), NOW)
        .motsu_unwrap_err();
    assert_eq!(err, wrong);
    let err = offering
        .sender_and_value(alice, u(39))
        .buy_exact_tokens(u(3), u(39), NOW)
        .motsu_unwrap_err();
    assert_eq!(err, wrong);

    eth_offering
        .sender(owner)
        .constructor(
            owner,
            token.address(),
            registry.address(),
            escrow.address(),
            Address::ZERO,
            u(10),
            u(2),
            0,
            u(100),
            u(100_000),
            u(10),
            u(5_000),
            u(500),
            ACCREDITED,
            NOW - DAY,
            NOW + DAY,
        )
        .motsu_unwrap();
    let err = eth_offering
        .sender(alice)
        .buy_with_token(u(39), u(0), NOW)
        .motsu_unwrap_err();
    assert_eq!(err, wrong);
    assert_eq!(eth(alice), u(100));
}

#[motsu::test]
fn reaching_the_hard_cap_closes_the_offering(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    wallet: Contract<Wallet>,
    owner: Address,
    alice: Address,
    bob: Address,
) {
    let terms = Terms {
        hard_cap: u(10),
        ..Terms::default()
    };
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        terms,
    );
    env.register(wallet.address(), ALICE_ID);
    env.register(bob, BOB_ID);
    alice.fund(u(300));

    // 300 would buy more than the 10 left (cost 200): 10 tokens, 100 back.
    let call = buyCall {
        minTokensOut: u(10),
        deadline: NOW,
    };
    wallet
        .sender_and_value(alice, u(300))
        .forward(offering.address(), call.abi_encode().into())
        .motsu_unwrap();

    assert_eq!(env.tokens(wallet.address()), u(10));
    assert_eq!(wallet.balance(), u(100));
    assert!(offering.sender(owner).closed());
    assert!(escrow.sender(owner).raise_closed());
    offering.assert_emitted(&OfferingClosed {
        sold: u(10),
        raised: u(200),
    });
    bob.fund(u(20));
    let err = offering
        .sender_and_value(bob, u(20))
        .buy(u(0), NOW)
        .motsu_unwrap_err();
    assert_eq!(err, OfferingIsClosed {}.into());
}
