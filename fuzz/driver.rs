//! The fuzz driver, shared by the `load_render` fuzz target and `tests/it/fuzz_regressions.rs`.
//!
//! An input is `TEXT`, optionally followed by a NUL byte and a control trailer:
//!
//! ```text
//! TEXT [0x00 W_LO W_HI H FLAGS [YEARS: 8 bytes] [TERMS: 3 bytes] ACTION...]
//! ```
//!
//! Everything before the first NUL is the dataset, decoded as lossy UTF-8 and given to
//! `load_str`. The trailer picks the terminal size (width `0..=300`, height `0..=100`), the
//! options, and up to [`MAX_ACTIONS`] actions. Two edits of the text reach values a mutation of
//! the text hardly would (FLAGS bit 3 and bit 4, see [`edit`]): the first stage's years set to
//! any two `i32`s, and the first formula lengthened by up to 2^24 terms of `+ 0`. Without a trailer the data is drawn at 100×30 and
//! toured through every pane with [`TOUR`]. Keeping the control bytes at the end lets the seeds
//! be plain `.ron` files whose mutations still load and render.
//!
//! On a successful load every export runs, then the app is built, resized, drawn, and drawn again
//! after each action. Nothing may panic; that is the only oracle.

use kazaf::action::Action;
use kazaf::app::App;
use kazaf::data::load::load_str;
use kazaf::draw::Look;
use kazaf::export::{self, Table};
use kazaf::panes::Tab;
use kazaf::theme::Theme;
use kazaf::ui::plain::frame;

/// The most actions one input applies.
pub const MAX_ACTIONS: usize = 48;

/// The largest width and height the trailer can choose.
pub const MAX_SIZE: (u16, u16) = (300, 100);

/// The size used when there is no trailer.
pub const DEFAULT_SIZE: (u16, u16) = (100, 30);

/// Every export table.
const TABLES: [Table; 11] = [
    Table::Stages,
    Table::Events,
    Table::Documents,
    Table::Figures,
    Table::Charts,
    Table::Statements,
    Table::Notes,
    Table::Places,
    Table::People,
    Table::References,
    Table::Audit,
];

/// Characters typed into the search prompt for trailer bytes of 0x80 and above: wide, combining,
/// zero-width, bidi, and characters whose lower case is longer than they are.
const ODD_CHARS: [char; 16] = [
    'é', 'ж', '中', '😀', '\u{301}', '\u{200b}', '\u{202e}', 'ß', 'İ', 'ﬁ', 'Ω', '\u{3000}', 'ǅ',
    '\u{fe0f}', '🇰', 'ẞ',
];

/// The actions applied when an input has no trailer: every pane, its cursor, links, toggles,
/// paging, search, help, and two resizes.
pub const TOUR: &[Action] = &[
    Action::Down,
    Action::Down,
    Action::Enter,
    Action::Right,
    Action::Cite,
    Action::Right,
    Action::Open,
    Action::Back,
    Action::ToggleTable,
    Action::ToggleScale,
    Action::PageDown,
    Action::Bottom,
    Action::ScrollDown,
    Action::Top,
    Action::NextTab,
    Action::Down,
    Action::Enter,
    Action::Enter,
    Action::Right,
    Action::Open,
    Action::Back,
    Action::NextTab,
    Action::Right,
    Action::Down,
    Action::ToggleTable,
    Action::Cite,
    Action::Enter,
    Action::Close,
    Action::NextTab,
    Action::Bottom,
    Action::Enter,
    Action::Open,
    Action::NextTab,
    Action::Down,
    Action::Enter,
    Action::NextTab,
    Action::Down,
    Action::Open,
    Action::Search,
    Action::Input('a'),
    Action::Input('e'),
    Action::Down,
    Action::Enter,
    Action::NextHit,
    Action::PrevHit,
    Action::Back,
    Action::Help,
    Action::PageDown,
    Action::Close,
    Action::Resize(20, 5),
    Action::PrevTab,
    Action::Resize(300, 100),
    Action::GoTab(Tab::Trade),
];

/// What an input asks for besides its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Terminal width.
    pub width: u16,
    /// Terminal height.
    pub height: u16,
    /// Theme and ASCII.
    pub look: Look,
    /// The actions, in order.
    pub actions: Vec<Action>,
}

/// FLAGS bit 3: eight bytes follow, two `i32`s (little-endian) for the first stage's start and
/// end (the years that once made the axis loop for ever).
const EDIT_YEARS: u8 = 1 << 3;
/// FLAGS bit 4: three bytes follow, a `u24` count of `+ 0` terms added to the first formula (a
/// long flat chain once overflowed the stack).
const EDIT_TERMS: u8 = 1 << 4;

/// The text with the edits the trailer asks for (FLAGS bits 3 and 4), and the trailer bytes
/// after them (the actions). Unchanged when the trailer asks for none.
pub fn edit<'t>(text: &str, trailer: Option<&'t [u8]>) -> (String, &'t [u8]) {
    let Some(t) = trailer else {
        return (text.to_string(), &[]);
    };
    let flags = t.get(3).copied().unwrap_or(0);
    let mut rest = t.get(4..).unwrap_or_default();
    let mut text = text.to_string();
    let mut take = |n: usize| {
        let (a, b) = rest.split_at(n.min(rest.len()));
        rest = b;
        let mut bytes = a.to_vec();
        bytes.resize(n, 0);
        bytes
    };
    if flags & EDIT_YEARS != 0 {
        let b = take(8);
        let start = i32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let end = i32::from_le_bytes([b[4], b[5], b[6], b[7]]);
        text = replace_number_after(&text, "start:", &start.to_string());
        text = replace_number_after(&text, "end: Some(", &end.to_string());
    }
    if flags & EDIT_TERMS != 0 {
        let b = take(3);
        let n = usize::from(b[0]) | usize::from(b[1]) << 8 | usize::from(b[2]) << 16;
        if let Some(at) = find_outside_comments(&text, "formula: \"") {
            text.insert_str(
                at + "formula: \"".len(),
                &format!("0{} + ", " + 0".repeat(n)),
            );
        }
    }
    (text, rest)
}

/// Where `key` first stands on a line that is not a `//` comment.
fn find_outside_comments(text: &str, key: &str) -> Option<usize> {
    text.match_indices(key).map(|(at, _)| at).find(|&at| {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        !text[line_start..at].trim_start().starts_with("//")
    })
}

/// `text` with the number after the first `key` (outside comments) replaced by `value`.
fn replace_number_after(text: &str, key: &str, value: &str) -> String {
    let Some(at) = find_outside_comments(text, key) else {
        return text.to_string();
    };
    let from = at + key.len();
    let after = &text[from..];
    let spaces = after.len() - after.trim_start().len();
    let rest = &after[spaces..];
    let sign = usize::from(rest.starts_with('-'));
    let digits = rest[sign..].bytes().take_while(u8::is_ascii_digit).count();
    format!("{} {value}{}", &text[..from], &rest[sign + digits..])
}

/// Splits an input into its text and its trailer (after the first NUL), if any. The trailer
/// may hold any bytes, NUL included; the text holds none (RON can still say `\u{0}`).
pub fn split(data: &[u8]) -> (&[u8], Option<&[u8]>) {
    match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    }
}

/// The plan a trailer asks for (`actions`: its bytes after any edits); the tour at the default
/// size without one.
pub fn plan(trailer: Option<&[u8]>, actions: &[u8]) -> Plan {
    let Some(t) = trailer else {
        return Plan {
            width: DEFAULT_SIZE.0,
            height: DEFAULT_SIZE.1,
            look: Look::default(),
            actions: TOUR.to_vec(),
        };
    };
    let byte = |i: usize| t.get(i).copied().unwrap_or(0);
    let width = u16::from_le_bytes([byte(0), byte(1)]) % (MAX_SIZE.0 + 1);
    let height = u16::from(byte(2)) % (MAX_SIZE.1 + 1);
    let flags = byte(3);
    let theme = match (flags >> 1) % 3 {
        0 => Theme::DARK,
        1 => Theme::LIGHT,
        _ => Theme::MONO,
    };
    let look = Look::new(theme, flags & 1 == 1);
    let mut rest = actions.iter().copied();
    let mut actions = Vec::new();
    while actions.len() < MAX_ACTIONS {
        let Some(b) = rest.next() else { break };
        actions.push(action(b, &mut rest));
    }
    Plan {
        width,
        height,
        look,
        actions,
    }
}

/// One action from a trailer byte; some take their parameters from the bytes after it.
fn action(b: u8, rest: &mut impl Iterator<Item = u8>) -> Action {
    let mut next = || rest.next().unwrap_or(0);
    match b % 32 {
        0 => Action::NextTab,
        1 => Action::PrevTab,
        2 => Action::GoTab(Tab::all()[usize::from(next()) % Tab::all().len()]),
        3 => Action::Search,
        4 | 30 | 31 => {
            let c = next();
            Action::Input(if c < 0x80 {
                char::from(c)
            } else {
                ODD_CHARS[usize::from(c) % ODD_CHARS.len()]
            })
        }
        5 => Action::Erase,
        6 => Action::NextHit,
        7 => Action::PrevHit,
        8 => Action::Back,
        9 => Action::Up,
        10 => Action::Down,
        11 => Action::Left,
        12 => Action::Right,
        13 => Action::Top,
        14 => Action::Bottom,
        15 => Action::PageUp,
        16 => Action::PageDown,
        17 => Action::Enter,
        18 => Action::Cite,
        19 => Action::Open,
        20 => Action::ToggleScale,
        21 => Action::ToggleTable,
        22 => Action::ScrollDown,
        23 => Action::ScrollUp,
        24 => Action::Help,
        25 => Action::Close,
        26 => Action::Click {
            x: u16::from(next()),
            y: u16::from(next()) % 128,
        },
        27 => {
            let up = next() & 1 == 1;
            Action::Wheel {
                up,
                x: u16::from(next()),
                y: u16::from(next()) % 128,
            }
        }
        28 => Action::Resize(
            u16::from_le_bytes([next(), next()]) % (MAX_SIZE.0 + 1),
            u16::from(next()) % (MAX_SIZE.1 + 1),
        ),
        _ => Action::Quit,
    }
}

/// Feeds one input through load, export, actions and render. Returns whether it loaded.
pub fn run(data: &[u8]) -> bool {
    let (text, trailer) = split(data);
    let (text, actions) = edit(&String::from_utf8_lossy(text), trailer);
    match load_str("fuzz.ron", &text) {
        Ok(db) => {
            for table in TABLES {
                std::hint::black_box(export::csv(&db, table));
            }
            std::hint::black_box(export::markdown(&db));
            std::hint::black_box(export::json(&db));
            std::hint::black_box(export::check_report(&db));
            let plan = plan(trailer, actions);
            let mut app = App::new(db);
            let (mut w, mut h) = (plan.width, plan.height);
            app.apply(Action::Resize(w, h));
            std::hint::black_box(frame(&app, &plan.look, w, h));
            for a in plan.actions {
                if let Action::Resize(nw, nh) = a {
                    (w, h) = (nw, nh);
                }
                app.apply(a);
                std::hint::black_box(frame(&app, &plan.look, w, h));
            }
            true
        }
        Err(e) => {
            std::hint::black_box(e.to_string());
            false
        }
    }
}
