//! `kazaf import timelinejs FILE.json`: a TimelineJS timeline (Knight Lab's TimelineJS3 JSON)
//! as a kazaf dataset in RON, so a newsroom's timeline can be explored, checked and sourced.
//!
//! Eras become stages (or one stage spans the events when there are none); slides become
//! events, their HTML reduced to text; `display_date`, `group` and media credits are kept as
//! notes. A timeline names no sources, so every imported event is marked as uncited (its
//! `cites` is "from outside the article", the timeline). What TimelineJS accepts is accepted:
//! years as numbers or strings, missing months and days, slides without text, a title with
//! only an `end_date`. A negative year is before year 0, which a kazaf date cannot hold: such
//! a slide is left out, and the import says so. The result passes `kazaf check` (with
//! warnings, such as events outside their stage's years).

use serde_json::Value;

use std::fmt::Write as _;

use crate::data::model::{Article, Basis, Category, Event, Inference, Note, Stage, Text};

/// Text for the dataset.
fn t(s: impl AsRef<str>) -> Text {
    Text::from(s.as_ref())
}

/// A timeline read: the dataset as RON, and what was left out or changed, a line each.
#[derive(Debug)]
pub struct Imported {
    pub ron: String,
    pub warnings: Vec<String>,
}

/// HTML reduced to text: tags dropped (a `<br>`, `<p>` or `<li>` becomes a space), the usual
/// entities and numeric ones decoded, runs of white space made one.
pub fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(end) = rest.find('>') {
                out.push(' ');
                rest = &rest[end + 1..];
            } else {
                out.push('<');
                rest = &rest[1..];
            }
        } else if c == '&' {
            let end = rest.find(';').filter(|&e| e <= 10);
            let decoded = end.and_then(|e| entity(&rest[1..e]));
            if let (Some(e), Some(d)) = (end, decoded) {
                out.push(d);
                rest = &rest[e + 1..];
            } else {
                out.push('&');
                rest = &rest[1..];
            }
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    // Control characters go too (the loader would refuse none, but screens never see them).
    out.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The character an HTML entity names (without `&` and `;`).
fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        "mdash" => Some('—'),
        "ndash" => Some('–'),
        "hellip" => Some('…'),
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code).filter(|c| !c.is_control())
        }
    }
}

/// A number TimelineJS accepts as a number or a string.
fn number(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A TimelineJS date as a kazaf date string at its precision; `Err` with why it cannot be.
fn date_of(v: &Value) -> Result<String, String> {
    let year = number(v.get("year")).ok_or("no year")?;
    if !(0..=9999).contains(&year) {
        return Err(format!(
            "year {year} is outside 0–9999, which a kazaf date cannot hold"
        ));
    }
    let month = number(v.get("month")).filter(|m| (1..=12).contains(m));
    let day = number(v.get("day")).filter(|d| (1..=31).contains(d));
    let text = match (month, day) {
        (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    };
    // A day the month does not have (31 April) is dropped to the month.
    Ok(if crate::data::Date::parse(&text).is_ok() {
        text
    } else {
        text[..7].to_string()
    })
}

/// The text of a slide's `text.headline` or `text.text`, HTML reduced.
fn slide_field(slide: &Value, field: &str) -> String {
    slide
        .get("text")
        .and_then(|t| t.get(field))
        .and_then(Value::as_str)
        .map(html_text)
        .unwrap_or_default()
}

/// An id made of what ids may hold (letters, digits, `_`, `-`), unique among `taken`.
fn id_from(raw: Option<&str>, fallback: String, taken: &mut Vec<String>) -> String {
    let cleaned: String = raw
        .unwrap_or("")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let base = if cleaned.trim_matches('_').is_empty() {
        fallback
    } else {
        cleaned
    };
    let mut id = base.clone();
    let mut k = 2;
    while taken.contains(&id) {
        id = format!("{base}_{k}");
        k += 1;
    }
    taken.push(id.clone());
    id
}

/// `text` (the file's contents, `name` for messages) as a kazaf dataset. A file that is not
/// JSON, or has no list of events, is an error: `NAME:LINE:COL: what is wrong`.
pub fn timelinejs(name: &str, text: &str) -> Result<Imported, String> {
    let v: Value = serde_json::from_str(text)
        .map_err(|e| format!("{name}:{}:{}: {e}", e.line(), e.column()))?;
    let slides = v
        .get("events")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("{name}:1:1: a TimelineJS file needs a list of \"events\""))?;
    let mut warnings = Vec::new();
    let mut taken = Vec::new();
    // The slides that can be dated.
    let mut dated: Vec<(&Value, String)> = Vec::new();
    for (k, s) in slides.iter().enumerate() {
        match s
            .get("start_date")
            .ok_or("no start_date".to_string())
            .and_then(date_of)
        {
            Ok(d) => dated.push((s, d)),
            Err(why) => warnings.push(format!("slide {} left out: {why}", k + 1)),
        }
    }
    let year = |d: &str| d[..4].parse::<i32>().unwrap_or(0);
    let years: Vec<i32> = dated.iter().map(|(_, d)| year(d)).collect();
    let (lo, hi) = (
        years.iter().copied().min().unwrap_or(0),
        years.iter().copied().max().unwrap_or(0),
    );
    // Eras become stages; without any, one stage spans the events.
    let mut stages: Vec<Stage> = Vec::new();
    for (k, era) in v
        .get("eras")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let start = era.get("start_date").map(date_of);
        let end = era.get("end_date").map(date_of);
        match (start, end) {
            (Some(Ok(s)), Some(Ok(e))) => {
                let headline = slide_field(era, "headline");
                stages.push(Stage {
                    id: t(id_from(None, format!("era_{}", k + 1), &mut taken)),
                    name: t(if headline.is_empty() {
                        format!("Era {}", k + 1)
                    } else {
                        headline
                    }),
                    start: year(&s),
                    end: Some(year(&e).max(year(&s))),
                    summary: t(slide_field(era, "text")),
                    cites: Vec::new(),
                    inferred: Vec::new(),
                });
            }
            _ => warnings.push(format!(
                "era {} left out: it needs a start_date and an end_date with years from 0 to 9999",
                k + 1
            )),
        }
    }
    if stages.is_empty() {
        stages.push(Stage {
            id: t(id_from(None, "all".into(), &mut taken)),
            name: t("The whole timeline"),
            start: lo,
            end: Some(hi),
            summary: t("One stage spanning every event (the timeline has no eras)."),
            cites: Vec::new(),
            inferred: Vec::new(),
        });
    }
    let uncited = || Inference {
        field: t("cites"),
        basis: Basis::Outside(t(
            "imported from a TimelineJS timeline, which names no sources: uncited",
        )),
    };
    let mut events = Vec::new();
    let mut notes = Vec::new();
    for (k, (slide, d)) in dated.iter().enumerate() {
        let y = year(d);
        // The first era holding the year, else the nearest.
        let stage = stages
            .iter()
            .find(|s| s.start <= y && y <= s.end.unwrap_or(i32::MAX))
            .or_else(|| {
                stages.iter().min_by_key(|s| {
                    (s.start - y)
                        .abs()
                        .min((s.end.unwrap_or(s.start) - y).abs())
                })
            })
            .map(|s| s.id.clone())
            .unwrap_or_default();
        let id = id_from(
            slide.get("unique_id").and_then(Value::as_str),
            format!("slide_{}", k + 1),
            &mut taken,
        );
        let headline = slide_field(slide, "headline");
        let body = slide_field(slide, "text");
        let title = if headline.is_empty() {
            format!("Untitled slide {}", k + 1)
        } else {
            headline
        };
        // What the slide says beyond its text: kept as a note.
        let mut kept = Vec::new();
        if let Some(dd) = slide.get("display_date").and_then(Value::as_str) {
            kept.push(format!("display date: {}", html_text(dd)));
        }
        if let Some(g) = slide.get("group").and_then(Value::as_str) {
            kept.push(format!("group: {}", html_text(g)));
        }
        if let Some(m) = slide.get("media") {
            for (field, label) in [
                ("credit", "media credit"),
                ("caption", "media caption"),
                ("url", "media"),
            ] {
                if let Some(x) = m.get(field).and_then(Value::as_str) {
                    kept.push(format!("{label}: {}", html_text(x)));
                }
            }
        }
        if !kept.is_empty() {
            notes.push(Note {
                id: t(id_from(None, format!("{id}_note"), &mut taken)),
                topic: t("From the timeline"),
                title: t(title.clone()),
                text: t(format!("{}.", kept.join("; "))),
                places: Vec::new(),
                people: Vec::new(),
                cites: Vec::new(),
                at: Text::default(),
                inferred: Vec::new(),
            });
        }
        events.push(Event {
            id: t(id),
            date: t(d.clone()),
            stage,
            category: Category::Other,
            text: t(if body.is_empty() { title.clone() } else { body }),
            title: t(title),
            places: Vec::new(),
            people: Vec::new(),
            cites: Vec::new(),
            inferred: vec![uncited()],
        });
    }
    let title_slide = v.get("title");
    let headline = title_slide
        .map(|t| slide_field(t, "headline"))
        .unwrap_or_default();
    let summary = title_slide
        .map(|t| slide_field(t, "text"))
        .unwrap_or_default();
    // The title's year: its start_date, else its end_date, else the last event's.
    let title_year = title_slide
        .and_then(|t| t.get("start_date").or_else(|| t.get("end_date")))
        .and_then(|d| date_of(d).ok())
        .map(|d| year(&d));
    let article = Article {
        title: t(if headline.is_empty() {
            name.to_string()
        } else {
            headline
        }),
        year: title_year.unwrap_or(hi).max(hi),
        city: Text::default(),
        category: t("Imported timeline"),
        // A timeline names no parties, and a dataset needs the two: placeholders, which the
        // note and the file's first line ask the author to replace.
        parties: vec![t("first party"), t("second party")],
        summary: t(summary),
        note: t(format!(
            "Imported by kazaf from the TimelineJS file {name}: {} of {} slides, {} eras. The \
             timeline names no sources, so every event is marked uncited; nor the two parties, \
             whose names are placeholders to replace.",
            events.len(),
            slides.len(),
            stages.len()
        )),
        headline: Vec::new(),
    };
    let ron = to_ron(&article, &stages, &events, &notes);
    Ok(Imported {
        ron: format!(
            "// Imported by kazaf from {name} (TimelineJS). To do: name the two parties \
             (article.parties), and cite sources.\n{ron}"
        ),
        warnings,
    })
}

/// A string as RON writes it: quoted, with `"` and `\\` escaped (the text is sanitized, so
/// it holds no other control character but a line break, written `\\n`).
fn q(s: &str) -> String {
    let mut out = String::new();
    crate::data::ron_string(&mut out, s);
    out
}

/// The imported dataset in RON, written here rather than through RON's serializer, which
/// would add a fifth of a megabyte to the binary for these few kinds of item
/// (BENCHMARKS.md). `kazaf check` reads it back (the tests hold it to that).
fn to_ron(a: &Article, stages: &[Stage], events: &[Event], notes: &[Note]) -> String {
    let list = |items: &[Text]| items.iter().map(|t| q(t)).collect::<Vec<_>>().join(", ");
    let inferred = |inf: &[Inference]| {
        inf.iter()
            .map(|i| {
                let (kind, why) = match &i.basis {
                    Basis::Inferred(w) => ("Inferred", w),
                    Basis::Outside(w) => ("Outside", w),
                };
                format!("(field: {}, basis: {kind}({}))", q(&i.field), q(why))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = String::from("(\n    article: (\n");
    let _ = writeln!(out, "        title: {},", q(&a.title));
    let _ = writeln!(out, "        year: {},", a.year);
    let _ = writeln!(out, "        city: {},", q(&a.city));
    let _ = writeln!(out, "        category: {},", q(&a.category));
    let _ = writeln!(out, "        parties: [{}],", list(&a.parties));
    let _ = writeln!(out, "        summary: {},", q(&a.summary));
    let _ = writeln!(out, "        note: {},", q(&a.note));
    out.push_str("    ),\n    stages: [\n");
    for s in stages {
        let end = s.end.map_or("None".to_string(), |e| format!("Some({e})"));
        let _ = writeln!(
            out,
            "        (id: {}, name: {}, start: {}, end: {end}, summary: {}),",
            q(&s.id),
            q(&s.name),
            s.start,
            q(&s.summary)
        );
    }
    out.push_str("    ],\n    events: [\n");
    for e in events {
        let _ = writeln!(
            out,
            "        (id: {}, date: {}, stage: {}, category: {:?}, title: {},\n         text: {},\n         cites: [], inferred: [{}]),",
            q(&e.id),
            q(&e.date),
            q(&e.stage),
            e.category,
            q(&e.title),
            q(&e.text),
            inferred(&e.inferred)
        );
    }
    out.push_str("    ],\n    notes: [\n");
    for n in notes {
        let _ = writeln!(
            out,
            "        (id: {}, topic: {}, title: {}, text: {}),",
            q(&n.id),
            q(&n.topic),
            q(&n.title),
            q(&n.text)
        );
    }
    out.push_str(
        "    ],\n    references: [],\n    audits: [StageOverlap, EventsWithinStages],\n)\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::html_text;

    proptest::proptest! {
        #[test]
        fn any_string_is_read_back_as_written(s in "\\PC{0,40}") {
            let back: String = ron::from_str(&super::q(&s)).expect("RON");
            proptest::prop_assert_eq!(back, s);
        }
    }

    #[test]
    fn strings_are_quoted_as_ron_reads_them() {
        let s = "a \"quoted\" back\\slash\nline";
        let ron = super::q(s);
        let back: String = ron::from_str(&ron).expect("RON");
        assert_eq!(back, s);
    }

    #[test]
    fn html_becomes_text() {
        assert_eq!(
            html_text("<p>Kazakh &amp; Afghan<br/>talks</p>&nbsp;&#8212; &#x41; &bogus; a < b"),
            "Kazakh & Afghan talks — A &bogus; a < b"
        );
        assert_eq!(html_text("plain"), "plain");
        assert_eq!(html_text("&#0;&#27;x"), "&#0;&#27;x");
    }
}
