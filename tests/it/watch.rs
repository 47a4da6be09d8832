//! `--watch` without a terminal: a reload keeps the reader's place, a broken save becomes the
//! error panel over the last good data, and the panel goes on the next good save. The real
//! binary watching a real file is in `terminal.rs`.

use std::fmt::Write as _;
use std::time::Duration;

use kazaf::action::Action;
use kazaf::app::App;
use kazaf::data::load::load_str;
use kazaf::data::{Db, id_of};
use kazaf::panes::Tab;
use kazaf::schema::STARTER;
use kazaf::watch::{Reload, broken, reload};

use crate::common::{Scratch, app_on, apply, db, frame, status, tab};

fn starter(text: &str) -> Db {
    load_str("mine.ron", text).expect("the starter, edited, loads")
}

/// The id of what the active pane has selected.
fn selected_id(a: &App) -> String {
    let item = a.selected_item().expect("something is selected");
    id_of(&db(a).set, item).to_string()
}

/// The starter without its first event: every later event moves up one place.
fn without_first_event() -> String {
    let start = STARTER
        .find("(id: \"e_relations\"")
        .expect("the first event");
    let end = STARTER.find("(id: \"e_visit\"").expect("the second event");
    format!("{}{}", &STARTER[..start], &STARTER[end..])
}

#[test]
fn a_reload_keeps_the_pane_and_the_selected_item_by_id() {
    let mut a = app_on(starter(STARTER));
    apply(&mut a, &[Action::GoTab(Tab::Timeline), Action::Top]);
    while selected_id(&a) != "e_visit" {
        let before = a.selected();
        apply(&mut a, &[Action::Down]);
        assert_ne!(a.selected(), before, "e_visit is reached by moving down");
    }
    let row = a.selected();
    a.reload(
        starter(&without_first_event()),
        "mine.ron",
        Duration::from_millis(3),
    );
    assert_eq!(tab(&a), Tab::Timeline);
    assert_eq!(selected_id(&a), "e_visit", "the same event, by its id");
    assert_eq!(a.selected(), row - 1, "which is now a row higher");
    let (text, warn) = status(&a).expect("the reload is said");
    assert!(!warn);
    assert!(
        text.contains("mine.ron saved") && text.contains("3 ms"),
        "{text}"
    );
}

#[test]
fn a_reload_keeps_the_stage_filter_by_the_stage_id() {
    let mut a = app_on(starter(STARTER));
    apply(
        &mut a,
        &[
            Action::GoTab(Tab::Timeline),
            Action::NextStage,
            Action::NextStage,
        ],
    );
    let s = a.stage().expect("a stage filter");
    assert_eq!(db(&a).set.stages[s].id.as_str(), "s2");
    // A stage inserted before s2 (and the event in it): s2 is now the third stage.
    let with_new_stage = STARTER.replace(
        "        (id: \"s2\"",
        "        (id: \"s1b\", name: \"Middle\", start: 2010, end: Some(2010),\n         summary: \"A year.\", cites: [1]),\n        (id: \"s2\"",
    )
    .replace("start: 2010, end: None", "start: 2011, end: None");
    a.reload(starter(&with_new_stage), "mine.ron", Duration::ZERO);
    let s = a.stage().expect("still a stage filter");
    assert_eq!(s, 2);
    assert_eq!(db(&a).set.stages[s].id.as_str(), "s2");
}

#[test]
fn a_selected_item_that_is_gone_leaves_a_valid_selection() {
    let mut a = app_on(starter(STARTER));
    apply(
        &mut a,
        &[Action::GoTab(Tab::Timeline), Action::Top, Action::Down],
    );
    let gone = selected_id(&a);
    assert_eq!(gone, "e_relations");
    a.reload(starter(&without_first_event()), "mine.ron", Duration::ZERO);
    a.check_invariants().expect("a sound state");
    assert_ne!(
        a.selected_item().map(|i| id_of(&db(&a).set, i).to_string()),
        Some(gone)
    );
}

#[test]
fn a_reload_keeps_the_filter_in_place_and_reruns_it_on_the_new_data() {
    let mut a = app_on(starter(STARTER));
    apply(&mut a, &[Action::GoTab(Tab::Timeline), Action::Filter]);
    for c in "agreement".chars() {
        a.apply(Action::Input(c));
    }
    apply(&mut a, &[Action::Enter]);
    let renamed = STARTER.replace("First official visit", "First agreement visit");
    a.reload(starter(&renamed), "mine.ron", Duration::ZERO);
    assert_eq!(a.pane().filter(), Some("agreement"));
    let shown = frame(&a, 100, 30);
    assert!(shown.contains("First agreement visit"), "{shown}");
    assert!(!shown.contains("Diplomatic relations"), "{shown}");
}

#[test]
fn a_broken_save_shows_every_problem_over_the_last_good_data_until_a_good_one() {
    let mut a = app_on(starter(STARTER));
    apply(&mut a, &[Action::GoTab(Tab::Timeline)]);
    let dir = Scratch::new();
    let bad = STARTER.replace("stage: \"s2\"", "stage: \"s_2\"").replace(
        "value: 80.0, unit: UsdMillion",
        "value: 80.0, unit: UsdMilion",
    );
    let path = dir.file("mine.ron", &bad);
    let Reload::Failed(b) = reload(&path, "mine.ron") else {
        panic!("the broken save loads")
    };
    // A parse error stops the parser: one problem, with its line and a "did you mean".
    assert_eq!(b.count, 1);
    assert!(b.lines[0].starts_with("mine.ron:"), "{:?}", b.lines);
    assert!(
        b.lines
            .iter()
            .any(|l| l.contains("did you mean `UsdMillion`")),
        "{:?}",
        b.lines
    );
    assert!(
        b.lines.iter().any(|l| l.contains("UsdMilion")),
        "the source line: {:?}",
        b.lines
    );
    a.set_broken(b);
    let (text, warn) = status(&a).expect("said");
    assert!(warn && text.contains("does not load"), "{text}");
    let shown = frame(&a, 100, 30);
    assert!(
        shown.contains("mine.ron does not load: 1 problem"),
        "{shown}"
    );
    assert!(
        shown.contains("First official visit"),
        "the last good data: {shown}"
    );

    // Fixed the enum; the id is still wrong: a validation problem, with its source line.
    let bad = bad.replace("UsdMilion", "UsdMillion");
    let path = dir.file("mine.ron", &bad);
    let Reload::Failed(b) = reload(&path, "mine.ron") else {
        panic!("the broken save loads")
    };
    assert_eq!(b.count, 1);
    let at = b
        .lines
        .iter()
        .position(|l| l.contains("no stage has the id `s_2`; did you mean `s2`?"))
        .unwrap_or_else(|| panic!("{:?}", b.lines));
    let line_no = bad
        .lines()
        .position(|l| l.contains("\"s_2\""))
        .expect("the line")
        + 1;
    assert!(
        b.lines[at].starts_with(&format!("mine.ron:{line_no}:")),
        "{:?}",
        b.lines
    );
    assert!(
        b.lines[at + 1].starts_with(&format!("  {line_no} | ")),
        "{:?}",
        b.lines
    );
    a.set_broken(b);

    let path = dir.file("mine.ron", STARTER);
    let Reload::Loaded { db, file, took } = reload(&path, "mine.ron") else {
        panic!("the fixed file does not load")
    };
    a.reload(*db, &file, took);
    assert!(a.broken().is_none());
    let (text, _) = status(&a).expect("said");
    assert!(text.contains("loads again"), "{text}");
    assert!(!frame(&a, 100, 30).contains("does not load"));
}

#[test]
fn a_missing_file_is_a_problem_not_a_crash() {
    let dir = Scratch::new();
    let Reload::Failed(b) = reload(&dir.path().join("gone.ron"), "gone.ron") else {
        panic!("a missing file loads")
    };
    assert_eq!(b.lines, ["gone.ron: no such file"]);
}

#[test]
fn the_panel_lists_at_most_its_limit_and_says_how_many_more() {
    // Every event citing a missing reference: one problem each.
    let mut text = STARTER.to_string();
    let mut extra = String::new();
    for i in 0..60 {
        let _ = writeln!(
            extra,
            "        (id: \"e{i}\", date: \"2001\", stage: \"s1\", category: Visit, title: \"T\", text: \"X\", cites: [7]),"
        );
    }
    text = text.replace("    events: [\n", &format!("    events: [\n{extra}"));
    let e = load_str("many.ron", &text).expect_err("60 bad citations");
    let b = broken(&e, &text);
    assert_eq!(b.count, 60);
    let more = b.lines.last().expect("lines");
    assert!(
        more.contains("10 more problems") && more.contains("kazaf check many.ron"),
        "{more}"
    );
}

#[test]
fn the_error_panel_at_80x24() {
    let mut a = app_on(starter(STARTER));
    apply(&mut a, &[Action::GoTab(Tab::Timeline)]);
    let bad = STARTER.replace(
        "title: \"First official visit\"",
        "tittle: \"First official visit\"",
    );
    let e = load_str("mine.ron", &bad).expect_err("a misspelt field");
    a.set_broken(broken(&e, &bad));
    insta::assert_snapshot!("watch_panel_80x24", frame(&a, 80, 24));
}

#[test]
fn the_panel_shows_every_syntax_error_the_parser_gets_past() {
    let bad = STARTER
        .replace(
            "title: \"First official visit\"",
            "tittle: \"First official visit\"",
        )
        .replace(
            "title: \"Trade agreement signed\"",
            "titel: \"Trade agreement signed\"",
        );
    let e = load_str("mine.ron", &bad).expect_err("two misspelt fields");
    let b = broken(&e, &bad);
    assert_eq!(b.count, 2, "{:?}", b.lines);
    let heads: Vec<&String> = b
        .lines
        .iter()
        .filter(|l| l.starts_with("mine.ron:"))
        .collect();
    assert_eq!(heads.len(), 3, "two errors and the count: {:?}", b.lines);
    assert!(
        heads[0].contains("`tittle`") && heads[1].contains("`titel`"),
        "{heads:?}"
    );
    assert!(
        b.lines.iter().all(|l| !l.trim().is_empty()),
        "{:?}",
        b.lines
    );
}

/// Reading the file is an event too: a reload must not set off the next one. One save, one
/// reload, whether written in place or renamed over the file; a file beside it is no save.
#[test]
fn one_save_is_one_reload_and_reading_is_none() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Instant;
    let dir = Scratch::new();
    let path = dir.file("mine.ron", STARTER);
    let wakes = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&wakes);
    let w = kazaf::watch::Watch::start(&path, move || {
        counter.fetch_add(1, Ordering::SeqCst);
    })
    .expect("watches");
    let wait_for = |n: usize| {
        let until = Instant::now() + Duration::from_secs(10);
        while wakes.load(Ordering::SeqCst) < n {
            assert!(Instant::now() < until, "no reload within 10 s");
            std::thread::sleep(Duration::from_millis(5));
        }
        // Time for a reload loop to show: each reload reads the file, in well under this.
        std::thread::sleep(Duration::from_millis(400));
        assert_eq!(wakes.load(Ordering::SeqCst), n, "one save, one reload");
    };
    std::fs::write(&path, STARTER.replace("First official", "Second official")).expect("write");
    wait_for(1);
    assert!(matches!(w.take(), Some(Reload::Loaded { .. })));
    let tmp = dir.file("mine.ron.tmp", STARTER);
    std::fs::rename(&tmp, &path).expect("rename");
    wait_for(2);
    dir.file("other.ron", STARTER);
    let _ = std::fs::read(&path).expect("read");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        wakes.load(Ordering::SeqCst),
        2,
        "reading, or another file, is no save"
    );
}
