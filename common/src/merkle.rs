//! Merkle trees in OpenZeppelin's `StandardMerkleTree` format, so that
//! dApps build and check them with `@openzeppelin/merkle-tree`.
//!
//! A leaf is `keccak256(keccak256(abi.encode(values)))` (hashed twice, so
//! that no leaf can pass for an inner node); an inner node is the hash of
//! its two children in ascending order, so a proof is the list of
//! siblings, without left/right flags. The tree is laid out as the library
//! lays it out (leaves sorted by hash, stored from the end of one array,
//! node `i` the parent of `2i + 1` and `2i + 2`), so its root, proofs and
//! JSON dump are the library's for the same values.
//!
//! Every function takes the keccak to use: the host's in a contract
//! ([`crate::host::keccak`]), alloy's off chain.
use alloc::vec::Vec;

use alloy_primitives::B256;

/// The leaf of `values`, each an ABI word (`abi.encode` of static values
/// is their words in order).
#[must_use]
pub fn leaf(keccak: &impl Fn(&[u8]) -> B256, values: &[B256]) -> B256 {
    let mut encoded = Vec::with_capacity(values.len() * 32);
    for value in values {
        encoded.extend_from_slice(value.as_slice());
    }
    keccak(keccak(&encoded).as_slice())
}

/// The parent of `a` and `b`: the hash of the smaller, then the larger.
#[must_use]
pub fn parent(keccak: &impl Fn(&[u8]) -> B256, a: B256, b: B256) -> B256 {
    let (low, high) = if a <= b { (a, b) } else { (b, a) };
    let mut pair = [0u8; 64];
    pair[..32].copy_from_slice(low.as_slice());
    pair[32..].copy_from_slice(high.as_slice());
    keccak(&pair)
}

/// Whether `proof` leads from `leaf` to `root`.
#[must_use]
pub fn verify(keccak: &impl Fn(&[u8]) -> B256, proof: &[B256], root: B256, leaf: B256) -> bool {
    proof
        .iter()
        .fold(leaf, |node, sibling| parent(keccak, node, *sibling))
        == root
}

/// A whole tree, as `StandardMerkleTree.of` builds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tree {
    /// Every node; the root first, the leaves last.
    pub nodes: Vec<B256>,
    /// The position in `nodes` of each leaf, in the order they were given.
    pub positions: Vec<usize>,
}

impl Tree {
    /// The tree of `leaves` (hashes from [`leaf`]); `None` when there are
    /// none.
    #[must_use]
    pub fn new(keccak: &impl Fn(&[u8]) -> B256, leaves: &[B256]) -> Option<Self> {
        if leaves.is_empty() {
            return None;
        }
        let mut order: Vec<usize> = (0..leaves.len()).collect();
        order.sort_by_key(|&i| leaves[i]);
        // n leaves, n - 1 inner nodes: at most 2n - 1 < 2^64 entries.
        let count = 2 * leaves.len() - 1;
        let mut nodes = alloc::vec![B256::ZERO; count];
        let mut positions = alloc::vec![0; leaves.len()];
        for (rank, &given) in order.iter().enumerate() {
            positions[given] = count - 1 - rank;
            nodes[count - 1 - rank] = leaves[given];
        }
        for i in (0..count - leaves.len()).rev() {
            nodes[i] = parent(keccak, nodes[2 * i + 1], nodes[2 * i + 2]);
        }
        Some(Self { nodes, positions })
    }

    /// The root.
    #[must_use]
    pub fn root(&self) -> B256 {
        self.nodes[0]
    }

    /// The proof of the leaf given `index`-th (`None` out of range).
    #[must_use]
    pub fn proof(&self, index: usize) -> Option<Vec<B256>> {
        let mut position = *self.positions.get(index)?;
        let mut proof = Vec::new();
        while position > 0 {
            // Odd positions are left children, their sibling on the right.
            let sibling = if position % 2 == 1 {
                position + 1
            } else {
                position - 1
            };
            proof.push(self.nodes[sibling]);
            position = (position - 1) / 2;
        }
        Some(proof)
    }
}

#[cfg(test)]
mod tests {
    use alloy_primitives::{address, b256, keccak256, Address, U256};

    use super::*;

    fn keccak(data: &[u8]) -> B256 {
        keccak256(data)
    }

    /// The leaf of `(uint256 index, address identity, uint256 amount)`.
    fn entitlement(index: u64, identity: Address, amount: u64) -> B256 {
        leaf(
            &keccak,
            &[
                U256::from(index).into(),
                identity.into_word(),
                U256::from(amount).into(),
            ],
        )
    }

    /// `StandardMerkleTree.of(values, ["uint256", "address", "uint256"])`
    /// of `@openzeppelin/merkle-tree` 1.0.8, with these three values: its
    /// root, leaf hashes and proofs.
    #[test]
    fn trees_match_openzeppelin_merkle_tree() {
        let leaves = [
            entitlement(
                0,
                address!("000000000000000000000000000000000000a11c"),
                1_000,
            ),
            entitlement(
                1,
                address!("0000000000000000000000000000000000000b0b"),
                2_500,
            ),
            entitlement(2, address!("000000000000000000000000000000000000ca20"), 7),
        ];
        assert_eq!(
            leaves,
            [
                b256!("e65f4074068c8da835c711040155dc7f618d94958e456c5fb4583a767b6467fe"),
                b256!("545f5a070c1ee461c039786c47b00884165089fa91ad18365a10723bcce1afc8"),
                b256!("dba8b315c8a290379b248b51383333b93f59db03c09ce254c113f0fdf122c9d0"),
            ]
        );
        let tree = Tree::new(&keccak, &leaves).unwrap();
        let root = b256!("b992dd02ce9cd1041cb46d0f0b822e3c7e16be24612575bc69eb905c93e28a01");
        assert_eq!(tree.root(), root);
        assert_eq!(
            tree.proof(0).unwrap(),
            [b256!(
                "b54322e161e751b36f20d85db02c55a5fe375c349ccc25bbd5d9f45b7c570291"
            )]
        );
        assert_eq!(tree.proof(1).unwrap(), [leaves[2], leaves[0]]);
        assert_eq!(tree.proof(2).unwrap(), [leaves[1], leaves[0]]);
        for (i, leaf) in leaves.iter().enumerate() {
            assert!(verify(&keccak, &tree.proof(i).unwrap(), root, *leaf));
        }
        assert_eq!(tree.proof(3), None);
    }

    #[test]
    fn a_proof_proves_only_its_own_leaf() {
        let leaves: Vec<B256> = (0..9u64)
            .map(|i| entitlement(i, Address::repeat_byte(i as u8 + 1), 100 + i))
            .collect();
        let tree = Tree::new(&keccak, &leaves).unwrap();
        for (i, leaf) in leaves.iter().enumerate() {
            let proof = tree.proof(i).unwrap();
            assert!(verify(&keccak, &proof, tree.root(), *leaf));
            // Another amount, another leaf, a truncated proof: refused.
            let more = entitlement(i as u64, Address::repeat_byte(i as u8 + 1), 101 + i as u64);
            assert!(!verify(&keccak, &proof, tree.root(), more));
            assert!(!verify(&keccak, &proof[1..], tree.root(), *leaf));
        }
        // A single leaf is its own root, with an empty proof.
        let one = Tree::new(&keccak, &leaves[..1]).unwrap();
        assert_eq!(one.root(), leaves[0]);
        assert!(one.proof(0).unwrap().is_empty());
        assert_eq!(Tree::new(&keccak, &[]), None);
    }
}
