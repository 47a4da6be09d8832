//! Broken input, each case once. Each file in `tests/bad/` is a dataset with one thing wrong,
//! named for it, and `tests/bad/<name>.expected` beside it holds the exit code (first line) and
//! the exact message `kazaf check` must print (the file's path written as `FILE`). The cases that
//! cannot be committed as files (a 10^6-deep nesting, a file over the size cap, a missing file,
//! `/dev/null`, a directory) and those cut from the article's own file are made here. Every case
//! runs the real binary.

use std::path::{Path, PathBuf};

use kazaf::data::load::{EMBEDDED, MAX_FILE_BYTES};

use crate::common::{EXAMPLE, Scratch, check, line_col, position_after, with_data};

#[test]
fn every_bad_file_gets_its_exact_message_and_exit_code() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir("tests/bad")
        .expect("tests/bad")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron" || e == "json"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 22, "the bad files are there");
    let mut wrong = Vec::new();
    for path in cases {
        let expected = std::fs::read_to_string(path.with_extension("expected"))
            .unwrap_or_else(|_| panic!("{} has no .expected beside it", path.display()));
        let (code_line, message) = expected
            .split_once('\n')
            .expect("exit line, then the message");
        let code: i32 = code_line
            .trim_start_matches("exit: ")
            .parse()
            .expect("exit code");
        let got = check(&path);
        let got_message = got.stderr.replace(&path.display().to_string(), "FILE");
        if (got.code, got_message.as_str(), got.stdout.as_str()) != (Some(code), message, "") {
            wrong.push(format!(
                "{}: exit {:?}, stdout {:?}, stderr:\n{got_message}",
                path.display(),
                got.code,
                got.stdout
            ));
        }
        assert!(
            got_message.starts_with("kazaf: FILE"),
            "{}: the message names the file first",
            path.display()
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn missing_file() {
    let dir = Scratch::new();
    let f = dir.path().join("nope.ron");
    let r = check(&f);
    r.data_error(&f);
    assert_eq!(r.stderr, format!("kazaf: {}: no such file\n", f.display()));
    // Every command that loads says the same.
    for cmd in [
        &["export", "--format", "json"][..],
        &["render", "--size", "80x24"],
        &[],
    ] {
        let r = with_data(&f, cmd);
        r.data_error(&f);
        assert_eq!(r.stderr, format!("kazaf: {}: no such file\n", f.display()));
    }
}

#[test]
fn dev_null_and_a_directory() {
    let r = check(Path::new("/dev/null"));
    r.data_error(Path::new("/dev/null"));
    assert_eq!(
        r.stderr,
        "kazaf: /dev/null: is empty; a dataset starts with `(` (run `kazaf schema` for an example)\n"
    );
    let r = check(Path::new("tests"));
    r.data_error(Path::new("tests"));
    assert_eq!(r.stderr, "kazaf: tests: is a directory, not a data file\n");
}

#[test]
fn a_file_over_the_cap_is_refused_before_it_is_read() {
    let dir = Scratch::new();
    let f = dir.path().join("big.ron");
    let file = std::fs::File::create(&f).unwrap();
    file.set_len(MAX_FILE_BYTES + 1).unwrap(); // sparse: no disk, no time
    drop(file);
    let r = check(&f);
    r.data_error(&f);
    assert_eq!(
        r.stderr,
        format!(
            "kazaf: {}: is larger than the limit of {} MiB for a data file\n",
            f.display(),
            MAX_FILE_BYTES / (1024 * 1024)
        )
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let dir = Scratch::new();
    // A million levels, where ron's recursion limit must stop it.
    let f = dir.file(
        "deep-title.ron",
        "(article: (title: ".to_string() + &"[".repeat(1_000_000),
    );
    let r = check(&f);
    r.data_error(&f);
    assert_eq!(
        r.stderr.lines().next().unwrap(),
        format!("kazaf: {}:1:18: Expected string", f.display())
    );
    let f = dir.file("deep-list.ron", "[".repeat(1_000_000));
    let r = check(&f);
    r.data_error(&f);
    let (l, c, _) = position_after(r.stderr.lines().next().unwrap(), &f);
    assert_eq!((l, c), (1, 1), "{}", r.stderr);
    // 100,000 levels in every place a value can nest.
    let deep = "[".repeat(100_000);
    let texts = [
        deep.clone(),
        "(".repeat(100_000),
        EXAMPLE.replacen("cites: [1]),", &format!("cites: {deep}),"), 1),
        EXAMPLE.replacen("headline: [", &format!("headline: {deep}"), 1),
        EXAMPLE.replacen(
            "end: Some(2004)",
            &format!("end: {}2004", "Some(".repeat(100_000)),
            1,
        ),
        EXAMPLE.replacen(
            "provenance: Stated,",
            &format!("provenance: {}", "Derived(".repeat(100_000)),
            1,
        ),
        EXAMPLE.replacen("lines: [[", &format!("lines: [[{}", "(".repeat(100_000)), 1),
    ];
    for (i, text) in texts.iter().enumerate() {
        let f = dir.file(&format!("deep-{i}.ron"), text);
        let r = check(&f);
        r.data_error(&f);
        position_after(r.stderr.lines().next().unwrap(), &f);
        // The source line under the message is cut short, not 100,000 characters.
        assert!(r.stderr.len() < 2000, "{} bytes of stderr", r.stderr.len());
    }
}

#[test]
fn a_long_flat_formula_is_an_error_not_a_stack_overflow() {
    // 80,000 terms of `+ 0` (320 KB) nest no parentheses but built a tree as deep as the chain,
    // and every command overflowed the stack (exit 134). Both bounds answer with a position.
    let dir = Scratch::new();
    let formula = "f_trade_2010 / (1 + f_growth / 100)";
    let line_of = |text: &str| line_col(text, text.find("provenance: Derived").unwrap()).0;
    for (name, terms, says) in [
        (
            "long",
            80_000,
            "bytes long; a formula may have at most 4096",
        ),
        ("many", 300, "more than 256 operators at character"),
    ] {
        let chain = format!("{formula}{}", " + 0".repeat(terms));
        let text = EXAMPLE.replacen(formula, &chain, 1);
        let f = dir.file(&format!("formula-{name}.ron"), &text);
        for args in [&["check"][..], &["export", "--format", "markdown"]] {
            let r = with_data(&f, args);
            r.data_error(&f);
            let (l, _, msg) = position_after(r.stderr.lines().next().unwrap(), &f);
            assert_eq!(l, line_of(&text), "{}", r.stderr);
            assert!(msg.contains(says), "{msg}");
            // The formula is quoted cut short, not 320 KB of it.
            assert!(r.stderr.len() < 1000, "{} bytes of stderr", r.stderr.len());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The article's own file, broken: positions found in a large, real file.

#[test]
fn truncated_files_give_file_line_col() {
    let dir = Scratch::new();
    let len = EMBEDDED.len();
    let last_paren = EMBEDDED.rfind(')').unwrap();
    let mut cuts = vec![
        1,
        2,
        57,
        len / 11,
        len / 7,
        len / 3,
        len / 2,
        2 * len / 3,
        len * 9 / 10,
        last_paren,
    ];
    for c in &mut cuts {
        while !EMBEDDED.is_char_boundary(*c) {
            *c -= 1;
        }
    }
    // A cut inside a multi-byte character, rounded down: still a clean error.
    if let Some((i, ch)) = EMBEDDED.char_indices().find(|(_, ch)| ch.len_utf8() > 1) {
        cuts.push(i);
        cuts.push(i + ch.len_utf8());
    }
    for cut in cuts {
        let text = &EMBEDDED[..cut];
        if text.trim().is_empty() {
            continue;
        }
        let f = dir.file(&format!("cut-{cut}.ron"), text);
        let r = check(&f);
        r.data_error(&f);
        let first = r.stderr.lines().next().unwrap();
        let (l, c, msg) = position_after(first, &f);
        assert!(!msg.is_empty(), "{first}");
        let lines = text.lines().count().max(1);
        assert!(l <= lines + 1, "line {l} of a {lines}-line file: {first}");
        assert!(c <= text.len() + 1, "{first}");
        // The offending line is shown with a caret under it.
        if r.stderr.lines().count() > 1 {
            assert!(r.stderr.contains(&format!("\n {l} | ")), "{}", r.stderr);
            assert!(r.stderr.trim_end().ends_with('^'), "{}", r.stderr);
        }
    }
}

#[test]
fn unknown_field_in_the_embedded_dataset() {
    // The first event of the real dataset, with a stray field.
    let dir = Scratch::new();
    let at = EMBEDDED.find("events: [").unwrap();
    let at = at + EMBEDDED[at..].find("id: \"").unwrap();
    let text = format!("{}bogus: 1, {}", &EMBEDDED[..at], &EMBEDDED[at..]);
    let (line, col) = line_col(&text, at);
    let f = dir.file("kz-af-bogus.ron", &text);
    let r = check(&f);
    r.data_error(&f);
    let (l, c, msg) = position_after(r.stderr.lines().next().unwrap(), &f);
    assert_eq!((l, c), (line, col), "{}", r.stderr);
    assert!(msg.contains("`bogus`") && msg.contains("`Event`"), "{msg}");
}

#[test]
fn dangling_citation_in_the_embedded_dataset() {
    let dir = Scratch::new();
    // The first event's citations become [99].
    let ev = EMBEDDED.find("events: [").unwrap();
    let open = ev + EMBEDDED[ev..].find("cites: [").unwrap() + "cites: [".len();
    let close = open + EMBEDDED[open..].find(']').unwrap();
    let text = format!("{}99{}", &EMBEDDED[..open], &EMBEDDED[close..]);
    let (line, col) = line_col(&text, open);
    let f = dir.file("cite.ron", &text);
    let r = check(&f);
    r.data_error(&f);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stderr);
    let (l, c, msg) = position_after(lines[0], &f);
    assert_eq!((l, c), (line, col), "{}", r.stderr);
    assert!(msg.starts_with("events["), "{msg}");
    assert!(
        msg.contains("].cites[0]: cites reference [99], which is not in the reference list"),
        "{msg}"
    );
    assert_eq!(lines[1], format!("kazaf: {}: 1 problem found", f.display()));
}

// ---------------------------------------------------------------------------------------------
// Several syntax errors (the single ones are files in tests/bad/).

#[test]
fn an_error_in_each_of_10_000_events_reports_the_first_20_and_says_there_are_more() {
    let dir = Scratch::new();
    let event = "(id: \"e\", date: \"2000\", stage: \"s1\", category: Dplomacy, title: \"t\", text: \"x\"),\n";
    let at = EXAMPLE.find("events: [").unwrap() + "events: [".len();
    let text = format!(
        "{}\n{}{}",
        &EXAMPLE[..at],
        event.repeat(10_000),
        &EXAMPLE[at..]
    );
    let first_line = line_col(&text, at).0 + 1;
    let f = dir.file("broken-events.ron", &text);
    let r = check(&f);
    r.data_error(&f);
    let heads = message_heads(&r.stderr);
    assert_eq!(heads.len(), 21, "{}", r.stderr);
    for (k, head) in heads[..20].iter().enumerate() {
        let (l, c, msg) = position_after(head, &f);
        assert_eq!((l, c), (first_line + k, 48), "{head}");
        assert!(msg.contains("`Dplomacy`"), "{msg}");
        assert!(msg.ends_with("did you mean `Diplomacy`?"), "{msg}");
    }
    assert_eq!(
        heads[20],
        format!(
            "kazaf: {}: 20 syntax errors found; the parser stopped there, and there are more",
            f.display()
        )
    );
    // Each error keeps its line and caret, one blank line between them.
    assert_eq!(r.stderr.matches("\n\n").count(), 20, "{}", r.stderr);
    assert_eq!(r.stderr.matches("^\n").count(), 20, "{}", r.stderr);
}

#[test]
fn errors_in_several_lists_of_the_embedded_dataset_are_all_reported() {
    // A misspelt variant in the first event, a wrong type in the first figure, a string where a
    // reference number goes: three lists, three errors, in the order of the file.
    let dir = Scratch::new();
    let mut text = EMBEDDED.to_string();
    let mut wanted = Vec::new();
    for (list, from, to) in [
        ("events: [", "category: ", "category: Diplomcy, //"),
        ("figures: [", "value: ", "value: \"x\", //"),
        ("references: [", "number: ", "number: \"1\", //"),
    ] {
        let start = text.find(list).unwrap();
        let at = start + text[start..].find(from).unwrap();
        text.replace_range(at..at + from.len(), to);
        wanted.push(line_col(&text, at).0);
    }
    let f = dir.file("kz-af-three.ron", &text);
    let r = check(&f);
    r.data_error(&f);
    let heads = message_heads(&r.stderr);
    assert_eq!(heads.len(), 4, "{}", r.stderr);
    let lines: Vec<usize> = heads[..3].iter().map(|h| position_after(h, &f).0).collect();
    assert_eq!(lines, wanted, "{}", r.stderr);
    assert!(
        heads[0].ends_with("did you mean `Diplomacy`?"),
        "{}",
        heads[0]
    );
    assert_eq!(
        heads[3],
        format!("kazaf: {}: 3 syntax errors found", f.display())
    );
}

/// The lines of a report that start a message (`kazaf: ...`): each error's first line and the
/// count, not the source lines and carets under them.
fn message_heads(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("kazaf: "))
        .collect()
}
