//! The symbols the panes draw with, in two sets chosen once: Unicode, and ASCII for fonts
//! without box drawing, blocks or braille (`--ascii`).
//!
//! Drawing code asks for a role (`sym.select`, `sym.warn`), never for a character, so that no
//! pane can forget the ASCII case and both sets always cover the same roles.

use ratatui::symbols::border;

use crate::data::audit::Outcome;

/// One set of symbols, by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Symbols {
    /// True for the ASCII set: a few drawings (the map's marker, bar fills) pick on it.
    pub ascii: bool,
    /// Block borders.
    pub border: border::Set<'static>,
    /// Marks the selected row in column 0, so the selection reads without colour.
    pub select: &'static str,
    /// The scroll bar's track and thumb.
    pub track: &'static str,
    /// See `track`.
    pub thumb: &'static str,
    /// "More below" in a scrolled text.
    pub more: &'static str,
    /// A warning beside an item.
    pub warn: &'static str,
    /// An audit rule or finding that warns (two cells wide in ASCII, to stand out in a list).
    pub alarm: &'static str,
    /// An audit rule or finding that passes.
    pub ok: &'static str,
    /// An audit finding whose values agree within rounding.
    pub near: &'static str,
    /// An audit finding whose figures cannot be compared (different periods).
    pub apart: &'static str,
    /// One cell of a horizontal rule under a heading.
    pub rule: &'static str,
    /// "There is a previous / next one" beside a title.
    pub prev: &'static str,
    /// See `prev`.
    pub next: &'static str,
    /// The year axis: its line and the two ends of a stage's band.
    pub axis: [char; 3],
    /// An event on the year axis (counts above one are digits).
    pub tick: char,
    /// Leads a quotation in a list.
    pub quote: &'static str,
    /// The search prompt's cursor.
    pub caret: &'static str,
    /// The up and down keys, in a hint.
    pub updown: &'static str,
    /// A place on the map.
    pub place: &'static str,
    /// The fill of a stated figure's bar in the legend (bars themselves: `bar_text`).
    pub stated: &'static str,
    /// The fill of a derived figure's bar.
    pub derived: &'static str,
    /// An audit finding about the source's own wording (a slip, not a disagreement).
    pub wording: &'static str,
    /// Marks an item with a value the article does not state outright (inferred by us, or
    /// from outside the article).
    pub inferred: &'static str,
}

impl Symbols {
    /// Unicode: box drawing, blocks, arrows and braille.
    pub const UNICODE: Symbols = Symbols {
        ascii: false,
        border: border::PLAIN,
        select: "▸",
        track: "│",
        thumb: "█",
        more: "↓",
        warn: "⚠",
        alarm: "⚠",
        ok: "✓",
        near: "≈",
        apart: "⊘",
        rule: "─",
        prev: "◀",
        next: "▶",
        axis: ['─', '├', '┤'],
        tick: '▲',
        quote: "❝ ",
        caret: "█",
        updown: "↑↓",
        place: "●",
        stated: "█",
        derived: "▒",
        inferred: "†",
        wording: "✎",
    };

    /// ASCII only.
    pub const ASCII: Symbols = Symbols {
        ascii: true,
        border: border::Set {
            top_left: "+",
            top_right: "+",
            bottom_left: "+",
            bottom_right: "+",
            vertical_left: "|",
            vertical_right: "|",
            horizontal_top: "-",
            horizontal_bottom: "-",
        },
        select: ">",
        track: "|",
        thumb: "#",
        more: "v",
        warn: "!",
        alarm: "!!",
        ok: "ok",
        near: "~=",
        apart: "--",
        rule: "-",
        prev: "<",
        next: ">",
        axis: ['-', '|', '|'],
        tick: '*',
        quote: "\" ",
        caret: "_",
        updown: "Up/Down",
        place: "o",
        stated: "#",
        derived: ":",
        inferred: "+",
        wording: "sic",
    };

    /// The mark of an audit outcome (`alarm` for what differs, `ok` for what agrees).
    pub fn outcome(&self, o: Outcome) -> &'static str {
        match o {
            Outcome::Differs => self.alarm,
            Outcome::CannotCompare => self.apart,
            Outcome::AgreesWithinRounding => self.near,
            Outcome::Agrees => self.ok,
            Outcome::SourceWording => self.wording,
        }
    }

    /// The set for `ascii`.
    pub fn new(ascii: bool) -> &'static Symbols {
        if ascii {
            &Symbols::ASCII
        } else {
            &Symbols::UNICODE
        }
    }

    /// `s` with arrows spelled out in the ASCII set (key names in the help and footer).
    pub fn arrows(&self, s: &str) -> String {
        if self.ascii {
            s.replace('↑', "Up")
                .replace('↓', "Down")
                .replace('←', "Left")
                .replace('→', "Right")
        } else {
            s.to_string()
        }
    }

    /// A bar of `eighths` of a cell: full cells then a partial one; derived bars use another
    /// fill, so they read as derived without colour.
    pub fn bar(&self, eighths: usize, derived: bool) -> String {
        const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
        match (derived, self.ascii) {
            (false, false) => format!("{}{}", "█".repeat(eighths / 8), PARTS[eighths % 8]),
            (true, false) => "▒".repeat(eighths.div_ceil(8)),
            (false, true) => "#".repeat(eighths.div_ceil(8)),
            (true, true) => ":".repeat(eighths.div_ceil(8)),
        }
    }
}

/// The ASCII a character is drawn as under `--ascii`: punctuation and symbols by their nearest
/// ASCII look (`–` `-`, `…` `...` in one cell as `.`, `“` `"`), Latin letters without their
/// marks, and anything else as `?`. Used on the whole frame, so that no text (the data's
/// included) escapes the promise of `--ascii`.
pub fn ascii_of(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match c {
        '–' | '—' | '‐' | '‑' | '‒' | '―' | '−' | '─' | '━' => '-',
        '‘' | '’' | '‚' | '′' | '`' => '\'',
        '“' | '”' | '„' | '″' | '«' | '»' => '"',
        '…' | '·' | '•' | '∙' | '⋅' => '.',
        '×' => 'x',
        '≈' => '~',
        '→' | '▶' | '▸' | '›' => '>',
        '←' | '◀' | '‹' => '<',
        '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{3000}' => ' ',
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'À'..='Å' | 'Ā' | 'Ă' | 'Ą' => 'A',
        'ç' | 'ć' | 'č' => 'c',
        'Ç' | 'Ć' | 'Č' => 'C',
        'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'È'..='Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => 'E',
        'ì'..='ï' | 'ī' | 'į' | 'ı' => 'i',
        'Ì'..='Ï' | 'Ī' | 'Į' | 'İ' => 'I',
        'ñ' | 'ń' | 'ň' => 'n',
        'Ñ' | 'Ń' | 'Ň' => 'N',
        'ò'..='ö' | 'ø' | 'ō' | 'ő' | '°' => 'o',
        'Ò'..='Ö' | 'Ø' | 'Ō' | 'Ő' => 'O',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
        'Ù'..='Ü' | 'Ū' | 'Ů' | 'Ű' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        'š' | 'ś' | 'ş' => 's',
        'Š' | 'Ś' | 'Ş' => 'S',
        'ž' | 'ź' | 'ż' => 'z',
        'Ž' | 'Ź' | 'Ż' => 'Z',
        _ => '?',
    }
}

#[cfg(test)]
mod tests {
    use super::{Outcome, Symbols};

    #[test]
    fn the_ascii_set_is_ascii_and_the_sets_differ_in_every_drawn_role() {
        let a = Symbols::ASCII;
        let u = Symbols::UNICODE;
        let roles = |s: &Symbols| {
            vec![
                s.select, s.track, s.thumb, s.more, s.warn, s.alarm, s.ok, s.near, s.apart, s.rule,
                s.prev, s.next, s.quote, s.caret, s.updown, s.place, s.stated, s.derived,
                s.inferred, s.wording,
            ]
        };
        for (x, y) in roles(&a).into_iter().zip(roles(&u)) {
            assert!(x.is_ascii(), "{x:?}");
            assert_ne!(x, y);
        }
        for s in [&a, &u] {
            let marks: Vec<&str> = Outcome::ALL.iter().map(|&o| s.outcome(o)).collect();
            for (i, m) in marks.iter().enumerate() {
                assert!(!marks[..i].contains(m), "{m:?} marks two outcomes");
            }
        }
        assert!(a.axis.iter().chain([a.tick].iter()).all(char::is_ascii));
        assert!(a.border.top_left.is_ascii() && a.border.horizontal_top.is_ascii());
        assert_eq!(a.arrows("j ↓ k ↑ h ← l →"), "j Down k Up h Left l Right");
        assert_eq!(u.arrows("j ↓"), "j ↓");
    }

    #[test]
    fn ascii_of_gives_ascii_for_everything() {
        assert_eq!(super::ascii_of('–'), '-');
        assert_eq!(super::ascii_of('“'), '"');
        assert_eq!(super::ascii_of('é'), 'e');
        assert_eq!(super::ascii_of('Қ'), '?');
        for c in ['…', '°', '·', '×', '—', '日', '😀', '\u{301}'] {
            assert!(super::ascii_of(c).is_ascii(), "{c:?}");
        }
    }

    #[test]
    fn bars_draw_partial_cells_and_derived_ones_another_fill() {
        let u = Symbols::UNICODE;
        assert_eq!(u.bar(12, false), "█▌");
        assert_eq!(u.bar(11, false), "█▍");
        assert_eq!(u.bar(12, true), "▒▒");
        assert_eq!(Symbols::ASCII.bar(12, false), "##");
        assert_eq!(Symbols::ASCII.bar(12, true), "::");
        assert_eq!(u.bar(0, false), "");
    }
}
