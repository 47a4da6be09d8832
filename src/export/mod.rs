//! Non-interactive views of a dataset: the `check` summary, and Markdown, JSON and CSV export.
//!
//! They print what the explorer shows, without a terminal: for scripts, for CI (`check` exits
//! non-zero on a broken file), and for readers who cannot use the explorer. Every word and
//! number comes from the data layer's own helpers, so a figure reads the same here as in a pane.

use clap::ValueEnum;

use crate::data::Db;

mod check;
mod csv;
mod json;
mod markdown;

pub use self::check::{audit_text, check_report};
pub use self::csv::csv;
pub use self::json::json;
pub use self::markdown::{markdown, reference_line};

/// A table `export --format csv` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Table {
    /// Stages.
    Stages,
    /// Dated events.
    Events,
    /// Legal documents.
    Documents,
    /// Figures with units and provenance.
    Figures,
    /// Chart bars (chart, group, bar, figure, value).
    Charts,
    /// Statements (quotes and paraphrases).
    Statements,
    /// Undated notes.
    Notes,
    /// Places.
    Places,
    /// People.
    People,
    /// References.
    References,
    /// Audit findings.
    Audit,
}

/// Counts, one line: what `check` prints on success, before the audit.
pub fn summary(db: &Db) -> String {
    let s = &db.set;
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    [
        count(s.stages.len(), "stage", "stages"),
        count(s.events.len(), "event", "events"),
        count(s.documents.len(), "document", "documents"),
        count(s.figures.len(), "figure", "figures"),
        count(s.charts.len(), "chart", "charts"),
        count(s.statements.len(), "statement", "statements"),
        count(s.notes.len(), "note", "notes"),
        count(s.places.len(), "place", "places"),
        count(s.people.len(), "person", "people"),
        count(s.references.len(), "reference", "references"),
    ]
    .join(", ")
}
