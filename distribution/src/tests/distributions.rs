//! Distributions: creation and funding, claims by identity, refusals,
//! sweeping.
use ::identity_registry::IdentityRegistry;
use ::token::Token;
use alloy_primitives::{Address, B256, U256};
use common::roles::OwnableUnauthorizedAccount;
use common::testing::{MockErc20, Wallet};
use compliance::Compliance;
use motsu::prelude::*;

use super::*;

alloy_sol_types::sol! {
    function claim(uint256 id, uint256 index, uint256 amount, bytes32[] proof);
}

/// The call claiming leaf `i` of distribution `id`.
fn claim_call(id: U256, tree: &Entitlements, i: usize) -> claimCall {
    let (index, amount, proof) = tree.claim(i);
    claimCall {
        id,
        index,
        amount,
        proof,
    }
}

/// The revert data of `error`.
fn data(error: impl Into<Error>) -> Vec<u8> {
    error.into().into()
}

#[motsu::test]
fn each_identity_claims_once_with_any_of_its_verified_wallets(
    distribution: Contract<Distribution>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    usdc: Contract<MockErc20>,
    alice: Contract<Wallet>,
    alice_phone: Contract<Wallet>,
    bob: Contract<Wallet>,
    owner: Address,
    treasury: Address,
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
    env.holder(alice.address(), ALICE_ID, 60);
    env.holder(alice_phone.address(), ALICE_ID, 0);
    env.holder(bob.address(), BOB_ID, 40);
    let tree = Entitlements::new(&[(ALICE_ID, 600), (BOB_ID, 400)]);
    let id = env.distribution_in(true, &tree);
    assert_eq!(id, U256::ZERO);
    distribution.assert_emitted(&DistributionCreated {
        id,
        asset: Address::ZERO,
        total: u(1_000),
        merkleRoot: tree.root(),
        recordBlock: 1_000,
        deadline: NOW + DAY,
        uri: "ipfs://dividend-2025".into(),
    });
    assert_eq!(eth(distribution.address()), u(1_000));
    assert_eq!(
        distribution
            .sender(owner)
            .get_distribution(id)
            .motsu_unwrap(),
        (
            Address::ZERO,
            u(1_000),
            U256::ZERO,
            tree.root(),
            NOW + DAY,
            false
        )
    );

    // Alice's second wallet claims her identity's entitlement, paid to it.
    through(&alice_phone, &distribution, &claim_call(id, &tree, 0)).unwrap();
    distribution.assert_emitted(&Claimed {
        id,
        identity: ALICE_ID,
        wallet: alice_phone.address(),
        index: U256::ZERO,
        amount: u(600),
    });
    assert_eq!(eth(alice_phone.address()), u(600));
    assert!(distribution.sender(owner).is_claimed(id, U256::ZERO));
    assert!(!distribution.sender(owner).is_claimed(id, u(1)));

    // Her first wallet cannot claim it again; Bob claims his.
    let err = through(&alice, &distribution, &claim_call(id, &tree, 0)).unwrap_err();
    assert_eq!(err, data(DistributionAlreadyClaimed { index: U256::ZERO }));
    through(&bob, &distribution, &claim_call(id, &tree, 1)).unwrap();
    assert_eq!(eth(bob.address()), u(400));
    assert_eq!(eth(alice.address()), U256::ZERO);
    // Each leaf has its own bit, read where it was written.
    assert!(distribution.sender(owner).is_claimed(id, u(1)));
    assert!(!distribution.sender(owner).is_claimed(id, u(2)));
    let err = through(&bob, &distribution, &claim_call(id, &tree, 1)).unwrap_err();
    assert_eq!(err, data(DistributionAlreadyClaimed { index: u(1) }));
    assert_eq!(eth(distribution.address()), U256::ZERO);
    let (_, _, claimed, ..) = distribution
        .sender(owner)
        .get_distribution(id)
        .motsu_unwrap();
    assert_eq!(claimed, u(1_000));
}

#[motsu::test]
fn an_erc20_distribution_pulls_its_total_and_pays_claims(
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
    let tree = Entitlements::new(&[(ALICE_ID, 250), (BOB_ID, 750)]);
    let before = env.usdc_of(owner);
    let id = env.distribution(&tree);
    assert_eq!(env.usdc_of(distribution.address()), u(1_000));
    assert_eq!(env.usdc_of(owner), before - u(1_000));
    env.claim(id, alice, &tree, 0).unwrap();
    assert_eq!(env.usdc_of(alice), u(250));
    assert_eq!(env.usdc_of(distribution.address()), u(750));
    assert_eq!(distribution.sender(owner).distribution_count(), u(1));
}

#[motsu::test]
fn creating_a_distribution_takes_an_agent_and_sound_funded_terms(
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
    let root = B256::repeat_byte(1);
    owner.fund(u(10_000));
    stranger.fund(u(10_000));
    let create =
        |from: Address, value: u64, asset: Address, total: U256, root: B256, deadline: u64| {
            distribution
                .sender_and_value(from, u(value))
                .create_distribution(asset, total, root, 1, deadline, String::new())
                .motsu_unwrap_err()
        };
    assert_eq!(
        create(stranger, 100, Address::ZERO, u(100), root, NOW + DAY),
        DistributionUnauthorizedAgent { account: stranger }.into()
    );
    for (total, root, deadline, which) in [
        (0, root, NOW + DAY, "total"),
        (100, B256::ZERO, NOW + DAY, "merkleRoot"),
        (100, root, NOW, "deadline"),
    ] {
        assert_eq!(
            create(owner, total, Address::ZERO, u(total), root, deadline),
            DistributionInvalidTerms {
                which: which.into()
            }
            .into()
        );
    }
    // ETH other than the total, or ETH with an ERC-20.
    assert_eq!(
        create(owner, 99, Address::ZERO, u(100), root, NOW + DAY),
        DistributionWrongValue {
            amount: u(100),
            value: u(99)
        }
        .into()
    );
    assert_eq!(
        create(owner, 1, usdc.address(), u(100), root, NOW + DAY),
        DistributionWrongValue {
            amount: u(100),
            value: u(1)
        }
        .into()
    );
    // An "ERC-20" without code.
    assert_eq!(
        create(owner, 0, stranger, u(100), root, NOW + DAY),
        DistributionInvalidTerms {
            which: "asset".into()
        }
        .into()
    );
    // More than the agent holds: the ERC-20's refusal, passed through.
    let held = env.usdc_of(owner);
    assert!(matches!(
        create(owner, 0, usdc.address(), held + u(1), root, NOW + DAY),
        Error::Reverted(_)
    ));
    assert_eq!(distribution.sender(owner).distribution_count(), U256::ZERO);
    assert_eq!(eth(distribution.address()), U256::ZERO);
    assert_eq!(env.usdc_of(owner), held);
}

#[motsu::test]
fn claims_are_refused_to_unverified_frozen_or_unproven_callers(
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
    env.holder(alice, ALICE_ID, 10);
    env.holder(bob, BOB_ID, 10);
    let tree = Entitlements::new(&[(ALICE_ID, 600), (BOB_ID, 400)]);
    let id = env.distribution(&tree);

    // Unknown distribution.
    let (index, amount, proof) = tree.claim(0);
    let err = distribution
        .sender(alice)
        .claim(u(1), index, amount, proof.clone())
        .motsu_unwrap_err();
    assert_eq!(err, DistributionUnknown { id: u(1) }.into());
    // A wallet of no identity.
    let err = env.claim(id, stranger, &tree, 0).unwrap_err();
    assert_eq!(
        err,
        DistributionUnverifiedWallet { wallet: stranger }.into()
    );
    // Another identity's leaf, a wrong amount, a wrong index: no proof.
    let err = env.claim(id, bob, &tree, 0).unwrap_err();
    assert_eq!(err, DistributionInvalidProof {}.into());
    for (index, amount) in [(u(0), u(601)), (u(1), u(600))] {
        let err = distribution
            .sender(alice)
            .claim(id, index, amount, proof.clone())
            .motsu_unwrap_err();
        assert_eq!(err, DistributionInvalidProof {}.into());
    }
    // A frozen wallet.
    token
        .sender(owner)
        .set_address_frozen(alice, true)
        .motsu_unwrap();
    let err = env.claim(id, alice, &tree, 0).unwrap_err();
    assert_eq!(err, DistributionWalletFrozen { wallet: alice }.into());
    // Nothing was paid or marked; unfrozen, Alice claims.
    assert!(!distribution.sender(owner).is_claimed(id, U256::ZERO));
    assert_eq!(env.usdc_of(distribution.address()), u(1_000));
    token
        .sender(owner)
        .set_address_frozen(alice, false)
        .motsu_unwrap();
    env.claim(id, alice, &tree, 0).unwrap();
    assert_eq!(env.usdc_of(alice), u(600));
}

#[motsu::test]
fn a_tree_above_its_funding_never_pays_more_than_the_total(
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
    env.holder(alice, ALICE_ID, 10);
    env.holder(bob, BOB_ID, 10);
    // Entitlements of 1,100 funded with 1,000.
    let tree = Entitlements::new(&[(ALICE_ID, 700), (BOB_ID, 400)]);
    let id = distribution
        .sender(owner)
        .create_distribution(
            usdc.address(),
            u(1_000),
            tree.root(),
            1,
            NOW + DAY,
            String::new(),
        )
        .motsu_unwrap();
    env.claim(id, alice, &tree, 0).unwrap();
    let err = env.claim(id, bob, &tree, 1).unwrap_err();
    assert_eq!(
        err,
        DistributionInsufficientFunds {
            remaining: u(300),
            amount: u(400)
        }
        .into()
    );
    assert_eq!(env.usdc_of(distribution.address()), u(300));
    assert!(!distribution.sender(owner).is_claimed(id, u(1)));
}

#[motsu::test]
fn a_receiver_that_reverts_only_reverts_its_own_claim(
    distribution: Contract<Distribution>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    usdc: Contract<MockErc20>,
    safe: Contract<Wallet>,
    bob: Contract<Wallet>,
    owner: Address,
    treasury: Address,
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
    env.holder(safe.address(), ALICE_ID, 10);
    env.holder(bob.address(), BOB_ID, 10);
    let tree = Entitlements::new(&[(ALICE_ID, 600), (BOB_ID, 400)]);
    let id = env.distribution_in(true, &tree);
    safe.sender(owner).set_refuse(true);
    let refused = through(&safe, &distribution, &claim_call(id, &tree, 0));
    assert!(refused.is_err());
    assert!(!distribution.sender(owner).is_claimed(id, U256::ZERO));
    assert_eq!(eth(distribution.address()), u(1_000));
    // Bob is not blocked; the wallet claims once it accepts ETH.
    through(&bob, &distribution, &claim_call(id, &tree, 1)).unwrap();
    safe.sender(owner).set_refuse(false);
    through(&safe, &distribution, &claim_call(id, &tree, 0)).unwrap();
    assert_eq!(eth(safe.address()), u(600));
    assert_eq!(eth(bob.address()), u(400));
}

#[motsu::test]
fn sweeping_waits_for_the_deadline_and_takes_an_agent(
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
    let tree = Entitlements::new(&[(ALICE_ID, 600)]);
    let id = env.distribution(&tree);
    let err = distribution
        .sender(stranger)
        .sweep_distribution(id)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        DistributionUnauthorizedAgent { account: stranger }.into()
    );
    let err = distribution
        .sender(owner)
        .sweep_distribution(id)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        DistributionClaimsOpen {
            deadline: NOW + DAY
        }
        .into()
    );
    let err = distribution
        .sender(owner)
        .sweep_distribution(u(9))
        .motsu_unwrap_err();
    assert_eq!(err, DistributionUnknown { id: u(9) }.into());
    assert_eq!(env.usdc_of(treasury), U256::ZERO);
}

#[motsu::test]
fn the_owner_alone_sets_the_treasury(
    distribution: Contract<Distribution>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    usdc: Contract<MockErc20>,
    owner: Address,
    treasury: Address,
    stranger: Address,
    vault: Address,
) {
    deploy(
        &distribution,
        &registry,
        &compliance,
        &token,
        &usdc,
        owner,
        treasury,
        0,
    );
    distribution.assert_emitted(&TreasurySet { treasury });
    let err = distribution
        .sender(stranger)
        .set_treasury(vault)
        .motsu_unwrap_err();
    assert_eq!(err, OwnableUnauthorizedAccount { account: stranger }.into());
    let err = distribution
        .sender(owner)
        .set_treasury(Address::ZERO)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        DistributionInvalidTerms {
            which: "treasury".into()
        }
        .into()
    );
    assert_eq!(distribution.sender(owner).treasury(), treasury);
    distribution
        .sender(owner)
        .set_treasury(vault)
        .motsu_unwrap();
    distribution.assert_emitted(&TreasurySet { treasury: vault });
    assert_eq!(distribution.sender(owner).treasury(), vault);
    assert_eq!(distribution.sender(owner).token(), token.address());
}

#[motsu::test]
fn the_constructor_refuses_zero_addresses(
    distribution: Contract<Distribution>,
    owner: Address,
    token: Address,
) {
    let err = distribution
        .sender(owner)
        .constructor(owner, Address::ZERO, owner)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        DistributionInvalidTerms {
            which: "token".into()
        }
        .into()
    );
    let err = distribution
        .sender(owner)
        .constructor(owner, token, Address::ZERO)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        DistributionInvalidTerms {
            which: "treasury".into()
        }
        .into()
    );
}

#[motsu::test]
fn a_total_above_half_a_word_is_refused_and_the_largest_is_paid_exactly(
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
    let tree = Entitlements::of(&[(ALICE_ID, largest)]);
    usdc.sender(owner).mint(owner, largest);
    let held = env.usdc_of(owner);
    let create = |total: U256| {
        distribution.sender(owner).create_distribution(
            usdc.address(),
            total,
            tree.root(),
            1,
            NOW + DAY,
            String::new(),
        )
    };
    let err = create(largest + u(1)).motsu_unwrap_err();
    assert_eq!(
        err,
        DistributionInvalidTerms {
            which: "total".into()
        }
        .into()
    );
    assert_eq!(distribution.sender(owner).distribution_count(), U256::ZERO);
    assert_eq!(env.usdc_of(owner), held);

    let id = create(largest).motsu_unwrap();
    let (_, total, claimed, ..) = distribution
        .sender(owner)
        .get_distribution(id)
        .motsu_unwrap();
    assert_eq!((total, claimed), (largest, U256::ZERO));
    env.claim(id, alice, &tree, 0).motsu_unwrap();
    let (_, total, claimed, ..) = distribution
        .sender(owner)
        .get_distribution(id)
        .motsu_unwrap();
    assert_eq!((total, claimed), (largest, largest));
    assert_eq!(env.usdc_of(alice), largest);
    assert_eq!(env.usdc_of(distribution.address()), U256::ZERO);
}

#[motsu::test]
fn unknown_ids_are_refused_and_read_as_nothing(
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
    let tree = Entitlements::new(&[(ALICE_ID, 600)]);
    assert_eq!(env.distribution(&tree), U256::ZERO);
    assert_eq!(env.redemption(1, 100), U256::ZERO);
    // The next id, and one no list could reach.
    for id in [u(1), U256::MAX] {
        let unknown: Error = DistributionUnknown { id }.into();
        let reader = distribution.sender(alice);
        assert_eq!(reader.get_distribution(id).motsu_unwrap_err(), unknown);
        assert!(!reader.is_claimed(id, U256::ZERO));
        assert_eq!(reader.get_redemption(id).motsu_unwrap_err(), unknown);
        assert_eq!(
            reader.quote_redemption(id, u(1)).motsu_unwrap_err(),
            unknown
        );
        assert_eq!(reader.credited(id, ALICE_ID), U256::ZERO);
        assert_eq!(env.claim(id, alice, &tree, 0).unwrap_err(), unknown);
        assert_eq!(
            distribution
                .sender(alice)
                .tender(id, u(1))
                .motsu_unwrap_err(),
            unknown
        );
        assert_eq!(
            distribution.sender(alice).withdraw(id).motsu_unwrap_err(),
            unknown
        );
        let mut agent = distribution.sender(owner);
        assert_eq!(agent.sweep_distribution(id).motsu_unwrap_err(), unknown);
        assert_eq!(agent.sweep_redemption(id).motsu_unwrap_err(), unknown);
        assert_eq!(agent.redeem(id, vec![alice]).motsu_unwrap_err(), unknown);
    }
    // Nothing moved.
    assert_eq!(env.balance(alice), u(10));
    assert_eq!(env.usdc_of(distribution.address()), u(700));
    // A known redemption without a credit: nothing to pay, not unknown.
    assert_eq!(
        distribution
            .sender(alice)
            .withdraw(U256::ZERO)
            .motsu_unwrap_err(),
        DistributionNothingToPay {}.into()
    );
}
