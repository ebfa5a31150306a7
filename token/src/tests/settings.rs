//! Construction, metadata and the owner's settings.
use alloc::string::String;

use alloy_primitives::{keccak256, Address, U256};
use common::roles::{OwnableInvalidOwner, OwnableUnauthorizedAccount};
use identity_registry::IdentityRegistry;
use motsu::prelude::*;

use super::*;

fn construct(
    token: &Contract<Token>,
    owner: Address,
    name: &str,
    decimals: u8,
    registry: Address,
    compliance: Address,
) -> Result<(), Error> {
    token.sender(owner).constructor(
        owner,
        String::from(name),
        String::from("ACME"),
        decimals,
        registry,
        compliance,
        ISSUER_ID,
    )
}

fn information(name: &str, symbol: &str, onchain_id: Address) -> UpdatedTokenInformation {
    UpdatedTokenInformation {
        _newName: keccak256(name),
        _newSymbol: keccak256(symbol),
        _newDecimals: 18,
        _newVersion: String::from(VERSION),
        _newOnchainID: onchain_id,
    }
}

#[motsu::test]
fn constructor_records_the_compliance_without_binding_it(
    token: Contract<Token>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    registry: Address,
) {
    // The compliance's owner binds the token; the token never asks.
    construct(&token, owner, "A", 18, registry, compliance.address()).motsu_unwrap();
    assert_eq!(token.sender(owner).compliance(), compliance.address());
    assert_eq!(compliance.sender(owner).get_token_bound(), Address::ZERO);
    token.assert_emitted(&ComplianceAdded {
        _compliance: compliance.address(),
    });
}

#[motsu::test]
fn constructor_sets_metadata_and_pauses(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
) {
    deploy(&token, &registry, &compliance, owner, agent);
    let view = token.sender(agent);

    assert_eq!(view.name(), "Acme Fund");
    assert_eq!(view.symbol(), "ACME");
    assert_eq!(view.decimals(), 18);
    assert_eq!(view.version(), "4.1.3");
    assert_eq!(view.onchain_id(), ISSUER_ID);
    assert_eq!(view.identity_registry(), registry.address());
    assert_eq!(view.compliance(), compliance.address());
    assert!(view.paused());
    assert_eq!(view.total_supply(), U256::ZERO);
    assert_eq!(view.roles.owner(), owner);
    token.assert_emitted(&information("Acme Fund", "ACME", ISSUER_ID));
    token.assert_emitted(&IdentityRegistryAdded {
        _identityRegistry: registry.address(),
    });
    token.assert_emitted(&ComplianceAdded {
        _compliance: compliance.address(),
    });
    token.assert_emitted(&Paused {
        _userAddress: owner,
    });
}

#[motsu::test]
fn constructor_accepts_zero_and_eighteen_decimals_and_refuses_nineteen(
    token: Contract<Token>,
    other: Contract<Token>,
    third: Contract<Token>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    registry: Address,
) {
    construct(&token, owner, "A", 0, registry, compliance.address()).motsu_unwrap();
    assert_eq!(token.sender(owner).decimals(), 0);
    construct(&other, owner, "A", 18, registry, compliance.address()).motsu_unwrap();
    assert_eq!(other.sender(owner).decimals(), 18);

    let err = construct(&third, owner, "A", 19, registry, compliance.address()).motsu_unwrap_err();
    assert_eq!(err, TokenInvalidDecimals { decimals: 19 }.into());
}

#[motsu::test]
fn constructor_refuses_bad_arguments(
    token: Contract<Token>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    registry: Address,
) {
    let long = "x".repeat(65);
    let cases: [(&str, Address, Address, Error); 4] = [
        (
            "",
            registry,
            compliance.address(),
            TokenInvalidText { length: U256::ZERO }.into(),
        ),
        (
            &long,
            registry,
            compliance.address(),
            TokenInvalidText {
                length: U256::from(65),
            }
            .into(),
        ),
        (
            "A",
            Address::ZERO,
            compliance.address(),
            TokenInvalidContract {
                account: Address::ZERO,
            }
            .into(),
        ),
        (
            "A",
            registry,
            Address::ZERO,
            TokenInvalidContract {
                account: Address::ZERO,
            }
            .into(),
        ),
    ];
    for (name, registry, compliance_address, expected) in cases {
        let err =
            construct(&token, owner, name, 18, registry, compliance_address).motsu_unwrap_err();
        assert_eq!(err, expected);
    }
    let err = token
        .sender(owner)
        .constructor(
            Address::ZERO,
            String::from("A"),
            String::from("A"),
            18,
            registry,
            compliance.address(),
            ISSUER_ID,
        )
        .motsu_unwrap_err();
    assert_eq!(
        err,
        OwnableInvalidOwner {
            owner: Address::ZERO
        }
        .into()
    );
    assert_eq!(compliance.sender(owner).get_token_bound(), Address::ZERO);
}

#[motsu::test]
fn set_name_and_symbol_update_and_emit(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
) {
    deploy(&token, &registry, &compliance, owner, agent);
    let long_name = "n".repeat(64);

    token
        .sender(owner)
        .set_name(long_name.clone())
        .motsu_unwrap();
    assert_eq!(token.sender(owner).name(), long_name);
    token.assert_emitted(&information(&long_name, "ACME", ISSUER_ID));

    token
        .sender(owner)
        .set_symbol(String::from("ACM€"))
        .motsu_unwrap();
    assert_eq!(token.sender(owner).symbol(), "ACM€");
    token.assert_emitted(&information(&long_name, "ACM€", ISSUER_ID));

    let err = token
        .sender(owner)
        .set_symbol(String::new())
        .motsu_unwrap_err();
    assert_eq!(err, TokenInvalidText { length: U256::ZERO }.into());
    let err = token
        .sender(owner)
        .set_name("n".repeat(65))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        TokenInvalidText {
            length: U256::from(65)
        }
        .into()
    );
    assert_eq!(token.sender(owner).symbol(), "ACM€");
}

#[motsu::test]
fn set_onchain_id_updates_and_emits(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    onchain_id: Address,
) {
    deploy(&token, &registry, &compliance, owner, agent);

    token
        .sender(owner)
        .set_onchain_id(onchain_id)
        .motsu_unwrap();

    assert_eq!(token.sender(owner).onchain_id(), onchain_id);
    token.assert_emitted(&information("Acme Fund", "ACME", onchain_id));
}

#[motsu::test]
fn set_identity_registry_updates_and_refuses_zero(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    other_registry: Address,
) {
    deploy(&token, &registry, &compliance, owner, agent);

    let err = token
        .sender(owner)
        .set_identity_registry(Address::ZERO)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        TokenInvalidContract {
            account: Address::ZERO
        }
        .into()
    );

    token
        .sender(owner)
        .set_identity_registry(other_registry)
        .motsu_unwrap();
    assert_eq!(token.sender(owner).identity_registry(), other_registry);
    token.assert_emitted(&IdentityRegistryAdded {
        _identityRegistry: other_registry,
    });
}

#[motsu::test]
fn set_identity_registry_is_refused_while_tokens_exist(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
    other_registry: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.fund(alice, ALICE_ID, THOUSAND);

    let err = token
        .sender(owner)
        .set_identity_registry(other_registry)
        .motsu_unwrap_err();
    assert_eq!(err, TokenSupplyNotZero { supply: THOUSAND }.into());
    assert_eq!(token.sender(owner).identity_registry(), registry.address());

    // Once every token is burnt, the registry can change.
    token.sender(agent).burn(alice, THOUSAND).motsu_unwrap();
    token
        .sender(owner)
        .set_identity_registry(other_registry)
        .motsu_unwrap();
    assert_eq!(token.sender(owner).identity_registry(), other_registry);
}

#[motsu::test]
fn set_compliance_unbinds_old_and_binds_new(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    next: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
) {
    deploy(&token, &registry, &compliance, owner, agent);

    let err = token
        .sender(owner)
        .set_compliance(Address::ZERO)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        TokenInvalidContract {
            account: Address::ZERO
        }
        .into()
    );
    assert_eq!(compliance.sender(owner).get_token_bound(), token.address());

    token
        .sender(owner)
        .set_compliance(next.address())
        .motsu_unwrap();

    assert_eq!(token.sender(owner).compliance(), next.address());
    assert_eq!(compliance.sender(owner).get_token_bound(), Address::ZERO);
    assert_eq!(next.sender(owner).get_token_bound(), token.address());
    token.assert_emitted(&ComplianceAdded {
        _compliance: next.address(),
    });
}

#[motsu::test]
fn set_compliance_is_refused_while_tokens_exist(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    next: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
    alice: Address,
) {
    let env = deploy(&token, &registry, &compliance, owner, agent);
    env.fund(alice, ALICE_ID, THOUSAND);

    let err = token
        .sender(owner)
        .set_compliance(next.address())
        .motsu_unwrap_err();
    assert_eq!(err, TokenSupplyNotZero { supply: THOUSAND }.into());
    assert_eq!(token.sender(owner).compliance(), compliance.address());
    assert_eq!(compliance.sender(owner).get_token_bound(), token.address());
    assert_eq!(next.sender(owner).get_token_bound(), Address::ZERO);

    // Once every token is burnt, the compliance can move.
    token.sender(agent).burn(alice, THOUSAND).motsu_unwrap();
    token
        .sender(owner)
        .set_compliance(next.address())
        .motsu_unwrap();
    assert_eq!(token.sender(owner).compliance(), next.address());
}

#[motsu::test]
fn owner_settings_revert_when_not_owner(
    token: Contract<Token>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<MockCompliance>,
    owner: Address,
    agent: Address,
) {
    deploy(&token, &registry, &compliance, owner, agent);
    // Agents are not owners.
    let expected: Error = OwnableUnauthorizedAccount { account: agent }.into();

    let errors = [
        token
            .sender(agent)
            .set_name(String::from("B"))
            .motsu_unwrap_err(),
        token
            .sender(agent)
            .set_symbol(String::from("B"))
            .motsu_unwrap_err(),
        token.sender(agent).set_onchain_id(agent).motsu_unwrap_err(),
        token
            .sender(agent)
            .set_identity_registry(agent)
            .motsu_unwrap_err(),
        token.sender(agent).set_compliance(agent).motsu_unwrap_err(),
    ];
    for err in errors {
        assert_eq!(err, expected);
    }
    assert_eq!(token.sender(agent).name(), "Acme Fund");
    assert_eq!(token.sender(agent).identity_registry(), registry.address());
}
