//! Milestone escrow of an offering's proceeds, with pro-rata refunds.
//!
//! The escrow holds everything the offering raises (ETH or one ERC-20) and
//! records, per investor identity (as the identity registry names it),
//! what it paid and how many tokens it bought: refund rights belong to the
//! investor, not to the wallet it bought with.
//!
//! - **Raising**: only the offering deposits. When the offering closes
//!   (`closeRaise`), the escrow compares its deposits with the soft cap:
//!   **Succeeded**, or **Failed** (refunds open).
//! - **Succeeded**: the approver approves the milestones in order, each
//!   before its deadline; each releases its share (basis points) of the
//!   deposits to the treasury, which withdraws them (pull payment). A
//!   milestone whose deadline passes unapproved (anyone may report it) or
//!   that the approver cancels moves the escrow to **Refunding**.
//! - **Failed / Refunding**: any current wallet of an investor identity
//!   returns purchased tokens it holds unfrozen (the escrow burns them, as
//!   an agent of the token) and the investor receives its payment times the
//!   unreleased share times the fraction of its purchased tokens returned,
//!   paid to the claiming wallet or another wallet verified for the same
//!   identity (one that reverts only reverts that claim). A frozen wallet
//!   cannot claim: an agent of the token settles its refund to a verified
//!   wallet of the identity, as it does for an investor whose identity
//!   changed since it bought. Each purchased token is refunded at most
//!   once.
//!
//! Invariants: the escrow holds what it owes (treasury share not yet
//! withdrawn plus refunds not yet claimed); released plus refunded never
//! exceeds deposited; a milestone is released at most once.
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
#[cfg(test)]
mod tests;

use alloc::{string::String, vec, vec::Vec};

use alloy_primitives::{Address, B256, U16, U256, U64, U8};
use alloy_sol_types::SolEvent;
use common::storage::{halves, pack_halves, Key, HALF_MAX};
use common::{
    bindings::{erc20, identity_registry, pay, token},
    host::{block_timestamp, contract_address, msg_sender, msg_value},
    log::{address_word, bool_word, emit, uint_word, words},
    math::mul_div,
    roles::Ownable,
};
use stylus_sdk::{
    prelude::*,
    storage::{
        StorageAddress, StorageMap, StorageU16, StorageU256, StorageU32, StorageU64, StorageU8,
        StorageVec,
    },
};

pub use errors::*;

/// Raising: the offering deposits.
pub const RAISING: u8 = 0;
/// Succeeded: milestones release the deposits.
pub const SUCCEEDED: u8 = 1;
/// Failed: the soft cap was missed; refunds are open.
pub const FAILED: u8 = 2;
/// Refunding: a milestone failed or was cancelled; refunds are open.
pub const REFUNDING: u8 = 3;
/// Milestone status: not yet approved.
pub const PENDING: u8 = 0;
/// Milestone status: approved, its share released.
pub const RELEASED: u8 = 1;
/// Milestone status: cancelled, or its deadline passed unapproved.
pub const MISSED: u8 = 2;
/// Basis points in a whole.
pub const BPS: u16 = 10_000;
/// At most this many milestones.
pub const MAX_MILESTONES: usize = 20;

/// What the escrow records of an investor.
#[storage]
pub struct InvestorBook {
    /// Payment deposited for it (low half) and tokens it bought (high
    /// half), each at most 2^128 - 1 ([`pack_halves`]): a deposit reads and
    /// writes one slot.
    paid_and_tokens: StorageU256,
    /// Purchased tokens it returned for refunds.
    returned: StorageU256,
}

/// The escrow contract.
#[cfg_attr(not(feature = "hot"), entrypoint)]
#[storage]
pub struct Escrow {
    /// Owner: sets the offering once.
    #[borrow]
    pub ownable: Ownable,
    /// The state: [`RAISING`], [`SUCCEEDED`], [`FAILED`], [`REFUNDING`].
    state: StorageU8,
    /// The token, burnt on refunds (the escrow is its agent).
    token: StorageAddress,
    /// The payment asset: zero for ETH, otherwise an ERC-20.
    asset: StorageAddress,
    /// Receives the released milestones.
    treasury: StorageAddress,
    /// Approves or cancels milestones (for example a multisig).
    approver: StorageAddress,
    /// The only depositor; zero until set.
    offering: StorageAddress,
    /// Deposits needed for the raise to succeed.
    soft_cap: StorageU256,
    /// Share of each milestone, basis points (sum 10,000).
    shares: StorageVec<StorageU16>,
    /// Deadline of each milestone (Unix seconds).
    deadlines: StorageVec<StorageU64>,
    /// Milestones released so far (the next one's index).
    released_count: StorageU32,
    /// Total deposited.
    deposited: StorageU256,
    /// Total released to the treasury.
    released: StorageU256,
    /// Total the treasury withdrew.
    withdrawn: StorageU256,
    /// Total refunded to investors.
    refunded: StorageU256,
    /// Investor identity -> book.
    investors: StorageMap<Key, InvestorBook>,
}

// SAFETY: the escrow is its programs' top-level storage (slot 0); in the
// full program `#[entrypoint]` says so.
#[cfg(feature = "hot")]
unsafe impl stylus_sdk::stylus_core::storage::TopLevelStorage for Escrow {}

#[public]
#[inherit(Ownable)]
impl Escrow {
    /// Sets the terms; the escrow starts raising.
    ///
    /// # Arguments
    ///
    /// * `admin` - The owner (the deployer factory is the caller here).
    /// * `token` - The token (the escrow must be made its agent).
    /// * `asset` - Zero for ETH, otherwise the ERC-20 the offering takes.
    /// * `treasury`, `approver` - Receiver of releases; approver of
    ///   milestones.
    /// * `soft_cap` - Deposits needed for success.
    /// * `shares` - Each milestone's share in basis points (sum 10,000).
    /// * `deadlines` - Each milestone's deadline, increasing.
    ///
    /// # Errors
    ///
    /// * [`Error::InvalidOwner`] - `admin` is the zero address.
    /// * [`Error::InvalidTerms`] - A zero address, 0 or more than 20
    ///   milestones, arrays of different lengths, a zero share, shares not
    ///   summing to 10,000, or deadlines not increasing.
    ///
    /// # Events
    ///
    /// * `OwnershipTransferred`.
    #[constructor]
    #[allow(clippy::too_many_arguments)] // The escrow's terms, one each.
    pub fn constructor(
        &mut self,
        admin: Address,
        token: Address,
        asset: Address,
        treasury: Address,
        approver: Address,
        soft_cap: U256,
        shares: Vec<u16>,
        deadlines: Vec<u64>,
    ) -> Result<(), Error> {
        self.ownable.init::<Error>(admin)?;
        let invalid = |which: &str| -> Error {
            EscrowInvalidTerms {
                which: String::from(which),
            }
            .into()
        };
        if token.is_zero() || treasury.is_zero() || approver.is_zero() {
            return Err(invalid("address"));
        }
        if shares.is_empty() || shares.len() > MAX_MILESTONES || shares.len() != deadlines.len() {
            return Err(invalid("milestones"));
        }
        let sum: u32 = shares.iter().map(|&s| u32::from(s)).sum();
        if shares.contains(&0) || sum != u32::from(BPS) {
            return Err(invalid("shares"));
        }
        if deadlines.windows(2).any(|pair| pair[0] >= pair[1]) {
            return Err(invalid("deadlines"));
        }
        self.token.set(token);
        self.asset.set(asset);
        self.treasury.set(treasury);
        self.approver.set(approver);
        self.soft_cap.set(soft_cap);
        for (share, deadline) in shares.into_iter().zip(deadlines) {
            self.shares.push(U16::from(share));
            self.deadlines.push(U64::from(deadline));
        }
        Ok(())
    }

    /// Sets the offering, the only depositor, once. Owner only.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::OfferingAlreadySet`] - Already set.
    /// * [`Error::InvalidTerms`] - `offering` is zero.
    ///
    /// # Events
    ///
    /// * [`OfferingSet`].
    pub fn set_offering(&mut self, offering: Address) -> Result<(), Error> {
        self.ownable.only_owner::<Error>()?;
        let current = self.offering.get();
        if !current.is_zero() {
            return Err(EscrowOfferingAlreadySet { offering: current }.into());
        }
        if offering.is_zero() {
            return Err(EscrowInvalidTerms {
                which: String::from("offering"),
            }
            .into());
        }
        self.offering.set(offering);
        self._emit(&[OfferingSet::SIGNATURE_HASH, address_word(offering)], &[]);
        Ok(())
    }

    // ------------------------------------------------------------------
    // The offering
    // ------------------------------------------------------------------

    /// Records that the identity `investor` paid `amount` for `tokens`: in
    /// ETH sent with the call, or in the ERC-20 transferred to the escrow
    /// just before. Offering only, while raising.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOffering`] - The caller is not the offering.
    /// * [`Error::WrongState`] - Not raising.
    /// * [`Error::WrongValue`] - The ETH sent is not `amount` (ETH
    ///   escrow) or not zero (ERC-20 escrow).
    /// * [`Error::UnfundedDeposit`] - The ERC-20 balance does not cover
    ///   the books.
    /// * [`Error::MathOverflow`] - The total deposited, or the investor's
    ///   tokens, would pass 2^128 - 1 (an offering's caps keep both below).
    ///
    /// # Events
    ///
    /// * [`Deposited`].
    #[payable]
    pub fn deposit(&mut self, investor: Address, tokens: U256, amount: U256) -> Result<(), Error> {
        self._only_offering_while_raising()?;
        let value = msg_value(self.vm());
        let asset = self.asset.get();
        let expected = if asset.is_zero() { amount } else { U256::ZERO };
        if value != expected {
            return Err(EscrowWrongValue { amount, value }.into());
        }
        // Totals are kept up to 2^128 - 1 (half a word per investor); an
        // investor's payment is at most the total.
        let deposited = self
            .deposited
            .get()
            .checked_add(amount)
            .filter(|d| *d <= HALF_MAX)
            .ok_or(EscrowMathOverflow {})?;
        let mut book = self.investors.setter(Key::from(investor));
        let (paid, bought) = halves(book.paid_and_tokens.get());
        let bought = bought
            .checked_add(tokens)
            .filter(|t| *t <= HALF_MAX)
            .ok_or(EscrowMathOverflow {})?;
        // `paid + amount <= deposited <= HALF_MAX`.
        book.paid_and_tokens.set(pack_halves(paid + amount, bought));
        if !asset.is_zero() {
            let needed = self._held_after(deposited);
            let balance = erc20::balance_of(self.vm(), asset, contract_address(self.vm()))?;
            if balance < needed {
                return Err(EscrowUnfundedDeposit { balance, needed }.into());
            }
        }
        self.deposited.set(deposited);
        self._emit(
            &[Deposited::SIGNATURE_HASH, address_word(investor)],
            &words(&[uint_word(amount), uint_word(tokens)]),
        );
        Ok(())
    }

    /// Ends the raise: succeeded if the deposits reach the soft cap,
    /// failed otherwise. Offering only, while raising.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOffering`] - The caller is not the offering.
    /// * [`Error::WrongState`] - Not raising.
    ///
    /// # Events
    ///
    /// * [`RaiseClosed`].
    pub fn close_raise(&mut self) -> Result<(), Error> {
        self._only_offering_while_raising()?;
        let deposited = self.deposited.get();
        let succeeded = deposited >= self.soft_cap.get();
        self.state
            .set(U8::from(if succeeded { SUCCEEDED } else { FAILED }));
        self._emit(
            &[RaiseClosed::SIGNATURE_HASH],
            &words(&[bool_word(succeeded), uint_word(deposited)]),
        );
        Ok(())
    }

    // ------------------------------------------------------------------
    // Milestones
    // ------------------------------------------------------------------

    /// Approves milestone `index`, the next one, before its deadline: its
    /// share of the deposits becomes the treasury's (the last milestone
    /// takes what rounding left). Approver only, after a successful raise.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedApprover`] - The caller is not the approver.
    /// * [`Error::WrongState`] - Not succeeded.
    /// * [`Error::MilestoneOutOfOrder`] - `index` is not the next one.
    /// * [`Error::MilestoneDeadlinePassed`] - Too late: report it failed.
    ///
    /// # Events
    ///
    /// * [`MilestoneReleased`].
    pub fn approve_milestone(&mut self, index: U256) -> Result<(), Error> {
        self._only_approver()?;
        let (next, deadline) = self._next_milestone(index)?;
        if self._now() > deadline {
            return Err(EscrowMilestoneDeadlinePassed { deadline }.into());
        }
        let deposited = self.deposited.get();
        let amount = if next + 1 == self.shares.len() {
            deposited - self.released.get()
        } else {
            let share = U256::from(self.shares.get(next).unwrap_or_default().to::<u16>());
            // share <= 10,000 and deposited < 2^256: through 512 bits.
            mul_div(deposited, share, U256::from(BPS)).ok_or(EscrowMathOverflow {})?
        };
        // Shares sum to 10,000: released never exceeds deposited.
        self.released.set(self.released.get() + amount);
        self.released_count
            .set(self.released_count.get() + alloy_primitives::U32::from(1));
        self._emit(
            &[MilestoneReleased::SIGNATURE_HASH, uint_word(index)],
            uint_word(amount).as_slice(),
        );
        Ok(())
    }

    /// Cancels milestone `index`, the next one: refunds open. Approver
    /// only, after a successful raise.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedApprover`] - The caller is not the approver.
    /// * [`Error::WrongState`] - Not succeeded.
    /// * [`Error::MilestoneOutOfOrder`] - `index` is not the next one.
    ///
    /// # Events
    ///
    /// * [`MilestoneCancelled`].
    pub fn cancel_milestone(&mut self, index: U256) -> Result<(), Error> {
        self._only_approver()?;
        self._next_milestone(index)?;
        self.state.set(U8::from(REFUNDING));
        self._emit(&[MilestoneCancelled::SIGNATURE_HASH, uint_word(index)], &[]);
        Ok(())
    }

    /// Reports milestone `index`, the next one, unapproved past its
    /// deadline: refunds open. Anyone may call.
    ///
    /// # Errors
    ///
    /// * [`Error::WrongState`] - Not succeeded.
    /// * [`Error::MilestoneOutOfOrder`] - `index` is not the next one.
    /// * [`Error::MilestoneNotDue`] - Its deadline has not passed.
    ///
    /// # Events
    ///
    /// * [`MilestoneFailed`].
    pub fn fail_milestone(&mut self, index: U256) -> Result<(), Error> {
        let (_, deadline) = self._next_milestone(index)?;
        if self._now() <= deadline {
            return Err(EscrowMilestoneNotDue { deadline }.into());
        }
        self.state.set(U8::from(REFUNDING));
        self._emit(&[MilestoneFailed::SIGNATURE_HASH, uint_word(index)], &[]);
        Ok(())
    }

    /// Pays the treasury what the approved milestones released and it has
    /// not withdrawn. Anyone may call; only the treasury receives.
    ///
    /// # Errors
    ///
    /// * [`Error::NothingToPay`] - Nothing is due.
    /// * [`Error::Reverted`] - The payment failed (the treasury or the
    ///   ERC-20 reverted).
    ///
    /// # Events
    ///
    /// * [`TreasuryWithdrawal`].
    pub fn withdraw(&mut self) -> Result<(), Error> {
        // withdrawn <= released, kept here.
        let amount = self.released.get() - self.withdrawn.get();
        if amount.is_zero() {
            return Err(EscrowNothingToPay {}.into());
        }
        self.withdrawn.set(self.released.get());
        let treasury = self.treasury.get();
        self._pay(treasury, amount)?;
        self._emit(
            &[TreasuryWithdrawal::SIGNATURE_HASH, address_word(treasury)],
            uint_word(amount).as_slice(),
        );
        Ok(())
    }

    // ------------------------------------------------------------------
    // Refunds
    // ------------------------------------------------------------------

    /// Returns `tokens` purchased by the caller's identity, from the
    /// caller's unfrozen balance (the escrow burns them), and pays their
    /// refund to `to`, the caller itself or another wallet verified for
    /// the same identity: the identity's payment times the unreleased share
    /// times `tokens` over its purchased tokens. Any current wallet of the
    /// identity may claim (after a recovery or a forced transfer too).
    /// Failed or refunding only.
    ///
    /// # Arguments
    ///
    /// * `tokens` - Purchased tokens to return.
    /// * `to` - Receives the refund.
    ///
    /// # Errors
    ///
    /// * [`Error::WrongState`] - Refunds are not open.
    /// * [`Error::WalletFrozen`] - The caller is frozen (an agent settles
    ///   its refund: [`Escrow::settle_refund`]).
    /// * [`Error::InsufficientFreeTokens`] - The caller holds fewer
    ///   unfrozen tokens than `tokens`.
    /// * [`Error::UnregisteredWallet`] - The caller has no identity.
    /// * [`Error::InvalidRecipient`] - `to` is neither the caller nor
    ///   verified for its identity.
    /// * [`Error::RefundExceedsPurchase`] - More than the identity's
    ///   purchased tokens not yet returned.
    /// * [`Error::NothingToPay`] - The refund rounds to zero.
    /// * [`Error::Reverted`] - The token, the registry, or the payment
    ///   (the receiver reverted) failed.
    ///
    /// # Events
    ///
    /// * [`Refunded`].
    pub fn claim_refund(&mut self, tokens: U256, to: Address) -> Result<U256, Error> {
        self._require_refunds_open()?;
        let wallet = msg_sender(self.vm());
        let token = self.token.get();
        if token::is_frozen(self.vm(), token, wallet)? {
            return Err(EscrowWalletFrozen { wallet }.into());
        }
        let free = token::free_tokens(self.vm(), token, wallet)?;
        if tokens > free {
            return Err(EscrowInsufficientFreeTokens {
                wallet,
                free,
                requested: tokens,
            }
            .into());
        }
        let investor = self._holder_paying(wallet, to, true)?;
        self._refund(investor, wallet, tokens, to)
    }

    /// Settles the refund of the identity `investor` for `tokens` burnt
    /// from `wallet`, frozen or not (the burn unfreezes what it needs),
    /// paying `to`, a wallet verified for the identity `wallet` is
    /// registered for. Agents of the token only: how a frozen investor is
    /// refunded, and an investor whose identity changed since it bought
    /// (`investor` is the identity that paid, `wallet` and `to` belong to
    /// its current one). Failed or refunding only.
    ///
    /// # Arguments
    ///
    /// * `investor` - The identity whose purchase is refunded.
    /// * `wallet` - The wallet holding the tokens.
    /// * `tokens` - Purchased tokens to return.
    /// * `to` - Receives the refund.
    ///
    /// # Errors
    ///
    /// * [`Error::WrongState`] - Refunds are not open.
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent of the
    ///   token.
    /// * [`Error::UnregisteredWallet`] - `wallet` has no identity.
    /// * [`Error::InvalidRecipient`] - `to` is not verified for `wallet`'s
    ///   identity.
    /// * [`Error::RefundExceedsPurchase`] - More than `investor`'s
    ///   purchased tokens not yet returned.
    /// * [`Error::NothingToPay`] - The refund rounds to zero.
    /// * [`Error::Reverted`] - The token (`wallet` holds fewer tokens), the
    ///   registry, or the payment failed.
    ///
    /// # Events
    ///
    /// * [`Refunded`].
    pub fn settle_refund(
        &mut self,
        investor: Address,
        wallet: Address,
        tokens: U256,
        to: Address,
    ) -> Result<U256, Error> {
        self._require_refunds_open()?;
        let account = msg_sender(self.vm());
        if !token::is_agent(self.vm(), self.token.get(), account)? {
            return Err(EscrowUnauthorizedAgent { account }.into());
        }
        self._holder_paying(wallet, to, false)?;
        self._refund(investor, wallet, tokens, to)
    }

    // ------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------

    /// Returns the state: 0 raising, 1 succeeded, 2 failed, 3 refunding.
    pub fn state(&self) -> u8 {
        self.state.get().to()
    }

    /// Returns the milestones as (share in basis points, deadline, status)
    /// triples; the status is [`PENDING`], [`RELEASED`], or [`MISSED`] for
    /// the one that failed or was cancelled. One array of triples, not
    /// three arrays: stylus-sdk 0.9 encodes a return of several dynamic
    /// values unlike the Solidity ABI.
    pub fn milestones(&self) -> Vec<(u16, u64, u8)> {
        let released = self.released_count.get().to::<u32>() as usize;
        let refunding = self.state() == REFUNDING;
        (0..self.shares.len())
            .map(|i| {
                let status = if i < released {
                    RELEASED
                } else if i == released && refunding {
                    MISSED
                } else {
                    PENDING
                };
                (
                    self.shares.get(i).unwrap_or_default().to::<u16>(),
                    self.deadlines.get(i).unwrap_or_default().to::<u64>(),
                    status,
                )
            })
            .collect()
    }

    /// Returns the totals: deposited, released, withdrawn by the treasury,
    /// refunded.
    pub fn totals(&self) -> (U256, U256, U256, U256) {
        (
            self.deposited.get(),
            self.released.get(),
            self.withdrawn.get(),
            self.refunded.get(),
        )
    }

    /// Returns what the identity `investor` paid, the tokens it bought,
    /// and those it returned.
    pub fn deposits(&self, investor: Address) -> (U256, U256, U256) {
        let book = self.investors.getter(Key::from(investor));
        let (paid, tokens) = halves(book.paid_and_tokens.get());
        (paid, tokens, book.returned.get())
    }

    /// Returns what the identity `investor` would receive for returning
    /// all its purchased tokens not yet returned (zero unless refunds are
    /// open).
    ///
    /// # Errors
    ///
    /// * [`Error::MathOverflow`] - Never for amounts the escrow accepted.
    pub fn refundable(&self, investor: Address) -> Result<U256, Error> {
        if !self._refunds_open() {
            return Ok(U256::ZERO);
        }
        let (paid, bought, returned) = self.deposits(investor);
        Ok(self._entitled(paid, bought, bought)? - self._entitled(paid, bought, returned)?)
    }

    /// Returns the escrow's terms: token, payment asset, treasury,
    /// approver, offering, soft cap.
    pub fn terms(&self) -> (Address, Address, Address, Address, Address, U256) {
        (
            self.token.get(),
            self.asset.get(),
            self.treasury.get(),
            self.approver.get(),
            self.offering.get(),
            self.soft_cap.get(),
        )
    }
}

impl Escrow {
    /// The current block's timestamp.
    fn _now(&self) -> u64 {
        block_timestamp(self.vm())
    }

    /// Emits a log through the shared raw-log path.
    fn _emit(&self, topics: &[B256], data: &[u8]) {
        emit(self.vm(), topics, data);
    }

    /// Refuses unless the state is `expected`.
    fn _require_state(&self, expected: u8) -> Result<(), Error> {
        let state = self.state();
        if state != expected {
            return Err(EscrowWrongState { state }.into());
        }
        Ok(())
    }

    /// Refuses callers other than the offering, and any state but raising.
    fn _only_offering_while_raising(&self) -> Result<(), Error> {
        let account = msg_sender(self.vm());
        if account != self.offering.get() || account.is_zero() {
            return Err(EscrowUnauthorizedOffering { account }.into());
        }
        self._require_state(RAISING)
    }

    /// Whether refunds are open: the raise failed or a milestone did.
    fn _refunds_open(&self) -> bool {
        let state = self.state();
        state == FAILED || state == REFUNDING
    }

    /// Refuses unless refunds are open.
    fn _require_refunds_open(&self) -> Result<(), Error> {
        if !self._refunds_open() {
            return Err(EscrowWrongState {
                state: self.state(),
            }
            .into());
        }
        Ok(())
    }

    /// The identity `wallet` is registered for, once `to` is found fit to
    /// receive its refund: verified for that identity, or `wallet` itself
    /// when `to_wallet` allows it.
    fn _holder_paying(
        &self,
        wallet: Address,
        to: Address,
        to_wallet: bool,
    ) -> Result<Address, Error> {
        let registry = token::identity_registry(self.vm(), self.token.get())?;
        let holder = identity_registry::identity(self.vm(), registry, wallet)?;
        if holder.is_zero() {
            return Err(EscrowUnregisteredWallet { wallet }.into());
        }
        let payee = (to_wallet && to == wallet)
            || (identity_registry::identity(self.vm(), registry, to)? == holder
                && identity_registry::is_verified(self.vm(), registry, to)?);
        if !payee {
            return Err(EscrowInvalidRecipient { to }.into());
        }
        Ok(holder)
    }

    /// Refunds `investor`'s purchase of `tokens`, burnt from `wallet`, to
    /// `to`: records the return, burns, pays, emits [`Refunded`].
    fn _refund(
        &mut self,
        investor: Address,
        wallet: Address,
        tokens: U256,
        to: Address,
    ) -> Result<U256, Error> {
        let (paid, bought, returned) = self.deposits(investor);
        // The escrow never records more returned than bought.
        let available = bought - returned;
        if tokens > available || tokens.is_zero() {
            return Err(EscrowRefundExceedsPurchase {
                available,
                requested: tokens,
            }
            .into());
        }
        // `tokens <= bought - returned`, just checked.
        let now_returned = returned + tokens;
        let amount =
            self._entitled(paid, bought, now_returned)? - self._entitled(paid, bought, returned)?;
        if amount.is_zero() {
            return Err(EscrowNothingToPay {}.into());
        }
        // Effects before the burn and the payment. Refunds never exceed
        // what was deposited.
        self.investors
            .setter(Key::from(investor))
            .returned
            .set(now_returned);
        self.refunded.set(self.refunded.get() + amount);
        token::burn(self.vm(), self.token.get(), wallet, tokens)?;
        self._pay(to, amount)?;
        self._emit(
            &[
                Refunded::SIGNATURE_HASH,
                address_word(investor),
                address_word(wallet),
            ],
            &words(&[address_word(to), uint_word(tokens), uint_word(amount)]),
        );
        Ok(amount)
    }

    /// Refuses callers other than the approver.
    fn _only_approver(&self) -> Result<(), Error> {
        let account = msg_sender(self.vm());
        if account != self.approver.get() {
            return Err(EscrowUnauthorizedApprover { account }.into());
        }
        Ok(())
    }

    /// Refuses unless succeeded and `index` is the next milestone; returns
    /// it and its deadline.
    fn _next_milestone(&self, index: U256) -> Result<(usize, u64), Error> {
        self._require_state(SUCCEEDED)?;
        let next = self.released_count.get().to::<u32>() as usize;
        let deadline = self.deadlines.get(next);
        match deadline {
            Some(deadline) if index == U256::from(next) => Ok((next, deadline.to())),
            _ => Err(EscrowMilestoneOutOfOrder {
                expected: U256::from(next),
                given: index,
            }
            .into()),
        }
    }

    /// What the escrow must hold once the deposits reach `deposited`:
    /// everything deposited, less what the treasury and the investors
    /// took (zero while raising).
    fn _held_after(&self, deposited: U256) -> U256 {
        deposited
            .saturating_sub(self.withdrawn.get())
            .saturating_sub(self.refunded.get())
    }

    /// The refund an investor that paid `paid` for `bought` tokens is owed
    /// once it returned `returned` of them: `paid * unreleased / deposited
    /// * returned / bought`, each step rounded down.
    fn _entitled(&self, paid: U256, bought: U256, returned: U256) -> Result<U256, Error> {
        if bought.is_zero() {
            // Nothing bought, nothing owed. Otherwise its deposit made
            // `deposited` positive: no division by zero below.
            return Ok(U256::ZERO);
        }
        let deposited = self.deposited.get();
        let unreleased = deposited - self.released.get();
        let refundable = mul_div(paid, unreleased, deposited).ok_or(EscrowMathOverflow {})?;
        mul_div(refundable, returned, bought).ok_or(EscrowMathOverflow {}.into())
    }

    /// Pays `amount` of the payment asset to `to`.
    fn _pay(&mut self, to: Address, amount: U256) -> Result<(), Error> {
        pay(self.vm(), self.asset.get(), to, amount)?;
        Ok(())
    }
}
