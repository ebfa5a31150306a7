//! motsu tests of the identity registry, one file per concern.
mod abi;
mod claims;
mod compliances;
mod issuers;
mod topics;
mod wallets;

use alloy_primitives::{uint, Address, U256};
use motsu::prelude::*;

use crate::IdentityRegistry;

/// motsu's fixed clock (2025-01-01).
pub(crate) const NOW: u64 = 1_735_689_600;
/// A year after [`NOW`].
pub(crate) const NEXT_YEAR: u64 = NOW + 365 * 86_400;
/// The KYC claim topic.
pub(crate) const KYC: U256 = uint!(1_U256);
/// The accreditation claim topic.
pub(crate) const ACCREDITED: U256 = uint!(7_U256);
/// An ISO 3166-1 country code (France).
pub(crate) const FRANCE: u16 = 250;

/// Constructs the registry owned by `owner` with `agent` as agent.
pub(crate) fn deploy(registry: &Contract<IdentityRegistry>, owner: Address, agent: Address) {
    registry.sender(owner).constructor(owner).motsu_unwrap();
    registry.sender(owner).roles.add_agent(agent).motsu_unwrap();
}
