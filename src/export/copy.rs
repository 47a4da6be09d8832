//! What `y` copies: the selected item as plain text that reads on its own where it is pasted,
//! a claim with its sources written out, a figure with how it is known, a reference whole;
//! and what `Y` copies, a reference as BibLaTeX. Every value the article does not state
//! outright is marked, as on screen. The text is cleaned like screen text ([`clean`]): data
//! strings were sanitized when read, and nothing but line breaks is added here.

use std::fmt::Write as _;

use crate::data::model::Reference;
use crate::data::{Db, ItemRef, cite_marks, spellings};

/// A reference in full, on one line: `[9] Kassenova. Title [English title]. Publisher.
/// Date. Pages. Locator. Accessed …. (kind)`.
pub fn reference_text(r: &Reference) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !r.authors.is_empty() {
        parts.push(r.authors.to_string());
    }
    let mut title = r.title.to_string();
    if !r.title_en.is_empty() {
        let _ = write!(title, " [{}]", r.title_en);
    }
    parts.push(title);
    for s in [&r.publisher, &r.date, &r.pages, &r.locator] {
        if !s.is_empty() {
            parts.push(s.to_string());
        }
    }
    if !r.accessed.is_empty() {
        parts.push(format!("Accessed {}", r.accessed));
    }
    parts.push(format!("({})", r.kind.name()));
    format!("[{}] {}", r.number, parts.join(". "))
}

/// "† not stated outright" lines for an item's inferences.
fn inferences(db: &Db, item: ItemRef, out: &mut String) {
    for i in db.inferred(item) {
        let _ = writeln!(out, "† not stated outright: {}", i.describe());
    }
}

/// The references an item cites, written out, after a blank line.
fn sources(db: &Db, item: ItemRef, out: &mut String) {
    let cites = db.cites(item);
    if cites.is_empty() {
        return;
    }
    out.push_str("\nSources:\n");
    for &n in cites {
        if let Some(r) = db.reference(n) {
            out.push_str(&reference_text(r));
            out.push('\n');
        }
    }
}

/// The selected item as text to paste: what it says, with its citation marks, then what is
/// not stated outright, then its sources written out.
pub fn item_text(db: &Db, item: ItemRef) -> String {
    let s = &db.set;
    let marks = cite_marks(db.cites(item));
    let marks = if marks.is_empty() {
        String::new()
    } else {
        format!(" {marks}")
    };
    let mut out = String::new();
    match item {
        ItemRef::Event(i) => {
            let e = &s.events[i];
            let _ = writeln!(out, "{} — {}. {}{marks}", db.dates[i], e.title, e.text);
        }
        ItemRef::Stage(i) => {
            let st = &s.stages[i];
            let _ = writeln!(
                out,
                "{} ({}): {}{marks}",
                st.name,
                db.stage_span(i),
                st.summary
            );
        }
        ItemRef::Document(i) => {
            let d = &s.documents[i];
            let _ = writeln!(out, "{} ({}){marks}", d.title, d.kind.name());
        }
        ItemRef::Figure(i) => {
            let f = &s.figures[i];
            let _ = writeln!(out, "{}{marks}", db.title(item));
            let _ = writeln!(out, "How it is known: {}", db.provenance_text(f));
            if !f.note.is_empty() {
                let _ = writeln!(out, "{}", f.note);
            }
        }
        ItemRef::Statement(i) => {
            let st = &s.statements[i];
            let who = db.person(&st.speaker).map_or(st.speaker.to_string(), |p| {
                format!("{}, {}", p.name, p.role)
            });
            let _ = writeln!(
                out,
                "\u{201c}{}\u{201d} — {who} ({}){marks}",
                st.text,
                st.kind.name()
            );
        }
        ItemRef::Note(i) => {
            let n = &s.notes[i];
            let _ = writeln!(out, "{}: {}. {}{marks}", n.topic, n.title, n.text);
        }
        ItemRef::Chart(i) => {
            let _ = writeln!(out, "{}", s.charts[i].title);
        }
        ItemRef::Place(i) => {
            let p = &s.places[i];
            let _ = writeln!(
                out,
                "{}, {}, {} ({}, {})",
                p.name,
                p.kind,
                p.country,
                crate::data::fmt_lat(p.lat, 2),
                crate::data::fmt_lon(p.lon, 2)
            );
            if !p.aliases.is_empty() {
                let _ = writeln!(out, "Also written: {}", spellings(&p.aliases));
            }
        }
        ItemRef::Person(i) => {
            let p = &s.people[i];
            let _ = writeln!(out, "{}, {} ({})", p.name, p.role, p.country);
        }
        ItemRef::Reference(i) => {
            let _ = writeln!(out, "{}", reference_text(&s.references[i]));
            inferences(db, item, &mut out);
            return clean(&out);
        }
    }
    inferences(db, item, &mut out);
    sources(db, item, &mut out);
    clean(&out)
}

/// A reference as a BibLaTeX entry (what `Y` copies).
pub fn reference_bibtex(db: &Db, r: usize) -> String {
    clean(&super::cite::bibtex_entry(db, &db.set.references[r]))
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard: the text in
/// base64, so no byte of it is read as a control. Written here (a dozen lines) rather than
/// with crossterm's `osc52` feature, whose base64 crate cost 20 KB of a binary held under
/// 3 MiB.
pub fn osc52(text: &str) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(text.len() * 4 / 3 + 12);
    out.push_str("\x1b]52;c;");
    for chunk in text.as_bytes().chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(A[(n >> (18 - 6 * k)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out.push_str("\x1b\\");
    out
}

/// Text for the clipboard, cleaned like screen text: no control character but line breaks
/// and tabs, and no trailing blank lines.
pub fn clean(s: &str) -> String {
    let mut out: String = s
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .filter(|&c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect();
    while out.ends_with('\n') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn osc52_is_base64_between_the_sequences_ends() {
        assert_eq!(super::osc52(""), "\x1b]52;c;\x1b\\");
        assert_eq!(super::osc52("f"), "\x1b]52;c;Zg==\x1b\\");
        assert_eq!(super::osc52("fo"), "\x1b]52;c;Zm8=\x1b\\");
        assert_eq!(super::osc52("foo"), "\x1b]52;c;Zm9v\x1b\\");
        assert_eq!(super::osc52("foob"), "\x1b]52;c;Zm9vYg==\x1b\\");
        assert_eq!(super::osc52("Кабул"), "\x1b]52;c;0JrQsNCx0YPQuw==\x1b\\");
    }

    #[test]
    fn clean_keeps_lines_and_drops_every_control() {
        assert_eq!(
            clean("a\x1b]52;c;x\x07b\n\tc\r\u{202e}d\n\n"),
            "a]52;c;xb\n\tcd"
        );
    }
}
