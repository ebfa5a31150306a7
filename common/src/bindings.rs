//! Bindings the contracts use to call each other, all through the one
//! raw-call path of [`crate::call`]: a selector constant and a small typed
//! function per call. A failed call returns the callee's revert data, which
//! the caller propagates unchanged; return data that does not decode is
//! treated as a failed call with empty revert data.
use alloc::vec::Vec;

use alloy_primitives::{Address, B256, U256};
use stylus_sdk::{keccak_const::Keccak256, stylus_core::Host};

use crate::{
    call::{call, call_with_value, calldata, static_call, word, RevertData},
    log::{address_word, bool_word, uint_word},
};

/// The 4-byte selector of a canonical Solidity signature, at compile time.
#[must_use]
pub const fn selector(signature: &str) -> [u8; 4] {
    let hash = Keccak256::new().update(signature.as_bytes()).finalize();
    [hash[0], hash[1], hash[2], hash[3]]
}

/// Reads the first return word as a `uint256`.
fn first_word(data: &[u8]) -> Result<U256, RevertData> {
    word(data, 0)
        .map(|w| U256::from_be_bytes(w.0))
        .ok_or_default()
}

/// `Option` -> `Result` with empty revert data.
trait OkOrDefault<T> {
    fn ok_or_default(self) -> Result<T, RevertData>;
}

impl<T> OkOrDefault<T> for Option<T> {
    fn ok_or_default(self) -> Result<T, RevertData> {
        self.ok_or_else(RevertData::new)
    }
}

/// A static call answered by one word.
fn ask(vm: &dyn Host, to: Address, sel: [u8; 4], args: &[B256]) -> Result<U256, RevertData> {
    first_word(&static_call(vm, to, &calldata(sel, args))?)
}

/// A state-changing call whose answer (if any) is ignored.
fn send(vm: &dyn Host, to: Address, sel: [u8; 4], args: &[B256]) -> Result<(), RevertData> {
    call(vm, to, &calldata(sel, args)).map(drop)
}

/// Decodes an address word; anything wider than 160 bits is not one.
fn to_address(answer: U256) -> Result<Address, RevertData> {
    (answer < (U256::from(1) << 160))
        .then(|| Address::from_word(answer.into()))
        .ok_or_default()
}

/// The identity registry (`IIdentityRegistry`, T-REX v4.1.6).
pub mod identity_registry {
    use super::*;

    /// `isVerified(address)`.
    pub const IS_VERIFIED: [u8; 4] = selector("isVerified(address)");
    /// `identity(address)`.
    pub const IDENTITY: [u8; 4] = selector("identity(address)");
    /// `investorCountry(address)`.
    pub const INVESTOR_COUNTRY: [u8; 4] = selector("investorCountry(address)");
    /// `registerIdentity(address,address,uint16)`.
    pub const REGISTER_IDENTITY: [u8; 4] = selector("registerIdentity(address,address,uint16)");
    /// `deleteIdentity(address)`.
    pub const DELETE_IDENTITY: [u8; 4] = selector("deleteIdentity(address)");
    /// `verifiedIdentity(address)` (this suite's registry).
    pub const VERIFIED_IDENTITY: [u8; 4] = selector("verifiedIdentity(address)");
    /// `transferIdentities(address,address)` (this suite's registry).
    pub const TRANSFER_IDENTITIES: [u8; 4] = selector("transferIdentities(address,address)");
    /// `isClaimValid(address,uint256)` (this suite's registry).
    pub const IS_CLAIM_VALID: [u8; 4] = selector("isClaimValid(address,uint256)");

    /// Whether `identity` holds a valid claim of `topic` (unexpired,
    /// unrevoked, from an issuer trusted for the topic).
    ///
    /// # Errors
    ///
    /// The registry's revert data.
    pub fn is_claim_valid(
        vm: &dyn Host,
        registry: Address,
        identity: Address,
        topic: U256,
    ) -> Result<bool, RevertData> {
        ask(
            vm,
            registry,
            IS_CLAIM_VALID,
            &[address_word(identity), uint_word(topic)],
        )
        .map(|w| !w.is_zero())
    }

    /// Whether `wallet` is a verified investor's.
    ///
    /// # Errors
    ///
    /// The registry's revert data.
    pub fn is_verified(
        vm: &dyn Host,
        registry: Address,
        wallet: Address,
    ) -> Result<bool, RevertData> {
        ask(vm, registry, IS_VERIFIED, &[address_word(wallet)]).map(|w| !w.is_zero())
    }

    /// The identity and country of `wallet` when it is verified; zeros
    /// otherwise.
    ///
    /// # Errors
    ///
    /// The registry's revert data, or empty data when the answer is not an
    /// address and a `uint16`.
    pub fn verified_identity(
        vm: &dyn Host,
        registry: Address,
        wallet: Address,
    ) -> Result<(Address, u16), RevertData> {
        let data = static_call(
            vm,
            registry,
            &calldata(VERIFIED_IDENTITY, &[address_word(wallet)]),
        )?;
        let identity = to_address(first_word(&data)?)?;
        let country = word(&data, 1)
            .and_then(|w| u16::try_from(U256::from_be_bytes(w.0)).ok())
            .ok_or_default()?;
        Ok((identity, country))
    }

    /// For a transfer from `from` to `to`: the identity `from`'s tokens
    /// count for (`from` itself when unregistered) and `to`'s identity and
    /// country when `to` is verified (zeros otherwise).
    ///
    /// # Errors
    ///
    /// The registry's revert data, or empty data when the answer is not two
    /// addresses and a `uint16`.
    pub fn transfer_identities(
        vm: &dyn Host,
        registry: Address,
        from: Address,
        to: Address,
    ) -> Result<(Address, Address, u16), RevertData> {
        let data = static_call(
            vm,
            registry,
            &calldata(TRANSFER_IDENTITIES, &[address_word(from), address_word(to)]),
        )?;
        let from_identity = to_address(first_word(&data)?)?;
        let to_identity = word(&data, 1)
            .ok_or_default()
            .and_then(|w| to_address(U256::from_be_bytes(w.0)))?;
        let country = word(&data, 2)
            .and_then(|w| u16::try_from(U256::from_be_bytes(w.0)).ok())
            .ok_or_default()?;
        Ok((from_identity, to_identity, country))
    }

    /// The identity of `wallet` (zero when unregistered).
    ///
    /// # Errors
    ///
    /// The registry's revert data, or empty data when the answer is not an
    /// address.
    pub fn identity(
        vm: &dyn Host,
        registry: Address,
        wallet: Address,
    ) -> Result<Address, RevertData> {
        to_address(ask(vm, registry, IDENTITY, &[address_word(wallet)])?)
    }

    /// The country of `wallet`.
    ///
    /// # Errors
    ///
    /// The registry's revert data, or empty data when the answer is not a
    /// `uint16`.
    pub fn investor_country(
        vm: &dyn Host,
        registry: Address,
        wallet: Address,
    ) -> Result<u16, RevertData> {
        u16::try_from(ask(
            vm,
            registry,
            INVESTOR_COUNTRY,
            &[address_word(wallet)],
        )?)
        .ok()
        .ok_or_default()
    }

    /// Registers `wallet` for `identity` in `country` (the caller must be a
    /// registry agent).
    ///
    /// # Errors
    ///
    /// The registry's revert data.
    pub fn register_identity(
        vm: &dyn Host,
        registry: Address,
        wallet: Address,
        identity: Address,
        country: u16,
    ) -> Result<(), RevertData> {
        send(
            vm,
            registry,
            REGISTER_IDENTITY,
            &[
                address_word(wallet),
                address_word(identity),
                uint_word(U256::from(country)),
            ],
        )
    }

    /// Removes `wallet` from the registry (the caller must be a registry
    /// agent).
    ///
    /// # Errors
    ///
    /// The registry's revert data.
    pub fn delete_identity(
        vm: &dyn Host,
        registry: Address,
        wallet: Address,
    ) -> Result<(), RevertData> {
        send(vm, registry, DELETE_IDENTITY, &[address_word(wallet)])
    }
}

/// The compliance contract (`IModularCompliance`, T-REX v4.1.6).
pub mod compliance {
    use super::*;

    /// `canTransfer(address,address,uint256)`.
    pub const CAN_TRANSFER: [u8; 4] = selector("canTransfer(address,address,uint256)");
    /// `transferred(address,address,uint256)`.
    pub const TRANSFERRED: [u8; 4] = selector("transferred(address,address,uint256)");
    /// `created(address,uint256)`.
    pub const CREATED: [u8; 4] = selector("created(address,uint256)");
    /// `destroyed(address,uint256)`.
    pub const DESTROYED: [u8; 4] = selector("destroyed(address,uint256)");
    /// `bindToken(address)`.
    pub const BIND_TOKEN: [u8; 4] = selector("bindToken(address)");
    /// `unbindToken(address)`.
    pub const UNBIND_TOKEN: [u8; 4] = selector("unbindToken(address)");
    /// `checkAndRecord(address,address,uint256,address,address,uint16)`
    /// (this suite's compliance).
    pub const CHECK_AND_RECORD: [u8; 4] =
        selector("checkAndRecord(address,address,uint256,address,address,uint16)");
    /// `syncWallet(address,address,uint16)` (this suite's compliance).
    pub const SYNC_WALLET: [u8; 4] = selector("syncWallet(address,address,uint16)");

    /// Asks the compliance whether moving `amount` from `from` (zero for a
    /// mint) to `to` is compliant, and has it recorded when it is:
    /// `canTransfer` and `transferred` (or `created`) in one call. `parties`
    /// are what the registry answered: the sender's identity (zero when not
    /// asked), the recipient's identity and country.
    ///
    /// Returns whether the move passed, and whether the compliance wants
    /// the sender's identity given (it then need not ask the registry).
    ///
    /// # Errors
    ///
    /// The compliance's revert data, or empty data when the answer is not
    /// two booleans.
    pub fn check_and_record(
        vm: &dyn Host,
        compliance: Address,
        (from, to, amount): (Address, Address, U256),
        (from_identity, to_identity, country): (Address, Address, u16),
    ) -> Result<(bool, bool), RevertData> {
        let args = [
            address_word(from),
            address_word(to),
            uint_word(amount),
            address_word(from_identity),
            address_word(to_identity),
            uint_word(U256::from(country)),
        ];
        let answer = call(vm, compliance, &calldata(CHECK_AND_RECORD, &args))?;
        let passed = !first_word(&answer)?.is_zero();
        let wanted = !word(&answer, 1).ok_or_default()?.is_zero();
        Ok((passed, wanted))
    }

    /// Tells the compliance that `amount` moved from `from` to `to`.
    ///
    /// # Errors
    ///
    /// The compliance's revert data.
    pub fn transferred(
        vm: &dyn Host,
        compliance: Address,
        from: Address,
        to: Address,
        amount: U256,
    ) -> Result<(), RevertData> {
        send(
            vm,
            compliance,
            TRANSFERRED,
            &[address_word(from), address_word(to), uint_word(amount)],
        )
    }

    /// Tells the compliance that `amount` was burnt from `from`.
    ///
    /// # Errors
    ///
    /// The compliance's revert data.
    pub fn destroyed(
        vm: &dyn Host,
        compliance: Address,
        from: Address,
        amount: U256,
    ) -> Result<(), RevertData> {
        send(
            vm,
            compliance,
            DESTROYED,
            &[address_word(from), uint_word(amount)],
        )
    }

    /// Binds `token` to the compliance (`selector` [`BIND_TOKEN`]) or
    /// unbinds it ([`UNBIND_TOKEN`]).
    ///
    /// # Errors
    ///
    /// The compliance's revert data.
    pub fn bind(
        vm: &dyn Host,
        compliance: Address,
        sel: [u8; 4],
        token: Address,
    ) -> Result<(), RevertData> {
        send(vm, compliance, sel, &[address_word(token)])
    }

    /// Tells the compliance that the registry changed `wallet`: it now
    /// belongs to `identity` (zero when deleted) in `country`.
    ///
    /// # Errors
    ///
    /// The compliance's revert data.
    pub fn sync_wallet(
        vm: &dyn Host,
        compliance: Address,
        wallet: Address,
        identity: Address,
        country: u16,
    ) -> Result<(), RevertData> {
        send(
            vm,
            compliance,
            SYNC_WALLET,
            &[
                address_word(wallet),
                address_word(identity),
                uint_word(U256::from(country)),
            ],
        )
    }
}

/// External compliance modules (`IModule`, T-REX v4.1.6).
pub mod module {
    use super::*;

    /// `moduleCheck(address,address,uint256,address)`.
    pub const MODULE_CHECK: [u8; 4] = selector("moduleCheck(address,address,uint256,address)");
    /// `moduleTransferAction(address,address,uint256)`.
    pub const MODULE_TRANSFER_ACTION: [u8; 4] =
        selector("moduleTransferAction(address,address,uint256)");
    /// `moduleMintAction(address,uint256)`.
    pub const MODULE_MINT_ACTION: [u8; 4] = selector("moduleMintAction(address,uint256)");
    /// `moduleBurnAction(address,uint256)`.
    pub const MODULE_BURN_ACTION: [u8; 4] = selector("moduleBurnAction(address,uint256)");
    /// `bindCompliance(address)`.
    pub const BIND_COMPLIANCE: [u8; 4] = selector("bindCompliance(address)");
    /// `unbindCompliance(address)`.
    pub const UNBIND_COMPLIANCE: [u8; 4] = selector("unbindCompliance(address)");
    /// `isPlugAndPlay()`.
    pub const IS_PLUG_AND_PLAY: [u8; 4] = selector("isPlugAndPlay()");
    /// `canComplianceBind(address)`.
    pub const CAN_COMPLIANCE_BIND: [u8; 4] = selector("canComplianceBind(address)");

    /// Whether `module` accepts moving `amount` from `from` to `to` for
    /// `compliance`.
    ///
    /// # Errors
    ///
    /// The module's revert data.
    pub fn module_check(
        vm: &dyn Host,
        module: Address,
        from: Address,
        to: Address,
        amount: U256,
        compliance: Address,
    ) -> Result<bool, RevertData> {
        ask(
            vm,
            module,
            MODULE_CHECK,
            &[
                address_word(from),
                address_word(to),
                uint_word(amount),
                address_word(compliance),
            ],
        )
        .map(|w| !w.is_zero())
    }

    /// Whether `module` can be bound: plug-and-play, or accepting
    /// `compliance` through `canComplianceBind`.
    ///
    /// # Errors
    ///
    /// The module's revert data.
    pub fn can_bind(
        vm: &dyn Host,
        module: Address,
        compliance: Address,
    ) -> Result<bool, RevertData> {
        if !ask(vm, module, IS_PLUG_AND_PLAY, &[])?.is_zero() {
            return Ok(true);
        }
        ask(vm, module, CAN_COMPLIANCE_BIND, &[address_word(compliance)]).map(|w| !w.is_zero())
    }

    /// Calls `module`'s state-changing function `sel` with static
    /// arguments `args` (the actions, `bindCompliance`,
    /// `unbindCompliance`).
    ///
    /// # Errors
    ///
    /// The module's revert data.
    pub fn notify(
        vm: &dyn Host,
        module: Address,
        sel: [u8; 4],
        args: &[B256],
    ) -> Result<(), RevertData> {
        send(vm, module, sel, args)
    }
}

/// The token, as the offering and the escrow call it (`IToken`, T-REX
/// v4.1.6).
pub mod token {
    use super::*;

    /// `mint(address,uint256)`.
    pub const MINT: [u8; 4] = selector("mint(address,uint256)");
    /// `burn(address,uint256)`.
    pub const BURN: [u8; 4] = selector("burn(address,uint256)");
    /// `isFrozen(address)`.
    pub const IS_FROZEN: [u8; 4] = selector("isFrozen(address)");
    /// `getFrozenTokens(address)`.
    pub const GET_FROZEN_TOKENS: [u8; 4] = selector("getFrozenTokens(address)");
    /// `identityRegistry()`.
    pub const IDENTITY_REGISTRY: [u8; 4] = selector("identityRegistry()");
    /// `isAgent(address)` (T-REX's `AgentRole`).
    pub const IS_AGENT: [u8; 4] = selector("isAgent(address)");
    /// `decimals()`.
    pub const DECIMALS: [u8; 4] = selector("decimals()");
    /// `setTransferChecks(bool)` (this suite's token).
    pub const SET_TRANSFER_CHECKS: [u8; 4] = selector("setTransferChecks(bool)");

    /// Tells `token` whether its holder transfers need the calling
    /// compliance; returns whether the token heeded it (the caller is its
    /// compliance).
    ///
    /// # Errors
    ///
    /// The token's revert data, or empty data when the answer is not a
    /// boolean (not this suite's token).
    pub fn set_transfer_checks(
        vm: &dyn Host,
        token: Address,
        needed: bool,
    ) -> Result<bool, RevertData> {
        let calldata = calldata(SET_TRANSFER_CHECKS, &[bool_word(needed)]);
        first_word(&call(vm, token, &calldata)?).map(|w| !w.is_zero())
    }

    /// Whether `wallet` is frozen.
    ///
    /// # Errors
    ///
    /// The token's revert data.
    pub fn is_frozen(vm: &dyn Host, token: Address, wallet: Address) -> Result<bool, RevertData> {
        ask(vm, token, IS_FROZEN, &[address_word(wallet)]).map(|w| !w.is_zero())
    }

    /// How many of `wallet`'s tokens are frozen.
    ///
    /// # Errors
    ///
    /// The token's revert data.
    pub fn frozen_tokens(
        vm: &dyn Host,
        token: Address,
        wallet: Address,
    ) -> Result<U256, RevertData> {
        ask(vm, token, GET_FROZEN_TOKENS, &[address_word(wallet)])
    }

    /// The identity registry the token verifies recipients with.
    ///
    /// # Errors
    ///
    /// The token's revert data, or empty data when the answer is not an
    /// address.
    pub fn identity_registry(vm: &dyn Host, token: Address) -> Result<Address, RevertData> {
        to_address(ask(vm, token, IDENTITY_REGISTRY, &[])?)
    }

    /// Whether `account` is an agent of the token.
    ///
    /// # Errors
    ///
    /// The token's revert data.
    pub fn is_agent(vm: &dyn Host, token: Address, account: Address) -> Result<bool, RevertData> {
        ask(vm, token, IS_AGENT, &[address_word(account)]).map(|w| !w.is_zero())
    }

    /// `wallet`'s tokens that are not frozen: its balance less its frozen
    /// tokens (zero when they cover it).
    ///
    /// # Errors
    ///
    /// The token's revert data.
    #[inline]
    pub fn free_tokens(vm: &dyn Host, token: Address, wallet: Address) -> Result<U256, RevertData> {
        let balance = super::erc20::balance_of(vm, token, wallet)?;
        Ok(balance.saturating_sub(frozen_tokens(vm, token, wallet)?))
    }

    /// The token's decimals.
    ///
    /// # Errors
    ///
    /// The token's revert data, or empty data when the answer is not a
    /// `uint8`.
    pub fn decimals(vm: &dyn Host, token: Address) -> Result<u8, RevertData> {
        u8::try_from(ask(vm, token, DECIMALS, &[])?)
            .ok()
            .ok_or_default()
    }

    /// Mints `amount` to `to` (the caller must be a token agent).
    ///
    /// # Errors
    ///
    /// The token's revert data.
    pub fn mint(
        vm: &dyn Host,
        token: Address,
        to: Address,
        amount: U256,
    ) -> Result<(), RevertData> {
        send(vm, token, MINT, &[address_word(to), uint_word(amount)])
    }

    /// Burns `amount` of `from`'s tokens (the caller must be a token agent).
    ///
    /// # Errors
    ///
    /// The token's revert data.
    pub fn burn(
        vm: &dyn Host,
        token: Address,
        from: Address,
        amount: U256,
    ) -> Result<(), RevertData> {
        send(vm, token, BURN, &[address_word(from), uint_word(amount)])
    }
}

/// An ERC-20 payment asset (a stablecoin).
pub mod erc20 {
    use super::*;

    /// `transfer(address,uint256)`.
    pub const TRANSFER: [u8; 4] = selector("transfer(address,uint256)");
    /// `transferFrom(address,address,uint256)`.
    pub const TRANSFER_FROM: [u8; 4] = selector("transferFrom(address,address,uint256)");
    /// `balanceOf(address)`.
    pub const BALANCE_OF: [u8; 4] = selector("balanceOf(address)");

    /// Sends `amount` of the caller's `asset` to `to`.
    ///
    /// # Errors
    ///
    /// The asset's revert data, or empty data when it answers `false`.
    pub fn transfer(
        vm: &dyn Host,
        asset: Address,
        to: Address,
        amount: U256,
    ) -> Result<(), RevertData> {
        checked(call(
            vm,
            asset,
            &calldata(TRANSFER, &[address_word(to), uint_word(amount)]),
        )?)
    }

    /// Moves `amount` of `from`'s `asset` to `to` on its allowance to the
    /// caller.
    ///
    /// # Errors
    ///
    /// The asset's revert data, or empty data when it answers `false`.
    pub fn transfer_from(
        vm: &dyn Host,
        asset: Address,
        from: Address,
        to: Address,
        amount: U256,
    ) -> Result<(), RevertData> {
        checked(call(
            vm,
            asset,
            &calldata(
                TRANSFER_FROM,
                &[address_word(from), address_word(to), uint_word(amount)],
            ),
        )?)
    }

    /// `account`'s balance of `asset`.
    ///
    /// # Errors
    ///
    /// The asset's revert data.
    pub fn balance_of(vm: &dyn Host, asset: Address, account: Address) -> Result<U256, RevertData> {
        ask(vm, asset, BALANCE_OF, &[address_word(account)])
    }

    /// Accepts no answer (tokens that return nothing) or `true`, as
    /// OpenZeppelin's `SafeERC20` does.
    fn checked(answer: Vec<u8>) -> Result<(), RevertData> {
        if answer.is_empty() || word(&answer, 0).is_some_and(|w| !w.is_zero()) {
            Ok(())
        } else {
            Err(RevertData::new())
        }
    }
}

/// The escrow, as the offering calls it (this suite's ABI).
pub mod escrow {
    use super::*;

    /// `deposit(address,uint256,uint256)`.
    pub const DEPOSIT: [u8; 4] = selector("deposit(address,uint256,uint256)");
    /// `closeRaise()`.
    pub const CLOSE_RAISE: [u8; 4] = selector("closeRaise()");

    /// Records that `investor` paid `amount` for `tokens`; ETH travels as
    /// the call's value, an ERC-20 is transferred to the escrow before.
    ///
    /// # Errors
    ///
    /// The escrow's revert data.
    pub fn deposit(
        vm: &dyn Host,
        escrow: Address,
        investor: Address,
        tokens: U256,
        amount: U256,
        value: U256,
    ) -> Result<(), RevertData> {
        call_with_value(
            vm,
            escrow,
            value,
            &calldata(
                DEPOSIT,
                &[address_word(investor), uint_word(tokens), uint_word(amount)],
            ),
        )
        .map(drop)
    }

    /// Tells the escrow the raise is over; it compares what it holds with
    /// its soft cap.
    ///
    /// # Errors
    ///
    /// The escrow's revert data.
    pub fn close_raise(vm: &dyn Host, escrow: Address) -> Result<(), RevertData> {
        send(vm, escrow, CLOSE_RAISE, &[])
    }
}

/// Pays `amount` of `asset` to `to`: ETH when `asset` is zero, otherwise
/// an ERC-20 transfer of the caller's.
///
/// # Errors
///
/// The receiver's or the asset's revert data.
#[inline]
pub fn pay(vm: &dyn Host, asset: Address, to: Address, amount: U256) -> Result<(), RevertData> {
    if asset.is_zero() {
        send_value(vm, to, amount)
    } else {
        erc20::transfer(vm, asset, to, amount)
    }
}

/// Sends `value` wei to `to`, with no calldata.
///
/// # Errors
///
/// The receiver's revert data.
pub fn send_value(vm: &dyn Host, to: Address, value: U256) -> Result<(), RevertData> {
    call_with_value(vm, to, value, &[]).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi_check::reference_functions;

    #[test]
    fn selectors_match_reference() {
        let reference = reference_functions(&["IIdentityRegistry", "IModularCompliance"]);
        for (signature, sel) in [
            ("isVerified(address)", identity_registry::IS_VERIFIED),
            ("identity(address)", identity_registry::IDENTITY),
            (
                "investorCountry(address)",
                identity_registry::INVESTOR_COUNTRY,
            ),
            (
                "registerIdentity(address,address,uint16)",
                identity_registry::REGISTER_IDENTITY,
            ),
            (
                "deleteIdentity(address)",
                identity_registry::DELETE_IDENTITY,
            ),
            (
                "canTransfer(address,address,uint256)",
                compliance::CAN_TRANSFER,
            ),
            (
                "transferred(address,address,uint256)",
                compliance::TRANSFERRED,
            ),
            ("created(address,uint256)", compliance::CREATED),
            ("destroyed(address,uint256)", compliance::DESTROYED),
            ("bindToken(address)", compliance::BIND_TOKEN),
            ("unbindToken(address)", compliance::UNBIND_TOKEN),
        ] {
            let f = reference
                .iter()
                .find(|f| f.signature == signature)
                .expect(signature);
            assert_eq!(f.selector(), sel, "{signature}");
        }
    }

    #[test]
    fn token_selectors_match_reference() {
        let reference = reference_functions(&["IToken"]);
        for (signature, sel) in [
            ("mint(address,uint256)", token::MINT),
            ("burn(address,uint256)", token::BURN),
            ("transfer(address,uint256)", erc20::TRANSFER),
            (
                "transferFrom(address,address,uint256)",
                erc20::TRANSFER_FROM,
            ),
            ("balanceOf(address)", erc20::BALANCE_OF),
            ("isFrozen(address)", token::IS_FROZEN),
            ("getFrozenTokens(address)", token::GET_FROZEN_TOKENS),
            ("identityRegistry()", token::IDENTITY_REGISTRY),
            ("decimals()", token::DECIMALS),
        ] {
            let f = reference
                .iter()
                .find(|f| f.signature == signature)
                .expect(signature);
            assert_eq!(f.selector(), sel, "{signature}");
        }
    }

    #[test]
    fn agent_role_selector_matches_reference() {
        let reference = reference_functions(&["AgentRole"]);
        let f = reference
            .iter()
            .find(|f| f.signature == "isAgent(address)")
            .expect("isAgent");
        assert_eq!(f.selector(), token::IS_AGENT);
    }

    #[test]
    fn module_selectors_match_reference() {
        let reference = reference_functions(&["IModule"]);
        for (signature, sel) in [
            (
                "moduleCheck(address,address,uint256,address)",
                module::MODULE_CHECK,
            ),
            (
                "moduleTransferAction(address,address,uint256)",
                module::MODULE_TRANSFER_ACTION,
            ),
            (
                "moduleMintAction(address,uint256)",
                module::MODULE_MINT_ACTION,
            ),
            (
                "moduleBurnAction(address,uint256)",
                module::MODULE_BURN_ACTION,
            ),
            ("bindCompliance(address)", module::BIND_COMPLIANCE),
            ("unbindCompliance(address)", module::UNBIND_COMPLIANCE),
            ("isPlugAndPlay()", module::IS_PLUG_AND_PLAY),
            ("canComplianceBind(address)", module::CAN_COMPLIANCE_BIND),
        ] {
            let f = reference
                .iter()
                .find(|f| f.signature == signature)
                .expect(signature);
            assert_eq!(f.selector(), sel, "{signature}");
        }
    }
}
