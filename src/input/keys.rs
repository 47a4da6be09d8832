//! The key table: the one place where keys get their meaning.
//!
//! Every key press becomes an [`Action`] through [`KEYS`] ([`action_for`]), and nothing else
//! reads key codes. The footer and the help overlay are generated from the same table, so
//! what they say is what the keys do. A test checks that no key means two things on any pane.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use strum::IntoEnumIterator;

use crate::action::Action;
use crate::panes::Tab;

/// A key: a code and the modifiers that must be held (Shift is ignored for characters).
pub type Key = (KeyCode, KeyModifiers);

const fn ch(c: char) -> Key {
    (KeyCode::Char(c), KeyModifiers::NONE)
}
const fn code(c: KeyCode) -> Key {
    (c, KeyModifiers::NONE)
}

/// One line of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys, all of which do the same thing.
    pub keys: &'static [Key],
    /// The keys as written in the help and footer.
    pub label: &'static str,
    /// What it does, shown in the help.
    pub desc: &'static str,
    /// A short word for the footer; empty to leave it out of the footer.
    pub short: &'static str,
    /// The panes it applies to; empty for every pane.
    pub panes: &'static [Tab],
    /// What it does.
    pub action: Action,
}

use Tab::{Audit, Map, Overview, Sources, Timeline, Trade};

const ALL: &[Tab] = &[];
const LISTS: &[Tab] = &[Timeline, Trade, Sources, Map, Audit];
const CURSOR: &[Tab] = &[Timeline, Trade];
const LINKS: &[Tab] = &[Sources, Map, Audit];

/// The key table.
pub const KEYS: &[Binding] = &[
    Binding {
        keys: &[ch('q'), (KeyCode::Char('c'), KeyModifiers::CONTROL)],
        label: "q Ctrl-C",
        desc: "quit (with a popup open: close it)",
        short: "quit",
        panes: ALL,
        action: Action::Quit,
    },
    Binding {
        keys: &[ch('?')],
        label: "?",
        desc: "show or hide this help",
        short: "help",
        panes: ALL,
        action: Action::Help,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        label: "Esc",
        desc: "close a popup, leave the cursor, clear the search",
        short: "",
        panes: ALL,
        action: Action::Close,
    },
    Binding {
        keys: &[code(KeyCode::Tab)],
        label: "Tab",
        desc: "next pane",
        short: "",
        panes: ALL,
        action: Action::NextTab,
    },
    Binding {
        keys: &[
            (KeyCode::BackTab, KeyModifiers::SHIFT),
            code(KeyCode::BackTab),
        ],
        label: "Shift-Tab",
        desc: "previous pane",
        short: "",
        panes: ALL,
        action: Action::PrevTab,
    },
    Binding {
        keys: &[ch('1')],
        label: "1",
        desc: "Overview",
        short: "",
        panes: ALL,
        action: Action::GoTab(Overview),
    },
    Binding {
        keys: &[ch('2')],
        label: "2",
        desc: "Timeline",
        short: "",
        panes: ALL,
        action: Action::GoTab(Timeline),
    },
    Binding {
        keys: &[ch('3')],
        label: "3",
        desc: "Trade & Aid",
        short: "",
        panes: ALL,
        action: Action::GoTab(Trade),
    },
    Binding {
        keys: &[ch('4')],
        label: "4",
        desc: "Sources",
        short: "",
        panes: ALL,
        action: Action::GoTab(Sources),
    },
    Binding {
        keys: &[ch('5')],
        label: "5",
        desc: "Map",
        short: "",
        panes: ALL,
        action: Action::GoTab(Map),
    },
    Binding {
        keys: &[ch('6')],
        label: "6",
        desc: "Audit",
        short: "",
        panes: ALL,
        action: Action::GoTab(Audit),
    },
    Binding {
        keys: &[ch('/')],
        label: "/",
        desc: "search everything (type, ↑↓ choose, Enter jump)",
        short: "search",
        panes: ALL,
        action: Action::Search,
    },
    Binding {
        keys: &[ch('n')],
        label: "n",
        desc: "next search result",
        short: "",
        panes: ALL,
        action: Action::NextHit,
    },
    Binding {
        keys: &[ch('N')],
        label: "N",
        desc: "previous search result",
        short: "",
        panes: ALL,
        action: Action::PrevHit,
    },
    Binding {
        keys: &[code(KeyCode::Backspace), ch('b')],
        label: "b Backspace",
        desc: "go back to where the last jump came from",
        short: "back",
        panes: ALL,
        action: Action::Back,
    },
    Binding {
        keys: &[ch('j'), code(KeyCode::Down)],
        label: "j ↓",
        desc: "next item (or next citation/link under the cursor)",
        short: "",
        panes: LISTS,
        action: Action::Down,
    },
    Binding {
        keys: &[ch('k'), code(KeyCode::Up)],
        label: "k ↑",
        desc: "previous item (or citation/link)",
        short: "",
        panes: LISTS,
        action: Action::Up,
    },
    Binding {
        keys: &[ch('j'), code(KeyCode::Down)],
        label: "j ↓",
        desc: "scroll down",
        short: "",
        panes: &[Overview],
        action: Action::ScrollDown,
    },
    Binding {
        keys: &[ch('k'), code(KeyCode::Up)],
        label: "k ↑",
        desc: "scroll up",
        short: "",
        panes: &[Overview],
        action: Action::ScrollUp,
    },
    Binding {
        keys: &[ch('h'), code(KeyCode::Left)],
        label: "h ←",
        desc: "previous stage",
        short: "",
        panes: &[Timeline],
        action: Action::Left,
    },
    Binding {
        keys: &[ch('l'), code(KeyCode::Right)],
        label: "l →",
        desc: "next stage",
        short: "stage",
        panes: &[Timeline],
        action: Action::Right,
    },
    Binding {
        keys: &[ch('h'), code(KeyCode::Left)],
        label: "h ←",
        desc: "previous chart",
        short: "",
        panes: &[Trade],
        action: Action::Left,
    },
    Binding {
        keys: &[ch('l'), code(KeyCode::Right)],
        label: "l →",
        desc: "next chart",
        short: "chart",
        panes: &[Trade],
        action: Action::Right,
    },
    Binding {
        keys: &[ch('h'), code(KeyCode::Left)],
        label: "h ←",
        desc: "back to the list",
        short: "",
        panes: LINKS,
        action: Action::Left,
    },
    Binding {
        keys: &[ch('l'), code(KeyCode::Right)],
        label: "l →",
        desc: "into the links",
        short: "",
        panes: LINKS,
        action: Action::Right,
    },
    Binding {
        keys: &[ch('g'), code(KeyCode::Home)],
        label: "g Home",
        desc: "first item",
        short: "",
        panes: LISTS,
        action: Action::Top,
    },
    Binding {
        keys: &[ch('G'), code(KeyCode::End)],
        label: "G End",
        desc: "last item",
        short: "",
        panes: LISTS,
        action: Action::Bottom,
    },
    Binding {
        keys: &[code(KeyCode::PageUp)],
        label: "PgUp",
        desc: "a page up",
        short: "",
        panes: LISTS,
        action: Action::PageUp,
    },
    Binding {
        keys: &[code(KeyCode::PageDown)],
        label: "PgDn",
        desc: "a page down",
        short: "",
        panes: LISTS,
        action: Action::PageDown,
    },
    Binding {
        keys: &[ch('J')],
        label: "J",
        desc: "scroll the detail down",
        short: "",
        panes: LISTS,
        action: Action::ScrollDown,
    },
    Binding {
        keys: &[ch('K')],
        label: "K",
        desc: "scroll the detail up",
        short: "",
        panes: LISTS,
        action: Action::ScrollUp,
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        label: "Enter",
        desc: "cursor on the citations; Enter again previews the source, a third time opens it",
        short: "sources",
        panes: CURSOR,
        action: Action::Enter,
    },
    Binding {
        keys: &[ch('c')],
        label: "c",
        desc: "start or leave the citation cursor",
        short: "",
        panes: CURSOR,
        action: Action::Cite,
    },
    Binding {
        keys: &[ch('o')],
        label: "o",
        desc: "open the cited source in the Sources pane",
        short: "",
        panes: CURSOR,
        action: Action::Open,
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        label: "Enter",
        desc: "into the links; on a link, jump there",
        short: "jump",
        panes: LINKS,
        action: Action::Enter,
    },
    Binding {
        keys: &[ch('o')],
        label: "o",
        desc: "jump to the link under the cursor",
        short: "",
        panes: LINKS,
        action: Action::Open,
    },
    Binding {
        keys: &[ch('s')],
        label: "s",
        desc: "linear or logarithmic scale",
        short: "scale",
        panes: &[Trade],
        action: Action::ToggleScale,
    },
    Binding {
        keys: &[ch('t')],
        label: "t",
        desc: "chart or table view",
        short: "table",
        panes: &[Trade],
        action: Action::ToggleTable,
    },
];

impl Binding {
    /// True if the binding applies on `tab`.
    pub fn applies(&self, tab: Tab) -> bool {
        self.panes.is_empty() || self.panes.contains(&tab)
    }
    /// True if it is the same on every pane.
    pub fn is_global(&self) -> bool {
        self.panes.is_empty()
    }
}

fn matches(key: &KeyEvent, k: &Key) -> bool {
    let mods = key.modifiers - KeyModifiers::SHIFT;
    match (key.code, k.0) {
        (KeyCode::Char(a), KeyCode::Char(b)) => a == b && mods == (k.1 - KeyModifiers::SHIFT),
        (KeyCode::BackTab, KeyCode::BackTab) => true,
        (a, b) => a == b && key.modifiers == k.1,
    }
}

/// The action a key press means on `tab`; `None` for key releases, repeats and unbound keys.
/// While the search prompt is open, printable characters are typed into it instead.
pub fn action_for(key: &KeyEvent, tab: Tab, typing: bool) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    if typing {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('c') if ctrl => return Some(Action::Quit),
            KeyCode::Char(c) if !ctrl => return Some(Action::Input(c)),
            KeyCode::Backspace => return Some(Action::Erase),
            KeyCode::Enter => return Some(Action::Enter),
            KeyCode::Esc => return Some(Action::Close),
            KeyCode::Up => return Some(Action::Up),
            KeyCode::Down => return Some(Action::Down),
            _ => return None,
        }
    }
    KEYS.iter()
        .filter(|b| b.applies(tab))
        .find(|b| b.keys.iter().any(|k| matches(key, k)))
        .map(|b| b.action)
}

/// The digit keys that choose a pane, as the footer and help write them ("1-6").
pub fn pane_digits() -> String {
    format!("1-{}", <Tab as strum::EnumCount>::COUNT)
}

/// The panes by digit, as the help writes them ("1 Overview, 2 Timeline, ...").
pub fn pane_list() -> String {
    Tab::iter()
        .map(|t| format!("{} {}", t.index() + 1, t.title()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The first of a binding's keys, as the footer names it.
fn first_key(b: &Binding) -> String {
    b.label.split(' ').next().unwrap_or(b.label).to_string()
}

/// The footer's hints for `tab`: `(keys, word)` pairs, the pane's own keys first.
pub fn footer(tab: Tab) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &str)> = Vec::new();
    let pane = |b: &&Binding| !b.is_global() && b.applies(tab);
    if KEYS.iter().filter(pane).any(|b| b.action == Action::Down) {
        out.push(("j/k".into(), "move"));
    }
    out.extend(
        KEYS.iter()
            .filter(pane)
            .filter(|b| !b.short.is_empty())
            .map(|b| (first_key(b), b.short)),
    );
    // Global keys, most useful first: help and search before quit and back.
    let mut global: Vec<&Binding> = KEYS
        .iter()
        .filter(|b| b.is_global() && !b.short.is_empty())
        .collect();
    global.sort_by_key(|b| match b.action {
        Action::Help => 0,
        Action::Search => 1,
        Action::Quit => 2,
        _ => 3,
    });
    out.extend(global.into_iter().map(|b| (first_key(b), b.short)));
    out.push((pane_digits(), "panes"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn no_key_means_two_things_on_any_pane() {
        for tab in Tab::iter() {
            let bound: Vec<(&Binding, &Key)> = KEYS
                .iter()
                .filter(|b| b.applies(tab))
                .flat_map(|b| b.keys.iter().map(move |k| (b, k)))
                .collect();
            for (i, (b1, k1)) in bound.iter().enumerate() {
                for (b2, k2) in &bound[i + 1..] {
                    assert!(
                        k1 != k2 || std::ptr::eq(*b1, *b2),
                        "{k1:?} is bound twice on {tab:?}: {} / {}",
                        b1.desc,
                        b2.desc
                    );
                }
            }
        }
    }

    #[test]
    fn vim_keys_and_arrows_agree() {
        for tab in [Tab::Timeline, Tab::Sources] {
            let a = |c| action_for(&press(c, KeyModifiers::NONE), tab, false);
            assert_eq!(a(KeyCode::Char('j')), a(KeyCode::Down));
            assert_eq!(a(KeyCode::Char('k')), a(KeyCode::Up));
            assert_eq!(a(KeyCode::Char('h')), a(KeyCode::Left));
            assert_eq!(a(KeyCode::Char('l')), a(KeyCode::Right));
            assert_eq!(a(KeyCode::Char('g')), a(KeyCode::Home));
        }
    }

    #[test]
    fn shift_letters_and_ctrl_c() {
        let g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&g, Tab::Timeline, false), Some(Action::Bottom));
        let cc = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&cc, Tab::Timeline, false), Some(Action::Quit));
        assert_eq!(action_for(&cc, Tab::Timeline, true), Some(Action::Quit));
        let c = press(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(action_for(&c, Tab::Timeline, false), Some(Action::Cite));
        assert_eq!(action_for(&c, Tab::Sources, false), None);
        let bt = press(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(action_for(&bt, Tab::Map, false), Some(Action::PrevTab));
    }

    #[test]
    fn typing_goes_to_the_prompt_and_releases_do_nothing() {
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            action_for(&q, Tab::Overview, true),
            Some(Action::Input('q'))
        );
        let mut release = q;
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for(&release, Tab::Overview, false), None);
        let mut repeat = q;
        repeat.kind = KeyEventKind::Repeat;
        assert_eq!(action_for(&repeat, Tab::Overview, false), None);
    }

    #[test]
    fn footer_comes_from_the_table() {
        let has = |tab, keys: &str, word| footer(tab).contains(&(keys.to_string(), word));
        assert!(has(Tab::Trade, "s", "scale"));
        assert!(has(Tab::Trade, "t", "table"));
        assert!(has(Tab::Trade, "?", "help"));
        assert!(has(Tab::Trade, "1-6", "panes"));
        assert!(!has(Tab::Sources, "s", "scale"));
    }
}
