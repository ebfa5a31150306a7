//! Identity registry of a security-token suite: which wallets belong to
//! which KYC'd investor identity, in which country, and which claims
//! (KYC, accreditation, ...) trusted issuers made about each identity.
//!
//! One contract implements T-REX v4.1.6's `IIdentityRegistry`,
//! `IClaimTopicsRegistry` and `ITrustedIssuersRegistry` ABIs (T-REX spreads
//! them over four contracts; the registry getters return this contract's
//! own address), plus T-REX's `AgentRole` ABI, plus claims:
//!
//! - An identity is an investor (one person or entity) that may own several
//!   wallets. Agents register, move and delete wallets.
//! - A claim is (identity, topic) -> issuer, expiry, data hash. A trusted
//!   issuer adds a claim directly ([`IdentityRegistry::add_claim`]), or signs
//!   it off-chain and anyone submits it
//!   ([`IdentityRegistry::add_signed_claim`], EIP-712, see [`signature`]).
//!   The issuer revokes its claims; claims expire.
//! - [`IdentityRegistry::is_verified`]: the wallet is registered and every
//!   required topic has a claim that is unexpired, unrevoked and from an
//!   issuer trusted for that topic now. Changing topics, issuers or claims
//!   changes the answer at once.
//!
//! Storage is laid out for the token's transfer path: a wallet's identity
//! and country share one slot, a claim's issuer, expiry and revocation share
//! one slot, and "issuer trusted for topic" is one slot.
// no_std only in the deployed wasm: host builds (tests, the suite's
// scenarios, export-abi) link std for its allocator and panic handler.
#![cfg_attr(
    all(target_arch = "wasm32", not(feature = "export-abi")),
    no_std,
    no_main
)]
extern crate alloc;

pub mod errors;
#[cfg(all(feature = "hot", target_arch = "wasm32"))]
mod hot;
pub mod signature;
#[cfg(test)]
mod tests;

use alloc::{vec, vec::Vec};

use alloy_primitives::{Address, Uint, B256, U16, U256};
use alloy_sol_types::SolEvent;
use common::storage::Key;
use common::{
    bindings::compliance,
    host::{block_timestamp, contract_address, msg_sender},
    log::{address_word, emit, uint_array, uint_word, words},
    roles::Roles,
    storage::{position, swap_remove},
};
use stylus_sdk::{
    abi::Bytes,
    prelude::*,
    storage::{
        StorageAddress, StorageB256, StorageBool, StorageMap, StorageType, StorageU16, StorageU256,
        StorageUint, StorageVec,
    },
};

pub use errors::*;

/// At most this many claim topics can be required (as in T-REX).
pub const MAX_CLAIM_TOPICS: usize = 15;
/// At most this many compliances are told of wallet changes.
pub const MAX_COMPLIANCES: usize = 8;
/// At most this many issuers can be trusted (as in T-REX).
pub const MAX_TRUSTED_ISSUERS: usize = 50;
/// An issuer is trusted for at most this many topics (as in T-REX).
pub const MAX_ISSUER_TOPICS: usize = 15;

/// A registered wallet. The fields share one storage slot.
#[storage]
pub struct Wallet {
    /// The investor identity the wallet belongs to; zero when unregistered.
    identity: StorageAddress,
    /// The investor's country, ISO 3166-1 numeric.
    country: StorageU16,
    /// Deleted before: the compliances must hear of its next registration.
    deleted: StorageBool,
}

/// The most a claim's nonce counts (2^24 - 1): adds beyond are refused
/// with [`Error::ClaimNonceExhausted`]; a revocation still works.
pub const MAX_CLAIM_NONCE: u32 = (1 << 24) - 1;

/// A claim's nonce and trust epoch: 24 bits each, so that they share the
/// claim's first slot.
type StorageNonce = StorageUint<24, 1>;
/// A claim's expiry: 40 bits (up to the year 36812).
type StorageExpiry = StorageUint<40, 1>;

/// The latest expiry a claim keeps (2^40 - 1 seconds, in the year 36812):
/// later ones are kept as this, which no block reaches.
pub const MAX_EXPIRY: u64 = (1 << 40) - 1;
/// The trust epoch that stays once reached (2^24 - 1): from then on every
/// verification reads the issuer's trust.
pub const MAX_TRUST_EPOCH: u32 = (1 << 24) - 1;

/// A claim about an identity for one topic. `issuer`, `expiry`, `revoked`,
/// `nonce` and `trust_epoch` share one storage slot: the one `isVerified`
/// reads, and the only new one besides the evidence hash when a claim is
/// first added.
#[storage]
pub struct Claim {
    /// Who attested the claim; zero when there is no claim.
    issuer: StorageAddress,
    /// Unix time from which the claim is expired (up to [`MAX_EXPIRY`]).
    expiry: StorageExpiry,
    /// Whether the issuer revoked the claim.
    revoked: StorageBool,
    /// Incremented by every change of the claim, up to
    /// [`MAX_CLAIM_NONCE`]; signed claims must carry the current value.
    nonce: StorageNonce,
    /// The registry's trust epoch when the claim was written, by an issuer
    /// then trusted for its topic: while the epoch is the same, no issuer
    /// has lost any trust since, and verification spares reading the
    /// issuer's trust ([`IdentityRegistry::is_verified`]).
    trust_epoch: StorageNonce,
    /// Hash of the off-chain evidence.
    data_hash: StorageB256,
}

/// The identity registry contract.
#[cfg_attr(not(feature = "hot"), entrypoint)]
#[storage]
pub struct IdentityRegistry {
    /// Owner (configures topics and issuers) and agents (manage wallets).
    #[borrow]
    pub roles: Roles,
    /// Wallet -> identity and country.
    wallets: StorageMap<Key, Wallet>,
    /// Claim topics every verified investor must hold.
    required_topics: StorageVec<StorageU256>,
    /// How many topics are required (the top byte), the trust epoch (bits
    /// 223 to 246: how many times an issuer lost trust for a topic, up to
    /// [`MAX_TRUST_EPOCH`]) and, when it is below [`TOPIC_CACHED`], the
    /// first required topic (the low bits, flagged by bit 247):
    /// `isVerified` reads one word instead of two for a first topic (the
    /// usual only one) below 2^223, and compares each claim's epoch with
    /// this one. Rewritten after every change of the topics or the trust.
    topics_head: StorageU256,
    /// Trusted issuers, in no particular order.
    issuers: StorageVec<StorageAddress>,
    /// Issuer -> the topics it is trusted for; empty when not trusted.
    issuer_topics: StorageMap<Key, StorageVec<StorageU256>>,
    /// Issuer -> topic -> trusted: the index `isVerified` reads, kept equal
    /// to `issuer_topics`.
    trusted_for: StorageMap<Key, StorageMap<Key, StorageBool>>,
    /// Identity -> topic -> claim.
    claims: StorageMap<Key, StorageMap<Key, Claim>>,
    /// Compliances told of every wallet change, in no particular order.
    compliances: StorageVec<StorageAddress>,
}

// SAFETY: the registry is its programs' top-level storage (slot 0); in
// the full program `#[entrypoint]` says so.
#[cfg(feature = "hot")]
unsafe impl stylus_sdk::stylus_core::storage::TopLevelStorage for IdentityRegistry {}

#[public]
#[inherit(Roles)]
impl IdentityRegistry {
    /// Makes `admin` the owner.
    ///
    /// # Arguments
    ///
    /// * `admin` - The owner (the deployer factory is the caller here).
    ///
    /// # Errors
    ///
    /// * [`Error::InvalidOwner`] - `admin` is the zero address.
    ///
    /// # Events
    ///
    /// * `OwnershipTransferred`.
    #[constructor]
    pub fn constructor(&mut self, admin: Address) -> Result<(), Error> {
        self.roles.init(admin)
    }

    // ------------------------------------------------------------------
    // Wallets (IIdentityRegistry)
    // ------------------------------------------------------------------

    /// Registers `user_address` as a wallet of `identity` in `country`.
    /// Agent only.
    ///
    /// # Arguments
    ///
    /// * `user_address` - The wallet.
    /// * `identity` - The investor identity.
    /// * `country` - ISO 3166-1 numeric country code.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::InvalidWallet`] - `user_address` is zero.
    /// * [`Error::InvalidIdentity`] - `identity` is zero.
    /// * [`Error::WalletAlreadyRegistered`] - `user_address` is registered.
    /// * [`Error::Reverted`] - `user_address` was deleted before and a
    ///   compliance refused to re-book its tokens under `identity` (its
    ///   error, passed through).
    ///
    /// # Events
    ///
    /// * [`IdentityRegistered`].
    pub fn register_identity(
        &mut self,
        user_address: Address,
        identity: Address,
        country: u16,
    ) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        self._register(user_address, identity, country)
    }

    /// Registers several wallets at once: all or nothing. Agent only.
    ///
    /// # Arguments
    ///
    /// * `user_addresses` - The wallets.
    /// * `identities` - The identity of each wallet.
    /// * `countries` - The country of each wallet.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::ArrayLengthMismatch`] - The arrays differ in length.
    /// * Any error of [`Self::register_identity`], for any element.
    ///
    /// # Events
    ///
    /// * [`IdentityRegistered`] for each wallet.
    pub fn batch_register_identity(
        &mut self,
        user_addresses: Vec<Address>,
        identities: Vec<Address>,
        countries: Vec<u16>,
    ) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        if user_addresses.len() != identities.len() || user_addresses.len() != countries.len() {
            return Err(IdentityRegistryArrayLengthMismatch {}.into());
        }
        for ((user, identity), country) in user_addresses.into_iter().zip(identities).zip(countries)
        {
            self._register(user, identity, country)?;
        }
        Ok(())
    }

    /// Removes `user_address` from the registry. Agent only.
    ///
    /// # Arguments
    ///
    /// * `user_address` - The wallet.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::WalletNotRegistered`] - `user_address` is not registered.
    /// * [`Error::Reverted`] - A compliance refused to re-book the wallet's
    ///   tokens as the wallet's own (its error, passed through).
    ///
    /// # Events
    ///
    /// * [`IdentityRemoved`].
    pub fn delete_identity(&mut self, user_address: Address) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        let identity = self._registered_identity(user_address)?;
        let mut wallet = self.wallets.setter(Key::from(user_address));
        wallet.identity.erase();
        wallet.country.erase();
        wallet.deleted.set(true);
        self._emit(IdentityRemoved::SIGNATURE_HASH, user_address, identity);
        self._sync(user_address, Address::ZERO, 0)
    }

    /// Moves `user_address` to `identity`. Agent only.
    ///
    /// # Arguments
    ///
    /// * `user_address` - The registered wallet.
    /// * `identity` - Its new identity.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::InvalidIdentity`] - `identity` is zero.
    /// * [`Error::WalletNotRegistered`] - `user_address` is not registered.
    /// * [`Error::Reverted`] - A compliance refused to re-book the wallet's
    ///   tokens under `identity` (its error, passed through).
    ///
    /// # Events
    ///
    /// * [`IdentityUpdated`] (old identity, new identity).
    pub fn update_identity(
        &mut self,
        user_address: Address,
        identity: Address,
    ) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        if identity.is_zero() {
            return Err(IdentityRegistryInvalidIdentity { identity }.into());
        }
        let old = self._registered_identity(user_address)?;
        self.wallets
            .setter(Key::from(user_address))
            .identity
            .set(identity);
        self._emit(IdentityUpdated::SIGNATURE_HASH, old, identity);
        let country = self.investor_country(user_address);
        self._sync(user_address, identity, country)
    }

    /// Sets the country of `user_address`. Agent only.
    ///
    /// # Arguments
    ///
    /// * `user_address` - The registered wallet.
    /// * `country` - ISO 3166-1 numeric country code.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::WalletNotRegistered`] - `user_address` is not registered.
    /// * [`Error::Reverted`] - A compliance refused to count the wallet's
    ///   identity in `country` (its error, passed through).
    ///
    /// # Events
    ///
    /// * [`CountryUpdated`].
    pub fn update_country(&mut self, user_address: Address, country: u16) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        let identity = self._registered_identity(user_address)?;
        self.wallets
            .setter(Key::from(user_address))
            .country
            .set(U16::from(country));
        emit(
            self.vm(),
            &[
                CountryUpdated::SIGNATURE_HASH,
                address_word(user_address),
                uint_word(U256::from(country)),
            ],
            &[],
        );
        self._sync(user_address, identity, country)
    }

    /// Returns whether `user_address` is registered.
    ///
    /// # Arguments
    ///
    /// * `user_address` - The wallet.
    pub fn contains(&self, user_address: Address) -> bool {
        !self.identity(user_address).is_zero()
    }

    /// Returns the identity of `user_address` (zero when not registered).
    ///
    /// # Arguments
    ///
    /// * `user_address` - The wallet.
    pub fn identity(&self, user_address: Address) -> Address {
        self.wallets.getter(Key::from(user_address)).identity.get()
    }

    /// Returns the country of `user_address` (zero when not registered).
    ///
    /// # Arguments
    ///
    /// * `user_address` - The wallet.
    pub fn investor_country(&self, user_address: Address) -> u16 {
        self.wallets
            .getter(Key::from(user_address))
            .country
            .get()
            .to()
    }

    /// Returns whether `user_address` is registered and its identity holds,
    /// for every required topic, a claim that is unexpired, unrevoked and
    /// from an issuer trusted for that topic.
    ///
    /// # Arguments
    ///
    /// * `user_address` - The wallet.
    pub fn is_verified(&self, user_address: Address) -> bool {
        self._verified(user_address).is_some()
    }

    /// Returns the identity and country of `user_address` when it is
    /// verified ([`Self::is_verified`]), and zeros otherwise: everything a
    /// token and its compliance need of the recipient of a transfer, in
    /// one call.
    ///
    /// # Arguments
    ///
    /// * `user_address` - The wallet.
    pub fn verified_identity(&self, user_address: Address) -> (Address, u16) {
        self._verified(user_address).unwrap_or_default()
    }

    /// Returns, for a transfer from `from` to `to`, the identity `from`'s
    /// tokens count for (its identity; `from` itself when unregistered;
    /// zero when `from` is zero) and what [`Self::verified_identity`]
    /// answers for `to`: one call for a token whose compliance needs the
    /// sender's identity too (transfer limits without books).
    ///
    /// # Arguments
    ///
    /// * `from` - The sender (zero for a mint).
    /// * `to` - The recipient.
    pub fn transfer_identities(&self, from: Address, to: Address) -> (Address, Address, u16) {
        let mut from_identity = from;
        if !from.is_zero() {
            let identity = self.identity(from);
            if !identity.is_zero() {
                from_identity = identity;
            }
        }
        let (to_identity, to_country) = self.verified_identity(to);
        (from_identity, to_identity, to_country)
    }

    /// Returns this contract: it is its own identity storage.
    pub fn identity_storage(&self) -> Address {
        contract_address(self.vm())
    }

    /// Returns this contract: it is its own trusted issuers registry.
    pub fn issuers_registry(&self) -> Address {
        contract_address(self.vm())
    }

    /// Returns this contract: it is its own claim topics registry.
    pub fn topics_registry(&self) -> Address {
        contract_address(self.vm())
    }

    /// Confirms this contract as the claim topics registry (T-REX ABI; the
    /// registries are built in). Owner only.
    ///
    /// # Arguments
    ///
    /// * `claim_topics_registry` - Must be this contract.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::ExternalRegistryUnsupported`] - Another address was given.
    ///
    /// # Events
    ///
    /// * [`ClaimTopicsRegistrySet`].
    pub fn set_claim_topics_registry(
        &mut self,
        claim_topics_registry: Address,
    ) -> Result<(), Error> {
        self._confirm_self(
            claim_topics_registry,
            ClaimTopicsRegistrySet::SIGNATURE_HASH,
        )
    }

    /// Confirms this contract as the identity storage (T-REX ABI; the
    /// registries are built in). Owner only.
    ///
    /// # Arguments
    ///
    /// * `identity_registry_storage` - Must be this contract.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::ExternalRegistryUnsupported`] - Another address was given.
    ///
    /// # Events
    ///
    /// * [`IdentityStorageSet`].
    pub fn set_identity_registry_storage(
        &mut self,
        identity_registry_storage: Address,
    ) -> Result<(), Error> {
        self._confirm_self(
            identity_registry_storage,
            IdentityStorageSet::SIGNATURE_HASH,
        )
    }

    /// Confirms this contract as the trusted issuers registry (T-REX ABI;
    /// the registries are built in). Owner only.
    ///
    /// # Arguments
    ///
    /// * `trusted_issuers_registry` - Must be this contract.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::ExternalRegistryUnsupported`] - Another address was given.
    ///
    /// # Events
    ///
    /// * [`TrustedIssuersRegistrySet`].
    pub fn set_trusted_issuers_registry(
        &mut self,
        trusted_issuers_registry: Address,
    ) -> Result<(), Error> {
        self._confirm_self(
            trusted_issuers_registry,
            TrustedIssuersRegistrySet::SIGNATURE_HASH,
        )
    }

    // ------------------------------------------------------------------
    // Compliances kept in sync (this suite)
    // ------------------------------------------------------------------

    /// Tells `compliance` from now on of every change to a wallet's
    /// identity or country (`syncWallet(wallet, identity, country)`), so
    /// that its books follow this registry. Add it before its token has
    /// holders. Owner only.
    ///
    /// # Arguments
    ///
    /// * `compliance` - A compliance reading this registry.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::InvalidCompliance`] - `compliance` is the zero address.
    /// * [`Error::ComplianceAlreadyAdded`] - `compliance` is told already.
    /// * [`Error::TooManyCompliances`] - [`MAX_COMPLIANCES`] are told.
    ///
    /// # Events
    ///
    /// * [`ComplianceAdded`].
    pub fn add_compliance(&mut self, compliance: Address) -> Result<(), Error> {
        self.roles.only_owner::<Error>()?;
        if compliance.is_zero() {
            return Err(IdentityRegistryInvalidCompliance { compliance }.into());
        }
        if position(&self.compliances, compliance).is_some() {
            return Err(IdentityRegistryComplianceAlreadyAdded { compliance }.into());
        }
        if self.compliances.len() >= MAX_COMPLIANCES {
            return Err(IdentityRegistryTooManyCompliances {
                max: U256::from(MAX_COMPLIANCES),
            }
            .into());
        }
        self.compliances.push(compliance);
        emit(
            self.vm(),
            &[ComplianceAdded::SIGNATURE_HASH, address_word(compliance)],
            &[],
        );
        Ok(())
    }

    /// Stops telling `compliance` of wallet changes. Owner only.
    ///
    /// # Arguments
    ///
    /// * `compliance` - A compliance told of changes.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::ComplianceNotAdded`] - `compliance` is not told.
    ///
    /// # Events
    ///
    /// * [`ComplianceRemoved`].
    pub fn remove_compliance(&mut self, compliance: Address) -> Result<(), Error> {
        self.roles.only_owner::<Error>()?;
        let Some(index) = position(&self.compliances, compliance) else {
            return Err(IdentityRegistryComplianceNotAdded { compliance }.into());
        };
        swap_remove(&mut self.compliances, index);
        emit(
            self.vm(),
            &[ComplianceRemoved::SIGNATURE_HASH, address_word(compliance)],
            &[],
        );
        Ok(())
    }

    /// Returns the compliances told of wallet changes.
    pub fn get_compliances(&self) -> Vec<Address> {
        (0..self.compliances.len())
            .filter_map(|i| self.compliances.get(i))
            .collect()
    }

    // ------------------------------------------------------------------
    // Required claim topics (IClaimTopicsRegistry)
    // ------------------------------------------------------------------

    /// Requires a claim of `claim_topic` from every verified investor.
    /// Owner only.
    ///
    /// # Arguments
    ///
    /// * `claim_topic` - The topic.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::ClaimTopicAlreadyRequired`] - The topic is required.
    /// * [`Error::TooManyClaimTopics`] - [`MAX_CLAIM_TOPICS`] are required.
    ///
    /// # Events
    ///
    /// * [`ClaimTopicAdded`].
    pub fn add_claim_topic(&mut self, claim_topic: U256) -> Result<(), Error> {
        self.roles.only_owner::<Error>()?;
        if self._required_topic_index(claim_topic).is_some() {
            return Err(IdentityRegistryClaimTopicAlreadyRequired { topic: claim_topic }.into());
        }
        if self.required_topics.len() >= MAX_CLAIM_TOPICS {
            return Err(IdentityRegistryTooManyClaimTopics {
                max: U256::from(MAX_CLAIM_TOPICS),
            }
            .into());
        }
        self.required_topics.push(claim_topic);
        self._write_topics_head();
        emit(
            self.vm(),
            &[ClaimTopicAdded::SIGNATURE_HASH, uint_word(claim_topic)],
            &[],
        );
        Ok(())
    }

    /// Stops requiring `claim_topic`. Owner only.
    ///
    /// # Arguments
    ///
    /// * `claim_topic` - The topic.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::ClaimTopicNotRequired`] - The topic is not required.
    ///
    /// # Events
    ///
    /// * [`ClaimTopicRemoved`].
    pub fn remove_claim_topic(&mut self, claim_topic: U256) -> Result<(), Error> {
        self.roles.only_owner::<Error>()?;
        let index = self
            ._required_topic_index(claim_topic)
            .ok_or(IdentityRegistryClaimTopicNotRequired { topic: claim_topic })?;
        swap_remove(&mut self.required_topics, index);
        self._write_topics_head();
        emit(
            self.vm(),
            &[ClaimTopicRemoved::SIGNATURE_HASH, uint_word(claim_topic)],
            &[],
        );
        Ok(())
    }

    /// Returns the required claim topics.
    pub fn get_claim_topics(&self) -> Vec<U256> {
        read_u256s(&self.required_topics)
    }

    // ------------------------------------------------------------------
    // Trusted issuers (ITrustedIssuersRegistry)
    // ------------------------------------------------------------------

    /// Trusts `trusted_issuer` for `claim_topics`. Owner only.
    ///
    /// # Arguments
    ///
    /// * `trusted_issuer` - The issuer (a KYC provider's signing address).
    /// * `claim_topics` - 1 to [`MAX_ISSUER_TOPICS`] distinct topics.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::InvalidIssuer`] - `trusted_issuer` is zero.
    /// * [`Error::IssuerAlreadyTrusted`] - It is already trusted.
    /// * [`Error::TooManyIssuers`] - [`MAX_TRUSTED_ISSUERS`] are trusted.
    /// * [`Error::InvalidIssuerTopicCount`] - No topic, or too many.
    /// * [`Error::DuplicateIssuerTopic`] - A topic is listed twice.
    ///
    /// # Events
    ///
    /// * [`TrustedIssuerAdded`].
    pub fn add_trusted_issuer(
        &mut self,
        trusted_issuer: Address,
        claim_topics: Vec<U256>,
    ) -> Result<(), Error> {
        self.roles.only_owner::<Error>()?;
        if trusted_issuer.is_zero() {
            return Err(IdentityRegistryInvalidIssuer {
                issuer: trusted_issuer,
            }
            .into());
        }
        if self.is_trusted_issuer(trusted_issuer) {
            return Err(IdentityRegistryIssuerAlreadyTrusted {
                issuer: trusted_issuer,
            }
            .into());
        }
        if self.issuers.len() >= MAX_TRUSTED_ISSUERS {
            return Err(IdentityRegistryTooManyIssuers {
                max: U256::from(MAX_TRUSTED_ISSUERS),
            }
            .into());
        }
        validate_issuer_topics(&claim_topics)?;
        self.issuers.push(trusted_issuer);
        self._set_issuer_topics(trusted_issuer, &claim_topics);
        self._emit_issuer_topics(
            TrustedIssuerAdded::SIGNATURE_HASH,
            trusted_issuer,
            &claim_topics,
        );
        Ok(())
    }

    /// Stops trusting `trusted_issuer`: its claims stop counting at once.
    /// Owner only.
    ///
    /// # Arguments
    ///
    /// * `trusted_issuer` - The issuer.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::IssuerNotTrusted`] - It is not trusted.
    ///
    /// # Events
    ///
    /// * [`TrustedIssuerRemoved`].
    pub fn remove_trusted_issuer(&mut self, trusted_issuer: Address) -> Result<(), Error> {
        self.roles.only_owner::<Error>()?;
        self._trusted_issuer_topics(trusted_issuer)?;
        self._clear_issuer_topics(trusted_issuer);
        self._next_trust_epoch();
        // Trusted issuers are listed: the position exists.
        let index = position(&self.issuers, trusted_issuer).unwrap_or_default();
        swap_remove(&mut self.issuers, index);
        emit(
            self.vm(),
            &[
                TrustedIssuerRemoved::SIGNATURE_HASH,
                address_word(trusted_issuer),
            ],
            &[],
        );
        Ok(())
    }

    /// Replaces the topics `trusted_issuer` is trusted for. Owner only.
    ///
    /// # Arguments
    ///
    /// * `trusted_issuer` - The trusted issuer.
    /// * `claim_topics` - 1 to [`MAX_ISSUER_TOPICS`] distinct topics.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::IssuerNotTrusted`] - It is not trusted.
    /// * [`Error::InvalidIssuerTopicCount`] - No topic, or too many.
    /// * [`Error::DuplicateIssuerTopic`] - A topic is listed twice.
    ///
    /// # Events
    ///
    /// * [`ClaimTopicsUpdated`].
    pub fn update_issuer_claim_topics(
        &mut self,
        trusted_issuer: Address,
        claim_topics: Vec<U256>,
    ) -> Result<(), Error> {
        self.roles.only_owner::<Error>()?;
        self._trusted_issuer_topics(trusted_issuer)?;
        validate_issuer_topics(&claim_topics)?;
        self._clear_issuer_topics(trusted_issuer);
        self._next_trust_epoch();
        self._set_issuer_topics(trusted_issuer, &claim_topics);
        self._emit_issuer_topics(
            ClaimTopicsUpdated::SIGNATURE_HASH,
            trusted_issuer,
            &claim_topics,
        );
        Ok(())
    }

    /// Returns the trusted issuers.
    pub fn get_trusted_issuers(&self) -> Vec<Address> {
        (0..self.issuers.len())
            .filter_map(|i| self.issuers.get(i))
            .collect()
    }

    /// Returns whether `issuer` is trusted (for at least one topic).
    ///
    /// # Arguments
    ///
    /// * `issuer` - The issuer.
    pub fn is_trusted_issuer(&self, issuer: Address) -> bool {
        !self.issuer_topics.getter(Key::from(issuer)).is_empty()
    }

    /// Returns the topics `trusted_issuer` is trusted for.
    ///
    /// # Arguments
    ///
    /// * `trusted_issuer` - The issuer.
    ///
    /// # Errors
    ///
    /// * [`Error::IssuerNotTrusted`] - It is not trusted (as T-REX reverts).
    pub fn get_trusted_issuer_claim_topics(
        &self,
        trusted_issuer: Address,
    ) -> Result<Vec<U256>, Error> {
        self._trusted_issuer_topics(trusted_issuer)
    }

    /// Returns whether `issuer` is trusted for `claim_topic`.
    ///
    /// # Arguments
    ///
    /// * `issuer` - The issuer.
    /// * `claim_topic` - The topic.
    pub fn has_claim_topic(&self, issuer: Address, claim_topic: U256) -> bool {
        self.trusted_for
            .getter(Key::from(issuer))
            .get(Key::from(claim_topic))
    }

    /// Returns the issuers trusted for `claim_topic`.
    ///
    /// # Arguments
    ///
    /// * `claim_topic` - The topic.
    pub fn get_trusted_issuers_for_claim_topic(&self, claim_topic: U256) -> Vec<Address> {
        self.get_trusted_issuers()
            .into_iter()
            .filter(|&issuer| self.has_claim_topic(issuer, claim_topic))
            .collect()
    }

    // ------------------------------------------------------------------
    // Claims
    // ------------------------------------------------------------------

    /// Adds (or replaces) the claim of `topic` for `identity`, attested by
    /// the caller, who must be an issuer trusted for `topic`. An identity
    /// holds one claim per topic, so `isVerified` reads one claim per
    /// required topic: an issuer replaces its own claim, or one that no
    /// longer counts (expired, revoked, or from an issuer no longer trusted
    /// for the topic), never another issuer's live claim.
    ///
    /// # Arguments
    ///
    /// * `identity` - The investor identity.
    /// * `topic` - The claim topic.
    /// * `expiry` - Unix time from which the claim no longer counts (kept
    ///   up to [`MAX_EXPIRY`]).
    /// * `data_hash` - Hash of the off-chain evidence.
    ///
    /// # Errors
    ///
    /// * [`Error::InvalidIdentity`] - `identity` is zero.
    /// * [`Error::IssuerNotTrustedForTopic`] - The caller is not trusted for
    ///   `topic`.
    /// * [`Error::ClaimExpired`] - `expiry` is not in the future.
    /// * [`Error::ClaimHeldByOtherIssuer`] - Another issuer's claim of
    ///   `topic` for `identity` counts now.
    ///
    /// # Events
    ///
    /// * [`ClaimAdded`].
    pub fn add_claim(
        &mut self,
        identity: Address,
        topic: U256,
        expiry: u64,
        data_hash: B256,
    ) -> Result<(), Error> {
        let issuer = msg_sender(self.vm());
        self._check_claim(identity, topic, issuer, expiry)?;
        self._store_claim(identity, topic, issuer, expiry, data_hash)
    }

    /// Adds (or replaces) a claim signed off-chain by `issuer` (EIP-712, see
    /// [`signature`]). Anyone may submit it.
    ///
    /// # Arguments
    ///
    /// * `identity` - The investor identity.
    /// * `topic` - The claim topic.
    /// * `issuer` - The issuer that signed, trusted for `topic`.
    /// * `expiry` - Unix time from which the claim no longer counts (kept
    ///   up to [`MAX_EXPIRY`]).
    /// * `data_hash` - Hash of the off-chain evidence.
    /// * `nonce` - The claim's nonce the issuer signed: must be
    ///   [`Self::claim_nonce`] now.
    /// * `signature` - 65 bytes `r || s || v`, `v` 27 or 28, low `s`.
    ///
    /// # Errors
    ///
    /// * [`Error::InvalidIdentity`] - `identity` is zero.
    /// * [`Error::IssuerNotTrustedForTopic`] - `issuer` is not trusted for
    ///   `topic`.
    /// * [`Error::ClaimExpired`] - `expiry` is not in the future.
    /// * [`Error::ClaimHeldByOtherIssuer`] - Another issuer's claim of
    ///   `topic` for `identity` counts now.
    /// * [`Error::InvalidClaimNonce`] - `nonce` is not the current nonce
    ///   (the signature was used already, or superseded).
    /// * [`Error::InvalidSignature`] - The signature is malformed.
    /// * [`Error::InvalidSigner`] - `issuer` did not sign this claim.
    ///
    /// # Events
    ///
    /// * [`ClaimAdded`].
    #[allow(clippy::too_many_arguments)]
    pub fn add_signed_claim(
        &mut self,
        identity: Address,
        topic: U256,
        issuer: Address,
        expiry: u64,
        data_hash: B256,
        nonce: U256,
        signature: Bytes,
    ) -> Result<(), Error> {
        self._check_claim(identity, topic, issuer, expiry)?;
        let current = self.claim_nonce(identity, topic);
        if nonce != current {
            return Err(IdentityRegistryInvalidClaimNonce {
                current,
                provided: nonce,
            }
            .into());
        }
        let digest = signature::claim_digest(
            self.vm(),
            contract_address(self.vm()),
            identity,
            topic,
            expiry,
            data_hash,
            nonce,
        );
        let recovered = signature::recover(self.vm(), digest, &signature)?;
        if recovered != issuer {
            return Err(IdentityRegistryInvalidSigner { recovered, issuer }.into());
        }
        self._store_claim(identity, topic, issuer, expiry, data_hash)
    }

    /// Revokes the claim of `topic` for `identity`. Only its issuer may.
    ///
    /// # Arguments
    ///
    /// * `identity` - The investor identity.
    /// * `topic` - The claim topic.
    ///
    /// # Errors
    ///
    /// * [`Error::ClaimNotFound`] - There is no such claim.
    /// * [`Error::NotClaimIssuer`] - The caller did not issue it.
    /// * [`Error::ClaimAlreadyRevoked`] - It is revoked already.
    ///
    /// # Events
    ///
    /// * [`ClaimRevoked`].
    pub fn revoke_claim(&mut self, identity: Address, topic: U256) -> Result<(), Error> {
        let caller = msg_sender(self.vm());
        let claim = self.claims.getter(Key::from(identity));
        let claim = claim.getter(Key::from(topic));
        let issuer = claim.issuer.get();
        if issuer.is_zero() {
            return Err(IdentityRegistryClaimNotFound { identity, topic }.into());
        }
        if issuer != caller {
            return Err(IdentityRegistryNotClaimIssuer { account: caller }.into());
        }
        if claim.revoked.get() {
            return Err(IdentityRegistryClaimAlreadyRevoked { identity, topic }.into());
        }
        let mut claims = self.claims.setter(Key::from(identity));
        let mut claim = claims.setter(Key::from(topic));
        claim.revoked.set(true);
        // At the maximum no add can follow: the nonce need not move.
        let nonce = claim.nonce.get();
        claim.nonce.set(nonce.saturating_add(Uint::from(1)));
        emit(
            self.vm(),
            &[
                ClaimRevoked::SIGNATURE_HASH,
                address_word(identity),
                uint_word(topic),
                address_word(issuer),
            ],
            &[],
        );
        Ok(())
    }

    /// Returns the claim of `topic` for `identity`: issuer (zero when there
    /// is none), expiry, data hash, and whether it is revoked.
    ///
    /// # Arguments
    ///
    /// * `identity` - The investor identity.
    /// * `topic` - The claim topic.
    pub fn get_claim(&self, identity: Address, topic: U256) -> (Address, u64, B256, bool) {
        let claims = self.claims.getter(Key::from(identity));
        let claim = claims.getter(Key::from(topic));
        (
            claim.issuer.get(),
            claim.expiry.get().to(),
            claim.data_hash.get(),
            claim.revoked.get(),
        )
    }

    /// Returns whether the claim of `topic` for `identity` counts now:
    /// present, unexpired, unrevoked, from an issuer trusted for `topic`.
    ///
    /// # Arguments
    ///
    /// * `identity` - The investor identity.
    /// * `topic` - The claim topic.
    pub fn is_claim_valid(&self, identity: Address, topic: U256) -> bool {
        let epoch = trust_epoch(self.topics_head.get());
        self._is_claim_valid(identity, topic, block_timestamp(self.vm()), epoch)
    }

    /// Returns the nonce the next signed claim of `topic` for `identity`
    /// must carry.
    ///
    /// # Arguments
    ///
    /// * `identity` - The investor identity.
    /// * `topic` - The claim topic.
    pub fn claim_nonce(&self, identity: Address, topic: U256) -> U256 {
        U256::from(
            self.claims
                .getter(Key::from(identity))
                .getter(Key::from(topic))
                .nonce
                .get(),
        )
    }

    /// Returns the EIP-712 domain separator signed claims are bound to.
    #[selector(name = "DOMAIN_SEPARATOR")]
    pub fn domain_separator(&self) -> B256 {
        signature::domain_separator(self.vm(), contract_address(self.vm()))
    }
}

impl IdentityRegistry {
    /// Registers one wallet; see [`Self::register_identity`].
    fn _register(&mut self, user: Address, identity: Address, country: u16) -> Result<(), Error> {
        if user.is_zero() {
            return Err(IdentityRegistryInvalidWallet { wallet: user }.into());
        }
        if identity.is_zero() {
            return Err(IdentityRegistryInvalidIdentity { identity }.into());
        }
        if self.contains(user) {
            return Err(IdentityRegistryWalletAlreadyRegistered { wallet: user }.into());
        }
        let mut wallet = self.wallets.setter(Key::from(user));
        wallet.identity.set(identity);
        wallet.country.set(U16::from(country));
        let deleted = wallet.deleted.get();
        wallet.deleted.set(false);
        self._emit(IdentityRegistered::SIGNATURE_HASH, user, identity);
        if deleted {
            // It may hold tokens booked as its own since its deletion.
            self._sync(user, identity, country)?;
        }
        Ok(())
    }

    /// Tells every compliance that `wallet` now belongs to `identity` in
    /// `country`; a refusal reverts with the compliance's error.
    fn _sync(&mut self, wallet: Address, identity: Address, country: u16) -> Result<(), Error> {
        for i in 0..self.compliances.len() {
            if let Some(compliance) = self.compliances.get(i) {
                compliance::sync_wallet(self.vm(), compliance, wallet, identity, country)?;
            }
        }
        Ok(())
    }

    /// Returns the identity of a registered wallet.
    fn _registered_identity(&self, user: Address) -> Result<Address, Error> {
        let identity = self.identity(user);
        if identity.is_zero() {
            return Err(IdentityRegistryWalletNotRegistered { wallet: user }.into());
        }
        Ok(identity)
    }

    /// Owner-only confirmation that `registry` is this contract.
    fn _confirm_self(&mut self, registry: Address, topic0: B256) -> Result<(), Error> {
        self.roles.only_owner::<Error>()?;
        if registry != contract_address(self.vm()) {
            return Err(IdentityRegistryExternalRegistryUnsupported { registry }.into());
        }
        emit(self.vm(), &[topic0, address_word(registry)], &[]);
        Ok(())
    }

    /// Position of `topic` among the required topics.
    fn _required_topic_index(&self, topic: U256) -> Option<usize> {
        position(&self.required_topics, topic)
    }

    /// The topics of a trusted issuer.
    fn _trusted_issuer_topics(&self, issuer: Address) -> Result<Vec<U256>, Error> {
        let topics = read_u256s(&self.issuer_topics.getter(Key::from(issuer)));
        if topics.is_empty() {
            return Err(IdentityRegistryIssuerNotTrusted { issuer }.into());
        }
        Ok(topics)
    }

    /// Records `topics` for `issuer` (whose list is empty) and the index.
    fn _set_issuer_topics(&mut self, issuer: Address, topics: &[U256]) {
        let mut list = self.issuer_topics.setter(Key::from(issuer));
        let mut index = self.trusted_for.setter(Key::from(issuer));
        for &topic in topics {
            list.push(topic);
            index.insert(Key::from(topic), true);
        }
    }

    /// Forgets every topic of `issuer` and the index.
    fn _clear_issuer_topics(&mut self, issuer: Address) {
        let mut list = self.issuer_topics.setter(Key::from(issuer));
        let mut index = self.trusted_for.setter(Key::from(issuer));
        while let Some(topic) = list.pop() {
            index.delete(Key::from(topic));
        }
    }

    /// Emits a `(address indexed issuer, uint256[] topics)` event.
    fn _emit_issuer_topics(&self, topic0: B256, issuer: Address, topics: &[U256]) {
        emit(
            self.vm(),
            &[topic0, address_word(issuer)],
            &uint_array(topics),
        );
    }

    /// Emits an event with two indexed addresses.
    fn _emit(&self, topic0: B256, a: Address, b: Address) {
        emit(self.vm(), &[topic0, address_word(a), address_word(b)], &[]);
    }

    /// The checks shared by direct and signed claims.
    fn _check_claim(
        &self,
        identity: Address,
        topic: U256,
        issuer: Address,
        expiry: u64,
    ) -> Result<(), Error> {
        if identity.is_zero() {
            return Err(IdentityRegistryInvalidIdentity { identity }.into());
        }
        if !self.has_claim_topic(issuer, topic) {
            return Err(IdentityRegistryIssuerNotTrustedForTopic { issuer, topic }.into());
        }
        let now = block_timestamp(self.vm());
        if expiry <= now {
            return Err(IdentityRegistryClaimExpired { expiry }.into());
        }
        let holder = self
            .claims
            .getter(Key::from(identity))
            .getter(Key::from(topic))
            .issuer
            .get();
        let epoch = trust_epoch(self.topics_head.get());
        if holder != issuer && self._is_claim_valid(identity, topic, now, epoch) {
            return Err(IdentityRegistryClaimHeldByOtherIssuer {
                identity,
                topic,
                issuer: holder,
            }
            .into());
        }
        Ok(())
    }

    /// Rewrites the topics head word from the required topics.
    fn _write_topics_head(&mut self) {
        let count = self.required_topics.len();
        let epoch = trust_epoch(self.topics_head.get());
        // Count, flag, epoch and topic occupy distinct bits: added.
        let mut head = (U256::from(count) << 248) + (U256::from(epoch) << TRUST_EPOCH_SHIFT);
        if let Some(first) = self.required_topics.get(0).filter(|t| *t < TOPIC_CACHED) {
            head += TOPIC_FLAG + first;
        }
        self.topics_head.set(head);
    }

    /// Counts one more loss of trust (up to [`MAX_TRUST_EPOCH`], which
    /// stays): every claim written before must have its issuer's trust
    /// read again.
    fn _next_trust_epoch(&mut self) {
        let head = self.topics_head.get();
        let epoch = trust_epoch(head);
        if epoch < MAX_TRUST_EPOCH {
            // `epoch + 1 <= MAX_TRUST_EPOCH`: stays within its bits.
            self.topics_head
                .set(head + (U256::from(1) << TRUST_EPOCH_SHIFT));
        }
    }

    /// Writes a checked claim, bumps its nonce and emits [`ClaimAdded`].
    ///
    /// # Errors
    ///
    /// * [`Error::ClaimNonceExhausted`] - The nonce is at
    ///   [`MAX_CLAIM_NONCE`].
    fn _store_claim(
        &mut self,
        identity: Address,
        topic: U256,
        issuer: Address,
        expiry: u64,
        data_hash: B256,
    ) -> Result<(), Error> {
        // The issuer is trusted for the topic now (`_check_claim`).
        let epoch = trust_epoch(self.topics_head.get());
        let mut claims = self.claims.setter(Key::from(identity));
        let mut claim = claims.setter(Key::from(topic));
        let nonce = claim
            .nonce
            .get()
            .checked_add(Uint::from(1))
            .ok_or(IdentityRegistryClaimNonceExhausted { identity, topic })?;
        claim.issuer.set(issuer);
        claim.expiry.set(Uint::from(expiry.min(MAX_EXPIRY)));
        claim.revoked.set(false);
        claim.nonce.set(nonce);
        claim.trust_epoch.set(Uint::from(epoch));
        claim.data_hash.set(data_hash);
        emit(
            self.vm(),
            &[
                ClaimAdded::SIGNATURE_HASH,
                address_word(identity),
                uint_word(topic),
                address_word(issuer),
            ],
            &words(&[uint_word(U256::from(expiry.min(MAX_EXPIRY))), data_hash]),
        );
        Ok(())
    }

    /// The identity and country of `wallet` when it is verified: registered,
    /// with a valid claim for every required topic.
    fn _verified(&self, wallet: Address) -> Option<(Address, u16)> {
        let book = self.wallets.getter(Key::from(wallet));
        let identity = book.identity.get();
        if identity.is_zero() {
            return None;
        }
        let now = block_timestamp(self.vm());
        let head = self.topics_head.get();
        let count = head.as_limbs()[3] >> 56;
        let epoch = trust_epoch(head);
        let verified = (0..count as usize).all(|i| {
            let topic = if i == 0 && head.bit(TOPIC_FLAG_BIT) {
                head & (TOPIC_CACHED - U256::from(1))
            } else {
                self.required_topics.get(i).unwrap_or_default()
            };
            self._is_claim_valid(identity, topic, now, epoch)
        });
        verified.then(|| (identity, book.country.get().to()))
    }

    /// Whether the claim of `topic` for `identity` counts at time `now`,
    /// the trust epoch being `epoch`: its issuer's trust is read only when
    /// trust was lost since the claim was written (or the epoch is at its
    /// maximum).
    fn _is_claim_valid(&self, identity: Address, topic: U256, now: u64, epoch: u32) -> bool {
        let claims = self.claims.getter(Key::from(identity));
        let claim = claims.getter(Key::from(topic));
        let issuer = claim.issuer.get();
        let unchanged = epoch < MAX_TRUST_EPOCH && claim.trust_epoch.get() == Uint::from(epoch);
        !issuer.is_zero()
            && !claim.revoked.get()
            && Uint::<40, 1>::from(now) < claim.expiry.get()
            && (unchanged || self.has_claim_topic(issuer, topic))
    }
}

/// The flag bit of the topics head word: the first topic is cached.
const TOPIC_FLAG_BIT: usize = 247;
/// 2^247: the flag of a cached first topic.
const TOPIC_FLAG: U256 = U256::from_limbs([0, 0, 0, 1 << 55]);
/// 2^223: topics below it are cached in the topics head word.
pub const TOPIC_CACHED: U256 = U256::from_limbs([0, 0, 0, 1 << 31]);
/// Where the trust epoch starts in the topics head word.
const TRUST_EPOCH_SHIFT: usize = 223;

/// The trust epoch of a topics head word.
fn trust_epoch(head: U256) -> u32 {
    // 24 bits: bits 223 to 246, within the top limb (bits 31 to 54).
    ((head.as_limbs()[3] >> 31) & u64::from(MAX_TRUST_EPOCH)) as u32
}

/// Checks an issuer's topic list: 1 to [`MAX_ISSUER_TOPICS`], distinct.
fn validate_issuer_topics(topics: &[U256]) -> Result<(), Error> {
    if topics.is_empty() || topics.len() > MAX_ISSUER_TOPICS {
        return Err(IdentityRegistryInvalidIssuerTopicCount {
            max: U256::from(MAX_ISSUER_TOPICS),
        }
        .into());
    }
    for (i, topic) in topics.iter().enumerate() {
        if topics[..i].contains(topic) {
            return Err(IdentityRegistryDuplicateIssuerTopic { topic: *topic }.into());
        }
    }
    Ok(())
}

/// Reads a whole vector of `uint256`.
fn read_u256s(list: &StorageVec<StorageU256>) -> Vec<U256> {
    (0..list.len()).filter_map(|i| list.get(i)).collect()
}
