//! Events and errors of the offering.
use common::roles::{
    AgentRoleUnauthorizedAccount, OwnableInvalidOwner, OwnableUnauthorizedAccount,
};

pub use sol::*;

#[allow(missing_docs)]
mod sol {
    use alloy_sol_types::sol;

    sol! {
        /// `buyer` paid `paid` (payment units) for `tokens`; the price of
        /// the next whole token is now `newPrice`.
        #[derive(Debug, PartialEq)]
        event Purchase(address indexed buyer, uint256 paid, uint256 tokens, uint256 newPrice);
        /// `account` paused purchases.
        #[derive(Debug, PartialEq)]
        event Paused(address account);
        /// `account` resumed purchases.
        #[derive(Debug, PartialEq)]
        event Unpaused(address account);
        /// The offering closed having sold `sold` tokens for `raised`.
        #[derive(Debug, PartialEq)]
        event OfferingClosed(uint256 sold, uint256 raised);

        /// A constructor argument is out of range (`which` names it).
        #[derive(Debug, PartialEq)]
        error OfferingInvalidTerms(string which);
        /// The curve's cost of the whole hard cap does not fit in 256 bits.
        #[derive(Debug, PartialEq)]
        error OfferingCurveOverflow();
        /// The amounts overflow the curve's arithmetic.
        #[derive(Debug, PartialEq)]
        error OfferingMathOverflow();
        /// The offering opens at `start`.
        #[derive(Debug, PartialEq)]
        error OfferingNotStarted(uint64 start);
        /// The offering ended at `end`.
        #[derive(Debug, PartialEq)]
        error OfferingEnded(uint64 end);
        /// Purchases are paused.
        #[derive(Debug, PartialEq)]
        error OfferingEnforcedPause();
        /// Purchases are not paused.
        #[derive(Debug, PartialEq)]
        error OfferingExpectedPause();
        /// The offering is closed.
        #[derive(Debug, PartialEq)]
        error OfferingIsClosed();
        /// The offering may only be closed by an agent before it ends.
        #[derive(Debug, PartialEq)]
        error OfferingCloseUnauthorized(address account);
        /// The purchase's deadline `deadline` has passed.
        #[derive(Debug, PartialEq)]
        error OfferingDeadlineExpired(uint64 deadline);
        /// `buyer` is not a verified investor.
        #[derive(Debug, PartialEq)]
        error OfferingUnverifiedBuyer(address buyer);
        /// The purchase pays in the wrong asset (ETH for an ERC-20 offering
        /// or the reverse).
        #[derive(Debug, PartialEq)]
        error OfferingWrongAsset();
        /// The purchase buys no token.
        #[derive(Debug, PartialEq)]
        error OfferingZeroPurchase();
        /// `cost` is below the minimum investment `minimum`.
        #[derive(Debug, PartialEq)]
        error OfferingBelowMinimum(uint256 minimum, uint256 cost);
        /// The investor would have invested `total`, above its `cap`.
        #[derive(Debug, PartialEq)]
        error OfferingInvestorCapExceeded(uint256 cap, uint256 total);
        /// Only `available` payment units remain under the raise cap.
        #[derive(Debug, PartialEq)]
        error OfferingRaiseCapExceeded(uint256 available);
        /// Only `available` tokens remain under the hard cap.
        #[derive(Debug, PartialEq)]
        error OfferingHardCapExceeded(uint256 available);
        /// The purchase would give `tokens`, fewer than `minTokensOut`.
        #[derive(Debug, PartialEq)]
        error OfferingInsufficientOutput(uint256 tokens, uint256 minTokensOut);
        /// The purchase would cost `cost`, more than `maxCost` (or than the
        /// ETH sent).
        #[derive(Debug, PartialEq)]
        error OfferingExcessiveCost(uint256 cost, uint256 maxCost);
    }
}

common::contract_error! {
    /// A rejection by the offering. Nothing changes when a call is
    /// rejected.
    pub enum Error {
        /// The caller is not the owner.
        UnauthorizedOwner(OwnableUnauthorizedAccount),
        /// The admin given to the constructor is the zero address.
        InvalidOwner(OwnableInvalidOwner),
        /// The caller is not an agent.
        UnauthorizedAgent(AgentRoleUnauthorizedAccount),
        /// A constructor argument is out of range.
        InvalidTerms(OfferingInvalidTerms),
        /// The curve cannot price the hard cap.
        CurveOverflow(OfferingCurveOverflow),
        /// The amounts overflow.
        MathOverflow(OfferingMathOverflow),
        /// Not started.
        NotStarted(OfferingNotStarted),
        /// Ended.
        Ended(OfferingEnded),
        /// Paused.
        EnforcedPause(OfferingEnforcedPause),
        /// Not paused.
        ExpectedPause(OfferingExpectedPause),
        /// Closed.
        Closed(OfferingIsClosed),
        /// Closing refused.
        CloseUnauthorized(OfferingCloseUnauthorized),
        /// The deadline passed.
        DeadlineExpired(OfferingDeadlineExpired),
        /// The buyer is not verified.
        UnverifiedBuyer(OfferingUnverifiedBuyer),
        /// Wrong payment asset.
        WrongAsset(OfferingWrongAsset),
        /// Nothing bought.
        ZeroPurchase(OfferingZeroPurchase),
        /// Below the minimum investment.
        BelowMinimum(OfferingBelowMinimum),
        /// Above the investor's cap.
        InvestorCapExceeded(OfferingInvestorCapExceeded),
        /// Above the raise cap.
        RaiseCapExceeded(OfferingRaiseCapExceeded),
        /// Above the hard cap.
        HardCapExceeded(OfferingHardCapExceeded),
        /// Slippage: too few tokens.
        InsufficientOutput(OfferingInsufficientOutput),
        /// Slippage: too expensive.
        ExcessiveCost(OfferingExcessiveCost),
    }
}
