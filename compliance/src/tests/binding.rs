//! Token binding and the hooks' caller check.
use alloy_primitives::{Address, U256};
use common::roles::{OwnableInvalidOwner, OwnableUnauthorizedAccount};
use identity_registry::IdentityRegistry;
use motsu::prelude::*;

use super::*;

#[motsu::test]
fn constructor_sets_owner_and_registry(
    compliance: Contract<Compliance>,
    owner: Address,
    registry: Address,
) {
    compliance
        .sender(owner)
        .constructor(owner, registry)
        .motsu_unwrap();

    assert_eq!(compliance.sender(owner).ownable.owner(), owner);
    assert_eq!(compliance.sender(owner).identity_registry(), registry);
    assert_eq!(compliance.sender(owner).get_token_bound(), Address::ZERO);
    assert_eq!(compliance.sender(owner).rules().0, 0, "every rule off");
    compliance.assert_emitted(&IdentityRegistrySet {
        identityRegistry: registry,
    });
}

#[motsu::test]
fn constructor_refuses_zero_admin_or_registry(
    compliance: Contract<Compliance>,
    owner: Address,
    registry: Address,
) {
    let err = compliance
        .sender(owner)
        .constructor(Address::ZERO, registry)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        OwnableInvalidOwner {
            owner: Address::ZERO
        }
        .into()
    );
    let err = compliance
        .sender(owner)
        .constructor(owner, Address::ZERO)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        ComplianceInvalidIdentityRegistry {
            registry: Address::ZERO
        }
        .into()
    );
}

#[motsu::test]
fn only_the_owner_binds_and_the_bound_token_confirms_itself(
    compliance: Contract<Compliance>,
    owner: Address,
    registry: Address,
    token: Address,
    other: Address,
) {
    compliance
        .sender(owner)
        .constructor(owner, registry)
        .motsu_unwrap();

    // A token cannot bind itself to an unbound compliance: only the owner
    // binds.
    let err = compliance
        .sender(token)
        .bind_token(token)
        .motsu_unwrap_err();
    assert_eq!(err, ComplianceUnauthorizedBinding { account: token }.into());
    assert_eq!(compliance.sender(owner).get_token_bound(), Address::ZERO);

    compliance.sender(owner).bind_token(token).motsu_unwrap();
    assert_eq!(compliance.sender(owner).get_token_bound(), token);
    compliance.assert_emitted(&TokenBound { _token: token });

    // The bound token confirming itself changes nothing; another account
    // binding itself, or binding the bound token, is refused.
    compliance.sender(token).bind_token(token).motsu_unwrap();
    assert_eq!(compliance.sender(owner).get_token_bound(), token);
    let err = compliance
        .sender(other)
        .bind_token(other)
        .motsu_unwrap_err();
    assert_eq!(err, ComplianceUnauthorizedBinding { account: other }.into());
    let err = compliance
        .sender(other)
        .bind_token(token)
        .motsu_unwrap_err();
    assert_eq!(err, ComplianceUnauthorizedBinding { account: other }.into());
    assert_eq!(compliance.sender(owner).get_token_bound(), token);

    // The owner may rebind; the zero address never.
    let err = compliance
        .sender(owner)
        .bind_token(Address::ZERO)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        ComplianceInvalidToken {
            token: Address::ZERO
        }
        .into()
    );
    compliance.sender(owner).bind_token(other).motsu_unwrap();
    assert_eq!(compliance.sender(owner).get_token_bound(), other);
}

#[motsu::test]
fn a_stranger_cannot_front_run_the_binding_to_poison_the_books(
    compliance: Contract<Compliance>,
    owner: Address,
    registry: Address,
    token: Address,
    attacker: Address,
    alice: Address,
) {
    // Deployed, not yet bound: the window between the compliance's and the
    // token's deployment.
    compliance
        .sender(owner)
        .constructor(owner, registry)
        .motsu_unwrap();

    let err = compliance
        .sender(attacker)
        .bind_token(attacker)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        ComplianceUnauthorizedBinding { account: attacker }.into()
    );
    let unauthorized: Error = ComplianceUnauthorizedToken { account: attacker }.into();
    let near_max = U256::MAX - U256::from(1);
    assert_eq!(
        compliance
            .sender(attacker)
            .created(alice, near_max)
            .motsu_unwrap_err(),
        unauthorized
    );
    assert_eq!(
        compliance
            .sender(attacker)
            .transferred(alice, attacker, near_max)
            .motsu_unwrap_err(),
        unauthorized
    );
    let err = compliance
        .sender(attacker)
        .unbind_token(attacker)
        .motsu_unwrap_err();
    assert_eq!(err, ComplianceTokenNotBound { token: attacker }.into());

    // The books are untouched and the owner binds the real token.
    assert_eq!(compliance.sender(owner).supply(), U256::ZERO);
    assert_eq!(compliance.sender(owner).holder_count(), 0);
    compliance.sender(owner).bind_token(token).motsu_unwrap();
    assert_eq!(compliance.sender(owner).get_token_bound(), token);
}

#[motsu::test]
fn unbind_token_by_token_or_owner_of_the_bound_token_only(
    compliance: Contract<Compliance>,
    owner: Address,
    registry: Address,
    token: Address,
    other: Address,
) {
    compliance
        .sender(owner)
        .constructor(owner, registry)
        .motsu_unwrap();
    compliance.sender(owner).bind_token(token).motsu_unwrap();

    let err = compliance
        .sender(other)
        .unbind_token(token)
        .motsu_unwrap_err();
    assert_eq!(err, ComplianceUnauthorizedBinding { account: other }.into());
    let err = compliance
        .sender(owner)
        .unbind_token(other)
        .motsu_unwrap_err();
    assert_eq!(err, ComplianceTokenNotBound { token: other }.into());

    compliance.sender(token).unbind_token(token).motsu_unwrap();
    assert_eq!(compliance.sender(owner).get_token_bound(), Address::ZERO);
    compliance.assert_emitted(&TokenUnbound { _token: token });

    compliance.sender(owner).bind_token(token).motsu_unwrap();
    compliance.sender(owner).unbind_token(token).motsu_unwrap();
    assert_eq!(compliance.sender(owner).get_token_bound(), Address::ZERO);
}

#[motsu::test]
fn hooks_revert_when_caller_is_not_the_bound_token(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    let expected: Error = ComplianceUnauthorizedToken { account: owner }.into();

    assert_eq!(
        compliance
            .sender(owner)
            .created(alice, HUNDRED)
            .motsu_unwrap_err(),
        expected
    );
    env.mint(alice, HUNDRED);
    assert_eq!(
        compliance
            .sender(owner)
            .transferred(alice, owner, U256::from(1))
            .motsu_unwrap_err(),
        expected
    );
    assert_eq!(
        compliance
            .sender(owner)
            .destroyed(alice, U256::from(1))
            .motsu_unwrap_err(),
        expected
    );
    for from in [Address::ZERO, alice] {
        assert_eq!(
            compliance
                .sender(owner)
                .check_and_record(from, alice, U256::from(1), Address::ZERO, ALICE_ID, FRANCE)
                .motsu_unwrap_err(),
            expected
        );
    }
    assert_eq!(compliance.sender(owner).supply(), HUNDRED);
    assert_eq!(compliance.sender(owner).identity_balance(ALICE_ID), HUNDRED);

    // Unbound, nobody may call the hooks.
    compliance.sender(token).unbind_token(token).motsu_unwrap();
    let err = compliance
        .sender(token)
        .destroyed(alice, U256::from(1))
        .motsu_unwrap_err();
    assert_eq!(err, ComplianceUnauthorizedToken { account: token }.into());
}

#[motsu::test]
fn owner_settings_revert_when_not_owner(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
) {
    deploy(&compliance, &registry, owner, token);
    let expected: Error = OwnableUnauthorizedAccount { account: token }.into();
    let c = || compliance.sender(token);

    let errors = [
        c().set_country_lists_enabled(true, true).motsu_unwrap_err(),
        c().set_country(FRANCE, true, true, true, 1)
            .motsu_unwrap_err(),
        c().set_max_balance(true, HUNDRED).motsu_unwrap_err(),
        c().set_max_holders(true, 1).motsu_unwrap_err(),
        c().set_supply_cap(true, HUNDRED).motsu_unwrap_err(),
        c().set_lock_up_period(1).motsu_unwrap_err(),
        c().set_transfer_limits(vec![1], vec![HUNDRED])
            .motsu_unwrap_err(),
        c().add_module(token).motsu_unwrap_err(),
        c().remove_module(token).motsu_unwrap_err(),
        c().call_module_function(vec![1, 2, 3, 4].into(), token)
            .motsu_unwrap_err(),
    ];
    for err in errors {
        assert_eq!(err, expected);
    }
    assert_eq!(compliance.sender(owner).rules().0, crate::rules::BOOKS);
}

#[motsu::test]
fn check_and_record_books_the_given_recipient_and_a_refusal_books_nothing(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    compliance
        .sender(owner)
        .set_country_lists_enabled(true, false)
        .motsu_unwrap();
    compliance
        .sender(owner)
        .set_country(FRANCE, true, false, false, 0)
        .motsu_unwrap();
    let c = || compliance.sender(token);

    // A mint (from zero) passes and is booked as `created` books it.
    assert!(
        c().check_and_record(
            Address::ZERO,
            alice,
            HUNDRED,
            Address::ZERO,
            ALICE_ID,
            FRANCE
        )
        .motsu_unwrap()
        .0
    );
    assert_eq!(c().supply(), HUNDRED);
    assert_eq!(c().identity_balance(ALICE_ID), HUNDRED);

    // The recipient is counted for the identity and country given (what
    // the token's registry call answered), not asked again.
    assert!(
        c().check_and_record(alice, bob, U256::from(30), Address::ZERO, BOB_ID, FRANCE)
            .motsu_unwrap()
            .0
    );
    assert_eq!(c().identity_balance(BOB_ID), U256::from(30));
    assert_eq!(c().wallet_book(bob), (BOB_ID, U256::from(30)));
    assert_eq!(c().holder_count(), 2);
    assert_eq!(c().country(FRANCE).4, 2);

    // Refused (the given country is not allow-listed): false, and the
    // books keep every figure.
    assert!(
        !c().check_and_record(alice, bob, U256::from(5), Address::ZERO, BOB_ID, GERMANY)
            .motsu_unwrap()
            .0
    );
    assert!(
        !c().check_and_record(
            Address::ZERO,
            bob,
            U256::from(5),
            Address::ZERO,
            BOB_ID,
            GERMANY
        )
        .motsu_unwrap()
        .0
    );
    assert_eq!(c().supply(), HUNDRED);
    assert_eq!(c().wallet_book(alice), (ALICE_ID, U256::from(70)));
    assert_eq!(c().wallet_book(bob), (BOB_ID, U256::from(30)));
    assert_eq!(c().identity_balance(ALICE_ID), U256::from(70));

    // Beyond the sender's balance in the books: refused, nothing booked.
    assert!(
        !c().check_and_record(bob, alice, U256::from(31), Address::ZERO, ALICE_ID, FRANCE)
            .motsu_unwrap()
            .0
    );
    assert_eq!(c().wallet_book(bob), (BOB_ID, U256::from(30)));
}
