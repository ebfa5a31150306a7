//! Events and errors of the documents contract.
use common::roles::OwnableInvalidOwner;

pub use sol::*;

#[allow(missing_docs)]
mod sol {
    use alloy_sol_types::sol;

    sol! {
        /// The document `_name` was published or replaced: it now reads
        /// `_uri`, whose content hashes to `_documentHash` (ERC-1643).
        #[derive(Debug, PartialEq)]
        event DocumentUpdated(bytes32 indexed _name, string _uri, bytes32 _documentHash);
        /// The document `_name`, which read `_uri` and hashed to
        /// `_documentHash`, was removed (ERC-1643).
        #[derive(Debug, PartialEq)]
        event DocumentRemoved(bytes32 indexed _name, string _uri, bytes32 _documentHash);

        /// `account` is neither the owner nor an agent.
        #[derive(Debug, PartialEq)]
        error DocumentsUnauthorizedAccount(address account);
        /// A document needs a non-zero name.
        #[derive(Debug, PartialEq)]
        error DocumentsInvalidName();
        /// A document needs a URI (1 to 1,024 bytes); `length` was given.
        #[derive(Debug, PartialEq)]
        error DocumentsInvalidUri(uint256 length);
        /// No document is named `name`.
        #[derive(Debug, PartialEq)]
        error DocumentsNotFound(bytes32 name);
        /// The contract already holds `max` documents, the most it lists.
        #[derive(Debug, PartialEq)]
        error DocumentsTooMany(uint256 max);
    }
}

common::contract_error! {
    plain
    /// A rejection by the documents contract. Nothing changes when a call is
    /// rejected.
    pub enum Error {
        /// The admin given to the constructor is the zero address.
        InvalidOwner(OwnableInvalidOwner),
        /// The caller is neither the owner nor an agent.
        UnauthorizedAccount(DocumentsUnauthorizedAccount),
        /// The name is zero.
        InvalidName(DocumentsInvalidName),
        /// The URI is empty or too long.
        InvalidUri(DocumentsInvalidUri),
        /// No such document.
        NotFound(DocumentsNotFound),
        /// The list is full.
        TooMany(DocumentsTooMany),
    }
}
