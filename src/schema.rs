//! `kazaf schema`: a commented example dataset that documents every field.
//!
//! Kept as a real file (`assets/schema-example.ron`) so that a test can load it: the example a
//! person copies from is always a valid dataset.

/// The example, as `kazaf schema` prints it.
pub const EXAMPLE: &str = include_str!("../assets/schema-example.ron");
