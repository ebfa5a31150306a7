//! A deployment's address book, `addresses.json`: the chain it is on, the
//! deploying account and each contract's address (full programs as
//! `<crate>.full`), one JSON object:
//!
//! ```json
//! { "chainId": 421614, "deployer": "0x..", "token": "0x..", "token.full": "0x..", ... }
//! ```
//!
//! `suite deploy` writes it beside its record; `suite transactions` and
//! `suite keepalive` read it and refuse another chain's. A book without
//! `chainId` (written before it carried one) is still read.
use std::{collections::BTreeMap, fs, path::Path};

use alloy_primitives::Address;
use anyhow::{ensure, Context, Result};
use serde::{Deserialize, Serialize};

/// An address book.
#[derive(Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressBook {
    /// The chain, when the book names it.
    #[serde(rename = "chainId", default, skip_serializing_if = "Option::is_none")]
    pub chain_id: Option<u64>,
    /// `deployer` and each contract, by name.
    #[serde(flatten)]
    pub addresses: BTreeMap<String, Address>,
}

impl AddressBook {
    /// Reads the book at `path`.
    ///
    /// # Errors
    ///
    /// When it cannot be read or is not an address book.
    pub fn read(path: &Path) -> Result<Self> {
        let text =
            fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        serde_json::from_str(&text).with_context(|| {
            format!(
                "{}: not an address book (a JSON object: \"chainId\": <number>, and name -> \
                 0x address)",
                path.display()
            )
        })
    }

    /// Writes it to `path`.
    ///
    /// # Errors
    ///
    /// When the file cannot be written.
    pub fn write(&self, path: &Path) -> Result<()> {
        fs::write(path, serde_json::to_string_pretty(self)? + "\n")
            .with_context(|| format!("writing {}", path.display()))
    }

    /// Refuses a book of another chain than `chain_id`.
    ///
    /// # Errors
    ///
    /// When the book names another chain.
    pub fn ensure_chain(&self, chain_id: u64, path: &Path) -> Result<()> {
        if let Some(book) = self.chain_id {
            ensure!(
                book == chain_id,
                "{} is the address book of chain {book}, not of chain {chain_id}",
                path.display()
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_book_carries_its_chain_beside_the_addresses() {
        let book = AddressBook {
            chain_id: Some(421_614),
            addresses: BTreeMap::from([
                ("deployer".to_string(), Address::repeat_byte(1)),
                ("token".to_string(), Address::repeat_byte(2)),
            ]),
        };
        let text = serde_json::to_string(&book).unwrap();
        assert!(text.starts_with("{\"chainId\":421614,"), "{text}");
        assert_eq!(serde_json::from_str::<AddressBook>(&text).unwrap(), book);
        let dir = std::env::temp_dir().join(format!("suite-book-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("addresses.json");
        book.write(&path).unwrap();
        let read = AddressBook::read(&path).unwrap();
        read.ensure_chain(421_614, &path).unwrap();
        let err = read.ensure_chain(42_161, &path).unwrap_err().to_string();
        assert!(
            err.contains("address book of chain 421614, not of chain 42161"),
            "{err}"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_book_without_a_chain_is_read_and_anything_else_is_refused() {
        let old: AddressBook =
            serde_json::from_str("{\"deployer\": \"0x0101010101010101010101010101010101010101\"}")
                .unwrap();
        assert_eq!(old.chain_id, None);
        old.ensure_chain(1, Path::new("a")).unwrap();
        assert!(serde_json::from_str::<AddressBook>("{\"token\": 5}").is_err());
        assert!(serde_json::from_str::<AddressBook>("[]").is_err());
    }
}
