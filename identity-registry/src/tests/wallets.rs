use alloy_primitives::{address, Address};
use common::roles::{
    AgentRoleUnauthorizedAccount, OwnableInvalidOwner, OwnableUnauthorizedAccount,
};
use motsu::prelude::*;

use super::*;
use crate::*;

const ID_A: Address = address!("00000000000000000000000000000000000a11ce");
const ID_B: Address = address!("0000000000000000000000000000000000000b0b");

#[motsu::test]
fn constructor_sets_owner(registry: Contract<IdentityRegistry>, owner: Address) {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    assert_eq!(registry.sender(owner).roles.owner(), owner);
}

#[motsu::test]
fn constructor_reverts_when_admin_zero(registry: Contract<IdentityRegistry>, owner: Address) {
    let err = registry
        .sender(owner)
        .constructor(Address::ZERO)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::InvalidOwner(OwnableInvalidOwner {
            owner: Address::ZERO
        })
    );
}

#[motsu::test]
fn register_identity_records_wallet(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    agent: Address,
    wallet: Address,
) {
    deploy(&registry, owner, agent);
    registry
        .sender(agent)
        .register_identity(wallet, ID_A, FRANCE)
        .motsu_unwrap();
    assert!(registry.sender(agent).contains(wallet));
    assert_eq!(registry.sender(agent).identity(wallet), ID_A);
    assert_eq!(registry.sender(agent).investor_country(wallet), FRANCE);
    registry.assert_emitted(&IdentityRegistered {
        investorAddress: wallet,
        identity: ID_A,
    });
}

#[motsu::test]
fn several_wallets_share_one_identity(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    agent: Address,
    wallet: Address,
    second: Address,
) {
    deploy(&registry, owner, agent);
    registry
        .sender(agent)
        .register_identity(wallet, ID_A, FRANCE)
        .motsu_unwrap();
    registry
        .sender(agent)
        .register_identity(second, ID_A, 276)
        .motsu_unwrap();
    assert_eq!(registry.sender(agent).identity(second), ID_A);
    assert_eq!(registry.sender(agent).investor_country(second), 276);
    assert_eq!(registry.sender(agent).investor_country(wallet), FRANCE);
}

#[motsu::test]
fn register_identity_reverts_when_caller_not_agent(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    agent: Address,
    wallet: Address,
) {
    deploy(&registry, owner, agent);
    let err = registry
        .sender(owner)
        .register_identity(wallet, ID_A, FRANCE)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::UnauthorizedAgent(AgentRoleUnauthorizedAccount { account: owner })
    );
    assert!(!registry.sender(agent).contains(wallet));
}

#[motsu::test]
fn register_identity_reverts_on_zero_or_registered(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    agent: Address,
    wallet: Address,
) {
    deploy(&registry, owner, agent);
    let err = registry
        .sender(agent)
        .register_identity(Address::ZERO, ID_A, 1)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::InvalidWallet(IdentityRegistryInvalidWallet {
            wallet: Address::ZERO
        })
    );
    let err = registry
        .sender(agent)
        .register_identity(wallet, Address::ZERO, 1)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::InvalidIdentity(IdentityRegistryInvalidIdentity {
            identity: Address::ZERO
        })
    );
    registry
        .sender(agent)
        .register_identity(wallet, ID_A, FRANCE)
        .motsu_unwrap();
    let err = registry
        .sender(agent)
        .register_identity(wallet, ID_B, 1)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::WalletAlreadyRegistered(IdentityRegistryWalletAlreadyRegistered { wallet })
    );
    assert_eq!(registry.sender(agent).identity(wallet), ID_A);
    assert_eq!(registry.sender(agent).investor_country(wallet), FRANCE);
}

#[motsu::test]
fn batch_register_identity_registers_all(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    agent: Address,
    a: Address,
    b: Address,
) {
    deploy(&registry, owner, agent);
    registry
        .sender(agent)
        .batch_register_identity(vec![a, b], vec![ID_A, ID_B], vec![FRANCE, 840])
        .motsu_unwrap();
    assert_eq!(registry.sender(agent).identity(a), ID_A);
    assert_eq!(registry.sender(agent).identity(b), ID_B);
    assert_eq!(registry.sender(agent).investor_country(b), 840);
    registry.assert_emitted(&IdentityRegistered {
        investorAddress: b,
        identity: ID_B,
    });
}

#[motsu::test]
fn batch_register_identity_is_all_or_nothing(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    agent: Address,
    a: Address,
    b: Address,
) {
    deploy(&registry, owner, agent);
    // The second element repeats the first wallet: nothing is registered.
    let err = registry
        .sender(agent)
        .batch_register_identity(vec![a, b, a], vec![ID_A, ID_B, ID_A], vec![1, 2, 3])
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::WalletAlreadyRegistered(IdentityRegistryWalletAlreadyRegistered { wallet: a })
    );
    assert!(!registry.sender(agent).contains(a));
    assert!(!registry.sender(agent).contains(b));
    assert!(!registry.emitted(&IdentityRegistered {
        investorAddress: a,
        identity: ID_A
    }));
}

#[motsu::test]
fn batch_register_identity_reverts_on_length_mismatch_or_non_agent(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    agent: Address,
    a: Address,
) {
    deploy(&registry, owner, agent);
    let err = registry
        .sender(agent)
        .batch_register_identity(vec![a], vec![ID_A], vec![])
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::ArrayLengthMismatch(IdentityRegistryArrayLengthMismatch {})
    );
    let err = registry
        .sender(agent)
        .batch_register_identity(vec![a], vec![], vec![1])
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::ArrayLengthMismatch(IdentityRegistryArrayLengthMismatch {})
    );
    let err = registry
        .sender(a)
        .batch_register_identity(vec![a], vec![ID_A], vec![1])
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::UnauthorizedAgent(AgentRoleUnauthorizedAccount { account: a })
    );
}

#[motsu::test]
fn delete_identity_removes_wallet(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    agent: Address,
    wallet: Address,
) {
    deploy(&registry, owner, agent);
    registry
        .sender(agent)
        .register_identity(wallet, ID_A, FRANCE)
        .motsu_unwrap();
    let err = registry
        .sender(wallet)
        .delete_identity(wallet)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::UnauthorizedAgent(AgentRoleUnauthorizedAccount { account: wallet })
    );
    registry
        .sender(agent)
        .delete_identity(wallet)
        .motsu_unwrap();
    assert!(!registry.sender(agent).contains(wallet));
    assert_eq!(registry.sender(agent).investor_country(wallet), 0);
    registry.assert_emitted(&IdentityRemoved {
        investorAddress: wallet,
        identity: ID_A,
    });
    let err = registry
        .sender(agent)
        .delete_identity(wallet)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::WalletNotRegistered(IdentityRegistryWalletNotRegistered { wallet })
    );
}

#[motsu::test]
fn update_identity_moves_wallet(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    agent: Address,
    wallet: Address,
) {
    deploy(&registry, owner, agent);
    let err = registry
        .sender(agent)
        .update_identity(wallet, ID_B)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::WalletNotRegistered(IdentityRegistryWalletNotRegistered { wallet })
    );
    registry
        .sender(agent)
        .register_identity(wallet, ID_A, FRANCE)
        .motsu_unwrap();
    let err = registry
        .sender(owner)
        .update_identity(wallet, ID_B)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::UnauthorizedAgent(AgentRoleUnauthorizedAccount { account: owner })
    );
    let err = registry
        .sender(agent)
        .update_identity(wallet, Address::ZERO)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::InvalidIdentity(IdentityRegistryInvalidIdentity {
            identity: Address::ZERO
        })
    );
    registry
        .sender(agent)
        .update_identity(wallet, ID_B)
        .motsu_unwrap();
    assert_eq!(registry.sender(agent).identity(wallet), ID_B);
    assert_eq!(registry.sender(agent).investor_country(wallet), FRANCE);
    registry.assert_emitted(&IdentityUpdated {
        oldIdentity: ID_A,
        newIdentity: ID_B,
    });
}

#[motsu::test]
fn update_country_sets_country(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    agent: Address,
    wallet: Address,
) {
    deploy(&registry, owner, agent);
    let err = registry
        .sender(agent)
        .update_country(wallet, 840)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::WalletNotRegistered(IdentityRegistryWalletNotRegistered { wallet })
    );
    registry
        .sender(agent)
        .register_identity(wallet, ID_A, FRANCE)
        .motsu_unwrap();
    let err = registry
        .sender(owner)
        .update_country(wallet, 840)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::UnauthorizedAgent(AgentRoleUnauthorizedAccount { account: owner })
    );
    registry
        .sender(agent)
        .update_country(wallet, 840)
        .motsu_unwrap();
    assert_eq!(registry.sender(agent).investor_country(wallet), 840);
    assert_eq!(registry.sender(agent).identity(wallet), ID_A);
    registry.assert_emitted(&CountryUpdated {
        investorAddress: wallet,
        country: 840,
    });
}

#[motsu::test]
fn registry_getters_return_this_contract(registry: Contract<IdentityRegistry>, owner: Address) {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    let this = registry.address();
    assert_eq!(registry.sender(owner).identity_storage(), this);
    assert_eq!(registry.sender(owner).issuers_registry(), this);
    assert_eq!(registry.sender(owner).topics_registry(), this);
}

#[motsu::test]
fn registry_setters_accept_only_this_contract_from_owner(
    registry: Contract<IdentityRegistry>,
    owner: Address,
    other: Address,
) {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    let this = registry.address();
    registry
        .sender(owner)
        .set_claim_topics_registry(this)
        .motsu_unwrap();
    registry.assert_emitted(&ClaimTopicsRegistrySet {
        claimTopicsRegistry: this,
    });
    registry
        .sender(owner)
        .set_identity_registry_storage(this)
        .motsu_unwrap();
    registry.assert_emitted(&IdentityStorageSet {
        identityStorage: this,
    });
    registry
        .sender(owner)
        .set_trusted_issuers_registry(this)
        .motsu_unwrap();
    registry.assert_emitted(&TrustedIssuersRegistrySet {
        trustedIssuersRegistry: this,
    });

    let unsupported =
        Error::ExternalRegistryUnsupported(IdentityRegistryExternalRegistryUnsupported {
            registry: other,
        });
    assert_eq!(
        registry
            .sender(owner)
            .set_claim_topics_registry(other)
            .motsu_unwrap_err(),
        unsupported
    );
    assert_eq!(
        registry
            .sender(owner)
            .set_identity_registry_storage(other)
            .motsu_unwrap_err(),
        unsupported
    );
    assert_eq!(
        registry
            .sender(owner)
            .set_trusted_issuers_registry(other)
            .motsu_unwrap_err(),
        unsupported
    );

    let not_owner = Error::UnauthorizedOwner(OwnableUnauthorizedAccount { account: other });
    assert_eq!(
        registry
            .sender(other)
            .set_claim_topics_registry(this)
            .motsu_unwrap_err(),
        not_owner
    );
    assert_eq!(
        registry
            .sender(other)
            .set_identity_registry_storage(this)
            .motsu_unwrap_err(),
        not_owner
    );
    assert_eq!(
        registry
            .sender(other)
            .set_trusted_issuers_registry(this)
            .motsu_unwrap_err(),
        not_owner
    );
}
