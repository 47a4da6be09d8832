//! Validation and audit rules, library-level.
//!
//! Every validation rule in `src/data/validate.rs` gets a small bad dataset (the schema example
//! with one value changed) and an exact expectation: the problem's path, its message, and the
//! line and column of the offending value. Every audit rule in `src/data/audit.rs` is shown both
//! passing and failing on a small dataset built here.

use kazaf::data::audit::AuditResult;
use kazaf::data::load::{self, LoadError, Problem, load_str};
use kazaf::data::{Db, ItemRef, validate};

use crate::common::{EXAMPLE, SAMPLE, line_col};

/// The schema example with the first `from` replaced by `to` (which must be there).
fn mutate(from: &str, to: &str) -> String {
    assert!(
        EXAMPLE.contains(from),
        "the schema example no longer contains {from:?}"
    );
    EXAMPLE.replacen(from, to, 1)
}

/// Position of `inner` within the only occurrence of `context` in `text`.
fn pos(text: &str, context: &str, inner: &str) -> (usize, usize) {
    assert_eq!(
        text.matches(context).count(),
        1,
        "{context:?} is not unique in the mutated text"
    );
    let c = text.find(context).unwrap();
    let i = context
        .find(inner)
        .unwrap_or_else(|| panic!("{inner:?} not in {context:?}"));
    line_col(text, c + i)
}

/// The problems of a dataset that must fail validation.
fn problems(text: &str) -> Vec<Problem> {
    match load_str("t.ron", text) {
        Err(LoadError::Invalid { file, problems }) => {
            assert_eq!(file, "t.ron");
            problems
        }
        Err(e) => panic!("expected validation problems, got another error:\n{e}"),
        Ok(_) => panic!("expected validation problems, but the dataset loaded"),
    }
}

/// Asserts `text` has exactly one problem, at `path`, saying `message`, at `at`.
fn one(text: &str, path: &str, message: &str, at: (usize, usize)) {
    let ps = problems(text);
    assert_eq!(
        ps,
        vec![Problem {
            path: path.into(),
            pos: Some(at),
            message: message.into(),
        }],
        "problems of the mutated dataset"
    );
}

/// The mutation `from` → `to`, expecting one problem at `inner` within `to`.
fn case(from: &str, to: &str, inner: &str, path: &str, message: &str) {
    let text = mutate(from, to);
    let at = pos(&text, to, inner);
    one(&text, path, message, at);
}

#[test]
fn the_schema_example_and_the_embedded_dataset_are_valid() {
    let set = load::parse("schema", EXAMPLE).expect("schema example parses");
    assert_eq!(validate::validate(&set), Vec::<(String, String)>::new());
    assert!(load_str("schema", EXAMPLE).is_ok());

    assert!(load::embedded().is_ok());
    let set = load::parse(load::EMBEDDED_NAME, load::EMBEDDED).expect("embedded parses");
    assert_eq!(validate::validate(&set), Vec::<(String, String)>::new());
}

/// The fixture keeps what its header promises: it is valid, and of its audit rules only
/// StageOverlap warns (its last two stages share a year).
#[test]
fn the_fixture_dataset_is_valid_and_only_stage_overlap_warns() {
    let set = load::parse("sample.ron", SAMPLE).expect("the fixture parses");
    assert_eq!(validate::validate(&set), Vec::<(String, String)>::new());
    let db = load_str("sample.ron", SAMPLE).unwrap();
    let warned: Vec<&str> = db
        .audit
        .iter()
        .filter(|r| !r.passed())
        .map(|r| r.title.as_str())
        .collect();
    assert_eq!(warned, ["Overlap between stages"]);
    assert!(db.audit.len() > warned.len());
}

#[test]
fn duplicate_id() {
    // A note taking a document's id: ids are unique across every kind of item.
    case(
        r#"id: "n_security", topic"#,
        r#"id: "d_treaty", topic"#,
        r#""d_treaty""#,
        "notes[0].id",
        "duplicate id `d_treaty` (already used at documents[0])",
    );
    // Within one list too.
    case(
        r#"cites: [1], at: "p. 3"),"#,
        r#"cites: [1], at: "p. 3"),
        (id: "n_security", topic: "Security", title: "Again", text: "Again.", places: [], people: []),"#,
        r#""n_security""#,
        "notes[1].id",
        "duplicate id `n_security` (already used at notes[0])",
    );
}

#[test]
fn empty_id() {
    case(
        r#"id: "n_security""#,
        r#"id: "  ""#,
        r#""  ""#,
        "notes[0].id",
        "must not be empty",
    );
}

#[test]
fn citation_to_a_missing_reference() {
    case(
        "cites: [1]),                      // optional: reference numbers",
        "cites: [99]),                      // optional: reference numbers",
        "99",
        "events[0].cites[0]",
        "cites reference [99], which is not in the reference list",
    );
    // The second citation of a list, on a stage.
    case(
        r#"summary: "How the period is characterised.", cites: [1]"#,
        r#"summary: "How the period is characterised.", cites: [1, 7]"#,
        "7",
        "stages[0].cites[1]",
        "cites reference [7], which is not in the reference list",
    );
}

#[test]
fn unknown_stage() {
    case(
        r#"stage: "s2", category: Institution"#,
        r#"stage: "s9", category: Institution"#,
        r#""s9""#,
        "events[1].stage",
        "no stage has the id `s9`",
    );
}

#[test]
fn unknown_place() {
    case(
        r#"places: ["beta_town"], cites: [2]"#,
        r#"places: ["beta_town", "atlantis"], cites: [2]"#,
        r#""atlantis""#,
        "events[1].places[1]",
        "no place has the id `atlantis`",
    );
}

#[test]
fn unknown_person() {
    case(
        r#"people: ["a_minister"],"#,
        r#"people: ["nobody"],"#,
        r#""nobody""#,
        "events[0].people[0]",
        "no person has the id `nobody`",
    );
}

#[test]
fn a_person_where_a_place_is_expected() {
    case(
        r#"places: ["alpha_city"],"#,
        r#"places: ["a_minister"],"#,
        r#""a_minister""#,
        "events[0].places[0]",
        "`a_minister` is a person, not a place",
    );
}

#[test]
fn an_item_of_the_wrong_kind_reads_with_the_right_article() {
    // "an event", not "a event".
    case(
        r#"speaker: "a_minister""#,
        r#"speaker: "e_relations""#,
        r#""e_relations""#,
        "statements[0].speaker",
        "`e_relations` is an event, not a person",
    );
    case(
        r#"event: Some("e_relations"),       // optional"#,
        r#"event: Some("s1"),       // optional"#,
        r#""s1""#,
        "documents[0].event",
        "`s1` is a stage, not an event",
    );
}

#[test]
fn impossible_date() {
    case(
        r#"date: "1991-12-30""#,
        r#"date: "2015-02-29""#,
        r#""2015"#,
        "events[0].date",
        "`2015-02-29`: February 2015 has 28 days, so there is no day 29",
    );
    case(
        r#"date: "1991-12-30""#,
        r#"date: "1991-13""#,
        r#""1991"#,
        "events[0].date",
        "`1991-13`: there is no month 13",
    );
}

#[test]
fn malformed_date() {
    case(
        r#"date: "1991-12-30""#,
        r#"date: "30.12.1991""#,
        r#""30"#,
        "events[0].date",
        "`30.12.1991` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
    );
}

#[test]
fn stage_ending_before_it_starts() {
    // `Some(..)` is transparent: the position is the year inside it.
    case(
        "end: Some(2004)",
        "end: Some(1990)",
        "1990",
        "stages[0].end",
        "ends in 1990, before it starts in 1991",
    );
}

#[test]
fn open_stage_starting_after_the_article() {
    case(
        "start: 2005, end: None",
        "start: 2030, end: None",
        "2030",
        "stages[1].start",
        "starts in 2030, after the article's year 2020 (its \"present\")",
    );
}

#[test]
fn non_finite_figure_values() {
    // ron 0.12 parses NaN and inf as floats; validation rejects infinities, and a NaN is a
    // value left out, which only a derived or counted figure may do.
    for (v, message) in [
        (
            "NaN",
            "`f_trade_2010` has no value (left out, or NaN): a stated figure gives the number \
             its source states; only a derived or counted figure may leave it out",
        ),
        ("inf", "inf is not a finite number"),
        ("-inf", "-inf is not a finite number"),
    ] {
        let to = format!("value: {v}, unit: UsdMillion,\n         period: \"2010\"");
        case(
            "value: 120.0, unit: UsdMillion,\n         period: \"2010\"",
            &to,
            v,
            "figures[0].value",
            message,
        );
    }
}

#[test]
fn derived_formula_naming_an_unknown_figure() {
    case(
        r#"Derived(formula: "f_trade_2010 / (1 + f_growth / 100)")"#,
        r#"Derived(formula: "f_trade_2010 / (1 + f_nope / 100)")"#,
        r#""f_trade"#,
        "figures[2].provenance.formula",
        "formula `f_trade_2010 / (1 + f_nope / 100)` names `f_nope`, which is not a figure",
    );
    // An id of another kind is not a figure either.
    case(
        r#"Derived(formula: "f_trade_2010 / (1 + f_growth / 100)")"#,
        r#"Derived(formula: "f_trade_2010 / s1")"#,
        r#""f_trade"#,
        "figures[2].provenance.formula",
        "formula `f_trade_2010 / s1` names `s1`, which is not a figure",
    );
}

#[test]
fn derived_formula_naming_no_figure() {
    case(
        r#"Derived(formula: "f_trade_2010 / (1 + f_growth / 100)")"#,
        r#"Derived(formula: "1 + 1")"#,
        r#""1 + 1""#,
        "figures[2].provenance.formula",
        "formula `1 + 1` names no input figure",
    );
}

#[test]
fn derived_formula_referring_to_itself() {
    case(
        r#"Derived(formula: "f_trade_2010 / (1 + f_growth / 100)")"#,
        r#"Derived(formula: "f_trade_2009 * 1")"#,
        r#""f_trade_2009"#,
        "figures[2].provenance.formula",
        "formula `f_trade_2009 * 1` uses the figure itself",
    );
}

#[test]
fn derived_formula_with_a_syntax_error() {
    case(
        r#"Derived(formula: "f_trade_2010 / (1 + f_growth / 100)")"#,
        r#"Derived(formula: "f_trade_2010 /")"#,
        r#""f_trade"#,
        "figures[2].provenance.formula",
        "formula `f_trade_2010 /`: unexpected end at character 15",
    );
}

#[test]
fn counted_figure_with_no_events() {
    case(
        r#"Counted(events: ["e_meeting_2010"])"#,
        "Counted(events: [])",
        "[]",
        "figures[3].provenance.events",
        "a counted figure must list the events it counts",
    );
    case(
        r#"Counted(events: ["e_meeting_2010"])"#,
        r#"Counted(events: ["e_meeting_2011"])"#,
        r#""e_meeting_2011""#,
        "figures[3].provenance.events[0]",
        "no event has the id `e_meeting_2011`; did you mean `e_meeting_2010`?",
    );
}

#[test]
fn chart_mixing_units() {
    let text = mutate(r#"("2009", "f_trade_2009")"#, r#"("2009", "f_growth")"#);
    let ps = problems(&text);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0].path, "charts[0].groups[0].bars[0].1");
    assert!(
        ps[0].message.contains("one unit per chart"),
        "{}",
        ps[0].message
    );
    assert_eq!(
        ps[0].message,
        "figure `f_growth` is in percent, but the chart is in USD million: one unit per chart"
    );
    assert_eq!(
        ps[0].pos,
        Some(pos(&text, r#"("2009", "f_growth")"#, r#""f_growth""#))
    );
    // A bar naming no figure at all.
    case(
        r#"("2010", "f_trade_2010")"#,
        r#"("2010", "f_trade_2011")"#,
        r#""f_trade_2011""#,
        "charts[0].groups[0].bars[1].1",
        "no figure has the id `f_trade_2011`; did you mean `f_trade_2010`?",
    );
    // A chart without bars.
    case(
        r#"groups: [(label: "", bars: [("2009", "f_trade_2009"), ("2010", "f_trade_2010")])]"#,
        r#"groups: [(label: "", bars: [])]"#,
        "[(",
        "charts[0].groups",
        "a chart needs at least one bar",
    );
}

#[test]
fn coordinates_out_of_range() {
    case(
        "lat: 50.0, lon: 70.0",
        "lat: 95.0, lon: 70.0",
        "95",
        "places[0].lat",
        "latitude 95 is not between -90 and 90",
    );
    case(
        "lat: 35.0, lon: 68.0",
        "lat: 35.0, lon: -180.5",
        "-180",
        "places[1].lon",
        "longitude -180.5 is not between -180 and 180",
    );
    case(
        "(74.0, 54.0), (66.0, 54.0)",
        "(74.0, 54.0), (66.0, 95.0)",
        "(66.0, 95",
        "map.outlines[0].lines[0][3]",
        "is not a (longitude, latitude) pair within ±180, ±90",
    );
}

const LAST_REF: &str = r#"(number: 2, title: "Trade statistics 2010", kind: Document),"#;

#[test]
fn duplicate_reference_number() {
    let to = format!("{LAST_REF}\n        (number: 2, title: \"Again\", kind: Other),");
    let text = mutate(LAST_REF, &to);
    let at = pos(&text, r#"(number: 2, title: "Again""#, "2");
    one(
        &text,
        "references[2].number",
        "reference [2] is listed twice",
        at,
    );
}

#[test]
fn reference_number_zero() {
    let to = format!("{LAST_REF}\n        (number: 0, title: \"Zero\", kind: Other),");
    let text = mutate(LAST_REF, &to);
    let at = pos(&text, r#"(number: 0, title: "Zero""#, "0");
    one(
        &text,
        "references[2].number",
        "reference numbers start at 1",
        at,
    );
}

#[test]
fn reference_without_a_title() {
    case(
        r#"(number: 2, title: "Trade statistics 2010""#,
        r#"(number: 2, title: """#,
        r#""""#,
        "references[1].title",
        "must not be empty",
    );
}

#[test]
fn audit_equation_with_a_syntax_error() {
    case(
        r#"right: "f_trade_2009 * (1 + f_growth / 100)""#,
        r#"right: "f_trade_2009 * (1 + f_growth / 100""#,
        r#""f_trade"#,
        "audits[0].right",
        "formula `f_trade_2009 * (1 + f_growth / 100`: expected `)` at character 35",
    );
    case(
        r#"left: "f_trade_2010""#,
        r#"left: "f_trade_2010 $ 2""#,
        r#""f_trade"#,
        "audits[0].left",
        "formula `f_trade_2010 $ 2`: unexpected text at character 14",
    );
}

#[test]
fn audit_equation_naming_a_non_figure_and_a_bad_tolerance() {
    case(
        r#"left: "f_trade_2010""#,
        r#"left: "e_relations""#,
        r#""e_relations""#,
        "audits[0].left",
        "formula `e_relations` names `e_relations`, which is not a figure",
    );
    case(
        "tolerance: 0.5",
        "tolerance: -0.5",
        "-0.5",
        "audits[0].tolerance",
        "-0.5 is not a finite number ≥ 0",
    );
    // An audit id is an id like any other.
    case(
        r#"Equation(id: "a_growth""#,
        r#"Equation(id: "f_growth""#,
        r#""f_growth""#,
        "audits[0].id",
        "duplicate id `f_growth` (already used at figures[1])",
    );
}

#[test]
fn headline_naming_a_non_figure() {
    case(
        r#"headline: ["f_trade_2010"]"#,
        r#"headline: ["f_trade_2010", "s1"]"#,
        r#""s1""#,
        "article.headline[1]",
        "`s1` is a stage, not a figure",
    );
    case(
        r#"headline: ["f_trade_2010"]"#,
        r#"headline: ["f_none"]"#,
        r#""f_none""#,
        "article.headline[0]",
        "no figure has the id `f_none`",
    );
}

#[test]
fn article_with_one_party() {
    case(
        r#"parties: ["Alphaland", "Betastan"]"#,
        r#"parties: ["Alphaland"]"#,
        "[",
        "article.parties",
        "names 1 party; a bilateral history has exactly two",
    );
    case(
        r#"parties: ["Alphaland", "Betastan"]"#,
        r#"parties: ["Alphaland", "Betastan", "Gammaland"]"#,
        "[",
        "article.parties",
        "names 3 parties; a bilateral history has exactly two",
    );
}

#[test]
fn empty_texts() {
    case(
        r#"title: "Relations of Alphaland and Betastan since 1991""#,
        r#"title: " ""#,
        r#"" ""#,
        "article.title",
        "must not be empty",
    );
    case(
        r#"title: "Diplomatic relations""#,
        r#"title: """#,
        r#""""#,
        "events[0].title",
        "must not be empty",
    );
}

#[test]
fn several_problems_are_all_reported() {
    let text = EXAMPLE
        .replacen(r#"date: "1991-12-30""#, r#"date: "1991-02-30""#, 1)
        .replacen(r#"stage: "s2""#, r#"stage: "s3""#, 1)
        .replacen("lat: 50.0", "lat: 91.0", 1)
        .replacen(r#"parties: ["Alphaland", "Betastan"]"#, "parties: []", 1);
    let ps = problems(&text);
    assert!(ps.len() >= 3, "{ps:?}");
    let paths: Vec<&str> = ps.iter().map(|p| p.path.as_str()).collect();
    for want in [
        "article.parties",
        "events[0].date",
        "events[1].stage",
        "places[0].lat",
    ] {
        assert!(paths.contains(&want), "{want} missing from {paths:?}");
    }
    assert!(ps.iter().all(|p| p.pos.is_some()), "{ps:?}");
    // The message lists each with FILE:LINE:COL and ends with the count.
    let e = load_str("t.ron", &text).err().unwrap();
    let shown = e.to_string();
    assert_eq!(shown.lines().count(), ps.len() + 1, "{shown}");
    assert!(
        shown.ends_with(&format!("t.ron: {} problems found", ps.len())),
        "{shown}"
    );
    let (l, c) = pos(&text, "lat: 91.0", "91");
    assert!(
        shown.contains(&format!(
            "t.ron:{l}:{c}: places[0].lat: latitude 91 is not between -90 and 90"
        )),
        "{shown}"
    );
}

// ---------------------------------------------------------------------------------------------
// The audit.

/// A small dataset with the given lists (each the inside of `[...]`).
fn mini(stages: &str, events: &str, figures: &str, references: &str, audits: &str) -> String {
    format!(
        r#"(
    article: (title: "Mini", year: 2020, city: "C", category: "X", parties: ["A", "B"]),
    stages: [{stages}],
    events: [{events}],
    figures: [{figures}],
    references: [{references}],
    audits: [{audits}],
)"#
    )
}

const STAGES: &str = r#"
    (id: "s1", name: "First", start: 1990, end: Some(1999), summary: "One.", cites: [1]),
    (id: "s2", name: "Second", start: 2000, end: None, summary: "Two.")"#;

const EVENTS: &str = r#"
    (id: "e1", date: "1995-05", stage: "s1", category: Visit, title: "Visit", text: "V.", cites: [1, 2]),
    (id: "e2", date: "2010", stage: "s2", category: Trade, title: "Deal", text: "D.", cites: [2])"#;

const REFS: &str = r#"
    (number: 1, title: "One", kind: News),
    (number: 2, title: "Two", kind: Report)"#;

fn fig(id: &str, value: f64, prov: &str) -> String {
    format!(
        r#"(id: "{id}", label: "Fig {id}", value: {value:?}, unit: Count, period: "2010", provenance: {prov}),"#
    )
}

/// Three figures `a`, `b`, `c` with these values.
fn abc(a: f64, b: f64, c: f64) -> String {
    [
        fig("a", a, "Stated"),
        fig("b", b, "Stated"),
        fig("c", c, "Stated"),
    ]
    .concat()
}

fn db(text: &str) -> Db {
    match load_str("mini.ron", text) {
        Ok(db) => db,
        Err(e) => panic!("the test dataset must load:\n{e}\n{text}"),
    }
}

/// The one result of a dataset with one audit rule.
fn only(db: &Db) -> &AuditResult {
    assert_eq!(db.audit.len(), 1, "{:?}", db.audit);
    assert_eq!(db.audit[0].rule, 0);
    &db.audit[0]
}

fn equation(left: &str, right: &str, tolerance: f64) -> String {
    format!(
        r#"Equation(id: "eq", title: "Left is right", left: "{left}", right: "{right}", tolerance: {tolerance:?})"#
    )
}

#[test]
fn equation_that_holds_exactly() {
    let d = db(&mini(
        STAGES,
        EVENTS,
        &abc(10.0, 4.0, 6.0),
        REFS,
        &equation("a", "b + c", 0.0),
    ));
    let r = only(&d);
    assert_eq!(r.title, "Left is right");
    assert!(r.passed());
    assert_eq!(r.warnings(), 0);
    assert_eq!(r.findings.len(), 1);
    let f = &r.findings[0];
    assert!(!f.warns());
    assert_eq!(
        f.lines(&d),
        [
            "Fig a (2010)  =  Fig b (2010) + Fig c (2010)",
            "left:  10",
            "right: 4 + 6 = 10",
            "the two sides agree",
        ]
    );
    assert_eq!(
        f.targets,
        [ItemRef::Figure(0), ItemRef::Figure(1), ItemRef::Figure(2)]
    );
    assert!(d.warned.is_empty(), "{:?}", d.warned);
}

#[test]
fn equation_within_its_tolerance_passes() {
    let d = db(&mini(
        STAGES,
        EVENTS,
        &abc(10.04, 4.0, 6.0),
        REFS,
        &equation("a", "b + c", 0.05),
    ));
    let r = only(&d);
    assert!(r.passed(), "{r:?}");
    assert_eq!(
        r.findings[0].lines(&d).last().unwrap(),
        "difference 0.04 is within the tolerance of 0.05"
    );
    assert!(d.warned.is_empty());
    // At exactly the tolerance it still passes.
    let d = db(&mini(
        STAGES,
        EVENTS,
        &abc(10.5, 4.0, 6.0),
        REFS,
        &equation("a", "b + c", 0.5),
    ));
    assert!(only(&d).passed());
}

#[test]
fn equation_beyond_its_tolerance_warns() {
    let d = db(&mini(
        STAGES,
        EVENTS,
        &abc(12.1, 4.0, 6.0),
        REFS,
        &equation("a", "b + c", 0.05),
    ));
    let r = only(&d);
    assert!(!r.passed());
    assert_eq!(r.warnings(), 1);
    let f = &r.findings[0];
    assert!(f.warns());
    assert_eq!(
        f.lines(&d),
        [
            "Fig a (2010)  =  Fig b (2010) + Fig c (2010)",
            "left:  12.1, within [12.05, 12.15]",
            "right: 4 + 6 = 10",
            "the two sides differ by 2.1; their intervals are 2.05 apart (tolerance 0.05)",
        ]
    );
    let want: std::collections::HashSet<ItemRef> =
        [ItemRef::Figure(0), ItemRef::Figure(1), ItemRef::Figure(2)].into();
    assert_eq!(d.warned, want);
}

#[test]
fn equation_that_cannot_be_evaluated_warns() {
    let d = db(&mini(
        STAGES,
        EVENTS,
        &abc(1.0, 4.0, 0.0),
        REFS,
        &equation("a", "b / c", 1.0),
    ));
    let r = only(&d);
    assert!(!r.passed());
    assert_eq!(
        r.findings[0].lines(&d),
        ["cannot evaluate: division by zero"]
    );
    assert!(d.warned.contains(&ItemRef::Figure(0)));
}

#[test]
fn derived_figures_that_agree_pass() {
    let figures = [
        fig("a", 10.0, "Stated"),
        // 10 / 3 = 3.333…, recorded rounded to two decimals.
        fig("third", 3.33, r#"Derived(formula: "a / 3")"#),
        fig("n", 2.0, r#"Counted(events: ["e1", "e2"])"#),
    ]
    .concat();
    let d = db(&mini(STAGES, EVENTS, &figures, REFS, "DerivedFigures"));
    let r = only(&d);
    assert_eq!(
        r.title,
        "Derived and counted figures against their formula or count"
    );
    assert!(r.passed(), "{r:?}");
    assert_eq!(r.findings.len(), 2);
    assert_eq!(
        r.findings[0].lines(&d),
        [
            "Fig third = Fig a (2010) / 3",
            "10 / 3 = 3.3333; recorded 3.33",
            "3.3333 rounds to the recorded 3.33 (which stands for [3.325, 3.335])",
        ]
    );
    assert_eq!(
        r.findings[0].targets,
        [ItemRef::Figure(1), ItemRef::Figure(0)]
    );
    assert_eq!(
        r.findings[1].lines(&d),
        ["Fig n: 2 listed events counted; recorded 2"]
    );
    assert_eq!(
        r.findings[1].targets,
        [ItemRef::Figure(2), ItemRef::Event(0), ItemRef::Event(1)]
    );
    assert!(d.warned.is_empty());
}

#[test]
fn derived_figure_recorded_wrong_warns() {
    let figures = [
        fig("a", 10.0, "Stated"),
        fig("half", 6.0, r#"Derived(formula: "a / 2")"#),
    ]
    .concat();
    let d = db(&mini(STAGES, EVENTS, &figures, REFS, "DerivedFigures"));
    let r = only(&d);
    assert!(!r.passed());
    let f = &r.findings[0];
    assert!(f.warns());
    assert_eq!(
        f.lines(&d),
        ["Fig half = Fig a (2010) / 2", "10 / 2 = 5; recorded 6"]
    );
    assert_eq!(f.targets, [ItemRef::Figure(1), ItemRef::Figure(0)]);
    assert!(d.warned.contains(&ItemRef::Figure(1)));
    // Off by more than the rounding of two decimals.
    let figures = [
        fig("a", 10.0, "Stated"),
        fig("third", 3.34, r#"Derived(formula: "a / 3")"#),
    ]
    .concat();
    let d = db(&mini(STAGES, EVENTS, &figures, REFS, "DerivedFigures"));
    assert!(!only(&d).passed());
}

#[test]
fn counted_figure_that_disagrees_with_its_count_warns() {
    let figures = fig("n", 3.0, r#"Counted(events: ["e1", "e2"])"#);
    let d = db(&mini(STAGES, EVENTS, &figures, REFS, "DerivedFigures"));
    let r = only(&d);
    assert!(!r.passed());
    assert_eq!(
        r.findings[0].lines(&d),
        ["Fig n: 2 listed events counted; recorded 3"]
    );
    assert_eq!(
        r.findings[0].targets,
        [ItemRef::Figure(0), ItemRef::Event(0), ItemRef::Event(1)]
    );
    let want: std::collections::HashSet<ItemRef> =
        [ItemRef::Figure(0), ItemRef::Event(0), ItemRef::Event(1)].into();
    assert_eq!(d.warned, want);
}

#[test]
fn no_derived_figures_is_a_pass() {
    let d = db(&mini(
        STAGES,
        EVENTS,
        &abc(1.0, 2.0, 3.0),
        REFS,
        "DerivedFigures",
    ));
    let r = only(&d);
    assert!(r.passed());
    assert_eq!(r.findings[0].lines(&d), ["no derived or counted figures"]);
}

#[test]
fn stages_that_do_not_overlap_pass() {
    let d = db(&mini(STAGES, EVENTS, "", REFS, "StageOverlap"));
    let r = only(&d);
    assert_eq!(r.title, "Overlap between stages");
    assert!(r.passed());
    assert_eq!(r.findings[0].lines(&d), ["2 stages, none overlapping"]);
}

#[test]
fn overlapping_stages_warn() {
    let stages = STAGES.replace("end: Some(1999)", "end: Some(2003)");
    let d = db(&mini(&stages, EVENTS, "", REFS, "StageOverlap"));
    let r = only(&d);
    assert!(!r.passed());
    assert_eq!(
        r.findings[0].lines(&d),
        ["First (1990–2003) and Second (2000–present) share the years 2000–2003"]
    );
    assert_eq!(
        r.findings[0].targets,
        [ItemRef::Stage(0), ItemRef::Stage(1)]
    );
    let want: std::collections::HashSet<ItemRef> = [ItemRef::Stage(0), ItemRef::Stage(1)].into();
    assert_eq!(d.warned, want);
    // One shared boundary year.
    let stages = STAGES.replace("end: Some(1999)", "end: Some(2000)");
    let d = db(&mini(&stages, EVENTS, "", REFS, "StageOverlap"));
    assert_eq!(
        only(&d).findings[0].lines(&d),
        ["First (1990–2000) and Second (2000–present) share the year 2000"]
    );
}

#[test]
fn events_within_their_stages_pass() {
    let d = db(&mini(STAGES, EVENTS, "", REFS, "EventsWithinStages"));
    let r = only(&d);
    assert_eq!(r.title, "Events against the years of their stage");
    assert!(r.passed());
    assert_eq!(
        r.findings[0].lines(&d),
        ["all 2 events lie within their stage"]
    );
}

#[test]
fn event_outside_its_stage_warns() {
    let events = EVENTS.replace(r#"date: "1995-05""#, r#"date: "2001-05""#);
    let d = db(&mini(STAGES, &events, "", REFS, "EventsWithinStages"));
    let r = only(&d);
    assert!(!r.passed());
    assert_eq!(r.findings.len(), 1);
    assert_eq!(
        r.findings[0].lines(&d),
        ["Visit (May 2001) is told under First (1990–1999)"]
    );
    assert_eq!(
        r.findings[0].targets,
        [ItemRef::Event(0), ItemRef::Stage(0)]
    );
    assert!(d.warned.contains(&ItemRef::Event(0)));
    assert!(!d.warned.contains(&ItemRef::Event(1)));
    // "present" is the article's year.
    let events = EVENTS.replace(r#"date: "2010""#, r#"date: "2021""#);
    let d = db(&mini(STAGES, &events, "", REFS, "EventsWithinStages"));
    assert_eq!(
        only(&d).findings[0].lines(&d),
        ["Deal (2021) is told under Second (2000–present)"]
    );
}

#[test]
fn citations_resolve_and_are_counted() {
    let figures = r#"(id: "a", label: "A", value: 1.0, unit: Count, period: "2010", provenance: Stated, cites: [2]),"#;
    let d = db(&mini(STAGES, EVENTS, figures, REFS, "CitationsResolve"));
    let r = only(&d);
    assert_eq!(r.title, "Citations against the reference list");
    assert!(r.passed());
    // stage 1 + events 2 + 1 + figure 1
    assert_eq!(
        r.findings[0].lines(&d),
        ["5 citations, all to one of the 2 references"]
    );
    assert!(d.warned.is_empty());
    // A dangling citation never gets this far: validation rejects it.
    let bad = EVENTS.replace("cites: [2])", "cites: [3])");
    let ps = problems(&mini(STAGES, &bad, "", REFS, "CitationsResolve"));
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0].path, "events[1].cites[0]");
}

#[test]
fn every_reference_cited_passes() {
    let d = db(&mini(STAGES, EVENTS, "", REFS, "ReferencesCited"));
    let r = only(&d);
    assert_eq!(r.title, "References that something cites");
    assert!(r.passed());
    assert_eq!(r.findings[0].lines(&d), ["all 2 references are cited"]);
}

#[test]
fn uncited_reference_warns() {
    let refs = format!(
        "{REFS},\n    (number: 3, title: \"Три\", title_en: \"Three\", kind: Other),\n    (number: 4, title: \"Four\", kind: Other)"
    );
    let d = db(&mini(STAGES, EVENTS, "", &refs, "ReferencesCited"));
    let r = only(&d);
    assert!(!r.passed());
    assert_eq!(r.warnings(), 2);
    assert_eq!(r.findings[0].lines(&d), ["[3] Three is cited by nothing"]);
    assert_eq!(r.findings[0].targets, [ItemRef::Reference(2)]);
    assert_eq!(r.findings[1].lines(&d), ["[4] Four is cited by nothing"]);
    let want: std::collections::HashSet<ItemRef> =
        [ItemRef::Reference(2), ItemRef::Reference(3)].into();
    assert_eq!(d.warned, want);
}

#[test]
fn every_rule_runs_in_order_and_only_failures_warn() {
    let stages = STAGES.replace("end: Some(1999)", "end: Some(2000)");
    let audits = format!(
        "{}, DerivedFigures, StageOverlap, EventsWithinStages, CitationsResolve, ReferencesCited",
        equation("a", "b + c", 0.0)
    );
    let d = db(&mini(&stages, EVENTS, &abc(10.0, 4.0, 6.0), REFS, &audits));
    assert_eq!(d.audit.len(), 6);
    for (i, r) in d.audit.iter().enumerate() {
        assert_eq!(r.rule, i);
    }
    let passed: Vec<bool> = d.audit.iter().map(AuditResult::passed).collect();
    assert_eq!(passed, [true, true, false, true, true, true]);
    let want: std::collections::HashSet<ItemRef> = [ItemRef::Stage(0), ItemRef::Stage(1)].into();
    assert_eq!(d.warned, want);
}

#[test]
fn the_embedded_audit_reads_precision_and_periods() {
    use kazaf::data::audit::Outcome;
    let db = load::embedded().expect("embedded loads");
    let outcome = |title: &str| {
        let r = db
            .audit
            .iter()
            .find(|r| r.title.starts_with(title))
            .unwrap_or_else(|| panic!("no rule {title}"));
        (r.outcome(), r.findings[0].lines(&db).join("\n"))
    };
    let (o, lines) = outcome("Stated 2014 balance");
    assert_eq!(o, Outcome::AgreesWithinRounding, "{lines}");
    assert!(lines.contains("[330.35, 330.45]"), "{lines}");
    assert!(lines.contains("[330.2, 330.4]"), "{lines}");
    let (o, lines) = outcome("Derived 2013 turnover");
    assert_eq!(o, Outcome::AgreesWithinRounding, "{lines}");
    // The article's food amount (over 17.09, no period, no reference) and Nazarbayev's (up to
    // 20, since 2002): the article does not relate them, and the audit cannot compare them.
    let (o, lines) = outcome("Food aid in USD");
    assert_eq!(o, Outcome::CannotCompare, "{lines}");
    assert!(lines.contains("[17.09, ∞)"), "{lines}");
    assert!(lines.contains("(−∞, 20]"), "{lines}");
    assert!(lines.contains("the periods cannot be matched"), "{lines}");
    assert_eq!(outcome("Overlap between stages").0, Outcome::Differs);
    // An event whose title ends with its date is not dated twice.
    let within = db
        .audit
        .iter()
        .find(|r| r.title.starts_with("Events against"))
        .unwrap();
    let text: Vec<String> = within
        .findings
        .iter()
        .flat_map(|f| f.lines(&db).to_vec())
        .collect();
    assert!(
        text.iter()
            .any(|l| l.starts_with("IGC session in Astana (2015) is told")),
        "{text:?}"
    );
    assert_eq!(outcome("Events against the years").0, Outcome::Differs);
    // The article contradicts itself on the first stage, and two of its slips are recorded.
    let (o, lines) = outcome("The first stage's");
    assert_eq!(o, Outcome::Differs, "{lines}");
    assert!(
        lines.contains("saw no events, yet the data dates"),
        "{lines}"
    );
    assert_eq!(outcome("Food aid given as").0, Outcome::SourceWording);
    assert_eq!(outcome("Imports \"of Kazakhstan").0, Outcome::SourceWording);
    assert_eq!(db.warnings(), 7);
    assert_eq!(db.audit_count(), "7 findings differ");
}

/// A claim that a stage saw no events, against the events dated in its years: differs when
/// there are any (the source contradicting itself), agrees when there are none, and the claim
/// and the stage must exist.
#[test]
fn a_claim_of_no_events_is_held_against_the_events_dated_in_the_stage() {
    use kazaf::data::audit::Outcome;
    let rule = |stage: &str| {
        format!(r#"NoEventsDuring(id: "quiet", title: "Quiet?", claim: "e2", stage: "{stage}")"#)
    };
    let d = db(&mini(STAGES, EVENTS, "", REFS, &rule("s1")));
    let r = only(&d);
    assert_eq!(r.title, "Quiet?");
    assert_eq!(r.findings[0].outcome, Outcome::Differs);
    let lines = r.findings[0].lines(&d);
    assert!(
        lines[0].contains("saw no events, yet the data dates 1 event in it"),
        "{lines:?}"
    );
    assert!(lines[1].contains("Visit"), "{lines:?}");
    // The claim is what is marked, not the events that contradict it.
    assert_eq!(r.findings[0].targets, [ItemRef::Event(1)]);
    // A stage with no dated event: the claim holds.
    let stages = r#"
    (id: "s1", name: "First", start: 1990, end: Some(1999), summary: "One.", cites: [1]),
    (id: "s2", name: "Second", start: 2000, end: Some(2005), summary: "Two."),
    (id: "s3", name: "Third", start: 2006, end: None, summary: "Three.")"#;
    let d = db(&mini(stages, EVENTS, "", REFS, &rule("s2")));
    assert_eq!(only(&d).findings[0].outcome, Outcome::Agrees);
    // The claim and the stage must name items that exist.
    let bad = r#"NoEventsDuring(id: "quiet", title: "Quiet?", claim: "nope", stage: "s9")"#;
    let ps = problems(&mini(STAGES, EVENTS, "", REFS, bad));
    let paths: Vec<&str> = ps.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["audits[0].claim", "audits[0].stage"], "{ps:?}");
}

/// A slip of the source's wording is a finding of its own kind: not a warning, listed with its
/// text and items, whose ids must exist.
#[test]
fn the_sources_wording_is_a_finding_of_its_own_kind() {
    use kazaf::data::audit::Outcome;
    let rule =
        r#"SourceWording(id: "w", title: "Garbled", text: "It says X; we read Y.", items: ["e1"])"#;
    let d = db(&mini(STAGES, EVENTS, "", REFS, rule));
    let r = only(&d);
    assert_eq!(r.findings[0].outcome, Outcome::SourceWording);
    assert!(r.passed(), "a slip of the source is not a warning");
    assert_eq!(r.findings[0].lines(&d), ["It says X; we read Y."]);
    assert_eq!(r.findings[0].targets, [ItemRef::Event(0)]);
    let bad = r#"SourceWording(id: "w", title: "", text: "T", items: ["nope"])"#;
    let ps = problems(&mini(STAGES, EVENTS, "", REFS, bad));
    let paths: Vec<&str> = ps.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["audits[0].title", "audits[0].items[0]"], "{ps:?}");
}

/// A document signed at a dated event and listed under a stage whose years do not hold that
/// date differs; undated documents are counted, not checked.
#[test]
fn documents_are_held_to_the_years_of_their_stage() {
    let text = |stage: &str| {
        mini(STAGES, EVENTS, "", REFS, "DocumentsWithinStages").replace(
            "    figures: [],",
            &format!(
                r#"    figures: [],
    documents: [
        (id: "d1", kind: Agreement, title: "Deal signed", stage: "{stage}", event: Some("e2")),
        (id: "d2", kind: Protocol, title: "Undated protocol", stage: "s1"),
    ],"#
            ),
        )
    };
    let d = db(&text("s1"));
    let r = only(&d);
    assert!(!r.passed());
    assert_eq!(
        r.findings[0].lines(&d),
        ["Deal signed (signed 2010) is listed under First (1990–1999)"]
    );
    assert_eq!(
        r.findings[0].targets,
        [ItemRef::Document(0), ItemRef::Stage(0)]
    );
    let d = db(&text("s2"));
    let r = only(&d);
    assert!(r.passed());
    assert_eq!(
        r.findings[0].lines(&d),
        ["1 document signed at a dated event, all within their stage; 1 undated"]
    );
}
