//! What `kazaf check` prints for a dataset that loads: its counts, then the audit rule by rule.

use std::fmt::Write as _;

use super::summary;
use crate::data::{Db, plural};

/// The audit as plain text, one rule a block.
pub fn audit_text(db: &Db) -> String {
    let mut out = String::new();
    for r in &db.audit {
        let mark = if r.passed() { "ok  " } else { "WARN" };
        let _ = writeln!(out, "{mark} {}", r.title);
        for f in &r.findings {
            for (k, line) in f.lines(db).iter().enumerate() {
                let lead = match (k, f.ok) {
                    (0, true) => "       ✓ ",
                    (0, false) => "       ! ",
                    _ => "         ",
                };
                let _ = writeln!(out, "{lead}{line}");
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
        plural(db.warnings(), "warning"),
        audit_text(db)
    )
}
