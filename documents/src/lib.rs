//! The legal documents of a security token, as ERC-1643 (ERC-1400's
//! document management) defines them.
//!
//! Each document has a non-zero 32-byte name (for example
//! `bytes32("prospectus")`), a URI where it is published, the hash of its
//! content (so that a reader can check what it downloaded) and the time it
//! was last set. The owner and the agents publish, replace and remove
//! documents; anyone reads them, one by name (`getDocument`) or all their
//! names (`getAllDocuments`, at most [`MAX_DOCUMENTS`] so that the list
//! stays readable by any caller).
//!
//! The contract names the token it documents (`token()`), and the suite's
//! deployment record names the contract, so a dApp finds the documents from
//! either side. The prospectus, the subscription agreement and each
//! distribution's notice are published here.
// no_std only in the deployed wasm: host builds (tests, export-abi) link
// std for its allocator and panic handler.
#![cfg_attr(
    all(target_arch = "wasm32", not(feature = "export-abi")),
    no_std,
    no_main
)]
extern crate alloc;

pub mod errors;
#[cfg(test)]
mod tests;

use alloc::{string::String, vec, vec::Vec};

use alloy_primitives::{Address, B256, U256, U32, U64};
use alloy_sol_types::{SolEvent, SolValue};
use common::{
    host::{block_timestamp, msg_sender},
    log::emit,
    roles::Roles,
    storage::{swap_remove, Key},
};
use stylus_sdk::{
    prelude::*,
    storage::{
        StorageAddress, StorageB256, StorageMap, StorageString, StorageU32, StorageU64, StorageVec,
    },
};

pub use errors::*;

/// The most documents the contract holds: `getAllDocuments` stays within
/// what any caller can read.
pub const MAX_DOCUMENTS: usize = 256;
/// The longest URI, in bytes.
pub const MAX_URI_BYTES: usize = 1_024;

/// What the contract records of a document.
#[storage]
pub struct Document {
    /// Where it is published.
    uri: StorageString,
    /// The hash of its content.
    hash: StorageB256,
    /// When it was last set (Unix seconds); shares a slot with `position`.
    modified: StorageU64,
    /// Its position in the list of names plus one; 0 when there is no such
    /// document.
    position: StorageU32,
}

/// The documents contract.
#[entrypoint]
#[storage]
pub struct Documents {
    /// Owner (appoints agents) and agents; both publish.
    #[borrow]
    pub roles: Roles,
    /// The token these are the documents of.
    token: StorageAddress,
    /// The names of the documents, in no particular order.
    names: StorageVec<StorageB256>,
    /// Name -> document.
    documents: StorageMap<Key, Document>,
}

/// `getDocument`'s answer: the URI, the content's hash and the time it was
/// last modified (all empty for an unknown name).
///
/// The SDK encodes a returned tuple holding a string as one value behind an
/// offset word; ERC-1643 callers decode the three values as Solidity returns
/// them, which is what this type's encoding is. The exported interface sees
/// the plain tuple.
#[cfg(not(feature = "export-abi"))]
#[derive(Debug, PartialEq)]
pub struct DocumentRecord(pub String, pub B256, pub U256);

/// `getDocument`'s answer: the URI, the content's hash and the time it was
/// last modified (all empty for an unknown name).
#[cfg(feature = "export-abi")]
pub type DocumentRecord = (String, B256, U256);

#[cfg(not(feature = "export-abi"))]
impl stylus_sdk::abi::internal::EncodableReturnType for DocumentRecord {
    fn encode(self) -> stylus_sdk::ArbResult {
        Ok((self.0, self.1, self.2).abi_encode_params())
    }
}

#[public]
#[inherit(Roles)]
impl Documents {
    /// Sets the owner and the token documented.
    ///
    /// # Arguments
    ///
    /// * `admin` - The owner (the deployer factory is the caller here).
    /// * `token` - The token these are the documents of.
    ///
    /// # Errors
    ///
    /// * [`Error::InvalidOwner`] - `admin` is the zero address.
    ///
    /// # Events
    ///
    /// * `OwnershipTransferred`.
    #[constructor]
    pub fn constructor(&mut self, admin: Address, token: Address) -> Result<(), Error> {
        self.roles.init::<Error>(admin)?;
        self.token.set(token);
        Ok(())
    }

    /// Returns the token these are the documents of.
    pub fn token(&self) -> Address {
        self.token.get()
    }

    /// Returns the document `name`: its URI, its content's hash and when it
    /// was last modified; empty values when there is no such document.
    ///
    /// # Arguments
    ///
    /// * `name` - The document's name.
    pub fn get_document(&self, name: B256) -> DocumentRecord {
        let document = self.documents.getter(Key(name));
        let record = (
            document.uri.get_string(),
            document.hash.get(),
            U256::from(document.modified.get()),
        );
        #[cfg(not(feature = "export-abi"))]
        let record = DocumentRecord(record.0, record.1, record.2);
        record
    }

    /// Publishes the document `name`, or replaces it, stamped with the
    /// block's time. Owner or agent only.
    ///
    /// # Arguments
    ///
    /// * `name` - The document's name, not zero.
    /// * `uri` - Where it is published, 1 to 1,024 bytes.
    /// * `document_hash` - The hash of its content (any scheme; zero when
    ///   the issuer publishes none).
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAccount`] - The caller is neither the owner
    ///   nor an agent.
    /// * [`Error::InvalidName`] - `name` is zero.
    /// * [`Error::InvalidUri`] - `uri` is empty or longer than 1,024 bytes.
    /// * [`Error::TooMany`] - A new document when 256 are published.
    ///
    /// # Events
    ///
    /// * [`DocumentUpdated`].
    pub fn set_document(
        &mut self,
        name: B256,
        uri: String,
        document_hash: B256,
    ) -> Result<(), Error> {
        self._only_writer()?;
        if name.is_zero() {
            return Err(DocumentsInvalidName {}.into());
        }
        if uri.is_empty() || uri.len() > MAX_URI_BYTES {
            return Err(DocumentsInvalidUri {
                length: U256::from(uri.len()),
            }
            .into());
        }
        let now = block_timestamp(self.vm());
        let count = self.names.len();
        let mut document = self.documents.setter(Key(name));
        if document.position.get() == 0 {
            if count >= MAX_DOCUMENTS {
                return Err(DocumentsTooMany {
                    max: U256::from(MAX_DOCUMENTS),
                }
                .into());
            }
            // count < MAX_DOCUMENTS (256): the position fits a u32.
            document.position.set(U32::from(count + 1));
            self.names.push(name);
        }
        document.uri.set_str(&uri);
        document.hash.set(document_hash);
        document.modified.set(U64::from(now));
        self._log(DocumentUpdated::SIGNATURE_HASH, name, uri, document_hash);
        Ok(())
    }

    /// Removes the document `name`. Owner or agent only.
    ///
    /// # Arguments
    ///
    /// * `name` - The document's name.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAccount`] - The caller is neither the owner
    ///   nor an agent.
    /// * [`Error::NotFound`] - There is no document `name`.
    ///
    /// # Events
    ///
    /// * [`DocumentRemoved`], with the URI and hash it had.
    pub fn remove_document(&mut self, name: B256) -> Result<(), Error> {
        self._only_writer()?;
        let document = self.documents.getter(Key(name));
        // A u32 fits a usize on wasm32 and on 64-bit hosts.
        let position = document.position.get().to::<usize>();
        if position == 0 {
            return Err(DocumentsNotFound { name }.into());
        }
        let (uri, hash) = (document.uri.get_string(), document.hash.get());
        // The last name moves into the removed one's place.
        // position >= 1: the list holds `name`, so it is not empty.
        let last = self.names.len().saturating_sub(1);
        if position - 1 != last {
            if let Some(moved) = self.names.get(last) {
                self.documents
                    .setter(Key(moved))
                    .position
                    .set(U32::from(position));
            }
        }
        swap_remove(&mut self.names, position - 1);
        let mut document = self.documents.setter(Key(name));
        document.uri.erase();
        document.hash.erase();
        document.modified.erase();
        document.position.erase();
        self._log(DocumentRemoved::SIGNATURE_HASH, name, uri, hash);
        Ok(())
    }

    /// Returns the names of every document, in no particular order.
    pub fn get_all_documents(&self) -> Vec<B256> {
        (0..self.names.len())
            .filter_map(|i| self.names.get(i))
            .collect()
    }
}

impl Documents {
    /// Refuses the call unless the caller is the owner or an agent.
    ///
    /// # Errors
    ///
    /// * [`Error::UnauthorizedAccount`] - The caller is neither.
    fn _only_writer(&self) -> Result<(), Error> {
        let account = msg_sender(self.vm());
        if account != self.roles.owner() && !self.roles.is_agent(account) {
            return Err(DocumentsUnauthorizedAccount { account }.into());
        }
        Ok(())
    }

    /// Emits `DocumentUpdated` or `DocumentRemoved` (`topic0`): the name
    /// indexed, then the URI and the hash.
    fn _log(&self, topic0: B256, name: B256, uri: String, hash: B256) {
        emit(self.vm(), &[topic0, name], &(uri, hash).abi_encode_params());
    }
}
