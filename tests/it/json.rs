//! JSON datasets: `export --format json` reads back exactly through `--data`, the exported JSON
//! keeps the dataset's JSON Schema (`kazaf schema --format json-schema`), and a broken JSON file
//! is answered at its own line and column.

use kazaf::data::load::{self, EMBEDDED, EMBEDDED_NAME};
use serde_json::Value;

use crate::common::{
    EXAMPLE, SAMPLE, Scratch, check, embedded, kazaf, line_col, position_after, sample, with_data,
};

/// Every RON dataset the repository holds that loads: the embedded one, the fixtures, the
/// schema example and the starter.
fn datasets() -> Vec<(String, String)> {
    let mut all = vec![
        (EMBEDDED_NAME.to_string(), EMBEDDED.to_string()),
        ("schema-example.ron".into(), EXAMPLE.to_string()),
        ("starter.ron".into(), kazaf::schema::STARTER.to_string()),
    ];
    let mut fixtures: Vec<_> = std::fs::read_dir("tests/fixtures")
        .expect("tests/fixtures")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    fixtures.sort();
    for p in fixtures {
        let text = std::fs::read_to_string(&p).unwrap();
        if load::load_str("fixture.ron", &text).is_ok() {
            all.push((p.display().to_string(), text));
        }
    }
    assert!(all.len() >= 5, "the fixtures are there");
    all
}

#[test]
fn export_load_export_is_identical_for_every_dataset() {
    for (name, ron) in datasets() {
        let from_ron = load::load_str(&name, &ron).expect("the RON loads");
        let json = kazaf::export::json(&from_ron);
        let from_json = load::load_str("export.json", &json)
            .unwrap_or_else(|e| panic!("{name}: its JSON export does not load:\n{e}"));
        // The same dataset, and the same export.
        assert_eq!(kazaf::export::json(&from_json), json, "{name}");
        // By content too: a JSON file whose name does not say so.
        let unnamed = load::load_str("export.txt", &json).expect("read by its `{`");
        assert_eq!(kazaf::export::json(&unnamed), json, "{name}");
        // What is worked out from it is the same too, but for one word: the export writes a
        // value kazaf computed as a number, which the JSON then gives.
        assert_eq!(
            kazaf::export::check_report(&from_json),
            kazaf::export::check_report(&from_ron).replace("computed, not given:", "recorded"),
            "{name}"
        );
    }
}

#[test]
fn the_binary_reads_its_own_json_export() {
    let dir = Scratch::new();
    let exported = kazaf(["export", "--format", "json"]);
    exported.code(0).clean();
    let f = dir.file("kz-af.json", &exported.raw.stdout);
    let again = with_data(&f, &["export", "--format", "json"]);
    again.code(0).clean();
    assert_eq!(again.stdout, exported.stdout);
    // `check FILE.json` as `check` of the embedded dataset; the Markdown report the same.
    let r = check(&f);
    r.code(0);
    assert_eq!(r.stdout, kazaf(["check"]).stdout);
    assert_eq!(
        with_data(&f, &["export", "--format", "markdown"]).stdout,
        kazaf(["export", "--format", "markdown"]).stdout
    );
    // A `$schema` key, where an editor looks for the schema, is accepted and ignored.
    let with_schema =
        exported
            .stdout
            .replacen('{', "{\n  \"$schema\": \"./kazaf.schema.json\",", 1);
    let f = dir.file("with-schema.json", &with_schema);
    let r = with_data(&f, &["export", "--format", "json"]);
    r.code(0);
    assert_eq!(r.stdout, exported.stdout);
}

// ---------------------------------------------------------------------------------------------
// The schema.

/// The JSON Schema, compiled by a validator that knows nothing of kazaf.
fn validator() -> (boon::Schemas, boon::SchemaIndex) {
    let schema: Value = serde_json::from_str(kazaf::schema::JSON_SCHEMA).expect("JSON");
    let id = schema["$id"].as_str().expect("an $id").to_string();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource(&id, schema)
        .expect("the schema is a resource");
    let index = compiler
        .compile(&id, &mut schemas)
        .unwrap_or_else(|e| panic!("the schema compiles: {e:#}"));
    (schemas, index)
}

fn valid(json: &str) -> Result<(), String> {
    let (schemas, index) = validator();
    let v: Value = serde_json::from_str(json).expect("JSON");
    schemas.validate(&v, index).map_err(|e| format!("{e:#}"))
}

#[test]
fn the_exported_json_keeps_the_schema() {
    for db in [embedded(), sample()] {
        let json = kazaf::export::json(&db);
        if let Err(e) = valid(&json) {
            panic!("the export breaks the schema:\n{e}");
        }
    }
    // The schema is no rubber stamp: an unknown field, an unknown variant, a string for a
    // number and a missing field are each refused.
    let json = kazaf::export::json(&embedded());
    for (from, to) in [
        ("\"title\":", "\"tittle\":"),
        (
            "\"category\": \"Diplomacy\"",
            "\"category\": \"Diplomatic\"",
        ),
        ("\"year\": 2016", "\"year\": \"2016\""),
        ("\"city\": ", "\"town\": "),
        ("\"provenance\": \"Stated\"", "\"provenance\": \"Stat\""),
        ("\"provenance\": {\n", "\"provenance\": {\n\"Stated\": 1,\n"),
    ] {
        assert!(json.contains(from), "{from}");
        let broken = json.replacen(from, to, 1);
        assert!(valid(&broken).is_err(), "{to} passes the schema");
        assert!(
            load::load_str("broken.json", &broken).is_err(),
            "{to} loads"
        );
    }
    // A `$schema` key is allowed by the schema, as it is by the loader.
    let with = json.replacen('{', "{\"$schema\": \"kazaf.schema.json\",", 1);
    assert_eq!(valid(&with), Ok(()));
}

#[test]
fn schema_prints_the_json_schema() {
    let r = kazaf(["schema", "--format", "json-schema"]);
    r.code(0).clean();
    assert_eq!(r.stdout, kazaf::schema::JSON_SCHEMA);
    let committed = std::fs::read_to_string("assets/kazaf.schema.json").unwrap();
    assert_eq!(r.stdout, committed);
    let v: Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    assert_eq!(
        v["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "{v:#}"
    );
    assert_eq!(v["title"], "kazaf dataset");
    // Descriptions from the model's doc comments.
    assert_eq!(
        v["$defs"]["Event"]["properties"]["date"]["description"],
        "`\"YYYY\"`, `\"YYYY-MM\"` or `\"YYYY-MM-DD\"`: the precision is what is written."
    );
    // The RON example stays the default.
    assert_eq!(kazaf(["schema"]).stdout, kazaf::schema::EXAMPLE);
    assert_eq!(
        kazaf(["schema", "--format", "ron"]).stdout,
        kazaf::schema::EXAMPLE
    );
}

// ---------------------------------------------------------------------------------------------
// Errors, placed in the JSON.

/// The sample dataset as JSON, with the first `from` replaced by `to`; and where `to` is.
fn sample_json_with(from: &str, to: &str) -> (String, usize) {
    let json = kazaf::export::json(&sample());
    let at = json.find(from).unwrap_or_else(|| panic!("no {from:?}"));
    (json.replacen(from, to, 1), at)
}

#[test]
fn a_misspelt_field_is_reported_at_its_key_with_the_field_it_could_be() {
    let (json, at) = sample_json_with("\"title\":", "\"tittle\":");
    let dir = Scratch::new();
    let f = dir.file("misspelt.json", &json);
    let r = check(&f);
    r.data_error(&f);
    let (l, c, msg) = position_after(r.stderr.lines().next().unwrap(), &f);
    assert_eq!((l, c), line_col(&json, at), "{}", r.stderr);
    assert!(msg.contains("tittle"), "{msg}");
    assert!(msg.ends_with("did you mean `title`?"), "{msg}");
    // The JSON line is shown under it.
    assert!(
        r.stderr.contains(&format!(" {l} |     \"tittle\": ")),
        "{}",
        r.stderr
    );
}

#[test]
fn a_value_of_the_wrong_type_is_reported_at_the_value_in_json_words() {
    for (from, to, words) in [
        ("\"year\": 2018", "\"year\": \"2018\"", "Expected integer"),
        (
            "\"article\": {",
            "\"article\": 5, \"x\": {",
            "Expected an object `{..}` for `Article`",
        ),
        (
            "\"category\": \"Diplomacy\"",
            "\"category\": 5",
            "expected a variant",
        ),
    ] {
        let (json, at) = sample_json_with(from, to);
        let value = at + to.find(": ").unwrap() + 2;
        let err = load::load_str("t.json", &json)
            .expect_err("refused")
            .to_string();
        let (l, c) = line_col(&json, value);
        assert!(
            err.starts_with(&format!("t.json:{l}:{c}: {words}")),
            "{to}: {err}"
        );
    }
}

#[test]
fn a_validation_problem_is_placed_at_its_json_line() {
    // An event names a place that is not there.
    let (json, at) = sample_json_with("\"velgrad\"", "\"velgradd\"");
    let err = load::load_str("dangling.json", &json)
        .expect_err("refused")
        .to_string();
    let first = err.lines().next().unwrap();
    let (l, c) = line_col(&json, at);
    assert!(
        first.starts_with(&format!("dangling.json:{l}:{c}: events[0].places[0]: ")),
        "{err}"
    );
    assert!(first.contains("velgradd"), "{err}");
    // A citation of a reference that is not in the list, in the binary.
    let json = kazaf::export::json(&sample());
    let cites = json.find("\"cites\": [").unwrap();
    let at = cites + json[cites..].find(|c: char| c.is_ascii_digit()).unwrap();
    let mut json = json;
    json.insert_str(at, "99");
    let dir = Scratch::new();
    let f = dir.file("dangling.json", &json);
    let r = check(&f);
    r.data_error(&f);
    let (l, c, msg) = position_after(r.stderr.lines().next().unwrap(), &f);
    assert_eq!((l, c), line_col(&json, at), "{}", r.stderr);
    assert!(msg.contains("991"), "{msg}");
}

#[test]
fn json_syntax_errors_have_a_position_and_never_panic() {
    let dir = Scratch::new();
    // A missing comma between two fields.
    let (json, at) = sample_json_with("\"year\": 2018,", "\"year\": 2018");
    let f = dir.file("comma.json", &json);
    let r = check(&f);
    r.data_error(&f);
    let (l, c, msg) = position_after(r.stderr.lines().next().unwrap(), &f);
    let city = json[at..].find("\"city\"").unwrap() + at;
    assert_eq!((l, c), line_col(&json, city), "{}", r.stderr);
    assert!(msg.starts_with("expected `,` or `}`"), "{msg}");
    // 100,000 `[`: a position, not a stack overflow.
    let deep = format!("{{\"article\": {}", "[".repeat(100_000));
    let f = dir.file("deep.json", &deep);
    let r = check(&f);
    r.data_error(&f);
    let (l, c, msg) = position_after(r.stderr.lines().next().unwrap(), &f);
    assert_eq!(l, 1);
    assert_eq!(c, 13 + 255);
    assert!(msg.contains("nested more than 256 deep"), "{msg}");
    // Every place a value can nest: a position, a short message.
    let n = 100_000;
    for (i, text) in [
        "{\"a\": ".repeat(n),
        format!("{{\"events\": [{{\"category\": {}", "{\"Aide\": ".repeat(n)),
        format!(
            "{{\"figures\": [{{\"provenance\": {}",
            "{\"Derived\": {\"formula\": ".repeat(n)
        ),
        format!("{{\"map\": {{\"outlines\": [{{\"lines\": {}", "[".repeat(n)),
    ]
    .iter()
    .enumerate()
    {
        let f = dir.file(&format!("deep-{i}.json"), text);
        let r = check(&f);
        r.data_error(&f);
        let (l, _, msg) = position_after(r.stderr.lines().next().unwrap(), &f);
        assert_eq!(l, 1);
        assert!(msg.contains("nested more than 256 deep"), "{msg}");
        assert!(r.stderr.len() < 2000, "{} bytes of stderr", r.stderr.len());
    }
    // A JSON array is not a dataset; neither is a truncated object.
    for (text, words) in [
        ("[{\"article\": {}}]", "one object"),
        ("{\"article\": {\"title\": \"T", "not closed"),
        ("{", "expected a field name"),
    ] {
        let f = dir.file("x.json", text);
        let r = check(&f);
        r.data_error(&f);
        assert!(r.stderr.contains(words), "{text}: {}", r.stderr);
    }
    // A `.json` name with RON inside: said to be no JSON object, at 1:1.
    let f = dir.file("ron.json", SAMPLE);
    let r = check(&f);
    r.data_error(&f);
    assert!(r.stderr.contains("one object"), "{}", r.stderr);
    assert!(r.stderr.contains("looks like RON"), "{}", r.stderr);
}

#[test]
fn a_large_json_dataset_loads_in_linear_time() {
    // 20,000 events: the JSON is read in one pass, and a problem at the end placed in another.
    let db = sample();
    let mut set = db.set.clone();
    let proto = set.events[0].clone();
    for i in 0..20_000 {
        let mut e = proto.clone();
        e.id = kazaf::data::model::Text::new(&format!("e_bulk_{i}"));
        set.events.push(e);
    }
    let mut json = serde_json::to_string_pretty(&set).unwrap();
    let start = std::time::Instant::now();
    let loaded = load::load_str("big.json", &json).expect("loads");
    assert_eq!(loaded.set.events.len(), set.events.len());
    // The last event's id made the same as the one before it.
    let last = json.rfind("\"e_bulk_19999\"").unwrap();
    json.replace_range(last..last + 14, "\"e_bulk_19998\"");
    let err = load::load_str("big.json", &json)
        .expect_err("refused")
        .to_string();
    let (l, c) = line_col(&json, last);
    assert!(err.starts_with(&format!("big.json:{l}:{c}: ")), "{err}");
    assert!(start.elapsed().as_secs() < 60, "{:?}", start.elapsed());
}
