//! Test contracts shared by the suite's motsu tests (feature `testing`):
//! an ERC-20 payment asset and a smart-contract wallet.
//!
//! motsu cannot send ETH to an account without code, so an investor that
//! must receive ETH back (change, refunds) is a [`Wallet`]: it forwards a
//! call with its value and accepts ETH.
use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use alloy_sol_types::{sol, SolError};
use stylus_sdk::{
    abi::Bytes,
    prelude::*,
    storage::{StorageBool, StorageMap, StorageU256},
};

use crate::{call::call_with_value, host::msg_sender, host::msg_value};

/// `account`'s ETH balance in a test (motsu keeps it; the SDK's accessor
/// is marked deprecated in favour of `.vm()`, which tests do not have).
#[allow(deprecated)]
#[must_use]
pub fn eth_balance(account: Address) -> U256 {
    use stylus_sdk::prelude::AddressVM;
    account.balance()
}

sol! {
    /// The test ERC-20 refuses: balance or allowance too low.
    #[derive(Debug, PartialEq)]
    error MockErc20Insufficient(address account, uint256 available, uint256 needed);
    /// The wallet refuses ETH (told so).
    #[derive(Debug, PartialEq)]
    error WalletRefusesEth();
}

/// A minimal ERC-20 (a stablecoin): anyone mints; no events.
#[storage]
pub struct MockErc20 {
    /// Account -> balance.
    balances: StorageMap<Address, StorageU256>,
    /// Owner -> spender -> allowance.
    allowances: StorageMap<Address, StorageMap<Address, StorageU256>>,
}

unsafe impl TopLevelStorage for MockErc20 {}

#[public]
impl MockErc20 {
    /// Credits `amount` to `to`.
    pub fn mint(&mut self, to: Address, amount: U256) {
        let balance = self.balances.get(to);
        self.balances.insert(to, balance + amount);
    }

    /// Returns `account`'s balance.
    pub fn balance_of(&self, account: Address) -> U256 {
        self.balances.get(account)
    }

    /// Sets the caller's allowance to `spender`.
    pub fn approve(&mut self, spender: Address, amount: U256) -> bool {
        let owner = msg_sender(self.vm());
        self.allowances.setter(owner).insert(spender, amount);
        true
    }

    /// Moves the caller's tokens.
    ///
    /// # Errors
    ///
    /// When the balance is too low.
    pub fn transfer(&mut self, to: Address, amount: U256) -> Result<bool, Vec<u8>> {
        let from = msg_sender(self.vm());
        self.move_tokens(from, to, amount)?;
        Ok(true)
    }

    /// Moves `from`'s tokens on its allowance to the caller.
    ///
    /// # Errors
    ///
    /// When the allowance or the balance is too low.
    pub fn transfer_from(
        &mut self,
        from: Address,
        to: Address,
        amount: U256,
    ) -> Result<bool, Vec<u8>> {
        let spender = msg_sender(self.vm());
        let allowance = self.allowances.getter(from).get(spender);
        if allowance < amount {
            return Err(MockErc20Insufficient {
                account: spender,
                available: allowance,
                needed: amount,
            }
            .abi_encode());
        }
        self.allowances
            .setter(from)
            .insert(spender, allowance - amount);
        self.move_tokens(from, to, amount)?;
        Ok(true)
    }
}

impl MockErc20 {
    fn move_tokens(&mut self, from: Address, to: Address, amount: U256) -> Result<(), Vec<u8>> {
        let balance = self.balances.get(from);
        if balance < amount {
            return Err(MockErc20Insufficient {
                account: from,
                available: balance,
                needed: amount,
            }
            .abi_encode());
        }
        self.balances.insert(from, balance - amount);
        let to_balance = self.balances.get(to);
        self.balances.insert(to, to_balance + amount);
        Ok(())
    }
}

/// A smart-contract wallet: forwards calls with their value and accepts
/// ETH, unless told to refuse it (a receiver that reverts).
#[storage]
pub struct Wallet {
    /// Whether receiving ETH reverts.
    refuse: StorageBool,
}

unsafe impl TopLevelStorage for Wallet {}

#[public]
impl Wallet {
    /// Calls `target` with `data` and the value sent.
    ///
    /// # Errors
    ///
    /// The target's revert data.
    #[payable]
    pub fn forward(&mut self, target: Address, data: Bytes) -> Result<Bytes, Vec<u8>> {
        let value = msg_value(self.vm());
        call_with_value(self.vm(), target, value, &data).map(Bytes::from)
    }

    /// Makes receiving ETH revert, or not.
    pub fn set_refuse(&mut self, refuse: bool) {
        self.refuse.set(refuse);
    }

    /// Accepts ETH unless told to refuse.
    ///
    /// # Errors
    ///
    /// [`WalletRefusesEth`] when told to refuse.
    #[receive]
    #[payable]
    pub fn receive(&mut self) -> Result<(), Vec<u8>> {
        if self.refuse.get() {
            return Err(WalletRefusesEth {}.abi_encode());
        }
        Ok(())
    }
}

/// A small deterministic generator (xorshift64) for the property tests:
/// the same seed replays the same sequence, so a failure reproduces.
#[derive(Debug, Clone)]
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits. A zero seed stays zero: seed with a
    /// non-zero value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (zero when `n` is zero).
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next_u64() % (n.max(1) as u64)).unwrap_or_default()
    }
}
