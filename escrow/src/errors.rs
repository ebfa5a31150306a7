//! Events and errors of the escrow.
use common::roles::{OwnableInvalidOwner, OwnableUnauthorizedAccount};

pub use sol::*;

#[allow(missing_docs)]
mod sol {
    use alloy_sol_types::sol;

    sol! {
        /// The offering, the only depositor, is `offering`.
        #[derive(Debug, PartialEq)]
        event OfferingSet(address indexed offering);
        /// The identity `investor` paid `amount` for `tokens`.
        #[derive(Debug, PartialEq)]
        event Deposited(address indexed investor, uint256 amount, uint256 tokens);
        /// The raise closed with `deposited`; it `succeeded` (reached the
        /// soft cap) or failed (refunds open).
        #[derive(Debug, PartialEq)]
        event RaiseClosed(bool succeeded, uint256 deposited);
        /// Milestone `index` was approved: `amount` is the treasury's.
        #[derive(Debug, PartialEq)]
        event MilestoneReleased(uint256 indexed index, uint256 amount);
        /// Milestone `index` passed its deadline unapproved: refunds open.
        #[derive(Debug, PartialEq)]
        event MilestoneFailed(uint256 indexed index);
        /// The approver cancelled milestone `index`: refunds open.
        #[derive(Debug, PartialEq)]
        event MilestoneCancelled(uint256 indexed index);
        /// `amount` released went to `treasury`.
        #[derive(Debug, PartialEq)]
        event TreasuryWithdrawal(address indexed treasury, uint256 amount);
        /// The identity `investor` returned `tokens` (burnt from its
        /// `wallet`) and `to` received `amount`.
        #[derive(Debug, PartialEq)]
        event Refunded(address indexed investor, address indexed wallet, address to, uint256 tokens, uint256 amount);

        /// A constructor argument is out of range (`which` names it).
        #[derive(Debug, PartialEq)]
        error EscrowInvalidTerms(string which);
        /// The offering is already set.
        #[derive(Debug, PartialEq)]
        error EscrowOfferingAlreadySet(address offering);
        /// `account` is not the offering.
        #[derive(Debug, PartialEq)]
        error EscrowUnauthorizedOffering(address account);
        /// `account` is not the approver.
        #[derive(Debug, PartialEq)]
        error EscrowUnauthorizedApprover(address account);
        /// The call needs another state than `state` (0 raising, 1
        /// succeeded, 2 failed, 3 refunding).
        #[derive(Debug, PartialEq)]
        error EscrowWrongState(uint8 state);
        /// An ETH deposit of `amount` came with `value` wei (or ETH came with
        /// an ERC-20 deposit).
        #[derive(Debug, PartialEq)]
        error EscrowWrongValue(uint256 amount, uint256 value);
        /// The escrow holds `balance` of the ERC-20, less than the `needed`
        /// amount its books say it should after the deposit.
        #[derive(Debug, PartialEq)]
        error EscrowUnfundedDeposit(uint256 balance, uint256 needed);
        /// The next milestone is `expected`, not `given`.
        #[derive(Debug, PartialEq)]
        error EscrowMilestoneOutOfOrder(uint256 expected, uint256 given);
        /// The milestone's deadline `deadline` has passed.
        #[derive(Debug, PartialEq)]
        error EscrowMilestoneDeadlinePassed(uint64 deadline);
        /// The milestone's deadline `deadline` has not passed.
        #[derive(Debug, PartialEq)]
        error EscrowMilestoneNotDue(uint64 deadline);
        /// There is nothing to pay.
        #[derive(Debug, PartialEq)]
        error EscrowNothingToPay();
        /// The investor can return `available` more purchased tokens, not
        /// `requested`.
        #[derive(Debug, PartialEq)]
        error EscrowRefundExceedsPurchase(uint256 available, uint256 requested);
        /// Refunds cannot go to `to`: it is neither the claiming wallet
        /// nor a wallet verified for the same identity.
        #[derive(Debug, PartialEq)]
        error EscrowInvalidRecipient(address to);
        /// `wallet` is registered for no identity.
        #[derive(Debug, PartialEq)]
        error EscrowUnregisteredWallet(address wallet);
        /// `wallet` is frozen: an agent settles its refund.
        #[derive(Debug, PartialEq)]
        error EscrowWalletFrozen(address wallet);
        /// `wallet` holds `free` unfrozen tokens, fewer than `requested`.
        #[derive(Debug, PartialEq)]
        error EscrowInsufficientFreeTokens(address wallet, uint256 free, uint256 requested);
        /// `account` is not an agent of the token.
        #[derive(Debug, PartialEq)]
        error EscrowUnauthorizedAgent(address account);
        /// The amounts overflow.
        #[derive(Debug, PartialEq)]
        error EscrowMathOverflow();
    }
}

common::contract_error! {
    /// A rejection by the escrow. Nothing changes when a call is rejected.
    pub enum Error {
        /// The caller is not the owner.
        UnauthorizedOwner(OwnableUnauthorizedAccount),
        /// The admin given to the constructor is the zero address.
        InvalidOwner(OwnableInvalidOwner),
        /// A constructor argument is out of range.
        InvalidTerms(EscrowInvalidTerms),
        /// The offering is already set.
        OfferingAlreadySet(EscrowOfferingAlreadySet),
        /// The caller is not the offering.
        UnauthorizedOffering(EscrowUnauthorizedOffering),
        /// The caller is not the approver.
        UnauthorizedApprover(EscrowUnauthorizedApprover),
        /// Wrong state.
        WrongState(EscrowWrongState),
        /// Wrong ETH value.
        WrongValue(EscrowWrongValue),
        /// The ERC-20 did not arrive.
        UnfundedDeposit(EscrowUnfundedDeposit),
        /// Not the next milestone.
        MilestoneOutOfOrder(EscrowMilestoneOutOfOrder),
        /// The milestone's deadline passed.
        MilestoneDeadlinePassed(EscrowMilestoneDeadlinePassed),
        /// The milestone is not due.
        MilestoneNotDue(EscrowMilestoneNotDue),
        /// Nothing to pay.
        NothingToPay(EscrowNothingToPay),
        /// More tokens than purchased.
        RefundExceedsPurchase(EscrowRefundExceedsPurchase),
        /// The refund recipient is not the investor's.
        InvalidRecipient(EscrowInvalidRecipient),
        /// The wallet is registered for no identity.
        UnregisteredWallet(EscrowUnregisteredWallet),
        /// The wallet is frozen.
        WalletFrozen(EscrowWalletFrozen),
        /// Too few unfrozen tokens.
        InsufficientFreeTokens(EscrowInsufficientFreeTokens),
        /// The caller is not an agent of the token.
        UnauthorizedAgent(EscrowUnauthorizedAgent),
        /// The amounts overflow.
        MathOverflow(EscrowMathOverflow),
    }
}
