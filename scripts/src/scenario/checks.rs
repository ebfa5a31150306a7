//! Test helpers shared by the scenario's end-to-end tests: views, refusals,
//! balances.
use alloy_dyn_abi::DynSolValue;
use alloy_primitives::{Address, U256};
use alloy_sol_types::SolCall;
use anyhow::Result;

use super::{erc20, Sim, ALICE};
use crate::sim::Reverted;

/// The error a refused transaction reverted with, by name and arguments.
pub fn refusal<T: std::fmt::Debug>(result: Result<T>) -> String {
    let err = result.expect_err("the transaction should be refused");
    err.downcast_ref::<Reverted>()
        .unwrap_or_else(|| panic!("not a revert: {err:#}"))
        .error
        .clone()
}

/// Asserts that `result` is a revert with the error `name`.
#[track_caller]
pub fn assert_refused<T: std::fmt::Debug>(result: Result<T>, name: &str) {
    let error = refusal(result);
    assert!(
        error.starts_with(&format!("{name}(")),
        "refused with {error}, not {name}"
    );
}

/// `function` of `contract` viewed with `args`: its only return value.
pub fn one(sim: &Sim, contract: &str, function: &str, args: &[DynSolValue]) -> DynSolValue {
    let mut values = sim.view(contract, function, args).unwrap();
    assert_eq!(values.len(), 1, "{contract}.{function}");
    values.remove(0)
}

/// `wallet`'s balance of the ERC-20 at `token`.
pub fn erc20_balance(sim: &Sim, token: Address, wallet: Address) -> U256 {
    let data = erc20::balanceOfCall { account: wallet }.abi_encode();
    let (output, _) = sim.clone().raw(ALICE, token, data, U256::ZERO).unwrap();
    erc20::balanceOfCall::abi_decode_returns(&output, true)
        .unwrap()
        ._0
}
