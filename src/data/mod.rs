//! The data layer: the model, loading, validation, the indexes, the audit, and the words and
//! numbers every view writes. It knows nothing of terminals.
//!
//! Kept apart so that the explorer, `check` and the exports read one dataset the same way: a
//! figure, a date or a provenance is written by one function here, whoever prints it, and a
//! dataset can be loaded and checked (by tests, benches, scripts) without a screen.
//!
//! Data flows one way: text → [`model::Dataset`] (parsed, every string sanitized) →
//! [`validate`] → [`Db`] (the dataset plus the indexes and audit results every view needs,
//! built once) → the UI, the exporters and `check`.

pub mod audit;
pub mod compute;
pub mod expr;
pub mod interval;
pub mod json;
pub mod load;
pub mod locate;
pub mod model;
pub mod sanitize;
pub mod suggest;
pub mod validate;
pub mod world;

mod date;
mod db;
mod format;
mod hash;
mod item;

pub use date::Date;
pub use db::{Db, Prepared};
pub use format::{cite_marks, fmt_lat, fmt_lon, fmt_num, fmt_value, plural, ron_string, spellings};
pub use hash::{HashMap, HashSet};
pub use item::{IdIndex, IdProblem, ItemRef, id_of};
