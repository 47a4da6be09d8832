//! kazaf: a terminal explorer of Kazakhstan–Afghanistan relations, every claim with its sources.
//!
//! The layers, each using only those above it in this list (ARCHITECTURE.md draws them):
//! - [`data`]: the model, loading with positioned errors, sanitizing, validation, indexes and
//!   the audit. Knows nothing of terminals.
//! - [`search`], [`export`], [`schema`]: the search index; the non-interactive views.
//! - [`watch`]: `--watch`, the data file loaded again on each save, off the event loop (the
//!   app keeps the outcome: the new data, or the error panel's lines).
//! - [`theme`], [`draw`]: colours by role; the drawing kit (symbols, text, lists, scrolling).
//! - [`panes`]: each pane's state and drawing behind one trait, and the list of panes.
//! - [`action`], [`app`]: everything a reader can ask, and the state that `App::apply`
//!   changes; tested without a terminal.
//! - [`input`]: the key table, and terminal events translated into actions.
//! - [`ui`]: the screen around the panes (tab bar, footer, popups); frames as plain text.
//! - [`term`]: terminal setup and restore, signals, suspend, the event loop.
//! - [`cli`]: arguments and commands; `main.rs` only calls it.

pub mod action;
pub mod app;
pub mod cli;
pub mod data;
pub mod draw;
pub mod export;
pub mod import;
pub mod input;
pub mod panes;
pub mod schema;
pub mod search;
pub mod term;
pub mod theme;
pub mod ui;
pub mod watch;
