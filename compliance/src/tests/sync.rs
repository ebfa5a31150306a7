//! The books follow the identity registry: `updateIdentity`,
//! `updateCountry`, `deleteIdentity` and the registration of a deleted
//! wallet re-book at once, and no registry change or move takes a cap
//! beyond its limit.
use alloy_primitives::{Address, U256};
use common::testing::Rng;
use identity_registry::IdentityRegistry;
use motsu::prelude::*;

use super::*;

/// `amount` as a `U256`.
fn u(amount: u64) -> U256 {
    U256::from(amount)
}

/// The refusal of a registry change by the compliance, as the registry
/// passes it through.
fn refused(wallet: Address, identity: Address, country: u16) -> identity_registry::Error {
    identity_registry::Error::Reverted(
        ComplianceSyncBreachesRule {
            wallet,
            identity,
            country,
        }
        .abi_encode(),
    )
}

#[motsu::test]
fn update_identity_moves_the_wallets_tokens_to_the_new_identity(
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
    env.mint(bob, u(50));
    assert_eq!(env.holders(), 2);

    // The agent finds that Alice's wallet belongs to Bob's identity.
    registry
        .sender(owner)
        .update_identity(alice, BOB_ID)
        .motsu_unwrap();

    let view = compliance.sender(owner);
    assert_eq!(view.identity_balance(ALICE_ID), U256::ZERO);
    assert_eq!(view.identity_balance(BOB_ID), u(150));
    assert_eq!(view.wallet_book(alice), (BOB_ID, HUNDRED));
    assert_eq!((env.holders(), env.holders_in(FRANCE)), (1, 1));
    compliance.assert_emitted(&WalletSynced {
        wallet: alice,
        identity: BOB_ID,
        country: FRANCE,
    });
    // Moves between the two wallets are now within one identity.
    env.transfer(alice, bob, HUNDRED);
    assert_eq!(compliance.sender(owner).identity_balance(BOB_ID), u(150));
    assert_eq!(env.holders(), 1);
}

#[motsu::test]
fn merged_identity_counts_all_its_wallets_against_the_maximum_balance(
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
    env.mint(bob, u(50));
    compliance
        .sender(owner)
        .set_max_balance(true, u(200))
        .motsu_unwrap();
    registry
        .sender(owner)
        .update_identity(alice, BOB_ID)
        .motsu_unwrap();

    // 150 booked for Bob's identity: 50 more reach the maximum, 51 exceed.
    assert!(!env.can(Address::ZERO, bob, u(51)));
    assert!(env.can(Address::ZERO, bob, u(50)));
}

#[motsu::test]
fn update_identity_is_refused_when_the_merge_exceeds_the_maximum_balance(
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
    env.mint(bob, u(50));
    compliance
        .sender(owner)
        .set_max_balance(true, u(149))
        .motsu_unwrap();

    let err = registry
        .sender(owner)
        .update_identity(alice, BOB_ID)
        .motsu_unwrap_err();
    assert_eq!(err, refused(alice, BOB_ID, FRANCE));
    // Nothing changed, in the registry or in the books.
    assert_eq!(registry.sender(owner).identity(alice), ALICE_ID);
    assert_eq!(
        compliance.sender(owner).wallet_book(alice),
        (ALICE_ID, HUNDRED)
    );
    assert_eq!(compliance.sender(owner).identity_balance(BOB_ID), u(50));
    assert_eq!(env.holders(), 2);

    // Exactly at the maximum, the merge passes.
    compliance
        .sender(owner)
        .set_max_balance(true, u(150))
        .motsu_unwrap();
    registry
        .sender(owner)
        .update_identity(alice, BOB_ID)
        .motsu_unwrap();
    assert_eq!(compliance.sender(owner).identity_balance(BOB_ID), u(150));
}

#[motsu::test]
fn splitting_an_identity_is_refused_beyond_the_holder_cap(
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
    env.mint(alice2, HUNDRED);
    compliance
        .sender(owner)
        .set_max_holders(true, 1)
        .motsu_unwrap();

    let err = registry
        .sender(owner)
        .update_identity(alice2, CAROL_ID)
        .motsu_unwrap_err();
    assert_eq!(err, refused(alice2, CAROL_ID, FRANCE));
    assert_eq!(env.holders(), 1);
    assert_eq!(registry.sender(owner).identity(alice2), ALICE_ID);

    compliance
        .sender(owner)
        .set_max_holders(true, 2)
        .motsu_unwrap();
    registry
        .sender(owner)
        .update_identity(alice2, CAROL_ID)
        .motsu_unwrap();
    assert_eq!((env.holders(), env.holders_in(FRANCE)), (2, 2));
    let view = compliance.sender(owner);
    assert_eq!(view.identity_balance(ALICE_ID), HUNDRED);
    assert_eq!(view.identity_balance(CAROL_ID), HUNDRED);
}

#[motsu::test]
fn update_country_recounts_the_identity_and_respects_the_country_cap(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.register(bob, BOB_ID, USA);
    env.mint(alice, HUNDRED);
    env.mint(bob, HUNDRED);
    compliance
        .sender(owner)
        .set_country(USA, false, false, true, 1)
        .motsu_unwrap();

    // The United States hold their one allowed holder: Alice cannot move
    // there.
    let err = registry
        .sender(owner)
        .update_country(alice, USA)
        .motsu_unwrap_err();
    assert_eq!(err, refused(alice, ALICE_ID, USA));
    assert_eq!(registry.sender(owner).investor_country(alice), FRANCE);
    assert_eq!((env.holders_in(FRANCE), env.holders_in(USA)), (1, 1));

    // Germany has room for exactly one: Alice fills it.
    compliance
        .sender(owner)
        .set_country(GERMANY, false, false, true, 1)
        .motsu_unwrap();
    registry
        .sender(owner)
        .update_country(alice, GERMANY)
        .motsu_unwrap();
    assert_eq!((env.holders_in(FRANCE), env.holders_in(GERMANY)), (0, 1));
    assert_eq!(env.holders(), 2);
    compliance.assert_emitted(&WalletSynced {
        wallet: alice,
        identity: ALICE_ID,
        country: GERMANY,
    });
}

/// The review's case: one identity, a wallet in France and one in the
/// United States (capped and full). Moving everything between them changes
/// no holder count.
#[motsu::test]
fn moves_between_wallets_of_one_identity_never_recount_it(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
    alice_us: Address,
    bob: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.register(alice_us, ALICE_ID, USA);
    env.register(bob, BOB_ID, USA);
    env.mint(alice, HUNDRED);
    env.mint(bob, HUNDRED);
    compliance
        .sender(owner)
        .set_country(USA, false, false, true, 1)
        .motsu_unwrap();

    env.transfer(alice, alice_us, HUNDRED);
    assert_eq!((env.holders_in(FRANCE), env.holders_in(USA)), (1, 1));
    env.forced(alice_us, alice, u(40));
    assert_eq!((env.holders_in(FRANCE), env.holders_in(USA)), (1, 1));
    assert_eq!(env.holders(), 2);
    assert_eq!(compliance.sender(owner).identity_balance(ALICE_ID), HUNDRED);
}

#[motsu::test]
fn deleted_wallet_counts_as_its_own_holder_until_registered_again(
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
    env.mint(alice2, u(50));

    registry.sender(owner).delete_identity(alice).motsu_unwrap();
    let view = compliance.sender(owner);
    assert_eq!(view.wallet_book(alice), (alice, HUNDRED));
    assert_eq!(view.identity_balance(ALICE_ID), u(50));
    assert_eq!((env.holders(), env.holders_in(0)), (2, 1));

    // Registered again for the same identity: booked under it again.
    registry
        .sender(owner)
        .register_identity(alice, ALICE_ID, FRANCE)
        .motsu_unwrap();
    let view = compliance.sender(owner);
    assert_eq!(view.wallet_book(alice), (ALICE_ID, HUNDRED));
    assert_eq!(view.identity_balance(ALICE_ID), u(150));
    assert_eq!(view.identity_balance(alice), U256::ZERO);
    assert_eq!((env.holders(), env.holders_in(0)), (1, 0));
}

#[motsu::test]
fn deleting_a_wallet_is_refused_when_it_would_exceed_the_holder_cap(
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
    env.mint(alice2, HUNDRED);
    compliance
        .sender(owner)
        .set_max_holders(true, 1)
        .motsu_unwrap();

    let err = registry
        .sender(owner)
        .delete_identity(alice)
        .motsu_unwrap_err();
    // Deleted, the wallet would count as its own identity, in country 0.
    assert_eq!(err, refused(alice, alice, 0));
    assert!(registry.sender(owner).contains(alice));
    // Once the agent moved its tokens out, the wallet can go.
    env.forced(alice, alice2, HUNDRED);
    registry.sender(owner).delete_identity(alice).motsu_unwrap();
    assert_eq!(env.holders(), 1);
}

#[motsu::test]
fn registry_changes_to_wallets_without_tokens_change_no_book(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    registry
        .sender(owner)
        .update_identity(alice, BOB_ID)
        .motsu_unwrap();
    registry
        .sender(owner)
        .update_country(alice, USA)
        .motsu_unwrap();
    assert_eq!(
        compliance.sender(owner).wallet_book(alice),
        (Address::ZERO, U256::ZERO)
    );
    assert_eq!(env.holders(), 0);
    // Its first tokens count for its identity and country now.
    env.mint(alice, HUNDRED);
    assert_eq!(
        compliance.sender(owner).wallet_book(alice),
        (BOB_ID, HUNDRED)
    );
    assert_eq!(env.holders_in(USA), 1);
}

/// Re-stating what the books already hold changes nothing and emits
/// nothing, even in a country now above its cap.
#[motsu::test]
fn registry_changes_that_change_nothing_leave_the_books_alone(
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
    env.mint(bob, HUNDRED);
    // France's cap lowered below its two holders.
    compliance
        .sender(owner)
        .set_country(FRANCE, false, false, true, 1)
        .motsu_unwrap();
    let events = compliance.all_events().len();
    registry
        .sender(owner)
        .update_country(alice, FRANCE)
        .motsu_unwrap();
    registry
        .sender(owner)
        .update_identity(alice, ALICE_ID)
        .motsu_unwrap();
    assert_eq!(compliance.all_events().len(), events, "no WalletSynced");
    assert_eq!((env.holders(), env.holders_in(FRANCE)), (2, 2));
}

#[motsu::test]
fn sync_wallet_reverts_unless_the_registry_calls(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.mint(alice, HUNDRED);
    for account in [owner, token, alice] {
        let err = compliance
            .sender(account)
            .sync_wallet(alice, BOB_ID, USA)
            .motsu_unwrap_err();
        assert_eq!(err, ComplianceUnauthorizedRegistry { account }.into());
    }
    assert_eq!(
        compliance.sender(owner).wallet_book(alice),
        (ALICE_ID, HUNDRED)
    );
}

/// Random sequences of registry changes (new wallet, identity and country
/// changes, deletion, registration again) and moves (mints, transfers the
/// compliance accepts, forced moves between one identity's wallets, burns)
/// under a holder cap, a country cap and a maximum balance. After every
/// step, accepted or refused: the books equal what the registry and the
/// balances say, and no cap is exceeded.
#[motsu::test]
fn random_registry_changes_and_moves_keep_books_true_and_caps_held(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    let c = || compliance.sender(owner);
    c().set_max_holders(true, 3).motsu_unwrap();
    c().set_country(USA, false, false, true, 1).motsu_unwrap();
    c().set_max_balance(true, u(300)).motsu_unwrap();
    let wallets: Vec<Address> = (1..=6u8).map(Address::repeat_byte).collect();
    let ids = [ALICE_ID, BOB_ID, CAROL_ID, Address::repeat_byte(0xd0)];
    let countries = [FRANCE, USA, GERMANY];
    let mut balances = [0u64; 6];
    let mut rng = Rng(0x5eed);
    // Registry changes accepted and refused.
    let (mut accepted, mut refusals) = (0, 0);
    for (i, w) in wallets.iter().enumerate().take(3) {
        env.register(*w, ids[i], FRANCE);
    }
    for _ in 0..400 {
        let w = rng.below(wallets.len());
        let wallet = wallets[w];
        let registered = registry.sender(owner).contains(wallet);
        let mut r = registry.sender(owner);
        match rng.below(8) {
            0 if !registered => {
                // Refused changes revert (`motsu_res`), as on chain.
                let outcome = r
                    .register_identity(
                        wallet,
                        ids[rng.below(ids.len())],
                        countries[rng.below(countries.len())],
                    )
                    .motsu_res();
                tally(outcome.is_ok(), &mut accepted, &mut refusals);
            }
            1 if registered => {
                let outcome = r
                    .update_identity(wallet, ids[rng.below(ids.len())])
                    .motsu_res();
                tally(outcome.is_ok(), &mut accepted, &mut refusals);
            }
            2 if registered => {
                let outcome = r
                    .update_country(wallet, countries[rng.below(countries.len())])
                    .motsu_res();
                tally(outcome.is_ok(), &mut accepted, &mut refusals);
            }
            3 if registered && rng.below(3) == 0 => {
                let outcome = r.delete_identity(wallet).motsu_res();
                tally(outcome.is_ok(), &mut accepted, &mut refusals);
            }
            4 if registered => {
                let amount = u(rng.next_u64() % 120 + 1);
                if env.can(Address::ZERO, wallet, amount) {
                    env.mint(wallet, amount);
                    balances[w] += amount.to::<u64>();
                }
            }
            5 | 6 if balances[w] > 0 => {
                let to = rng.below(wallets.len());
                let amount = rng.next_u64() % balances[w] + 1;
                // An agent's forced transfer skips the rules: only between
                // wallets of one identity here (a recovery), which no cap
                // concerns.
                let same = registry.sender(owner).identity(wallet)
                    == registry.sender(owner).identity(wallets[to]);
                if rng.below(4) == 0 && same && registered {
                    env.forced(wallet, wallets[to], u(amount));
                } else if registry.sender(owner).contains(wallets[to])
                    && env.can(wallet, wallets[to], u(amount))
                {
                    env.transfer(wallet, wallets[to], u(amount));
                } else {
                    continue;
                }
                balances[w] -= amount;
                balances[to] += amount;
            }
            7 if balances[w] > 0 => {
                let amount = rng.next_u64() % balances[w] + 1;
                env.burn(wallet, u(amount));
                balances[w] -= amount;
            }
            _ => continue,
        }
        assert_books_follow_registry(&env, &wallets, &balances);
    }
    // The run exercised both sides of the caps.
    assert!(accepted >= 50 && refusals >= 5, "{accepted} / {refusals}");
}

/// Counts an accepted or a refused registry change.
fn tally(ok: bool, accepted: &mut u32, refusals: &mut u32) {
    if ok {
        *accepted += 1;
    } else {
        *refusals += 1;
    }
}

/// The books equal a recomputation from the registry and the balances, and
/// the caps hold.
fn assert_books_follow_registry(env: &Env<'_>, wallets: &[Address], balances: &[u64]) {
    let view = env.compliance.sender(env.owner);
    let registry = env.registry.sender(env.owner);
    // Identity -> balance.
    let mut expected: Vec<(Address, u64)> = Vec::new();
    for (wallet, &balance) in wallets.iter().zip(balances) {
        let identity = match registry.identity(*wallet) {
            id if id.is_zero() => *wallet,
            id => id,
        };
        let booked = if balance == 0 { None } else { Some(identity) };
        if let Some(identity) = booked {
            assert_eq!(view.wallet_book(*wallet), (identity, u(balance)));
            match expected.iter_mut().find(|(id, _)| *id == identity) {
                Some(entry) => entry.1 += balance,
                None => expected.push((identity, balance)),
            }
        }
    }
    for (identity, balance) in &expected {
        assert_eq!(view.identity_balance(*identity), u(*balance));
        assert!(*balance <= 300, "maximum balance exceeded");
    }
    assert_eq!(view.holder_count() as usize, expected.len());
    assert!(view.holder_count() <= 3, "holder cap exceeded");
    assert!(view.country(USA).4 <= 1, "country cap exceeded");
    let per_country: u32 = [FRANCE, USA, GERMANY, 0]
        .into_iter()
        .map(|c| view.country(c).4)
        .sum();
    assert_eq!(per_country, view.holder_count());
}
