//! Events and errors of the distribution contract.
use common::roles::{OwnableInvalidOwner, OwnableUnauthorizedAccount};

pub use sol::*;

#[allow(missing_docs)]
mod sol {
    use alloy_sol_types::sol;

    sol! {
        /// Unclaimed and unspent funds now go to `treasury`.
        #[derive(Debug, PartialEq)]
        event TreasurySet(address indexed treasury);
        /// Distribution `id` of `total` in `asset` (zero: ETH) was funded:
        /// identities claim what the Merkle tree `merkleRoot` of entitlements
        /// (balances at block `recordBlock`) gives them, until `deadline`;
        /// `uri` describes it.
        #[derive(Debug, PartialEq)]
        event DistributionCreated(uint256 indexed id, address indexed asset, uint256 total, bytes32 merkleRoot, uint64 recordBlock, uint64 deadline, string uri);
        /// The identity `identity` claimed `amount` of distribution `id`
        /// (leaf `index`), paid to its wallet `wallet`.
        #[derive(Debug, PartialEq)]
        event Claimed(uint256 indexed id, address indexed identity, address indexed wallet, uint256 index, uint256 amount);
        /// What distribution `id` left unclaimed, `amount`, went to
        /// `treasury`.
        #[derive(Debug, PartialEq)]
        event DistributionSwept(uint256 indexed id, address indexed treasury, uint256 amount);
        /// Redemption `id` pays `price` of `asset` (zero: ETH) per whole token
        /// from a pool of `pool`; holders tender from `start` to `end`.
        #[derive(Debug, PartialEq)]
        event RedemptionCreated(uint256 indexed id, address indexed asset, uint256 price, uint256 pool, uint64 start, uint64 end);
        /// `tokens` of the identity `identity` were burnt from `wallet` for
        /// `amount` of redemption `id`: paid to the wallet when it tendered
        /// them (`paid`), credited to the identity when an agent redeemed
        /// them.
        #[derive(Debug, PartialEq)]
        event Redeemed(uint256 indexed id, address indexed identity, address indexed wallet, uint256 tokens, uint256 amount, bool paid);
        /// The identity `identity` withdrew its credited `amount` of
        /// redemption `id` to its wallet `wallet`.
        #[derive(Debug, PartialEq)]
        event Withdrawn(uint256 indexed id, address indexed identity, address indexed wallet, uint256 amount);
        /// What redemption `id` left unspent, `amount`, went to `treasury`.
        #[derive(Debug, PartialEq)]
        event RedemptionSwept(uint256 indexed id, address indexed treasury, uint256 amount);

        /// A constructor or creation argument is out of range (`which`
        /// names it).
        #[derive(Debug, PartialEq)]
        error DistributionInvalidTerms(string which);
        /// `account` is not an agent of the token.
        #[derive(Debug, PartialEq)]
        error DistributionUnauthorizedAgent(address account);
        /// There is no distribution or redemption `id`.
        #[derive(Debug, PartialEq)]
        error DistributionUnknown(uint256 id);
        /// A payment of `amount` in ETH came with `value` wei (or ETH came
        /// with an ERC-20 payment).
        #[derive(Debug, PartialEq)]
        error DistributionWrongValue(uint256 amount, uint256 value);
        /// The contract received `received` of the ERC-20, not the `amount`
        /// it was to be funded with.
        #[derive(Debug, PartialEq)]
        error DistributionUnfunded(uint256 received, uint256 amount);
        /// `wallet` is not a verified investor's.
        #[derive(Debug, PartialEq)]
        error DistributionUnverifiedWallet(address wallet);
        /// `wallet` is registered for no identity.
        #[derive(Debug, PartialEq)]
        error DistributionUnregisteredWallet(address wallet);
        /// `wallet` is frozen.
        #[derive(Debug, PartialEq)]
        error DistributionWalletFrozen(address wallet);
        /// The claim window closed at `deadline`, or the distribution was
        /// swept.
        #[derive(Debug, PartialEq)]
        error DistributionClaimsClosed(uint64 deadline);
        /// Claims are open until `deadline`: nothing can be swept yet.
        #[derive(Debug, PartialEq)]
        error DistributionClaimsOpen(uint64 deadline);
        /// The proof does not lead from the caller's entitlement to the
        /// distribution's root.
        #[derive(Debug, PartialEq)]
        error DistributionInvalidProof();
        /// The entitlement at leaf `index` was already claimed.
        #[derive(Debug, PartialEq)]
        error DistributionAlreadyClaimed(uint256 index);
        /// Paying `amount` would pay out more than the `remaining` funds.
        #[derive(Debug, PartialEq)]
        error DistributionInsufficientFunds(uint256 remaining, uint256 amount);
        /// The redemption takes tenders from `start` to `end` only, or was
        /// swept.
        #[derive(Debug, PartialEq)]
        error DistributionRedemptionClosed(uint64 start, uint64 end);
        /// The redemption's window ends at `end`: nothing can be swept yet.
        #[derive(Debug, PartialEq)]
        error DistributionRedemptionOpen(uint64 end);
        /// `wallet` holds `free` unfrozen tokens, fewer than `requested`.
        #[derive(Debug, PartialEq)]
        error DistributionInsufficientFreeTokens(address wallet, uint256 free, uint256 requested);
        /// There is nothing to pay.
        #[derive(Debug, PartialEq)]
        error DistributionNothingToPay();
        /// The amounts overflow.
        #[derive(Debug, PartialEq)]
        error DistributionMathOverflow();
    }
}

common::contract_error! {
    /// A rejection by the distribution contract. Nothing changes when a call
    /// is rejected.
    pub enum Error {
        /// The caller is not the owner.
        UnauthorizedOwner(OwnableUnauthorizedAccount),
        /// The admin given to the constructor is the zero address.
        InvalidOwner(OwnableInvalidOwner),
        /// An argument is out of range.
        InvalidTerms(DistributionInvalidTerms),
        /// The caller is not an agent of the token.
        UnauthorizedAgent(DistributionUnauthorizedAgent),
        /// No such distribution or redemption.
        Unknown(DistributionUnknown),
        /// Wrong ETH value.
        WrongValue(DistributionWrongValue),
        /// The ERC-20 funding did not arrive in full.
        Unfunded(DistributionUnfunded),
        /// The wallet is not verified.
        UnverifiedWallet(DistributionUnverifiedWallet),
        /// The wallet has no identity.
        UnregisteredWallet(DistributionUnregisteredWallet),
        /// The wallet is frozen.
        WalletFrozen(DistributionWalletFrozen),
        /// Claims are closed.
        ClaimsClosed(DistributionClaimsClosed),
        /// Claims are still open.
        ClaimsOpen(DistributionClaimsOpen),
        /// The proof is wrong.
        InvalidProof(DistributionInvalidProof),
        /// Already claimed.
        AlreadyClaimed(DistributionAlreadyClaimed),
        /// Not enough funds left.
        InsufficientFunds(DistributionInsufficientFunds),
        /// The redemption is closed.
        RedemptionClosed(DistributionRedemptionClosed),
        /// The redemption is still open.
        RedemptionOpen(DistributionRedemptionOpen),
        /// Too few unfrozen tokens.
        InsufficientFreeTokens(DistributionInsufficientFreeTokens),
        /// Nothing to pay.
        NothingToPay(DistributionNothingToPay),
        /// The amounts overflow.
        MathOverflow(DistributionMathOverflow),
    }
}
