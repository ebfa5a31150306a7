//! Pieces shared by the suite's five contracts.
//!
//! - [`roles`]: the owner and agents of a contract, with T-REX's
//!   `AgentRole` ABI, inherited by every contract that has agents.
//! - [`log`]: one small raw-log path for events (the SDK's generic `log()`
//!   instantiates an encoder per event, which costs kilobytes of wasm).
//! - [`call`]: one raw-call path for calls between the contracts, passing the
//!   callee's revert data through unchanged.
//! - [`error`]: [`contract_error!`], a contract's error enum that also
//!   passes a callee's revert data through.
//! - [`host`]: sender, value, clock, own address, chain id and keccak,
//!   reached directly in the deployed wasm.
//! - [`math`]: 512-bit products (`mul_div`, widening).
//! - [`merkle`]: OpenZeppelin `StandardMerkleTree` leaves, proofs and trees.
//! - [`mem`]: `memcmp`/`bcmp` eight bytes a step in the deployed wasm.
//! - [`storage`]: map keys with cheap slots ([`storage::Key`]); search and
//!   swap-remove over storage lists.
//! - `testing` (feature `testing`): test contracts for motsu (an ERC-20,
//!   a smart-contract wallet).
//! - [`bindings`]: typed calls to the other contracts (selectors matching
//!   T-REX), through [`call`].
//!
//! Contract crates never depend on each other: what one needs of another
//! lives here.
#![cfg_attr(not(any(test, feature = "export-abi", feature = "testing")), no_std)]
extern crate alloc;

#[cfg(any(test, feature = "testing"))]
pub mod abi_check;
pub mod bindings;
pub mod call;
pub mod error;
pub mod host;
pub mod hot;
pub mod log;
pub mod math;
pub mod mem;
pub mod merkle;
pub mod roles;
pub mod storage;
#[cfg(feature = "testing")]
pub mod testing;
