//! Pane 2, Timeline: the stages on a year axis, the entries of the selected stage, and the
//! selected entry in full with every cited source written out beneath it.
//!
//! ```text
//!  1992   1996   2000   2004   2008   2012   2016        ← year axis
//!  ├── First stage ──────┤                               ← one row per stage, so overlaps show
//!                        ├── Second stage ─────┤
//!                                              ├─ Third ┤
//! ┌◀ 1/4 First stage 1992–2003 ▶─┐┌ 12 February 1992 ─────────────────┐
//! │1992-02-12 Diplomatic relations││ diplomacy · Kabul · Astana         │
//! │1992       Visit of Hatef      ││ text … [1]                         │
//! │…                              ││ Sources                            │
//! └───────────────────────────────┘│ [1] Cooperation of the Republic …  │
//! ```
//! The stages sit on separate rows because the article's own stages overlap (2014 belongs to
//! the second and the third); drawing them on one row would hide that.

use std::rc::Rc;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Common, Pane, Selection, Sideways, Spot, Target, cite_targets};
use crate::data::model::StatementKind;
use crate::data::{Db, HashMap, ItemRef, fmt_value, plural};
use crate::draw::Cx;
use crate::draw::text::{self, wrap};

/// The Timeline: a list per section (each stage's entries, then the analysis), and which
/// section and entry are selected.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// The entries of each stage (its events, then its documents), then the analysis (notes
    /// and statements), built once and shared with every saved view.
    whole: Rc<[Vec<ItemRef>]>,
    /// The entries listed: the whole sections, or what the filter in place keeps of them.
    sections: Rc<[Vec<ItemRef>]>,
    /// The words of the filter in place.
    narrow: Option<String>,
    /// How many of the sections are stages.
    stages: usize,
    section: usize,
    entry: Vec<Selection>,
    axis: Rc<Axis>,
    /// The year axis shows only the selected stage's years.
    zoom: bool,
}

impl Timeline {
    /// The Timeline of `db`, at its first stage.
    pub fn new(db: &Db, common: &Common) -> Timeline {
        let set = &db.set;
        // Each stage opens with its card, then its events and documents.
        let mut sections: Vec<Vec<ItemRef>> = db
            .stage_events
            .iter()
            .enumerate()
            .map(|(s, evs)| {
                std::iter::once(ItemRef::Stage(s))
                    .chain(evs.iter().map(|&e| ItemRef::Event(e)))
                    .collect()
            })
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
        let sections: Rc<[Vec<ItemRef>]> = sections.into();
        Timeline {
            entry: vec![Selection::default(); sections.len()],
            whole: Rc::clone(&sections),
            sections,
            narrow: None,
            stages: set.stages.len(),
            section: 0,
            axis: Rc::clone(&common.axis),
            zoom: false,
        }
    }

    /// Zooms the axis to the selected stage's years, or back to all years; true if it is
    /// zoomed now (never in the analysis, which has no years).
    pub fn toggle_zoom(&mut self) -> bool {
        self.zoom = !self.zoom && !self.in_analysis();
        self.zoom
    }

    /// The stage the axis is zoomed to, if any.
    pub fn zoomed(&self) -> Option<usize> {
        (self.zoom && !self.in_analysis()).then_some(self.section)
    }

    /// The selected entry.
    pub fn entry(&self) -> Option<ItemRef> {
        let sec = self.sections.get(self.section)?;
        sec.get(self.entry.get(self.section)?.index()).copied()
    }

    /// The entries of each section.
    pub fn sections(&self) -> &[Vec<ItemRef>] {
        &self.sections
    }

    /// The selected section.
    pub fn section(&self) -> usize {
        self.section
    }

    /// True if the selected section is the analysis after the stages.
    pub fn in_analysis(&self) -> bool {
        self.section >= self.stages
    }
}

impl Pane for Timeline {
    fn len(&self, _db: &Db) -> usize {
        self.sections.get(self.section).map_or(0, Vec::len)
    }

    fn selection(&self) -> Option<Selection> {
        self.entry.get(self.section).copied()
    }

    fn selection_mut(&mut self) -> Option<&mut Selection> {
        self.entry.get_mut(self.section)
    }

    fn targets(&self, db: &Db) -> Vec<Target> {
        cite_targets(db, self.entry())
    }

    fn sideways(&self) -> Sideways {
        Sideways::Lists
    }

    fn step_list(&mut self, d: isize) -> bool {
        let n = self.sections.len();
        if n == 0 {
            return false;
        }
        let s = (self.section as isize + d).clamp(0, n as isize - 1) as usize;
        let changed = s != self.section;
        self.section = s;
        changed
    }

    fn spots(&self, _db: &Db, add: &mut dyn FnMut(ItemRef, Spot)) {
        for (s, entries) in self.whole.iter().enumerate() {
            for (k, &item) in entries.iter().enumerate() {
                add(
                    item,
                    Spot {
                        list: s,
                        row: Some(k),
                    },
                );
            }
        }
    }

    fn set_stage(&mut self, _db: &Db, stage: Option<usize>) {
        // The Timeline opens at the stage filtered to.
        if let Some(s) = stage.filter(|&s| s < self.stages) {
            self.section = s;
        }
    }

    fn show(&mut self, spot: Spot) -> bool {
        // A spot is a row of the whole section; the filter in place may list it on another
        // row, or not at all.
        let item = spot
            .row
            .and_then(|r| self.whole.get(spot.list)?.get(r).copied());
        let row = match (spot.row, item) {
            (Some(_), Some(item)) => {
                match self
                    .sections
                    .get(spot.list)
                    .and_then(|s| s.iter().position(|&i| i == item))
                {
                    Some(row) => Some(row),
                    None => return false,
                }
            }
            _ => None,
        };
        self.section = spot.list;
        if let (Some(row), Some(e)) = (row, self.entry.get_mut(spot.list)) {
            *e = Selection::at(row);
        }
        true
    }

    fn selected_item(&self, _db: &Db) -> Option<ItemRef> {
        self.entry()
    }

    fn set_filter(&mut self, _db: &Db, filter: Option<(&str, &dyn Fn(ItemRef) -> bool)>) {
        let selected: Vec<Option<ItemRef>> = (0..self.sections.len())
            .map(|s| {
                let e = self.entry.get(s)?.index();
                self.sections[s].get(e).copied()
            })
            .collect();
        if let Some((query, keep)) = filter {
            self.narrow = Some(query.to_string());
            self.sections = self
                .whole
                .iter()
                .map(|sec| sec.iter().copied().filter(|&i| keep(i)).collect())
                .collect();
        } else {
            self.narrow = None;
            self.sections = Rc::clone(&self.whole);
        }
        // Each section's selected entry stays selected where it is still listed.
        for (s, item) in selected.into_iter().enumerate() {
            let row = item
                .and_then(|it| self.sections[s].iter().position(|&i| i == it))
                .unwrap_or(0);
            if let Some(e) = self.entry.get_mut(s) {
                *e = Selection::at(row);
            }
        }
    }

    fn filters(&self) -> bool {
        true
    }

    fn filter(&self) -> Option<&str> {
        self.narrow.as_deref()
    }

    fn check(&self, _db: &Db) -> Result<(), String> {
        if !self.sections.is_empty() && self.section >= self.sections.len() {
            return Err(format!(
                "section {} of {}",
                self.section,
                self.sections.len()
            ));
        }
        for (s, (sec, e)) in self.sections.iter().zip(&self.entry).enumerate() {
            if !e.fits(sec.len()) {
                return Err(format!(
                    "entry {} of {} in section {s}",
                    e.index(),
                    sec.len()
                ));
            }
        }
        Ok(())
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        draw(self, cx, area, buf);
    }
}

/// The year axis the Timeline and the Overview draw: the stages as bands over the years, and
/// how many events fall in each column.
#[derive(Debug, PartialEq, Eq)]
pub struct Axis {
    /// How many events fall in each month (or bare year, month `None`), in date order, and
    /// the first of them: counted once, not over every event each frame.
    months: Vec<(i32, Option<u8>, usize, usize)>,
}

/// What the axis marks beyond the stages and the events.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    /// The stage the list beside it shows (a ▶ before its band).
    pub section: Option<usize>,
    /// The stage every pane is filtered to (its band stands out).
    pub filter: Option<usize>,
    /// The selected event (its tick stands out).
    pub event: Option<usize>,
    /// The stage whose years the axis is zoomed to.
    pub zoom: Option<usize>,
}

/// The axis drawn: its lines, and what each clickable stretch of them stands for (a stage's
/// band, an event's tick): `(line, first column, columns, item)`.
pub type Drawn = (Vec<Line<'static>>, Vec<(usize, usize, usize, ItemRef)>);

impl Axis {
    /// The axis of `db`.
    pub fn new(db: &Db) -> Axis {
        let mut months: HashMap<(i32, Option<u8>), (usize, usize)> = HashMap::default();
        for (i, d) in db.dates.iter().enumerate() {
            let e = months.entry((d.year, d.month)).or_insert((0, i));
            e.0 += 1;
            // The first in date order (and in data order among equal dates).
            if (db.dates[e.1], e.1) > (*d, i) {
                e.1 = i;
            }
        }
        let mut months: Vec<(i32, Option<u8>, usize, usize)> = months
            .into_iter()
            .map(|((y, m), (n, first))| (y, m, n, first))
            .collect();
        months.sort_unstable();
        Axis { months }
    }
}

/// Years shown on the axis: the first stage's start to the last stage's end (or the article's
/// year), or the years of the stage zoomed to, as a half-open range of years.
///
/// In `i64`: validation keeps years to four digits, but the axis must not overflow (and so
/// hang or garble a frame) whatever years it is given.
fn span(db: &Db, zoom: Option<usize>) -> (i64, i64) {
    if let Some(z) = zoom.filter(|&z| z < db.set.stages.len()) {
        let lo = db.set.stages[z].start;
        return (i64::from(lo), i64::from(db.stage_end(z).max(lo)) + 1);
    }
    let lo = db
        .set
        .stages
        .iter()
        .map(|s| s.start)
        .min()
        .unwrap_or(db.set.article.year);
    let hi = (0..db.set.stages.len())
        .map(|i| db.stage_end(i))
        .max()
        .unwrap_or(lo)
        .max(lo);
    (i64::from(lo), i64::from(hi) + 1)
}

fn col(year: f64, lo: i64, hi: i64, width: usize) -> usize {
    let f = (year - lo as f64) / (hi - lo).max(1) as f64;
    ((f * width as f64).floor().max(0.0) as usize).min(width.saturating_sub(1))
}

/// Years between labels on an axis of `years` years in `width` cells: the smallest round step
/// that leaves each label (4 digits and a space) room. So there are at most `width / 6 + 1`
/// labels, whatever the span.
fn label_step(years: i64, width: usize) -> i64 {
    let width = width.max(1) as i64;
    let fits = |step: i64| width.saturating_mul(step) / years.max(1) >= 6;
    let small = [1, 2, 4, 5, 10, 20, 25, 50, 100, 1000];
    if let Some(step) = small.into_iter().find(|&s| fits(s)) {
        return step;
    }
    // Spans of more than a few thousand years (only an unvalidated dataset has them).
    let mut decade = 10_000_i64;
    loop {
        for m in [1_i64, 2, 5] {
            let step = m.saturating_mul(decade);
            if fits(step) || step == i64::MAX {
                return step;
            }
        }
        decade = decade.saturating_mul(10);
    }
}

impl Axis {
    /// The year axis as lines: labels, one band per stage (the `selected` one emphasised), and a
    /// row of event ticks.
    pub fn lines(&self, cx: &Cx, width: usize, selected: Option<usize>) -> Vec<Line<'static>> {
        let marks = Marks {
            section: selected,
            filter: cx.stage,
            ..Marks::default()
        };
        self.draw(cx, width, marks).0
    }

    /// The axis as lines (labels, a band per stage, the event ticks, and a legend of the
    /// ticks when a column holds several events), with `marks`, and where its stages and
    /// ticks are for clicks.
    pub fn draw(&self, cx: &Cx, width: usize, marks: Marks) -> Drawn {
        let t = cx.theme;
        let db = cx.db;
        let (lo, hi) = span(db, marks.zoom);
        let width = width.max(1);
        let step = label_step(hi - lo, width);
        let mut labels = vec![' '; width];
        let mut y = lo;
        while y < hi {
            let c = col(y as f64, lo, hi, width);
            let s = y.to_string();
            if c + s.len() <= width {
                for (k, ch) in s.chars().enumerate() {
                    labels[c + k] = ch;
                }
            }
            y = y.saturating_add(step);
        }
        let mut out = vec![Line::styled(
            labels.into_iter().collect::<String>(),
            t.muted,
        )];
        let mut hits = Vec::new();
        let [h, l, r] = cx.sym.axis;
        for (i, s) in db.set.stages.iter().enumerate() {
            // A stage outside the years zoomed to leaves its row empty.
            if i64::from(s.start) >= hi || i64::from(db.stage_end(i)) < lo {
                out.push(Line::default());
                continue;
            }
            let a = col(f64::from(s.start).max(lo as f64), lo, hi, width);
            let b = col(f64::from(db.stage_end(i)) + 1.0, lo, hi, width + 1)
                .max(a + 1)
                .min(width);
            let len = b - a;
            hits.push((out.len(), a, len, ItemRef::Stage(i)));
            let name = format!(" {} {} ", s.name, db.stage_span(i));
            let name_w = text::width(&name);
            let mut style = t.stages[i % t.stages.len()];
            if marks.section == Some(i) {
                style = style.add_modifier(Modifier::BOLD);
            }
            if marks.filter == Some(i) {
                // The stage every pane is filtered to.
                style = style.patch(t.matched);
            }
            let mark = if marks.section == Some(i) {
                cx.sym.next
            } else {
                " "
            };
            let mut spans = vec![Span::raw(" ".repeat(a.saturating_sub(1)))];
            if a > 0 {
                spans.push(Span::styled(mark, t.title));
            }
            let line = |n: usize| h.to_string().repeat(n);
            if len >= name_w + 2 {
                // The name fits inside the band.
                let fill = len - 2 - name_w;
                spans.push(Span::styled(
                    format!("{l}{}{name}{}{r}", line(fill / 2), line(fill - fill / 2)),
                    style,
                ));
            } else {
                // A short band: the name goes beside it, after if there is room, else before.
                let band = if len >= 2 {
                    format!("{l}{}{r}", line(len - 2))
                } else {
                    l.to_string()
                };
                if b + name_w <= width {
                    spans.push(Span::styled(band, style));
                    spans.push(Span::styled(name, t.muted));
                } else {
                    let before = text::truncate(name.trim_start(), a.saturating_sub(1));
                    let pad = a.saturating_sub(1 + text::width(&before));
                    spans = vec![Span::raw(" ".repeat(pad)), Span::styled(before, t.muted)];
                    if a > 0 {
                        spans.push(Span::styled(mark, t.title));
                    }
                    spans.push(Span::styled(band, style));
                }
            }
            if marks.section == Some(i) && a == 0 && b < width {
                spans.push(Span::styled(format!(" {}", cx.sym.prev), t.title));
            }
            out.push(Line::from(spans));
        }
        // Event ticks: how many events fall in each column, and the first of them.
        let mut counts = vec![(0usize, usize::MAX); width];
        let x_of = |year: i32, month: Option<u8>| {
            f64::from(year) + month.map_or(0.5, |m| (f64::from(m) - 0.5) / 12.0)
        };
        for &(year, month, n, first) in &self.months {
            if (lo..hi).contains(&i64::from(year)) {
                let c = &mut counts[col(x_of(year, month), lo, hi, width)];
                c.0 += n;
                if c.1 == usize::MAX || (db.dates[first], first) < (db.dates[c.1], c.1) {
                    c.1 = first;
                }
            }
        }
        let selected = marks.event.and_then(|e| {
            let d = db.dates.get(e)?;
            (lo..hi)
                .contains(&i64::from(d.year))
                .then(|| col(x_of(d.year, d.month), lo, hi, width))
        });
        let row = out.len();
        let mut spans = Vec::new();
        for (c, &(n, first)) in counts.iter().enumerate() {
            let ch = match n {
                0 => ' ',
                1 => cx.sym.tick,
                2..=9 => char::from_digit(n as u32, 10).unwrap_or('+'),
                _ => '+',
            };
            if n > 0 {
                hits.push((row, c, 1, ItemRef::Event(first)));
            }
            let style = if selected == Some(c) {
                t.selected
            } else {
                t.muted
            };
            spans.push(Span::styled(ch.to_string(), style));
        }
        out.push(Line::from(spans));
        // The legend of the ticks, when a column holds more than one event.
        if counts.iter().any(|c| c.0 > 1) || marks.zoom.is_some() {
            let mut legend = format!(
                "{} an event · 2-9 events in one column · + ten or more",
                cx.sym.tick
            );
            if let Some(z) = marks.zoom {
                legend.push_str(" · zoomed to ");
                legend.push_str(&db.stage_span(z));
                legend.push_str(" (z: all years)");
            }
            let click = " · a click on a band or a tick shows it";
            if text::width(&legend) + click.len() <= width {
                legend.push_str(click);
            }
            out.push(Line::styled(text::truncate(&legend, width), t.muted));
        }
        (out, hits)
    }
}

/// The list row for a timeline entry.
pub fn entry_row(cx: &Cx, item: ItemRef, width: usize) -> Line<'static> {
    let t = cx.theme;
    let db = cx.db;
    let warn = if db.warned.contains(&item) {
        format!("{} ", cx.sym.warn)
    } else {
        String::new()
    };
    let (lead, title) = match item {
        ItemRef::Stage(s) => (
            format!("{:<10} ", "the stage"),
            format!(
                "{}, {}",
                db.set.stages[s].name,
                plural(db.stage_events[s].len(), "event")
            ),
        ),
        ItemRef::Event(i) => (
            format!("{:<10} ", db.set.events[i].date),
            db.set.events[i].title.to_string(),
        ),
        ItemRef::Document(i) => (
            format!("{:<10} ", "§ document"),
            db.set.documents[i].title.to_string(),
        ),
        ItemRef::Note(i) => (
            format!("{}: ", db.set.notes[i].topic),
            db.set.notes[i].title.to_string(),
        ),
        ItemRef::Statement(i) => {
            let st = &db.set.statements[i];
            let who = db
                .person(&st.speaker)
                .map_or(st.speaker.as_str(), |p| p.name.as_str());
            let mark = match st.kind {
                StatementKind::Quote => cx.sym.quote,
                StatementKind::Paraphrase => "~ ",
            };
            (format!("{mark}{who}: "), st.text.to_string())
        }
        other => (String::new(), db.title(other)),
    };
    let lead = text::truncate(&lead, width);
    let mark = cx.inferred_mark(item);
    let rest = width.saturating_sub(text::width(&lead) + text::width(&warn) + text::width(&mark));
    let mut spans = vec![Span::styled(lead, t.muted), Span::styled(warn, t.warn)];
    spans.extend(cx.hl(&text::truncate(&title, rest), t.base));
    spans.push(Span::styled(mark, t.warn));
    Line::from(spans)
}

/// Names of the places and people an entry names.
fn names(
    db: &Db,
    places: &[crate::data::model::Text],
    people: &[crate::data::model::Text],
) -> (Vec<String>, Vec<String>) {
    (
        places
            .iter()
            .filter_map(|p| db.place(p))
            .map(|p| p.name.to_string())
            .collect(),
        people
            .iter()
            .filter_map(|p| db.person(p))
            .map(|p| {
                if p.aliases.is_empty() {
                    format!("{} ({})", p.name, p.role)
                } else {
                    let also = crate::data::spellings(&p.aliases);
                    format!("{} ({}; also written {also})", p.name, p.role)
                }
            })
            .collect(),
    )
}

/// The most figures a stage's card lists (the article's stages have up to 17): a large
/// dataset has thousands in a stage's years, and the card is built every frame.
const SHOWN: usize = 20;

/// The detail of an entry: its lines, and the line where each cited source starts.
pub fn detail_lines(cx: &Cx, item: ItemRef, width: usize) -> (Vec<Line<'static>>, Vec<usize>) {
    let t = cx.theme;
    let db = cx.db;
    let s = &db.set;
    let mut out: Vec<Line<'static>> = Vec::new();
    let cursor = cx.cursor;
    let field = |out: &mut Vec<Line<'static>>, label: &str, value: &str| {
        cx.field(out, label, value, width);
    };
    let mut body: Vec<Span<'static>> = Vec::new();
    let mut figures: Vec<usize> = Vec::new();
    match item {
        ItemRef::Stage(si) => {
            let st = &s.stages[si];
            let docs = (0..s.documents.len())
                .filter(|&d| db.in_stage(ItemRef::Document(d), si))
                .count();
            figures = db.stage_figures(si);
            out.extend(wrap(
                &[
                    Span::styled(db.stage_span(si), t.title),
                    Span::styled(
                        format!(
                            " · {}{}, {} of its years",
                            plural(db.stage_events[si].len(), "event"),
                            if docs > 0 {
                                format!(", {}", plural(docs, "document"))
                            } else {
                                String::new()
                            },
                            plural(figures.len(), "figure")
                        ),
                        t.muted,
                    ),
                ],
                width,
                2,
            ));
            if si + 1 < s.stages.len() && db.stage_end(si) >= s.stages[si + 1].start {
                field(
                    &mut out,
                    "overlaps",
                    &format!(
                        "{} ({}), which starts in {}",
                        s.stages[si + 1].name,
                        db.stage_span(si + 1),
                        s.stages[si + 1].start
                    ),
                );
            }
            out.push(Line::raw(""));
            body.extend(cx.hl(&st.name, t.base.add_modifier(Modifier::BOLD)));
            body.push(Span::raw(". "));
            body.extend(cx.hl(&st.summary, t.base));
        }
        ItemRef::Event(i) => {
            let e = &s.events[i];
            let d = db.dates[i];
            out.push(Line::from(vec![
                Span::styled(d.to_string(), t.title),
                Span::styled(
                    format!("  ({} precision) · {}", d.precision(), e.category.name()),
                    t.muted,
                ),
            ]));
            if let Some(si) = db.stage_index(&e.stage) {
                field(
                    &mut out,
                    "told under",
                    &format!("{} ({})", s.stages[si].name, db.stage_span(si)),
                );
            }
            if db.warned.contains(&item) {
                out.extend(wrap(
                    &[Span::styled(
                        format!(
                            "{} dated outside the years of that stage (see Audit)",
                            cx.sym.warn
                        ),
                        t.warn,
                    )],
                    width,
                    2,
                ));
            }
            let (places, people) = names(db, &e.places, &e.people);
            field(&mut out, "places", &places.join(", "));
            field(&mut out, "people", &people.join("; "));
            out.push(Line::raw(""));
            body.extend(cx.hl(&e.title, t.base.add_modifier(Modifier::BOLD)));
            body.push(Span::raw(". "));
            body.extend(cx.hl(&e.text, t.base));
        }
        ItemRef::Document(i) => {
            let d = &s.documents[i];
            out.push(Line::styled(format!("§ {}", d.kind.name()), t.title));
            if let Some(si) = db.stage_index(&d.stage) {
                field(
                    &mut out,
                    "told under",
                    &format!("{} ({})", s.stages[si].name, db.stage_span(si)),
                );
            }
            if let Some(ev) = d.event.as_ref().and_then(|id| db.event_index(id)) {
                field(
                    &mut out,
                    "signed",
                    &format!("{} — {}", db.dates[ev], s.events[ev].title),
                );
            }
            out.push(Line::raw(""));
            body.extend(cx.hl(&d.title, t.base));
        }
        ItemRef::Statement(i) => {
            let st = &s.statements[i];
            let who = db.person(&st.speaker);
            out.push(Line::styled(
                match st.kind {
                    StatementKind::Quote => "Quotation",
                    StatementKind::Paraphrase => "Paraphrase (our words)",
                },
                t.title,
            ));
            if let Some(p) = who {
                field(&mut out, "speaker", &format!("{}, {}", p.name, p.role));
            }
            if let Some(ev) = st.event.as_ref().and_then(|id| db.event_index(id)) {
                field(
                    &mut out,
                    "when",
                    &format!("{} — {}", db.dates[ev], s.events[ev].title),
                );
            }
            out.push(Line::raw(""));
            match st.kind {
                StatementKind::Quote => {
                    body.push(Span::styled("“", t.quote));
                    body.extend(cx.hl(&st.text, t.quote));
                    body.push(Span::styled("”", t.quote));
                }
                StatementKind::Paraphrase => body.extend(cx.hl(&st.text, t.base)),
            }
        }
        ItemRef::Note(i) => {
            let n = &s.notes[i];
            out.push(Line::styled(n.topic.to_string(), t.title));
            let (places, people) = names(db, &n.places, &n.people);
            field(&mut out, "places", &places.join(", "));
            field(&mut out, "people", &people.join("; "));
            out.push(Line::raw(""));
            body.extend(cx.hl(&n.title, t.base.add_modifier(Modifier::BOLD)));
            body.push(Span::raw(". "));
            body.extend(cx.hl(&n.text, t.base));
            if !n.at.is_empty() {
                body.push(Span::styled(format!(" ({})", n.at), t.muted));
            }
        }
        other => body.push(Span::raw(db.title(other))),
    }
    let cites = db.cites(item);
    if !cites.is_empty() {
        body.push(Span::raw(" "));
        body.extend(cx.cite_spans(cites, cursor));
    }
    out.extend(wrap(&body, width, 0));
    // Statements said at this event.
    if let ItemRef::Event(i) = item {
        for st in s
            .statements
            .iter()
            .filter(|st| st.event.as_deref() == Some(s.events[i].id.as_str()))
        {
            let who = db
                .person(&st.speaker)
                .map_or(st.speaker.as_str(), |p| p.name.as_str());
            out.push(Line::raw(""));
            let mut spans = vec![Span::styled(format!("{who}: "), t.muted)];
            match st.kind {
                StatementKind::Quote => spans.push(Span::styled(format!("“{}”", st.text), t.quote)),
                StatementKind::Paraphrase => {
                    spans.push(Span::raw(format!("{} ({})", st.text, st.kind.name())));
                }
            }
            spans.push(Span::raw(" "));
            spans.extend(cx.cite_spans(&st.cites, None));
            out.extend(wrap(&spans, width, 2));
        }
        for d in s
            .documents
            .iter()
            .filter(|d| d.event.as_deref() == Some(s.events[i].id.as_str()))
        {
            out.extend(wrap(
                &[
                    Span::styled("signed: ", t.muted),
                    Span::raw(format!("§ {}", d.title)),
                ],
                width,
                2,
            ));
        }
    }
    if !figures.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled(
            cx.rule("Figures of these years", width),
            t.muted,
        ));
        for &f in figures.iter().take(SHOWN) {
            let fig = &s.figures[f];
            let mut spans = vec![
                Span::raw("  "),
                Span::styled(fmt_value(fig.value, fig.unit, fig.qualifier), t.title),
                Span::raw(" "),
            ];
            spans.extend(cx.hl(&format!("{} ({})", fig.label, fig.period_label()), t.base));
            if !fig.cites.is_empty() {
                spans.push(Span::raw(" "));
                spans.extend(cx.cite_spans(&fig.cites, None));
            }
            if !matches!(fig.provenance, crate::data::model::Provenance::Stated) {
                spans.push(Span::styled(
                    format!(" {}", fig.provenance.name()),
                    t.derived,
                ));
            }
            out.extend(wrap(&spans, width, 4));
        }
        if figures.len() > SHOWN {
            out.extend(wrap(
                &[Span::styled(
                    format!(
                        "  and {} more: Trade & Aid lists them all under the stage filter (])",
                        figures.len() - SHOWN
                    ),
                    t.muted,
                )],
                width,
                4,
            ));
        }
    }
    out.extend(cx.inference_lines(item, width));
    let mut starts = Vec::new();
    if cites.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled(
            "The article cites no source for this.",
            t.muted,
        ));
    } else {
        out.push(Line::raw(""));
        out.push(Line::styled(cx.rule("Sources", width), t.muted));
        for (k, &n) in cites.iter().enumerate() {
            starts.push(out.len());
            out.extend(cx.source_lines(n, width, cursor == Some(k)));
        }
    }
    (out, starts)
}

fn draw(pane: &Timeline, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let db = cx.db;
    // The year axis, when there is room: the list's stage marked, the filter's stage standing
    // out, the selected event's tick highlighted; its bands and ticks are clickable.
    let marks = Marks {
        section: (!pane.in_analysis()).then_some(pane.section),
        filter: cx.stage,
        event: match pane.entry() {
            Some(ItemRef::Event(e)) => Some(e),
            _ => None,
        },
        zoom: pane.zoomed(),
    };
    let width = area.width.saturating_sub(2);
    let (axis_lines, axis_hits) = if area.height >= 20 {
        pane.axis.draw(cx, width as usize, marks)
    } else {
        (Vec::new(), Vec::new())
    };
    let [axis, main] = area.layout(&Layout::vertical([
        Constraint::Length(axis_lines.len() as u16),
        Constraint::Min(0),
    ]));
    let x0 = axis.x + 1;
    for (k, line) in axis_lines.iter().enumerate().take(axis.height as usize) {
        text::put_line(buf, x0, axis.y + k as u16, line, width);
    }
    let mut hm = cx.hits.borrow_mut();
    for &(row, from, len, item) in &axis_hits {
        if row < axis.height as usize {
            let r = Rect::new(x0 + from as u16, axis.y + row as u16, len as u16, 1);
            hm.items.push((r.intersection(axis), item));
        }
    }
    drop(hm);
    let list_w = (main.width * 2 / 5).clamp(24, 60);
    let [left, right] = main.layout(&Layout::horizontal([
        Constraint::Length(list_w),
        Constraint::Min(0),
    ]));
    let n_sec = pane.sections.len();
    let sec = pane.section;
    // The stages are numbered among themselves ("2/3"); the analysis after them is named,
    // not counted as a stage.
    let title = if pane.in_analysis() {
        "Analysis & statements (outside the stages)".to_string()
    } else if let Some(s) = db.set.stages.get(sec) {
        format!(
            "{}/{} {} {}{}",
            sec + 1,
            pane.stages,
            s.name,
            db.stage_span(sec),
            cx.inferred_mark(ItemRef::Stage(sec))
        )
    } else {
        "No stages".to_string()
    };
    let (lt, rt) = (cx.sym.prev, cx.sym.next);
    let block = cx.block(
        text::truncate(
            &format!(
                "{}{title}{}",
                if sec > 0 {
                    format!("{lt} ")
                } else {
                    String::new()
                },
                if sec + 1 < n_sec {
                    format!(" {rt}")
                } else {
                    String::new()
                }
            ),
            list_w.saturating_sub(4) as usize,
        ),
        cx.cursor.is_none(),
    );
    let entries: &[ItemRef] = pane.sections.get(sec).map_or(&[], Vec::as_slice);
    // The filter in place, under the list: how much of the section it keeps.
    let block = match pane.filter() {
        Some(q) => {
            let whole = pane.whole.get(sec).map_or(0, Vec::len);
            let note = format!(" {} of {whole} match “{q}” ", entries.len());
            block.title_bottom(Line::styled(
                text::truncate(&note, list_w.saturating_sub(4) as usize),
                cx.theme.title,
            ))
        }
        None => block,
    };
    let inner = block.inner(left);
    block.render(left, buf);
    if entries.is_empty() {
        let why = if pane.filter().is_some() {
            "(nothing here matches the filter; Esc clears it)"
        } else {
            "(nothing in this section)"
        };
        cx.placeholder(inner, buf, why);
    }
    let selected = pane.selection().unwrap_or_default().index();
    cx.draw_list(inner, buf, entries.len(), Some(selected), &|i, w| {
        entry_row(cx, entries[i], w)
    });

    let Some(item) = pane.entry() else {
        cx.block("", false).render(right, buf);
        return;
    };
    let head = match item {
        ItemRef::Event(i) => db.set.events[i].title.to_string(),
        ItemRef::Document(_) => "Legal framework".into(),
        ItemRef::Statement(_) => "Statement".into(),
        ItemRef::Note(i) => db.set.notes[i].title.to_string(),
        other => db.title(other),
    };
    let block = cx.block(
        text::truncate(&head, right.width.saturating_sub(4) as usize),
        cx.cursor.is_some(),
    );
    let inner = block.inner(right);
    block.render(right, buf);
    let (lines, starts) = detail_lines(cx, item, inner.width as usize);
    let focus = cx.cursor.and_then(|c| starts.get(c).copied());
    let links: Vec<(usize, usize)> = starts.iter().enumerate().map(|(k, &l)| (l, k)).collect();
    cx.draw_lines(inner, buf, &lines, focus, &links);
    let on_cite = cx
        .cursor
        .and_then(|c| pane.targets(db).get(c).copied())
        .is_some_and(|t| matches!(t, Target::Cite(_)));
    if on_cite {
        let hint = " Enter preview · o open · Esc leave ";
        let w = text::width(hint) as u16;
        if w + 2 < right.width {
            buf.set_string(right.x + 2, right.bottom() - 1, hint, cx.theme.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use proptest::prelude::*;

    use super::*;
    use crate::draw::{HitMap, Look};

    /// The axis of the schema example with its first stage given these years (unvalidated:
    /// the axis must cope with whatever a `Db` holds), drawn `width` cells wide.
    fn axis(start: i32, end: Option<i32>, width: usize) -> Vec<String> {
        let mut set = crate::data::load::load_str("example.ron", crate::schema::EXAMPLE)
            .expect("the example loads")
            .set;
        set.stages[0].start = start;
        set.stages[0].end = end;
        let db = Db::new(set);
        let look = Look::default();
        let hits = RefCell::new(HitMap::default());
        let cx = Cx {
            db: &db,
            theme: &look.theme,
            sym: look.sym,
            query: "",
            cursor: None,
            scroll: 0,
            stage: None,
            hits: &hits,
        };
        Axis::new(&db)
            .lines(&cx, width, Some(0))
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn years_at_the_ends_of_i32_draw_an_axis_and_do_not_hang() {
        for (start, end) in [
            (2_147_483_000, Some(2_147_483_646)),
            (i32::MIN, Some(0)),
            (i32::MIN, Some(i32::MAX)),
            (-1_000_000_000, Some(1_000_000_000)),
            (i32::MAX, None),
        ] {
            let lines = axis(start, end, 100);
            let labels = lines[0].split_whitespace().count();
            assert!(labels <= 100 / 6 + 1, "{start}..{end:?}: {}", lines[0]);
        }
    }

    proptest! {
        #[test]
        fn any_years_give_at_most_one_label_per_six_cells(
            start in any::<i32>(), end in proptest::option::of(any::<i32>()), width in 1usize..300,
        ) {
            let lines = axis(start, end, width);
            let labels = lines[0].split_whitespace().count();
            prop_assert!(labels <= width / 6 + 1, "{}", lines[0]);
            for l in &lines {
                prop_assert!(text::width(l) <= width + 2, "{l}");
            }
        }
    }
}
