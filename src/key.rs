//! Keys: hashes of a computation's inputs, so the caches of a `serve` session (render,
//! validation, search) can tell what changed. Stable within one process, which is all a
//! session needs; never written to disk.

use std::hash::{DefaultHasher, Hash, Hasher};

/// A hash of a page's, a group's or a document's inputs.
pub type Key = u64;

/// Hashes any value into a [`Key`].
pub fn key_of(value: impl Hash) -> Key {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}
