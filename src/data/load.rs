//! Reading a dataset: file checks, parsing, validation, and the errors a person can act on.
//!
//! Every failure names the file. A syntax error says `FILE:LINE:COL: message` and shows the
//! line under it with a caret; after one inside a list item the parser sets the item aside and
//! reads on, so the next ones are reported too (up to [`MAX_SYNTAX_ERRORS`]). Validation
//! reports every problem at once, each with the path of the value and its position. Nothing here panics on any input, and the terminal is never
//! entered before loading has succeeded (`cli::load` runs before anything else).

use std::fmt;
use std::io::Read as _;
use std::path::Path;

use super::model::Dataset;
use super::sanitize::sanitize;
use super::{Db, Prepared, json, locate, plural, validate};

/// The largest data file `--data` accepts, in bytes: 40 MiB.
///
/// Set so that the slowest file below it loads or is rejected in under 2 seconds of CPU; ron's
/// cost per list element is what limits it (`scripts/cap/worst-cases.py`, BENCHMARKS.md, "The
/// size cap"). The 100,000-event synthetic dataset (`examples/synth`, 37.9 MiB) fits.
pub const MAX_FILE_BYTES: u64 = 40 * 1024 * 1024;

/// How many validation problems get a line and column.
pub const MAX_LOCATED: usize = 1000;

/// The embedded dataset's text.
pub const EMBEDDED: &str = include_str!("../../assets/kz-af.ron");

/// The embedded dataset converted to postcard at build time (see `build.rs`): read many times
/// faster than the RON (BENCHMARKS.md), which is what keeps the explorer's start close to a
/// bare ratatui app's. Empty if the RON did not parse at build time.
pub const EMBEDDED_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/kz-af.postcard"));

/// The name the embedded dataset is reported under.
pub const EMBEDDED_NAME: &str = "<embedded kz-af.ron>";

/// One problem found by validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the data, e.g. `events[12].cites[0]`.
    pub path: String,
    /// Line and column of the value, when found.
    pub pos: Option<(usize, usize)>,
    pub message: String,
}

/// How many syntax errors one load reports; the parser stops after them.
pub const MAX_SYNTAX_ERRORS: usize = 20;

/// One syntax error: where it is and what ron said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// ron's message, with a suggestion for a misspelt name.
    pub message: String,
    /// The offending line (sanitized, truncated).
    pub source_line: String,
}

/// What is known of a file past its last reported syntax error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rest {
    /// It parsed once the errors were set aside: every syntax error is reported.
    Clean,
    /// It has more errors than [`MAX_SYNTAX_ERRORS`]; the others are not reported.
    MoreErrors,
    /// The parser could not get past the last error (it is not inside a list item, or where
    /// that item ends cannot be found), so there may be more.
    Unread,
}

/// Why a dataset could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file could not be read as text: missing, a directory, too large, not UTF-8, empty.
    File {
        /// The file as the user named it (sanitized).
        file: String,
        message: String,
    },
    /// The text is not a dataset: RON syntax or a type mismatch. Every error the parser could
    /// get past, in text order (at most [`MAX_SYNTAX_ERRORS`]), and what is known of the rest.
    Syntax {
        file: String,
        /// At least one.
        errors: Vec<SyntaxError>,
        /// What lies past the last error reported.
        rest: Rest,
    },
    /// It parsed, but its meaning is broken.
    Invalid {
        file: String,
        /// Every problem found.
        problems: Vec<Problem>,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::File { file, message } => write!(f, "{file}: {message}"),
            LoadError::Syntax { file, errors, rest } => write_syntax(f, file, errors, *rest, ""),
            LoadError::Invalid { file, problems } => {
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    match p.pos {
                        Some((l, c)) => write!(f, "{file}:{l}:{c}: {}: {}", p.path, p.message)?,
                        None => write!(f, "{file}: {}: {}", p.path, p.message)?,
                    }
                }
                write!(f, "\n{file}: {} found", plural(problems.len(), "problem"))
            }
        }
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    /// The file the error is about, as it is named in the message.
    pub fn file(&self) -> &str {
        match self {
            LoadError::File { file, .. }
            | LoadError::Syntax { file, .. }
            | LoadError::Invalid { file, .. } => file,
        }
    }

    /// A syntax error the parser cannot get past (a file that is not UTF-8, or not a dataset
    /// at all): the only one reported.
    pub fn syntax(file: &str, error: SyntaxError) -> Self {
        LoadError::Syntax {
            file: file.to_string(),
            errors: vec![error],
            rest: Rest::Unread,
        }
    }

    /// The line and column of every error that has one, in the order shown.
    pub fn locations(&self) -> Vec<(usize, usize)> {
        match self {
            LoadError::File { .. } => Vec::new(),
            LoadError::Syntax { errors, .. } => errors.iter().map(|e| (e.line, e.col)).collect(),
            LoadError::Invalid { problems, .. } => problems.iter().filter_map(|p| p.pos).collect(),
        }
    }

    /// The message as [`Display`](fmt::Display) writes it, with `prefix` before each line that
    /// starts a message (`kazaf: ` on the command line): every line of a validation report; of
    /// syntax errors, the first line of each and the count (the source line and caret under
    /// each stay as they are, and so do the blank lines between them).
    pub fn with_prefix(&self, prefix: &str) -> String {
        match self {
            LoadError::Syntax { file, errors, rest } => {
                let mut out = String::new();
                let _ = write_syntax(&mut out, file, errors, *rest, prefix);
                out
            }
            LoadError::Invalid { .. } => {
                let text = self.to_string();
                let mut out =
                    String::with_capacity(text.len() + prefix.len() * text.lines().count());
                for (i, line) in text.lines().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    out.push_str(prefix);
                    out.push_str(line);
                }
                out
            }
            LoadError::File { .. } => format!("{prefix}{self}"),
        }
    }
}

/// Writes syntax errors: each as `FILE:LINE:COL: message` with its line and a caret under
/// the column, separated by blank lines, then, when there are several, how many.
fn write_syntax(
    f: &mut impl fmt::Write,
    file: &str,
    errors: &[SyntaxError],
    rest: Rest,
    prefix: &str,
) -> fmt::Result {
    for (i, e) in errors.iter().enumerate() {
        if i > 0 {
            f.write_str("\n\n")?;
        }
        let SyntaxError {
            line,
            col,
            message,
            source_line,
        } = e;
        write!(f, "{prefix}{file}:{line}:{col}: {message}")?;
        if !source_line.is_empty() {
            let gutter = line.to_string();
            let pad = " ".repeat(gutter.len());
            let caret_at = source_line.chars().take(col.saturating_sub(1)).count();
            write!(
                f,
                "\n {pad} |\n {gutter} | {source_line}\n {pad} | {}^",
                " ".repeat(caret_at)
            )?;
        }
    }
    if errors.len() > 1 {
        let n = errors.len();
        let rest = match rest {
            Rest::Clean => "",
            Rest::MoreErrors => "; the parser stopped there, and there are more",
            Rest::Unread => "; the parser could not get past the last, so there may be more",
        };
        write!(f, "\n\n{prefix}{file}: {n} syntax errors found{rest}")?;
    }
    Ok(())
}

/// Loads the dataset compiled into the binary: its postcard form when that is sound, else the
/// RON, so that a problem is reported with its line and column.
pub fn embedded() -> Result<Db, LoadError> {
    if let Ok(set) = postcard::from_bytes::<Dataset>(EMBEDDED_BYTES) {
        let (problems, prepared) = validate::validate_prepared(&set);
        if problems.is_empty() {
            return Ok(Db::prepared(set, prepared));
        }
    }
    load_str(EMBEDDED_NAME, EMBEDDED)
}

/// Loads a dataset file, checking it is a readable, reasonably sized UTF-8 text first.
///
/// The file's text is freed as soon as the dataset is known to be sound (it is only needed to
/// place error messages), before the indexes are built: it is as large as the file, and
/// keeping it raised the peak memory of a large load (BENCHMARKS.md).
pub fn load_file(path: &Path) -> Result<Db, LoadError> {
    let name = sanitize(&path.display().to_string()).into_owned();
    let text = read_text(path, &name)?;
    let (set, prepared) = checked(&name, &text)?;
    drop(text);
    Ok(Db::prepared(set, prepared))
}

/// Reads `path` as UTF-8 text no larger than [`MAX_FILE_BYTES`].
pub fn read_text(path: &Path, name: &str) -> Result<String, LoadError> {
    let fail = |message: String| LoadError::File {
        file: name.to_string(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| fail(io_message(&e)))?;
    if meta.is_dir() {
        return Err(fail("is a directory, not a data file".into()));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(io_message(&e)))?;
    // Sized from the file's length, one byte over so that reaching the end needs no growth
    // (`Take` hides the length from `read_to_end`, which would double its way up to 64 MiB for
    // a 38 MiB file). The length is only a hint: a file that grows meanwhile still reads whole.
    let hint = meta.len().min(MAX_FILE_BYTES) as usize + 1;
    let mut bytes = Vec::with_capacity(hint);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(format!(
            "is larger than the limit of {} MiB for a data file",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Err(fail(
            "starts with a UTF-8 byte order mark (BOM); save it as UTF-8 without a BOM".into(),
        ));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..good]);
            let line = prefix.matches('\n').count() + 1;
            let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let start = bytes[..good]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let end = bytes[good..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |i| good + i);
            let shown = String::from_utf8_lossy(&bytes[start..end]);
            Err(LoadError::syntax(
                name,
                SyntaxError {
                    line,
                    col,
                    message: format!(
                        "not valid UTF-8 (byte 0x{:02X} at offset {good}); data files must be UTF-8 text",
                        bytes[good]
                    ),
                    source_line: sanitize(&shown).chars().take(160).collect(),
                },
            ))
        }
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied: cannot read it".into(),
        std::io::ErrorKind::IsADirectory => "is a directory, not a data file".into(),
        _ => format!("cannot read it: {}", sanitize(&e.to_string())),
    }
}

/// Parses and validates `text`, reporting errors under the name `file`.
pub fn load_str(file: &str, text: &str) -> Result<Db, LoadError> {
    let (set, prepared) = checked(file, text)?;
    Ok(Db::prepared(set, prepared))
}

/// Parses and validates `text`: the dataset and what validation worked out for its indexes,
/// or every problem, placed in `text`.
fn checked(file: &str, text: &str) -> Result<(Dataset, Prepared), LoadError> {
    let set = parse(file, text)?;
    let (problems, prepared) = validate::validate_prepared(&set);
    if problems.is_empty() {
        return Ok((set, prepared));
    }
    // Every problem is reported; the first MAX_LOCATED also get a line and column (a file with
    // more problems than that has a systematic mistake, and locating them all costs seconds).
    let paths: Vec<&str> = problems
        .iter()
        .take(MAX_LOCATED)
        .map(|(p, _)| p.as_str())
        .collect();
    // A JSON file is located in the RON it says, and the offsets taken back to the JSON.
    let transcript = if is_json(file, text) {
        json::transcode(text, true).ok()
    } else {
        None
    };
    let map = locate::positions(transcript.as_ref().map_or(text, |t| &t.ron), &paths);
    let offsets: Vec<Option<usize>> = paths
        .iter()
        .map(|p| {
            let at = locate::find(&map, p)?;
            Some(transcript.as_ref().map_or(at, |t| t.json_offset(at)))
        })
        .chain(std::iter::repeat(None))
        .take(problems.len())
        .collect();
    drop(transcript);
    let lc = locate::line_cols(text, &offsets.iter().flatten().copied().collect::<Vec<_>>());
    let problems = problems
        .into_iter()
        .zip(offsets)
        .map(|((path, message), off)| Problem {
            pos: off.and_then(|o| lc.get(&o).copied()),
            path,
            message,
        })
        .collect();
    Err(LoadError::Invalid {
        file: file.to_string(),
        problems,
    })
}

/// Whether `text` is to be read as JSON: its file's name ends in `.json`, or it starts (past
/// blank space) with `{`, which no RON dataset does.
pub fn is_json(file: &str, text: &str) -> bool {
    Path::new(file)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || text.trim_start().starts_with('{')
}

/// Where `text` (not JSON: see [`is_json`]) shows it cannot be a dataset at all, and what it
/// looks like: its first character, past blank space and comments, opens Markdown (`#`, but
/// not a RON attribute `#!`), JSON (`{` after a comment, or `[`), HTML or XML (`<`), or is a
/// control character. A report given as data is then named as such, rather than answered
/// with what RON expected.
fn not_a_dataset(text: &str) -> Option<(usize, String)> {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    let at = text.len() - rest.len();
    let what = match rest.chars().next()? {
        '#' if !rest.starts_with("#!") => "Markdown (it starts with `#`)".to_string(),
        '{' => "JSON with a comment (JSON has none)".to_string(),
        '[' => "a JSON array (it starts with `[`)".to_string(),
        '<' => "HTML or XML (it starts with `<`)".to_string(),
        c if c.is_control() && c != '\u{feff}' => "a binary file".to_string(),
        _ => return None,
    };
    Some((at, what))
}

/// Parses `text` into the typed model without validating its meaning: RON, or JSON when
/// [`is_json`] says so.
pub fn parse(file: &str, text: &str) -> Result<Dataset, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::File {
            file: file.to_string(),
            message: if text.is_empty() {
                "is empty; a dataset starts with `(` (run `kazaf schema` for an example)".into()
            } else {
                "holds only whitespace; a dataset starts with `(` (run `kazaf schema` for an example)"
                    .into()
            },
        });
    }
    if is_json(file, text) {
        return parse_json(file, text);
    }
    if let Some((at, what)) = not_a_dataset(text) {
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        let source_line: String = text[at..]
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(80)
            .collect();
        return Err(LoadError::syntax(
            file,
            SyntaxError {
                line,
                col,
                message: format!(
                    "this is not a kazaf dataset: it looks like {what}; a dataset is RON and \
                     starts with `(`, or a JSON object (run `kazaf schema` for an example)"
                ),
                source_line: sanitize(&source_line).into_owned(),
            },
        ));
    }
    let first = match ron::from_str::<Dataset>(text) {
        Ok(set) => return Ok(set),
        Err(e) => e,
    };
    let (errors, rest) = recover(text, &first);
    Err(LoadError::Syntax {
        file: file.to_string(),
        errors,
        rest,
    })
}

/// A JSON dataset, read as the RON it says ([`json`]); an error is placed in the JSON. The
/// first error only: recovery works on RON's list items.
fn parse_json(file: &str, text: &str) -> Result<Dataset, LoadError> {
    let at_json = |at: usize, message: String| {
        let (line, col) = locate::line_cols(text, &[at])
            .get(&at)
            .copied()
            .unwrap_or((1, 1));
        LoadError::syntax(
            file,
            SyntaxError {
                line,
                col,
                message: sanitize(&message).into_owned(),
                source_line: source_line(text, line),
            },
        )
    };
    let transcript = json::transcode(text, false).map_err(|e| at_json(e.at, e.message))?;
    ron::from_str::<Dataset>(&transcript.ron).map_err(|e| {
        // The RON is one line: ron's column is a count of its characters.
        let ron = &transcript.ron;
        let ron_at = ron
            .char_indices()
            .nth(e.span.start.col.saturating_sub(1))
            .map_or(ron.len(), |(i, _)| i);
        // Transcoded again, with the map this time: only a file with an error pays for it.
        let at = json::transcode(text, true).map_or(0, |t| t.json_offset(ron_at));
        // ron's words for what it expected, in JSON's terms where they differ.
        let message = match &e.code {
            ron::Error::ExpectedNamedStructLike(name) if !name.is_empty() => {
                format!("Expected an object `{{..}}` for `{name}`")
            }
            ron::Error::ExpectedStructLike => {
                "Expected an object `{..}` (or, for a pair, an array `[..]`)".into()
            }
            ron::Error::ExpectedStructLikeEnd => "Expected the end of the object or array".into(),
            ron::Error::ExpectedIdentifier => "Expected a variant's name, as a string".into(),
            _ => ron_message(&e.code),
        };
        at_json(at, message)
    })
}

/// The syntax errors of `text`, `first` (ron's) and those after it. Each time, the list item
/// holding the last error is set aside (`locate::recovery`, which also declines a text out of
/// shape), with the items before it, and what is left parsed again, until it parses, an error
/// lies where no list item can be set aside, or [`MAX_SYNTAX_ERRORS`] are found. Every error
/// lies after the one before it in `text`, so none is reported twice, and each round sets aside
/// at least one more character, so this ends.
fn recover(text: &str, first: &ron::error::SpannedError) -> (Vec<SyntaxError>, Rest) {
    let (line, col) = (first.span.start.line, first.span.start.col);
    let mut errors = vec![syntax_error(text, line, col, &first.code)];
    // The last error's offset in `text`, and its line and column.
    let mut last = locate::offset(text, line, col);
    let mut last_pos = (line, col);
    let mut work: Option<locate::Kept> = None;
    // The last error's offset in the text being read: `text`, then what is kept of it.
    let mut at = last;
    let rest = loop {
        let now = work.as_ref().map_or(text, |w| w.text.as_str());
        let Some(ranges) = locate::recovery(now, at, work.is_none()) else {
            break Rest::Unread;
        };
        let kept = work.get_or_insert_with(|| locate::Kept::new(text));
        kept.remove(&ranges);
        let Err(e) = ron::from_str::<Dataset>(&kept.text) else {
            break Rest::Clean;
        };
        at = locate::offset(&kept.text, e.span.start.line, e.span.start.col);
        let here = kept.original(at);
        // An error at or before the last one is the recovery's doing, not the file's.
        if here <= last {
            break Rest::Unread;
        }
        if errors.len() == MAX_SYNTAX_ERRORS {
            break Rest::MoreErrors;
        }
        let (line, col) = locate::line_col_after(text, last, last_pos, here);
        errors.push(syntax_error(text, line, col, &e.code));
        (last, last_pos) = (here, (line, col));
    };
    (errors, rest)
}

/// A syntax error at `line` and `col` of `text`, from ron's `code`.
fn syntax_error(text: &str, line: usize, col: usize, code: &ron::Error) -> SyntaxError {
    SyntaxError {
        line,
        col,
        message: ron_message(code),
        source_line: source_line(text, line),
    }
}

/// ron's message for `code`, with the nearest name for a misspelt field or variant.
fn ron_message(code: &ron::Error) -> String {
    let hint = match code {
        ron::Error::NoSuchStructField {
            expected, found, ..
        }
        | ron::Error::NoSuchEnumVariant {
            expected, found, ..
        } => super::suggest::did_you_mean(found, expected.iter().copied()),
        _ => String::new(),
    };
    sanitize(&format!("{code}{hint}")).into_owned()
}

/// Line `line` (1-based) of `text`, sanitized and cut to 160 characters, to show under an
/// error. Only the start of the line is sanitized: one line can be the whole 40 MiB file, and
/// a file can have 20 errors on it.
fn source_line(text: &str, line: usize) -> String {
    text.lines()
        .nth(line.saturating_sub(1))
        .map(|l| {
            let cut = l.char_indices().nth(4096).map_or(l.len(), |(i, _)| i);
            let shown = sanitize(&l[..cut]);
            if shown.chars().count() > 160 || cut < l.len() {
                let mut s: String = shown.chars().take(159).collect();
                s.push('…');
                s
            } else {
                shown.into_owned()
            }
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bytes_built_at_compile_time_are_the_ron() {
        let from_bytes: Dataset = postcard::from_bytes(EMBEDDED_BYTES).expect("the bytes parse");
        let from_ron = parse(EMBEDDED_NAME, EMBEDDED).expect("the RON parses");
        assert_eq!(
            serde_json::to_string(&from_bytes).expect("serializes"),
            serde_json::to_string(&from_ron).expect("serializes")
        );
        assert_eq!(
            serde_json::to_string(&embedded().expect("loads").set).expect("serializes"),
            serde_json::to_string(&from_ron).expect("serializes")
        );
    }

    const EXAMPLE: &str = include_str!("../../assets/schema-example.ron");

    /// The example with each `(from, to)` replaced once, in order.
    fn broken(edits: &[(&str, &str)]) -> String {
        let mut text = EXAMPLE.to_string();
        for (from, to) in edits {
            assert!(text.contains(from), "{from}");
            text = text.replacen(from, to, 1);
        }
        text
    }

    /// Line and column of the first `needle` in `text`.
    fn at(text: &str, needle: &str) -> (usize, usize) {
        let i = text.find(needle).expect("in the text");
        let before = &text[..i];
        (
            before.matches('\n').count() + 1,
            before.rsplit('\n').next().unwrap_or("").chars().count() + 1,
        )
    }

    fn syntax(text: &str) -> (Vec<SyntaxError>, Rest, String) {
        match parse("f.ron", text) {
            Err(e @ LoadError::Syntax { .. }) => {
                let shown = e.to_string();
                let LoadError::Syntax { errors, rest, .. } = e else {
                    unreachable!()
                };
                (errors, rest, shown)
            }
            other => panic!("not a syntax error: {other:?}"),
        }
    }

    #[test]
    fn two_misspelt_fields_in_two_events_are_both_reported() {
        let text = broken(&[
            (
                "title: \"Diplomatic relations\"",
                "titel: \"Diplomatic relations\"",
            ),
            ("title: \"Joint commission", "tilte: \"Joint commission"),
        ]);
        let (errors, rest, shown) = syntax(&text);
        assert_eq!(rest, Rest::Clean);
        let places: Vec<_> = errors.iter().map(|e| (e.line, e.col)).collect();
        assert_eq!(places, [at(&text, "titel"), at(&text, "tilte")]);
        for (e, name) in errors.iter().zip(["titel", "tilte"]) {
            assert!(e.message.contains(&format!("`{name}`")), "{}", e.message);
            assert!(
                e.message.ends_with("did you mean `title`?"),
                "{}",
                e.message
            );
        }
        let (l1, c1) = places[0];
        let (l2, c2) = places[1];
        assert!(shown.starts_with(&format!("f.ron:{l1}:{c1}: Unexpected field named `titel`")));
        assert!(shown.contains(&format!(
            "^\n\nf.ron:{l2}:{c2}: Unexpected field named `tilte`"
        )));
        assert!(
            shown.ends_with("^\n\nf.ron: 2 syntax errors found"),
            "{shown}"
        );
        assert_eq!(
            LoadError::Syntax {
                file: "f.ron".into(),
                errors: errors.clone(),
                rest,
            }
            .locations(),
            places
        );
    }

    #[test]
    fn a_missing_comma_and_a_wrong_type_in_two_items_are_both_reported() {
        let text = broken(&[
            ("(id: \"e_relations\", date:", "(id: \"e_relations\" date:"),
            ("lat: 35.0", "lat: \"35\""),
        ]);
        let (errors, rest, shown) = syntax(&text);
        assert_eq!(rest, Rest::Clean);
        let got: Vec<_> = errors
            .iter()
            .map(|e| (e.line, e.col, e.message.as_str()))
            .collect();
        let (l1, c1) = at(&text, "date: \"1991");
        // ron places a wrong type at the blank before the value.
        let (l2, c2) = at(&text, " \"35\"");
        assert_eq!(
            got,
            [(l1, c1, "Expected comma"), (l2, c2, "Expected float")]
        );
        assert_eq!(shown.matches("\n\n").count(), 2, "{shown}");
    }

    #[test]
    fn an_error_outside_any_list_item_is_the_only_one() {
        // A top-level field, then a later error in an event: the parser cannot get past the
        // first, and the message is what it was before recovery existed.
        let text = broken(&[
            ("year: 2020", "year: \"2020\""),
            ("title: \"Joint commission", "tilte: \"Joint commission"),
        ]);
        let (errors, rest, shown) = syntax(&text);
        assert_eq!(errors.len(), 1);
        assert_eq!(rest, Rest::Unread);
        let (l, c) = at(&text, " \"2020\"");
        let line = text.lines().nth(l - 1).unwrap();
        let pad = " ".repeat(l.to_string().len());
        assert_eq!(
            shown,
            format!(
                "f.ron:{l}:{c}: Expected integer\n {pad} |\n {l} | {line}\n {pad} | {}^",
                " ".repeat(c - 1)
            )
        );
    }

    #[test]
    fn an_error_outside_any_list_item_after_others_ends_the_report_and_says_so() {
        let text = broken(&[
            ("title: \"Joint commission", "tilte: \"Joint commission"),
            ("references: [", "refrences: ["),
            ("kind: Report", "kind: Reprt"),
        ]);
        let (errors, rest, shown) = syntax(&text);
        assert_eq!(rest, Rest::Unread);
        let places: Vec<_> = errors.iter().map(|e| (e.line, e.col)).collect();
        assert_eq!(places, [at(&text, "tilte"), at(&text, "refrences")]);
        assert!(errors[1].message.ends_with("did you mean `references`?"));
        assert!(
            shown.ends_with(
                "\n\nf.ron: 2 syntax errors found; the parser could not get past the last, so \
                 there may be more"
            ),
            "{shown}"
        );
    }

    #[test]
    fn an_unterminated_string_gives_the_first_error_and_stops() {
        for text in [
            broken(&[("\"Diplomatic relations\"", "\"Diplomatic relations")]),
            broken(&[("\"Trade turnover\"", "\"Trade turnover")]),
            format!("{}\"", EXAMPLE.trim_end().trim_end_matches(')')),
            EXAMPLE.replacen("Alphaland", "Alphaland\\", 1),
        ] {
            if let Err(e) = ron::from_str::<Dataset>(&text) {
                let (errors, _, _) = syntax(&text);
                assert_eq!(
                    (errors[0].line, errors[0].col),
                    (e.span.start.line, e.span.start.col)
                );
            }
        }
    }

    #[test]
    fn errors_past_the_limit_are_counted_not_reported() {
        // An error in every one of 10,000 events: 20 reported, quickly, and the rest said.
        let event = "(id: \"e\", date: \"2000\", stage: \"s1\", category: Dplomacy, title: \"t\", text: \"x\"),\n";
        let text = EXAMPLE.replacen(
            "events: [",
            &format!("events: [\n{}", event.repeat(10_000)),
            1,
        );
        let started = std::time::Instant::now();
        let (errors, rest, shown) = syntax(&text);
        // A hang guard, not a timing assertion (it takes a fraction of a second).
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
        assert_eq!(errors.len(), MAX_SYNTAX_ERRORS);
        assert_eq!(rest, Rest::MoreErrors);
        for (k, e) in errors.iter().enumerate() {
            assert_eq!((e.line, e.col), (at(&text, "events: [").0 + 1 + k, 48));
            assert!(
                e.message.ends_with("did you mean `Diplomacy`?"),
                "{}",
                e.message
            );
        }
        assert!(
            shown.ends_with(
                "\n\nf.ron: 20 syntax errors found; the parser stopped there, and there are more"
            ),
            "{shown}"
        );
    }

    #[test]
    fn the_command_line_prefix_goes_before_each_message_line() {
        let text = broken(&[
            (
                "title: \"Diplomatic relations\"",
                "titel: \"Diplomatic relations\"",
            ),
            ("kind: Report", "kind: Reprt"),
        ]);
        let e = parse("f.ron", &text).unwrap_err();
        let plain = e.to_string();
        let prefixed = e.with_prefix("kazaf: ");
        assert_eq!(prefixed.replace("kazaf: ", ""), plain);
        let starts: Vec<&str> = prefixed
            .lines()
            .filter(|l| l.starts_with("kazaf: "))
            .collect();
        assert_eq!(starts.len(), 3, "{prefixed}");
        assert!(starts[2].ends_with("f.ron: 2 syntax errors found"));
    }

    mod mutations {
        use super::*;
        use proptest::prelude::*;

        const FIXTURES: [&str; 3] = [
            EXAMPLE,
            include_str!("../../tests/fixtures/sample.ron"),
            include_str!("../../tests/fixtures/search.ron"),
        ];

        /// One edit: where (a fraction of the text), what to remove, what to insert.
        fn edit() -> impl Strategy<Value = (f64, usize, String)> {
            (
                0.0..1.0f64,
                0usize..4,
                prop::sample::select(vec![
                    "", ",", "(", ")", "[", "]", "\"", "x", ":", "1", "r#\"", "/*", "//", "é",
                    "Some(", "\n", "#",
                ])
                .prop_map(str::to_string),
            )
        }

        fn apply(text: &str, edits: &[(f64, usize, String)]) -> String {
            let mut t = text.to_string();
            for (where_, cut, put) in edits {
                let mut i = ((t.len() as f64) * where_) as usize;
                while !t.is_char_boundary(i) {
                    i -= 1;
                }
                let mut j = (i + cut).min(t.len());
                while !t.is_char_boundary(j) {
                    j += 1;
                }
                t.replace_range(i..j, put);
            }
            t
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(192))]
            #[test]
            fn mutated_fixtures_give_ordered_distinct_errors_the_first_rons(
                which in 0usize..3,
                edits in prop::collection::vec(edit(), 1..6),
            ) {
                let text = apply(FIXTURES[which], &edits);
                let plain = ron::from_str::<Dataset>(&text);
                match parse("f.ron", &text) {
                    Ok(_) => prop_assert!(plain.is_ok()),
                    Err(LoadError::Syntax { errors, rest, .. }) => {
                        prop_assert!(!errors.is_empty() && errors.len() <= MAX_SYNTAX_ERRORS);
                        // Past kazaf's own first check (a file that looks like Markdown or
                        // JSON is named as such), the first error is ron's.
                        let first = &errors[0];
                        if let (Err(e), None) = (plain, not_a_dataset(&text)) {
                            prop_assert_eq!(
                                (first.line, first.col),
                                (e.span.start.line, e.span.start.col)
                            );
                            prop_assert!(first.message.starts_with(&sanitize(&e.code.to_string()).into_owned()));
                        }
                        for w in errors.windows(2) {
                            prop_assert!((w[0].line, w[0].col) < (w[1].line, w[1].col));
                        }
                        prop_assert!(rest != Rest::MoreErrors || errors.len() == MAX_SYNTAX_ERRORS);
                    }
                    Err(other) => prop_assert!(false, "{:?}", other),
                }
            }
        }
    }
}
