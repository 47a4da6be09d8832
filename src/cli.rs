//! The command line: arguments (clap) and the non-interactive commands.
//!
//! `main.rs` only calls [`run`]; everything a command prints goes through here, so the same
//! code serves the binary and the integration tests.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::PossibleValue;
use clap::{Parser, Subcommand, ValueEnum};

use crate::data::Db;
use crate::data::load::{self, LoadError};
use crate::draw::Look;
use crate::export;
use crate::panes::Tab;
use crate::theme::{Theme, ThemeName};

/// A terminal explorer of Kazakhstan–Afghanistan relations since 1992: a timeline, trade and
/// aid charts, a map and the sources behind every claim.
#[derive(Debug, Parser)]
#[command(name = "kazaf", version, about, long_about = None)]
#[command(
    after_help = "Run without a command to open the explorer. Keys: press ? inside it.\n\
Examples:\n  kazaf                              explore the embedded dataset\n  \
kazaf --tab sources                open at the Sources pane\n  \
kazaf new mine.ron                 start a dataset of your own\n  \
kazaf check my-data.ron            validate your own dataset (RON or JSON)\n  \
kazaf export --format markdown     the whole dataset as a readable report\n  \
kazaf export --format bibtex       the references for LaTeX (also csl-json, ris)\n  \
kazaf export --format timelinejs   the events as a TimelineJS web timeline\n  \
kazaf import timelinejs tl.json    a TimelineJS timeline as a dataset\n  \
kazaf render --tab timeline --size 100x30   one frame as plain text"
)]
pub struct Cli {
    /// Use this dataset instead of the embedded one: RON, or JSON as `export --format json`
    /// writes it (a `.json` file, or one that starts with `{`).
    #[arg(long, global = true, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// How to draw.
    #[command(flatten)]
    pub look: LookArgs,
    /// Do not capture the mouse.
    #[arg(long)]
    pub no_mouse: bool,
    /// Do not copy to the clipboard (y and Y say so instead).
    #[arg(long)]
    pub no_clipboard: bool,
    /// Read the --data file again each time it is saved, keeping your place; a save that
    /// breaks it shows its problems over the last good data.
    #[arg(long)]
    pub watch: bool,
    /// What to do; without one, open the explorer.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The pane and how to draw it: for the explorer and for `render`.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct LookArgs {
    /// The pane to show first (a name, in any case, or its number).
    #[arg(long, value_enum, value_name = "NAME", ignore_case = true)]
    pub tab: Option<Tab>,
    /// Colour theme [default: dark; every theme is mono when NO_COLOR is set].
    #[arg(long, value_enum, value_name = "THEME")]
    pub theme: Option<ThemeName>,
    /// Draw with ASCII only (borders, bars, markers), for fonts without box drawing or braille.
    #[arg(long)]
    pub ascii: bool,
    /// Filter every pane to one stage: its number (1 for the first) or `all`.
    #[arg(long, value_name = "N|all", value_parser = parse_stage)]
    pub stage: Option<StageArg>,
}

/// A stage on the command line: `all`, or a number from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageArg {
    /// Every stage: no filter.
    All,
    /// The stage numbered so, from 1.
    Number(usize),
}

fn parse_stage(s: &str) -> Result<StageArg, String> {
    if s.eq_ignore_ascii_case("all") {
        return Ok(StageArg::All);
    }
    match s.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(StageArg::Number(n)),
        _ => Err(format!(
            "`{s}` is not a stage: give its number (1 for the first) or `all`"
        )),
    }
}

/// The stage index `arg` names in `db`, or the misuse it is (a number past the last stage).
fn stage_of(db: &Db, arg: Option<StageArg>) -> Result<Option<usize>, ExitCode> {
    match arg {
        None | Some(StageArg::All) => Ok(None),
        Some(StageArg::Number(n)) if n <= db.set.stages.len() => Ok(Some(n - 1)),
        Some(StageArg::Number(n)) => Err(misuse(&format!(
            "--stage {n}: the dataset has {} (1 to {}, or all)",
            crate::data::plural(db.set.stages.len(), "stage"),
            db.set.stages.len()
        ))),
    }
}

/// The look the options and the environment ask for: `NO_COLOR` (read here, where the
/// arguments are) makes any theme mono (`Theme::choose` says why).
fn look(args: LookArgs) -> Look {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Look::new(Theme::choose(args.theme, no_color), args.ascii)
}

// The command line's face of the panes and themes: their names and help lines come from the
// modules that own them, which know nothing of clap.

impl ValueEnum for Tab {
    fn value_variants<'a>() -> &'a [Self] {
        <Tab as strum::VariantArray>::VARIANTS
    }
    fn to_possible_value(&self) -> Option<PossibleValue> {
        const DIGITS: [&str; 9] = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];
        let name: &'static str = self.name();
        let value = PossibleValue::new(name).help(self.about());
        Some(match DIGITS.get(self.index()) {
            Some(&digit) => value.alias(digit),
            None => value,
        })
    }
}

impl ValueEnum for ThemeName {
    fn value_variants<'a>() -> &'a [Self] {
        <ThemeName as strum::VariantArray>::VARIANTS
    }
    fn to_possible_value(&self) -> Option<PossibleValue> {
        let name: &'static str = self.into();
        Some(PossibleValue::new(name).help(self.about()))
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a dataset (the embedded one when FILE is not given) and print its audit.
    Check {
        /// The dataset to check.
        file: Option<PathBuf>,
        /// Fail (exit 1) when the audit finds a difference, not only when the data is broken:
        /// for checking datasets in CI.
        #[arg(long)]
        strict: bool,
    },
    /// Write the dataset to stdout as a Markdown report, JSON, or one CSV table; its
    /// references as BibLaTeX, CSL-JSON or RIS; or its events as a TimelineJS timeline.
    Export {
        /// Output format.
        #[arg(long, value_enum)]
        format: Format,
        /// With --format csv: the table to write [default: events].
        #[arg(long, value_enum)]
        table: Option<export::Table>,
        /// Only one stage's part: its events, documents, figures of its years, statements,
        /// and every source they cite (its number, 1 for the first, or `all`).
        #[arg(long, value_name = "N|all", value_parser = parse_stage)]
        stage: Option<StageArg>,
    },
    /// Print a commented example dataset documenting every field, or the JSON Schema of a
    /// dataset (for editors of JSON datasets: completion and checking).
    Schema {
        /// What to print.
        #[arg(long, value_enum, default_value = "ron")]
        format: SchemaFormat,
    },
    /// Start a dataset of your own: a short starter that passes `check --strict`, written to
    /// FILE (never over an existing one) or to stdout.
    New {
        /// Where to write it.
        file: Option<PathBuf>,
    },
    /// Turn another format into a kazaf dataset (RON, on stdout).
    Import {
        /// The format of FILE.
        #[arg(value_enum)]
        format: ImportFormat,
        /// The file to read.
        file: PathBuf,
    },
    /// Print one pane's first frame as plain text (no terminal needed).
    Render {
        /// The pane and how to draw it.
        #[command(flatten)]
        look: LookArgs,
        /// Size of the frame, as WIDTH x HEIGHT, e.g. 100x30.
        #[arg(long, value_parser = parse_size, default_value = "100x30", value_name = "WxH")]
        size: (u16, u16),
    },
}

/// What `schema` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaFormat {
    /// A commented example dataset in RON.
    Ron,
    /// The dataset's JSON Schema (draft 2020-12).
    JsonSchema,
}

/// A format `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// A TimelineJS timeline (JSON): eras become stages, slides events.
    Timelinejs,
}

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A complete, readable report.
    #[value(alias = "md")]
    Markdown,
    /// The whole dataset.
    Json,
    /// One table (see --table).
    Csv,
    /// The references as BibLaTeX entries (for LaTeX, JabRef, Zotero).
    #[value(alias = "biblatex")]
    Bibtex,
    /// The references as CSL-JSON (for Pandoc, Zotero, citeproc).
    CslJson,
    /// The references as RIS records (for EndNote, Mendeley, Zotero).
    Ris,
    /// The events as a TimelineJS timeline (eras from stages, citations as footnotes).
    Timelinejs,
}

/// The largest width or height `render --size` accepts: a frame is held in memory whole, and
/// 65535×65535 cells would not fit.
const MAX_RENDER_SIDE: u16 = 1000;

fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("`{s}` is not WIDTHxHEIGHT, e.g. 100x30"))?;
    let num = |v: &str| {
        v.trim()
            .parse::<u16>()
            .ok()
            .filter(|n| *n <= MAX_RENDER_SIDE)
            .ok_or_else(|| format!("`{v}` in `{s}` is not a number from 0 to {MAX_RENDER_SIDE}"))
    };
    Ok((num(w)?, num(h)?))
}

/// Loads the dataset at `data` (the embedded one when `None`); on failure, prints the error
/// and returns the exit code for it (1). Every command loads through this.
pub fn load_or_report(data: Option<&Path>) -> Result<Db, ExitCode> {
    let loaded = match data {
        Some(p) => load::load_file(p),
        None => load::embedded(),
    };
    loaded.map_err(|e| report(&e))
}

/// Prints a load error to stderr; returns the exit code for it (1).
fn report(e: &LoadError) -> ExitCode {
    // Formatted first and written once: stderr is unbuffered, and a file with a problem on
    // every line would otherwise cost a system call per fragment.
    // Every problem of a list on a line of the same shape, `kazaf: FILE:LINE:COL: ...`, as
    // the first; a parse error's source line and caret stay as they are.
    let mut msg = e.with_prefix("kazaf: ");
    msg.push('\n');
    let _ = std::io::stderr().lock().write_all(msg.as_bytes());
    ExitCode::from(1)
}

/// Parses the process's arguments. Help and errors have no styles (clap is built without its
/// `color` feature), so what [`usage`] shows of them is the text and the arguments, nothing
/// else.
pub fn parse() -> Result<Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let matches = Cli::command().try_get_matches()?;
    Cli::from_arg_matches(&matches)
}

/// Answers a command line clap did not run: `--help` and `--version` on stdout (exit 0, or 1
/// when stdout cannot be written, as for every other output), errors on stderr (exit 2). Every
/// argument clap echoes is written out visibly (`\u{1b}` for an ESC), so a crafted argument
/// or file name cannot reach the terminal as an escape sequence.
pub fn usage(e: &clap::Error) -> ExitCode {
    // Unstyled (see `parse`), so the only escapes in the raw text are the arguments' own.
    let text = e.render().to_string();
    let text = crate::data::sanitize::visible(&text);
    if e.use_stderr() {
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
        ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
    } else {
        print(&text)
    }
}

/// Writes `s` to stdout; a closed pipe (`| head`) is not an error worth a message.
fn print(s: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "kazaf: cannot write output: {e}");
            ExitCode::from(1)
        }
    }
}

/// A combination of arguments that means nothing: one line on stderr, exit 2, as clap's own
/// usage errors.
fn misuse(why: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "error: {why}");
    ExitCode::from(2)
}

/// Runs `then` on the dataset at `data`, or reports why it does not load.
fn with_data(data: Option<&Path>, then: impl FnOnce(Db) -> ExitCode) -> ExitCode {
    match load_or_report(data) {
        Ok(db) => then(db),
        Err(code) => code,
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let data = cli.data.as_deref();
    if cli.watch {
        if cli.command.is_some() {
            return misuse("--watch reloads the explorer's data; it goes without a command");
        }
        if data.is_none() {
            return misuse(
                "--watch needs --data FILE: it reloads that file when it is saved (the embedded dataset never changes)",
            );
        }
    }
    match cli.command {
        Some(Command::Schema { .. }) if data.is_some() => {
            misuse("schema prints the example dataset; it reads no --data")
        }
        Some(Command::Schema {
            format: SchemaFormat::Ron,
        }) => print(crate::schema::EXAMPLE),
        Some(Command::Schema {
            format: SchemaFormat::JsonSchema,
        }) => print(crate::schema::JSON_SCHEMA),
        Some(Command::New { .. }) if data.is_some() => {
            misuse("new writes a starter dataset; it reads no --data")
        }
        Some(Command::New { file: None }) => print(crate::schema::STARTER),
        Some(Command::New { file: Some(file) }) => {
            let name = file.display().to_string();
            let written = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&file)
                .and_then(|mut f| f.write_all(crate::schema::STARTER.as_bytes()));
            match written {
                Ok(()) => {
                    let _ = writeln!(
                        std::io::stderr(),
                        "kazaf: wrote {name}; check it with `kazaf check --strict {name}`, explore it with `kazaf --data {name}`"
                    );
                    ExitCode::SUCCESS
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let _ = writeln!(
                        std::io::stderr(),
                        "kazaf: {name} exists; kazaf new never writes over a file"
                    );
                    ExitCode::from(1)
                }
                Err(e) => {
                    let _ = writeln!(std::io::stderr(), "kazaf: cannot write {name}: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Some(Command::Import { .. }) if data.is_some() => {
            misuse("import reads FILE and writes a dataset; it reads no --data")
        }
        Some(Command::Import {
            format: ImportFormat::Timelinejs,
            file,
        }) => {
            let name = file.display().to_string();
            let text = match std::fs::read_to_string(&file) {
                Ok(t) => t,
                Err(e) => {
                    let _ = writeln!(std::io::stderr(), "kazaf: {name}: cannot read: {e}");
                    return ExitCode::from(1);
                }
            };
            match crate::import::timelinejs(&name, &text) {
                Ok(imported) => {
                    for w in &imported.warnings {
                        let _ = writeln!(std::io::stderr(), "kazaf: {name}: {w}");
                    }
                    print(&imported.ron)
                }
                Err(e) => {
                    let _ = writeln!(std::io::stderr(), "{e}");
                    ExitCode::from(1)
                }
            }
        }
        Some(Command::Check { file: Some(_), .. }) if data.is_some() => {
            misuse("check takes the dataset once: as FILE or with --data, not both")
        }
        Some(Command::Check { file, strict }) => with_data(file.as_deref().or(data), |db| {
            let printed = print(&export::check_report(&db));
            let contradicted = crate::data::audit::given_against_computed(&db);
            if strict && !contradicted.is_empty() && printed == ExitCode::SUCCESS {
                let mut msg = String::new();
                for line in &contradicted {
                    msg.push_str("kazaf: --strict: ");
                    msg.push_str(line);
                    msg.push('\n');
                }
                let _ = std::io::stderr().lock().write_all(msg.as_bytes());
                return ExitCode::from(1);
            }
            if strict && db.warnings() > 0 && printed == ExitCode::SUCCESS {
                let _ = writeln!(
                    std::io::stderr(),
                    "kazaf: --strict: {} in the audit",
                    db.audit_count()
                );
                return ExitCode::from(1);
            }
            printed
        }),
        Some(Command::Export {
            format,
            table: Some(_),
            ..
        }) if format != Format::Csv => misuse("--table goes with --format csv only"),
        Some(Command::Export {
            format,
            table,
            stage,
        }) => with_data(data, |db| {
            let (db, part) = match stage_of(&db, stage.or(cli.look.stage)) {
                Err(code) => return code,
                Ok(None) => (db, None),
                Ok(Some(s)) => match export::stage_part(&db, s) {
                    Ok(p) => (p, Some(db.title(crate::data::ItemRef::Stage(s)))),
                    Err(e) => {
                        let _ = writeln!(std::io::stderr(), "kazaf: {e}");
                        return ExitCode::from(1);
                    }
                },
            };
            match format {
                Format::Markdown => {
                    let mut md = export::markdown(&db);
                    if let Some(name) = part {
                        // Said under the title, so a reader of the file knows it is a part.
                        let at = md.find("\n\n").map_or(0, |i| i + 2);
                        md.insert_str(
                            at,
                            &format!(
                                "> Only {name}: its events, documents, figures of its years \
                                 and statements, with every source they cite.\n\n"
                            ),
                        );
                    }
                    print(&md)
                }
                Format::Json => print(&export::json(&db)),
                Format::Csv => print(&export::csv(&db, table.unwrap_or(export::Table::Events))),
                Format::Bibtex => print(&export::cite::bibtex(&db)),
                Format::CslJson => print(&export::cite::csl_json(&db)),
                Format::Ris => print(&export::cite::ris(&db)),
                Format::Timelinejs => print(&export::timelinejs::timelinejs(&db)),
            }
        }),
        Some(Command::Render { look: args, size }) => with_data(data, |db| {
            let tab = args.tab.unwrap_or_default();
            let stage = match stage_of(&db, args.stage.or(cli.look.stage)) {
                Ok(s) => s,
                Err(code) => return code,
            };
            let look = look(args);
            print(&crate::ui::plain::render_at(
                db, tab, stage, &look, size.0, size.1,
            ))
        }),
        None => with_data(data, |db| {
            let stage = match stage_of(&db, cli.look.stage) {
                Ok(s) => s,
                Err(code) => return code,
            };
            let opts = crate::term::Options {
                look: look(cli.look),
                tab: cli.look.tab.unwrap_or_default(),
                mouse: !cli.no_mouse,
                stage,
                clipboard: !cli.no_clipboard,
            };
            crate::term::explore(db, &opts, data.filter(|_| cli.watch))
        }),
    }
}
