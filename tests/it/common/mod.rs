//! What the test modules share: the datasets (the article's, the schema example, the suite's
//! own fixture), the app on a dataset, scratch directories, running the binary with a time
//! limit, and the few reads of the app's state the tests make.
//!
//! Every read of `App`'s state goes through a function here, so that a change of the App API
//! is followed in this one file.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use kazaf::action::Action;
use kazaf::app::{App, Overlay, View};
use kazaf::data::{Db, ItemRef, load};
use kazaf::draw::{Look, Symbols};
use kazaf::panes::trade::BarRef;
use kazaf::panes::{Pane, Tab};
use kazaf::theme::Theme;

// ---------------------------------------------------------------------------------------------
// Datasets.

/// The schema example that `kazaf schema` prints: the base of the small broken datasets.
pub const EXAMPLE: &str = include_str!("../../../assets/schema-example.ron");

/// The suite's own dataset (`tests/fixtures/sample.ron`): invented, short, every feature.
pub const SAMPLE: &str = include_str!("../../fixtures/sample.ron");

/// The embedded dataset (the article's), loaded once per run.
pub fn embedded() -> Db {
    static DB: OnceLock<Db> = OnceLock::new();
    DB.get_or_init(|| load::embedded().expect("the embedded dataset loads"))
        .clone()
}

/// The fixture dataset, loaded once per run.
pub fn sample() -> Db {
    static DB: OnceLock<Db> = OnceLock::new();
    DB.get_or_init(|| load::load_str("sample.ron", SAMPLE).expect("the fixture dataset loads"))
        .clone()
}

// ---------------------------------------------------------------------------------------------
// The app.

/// No colour, Unicode: what the snapshots and state tests draw with.
pub const MONO: Look = Look {
    theme: Theme::MONO,
    sym: &Symbols::UNICODE,
};

/// [`MONO`] in ASCII.
pub const MONO_ASCII: Look = Look {
    theme: Theme::MONO,
    sym: &Symbols::ASCII,
};

/// The app on `db`.
pub fn app_on(db: Db) -> App {
    App::new(db)
}

/// The frame of `app` at `w`×`h` in [`MONO`], as text.
pub fn frame(app: &App, w: u16, h: u16) -> String {
    kazaf::ui::plain::frame(app, &MONO, w, h)
}

/// The app on the fixture dataset, on `tab`.
pub fn sample_app(tab: Tab) -> App {
    let mut app = app_on(sample());
    app.apply(Action::GoTab(tab));
    app
}

/// Applies each action, checking the state's invariants after each.
pub fn apply(app: &mut App, actions: &[Action]) {
    for &a in actions {
        app.apply(a);
        app.check_invariants()
            .unwrap_or_else(|e| panic!("after {a:?}: {e}"));
    }
}

/// `s` typed into the search prompt.
pub fn typed(s: &str) -> Vec<Action> {
    s.chars().map(Action::Input).collect()
}

/// The dataset the app shows.
pub fn db(app: &App) -> &Db {
    app.db()
}

/// The active pane.
pub fn tab(app: &App) -> Tab {
    app.tab()
}

/// What the back stack saves and restores (pane, selections, cursor).
pub fn view(app: &App) -> View {
    app.view().clone()
}

/// The citation or link cursor.
pub fn cursor(app: &App) -> Option<usize> {
    app.cursor()
}

/// The popup.
pub fn overlay(app: &App) -> Overlay {
    app.overlay()
}

/// Timeline: the sections (each stage, then the analysis) and their entries.
pub fn sections(app: &App) -> &[Vec<ItemRef>] {
    app.panes().timeline.sections()
}

/// Timeline: the section shown.
pub fn section(app: &App) -> usize {
    app.panes().timeline.section()
}

/// Sources: the selected reference's index.
pub fn source(app: &App) -> usize {
    app.panes().sources.selection().unwrap_or_default().index()
}

/// Map: the selected place's index.
pub fn place(app: &App) -> usize {
    app.panes().map.selection().unwrap_or_default().index()
}

/// Trade: the charts' bars (the last "chart" is every figure).
pub fn charts(app: &App) -> &[Vec<BarRef>] {
    app.panes().trade.charts()
}

/// Trade: the chart shown.
pub fn chart(app: &App) -> usize {
    app.panes().trade.chart()
}

/// Trade: (log scale, table view).
pub fn trade_modes(app: &App) -> (bool, bool) {
    app.panes().trade.modes()
}

/// How many views the back stack holds.
pub fn back_len(app: &App) -> usize {
    app.back_depth()
}

/// Whether the search prompt is open for typing.
pub fn editing(app: &App) -> bool {
    app.search().editing
}

/// The status line's message and whether it is a warning.
pub fn status(app: &App) -> Option<(String, bool)> {
    app.status().map(|s| (s.text.clone(), s.warn))
}

/// The search query.
pub fn query(app: &App) -> &str {
    &app.search().query
}

/// The items the search found, in order.
pub fn hits(app: &App) -> Vec<ItemRef> {
    app.search().hits.clone()
}

/// The selected search result.
pub fn hit_sel(app: &App) -> usize {
    app.search().sel
}

/// Timeline: the selected entry.
pub fn entry(app: &App) -> Option<ItemRef> {
    app.panes().timeline.entry()
}

/// Timeline: whether the analysis after the stages is shown.
pub fn in_analysis(app: &App) -> bool {
    app.panes().timeline.in_analysis()
}

/// Trade: the selected bar.
pub fn bar(app: &App) -> Option<&BarRef> {
    app.panes().trade.bar()
}

/// Trade: whether the list of every figure is shown.
pub fn all_figures(app: &App) -> bool {
    app.panes().trade.all_figures()
}

/// The rows of the active pane's list.
pub fn list_len(app: &App) -> usize {
    app.pane().len(app.db())
}

/// The words the active pane's list is filtered to in place, if it is.
pub fn filter(app: &App) -> Option<String> {
    app.pane().filter().map(str::to_string)
}

/// Audit: the items rule `r`'s findings name, warnings first.
pub fn audit_targets(app: &App, r: usize) -> Vec<ItemRef> {
    kazaf::panes::audit::targets(app.db(), r, app.stage())
}

/// Whether the app has been asked to quit.
pub fn quitting(app: &App) -> bool {
    app.quitting()
}

// ---------------------------------------------------------------------------------------------
// Files.

/// A scratch directory, removed when dropped.
pub struct Scratch(tempfile::TempDir);

impl Scratch {
    pub fn new() -> Scratch {
        Scratch(
            tempfile::Builder::new()
                .prefix("kazaf-test-")
                .tempdir()
                .expect("a scratch directory"),
        )
    }
    pub fn path(&self) -> &Path {
        self.0.path()
    }
    /// Writes `bytes` to a file in the directory; returns its path.
    pub fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

/// 1-based line and column (in characters) of byte offset `at` in `text`.
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// Parses `FILE:LINE:COL: ` at the start of `line` (after `kazaf: ` on the first line of an
/// error), checking it by hand.
pub fn position_after(line: &str, file: &Path) -> (usize, usize, String) {
    let prefix = format!("{}:", file.display());
    let rest = line
        .strip_prefix("kazaf: ")
        .unwrap_or(line)
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{line:?} does not start with {prefix:?}"));
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let n = digits(rest);
    assert!(n > 0, "no line number in {line:?}");
    let l: usize = rest[..n].parse().unwrap();
    let rest = rest[n..]
        .strip_prefix(':')
        .unwrap_or_else(|| panic!("no `:` after the line number in {line:?}"));
    let n = digits(rest);
    assert!(n > 0, "no column number in {line:?}");
    let c: usize = rest[..n].parse().unwrap();
    let rest = rest[n..]
        .strip_prefix(": ")
        .unwrap_or_else(|| panic!("no `: ` after the column in {line:?}"));
    assert!(l >= 1 && c >= 1, "{line:?}");
    (l, c, rest.to_string())
}

// ---------------------------------------------------------------------------------------------
// The binary.

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_kazaf");

/// A run of the binary still going after this long is killed and fails: a hang guard, not a
/// timing assertion (the measured times are in BENCHMARKS.md).
pub const LIMIT: Duration = Duration::from_secs(120);

/// The outcome of one run, as text.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub raw: Output,
}

/// Runs `cmd` (stdin, stdout and stderr piped) and fails if it is still running after
/// [`LIMIT`].
pub fn run(mut cmd: assert_cmd::Command) -> Run {
    let start = Instant::now();
    let raw = cmd.timeout(LIMIT).output().expect("the binary runs");
    assert!(
        raw.status.code().is_some() || start.elapsed() < LIMIT,
        "{cmd:?}: still running after {LIMIT:?}; killed"
    );
    Run {
        code: raw.status.code(),
        stdout: String::from_utf8_lossy(&raw.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&raw.stderr).into_owned(),
        raw,
    }
}

/// `kazaf ARGS...`, with colour allowed and backtraces off.
pub fn kazaf<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = assert_cmd::Command::new(BIN);
    cmd.args(args)
        .env_remove("NO_COLOR")
        .env("RUST_BACKTRACE", "0");
    run(cmd)
}

/// `kazaf check FILE`.
pub fn check(file: &Path) -> Run {
    kazaf([Path::new("check"), file])
}

/// `kazaf --data FILE ARGS...`.
pub fn with_data(file: &Path, args: &[&str]) -> Run {
    let mut all = vec![OsStr::new("--data"), file.as_os_str()];
    all.extend(args.iter().map(OsStr::new));
    kazaf(all)
}

impl Run {
    /// Asserts the exit code, and that nothing panicked.
    pub fn code(&self, want: i32) -> &Self {
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("overflow"),
            "panic:\n{}",
            self.stderr
        );
        assert_eq!(
            self.code,
            Some(want),
            "exit code; stderr:\n{}\nstdout (start):\n{}",
            self.stderr,
            self.stdout.chars().take(2000).collect::<String>()
        );
        self
    }
    /// Asserts a data error: exit 1, nothing on stdout, one message on stderr naming `file`.
    pub fn data_error(&self, file: &Path) -> &Self {
        self.code(1);
        assert_eq!(self.stdout, "", "stdout of a failed load");
        let head = format!("kazaf: {}", file.display());
        assert!(
            self.stderr.starts_with(&head),
            "stderr does not start with {head:?}:\n{}",
            self.stderr
        );
        self.clean();
        self
    }
    /// Asserts no terminal control bytes (ESC, BEL, CR) in either stream.
    pub fn clean(&self) -> &Self {
        for (name, bytes) in [("stdout", &self.raw.stdout), ("stderr", &self.raw.stderr)] {
            for bad in [0x1b_u8, 0x07, b'\r'] {
                assert!(
                    !bytes.contains(&bad),
                    "{name} contains byte 0x{bad:02x}:\n{}",
                    String::from_utf8_lossy(bytes).escape_debug()
                );
            }
        }
        self
    }
}
