//! The application state and every change to it.
//!
//! [`App::apply`] is the only way state changes: keys, mouse and resizes all arrive as
//! [`Action`]s, so tests drive the whole explorer without a terminal. What is on screen is
//! a pure function of this state (see `ui`), except for one thing rendering reports back: where
//! it drew the tabs and list rows ([`HitMap`]), so that a click can be resolved to a row.

use std::cell::{OnceCell, RefCell};

use clap::ValueEnum;
use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::data::model::RefNo;
use crate::data::{Db, HashMap, ItemRef};
use crate::search::SearchIndex;
use crate::theme::Theme;

/// The panes, in tab-bar order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, ValueEnum)]
pub enum Tab {
    /// The article at a glance.
    #[default]
    Overview,
    /// Stages and their events, each with its sources.
    Timeline,
    /// Charts of trade and aid, with provenance.
    Trade,
    /// The references and what cites each.
    Sources,
    /// The places involved.
    Map,
    /// The data's own arithmetic, checked.
    Audit,
}

impl Tab {
    /// Every pane, in order.
    pub const ALL: [Tab; 6] = [
        Tab::Overview,
        Tab::Timeline,
        Tab::Trade,
        Tab::Sources,
        Tab::Map,
        Tab::Audit,
    ];
    /// The title in the tab bar.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::Timeline => "Timeline",
            Tab::Trade => "Trade & Aid",
            Tab::Sources => "Sources",
            Tab::Map => "Map",
            Tab::Audit => "Audit",
        }
    }
    /// Position in the tab bar.
    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
    /// The next pane, wrapping.
    pub fn next(self) -> Tab {
        Tab::ALL[(self.index() + 1) % Tab::ALL.len()]
    }
    /// The previous pane, wrapping.
    pub fn prev(self) -> Tab {
        Tab::ALL[(self.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]
    }
}

/// How to draw: theme, ASCII only, mouse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Colours.
    pub theme: Theme,
    /// ASCII only: borders, bars, markers.
    pub ascii: bool,
    /// Capture the mouse.
    pub mouse: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            theme: Theme::DARK,
            ascii: false,
            mouse: true,
        }
    }
}

/// What the reader is looking at: the part of the state the back stack saves and restores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// The pane.
    pub tab: Tab,
    /// Timeline: the section (a stage, or the analysis after the stages).
    pub section: usize,
    /// Timeline: the selected entry in each section.
    pub entry: Vec<usize>,
    /// Sources: the selected reference (index).
    pub source: usize,
    /// Trade: the chart (the last one is "all figures").
    pub chart: usize,
    /// Trade: the selected bar of each chart.
    pub bar: Vec<usize>,
    /// Map: the selected place.
    pub place: usize,
    /// Audit: the selected rule.
    pub rule: usize,
    /// The cursor across the selected item's citations or links, when active.
    pub cursor: Option<usize>,
    /// How far the detail text is scrolled.
    pub scroll: u16,
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

/// Where the detail cursor can go: a citation or an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A citation `[n]`.
    Cite(RefNo),
    /// An item to jump to.
    Item(ItemRef),
}

/// A bar of a chart view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarRef {
    /// Group label (may be empty).
    pub group: String,
    /// Bar label.
    pub label: String,
    /// Figure index.
    pub figure: usize,
}

/// A search result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// What matched.
    pub item: ItemRef,
}

/// The search: the prompt, and the results it found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// The prompt is open and takes the keys.
    pub editing: bool,
    /// What was typed.
    pub query: String,
    /// The results, in dataset order.
    pub hits: Vec<Hit>,
    /// The selected result.
    pub sel: usize,
}

/// Where rendering put clickable things (cleared and refilled every frame).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HitMap {
    /// Tab titles.
    pub tabs: Vec<(Rect, Tab)>,
    /// List rows: the area of each visible row and the selection index it stands for.
    pub rows: Vec<(Rect, usize)>,
    /// Link rows of the detail (cursor positions).
    pub links: Vec<(Rect, usize)>,
}

/// The whole application state.
#[derive(Debug)]
pub struct App {
    /// The data.
    pub db: Db,
    /// How to draw.
    pub opts: Options,
    /// What is shown.
    pub view: View,
    /// Views to return to, most recent last.
    pub back: Vec<View>,
    /// The popup.
    pub overlay: Overlay,
    /// The search.
    pub search: Search,
    /// Trade: logarithmic scale.
    pub log_scale: bool,
    /// Trade: table instead of bars.
    pub table: bool,
    /// Set by [`Action::Quit`].
    pub quit: bool,
    /// Timeline sections: the entries of each stage, then the analysis (notes, statements).
    pub sections: Vec<Vec<ItemRef>>,
    /// Trade: the bars of each chart, then every figure.
    pub charts: Vec<Vec<BarRef>>,
    /// Where each item lives in the panes.
    home: HashMap<ItemRef, (Tab, usize, usize)>,
    /// The search index: built by [`App::prepare`] once the first frame is drawn, or by the
    /// first search, whichever comes first.
    index: OnceCell<SearchIndex>,
    /// How many events fall in each month (or bare year, month `None`), in date order: the
    /// timeline's ticks, counted once rather than over every event each frame.
    pub month_counts: Vec<(i32, Option<u8>, usize)>,
    /// Written by rendering, read by clicks.
    pub hitmap: RefCell<HitMap>,
    /// The last known terminal size.
    pub size: (u16, u16),
}

/// Rows a page moves.
const PAGE: usize = 10;

impl App {
    /// A new app on `db`.
    pub fn new(db: Db, opts: Options) -> App {
        let set = &db.set;
        let mut sections: Vec<Vec<ItemRef>> = db
            .stage_events
            .iter()
            .map(|evs| evs.iter().map(|&e| ItemRef::Event(e)).collect())
            .collect();
        for (i, d) in set.documents.iter().enumerate() {
            if let Some(s) = db.stage_index(&d.stage) {
                sections[s].push(ItemRef::Document(i));
            }
        }
        let analysis: Vec<ItemRef> = (0..set.notes.len())
            .map(ItemRef::Note)
            .chain((0..set.statements.len()).map(ItemRef::Statement))
            .collect();
        if !analysis.is_empty() {
            sections.push(analysis);
        }
        let mut charts: Vec<Vec<BarRef>> = set
            .charts
            .iter()
            .map(|c| {
                c.groups
                    .iter()
                    .flat_map(|g| {
                        g.bars.iter().filter_map(|(label, fig)| {
                            db.figure_index.get(fig.as_str()).map(|&figure| BarRef {
                                group: g.label.to_string(),
                                label: label.to_string(),
                                figure,
                            })
                        })
                    })
                    .collect()
            })
            .collect();
        charts.push(
            set.figures
                .iter()
                .enumerate()
                .map(|(i, f)| BarRef {
                    group: String::new(),
                    label: f.label.to_string(),
                    figure: i,
                })
                .collect(),
        );
        let mut home = HashMap::default();
        for (s, entries) in sections.iter().enumerate() {
            for (k, item) in entries.iter().enumerate() {
                home.entry(*item).or_insert((Tab::Timeline, s, k));
            }
        }
        for (c, bars) in charts.iter().enumerate() {
            for (k, b) in bars.iter().enumerate() {
                home.entry(ItemRef::Figure(b.figure))
                    .or_insert((Tab::Trade, c, k));
            }
        }
        for i in 0..set.stages.len() {
            home.insert(ItemRef::Stage(i), (Tab::Timeline, i, usize::MAX));
        }
        for i in 0..set.charts.len() {
            home.insert(ItemRef::Chart(i), (Tab::Trade, i, usize::MAX));
        }
        for i in 0..set.references.len() {
            home.insert(ItemRef::Reference(i), (Tab::Sources, i, 0));
        }
        for i in 0..set.places.len() {
            home.insert(ItemRef::Place(i), (Tab::Map, i, 0));
        }
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
        let mut months: HashMap<(i32, Option<u8>), usize> = HashMap::default();
        for d in &db.dates {
            *months.entry((d.year, d.month)).or_default() += 1;
        }
        let mut month_counts: Vec<(i32, Option<u8>, usize)> =
            months.into_iter().map(|((y, m), n)| (y, m, n)).collect();
        month_counts.sort_unstable();
        let view = View {
            tab: Tab::Overview,
            section: 0,
            entry: vec![0; sections.len()],
            source: 0,
            chart: 0,
            bar: vec![0; charts.len()],
            place: 0,
            rule: 0,
            cursor: None,
            scroll: 0,
        };
        App {
            db,
            opts,
            view,
            back: Vec::new(),
            overlay: Overlay::None,
            search: Search::default(),
            log_scale: false,
            table: false,
            quit: false,
            sections,
            charts,
            home,
            index: OnceCell::new(),
            month_counts,
            hitmap: RefCell::new(HitMap::default()),
            size: (0, 0),
        }
    }

    /// The pane an item is shown in, if it has one.
    pub fn pane_of(&self, item: ItemRef) -> Option<Tab> {
        self.home.get(&item).map(|h| h.0)
    }

    /// The selected entry of the current Timeline section.
    pub fn entry(&self) -> Option<ItemRef> {
        let sec = self.sections.get(self.view.section)?;
        sec.get(self.view.entry[self.view.section]).copied()
    }

    /// True if the current Timeline section is the analysis after the stages.
    pub fn in_analysis(&self) -> bool {
        self.view.section >= self.db.set.stages.len()
    }

    /// The selected bar of the current chart view.
    pub fn bar(&self) -> Option<&BarRef> {
        self.charts
            .get(self.view.chart)?
            .get(self.view.bar[self.view.chart])
    }

    /// True if the current chart view is the "all figures" list.
    pub fn all_figures(&self) -> bool {
        self.view.chart >= self.db.set.charts.len()
    }

    /// The length of the current pane's main list.
    pub fn list_len(&self) -> usize {
        let s = &self.db.set;
        match self.view.tab {
            Tab::Overview => 0,
            Tab::Timeline => self.sections.get(self.view.section).map_or(0, Vec::len),
            Tab::Trade => self.charts.get(self.view.chart).map_or(0, Vec::len),
            Tab::Sources => s.references.len(),
            Tab::Map => s.places.len(),
            Tab::Audit => self.db.audit.len(),
        }
    }

    /// The current pane's selection index.
    pub fn selected(&self) -> usize {
        match self.view.tab {
            Tab::Overview => 0,
            Tab::Timeline => self.view.entry.get(self.view.section).copied().unwrap_or(0),
            Tab::Trade => self.view.bar.get(self.view.chart).copied().unwrap_or(0),
            Tab::Sources => self.view.source,
            Tab::Map => self.view.place,
            Tab::Audit => self.view.rule,
        }
    }

    fn set_selected(&mut self, i: usize) {
        let v = &mut self.view;
        match v.tab {
            Tab::Overview => {}
            Tab::Timeline => {
                if let Some(e) = v.entry.get_mut(v.section) {
                    *e = i;
                }
            }
            Tab::Trade => {
                if let Some(b) = v.bar.get_mut(v.chart) {
                    *b = i;
                }
            }
            Tab::Sources => v.source = i,
            Tab::Map => v.place = i,
            Tab::Audit => v.rule = i,
        }
        v.cursor = None;
        v.scroll = 0;
    }

    /// Where the detail cursor can go in the current pane.
    pub fn targets(&self) -> Vec<Target> {
        let cites = |item: Option<ItemRef>| -> Vec<Target> {
            item.map(|it| self.db.cites(it).iter().map(|&n| Target::Cite(n)).collect())
                .unwrap_or_default()
        };
        match self.view.tab {
            Tab::Overview => Vec::new(),
            Tab::Timeline => cites(self.entry()),
            Tab::Trade => cites(self.bar().map(|b| ItemRef::Figure(b.figure))),
            Tab::Sources => self
                .db
                .cited_by
                .get(self.view.source)
                .map(|v| v.iter().map(|&i| Target::Item(i)).collect())
                .unwrap_or_default(),
            Tab::Map => self
                .db
                .place_items
                .get(self.view.place)
                .map(|v| v.iter().map(|&i| Target::Item(i)).collect())
                .unwrap_or_default(),
            Tab::Audit => self
                .audit_targets(self.view.rule)
                .into_iter()
                .map(Target::Item)
                .collect(),
        }
    }

    /// The items an audit rule's findings name, warnings first, without repeats.
    pub fn audit_targets(&self, rule: usize) -> Vec<ItemRef> {
        let mut out: Vec<ItemRef> = Vec::new();
        if let Some(r) = self.db.audit.get(rule) {
            let warn = r.findings.iter().filter(|f| !f.ok);
            let ok = r.findings.iter().filter(|f| f.ok);
            for f in warn.chain(ok) {
                for t in &f.targets {
                    if !out.contains(t) {
                        out.push(*t);
                    }
                }
            }
        }
        out
    }

    /// The target under the cursor.
    pub fn target(&self) -> Option<Target> {
        self.view
            .cursor
            .and_then(|c| self.targets().get(c).copied())
    }

    /// Applies one action. The only way the state changes.
    pub fn apply(&mut self, action: Action) {
        if self.search.editing && self.apply_prompt(action) {
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
                Action::Help | Action::Close => {
                    self.overlay = Overlay::None;
                    return;
                }
                _ => self.overlay = Overlay::None,
            }
        }
        if let Overlay::Preview(n) = self.overlay {
            match action {
                Action::Enter | Action::Open => {
                    self.overlay = Overlay::None;
                    if let Some(&r) = self.db.ref_index.get(&n) {
                        self.jump(ItemRef::Reference(r));
                    }
                    return;
                }
                Action::Close => {
                    self.overlay = Overlay::None;
                    return;
                }
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
            Action::NextHit => self.step_hit(1),
            Action::PrevHit => self.step_hit(-1),
            Action::Back => {
                if let Some(v) = self.back.pop() {
                    self.view = v;
                    self.overlay = Overlay::None;
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
                } else if !self.targets().is_empty() {
                    self.view.cursor = Some(0);
                }
            }
            Action::Open => self.open(),
            Action::ToggleScale => self.log_scale = !self.log_scale,
            Action::ToggleTable => self.table = !self.table,
            Action::ScrollDown => self.view.scroll = self.view.scroll.saturating_add(1).min(10_000),
            Action::ScrollUp => self.view.scroll = self.view.scroll.saturating_sub(1),
            Action::Input(_) | Action::Erase => {}
            Action::Click { x, y } => self.click(x, y),
            Action::Wheel { up, x, y } => self.wheel(up, x, y),
            Action::Resize(w, h) => self.size = (w, h),
        }
    }

    /// Handles an action while the search prompt is open; false if it is not the prompt's.
    fn apply_prompt(&mut self, action: Action) -> bool {
        match action {
            Action::Input(c) => {
                if !c.is_control() && self.search.query.chars().count() < 200 {
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
                if let Some(h) = self.search.hits.get(self.search.sel).copied() {
                    self.jump(h.item);
                }
            }
            Action::Close => self.search = Search::default(),
            Action::Quit => self.quit = true,
            Action::Resize(w, h) => self.size = (w, h),
            _ => return false,
        }
        true
    }

    /// Work the first frame does not need, done once it is on screen: the search index (on
    /// 100,000 events, 40-60 ms that the start no longer waits for). Searching before it is
    /// called builds the index then.
    pub fn prepare(&self) -> &SearchIndex {
        self.index.get_or_init(|| SearchIndex::build(&self.db))
    }

    fn run_search(&mut self) {
        let hits = self.prepare().find(&self.search.query);
        self.search.sel = 0;
        self.search.hits = hits.into_iter().map(|item| Hit { item }).collect();
    }

    fn step_hit(&mut self, d: isize) {
        let n = self.search.hits.len();
        if n == 0 {
            return;
        }
        self.search.sel = (self.search.sel as isize + d).rem_euclid(n as isize) as usize;
        let item = self.search.hits[self.search.sel].item;
        self.jump(item);
    }

    fn go_tab(&mut self, t: Tab) {
        if self.view.tab != t {
            self.view.tab = t;
            self.view.cursor = None;
            self.view.scroll = 0;
        }
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
        if self.view.tab == Tab::Overview {
            if d < 0 {
                self.view.scroll = self
                    .view
                    .scroll
                    .saturating_sub(d.unsigned_abs().min(1000) as u16);
            } else {
                self.view.scroll = self
                    .view
                    .scroll
                    .saturating_add(d.min(1000) as u16)
                    .min(10_000);
            }
            return;
        }
        let n = self.list_len();
        if n == 0 {
            return;
        }
        let i = (self.selected() as isize)
            .saturating_add(d)
            .clamp(0, n as isize - 1) as usize;
        if i != self.selected() {
            self.set_selected(i);
        }
    }

    fn horizontal(&mut self, d: isize) {
        match self.view.tab {
            Tab::Timeline | Tab::Trade if self.view.cursor.is_some() => self.move_cursor(d),
            Tab::Timeline => {
                let n = self.sections.len();
                if n > 0 {
                    let s = (self.view.section as isize + d).clamp(0, n as isize - 1) as usize;
                    if s != self.view.section {
                        self.view.section = s;
                        self.view.scroll = 0;
                    }
                }
            }
            Tab::Trade => {
                let n = self.charts.len();
                let c = (self.view.chart as isize + d).clamp(0, n as isize - 1) as usize;
                if c != self.view.chart {
                    self.view.chart = c;
                    self.view.scroll = 0;
                }
            }
            Tab::Sources | Tab::Map | Tab::Audit => {
                if d < 0 {
                    self.view.cursor = None;
                } else if self.view.cursor.is_none() && !self.targets().is_empty() {
                    self.view.cursor = Some(0);
                }
            }
            Tab::Overview => {}
        }
    }

    fn enter(&mut self) {
        match self.target() {
            None => {
                if !self.targets().is_empty() {
                    self.view.cursor = Some(0);
                }
            }
            Some(Target::Cite(n)) => self.overlay = Overlay::Preview(n),
            Some(Target::Item(item)) => self.jump(item),
        }
    }

    fn open(&mut self) {
        let target = self.target().or_else(|| self.targets().first().copied());
        match target {
            Some(Target::Cite(n)) => {
                if let Some(&r) = self.db.ref_index.get(&n) {
                    self.jump(ItemRef::Reference(r));
                }
            }
            Some(Target::Item(item)) => self.jump(item),
            None => {}
        }
    }

    /// Shows `item` in its pane, saving the current view on the back stack.
    pub fn jump(&mut self, item: ItemRef) {
        let Some(&(tab, a, b)) = self.home.get(&item) else {
            return;
        };
        let before = self.view.clone();
        let v = &mut self.view;
        v.tab = tab;
        v.cursor = None;
        v.scroll = 0;
        match tab {
            Tab::Timeline => {
                v.section = a;
                if b != usize::MAX {
                    v.entry[a] = b;
                }
            }
            Tab::Trade => {
                v.chart = a;
                if b != usize::MAX {
                    v.bar[a] = b;
                }
            }
            Tab::Sources => v.source = a,
            Tab::Map => v.place = a,
            Tab::Audit => v.rule = a,
            Tab::Overview => {}
        }
        if self.view != before {
            self.back.push(before);
            if self.back.len() > 1000 {
                self.back.remove(0);
            }
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let p = Position { x, y };
        let hm = self.hitmap.borrow().clone();
        if let Some(&(_, t)) = hm.tabs.iter().find(|(r, _)| r.contains(p)) {
            self.overlay = Overlay::None;
            self.go_tab(t);
        } else if self.overlay != Overlay::None {
            self.overlay = Overlay::None;
        } else if let Some(&(_, i)) = hm.rows.iter().find(|(r, _)| r.contains(p)) {
            if i < self.list_len() {
                self.set_selected(i);
            }
        } else if let Some(&(_, k)) = hm.links.iter().find(|(r, _)| r.contains(p))
            && k < self.targets().len()
        {
            self.view.cursor = Some(k);
        }
    }

    fn wheel(&mut self, up: bool, x: u16, y: u16) {
        let p = Position { x, y };
        let over_list = self.hitmap.borrow().rows.iter().any(|(r, _)| r.contains(p))
            || self.view.tab == Tab::Overview;
        if over_list && self.view.cursor.is_none() {
            self.vertical(if up { -1 } else { 1 });
        } else if up {
            self.view.scroll = self.view.scroll.saturating_sub(1);
        } else {
            self.view.scroll = self.view.scroll.saturating_add(1).min(10_000);
        }
    }

    /// Checks the invariants every state must keep; returns what is broken (tests call this
    /// after every step).
    pub fn check_invariants(&self) -> Result<(), String> {
        let v = &self.view;
        if !self.sections.is_empty() && v.section >= self.sections.len() {
            return Err(format!("section {} of {}", v.section, self.sections.len()));
        }
        for (s, sec) in self.sections.iter().enumerate() {
            if !sec.is_empty() && v.entry[s] >= sec.len() {
                return Err(format!(
                    "entry {} of {} in section {s}",
                    v.entry[s],
                    sec.len()
                ));
            }
        }
        if v.chart >= self.charts.len() {
            return Err(format!("chart {} of {}", v.chart, self.charts.len()));
        }
        for (c, bars) in self.charts.iter().enumerate() {
            if !bars.is_empty() && v.bar[c] >= bars.len() {
                return Err(format!("bar {} of {} in chart {c}", v.bar[c], bars.len()));
            }
        }
        let s = &self.db.set;
        if !s.references.is_empty() && v.source >= s.references.len() {
            return Err("source out of range".into());
        }
        if !s.places.is_empty() && v.place >= s.places.len() {
            return Err("place out of range".into());
        }
        if !self.db.audit.is_empty() && v.rule >= self.db.audit.len() {
            return Err("rule out of range".into());
        }
        if let Some(c) = v.cursor
            && c >= self.targets().len()
        {
            return Err(format!("cursor {c} of {}", self.targets().len()));
        }
        if !self.search.hits.is_empty() && self.search.sel >= self.search.hits.len() {
            return Err("search selection out of range".into());
        }
        if self.back.len() > 1000 {
            return Err("back stack unbounded".into());
        }
        Ok(())
    }
}
