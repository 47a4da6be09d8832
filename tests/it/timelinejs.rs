//! TimelineJS both ways: the export keeps TimelineJS's documented rules and loses no event,
//! source or inference; the import takes what TimelineJS takes (a file of our own making that
//! uses every documented field and the awkward cases) and writes a dataset `kazaf check`
//! passes.

use std::path::Path;

use kazaf::data::load;
use kazaf::export::timelinejs::timelinejs;
use serde_json::Value;

use crate::common::{Scratch, check, embedded, kazaf, sample};

/// The rules TimelineJS documents for its JSON: `events` required, each with a
/// `start_date.year`; eras with both dates; dates' parts numbers (or numeric strings).
fn timelinejs_problems(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let year_ok = |d: &Value| match d.get("year") {
        Some(Value::Number(_)) => true,
        Some(Value::String(s)) => s.trim().parse::<i64>().is_ok(),
        _ => false,
    };
    match v.get("events").and_then(Value::as_array) {
        None => out.push("no events list".into()),
        Some(events) => {
            for (k, e) in events.iter().enumerate() {
                if !e.get("start_date").is_some_and(year_ok) {
                    out.push(format!("event {k}: no start_date.year"));
                }
            }
        }
    }
    for (k, era) in v
        .get("eras")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        if !era.get("start_date").is_some_and(year_ok) || !era.get("end_date").is_some_and(year_ok)
        {
            out.push(format!("era {k}: needs both dates"));
        }
    }
    out
}

#[test]
fn the_export_is_a_timelinejs_timeline_with_every_event_and_source() {
    for db in [embedded(), sample()] {
        let v: Value = serde_json::from_str(&timelinejs(&db)).expect("JSON");
        assert!(
            timelinejs_problems(&v).is_empty(),
            "{:?}",
            timelinejs_problems(&v)
        );
        let events = v["events"].as_array().expect("events");
        assert_eq!(events.len(), db.set.events.len());
        assert_eq!(
            v["eras"].as_array().map(Vec::len),
            Some(db.set.stages.len())
        );
        assert_eq!(
            v["title"]["text"]["headline"],
            db.set.article.title.as_str().replace('\'', "&#39;")
        );
        for (e, (i, ev)) in events.iter().zip(db.set.events.iter().enumerate()) {
            assert_eq!(e["unique_id"], ev.id.as_str());
            // The date at its precision.
            let d = db.dates[i];
            assert_eq!(e["start_date"]["year"], d.year);
            assert_eq!(e["start_date"].get("month").is_some(), d.month.is_some());
            assert_eq!(e["start_date"].get("day").is_some(), d.day.is_some());
            // A footnote for each citation, with the source written out.
            let text = e["text"]["text"].as_str().expect("text");
            assert_eq!(text.matches("<li>").count(), ev.cites.len(), "{text}");
            for n in &ev.cites {
                assert!(text.contains(&format!("<li>[{n}] [{n}] ")), "{text}");
            }
            for inf in &ev.inferred {
                assert!(
                    text.contains(&format!("&#8224; not stated outright: {} (", inf.field)),
                    "{text}"
                );
            }
        }
    }
    // The fixture's first reference has a web address: its footnote links it.
    let v: Value = serde_json::from_str(&timelinejs(&sample())).expect("JSON");
    let first = v["events"][0]["text"]["text"].as_str().expect("text");
    assert!(
        first.contains("<a href=\"https://mfa.norvania.example/osterra\">"),
        "{first}"
    );
}

#[test]
fn the_import_takes_what_timelinejs_takes_and_passes_check() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/timeline.json");
    let text = std::fs::read_to_string(&file).expect("the fixture");
    // The fixture keeps TimelineJS's rules itself (but for the slides left out on purpose).
    let imported = kazaf::import::timelinejs("timeline.json", &text).expect("imports");
    let db = load::load_str("imported.ron", &imported.ron)
        .unwrap_or_else(|e| panic!("{e}\n{}", imported.ron));
    let s = &db.set;
    assert_eq!(s.article.title.as_str(), "Kazakh–Afghan ties");
    assert_eq!(s.article.year, 2030, "the last event's year");
    // Two eras with both dates become stages; the third has no end and is left out.
    assert_eq!(s.stages.len(), 2);
    assert_eq!(s.stages[0].name.as_str(), "First stage");
    assert_eq!(s.stages[1].name.as_str(), "Era 2");
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.starts_with("era 3 left out"))
    );
    // Slides: six dated, two left out (a negative year, no year), each said.
    assert_eq!(s.events.len(), 6, "{:#?}", s.events);
    assert!(
        imported.warnings.iter().any(|w| w.contains("year -500")),
        "{:?}",
        imported.warnings
    );
    assert!(imported.warnings.iter().any(|w| w.contains("no year")));
    let e = &s.events[0];
    assert_eq!(
        (e.id.as_str(), e.date.as_str(), e.title.as_str()),
        ("relations", "1992-02-12", "Relations established")
    );
    assert_eq!(
        e.text.as_str(),
        "Diplomatic relations begin & embassies follow."
    );
    // A second slide with the same id gets one of its own; years as strings; no day.
    assert_eq!(
        (s.events[1].id.as_str(), s.events[1].date.as_str()),
        ("relations_2", "2007-06")
    );
    // No headline, no text.
    assert_eq!(s.events[2].title.as_str(), "Untitled slide 3");
    assert_eq!(s.events[2].text.as_str(), "No headline two items");
    assert_eq!(s.events[4].text.as_str(), "Untitled slide 5");
    // A day the month lacks, a month that is not one: the date keeps what is right.
    assert_eq!(s.events[3].date.as_str(), "2015-04");
    assert_eq!(s.events[5].date.as_str(), "2010");
    // Every event is marked uncited.
    assert!(
        s.events
            .iter()
            .all(|e| e.cites.is_empty() && e.inferred.iter().any(|i| i.field.as_str() == "cites"))
    );
    // display_date, group and media credits are kept as notes.
    let note = &s.notes[0];
    assert_eq!(note.title.as_str(), "Relations established");
    for kept in [
        "display date: 12 Feb. 1992",
        "group: Diplomacy",
        "media credit: Photo: A. N. Other",
        "media caption: Signing",
    ] {
        assert!(note.text.contains(kept), "{}", note.text);
    }
    // The file written passes `kazaf check` (warnings allowed), and a timeline exported from
    // the article comes back with every event.
    let dir = Scratch::new();
    let out = dir.path().join("imported.ron");
    let run = kazaf(["import", "timelinejs", file.to_str().expect("path")]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("slide 6 left out"), "{}", run.stderr);
    std::fs::write(&out, &run.stdout).expect("write");
    let c = check(&out);
    assert_eq!(c.code, Some(0), "{}\n{}", c.stdout, c.stderr);
    let tl = dir.path().join("article.json");
    std::fs::write(&tl, timelinejs(&embedded())).expect("write");
    let back =
        kazaf::import::timelinejs("article.json", &std::fs::read_to_string(&tl).expect("read"))
            .expect("imports");
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    let db = load::load_str("back.ron", &back.ron).expect("loads");
    assert_eq!(db.set.events.len(), embedded().set.events.len());
    assert_eq!(db.set.stages.len(), embedded().set.stages.len());
    // Not JSON, or no events: FILE:LINE:COL and exit 1.
    std::fs::write(dir.path().join("bad.json"), "{\n  \"events\": [\n    {,\n").expect("write");
    let bad = kazaf([
        "import",
        "timelinejs",
        dir.path().join("bad.json").to_str().expect("p"),
    ]);
    assert_eq!(bad.code, Some(1));
    assert!(bad.stderr.contains("bad.json:3:"), "{}", bad.stderr);
    let none = kazaf::import::timelinejs("x.json", "{\"title\": {}}").expect_err("no events");
    assert!(none.starts_with("x.json:1:1: "), "{none}");
}
