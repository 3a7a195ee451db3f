-- Signed checkpoints of the audit log's Merkle tree (RFC 6962 over the entries' chain hashes).
-- `frontier` is the roots of the perfect subtrees covering the first tree_size leaves,
-- largest first, as hex, concatenated: enough to extend the tree from here.
CREATE TABLE audit_checkpoints (
    tree_size   INTEGER PRIMARY KEY,
    root        TEXT NOT NULL,
    chain_head  TEXT NOT NULL,
    frontier    TEXT NOT NULL,
    note        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
