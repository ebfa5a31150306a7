//! Country allow-list and block-list (the recipient's country).
use alloy_primitives::{Address, U256};
use identity_registry::IdentityRegistry;
use motsu::prelude::*;

use super::*;

#[motsu::test]
fn allow_list_admits_only_listed_countries(
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
    let c = || compliance.sender(owner);

    c().set_country(FRANCE, true, false, false, 0)
        .motsu_unwrap();
    compliance.assert_emitted(&CountrySet {
        country: FRANCE,
        allowed: true,
        blocked: false,
        capEnabled: false,
        cap: 0,
    });
    // Off: every country may receive.
    assert!(env.can(alice, bob, U256::from(1)));

    c().set_country_lists_enabled(true, false).motsu_unwrap();
    compliance.assert_emitted(&CountryListsEnabled {
        allowList: true,
        blockList: false,
    });
    assert!(!env.can(alice, bob, U256::from(1)));
    assert!(!env.can(Address::ZERO, bob, U256::from(1)));
    assert!(env.can(Address::ZERO, alice, U256::from(1)));

    c().set_country(USA, true, false, false, 0).motsu_unwrap();
    assert!(env.can(alice, bob, U256::from(1)));
    c().set_country(USA, false, false, false, 0).motsu_unwrap();
    assert!(!env.can(alice, bob, U256::from(1)));

    c().set_country_lists_enabled(false, false).motsu_unwrap();
    assert!(env.can(alice, bob, U256::from(1)));
    let view = c();
    assert!(view.country(FRANCE).0);
    assert!(!view.country(USA).0);
    assert_eq!(view.rules().0 & rules::ALLOW_LIST, 0);
}

#[motsu::test]
fn block_list_refuses_listed_countries(
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
    let c = || compliance.sender(owner);

    c().set_country_lists_enabled(false, true).motsu_unwrap();
    compliance.assert_emitted(&CountryListsEnabled {
        allowList: false,
        blockList: true,
    });
    assert!(env.can(alice, bob, U256::from(1)));

    c().set_country(USA, false, true, false, 0).motsu_unwrap();
    compliance.assert_emitted(&CountrySet {
        country: USA,
        allowed: false,
        blocked: true,
        capEnabled: false,
        cap: 0,
    });
    assert!(!env.can(alice, bob, U256::from(1)));
    assert!(!env.can(Address::ZERO, bob, U256::from(1)));
    // The sender's country does not matter.
    c().set_country(FRANCE, false, true, false, 0)
        .motsu_unwrap();
    c().set_country(USA, false, false, false, 0).motsu_unwrap();
    assert!(env.can(alice, bob, U256::from(1)));
    assert!(c().country(FRANCE).1);
    assert_eq!(c().rules().0, rules::BLOCK_LIST | rules::BOOKS);
}

#[motsu::test]
fn recipient_country_is_read_fresh_from_the_registry(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    compliance
        .sender(owner)
        .set_country_lists_enabled(false, true)
        .motsu_unwrap();
    compliance
        .sender(owner)
        .set_country(USA, false, true, false, 0)
        .motsu_unwrap();
    env.mint(alice, HUNDRED);

    registry
        .sender(owner)
        .update_country(alice, USA)
        .motsu_unwrap();

    assert!(!env.can(Address::ZERO, alice, U256::from(1)));
}
