//! Without a rule that needs them, the books are not kept: transfers read
//! and write no balance, holder or lock-up; the country lists, the supply
//! cap, the transfer limits and the modules still apply. A rule that needs
//! the books is refused once tokens exist, until the supply is zero again.
use alloy_primitives::{Address, U256};
use identity_registry::IdentityRegistry;
use motsu::prelude::*;

use super::*;
use crate::rules::BOOKS;

/// A day, in seconds.
const DAY: u64 = 86_400;

#[motsu::test]
fn without_books_transfers_book_nothing_and_the_other_rules_still_apply(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
    bob: Address,
    carol: Address,
) {
    let env = deploy_without_books(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.register(bob, BOB_ID, FRANCE);
    env.register(carol, CAROL_ID, GERMANY);
    let c = || compliance.sender(owner);
    c().set_country_lists_enabled(true, false).motsu_unwrap();
    c().set_country(FRANCE, true, false, false, 0)
        .motsu_unwrap();
    c().set_supply_cap(true, U256::from(500)).motsu_unwrap();

    env.mint(alice, U256::from(500));
    assert!(!env.can(Address::ZERO, bob, U256::from(1)));
    env.transfer(alice, bob, HUNDRED);
    assert!(!env.can(alice, carol, U256::from(1)));

    // Only the supply is kept.
    assert_eq!(c().supply(), U256::from(500));
    assert_eq!(c().holder_count(), 0);
    assert_eq!(c().identity_balance(ALICE_ID), U256::ZERO);
    assert_eq!(c().wallet_book(bob), (Address::ZERO, U256::ZERO));
    assert!(c().lock_ups(alice).is_empty());
    assert_eq!(c().rules().0 & BOOKS, 0);

    // A burn lowers the supply.
    env.burn(bob, U256::from(40));
    assert_eq!(c().supply(), U256::from(460));
    assert!(env.can(Address::ZERO, bob, U256::from(40)));
}

#[motsu::test]
fn a_rule_needing_the_books_is_refused_while_tokens_exist_without_them(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
) {
    let env = deploy_without_books(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.mint(alice, HUNDRED);
    let c = || compliance.sender(owner);
    let expected: Error = ComplianceBooksNotKept { supply: HUNDRED }.into();

    let errors = [
        c().set_max_balance(true, HUNDRED).motsu_unwrap_err(),
        c().set_max_holders(true, 10).motsu_unwrap_err(),
        c().set_country(FRANCE, true, false, true, 10)
            .motsu_unwrap_err(),
        c().set_lock_up_period(DAY).motsu_unwrap_err(),
    ];
    for err in errors {
        assert_eq!(err, expected);
    }
    // Nothing changed.
    assert_eq!(c().rules(), (0, U256::ZERO, 0, U256::ZERO, 0));
    assert_eq!(c().country(FRANCE), (false, false, false, 0, 0));

    // Switching them off, and the rules without books, are accepted.
    c().set_max_balance(false, HUNDRED).motsu_unwrap();
    c().set_lock_up_period(0).motsu_unwrap();
    c().set_country(FRANCE, true, false, false, 10)
        .motsu_unwrap();
    c().set_transfer_limits(vec![DAY], vec![HUNDRED])
        .motsu_unwrap();

    // Once the supply is zero again, the books start empty, which they
    // are: every balance is zero.
    env.burn(alice, HUNDRED);
    c().set_max_holders(true, 10).motsu_unwrap();
    assert_eq!(c().rules().0, rules::MAX_HOLDERS | BOOKS);
    env.mint(alice, HUNDRED);
    assert_eq!(c().holder_count(), 1);
    assert_eq!(c().identity_balance(ALICE_ID), HUNDRED);
    // Kept for good: a rule switched off and on again is accepted.
    c().set_max_holders(false, 10).motsu_unwrap();
    c().set_max_balance(true, HUNDRED).motsu_unwrap();
    assert_eq!(c().rules().0, rules::MAX_BALANCE | BOOKS);
}

#[motsu::test]
fn without_books_transfer_limits_count_the_registry_identity(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
    alice2: Address,
    bob: Address,
) {
    let env = deploy_without_books(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.register(alice2, ALICE_ID, FRANCE);
    env.register(bob, BOB_ID, FRANCE);
    let c = || compliance.sender(owner);
    c().set_transfer_limits(vec![DAY], vec![HUNDRED])
        .motsu_unwrap();
    env.mint(alice, U256::from(500));

    // Between the identity's own wallets: not counted.
    env.transfer(alice, alice2, U256::from(300));
    assert_eq!(c().sent_in_window(ALICE_ID, DAY), U256::ZERO);
    env.transfer(alice, bob, U256::from(60));
    // Either wallet of the identity draws on one limit; a forced transfer
    // counts too.
    env.forced(alice2, bob, U256::from(30));
    assert_eq!(c().sent_in_window(ALICE_ID, DAY), U256::from(90));
    assert!(env.can(alice2, bob, U256::from(10)));
    assert!(!env.can(alice2, bob, U256::from(11)));
    assert!(!env.can(alice, bob, U256::from(11)));
    assert_eq!(c().rules().0 & BOOKS, 0);
}

#[motsu::test]
fn without_books_registry_changes_change_nothing(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
) {
    let env = deploy_without_books(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.mint(alice, HUNDRED);

    registry
        .sender(owner)
        .update_identity(alice, BOB_ID)
        .motsu_unwrap();
    registry
        .sender(owner)
        .update_country(alice, GERMANY)
        .motsu_unwrap();
    registry.sender(owner).delete_identity(alice).motsu_unwrap();

    // What each change would have emitted with the books kept.
    for (identity, country) in [(BOB_ID, FRANCE), (BOB_ID, GERMANY), (alice, 0)] {
        let synced = WalletSynced {
            wallet: alice,
            identity,
            country,
        };
        assert!(!compliance.emitted(&synced));
    }
    assert_eq!(compliance.sender(owner).holder_count(), 0);
    assert_eq!(compliance.sender(owner).supply(), HUNDRED);
}

#[motsu::test]
fn check_and_record_wants_the_sender_identity_only_for_limits_without_books(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy_without_books(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.register(bob, BOB_ID, FRANCE);
    let c = || compliance.sender(owner);
    let record = |from: Address, to: Address, from_id: Address, to_id: Address| {
        compliance
            .sender(token)
            .check_and_record(from, to, U256::from(10), from_id, to_id, FRANCE)
            .motsu_unwrap()
    };

    // No limit: not wanted.
    assert_eq!(
        record(Address::ZERO, alice, Address::ZERO, ALICE_ID),
        (true, false)
    );
    c().set_transfer_limits(vec![DAY], vec![U256::from(25)])
        .motsu_unwrap();
    // Limits without books: wanted, and what is given counts.
    assert_eq!(record(alice, bob, CAROL_ID, BOB_ID), (true, true));
    assert_eq!(c().sent_in_window(CAROL_ID, DAY), U256::from(10));
    assert_eq!(c().sent_in_window(ALICE_ID, DAY), U256::ZERO);
    // Not given: the compliance asks the registry itself.
    assert_eq!(record(alice, bob, Address::ZERO, BOB_ID), (true, true));
    assert_eq!(c().sent_in_window(ALICE_ID, DAY), U256::from(10));
    // Refused beyond the limit, still saying it wants it; nothing counted.
    assert_eq!(record(alice, bob, ALICE_ID, BOB_ID), (true, true));
    assert_eq!(record(alice, bob, ALICE_ID, BOB_ID), (false, true));
    assert_eq!(c().sent_in_window(ALICE_ID, DAY), U256::from(20));
}

#[motsu::test]
fn with_books_the_sender_identity_comes_from_the_books_and_is_not_wanted(
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
    let c = || compliance.sender(owner);
    c().set_transfer_limits(vec![DAY], vec![U256::from(25)])
        .motsu_unwrap();

    let answer = compliance
        .sender(token)
        .check_and_record(alice, bob, U256::from(10), CAROL_ID, BOB_ID, FRANCE)
        .motsu_unwrap();
    assert_eq!(answer, (true, false));
    // The books' identity counts, not the one given.
    assert_eq!(c().sent_in_window(ALICE_ID, DAY), U256::from(10));
    assert_eq!(c().sent_in_window(CAROL_ID, DAY), U256::ZERO);
    assert_eq!(c().identity_balance(ALICE_ID), U256::from(90));
}
