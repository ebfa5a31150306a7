//! What the compliance tells its token about holder transfers
//! (`setTransferChecks`): "needed" before any rule, limit, module or book
//! that checks or records them takes effect; "not needed" when none does,
//! remembered only when the token heeds it.
use alloy_primitives::{Address, U256};
use motsu::prelude::*;

use super::*;

/// Constructs the compliance (its registry a plain account: nothing here
/// reads it) and binds `token`.
fn bound(compliance: &Contract<Compliance>, owner: Address, registry: Address, token: Address) {
    compliance
        .sender(owner)
        .constructor(owner, registry)
        .motsu_unwrap();
    compliance.sender(owner).bind_token(token).motsu_unwrap();
}

#[motsu::test]
fn each_rule_that_checks_transfers_is_told_before_it_applies(
    compliance: Contract<Compliance>,
    token: Contract<MockToken>,
    module: Contract<MockModule>,
    owner: Address,
    registry: Address,
) {
    // Not told before it is bound.
    bound(&compliance, owner, registry, token.address());
    let c = || compliance.sender(owner);
    let told = || token.sender(owner).told();
    assert_eq!(told(), (false, U256::from(1)), "bound: not needed");

    c().set_country_lists_enabled(true, false).motsu_unwrap();
    assert_eq!(told(), (true, U256::from(2)));
    c().set_country_lists_enabled(false, true).motsu_unwrap();
    assert_eq!(told(), (true, U256::from(2)), "still needed: no call");
    c().set_country_lists_enabled(false, false).motsu_unwrap();
    assert_eq!(told(), (false, U256::from(3)));

    c().set_transfer_limits(vec![60], vec![HUNDRED])
        .motsu_unwrap();
    assert_eq!(told(), (true, U256::from(4)));
    c().set_transfer_limits(vec![], vec![]).motsu_unwrap();
    assert_eq!(told(), (false, U256::from(5)));

    // The supply cap concerns mints only.
    c().set_supply_cap(true, HUNDRED).motsu_unwrap();
    assert_eq!(told(), (false, U256::from(5)));

    module.sender(owner).set_binding_policy(true, true);
    c().add_module(module.address()).motsu_unwrap();
    assert_eq!(told(), (true, U256::from(6)));
    c().remove_module(module.address()).motsu_unwrap();
    assert_eq!(told(), (false, U256::from(7)));

    // The books, once kept, are kept for good: needed from then on.
    c().set_max_holders(true, 10).motsu_unwrap();
    assert_eq!(told(), (true, U256::from(8)));
    c().set_max_holders(false, 10).motsu_unwrap();
    assert_eq!(told(), (true, U256::from(8)));
}

#[motsu::test]
fn a_token_that_does_not_heed_is_never_thought_to_skip(
    compliance: Contract<Compliance>,
    token: Contract<MockToken>,
    owner: Address,
    registry: Address,
) {
    token.sender(owner).set_behaviour(true, false);
    bound(&compliance, owner, registry, token.address());
    let c = || compliance.sender(owner);
    // Not heeded: nothing to take back when a list is switched on.
    c().set_country_lists_enabled(true, false).motsu_unwrap();
    assert_eq!(token.sender(owner).told(), (false, U256::from(1)));
    // Asked again once nothing checks transfers.
    c().set_country_lists_enabled(false, false).motsu_unwrap();
    assert_eq!(token.sender(owner).told(), (false, U256::from(2)));
}

#[motsu::test]
fn a_rule_is_not_switched_on_when_the_token_cannot_be_told(
    compliance: Contract<Compliance>,
    token: Contract<MockToken>,
    owner: Address,
    registry: Address,
) {
    bound(&compliance, owner, registry, token.address());
    token.sender(owner).set_behaviour(false, true);
    let err = compliance
        .sender(owner)
        .set_country_lists_enabled(true, false)
        .motsu_unwrap_err();
    assert_eq!(err, Error::Reverted(MockTokenReverted {}.abi_encode()));
    assert_eq!(compliance.sender(owner).rules().0, 0);
    let err = compliance
        .sender(owner)
        .set_transfer_limits(vec![60], vec![HUNDRED])
        .motsu_unwrap_err();
    assert_eq!(err, Error::Reverted(MockTokenReverted {}.abi_encode()));
    assert!(compliance.sender(owner).transfer_limits().is_empty());
}

#[motsu::test]
fn a_token_left_is_told_that_transfers_need_a_compliance_again(
    compliance: Contract<Compliance>,
    first: Contract<MockToken>,
    second: Contract<MockToken>,
    owner: Address,
    registry: Address,
) {
    bound(&compliance, owner, registry, first.address());
    // Bound to another token: the first is told first.
    compliance
        .sender(owner)
        .bind_token(second.address())
        .motsu_unwrap();
    assert_eq!(first.sender(owner).told(), (true, U256::from(2)));
    assert_eq!(second.sender(owner).told(), (false, U256::from(1)));
    // Unbound by the owner: told too.
    compliance
        .sender(owner)
        .unbind_token(second.address())
        .motsu_unwrap();
    assert_eq!(second.sender(owner).told(), (true, U256::from(2)));
    // Unbound by the token itself (moving to another compliance, which
    // resets its checks itself): not called.
    compliance
        .sender(owner)
        .bind_token(first.address())
        .motsu_unwrap();
    assert_eq!(first.sender(owner).told(), (false, U256::from(3)));
    compliance
        .sender(first.address())
        .unbind_token(first.address())
        .motsu_unwrap();
    assert_eq!(first.sender(owner).told(), (false, U256::from(3)));
    assert_eq!(compliance.sender(owner).get_token_bound(), Address::ZERO);
}
