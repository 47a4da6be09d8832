//! One table of the dataset as CSV, for spreadsheets: a row per item, citations kept as
//! numbers (`1;4`) and ids as ids, so that rows join across tables.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or CR) as a
//! formula, so a dataset could make one fetch a URL or run a command when the table is opened.
//! As OWASP's CSV injection guidance says, such a cell is written with a `'` in front, which
//! spreadsheets show as text; a cell that is a plain number (`-3.2`) is left as it is.

use std::borrow::Cow;

use super::Table;
use crate::data::Db;
use crate::data::model::{Inference, Provenance, Text};

/// One table as CSV, every row keeping its citation numbers.
pub fn csv(db: &Db, table: Table) -> String {
    let s = &db.set;
    let mut w = ::csv::Writer::from_writer(Vec::new());
    // The tables with a row per item end with an `inferred` column: what the article does not
    // state outright about the row's item, `field (basis: why)`, `; ` between them.
    // (The charts table has a row per bar, not per chart.)
    let name = format!("{table:?}").to_lowercase();
    let lists = s.inferred_by_list();
    let inferred = lists
        .iter()
        .find(|(list, _)| *list == name && !matches!(table, Table::Charts))
        .map(|(_, items)| items);
    let mut n = 0;
    let mut row = |cells: &[&str]| {
        let extra = inferred.as_ref().map(|items| match n {
            0 => "inferred".to_string(),
            k => items
                .get(k - 1)
                .map_or_else(String::new, |inf| inferred_csv(inf)),
        });
        n += 1;
        let cells = cells.iter().copied().chain(extra.as_deref());
        let _ = w.write_record(cells.map(|c| inert(c).into_owned()));
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
                    &ids_csv(&e.places),
                    &ids_csv(&e.people),
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
                let formula = match &f.provenance {
                    Provenance::Stated => String::new(),
                    Provenance::Derived { formula } => formula.to_string(),
                    Provenance::Counted { events } => format!("count({})", ids_csv(events)),
                };
                row(&[
                    &f.id,
                    &f.label,
                    &f.value.to_string(),
                    f.unit.name(),
                    f.qualifier.word().unwrap_or(""),
                    &f.period,
                    f.provenance.name(),
                    &formula,
                    &ids_csv(&f.places),
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
                row(&[
                    &st.id,
                    &st.speaker,
                    st.kind.name(),
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
                    &ids_csv(&n.places),
                    &ids_csv(&n.people),
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
                    row(&[&r.title, f.outcome.words(), &f.lines(db).join(" | ")]);
                }
            }
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// An item's inferences as one cell: `date (inferred: the day before 14 June); lat (outside
/// the article: Natural Earth)`.
fn inferred_csv(inferred: &[Inference]) -> String {
    inferred
        .iter()
        .map(|i| format!("{} ({}: {})", i.field, i.basis.name(), i.basis.why()))
        .collect::<Vec<_>>()
        .join("; ")
}

fn cites_csv(c: &[u32]) -> String {
    c.iter().map(u32::to_string).collect::<Vec<_>>().join(";")
}

/// Ids as one cell: `kabul;astana`.
fn ids_csv(ids: &[Text]) -> String {
    ids.iter().map(Text::as_str).collect::<Vec<_>>().join(";")
}

/// `cell` as a spreadsheet may open it safely: a leading `'` where it would start a formula.
pub fn inert(cell: &str) -> Cow<'_, str> {
    let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula && cell.parse::<f64>().is_err() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn cells_that_would_run_as_formulas_are_made_text() {
        for bad in [
            "=HYPERLINK(\"http://x\")",
            "+1+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(inert(bad), format!("'{bad}"));
        }
        for fine in ["-3.2", "+7", "1992-02-12", "a=b", "", "Astana"] {
            assert_eq!(inert(fine), fine);
        }
    }
}
