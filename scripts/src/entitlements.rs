//! A distribution's entitlements: pro rata to each identity's holding at
//! the record block, rounded down, and their Merkle tree in OpenZeppelin's
//! `StandardMerkleTree` format (the contract's `common::merkle`), dumped as
//! `@openzeppelin/merkle-tree` loads it, with every proof for dApps.
use std::collections::BTreeMap;

use alloy_primitives::{keccak256, Address, B256, U256};
use anyhow::{ensure, Result};
use common::merkle::{self, Tree};
use serde_json::{json, Value};

/// The leaf encoding of an entitlement: `(index, identity, amount)`.
pub const LEAF_ENCODING: [&str; 3] = ["uint256", "address", "uint256"];

/// The entitlements of a distribution and their tree.
#[derive(Debug, Clone)]
pub struct Entitlements {
    /// `(identity, amount)`, leaf `i` at position `i`; identities in
    /// ascending order, none entitled to zero.
    pub amounts: Vec<(Address, U256)>,
    /// What rounding down left of the total (kept by the issuer: the
    /// distribution is funded with the sum of the amounts).
    pub remainder: U256,
    /// The tree.
    pub tree: Tree,
}

/// keccak256, as the contract hashes.
fn keccak(data: &[u8]) -> B256 {
    keccak256(data)
}

impl Entitlements {
    /// Splits `total` pro rata to `holdings` (identity -> tokens): each
    /// identity gets `floor(total * holding / sum of holdings)`.
    ///
    /// # Errors
    ///
    /// When nobody holds anything, or nobody's share is above zero.
    pub fn pro_rata(holdings: &BTreeMap<Address, U256>, total: U256) -> Result<Self> {
        let supply: U256 = holdings.values().copied().sum();
        ensure!(!supply.is_zero(), "nobody holds tokens at the record block");
        let amounts: Vec<(Address, U256)> = holdings
            .iter()
            .filter_map(|(identity, held)| {
                let share = common::math::mul_div(total, *held, supply)?;
                (!share.is_zero()).then_some((*identity, share))
            })
            .collect();
        ensure!(
            !amounts.is_empty(),
            "the total {total} is too small: every identity's share rounds to zero"
        );
        let paid: U256 = amounts.iter().map(|(_, amount)| *amount).sum();
        Self::new(amounts, total - paid)
    }

    /// The tree of given `amounts`.
    ///
    /// # Errors
    ///
    /// When there are none.
    pub fn new(amounts: Vec<(Address, U256)>, remainder: U256) -> Result<Self> {
        let leaves: Vec<B256> = amounts
            .iter()
            .enumerate()
            .map(|(index, (identity, amount))| {
                merkle::leaf(
                    &keccak,
                    &[
                        U256::from(index).into(),
                        identity.into_word(),
                        (*amount).into(),
                    ],
                )
            })
            .collect();
        let tree = Tree::new(&keccak, &leaves).ok_or_else(|| anyhow::anyhow!("no entitlements"))?;
        Ok(Self {
            amounts,
            remainder,
            tree,
        })
    }

    /// The sum of the entitlements: what the distribution is funded with.
    #[must_use]
    pub fn total(&self) -> U256 {
        self.amounts.iter().map(|(_, amount)| *amount).sum()
    }

    /// The tree's root.
    #[must_use]
    pub fn root(&self) -> B256 {
        self.tree.root()
    }

    /// `(index, amount, proof)` of `identity`'s entitlement.
    #[must_use]
    pub fn claim_of(&self, identity: Address) -> Option<(usize, U256, Vec<B256>)> {
        let index = self.amounts.iter().position(|(i, _)| *i == identity)?;
        Some((index, self.amounts[index].1, self.tree.proof(index)?))
    }

    /// The tree as `StandardMerkleTree.dump()` writes it:
    /// `StandardMerkleTree.load(dump)` gives the same root and proofs.
    #[must_use]
    pub fn dump(&self) -> Value {
        json!({
            "format": "standard-v1",
            "leafEncoding": LEAF_ENCODING,
            "tree": self.tree.nodes,
            "values": self.amounts.iter().enumerate().map(|(index, (identity, amount))| json!({
                "value": [index.to_string(), identity.to_checksum(None), amount.to_string()],
                "treeIndex": self.tree.positions[index],
            })).collect::<Vec<_>>(),
        })
    }

    /// Every identity's claim, for dApps: the root, and per identity its
    /// leaf index, amount and proof (the arguments of `claim` after the
    /// distribution's id).
    #[must_use]
    pub fn proofs(&self) -> Value {
        let claims: serde_json::Map<String, Value> = self
            .amounts
            .iter()
            .enumerate()
            .map(|(index, (identity, amount))| {
                (
                    identity.to_checksum(None),
                    json!({
                        "index": index,
                        "amount": amount.to_string(),
                        "proof": self.tree.proof(index).unwrap_or_default(),
                    }),
                )
            })
            .collect();
        json!({
            "root": self.root(),
            "total": self.total().to_string(),
            "remainder": self.remainder.to_string(),
            "claims": claims,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    use alloy_primitives::address;

    use super::*;

    const ALICE: Address = address!("000000000000000000000000000000000000a11c");
    const BOB: Address = address!("0000000000000000000000000000000000000b0b");
    const CAROL: Address = address!("000000000000000000000000000000000000ca20");

    fn holdings(entries: &[(Address, u64)]) -> BTreeMap<Address, U256> {
        entries
            .iter()
            .map(|(identity, held)| (*identity, U256::from(*held)))
            .collect()
    }

    #[test]
    fn shares_are_pro_rata_rounded_down_with_the_remainder_stated() {
        let split = Entitlements::pro_rata(
            &holdings(&[(ALICE, 1), (BOB, 1), (CAROL, 1)]),
            U256::from(100),
        )
        .unwrap();
        // Identities in ascending order.
        assert_eq!(
            split.amounts,
            [
                (BOB, U256::from(33)),
                (ALICE, U256::from(33)),
                (CAROL, U256::from(33))
            ]
        );
        assert_eq!(
            (split.total(), split.remainder),
            (U256::from(99), U256::from(1))
        );
        // A share that rounds to zero gets no leaf.
        let split =
            Entitlements::pro_rata(&holdings(&[(ALICE, 999), (BOB, 1)]), U256::from(500)).unwrap();
        assert_eq!(split.amounts, [(ALICE, U256::from(499))]);
        assert_eq!(split.remainder, U256::from(1));
        assert!(Entitlements::pro_rata(&holdings(&[(ALICE, 0)]), U256::from(5)).is_err());
        assert!(Entitlements::pro_rata(&holdings(&[(ALICE, 5), (BOB, 5)]), U256::from(1)).is_err());
    }

    /// The values of `common::merkle`'s reference vector: the same root.
    #[test]
    fn the_tree_is_openzeppelins() {
        let split = Entitlements::new(
            vec![
                (ALICE, U256::from(1_000)),
                (BOB, U256::from(2_500)),
                (CAROL, U256::from(7)),
            ],
            U256::ZERO,
        )
        .unwrap();
        assert_eq!(
            split.root(),
            alloy_primitives::b256!(
                "b992dd02ce9cd1041cb46d0f0b822e3c7e16be24612575bc69eb905c93e28a01"
            )
        );
        let (index, amount, proof) = split.claim_of(BOB).unwrap();
        assert_eq!((index, amount, proof.len()), (1, U256::from(2_500), 2));
    }

    /// `@openzeppelin/merkle-tree` loads the dump and finds the same root
    /// and proofs (node and npm required, as for the other npm tools).
    #[test]
    fn openzeppelins_library_loads_the_dump_with_the_same_proofs() {
        let root = crate::workspace_root();
        let library =
            crate::tools::npm_package(&root, "@openzeppelin/merkle-tree", "1.0.8").unwrap();
        let split = Entitlements::pro_rata(
            &holdings(&[
                (ALICE, 70),
                (BOB, 20),
                (CAROL, 9),
                (Address::repeat_byte(7), 1),
            ]),
            U256::from(10).pow(U256::from(21)),
        )
        .unwrap();
        let dir = tempdir();
        let dump = dir.join("tree.json");
        std::fs::write(&dump, split.dump().to_string()).unwrap();
        let script = format!(
            "const {{ StandardMerkleTree }} = require({library:?});\n\
             const tree = StandardMerkleTree.load(require({dump:?}));\n\
             tree.validate();\n\
             const proofs = [...tree.entries()].map(([i]) => tree.getProof(i));\n\
             console.log(JSON.stringify({{ root: tree.root, proofs }}));",
            library = library.display().to_string(),
            dump = dump.display().to_string(),
        );
        let output = Command::new("node").arg("-e").arg(script).output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let loaded: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(loaded["root"], json!(split.root()));
        for index in 0..split.amounts.len() {
            assert_eq!(
                loaded["proofs"][index],
                json!(split.tree.proof(index).unwrap())
            );
        }
    }

    /// A fresh directory under `target/`.
    fn tempdir() -> std::path::PathBuf {
        let dir = crate::workspace_root()
            .join("target/tmp")
            .join(format!("entitlements-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
