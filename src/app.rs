//! The application state and every change to it.
//!
//! [`App::apply`] is the only way the state changes: keys, mouse and resizes all arrive as
//! [`Action`]s (translated in `input`), the fields are private, and everything else reads. So
//! tests drive the whole explorer without a terminal. The `App` holds the panes ([`Panes`]),
//! each owning its own selection, and forwards list moves, the detail cursor and jumps to the
//! active one.
//!
//! What is on screen is a pure function of this state, except for one thing drawing reports
//! back: where it drew tabs, rows and links ([`HitMap`]), so that a click can be resolved.

use std::cell::{OnceCell, RefCell};

use ratatui::layout::Position;

use crate::action::Action;
use crate::data::model::RefNo;
use crate::data::{Db, HashMap, ItemRef};
use crate::draw::HitMap;
use crate::panes::selection::PAGE;
use crate::panes::{Pane, Panes, Sideways, Spot, Tab, Target};
use crate::search::SearchIndex;

/// What the reader is looking at: what the back stack saves and restores.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    tab: Tab,
    panes: Panes,
    /// The cursor across the active pane's citations or links, when it is on.
    cursor: Option<usize>,
    /// How far the detail text is scrolled.
    scroll: u16,
    /// The stage every pane is filtered to, if any.
    stage: Option<usize>,
}

/// A popup over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// None.
    None,
    /// The key help, scrolled by this many lines.
    Help(u16),
    /// A preview of a cited source.
    Preview(RefNo),
}

/// The search: the prompt, and the results it found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// The prompt is open and takes the keys.
    pub editing: bool,
    /// What was typed.
    pub query: String,
    /// The results, grouped by kind, the group of the best result first, each group best
    /// first ([`crate::search::grouped`]).
    pub hits: Vec<ItemRef>,
    /// The selected result.
    pub sel: usize,
    /// What matches of the query look like, space-separated: its words folded, in the other
    /// script, and their near misses (the screen highlights these).
    pub terms: String,
    /// The query as run: each word's forms and near misses.
    pub plan: crate::search::Query,
    /// When nothing matches: each word that finds nothing alone, with the nearest words of
    /// the data.
    pub suggest: Vec<(String, Vec<String>)>,
}

/// A short message on the footer: what the last action did that the screen does not show, or
/// why it did nothing. The next action clears it (a resize keeps it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The message.
    pub text: String,
    /// True if the action could not be done; false for news.
    pub warn: bool,
}

/// The items from which the search index is built right after the first frame rather than at
/// the first search ([`App::prepare_if_large`]): about 4 ms of building.
const PREPARE_FROM: usize = 5_000;

/// The longest search query, in characters.
pub const MAX_QUERY: usize = 200;
/// The deepest back stack; the oldest entries go first.
const MAX_BACK: usize = 1000;
/// The furthest a detail text scrolls.
const MAX_SCROLL: u16 = 10_000;

/// The whole application state.
#[derive(Debug)]
pub struct App {
    db: Db,
    view: View,
    /// Views to return to, most recent last.
    back: Vec<View>,
    overlay: Overlay,
    search: Search,
    quit: bool,
    /// Where each item is shown: its pane and its spot there.
    home: HashMap<ItemRef, (Tab, Spot)>,
    /// The search index: built by [`App::prepare`] once the first frame is drawn, or by the
    /// first search, whichever comes first.
    index: OnceCell<SearchIndex>,
    /// Written by drawing, read by clicks.
    hitmap: RefCell<HitMap>,
    /// The status line's message, if any.
    status: Option<Status>,
    /// The last action jumped to a search result: stepping on through the results (`n`, `N`)
    /// keeps the one back-stack entry of the search instead of adding one a step.
    stepping: bool,
    /// The filter prompt of the pane's list is open: typing narrows the list in place.
    filtering: bool,
    /// How copying reaches the clipboard.
    clipboard: Clipboard,
    /// Text copied and not yet sent to the terminal ([`App::take_copy`]).
    copied: Option<String>,
    /// `--watch`: why the file's last save does not load (the screen shows the data before
    /// it, under an error panel).
    broken: Option<crate::watch::Broken>,
    /// A web address to open in the browser ([`App::take_open`]).
    to_open: Option<String>,
}

/// How `y` reaches the clipboard: through the terminal (OSC 52), unless turned off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clipboard {
    /// Copying is on (`--no-clipboard` turns it off).
    pub enabled: bool,
    /// Inside tmux, which passes OSC 52 on only with `set-clipboard` on.
    pub tmux: bool,
}

impl Default for Clipboard {
    fn default() -> Self {
        Clipboard {
            enabled: true,
            tmux: false,
        }
    }
}

impl App {
    /// A new app on `db`, at the Overview.
    pub fn new(db: Db) -> App {
        let panes = Panes::new(&db);
        let mut home: HashMap<ItemRef, (Tab, Spot)> = HashMap::default();
        for tab in <Tab as strum::IntoEnumIterator>::iter() {
            panes.get(tab).spots(&db, &mut |item, spot| {
                home.entry(item).or_insert((tab, spot));
            });
        }
        let set = &db.set;
        // A person's home is where they first take part: an event, else a statement, else a
        // note. One pass over each list, not one per person.
        let mut involved: Vec<Option<ItemRef>> = vec![None; set.people.len()];
        let mut mark = |id: &str, item: ItemRef| {
            if let Some(ItemRef::Person(p)) = db.item(id)
                && involved[p].is_none()
            {
                involved[p] = Some(item);
            }
        };
        for (i, e) in set.events.iter().enumerate() {
            for p in &e.people {
                mark(p, ItemRef::Event(i));
            }
        }
        for (i, st) in set.statements.iter().enumerate() {
            mark(&st.speaker, ItemRef::Statement(i));
        }
        for (i, n) in set.notes.iter().enumerate() {
            for p in &n.people {
                mark(p, ItemRef::Note(i));
            }
        }
        for (i, it) in involved.into_iter().enumerate() {
            if let Some(&h) = it.and_then(|it| home.get(&it)) {
                home.insert(ItemRef::Person(i), h);
            }
        }
        App {
            db,
            view: View {
                tab: Tab::default(),
                panes,
                cursor: None,
                scroll: 0,
                stage: None,
            },
            back: Vec::new(),
            overlay: Overlay::None,
            search: Search::default(),
            quit: false,
            home,
            index: OnceCell::new(),
            hitmap: RefCell::new(HitMap::default()),
            status: None,
            stepping: false,
            filtering: false,
            clipboard: Clipboard::default(),
            copied: None,
            broken: None,
            to_open: None,
        }
    }

    /// A new app on `db`, opened at `tab`.
    pub fn at(db: Db, tab: Tab) -> App {
        let mut app = App::new(db);
        app.view.tab = tab;
        app
    }

    /// A new app on `db`, opened at `tab` with every pane filtered to `stage` (the command
    /// line's `--stage`; `None`: all stages).
    pub fn at_stage(db: Db, tab: Tab, stage: Option<usize>) -> App {
        let mut app = App::at(db, tab);
        if stage.is_some_and(|s| s < app.db.set.stages.len()) {
            app.set_stage(stage);
        }
        app
    }

    /// The dataset.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// The active pane.
    pub fn tab(&self) -> Tab {
        self.view.tab
    }

    /// Every pane's state.
    pub fn panes(&self) -> &Panes {
        &self.view.panes
    }

    /// The active pane's state.
    pub fn pane(&self) -> &dyn Pane {
        self.view.panes.get(self.view.tab)
    }

    /// The popup, if any.
    pub fn overlay(&self) -> Overlay {
        self.overlay
    }

    /// The search prompt and its results.
    pub fn search(&self) -> &Search {
        &self.search
    }

    /// The detail cursor's position, when it is on.
    pub fn cursor(&self) -> Option<usize> {
        self.view.cursor
    }

    /// How far the detail text is scrolled.
    pub fn scroll(&self) -> u16 {
        self.view.scroll
    }

    /// The stage every pane is filtered to, if any.
    pub fn stage(&self) -> Option<usize> {
        self.view.stage
    }

    /// How many views `b` can go back through.
    pub fn back_depth(&self) -> usize {
        self.back.len()
    }

    /// The status line's message, if any.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    fn tell(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            warn: false,
        });
    }

    fn warn(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            warn: true,
        });
    }

    /// What the active pane's cursor steps through, in words.
    fn targets_word(&self) -> &'static str {
        match self.pane().sideways() {
            Sideways::Links => "links",
            _ => "citations",
        }
    }

    /// True once the reader has asked to quit.
    pub fn quitting(&self) -> bool {
        self.quit
    }

    /// What the current view is (tests compare views before and after).
    pub fn view(&self) -> &View {
        &self.view
    }

    /// Where drawing records clickable areas.
    pub fn hitmap(&self) -> &RefCell<HitMap> {
        &self.hitmap
    }

    /// The text search matches are highlighted for: the query while it is typed or has
    /// results, else nothing.
    pub fn highlight(&self) -> &str {
        if self.search.hits.is_empty() && !self.search.editing {
            ""
        } else {
            &self.search.terms
        }
    }

    /// The pane an item is shown in, if it has one.
    pub fn pane_of(&self, item: ItemRef) -> Option<Tab> {
        self.home.get(&item).map(|h| h.0)
    }

    /// The selected row of the active pane's list (0 for a pane without one).
    pub fn selected(&self) -> usize {
        self.pane().selection().unwrap_or_default().index()
    }

    /// The item of the active pane's selected row, if it is one.
    pub fn selected_item(&self) -> Option<ItemRef> {
        self.pane().selected_item(&self.db)
    }

    /// What the detail cursor steps through on the active pane.
    pub fn targets(&self) -> Vec<Target> {
        self.pane().targets(&self.db)
    }

    /// The target under the cursor.
    pub fn target(&self) -> Option<Target> {
        self.view
            .cursor
            .and_then(|c| self.targets().get(c).copied())
    }

    fn active(&mut self) -> &mut dyn Pane {
        self.view.panes.get_mut(self.view.tab)
    }

    /// Applies one action. The only way the state changes.
    pub fn apply(&mut self, action: Action) {
        let stepping = std::mem::take(&mut self.stepping);
        if !matches!(action, Action::Resize(..)) {
            self.status = None;
        }
        if self.search.editing && self.apply_prompt(action) {
            return;
        }
        if self.filtering && self.apply_filter_prompt(action) {
            return;
        }
        if let Overlay::Help(scroll) = self.overlay {
            match action {
                Action::Down | Action::ScrollDown => {
                    self.overlay = Overlay::Help(scroll.saturating_add(1).min(200));
                    return;
                }
                Action::Up | Action::ScrollUp => {
                    self.overlay = Overlay::Help(scroll.saturating_sub(1));
                    return;
                }
                // `q` closes the help, as in less and htop; a resize keeps it, re-laid out.
                Action::Help | Action::Close | Action::Quit => {
                    self.overlay = Overlay::None;
                    return;
                }
                Action::Resize(..) => return,
                _ => self.overlay = Overlay::None,
            }
        }
        if let Overlay::Preview(n) = self.overlay {
            match action {
                Action::Enter | Action::Open => {
                    self.overlay = Overlay::None;
                    self.open_reference(n);
                    return;
                }
                Action::Close | Action::Quit => {
                    self.overlay = Overlay::None;
                    return;
                }
                Action::Resize(..) => return,
                Action::Up | Action::Down | Action::Left | Action::Right => {
                    // Step through the citations with the preview following.
                    self.overlay = Overlay::None;
                    self.move_cursor(if matches!(action, Action::Up | Action::Left) {
                        -1
                    } else {
                        1
                    });
                    if let Some(Target::Cite(m)) = self.target() {
                        self.overlay = Overlay::Preview(m);
                    }
                    return;
                }
                _ => self.overlay = Overlay::None,
            }
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.overlay = Overlay::Help(0),
            Action::Close => {
                if self.view.cursor.is_some() {
                    self.view.cursor = None;
                } else if self.pane().filter().is_some() {
                    self.set_filter("");
                    self.tell("the filter is off: every row again");
                } else {
                    self.search = Search::default();
                }
            }
            Action::NextTab => self.go_tab(self.view.tab.next()),
            Action::PrevTab => self.go_tab(self.view.tab.prev()),
            Action::GoTab(t) => self.go_tab(t),
            Action::Search => {
                self.search = Search {
                    editing: true,
                    ..Search::default()
                };
            }
            Action::Filter => {
                if self.pane().filters() {
                    self.filtering = true;
                    self.view.cursor = None;
                } else {
                    self.warn(
                        "f filters the lists of Timeline, Trade & Aid, Sources and Map: / searches everything",
                    );
                }
            }
            Action::NextHit => self.step_hit(1, stepping),
            Action::PrevHit => self.step_hit(-1, stepping),
            Action::Back => {
                if let Some(v) = self.back.pop() {
                    self.view.tab = v.tab;
                    self.view.cursor = v.cursor;
                    self.view.scroll = v.scroll;
                    self.view.stage = v.stage;
                    self.view.panes.restore(v.panes);
                    self.overlay = Overlay::None;
                    // A pane keeps its display mode over a restore, which may list another
                    // row, with other citations.
                    if self.view.cursor.is_some_and(|c| c >= self.targets().len()) {
                        self.view.cursor = None;
                    }
                } else {
                    self.warn("nothing to go back to: no jump has been made");
                }
            }
            Action::Up => self.vertical(-1),
            Action::Down => self.vertical(1),
            Action::PageUp => self.vertical(-(PAGE as isize)),
            Action::PageDown => self.vertical(PAGE as isize),
            Action::Top => self.vertical(isize::MIN / 2),
            Action::Bottom => self.vertical(isize::MAX / 2),
            Action::Left => self.horizontal(-1),
            Action::Right => self.horizontal(1),
            Action::Enter => self.enter(),
            Action::Cite => {
                if self.view.cursor.is_some() {
                    self.view.cursor = None;
                } else {
                    self.cursor_on();
                }
            }
            Action::Open => self.open(),
            Action::ToggleScale => self.view.panes.trade.toggle_scale(),
            Action::Copy => self.copy(false),
            Action::OpenUrl => self.open_url(),
            Action::CopyBibtex => self.copy(true),
            Action::Sort => {
                let tab = self.view.tab;
                match self.view.panes.get_mut(tab).sort(&self.db) {
                    Some(order) => self.tell(format!("sorted by {order}")),
                    None => self.warn("this list has one order"),
                }
            }
            Action::Zoom => {
                let zoomed = self.view.panes.timeline.toggle_zoom();
                if !zoomed && self.view.panes.timeline.in_analysis() {
                    self.warn("the analysis has no years to zoom to: choose a stage (h/l)");
                }
            }
            Action::ToggleTable => {
                self.view.panes.trade.toggle_table();
                // A filtered table may select another bar, with other citations.
                if self.view.cursor.is_some_and(|c| c >= self.targets().len()) {
                    self.view.cursor = None;
                }
            }
            Action::NextStage | Action::PrevStage => {
                // All, then each stage, then All again: n + 1 positions, All at 0.
                let n = self.db.set.stages.len();
                let at = self.view.stage.map_or(0, |s| s + 1);
                let d = if action == Action::NextStage { 1 } else { n };
                let next = (at + d) % (n + 1);
                self.set_stage(next.checked_sub(1));
            }
            Action::AllStages => self.set_stage(None),
            Action::ScrollDown => self.scroll_by(1),
            Action::ScrollUp => self.scroll_by(-1),
            Action::Jump(item) => self.jump(item),
            Action::Input(_) | Action::Erase | Action::Resize(..) => {}
            Action::Click { x, y } => self.click(x, y),
            Action::Wheel { up, x, y } => self.wheel(up, x, y),
        }
    }

    /// Handles an action while the search prompt is open; false if it is not the prompt's.
    fn apply_prompt(&mut self, action: Action) -> bool {
        match action {
            Action::Input(c) => {
                if !c.is_control() && self.search.query.chars().count() < MAX_QUERY {
                    self.search.query.push(c);
                    self.run_search();
                }
            }
            Action::Erase => {
                self.search.query.pop();
                self.run_search();
            }
            Action::Up => self.search.sel = self.search.sel.saturating_sub(1),
            Action::Down => {
                self.search.sel =
                    (self.search.sel + 1).min(self.search.hits.len().saturating_sub(1));
            }
            Action::Enter => {
                self.search.editing = false;
                if let Some(&item) = self.search.hits.get(self.search.sel) {
                    self.jump(item);
                    self.stepping = true;
                } else if !self.search.query.is_empty() {
                    let q = std::mem::take(&mut self.search.query);
                    let hint = crate::search::did_you_mean(&self.search.suggest);
                    self.warn(format!("nothing matches “{q}”{hint}"));
                }
            }
            Action::Close => self.search = Search::default(),
            Action::Quit => self.quit = true,
            Action::Resize(..) | Action::Wheel { .. } => {}
            // A click on a result jumps to it; anywhere else it closes the prompt (the results
            // stay for n and N). It never acts on the pane behind the prompt.
            Action::Click { x, y } => {
                let p = Position { x, y };
                let hit = self
                    .hitmap
                    .borrow()
                    .results
                    .iter()
                    .find(|(r, _)| r.contains(p))
                    .map(|&(_, i)| i);
                self.search.editing = false;
                if let Some(i) = hit.filter(|&i| i < self.search.hits.len()) {
                    self.search.sel = i;
                    self.jump(self.search.hits[i]);
                    self.stepping = true;
                }
            }
            _ => return false,
        }
        true
    }

    /// Handles an action while the filter prompt is open; false if it is not the prompt's
    /// (those act on the pane, which keeps working on the narrowed list).
    fn apply_filter_prompt(&mut self, action: Action) -> bool {
        let query = self.pane().filter().unwrap_or("").to_string();
        match action {
            Action::Input(c) => {
                if !c.is_control() && query.chars().count() < MAX_QUERY {
                    self.set_filter(&format!("{query}{c}"));
                }
            }
            Action::Erase => {
                let mut q = query;
                q.pop();
                self.set_filter(&q);
            }
            Action::Enter => self.filtering = false,
            Action::Close => {
                self.filtering = false;
                self.set_filter("");
            }
            Action::Quit => self.quit = true,
            // Moving through the narrowed list keeps the prompt open.
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Resize(..) => {
                return false;
            }
            // Anything else leaves the prompt (the filter stays) and acts as it would.
            _ => {
                self.filtering = false;
                return false;
            }
        }
        true
    }

    /// Narrows the pane's lists to the rows matching `query` (by the search's matching);
    /// an empty query lists every row again.
    fn set_filter(&mut self, query: &str) {
        let keep: Option<hashbrown::HashSet<ItemRef>> = (!query.trim().is_empty()).then(|| {
            let index = self.prepare();
            index.run(&index.query(query)).into_iter().collect()
        });
        let tab = self.view.tab;
        let pane = self.view.panes.get_mut(tab);
        match &keep {
            Some(keep) => pane.set_filter(&self.db, Some((query, &|i| keep.contains(&i)))),
            None => pane.set_filter(&self.db, None),
        }
    }

    /// Replaces the dataset with `db`, the watched file as just saved, keeping the reader's
    /// place: the pane, the stage filter (by the stage's id), each pane's selected item (by its
    /// id, where it still exists), each pane's filter in place, the search and the popup. The
    /// back stack is dropped: its views point into the old data. Clears the error panel.
    pub fn reload(&mut self, db: Db, file: &str, took: std::time::Duration) {
        #[derive(PartialEq)]
        enum Key {
            Id(String),
            Ref(RefNo),
        }
        let key = |db: &Db, item: ItemRef| match item {
            ItemRef::Reference(r) => db.set.references.get(r).map(|r| Key::Ref(r.number)),
            _ => Some(Key::Id(crate::data::id_of(&db.set, item).to_string())),
        };
        let find = |db: &Db, k: &Key| match k {
            Key::Id(id) => db.item(id),
            Key::Ref(n) => db.ref_index.get(n).map(|&r| ItemRef::Reference(r)),
        };
        let old = &self.db;
        let stage_id = self
            .view
            .stage
            .and_then(|s| old.set.stages.get(s))
            .map(|s| s.id.to_string());
        let tabs: Vec<Tab> = <Tab as strum::IntoEnumIterator>::iter().collect();
        let places: Vec<(Tab, Option<Key>, Option<String>)> = tabs
            .iter()
            .map(|&t| {
                let pane = self.view.panes.get(t);
                let sel = pane.selected_item(old).and_then(|it| key(old, it));
                (t, sel, pane.filter().map(str::to_string))
            })
            .collect();
        let stage = stage_id.and_then(|id| db.stage_index(&id));
        let mut next = App::at_stage(db, self.view.tab, stage);
        next.status = None;
        for (t, sel, filter) in places {
            if let Some(q) = filter {
                next.view.tab = t;
                next.set_filter(&q);
            }
            let Some(item) = sel.and_then(|k| find(&next.db, &k)) else {
                continue;
            };
            if let Some(&(home, spot)) = next.home.get(&item)
                && home == t
            {
                next.view.panes.get_mut(t).show(spot);
            }
        }
        next.view.tab = self.view.tab;
        next.view.scroll = self.view.scroll;
        next.overlay = match self.overlay {
            Overlay::Preview(n) if !next.db.ref_index.contains_key(&n) => Overlay::None,
            o => o,
        };
        next.search.query = std::mem::take(&mut self.search.query);
        next.search.editing = self.search.editing;
        if !next.search.query.is_empty() && (next.search.editing || !self.search.hits.is_empty()) {
            next.run_search();
        }
        next.filtering = self.filtering;
        next.clipboard = self.clipboard;
        let was_broken = self.broken.is_some();
        let old = std::mem::replace(self, next);
        // The old dataset and its search index are freed on a thread of their own: freeing
        // 100,000 events allocation by allocation would hold up the new frame (BENCHMARKS.md).
        // (Without a thread to be had, the closure is dropped here, and they with it.)
        let (db, index) = (old.db, old.index.into_inner());
        let _ = std::thread::Builder::new()
            .name("free".into())
            .spawn(move || drop((db, index)));
        self.tell(format!(
            "{file} {} and read again in {} ms",
            if was_broken { "loads again" } else { "saved" },
            took.as_millis()
        ));
    }

    /// Shows the error panel: the watched file's last save does not load.
    pub fn set_broken(&mut self, broken: crate::watch::Broken) {
        self.warn(format!(
            "{} saved, but it does not load: {}",
            broken.file,
            crate::data::plural(broken.count, "problem")
        ));
        self.broken = Some(broken);
    }

    /// Why the watched file's last save does not load, if it does not.
    pub fn broken(&self) -> Option<&crate::watch::Broken> {
        self.broken.as_ref()
    }

    /// The filter prompt is open.
    pub fn filtering(&self) -> bool {
        self.filtering
    }

    /// Sets how copying reaches the clipboard.
    pub fn set_clipboard(&mut self, clipboard: Clipboard) {
        self.clipboard = clipboard;
    }

    /// The web address the last action asked to open, once: the terminal loop opens it.
    pub fn take_open(&mut self) -> Option<String> {
        self.to_open.take()
    }

    /// Puts a message on the status line (for what the terminal loop did).
    pub fn say(&mut self, text: impl Into<String>, warn: bool) {
        if warn {
            self.warn(text);
        } else {
            self.tell(text);
        }
    }

    /// Asks for the web address of the source the reader is on (the cited one under the
    /// cursor, or the selected one) to be opened.
    fn open_url(&mut self) {
        let r = match self.target() {
            Some(Target::Cite(n)) => self.db.set.references.iter().position(|r| r.number == n),
            Some(Target::Item(ItemRef::Reference(r))) => Some(r),
            _ => match self.selected_item() {
                Some(ItemRef::Reference(r)) => Some(r),
                _ => None,
            },
        };
        let Some(r) = r.and_then(|r| self.db.set.references.get(r)) else {
            self.warn("O opens a source's web address: choose a source or a citation");
            return;
        };
        match crate::export::cite::web_url(&r.locator) {
            Some(url) => {
                let url = url.to_string();
                self.tell(format!("opening {url}"));
                self.to_open = Some(url);
            }
            None => self.warn(format!("source [{}] has no web address to open", r.number)),
        }
    }

    /// The text the last action copied, once: the terminal loop sends it (OSC 52).
    pub fn take_copy(&mut self) -> Option<String> {
        self.copied.take()
    }

    /// Copies what the reader is on: the citation or link under the cursor, else the
    /// selected row's item; as BibLaTeX (`bibtex`) it must be a source.
    fn copy(&mut self, bibtex: bool) {
        if !self.clipboard.enabled {
            self.warn("copying is off (--no-clipboard)");
            return;
        }
        let item = match self.target() {
            Some(Target::Cite(n)) => self
                .db
                .set
                .references
                .iter()
                .position(|r| r.number == n)
                .map(ItemRef::Reference),
            Some(Target::Item(it)) => Some(it),
            None => self.selected_item(),
        };
        let Some(item) = item else {
            if self.view.tab == Tab::Overview {
                // The Overview's card: how to cite the article and the dataset.
                let (text, what) = if bibtex {
                    (crate::export::cite::records_bibtex(&self.db), "as BibLaTeX")
                } else {
                    (
                        format!(
                            "{}\n{}",
                            crate::export::cite::article_record(&self.db),
                            crate::export::cite::dataset_record(&self.db)
                        ),
                        "as text",
                    )
                };
                self.copied = Some(crate::export::copy::clean(&text));
                self.tell(format!(
                    "copied how to cite the article and the dataset, {what}"
                ));
            } else {
                self.warn("nothing selected to copy here");
            }
            return;
        };
        let (text, what) = match (bibtex, item) {
            (true, ItemRef::Reference(r)) => (
                crate::export::copy::reference_bibtex(&self.db, r),
                format!("source [{}] as BibLaTeX", self.db.set.references[r].number),
            ),
            (true, _) => {
                self.warn("Y copies a source as BibLaTeX: choose a source or a citation");
                return;
            }
            (false, ItemRef::Reference(r)) => (
                crate::export::copy::item_text(&self.db, item),
                format!("source [{}]", self.db.set.references[r].number),
            ),
            (false, _) => (
                crate::export::copy::item_text(&self.db, item),
                format!("the {} with its sources", item.kind()),
            ),
        };
        // Inside tmux the copy reaches the clipboard only if tmux lets it through: the
        // message says how, in place of the size (it must fit 80 columns).
        if self.clipboard.tmux {
            self.tell(format!("copied {what}; tmux: set -g set-clipboard on"));
        } else {
            self.tell(format!(
                "copied {what} ({})",
                crate::data::plural(text.chars().count(), "character")
            ));
        }
        self.copied = Some(text);
    }

    /// Work the first frame does not need, done once it is on screen: the search index.
    /// Searching before it is called builds the index then.
    pub fn prepare(&self) -> &SearchIndex {
        self.index.get_or_init(|| SearchIndex::build(&self.db))
    }

    /// [`App::prepare`], for a dataset large enough that building the index at the first
    /// search would hold up that keystroke (100,000 events: 78 ms). A smaller one is indexed at
    /// its first search, in under a millisecond for the article, and a reader who never
    /// searches never pays for it: building it after the first frame was a tenth of the
    /// article's start and 0.8 MiB of its peak memory (BENCHMARKS.md, eighth round).
    /// Returns whether it built (or already had) the index.
    pub fn prepare_if_large(&self) -> bool {
        let set = &self.db.set;
        if set.items_with_ids() + set.references.len() >= PREPARE_FROM {
            self.prepare();
        }
        self.index.get().is_some()
    }

    fn run_search(&mut self) {
        let index = self.prepare();
        let query = index.query(&self.search.query);
        let hits = crate::search::grouped(index.run(&query));
        let suggest = if hits.is_empty() {
            index.suggest(&query)
        } else {
            Vec::new()
        };
        self.search.terms = query.terms();
        self.search.plan = query;
        self.search.sel = 0;
        self.search.hits = hits;
        self.search.suggest = suggest;
    }

    /// Goes to the next (`d` = 1) or previous search result. Steps that follow a search jump
    /// (`stepping`) replace the view rather than add to the back stack, so `b` returns to where
    /// the search started.
    fn step_hit(&mut self, d: isize, stepping: bool) {
        let n = self.search.hits.len();
        if n == 0 {
            self.warn("no search results to step through: / searches");
            return;
        }
        let next = self.search.sel as isize + d;
        if next >= n as isize && n > 1 {
            self.tell("search wrapped to the first result");
        } else if next < 0 && n > 1 {
            self.tell("search wrapped to the last result");
        }
        self.search.sel = next.rem_euclid(n as isize) as usize;
        let depth = self.back.len();
        self.jump(self.search.hits[self.search.sel]);
        if stepping && self.back.len() > depth {
            self.back.pop();
        }
        self.stepping = true;
    }

    /// Filters every pane to `stage` (`None`: everything); the Timeline opens at it.
    fn set_stage(&mut self, stage: Option<usize>) {
        if stage == self.view.stage {
            return;
        }
        self.view.stage = stage;
        self.view.cursor = None;
        self.view.scroll = 0;
        self.view.panes.set_stage(&self.db, stage);
        match stage {
            Some(s) => {
                let name = self.db.title(ItemRef::Stage(s));
                self.tell(format!("every pane shows {name}; a clears the filter"));
            }
            None => self.tell("every pane shows all stages"),
        }
    }

    fn go_tab(&mut self, t: Tab) {
        if self.view.tab != t {
            self.view.tab = t;
            self.view.cursor = None;
            self.view.scroll = 0;
        }
    }

    fn scroll_by(&mut self, d: isize) {
        let by = d.unsigned_abs().min(1000) as u16;
        self.view.scroll = if d < 0 {
            self.view.scroll.saturating_sub(by)
        } else {
            self.view.scroll.saturating_add(by).min(MAX_SCROLL)
        };
    }

    fn move_cursor(&mut self, d: isize) {
        let n = self.targets().len();
        if n == 0 {
            self.view.cursor = None;
            return;
        }
        let c = self.view.cursor.unwrap_or(0) as isize + d;
        self.view.cursor = Some(c.clamp(0, n as isize - 1) as usize);
    }

    fn vertical(&mut self, d: isize) {
        if self.view.cursor.is_some() {
            self.move_cursor(d);
            return;
        }
        if !self.pane().has_list() {
            self.scroll_by(d);
            return;
        }
        let len = self.pane().len(&self.db);
        if let Some(sel) = self.active().selection_mut() {
            sel.step(d, len);
        }
    }

    fn horizontal(&mut self, d: isize) {
        match self.pane().sideways() {
            Sideways::Lists if self.view.cursor.is_some() => self.move_cursor(d),
            Sideways::Lists => {
                if self.active().step_list(d) {
                    self.view.scroll = 0;
                }
            }
            Sideways::Links => {
                if d < 0 {
                    self.view.cursor = None;
                } else if self.view.cursor.is_none() {
                    self.cursor_on();
                }
            }
            Sideways::Nothing => {}
        }
    }

    /// Puts the cursor on the first citation or link, or says there is none.
    fn cursor_on(&mut self) {
        if self.targets().is_empty() {
            let what = self.targets_word();
            self.warn(format!("no {what} here"));
        } else {
            self.view.cursor = Some(0);
        }
    }

    fn enter(&mut self) {
        match self.target() {
            None => self.cursor_on(),
            Some(Target::Cite(n)) => self.overlay = Overlay::Preview(n),
            Some(Target::Item(item)) => self.jump(item),
        }
    }

    fn open(&mut self) {
        match self.target().or_else(|| self.targets().first().copied()) {
            Some(Target::Cite(n)) => self.open_reference(n),
            Some(Target::Item(item)) => self.jump(item),
            None => {
                let what = self.targets_word();
                self.warn(format!("no {what} here"));
            }
        }
    }

    fn open_reference(&mut self, n: RefNo) {
        if let Some(&r) = self.db.ref_index.get(&n) {
            self.jump(ItemRef::Reference(r));
        } else {
            self.warn(format!("[{n}] is not in the dataset's reference list"));
        }
    }

    /// Shows `item` in its pane, saving the current view on the back stack.
    fn jump(&mut self, item: ItemRef) {
        let Some(&(tab, spot)) = self.home.get(&item) else {
            self.warn(format!("no pane shows this {}", item.kind()));
            return;
        };
        let before = self.view.clone();
        // An item outside the stage filter is shown with the filter off.
        if let Some(s) = self.view.stage
            && !self.db.in_stage(item, s)
        {
            self.view.stage = None;
            self.view.panes.set_stage(&self.db, None);
            self.tell("the stage filter is off: what the jump shows lies outside the stage");
        }
        self.view.tab = tab;
        self.view.cursor = None;
        self.view.scroll = 0;
        if !self.active().show(spot) {
            // The filter in place hides the row: every row again, then the jump.
            self.view.panes.get_mut(tab).set_filter(&self.db, None);
            self.active().show(spot);
            self.tell("the filter is off: what the jump shows did not match it");
        }
        if self.view != before {
            self.back.push(before);
            if self.back.len() > MAX_BACK {
                self.back.remove(0);
            }
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let p = Position { x, y };
        let hm = self.hitmap.borrow().clone();
        if let Some(&(_, t)) = hm.tabs.iter().find(|(r, _)| r.contains(p)) {
            self.overlay = Overlay::None;
            self.go_tab(Tab::from_repr(t).unwrap_or_default());
        } else if self.overlay != Overlay::None {
            self.overlay = Overlay::None;
        } else if let Some(&(_, i)) = hm.rows.iter().find(|(r, _)| r.contains(p)) {
            let len = self.pane().len(&self.db);
            if i < len
                && let Some(sel) = self.active().selection_mut()
            {
                // A click on a row puts the reader back in the list: the cursor was over the
                // links of the row it left.
                sel.set(i, len);
                self.view.cursor = None;
            }
        } else if let Some(&(_, k)) = hm.links.iter().find(|(r, _)| r.contains(p))
            && k < self.targets().len()
        {
            self.view.cursor = Some(k);
        } else if let Some(&(_, item)) = hm.items.iter().find(|(r, _)| r.contains(p)) {
            // A stage's band or an event's tick on the year axis: show it.
            self.jump(item);
        }
    }

    fn wheel(&mut self, up: bool, x: u16, y: u16) {
        let p = Position { x, y };
        let over_list =
            self.hitmap.borrow().rows.iter().any(|(r, _)| r.contains(p)) || !self.pane().has_list();
        if over_list && self.view.cursor.is_none() {
            self.vertical(if up { -1 } else { 1 });
        } else {
            self.scroll_by(if up { -1 } else { 1 });
        }
    }

    /// Checks the invariants every state must keep; returns what is broken (tests call this
    /// after every step).
    pub fn check_invariants(&self) -> Result<(), String> {
        for tab in <Tab as strum::IntoEnumIterator>::iter() {
            self.view
                .panes
                .get(tab)
                .check(&self.db)
                .map_err(|e| format!("{tab}: {e}"))?;
        }
        if let Some(c) = self.view.cursor
            && c >= self.targets().len()
        {
            return Err(format!("cursor {c} of {}", self.targets().len()));
        }
        if !self.search.hits.is_empty() && self.search.sel >= self.search.hits.len() {
            return Err("search selection out of range".into());
        }
        if self.back.len() > MAX_BACK {
            return Err("back stack unbounded".into());
        }
        Ok(())
    }
}
