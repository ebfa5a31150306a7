//! Events and errors of the token.
//!
//! Events are T-REX v4.1.6's (`IToken`), with their exact signatures and
//! indexed fields. Errors are ERC-6093's for the ERC-20 part and this
//! suite's own, prefixed `Token`, for the rest.
use common::roles::{
    AgentRoleUnauthorizedAccount, OwnableInvalidOwner, OwnableUnauthorizedAccount,
};

pub use sol::*;

#[allow(missing_docs)]
mod sol {
    use alloy_sol_types::sol;

    sol! {
        // ---- IERC20 ----
        /// `value` tokens moved from `from` (zero for a mint) to `to` (zero
        /// for a burn).
        #[derive(Debug, PartialEq)]
        event Transfer(address indexed from, address indexed to, uint256 value);
        /// `owner` allowed `spender` to move `value` of its tokens.
        #[derive(Debug, PartialEq)]
        event Approval(address indexed owner, address indexed spender, uint256 value);

        // ---- IToken (T-REX) ----
        /// Name, symbol, decimals, version or onchain id changed; the
        /// indexed strings are topics `keccak256(string)`.
        #[derive(Debug, PartialEq)]
        event UpdatedTokenInformation(
            string indexed _newName,
            string indexed _newSymbol,
            uint8 _newDecimals,
            string _newVersion,
            address indexed _newOnchainID
        );
        /// The token checks investors in `_identityRegistry`.
        #[derive(Debug, PartialEq)]
        event IdentityRegistryAdded(address indexed _identityRegistry);
        /// The token's transfers are checked by `_compliance`.
        #[derive(Debug, PartialEq)]
        event ComplianceAdded(address indexed _compliance);
        /// The tokens of `_lostWallet` moved to `_newWallet`, both of
        /// `_investorOnchainID`.
        #[derive(Debug, PartialEq)]
        event RecoverySuccess(
            address indexed _lostWallet,
            address indexed _newWallet,
            address indexed _investorOnchainID
        );
        /// Agent `_owner` froze (`_isFrozen`) or unfroze `_userAddress`.
        #[derive(Debug, PartialEq)]
        event AddressFrozen(address indexed _userAddress, bool indexed _isFrozen, address indexed _owner);
        /// `_amount` more of `_userAddress`'s tokens are frozen.
        #[derive(Debug, PartialEq)]
        event TokensFrozen(address indexed _userAddress, uint256 _amount);
        /// `_amount` of `_userAddress`'s frozen tokens are free again.
        #[derive(Debug, PartialEq)]
        event TokensUnfrozen(address indexed _userAddress, uint256 _amount);
        /// `_userAddress` paused transfers.
        #[derive(Debug, PartialEq)]
        event Paused(address _userAddress);
        /// `_userAddress` unpaused transfers.
        #[derive(Debug, PartialEq)]
        event Unpaused(address _userAddress);

        // ---- This suite ----
        /// The compliance said whether holder transfers need it
        /// (`checkAndRecord`): when `needed` is false they skip it.
        #[derive(Debug, PartialEq)]
        event TransferChecksSet(bool needed);

        // ---- ERC-6093 ----
        /// `sender` holds `balance`, less than the `needed` amount.
        #[derive(Debug, PartialEq)]
        error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed);
        /// Tokens cannot be sent to `receiver` (the zero address).
        #[derive(Debug, PartialEq)]
        error ERC20InvalidReceiver(address receiver);
        /// `spender` may move `allowance`, less than the `needed` amount.
        #[derive(Debug, PartialEq)]
        error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
        /// `spender` cannot be approved (the zero address).
        #[derive(Debug, PartialEq)]
        error ERC20InvalidSpender(address spender);
        /// The allowance of `spender`, `currentAllowance`, is below the
        /// `requestedDecrease`.
        #[derive(Debug, PartialEq)]
        error ERC20FailedDecreaseAllowance(address spender, uint256 currentAllowance, uint256 requestedDecrease);

        // ---- Token ----
        /// Transfers are paused.
        #[derive(Debug, PartialEq)]
        error TokenEnforcedPause();
        /// Transfers are not paused.
        #[derive(Debug, PartialEq)]
        error TokenExpectedPause();
        /// `wallet` is frozen.
        #[derive(Debug, PartialEq)]
        error TokenWalletFrozen(address wallet);
        /// `wallet` has `free` unfrozen tokens, less than the `needed`
        /// amount.
        #[derive(Debug, PartialEq)]
        error TokenInsufficientFreeBalance(address wallet, uint256 free, uint256 needed);
        /// `wallet` is not a verified investor's in the identity registry.
        #[derive(Debug, PartialEq)]
        error TokenUnverifiedRecipient(address wallet);
        /// The compliance refuses moving `amount` from `from` (zero for a
        /// mint) to `to`.
        #[derive(Debug, PartialEq)]
        error TokenComplianceRefused(address from, address to, uint256 amount);
        /// Minting `amount` would take the total supply past 2^120 - 1 (a
        /// wallet's balance, frozen tokens and flag share one storage word).
        #[derive(Debug, PartialEq)]
        error TokenSupplyOverflow(uint256 amount);
        /// Raising `spender`'s allowance by `added` would overflow.
        #[derive(Debug, PartialEq)]
        error TokenAllowanceOverflow(address spender, uint256 added);
        /// Unfreezing `amount` of `wallet`'s tokens, more than its `frozen`
        /// tokens.
        #[derive(Debug, PartialEq)]
        error TokenInsufficientFrozenTokens(address wallet, uint256 frozen, uint256 amount);
        /// The arrays of a batch call have different lengths.
        #[derive(Debug, PartialEq)]
        error TokenArrayLengthMismatch();
        /// `decimals` is above 18.
        #[derive(Debug, PartialEq)]
        error TokenInvalidDecimals(uint8 decimals);
        /// A name or symbol of `length` bytes: it must have 1 to 64 bytes.
        #[derive(Debug, PartialEq)]
        error TokenInvalidText(uint256 length);
        /// The identity registry or the compliance cannot be `account` (the
        /// zero address).
        #[derive(Debug, PartialEq)]
        error TokenInvalidContract(address account);
        /// `lostWallet` holds no tokens to recover.
        #[derive(Debug, PartialEq)]
        error TokenNothingToRecover(address lostWallet);
        /// `wallet` is not registered for `investorOnchainID` in the
        /// identity registry.
        #[derive(Debug, PartialEq)]
        error TokenRecoveryIdentityMismatch(address wallet, address investorOnchainID);
        /// The compliance cannot change while `supply` tokens exist: a new
        /// compliance's books start empty, so every later transfer, burn
        /// and refund would fail.
        #[derive(Debug, PartialEq)]
        error TokenSupplyNotZero(uint256 supply);
    }
}

common::contract_error! {
    /// A rejection by the token. Nothing changes when a call is rejected.
    pub enum Error {
        /// The caller is not the owner.
        UnauthorizedOwner(OwnableUnauthorizedAccount),
        /// The admin given to the constructor is the zero address.
        InvalidOwner(OwnableInvalidOwner),
        /// The caller is not an agent.
        UnauthorizedAgent(AgentRoleUnauthorizedAccount),
        /// The balance is too low.
        InsufficientBalance(ERC20InsufficientBalance),
        /// The receiver is the zero address.
        InvalidReceiver(ERC20InvalidReceiver),
        /// The allowance is too low.
        InsufficientAllowance(ERC20InsufficientAllowance),
        /// The spender is the zero address.
        InvalidSpender(ERC20InvalidSpender),
        /// The allowance is below the requested decrease.
        FailedDecreaseAllowance(ERC20FailedDecreaseAllowance),
        /// Transfers are paused.
        EnforcedPause(TokenEnforcedPause),
        /// Transfers are not paused.
        ExpectedPause(TokenExpectedPause),
        /// A party is frozen.
        WalletFrozen(TokenWalletFrozen),
        /// The unfrozen balance is too low.
        InsufficientFreeBalance(TokenInsufficientFreeBalance),
        /// The recipient is not verified.
        UnverifiedRecipient(TokenUnverifiedRecipient),
        /// The compliance refuses the transfer.
        ComplianceRefused(TokenComplianceRefused),
        /// The total supply would pass 2^120 - 1.
        SupplyOverflow(TokenSupplyOverflow),
        /// The allowance would overflow.
        AllowanceOverflow(TokenAllowanceOverflow),
        /// Fewer tokens are frozen than asked to unfreeze.
        InsufficientFrozenTokens(TokenInsufficientFrozenTokens),
        /// Batch arrays differ in length.
        ArrayLengthMismatch(TokenArrayLengthMismatch),
        /// The decimals are above 18.
        InvalidDecimals(TokenInvalidDecimals),
        /// A name or symbol is empty or too long.
        InvalidText(TokenInvalidText),
        /// The identity registry or compliance is the zero address.
        InvalidContract(TokenInvalidContract),
        /// The lost wallet holds nothing.
        NothingToRecover(TokenNothingToRecover),
        /// A wallet of the recovery is not the investor's.
        RecoveryIdentityMismatch(TokenRecoveryIdentityMismatch),
        /// The compliance cannot change while tokens exist.
        SupplyNotZero(TokenSupplyNotZero),
    }
}
