//! Whole offerings: registry, compliance, token, offering and escrow
//! deployed and wired as on a chain.
use alloy_primitives::{Address, B256, U256};
use alloy_signer::SignerSync;
use alloy_sol_types::{eip712_domain, SolStruct};
use common::testing::{eth_balance as eth, Wallet};
use compliance::Compliance;
use escrow::{Escrow, EscrowInvalidRecipient, FAILED, REFUNDING, SUCCEEDED};
use identity_registry::IdentityRegistry;
use motsu::prelude::*;
use offering::{Offering, Purchase};
use token::Token;

use crate::suite::*;

/// The KYC claim topic (accreditation: [`ACCREDITED`]).
const KYC: U256 = U256::from_limbs([1, 0, 0, 0]);

fn u(value: u64) -> U256 {
    U256::from(value)
}

mod typed {
    alloy_sol_types::sol! {
        struct Claim { address identity; uint256 topic; uint64 expiry; bytes32 dataHash; uint256 nonce; }
    }
}

/// The five contracts, wired.
struct Issuance<'a> {
    suite: Suite<'a>,
    offering: &'a Contract<Offering>,
    escrow: &'a Contract<Escrow>,
    /// KYC provider trusted for both topics: signs claims off-chain.
    issuer: &'a Account,
}

/// Deploys and wires the suite for an ETH offering on the curve
/// `10 + 2s` (token without decimals), 100 tokens, soft cap `soft_cap`,
/// milestones 50/50, KYC required.
#[allow(clippy::too_many_arguments)]
fn issue<'a>(
    registry: &'a Contract<IdentityRegistry>,
    compliance: &'a Contract<Compliance>,
    token: &'a Contract<Token>,
    offering: &'a Contract<Offering>,
    escrow: &'a Contract<Escrow>,
    treasury: Address,
    owner: Address,
    operator: Address,
    issuer: &'a Account,
    soft_cap: u64,
) -> Issuance<'a> {
    let suite = deploy(registry, compliance, token, owner, operator);
    registry.sender(owner).add_claim_topic(KYC).motsu_unwrap();
    registry
        .sender(owner)
        .add_trusted_issuer(issuer.address(), vec![KYC, ACCREDITED])
        .motsu_unwrap();
    deploy_offering(&suite, escrow, offering, treasury, u(soft_cap));
    Issuance {
        suite,
        offering,
        escrow,
        issuer,
    }
}

impl Issuance<'_> {
    /// Registers `wallet` for `identity` in `country`; the KYC backend
    /// signs the KYC claim (and the accreditation claim when `accredited`)
    /// off-chain and the operator submits the signatures.
    fn onboard_in(&self, wallet: Address, identity: Address, country: u16, accredited: bool) {
        self.suite.register(wallet, identity, country);
        let registry = self.suite.registry;
        let topics: &[U256] = if accredited {
            &[KYC, ACCREDITED]
        } else {
            &[KYC]
        };
        let domain = eip712_domain! {
            name: "IdentityRegistry",
            version: "1",
            chain_id: 42_161,
            verifying_contract: registry.address(),
        };
        for &topic in topics {
            let nonce = registry
                .sender(self.suite.operator)
                .claim_nonce(identity, topic);
            let claim = typed::Claim {
                identity,
                topic,
                expiry: NOW + 365 * DAY,
                dataHash: B256::ZERO,
                nonce,
            };
            let signature = self
                .issuer
                .signer()
                .sign_hash_sync(&claim.eip712_signing_hash(&domain))
                .expect("signs");
            registry
                .sender(self.suite.operator)
                .add_signed_claim(
                    identity,
                    topic,
                    self.issuer.address(),
                    NOW + 365 * DAY,
                    B256::ZERO,
                    nonce,
                    signature.as_bytes().to_vec().into(),
                )
                .motsu_unwrap();
        }
    }

    /// [`Issuance::onboard_in`] France.
    fn onboard(&self, wallet: Address, identity: Address, accredited: bool) {
        self.onboard_in(wallet, identity, FRANCE, accredited);
    }

    /// `buyer` buys exactly `tokens` paying `cost` ETH.
    fn buy(&self, buyer: Address, tokens: u64, cost: u64) {
        buyer.fund(u(cost));
        self.offering
            .sender_and_value(buyer, u(cost))
            .buy_exact_tokens(u(tokens), u(cost), NOW)
            .motsu_unwrap();
    }

    /// The invariants across the five contracts.
    fn assert_invariants(&self, wallets: &[Address], identities: &[Address]) {
        self.suite.assert_invariants(wallets, identities);
        let owner = self.suite.owner;
        let (deposited, _, withdrawn, refunded) = self.escrow.sender(owner).totals();
        assert_eq!(self.offering.sender(owner).raised(), deposited);
        assert_eq!(eth(self.escrow.address()), deposited - withdrawn - refunded);
        let burnt_for_refunds: U256 = identities
            .iter()
            .map(|i| self.escrow.sender(owner).deposits(*i).2)
            .sum();
        assert_eq!(
            self.suite.token.sender(owner).total_supply(),
            self.offering.sender(owner).tokens_sold() - burnt_for_refunds,
            "supply = minted - burnt"
        );
    }
}

#[motsu::test]
fn successful_offering_releases_milestones_to_the_treasury(
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    offering: Contract<Offering>,
    escrow: Contract<Escrow>,
    treasury: Contract<Wallet>,
    owner: Address,
    operator: Address,
    issuer: Account,
    alice: Address,
    bob: Address,
    mallory: Address,
) {
    let issuance = issue(
        &registry,
        &compliance,
        &token,
        &offering,
        &escrow,
        treasury.address(),
        owner,
        operator,
        &issuer,
        500,
    );
    issuance.onboard(alice, ALICE_ID, true);
    issuance.onboard(bob, BOB_ID, false);

    // Unverified investors cannot buy.
    mallory.fund(u(11));
    let err = offering
        .sender_and_value(mallory, u(11))
        .buy_exact_tokens(u(1), u(11), NOW)
        .motsu_unwrap_err();
    assert_eq!(
        err,
        offering::OfferingUnverifiedBuyer { buyer: mallory }.into()
    );

    // Rising prices: 30 tokens cost 300 + 900 = 1,200 (accredited: above
    // the 1,000 retail cap); then 10 more from 30 sold cost 100 + 700.
    issuance.buy(alice, 30, 1_200);
    offering.assert_emitted(&Purchase {
        buyer: alice,
        paid: u(1_200),
        tokens: u(30),
        newPrice: u(70),
    });
    issuance.buy(bob, 10, 800);
    let err = offering
        .sender_and_value(bob, u(0))
        .buy_exact_tokens(u(5), u(1_000), NOW)
        .motsu_unwrap_err();
    assert!(matches!(err, offering::Error::ExcessiveCost(_)));
    issuance.assert_invariants(&[alice, bob], &[ALICE_ID, BOB_ID]);

    // The holders trade among themselves once the token is live.
    token.sender(alice).transfer(bob, u(5)).motsu_unwrap();
    issuance.assert_invariants(&[alice, bob], &[ALICE_ID, BOB_ID]);

    offering.sender(operator).close().motsu_unwrap();
    assert_eq!(escrow.sender(owner).state(), SUCCEEDED);
    escrow.sender(owner).approve_milestone(u(0)).motsu_unwrap();
    escrow.sender(owner).withdraw().motsu_unwrap();
    assert_eq!(eth(treasury.address()), u(1_000));
    escrow.sender(owner).approve_milestone(u(1)).motsu_unwrap();
    escrow.sender(owner).withdraw().motsu_unwrap();
    assert_eq!(eth(treasury.address()), u(2_000));
    issuance.assert_invariants(&[alice, bob], &[ALICE_ID, BOB_ID]);
}

#[motsu::test]
fn failed_raise_refunds_investors_and_burns_their_tokens(
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    offering: Contract<Offering>,
    escrow: Contract<Escrow>,
    treasury: Contract<Wallet>,
    alice_wallet: Contract<Wallet>,
    bob_wallet: Contract<Wallet>,
    owner: Address,
    operator: Address,
    issuer: Account,
    bob: Address,
) {
    let issuance = issue(
        &registry,
        &compliance,
        &token,
        &offering,
        &escrow,
        treasury.address(),
        owner,
        operator,
        &issuer,
        10_000,
    );
    let alice = alice_wallet.address();
    alice_wallet.sender(owner).set_refuse(false);
    issuance.onboard(alice, ALICE_ID, false);
    issuance.onboard(bob, BOB_ID, false);
    issuance.buy(alice, 10, 200);
    // 5 tokens from 10 sold: 10*5 + 5*(2*10 + 5) = 175.
    issuance.buy(bob, 5, 175);

    offering.sender(operator).close().motsu_unwrap();
    assert_eq!(escrow.sender(owner).state(), FAILED);

    // Alice returns everything to her wallet; Bob returns part, to a
    // second wallet of his (never to someone else's).
    escrow
        .sender(alice)
        .claim_refund(u(10), alice)
        .motsu_unwrap();
    let err = escrow
        .sender(bob)
        .claim_refund(u(2), alice)
        .motsu_unwrap_err();
    assert_eq!(err, EscrowInvalidRecipient { to: alice }.into());
    issuance
        .suite
        .register(bob_wallet.address(), BOB_ID, FRANCE);
    escrow
        .sender(bob)
        .claim_refund(u(2), bob_wallet.address())
        .motsu_unwrap();
    assert_eq!(eth(alice), u(200));
    assert_eq!(eth(bob_wallet.address()), u(70));
    assert_eq!(token.sender(owner).balance_of(bob), u(3));
    assert_eq!(compliance.sender(owner).holder_count(), 1);
    issuance.assert_invariants(&[alice, bob], &[ALICE_ID, BOB_ID]);
}

#[motsu::test]
fn missed_milestone_refunds_the_unreleased_share(
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    offering: Contract<Offering>,
    escrow: Contract<Escrow>,
    treasury: Contract<Wallet>,
    receiver: Contract<Wallet>,
    owner: Address,
    operator: Address,
    issuer: Account,
    alice: Address,
) {
    let issuance = issue(
        &registry,
        &compliance,
        &token,
        &offering,
        &escrow,
        treasury.address(),
        owner,
        operator,
        &issuer,
        100,
    );
    issuance.onboard(alice, ALICE_ID, false);
    issuance.buy(alice, 10, 200);
    offering.sender(operator).close().motsu_unwrap();
    escrow.sender(owner).approve_milestone(u(0)).motsu_unwrap();
    escrow.sender(owner).cancel_milestone(u(1)).motsu_unwrap();
    assert_eq!(escrow.sender(owner).state(), REFUNDING);

    issuance
        .suite
        .register(receiver.address(), ALICE_ID, FRANCE);
    escrow
        .sender(alice)
        .claim_refund(u(10), receiver.address())
        .motsu_unwrap();

    assert_eq!(eth(receiver.address()), u(100));
    escrow.sender(owner).withdraw().motsu_unwrap();
    assert_eq!(eth(treasury.address()), u(100));
    assert_eq!(eth(escrow.address()), U256::ZERO);
    issuance.assert_invariants(&[alice], &[ALICE_ID]);
}

#[motsu::test]
fn after_the_offering_holders_meet_every_refusal_and_agents_repair(
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    offering: Contract<Offering>,
    escrow: Contract<Escrow>,
    treasury: Contract<Wallet>,
    owner: Address,
    operator: Address,
    issuer: Account,
    alice: Address,
    alice_new: Address,
    bob: Address,
    carol: Address,
    dave: Address,
    mallory: Address,
) {
    let issuance = issue(
        &registry,
        &compliance,
        &token,
        &offering,
        &escrow,
        treasury.address(),
        owner,
        operator,
        &issuer,
        100,
    );
    issuance.onboard(alice, ALICE_ID, true);
    issuance.onboard(bob, BOB_ID, false);
    issuance.onboard_in(carol, CAROL_ID, USA, false);
    issuance.onboard(dave, address_of("da7e"), false);
    // Alice buys 30 unlocked, then 5 under a 30-day lock-up.
    issuance.buy(alice, 30, 1_200);
    issuance.buy(bob, 10, 800);
    compliance
        .sender(owner)
        .set_lock_up_period(30 * DAY)
        .motsu_unwrap();
    // 5 from 40 sold: 50 + 5 * (80 + 5) = 475.
    issuance.buy(alice, 5, 475);
    let wallets = [alice, alice_new, bob, carol, dave];
    let ids = [ALICE_ID, BOB_ID, CAROL_ID, address_of("da7e")];
    issuance.assert_invariants(&wallets, &ids);
    let send = |to: Address, amount: u64| {
        token
            .sender(alice)
            .transfer(to, u(amount))
            .motsu_unwrap_err()
    };
    let refused = |to: Address, amount: u64| -> token::Error {
        token::TokenComplianceRefused {
            from: alice,
            to,
            amount: u(amount),
        }
        .into()
    };

    // Unverified recipient.
    assert_eq!(
        send(mallory, 1),
        token::TokenUnverifiedRecipient { wallet: mallory }.into()
    );
    // Blocked country.
    compliance
        .sender(owner)
        .set_country_lists_enabled(false, true)
        .motsu_unwrap();
    compliance
        .sender(owner)
        .set_country(USA, false, true, false, 0)
        .motsu_unwrap();
    assert_eq!(send(carol, 1), refused(carol, 1));
    // Lock-up: 30 of Alice's 35 are free.
    assert_eq!(send(bob, 31), refused(bob, 31));
    // Maximum balance: Bob holds 10.
    compliance
        .sender(owner)
        .set_max_balance(true, u(20))
        .motsu_unwrap();
    assert_eq!(send(bob, 11), refused(bob, 11));
    // Holder cap: Alice and Bob hold; Dave would be a third.
    compliance
        .sender(owner)
        .set_max_holders(true, 2)
        .motsu_unwrap();
    assert_eq!(send(dave, 1), refused(dave, 1));
    // Frozen wallet.
    token
        .sender(operator)
        .set_address_frozen(bob, true)
        .motsu_unwrap();
    assert_eq!(
        send(bob, 1),
        token::TokenWalletFrozen { wallet: bob }.into()
    );
    issuance.assert_invariants(&wallets, &ids);

    // What passes: 10 to Bob once unfrozen.
    token
        .sender(operator)
        .set_address_frozen(bob, false)
        .motsu_unwrap();
    token.sender(alice).transfer(bob, u(10)).motsu_unwrap();

    // The agent forces 22 from Alice to Bob: 20 free, 2 of the locked.
    token
        .sender(operator)
        .forced_transfer(alice, bob, u(22))
        .motsu_unwrap();
    assert_eq!(compliance.sender(owner).locked_balance(alice), u(3));
    issuance.assert_invariants(&wallets, &ids);

    // Alice loses her key: the operator recovers her 3 tokens (locked) to a
    // new wallet of hers.
    token
        .sender(operator)
        .recovery_address(alice, alice_new, ALICE_ID)
        .motsu_unwrap();
    assert_eq!(token.sender(owner).balance_of(alice_new), u(3));
    // The recovered tokens are still locked.
    assert_eq!(compliance.sender(owner).locked_balance(alice_new), u(3));
    let err = token
        .sender(alice_new)
        .transfer(bob, u(1))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        token::TokenComplianceRefused {
            from: alice_new,
            to: bob,
            amount: u(1),
        }
        .into()
    );
    assert!(registry.sender(owner).is_verified(alice_new));
    assert!(!registry.sender(owner).contains(alice));
    issuance.assert_invariants(&wallets, &ids);
}

/// A fixed address from a short hex tag.
fn address_of(tag: &str) -> Address {
    let hex = format!("{tag:0>40}");
    hex.parse().expect("a 40-digit hex address")
}
