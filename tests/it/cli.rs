//! The command line, through the real binary: exit codes, what goes to stdout and stderr, and
//! that no input (hostile strings, odd sizes) panics or reaches the terminal raw. Broken data
//! files are in `bad`.

use std::ffi::OsStr;
use std::path::Path;

use kazaf::data::ItemRef;
use kazaf::data::load::EMBEDDED;
use kazaf::data::model::Provenance;
use unicode_width::UnicodeWidthStr;

use crate::common::{BIN, EXAMPLE, Scratch, check, embedded, kazaf, position_after, with_data};

// ---------------------------------------------------------------------------------------------
// check and schema.

#[test]
fn check_embedded_prints_counts_and_the_audit() {
    let db = embedded();
    let r = kazaf(["check"]);
    r.code(0).clean();
    assert_eq!(r.stderr, "");
    let mut lines = r.stdout.lines();
    let first = lines.next().unwrap();
    assert!(first.starts_with("ok: 3 stages, "), "{first}");
    assert_eq!(first, format!("ok: {}", kazaf::export::summary(&db)));
    assert_eq!(
        lines.next().unwrap(),
        format!(
            "audit: {}, {}",
            kazaf::data::plural(db.audit.len(), "rule"),
            db.audit_count()
        )
    );
    // The findings grouped by outcome, what differs first, each under its heading with its
    // outcome in words.
    let headings: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with("ok: ") && !l.starts_with("audit: "))
        .collect();
    assert_eq!(
        headings,
        [
            "Differs: 7 findings",
            "The source's wording: 2 findings",
            "Cannot be compared: 1 finding",
            "Agrees within rounding: 5 findings",
            "Agrees: 14 findings",
        ]
    );
    let findings = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "));
    let total: usize = db.audit.iter().map(|a| a.findings.len()).sum();
    assert_eq!(findings.clone().count(), total);
    assert_eq!(
        findings.filter(|l| l.starts_with("  ⚠ differs — ")).count(),
        db.warnings()
    );
    // The article's own arithmetic does not all add up, and check says so.
    assert!(
        r.stdout
            .contains("\n  ⚠ differs — Overlap between stages\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.ends_with('\n'));
}

#[test]
fn check_file_on_a_copy_of_the_embedded_dataset() {
    let dir = Scratch::new();
    let f = dir.file("kz-af.ron", EMBEDDED);
    let embedded = kazaf(["check"]);
    let r = check(&f);
    r.code(0).clean();
    assert_eq!(r.stdout, embedded.stdout);
    // --data names the file for check too.
    let r = with_data(&f, &["check"]);
    r.code(0);
    assert_eq!(r.stdout, embedded.stdout);
}

#[test]
fn schema_output_is_a_valid_dataset() {
    let r = kazaf(["schema"]);
    r.code(0).clean();
    assert_eq!(r.stdout, kazaf::schema::EXAMPLE);
    let dir = Scratch::new();
    let x = dir.file("x.ron", &r.raw.stdout);
    let r = check(&x);
    r.code(0);
    assert!(
        r.stdout.starts_with("ok: 2 stages, 2 events,"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("\naudit: 8 rules, "), "{}", r.stdout);
    // And the explorer's other views accept it.
    let r = with_data(&x, &["export", "--format", "markdown"]);
    r.code(0);
    assert!(
        r.stdout
            .starts_with("# Relations of Alphaland and Betastan since 1991\n")
    );
}

// ---------------------------------------------------------------------------------------------
// export.

#[test]
fn markdown_export_is_complete() {
    let db = embedded();
    let s = &db.set;
    let r = kazaf(["export", "--format", "markdown"]);
    r.code(0).clean();
    let md = &r.stdout;
    assert!(md.starts_with(&format!("# {}\n", s.article.title)), "{md}");
    for st in &s.stages {
        assert!(
            md.contains(&format!("### {} (", st.name)),
            "stage {}",
            st.name
        );
    }
    for e in &s.events {
        assert!(
            md.contains(&format!(" — {}: ", e.title)),
            "event {}",
            e.title
        );
    }
    for d in &s.documents {
        assert!(
            md.contains(&format!("- {} (", d.title)),
            "document {}",
            d.title
        );
    }
    for f in &s.figures {
        assert!(
            md.contains(&format!("| {}", f.label.replace('|', "\\|"))),
            "figure {}",
            f.label
        );
    }
    for c in &s.charts {
        assert!(
            md.contains(&format!("### {} (", c.title)),
            "chart {}",
            c.title
        );
    }
    for n in &s.notes {
        assert!(
            md.contains(&format!("- **{}**: ", n.title)),
            "note {}",
            n.title
        );
    }
    for p in &s.places {
        assert!(md.contains(&format!("- {} (", p.name)), "place {}", p.name);
    }
    for p in &s.people {
        assert!(
            md.contains(&format!("- {} — ", p.name)),
            "person {}",
            p.name
        );
    }
    for rf in &s.references {
        assert!(
            md.contains(&format!("\n[{}] ", rf.number)),
            "reference [{}]",
            rf.number
        );
    }
    assert!(md.contains("\n## References\n"));
    assert!(md.contains("\n## Audit\n"));
    let audit = &md[md.find("\n## Audit\n").unwrap()..];
    assert!(audit.starts_with(&format!(
        "\n## Audit\n\n{}, {}.\n",
        kazaf::data::plural(db.audit.len(), "rule"),
        db.audit_count()
    )));
    for a in &db.audit {
        for f in &a.findings {
            let words = if f.warns() {
                "**differs**"
            } else {
                f.outcome.words()
            };
            assert!(
                audit.contains(&format!(" {words} — {}: ", a.title)),
                "rule {}",
                a.title
            );
        }
    }
    assert!(audit.find("### ⚠ Differs").unwrap() < audit.find("### ✓ Agrees").unwrap());
    // Every warned event carries the warning sign.
    for item in &db.warned {
        if let ItemRef::Event(i) = item {
            assert!(md.contains(&format!(" ⚠ — {}: ", s.events[*i].title)));
        }
    }
}

#[test]
fn json_export_has_everything() {
    let db = embedded();
    let r = kazaf(["export", "--format", "json"]);
    r.code(0).clean();
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("export is JSON");
    let events = v["events"].as_array().expect("events is an array");
    assert_eq!(events.len(), db.set.events.len());
    for (j, e) in events.iter().zip(&db.set.events) {
        assert_eq!(j["id"], e.id.as_str());
        assert_eq!(j["title"], e.title.as_str());
        let cites: Vec<u64> = j["cites"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_u64().unwrap())
            .collect();
        let want: Vec<u64> = e.cites.iter().map(|&c| u64::from(c)).collect();
        assert_eq!(cites, want);
    }
    assert_eq!(v["article"]["title"], db.set.article.title.as_str());
    for (list, n) in [
        ("stages", db.set.stages.len()),
        ("documents", db.set.documents.len()),
        ("figures", db.set.figures.len()),
        ("charts", db.set.charts.len()),
        ("statements", db.set.statements.len()),
        ("notes", db.set.notes.len()),
        ("places", db.set.places.len()),
        ("people", db.set.people.len()),
        ("references", db.set.references.len()),
        ("audits", db.set.audits.len()),
    ] {
        assert_eq!(v[list].as_array().map(Vec::len), Some(n), "{list}");
    }
}

fn csv_table(table: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let r = kazaf(["export", "--format", "csv", "--table", table]);
    r.code(0).clean();
    assert_eq!(r.stderr, "");
    let mut rd = csv::Reader::from_reader(r.stdout.as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    let rows = rd
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_events_one_row_per_event_with_its_citations() {
    let db = embedded();
    let (header, rows) = csv_table("events");
    assert_eq!(
        header,
        [
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
            "inferred"
        ]
    );
    assert_eq!(rows.len(), db.set.events.len());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, e) in rows.iter().zip(&db.set.events) {
        assert_eq!(row.len(), header.len());
        assert_eq!(row[col("id")], e.id.as_str());
        assert_eq!(row[col("date")], e.date.as_str());
        assert_eq!(row[col("title")], e.title.as_str());
        let cites: Vec<String> = e.cites.iter().map(u32::to_string).collect();
        assert_eq!(row[col("cites")], cites.join(";"), "cites of {}", e.id);
    }
    // The default table is events.
    let r = kazaf(["export", "--format", "csv"]);
    r.code(0);
    assert!(r.stdout.starts_with("id,date,precision,stage,"));
}

#[test]
fn csv_every_table() {
    let db = embedded();
    let s = &db.set;
    let bars: usize = s
        .charts
        .iter()
        .flat_map(|c| &c.groups)
        .map(|g| g.bars.len())
        .sum();
    let findings: usize = db.audit.iter().map(|a| a.findings.len()).sum();
    for (table, first, rows) in [
        ("stages", "id", s.stages.len()),
        ("events", "id", s.events.len()),
        ("documents", "id", s.documents.len()),
        ("figures", "id", s.figures.len()),
        ("charts", "chart", bars),
        ("statements", "id", s.statements.len()),
        ("notes", "id", s.notes.len()),
        ("places", "id", s.places.len()),
        ("people", "id", s.people.len()),
        ("references", "number", s.references.len()),
        ("audit", "rule", findings),
    ] {
        let (header, body) = csv_table(table);
        assert_eq!(header[0], first, "{table}");
        assert!(header.len() >= 3, "{table}: {header:?}");
        assert_eq!(body.len(), rows, "{table}");
        assert!(body.iter().all(|r| r.len() == header.len()), "{table}");
    }
    // Figures keep their formula.
    let (header, body) = csv_table("figures");
    let f = header.iter().position(|h| h == "formula").unwrap();
    for (row, fig) in body.iter().zip(&s.figures) {
        if let Provenance::Derived { formula } = &fig.provenance {
            assert_eq!(row[f], formula.as_str());
        }
    }
    let r = kazaf(["export", "--format", "csv", "--table", "nope"]);
    r.code(2);
    assert!(r.stderr.contains("nope"), "{}", r.stderr);
}

#[test]
fn export_to_a_closed_pipe_is_quiet() {
    let mut child = std::process::Command::new(BIN)
        .args(["export", "--format", "markdown"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut out, &mut first).unwrap();
    drop(out);
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
    assert!(first.starts_with(b"# "));
}

// ---------------------------------------------------------------------------------------------
// Usage errors.

#[test]
fn usage_errors_exit_2() {
    for (args, says) in [
        (&["--bogus"][..], "--bogus"),
        (&["export"], "--format"),
        (&["export", "--format", "pdf"], "pdf"),
        (&["render", "--size", "abc"], "`abc` is not WIDTHxHEIGHT"),
        (&["render", "--size", "80x"], "is not a number"),
        (&["render", "--size", "70000x10"], "70000"),
        (&["render", "--tab", "nowhere"], "nowhere"),
        (&["check", "a.ron", "b.ron"], "b.ron"),
        (&["render", "--stage", "0"], "`0` is not a stage"),
        (&["render", "--stage", "second"], "`second` is not a stage"),
        (
            &["render", "--stage", "4"],
            "--stage 4: the dataset has 3 stages (1 to 3, or all)",
        ),
        (
            &["export", "--format", "json", "--stage", "9"],
            "the dataset has 3 stages",
        ),
        (&["frobnicate"], "frobnicate"),
    ] {
        let r = kazaf(args);
        r.code(2).clean();
        assert_eq!(r.stdout, "", "{args:?}");
        assert!(r.stderr.starts_with("error: "), "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
    }
    for args in [&["--help"][..], &["--version"], &["export", "--help"]] {
        let r = kazaf(args);
        r.code(0);
        assert!(!r.stdout.is_empty());
    }
}

#[test]
fn usage_errors_write_the_escapes_of_arguments_out() {
    // clap echoes a bad argument; a crafted one (or a crafted file name matched by a glob)
    // must not reach the terminal as an escape sequence.
    let evil = "\u{1b}]0;pwned\u{7}\u{9b}31m\u{202e}x";
    for args in [
        vec!["check", "a.ron", evil],
        vec![evil],
        vec!["--tab", evil],
        vec!["export", "--format", evil],
    ] {
        let r = kazaf(&args);
        r.code(2).clean();
        assert!(
            r.stderr.contains(r"\u{1b}]0;pwned\u{7}\u{9b}31m\u{202e}x"),
            "{args:?}: shown, escaped: {}",
            r.stderr
        );
        assert!(!r.stderr.contains('\u{9b}') && !r.stderr.contains('\u{202e}'));
    }
}

#[test]
fn help_and_version_that_cannot_be_written_fail() {
    // Like every other output: a full disk is an error (exit 1), not silence and 0.
    for args in [&["--help"][..], &["--version"], &["export", "--help"]] {
        let full = std::fs::File::create("/dev/full").expect("/dev/full");
        let o = std::process::Command::new(BIN)
            .args(args)
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("cannot write output"),
            "{args:?}"
        );
    }
}

#[test]
fn huge_render_size_is_refused_not_an_abort() {
    // 65535×65535 cells would need hundreds of GB.
    let r = kazaf(["render", "--size", "65535x65535"]);
    r.code(2);
    assert!(r.stderr.contains("65535"), "{}", r.stderr);
    assert_eq!(r.stdout, "");
}

// ---------------------------------------------------------------------------------------------
// render.

fn assert_frame(out: &str, w: usize, h: usize) {
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), h, "{out}");
    for l in &lines {
        assert!(l.width() <= w, "{} columns: {l:?}", l.width());
    }
}

#[test]
fn render_timeline_80x24() {
    let r = kazaf(["render", "--tab", "timeline", "--size", "80x24"]);
    r.code(0).clean();
    assert_eq!(r.stderr, "");
    assert_frame(&r.stdout, 80, 24);
    // The Timeline pane is the one shown (every tab bar names it).
    assert!(r.stdout.contains("[2 Timeline]"), "{}", r.stdout);
}

#[test]
fn render_every_tab_at_several_sizes() {
    use clap::ValueEnum;
    for tab in kazaf::panes::Tab::value_variants() {
        let name = tab.to_possible_value().unwrap().get_name().to_string();
        for (w, h) in [(80, 24), (100, 30), (41, 13), (1, 1), (0, 0), (200, 5)] {
            let size = format!("{w}x{h}");
            let r = kazaf(["render", "--tab", &name, "--size", &size]);
            r.code(0).clean();
            assert_frame(&r.stdout, w, h);
            let r = kazaf(["render", "--tab", &name, "--size", &size, "--ascii"]);
            r.code(0).clean();
            assert_frame(&r.stdout, w, h);
        }
    }
}

#[test]
fn render_too_small() {
    let r = kazaf(["render", "--size", "10x5"]);
    r.code(0).clean();
    assert_frame(&r.stdout, 10, 5);
    let words = r.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("terminal too small"), "{}", r.stdout);
}

// ---------------------------------------------------------------------------------------------
// The explorer without a terminal.

#[test]
fn explorer_needs_a_terminal() {
    let r = kazaf(std::iter::empty::<&str>());
    r.code(2).clean();
    assert_eq!(r.raw.stdout, b"");
    assert!(r.stderr.contains("needs a terminal"), "{}", r.stderr);
    assert_eq!(r.stderr, format!("{}\n", kazaf::term::NOT_A_TERMINAL));
    let r = kazaf(["--tab", "map", "--no-mouse"]);
    r.code(2).clean();
    assert_eq!(r.raw.stdout, b"");
}

// ---------------------------------------------------------------------------------------------
// Terminal control bytes from data or file names never reach the output.

#[test]
fn escapes_in_data_are_removed_from_every_output() {
    let dir = Scratch::new();
    let evil =
        r"Relations \u{1b}]0;pwned\u{7}\u{1b}[2J of \u{9b}31mAlphaland\r and \u{202e}Betastan";
    let text = EXAMPLE.replacen(
        r#"title: "Relations of Alphaland and Betastan since 1991""#,
        &format!(r#"title: "{evil}""#),
        1,
    );
    // A raw ESC and BEL inside another string, and one in a comment.
    let text = text
        .replacen(
            r#"city: "Alpha City","#,
            "city: \"Alpha\x1b]52;c;ZXZpbA==\x07 City\", // \x1b[31m\n",
            1,
        )
        .replacen(
            r#"title: "Diplomatic relations""#,
            r#"title: "Diplomatic\u{1b}[5m relations""#,
            1,
        );
    assert!(text.contains('\x1b'));
    let f = dir.file("evil.ron", &text);
    let r = check(&f);
    r.code(0).clean();
    for args in [
        &["export", "--format", "markdown"][..],
        &["export", "--format", "json"],
        &["export", "--format", "csv", "--table", "events"],
        &["render", "--tab", "overview", "--size", "120x40"],
        &["render", "--tab", "timeline", "--size", "120x40"],
    ] {
        let r = with_data(&f, args);
        r.code(0).clean();
        assert!(
            !r.stdout.contains('\u{9b}') && !r.stdout.contains('\u{202e}'),
            "{args:?}"
        );
    }
    let r = with_data(&f, &["export", "--format", "markdown"]);
    assert!(
        r.stdout
            .starts_with("# Relations \\]0;pwned\\[2J of 31mAlphaland and Betastan\n"),
        "{}",
        r.stdout.lines().next().unwrap_or("")
    );
    assert!(r.stdout.contains("Diplomatic\\[5m relations"));
}

#[test]
fn escapes_in_error_messages_are_removed() {
    let dir = Scratch::new();
    // An id with escapes, in a validation error.
    let text = EXAMPLE.replacen(r#"stage: "s2""#, r#"stage: "s\u{1b}]0;pwned\u{7}9""#, 1);
    let f = dir.file("bad-id.ron", &text);
    let r = check(&f);
    r.data_error(&f);
    assert!(
        r.stderr.contains("no stage has the id `s]0;pwned9`"),
        "{}",
        r.stderr
    );
    // Raw escapes on the line of a syntax error: in ron's message and in the quoted line.
    let text = EXAMPLE.replacen("year: 2020,", "year: \x1b]0;pwned\x07 2020,", 1);
    let f = dir.file("bad-syntax.ron", &text);
    let r = check(&f);
    r.data_error(&f);
    position_after(r.stderr.lines().next().unwrap(), &f);
    let text = EXAMPLE.replacen(
        "city: \"Alpha City\",",
        "city: \"Alpha City\", \x1b[31mbogus\x07: 1,",
        1,
    );
    let f = dir.file("bad-field.ron", &text);
    let r = check(&f);
    r.data_error(&f);
    // An unterminated string swallowing an escape.
    let f = dir.file("bad-string.ron", "(article: (title: \"\x1b]0;pwned\x07");
    let r = check(&f);
    r.data_error(&f);
}

#[test]
fn escapes_in_file_names_are_removed() {
    let dir = Scratch::new();
    let name = "no\x1b]0;pwned\x07such\r.ron";
    let missing = dir.path().join(name);
    let shown = dir.path().join("no]0;pwnedsuch.ron");
    for r in [
        check(&missing),
        with_data(&missing, &["export", "--format", "json"]),
        with_data(&missing, &[]),
    ] {
        r.data_error(&shown);
        assert_eq!(
            r.stderr,
            format!("kazaf: {}: no such file\n", shown.display())
        );
    }
    // An existing file with such a name, holding a syntax error and a validation error.
    let f = dir.file(name, "(\n  article: nope,\n)");
    let r = check(&f);
    r.data_error(&shown);
    position_after(r.stderr.lines().next().unwrap(), &shown);
    let f = dir.file(name, EXAMPLE.replacen("lat: 50.0", "lat: 91.0", 1));
    let r = check(&f);
    r.data_error(&shown);
    assert!(
        r.stderr
            .ends_with(&format!("\nkazaf: {}: 1 problem found\n", shown.display()))
    );
    // Arguments clap rejects are echoed without their escapes.
    let r = kazaf(["--tab", "\x1b]0;pwned\x07"]);
    r.code(2).clean();
}

/// Inferences travel: `check` counts them, and every export keeps each with its field and basis.
#[test]
fn inferences_are_counted_and_kept_by_every_export() {
    let f = std::path::Path::new("tests/fixtures/sample.ron");
    let r = check(f);
    r.code(0);
    assert!(
        r.stdout.lines().next().unwrap().ends_with(
            "; 3 values not stated outright (1 inferred from the article, 2 from outside it)"
        ),
        "{}",
        r.stdout
    );
    let md = with_data(f, &["export", "--format", "markdown"]).stdout;
    assert!(
        md.contains("  - † not stated outright: places (inferred: the source says only that the minister went to Osterra)"),
        "{md}"
    );
    assert!(
        md.contains("lat (outside the article: an invented atlas)"),
        "{md}"
    );
    let csv = with_data(f, &["export", "--format", "csv", "--table", "events"]).stdout;
    let visit = csv
        .lines()
        .find(|l| l.starts_with("e_1997_visit,"))
        .unwrap();
    assert!(
        visit.ends_with(
            ",places (inferred: the source says only that the minister went to Osterra)"
        ),
        "{visit}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&with_data(f, &["export", "--format", "json"]).stdout).unwrap();
    let place = json["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "kalven")
        .unwrap();
    assert_eq!(place["inferred"][0]["field"], "lat");
    assert_eq!(
        place["inferred"][0]["basis"]["Outside"],
        "an invented atlas"
    );
}

/// What people type is accepted: a pane by number or in any case, `md` for markdown; and
/// arguments that would be ignored are refused with a one-line reason (exit 2).
#[test]
fn pane_numbers_md_and_arguments_that_mean_nothing() {
    for tab in ["4", "SOURCES", "Sources"] {
        let r = kazaf(["render", "--tab", tab, "--size", "80x24"]);
        r.code(0);
        assert!(
            r.stdout.lines().next().unwrap().contains("[4 Sources]"),
            "{tab}"
        );
    }
    let r = kazaf(["export", "--format", "md"]);
    r.code(0);
    assert!(r.stdout.starts_with("# "));
    let dir = Scratch::new();
    let f = dir.file("x.ron", EXAMPLE);
    for (args, says) in [
        (
            vec!["--data", "x.ron", "schema"],
            "schema prints the example dataset",
        ),
        (
            vec!["--data", "x.ron", "check", "y.ron"],
            "check takes the dataset once",
        ),
        (
            vec!["export", "--format", "json", "--table", "events"],
            "--table goes with --format csv",
        ),
        (
            vec!["export", "--format", "markdown", "--table", "figures"],
            "--table goes with",
        ),
    ] {
        let mut cmd = assert_cmd::Command::new(crate::common::BIN);
        cmd.current_dir(dir.path()).args(&args);
        let r = crate::common::run(cmd);
        r.code(2).clean();
        assert_eq!(r.stdout, "", "{args:?}");
        assert_eq!(r.stderr.lines().count(), 1, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
    }
    drop(f);
}

/// `check --strict` fails (exit 1) when the audit finds a difference, for people's own CI, and
/// passes a dataset whose audit finds none.
#[test]
fn check_strict_fails_on_a_difference() {
    let dir = Scratch::new();
    // The example, its stages made to share 2004: a difference.
    let f = dir.file("x.ron", EXAMPLE.replacen("start: 2005,", "start: 2004,", 1));
    let r = kazaf([Path::new("check"), &f, Path::new("--strict")]);
    r.code(1);
    assert!(
        r.stdout.starts_with("ok: "),
        "the report is printed all the same"
    );
    assert_eq!(
        r.stderr,
        "kazaf: --strict: 1 finding differs in the audit\n"
    );
    assert_eq!(
        check(&f).code,
        Some(0),
        "without --strict, a difference is a warning"
    );
    // The example as it is passes.
    let g = dir.file("clean.ron", EXAMPLE);
    let r = kazaf([Path::new("check"), &g, Path::new("--strict")]);
    r.code(0);
    assert_eq!(r.stderr, "");
}

// ---------------------------------------------------------------------------------------------
// The stage filter on the command line.

#[test]
fn render_and_export_take_a_stage() {
    let r = kazaf([
        "render", "--stage", "2", "--tab", "overview", "--size", "120x40",
    ]);
    r.code(0).clean();
    assert!(
        r.stdout
            .lines()
            .next()
            .unwrap()
            .contains("Stage: Second stage 2004–2014")
    );
    assert!(
        r.stdout.contains("Figures of Second stage (2004–2014)"),
        "{}",
        r.stdout
    );
    let all = kazaf(["render", "--stage", "ALL", "--size", "120x40"]);
    all.code(0).clean();
    assert!(!all.stdout.contains("Stage:"));

    // The second stage's part: its events only, every citation resolvable, and it loads
    // back as a dataset of its own.
    let db = embedded();
    let json = kazaf(["export", "--stage", "2", "--format", "json"]);
    json.code(0).clean();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), db.stage_events[1].len());
    assert_eq!(v["stages"].as_array().unwrap().len(), 1);
    let refs: Vec<u64> = v["references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["number"].as_u64().unwrap())
        .collect();
    for list in ["stages", "events", "documents", "figures", "statements"] {
        for item in v[list].as_array().unwrap() {
            for n in item["cites"].as_array().into_iter().flatten() {
                assert!(
                    refs.contains(&n.as_u64().unwrap()),
                    "{list}: [{n}] does not resolve"
                );
            }
        }
    }
    let md = kazaf(["export", "--stage", "2", "--format", "md"]);
    md.code(0).clean();
    assert!(
        md.stdout.contains("> Only Second stage (2004–2014)"),
        "{}",
        md.stdout
    );
    assert!(
        !md.stdout.contains("First stage (1992–2003)"),
        "another stage in the part"
    );
    let csv = kazaf([
        "export", "--stage", "3", "--format", "csv", "--table", "events",
    ]);
    csv.code(0).clean();
    assert_eq!(csv.stdout.lines().count(), 1 + db.stage_events[2].len());
}

#[test]
fn new_writes_a_starter_that_passes_strict_and_never_overwrites() {
    // To stdout: the starter.
    let out = kazaf(["new"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout, kazaf::schema::STARTER);
    // To a file, then checked --strict without a warning; the schema's example too.
    let dir = Scratch::new();
    let file = dir.path().join("mine.ron");
    let f = file.to_str().expect("path");
    let wrote = kazaf(["new", f]);
    assert_eq!(wrote.code, Some(0), "{}", wrote.stderr);
    assert!(
        wrote.stderr.contains("kazaf check --strict"),
        "{}",
        wrote.stderr
    );
    let example = dir.path().join("example.ron");
    std::fs::write(&example, EXAMPLE).expect("write");
    for path in [f, example.to_str().expect("path")] {
        let c = kazaf(["check", "--strict", path]);
        assert_eq!(c.code, Some(0), "{path}: {}\n{}", c.stdout, c.stderr);
        assert!(
            c.stdout.contains("0 findings differ"),
            "{path}: {}",
            c.stdout
        );
    }
    // Never over an existing file.
    std::fs::write(&file, "mine").expect("write");
    let again = kazaf(["new", f]);
    assert_eq!(again.code, Some(1));
    assert!(
        again.stderr.contains("never writes over"),
        "{}",
        again.stderr
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "mine");
}

#[test]
fn check_says_did_you_mean_for_misspelt_fields_variants_and_ids() {
    let dir = Scratch::new();
    for (from, to, hint) in [
        (
            "title: \"Diplomatic relations\",",
            "tittle: \"Diplomatic relations\",",
            "did you mean `title`?",
        ),
        (
            "category: Institution",
            "category: Institutoin",
            "did you mean `Institution`?",
        ),
        (
            "stage: \"s2\", category: Institution",
            "stage: \"s_2\", category: Institution",
            "did you mean `s2`?",
        ),
        (
            "\"f_trade_2010\")]",
            "\"f_trade_201\")]",
            "did you mean `f_trade_2010`?",
        ),
    ] {
        assert!(EXAMPLE.contains(from), "{from}");
        let f = dir.file("typo.ron", EXAMPLE.replacen(from, to, 1));
        let r = check(&f);
        assert_eq!(r.code, Some(1), "{to}");
        assert!(r.stderr.contains(hint), "{to}: {}", r.stderr);
    }
}

#[test]
fn watch_without_data_or_with_a_command_is_refused_in_one_line() {
    for (args, says) in [
        (&["--watch"][..], "--watch needs --data FILE"),
        (
            &["--watch", "--data", "x.ron", "check"][..],
            "it goes without a command",
        ),
    ] {
        let out = std::process::Command::new(crate::common::BIN)
            .args(args)
            .output()
            .expect("run kazaf");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
}

/// The starter with a derived and a counted figure that give no value, and the audit asked
/// for or not.
fn with_computed(derived_value: &str, counted_value: &str, audit: bool) -> String {
    let figures = format!(
        "        (id: \"f_growth\", label: \"Growth of trade\",{derived_value} unit: Percent,\n         period: \"2012 vs 2011\", provenance: Derived(formula: \"(f_trade_2012 - f_trade_2011) / f_trade_2011 * 100\")),\n        (id: \"f_events\", label: \"Events of the first period\",{counted_value} unit: Count,\n         period: \"2000–2009\", provenance: Counted(events: [\"e_relations\", \"e_visit\"])),\n"
    );
    let text = kazaf::schema::STARTER.replacen("    charts: [", &format!("{}    charts: [", ""), 1);
    let at = text
        .find("    ],\n    charts: [")
        .expect("the end of the figures");
    let mut text = format!("{}{figures}{}", &text[..at], &text[at..]);
    if !audit {
        text = text.replace("        DerivedFigures,\n", "");
    }
    text
}

#[test]
fn computed_values_are_computed_shown_and_checked() {
    let dir = Scratch::new();
    let f = dir.file("computed.ron", with_computed("", "", true));
    let r = kazaf([OsStr::new("check"), OsStr::new("--strict"), f.as_os_str()]);
    assert_eq!(r.code, Some(0), "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("= 25; computed, not given: 25"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("2 listed events counted; computed, not given: 2"),
        "{}",
        r.stdout
    );

    // The explorer and the exports show the value, and say it was computed.
    let db = kazaf::data::load::load_file(&f).expect("loads");
    let g = db.figure("f_growth").expect("the derived figure");
    assert!(g.computed());
    assert!((g.value - 25.0).abs() < 1e-12, "{}", g.value);
    assert!(
        db.provenance_text(g).contains("computed by kazaf"),
        "{}",
        db.provenance_text(g)
    );
    let md = with_data(&f, &["export", "--format", "markdown"]);
    assert!(
        md.stdout.contains("| Growth of trade | 25% |"),
        "{}",
        md.stdout
    );
    assert!(md.stdout.contains("computed by kazaf"), "{}", md.stdout);
    let json = with_data(&f, &["export", "--format", "json"]);
    assert!(json.stdout.contains("\"value\": 25.0"), "{}", json.stdout);
}

#[test]
fn a_value_given_by_hand_against_its_computation_fails_strict() {
    let dir = Scratch::new();
    for audit in [true, false] {
        let f = dir.file(
            "given.ron",
            with_computed(" value: 30.0,", " value: 3,", audit),
        );
        let r = check(&f);
        assert_eq!(r.code, Some(0), "without --strict it loads: {}", r.stderr);
        let r = kazaf([OsStr::new("check"), OsStr::new("--strict"), f.as_os_str()]);
        assert_eq!(r.code, Some(1), "audit {audit}: {}", r.stdout);
        assert!(
            r.stderr
                .contains("figure `f_growth` gives 30 by hand, but its formula gives 25"),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr
                .contains("figure `f_events` gives 3 by hand, but its count gives 2"),
            "{}",
            r.stderr
        );
    }
    // Within rounding of the computation is no contradiction.
    let f = dir.file(
        "close.ron",
        with_computed(" value: 25.0,", " value: 2,", false),
    );
    let r = kazaf([OsStr::new("check"), OsStr::new("--strict"), f.as_os_str()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn a_value_that_cannot_be_computed_is_an_error_at_its_place() {
    let dir = Scratch::new();
    let circle = with_computed("", "", true).replace(
        "provenance: Derived(formula: \"(f_trade_2012 - f_trade_2011) / f_trade_2011 * 100\")",
        "provenance: Derived(formula: \"f_growth * 2\")",
    );
    let f = dir.file("circle.ron", &circle);
    let r = check(&f);
    assert_eq!(r.code, Some(1));
    let line = circle
        .lines()
        .position(|l| l.contains("f_growth * 2"))
        .expect("the formula")
        + 1;
    assert!(
        r.stderr.contains(&format!("circle.ron:{line}:")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("provenance.formula"), "{}", r.stderr);
    let stated = kazaf::schema::STARTER.replace("value: 80.0, ", "");
    let f = dir.file("stated.ron", &stated);
    let r = check(&f);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr
            .contains("a stated figure gives the number its source states"),
        "{}",
        r.stderr
    );
}
