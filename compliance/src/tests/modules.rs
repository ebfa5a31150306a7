//! External modules: two-sided binding, checks, actions, configuration.
use alloy_primitives::{Address, U256};
use alloy_sol_types::SolCall;
use identity_registry::IdentityRegistry;
use motsu::prelude::*;

use super::*;

sol! {
    function setMax(uint256 max);
    function unbindCompliance(address compliance);
}

#[motsu::test]
fn plug_and_play_module_binds_both_ways_and_blocks_transfers(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    module: Contract<MockModule>,
    owner: Address,
    token: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.register(bob, BOB_ID, FRANCE);
    module.sender(owner).set_binding_policy(true, false);
    env.mint(alice, U256::from(500));

    compliance
        .sender(owner)
        .add_module(module.address())
        .motsu_unwrap();
    compliance.assert_emitted(&ModuleAdded {
        _module: module.address(),
    });
    assert!(compliance.sender(owner).is_module_bound(module.address()));
    assert_eq!(
        compliance.sender(owner).get_modules(),
        vec![module.address()]
    );
    assert!(module
        .sender(owner)
        .is_compliance_bound(compliance.address()));

    // The owner configures the module through the compliance.
    let call = setMaxCall { max: HUNDRED }.abi_encode();
    compliance
        .sender(owner)
        .call_module_function(call.clone().into(), module.address())
        .motsu_unwrap();
    compliance.assert_emitted(&ModuleInteraction {
        target: module.address(),
        selector: setMaxCall::SELECTOR.into(),
    });

    assert!(!env.can(Address::ZERO, alice, U256::from(500)));
    assert!(env.can(alice, bob, HUNDRED));
    assert!(!env.can(alice, bob, HUNDRED + U256::from(1)));
    env.transfer(alice, bob, HUNDRED);
    env.mint(bob, U256::from(1));
    env.burn(bob, U256::from(1));
    assert_eq!(module.sender(owner).actions(), U256::from(3));
    // T-REX's hooks tell the module as `checkAndRecord` does.
    env.transfer_by_hooks(alice, bob, HUNDRED);
    env.mint_by_hooks(bob, U256::from(1));
    assert_eq!(module.sender(owner).actions(), U256::from(5));

    compliance
        .sender(owner)
        .remove_module(module.address())
        .motsu_unwrap();
    compliance.assert_emitted(&ModuleRemoved {
        _module: module.address(),
    });
    assert!(!module
        .sender(owner)
        .is_compliance_bound(compliance.address()));
    assert!(compliance.sender(owner).get_modules().is_empty());
    assert!(env.can(alice, bob, U256::from(300)));
}

#[motsu::test]
fn module_binds_only_if_plug_and_play_or_accepting(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    module: Contract<MockModule>,
    owner: Address,
    token: Address,
) {
    deploy(&compliance, &registry, owner, token);
    module.sender(owner).set_binding_policy(false, false);

    let err = compliance
        .sender(owner)
        .add_module(module.address())
        .motsu_unwrap_err();
    assert_eq!(
        err,
        ComplianceModuleCannotBind {
            module: module.address()
        }
        .into()
    );
    assert!(!compliance.sender(owner).is_module_bound(module.address()));

    module.sender(owner).set_binding_policy(false, true);
    compliance
        .sender(owner)
        .add_module(module.address())
        .motsu_unwrap();
    let err = compliance
        .sender(owner)
        .add_module(module.address())
        .motsu_unwrap_err();
    assert_eq!(
        err,
        ComplianceModuleAlreadyBound {
            module: module.address()
        }
        .into()
    );
}

#[motsu::test]
fn module_operations_refuse_unknown_or_zero_modules(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    stranger: Address,
) {
    deploy(&compliance, &registry, owner, token);

    let err = compliance
        .sender(owner)
        .add_module(Address::ZERO)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        ComplianceInvalidModule {
            module: Address::ZERO
        }
        .into()
    );
    let expected: Error = ComplianceModuleNotBound { module: stranger }.into();
    assert_eq!(
        compliance
            .sender(owner)
            .remove_module(stranger)
            .motsu_unwrap_err(),
        expected
    );
    assert_eq!(
        compliance
            .sender(owner)
            .call_module_function(vec![1, 2, 3, 4].into(), stranger)
            .motsu_unwrap_err(),
        expected
    );
}

#[motsu::test]
fn module_revert_passes_through_call_module_function(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    module: Contract<MockModule>,
    owner: Address,
    token: Address,
    stranger: Address,
) {
    deploy(&compliance, &registry, owner, token);
    module.sender(owner).set_binding_policy(true, false);
    compliance
        .sender(owner)
        .add_module(module.address())
        .motsu_unwrap();

    // The module refuses to unbind a compliance other than its caller.
    let call = unbindComplianceCall {
        compliance: stranger,
    }
    .abi_encode();
    let err = compliance
        .sender(owner)
        .call_module_function(call.into(), module.address())
        .motsu_unwrap_err();

    assert_eq!(
        err,
        Error::Reverted(
            MockModuleNotBound {
                caller: compliance.address()
            }
            .abi_encode()
        )
    );
    assert!(module
        .sender(owner)
        .is_compliance_bound(compliance.address()));
}

#[motsu::test]
fn at_most_twenty_five_modules(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
) {
    deploy(&compliance, &registry, owner, token);
    let modules: Vec<Contract<MockModule>> = (0..=MAX_MODULES).map(|_| Contract::new()).collect();
    for module in &modules[..MAX_MODULES] {
        module.sender(owner).set_binding_policy(true, false);
        compliance
            .sender(owner)
            .add_module(module.address())
            .motsu_unwrap();
    }
    let last = &modules[MAX_MODULES];
    last.sender(owner).set_binding_policy(true, false);

    let err = compliance
        .sender(owner)
        .add_module(last.address())
        .motsu_unwrap_err();

    assert_eq!(
        err,
        ComplianceTooManyModules {
            max: U256::from(MAX_MODULES)
        }
        .into()
    );
    assert_eq!(compliance.sender(owner).get_modules().len(), MAX_MODULES);

    // Removing the first module moves the last into its place; the freed
    // place takes a new module.
    let address = |i: usize| modules[i].address();
    compliance
        .sender(owner)
        .remove_module(address(0))
        .motsu_unwrap();
    let bound = compliance.sender(owner).get_modules();
    assert_eq!(bound.len(), MAX_MODULES - 1);
    assert_eq!(bound[0], address(MAX_MODULES - 1));
    assert_eq!(
        bound[1..],
        (1..MAX_MODULES - 1).map(address).collect::<Vec<_>>()
    );
    assert!(!compliance.sender(owner).is_module_bound(address(0)));
    compliance
        .sender(owner)
        .add_module(last.address())
        .motsu_unwrap();
    assert_eq!(
        compliance.sender(owner).get_modules()[MAX_MODULES - 1],
        last.address()
    );
    // Removing the last module leaves the others in place.
    compliance
        .sender(owner)
        .remove_module(last.address())
        .motsu_unwrap();
    assert_eq!(compliance.sender(owner).get_modules(), bound);
}

#[motsu::test]
fn can_transfer_answers_false_when_a_module_reverts(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    module: Contract<MockModule>,
    owner: Address,
    token: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.register(bob, BOB_ID, FRANCE);
    env.mint(alice, HUNDRED);
    module.sender(owner).set_binding_policy(true, false);
    compliance
        .sender(owner)
        .add_module(module.address())
        .motsu_unwrap();
    assert!(env.can(alice, bob, HUNDRED));

    // A module that reverts (for example one calling back into the token,
    // which Stylus refuses as reentrant) makes the answer false; the view
    // itself never reverts.
    module.sender(owner).set_reverting(true);
    assert!(!compliance.sender(token).can_transfer(alice, bob, HUNDRED));
    assert!(!compliance
        .sender(token)
        .can_transfer(Address::ZERO, bob, HUNDRED));
    module.sender(owner).set_reverting(false);
    assert!(env.can(alice, bob, HUNDRED));
}
