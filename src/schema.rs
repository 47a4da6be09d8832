//! `kazaf schema`: a commented example dataset that documents every field.
//!
//! Kept as a real file (`assets/schema-example.ron`) so that a test can load it: the example a
//! person copies from is always a valid dataset.

/// The example, as `kazaf schema` prints it.
pub const EXAMPLE: &str = include_str!("../assets/schema-example.ron");

/// A short starter dataset, as `kazaf new` writes it: two stages, a few events, a source and
/// a chart, passing `kazaf check --strict` without a warning (a test holds it to that).
pub const STARTER: &str = include_str!("../assets/starter.ron");
