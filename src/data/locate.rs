//! Finding where a value sits in a RON file, so that a validation error can say
//! `FILE:LINE:COL` and not only `events[12].cites[0]`.
//!
//! serde gives the typed model no positions, so after validation finds problems this module
//! walks the text once more with a small, forgiving byte scanner and records where the paths
//! of the problems start. It only runs on files that already parsed, and only when there is
//! something to report. It descends only into values on the way to a wanted path and skips
//! the rest, and it converts offsets to lines and columns in one sweep, so a 40 MiB file with
//! a problem on every line is still located in linear time.
//!
//! The same scanner also helps the parser past a syntax error ([`recovery`]): it finds the
//! list item that holds the error, so that it can be set aside and the rest parsed again. That
//! runs only on a file that did not parse, once per error reported.

use std::collections::{HashMap, HashSet};

/// Byte offsets of the values at `wanted` paths (and, for a path not found, of its nearest
/// ancestor: see [`find`]). Paths look like `events[3].cites[0]`,
/// `charts[0].groups[1].bars[0].1`, `figures[2].provenance.formula`.
pub fn positions(src: &str, wanted: &[&str]) -> HashMap<String, usize> {
    let mut prefixes: HashSet<String> = HashSet::new();
    for w in wanted {
        let mut p = *w;
        prefixes.insert(p.to_string());
        while let Some(cut) = p.rfind(['.', '[']) {
            p = &p[..cut];
            prefixes.insert(p.to_string());
        }
    }
    prefixes.insert(String::new());
    let mut s = Scanner {
        b: src.as_bytes(),
        i: 0,
        out: HashMap::new(),
        target: prefixes.len(),
        wanted: prefixes,
        depth: 0,
    };
    s.skip_trivia();
    // Inner attributes such as `#![enable(implicit_some)]`.
    while s.peek() == Some(b'#') {
        while let Some(c) = s.peek() {
            s.i += 1;
            if c == b']' {
                break;
            }
        }
        s.skip_trivia();
    }
    s.value(String::new());
    s.out
}

/// 1-based line and column (in characters) of each byte offset, computed in one pass.
pub fn line_cols(src: &str, offsets: &[usize]) -> HashMap<usize, (usize, usize)> {
    let mut sorted: Vec<usize> = offsets
        .iter()
        .copied()
        .filter(|&o| o <= src.len())
        .collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut out = HashMap::with_capacity(sorted.len());
    let (mut line, mut col, mut at) = (1, 1, 0);
    for o in sorted {
        for c in src[at..o].chars() {
            if c == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
        at = o;
        out.insert(o, (line, col));
    }
    out
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    out: HashMap<String, usize>,
    wanted: HashSet<String>,
    /// How many paths `out` holds when every wanted one is found: the scan then stops, so a
    /// 48 MiB list whose first elements are the problems is not walked to its end.
    target: usize,
    depth: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn peek_at(&self, k: usize) -> Option<u8> {
        self.b.get(self.i + k).copied()
    }
    /// The length in bytes of the whitespace character at the cursor, or 0. Exactly RON's
    /// whitespace (`ron::parse::is_whitespace_char`): ASCII space, `\t \n \r \x0B \x0C`, and
    /// U+0085, U+200E, U+200F, U+2028, U+2029. Missing one loses the scanner's place.
    fn ws_len(&self) -> usize {
        match self.b.get(self.i..).unwrap_or_default() {
            [b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C, ..] => 1,
            [0xC2, 0x85, ..] => 2,
            [0xE2, 0x80, 0x8E | 0x8F | 0xA8 | 0xA9, ..] => 3,
            _ => 0,
        }
    }
    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                _ if self.ws_len() > 0 => self.i += self.ws_len(),
                (Some(b'/'), Some(b'/')) => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.i += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    self.i += 2;
                    while self.peek().is_some()
                        && !(self.peek() == Some(b'*') && self.peek_at(1) == Some(b'/'))
                    {
                        self.i += 1;
                    }
                    self.i = (self.i + 2).min(self.b.len());
                }
                _ => return,
            }
        }
    }
    fn ident(&mut self) -> &str {
        let start = self.i;
        while self.peek().is_some_and(is_ident) {
            self.i += 1;
        }
        std::str::from_utf8(&self.b[start..self.i]).unwrap_or("")
    }
    /// Steps over one token that is not a bracket or a comma: a string, an identifier (with
    /// the string it prefixes, `r"…"`, `b"…"`), a number or any other byte. False for a
    /// string not closed before the end.
    fn token(&mut self) -> bool {
        match self.peek() {
            Some(b'"' | b'\'') => return self.string(),
            Some(b'r' | b'b') if matches!(self.peek_at(1), Some(b'#' | b'"' | b'\'')) => {
                return self.string();
            }
            Some(c) if is_ident(c) => {
                self.ident();
            }
            Some(_) => self.i += 1,
            None => {}
        }
        true
    }
    /// Steps over a string; false when it is not closed before the end.
    fn string(&mut self) -> bool {
        // At the opening quote, or at `r`/`b` before it.
        let mut hashes = 0;
        if self.peek() == Some(b'r') {
            self.i += 1;
            while self.peek() == Some(b'#') {
                hashes += 1;
                self.i += 1;
            }
        } else if self.peek() == Some(b'b') {
            self.i += 1;
        }
        let quote = self.peek();
        self.i += 1;
        while let Some(c) = self.peek() {
            self.i += 1;
            if c == b'\\' && hashes == 0 {
                self.i += 1;
            } else if Some(c) == quote && (0..hashes).all(|k| self.peek_at(k) == Some(b'#')) {
                self.i += hashes;
                return true;
            }
        }
        false
    }
    /// Scans one value at `path`, recording it if wanted and descending only where a wanted
    /// path lies below.
    fn value(&mut self, path: String) {
        self.skip_trivia();
        let here = self.wanted.contains(&path);
        if here {
            self.out.insert(path.clone(), self.i);
        }
        self.depth += 1;
        if self.depth > 256 {
            self.i = self.b.len();
            return;
        }
        match self.peek() {
            Some(b'"' | b'\'') => _ = self.string(),
            Some(b'r' | b'b') if matches!(self.peek_at(1), Some(b'#' | b'"')) => {
                _ = self.string();
            }
            Some(b'[') => self.seq(&path, b']', here),
            Some(b'{') => self.seq(&path, b'}', here),
            Some(b'(') => self.paren(&path, here),
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                let name = self.ident().to_string();
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    // `Some(x)` is transparent; an enum variant's fields hang off the value.
                    if name == "Some" {
                        self.i += 1;
                        if here {
                            self.out.remove(&path);
                        }
                        // `Some(` counts towards the depth limit like any other nesting: a
                        // scanner that lost its place may be reading a string of `Some(Some(…`.
                        self.value(path);
                        self.skip_trivia();
                        if self.peek() == Some(b')') {
                            self.i += 1;
                        }
                    } else {
                        self.paren(&path, here);
                    }
                }
            }
            Some(_) => {
                while self.peek().is_some_and(|c| {
                    !matches!(c, b',' | b')' | b']' | b'}') && !c.is_ascii_whitespace()
                }) {
                    self.i += 1;
                }
            }
            None => {}
        }
        self.depth -= 1;
    }
    /// The path of a child, or `None` when nothing wanted lies there (the child is then
    /// skipped without building paths below it).
    fn child(&self, parent_wanted: bool, path: impl FnOnce() -> String) -> Option<String> {
        if !parent_wanted {
            return None;
        }
        let path = path();
        self.wanted.contains(&path).then_some(path)
    }
    /// True when every wanted path has been found (checked between the items of a list, where
    /// `out` is settled); the scan then ends.
    fn all_found(&mut self) -> bool {
        let done = !self.wanted.is_empty() && self.out.len() >= self.target;
        if done {
            self.i = self.b.len();
        }
        done
    }
    fn skip(&mut self) {
        let saved = std::mem::take(&mut self.wanted);
        self.value(String::from("\u{0}"));
        self.wanted = saved;
    }
    fn seq(&mut self, path: &str, close: u8, wanted: bool) {
        self.i += 1;
        let mut n: usize = 0;
        loop {
            if self.all_found() {
                return;
            }
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(c) if c == close => {
                    self.i += 1;
                    return;
                }
                Some(b',') => self.i += 1,
                Some(b':') => {
                    // Map value: keep it under the same index as its key.
                    self.i += 1;
                    match self.child(wanted, || format!("{path}[{}]", n.saturating_sub(1))) {
                        Some(p) => self.value(p),
                        None => self.skip(),
                    }
                }
                Some(_) => {
                    let start = self.i;
                    match self.child(wanted, || format!("{path}[{n}]")) {
                        Some(p) => self.value(p),
                        None => self.skip(),
                    }
                    if self.i == start {
                        // Closes nothing here: the scanner lost its place; step over it.
                        self.i += 1;
                    }
                    n += 1;
                }
            }
        }
    }
    fn paren(&mut self, path: &str, wanted: bool) {
        self.i += 1;
        let mut n: usize = 0;
        loop {
            if self.all_found() {
                return;
            }
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(b')') => {
                    self.i += 1;
                    return;
                }
                Some(b',') => self.i += 1,
                Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                    // A named field `name: value`, or a positional identifier value.
                    let save = self.i;
                    let name = self.ident().to_string();
                    self.skip_trivia();
                    let p = if self.peek() == Some(b':') {
                        self.i += 1;
                        if path.is_empty() {
                            name
                        } else {
                            format!("{path}.{name}")
                        }
                    } else {
                        self.i = save;
                        n += 1;
                        format!("{path}.{}", n - 1)
                    };
                    match self.child(wanted, || p) {
                        Some(p) => self.value(p),
                        None => self.skip(),
                    }
                }
                Some(_) => {
                    let start = self.i;
                    match self.child(wanted, || format!("{path}.{n}")) {
                        Some(p) => self.value(p),
                        None => self.skip(),
                    }
                    if self.i == start {
                        // Closes nothing here: the scanner lost its place; step over it.
                        self.i += 1;
                    }
                    n += 1;
                }
            }
        }
    }
}

/// The offset for `path`, or for its nearest ancestor that was found.
pub fn find(map: &HashMap<String, usize>, path: &str) -> Option<usize> {
    let mut p = path;
    loop {
        if let Some(&pos) = map.get(p) {
            return Some(pos);
        }
        let cut = p.rfind(['.', '['])?;
        p = &p[..cut];
    }
}

/// How deep [`recovery`] follows brackets before giving up: far past ron's own recursion limit
/// (128), so only a file that cannot parse anyway reaches it, and a million `[` cost no memory.
const MAX_NESTING: usize = 512;

/// A bracket open at the error, for [`recovery`].
struct Open {
    /// The bracket that closes it.
    close: u8,
    /// A list `[`: its items may be set aside. A struct, tuple, map or attribute: not.
    list: bool,
    /// The bracket's offset.
    at: usize,
    /// Where its current item starts: just after the bracket or after the last comma.
    item: usize,
}

/// What to set aside so that a syntax error at byte `at` is out of the way and the rest of the
/// file can be parsed: the innermost list item that holds `at` (from just after the comma or
/// bracket before it through the comma after it, or up to the list's `]`), and, in every list
/// around that item, the items before it (they parsed already, and removing them spares the next
/// parse most of its work). The ranges are in text order and do not overlap.
///
/// `None` when no list item holds `at` (the error is in a top-level field or in the file's
/// frame), or when the text is out of shape: a string or comment that runs to the end, a
/// closing bracket of the wrong kind or one too many or too few anywhere, nesting beyond
/// [`MAX_NESTING`], or, in the item after the error, a string across lines (the sign of a
/// quote too many or too few). An item found in such a text would be nonsense, and every field
/// after it would be reported as an error of its own.
///
/// `whole`: check the shape of all the text after the item too (the first time; removing whole
/// items keeps it, so later calls need not, and stop at the item's end).
///
/// The same forgiving scanner as [`positions`]: strings, raw strings, character literals and
/// comments are skipped, so a bracket or comma inside them is not taken for structure. One
/// pass over the text at most.
pub fn recovery(src: &str, at: usize, whole: bool) -> Option<Vec<std::ops::Range<usize>>> {
    let mut s = Scanner {
        b: src.as_bytes(),
        i: 0,
        out: HashMap::new(),
        wanted: HashSet::new(),
        target: 0,
        depth: 0,
    };
    let mut stack: Vec<Open> = Vec::new();
    // Up to `at`: the brackets open there.
    loop {
        s.skip_trivia();
        if s.i >= at {
            break;
        }
        let here = s.i;
        match s.peek()? {
            c @ (b'[' | b'(' | b'{') => {
                s.i += 1;
                stack.push(Open {
                    close: closer(c),
                    list: c == b'[' && !attribute(s.b, here),
                    at: here,
                    item: s.i,
                });
                if stack.len() > MAX_NESTING {
                    return None;
                }
            }
            c @ (b']' | b')' | b'}') => {
                s.i += 1;
                if stack.pop()?.close != c {
                    return None;
                }
            }
            b',' => {
                s.i += 1;
                if let Some(top) = stack.last_mut() {
                    top.item = s.i;
                }
            }
            _ => {
                if !s.token() {
                    return None;
                }
            }
        }
    }
    // From `at` on: where the items around it end, innermost first, until one holds it; then
    // on to the end, to see that the rest of the text keeps its shape.
    let mut open = stack.len();
    let mut lists = stack.iter().filter(|o| o.list).count();
    let mut inner: Vec<u8> = Vec::new();
    let mut found = None;
    loop {
        if found.is_none() && lists == 0 {
            return None;
        }
        if found.is_some() && !whole {
            return found;
        }
        s.skip_trivia();
        let here = s.i;
        let Some(c) = s.peek() else {
            return if open == 0 && inner.is_empty() {
                found
            } else {
                None
            };
        };
        match c {
            b'[' | b'(' | b'{' => {
                s.i += 1;
                inner.push(closer(c));
                if open + inner.len() > MAX_NESTING {
                    return None;
                }
            }
            b']' | b')' | b'}' => {
                s.i += 1;
                if let Some(want) = inner.pop() {
                    if want != c {
                        return None;
                    }
                    continue;
                }
                open = open.checked_sub(1)?;
                let top = &stack[open];
                if top.close != c {
                    return None;
                }
                if top.list {
                    lists -= 1;
                    if found.is_none() && at < here && has_content(src, top.item, here) {
                        found = Some(set_aside(&stack[..=open], here));
                    }
                }
            }
            b',' => {
                s.i += 1;
                if found.is_none() && inner.is_empty() && open > 0 && stack[open - 1].list {
                    found = Some(set_aside(&stack[..open], s.i));
                }
            }
            _ => {
                if !s.token() {
                    return None;
                }
                // A string across a line break in the item after its error: most likely a
                // quote too many or too few has turned the rest inside out (every string now
                // runs between two real ones), and the item's end found that way is nonsense.
                if found.is_none() && s.b[here..s.i].contains(&b'\n') {
                    return None;
                }
            }
        }
    }
}

/// The closing bracket for an opening one.
fn closer(open: u8) -> u8 {
    match open {
        b'[' => b']',
        b'(' => b')',
        _ => b'}',
    }
}

/// True when the `[` at `i` opens an attribute, `#[...]` or `#![...]`.
fn attribute(b: &[u8], i: usize) -> bool {
    let before = &b[..i];
    let before = before.strip_suffix(b"!").unwrap_or(before);
    before.ends_with(b"#")
}

/// True when `src[from..to]` holds more than whitespace and comments.
fn has_content(src: &str, from: usize, to: usize) -> bool {
    let mut s = Scanner {
        b: &src.as_bytes()[..to],
        i: from,
        out: HashMap::new(),
        wanted: HashSet::new(),
        target: 0,
        depth: 0,
    };
    s.skip_trivia();
    s.i < to
}

/// The ranges [`recovery`] sets aside: the earlier items of every list in `open` (outermost
/// first), and in the last, innermost one, its current item too, up to `end`.
fn set_aside(open: &[Open], end: usize) -> Vec<std::ops::Range<usize>> {
    let last = open.len() - 1;
    open.iter()
        .enumerate()
        .filter(|(_, o)| o.list)
        .map(|(k, o)| o.at + 1..if k == last { end } else { o.item })
        .filter(|r| !r.is_empty())
        .collect()
}

/// The byte offset of 1-based `line` and `col` (in characters, as ron counts them); the end of
/// the line or of the text when they point past it.
pub fn offset(src: &str, line: usize, col: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', src.as_bytes())
            .nth(line - 2)
            .map_or(src.len(), |i| i + 1)
    };
    let rest = &src[start..];
    let end = rest.find('\n').unwrap_or(rest.len());
    start
        + rest[..end]
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(end, |(i, _)| i)
}

/// A text with parts set aside (by [`recovery`]), for the parser to read again: what remains
/// of it and where each remaining byte was in the original, so that a position ron reports in
/// it can be placed in the original. Removed rather than blanked, so that the next parse and
/// the next scan need not skip megabytes of blank (the items before an error can be most of
/// a 40 MiB file, or all of one 40 MiB line).
pub struct Kept<'a> {
    src: &'a str,
    /// The ranges of `src` that remain, in order.
    pieces: Vec<std::ops::Range<usize>>,
    /// Their text, joined.
    pub text: String,
}

impl<'a> Kept<'a> {
    /// All of `src`.
    pub fn new(src: &'a str) -> Self {
        Self {
            src,
            pieces: std::iter::once(0..src.len()).collect(),
            text: src.to_string(),
        }
    }

    /// Sets aside `ranges` of [`Kept::text`] (in order, not overlapping, on character
    /// boundaries).
    pub fn remove(&mut self, ranges: &[std::ops::Range<usize>]) {
        let mut keep = Vec::with_capacity(ranges.len() + 1);
        let mut at = 0;
        for r in ranges {
            keep.push(at..r.start);
            at = r.end;
        }
        keep.push(at..self.text.len());
        let mut pieces = Vec::new();
        let (mut p, mut start) = (0, 0);
        for k in keep {
            let mut a = k.start;
            while a < k.end {
                while start + self.pieces[p].len() <= a {
                    start += self.pieces[p].len();
                    p += 1;
                }
                let piece = &self.pieces[p];
                let b = k.end.min(start + piece.len());
                pieces.push(piece.start + (a - start)..piece.start + (b - start));
                a = b;
            }
        }
        self.text = pieces.iter().map(|r| &self.src[r.clone()]).collect();
        self.pieces = pieces;
    }

    /// Where byte `at` of [`Kept::text`] was in the original (its end for the text's end).
    pub fn original(&self, at: usize) -> usize {
        let mut start = 0;
        for p in &self.pieces {
            if at < start + p.len() {
                return p.start + (at - start);
            }
            start += p.len();
        }
        self.pieces.last().map_or(0, |p| p.end)
    }
}

/// 1-based line and column (in characters, as ron counts them) of byte `to` of `src`, given
/// those of byte `from` before it: only the text between is read.
pub fn line_col_after(
    src: &str,
    from: usize,
    (line, col): (usize, usize),
    to: usize,
) -> (usize, usize) {
    let between = &src.as_bytes()[from..to];
    let chars = |b: &[u8]| b.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    match memchr::memrchr(b'\n', between) {
        Some(nl) => (
            line + memchr::memchr_iter(b'\n', between).count(),
            chars(&between[nl + 1..]) + 1,
        ),
        None => (line, col + chars(between)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "// c\n(\n  a: 1,\n  events: [\n    (id: \"x\", cites: [1, 2]),\n    (id: \"y\\\"(\", cites: [3], when: Some(\"z\")),\n  ],\n  p: Derived(formula: \"q\"),\n  t: [(\"l\", \"f\")],\n  u: \"Ünï\", v: 2,\n)";

    fn at(path: &str) -> Option<(usize, usize)> {
        let m = positions(SRC, &[path]);
        let off = find(&m, path)?;
        line_cols(SRC, &[off]).get(&off).copied()
    }

    #[test]
    fn finds_nested_paths() {
        assert_eq!(at("a"), Some((3, 6)));
        assert_eq!(at("events[0].cites[1]"), Some((5, 26)));
        assert_eq!(at("events[1].cites[0]"), Some((6, 26)));
        // `Some(..)` is transparent: the path points at the value inside.
        assert_eq!(at("events[1].when"), Some((6, 41)));
        assert_eq!(at("p.formula"), Some((8, 23)));
        assert_eq!(at("t[0].1"), Some((9, 13)));
        // Columns count characters, not bytes.
        assert_eq!(at("v"), Some((10, 16)));
        // A path that does not exist falls back to its nearest ancestor.
        assert_eq!(at("events[1].cites[7]"), Some((6, 25)));
    }

    #[test]
    fn records_only_what_is_wanted() {
        let m = positions(SRC, &["events[1].cites[0]"]);
        assert!(m.contains_key("events[1].cites[0]"));
        assert!(!m.contains_key("events[0].cites[0]"));
        assert!(!m.contains_key("a"));
    }

    #[test]
    fn survives_garbage() {
        for src in [
            "",
            "(",
            "((((",
            "[\"",
            "(a: r#\"x",
            "/*",
            "(a: Some(",
            "{1: 2, 3}",
            "(a: \u{e9}",
            "(é: 1)",
        ] {
            let _ = positions(src, &["a", "a[0]"]);
        }
        let deep = "[".repeat(100_000);
        assert!(positions(&deep, &["[0][0]"]).len() <= 300);
    }

    /// What [`recovery`] leaves of `src` for an error at the first `needle`.
    fn left(src: &str, needle: &str) -> Option<String> {
        let at = src.find(needle).expect("in the text");
        recovery(src, at, true).map(|r| removed(src, &r))
    }

    fn removed(src: &str, ranges: &[std::ops::Range<usize>]) -> String {
        let mut kept = Kept::new(src);
        kept.remove(ranges);
        kept.text
    }

    /// `src` without each of `parts` (found in order).
    fn spaced(src: &str, parts: &[&str]) -> String {
        let mut out = src.to_string();
        let mut from = 0;
        for p in parts {
            let at = from + out[from..].find(p).expect("a part");
            out.replace_range(at..at + p.len(), "");
            from = at;
        }
        out
    }

    #[test]
    fn recovery_sets_aside_the_innermost_item_and_the_items_before_it() {
        let src = "(a: 1, l: [(x: 1), (y: [1, \"b]\", 3]), (z: 3)], m: 2)";
        // In the inner list: its item `"b]"`, its items before, and the outer list's before.
        assert_eq!(
            left(src, "\"b]\""),
            Some(spaced(src, &["(x: 1),", "1, \"b]\","]))
        );
        // An error at the `]` of the inner list is its parent item's.
        let at = src.find(", 3]").unwrap() + 3;
        assert_eq!(
            recovery(src, at, true).map(|r| removed(src, &r)),
            Some(spaced(src, &["(x: 1), (y: [1, \"b]\", 3]),"]))
        );
        // The last item, up to the `]`.
        assert_eq!(
            left(src, "z: 3"),
            Some(spaced(src, &["(x: 1), (y: [1, \"b]\", 3]), (z: 3)"]))
        );
        // Outside every list item: nothing to set aside.
        assert_eq!(left(src, "m: 2"), None);
        assert_eq!(left(src, "a: 1"), None);
        // An empty item, `, ,`: its comma.
        assert_eq!(left("[1, , 2]", ", 2").as_deref(), Some("[ 2]"));
    }

    #[test]
    fn recovery_keeps_lines_and_columns() {
        let src = "(l: [\n  (a: \"é\u{1F600}\"),\n  (b: 2), // c, [\n  (c: 3),\n])";
        let at = src.find("b: 2").unwrap();
        let mut kept = Kept::new(src);
        kept.remove(&recovery(src, at, true).unwrap());
        // What follows the set-aside item on its line (a comment here) stays.
        assert_eq!(kept.text, "(l: [ // c, [\n  (c: 3),\n])");
        // Every byte kept maps back to itself, and so to its line and column.
        for (i, b) in kept.text.bytes().enumerate() {
            assert_eq!(src.as_bytes()[kept.original(i)], b, "{i}");
        }
        assert_eq!(kept.original(kept.text.len()), src.len());
        let c = kept.original(kept.text.find("c: 3").unwrap());
        assert_eq!(line_col_after(src, 0, (1, 1), c), (4, 4));
        let smile = src.find('\u{1F600}').unwrap();
        assert_eq!(line_col_after(src, 0, (1, 1), smile), (2, 9));
        assert_eq!(line_col_after(src, 3, (1, 4), smile), (2, 9));
        assert_eq!(line_col_after(src, smile - 2, (2, 8), smile), (2, 9));
        // Again, on what is kept: the pieces compose.
        let at = kept.text.find("c: 3").unwrap();
        kept.remove(&recovery(&kept.text.clone(), at, false).unwrap());
        assert_eq!(kept.text, "(l: [\n])");
        assert_eq!(kept.original(5), src.rfind('\n').unwrap());
        let at = offset(src, 4, 4);
        assert_eq!(&src[at..at + 4], "c: 3");
        assert_eq!(offset(src, 2, 9), src.find('\u{1F600}').unwrap());
        assert_eq!(offset(src, 99, 1), src.len());
        assert_eq!(offset(src, 1, 99), src.find('\n').unwrap());
    }

    #[test]
    fn recovery_gives_up_where_the_structure_is_lost() {
        // A string that runs on to the end, an extra bracket, a string across lines after the
        // error (a quote too many), a list that never closes, an attribute.
        assert_eq!(left("[(a: \"x), (b: 1)]", "x)"), None);
        assert_eq!(left("[(a: (1), (b: 1)]", "1)"), None);
        assert_eq!(left("[(a: \"x\"y\",\n (b: \"z\"))]", "y"), None);
        assert_eq!(left("[(a: 1), (b: 2", "b: 2"), None);
        assert_eq!(left("#![enable(implicit_some)] (a: 1)", "implicit"), None);
        // Out of shape anywhere, even far after the error.
        let good = "#![enable(x)]\n(a: [1, \"]\", r#\"\"[\"#, '(', /* ( */ 2, 3]) // [";
        assert!(left(good, "2, 3").is_some());
        for tail in [")", "]", "(", "\"", "r#\"x\""] {
            assert_eq!(left(&format!("{good}\n{tail}"), "2, 3"), None, "{tail}");
        }
        let deep = format!("[1, 2, {}", "[".repeat(1000));
        assert_eq!(left(&deep, "2"), None);
        for src in ["", "[", "[,", ",]", "]", "[(", "[\"", "[/*", "[r#\"", "é["] {
            for at in 0..=src.len() {
                if src.is_char_boundary(at)
                    && let Some(r) = recovery(src, at, true)
                {
                    let _ = removed(src, &r);
                }
            }
        }
    }
}
