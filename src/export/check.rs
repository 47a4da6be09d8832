//! What `kazaf check` prints for a dataset that loads: its counts, then the audit's findings
//! grouped by outcome, what differs first.

use std::fmt::Write as _;

use super::{outcome_mark, summary};
use crate::data::audit::{Outcome, with_outcome};
use crate::data::{Db, plural};

/// The audit as plain text: one block per outcome that occurs (`Differs: 6 findings`), each
/// finding under it with its mark, its outcome in words, its rule and its lines.
pub fn audit_text(db: &Db) -> String {
    let mut out = String::new();
    for o in Outcome::ALL {
        let found = with_outcome(&db.audit, o);
        if found.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{}: {}", o.heading(), plural(found.len(), "finding"));
        for (r, f) in found {
            let _ = writeln!(out, "  {} {} — {}", outcome_mark(o), o.words(), r.title);
            for line in f.lines(db) {
                let _ = writeln!(out, "      {line}");
            }
        }
    }
    out
}

/// What `kazaf check` prints for a valid dataset.
pub fn check_report(db: &Db) -> String {
    format!(
        "ok: {}\naudit: {}, {}\n{}",
        summary(db),
        plural(db.audit.len(), "rule"),
        db.audit_count(),
        audit_text(db)
    )
}
