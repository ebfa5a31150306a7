//! The token's name and symbol, in fixed storage slots.
//!
//! `StorageString` keeps Solidity's long-string layout, whose length
//! handling pulls 256-bit division into the wasm (measured: about 3 KiB
//! compressed). A name or symbol of at most [`MAX_LEN`] bytes fits in two
//! fixed words and a length byte instead.
use alloc::{string::String, vec, vec::Vec};

use alloy_primitives::{B256, U8};
use stylus_sdk::{
    prelude::*,
    storage::{StorageB256, StorageU8},
};

/// The longest name or symbol, in bytes.
pub const MAX_LEN: usize = 64;

/// A string of 1 to [`MAX_LEN`] bytes.
#[storage]
pub struct ShortString {
    /// Length in bytes.
    len: StorageU8,
    /// Bytes 0..32, zero-padded.
    head: StorageB256,
    /// Bytes 32..64, zero-padded.
    tail: StorageB256,
}

impl ShortString {
    /// The stored bytes.
    pub fn bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(MAX_LEN);
        bytes.extend_from_slice(self.head.get().as_slice());
        bytes.extend_from_slice(self.tail.get().as_slice());
        bytes.truncate(usize::from(self.len.get().to::<u8>()));
        bytes
    }

    /// The stored string (empty before the first [`ShortString::set`]).
    pub fn get(&self) -> String {
        // The bytes are those of a `String` given to `set`, whole: valid
        // UTF-8, so the fallback never happens.
        String::from_utf8(self.bytes()).unwrap_or_default()
    }

    /// Stores `text` if it has 1 to [`MAX_LEN`] bytes.
    ///
    /// # Errors
    ///
    /// The length of `text` when it is empty or longer than [`MAX_LEN`].
    pub fn set(&mut self, text: &str) -> Result<(), usize> {
        let bytes = text.as_bytes();
        if bytes.is_empty() || bytes.len() > MAX_LEN {
            return Err(bytes.len());
        }
        let mut padded = [0u8; MAX_LEN];
        padded[..bytes.len()].copy_from_slice(bytes);
        // `bytes.len() <= 64` fits in a byte.
        self.len.set(U8::from(bytes.len() as u8));
        self.head.set(B256::from_slice(&padded[..32]));
        self.tail.set(B256::from_slice(&padded[32..]));
        Ok(())
    }
}
