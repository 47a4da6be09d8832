//! Text helpers for the panes: word wrapping that knows where each line starts (for scrolling
//! and cursors), search-match highlighting, and width-aware truncation.
//!
//! Wrapping is done here rather than by `Paragraph::wrap` so that a pane knows how many lines
//! a block takes before drawing it, and can scroll to the citation under the cursor.
//! [`put_line`] is how the panes write a line into the buffer: ratatui's `set_line` with a fast
//! path for ASCII text.

use ratatui::buffer::{Buffer, CellWidth as _};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::search::fold_char;

/// Writes `line` at `(x, y)`, at most `max_width` cells, exactly as `Buffer::set_line` does
/// (the property test below holds it to that), and returns the column after it.
///
/// `set_line` splits every span into grapheme clusters and measures each; ASCII needs neither
/// (each printable byte is one cell, control bytes are skipped as `set_line` skips them), so it
/// is written cell by cell: text is most of a frame (BENCHMARKS.md). In mixed text only the
/// non-ASCII pieces go through `set_stringn`, each with the ASCII character on either side of
/// it: a cluster can join an ASCII character to its neighbour (`e` and a combining accent, a
/// prepended mark and `a`), but never two ASCII characters but CR LF, which both paths skip.
pub fn put_line(buf: &mut Buffer, x: u16, y: u16, line: &Line<'_>, max_width: u16) -> u16 {
    let mut x = x;
    let mut remaining = max_width;
    for span in line {
        if remaining == 0 {
            break;
        }
        let style = line.style.patch(span.style);
        for (piece, ascii) in pieces(&span.content) {
            let room = buf.area.right().saturating_sub(x).min(remaining);
            if ascii {
                let mut used = 0;
                for b in piece.bytes().filter(|b| !b.is_ascii_control()) {
                    if used == room {
                        break;
                    }
                    if let Some(cell) = buf.cell_mut((x + used, y)) {
                        cell.set_char(char::from(b)).set_style(style);
                    }
                    used += 1;
                }
                x += used;
                remaining -= used;
            } else {
                let (end, _) = buf.set_stringn(x, y, piece, usize::from(remaining), style);
                remaining = remaining.saturating_sub(end.saturating_sub(x));
                x = end;
                // `set_stringn` stops a span at the first cluster that does not fit; so does
                // this, rather than fill the gap with the narrow text after it. (A piece never
                // takes more cells than it has bytes, so most need no measuring.)
                if piece.len() > usize::from(room) && cells(piece) > usize::from(room) {
                    break;
                }
            }
        }
    }
    x
}

/// The cells `set_stringn` gives `s` when there is room: its clusters' widths, those holding
/// a control character left out.
fn cells(s: &str) -> usize {
    Span::raw(s)
        .styled_graphemes(Style::new())
        .map(|g| usize::from(g.symbol.cell_width()))
        .sum()
}

/// `s` cut into ASCII pieces (`true`) and the pieces between them, which take the ASCII
/// character on either side along (see [`put_line`]). ASCII text is one piece.
fn pieces(s: &str) -> impl Iterator<Item = (&str, bool)> {
    let b = s.as_bytes();
    let ascii_run = |from: usize| b[from..].iter().take_while(|c| c.is_ascii()).count();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= b.len() {
            return None;
        }
        let start = pos;
        if b[pos].is_ascii() {
            let run_end = pos + ascii_run(pos);
            // The run's last byte goes with the non-ASCII piece after it, if there is one.
            let end = if run_end < b.len() {
                run_end - 1
            } else {
                run_end
            };
            if end > pos {
                pos = end;
                return Some((&s[start..end], true));
            }
            // A single byte before non-ASCII: it starts the piece below.
            pos += 1;
        }
        loop {
            pos += b[pos..].iter().take_while(|c| !c.is_ascii()).count();
            let run = ascii_run(pos);
            if pos + run == b.len() || run > 2 {
                // One byte of the ASCII run after it, the rest an ASCII piece of its own.
                pos += run.min(1);
                break;
            }
            // Two bytes or fewer between non-ASCII: both neighbours want them, so they join.
            pos += run;
        }
        Some((&s[start..pos], false))
    })
}

/// Display width of `s` in cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to at most `max` cells, with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for g in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(g).unwrap_or(0);
        if w + cw > max - 1 {
            break;
        }
        w += cw;
        out.push(g);
    }
    // Per-character widths can undercount a string's (a variation selector turns a one-cell
    // symbol into a two-cell emoji), so trim until the string itself fits.
    while width(&out) > max - 1 {
        out.pop();
    }
    out.push('…');
    out
}

/// Splits `text` into spans, styling the matches of each word of `query` with `hl`, folded as
/// search folds (case, accents, dashes, quotes).
pub fn highlight(text: &str, query: &str, base: Style, hl: Style) -> Vec<Span<'static>> {
    // Every word of the query, longest first (where two start at one place, the longer wins).
    let mut words: Vec<Vec<char>> = query
        .split_whitespace()
        .map(|w| w.chars().map(fold_char).collect())
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    if words.is_empty() {
        return vec![Span::styled(text.to_string(), base)];
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let folded: Vec<char> = chars.iter().map(|&(_, c)| fold_char(c)).collect();
    let mut spans = Vec::new();
    let mut last = 0;
    let mut i = 0;
    while i < chars.len() {
        let hit = words
            .iter()
            .find(|w| folded[i..].starts_with(w))
            .map(Vec::len);
        if let Some(n) = hit {
            let start = chars[i].0;
            let end = chars.get(i + n).map_or(text.len(), |&(b, _)| b);
            if start > last {
                spans.push(Span::styled(text[last..start].to_string(), base));
            }
            spans.push(Span::styled(text[start..end].to_string(), hl));
            last = end;
            i += n;
        } else {
            i += 1;
        }
    }
    if last < text.len() {
        spans.push(Span::styled(text[last..].to_string(), base));
    }
    spans
}

/// Adds `text` to a line being built, joining it to the last span when the style is the same:
/// a line of one style is one span however many words it has, and drawing costs per span.
fn push(cur: &mut Vec<Span<'static>>, text: &str, style: Style) {
    match cur.last_mut() {
        Some(last) if last.style == style => last.content.to_mut().push_str(text),
        _ => cur.push(Span::styled(text.to_string(), style)),
    }
}

/// The end of `s` that fits in `max` cells, with `…` in front when the start is cut: what a
/// one-line input shows of a long value, the end being where the caret is.
pub fn tail(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out: Vec<&str> = Vec::new();
    let mut used = 1; // the `…`
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(s, true).rev() {
        let w = width(g);
        if used + w > max {
            break;
        }
        used += w;
        out.push(g);
    }
    out.reverse();
    format!("…{}", out.concat())
}

/// Greedy word wrap of styled spans to `width` cells. Words longer than a line are broken.
/// Leading `indent` cells are added to continuation lines.
pub fn wrap(spans: &[Span<'_>], width: usize, indent: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let indent = indent.min(width / 2);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut cur: Vec<Span<'static>> = Vec::new();
    let mut cur_w: usize;
    // Split into (word, trailing space?) pieces, keeping styles. Words are borrowed: only the
    // spans of the wrapped lines own text.
    let mut pieces: Vec<(&str, Style, bool)> = Vec::new();
    for s in spans {
        let mut rest: &str = &s.content;
        while let Some(at) = rest.find(' ') {
            pieces.push((&rest[..at], s.style, true));
            rest = &rest[at + 1..];
        }
        if !rest.is_empty() {
            pieces.push((rest, s.style, false));
        }
    }
    let flush =
        |lines: &mut Vec<Line<'static>>, cur: &mut Vec<Span<'static>>, cur_w: &mut usize| {
            // Drop trailing spaces.
            while let Some(last) = cur.last_mut() {
                let keep = last.content.trim_end_matches(' ').len();
                if keep == 0 {
                    cur.pop();
                } else {
                    if keep < last.content.len() {
                        last.content.to_mut().truncate(keep);
                    }
                    break;
                }
            }
            lines.push(Line::from(std::mem::take(cur)));
            *cur_w = indent;
            cur.push(Span::raw(" ".repeat(indent)));
        };
    cur_w = 0;
    for (word, style, space) in pieces {
        let ww = self::width(word);
        if cur_w > indent && cur_w + ww > width {
            flush(&mut lines, &mut cur, &mut cur_w);
        }
        if ww > width.saturating_sub(cur_w) {
            // Break a long word across lines, between grapheme clusters: an emoji joined with
            // ZWJ, a flag, a letter and its accents stay whole.
            let mut chunk = String::new();
            for g in unicode_segmentation::UnicodeSegmentation::graphemes(word, true) {
                let gw = self::width(g);
                if cur_w + gw > width && cur_w > indent {
                    push(&mut cur, &std::mem::take(&mut chunk), style);
                    flush(&mut lines, &mut cur, &mut cur_w);
                }
                chunk.push_str(g);
                cur_w += gw;
            }
            push(&mut cur, &chunk, style);
        } else {
            push(&mut cur, word, style);
            cur_w += ww;
        }
        if space && cur_w < width {
            push(&mut cur, " ", style);
            cur_w += 1;
        }
    }
    if cur.iter().any(|s| !s.content.trim().is_empty()) || lines.is_empty() {
        flush(&mut lines, &mut cur, &mut cur_w);
    }
    lines
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier};

    use super::*;

    fn any_style() -> impl Strategy<Value = Style> {
        (0..4u8, 0..3u8, any::<bool>()).prop_map(|(fg, bg, bold)| {
            let mut s = Style::new();
            if fg > 0 {
                s = s.fg(Color::Indexed(fg));
            }
            if bg > 0 {
                s = s.bg(Color::Indexed(bg));
            }
            if bold {
                s = s.add_modifier(Modifier::BOLD);
            }
            s
        })
    }

    /// Text of the kinds a line holds: ASCII words, control bytes, wide and combining
    /// characters, emoji; and the clusters that join an ASCII character to a non-ASCII one
    /// (combining marks, a keycap, a prepended mark, a halfwidth sound mark), with short ASCII
    /// runs between, since that is where `put_line` cuts text into pieces.
    fn any_text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                "[a-zA-Z0-9 .,:()-]{0,12}",
                "[a-z ]{0,3}",
                Just("\t\r\n\x1b\x7f".to_string()),
                Just("\r\n".to_string()),
                Just("日本".to_string()),
                Just("e\u{301}".to_string()),
                Just("\u{301}".to_string()),
                Just("#\u{fe0f}\u{20e3}".to_string()),
                Just("\u{600}".to_string()),
                Just("\u{ff9e}".to_string()),
                Just("👨\u{200d}👩".to_string()),
                Just("Астана — کابل".to_string()),
                Just("–".to_string()),
            ],
            0..6,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn put_line_writes_what_set_line_writes(
            spans in prop::collection::vec((any_text(), any_style()), 0..5),
            line_style in any_style(),
            // Starts inside the area (set_line indexes without a check, and every caller
            // starts inside), up to its right edge so that text is cut there.
            x in 2u16..22,
            y in 1u16..4,
            max_width in 0u16..30,
        ) {
            let line = Line::from(
                spans.into_iter().map(|(t, s)| Span::styled(t, s)).collect::<Vec<_>>(),
            )
            .style(line_style);
            let area = Rect::new(2, 1, 20, 3);
            let mut want = Buffer::empty(area);
            let mut got = Buffer::empty(area);
            let (end, _) = want.set_line(x, y, &line, max_width);
            let put_end = put_line(&mut got, x, y, &line, max_width);
            prop_assert_eq!(&got, &want);
            prop_assert_eq!(put_end, end);
        }
    }

    fn plain(lines: &[Line<'_>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_on_words_and_breaks_long_ones() {
        let l = wrap(&[Span::raw("the quick brown fox jumps")], 10, 0);
        assert_eq!(plain(&l), ["the quick", "brown fox", "jumps"]);
        // Words of one style are drawn as one span a line, not a span a word and a space.
        assert!(l.iter().all(|line| line.spans.len() == 1), "{l:?}");
        let styled = [
            Span::raw("plain words "),
            Span::styled("bold words", Style::new().bold()),
        ];
        let l = wrap(&styled, 40, 0);
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].spans.len(), 2, "{l:?}");
        assert_eq!(l[0].spans[1].content, "bold words");
        let l = wrap(&[Span::raw("abcdefghijklmno")], 6, 0);
        assert_eq!(plain(&l), ["abcdef", "ghijkl", "mno"]);
        let l = wrap(&[Span::raw("aa bb cc dd")], 5, 2);
        assert_eq!(plain(&l), ["aa bb", "  cc", "  dd"]);
        assert_eq!(plain(&wrap(&[], 5, 0)), [""]);
        assert_eq!(plain(&wrap(&[Span::raw("x")], 0, 0)), ["x"]);
    }

    #[test]
    fn tail_keeps_the_end_that_fits() {
        assert_eq!(tail("abc", 5), "abc");
        assert_eq!(tail("abcdefgh", 5), "…efgh");
        assert_eq!(tail("日本語テキスト", 5), "…スト");
        assert_eq!(tail("abc", 0), "");
        for max in 0..12 {
            assert!(
                width(&tail("日本語 text 👨\u{200d}👩 more", max)) <= max,
                "{max}"
            );
        }
    }

    #[test]
    fn long_words_break_between_grapheme_clusters() {
        // A family emoji (four people joined by ZWJ), flags, and letters with accents: a break
        // inside any of them would draw pieces that mean something else.
        let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
        let word = format!("{family}{family}{family}🇰🇿🇦🇫e\u{301}\u{302}xyz");
        for width in 1..12 {
            let l = wrap(&[Span::raw(word.as_str())], width, 0);
            let joined: String = plain(&l).concat();
            assert_eq!(joined, word, "width {width}: nothing lost");
            for line in plain(&l) {
                assert!(
                    !line.starts_with('\u{200d}') && !line.ends_with('\u{200d}'),
                    "width {width}: a ZWJ sequence split: {line:?}"
                );
                assert!(
                    !line.starts_with('\u{301}'),
                    "width {width}: an accent alone"
                );
                assert_eq!(
                    line.chars()
                        .filter(|&c| ('\u{1f1e6}'..='\u{1f1ff}').contains(&c))
                        .count()
                        % 2,
                    0,
                    "width {width}: a flag split: {line:?}"
                );
            }
        }
    }

    #[test]
    fn wide_characters_count_two_cells() {
        let l = wrap(&[Span::raw("日本語 テキスト")], 6, 0);
        assert_eq!(plain(&l), ["日本語", "テキス", "ト"]);
        for line in &l {
            assert!(line.width() <= 6);
        }
    }

    #[test]
    fn highlight_is_case_insensitive_and_keeps_text() {
        let s = highlight(
            "Kabul and KABUL, kabul",
            "kaBul",
            Style::new(),
            Style::new().bold(),
        );
        let joined: String = s.iter().map(|x| x.content.as_ref()).collect();
        assert_eq!(joined, "Kabul and KABUL, kabul");
        assert_eq!(
            s.iter().filter(|x| x.style == Style::new().bold()).count(),
            3
        );
        let s = highlight("Астана", "аст", Style::new(), Style::new().bold());
        assert_eq!(s[0].content, "Аст");
    }

    #[test]
    fn truncate_respects_width() {
        assert_eq!(truncate("hello world", 5), "hell…");
        assert_eq!(truncate("日本語", 4), "日…");
        assert_eq!(truncate("ok", 5), "ok");
        assert_eq!(truncate("abc", 0), "");
        // U+FE0F makes ☺ two cells wide; measured per character it looks like one.
        let s = "☺\u{fe0f}☺\u{fe0f}☺\u{fe0f}";
        for max in 0..8 {
            assert!(width(&truncate(s, max)) <= max, "{max}");
        }
    }
}
