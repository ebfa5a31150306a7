//! motsu tests of the documents contract.
mod abi;
mod publishing;

use alloy_primitives::{Address, B256};
use motsu::prelude::*;

use crate::*;

/// motsu's fixed clock (2025-01-01).
pub(crate) const NOW: u64 = 1_735_689_600;

/// A document name: `text` left-aligned in 32 bytes, as Solidity's
/// `bytes32("prospectus")`.
pub(crate) fn name(text: &str) -> B256 {
    let mut word = B256::ZERO;
    word[..text.len()].copy_from_slice(text.as_bytes());
    word
}

/// A content hash made of `byte`.
pub(crate) fn hash(byte: u8) -> B256 {
    B256::repeat_byte(byte)
}

/// Deploys the documents of `token` owned by `owner`, with `agent`
/// appointed.
pub(crate) fn deploy(
    documents: &Contract<Documents>,
    owner: Address,
    agent: Address,
    token: Address,
) {
    documents
        .sender(owner)
        .constructor(owner, token)
        .motsu_unwrap();
    documents
        .sender(owner)
        .roles
        .add_agent(agent)
        .motsu_unwrap();
}
