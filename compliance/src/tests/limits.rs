//! Maximum balance per identity, holder caps (total and per country),
//! supply cap.
use alloy_primitives::{Address, U256};
use identity_registry::IdentityRegistry;
use motsu::prelude::*;

use super::*;

#[motsu::test]
fn max_balance_caps_each_identity(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
    alice2: Address,
    bob: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.register(alice2, ALICE_ID, FRANCE);
    env.register(bob, BOB_ID, FRANCE);
    env.mint(bob, U256::from(500));

    compliance
        .sender(owner)
        .set_max_balance(true, HUNDRED)
        .motsu_unwrap();
    compliance.assert_emitted(&MaxBalanceSet {
        enabled: true,
        max: HUNDRED,
    });

    assert!(env.can(Address::ZERO, alice, HUNDRED));
    assert!(!env.can(Address::ZERO, alice, HUNDRED + U256::from(1)));
    env.transfer(bob, alice, U256::from(60));
    // Both wallets count: the identity holds 60.
    assert!(env.can(bob, alice2, U256::from(40)));
    assert!(!env.can(bob, alice2, U256::from(41)));
    // Moving between one identity's wallets is not receiving.
    assert!(env.can(alice, alice2, U256::from(60)));
    // Bob, above the cap already, may still receive from himself.
    assert!(env.can(bob, bob, U256::from(1)));

    compliance
        .sender(owner)
        .set_max_balance(false, HUNDRED)
        .motsu_unwrap();
    assert!(env.can(bob, alice2, U256::from(400)));
    assert_eq!(compliance.sender(owner).rules().1, HUNDRED);
}

#[motsu::test]
fn max_holders_caps_holding_identities(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
    alice2: Address,
    bob: Address,
    carol: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.register(alice2, ALICE_ID, FRANCE);
    env.register(bob, BOB_ID, FRANCE);
    env.register(carol, CAROL_ID, FRANCE);
    compliance
        .sender(owner)
        .set_max_holders(true, 2)
        .motsu_unwrap();
    compliance.assert_emitted(&MaxHoldersSet {
        enabled: true,
        max: 2,
    });

    env.mint(alice, HUNDRED);
    env.mint(bob, HUNDRED);
    // A third identity is refused; a second wallet of a holder is not.
    assert!(!env.can(Address::ZERO, carol, U256::from(1)));
    assert!(!env.can(alice, carol, U256::from(1)));
    assert!(env.can(Address::ZERO, alice2, U256::from(1)));
    // Zero amounts make nobody a holder.
    assert!(env.can(alice, carol, U256::ZERO));
    // Alice handing over everything keeps the count.
    assert!(env.can(alice, carol, HUNDRED));
    env.transfer(alice, carol, HUNDRED);
    assert_eq!(env.holders(), 2);

    compliance
        .sender(owner)
        .set_max_holders(false, 2)
        .motsu_unwrap();
    assert!(env.can(bob, alice, U256::from(1)));
}

#[motsu::test]
fn reg_d_cap_of_two_thousand_is_expressible(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
) {
    deploy(&compliance, &registry, owner, token);

    compliance
        .sender(owner)
        .set_max_holders(true, 2_000)
        .motsu_unwrap();
    compliance
        .sender(owner)
        .set_country(USA, true, false, true, 2_000)
        .motsu_unwrap();

    assert_eq!(compliance.sender(owner).rules().2, 2_000);
    assert_eq!(compliance.sender(owner).country(USA).3, 2_000);
}

#[motsu::test]
fn country_max_holders_caps_identities_per_country(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
    bob: Address,
    carol: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, USA);
    env.register(bob, BOB_ID, USA);
    env.register(carol, CAROL_ID, FRANCE);
    compliance
        .sender(owner)
        .set_country(USA, false, false, true, 1)
        .motsu_unwrap();
    compliance.assert_emitted(&CountrySet {
        country: USA,
        allowed: false,
        blocked: false,
        capEnabled: true,
        cap: 1,
    });

    env.mint(alice, HUNDRED);
    assert!(!env.can(Address::ZERO, bob, U256::from(1)));
    // Other countries are not capped.
    env.mint(carol, HUNDRED);
    // A US holder leaving for another US investor keeps the US count.
    assert!(env.can(alice, bob, HUNDRED));
    assert!(!env.can(alice, bob, U256::from(99)));
    // A French holder leaving does not free a US place.
    assert!(!env.can(carol, bob, HUNDRED));
    assert_eq!((env.holders_in(USA), env.holders_in(FRANCE)), (1, 1));

    compliance
        .sender(owner)
        .set_country(USA, false, false, false, 1)
        .motsu_unwrap();
    assert!(env.can(carol, bob, U256::from(1)));
}

#[motsu::test]
fn supply_cap_limits_mints_only(
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
    compliance
        .sender(owner)
        .set_supply_cap(true, HUNDRED)
        .motsu_unwrap();
    compliance.assert_emitted(&SupplyCapSet {
        enabled: true,
        cap: HUNDRED,
    });

    env.mint(alice, U256::from(70));
    assert!(env.can(Address::ZERO, bob, U256::from(30)));
    assert!(!env.can(Address::ZERO, bob, U256::from(31)));
    assert!(!env.can(Address::ZERO, bob, U256::MAX));
    assert!(env.can(alice, bob, U256::from(70)));

    compliance
        .sender(owner)
        .set_supply_cap(false, HUNDRED)
        .motsu_unwrap();
    assert!(env.can(Address::ZERO, bob, U256::from(31)));
}

#[motsu::test]
fn caps_share_a_word_and_keep_up_to_what_the_books_hold(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
) {
    deploy(&compliance, &registry, owner, token);
    let c = || compliance.sender(owner);
    c().set_max_balance(true, HUNDRED).motsu_unwrap();
    c().set_supply_cap(true, U256::from(7)).motsu_unwrap();
    let (_, max_balance, _, supply_cap, _) = c().rules();
    assert_eq!((max_balance, supply_cap), (HUNDRED, U256::from(7)));

    // Beyond 2^128 - 1 the books hold nothing more: kept as that; the
    // event states what was asked.
    c().set_supply_cap(true, U256::MAX).motsu_unwrap();
    compliance.assert_emitted(&SupplyCapSet {
        enabled: true,
        cap: U256::MAX,
    });
    let (_, max_balance, _, supply_cap, _) = c().rules();
    assert_eq!((max_balance, supply_cap), (HUNDRED, MAX_BOOKED));
    c().set_max_balance(true, MAX_BOOKED + U256::from(1))
        .motsu_unwrap();
    let (_, max_balance, _, supply_cap, _) = c().rules();
    assert_eq!((max_balance, supply_cap), (MAX_BOOKED, MAX_BOOKED));
    c().set_max_balance(false, U256::ZERO).motsu_unwrap();
    let (rules, max_balance, _, supply_cap, _) = c().rules();
    assert_eq!((max_balance, supply_cap), (U256::ZERO, MAX_BOOKED));
    assert_eq!(rules, crate::rules::SUPPLY_CAP | crate::rules::BOOKS);
}

#[motsu::test]
fn rules_combine_and_all_must_pass(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
    bob: Address,
    carol: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.register(bob, BOB_ID, GERMANY);
    env.register(carol, CAROL_ID, USA);
    let c = || compliance.sender(owner);
    c().set_country_lists_enabled(false, true).motsu_unwrap();
    c().set_country(USA, false, true, false, 0).motsu_unwrap();
    c().set_max_balance(true, HUNDRED).motsu_unwrap();
    c().set_max_holders(true, 2).motsu_unwrap();
    env.mint(alice, HUNDRED);

    assert!(env.can(alice, bob, U256::from(50)));
    assert!(!env.can(alice, carol, U256::from(50)), "blocked country");
    env.transfer(alice, bob, U256::from(50));
    assert!(!env.can(Address::ZERO, bob, U256::from(51)), "max balance");
    c().set_country(USA, false, false, false, 0).motsu_unwrap();
    assert!(!env.can(alice, carol, U256::from(1)), "holder cap");
    assert!(env.can(alice, carol, U256::from(50)), "Alice leaves");
}
