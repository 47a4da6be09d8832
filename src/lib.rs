//! kazaf: a terminal explorer of Kazakhstan–Afghanistan relations, every claim with its sources.
//!
//! Module map (data flows down the list, never up):
//! - [`data`]: the model, loading with positioned errors, sanitizing, validation, indexes and
//!   the audit. Knows nothing of terminals.
//! - [`export`], [`schema`]: the non-interactive views (`check`, `export`, `schema`).
//! - [`action`]: every user action and the one key table (help and footer read it).
//! - [`search`]: the search index (every item's text folded once) and its scan.
//! - [`app`]: the state and `App::apply(Action)`, the only way it changes; tested without a
//!   terminal.
//! - [`theme`]: the only place that names colours.
//! - [`ui`]: `impl Widget for &App`, one file per pane and overlay; `render` as plain text.
//! - [`term`]: terminal setup and restore, signals, suspend, the event loop.
//! - [`cli`]: arguments and commands; `main.rs` only calls it.

pub mod action;
pub mod app;
pub mod cli;
pub mod data;
pub mod export;
pub mod schema;
pub mod search;
pub mod term;
pub mod theme;
pub mod ui;
