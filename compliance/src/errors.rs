//! Events and errors of the compliance.
//!
//! `IModularCompliance` events keep T-REX v4.1.6's exact signatures; the
//! rule events and every error are this suite's own.
use common::roles::{OwnableInvalidOwner, OwnableUnauthorizedAccount};

pub use sol::*;

#[allow(missing_docs)]
mod sol {
    use alloy_sol_types::sol;

    sol! {
        // ---- IModularCompliance (T-REX) ----
        /// The compliance now serves `_token`.
        #[derive(Debug, PartialEq)]
        event TokenBound(address _token);
        /// The compliance no longer serves `_token`.
        #[derive(Debug, PartialEq)]
        event TokenUnbound(address _token);
        /// `_module` is now consulted on every transfer.
        #[derive(Debug, PartialEq)]
        event ModuleAdded(address indexed _module);
        /// `_module` is no longer consulted.
        #[derive(Debug, PartialEq)]
        event ModuleRemoved(address indexed _module);
        /// The owner called `selector` on module `target`.
        #[derive(Debug, PartialEq)]
        event ModuleInteraction(address indexed target, bytes4 selector);

        // ---- Built-in rules (this suite) ----
        /// The identity registry read for identities and countries.
        #[derive(Debug, PartialEq)]
        event IdentityRegistrySet(address indexed identityRegistry);
        /// The country allow-list and block-list are switched on or off.
        #[derive(Debug, PartialEq)]
        event CountryListsEnabled(bool allowList, bool blockList);
        /// `country` is (or not) allow-listed and block-listed, and its
        /// holder cap is on (at `cap`) or off.
        #[derive(Debug, PartialEq)]
        event CountrySet(uint16 indexed country, bool allowed, bool blocked, bool capEnabled, uint32 cap);
        /// The maximum balance per identity is switched on (at `max`) or
        /// off.
        #[derive(Debug, PartialEq)]
        event MaxBalanceSet(bool enabled, uint256 max);
        /// The maximum number of holding identities is switched on (at
        /// `max`) or off.
        #[derive(Debug, PartialEq)]
        event MaxHoldersSet(bool enabled, uint32 max);
        /// The supply cap is switched on (at `cap`) or off.
        #[derive(Debug, PartialEq)]
        event SupplyCapSet(bool enabled, uint256 cap);
        /// Minted tokens are locked for `period` seconds (zero: off).
        #[derive(Debug, PartialEq)]
        event LockUpPeriodSet(uint64 period);
        /// An identity may send at most `limits[i]` within each window of
        /// `windows[i]` seconds (empty: off).
        #[derive(Debug, PartialEq)]
        event TransferLimitsSet(uint64[] windows, uint256[] limits);
        /// The identity registry changed `wallet`: its tokens now count for
        /// `identity` (the wallet itself when unregistered), which counts
        /// as a holder in `country`.
        #[derive(Debug, PartialEq)]
        event WalletSynced(address indexed wallet, address indexed identity, uint16 country);

        /// `account` is not the bound token.
        #[derive(Debug, PartialEq)]
        error ComplianceUnauthorizedToken(address account);
        /// `account` may not bind or unbind tokens.
        #[derive(Debug, PartialEq)]
        error ComplianceUnauthorizedBinding(address account);
        /// `token` cannot be bound (the zero address).
        #[derive(Debug, PartialEq)]
        error ComplianceInvalidToken(address token);
        /// `token` is not the bound token.
        #[derive(Debug, PartialEq)]
        error ComplianceTokenNotBound(address token);
        /// `module` cannot be added (the zero address).
        #[derive(Debug, PartialEq)]
        error ComplianceInvalidModule(address module);
        /// `module` is already bound.
        #[derive(Debug, PartialEq)]
        error ComplianceModuleAlreadyBound(address module);
        /// `module` is not bound.
        #[derive(Debug, PartialEq)]
        error ComplianceModuleNotBound(address module);
        /// `module` is neither plug-and-play nor accepting this compliance.
        #[derive(Debug, PartialEq)]
        error ComplianceModuleCannotBind(address module);
        /// At most `max` modules can be bound.
        #[derive(Debug, PartialEq)]
        error ComplianceTooManyModules(uint256 max);
        /// The identity registry cannot be `registry` (the zero address).
        #[derive(Debug, PartialEq)]
        error ComplianceInvalidIdentityRegistry(address registry);
        /// Transfer limits: at most `max` windows, one limit per window,
        /// windows non-zero and distinct.
        #[derive(Debug, PartialEq)]
        error ComplianceInvalidTransferLimits(uint256 max);
        /// The hook reports `amount` leaving `wallet`, which the compliance
        /// knows to hold only `balance` (it was bound to a token that
        /// already had holders).
        #[derive(Debug, PartialEq)]
        error ComplianceUnknownBalance(address wallet, uint256 balance, uint256 amount);
        /// The hook would take a counter past 2^256 - 1.
        #[derive(Debug, PartialEq)]
        error ComplianceOverflow();
        /// `account` is not the identity registry.
        #[derive(Debug, PartialEq)]
        error ComplianceUnauthorizedRegistry(address account);
        /// Booking `wallet`'s tokens for `identity` in `country` would
        /// take a holder cap or the maximum balance beyond its limit.
        #[derive(Debug, PartialEq)]
        error ComplianceSyncBreachesRule(address wallet, address identity, uint16 country);
        /// The rule needs the books of balances and holders, which are
        /// not kept, and tokens exist (`supply`): such a rule can be
        /// switched on only before the first mint, or once books are kept.
        #[derive(Debug, PartialEq)]
        error ComplianceBooksNotKept(uint256 supply);
    }
}

common::contract_error! {
    /// A rejection by the compliance. Nothing changes when a call is
    /// rejected.
    pub enum Error {
        /// The caller is not the owner.
        UnauthorizedOwner(OwnableUnauthorizedAccount),
        /// The admin given to the constructor is the zero address.
        InvalidOwner(OwnableInvalidOwner),
        /// A hook's caller is not the bound token.
        UnauthorizedToken(ComplianceUnauthorizedToken),
        /// The caller may not bind or unbind.
        UnauthorizedBinding(ComplianceUnauthorizedBinding),
        /// The token is the zero address.
        InvalidToken(ComplianceInvalidToken),
        /// The token is not the bound one.
        TokenNotBound(ComplianceTokenNotBound),
        /// The module is the zero address.
        InvalidModule(ComplianceInvalidModule),
        /// The module is already bound.
        ModuleAlreadyBound(ComplianceModuleAlreadyBound),
        /// The module is not bound.
        ModuleNotBound(ComplianceModuleNotBound),
        /// The module refuses this compliance.
        ModuleCannotBind(ComplianceModuleCannotBind),
        /// The modules are full.
        TooManyModules(ComplianceTooManyModules),
        /// The identity registry is the zero address.
        InvalidIdentityRegistry(ComplianceInvalidIdentityRegistry),
        /// The transfer limits are malformed.
        InvalidTransferLimits(ComplianceInvalidTransferLimits),
        /// A hook reports more leaving a wallet than it holds.
        UnknownBalance(ComplianceUnknownBalance),
        /// A counter would overflow.
        Overflow(ComplianceOverflow),
        /// The caller is not the identity registry.
        UnauthorizedRegistry(ComplianceUnauthorizedRegistry),
        /// A registry change would take the books beyond a rule's limit.
        SyncBreachesRule(ComplianceSyncBreachesRule),
        /// A rule needing the books is switched on after the first mint.
        BooksNotKept(ComplianceBooksNotKept),
    }
}
