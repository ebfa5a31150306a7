//! Solvency under any sequence of actions: the contract holds, per asset,
//! exactly what is still claimable, unspent or credited; no distribution
//! pays more than its funding, no redemption more than its pool.
use ::identity_registry::IdentityRegistry;
use ::token::Token;
use alloy_primitives::{Address, U256};
use common::testing::{MockErc20, Rng};
use compliance::Compliance;
use motsu::prelude::*;

use super::*;

/// What the contract owes in `asset`: unclaimed funds of its distributions,
/// unspent pools and credits of its redemptions.
fn owed(distribution: &Contract<Distribution>, asset: Address, identities: &[Address]) -> U256 {
    let view = distribution.sender(Address::ZERO);
    let mut owed = U256::ZERO;
    for id in 0..view.distribution_count().to::<u64>() {
        let (paid_in, total, claimed, ..) = view.get_distribution(u(id)).unwrap();
        assert!(
            claimed <= total,
            "distribution {id} paid beyond its funding"
        );
        if paid_in == asset {
            owed += total - claimed;
        }
    }
    for id in 0..view.redemption_count().to::<u64>() {
        let (paid_in, _, _, pool, spent, ..) = view.get_redemption(u(id)).unwrap();
        assert!(spent <= pool, "redemption {id} spent beyond its pool");
        if paid_in == asset {
            owed += pool - spent;
            owed += identities
                .iter()
                .map(|i| view.credited(u(id), *i))
                .sum::<U256>();
        }
    }
    owed
}

#[motsu::test]
fn any_sequence_of_actions_keeps_every_asset_covered(
    distribution: Contract<Distribution>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    usdc: Contract<MockErc20>,
    eurc: Contract<MockErc20>,
    owner: Address,
    treasury: Address,
    alice: Address,
    alice_phone: Address,
    bob: Address,
    carol: Address,
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
    let wallets = [
        (alice, ALICE_ID),
        (alice_phone, ALICE_ID),
        (bob, BOB_ID),
        (carol, CAROL_ID),
    ];
    let identities = [ALICE_ID, BOB_ID, CAROL_ID];
    for (wallet, identity) in wallets {
        env.holder(wallet, identity, 1_000);
    }
    eurc.sender(owner).mint(owner, u(1_000_000));
    eurc.sender(owner)
        .approve(distribution.address(), U256::MAX);

    let mut rng = Rng(0x5eed_d157);
    let mut trees: Vec<Entitlements> = Vec::new();
    let (mut claims, mut tenders, mut credits, mut withdrawals) = (0, 0, 0, 0);
    for step in 0..200 {
        // Two stablecoins: payments to accounts without code would abort
        // motsu (ETH is covered by the unit tests and on the runtime).
        let asset = if rng.below(2) == 0 {
            eurc.address()
        } else {
            usdc.address()
        };
        let (wallet, identity) = wallets[rng.below(wallets.len())];
        match rng.below(7) {
            0 => {
                // Entitlements, funded in full or short by up to 50.
                let amounts: Vec<(Address, u64)> = identities
                    .iter()
                    .map(|i| (*i, rng.below(500) as u64 + 1))
                    .collect();
                let tree = Entitlements::new(&amounts);
                let total = tree.total().saturating_sub(u(rng.below(50) as u64));
                distribution
                    .sender(owner)
                    .create_distribution(asset, total, tree.root(), 1, NOW + DAY, String::new())
                    .motsu_unwrap();
                trees.push(tree);
            }
            1 => {
                let pool = u(rng.below(20_000) as u64 + 1);
                distribution
                    .sender(owner)
                    .create_redemption(asset, u(rng.below(3) as u64 + 1), pool, NOW, NOW + DAY)
                    .motsu_unwrap();
            }
            2 if !trees.is_empty() => {
                let id = rng.below(trees.len());
                // Mostly the wallet's own leaf; sometimes another's.
                let own = identities.iter().position(|i| *i == identity).unwrap_or(0);
                let leaf = if rng.below(4) == 0 {
                    rng.below(identities.len())
                } else {
                    own
                };
                if env.claim(u(id as u64), wallet, &trees[id], leaf).is_ok() {
                    claims += 1;
                }
            }
            3 => {
                let count = distribution.sender(owner).redemption_count().to::<u64>();
                let tokens = u(rng.below(200) as u64);
                if count > 0
                    && distribution
                        .sender(wallet)
                        .tender(u(rng.below(count as usize) as u64), tokens)
                        .motsu_res()
                        .is_ok()
                {
                    tenders += 1;
                }
            }
            4 => {
                let count = distribution.sender(owner).redemption_count().to::<u64>();
                if count > 0
                    && distribution
                        .sender(owner)
                        .redeem(u(rng.below(count as usize) as u64), vec![wallet])
                        .motsu_res()
                        .is_ok()
                {
                    credits += 1;
                    // Holders get tokens again for later rounds.
                    env.holder(wallet, Address::ZERO, 300);
                }
            }
            _ => {
                let count = distribution.sender(owner).redemption_count().to::<u64>();
                if count > 0
                    && distribution
                        .sender(wallet)
                        .withdraw(u(rng.below(count as usize) as u64))
                        .motsu_res()
                        .is_ok()
                {
                    withdrawals += 1;
                }
            }
        }
        for coin in [&usdc, &eurc] {
            assert_eq!(
                coin.sender(owner).balance_of(distribution.address()),
                owed(&distribution, coin.address(), &identities),
                "{} after step {step}",
                coin.address()
            );
        }
    }
    // The sequence exercised every path.
    assert!(
        claims > 10 && tenders > 10 && credits > 5 && withdrawals > 3,
        "{claims} claims, {tenders} tenders, {credits} credits, {withdrawals} withdrawals"
    );
}
