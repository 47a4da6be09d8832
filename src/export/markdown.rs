//! The Markdown report: everything the explorer's panes show, in reading order, as plain text
//! a screen reader or a printer handles.

use std::fmt::Write as _;

use super::summary;
use crate::data::model::{Provenance, StatementKind};
use crate::data::{Db, ItemRef, cite_marks, fmt_value, plural};

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
            .map(crate::data::model::Text::as_str)
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
        let _ = writeln!(o, "{} {}\n", st.summary, cite_marks(&st.cites));
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
                cite_marks(&ev.cites)
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
                cite_marks(&d.cites)
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
                cite_marks(&f.cites)
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
                            String::new()
                        } else {
                            format!(" ({})", f.provenance.name())
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
                            cite_marks(&f.cites)
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
                    let _ = writeln!(o, "> “{}”\n> — {who} {}\n", st.text, cite_marks(&st.cites));
                }
                StatementKind::Paraphrase => {
                    let _ = writeln!(
                        o,
                        "- {who} ({}): {} {}\n",
                        st.kind.name(),
                        st.text,
                        cite_marks(&st.cites)
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
                let _ = writeln!(
                    o,
                    "- **{}**: {} {}{at}",
                    n.title,
                    n.text,
                    cite_marks(&n.cites)
                );
            }
            let _ = writeln!(o);
        }
    }

    if !s.places.is_empty() {
        let _ = writeln!(o, "## Places\n");
        for (i, p) in s.places.iter().enumerate() {
            let _ = writeln!(
                o,
                "- {} ({}, {}) — {:.2}°N {:.2}°E; {}",
                p.name,
                p.kind,
                p.country,
                p.lat,
                p.lon,
                plural(db.place_items[i].len(), "item")
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
