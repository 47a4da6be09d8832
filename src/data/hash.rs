//! The hash maps and sets the crate uses: std's, with a faster hasher.

/// The maps of the whole crate: std's, with foldhash instead of SipHash. Keys are short ids
/// and small numbers; SipHash was 15% of loading a large file (see BENCHMARKS.md). foldhash's
/// seed is random per process, so a crafted file cannot choose its collisions ahead of time.
pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// See [`HashMap`].
pub type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;
