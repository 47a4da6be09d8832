//! `kazaf schema`: a commented example dataset that documents every field, or (with
//! `--format json-schema`) the dataset's JSON Schema, for editors of JSON datasets.
//!
//! Kept as a real file (`assets/schema-example.ron`) so that a test can load it: the example a
//! person copies from is always a valid dataset.

/// The example, as `kazaf schema` prints it.
pub const EXAMPLE: &str = include_str!("../assets/schema-example.ron");

/// A short starter dataset, as `kazaf new` writes it: two stages, a few events, a source and
/// a chart, passing `kazaf check --strict` without a warning (a test holds it to that).
pub const STARTER: &str = include_str!("../assets/starter.ron");

/// The dataset's JSON Schema, as `kazaf schema --format json-schema` prints it: generated from
/// the model by a test, and the schema a JSON dataset is read by (`data::json`).
pub const JSON_SCHEMA: &str = crate::data::json::SCHEMA;
