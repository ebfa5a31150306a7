//! Events and errors of the identity registry.
//!
//! T-REX v4.1.6 events keep their exact signatures and indexed fields; the
//! claim events and every error are this suite's own.
use common::roles::{
    AgentRoleUnauthorizedAccount, OwnableInvalidOwner, OwnableUnauthorizedAccount,
};

pub use sol::*;

#[allow(missing_docs)]
mod sol {
    use alloy_sol_types::sol;

    sol! {
        // ---- IIdentityRegistry (T-REX) ----
        /// `investorAddress` was registered for `identity`.
        #[derive(Debug, PartialEq)]
        event IdentityRegistered(address indexed investorAddress, address indexed identity);
        /// `investorAddress`, which belonged to `identity`, was removed.
        #[derive(Debug, PartialEq)]
        event IdentityRemoved(address indexed investorAddress, address indexed identity);
        /// A wallet moved from `oldIdentity` to `newIdentity`.
        #[derive(Debug, PartialEq)]
        event IdentityUpdated(address indexed oldIdentity, address indexed newIdentity);
        /// `investorAddress`'s country became `country` (ISO 3166-1 numeric).
        #[derive(Debug, PartialEq)]
        event CountryUpdated(address indexed investorAddress, uint16 indexed country);
        /// The claim topics registry is `claimTopicsRegistry` (this contract).
        #[derive(Debug, PartialEq)]
        event ClaimTopicsRegistrySet(address indexed claimTopicsRegistry);
        /// The identity storage is `identityStorage` (this contract).
        #[derive(Debug, PartialEq)]
        event IdentityStorageSet(address indexed identityStorage);
        /// The trusted issuers registry is `trustedIssuersRegistry` (this
        /// contract).
        #[derive(Debug, PartialEq)]
        event TrustedIssuersRegistrySet(address indexed trustedIssuersRegistry);

        // ---- IClaimTopicsRegistry (T-REX) ----
        /// Verified investors must now hold a claim of `claimTopic`.
        #[derive(Debug, PartialEq)]
        event ClaimTopicAdded(uint256 indexed claimTopic);
        /// `claimTopic` is no longer required.
        #[derive(Debug, PartialEq)]
        event ClaimTopicRemoved(uint256 indexed claimTopic);

        // ---- ITrustedIssuersRegistry (T-REX) ----
        /// `trustedIssuer` is trusted for `claimTopics`.
        #[derive(Debug, PartialEq)]
        event TrustedIssuerAdded(address indexed trustedIssuer, uint256[] claimTopics);
        /// `trustedIssuer` is no longer trusted.
        #[derive(Debug, PartialEq)]
        event TrustedIssuerRemoved(address indexed trustedIssuer);
        /// `trustedIssuer` is now trusted for exactly `claimTopics`.
        #[derive(Debug, PartialEq)]
        event ClaimTopicsUpdated(address indexed trustedIssuer, uint256[] claimTopics);

        // ---- Compliances kept in sync (this suite) ----
        /// `compliance` is told of every change to a wallet's identity or
        /// country.
        #[derive(Debug, PartialEq)]
        event ComplianceAdded(address indexed compliance);
        /// `compliance` is no longer told.
        #[derive(Debug, PartialEq)]
        event ComplianceRemoved(address indexed compliance);

        // ---- Claims (this suite) ----
        /// `issuer` attested `topic` for `identity` until `expiry`, with
        /// off-chain evidence hashed to `dataHash`.
        #[derive(Debug, PartialEq)]
        event ClaimAdded(
            address indexed identity,
            uint256 indexed topic,
            address indexed issuer,
            uint64 expiry,
            bytes32 dataHash
        );
        /// `issuer` revoked its claim of `topic` for `identity`.
        #[derive(Debug, PartialEq)]
        event ClaimRevoked(address indexed identity, uint256 indexed topic, address indexed issuer);

        /// `wallet` cannot be registered (the zero address).
        #[derive(Debug, PartialEq)]
        error IdentityRegistryInvalidWallet(address wallet);
        /// `identity` cannot be used (the zero address).
        #[derive(Debug, PartialEq)]
        error IdentityRegistryInvalidIdentity(address identity);
        /// `wallet` is already registered.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryWalletAlreadyRegistered(address wallet);
        /// `wallet` is not registered.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryWalletNotRegistered(address wallet);
        /// The arrays of a batch call have different lengths.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryArrayLengthMismatch();
        /// The registries are built into this contract: `registry` must be it.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryExternalRegistryUnsupported(address registry);
        /// `topic` is already required.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryClaimTopicAlreadyRequired(uint256 topic);
        /// `topic` is not required.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryClaimTopicNotRequired(uint256 topic);
        /// At most `max` claim topics can be required.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryTooManyClaimTopics(uint256 max);
        /// `issuer` cannot be trusted (the zero address).
        #[derive(Debug, PartialEq)]
        error IdentityRegistryInvalidIssuer(address issuer);
        /// `issuer` is already trusted.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryIssuerAlreadyTrusted(address issuer);
        /// `issuer` is not trusted.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryIssuerNotTrusted(address issuer);
        /// At most `max` issuers can be trusted.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryTooManyIssuers(uint256 max);
        /// An issuer must be trusted for between 1 and `max` topics.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryInvalidIssuerTopicCount(uint256 max);
        /// `topic` is listed twice for one issuer.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryDuplicateIssuerTopic(uint256 topic);
        /// `issuer` is not trusted for `topic`.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryIssuerNotTrustedForTopic(address issuer, uint256 topic);
        /// A claim expiring at `expiry` is already expired.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryClaimExpired(uint64 expiry);
        /// The signature is not 65 bytes, has a non-canonical `s` or `v`, or
        /// recovers no signer.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryInvalidSignature();
        /// The signature was made by `recovered`, not by `issuer`.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryInvalidSigner(address recovered, address issuer);
        /// The signed claim was made for nonce `provided`; the claim's nonce
        /// is `current` (the signature was used, or superseded).
        #[derive(Debug, PartialEq)]
        error IdentityRegistryInvalidClaimNonce(uint256 current, uint256 provided);
        /// `identity` has no claim of `topic`.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryClaimNotFound(address identity, uint256 topic);
        /// `account` did not issue the claim.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryNotClaimIssuer(address account);
        /// The claim of `topic` for `identity` is already revoked.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryClaimAlreadyRevoked(address identity, uint256 topic);
        /// The claim of `topic` for `identity` changed 2^24 - 1 times, the
        /// most its nonce counts: it can be revoked, not added again.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryClaimNonceExhausted(address identity, uint256 topic);
        /// The claim of `topic` for `identity` is live and was issued by
        /// `issuer`: another issuer cannot replace it.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryClaimHeldByOtherIssuer(address identity, uint256 topic, address issuer);
        /// The compliance is the zero address.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryInvalidCompliance(address compliance);
        /// `compliance` is already told of changes.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryComplianceAlreadyAdded(address compliance);
        /// `compliance` is not told of changes.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryComplianceNotAdded(address compliance);
        /// At most `max` compliances are told of changes.
        #[derive(Debug, PartialEq)]
        error IdentityRegistryTooManyCompliances(uint256 max);
    }
}

common::contract_error! {
/// A rejection by the identity registry. Nothing changes when a call is
/// rejected; a compliance's refusal of a wallet change is passed through
/// unchanged.
pub enum Error {
    /// The caller is not the owner.
    UnauthorizedOwner(OwnableUnauthorizedAccount),
    /// The admin given to the constructor is the zero address.
    InvalidOwner(OwnableInvalidOwner),
    /// The caller is not an agent.
    UnauthorizedAgent(AgentRoleUnauthorizedAccount),
    /// The wallet is the zero address.
    InvalidWallet(IdentityRegistryInvalidWallet),
    /// The identity is the zero address.
    InvalidIdentity(IdentityRegistryInvalidIdentity),
    /// The wallet is already registered.
    WalletAlreadyRegistered(IdentityRegistryWalletAlreadyRegistered),
    /// The wallet is not registered.
    WalletNotRegistered(IdentityRegistryWalletNotRegistered),
    /// Batch arrays differ in length.
    ArrayLengthMismatch(IdentityRegistryArrayLengthMismatch),
    /// An external registry was given where this contract is the registry.
    ExternalRegistryUnsupported(IdentityRegistryExternalRegistryUnsupported),
    /// The claim topic is already required.
    ClaimTopicAlreadyRequired(IdentityRegistryClaimTopicAlreadyRequired),
    /// The claim topic is not required.
    ClaimTopicNotRequired(IdentityRegistryClaimTopicNotRequired),
    /// The required claim topics are full.
    TooManyClaimTopics(IdentityRegistryTooManyClaimTopics),
    /// The issuer is the zero address.
    InvalidIssuer(IdentityRegistryInvalidIssuer),
    /// The issuer is already trusted.
    IssuerAlreadyTrusted(IdentityRegistryIssuerAlreadyTrusted),
    /// The issuer is not trusted.
    IssuerNotTrusted(IdentityRegistryIssuerNotTrusted),
    /// The trusted issuers are full.
    TooManyIssuers(IdentityRegistryTooManyIssuers),
    /// An issuer's topic list is empty or too long.
    InvalidIssuerTopicCount(IdentityRegistryInvalidIssuerTopicCount),
    /// An issuer's topic list repeats a topic.
    DuplicateIssuerTopic(IdentityRegistryDuplicateIssuerTopic),
    /// The issuer is not trusted for the claim's topic.
    IssuerNotTrustedForTopic(IdentityRegistryIssuerNotTrustedForTopic),
    /// The claim is already expired.
    ClaimExpired(IdentityRegistryClaimExpired),
    /// The signature is malformed or recovers no signer.
    InvalidSignature(IdentityRegistryInvalidSignature),
    /// The signature is not the issuer's.
    InvalidSigner(IdentityRegistryInvalidSigner),
    /// The signed claim's nonce is not the claim's current nonce.
    InvalidClaimNonce(IdentityRegistryInvalidClaimNonce),
    /// There is no such claim.
    ClaimNotFound(IdentityRegistryClaimNotFound),
    /// The caller did not issue the claim.
    NotClaimIssuer(IdentityRegistryNotClaimIssuer),
    /// The claim is already revoked.
    ClaimAlreadyRevoked(IdentityRegistryClaimAlreadyRevoked),
    /// The claim's nonce reached its maximum.
    ClaimNonceExhausted(IdentityRegistryClaimNonceExhausted),
    /// Another issuer holds the live claim.
    ClaimHeldByOtherIssuer(IdentityRegistryClaimHeldByOtherIssuer),
    /// The compliance is the zero address.
    InvalidCompliance(IdentityRegistryInvalidCompliance),
    /// The compliance is already told of changes.
    ComplianceAlreadyAdded(IdentityRegistryComplianceAlreadyAdded),
    /// The compliance is not told of changes.
    ComplianceNotAdded(IdentityRegistryComplianceNotAdded),
    /// The compliances told of changes are full.
    TooManyCompliances(IdentityRegistryTooManyCompliances),
}
}
