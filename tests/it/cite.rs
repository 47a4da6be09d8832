//! The references as citations: BibLaTeX that a BibLaTeX parser reads back with every field
//! intact, CSL-JSON that keeps the CSL-JSON schema's rules, and RIS with its required tags; on
//! the article, the fixture, and a reference full of characters BibLaTeX treats specially.

use biblatex::{Bibliography, ChunksExt};
use kazaf::data::Db;
use kazaf::data::model::{Reference, Text};
use kazaf::export::cite::{self, parse_date, web_url};
use serde_json::Value;

use crate::common::{embedded, kazaf, sample};

/// The fixture with a first reference whose every field is awkward for BibLaTeX.
fn awkward() -> Db {
    let mut db = sample();
    let r: &mut Reference = &mut db.set.references[0];
    r.authors = Text::from("Smith & Sons {Ltd} 100% \\ ~ ^");
    r.title = Text::from("Costs: $5 #1, under_score {and} 50% — «Kazakh–Afghan» Ӛ");
    r.title_en = Text::from("A & B");
    r.publisher = Text::from("Ministry_of {Affairs}");
    r.accessed = Text::from("20.05.2016");
    db
}

/// A field of a parsed entry, as plain text.
fn field(entry: &biblatex::Entry, name: &str) -> Option<String> {
    entry.get(name).map(ChunksExt::format_verbatim)
}

#[test]
fn bibtex_parses_back_with_every_field_intact() {
    for db in [embedded(), sample(), awkward()] {
        let text = cite::bibtex(&db);
        let bib = Bibliography::parse(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        // How to cite the article and the dataset, then every reference.
        assert_eq!(bib.len(), db.set.references.len() + 2);
        let article = bib.get("article").expect("the article's entry");
        assert_eq!(
            field(article, "title").as_deref(),
            Some(db.set.article.title.as_str())
        );
        assert_eq!(
            field(article, "location").as_deref(),
            Some(db.set.article.city.as_str())
        );
        assert!(bib.get("dataset").is_some());
        for r in &db.set.references {
            let e = bib
                .get(&cite::key(r))
                .unwrap_or_else(|| panic!("no entry for [{}]", r.number));
            assert_eq!(field(e, "title").as_deref(), Some(r.title.as_str()));
            let or_none = |s: &str| (!s.is_empty()).then(|| s.to_string());
            assert_eq!(field(e, "titleaddon"), or_none(&r.title_en));
            assert_eq!(field(e, "author"), or_none(&r.authors));
            let publisher = field(e, "publisher").or_else(|| field(e, "institution"));
            assert_eq!(publisher, or_none(&r.publisher));
            assert_eq!(field(e, "pages"), or_none(&r.pages));
            assert_eq!(field(e, "url"), web_url(&r.locator).map(str::to_string));
            assert_eq!(field(e, "date"), parse_date(&r.date).map(cite::Ymd::iso));
            assert_eq!(
                field(e, "urldate"),
                parse_date(&r.accessed).map(cite::Ymd::iso)
            );
            // What has no field of its own is in the note, as given.
            let note = field(e, "note").expect("a note");
            for s in [&r.date, &r.accessed, &r.note] {
                assert!(
                    note.contains(s.as_str()),
                    "[{}] note lacks {s:?}: {note}",
                    r.number
                );
            }
            if web_url(&r.locator).is_none() {
                assert!(note.contains(r.locator.as_str()), "{note}");
            }
            for i in &r.inferred {
                assert!(
                    note.contains(&format!("Not stated outright: {}", i.field)),
                    "[{}] note does not mark {}: {note}",
                    r.number,
                    i.field
                );
            }
            assert!(note.contains(&format!("Kind of source: {}", r.kind.name())));
        }
    }
}

/// The CSL-JSON 1.0 schema's item types (csl-data.json, `type`'s enum).
const CSL_TYPES: &[&str] = &[
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "event",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
];
/// The schema's name variables and the keys a name may have.
const CSL_NAMES: &[&str] = &[
    "author",
    "editor",
    "translator",
    "container-author",
    "recipient",
];
const CSL_NAME_KEYS: &[&str] = &[
    "family",
    "given",
    "dropping-particle",
    "non-dropping-particle",
    "suffix",
    "comma-suffix",
    "static-ordering",
    "literal",
    "parse-names",
];
/// The schema's date variables and the keys a date may have.
const CSL_DATES: &[&str] = &[
    "accessed",
    "issued",
    "event-date",
    "original-date",
    "submitted",
];
const CSL_DATE_KEYS: &[&str] = &["date-parts", "season", "circa", "literal", "raw", "edtf"];
/// The other variables this export writes, all strings or numbers in the schema.
const CSL_TEXT: &[&str] = &[
    "id",
    "type",
    "citation-key",
    "publisher-place",
    "version",
    "title",
    "original-title",
    "publisher",
    "URL",
    "page",
    "note",
];

/// Checks one CSL-JSON item against the schema's rules; the reasons it breaks them.
fn csl_problems(item: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let Some(obj) = item.as_object() else {
        return vec!["not an object".into()];
    };
    match obj.get("id") {
        Some(Value::String(_) | Value::Number(_)) => {}
        _ => out.push("id missing or not a string or number".into()),
    }
    match obj.get("type").and_then(Value::as_str) {
        Some(t) if CSL_TYPES.contains(&t) => {}
        t => out.push(format!("type {t:?} is not a CSL type")),
    }
    for (k, v) in obj {
        if CSL_NAMES.contains(&k.as_str()) {
            let ok = v.as_array().is_some_and(|names| {
                names.iter().all(|n| {
                    n.as_object().is_some_and(|n| {
                        !n.is_empty()
                            && n.iter().all(|(k, v)| {
                                CSL_NAME_KEYS.contains(&k.as_str())
                                    && (v.is_string() || v.is_number() || v.is_boolean())
                            })
                    })
                })
            });
            if !ok {
                out.push(format!("{k} is not a list of names"));
            }
        } else if CSL_DATES.contains(&k.as_str()) {
            let ok = v.as_object().is_some_and(|d| {
                d.iter().all(|(k, v)| {
                    CSL_DATE_KEYS.contains(&k.as_str())
                        && match k.as_str() {
                            "date-parts" => v.as_array().is_some_and(|parts| {
                                (1..=2).contains(&parts.len())
                                    && parts.iter().all(|p| {
                                        p.as_array().is_some_and(|p| {
                                            (1..=3).contains(&p.len())
                                                && p.iter().all(|x| x.is_string() || x.is_number())
                                        })
                                    })
                            }),
                            _ => v.is_string() || v.is_number() || v.is_boolean(),
                        }
                })
            });
            if !ok {
                out.push(format!("{k} is not a CSL date"));
            }
        } else if CSL_TEXT.contains(&k.as_str()) {
            if !(v.is_string() || v.is_number()) {
                out.push(format!("{k} is not a string or number"));
            }
        } else {
            out.push(format!("{k} is not a variable this export should write"));
        }
    }
    out
}

#[test]
fn csl_json_keeps_the_schemas_rules_and_every_field() {
    for db in [embedded(), sample(), awkward()] {
        let v: Value = serde_json::from_str(&cite::csl_json(&db)).expect("JSON");
        let items = v.as_array().expect("an array of items");
        assert_eq!(items.len(), db.set.references.len() + 2);
        for record in &items[..2] {
            assert!(csl_problems(record).is_empty(), "{record:#}");
        }
        assert_eq!(items[0]["title"], db.set.article.title.as_str());
        assert_eq!(items[1]["type"], "dataset");
        for (item, r) in items[2..].iter().zip(&db.set.references) {
            let problems = csl_problems(item);
            assert!(
                problems.is_empty(),
                "[{}]: {problems:?}\n{item:#}",
                r.number
            );
            let s = |k: &str| item.get(k).and_then(Value::as_str).map(str::to_string);
            assert_eq!(s("title").as_deref(), Some(r.display_title()));
            if !r.title_en.is_empty() {
                assert_eq!(s("original-title").as_deref(), Some(r.title.as_str()));
            }
            if !r.authors.is_empty() {
                assert_eq!(item["author"][0]["literal"], r.authors.as_str());
            }
            if !r.date.is_empty() {
                assert_eq!(item["issued"]["raw"], r.date.as_str());
            }
            if let Some(d) = parse_date(&r.date) {
                assert_eq!(item["issued"]["date-parts"][0][0], d.year);
            }
            assert_eq!(s("URL").as_deref(), web_url(&r.locator));
            let note = s("note").expect("a note");
            assert!(note.contains(r.note.as_str()));
            for i in &r.inferred {
                assert!(note.contains(&format!("Not stated outright: {}", i.field)));
            }
        }
    }
    // The article's reference 7 gives an access date.
    let db = embedded();
    let v: Value = serde_json::from_str(&cite::csl_json(&db)).expect("JSON");
    let seven = v
        .as_array()
        .and_then(|a| a.iter().find(|i| i["id"] == "ref7"))
        .expect("reference 7");
    assert_eq!(
        seven["accessed"]["date-parts"],
        serde_json::json!([[2016, 5, 20]])
    );
    assert_eq!(seven["accessed"]["raw"], "20.05.2016");
    // The checker itself refuses what breaks the rules.
    for bad in [
        serde_json::json!({"type": "webpage"}),
        serde_json::json!({"id": "x", "type": "web-page"}),
        serde_json::json!({"id": "x", "type": "webpage", "author": "Smith"}),
        serde_json::json!({"id": "x", "type": "webpage", "issued": {"date-parts": [[2015, 1, 2, 3]]}}),
    ] {
        assert!(!csl_problems(&bad).is_empty(), "{bad}");
    }
}

#[test]
fn ris_has_its_required_tags_and_every_field() {
    for db in [embedded(), sample(), awkward()] {
        let text = cite::ris(&db);
        let records: Vec<&str> = text.split("\n\n").collect();
        assert_eq!(records.len(), db.set.references.len() + 2);
        assert!(records[0].contains("ID  - article") && records[1].contains("TY  - DATA"));
        for rec in &records[..2] {
            assert!(
                rec.starts_with("TY  - ") && rec.trim_end().ends_with("ER  -"),
                "{rec}"
            );
        }
        for (rec, r) in records[2..].iter().zip(&db.set.references) {
            let lines: Vec<&str> = rec.lines().collect();
            assert!(lines[0].starts_with("TY  - "), "{rec}");
            assert_eq!(*lines.last().unwrap(), "ER  - ", "{rec}");
            for l in &lines {
                let (tag, rest) = l.split_at(2);
                assert!(
                    tag.chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                        && rest.starts_with("  - "),
                    "not a RIS line: {l:?}"
                );
            }
            let get = |t: &str| {
                lines
                    .iter()
                    .find_map(|l| l.strip_prefix(&format!("{t}  - ")))
                    .map(str::to_string)
            };
            assert_eq!(get("TI").as_deref(), Some(r.title.as_str()));
            assert_eq!(get("ID"), Some(cite::key(r)));
            let or_none = |s: &str| (!s.is_empty()).then(|| s.to_string());
            assert_eq!(get("TT"), or_none(&r.title_en));
            assert_eq!(get("AU"), or_none(&r.authors));
            assert_eq!(get("PB"), or_none(&r.publisher));
            assert_eq!(get("UR").as_deref(), web_url(&r.locator));
            assert!(rec.contains(&format!("N1  - Kind of source: {}", r.kind.name())));
        }
    }
}

#[test]
fn the_formats_are_on_the_command_line_and_take_a_stage() {
    let all = kazaf(["export", "--format", "bibtex"]);
    assert_eq!(all.code, Some(0), "{}", all.stderr);
    assert_eq!(
        all.stdout.matches("\n@").count(),
        embedded().set.references.len() + 2
    );
    // The first stage's part cites fewer sources than the whole.
    let part = kazaf(["export", "--format", "bibtex", "--stage", "1"]);
    assert_eq!(part.code, Some(0), "{}", part.stderr);
    // Less the article's and the dataset's entries.
    let n = part.stdout.matches("\n@").count() - 2;
    assert!(
        n > 0 && n < embedded().set.references.len(),
        "{}",
        part.stdout
    );
    for format in ["csl-json", "ris", "biblatex"] {
        let r = kazaf(["export", "--format", format, "--stage", "2"]);
        assert_eq!(r.code, Some(0), "{format}: {}", r.stderr);
        assert!(!r.stdout.is_empty());
    }
    let help = kazaf(["export", "--help"]);
    for f in ["bibtex", "csl-json", "ris"] {
        assert!(help.stdout.contains(f), "{}", help.stdout);
    }
}
