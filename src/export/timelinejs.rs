//! TimelineJS, the format newsrooms publish web timelines in (Knight Lab's TimelineJS3 JSON):
//! the dataset as a timeline, and a timeline as a kazaf dataset.
//!
//! Export: the title slide from the article, an era for each stage, a slide for each event
//! with its `unique_id`, its date at its precision, its text, what the article does not state
//! outright, and its citations as numbered footnotes (with links where a source has a web
//! address). Text is HTML, escaped.

use std::fmt::Write as _;

use super::jsonw::J;

use super::cite::web_url;
use crate::data::{Db, ItemRef};

/// Text escaped for HTML.
fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A TimelineJS date: `year`, with `month` and `day` where known.
fn date(d: crate::data::Date) -> J {
    let mut v = J::obj([("year", J::Int(i64::from(d.year)))]);
    if let Some(m) = d.month {
        v.set("month", J::Int(i64::from(m)));
        if let Some(day) = d.day {
            v.set("day", J::Int(i64::from(day)));
        }
    }
    v
}

/// An event's slide text: its words with footnote marks, what is not stated outright, and
/// the footnotes (each source written out, linked where it has a web address).
fn slide_text(db: &Db, item: ItemRef, words: &str) -> String {
    let cites = db.cites(item);
    let mut out = format!("<p>{}", html(words));
    for (k, _) in cites.iter().enumerate() {
        let _ = write!(out, "<sup>{}</sup>", k + 1);
    }
    out.push_str("</p>");
    for i in db.inferred(item) {
        let _ = write!(
            out,
            "<p>&#8224; not stated outright: {}</p>",
            html(&i.describe())
        );
    }
    if !cites.is_empty() {
        out.push_str("<ol>");
        for &n in cites {
            let Some(r) = db.reference(n) else { continue };
            let _ = write!(
                out,
                "<li>[{}] {}",
                r.number,
                html(&super::copy::reference_text(r))
            );
            if let Some(u) = web_url(&r.locator) {
                let _ = write!(out, " <a href=\"{0}\">{0}</a>", html(u));
            }
            out.push_str("</li>");
        }
        out.push_str("</ol>");
    }
    out
}

/// The dataset as TimelineJS JSON.
pub fn timelinejs(db: &Db) -> String {
    let s = &db.set;
    let a = &s.article;
    let title = J::obj([
        (
            "text",
            J::obj([
                ("headline", J::s(html(&a.title))),
                (
                    "text",
                    J::s(format!(
                        "<p>{}</p><p>{}, {} · {}</p>",
                        html(&a.summary),
                        html(&a.city),
                        a.year,
                        html(&a.category)
                    )),
                ),
            ]),
        ),
        ("unique_id", J::s("title")),
    ]);
    let year = |y: i32| J::obj([("year", J::Int(i64::from(y)))]);
    let eras: Vec<J> = (0..s.stages.len())
        .map(|i| {
            J::obj([
                ("start_date", year(s.stages[i].start)),
                ("end_date", year(db.stage_end(i))),
                (
                    "text",
                    J::obj([("headline", J::s(html(&s.stages[i].name)))]),
                ),
            ])
        })
        .collect();
    let events: Vec<J> = (0..s.events.len())
        .map(|i| {
            let e = &s.events[i];
            J::obj([
                ("unique_id", J::s(e.id.as_str())),
                ("start_date", date(db.dates[i])),
                ("display_date", J::s(db.dates[i].to_string())),
                ("group", J::s(e.category.name())),
                (
                    "text",
                    J::obj([
                        ("headline", J::s(html(&e.title))),
                        ("text", J::s(slide_text(db, ItemRef::Event(i), &e.text))),
                    ]),
                ),
            ])
        })
        .collect();
    let mut v = J::obj([("title", title), ("events", J::Arr(events))]);
    if !eras.is_empty() {
        v.set("eras", J::Arr(eras));
    }
    v.pretty()
}
