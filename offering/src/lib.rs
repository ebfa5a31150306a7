//! Continuous offering of the security token on a bonding curve.
//!
//! Placeholder until issue #6: a minimal contract with its owner and
//! agents, so that the workspace, the check command and the deployment
//! tooling see all five contracts from the start.
// no_std only in the deployed wasm: host builds (tests, the suite's
// scenarios, export-abi) link std for its allocator and panic handler.
#![cfg_attr(
    all(target_arch = "wasm32", not(feature = "export-abi")),
    no_std,
    no_main
)]
extern crate alloc;

use alloc::{vec, vec::Vec};

use alloy_primitives::Address;
use common::roles::{OwnableInvalidOwner, Roles};
use stylus_sdk::prelude::*;

/// A rejection by the contract.
#[derive(SolidityError, Debug, PartialEq)]
pub enum Error {
    /// The admin given to the constructor is the zero address.
    InvalidOwner(OwnableInvalidOwner),
}

/// The offering contract.
#[entrypoint]
#[storage]
pub struct Offering {
    /// Owner and agents.
    #[borrow]
    pub roles: Roles,
}

#[public]
#[inherit(Roles)]
impl Offering {
    /// Makes `admin` the owner.
    ///
    /// # Arguments
    ///
    /// * `admin` - The owner (the deployer factory is the caller here).
    ///
    /// # Errors
    ///
    /// * [`Error::InvalidOwner`] - `admin` is the zero address.
    ///
    /// # Events
    ///
    /// * `OwnershipTransferred`.
    #[constructor]
    pub fn constructor(&mut self, admin: Address) -> Result<(), Error> {
        self.roles.init(admin)
    }
}

#[cfg(test)]
mod tests {
    use motsu::prelude::*;

    use super::*;

    #[motsu::test]
    fn constructor_sets_owner(contract: Contract<Offering>, alice: Address) {
        contract.sender(alice).constructor(alice).motsu_unwrap();
        assert_eq!(contract.sender(alice).roles.owner(), alice);
    }

    #[motsu::test]
    fn constructor_reverts_when_admin_zero(contract: Contract<Offering>, alice: Address) {
        let err = contract
            .sender(alice)
            .constructor(Address::ZERO)
            .motsu_unwrap_err();
        assert_eq!(
            err,
            Error::InvalidOwner(OwnableInvalidOwner {
                owner: Address::ZERO
            })
        );
    }
}
