//! Non-interactive views of a dataset: the `check` summary, and Markdown, JSON and CSV export.
//!
//! The Markdown report is the explorer's accessible twin: everything the panes show, in reading
//! order, as plain text a screen reader or a printer handles.

use std::fmt::Write as _;

use clap::ValueEnum;

use crate::data::model::{Provenance, StatementKind};
use crate::data::{Db, ItemRef, fmt_value};

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

fn cites(c: &[u32]) -> String {
    crate::data::cite_marks(c)
}

fn cites_csv(c: &[u32]) -> String {
    c.iter().map(u32::to_string).collect::<Vec<_>>().join(";")
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
    let warnings: usize = db
        .audit
        .iter()
        .map(super::data::audit::AuditResult::warnings)
        .sum();
    format!(
        "ok: {}\naudit: {} rules, {} warning{}\n{}",
        summary(db),
        db.audit.len(),
        warnings,
        if warnings == 1 { "" } else { "s" },
        audit_text(db)
    )
}

/// The whole dataset as JSON.
pub fn json(db: &Db) -> String {
    let mut s =
        serde_json::to_string_pretty(&db.set).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// One table as CSV, every row keeping its citation numbers.
pub fn csv(db: &Db, table: Table) -> String {
    let s = &db.set;
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut row = |cells: &[&str]| {
        let _ = w.write_record(cells);
    };
    match table {
        Table::Stages => {
            row(&["id", "name", "start", "end", "summary", "cites"]);
            for st in &s.stages {
                let end = st
                    .end
                    .map_or_else(|| "present".to_string(), |e| e.to_string());
                row(&[
                    &st.id,
                    &st.name,
                    &st.start.to_string(),
                    &end,
                    &st.summary,
                    &cites_csv(&st.cites),
                ]);
            }
        }
        Table::Events => {
            row(&[
                "id",
                "date",
                "precision",
                "stage",
                "category",
                "title",
                "text",
                "places",
                "people",
                "cites",
            ]);
            for (i, e) in s.events.iter().enumerate() {
                row(&[
                    &e.id,
                    &e.date,
                    db.dates[i].precision(),
                    &e.stage,
                    e.category.name(),
                    &e.title,
                    &e.text,
                    &e.places
                        .iter()
                        .map(super::data::model::Text::as_str)
                        .collect::<Vec<_>>()
                        .join(";"),
                    &e.people
                        .iter()
                        .map(super::data::model::Text::as_str)
                        .collect::<Vec<_>>()
                        .join(";"),
                    &cites_csv(&e.cites),
                ]);
            }
        }
        Table::Documents => {
            row(&["id", "kind", "title", "stage", "event", "cites"]);
            for d in &s.documents {
                row(&[
                    &d.id,
                    d.kind.name(),
                    &d.title,
                    &d.stage,
                    d.event.as_deref().unwrap_or(""),
                    &cites_csv(&d.cites),
                ]);
            }
        }
        Table::Figures => {
            row(&[
                "id",
                "label",
                "value",
                "unit",
                "qualifier",
                "period",
                "provenance",
                "formula",
                "places",
                "cites",
                "note",
            ]);
            for f in &s.figures {
                let (prov, formula) = match &f.provenance {
                    Provenance::Stated => ("stated", String::new()),
                    Provenance::Derived { formula } => ("derived", formula.to_string()),
                    Provenance::Counted { events } => (
                        "counted",
                        format!(
                            "count({})",
                            events
                                .iter()
                                .map(super::data::model::Text::as_str)
                                .collect::<Vec<_>>()
                                .join(";")
                        ),
                    ),
                };
                row(&[
                    &f.id,
                    &f.label,
                    &f.value.to_string(),
                    f.unit.name(),
                    f.qualifier.word().unwrap_or(""),
                    &f.period,
                    prov,
                    &formula,
                    &f.places
                        .iter()
                        .map(super::data::model::Text::as_str)
                        .collect::<Vec<_>>()
                        .join(";"),
                    &cites_csv(&f.cites),
                    &f.note,
                ]);
            }
        }
        Table::Charts => {
            row(&["chart", "unit", "group", "bar", "figure", "value", "cites"]);
            for c in &s.charts {
                for g in &c.groups {
                    for (label, fig) in &g.bars {
                        let f = db.figure(fig);
                        row(&[
                            &c.id,
                            c.unit.name(),
                            &g.label,
                            label,
                            fig,
                            &f.map(|f| f.value.to_string()).unwrap_or_default(),
                            &f.map(|f| cites_csv(&f.cites)).unwrap_or_default(),
                        ]);
                    }
                }
            }
        }
        Table::Statements => {
            row(&["id", "speaker", "kind", "text", "event", "cites"]);
            for st in &s.statements {
                let kind = match st.kind {
                    StatementKind::Quote => "quote",
                    StatementKind::Paraphrase => "paraphrase",
                };
                row(&[
                    &st.id,
                    &st.speaker,
                    kind,
                    &st.text,
                    st.event.as_deref().unwrap_or(""),
                    &cites_csv(&st.cites),
                ]);
            }
        }
        Table::Notes => {
            row(&[
                "id", "topic", "title", "text", "places", "people", "cites", "at",
            ]);
            for n in &s.notes {
                row(&[
                    &n.id,
                    &n.topic,
                    &n.title,
                    &n.text,
                    &n.places
                        .iter()
                        .map(super::data::model::Text::as_str)
                        .collect::<Vec<_>>()
                        .join(";"),
                    &n.people
                        .iter()
                        .map(super::data::model::Text::as_str)
                        .collect::<Vec<_>>()
                        .join(";"),
                    &cites_csv(&n.cites),
                    &n.at,
                ]);
            }
        }
        Table::Places => {
            row(&["id", "name", "kind", "country", "lat", "lon"]);
            for p in &s.places {
                row(&[
                    &p.id,
                    &p.name,
                    &p.kind,
                    &p.country,
                    &p.lat.to_string(),
                    &p.lon.to_string(),
                ]);
            }
        }
        Table::People => {
            row(&["id", "name", "role", "country"]);
            for p in &s.people {
                row(&[&p.id, &p.name, &p.role, &p.country]);
            }
        }
        Table::References => {
            row(&[
                "number",
                "authors",
                "title",
                "title_en",
                "publisher",
                "date",
                "locator",
                "pages",
                "kind",
                "note",
                "cited_by",
            ]);
            for (i, r) in s.references.iter().enumerate() {
                row(&[
                    &r.number.to_string(),
                    &r.authors,
                    &r.title,
                    &r.title_en,
                    &r.publisher,
                    &r.date,
                    &r.locator,
                    &r.pages,
                    r.kind.name(),
                    &r.note,
                    &db.cited_by[i].len().to_string(),
                ]);
            }
        }
        Table::Audit => {
            row(&["rule", "status", "finding"]);
            for r in &db.audit {
                for f in &r.findings {
                    row(&[
                        &r.title,
                        if f.ok { "ok" } else { "warning" },
                        &f.lines(db).join(" | "),
                    ]);
                }
            }
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A reference in full, as one line of Markdown.
pub fn reference_line(db: &Db, r: usize) -> String {
    let r = &db.set.references[r];
    let mut parts = Vec::new();
    if !r.authors.is_empty() {
        parts.push(r.authors.to_string());
    }
    parts.push(format!("*{}*", r.title));
    if !r.title_en.is_empty() {
        parts.push(format!("[{}]", r.title_en));
    }
    for s in [&r.publisher, &r.date, &r.pages] {
        if !s.is_empty() {
            parts.push(s.to_string());
        }
    }
    if !r.locator.is_empty() {
        parts.push(format!("`{}`", r.locator));
    }
    parts.push(format!("({})", r.kind.name()));
    if !r.note.is_empty() {
        parts.push(format!("— {}", r.note));
    }
    format!("[{}] {}", r.number, parts.join(". "))
}

/// The complete report.
pub fn markdown(db: &Db) -> String {
    let s = &db.set;
    let mut o = String::new();
    let a = &s.article;
    let _ = writeln!(o, "# {}\n", a.title);
    let _ = writeln!(
        o,
        "{}, {} · {} · parties: {}\n",
        a.city,
        a.year,
        a.category,
        a.parties
            .iter()
            .map(super::data::model::Text::as_str)
            .collect::<Vec<_>>()
            .join(" and ")
    );
    if !a.summary.is_empty() {
        let _ = writeln!(o, "{}\n", a.summary);
    }
    if !a.note.is_empty() {
        let _ = writeln!(o, "*Note:* {}\n", a.note);
    }
    let _ = writeln!(o, "{}\n", summary(db));
    let warn = |item: ItemRef| {
        if db.warned.contains(&item) {
            " ⚠"
        } else {
            ""
        }
    };

    let _ = writeln!(o, "## Stages and events\n");
    for (si, st) in s.stages.iter().enumerate() {
        let _ = writeln!(
            o,
            "### {} ({}){}\n",
            st.name,
            db.stage_span(si),
            warn(ItemRef::Stage(si))
        );
        let _ = writeln!(o, "{} {}\n", st.summary, cites(&st.cites));
        for &e in &db.stage_events[si] {
            let ev = &s.events[e];
            let _ = writeln!(
                o,
                "- **{}** ({}, {}){} — {}: {} {}",
                db.dates[e],
                db.dates[e].precision(),
                ev.category.name(),
                warn(ItemRef::Event(e)),
                ev.title,
                ev.text,
                cites(&ev.cites)
            );
            let places = db.place_names(&ev.places);
            let people: Vec<String> = ev
                .people
                .iter()
                .filter_map(|p| db.person(p))
                .map(|p| format!("{} ({})", p.name, p.role))
                .collect();
            if !places.is_empty() {
                let _ = writeln!(o, "  - places: {}", places.join(", "));
            }
            if !people.is_empty() {
                let _ = writeln!(o, "  - people: {}", people.join("; "));
            }
        }
        let _ = writeln!(o);
    }

    if !s.documents.is_empty() {
        let _ = writeln!(o, "## Legal framework\n");
        for d in &s.documents {
            let at = d
                .event
                .as_ref()
                .and_then(|id| db.event_index(id))
                .map(|e| format!(" — signed {}", db.dates[e]))
                .unwrap_or_default();
            let stage = db
                .stage_index(&d.stage)
                .map_or("", |x| s.stages[x].name.as_str());
            let _ = writeln!(
                o,
                "- {} ({}, {stage}){at} {}",
                d.title,
                d.kind.name(),
                cites(&d.cites)
            );
        }
        let _ = writeln!(o);
    }

    if !s.figures.is_empty() {
        let _ = writeln!(o, "## Figures\n");
        let _ = writeln!(o, "| figure | value | period | provenance | sources |");
        let _ = writeln!(o, "|---|---|---|---|---|");
        for (i, f) in s.figures.iter().enumerate() {
            let _ = writeln!(
                o,
                "| {}{} | {} | {} | {} | {} |",
                f.label.replace('|', "\\|"),
                warn(ItemRef::Figure(i)),
                fmt_value(f.value, f.unit, f.qualifier),
                f.period,
                db.provenance_text(f).replace('|', "\\|"),
                cites(&f.cites)
            );
        }
        let _ = writeln!(o);
        let notes: Vec<_> = s.figures.iter().filter(|f| !f.note.is_empty()).collect();
        for f in notes {
            let _ = writeln!(o, "- *{}*: {}", f.label, f.note);
        }
        let _ = writeln!(o);
    }

    if !s.charts.is_empty() {
        let _ = writeln!(o, "## Charts\n");
        for c in &s.charts {
            let _ = writeln!(o, "### {} ({})\n", c.title, c.unit.name());
            if !c.note.is_empty() {
                let _ = writeln!(o, "{}\n", c.note);
            }
            for g in &c.groups {
                for (label, fig) in &g.bars {
                    if let Some(f) = db.figure(fig) {
                        let derived = if matches!(f.provenance, Provenance::Stated) {
                            ""
                        } else {
                            " (derived)"
                        };
                        let name = if g.label.is_empty() {
                            label.to_string()
                        } else {
                            format!("{} {label}", g.label)
                        };
                        let _ = writeln!(
                            o,
                            "- {name}: {}{derived} {}",
                            fmt_value(f.value, f.unit, f.qualifier),
                            cites(&f.cites)
                        );
                    }
                }
            }
            let _ = writeln!(o);
        }
    }

    if !s.statements.is_empty() {
        let _ = writeln!(o, "## Statements\n");
        for (i, st) in s.statements.iter().enumerate() {
            let title = db.title(ItemRef::Statement(i));
            let who = title.split(':').next().unwrap_or("");
            match st.kind {
                StatementKind::Quote => {
                    let _ = writeln!(o, "> “{}”\n> — {who} {}\n", st.text, cites(&st.cites));
                }
                StatementKind::Paraphrase => {
                    let _ = writeln!(
                        o,
                        "- {who} (paraphrase): {} {}\n",
                        st.text,
                        cites(&st.cites)
                    );
                }
            }
        }
    }

    if !s.notes.is_empty() {
        let _ = writeln!(o, "## Analysis and context\n");
        let mut topics: Vec<&str> = Vec::new();
        for n in &s.notes {
            if !topics.contains(&n.topic.as_str()) {
                topics.push(&n.topic);
            }
        }
        for t in topics {
            let _ = writeln!(o, "### {t}\n");
            for n in s.notes.iter().filter(|n| n.topic.as_str() == t) {
                let at = if n.at.is_empty() {
                    String::new()
                } else {
                    format!(", {}", n.at)
                };
                let _ = writeln!(o, "- **{}**: {} {}{at}", n.title, n.text, cites(&n.cites));
            }
            let _ = writeln!(o);
        }
    }

    if !s.places.is_empty() {
        let _ = writeln!(o, "## Places\n");
        for (i, p) in s.places.iter().enumerate() {
            let _ = writeln!(
                o,
                "- {} ({}, {}) — {:.2}°N {:.2}°E; {} item{}",
                p.name,
                p.kind,
                p.country,
                p.lat,
                p.lon,
                db.place_items[i].len(),
                if db.place_items[i].len() == 1 {
                    ""
                } else {
                    "s"
                }
            );
        }
        let _ = writeln!(o);
    }
    if !s.people.is_empty() {
        let _ = writeln!(o, "## People\n");
        for p in &s.people {
            let _ = writeln!(
                o,
                "- {} — {}{}",
                p.name,
                p.role,
                if p.country.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", p.country)
                }
            );
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "## References\n");
    for (i, _) in s.references.iter().enumerate() {
        let by = &db.cited_by[i];
        let _ = writeln!(o, "{}\n", reference_line(db, i));
        if by.is_empty() {
            let _ = writeln!(o, "  - cited by: nothing ⚠\n");
        } else {
            let _ = writeln!(
                o,
                "  - cited by: {}\n",
                by.iter()
                    .map(|it| format!("{} “{}”", it.kind(), db.title(*it)))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
        }
    }

    let _ = writeln!(o, "## Audit\n");
    for r in &db.audit {
        let _ = writeln!(
            o,
            "### {} {}\n",
            if r.passed() { "✓" } else { "⚠" },
            r.title
        );
        for f in &r.findings {
            let _ = writeln!(
                o,
                "- {} {}",
                if f.ok { "ok:" } else { "**warning:**" },
                f.lines(db).join("; ")
            );
        }
        let _ = writeln!(o);
    }
    if !s.map.attribution.is_empty() {
        let _ = writeln!(o, "---\n{}", s.map.attribution);
    }
    o
}
