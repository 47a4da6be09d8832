//! Making data strings safe to print.
//!
//! A data file is written by a person, or by anyone who can send that person a file. Its strings
//! go to the terminal (the explorer), to stdout (`export`, `render`) and to stderr (error
//! messages), so none of them may carry bytes that a terminal interprets: an ESC starting a CSI
//! or OSC sequence could retitle the window, write the clipboard (OSC 52) or plant a link
//! (OSC 8); a CR could overwrite a line; a bidi override could make text read differently from
//! what it is. Every string is cleaned once, here, as it is loaded; nothing downstream has to
//! remember to.

use std::borrow::Cow;

/// True for a character that must never reach a terminal from data.
///
/// Removed: C0 controls (but tab and newline, which become spaces), DEL, C1 controls, the bidi
/// embeddings, overrides, isolates and marks, invisible separators and joiners that have no
/// place in prose (zero width space, word joiner, BOM, Mongolian vowel separator, invisible
/// operators), interlinear annotation controls and the language tag. Kept: ZWJ and ZWNJ, which
/// emoji sequences and Persian script need, and variation selectors.
fn is_dangerous(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{61c}'                      // arabic letter mark
        | '\u{180e}'                     // mongolian vowel separator
        | '\u{200b}'                     // zero width space
        | '\u{200e}' | '\u{200f}'        // LRM, RLM
        | '\u{2028}' | '\u{2029}'        // line and paragraph separators
        | '\u{202a}'..='\u{202e}'        // LRE, RLE, PDF, LRO, RLO
        | '\u{2060}'..='\u{2064}'        // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}'        // LRI, RLI, FSI, PDI
        | '\u{206a}'..='\u{206f}'        // deprecated format characters
        | '\u{feff}'                     // BOM / zero width no-break space
        | '\u{fff9}'..='\u{fffb}'        // interlinear annotation
        | '\u{e0001}'                    // language tag
    )
}

/// True if `s` has no dangerous character. Checked byte-wise: ASCII bytes are dangerous only
/// below space and at DEL, and every dangerous non-ASCII character starts with one of six lead
/// bytes (C1 controls `C2`, U+061C `D8`, U+180E `E1`, the U+2xxx marks `E2`, U+FExx/FFFx `EF`,
/// the tag `F3`); only there is a character decoded. Runs of printable ASCII are skipped eight
/// bytes at a time. Almost all text is decided without decoding a character.
fn is_clean(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if printable_ascii(word) {
                i += 8;
                continue;
            }
        }
        match bytes[i] {
            0x00..=0x1f | 0x7f => return false,
            0xc2 | 0xd8 | 0xe1 | 0xe2 | 0xef | 0xf3 => {
                // A lead byte is always at a char boundary.
                let Some(c) = s[i..].chars().next() else {
                    return true;
                };
                if is_dangerous(c) {
                    return false;
                }
                i += c.len_utf8();
            }
            _ => i += 1,
        }
    }
    true
}

/// True if all eight bytes of `w` are printable ASCII (0x20..=0x7E). The usual bit tricks: with
/// every high bit clear, `w - 0x20..` sets a byte's high bit only where it was below 0x20, and
/// `w ^ 0x7F..` has a zero byte only where it was DEL.
fn printable_ascii(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    let del = w ^ (ONES * 0x7f);
    let has_del = del.wrapping_sub(ONES) & !del & HIGH;
    ((w & HIGH) | below_space | has_del) == 0
}

/// The most zero-width characters (combining marks, joiners, variation selectors) kept in a
/// row: more than any script or emoji sequence needs. A letter with 100,000 combining marks is
/// one cell that every frame would otherwise write in full (about 50 KB a frame).
pub const MAX_ZERO_WIDTH_RUN: usize = 16;

/// True for a character that takes no cell of its own.
fn zero_width(c: char) -> bool {
    !c.is_ascii() && unicode_width::UnicodeWidthChar::width(c) == Some(0)
}

/// True if `s` has a run of more than [`MAX_ZERO_WIDTH_RUN`] zero-width characters. Only
/// non-ASCII text is looked at character by character.
fn has_long_zero_width_run(s: &str) -> bool {
    if s.is_ascii() {
        return false;
    }
    // Every zero-width character takes two bytes or more, none of them ASCII: without a run of
    // that many non-ASCII bytes in a row there is nothing to decode (almost all text).
    let need = 2 * (MAX_ZERO_WIDTH_RUN + 1);
    let mut bytes_run = 0;
    if !s.bytes().any(|b| {
        bytes_run = if b >= 0x80 { bytes_run + 1 } else { 0 };
        bytes_run >= need
    }) {
        return false;
    }
    let mut run = 0;
    for c in s.chars() {
        run = if zero_width(c) { run + 1 } else { 0 };
        if run > MAX_ZERO_WIDTH_RUN {
            return true;
        }
    }
    false
}

/// Returns `s` with every dangerous character removed, tabs, newlines and the Unicode line
/// separators turned into single spaces, and runs of zero-width characters cut to
/// [`MAX_ZERO_WIDTH_RUN`]. Borrows when there is nothing to change.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if is_clean(s) && !has_long_zero_width_run(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    for c in s.chars() {
        run = if zero_width(c) { run + 1 } else { 0 };
        match c {
            '\t' | '\n' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if is_dangerous(c) => {}
            _ if run > MAX_ZERO_WIDTH_RUN => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Returns `s` with every dangerous character but newline written out as an escape
/// (`\u{1b}`): for echoing what a person typed (an argument, a file name) in a message, where
/// they should see what was there rather than have it acted on or silently dropped.
pub fn visible(s: &str) -> Cow<'_, str> {
    if is_clean(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if c != '\n' && is_dangerous(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{MAX_ZERO_WIDTH_RUN, is_clean, is_dangerous, sanitize, visible};

    #[test]
    fn runs_of_combining_marks_are_cut_and_emoji_sequences_kept() {
        let zalgo = format!("e{}x", "\u{301}".repeat(100_000));
        let clean = sanitize(&zalgo);
        assert_eq!(clean.chars().count(), 1 + MAX_ZERO_WIDTH_RUN + 1);
        assert!(clean.starts_with('e') && clean.ends_with('x'));
        for kept in [
            "👨\u{200d}👩\u{200d}👧\u{200d}👦",
            "e\u{301}\u{302}\u{303}",
            "می\u{200c}خواهم",
            "☺\u{fe0f}",
        ] {
            assert_eq!(sanitize(kept), kept);
        }
    }

    #[test]
    fn visible_writes_controls_out_and_keeps_text() {
        assert_eq!(visible("plain"), "plain");
        assert_eq!(visible("a\u{1b}]0;x\u{7}b"), "a\\u{1b}]0;x\\u{7}b");
        assert_eq!(visible("two\nlines"), "two\nlines");
        assert_eq!(visible("\u{202e}rtl"), "\\u{202e}rtl");
    }

    #[test]
    fn the_byte_wise_check_agrees_with_the_char_test_for_every_char() {
        // Every Unicode scalar value, alone and between ASCII and non-ASCII neighbours, so a
        // lead byte the fast path skips would show here.
        let mut buf = String::new();
        for c in (0..=0x10_ffff_u32).filter_map(char::from_u32) {
            for (before, after) in [("", ""), ("a", "z"), ("é", "—"), ("abcdefghi", "jklmnopq")]
            {
                buf.clear();
                buf.push_str(before);
                buf.push(c);
                buf.push_str(after);
                assert_eq!(is_clean(&buf), !is_dangerous(c), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn the_eight_byte_skip_sees_every_ascii_byte_at_every_offset() {
        for b in 0..0x80_u8 {
            for at in 0..24 {
                let mut s = vec![b'x'; 24];
                s[at] = b;
                let s = String::from_utf8(s).expect("ASCII");
                assert_eq!(is_clean(&s), !is_dangerous(char::from(b)), "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn clean_text_is_borrowed_unchanged() {
        let s = "Астана, 12 February 1992 — Kabul 🇰🇿 کابل";
        assert!(matches!(sanitize(s), std::borrow::Cow::Borrowed(x) if x == s));
    }

    #[test]
    fn escape_sequences_lose_their_escape() {
        // CSI, OSC 0 (title), OSC 52 (clipboard), OSC 8 (link), with BEL and ST terminators.
        let s = "a\x1b[31mred\x1b]0;owned\x07\x1b]52;c;ZXZpbA==\x07\x1b]8;;http://x\x1b\\l\x1b]8;;\x1b\\";
        let out = sanitize(s);
        assert!(!out.contains('\x1b'));
        assert!(!out.contains('\x07'));
        assert_eq!(out, "a[31mred]0;owned]52;c;ZXZpbA==]8;;http://x\\l]8;;\\");
    }

    #[test]
    fn c0_c1_and_del_are_removed() {
        assert_eq!(sanitize("a\rb\0c\x7fd\u{85}e\u{9b}f\u{80}g"), "abcdefg");
    }

    #[test]
    fn tabs_and_newlines_become_spaces() {
        assert_eq!(sanitize("a\tb\nc\u{2028}d"), "a b c d");
    }

    #[test]
    fn bidi_controls_are_removed() {
        let s = "x\u{202e}evil\u{202c}\u{2066}i\u{2069}\u{200f}\u{200e}\u{61c}y";
        assert_eq!(sanitize(s), "xeviliy");
    }

    #[test]
    fn invisible_characters_are_removed_but_joiners_kept() {
        assert_eq!(sanitize("a\u{200b}b\u{2060}c\u{feff}d"), "abcd");
        // ZWJ in an emoji sequence and ZWNJ in Persian survive.
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(sanitize(family), family);
        let persian = "می\u{200c}خواهم";
        assert_eq!(sanitize(persian), persian);
    }
}
