//! Owner and agents of a contract: OpenZeppelin's `Ownable2Step` ABI and
//! T-REX's `AgentRole` ABI.
//!
//! Ownership moves in two steps, as in OpenZeppelin's `Ownable2Step`: the
//! owner names a pending owner (`transferOwnership`, which also cancels a
//! pending transfer when given the zero address), who takes over by
//! calling `acceptOwnership`; until then the owner stays in charge. A
//! typo'd or unreachable address (a multisig on the wrong chain) can never
//! become the owner.
//!
//! A contract without agents (the compliance) embeds [`Ownable`] alone:
//! `owner`, `pendingOwner`, `transferOwnership`, `acceptOwnership`,
//! `renounceOwnership`.
//!
//! A contract embeds [`Roles`] as a `#[borrow]` field and inherits its
//! public interface (`#[inherit(Roles)]`): the five functions above and
//! `addAgent`, `removeAgent`, `isAgent`, with T-REX v4.1.6's selectors and
//! events. The contract's own functions guard
//! themselves with [`Roles::only_owner`] and [`Roles::only_agent`], which
//! return the shared error types below converted into the contract's own
//! error enum.
//!
//! The owner is not an agent unless added as one, as in T-REX.
use alloc::{vec, vec::Vec};

use alloy_primitives::{Address, B256};
use alloy_sol_types::SolEvent;
use stylus_sdk::{
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageMap},
};

pub use sol::*;

use crate::storage::Key;
use crate::{
    host::msg_sender,
    log::{address_word, emit},
};

#[allow(missing_docs)]
mod sol {
    use alloy_sol_types::sol;

    sol! {
        /// Ownership moved from `previousOwner` to `newOwner` (zero when
        /// renounced).
        #[derive(Debug, PartialEq)]
        event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
        /// `previousOwner` named `newOwner` as the pending owner (zero: a
        /// pending transfer cancelled).
        #[derive(Debug, PartialEq)]
        event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner);
        /// `_agent` became an agent.
        #[derive(Debug, PartialEq)]
        event AgentAdded(address indexed _agent);
        /// `_agent` is no longer an agent.
        #[derive(Debug, PartialEq)]
        event AgentRemoved(address indexed _agent);

        /// `account` called a function reserved to the owner.
        #[derive(Debug, PartialEq)]
        error OwnableUnauthorizedAccount(address account);
        /// `owner` cannot become the owner (the zero address).
        #[derive(Debug, PartialEq)]
        error OwnableInvalidOwner(address owner);
        /// `account` called a function reserved to agents.
        #[derive(Debug, PartialEq)]
        error AgentRoleUnauthorizedAccount(address account);
        /// `agent` cannot become an agent (the zero address).
        #[derive(Debug, PartialEq)]
        error AgentRoleInvalidAgent(address agent);
        /// `agent` is already an agent.
        #[derive(Debug, PartialEq)]
        error AgentRoleAgentAlreadyExists(address agent);
        /// `agent` is not an agent.
        #[derive(Debug, PartialEq)]
        error AgentRoleAgentNotFound(address agent);
    }
}

crate::contract_error! {
    plain
    /// A rejection by the role functions.
    pub enum Error {
        /// The caller is not the owner.
        UnauthorizedOwner(OwnableUnauthorizedAccount),
        /// The new owner is the zero address.
        InvalidOwner(OwnableInvalidOwner),
        /// The new agent is the zero address.
        InvalidAgent(AgentRoleInvalidAgent),
        /// The account is already an agent.
        AgentAlreadyExists(AgentRoleAgentAlreadyExists),
        /// The account is not an agent.
        AgentNotFound(AgentRoleAgentNotFound),
    }
}

/// The owner of a contract without agents (OpenZeppelin's
/// `Ownable2Step`).
#[storage]
pub struct Ownable {
    /// The owner: configures the contract.
    owner: StorageAddress,
    /// The account named to take over; zero when none.
    pending_owner: StorageAddress,
}

#[public]
impl Ownable {
    /// Returns the owner.
    pub fn owner(&self) -> Address {
        self.owner.get()
    }

    /// Returns the pending owner (zero when none).
    pub fn pending_owner(&self) -> Address {
        self.pending_owner.get()
    }

    /// Names `new_owner` as the pending owner, who takes over by calling
    /// [`Self::accept_ownership`]; the zero address cancels a pending
    /// transfer. The owner stays in charge until then. Owner only.
    ///
    /// # Arguments
    ///
    /// * `new_owner` - The next owner, or zero.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    ///
    /// # Events
    ///
    /// * [`OwnershipTransferStarted`].
    pub fn transfer_ownership(&mut self, new_owner: Address) -> Result<(), Error> {
        self.only_owner::<Error>()?;
        self.pending_owner.set(new_owner);
        emit(
            self.vm(),
            &[
                OwnershipTransferStarted::SIGNATURE_HASH,
                address_word(self.owner.get()),
                address_word(new_owner),
            ],
            &[],
        );
        Ok(())
    }

    /// Takes over as owner. Pending owner only.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the pending
    ///   owner.
    ///
    /// # Events
    ///
    /// * [`OwnershipTransferred`].
    pub fn accept_ownership(&mut self) -> Result<(), Error> {
        let account = msg_sender(self.vm());
        if account != self.pending_owner.get() || account.is_zero() {
            return Err(OwnableUnauthorizedAccount { account }.into());
        }
        self._set_owner(account);
        Ok(())
    }

    /// Leaves the contract without owner (and cancels a pending transfer):
    /// owner-only functions can never be called again. Owner only.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    ///
    /// # Events
    ///
    /// * [`OwnershipTransferred`] to the zero address.
    pub fn renounce_ownership(&mut self) -> Result<(), Error> {
        self.only_owner::<Error>()?;
        self._set_owner(Address::ZERO);
        Ok(())
    }
}

impl Ownable {
    /// Sets the first (or next) owner; the contract's constructor calls it
    /// with its admin.
    ///
    /// # Arguments
    ///
    /// * `owner` - The owner.
    ///
    /// # Errors
    ///
    /// * [`OwnableInvalidOwner`], converted into the contract's error, when
    ///   `owner` is the zero address.
    ///
    /// # Events
    ///
    /// * [`OwnershipTransferred`].
    pub fn init<E: From<OwnableInvalidOwner>>(&mut self, owner: Address) -> Result<(), E> {
        if owner.is_zero() {
            return Err(OwnableInvalidOwner { owner }.into());
        }
        self._set_owner(owner);
        Ok(())
    }

    /// Refuses the call unless the caller is the owner.
    ///
    /// # Errors
    ///
    /// * [`OwnableUnauthorizedAccount`], converted into the contract's
    ///   error, when the caller is not the owner.
    pub fn only_owner<E: From<OwnableUnauthorizedAccount>>(&self) -> Result<(), E> {
        let account = msg_sender(self.vm());
        if account != self.owner.get() {
            return Err(OwnableUnauthorizedAccount { account }.into());
        }
        Ok(())
    }

    /// Records the owner, clears the pending owner and emits
    /// [`OwnershipTransferred`].
    fn _set_owner(&mut self, new_owner: Address) {
        let previous = self.owner.get();
        self.owner.set(new_owner);
        self.pending_owner.erase();
        emit(
            self.vm(),
            &[
                OwnershipTransferred::SIGNATURE_HASH,
                address_word(previous),
                address_word(new_owner),
            ],
            &[],
        );
    }
}

/// The owner and the agents of a contract.
#[storage]
pub struct Roles {
    /// The owner: configures the contract and appoints agents.
    ownable: Ownable,
    /// Agents: run the day-to-day operations the contract reserves to them.
    agents: StorageMap<Key, StorageBool>,
}

#[public]
impl Roles {
    /// Returns the owner.
    pub fn owner(&self) -> Address {
        self.ownable.owner()
    }

    /// Returns the pending owner (zero when none).
    pub fn pending_owner(&self) -> Address {
        self.ownable.pending_owner()
    }

    /// Names `new_owner` as the pending owner, who takes over by calling
    /// [`Self::accept_ownership`]; the zero address cancels a pending
    /// transfer. Owner only.
    ///
    /// # Arguments
    ///
    /// * `new_owner` - The next owner, or zero.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    ///
    /// # Events
    ///
    /// * [`OwnershipTransferStarted`].
    pub fn transfer_ownership(&mut self, new_owner: Address) -> Result<(), Error> {
        self.ownable.transfer_ownership(new_owner)
    }

    /// Takes over as owner. Pending owner only.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the pending
    ///   owner.
    ///
    /// # Events
    ///
    /// * [`OwnershipTransferred`].
    pub fn accept_ownership(&mut self) -> Result<(), Error> {
        self.ownable.accept_ownership()
    }

    /// Leaves the contract without owner (and cancels a pending transfer):
    /// owner-only functions can never be called again. Owner only.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    ///
    /// # Events
    ///
    /// * [`OwnershipTransferred`] to the zero address.
    pub fn renounce_ownership(&mut self) -> Result<(), Error> {
        self.ownable.renounce_ownership()
    }

    /// Appoints `agent`. Owner only.
    ///
    /// # Arguments
    ///
    /// * `agent` - The account to appoint.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::InvalidAgent`] - `agent` is the zero address.
    /// * [`Error::AgentAlreadyExists`] - `agent` is already an agent.
    ///
    /// # Events
    ///
    /// * [`AgentAdded`].
    pub fn add_agent(&mut self, agent: Address) -> Result<(), Error> {
        self.only_owner::<Error>()?;
        if agent.is_zero() {
            return Err(AgentRoleInvalidAgent { agent }.into());
        }
        if self.is_agent(agent) {
            return Err(AgentRoleAgentAlreadyExists { agent }.into());
        }
        self._set_agent(agent, true, AgentAdded::SIGNATURE_HASH);
        Ok(())
    }

    /// Dismisses `agent`. Owner only.
    ///
    /// # Arguments
    ///
    /// * `agent` - The agent to dismiss.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedOwner`] - The caller is not the owner.
    /// * [`Error::AgentNotFound`] - `agent` is not an agent.
    ///
    /// # Events
    ///
    /// * [`AgentRemoved`].
    pub fn remove_agent(&mut self, agent: Address) -> Result<(), Error> {
        self.only_owner::<Error>()?;
        if !self.is_agent(agent) {
            return Err(AgentRoleAgentNotFound { agent }.into());
        }
        self._set_agent(agent, false, AgentRemoved::SIGNATURE_HASH);
        Ok(())
    }

    /// Returns whether `agent` is an agent.
    ///
    /// # Arguments
    ///
    /// * `agent` - The account to look up.
    pub fn is_agent(&self, agent: Address) -> bool {
        self.agents.get(Key::from(agent))
    }
}

impl Roles {
    /// Sets the first (or next) owner; the contract's constructor calls it
    /// with its admin.
    ///
    /// # Arguments
    ///
    /// * `owner` - The owner.
    ///
    /// # Errors
    ///
    /// * [`OwnableInvalidOwner`], converted into the contract's error, when
    ///   `owner` is the zero address.
    ///
    /// # Events
    ///
    /// * [`OwnershipTransferred`].
    pub fn init<E: From<OwnableInvalidOwner>>(&mut self, owner: Address) -> Result<(), E> {
        self.ownable.init(owner)
    }

    /// Refuses the call unless the caller is the owner.
    ///
    /// # Errors
    ///
    /// * [`OwnableUnauthorizedAccount`], converted into the contract's
    ///   error, when the caller is not the owner.
    pub fn only_owner<E: From<OwnableUnauthorizedAccount>>(&self) -> Result<(), E> {
        self.ownable.only_owner()
    }

    /// Refuses the call unless the caller is an agent.
    ///
    /// # Errors
    ///
    /// * [`AgentRoleUnauthorizedAccount`], converted into the contract's
    ///   error, when the caller is not an agent.
    pub fn only_agent<E: From<AgentRoleUnauthorizedAccount>>(&self) -> Result<(), E> {
        let account = msg_sender(self.vm());
        if !self.agents.get(Key::from(account)) {
            return Err(AgentRoleUnauthorizedAccount { account }.into());
        }
        Ok(())
    }

    /// Records `agent`'s status and emits the event `topic0`.
    fn _set_agent(&mut self, agent: Address, is_agent: bool, topic0: B256) {
        self.agents.insert(Key::from(agent), is_agent);
        emit(self.vm(), &[topic0, address_word(agent)], &[]);
    }
}

#[cfg(test)]
mod tests {
    use motsu::prelude::*;

    use super::*;

    unsafe impl TopLevelStorage for Roles {}

    fn owned_by(contract: &Contract<Roles>, owner: Address) {
        contract.sender(owner).init::<Error>(owner).motsu_unwrap();
    }

    #[motsu::test]
    fn init_sets_owner_and_emits(contract: Contract<Roles>, alice: Address) {
        owned_by(&contract, alice);
        assert_eq!(contract.sender(alice).owner(), alice);
        contract.assert_emitted(&OwnershipTransferred {
            previousOwner: Address::ZERO,
            newOwner: alice,
        });
    }

    #[motsu::test]
    fn init_reverts_when_owner_is_zero(contract: Contract<Roles>, alice: Address) {
        let err = contract
            .sender(alice)
            .init::<Error>(Address::ZERO)
            .motsu_unwrap_err();
        assert_eq!(
            err,
            Error::InvalidOwner(OwnableInvalidOwner {
                owner: Address::ZERO
            })
        );
        assert_eq!(contract.sender(alice).owner(), Address::ZERO);
    }

    #[motsu::test]
    fn transfer_ownership_names_pending_owner_who_accepts(
        contract: Contract<Roles>,
        alice: Address,
        bob: Address,
    ) {
        owned_by(&contract, alice);
        contract
            .sender(alice)
            .transfer_ownership(bob)
            .motsu_unwrap();
        assert_eq!(contract.sender(alice).owner(), alice);
        assert_eq!(contract.sender(alice).pending_owner(), bob);
        contract.assert_emitted(&OwnershipTransferStarted {
            previousOwner: alice,
            newOwner: bob,
        });
        // The owner stays in charge until the pending owner accepts.
        contract.sender(alice).add_agent(alice).motsu_unwrap();

        contract.sender(bob).accept_ownership().motsu_unwrap();
        assert_eq!(contract.sender(alice).owner(), bob);
        assert_eq!(contract.sender(alice).pending_owner(), Address::ZERO);
        contract.assert_emitted(&OwnershipTransferred {
            previousOwner: alice,
            newOwner: bob,
        });
        assert_eq!(
            contract.sender(alice).only_owner::<Error>(),
            Err(Error::UnauthorizedOwner(OwnableUnauthorizedAccount {
                account: alice
            }))
        );
    }

    #[motsu::test]
    fn accept_ownership_reverts_unless_caller_is_pending_owner(
        contract: Contract<Roles>,
        alice: Address,
        bob: Address,
        carol: Address,
    ) {
        owned_by(&contract, alice);
        // Nobody is pending: not even the owner may accept.
        let err = contract.sender(alice).accept_ownership().motsu_unwrap_err();
        assert_eq!(
            err,
            Error::UnauthorizedOwner(OwnableUnauthorizedAccount { account: alice })
        );
        contract
            .sender(alice)
            .transfer_ownership(bob)
            .motsu_unwrap();
        for account in [alice, carol] {
            let err = contract
                .sender(account)
                .accept_ownership()
                .motsu_unwrap_err();
            assert_eq!(
                err,
                Error::UnauthorizedOwner(OwnableUnauthorizedAccount { account })
            );
        }
        assert_eq!(contract.sender(alice).owner(), alice);
        assert_eq!(contract.sender(alice).pending_owner(), bob);
    }

    #[motsu::test]
    fn transfer_ownership_to_another_replaces_the_pending_owner(
        contract: Contract<Roles>,
        alice: Address,
        bob: Address,
        carol: Address,
    ) {
        owned_by(&contract, alice);
        contract
            .sender(alice)
            .transfer_ownership(bob)
            .motsu_unwrap();
        contract
            .sender(alice)
            .transfer_ownership(carol)
            .motsu_unwrap();
        let err = contract.sender(bob).accept_ownership().motsu_unwrap_err();
        assert_eq!(
            err,
            Error::UnauthorizedOwner(OwnableUnauthorizedAccount { account: bob })
        );
        contract.sender(carol).accept_ownership().motsu_unwrap();
        assert_eq!(contract.sender(alice).owner(), carol);
    }

    #[motsu::test]
    fn transfer_ownership_reverts_when_caller_not_owner(
        contract: Contract<Roles>,
        alice: Address,
        bob: Address,
    ) {
        owned_by(&contract, alice);
        let err = contract
            .sender(bob)
            .transfer_ownership(bob)
            .motsu_unwrap_err();
        assert_eq!(
            err,
            Error::UnauthorizedOwner(OwnableUnauthorizedAccount { account: bob })
        );
        assert_eq!(contract.sender(alice).owner(), alice);
    }

    /// OpenZeppelin's `Ownable2Step`: the zero address cancels a pending
    /// transfer (it can never accept), where one-step `Ownable` refused it.
    #[motsu::test]
    fn transfer_ownership_to_zero_cancels_the_pending_transfer(
        contract: Contract<Roles>,
        alice: Address,
        bob: Address,
    ) {
        owned_by(&contract, alice);
        contract
            .sender(alice)
            .transfer_ownership(bob)
            .motsu_unwrap();
        contract
            .sender(alice)
            .transfer_ownership(Address::ZERO)
            .motsu_unwrap();
        contract.assert_emitted(&OwnershipTransferStarted {
            previousOwner: alice,
            newOwner: Address::ZERO,
        });
        assert_eq!(contract.sender(alice).pending_owner(), Address::ZERO);
        let err = contract.sender(bob).accept_ownership().motsu_unwrap_err();
        assert_eq!(
            err,
            Error::UnauthorizedOwner(OwnableUnauthorizedAccount { account: bob })
        );
        assert_eq!(contract.sender(alice).owner(), alice);
    }

    #[motsu::test]
    fn renounce_ownership_leaves_no_owner(contract: Contract<Roles>, alice: Address, bob: Address) {
        owned_by(&contract, alice);
        contract
            .sender(alice)
            .transfer_ownership(bob)
            .motsu_unwrap();
        contract.sender(alice).renounce_ownership().motsu_unwrap();
        assert_eq!(contract.sender(alice).pending_owner(), Address::ZERO);
        let err = contract.sender(bob).accept_ownership().motsu_unwrap_err();
        assert_eq!(
            err,
            Error::UnauthorizedOwner(OwnableUnauthorizedAccount { account: bob })
        );
        assert_eq!(contract.sender(alice).owner(), Address::ZERO);
        contract.assert_emitted(&OwnershipTransferred {
            previousOwner: alice,
            newOwner: Address::ZERO,
        });
        let err = contract.sender(alice).add_agent(alice).motsu_unwrap_err();
        assert_eq!(
            err,
            Error::UnauthorizedOwner(OwnableUnauthorizedAccount { account: alice })
        );
    }

    #[motsu::test]
    fn renounce_ownership_reverts_when_caller_not_owner(
        contract: Contract<Roles>,
        alice: Address,
        bob: Address,
    ) {
        owned_by(&contract, alice);
        let err = contract.sender(bob).renounce_ownership().motsu_unwrap_err();
        assert_eq!(
            err,
            Error::UnauthorizedOwner(OwnableUnauthorizedAccount { account: bob })
        );
    }

    #[motsu::test]
    fn add_and_remove_agent(contract: Contract<Roles>, alice: Address, bob: Address) {
        owned_by(&contract, alice);
        assert!(!contract.sender(alice).is_agent(bob));
        contract.sender(alice).add_agent(bob).motsu_unwrap();
        assert!(contract.sender(alice).is_agent(bob));
        contract.assert_emitted(&AgentAdded { _agent: bob });
        assert_eq!(contract.sender(bob).only_agent::<Error2>(), Ok(()));

        contract.sender(alice).remove_agent(bob).motsu_unwrap();
        assert!(!contract.sender(alice).is_agent(bob));
        contract.assert_emitted(&AgentRemoved { _agent: bob });
        assert_eq!(
            contract.sender(bob).only_agent::<Error2>(),
            Err(Error2(AgentRoleUnauthorizedAccount { account: bob }))
        );
    }

    #[motsu::test]
    fn add_agent_reverts_when_caller_not_owner(
        contract: Contract<Roles>,
        alice: Address,
        bob: Address,
    ) {
        owned_by(&contract, alice);
        let err = contract.sender(bob).add_agent(bob).motsu_unwrap_err();
        assert_eq!(
            err,
            Error::UnauthorizedOwner(OwnableUnauthorizedAccount { account: bob })
        );
        assert!(!contract.sender(alice).is_agent(bob));
    }

    #[motsu::test]
    fn add_agent_reverts_when_zero_or_existing(
        contract: Contract<Roles>,
        alice: Address,
        bob: Address,
    ) {
        owned_by(&contract, alice);
        let err = contract
            .sender(alice)
            .add_agent(Address::ZERO)
            .motsu_unwrap_err();
        assert_eq!(
            err,
            Error::InvalidAgent(AgentRoleInvalidAgent {
                agent: Address::ZERO
            })
        );
        contract.sender(alice).add_agent(bob).motsu_unwrap();
        let err = contract.sender(alice).add_agent(bob).motsu_unwrap_err();
        assert_eq!(
            err,
            Error::AgentAlreadyExists(AgentRoleAgentAlreadyExists { agent: bob })
        );
    }

    #[motsu::test]
    fn remove_agent_reverts_when_not_agent_or_not_owner(
        contract: Contract<Roles>,
        alice: Address,
        bob: Address,
    ) {
        owned_by(&contract, alice);
        let err = contract.sender(alice).remove_agent(bob).motsu_unwrap_err();
        assert_eq!(
            err,
            Error::AgentNotFound(AgentRoleAgentNotFound { agent: bob })
        );
        contract.sender(alice).add_agent(bob).motsu_unwrap();
        let err = contract.sender(bob).remove_agent(bob).motsu_unwrap_err();
        assert_eq!(
            err,
            Error::UnauthorizedOwner(OwnableUnauthorizedAccount { account: bob })
        );
        assert!(contract.sender(alice).is_agent(bob));
    }

    #[motsu::test]
    fn only_owner_accepts_owner_and_refuses_others(
        contract: Contract<Roles>,
        alice: Address,
        bob: Address,
    ) {
        owned_by(&contract, alice);
        assert_eq!(contract.sender(alice).only_owner::<Error>(), Ok(()));
        assert_eq!(
            contract.sender(bob).only_owner::<Error>(),
            Err(Error::UnauthorizedOwner(OwnableUnauthorizedAccount {
                account: bob
            }))
        );
    }

    /// A stand-in for a contract's error enum.
    #[derive(Debug, PartialEq)]
    struct Error2(AgentRoleUnauthorizedAccount);

    impl From<AgentRoleUnauthorizedAccount> for Error2 {
        fn from(e: AgentRoleUnauthorizedAccount) -> Self {
            Self(e)
        }
    }
}
