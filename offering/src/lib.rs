//! Continuous offering of a security token on a linear bonding curve.
//!
//! Verified investors buy newly minted tokens at a price that rises with
//! the supply sold ([`curve`]); what they pay goes to the escrow, which
//! records it per investor. The offering is an agent of the token, so the
//! token's own checks (verified recipient, compliance) apply to every
//! purchase as well.
//!
//! A purchase checks, in order: the offering is open (started, not ended,
//! not paused, not closed); the deadline; the payment asset; the buyer is
//! verified in the identity registry; at least one token is bought; the
//! cost reaches the minimum investment (unless the purchase completes the
//! hard cap: what remains may cost less); the buyer's identity stays within
//! its cap (accredited investors, those holding a valid claim of the
//! accreditation topic, have their own cap); the raise cap and the hard cap;
//! the slippage bound. Then the books change, and only then the payment
//! moves to the escrow (`deposit`), the token mints, and any ETH paid above
//! the cost goes back to the buyer.
//!
//! The offering closes when an agent closes it, when a purchase reaches the
//! hard cap, or, once it has ended, when anyone closes it; closing tells
//! the escrow (`closeRaise`), which compares what it holds with its soft
//! cap.
// no_std only in the deployed wasm: host builds (tests, the suite's
// scenarios, export-abi) link std for its allocator and panic handler.
#![cfg_attr(
    all(target_arch = "wasm32", not(feature = "export-abi")),
    no_std,
    no_main
)]
extern crate alloc;

pub mod curve;
pub mod errors;
#[cfg(all(feature = "hot", target_arch = "wasm32"))]
mod hot;
#[cfg(test)]
mod tests;

use alloc::{string::String, vec, vec::Vec};

use alloy_primitives::{Address, B256, U256, U64, U8};
use alloy_sol_types::SolEvent;
use common::storage::{halves, pack_halves, Key, HALF_MAX};
use common::{
    bindings::{erc20, escrow, identity_registry, send_value, token},
    host::{block_timestamp, msg_sender, msg_value},
    log::{address_word, emit, uint_word, words},
    roles::Roles,
};
use stylus_sdk::{
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageMap, StorageU256, StorageU64, StorageU8},
};

use curve::Curve;
pub use errors::*;

/// The offering contract.
#[cfg_attr(not(feature = "hot"), entrypoint)]
#[storage]
pub struct Offering {
    /// Owner (appoints agents) and agents (pause, unpause, close).
    #[borrow]
    pub roles: Roles,
    /// The token sold.
    token: StorageAddress,
    /// Closing time (Unix seconds): purchases stop at `end`. Beside the
    /// token: a purchase reads both in one slot.
    end: StorageU64,
    /// The identity registry that verifies buyers.
    identity_registry: StorageAddress,
    /// The escrow that receives the payments.
    escrow: StorageAddress,
    /// The payment asset: zero for ETH, otherwise an ERC-20.
    payment_asset: StorageAddress,
    /// The token's decimals.
    decimals: StorageU8,
    /// Whether purchases are paused.
    paused: StorageBool,
    /// Whether the offering is closed (for good).
    closed: StorageBool,
    /// Opening time (Unix seconds).
    start: StorageU64,
    /// The curve: `p0`, the price of a whole token when nothing is sold
    /// (low half), and `k`, its increase per whole token sold (high half);
    /// each below 2^128. Halves of a word ([`pack_halves`]) wherever a
    /// purchase reads both: one slot instead of two.
    curve: StorageU256,
    /// Most tokens sold (low half; below 2^128) and most payment raised
    /// (high half; kept up to 2^128 - 1, which no payment reaches).
    caps: StorageU256,
    /// Least payment per purchase (low half, kept up to 2^128 - 1) and the
    /// claim topic that makes an identity accredited (high half; below
    /// 2^128).
    minimum_and_topic: StorageU256,
    /// Most payment per accredited (low half) and non-accredited (high
    /// half) identity, each kept up to 2^128 - 1.
    investor_caps: StorageU256,
    /// Tokens sold (low half) and payment raised (high half): at most the
    /// caps.
    totals: StorageU256,
    /// Identity -> payment invested.
    invested: StorageMap<Key, StorageU256>,
}

// SAFETY: the offering is its programs' top-level storage (slot 0); in the
// full program `#[entrypoint]` says so.
#[cfg(feature = "hot")]
unsafe impl stylus_sdk::stylus_core::storage::TopLevelStorage for Offering {}

#[public]
#[inherit(Roles)]
impl Offering {
    /// Sets the terms of the offering.
    ///
    /// # Arguments
    ///
    /// * `admin` - The owner (the deployer factory is the caller here).
    /// * `token`, `identity_registry`, `escrow` - The suite's contracts.
    /// * `payment_asset` - Zero for ETH, otherwise an ERC-20.
    /// * `base_price` - `p0`, payment units per whole token at the start.
    /// * `slope` - `k`, payment units per whole token, per whole token
    ///   sold.
    /// * `decimals` - The token's decimals (0 to 18).
    /// * `hard_cap` - Most tokens sold, base units (non-zero).
    /// * `raise_cap` - Most payment raised.
    /// * `min_investment` - Least payment per purchase.
    /// * `cap_accredited`, `cap_non_accredited` - Most payment per
    ///   identity, by category.
    /// * `accreditation_topic` - The claim topic of accreditation.
    /// * `start`, `end` - The offering is open from `start` until `end`.
    ///
    /// # Errors
    ///
    /// * [`Error::InvalidOwner`] - `admin` is the zero address.
    /// * [`Error::InvalidTerms`] - A contract is zero, decimals above 18,
    ///   the hard cap zero, `start >= end`, the curve gives tokens away
    ///   (`p0` and `k` both zero), or `p0`, `k`, the hard cap or the
    ///   accreditation topic is above 2^128 - 1. The raise cap, the
    ///   minimum investment and the investor caps are kept up to 2^128 - 1
    ///   (`terms` answers them so), which no payment reaches.
    /// * [`Error::CurveOverflow`] - The cost of the hard cap overflows.
    ///
    /// # Events
    ///
    /// * `OwnershipTransferred`.
    #[constructor]
    #[allow(clippy::too_many_arguments)] // The offering's terms, one each.
    pub fn constructor(
        &mut self,
        admin: Address,
        token: Address,
        identity_registry: Address,
        escrow: Address,
        payment_asset: Address,
        base_price: U256,
        slope: U256,
        decimals: u8,
        hard_cap: U256,
        raise_cap: U256,
        min_investment: U256,
        cap_accredited: U256,
        cap_non_accredited: U256,
        accreditation_topic: U256,
        start: u64,
        end: u64,
    ) -> Result<(), Error> {
        self.roles.init::<Error>(admin)?;
        let invalid = |which: &str| -> Error {
            OfferingInvalidTerms {
                which: String::from(which),
            }
            .into()
        };
        if token.is_zero() || identity_registry.is_zero() || escrow.is_zero() {
            return Err(invalid("contract"));
        }
        if decimals > 18 {
            return Err(invalid("decimals"));
        }
        if hard_cap.is_zero() {
            return Err(invalid("hardCap"));
        }
        if start >= end {
            return Err(invalid("window"));
        }
        if base_price.is_zero() && slope.is_zero() {
            return Err(invalid("price"));
        }
        // Each is kept in half a word; caps beyond are kept as 2^128 - 1
        // (no payment reaches it).
        for (value, which) in [
            (base_price, "basePrice"),
            (slope, "slope"),
            (hard_cap, "hardCap"),
            (accreditation_topic, "accreditationTopic"),
        ] {
            if value > HALF_MAX {
                return Err(invalid(which));
            }
        }
        if Curve::new(base_price, slope, decimals)
            .cost(U256::ZERO, hard_cap)
            .is_none()
        {
            return Err(OfferingCurveOverflow {}.into());
        }
        self.token.set(token);
        self.identity_registry.set(identity_registry);
        self.escrow.set(escrow);
        self.payment_asset.set(payment_asset);
        let kept = |cap: U256| cap.min(HALF_MAX);
        self.curve.set(pack_halves(base_price, slope));
        self.decimals.set(U8::from(decimals));
        self.caps.set(pack_halves(hard_cap, kept(raise_cap)));
        self.minimum_and_topic
            .set(pack_halves(kept(min_investment), accreditation_topic));
        self.investor_caps
            .set(pack_halves(kept(cap_accredited), kept(cap_non_accredited)));
        self.start.set(U64::from(start));
        self.end.set(U64::from(end));
        Ok(())
    }

    // ------------------------------------------------------------------
    // Purchases
    // ------------------------------------------------------------------

    /// Buys as many tokens as the ETH sent pays for, at most what remains
    /// under the hard cap; the ETH not spent (rounding, or beyond the hard
    /// cap) goes back to the caller.
    ///
    /// # Arguments
    ///
    /// * `min_tokens_out` - Fewest tokens accepted.
    /// * `deadline` - Latest time (Unix seconds) the purchase may happen.
    ///
    /// # Errors
    ///
    /// Every purchase check (see the crate docs), among them
    /// [`Error::InsufficientOutput`] and [`Error::WrongAsset`] (the
    /// offering takes an ERC-20).
    ///
    /// # Events
    ///
    /// * [`Purchase`]; [`OfferingClosed`] when the hard cap is reached.
    #[payable]
    pub fn buy(&mut self, min_tokens_out: U256, deadline: u64) -> Result<U256, Error> {
        let payment = msg_value(self.vm());
        self._require_asset(true)?;
        self._buy_for(payment, min_tokens_out, deadline, payment)
    }

    /// Buys as many tokens as `amount` of the ERC-20 pays for; only their
    /// cost is pulled from the caller (who approved the offering), into the
    /// escrow.
    ///
    /// # Arguments
    ///
    /// * `amount` - Most payment to spend.
    /// * `min_tokens_out` - Fewest tokens accepted.
    /// * `deadline` - Latest time the purchase may happen.
    ///
    /// # Errors
    ///
    /// Every purchase check, among them [`Error::InsufficientOutput`] and
    /// [`Error::WrongAsset`] (the offering takes ETH); the ERC-20's revert
    /// data when the pull fails.
    ///
    /// # Events
    ///
    /// * [`Purchase`]; [`OfferingClosed`] when the hard cap is reached.
    pub fn buy_with_token(
        &mut self,
        amount: U256,
        min_tokens_out: U256,
        deadline: u64,
    ) -> Result<U256, Error> {
        self._require_asset(false)?;
        self._buy_for(amount, min_tokens_out, deadline, U256::ZERO)
    }

    /// Buys exactly `tokens`, paying their cost: in ETH (sent with the
    /// call; the excess goes back) or in the ERC-20 (pulled).
    ///
    /// # Arguments
    ///
    /// * `tokens` - Tokens to buy (base units).
    /// * `max_cost` - Most payment accepted.
    /// * `deadline` - Latest time the purchase may happen.
    ///
    /// # Errors
    ///
    /// Every purchase check, among them [`Error::ExcessiveCost`] (above
    /// `max_cost`, or above the ETH sent) and [`Error::WrongAsset`] (ETH
    /// sent to an ERC-20 offering).
    ///
    /// # Events
    ///
    /// * [`Purchase`]; [`OfferingClosed`] when the hard cap is reached.
    #[payable]
    pub fn buy_exact_tokens(
        &mut self,
        tokens: U256,
        max_cost: U256,
        deadline: u64,
    ) -> Result<U256, Error> {
        let sent = msg_value(self.vm());
        let eth = self.payment_asset.get().is_zero();
        if !eth && !sent.is_zero() {
            return Err(OfferingWrongAsset {}.into());
        }
        let cost = self.quote_cost(tokens)?;
        let limit = if eth { max_cost.min(sent) } else { max_cost };
        if cost > limit {
            return Err(OfferingExcessiveCost {
                cost,
                maxCost: limit,
            }
            .into());
        }
        self._purchase(tokens, cost, deadline, sent)?;
        Ok(cost)
    }

    // ------------------------------------------------------------------
    // Agents
    // ------------------------------------------------------------------

    /// Pauses purchases. Agent only.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::EnforcedPause`] - Already paused.
    ///
    /// # Events
    ///
    /// * [`Paused`].
    pub fn pause(&mut self) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        if self.paused.get() {
            return Err(OfferingEnforcedPause {}.into());
        }
        self._set_paused(true, Paused::SIGNATURE_HASH);
        Ok(())
    }

    /// Resumes purchases. Agent only.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::ExpectedPause`] - Not paused.
    ///
    /// # Events
    ///
    /// * [`Unpaused`].
    pub fn unpause(&mut self) -> Result<(), Error> {
        self.roles.only_agent::<Error>()?;
        if !self.paused.get() {
            return Err(OfferingExpectedPause {}.into());
        }
        self._set_paused(false, Unpaused::SIGNATURE_HASH);
        Ok(())
    }

    /// Closes the offering for good and tells the escrow. An agent may
    /// close at any time; once the offering has ended, anyone may.
    ///
    /// # Errors
    ///
    /// * [`Error::CloseUnauthorized`] - Before the end, the caller is not
    ///   an agent.
    /// * [`Error::Closed`] - Already closed.
    /// * [`Error::Reverted`] - The escrow refused.
    ///
    /// # Events
    ///
    /// * [`OfferingClosed`].
    pub fn close(&mut self) -> Result<(), Error> {
        let account = msg_sender(self.vm());
        let ended = self._now() >= self.end.get().to::<u64>();
        if !ended && !self.roles.is_agent(account) {
            return Err(OfferingCloseUnauthorized { account }.into());
        }
        if self.closed.get() {
            return Err(OfferingIsClosed {}.into());
        }
        self._close()
    }

    // ------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------

    /// Returns the price of the next whole token, in payment units.
    ///
    /// # Errors
    ///
    /// * [`Error::MathOverflow`] - Never for accepted terms.
    pub fn current_price(&self) -> Result<U256, Error> {
        self._curve()
            .price(self._totals().0)
            .ok_or(OfferingMathOverflow {}.into())
    }

    /// Returns the tokens `payment` buys now (within the hard cap).
    ///
    /// # Errors
    ///
    /// * [`Error::MathOverflow`] - `payment` is beyond the curve's
    ///   arithmetic.
    pub fn quote_buy(&self, payment: U256) -> Result<U256, Error> {
        self._tokens_for(payment)
    }

    /// Returns the cost of `tokens` now.
    ///
    /// # Errors
    ///
    /// * [`Error::HardCapExceeded`] - Fewer tokens remain.
    pub fn quote_cost(&self, tokens: U256) -> Result<U256, Error> {
        let available = self.remaining();
        if tokens > available {
            return Err(OfferingHardCapExceeded { available }.into());
        }
        self._curve()
            .cost(self._totals().0, tokens)
            .ok_or(OfferingMathOverflow {}.into())
    }

    /// Returns the tokens sold.
    pub fn tokens_sold(&self) -> U256 {
        self._totals().0
    }

    /// Returns the payment raised.
    pub fn raised(&self) -> U256 {
        self._totals().1
    }

    /// Returns what `identity` has invested.
    pub fn invested(&self, identity: Address) -> U256 {
        self.invested.get(Key::from(identity))
    }

    /// Returns the tokens left under the hard cap.
    pub fn remaining(&self) -> U256 {
        // `sold <= hard_cap`, kept by every purchase.
        halves(self.caps.get()).0.saturating_sub(self._totals().0)
    }

    /// Returns whether purchases are possible now.
    pub fn is_open(&self) -> bool {
        self._require_open().is_ok()
    }

    /// Returns whether purchases are paused.
    pub fn paused(&self) -> bool {
        self.paused.get()
    }

    /// Returns whether the offering is closed.
    pub fn closed(&self) -> bool {
        self.closed.get()
    }

    /// Returns the token, the identity registry, the escrow and the payment
    /// asset (zero: ETH).
    pub fn contracts(&self) -> (Address, Address, Address, Address) {
        (
            self.token.get(),
            self.identity_registry.get(),
            self.escrow.get(),
            self.payment_asset.get(),
        )
    }

    /// Returns the curve (`p0`, `k`, decimals), the hard cap, the raise
    /// cap, the minimum investment, the caps (accredited, non-accredited),
    /// the accreditation topic, and the window (start, end).
    #[allow(clippy::type_complexity)]
    pub fn terms(&self) -> (U256, U256, u8, U256, U256, U256, U256, U256, U256, u64, u64) {
        let (base_price, slope) = halves(self.curve.get());
        let (hard_cap, raise_cap) = halves(self.caps.get());
        let (min_investment, accreditation_topic) = halves(self.minimum_and_topic.get());
        let (cap_accredited, cap_non_accredited) = halves(self.investor_caps.get());
        (
            base_price,
            slope,
            self.decimals.get().to(),
            hard_cap,
            raise_cap,
            min_investment,
            cap_accredited,
            cap_non_accredited,
            accreditation_topic,
            self.start.get().to(),
            self.end.get().to(),
        )
    }
}

impl Offering {
    /// The current block's timestamp.
    fn _now(&self) -> u64 {
        block_timestamp(self.vm())
    }

    /// The curve of the terms.
    fn _curve(&self) -> Curve {
        let (base_price, slope) = halves(self.curve.get());
        Curve::new(base_price, slope, self.decimals.get().to())
    }

    /// Tokens sold and payment raised.
    fn _totals(&self) -> (U256, U256) {
        halves(self.totals.get())
    }

    /// The tokens `payment` buys now, within the hard cap.
    fn _tokens_for(&self, payment: U256) -> Result<U256, Error> {
        self._curve()
            .tokens_for(self._totals().0, payment, self.remaining())
            .ok_or(OfferingMathOverflow {}.into())
    }

    /// Refuses ETH purchases of an ERC-20 offering and the reverse.
    fn _require_asset(&self, eth: bool) -> Result<(), Error> {
        if self.payment_asset.get().is_zero() != eth {
            return Err(OfferingWrongAsset {}.into());
        }
        Ok(())
    }

    /// Refuses unless started, not ended, not paused and not closed.
    fn _require_open(&self) -> Result<(), Error> {
        let now = self._now();
        let start: u64 = self.start.get().to();
        let end: u64 = self.end.get().to();
        if self.closed.get() {
            return Err(OfferingIsClosed {}.into());
        }
        if now < start {
            return Err(OfferingNotStarted { start }.into());
        }
        if now >= end {
            return Err(OfferingEnded { end }.into());
        }
        if self.paused.get() {
            return Err(OfferingEnforcedPause {}.into());
        }
        Ok(())
    }

    /// Sells the caller what `payment` buys, if at least `min_tokens_out`
    /// (`sent`: the ETH sent; zero for ERC-20 purchases).
    fn _buy_for(
        &mut self,
        payment: U256,
        min_tokens_out: U256,
        deadline: u64,
        sent: U256,
    ) -> Result<U256, Error> {
        let tokens = self._tokens_for(payment)?;
        if tokens < min_tokens_out {
            return Err(OfferingInsufficientOutput {
                tokens,
                minTokensOut: min_tokens_out,
            }
            .into());
        }
        let cost = self.quote_cost(tokens)?;
        self._purchase(tokens, cost, deadline, sent)?;
        Ok(tokens)
    }

    /// Sells `tokens` for `cost` (their quote now) to the caller: the
    /// checks, the books, then the payment to the escrow, the mint, and the
    /// ETH change (`sent` is the ETH sent; zero for ERC-20 purchases).
    fn _purchase(
        &mut self,
        tokens: U256,
        cost: U256,
        deadline: u64,
        sent: U256,
    ) -> Result<(), Error> {
        let buyer = msg_sender(self.vm());
        self._require_open()?;
        if self._now() > deadline {
            return Err(OfferingDeadlineExpired { deadline }.into());
        }
        let registry = self.identity_registry.get();
        // One registry call: the identity of a verified buyer, zero else.
        let (identity, _) = identity_registry::verified_identity(self.vm(), registry, buyer)?;
        if identity.is_zero() {
            return Err(OfferingUnverifiedBuyer { buyer }.into());
        }
        if tokens.is_zero() {
            return Err(OfferingZeroPurchase {}.into());
        }
        // The purchase that completes the hard cap is exempt from the
        // minimum: what remains may cost less. The callers' `quote_cost`
        // kept `sold + tokens <= hard_cap`.
        let (sold, raised) = self._totals();
        let (hard_cap, raise_cap) = halves(self.caps.get());
        let completes = sold + tokens == hard_cap;
        let (minimum, topic) = halves(self.minimum_and_topic.get());
        if cost < minimum && !completes {
            return Err(OfferingBelowMinimum { minimum, cost }.into());
        }
        let accredited = identity_registry::is_claim_valid(self.vm(), registry, identity, topic)?;
        let (cap_accredited, cap_non_accredited) = halves(self.investor_caps.get());
        let cap = if accredited {
            cap_accredited
        } else {
            cap_non_accredited
        };
        let total = self
            .invested
            .get(Key::from(identity))
            .checked_add(cost)
            .ok_or(OfferingMathOverflow {})?;
        if total > cap {
            return Err(OfferingInvestorCapExceeded { cap, total }.into());
        }
        let available = raise_cap.saturating_sub(raised);
        if cost > available {
            return Err(OfferingRaiseCapExceeded { available }.into());
        }

        // Effects. `cost <= available` keeps `raised + cost <= raise_cap`
        // (below 2^128); the callers' `quote_cost` kept `sold + tokens <=
        // hard_cap` (below 2^128): both stay within their halves.
        let sold = sold + tokens;
        self.totals.set(pack_halves(sold, raised + cost));
        self.invested.insert(Key::from(identity), total);

        // Interactions.
        let escrow = self.escrow.get();
        let asset = self.payment_asset.get();
        let value = if asset.is_zero() {
            cost
        } else {
            erc20::transfer_from(self.vm(), asset, buyer, escrow, cost)?;
            U256::ZERO
        };
        // Refund rights belong to the investor's identity, not the wallet.
        escrow::deposit(self.vm(), escrow, identity, tokens, cost, value)?;
        token::mint(self.vm(), self.token.get(), buyer, tokens)?;
        // `sent >= cost` for ETH purchases (checked by the callers).
        let change = sent.saturating_sub(value);
        if !change.is_zero() {
            send_value(self.vm(), buyer, change)?;
        }
        let price = self.current_price()?;
        emit(
            self.vm(),
            &[Purchase::SIGNATURE_HASH, address_word(buyer)],
            &words(&[uint_word(cost), uint_word(tokens), uint_word(price)]),
        );
        if sold == hard_cap {
            self._close()?;
        }
        Ok(())
    }

    /// Records the pause flag and emits `topic0` with the caller.
    fn _set_paused(&mut self, paused: bool, topic0: B256) {
        self.paused.set(paused);
        let account = msg_sender(self.vm());
        emit(self.vm(), &[topic0], address_word(account).as_slice());
    }

    /// Closes, tells the escrow, emits [`OfferingClosed`].
    fn _close(&mut self) -> Result<(), Error> {
        self.closed.set(true);
        escrow::close_raise(self.vm(), self.escrow.get())?;
        emit(
            self.vm(),
            &[OfferingClosed::SIGNATURE_HASH],
            &words(&[uint_word(self.tokens_sold()), uint_word(self.raised())]),
        );
        Ok(())
    }
}
