//! The offering's events and errors, as dApps decode them.
use alloy_sol_types::SolEvent;

use crate::*;

/// The golden interface the check command keeps equal to `export-abi`.
const EXPORTED: &str = include_str!("../../abi/offering.sol");

#[test]
fn exported_interface_has_the_purchase_functions() {
    for function in [
        "function buy(uint256 minTokensOut, uint64 deadline) external payable returns (uint256);",
        "function buyWithToken(uint256 amount, uint256 minTokensOut, uint64 deadline) external returns (uint256);",
        "function buyExactTokens(uint256 tokens, uint256 maxCost, uint64 deadline) external payable returns (uint256);",
        "function currentPrice() external view returns (uint256);",
        "function quoteBuy(uint256 payment) external view returns (uint256);",
        "function quoteCost(uint256 tokens) external view returns (uint256);",
        "function tokensSold() external view returns (uint256);",
        "function raised() external view returns (uint256);",
        "function invested(address identity) external view returns (uint256);",
        "function remaining() external view returns (uint256);",
    ] {
        assert!(EXPORTED.contains(function), "missing {function}");
    }
}

#[test]
fn purchase_event_signature_is_stable() {
    assert_eq!(
        Purchase::SIGNATURE,
        "Purchase(address,uint256,uint256,uint256)"
    );
}

#[test]
fn ownership_moves_in_two_steps_with_openzeppelin_signatures() {
    common::abi_check::assert_exports_other_standard(EXPORTED, "Ownable2Step");
}
