//! The token with the real identity registry and compliance.
use alloy_primitives::{Address, U256};
use alloy_sol_types::SolError;
use compliance::{Compliance, ComplianceUnauthorizedBinding};
use identity_registry::IdentityRegistry;
use motsu::prelude::*;
use token::{Token, TokenComplianceRefused, TokenUnverifiedRecipient, TokenWalletFrozen, Transfer};

use crate::suite::*;

/// The compliance's refusal of a registry change, passed through by the
/// registry.
fn sync_refused(wallet: Address, identity: Address, country: u16) -> identity_registry::Error {
    identity_registry::Error::Reverted(
        compliance::ComplianceSyncBreachesRule {
            wallet,
            identity,
            country,
        }
        .abi_encode(),
    )
}

fn refused(from: Address, to: Address, amount: u64) -> token::Error {
    TokenComplianceRefused {
        from,
        to,
        amount: U256::from(amount),
    }
    .into()
}

#[motsu::test]
fn compliant_transfers_keep_token_and_compliance_books_equal(
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    owner: Address,
    operator: Address,
    alice: Address,
    alice2: Address,
    bob: Address,
) {
    let suite = deploy(&registry, &compliance, &token, owner, operator);
    assert_eq!(
        compliance.sender(owner).get_token_bound(),
        token.address(),
        "the token bound itself"
    );
    suite.register(alice, ALICE_ID, FRANCE);
    suite.register(alice2, ALICE_ID, FRANCE);
    suite.register(bob, BOB_ID, GERMANY);
    let wallets = [alice, alice2, bob];
    let ids = [ALICE_ID, BOB_ID];

    suite.mint(alice, 1_000);
    suite.assert_invariants(&wallets, &ids);
    token
        .sender(alice)
        .transfer(bob, U256::from(300))
        .motsu_unwrap();
    token.assert_emitted(&Transfer {
        from: alice,
        to: bob,
        value: U256::from(300),
    });
    suite.assert_invariants(&wallets, &ids);
    token
        .sender(alice)
        .transfer(alice2, U256::from(700))
        .motsu_unwrap();
    suite.assert_invariants(&wallets, &ids);
    assert_eq!(compliance.sender(owner).holder_count(), 2);
    token
        .sender(operator)
        .burn(bob, U256::from(300))
        .motsu_unwrap();
    suite.assert_invariants(&wallets, &ids);
    assert_eq!(compliance.sender(owner).holder_count(), 1);
}

#[motsu::test]
fn each_refusal_reaches_the_holder_as_a_typed_error(
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    owner: Address,
    operator: Address,
    alice: Address,
    bob: Address,
    carol: Address,
    dave: Address,
) {
    let suite = deploy(&registry, &compliance, &token, owner, operator);
    suite.register(alice, ALICE_ID, FRANCE);
    suite.register(bob, BOB_ID, GERMANY);
    suite.register(carol, CAROL_ID, USA);
    suite.mint(alice, 1_000);
    let c = || compliance.sender(owner);
    let send = |to: Address, amount: u64| {
        token
            .sender(alice)
            .transfer(to, U256::from(amount))
            .motsu_unwrap_err()
    };

    // Unverified recipient (the registry).
    assert_eq!(
        send(dave, 1),
        TokenUnverifiedRecipient { wallet: dave }.into()
    );
    // Blocked country.
    c().set_country_lists_enabled(false, true).motsu_unwrap();
    c().set_country(USA, false, true, false, 0).motsu_unwrap();
    assert_eq!(send(carol, 1), refused(alice, carol, 1));
    // Maximum balance.
    c().set_max_balance(true, U256::from(500)).motsu_unwrap();
    assert_eq!(send(bob, 501), refused(alice, bob, 501));
    token
        .sender(alice)
        .transfer(bob, U256::from(500))
        .motsu_unwrap();
    // Holder cap: Alice and Bob hold; Carol (unblocked) would be third.
    c().set_country(USA, false, false, false, 0).motsu_unwrap();
    c().set_max_holders(true, 2).motsu_unwrap();
    assert_eq!(send(carol, 1), refused(alice, carol, 1));
    // Frozen wallet (the token).
    token
        .sender(operator)
        .set_address_frozen(bob, true)
        .motsu_unwrap();
    assert_eq!(send(bob, 1), TokenWalletFrozen { wallet: bob }.into());
    // A mint refused by the compliance (holder cap).
    let err = token
        .sender(operator)
        .mint(carol, U256::from(1))
        .motsu_unwrap_err();
    assert_eq!(err, refused(Address::ZERO, carol, 1));

    suite.assert_invariants(&[alice, bob, carol], &[ALICE_ID, BOB_ID, CAROL_ID]);
}

#[motsu::test]
fn lock_up_holds_purchased_tokens_until_forced_out(
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    owner: Address,
    operator: Address,
    alice: Address,
    bob: Address,
) {
    let suite = deploy(&registry, &compliance, &token, owner, operator);
    suite.register(alice, ALICE_ID, FRANCE);
    suite.register(bob, BOB_ID, FRANCE);
    suite.mint(alice, 100);
    compliance
        .sender(owner)
        .set_lock_up_period(30 * DAY)
        .motsu_unwrap();
    suite.mint(alice, 400);

    token
        .sender(alice)
        .transfer(bob, U256::from(100))
        .motsu_unwrap();
    let err = token
        .sender(alice)
        .transfer(bob, U256::from(1))
        .motsu_unwrap_err();
    assert_eq!(err, refused(alice, bob, 1));
    assert_eq!(
        compliance.sender(owner).lock_ups(alice),
        vec![(NOW + 30 * DAY, U256::from(400))]
    );

    // The agent's forced transfer takes locked tokens and clears them.
    token
        .sender(operator)
        .forced_transfer(alice, bob, U256::from(150))
        .motsu_unwrap();
    assert_eq!(
        compliance.sender(owner).locked_balance(alice),
        U256::from(250)
    );
    token
        .sender(operator)
        .burn(alice, U256::from(250))
        .motsu_unwrap();
    assert_eq!(compliance.sender(owner).locked_balance(alice), U256::ZERO);
    suite.assert_invariants(&[alice, bob], &[ALICE_ID, BOB_ID]);
}

#[motsu::test]
fn recovery_keeps_the_investor_one_holder(
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    owner: Address,
    operator: Address,
    lost: Address,
    new: Address,
    bob: Address,
) {
    let suite = deploy(&registry, &compliance, &token, owner, operator);
    suite.register(lost, ALICE_ID, FRANCE);
    suite.register(bob, BOB_ID, FRANCE);
    suite.mint(lost, 1_000);
    suite.mint(bob, 10);
    token
        .sender(operator)
        .freeze_partial_tokens(lost, U256::from(200))
        .motsu_unwrap();

    token
        .sender(operator)
        .recovery_address(lost, new, ALICE_ID)
        .motsu_unwrap();

    assert_eq!(suite.balance(new), U256::from(1_000));
    assert_eq!(token.sender(owner).get_frozen_tokens(new), U256::from(200));
    assert_eq!(registry.sender(owner).identity(new), ALICE_ID);
    assert!(!registry.sender(owner).contains(lost));
    assert_eq!(compliance.sender(owner).holder_count(), 2);
    suite.assert_invariants(&[lost, new, bob], &[ALICE_ID, BOB_ID]);

    // The new wallet trades; the lost one is gone from the registry.
    token
        .sender(new)
        .transfer(bob, U256::from(800))
        .motsu_unwrap();
    let err = token
        .sender(bob)
        .transfer(lost, U256::from(1))
        .motsu_unwrap_err();
    assert_eq!(err, TokenUnverifiedRecipient { wallet: lost }.into());
    suite.assert_invariants(&[lost, new, bob], &[ALICE_ID, BOB_ID]);
}

#[motsu::test]
fn moving_the_token_to_a_new_compliance_rebinds_both(
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    next: Contract<Compliance>,
    token: Contract<Token>,
    owner: Address,
    operator: Address,
) {
    deploy(&registry, &compliance, &token, owner, operator);
    next.sender(owner)
        .constructor(owner, registry.address())
        .motsu_unwrap();

    // The new compliance's owner has not bound the token: refused, nothing
    // changes.
    let err = token
        .sender(owner)
        .set_compliance(next.address())
        .motsu_unwrap_err();
    assert_eq!(
        err,
        token::Error::Reverted(
            ComplianceUnauthorizedBinding {
                account: token.address()
            }
            .abi_encode()
        )
    );
    assert_eq!(token.sender(owner).compliance(), compliance.address());
    assert_eq!(compliance.sender(owner).get_token_bound(), token.address());

    next.sender(owner)
        .bind_token(token.address())
        .motsu_unwrap();
    token
        .sender(owner)
        .set_compliance(next.address())
        .motsu_unwrap();

    assert_eq!(token.sender(owner).compliance(), next.address());
    assert_eq!(compliance.sender(owner).get_token_bound(), Address::ZERO);
    assert_eq!(next.sender(owner).get_token_bound(), token.address());
}

/// The review's cases through the token: an investor's two wallets merged
/// by the registry count once, against the maximum balance too; a wallet
/// split off counts as a new holder and is refused beyond the holder cap;
/// a recovery leaves the books on the investor; a deleted wallet counts as
/// its own holder until registered again.
#[motsu::test]
fn registry_changes_keep_the_books_on_the_investor(
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    owner: Address,
    operator: Address,
    alice: Address,
    alice2: Address,
    alice3: Address,
    bob: Address,
) {
    let suite = deploy(&registry, &compliance, &token, owner, operator);
    let wallets = [alice, alice2, alice3, bob];
    let ids = [ALICE_ID, BOB_ID, alice];
    suite.register(alice, ALICE_ID, FRANCE);
    suite.register(alice2, BOB_ID, FRANCE);
    suite.register(bob, BOB_ID, GERMANY);
    suite.mint(alice, 300);
    suite.mint(alice2, 300);
    suite.mint(bob, 100);
    assert_eq!(compliance.sender(owner).holder_count(), 2);

    // alice2 was registered to the wrong identity: it is Alice's.
    registry
        .sender(operator)
        .update_identity(alice2, ALICE_ID)
        .motsu_unwrap();
    suite.assert_invariants(&wallets, &ids);
    assert_eq!(
        compliance.sender(owner).identity_balance(ALICE_ID),
        U256::from(600)
    );
    // The maximum balance now sees both wallets.
    compliance
        .sender(owner)
        .set_max_balance(true, U256::from(650))
        .motsu_unwrap();
    let err = token
        .sender(bob)
        .transfer(alice, U256::from(51))
        .motsu_unwrap_err();
    assert_eq!(err, refused(bob, alice, 51));
    token
        .sender(bob)
        .transfer(alice2, U256::from(50))
        .motsu_unwrap();
    suite.assert_invariants(&wallets, &ids);

    // Splitting alice2 off again would make a third holder: refused at
    // a cap of 2, and nothing changes.
    compliance
        .sender(owner)
        .set_max_holders(true, 2)
        .motsu_unwrap();
    let err = registry
        .sender(operator)
        .update_identity(alice2, alice3)
        .motsu_unwrap_err();
    assert_eq!(err, sync_refused(alice2, alice3, FRANCE));
    assert_eq!(registry.sender(owner).identity(alice2), ALICE_ID);
    suite.assert_invariants(&wallets, &ids);

    // A recovery of alice to a new wallet stays on Alice's identity.
    token
        .sender(operator)
        .recovery_address(alice, alice3, ALICE_ID)
        .motsu_unwrap();
    suite.assert_invariants(&wallets, &ids);
    assert_eq!(compliance.sender(owner).holder_count(), 2);

    // Deleting alice2 (holding 350) makes it its own holder: refused at a
    // cap of 2; allowed at 3, and counted as the wallet's own.
    let err = registry
        .sender(operator)
        .delete_identity(alice2)
        .motsu_unwrap_err();
    // Deleted, the wallet would count as its own holder, in country 0.
    assert_eq!(err, sync_refused(alice2, alice2, 0));
    compliance
        .sender(owner)
        .set_max_holders(true, 3)
        .motsu_unwrap();
    registry
        .sender(operator)
        .delete_identity(alice2)
        .motsu_unwrap();
    let ids = [ALICE_ID, BOB_ID, alice2];
    suite.assert_invariants(&wallets, &ids);
    assert_eq!(compliance.sender(owner).holder_count(), 3);
}

#[motsu::test]
fn without_books_the_token_transfers_under_lists_supply_cap_and_limits(
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    owner: Address,
    operator: Address,
    alice: Address,
    alice2: Address,
    bob: Address,
    carol: Address,
) {
    let suite = deploy_without_books(&registry, &compliance, &token, owner, operator);
    suite.register(alice, ALICE_ID, FRANCE);
    suite.register(alice2, ALICE_ID, FRANCE);
    suite.register(bob, BOB_ID, FRANCE);
    suite.register(carol, CAROL_ID, GERMANY);
    let c = || compliance.sender(owner);
    // T-REX's three-module set: allow-list, supply cap, one limit window.
    c().set_country_lists_enabled(true, false).motsu_unwrap();
    c().set_country(FRANCE, true, false, false, 0)
        .motsu_unwrap();
    c().set_supply_cap(true, U256::from(1_000)).motsu_unwrap();
    c().set_transfer_limits(vec![DAY], vec![U256::from(100)])
        .motsu_unwrap();
    suite.mint(alice, 1_000);

    // The supply cap refuses a mint beyond it.
    let err = token
        .sender(operator)
        .mint(bob, U256::from(1))
        .motsu_unwrap_err();
    assert_eq!(err, refused(Address::ZERO, bob, 1));
    // Between Alice's own wallets: no limit applies.
    token
        .sender(alice)
        .transfer(alice2, U256::from(500))
        .motsu_unwrap();
    // To Bob: within the limit, then beyond it from either wallet.
    token
        .sender(alice)
        .transfer(bob, U256::from(60))
        .motsu_unwrap();
    token
        .sender(alice2)
        .transfer(bob, U256::from(40))
        .motsu_unwrap();
    let err = token
        .sender(alice2)
        .transfer(bob, U256::from(1))
        .motsu_unwrap_err();
    assert_eq!(err, refused(alice2, bob, 1));
    // Bob's identity has its own window; Germany is not allow-listed.
    let err = token
        .sender(bob)
        .transfer(carol, U256::from(1))
        .motsu_unwrap_err();
    assert_eq!(err, refused(bob, carol, 1));
    token
        .sender(bob)
        .transfer(alice, U256::from(100))
        .motsu_unwrap();

    let balance = |w: Address| token.sender(owner).balance_of(w);
    assert_eq!(
        (balance(alice), balance(alice2), balance(bob)),
        (U256::from(540), U256::from(460), U256::ZERO)
    );
    assert_eq!(c().sent_in_window(ALICE_ID, DAY), U256::from(100));
    assert_eq!(c().sent_in_window(BOB_ID, DAY), U256::from(100));
    // Nothing but the supply and the counters was kept.
    assert_eq!(c().supply(), U256::from(1_000));
    assert_eq!(c().holder_count(), 0);
    assert_eq!(c().identity_balance(ALICE_ID), U256::ZERO);
}

#[motsu::test]
fn the_compliance_tells_the_token_when_transfers_need_it(
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    other_token: Contract<Token>,
    owner: Address,
    operator: Address,
    alice: Address,
    bob: Address,
    carol: Address,
) {
    let suite = deploy_without_books(&registry, &compliance, &token, owner, operator);
    suite.register(alice, ALICE_ID, FRANCE);
    suite.register(bob, BOB_ID, FRANCE);
    suite.register(carol, CAROL_ID, GERMANY);
    let c = || compliance.sender(owner);
    let checks = || token.sender(owner).transfer_checks();
    // Bound with every rule off: transfers skip the compliance.
    assert!(!checks());
    suite.mint(alice, 1_000);
    token
        .sender(alice)
        .transfer(carol, U256::from(10))
        .motsu_unwrap();

    // A country list: the token is told before the rule applies, and it
    // does apply to the next transfer.
    c().set_country_lists_enabled(true, false).motsu_unwrap();
    assert!(checks());
    c().set_country(FRANCE, true, false, false, 0)
        .motsu_unwrap();
    let err = token
        .sender(alice)
        .transfer(carol, U256::from(1))
        .motsu_unwrap_err();
    assert_eq!(err, refused(alice, carol, 1));
    c().set_country_lists_enabled(false, false).motsu_unwrap();
    assert!(!checks());

    // A transfer limit, then none; the supply cap alone (mints only)
    // leaves transfers unchecked.
    c().set_transfer_limits(vec![DAY], vec![U256::from(5)])
        .motsu_unwrap();
    assert!(checks());
    let err = token
        .sender(alice)
        .transfer(bob, U256::from(6))
        .motsu_unwrap_err();
    assert_eq!(err, refused(alice, bob, 6));
    c().set_transfer_limits(vec![], vec![]).motsu_unwrap();
    c().set_supply_cap(true, U256::from(1_000)).motsu_unwrap();
    assert!(!checks());
    token
        .sender(alice)
        .transfer(bob, U256::from(6))
        .motsu_unwrap();

    // Binding another token: the first one calls the compliance again.
    other_token
        .sender(owner)
        .constructor(
            owner,
            "Other".into(),
            "OTH".into(),
            18,
            registry.address(),
            compliance.address(),
            ISSUER_ID,
        )
        .motsu_unwrap();
    c().bind_token(other_token.address()).motsu_unwrap();
    assert!(checks());
    assert!(!other_token.sender(owner).transfer_checks());
}
