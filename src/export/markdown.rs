//! The Markdown report: everything the explorer's panes show, in reading order, as plain text
//! a screen reader or a printer handles.
//!
//! Every string from the data goes through [`md`], so that a rendered report shows it as text:
//! no HTML (`<script>`, `<img onerror=…>`) and no link a dataset did not mean as a locator. The
//! only links written are locators that are `http` or `https` URLs.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::{outcome_mark, summary};
use crate::data::audit::{Outcome, with_outcome};
use crate::data::model::{Provenance, StatementKind};
use crate::data::{Db, ItemRef, cite_marks, fmt_lat, fmt_lon, fmt_value, plural};

/// Data text as Markdown shows it: the characters that would start HTML or a link (`& < >`,
/// `[ ]`) and the backslash are escaped; everything else is left as it reads.
pub fn md(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '[', ']', '\\']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A locator as Markdown: a web address ([`super::cite::web_url`], the one definition the
/// explorer's links use too) as a link, anything else (`javascript:`, `file:`, a shelf mark)
/// as code, which no viewer follows.
fn locator(s: &str) -> String {
    match super::cite::web_url(s) {
        Some(url) => format!("<{url}>"),
        None => format!("`{}`", s.replace('`', "'")),
    }
}

/// What the article does not state outright about `item`, as a list entry under it (`indent`
/// before the dash); empty when it states everything. The `†` is the explorer's mark.
fn inferred_md(db: &Db, item: ItemRef, indent: &str) -> String {
    let inferred = db.inferred(item);
    if inferred.is_empty() {
        return String::new();
    }
    let each: Vec<String> = inferred
        .iter()
        .map(|i| md(&i.describe()).into_owned())
        .collect();
    format!("{indent}- † not stated outright: {}\n", each.join("; "))
}

/// A reference in full, as one line of Markdown.
pub fn reference_line(db: &Db, r: usize) -> String {
    let r = &db.set.references[r];
    let mut parts = Vec::new();
    if !r.authors.is_empty() {
        parts.push(md(&r.authors).into_owned());
    }
    parts.push(format!("*{}*", md(&r.title)));
    if !r.title_en.is_empty() {
        parts.push(format!("[{}]", md(&r.title_en)));
    }
    for s in [&r.publisher, &r.date, &r.pages] {
        if !s.is_empty() {
            parts.push(md(s).into_owned());
        }
    }
    if !r.locator.is_empty() {
        parts.push(locator(&r.locator));
    }
    if !r.accessed.is_empty() {
        parts.push(format!("accessed {}", md(&r.accessed)));
    }
    parts.push(format!("({})", r.kind.name()));
    if !r.note.is_empty() {
        parts.push(format!("— {}", md(&r.note)));
    }
    format!("[{}] {}", r.number, parts.join(". "))
}

/// "  - also written: …" under a place or person with other spellings; empty without.
fn aliases_md(aliases: &[crate::data::model::Text]) -> String {
    if aliases.is_empty() {
        return String::new();
    }
    format!(
        "  - also written: {}\n",
        md(&crate::data::spellings(aliases))
    )
}

/// The complete report.
pub fn markdown(db: &Db) -> String {
    let s = &db.set;
    let mut o = String::new();
    let a = &s.article;
    let _ = writeln!(o, "# {}\n", md(&a.title));
    let _ = writeln!(
        o,
        "{}, {} · {} · parties: {}\n",
        md(&a.city),
        a.year,
        md(&a.category),
        md(&a
            .parties
            .iter()
            .map(crate::data::model::Text::as_str)
            .collect::<Vec<_>>()
            .join(" and "))
    );
    if !a.summary.is_empty() {
        let _ = writeln!(o, "{}\n", md(&a.summary));
    }
    if !a.note.is_empty() {
        let _ = writeln!(o, "*Note:* {}\n", md(&a.note));
    }
    let _ = writeln!(o, "{}\n", md(&summary(db)));
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
            md(&st.name),
            db.stage_span(si),
            warn(ItemRef::Stage(si))
        );
        let _ = writeln!(o, "{} {}\n", md(&st.summary), cite_marks(&st.cites));
        let inferred = inferred_md(db, ItemRef::Stage(si), "");
        if !inferred.is_empty() {
            let _ = writeln!(o, "{inferred}");
        }
        for &e in &db.stage_events[si] {
            let ev = &s.events[e];
            let _ = writeln!(
                o,
                "- **{}** ({}, {}){} — {}: {} {}",
                db.dates[e],
                db.dates[e].precision(),
                ev.category.name(),
                warn(ItemRef::Event(e)),
                md(&ev.title),
                md(&ev.text),
                cite_marks(&ev.cites)
            );
            let places = db.place_names(&ev.places);
            let people: Vec<String> = ev
                .people
                .iter()
                .filter_map(|p| db.person(p))
                .map(|p| format!("{} ({})", md(&p.name), md(&p.role)))
                .collect();
            if !places.is_empty() {
                let _ = writeln!(o, "  - places: {}", md(&places.join(", ")));
            }
            if !people.is_empty() {
                let _ = writeln!(o, "  - people: {}", people.join("; "));
            }
            o.push_str(&inferred_md(db, ItemRef::Event(e), "  "));
        }
        let _ = writeln!(o);
    }

    if !s.documents.is_empty() {
        let _ = writeln!(o, "## Legal framework\n");
        for (di, d) in s.documents.iter().enumerate() {
            let at = d
                .event
                .as_ref()
                .and_then(|id| db.event_index(id))
                .map(|e| format!(" — signed {}", db.dates[e]))
                .unwrap_or_default();
            let stage = db
                .stage_index(&d.stage)
                .map_or(Cow::Borrowed(""), |x| md(&s.stages[x].name));
            let _ = writeln!(
                o,
                "- {} ({}, {stage}){at} {}",
                md(&d.title),
                d.kind.name(),
                cite_marks(&d.cites)
            );
            o.push_str(&inferred_md(db, ItemRef::Document(di), "  "));
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
                md(&f.label).replace('|', "\\|"),
                warn(ItemRef::Figure(i)),
                fmt_value(f.value, f.unit, f.qualifier),
                md(&f.period).replace('|', "\\|"),
                md(&db.provenance_text(f)).replace('|', "\\|"),
                cite_marks(&f.cites)
            );
        }
        let _ = writeln!(o);
        let notes: Vec<_> = s.figures.iter().filter(|f| !f.note.is_empty()).collect();
        for f in notes {
            let _ = writeln!(o, "- *{}*: {}", md(&f.label), md(&f.note));
        }
        for (i, f) in s.figures.iter().enumerate() {
            let inferred = inferred_md(db, ItemRef::Figure(i), "  ");
            if !inferred.is_empty() {
                let _ = write!(o, "- *{}*:\n{inferred}", md(&f.label));
            }
        }
        let _ = writeln!(o);
    }

    if !s.charts.is_empty() {
        let _ = writeln!(o, "## Charts\n");
        for c in &s.charts {
            let _ = writeln!(o, "### {} ({})\n", md(&c.title), c.unit.name());
            if !c.note.is_empty() {
                let _ = writeln!(o, "{}\n", md(&c.note));
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
                            md(label).into_owned()
                        } else {
                            format!("{} {}", md(&g.label), md(label))
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
            let who = md(title.split(':').next().unwrap_or(""));
            match st.kind {
                StatementKind::Quote => {
                    let _ = writeln!(
                        o,
                        "> “{}”\n> — {who} {}\n",
                        md(&st.text),
                        cite_marks(&st.cites)
                    );
                }
                StatementKind::Paraphrase => {
                    let _ = writeln!(
                        o,
                        "- {who} ({}): {} {}",
                        st.kind.name(),
                        md(&st.text),
                        cite_marks(&st.cites)
                    );
                }
            }
            let inferred = inferred_md(db, ItemRef::Statement(i), "");
            if matches!(st.kind, StatementKind::Paraphrase) || !inferred.is_empty() {
                let _ = writeln!(o, "{inferred}");
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
            let _ = writeln!(o, "### {}\n", md(t));
            for (ni, n) in s
                .notes
                .iter()
                .enumerate()
                .filter(|(_, n)| n.topic.as_str() == t)
            {
                let at = if n.at.is_empty() {
                    String::new()
                } else {
                    format!(", {}", md(&n.at))
                };
                let _ = writeln!(
                    o,
                    "- **{}**: {} {}{at}",
                    md(&n.title),
                    md(&n.text),
                    cite_marks(&n.cites)
                );
                o.push_str(&inferred_md(db, ItemRef::Note(ni), "  "));
            }
            let _ = writeln!(o);
        }
    }

    if !s.places.is_empty() {
        let _ = writeln!(o, "## Places\n");
        for (i, p) in s.places.iter().enumerate() {
            let _ = writeln!(
                o,
                "- {} ({}, {}) — {} {}; {}",
                md(&p.name),
                md(&p.kind),
                md(&p.country),
                fmt_lat(p.lat, 2),
                fmt_lon(p.lon, 2),
                plural(db.place_items[i].len(), "item")
            );
            o.push_str(&aliases_md(&p.aliases));
            o.push_str(&inferred_md(db, ItemRef::Place(i), "  "));
        }
        let _ = writeln!(o);
    }
    if !s.people.is_empty() {
        let _ = writeln!(o, "## People\n");
        for (i, p) in s.people.iter().enumerate() {
            let _ = writeln!(
                o,
                "- {} — {}{}",
                md(&p.name),
                md(&p.role),
                if p.country.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", md(&p.country))
                }
            );
            o.push_str(&aliases_md(&p.aliases));
            o.push_str(&inferred_md(db, ItemRef::Person(i), "  "));
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "## References\n");
    for (i, _) in s.references.iter().enumerate() {
        let by = &db.cited_by[i];
        let _ = writeln!(o, "{}\n", reference_line(db, i));
        o.push_str(&inferred_md(db, ItemRef::Reference(i), "  "));
        if by.is_empty() {
            let _ = writeln!(o, "  - cited by: nothing ⚠\n");
        } else {
            let _ = writeln!(
                o,
                "  - cited by: {}\n",
                by.iter()
                    .map(|it| format!("{} “{}”", it.kind(), md(&db.title(*it))))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
        }
    }

    let _ = writeln!(
        o,
        "## Audit\n\n{}, {}.\n",
        plural(db.audit.len(), "rule"),
        db.audit_count()
    );
    for outcome in Outcome::ALL {
        let found = with_outcome(&db.audit, outcome);
        if found.is_empty() {
            continue;
        }
        let _ = writeln!(
            o,
            "### {} {} ({})\n",
            outcome_mark(outcome),
            outcome.heading(),
            plural(found.len(), "finding")
        );
        for (r, f) in found {
            let words = if outcome.warns() {
                format!("**{}**", outcome.words())
            } else {
                outcome.words().to_string()
            };
            let _ = writeln!(
                o,
                "- {} {words} — {}: {}",
                outcome_mark(outcome),
                md(&r.title),
                md(&f.lines(db).join("; "))
            );
        }
        let _ = writeln!(o);
    }
    if !s.map.attribution.is_empty() {
        let _ = writeln!(o, "---\n{}", md(&s.map.attribution));
    }
    o
}
