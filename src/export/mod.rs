//! Non-interactive views of a dataset: the `check` summary, and Markdown, JSON and CSV export,
//! and the references as BibLaTeX, CSL-JSON and RIS (`cite`).
//!
//! They print what the explorer shows, without a terminal: for scripts, for CI (`check` exits
//! non-zero on a broken file), and for readers who cannot use the explorer. Every word and
//! number comes from the data layer's own helpers, so a figure reads the same here as in a pane.

use clap::ValueEnum;

use crate::data::audit::Outcome;
use crate::data::{Db, plural};

mod check;
pub mod cite;
pub mod copy;
mod csv;
mod json;
mod jsonw;
mod markdown;
mod stage;
pub mod timelinejs;

pub use self::check::{audit_text, check_report};
pub use self::csv::csv;
pub use self::json::json;
pub use self::markdown::{markdown, reference_line};
pub use self::stage::stage_part;

/// A table `export --format csv` can write.
// clap shows the variants' doc comments in `kazaf export --help`: they are user-facing text.
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
    let counts = [
        plural(s.stages.len(), "stage"),
        plural(s.events.len(), "event"),
        plural(s.documents.len(), "document"),
        plural(s.figures.len(), "figure"),
        plural(s.charts.len(), "chart"),
        plural(s.statements.len(), "statement"),
        plural(s.notes.len(), "note"),
        plural(s.places.len(), "place"),
        plural(s.people.len(), "person"),
        plural(s.references.len(), "reference"),
    ]
    .join(", ");
    match db.inference_counts() {
        (0, 0) => counts,
        (inferred, outside) => format!(
            "{counts}; {} not stated outright ({inferred} inferred from the article, {outside} from outside it)",
            plural(inferred + outside, "value"),
        ),
    }
}

/// The mark of an audit outcome in text exports (the same characters as the explorer's
/// Unicode set): it reads without colour, and the outcome is written in words beside it.
pub fn outcome_mark(o: Outcome) -> &'static str {
    match o {
        Outcome::Differs => "⚠",
        Outcome::CannotCompare => "⊘",
        Outcome::AgreesWithinRounding => "≈",
        Outcome::Agrees => "✓",
        Outcome::SourceWording => "✎",
    }
}
