//! The key table: the one place where keys get their meaning.
//!
//! Every key press becomes an [`Action`] through [`KEYS`] ([`action_for`]), and nothing else
//! reads key codes. What a key means depends on the pane and on the [`Context`]: browsing a
//! list, the citation or link cursor, the help, the citation preview, or the search prompt.
//! The footer, the help overlay and the README's key table are generated from (or checked
//! against) the same rows, so what they say is what the keys do in the mode the reader is in.
//! A test checks that no key means two things in any pane and context.

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

/// What the keys act on: decides which rows of the key table apply, and what the footer
/// offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum Context {
    /// Moving through a pane's list (or scrolling the Overview).
    Browse,
    /// The cursor is on the selected item's citations (Timeline, Trade) or links (the rest).
    Cursor,
    /// The key help is open.
    Help,
    /// The preview of a cited source is open.
    Preview,
    /// The search prompt is open: printable keys are typed into it.
    Prompt,
    /// The filter prompt of a list pane is open: printable keys are typed into it.
    Filter,
}

impl Context {
    /// How the help and the README name the context ("" for browsing, the default).
    pub fn name(self, tab: Tab) -> &'static str {
        match self {
            Context::Browse => "",
            Context::Cursor if CITES.contains(&tab) => "with the citation cursor on",
            Context::Cursor => "with the cursor on the links",
            Context::Help => "in this help",
            Context::Preview => "in the source preview",
            Context::Prompt => "in the search prompt",
            Context::Filter => "in the filter prompt",
        }
    }

    /// True for a popup or prompt: its own rows come first, and keys it does not bind fall
    /// through to the pane's.
    fn is_popup(self) -> bool {
        matches!(
            self,
            Context::Help | Context::Preview | Context::Prompt | Context::Filter
        )
    }

    /// True for a prompt: printable keys it does not bind are typed into it.
    pub fn types(self) -> bool {
        matches!(self, Context::Prompt | Context::Filter)
    }
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
    /// The contexts it applies in.
    pub when: &'static [Context],
    /// What it does.
    pub action: Action,
}

use Context::{Browse, Cursor};
use Tab::{Audit, Map, Overview, Sources, Timeline, Trade};

const ALL: &[Tab] = &[];
const LISTS: &[Tab] = &[Timeline, Trade, Sources, Map, Audit];
/// The panes whose cursor steps through citations.
const CITES: &[Tab] = &[Timeline, Trade];
/// The panes whose cursor steps through links.
const LINKS: &[Tab] = &[Sources, Map, Audit];

/// Browsing or with the cursor on: the pane's own keys.
const PANE: &[Context] = &[Browse, Cursor];
const BROWSE: &[Context] = &[Browse];
const CURSOR: &[Context] = &[Cursor];
const HELP: &[Context] = &[Context::Help];
const PREVIEW: &[Context] = &[Context::Preview];
const PROMPT: &[Context] = &[Context::Prompt];
const FILTER: &[Context] = &[Context::Filter];
const PROMPTS: &[Context] = &[Context::Prompt, Context::Filter];
/// The panes whose lists filter in place.
pub const FILTERS: &[Tab] = &[Timeline, Trade, Sources, Map];

/// The key table. Within a pane and context the first row whose keys match wins; a popup's
/// rows come before the pane's.
pub const KEYS: &[Binding] = &[
    // The search prompt: keys type, except these.
    Binding {
        keys: &[code(KeyCode::Down)],
        label: "↓",
        desc: "next result",
        short: "choose",
        panes: ALL,
        when: PROMPT,
        action: Action::Down,
    },
    Binding {
        keys: &[code(KeyCode::Up)],
        label: "↑",
        desc: "previous result",
        short: "",
        panes: ALL,
        when: PROMPT,
        action: Action::Up,
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        label: "Enter",
        desc: "jump to the chosen result",
        short: "jump",
        panes: ALL,
        when: PROMPT,
        action: Action::Enter,
    },
    Binding {
        keys: &[code(KeyCode::Backspace)],
        label: "Backspace",
        desc: "delete the last character",
        short: "",
        panes: ALL,
        when: PROMPTS,
        action: Action::Erase,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        label: "Esc",
        desc: "cancel the search",
        short: "cancel",
        panes: ALL,
        when: PROMPT,
        action: Action::Close,
    },
    Binding {
        keys: &[(KeyCode::Char('c'), KeyModifiers::CONTROL)],
        label: "Ctrl-C",
        desc: "quit",
        short: "",
        panes: ALL,
        when: PROMPTS,
        action: Action::Quit,
    },
    // The filter prompt of a list: keys type, except these; the list narrows as one types.
    Binding {
        keys: &[code(KeyCode::Down)],
        label: "↓",
        desc: "next row of the narrowed list",
        short: "move",
        panes: FILTERS,
        when: FILTER,
        action: Action::Down,
    },
    Binding {
        keys: &[code(KeyCode::Up)],
        label: "↑",
        desc: "previous row of the narrowed list",
        short: "",
        panes: FILTERS,
        when: FILTER,
        action: Action::Up,
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        label: "Enter",
        desc: "keep the filter and go back to the list",
        short: "keep",
        panes: FILTERS,
        when: FILTER,
        action: Action::Enter,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        label: "Esc",
        desc: "clear the filter: every row again",
        short: "clear",
        panes: FILTERS,
        when: FILTER,
        action: Action::Close,
    },
    // The help.
    Binding {
        keys: &[ch('j'), code(KeyCode::Down)],
        label: "j ↓",
        desc: "scroll the help down",
        short: "scroll",
        panes: ALL,
        when: HELP,
        action: Action::Down,
    },
    Binding {
        keys: &[ch('k'), code(KeyCode::Up)],
        label: "k ↑",
        desc: "scroll the help up",
        short: "",
        panes: ALL,
        when: HELP,
        action: Action::Up,
    },
    Binding {
        keys: &[ch('q'), code(KeyCode::Esc), ch('?')],
        label: "q Esc ?",
        desc: "close the help",
        short: "close",
        panes: ALL,
        when: HELP,
        action: Action::Close,
    },
    // The source preview.
    Binding {
        keys: &[ch('j'), code(KeyCode::Down), ch('l'), code(KeyCode::Right)],
        label: "j ↓ l →",
        desc: "preview the next citation",
        short: "other citations",
        panes: ALL,
        when: PREVIEW,
        action: Action::Down,
    },
    Binding {
        keys: &[ch('k'), code(KeyCode::Up), ch('h'), code(KeyCode::Left)],
        label: "k ↑ h ←",
        desc: "preview the previous citation",
        short: "",
        panes: ALL,
        when: PREVIEW,
        action: Action::Up,
    },
    Binding {
        keys: &[code(KeyCode::Enter), ch('o')],
        label: "Enter o",
        desc: "open the source in the Sources pane",
        short: "open in Sources",
        panes: ALL,
        when: PREVIEW,
        action: Action::Open,
    },
    Binding {
        keys: &[ch('q'), code(KeyCode::Esc)],
        label: "q Esc",
        desc: "close the preview",
        short: "close",
        panes: ALL,
        when: PREVIEW,
        action: Action::Close,
    },
    // Everywhere (and in a popup, for the keys it does not bind).
    Binding {
        keys: &[ch('q'), (KeyCode::Char('c'), KeyModifiers::CONTROL)],
        label: "q Ctrl-C",
        desc: "quit (with a popup open: close it)",
        short: "quit",
        panes: ALL,
        when: PANE,
        action: Action::Quit,
    },
    Binding {
        keys: &[ch('?')],
        label: "?",
        desc: "show or hide this help",
        short: "help",
        panes: ALL,
        when: PANE,
        action: Action::Help,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        label: "Esc",
        desc: "clear this list's filter, else the search",
        short: "",
        panes: ALL,
        when: BROWSE,
        action: Action::Close,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        label: "Esc",
        desc: "leave the cursor",
        short: "leave",
        panes: ALL,
        when: CURSOR,
        action: Action::Close,
    },
    Binding {
        keys: &[code(KeyCode::Tab)],
        label: "Tab",
        desc: "next pane",
        short: "",
        panes: ALL,
        when: PANE,
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
        when: PANE,
        action: Action::PrevTab,
    },
    Binding {
        keys: &[ch('1')],
        label: "1",
        desc: "Overview",
        short: "",
        panes: ALL,
        when: PANE,
        action: Action::GoTab(Overview),
    },
    Binding {
        keys: &[ch('2')],
        label: "2",
        desc: "Timeline",
        short: "",
        panes: ALL,
        when: PANE,
        action: Action::GoTab(Timeline),
    },
    Binding {
        keys: &[ch('3')],
        label: "3",
        desc: "Trade & Aid",
        short: "",
        panes: ALL,
        when: PANE,
        action: Action::GoTab(Trade),
    },
    Binding {
        keys: &[ch('4')],
        label: "4",
        desc: "Sources",
        short: "",
        panes: ALL,
        when: PANE,
        action: Action::GoTab(Sources),
    },
    Binding {
        keys: &[ch('5')],
        label: "5",
        desc: "Map",
        short: "",
        panes: ALL,
        when: PANE,
        action: Action::GoTab(Map),
    },
    Binding {
        keys: &[ch('6')],
        label: "6",
        desc: "Audit",
        short: "",
        panes: ALL,
        when: PANE,
        action: Action::GoTab(Audit),
    },
    Binding {
        keys: &[ch('/')],
        label: "/",
        desc: "search everything (type, ↑↓ choose, Enter jump)",
        short: "search",
        panes: ALL,
        when: PANE,
        action: Action::Search,
    },
    Binding {
        keys: &[ch('n')],
        label: "n",
        desc: "next search result",
        short: "",
        panes: ALL,
        when: PANE,
        action: Action::NextHit,
    },
    Binding {
        keys: &[ch('N')],
        label: "N",
        desc: "previous search result",
        short: "",
        panes: ALL,
        when: PANE,
        action: Action::PrevHit,
    },
    Binding {
        keys: &[ch(']')],
        label: "]",
        desc: "filter every pane to the next stage (all, 1, 2, ..., all)",
        short: "filter",
        panes: ALL,
        when: PANE,
        action: Action::NextStage,
    },
    Binding {
        keys: &[ch('[')],
        label: "[",
        desc: "filter every pane to the previous stage",
        short: "",
        panes: ALL,
        when: PANE,
        action: Action::PrevStage,
    },
    Binding {
        keys: &[ch('a')],
        label: "a",
        desc: "all stages again (clear the filter)",
        short: "",
        panes: ALL,
        when: PANE,
        action: Action::AllStages,
    },
    Binding {
        keys: &[code(KeyCode::Backspace), ch('b')],
        label: "b Backspace",
        desc: "go back to where the last jump came from",
        short: "back",
        panes: ALL,
        when: PANE,
        action: Action::Back,
    },
    // The pane's list.
    Binding {
        keys: &[ch('j'), code(KeyCode::Down)],
        label: "j ↓",
        desc: "next item",
        short: "move",
        panes: LISTS,
        when: BROWSE,
        action: Action::Down,
    },
    Binding {
        keys: &[ch('k'), code(KeyCode::Up)],
        label: "k ↑",
        desc: "previous item",
        short: "",
        panes: LISTS,
        when: BROWSE,
        action: Action::Up,
    },
    Binding {
        keys: &[ch('j'), code(KeyCode::Down)],
        label: "j ↓",
        desc: "scroll down",
        short: "scroll",
        panes: &[Overview],
        when: BROWSE,
        action: Action::ScrollDown,
    },
    Binding {
        keys: &[ch('k'), code(KeyCode::Up)],
        label: "k ↑",
        desc: "scroll up",
        short: "",
        panes: &[Overview],
        when: BROWSE,
        action: Action::ScrollUp,
    },
    Binding {
        keys: &[ch('h'), code(KeyCode::Left)],
        label: "h ←",
        desc: "previous stage",
        short: "",
        panes: &[Timeline],
        when: BROWSE,
        action: Action::Left,
    },
    Binding {
        keys: &[ch('l'), code(KeyCode::Right)],
        label: "l →",
        desc: "next stage",
        short: "stage",
        panes: &[Timeline],
        when: BROWSE,
        action: Action::Right,
    },
    Binding {
        keys: &[ch('z')],
        label: "z",
        desc: "zoom the year axis to the stage's years, or back to all years",
        short: "zoom",
        panes: &[Timeline],
        when: PANE,
        action: Action::Zoom,
    },
    Binding {
        keys: &[ch('h'), code(KeyCode::Left)],
        label: "h ←",
        desc: "previous chart",
        short: "",
        panes: &[Trade],
        when: BROWSE,
        action: Action::Left,
    },
    Binding {
        keys: &[ch('l'), code(KeyCode::Right)],
        label: "l →",
        desc: "next chart",
        short: "chart",
        panes: &[Trade],
        when: BROWSE,
        action: Action::Right,
    },
    Binding {
        keys: &[ch('l'), code(KeyCode::Right), code(KeyCode::Enter)],
        label: "l → Enter",
        desc: "into the links",
        short: "links",
        panes: LINKS,
        when: BROWSE,
        action: Action::Right,
    },
    Binding {
        keys: &[ch('o')],
        label: "o",
        desc: "jump to the first link",
        short: "",
        panes: LINKS,
        when: BROWSE,
        action: Action::Open,
    },
    Binding {
        keys: &[ch('g'), code(KeyCode::Home)],
        label: "g Home",
        desc: "first item (with the cursor on: first citation or link)",
        short: "",
        panes: LISTS,
        when: PANE,
        action: Action::Top,
    },
    Binding {
        keys: &[ch('G'), code(KeyCode::End)],
        label: "G End",
        desc: "last item (with the cursor on: last citation or link)",
        short: "",
        panes: LISTS,
        when: PANE,
        action: Action::Bottom,
    },
    Binding {
        keys: &[code(KeyCode::PageUp)],
        label: "PgUp",
        desc: "a page up",
        short: "",
        panes: LISTS,
        when: BROWSE,
        action: Action::PageUp,
    },
    Binding {
        keys: &[code(KeyCode::PageDown)],
        label: "PgDn",
        desc: "a page down",
        short: "",
        panes: LISTS,
        when: BROWSE,
        action: Action::PageDown,
    },
    Binding {
        keys: &[ch('J')],
        label: "J",
        desc: "scroll the detail down",
        short: "",
        panes: LISTS,
        when: PANE,
        action: Action::ScrollDown,
    },
    Binding {
        keys: &[ch('K')],
        label: "K",
        desc: "scroll the detail up",
        short: "",
        panes: LISTS,
        when: PANE,
        action: Action::ScrollUp,
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        label: "Enter",
        desc: "cursor on the citations",
        short: "sources",
        panes: CITES,
        when: BROWSE,
        action: Action::Enter,
    },
    Binding {
        keys: &[ch('c')],
        label: "c",
        desc: "start or leave the citation cursor",
        short: "",
        panes: CITES,
        when: PANE,
        action: Action::Cite,
    },
    Binding {
        keys: &[ch('o')],
        label: "o",
        desc: "open the (first) cited source in the Sources pane",
        short: "",
        panes: CITES,
        when: PANE,
        action: Action::Open,
    },
    // The cursor on the citations or links.
    Binding {
        keys: &[ch('j'), code(KeyCode::Down), ch('l'), code(KeyCode::Right)],
        label: "j ↓ l →",
        desc: "next citation",
        short: "citation",
        panes: CITES,
        when: CURSOR,
        action: Action::Down,
    },
    Binding {
        keys: &[ch('k'), code(KeyCode::Up), ch('h'), code(KeyCode::Left)],
        label: "k ↑ h ←",
        desc: "previous citation",
        short: "",
        panes: CITES,
        when: CURSOR,
        action: Action::Up,
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        label: "Enter",
        desc: "preview the cited source",
        short: "preview",
        panes: CITES,
        when: CURSOR,
        action: Action::Enter,
    },
    Binding {
        keys: &[ch('j'), code(KeyCode::Down)],
        label: "j ↓",
        desc: "next link",
        short: "link",
        panes: LINKS,
        when: CURSOR,
        action: Action::Down,
    },
    Binding {
        keys: &[ch('k'), code(KeyCode::Up)],
        label: "k ↑",
        desc: "previous link",
        short: "",
        panes: LINKS,
        when: CURSOR,
        action: Action::Up,
    },
    Binding {
        keys: &[code(KeyCode::Enter), ch('o')],
        label: "Enter o",
        desc: "jump to the link",
        short: "jump",
        panes: LINKS,
        when: CURSOR,
        action: Action::Enter,
    },
    Binding {
        keys: &[ch('h'), code(KeyCode::Left)],
        label: "h ←",
        desc: "back to the list",
        short: "list",
        panes: LINKS,
        when: CURSOR,
        action: Action::Left,
    },
    Binding {
        keys: &[ch('s')],
        label: "s",
        desc: "linear or logarithmic scale",
        short: "scale",
        panes: &[Trade],
        when: PANE,
        action: Action::ToggleScale,
    },
    Binding {
        keys: &[ch('t')],
        label: "t",
        desc: "chart or table view",
        short: "table",
        panes: &[Trade],
        when: PANE,
        action: Action::ToggleTable,
    },
    Binding {
        keys: &[ch('s')],
        label: "s",
        desc: "sort by number, year or author",
        short: "sort",
        panes: &[Sources],
        when: BROWSE,
        action: Action::Sort,
    },
    Binding {
        keys: &[ch('y')],
        label: "y",
        desc: "copy the selected item (or the citation or link under the cursor), with its sources; on the Overview, how to cite",
        short: "copy",
        panes: ALL,
        when: PANE,
        action: Action::Copy,
    },
    Binding {
        keys: &[ch('Y')],
        label: "Y",
        desc: "copy the selected source (or the cited one) as BibLaTeX; on the Overview, how to cite",
        short: "",
        panes: &[Overview, Timeline, Trade, Sources],
        when: PANE,
        action: Action::CopyBibtex,
    },
    Binding {
        keys: &[ch('O')],
        label: "O",
        desc: "open the source's web address in the browser",
        short: "",
        panes: &[Timeline, Trade, Sources],
        when: PANE,
        action: Action::OpenUrl,
    },
    // The list of a pane, narrowed in place.
    Binding {
        keys: &[ch('f')],
        label: "f",
        desc: "filter this list in place (type to narrow; / still searches everything)",
        short: "narrow",
        panes: FILTERS,
        when: BROWSE,
        action: Action::Filter,
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
    /// True if it applies in `context`.
    pub fn in_context(&self, context: Context) -> bool {
        self.when.contains(&context)
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

/// The rows that apply on `tab` in `context`, in the order a key is looked up: a popup's own
/// rows, then (for the help and the preview) the keys that work everywhere.
pub fn rows(tab: Tab, context: Context) -> impl Iterator<Item = &'static Binding> {
    let own = KEYS
        .iter()
        .filter(move |b| b.applies(tab) && b.in_context(context));
    let fallback = KEYS.iter().filter(move |b| {
        matches!(context, Context::Help | Context::Preview) && b.is_global() && b.in_context(Browse)
    });
    own.chain(fallback)
}

/// The action a key press means on `tab` in `context`; `None` for key releases, repeats and
/// unbound keys. In the search prompt, printable characters the prompt does not bind are
/// typed into it.
pub fn action_for(key: &KeyEvent, tab: Tab, context: Context) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let bound = rows(tab, context)
        .find(|b| b.keys.iter().any(|k| matches(key, k)))
        .map(|b| b.action);
    if bound.is_some() || !context.types() {
        return bound;
    }
    match key.code {
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
            Some(Action::Input(c))
        }
        _ => None,
    }
}

/// True if the cursor on `tab` steps through citations (and Enter previews them), false if
/// through links.
pub fn cites(tab: Tab) -> bool {
    CITES.contains(&tab)
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
fn first_key(b: &Binding) -> &'static str {
    b.label.split(' ').next().unwrap_or(b.label)
}

/// The footer's hints on `tab` in `context`: `(keys, word)` pairs, the context's own keys
/// first, then the keys that work everywhere, most useful first. A row going down and its
/// partner going up share one hint ("j/k move").
pub fn footer(tab: Tab, context: Context) -> Vec<(String, &'static str)> {
    let own: Vec<&Binding> = KEYS
        .iter()
        .filter(|b| b.applies(tab) && b.in_context(context))
        .collect();
    let hint = |b: &Binding| -> String {
        let partner = match b.action {
            Action::Down => Some(Action::Up),
            Action::ScrollDown => Some(Action::ScrollUp),
            Action::NextStage => Some(Action::PrevStage),
            _ => None,
        };
        let up = own
            .iter()
            .find(|u| Some(u.action) == partner && u.is_global() == b.is_global());
        match up {
            // Arrows read as a pair ("↑↓"), letters as alternatives ("j/k").
            Some(u) if first_key(b) == "↓" => format!("{}{}", first_key(u), first_key(b)),
            Some(u) => format!("{}/{}", first_key(b), first_key(u)),
            None => first_key(b).to_string(),
        }
    };
    // Copying and the filter in place come after the keys that work everywhere: at 80 columns
    // they give way before "q quit" does.
    let later = |b: &Binding| matches!(b.action, Action::Filter | Action::Copy);
    let mut out: Vec<(String, &str)> = own
        .iter()
        .filter(|b| !b.is_global() && !b.short.is_empty() && !later(b))
        .map(|b| (hint(b), b.short))
        .collect();
    let mut global: Vec<&&Binding> = own
        .iter()
        .filter(|b| b.is_global() && !b.short.is_empty() && !later(b))
        .collect();
    // Leaving the mode, help and search before quit and back; a popup's in table order.
    if !context.is_popup() {
        global.sort_by_key(|b| match b.action {
            Action::Close => 0,
            Action::Help => 1,
            Action::Search => 2,
            Action::Quit => 3,
            _ => 4,
        });
    }
    out.extend(global.into_iter().map(|b| (hint(b), b.short)));
    out.extend(
        own.iter()
            .filter(|b| later(b) && !b.short.is_empty())
            .map(|b| (hint(b), b.short)),
    );
    if !context.is_popup() {
        out.push((pane_digits(), "panes"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn no_key_means_two_things_on_any_pane_in_any_context() {
        for tab in Tab::iter() {
            for context in Context::iter() {
                let bound: Vec<(&Binding, &Key)> = KEYS
                    .iter()
                    .filter(|b| b.applies(tab) && b.in_context(context))
                    .flat_map(|b| b.keys.iter().map(move |k| (b, k)))
                    .collect();
                for (i, (b1, k1)) in bound.iter().enumerate() {
                    for (b2, k2) in &bound[i + 1..] {
                        assert!(
                            k1 != k2 || std::ptr::eq(*b1, *b2),
                            "{k1:?} is bound twice on {tab:?} {context:?}: {} / {}",
                            b1.desc,
                            b2.desc
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn vim_keys_and_arrows_agree() {
        for tab in [Tab::Timeline, Tab::Sources] {
            for context in [Browse, Cursor, Context::Help, Context::Preview] {
                let a = |c| action_for(&press(c, KeyModifiers::NONE), tab, context);
                assert_eq!(a(KeyCode::Char('j')), a(KeyCode::Down));
                assert_eq!(a(KeyCode::Char('k')), a(KeyCode::Up));
                assert_eq!(a(KeyCode::Char('h')), a(KeyCode::Left));
                assert_eq!(a(KeyCode::Char('l')), a(KeyCode::Right));
                assert_eq!(a(KeyCode::Char('g')), a(KeyCode::Home));
            }
        }
    }

    #[test]
    fn shift_letters_and_ctrl_c() {
        let g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&g, Tab::Timeline, Browse), Some(Action::Bottom));
        let cc = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for context in Context::iter() {
            let a = action_for(&cc, Tab::Timeline, context);
            assert_eq!(a, Some(Action::Quit), "{context:?}");
        }
        let c = press(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(action_for(&c, Tab::Timeline, Browse), Some(Action::Cite));
        assert_eq!(action_for(&c, Tab::Sources, Browse), None);
        let bt = press(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(action_for(&bt, Tab::Map, Browse), Some(Action::PrevTab));
    }

    #[test]
    fn typing_goes_to_the_prompt_and_releases_do_nothing() {
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        let prompt = Context::Prompt;
        assert_eq!(
            action_for(&q, Tab::Overview, prompt),
            Some(Action::Input('q'))
        );
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(
            action_for(&j, Tab::Timeline, prompt),
            Some(Action::Input('j'))
        );
        let up = press(KeyCode::Up, KeyModifiers::NONE);
        assert_eq!(action_for(&up, Tab::Timeline, prompt), Some(Action::Up));
        let tab = press(KeyCode::Tab, KeyModifiers::NONE);
        assert_eq!(action_for(&tab, Tab::Timeline, prompt), None);
        let mut release = q;
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for(&release, Tab::Overview, Browse), None);
        let mut repeat = q;
        repeat.kind = KeyEventKind::Repeat;
        assert_eq!(action_for(&repeat, Tab::Overview, Browse), None);
    }

    #[test]
    fn a_popup_binds_its_keys_and_lets_the_global_ones_through() {
        let key = |c| press(KeyCode::Char(c), KeyModifiers::NONE);
        let help = Context::Help;
        assert_eq!(action_for(&key('q'), Tab::Trade, help), Some(Action::Close));
        assert_eq!(action_for(&key('?'), Tab::Trade, help), Some(Action::Close));
        assert_eq!(
            action_for(&key('3'), Tab::Trade, help),
            Some(Action::GoTab(Trade))
        );
        // A pane's own key is not the popup's: `s` does not rescale the chart behind the help.
        assert_eq!(action_for(&key('s'), Tab::Trade, help), None);
        let preview = Context::Preview;
        assert_eq!(
            action_for(&key('o'), Tab::Timeline, preview),
            Some(Action::Open)
        );
        assert_eq!(
            action_for(&key('l'), Tab::Timeline, preview),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(&key('q'), Tab::Timeline, preview),
            Some(Action::Close)
        );
    }

    #[test]
    fn the_footer_follows_the_mode() {
        let has = |tab, context, keys: &str, word| {
            footer(tab, context).contains(&(keys.to_string(), word))
        };
        assert!(has(Tab::Trade, Browse, "s", "scale"));
        assert!(has(Tab::Trade, Browse, "t", "table"));
        assert!(has(Tab::Trade, Browse, "?", "help"));
        assert!(has(Tab::Trade, Browse, "1-6", "panes"));
        assert!(!has(Tab::Sources, Browse, "s", "scale"));
        // The Overview has nothing to move through or cite: its keys scroll.
        assert!(has(Tab::Overview, Browse, "j/k", "scroll"));
        let overview = footer(Tab::Overview, Browse);
        assert!(
            !overview
                .iter()
                .any(|(_, w)| *w == "move" || *w == "sources")
        );
        // The citation cursor: its own moves, the preview, and the way out.
        assert!(has(Tab::Timeline, Cursor, "j/k", "citation"));
        assert!(has(Tab::Timeline, Cursor, "Enter", "preview"));
        assert!(has(Tab::Timeline, Cursor, "Esc", "leave"));
        assert!(!has(Tab::Timeline, Cursor, "l", "stage"));
        assert!(has(Tab::Sources, Cursor, "j/k", "link"));
        assert!(has(Tab::Sources, Cursor, "h", "list"));
        assert!(has(Tab::Sources, Browse, "l", "links"));
        // Popups and the prompt: only their own keys.
        assert_eq!(
            footer(Tab::Timeline, Context::Help),
            vec![("j/k".into(), "scroll"), ("q".into(), "close")]
        );
        assert_eq!(
            footer(Tab::Timeline, Context::Preview),
            vec![
                ("j/k".into(), "other citations"),
                ("Enter".into(), "open in Sources"),
                ("q".into(), "close")
            ]
        );
        assert_eq!(
            footer(Tab::Map, Context::Prompt),
            vec![
                ("↑↓".into(), "choose"),
                ("Enter".into(), "jump"),
                ("Esc".into(), "cancel")
            ]
        );
    }
}
