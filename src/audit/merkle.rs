//! A Merkle tree over the audit log, beside its hash chain (RFC 6962 /
//! RFC 9162, section 2.1): leaf hash SHA-256(0x00 ‖ data), node hash
//! SHA-256(0x01 ‖ left ‖ right). Each entry's leaf data is its 32-byte chain
//! hash, which covers the entry's canonical bytes and the hash before it.
//! With a signed checkpoint of the tree kept elsewhere, truncation and a
//! rewritten history are caught, not only edits in place.

use sha2::{Digest, Sha256};

pub type Hash = [u8; 32];

/// The root of the empty tree: SHA-256 of nothing.
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([0x00]);
    hasher.update(data);
    hasher.finalize().into()
}

pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([0x01]);
    hasher.update(left);
    hasher.update(right);
    hasher.finalize().into()
}

/// The largest power of two smaller than `n` (n ≥ 2).
fn split(n: usize) -> usize {
    1 << (usize::BITS - 1 - (n - 1).leading_zeros())
}

/// MTH over leaf hashes (RFC 9162, 2.1.1).
pub fn root(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => empty_root(),
        1 => leaves[0],
        n => {
            let k = split(n);
            node_hash(&root(&leaves[..k]), &root(&leaves[k..]))
        }
    }
}

/// The audit path of leaf `index` in the tree of `leaves` (RFC 9162, 2.1.3.1), bottom up.
pub fn inclusion_proof(leaves: &[Hash], index: usize) -> Vec<Hash> {
    let n = leaves.len();
    if n <= 1 || index >= n {
        return Vec::new();
    }
    let k = split(n);
    if index < k {
        let mut path = inclusion_proof(&leaves[..k], index);
        path.push(root(&leaves[k..]));
        path
    } else {
        let mut path = inclusion_proof(&leaves[k..], index - k);
        path.push(root(&leaves[..k]));
        path
    }
}

/// The proof that the tree of the first `old` leaves is a prefix of the tree
/// of all `leaves` (RFC 9162, 2.1.4.1).
pub fn consistency_proof(leaves: &[Hash], old: usize) -> Vec<Hash> {
    if old == 0 || old >= leaves.len() {
        return Vec::new();
    }
    subproof(old, leaves, true)
}

fn subproof(m: usize, leaves: &[Hash], complete: bool) -> Vec<Hash> {
    let n = leaves.len();
    if m == n {
        return if complete { Vec::new() } else { vec![root(leaves)] };
    }
    let k = split(n);
    if m <= k {
        let mut proof = subproof(m, &leaves[..k], complete);
        proof.push(root(&leaves[k..]));
        proof
    } else {
        let mut proof = subproof(m - k, &leaves[k..], false);
        proof.push(root(&leaves[..k]));
        proof
    }
}

/// Whether `proof` shows leaf `leaf` at `index` in a tree of `size` with `root` (RFC 9162, 2.1.3.2).
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, proof: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut fn_, mut sn) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if sn == 0 {
            return false;
        }
        if fn_ & 1 == 1 || fn_ == sn {
            r = node_hash(p, &r);
            if fn_ & 1 == 0 {
                while fn_ & 1 == 0 && fn_ != 0 {
                    fn_ >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    sn == 0 && r == *root
}

/// Whether `proof` shows the tree of `old_size` with `old_root` to be a
/// prefix of the tree of `new_size` with `new_root` (RFC 9162, 2.1.4.2).
pub fn verify_consistency(
    old_size: u64,
    new_size: u64,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> bool {
    if old_size == new_size {
        return proof.is_empty() && old_root == new_root;
    }
    if old_size == 0 || old_size > new_size || proof.is_empty() {
        return false;
    }
    let mut path: Vec<Hash> = proof.to_vec();
    if old_size.is_power_of_two() {
        path.insert(0, *old_root);
    }
    let (mut fn_, mut sn) = (old_size - 1, new_size - 1);
    while fn_ & 1 == 1 {
        fn_ >>= 1;
        sn >>= 1;
    }
    let (mut fr, mut sr) = (path[0], path[0]);
    for c in &path[1..] {
        if sn == 0 {
            return false;
        }
        if fn_ & 1 == 1 || fn_ == sn {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            if fn_ & 1 == 0 {
                while fn_ & 1 == 0 && fn_ != 0 {
                    fn_ >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            sr = node_hash(&sr, c);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    sn == 0 && fr == *old_root && sr == *new_root
}

/// The roots of the perfect subtrees that cover the first `size` leaves,
/// largest first: enough to extend the tree leaf by leaf, and its root, without
/// the leaves before (a checkpoint keeps one, so that verifying from it reads
/// only the entries after it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frontier {
    size: u64,
    hashes: Vec<Hash>,
}

impl Frontier {
    /// A frontier as stored; `None` when the hashes do not fit the size.
    pub fn from_parts(size: u64, hashes: Vec<Hash>) -> Option<Frontier> {
        (hashes.len() == size.count_ones() as usize).then_some(Frontier { size, hashes })
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    pub fn hashes(&self) -> &[Hash] {
        &self.hashes
    }

    /// Appends one leaf hash.
    pub fn push(&mut self, leaf: Hash) {
        let mut carry = leaf;
        let mut size = self.size;
        // Each trailing one bit of the size is a subtree of the same height to merge with.
        while size & 1 == 1 {
            let left = self.hashes.pop().expect("one hash per set bit of the size");
            carry = node_hash(&left, &carry);
            size >>= 1;
        }
        self.hashes.push(carry);
        self.size += 1;
    }

    /// The tree's root: the subtrees folded from the smallest up.
    pub fn root(&self) -> Hash {
        let mut hashes = self.hashes.iter().rev();
        let Some(last) = hashes.next() else {
            return empty_root();
        };
        hashes.fold(*last, |right, left| node_hash(left, &right))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(n: usize) -> Vec<Hash> {
        (0..n).map(|i| leaf_hash(format!("entry {i}").as_bytes())).collect()
    }

    #[test]
    fn the_frontier_builds_the_same_root_as_the_tree() {
        let all = leaves(70);
        let mut frontier = Frontier::default();
        assert_eq!(frontier.root(), empty_root());
        for (n, leaf) in all.iter().enumerate() {
            frontier.push(*leaf);
            assert_eq!(frontier.root(), root(&all[..=n]), "size {}", n + 1);
            let again = Frontier::from_parts(frontier.size(), frontier.hashes().to_vec()).unwrap();
            assert_eq!(again, frontier);
        }
        assert!(Frontier::from_parts(3, vec![[0; 32]]).is_none());
    }

    #[test]
    fn proofs_verify_and_tampered_ones_do_not() {
        let all = leaves(37);
        for size in 1..=all.len() {
            let tree = &all[..size];
            let head = root(tree);
            for index in 0..size {
                let proof = inclusion_proof(tree, index);
                assert!(verify_inclusion(index as u64, size as u64, &tree[index], &proof, &head));
                assert!(!verify_inclusion(index as u64, size as u64, &leaf_hash(b"other"), &proof, &head));
                if let Some(first) = proof.first() {
                    let mut bad = proof.clone();
                    bad[0] = node_hash(first, first);
                    assert!(!verify_inclusion(index as u64, size as u64, &tree[index], &bad, &head));
                }
            }
            for old in 1..=size {
                let proof = consistency_proof(tree, old);
                let old_root = root(&tree[..old]);
                assert!(
                    verify_consistency(old as u64, size as u64, &old_root, &head, &proof),
                    "{old} → {size}"
                );
                if old < size {
                    assert!(!verify_consistency(old as u64, size as u64, &leaf_hash(b"x"), &head, &proof));
                }
            }
        }
    }
}
