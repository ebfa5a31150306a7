//! Corporate actions paid to the holders of a security token: pro-rata
//! distributions (dividends, coupons) and redemptions.
//!
//! Rights belong to investor identities, as the identity registry names
//! them, not to wallets: any current verified wallet of an identity
//! exercises them (a recovered or second wallet included), and a frozen
//! wallet cannot.
//!
//! - **Distributions.** An agent of the token creates one funded up front
//!   (ETH, or an ERC-20 such as a stablecoin, pulled from the agent): the
//!   total, the root of a Merkle tree of entitlements per identity
//!   (computed off chain from balances at a record block; OpenZeppelin's
//!   `StandardMerkleTree` of `(uint256 index, address identity, uint256
//!   amount)`, see `common::merkle`), a claim deadline and a URI. A verified,
//!   unfrozen wallet claims its identity's entitlement with its proof until
//!   the deadline, once per leaf (a bitmap), paid to itself. After the
//!   deadline an agent sweeps what is left to the treasury.
//! - **Redemptions.** An agent funds a pool paying a fixed price per whole
//!   token in a window. A holder tenders tokens: the contract burns them (it
//!   is an agent of the token; the compliance's books follow the burn) and
//!   pays price x tokens / 10^decimals, rounded down, while the pool lasts.
//!   At maturity or on a call, an agent redeems given holders' unfrozen
//!   tokens, crediting each identity (pull payment: any verified wallet of
//!   the identity withdraws). After the window an agent sweeps what the
//!   pool did not spend to the treasury.
//!
//! Invariants (tested as properties): a distribution never pays more than
//! it was funded with, a redemption never spends more than its pool, and
//! the contract holds, per asset, everything still claimable, credited or
//! unspent. Effects come before every call out; a receiver that reverts
//! only reverts its own claim or withdrawal.
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

use alloy_primitives::{Address, B256, U128, U256, U64, U8};
use alloy_sol_types::SolEvent;
use common::{
    bindings::{erc20, identity_registry, pay, token},
    host::{block_timestamp, contract_address, has_code, keccak, msg_sender, msg_value},
    log::{address_word, bool_word, emit, uint_word, words},
    math::div_small,
    merkle,
    roles::Ownable,
    storage::{halves, pack_halves, Key, HALF_MAX},
};
use stylus_sdk::{
    prelude::*,
    storage::{
        StorageAddress, StorageB256, StorageBool, StorageMap, StorageU128, StorageU256, StorageU64,
        StorageU8,
    },
};

pub use errors::*;

/// A distribution.
#[storage]
pub struct Payout {
    /// The asset paid: zero for ETH, otherwise an ERC-20. Shares a slot
    /// with `deadline` and `swept`: a claim reads all three.
    asset: StorageAddress,
    /// The last second claims are taken (Unix seconds).
    deadline: StorageU64,
    /// Whether what was left went to the treasury.
    swept: StorageBool,
    /// The root of the entitlements tree: never zero for a distribution
    /// that exists (creation refuses it).
    root: StorageB256,
    /// What has been claimed (low half) and what it was funded with (high
    /// half), each at most 2^128 - 1 ([`pack_halves`]): a claim reads and
    /// writes both.
    funds: StorageU256,
    /// Claimed leaves, 256 a word: bit `index % 256` of word `index / 256`.
    claimed_bits: StorageMap<Key, StorageU256>,
}

/// A redemption.
#[storage]
pub struct Redemption {
    /// The asset paid: zero for ETH, otherwise an ERC-20. Shares a slot
    /// with `start` and `swept`.
    asset: StorageAddress,
    /// The first second tenders are taken (Unix seconds).
    start: StorageU64,
    /// Whether what was left went to the treasury.
    swept: StorageBool,
    /// The last second tenders are taken (Unix seconds): never zero for a
    /// redemption that exists (creation refuses a past end). Shares a slot
    /// with `decimals` and `price`: a tender reads all three.
    end: StorageU64,
    /// The token's decimals: the price is per 10^decimals of its units.
    decimals: StorageU8,
    /// Paid per whole token, at most 2^128 - 1.
    price: StorageU128,
    /// What was spent, paid to tendering wallets plus credited to
    /// identities (low half), and what it was funded with, the pool (high
    /// half), each at most 2^128 - 1 ([`pack_halves`]).
    funds: StorageU256,
    /// Identity -> credited and not yet withdrawn.
    credited: StorageMap<Key, StorageU256>,
}

/// The distribution contract.
#[cfg_attr(not(feature = "hot"), entrypoint)]
#[storage]
pub struct Distribution {
    /// Owner: sets the treasury.
    #[borrow]
    pub ownable: Ownable,
    /// The token whose holders are paid; its agents run the corporate
    /// actions, and this contract must be one of them (it burns redeemed
    /// tokens).
    token: StorageAddress,
    /// How many distributions were created: the next one's id. Shares the
    /// token's slot.
    payout_count: StorageU64,
    /// Receives what distributions leave unclaimed and redemptions unspent.
    treasury: StorageAddress,
    /// How many redemptions were created: the next one's id. Shares the
    /// treasury's slot.
    redemption_count: StorageU64,
    /// The distributions by id (a map, not a list: a claim then reads no
    /// length; an unknown id reads a zero root).
    payouts: StorageMap<Key, Payout>,
    /// The redemptions by id (as `payouts`; an unknown id reads a zero
    /// end).
    redemptions: StorageMap<Key, Redemption>,
}

// SAFETY: the distribution is its programs' top-level storage (slot 0);
// in the full program `#[entrypoint]` says so.
#[cfg(feature = "hot")]
unsafe impl stylus_sdk::stylus_core::storage::TopLevelStorage for Distribution {}

#[public]
#[inherit(Ownable)]
impl Distribution {
    /// Sets the owner, the token and the treasury.
    ///
    /// # Arguments
    ///
    /// * `admin` - The owner (the deployer factory is the caller here).
    /// * `token` - The token whose holders are paid.
    /// * `treasury` - Receives what is left after each action.
    ///
    /// # Errors
    ///
    /// * [`Error::InvalidOwner`] - `admin` is the zero address.
    /// * [`Error::InvalidTerms`] - `token` or `treasury` is zero.
    ///
    /// # Events
    ///
    /// * `OwnershipTransferred`, [`TreasurySet`].
    #[constructor]
    pub fn constructor(
        &mut self,
        admin: Address,
        token: Address,
        treasury: Address,
    ) -> Result<(), Error> {
        self.ownable.init::<Error>(admin)?;
        if token.is_zero() {
            return Err(invalid("token"));
        }
        self.token.set(token);
        self._set_treasury(treasury)
    }

    /// Sends what later actions leave to `treasury`. Owner only.
    ///
    /// # Arguments
    ///
    /// * `treasury` - The new treasury.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::InvalidTerms`] - `treasury` is zero.
    ///
    /// # Events
    ///
    /// * [`TreasurySet`].
    pub fn set_treasury(&mut self, treasury: Address) -> Result<(), Error> {
        self.ownable.only_owner::<Error>()?;
        self._set_treasury(treasury)
    }

    // ------------------------------------------------------------------
    // Distributions
    // ------------------------------------------------------------------

    /// Creates a distribution funded with `total` of `asset`: ETH sent with
    /// the call, or an ERC-20 pulled from the caller (approve it first).
    /// Agents of the token only.
    ///
    /// # Arguments
    ///
    /// * `asset` - Zero for ETH, otherwise the ERC-20 paid.
    /// * `total` - The sum of the entitlements.
    /// * `merkle_root` - Root of the `StandardMerkleTree` of `(uint256
    ///   index, address identity, uint256 amount)`.
    /// * `record_block` - The block whose balances the entitlements follow
    ///   (recorded in the event).
    /// * `deadline` - The last second claims are taken, in the future.
    /// * `uri` - Where the distribution's notice is published.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::InvalidTerms`] - `total` is zero or above 2^128 - 1,
    ///   the root is zero, the deadline has passed, or the ERC-20 has no
    ///   code.
    /// * [`Error::WrongValue`] - ETH other than `total` (or with an ERC-20).
    /// * [`Error::Unfunded`] - The ERC-20 delivered less than `total`.
    /// * [`Error::Reverted`] - The token or the ERC-20 refused.
    ///
    /// # Events
    ///
    /// * [`DistributionCreated`].
    #[payable]
    pub fn create_distribution(
        &mut self,
        asset: Address,
        total: U256,
        merkle_root: B256,
        record_block: u64,
        deadline: u64,
        uri: String,
    ) -> Result<U256, Error> {
        self._only_agent()?;
        if total.is_zero() || total > HALF_MAX {
            return Err(invalid("total"));
        }
        if merkle_root.is_zero() {
            return Err(invalid("merkleRoot"));
        }
        if deadline <= block_timestamp(self.vm()) {
            return Err(invalid("deadline"));
        }
        let count = self.payout_count.get();
        let id = U256::from(count);
        // One creation a call: never 2^64 of them.
        self.payout_count.set(count + U64::from(1));
        let mut payout = self.payouts.setter(Key::from(id));
        payout.asset.set(asset);
        payout.deadline.set(U64::from(deadline));
        payout.root.set(merkle_root);
        payout.funds.set(pack_halves(U256::ZERO, total));
        self._fund(asset, total)?;
        // total, merkleRoot, recordBlock, deadline, then the URI's offset
        // (five head words), length and bytes.
        let mut data = words(&[
            uint_word(total),
            merkle_root,
            uint_word(U256::from(record_block)),
            uint_word(U256::from(deadline)),
            uint_word(U256::from(5 * 32)),
            uint_word(U256::from(uri.len())),
        ]);
        data.extend_from_slice(uri.as_bytes());
        // Zeros up to a whole word.
        data.resize(data.len().div_ceil(32) * 32, 0);
        emit(
            self.vm(),
            &[
                DistributionCreated::SIGNATURE_HASH,
                uint_word(id),
                address_word(asset),
            ],
            &data,
        );
        Ok(id)
    }

    /// Claims the caller's identity's entitlement in distribution `id`,
    /// paid to the caller: a verified wallet, not frozen in the token.
    ///
    /// # Arguments
    ///
    /// * `id` - The distribution.
    /// * `index` - The entitlement's leaf index.
    /// * `amount` - The entitlement.
    /// * `proof` - The leaf's Merkle proof.
    ///
    /// # Errors
    ///
    /// * [`Error::Unknown`] - No distribution `id`.
    /// * [`Error::ClaimsClosed`] - The deadline passed or it was swept.
    /// * [`Error::UnverifiedWallet`] - The caller is not verified.
    /// * [`Error::WalletFrozen`] - The caller is frozen.
    /// * [`Error::InvalidProof`] - The proof does not lead from `(index,
    ///   identity, amount)` to the root.
    /// * [`Error::AlreadyClaimed`] - Leaf `index` was claimed.
    /// * [`Error::InsufficientFunds`] - More than what is left (a tree
    ///   summing above its funding).
    /// * [`Error::Reverted`] - The registry, the token or the payment
    ///   failed.
    ///
    /// # Events
    ///
    /// * [`Claimed`].
    pub fn claim(
        &mut self,
        id: U256,
        index: U256,
        amount: U256,
        proof: Vec<B256>,
    ) -> Result<(), Error> {
        let wallet = msg_sender(self.vm());
        let now = block_timestamp(self.vm());
        let (root, asset, deadline, swept) = {
            let payout = self.payouts.getter(Key::from(id));
            (
                payout.root.get(),
                payout.asset.get(),
                payout.deadline.get().to::<u64>(),
                payout.swept.get(),
            )
        };
        if root.is_zero() {
            return Err(DistributionUnknown { id }.into());
        }
        if now > deadline || swept {
            return Err(DistributionClaimsClosed { deadline }.into());
        }
        let identity = self._verified_holder(wallet)?;
        let leaf = merkle::leaf(
            &|data: &[u8]| keccak(self.vm(), data),
            &[index.into(), address_word(identity), amount.into()],
        );
        if !merkle::verify(&|data: &[u8]| keccak(self.vm(), data), &proof, root, leaf) {
            return Err(DistributionInvalidProof {}.into());
        }
        let (word_key, bit) = claim_bit(index);
        let bit = U256::from(1) << bit;
        let mut payout = self.payouts.setter(Key::from(id));
        let word = payout.claimed_bits.get(word_key);
        if !(word & bit).is_zero() {
            return Err(DistributionAlreadyClaimed { index }.into());
        }
        let (claimed, total) = halves(payout.funds.get());
        // claimed <= total always: every claim checks it below.
        let remaining = total - claimed;
        if amount > remaining {
            return Err(DistributionInsufficientFunds { remaining, amount }.into());
        }
        // Effects before the payment; claimed + amount <= total < 2^128.
        payout.claimed_bits.insert(word_key, word | bit);
        payout.funds.set(pack_halves(claimed + amount, total));
        self._pay(asset, wallet, amount)?;
        emit(
            self.vm(),
            &[
                Claimed::SIGNATURE_HASH,
                uint_word(id),
                address_word(identity),
                address_word(wallet),
            ],
            &words(&[uint_word(index), uint_word(amount)]),
        );
        Ok(())
    }

    /// Sends what distribution `id` left unclaimed to the treasury, once
    /// its deadline passed. Agents of the token only.
    ///
    /// # Arguments
    ///
    /// * `id` - The distribution.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::Unknown`] - No distribution `id`.
    /// * [`Error::ClaimsOpen`] - Its deadline has not passed.
    /// * [`Error::ClaimsClosed`] - It was swept already.
    /// * [`Error::Reverted`] - The token or the payment failed.
    ///
    /// # Events
    ///
    /// * [`DistributionSwept`].
    pub fn sweep_distribution(&mut self, id: U256) -> Result<U256, Error> {
        self._only_agent()?;
        self._root(id)?;
        let now = block_timestamp(self.vm());
        let mut payout = self.payouts.setter(Key::from(id));
        let deadline = payout.deadline.get().to::<u64>();
        if now <= deadline {
            return Err(DistributionClaimsOpen { deadline }.into());
        }
        if payout.swept.get() {
            return Err(DistributionClaimsClosed { deadline }.into());
        }
        let (claimed, total) = halves(payout.funds.get());
        // claimed <= total: every claim checks it.
        let left = total - claimed;
        let asset = payout.asset.get();
        payout.swept.set(true);
        let treasury = self.treasury.get();
        self._pay(asset, treasury, left)?;
        self._emit_swept(DistributionSwept::SIGNATURE_HASH, id, treasury, left);
        Ok(left)
    }

    /// Returns distribution `id`: asset, total, claimed, root, deadline and
    /// whether it was swept.
    ///
    /// # Errors
    ///
    /// * [`Error::Unknown`] - No distribution `id`.
    pub fn get_distribution(
        &self,
        id: U256,
    ) -> Result<(Address, U256, U256, B256, u64, bool), Error> {
        let root = self._root(id)?;
        let payout = self.payouts.getter(Key::from(id));
        let (claimed, total) = halves(payout.funds.get());
        Ok((
            payout.asset.get(),
            total,
            claimed,
            root,
            payout.deadline.get().to(),
            payout.swept.get(),
        ))
    }

    /// Returns how many distributions were created (the next id).
    pub fn distribution_count(&self) -> U256 {
        U256::from(self.payout_count.get())
    }

    /// Returns whether leaf `index` of distribution `id` was claimed (false
    /// for an unknown distribution).
    pub fn is_claimed(&self, id: U256, index: U256) -> bool {
        let (word_key, bit) = claim_bit(index);
        self.payouts
            .getter(Key::from(id))
            .claimed_bits
            .get(word_key)
            .bit(bit)
    }

    // ------------------------------------------------------------------
    // Redemptions
    // ------------------------------------------------------------------

    /// Creates a redemption paying `price` of `asset` per whole token from
    /// a pool of `pool`, ETH sent with the call or an ERC-20 pulled from the
    /// caller; holders tender from `start` to `end`. Agents of the token
    /// only.
    ///
    /// # Arguments
    ///
    /// * `asset` - Zero for ETH, otherwise the ERC-20 paid.
    /// * `price` - Paid per whole token (10^decimals of its units).
    /// * `pool` - The most the redemption pays.
    /// * `start`, `end` - The tender window (Unix seconds), `end` in the
    ///   future.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::InvalidTerms`] - `price` or `pool` is zero or above
    ///   2^128 - 1, the window is empty or over, or the ERC-20 has no code.
    /// * [`Error::WrongValue`] - ETH other than `pool` (or with an ERC-20).
    /// * [`Error::Unfunded`] - The ERC-20 delivered less than `pool`.
    /// * [`Error::Reverted`] - The token or the ERC-20 refused.
    ///
    /// # Events
    ///
    /// * [`RedemptionCreated`].
    #[payable]
    pub fn create_redemption(
        &mut self,
        asset: Address,
        price: U256,
        pool: U256,
        start: u64,
        end: u64,
    ) -> Result<U256, Error> {
        self._only_agent()?;
        if price.is_zero() || price > HALF_MAX {
            return Err(invalid("price"));
        }
        if pool.is_zero() || pool > HALF_MAX {
            return Err(invalid("pool"));
        }
        if start > end || end <= block_timestamp(self.vm()) {
            return Err(invalid("window"));
        }
        let decimals = token::decimals(self.vm(), self.token.get())?;
        if decimals > 18 {
            return Err(invalid("decimals"));
        }
        let count = self.redemption_count.get();
        let id = U256::from(count);
        // One creation a call: never 2^64 of them.
        self.redemption_count.set(count + U64::from(1));
        let mut redemption = self.redemptions.setter(Key::from(id));
        redemption.asset.set(asset);
        redemption.start.set(U64::from(start));
        redemption.end.set(U64::from(end));
        redemption.decimals.set(U8::from(decimals));
        redemption.price.set(U128::from(price));
        redemption.funds.set(pack_halves(U256::ZERO, pool));
        self._fund(asset, pool)?;
        emit(
            self.vm(),
            &[
                RedemptionCreated::SIGNATURE_HASH,
                uint_word(id),
                address_word(asset),
            ],
            &words(&[
                uint_word(price),
                uint_word(pool),
                uint_word(U256::from(start)),
                uint_word(U256::from(end)),
            ]),
        );
        Ok(id)
    }

    /// Tenders `tokens` of the caller's unfrozen tokens to redemption `id`:
    /// burns them and pays the caller, a verified wallet, price x tokens /
    /// 10^decimals rounded down.
    ///
    /// # Arguments
    ///
    /// * `id` - The redemption.
    /// * `tokens` - Token units to redeem.
    ///
    /// # Errors
    ///
    /// * [`Error::Unknown`] - No redemption `id`.
    /// * [`Error::RedemptionClosed`] - Outside the window, or swept.
    /// * [`Error::UnverifiedWallet`] - The caller is not verified.
    /// * [`Error::WalletFrozen`] - The caller is frozen.
    /// * [`Error::InsufficientFreeTokens`] - Fewer unfrozen tokens.
    /// * [`Error::NothingToPay`] - The payment rounds to zero.
    /// * [`Error::InsufficientFunds`] - More than the pool has left.
    /// * [`Error::Reverted`] - The registry, the token or the payment
    ///   failed.
    ///
    /// # Events
    ///
    /// * [`Redeemed`] (paid).
    pub fn tender(&mut self, id: U256, tokens: U256) -> Result<U256, Error> {
        let now = block_timestamp(self.vm());
        let wallet = msg_sender(self.vm());
        let (start, end, swept) = self._window(id)?;
        if now < start || now > end || swept {
            return Err(DistributionRedemptionClosed { start, end }.into());
        }
        let identity = self._verified_holder(wallet)?;
        let free = token::free_tokens(self.vm(), self.token.get(), wallet)?;
        if tokens > free || tokens.is_zero() {
            return Err(DistributionInsufficientFreeTokens {
                wallet,
                free,
                requested: tokens,
            }
            .into());
        }
        let (asset, amount) = self._spend(id, tokens)?;
        if amount.is_zero() {
            return Err(DistributionNothingToPay {}.into());
        }
        token::burn(self.vm(), self.token.get(), wallet, tokens)?;
        self._pay(asset, wallet, amount)?;
        self._emit_redeemed(id, identity, wallet, tokens, amount, true);
        Ok(amount)
    }

    /// Redeems every unfrozen token of each of `holders` for redemption
    /// `id`, at maturity or on a call: burns them and credits each holder's
    /// identity, which withdraws with [`Self::withdraw`]. A holder whose
    /// tokens would pay nothing keeps them. From the window's start until
    /// the redemption is swept; agents of the token only.
    ///
    /// # Arguments
    ///
    /// * `id` - The redemption.
    /// * `holders` - The wallets redeemed.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::Unknown`] - No redemption `id`.
    /// * [`Error::RedemptionClosed`] - Before the window, or swept.
    /// * [`Error::UnregisteredWallet`] - A holder has no identity.
    /// * [`Error::WalletFrozen`] - A holder is frozen (an agent unfreezes it
    ///   first, or leaves it out).
    /// * [`Error::InsufficientFunds`] - The pool cannot pay them all.
    /// * [`Error::Reverted`] - The registry or the token failed.
    ///
    /// # Events
    ///
    /// * [`Redeemed`] (credited), one per holder redeemed.
    pub fn redeem(&mut self, id: U256, holders: Vec<Address>) -> Result<U256, Error> {
        self._only_agent()?;
        let now = block_timestamp(self.vm());
        let (start, end, swept) = self._window(id)?;
        if now < start || swept {
            return Err(DistributionRedemptionClosed { start, end }.into());
        }
        let token = self.token.get();
        let registry = token::identity_registry(self.vm(), token)?;
        let mut total = U256::ZERO;
        for wallet in holders {
            let identity = identity_registry::identity(self.vm(), registry, wallet)?;
            if identity.is_zero() {
                return Err(DistributionUnregisteredWallet { wallet }.into());
            }
            if token::is_frozen(self.vm(), token, wallet)? {
                return Err(DistributionWalletFrozen { wallet }.into());
            }
            let tokens = token::free_tokens(self.vm(), token, wallet)?;
            let (_, amount) = self._spend(id, tokens)?;
            if amount.is_zero() {
                continue;
            }
            let mut redemption = self.redemptions.setter(Key::from(id));
            let credited = redemption.credited.get(Key::from(identity));
            // credited <= spent <= pool: no overflow.
            redemption
                .credited
                .insert(Key::from(identity), credited + amount);
            token::burn(self.vm(), token, wallet, tokens)?;
            self._emit_redeemed(id, identity, wallet, tokens, amount, false);
            // Each amount is within the pool, their sum too.
            total += amount;
        }
        Ok(total)
    }

    /// Pays the caller, a verified and unfrozen wallet, what its identity
    /// was credited by redemption `id`.
    ///
    /// # Arguments
    ///
    /// * `id` - The redemption.
    ///
    /// # Errors
    ///
    /// * [`Error::Unknown`] - No redemption `id`.
    /// * [`Error::UnverifiedWallet`] - The caller is not verified.
    /// * [`Error::WalletFrozen`] - The caller is frozen.
    /// * [`Error::NothingToPay`] - Nothing credited (to this identity, in
    ///   a redemption that exists).
    /// * [`Error::Reverted`] - The registry, the token or the payment
    ///   failed.
    ///
    /// # Events
    ///
    /// * [`Withdrawn`].
    pub fn withdraw(&mut self, id: U256) -> Result<U256, Error> {
        let wallet = msg_sender(self.vm());
        let identity = self._verified_holder(wallet)?;
        let mut redemption = self.redemptions.setter(Key::from(id));
        let asset = redemption.asset.get();
        let mut credit = redemption.credited.setter(Key::from(identity));
        let amount = credit.get();
        if amount.is_zero() {
            // Only a redemption that exists credits: which error, then.
            self._window(id)?;
            return Err(DistributionNothingToPay {}.into());
        }
        credit.set(U256::ZERO);
        self._pay(asset, wallet, amount)?;
        emit(
            self.vm(),
            &[
                Withdrawn::SIGNATURE_HASH,
                uint_word(id),
                address_word(identity),
                address_word(wallet),
            ],
            uint_word(amount).as_slice(),
        );
        Ok(amount)
    }

    /// Sends what redemption `id` did not spend to the treasury, once its
    /// window closed; credited amounts stay for their identities. Agents of
    /// the token only.
    ///
    /// # Arguments
    ///
    /// * `id` - The redemption.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAgent`] - The caller is not an agent.
    /// * [`Error::Unknown`] - No redemption `id`.
    /// * [`Error::RedemptionOpen`] - Its window has not closed.
    /// * [`Error::RedemptionClosed`] - It was swept already.
    /// * [`Error::Reverted`] - The token or the payment failed.
    ///
    /// # Events
    ///
    /// * [`RedemptionSwept`].
    pub fn sweep_redemption(&mut self, id: U256) -> Result<U256, Error> {
        self._only_agent()?;
        let now = block_timestamp(self.vm());
        let (start, end, swept) = self._window(id)?;
        if now <= end {
            return Err(DistributionRedemptionOpen { end }.into());
        }
        if swept {
            return Err(DistributionRedemptionClosed { start, end }.into());
        }
        let mut redemption = self.redemptions.setter(Key::from(id));
        let (spent, pool) = halves(redemption.funds.get());
        // spent <= pool: every spending checks it.
        let left = pool - spent;
        let asset = redemption.asset.get();
        redemption.swept.set(true);
        let treasury = self.treasury.get();
        self._pay(asset, treasury, left)?;
        self._emit_swept(RedemptionSwept::SIGNATURE_HASH, id, treasury, left);
        Ok(left)
    }

    /// Returns redemption `id`: asset, price per whole token, the token's
    /// decimals, pool, spent, window and whether it was swept.
    ///
    /// # Errors
    ///
    /// * [`Error::Unknown`] - No redemption `id`.
    #[allow(clippy::type_complexity)] // One field per term, as the ABI lists them.
    pub fn get_redemption(
        &self,
        id: U256,
    ) -> Result<(Address, U256, u8, U256, U256, u64, u64, bool), Error> {
        let (start, end, swept) = self._window(id)?;
        let redemption = self.redemptions.getter(Key::from(id));
        let (spent, pool) = halves(redemption.funds.get());
        Ok((
            redemption.asset.get(),
            U256::from(redemption.price.get()),
            redemption.decimals.get().to(),
            pool,
            spent,
            start,
            end,
            swept,
        ))
    }

    /// Returns how many redemptions were created (the next id).
    pub fn redemption_count(&self) -> U256 {
        U256::from(self.redemption_count.get())
    }

    /// Returns what `identity` was credited by redemption `id` and has not
    /// withdrawn (zero for an unknown redemption).
    pub fn credited(&self, id: U256, identity: Address) -> U256 {
        self.redemptions
            .getter(Key::from(id))
            .credited
            .get(Key::from(identity))
    }

    /// Returns what tendering `tokens` to redemption `id` pays: price x
    /// tokens / 10^decimals, rounded down.
    ///
    /// # Errors
    ///
    /// * [`Error::Unknown`] - No redemption `id`.
    /// * [`Error::MathOverflow`] - The payment exceeds 2^256 - 1.
    pub fn quote_redemption(&self, id: U256, tokens: U256) -> Result<U256, Error> {
        self._window(id)?;
        self._quote(id, tokens)
    }

    /// Returns the token whose holders are paid.
    pub fn token(&self) -> Address {
        self.token.get()
    }

    /// Returns the treasury.
    pub fn treasury(&self) -> Address {
        self.treasury.get()
    }
}

/// Where leaf `index`'s claim is recorded: bit `index % 256` (below 256,
/// so a shift stays within the word) of word `index / 256`.
fn claim_bit(index: U256) -> (Key, usize) {
    (Key::from(index >> 8), (index.as_limbs()[0] & 0xff) as usize)
}

/// What `tokens` pay in `redemption`: price x tokens / 10^decimals,
/// rounded down.
fn quote(redemption: &Redemption, tokens: U256) -> Result<U256, Error> {
    // At most 18 decimals (checked at creation): 10^18 < 2^64.
    let unit = 10u64.pow(u32::from(redemption.decimals.get().to::<u8>()));
    tokens
        .checked_mul(U256::from(redemption.price.get()))
        .and_then(|paid| div_small(paid, unit))
        .ok_or(DistributionMathOverflow {}.into())
}

/// [`DistributionInvalidTerms`] naming `which`.
fn invalid(which: &str) -> Error {
    DistributionInvalidTerms {
        which: String::from(which),
    }
    .into()
}

impl Distribution {
    /// Refuses callers that are not agents of the token.
    fn _only_agent(&self) -> Result<(), Error> {
        let account = msg_sender(self.vm());
        if !token::is_agent(self.vm(), self.token.get(), account)? {
            return Err(DistributionUnauthorizedAgent { account }.into());
        }
        Ok(())
    }

    /// Records and announces the treasury.
    fn _set_treasury(&mut self, treasury: Address) -> Result<(), Error> {
        if treasury.is_zero() {
            return Err(invalid("treasury"));
        }
        self.treasury.set(treasury);
        emit(
            self.vm(),
            &[TreasurySet::SIGNATURE_HASH, address_word(treasury)],
            &[],
        );
        Ok(())
    }

    /// Distribution `id`'s root, which only an unknown one has zero.
    fn _root(&self, id: U256) -> Result<B256, Error> {
        let root = self.payouts.getter(Key::from(id)).root.get();
        if root.is_zero() {
            return Err(DistributionUnknown { id }.into());
        }
        Ok(root)
    }

    /// Redemption `id`'s window and whether it was swept; an unknown one
    /// (its end zero) is refused.
    fn _window(&self, id: U256) -> Result<(u64, u64, bool), Error> {
        let redemption = self.redemptions.getter(Key::from(id));
        let end = redemption.end.get().to::<u64>();
        if end == 0 {
            return Err(DistributionUnknown { id }.into());
        }
        Ok((redemption.start.get().to(), end, redemption.swept.get()))
    }

    /// What `tokens` pay in redemption `id` (one that exists), rounded
    /// down.
    fn _quote(&self, id: U256, tokens: U256) -> Result<U256, Error> {
        quote(&self.redemptions.getter(Key::from(id)), tokens)
    }

    /// Spends what `tokens` pay from redemption `id`'s pool (one that
    /// exists); returns its asset and the amount.
    fn _spend(&mut self, id: U256, tokens: U256) -> Result<(Address, U256), Error> {
        let mut redemption = self.redemptions.setter(Key::from(id));
        let amount = quote(&redemption, tokens)?;
        let (spent, pool) = halves(redemption.funds.get());
        // spent <= pool: checked on every spending, here.
        let remaining = pool - spent;
        if amount > remaining {
            return Err(DistributionInsufficientFunds { remaining, amount }.into());
        }
        // spent + amount <= pool < 2^128.
        redemption.funds.set(pack_halves(spent + amount, pool));
        Ok((redemption.asset.get(), amount))
    }

    /// The identity of `wallet`, once it is found verified and not frozen.
    fn _verified_holder(&self, wallet: Address) -> Result<Address, Error> {
        let token = self.token.get();
        let registry = token::identity_registry(self.vm(), token)?;
        let (identity, _) = identity_registry::verified_identity(self.vm(), registry, wallet)?;
        if identity.is_zero() {
            return Err(DistributionUnverifiedWallet { wallet }.into());
        }
        if token::is_frozen(self.vm(), token, wallet)? {
            return Err(DistributionWalletFrozen { wallet }.into());
        }
        Ok(identity)
    }

    /// Takes `amount` of `asset` from the caller: the call's ETH, or an
    /// ERC-20 pulled on its allowance, whose arrival in full is checked.
    fn _fund(&mut self, asset: Address, amount: U256) -> Result<(), Error> {
        let value = msg_value(self.vm());
        if asset.is_zero() {
            if value != amount {
                return Err(DistributionWrongValue { amount, value }.into());
            }
            return Ok(());
        }
        if !value.is_zero() {
            return Err(DistributionWrongValue { amount, value }.into());
        }
        // An account without code would answer every call with nothing.
        if !has_code(self.vm(), asset) {
            return Err(invalid("asset"));
        }
        let this = contract_address(self.vm());
        let from = msg_sender(self.vm());
        let before = erc20::balance_of(self.vm(), asset, this)?;
        erc20::transfer_from(self.vm(), asset, from, this, amount)?;
        let received = erc20::balance_of(self.vm(), asset, this)?.saturating_sub(before);
        if received != amount {
            return Err(DistributionUnfunded { received, amount }.into());
        }
        Ok(())
    }

    /// Pays `amount` of `asset` (zero: ETH) to `to`; nothing when zero.
    fn _pay(&mut self, asset: Address, to: Address, amount: U256) -> Result<(), Error> {
        if !amount.is_zero() {
            pay(self.vm(), asset, to, amount)?;
        }
        Ok(())
    }

    /// Emits [`Redeemed`].
    fn _emit_redeemed(
        &self,
        id: U256,
        identity: Address,
        wallet: Address,
        tokens: U256,
        amount: U256,
        paid: bool,
    ) {
        emit(
            self.vm(),
            &[
                Redeemed::SIGNATURE_HASH,
                uint_word(id),
                address_word(identity),
                address_word(wallet),
            ],
            &words(&[uint_word(tokens), uint_word(amount), bool_word(paid)]),
        );
    }

    /// Emits [`DistributionSwept`] or [`RedemptionSwept`] (`topic0`).
    fn _emit_swept(&self, topic0: B256, id: U256, treasury: Address, amount: U256) {
        emit(
            self.vm(),
            &[topic0, uint_word(id), address_word(treasury)],
            uint_word(amount).as_slice(),
        );
    }
}
