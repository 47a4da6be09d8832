//! Finding where a value sits in a RON file, so that a validation error can say
//! `FILE:LINE:COL` and not only `events[12].cites[0]`.
//!
//! serde gives the typed model no positions, so after validation finds problems this module
//! walks the text once more with a small, forgiving scanner and records where each path starts.
//! It only runs on files that already parsed, and only when there is something to report.

use std::collections::HashMap;

/// Positions (1-based line and column) of every value in `src`, keyed by path
/// (`events[3].cites[0]`, `charts[0].groups[1].bars[0].1`, `figures[2].provenance.formula`).
pub fn positions(src: &str) -> HashMap<String, (usize, usize)> {
    let mut s = Scanner {
        chars: src.char_indices().collect(),
        i: 0,
        line_starts: line_starts(src),
        out: HashMap::new(),
        depth: 0,
    };
    s.skip_trivia();
    // Inner attributes such as `#![enable(implicit_some)]`.
    while s.peek() == Some('#') {
        while let Some(c) = s.peek() {
            s.i += 1;
            if c == ']' {
                break;
            }
        }
        s.skip_trivia();
    }
    s.value(String::new());
    s.out
}

fn line_starts(src: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(src.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

struct Scanner {
    chars: Vec<(usize, char)>,
    i: usize,
    line_starts: Vec<usize>,
    out: HashMap<String, (usize, usize)>,
    depth: usize,
}

impl Scanner {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).map(|&(_, c)| c)
    }
    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).map(|&(_, c)| c)
    }
    fn pos(&self) -> (usize, usize) {
        let byte = self.chars.get(self.i).map_or(usize::MAX, |&(b, _)| b);
        let line = self.line_starts.partition_point(|&s| s <= byte);
        let start = self.line_starts[line.saturating_sub(1)];
        let first = self.chars.partition_point(|&(b, _)| b < start);
        (line, self.i.min(self.chars.len()) - first + 1)
    }
    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_whitespace() => self.i += 1,
                (Some('/'), Some('/')) => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.i += 1;
                    }
                }
                (Some('/'), Some('*')) => {
                    self.i += 2;
                    while self.peek().is_some()
                        && !(self.peek() == Some('*') && self.peek_at(1) == Some('/'))
                    {
                        self.i += 1;
                    }
                    self.i += 2;
                }
                _ => return,
            }
        }
    }
    fn ident(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek().filter(|c| c.is_alphanumeric() || *c == '_') {
            s.push(c);
            self.i += 1;
        }
        s
    }
    fn string(&mut self) {
        // At the opening quote (after any `r#`).
        let mut hashes = 0;
        if self.peek() == Some('r') {
            self.i += 1;
            while self.peek() == Some('#') {
                hashes += 1;
                self.i += 1;
            }
        } else if self.peek() == Some('b') {
            self.i += 1;
        }
        let quote = self.peek();
        self.i += 1;
        while let Some(c) = self.peek() {
            self.i += 1;
            if c == '\\' && hashes == 0 {
                self.i += 1;
            } else if Some(c) == quote && (0..hashes).all(|k| self.peek_at(k) == Some('#')) {
                self.i += hashes;
                return;
            }
        }
    }
    fn value(&mut self, path: String) {
        self.skip_trivia();
        self.out.insert(path.clone(), self.pos());
        self.depth += 1;
        if self.depth > 256 {
            self.i = self.chars.len();
            return;
        }
        match self.peek() {
            Some('"' | '\'') => self.string(),
            Some('r' | 'b') if matches!(self.peek_at(1), Some('#' | '"')) => self.string(),
            Some('[') => self.seq(&path, ']'),
            Some('{') => self.seq(&path, '}'),
            Some('(') => self.paren(&path),
            Some(c) if c.is_alphabetic() || c == '_' => {
                let name = self.ident();
                self.skip_trivia();
                if self.peek() == Some('(') {
                    // `Some(x)` is transparent; an enum variant's fields hang off the value.
                    if name == "Some" {
                        self.i += 1;
                        self.value(path);
                        self.skip_trivia();
                        if self.peek() == Some(')') {
                            self.i += 1;
                        }
                    } else {
                        self.paren(&path);
                    }
                }
            }
            Some(_) => {
                while self
                    .peek()
                    .is_some_and(|c| !matches!(c, ',' | ')' | ']' | '}') && !c.is_whitespace())
                {
                    self.i += 1;
                }
            }
            None => {}
        }
        self.depth -= 1;
    }
    fn seq(&mut self, path: &str, close: char) {
        self.i += 1;
        let mut n: usize = 0;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(c) if c == close => {
                    self.i += 1;
                    return;
                }
                Some(',') => self.i += 1,
                Some(':') => {
                    // Map value: keep it under the same index as its key.
                    self.i += 1;
                    self.value(format!("{path}[{}]", n.saturating_sub(1)));
                }
                Some(_) => {
                    self.value(format!("{path}[{n}]"));
                    n += 1;
                }
            }
        }
    }
    fn paren(&mut self, path: &str) {
        self.i += 1;
        let mut n = 0;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(')') => {
                    self.i += 1;
                    return;
                }
                Some(',') => self.i += 1,
                Some(c) if c.is_alphabetic() || c == '_' => {
                    // A named field `name: value`, or a positional identifier value.
                    let save = self.i;
                    let name = self.ident();
                    self.skip_trivia();
                    if self.peek() == Some(':') {
                        self.i += 1;
                        let p = if path.is_empty() {
                            name
                        } else {
                            format!("{path}.{name}")
                        };
                        self.value(p);
                    } else {
                        self.i = save;
                        self.value(format!("{path}.{n}"));
                        n += 1;
                    }
                }
                Some(_) => {
                    self.value(format!("{path}.{n}"));
                    n += 1;
                }
            }
        }
    }
}

/// The position for `path`, or for its nearest ancestor that was found.
pub fn find(map: &HashMap<String, (usize, usize)>, path: &str) -> Option<(usize, usize)> {
    let mut p = path;
    loop {
        if let Some(&pos) = map.get(p) {
            return Some(pos);
        }
        let cut = p.rfind(['.', '['])?;
        p = &p[..cut];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_paths() {
        let src = "// c\n(\n  a: 1,\n  events: [\n    (id: \"x\", cites: [1, 2]),\n    (id: \"y\\\"(\", cites: [3], when: Some(\"z\")),\n  ],\n  p: Derived(formula: \"q\"),\n  t: [(\"l\", \"f\")],\n)";
        let m = positions(src);
        assert_eq!(m.get("a"), Some(&(3, 6)));
        assert_eq!(m.get("events[0].cites[1]"), Some(&(5, 26)));
        assert_eq!(m.get("events[1].cites[0]"), Some(&(6, 26)));
        // `Some(..)` is transparent: the path points at the value inside.
        assert_eq!(m.get("events[1].when"), Some(&(6, 41)));
        assert_eq!(m.get("p.formula"), Some(&(8, 23)));
        assert_eq!(m.get("t[0].1"), Some(&(9, 13)));
        assert_eq!(find(&m, "events[1].cites[7]"), Some((6, 25)));
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
        ] {
            let _ = positions(src);
        }
        let deep = "[".repeat(100_000);
        assert!(positions(&deep).len() <= 300);
    }
}
