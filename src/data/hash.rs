//! The hash maps and sets the crate uses: std's, with foldhash instead of SipHash.
//!
//! Keys are short ids and small numbers, and SipHash was a large share of loading a big file
//! (BENCHMARKS.md). foldhash's seed is random per process, so a crafted file still cannot
//! choose its collisions ahead of time.

/// std's map with foldhash: the map of the whole crate.
pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// std's set with foldhash.
pub type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;
