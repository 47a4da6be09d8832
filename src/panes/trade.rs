//! Pane 3, Trade & Aid: the dataset's charts as horizontal bars (or a table), and a provenance
//! card for the selected bar with its sources in full.
//!
//! ```text
//! ┌◀ 1/7 Trade, 2013 and 2014 (USD million) ▶ linear ┐┌ Exports 2014 ───────────────┐
//! │Exports                                           ││ 333.5 USD mn · 2014         │
//! │  2013 ▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒  250.75 derived          ││ stated by the article [5]   │
//! │  2014 ███████████████████████▌ 333.5 [5]         ││ ── Sources ──               │
//! └──────────────────────────────────────────────────┘└─────────────────────────────┘
//! ```
//! Bars are drawn here rather than with ratatui's `BarChart`, whose `u64` values cannot show
//! 3.2 next to 333.5 or a negative balance: the exact value is always the label, the bar is
//! only its picture, and `s` switches to a log scale so the small bars stay visible. Derived
//! bars use a different fill (`▒`, or `:` in ASCII), so they read as derived without colour.

use std::rc::Rc;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Common, Pane, Selection, Sideways, Spot, Target, cite_targets};
use crate::data::expr::Expr;
use crate::data::model::Provenance;
use crate::data::{Db, ItemRef, fmt_num, fmt_value, plural};
use crate::draw::table::{self, Column};
use crate::draw::text::{self, wrap};
use crate::draw::{Cx, scroll};

/// A bar of a chart: the figure it draws and its labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarRef {
    /// The group's label (may be empty).
    pub group: String,
    /// The bar's label.
    pub label: String,
    /// The figure's index.
    pub figure: usize,
}

/// Trade & Aid: the bars of each chart (the last view lists every figure), which chart and
/// bar are selected, and how they are drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Trade {
    /// The bars of each chart, then every figure; built once, shared with saved views.
    charts: Rc<[Vec<BarRef>]>,
    /// How many of the views are the dataset's charts.
    declared: usize,
    chart: usize,
    /// The selected row of each view: a bar, or a row of the filtered table.
    bar: Vec<Selection>,
    log_scale: bool,
    table: bool,
    /// The stage filter: for each view, the bars whose figure lies in the stage.
    stage: Option<(usize, Rc<[Vec<usize>]>)>,
    /// The filter in place: its words, and for each view the bars whose figure matches them.
    narrow: Option<(String, Rc<[Vec<usize>]>)>,
    /// For each view, the bars both filters keep (a table lists only those; a chart dims
    /// the others); `None` with neither filter on.
    kept: Option<Rc<[Vec<usize>]>>,
}

impl Trade {
    /// Trade & Aid on `db`, at its first chart.
    pub fn new(db: &Db, _common: &Common) -> Trade {
        let set = &db.set;
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
        Trade {
            bar: vec![Selection::default(); charts.len()],
            charts: charts.into(),
            declared: set.charts.len(),
            chart: 0,
            log_scale: false,
            table: false,
            stage: None,
            narrow: None,
            kept: None,
        }
    }

    /// True if view `c` lists only the stage's figures: a table (every figure is one) with
    /// the stage filter on.
    fn filtered(&self, c: usize) -> Option<&[usize]> {
        let rows = self.kept.as_ref()?;
        (self.table || c >= self.declared)
            .then(|| rows.get(c).map(Vec::as_slice))
            .flatten()
    }

    /// The bar shown on row `row` of view `c`.
    fn bar_at(&self, c: usize, row: usize) -> Option<usize> {
        match self.filtered(c) {
            Some(rows) => rows.get(row).copied(),
            None => (row < self.charts.get(c)?.len()).then_some(row),
        }
    }

    /// The rows of view `c`.
    fn rows(&self, c: usize) -> usize {
        self.filtered(c)
            .map_or_else(|| self.charts.get(c).map_or(0, Vec::len), <[usize]>::len)
    }

    /// Changes how the views are listed (`change`), keeping each view's selected bar where it
    /// is still listed, else the first row.
    fn relist(&mut self, change: impl FnOnce(&mut Trade)) {
        let bars: Vec<Option<usize>> = (0..self.charts.len())
            .map(|c| self.bar_at(c, self.bar[c].index()))
            .collect();
        change(self);
        for (c, b) in bars.into_iter().enumerate() {
            let row = match (b, self.filtered(c)) {
                (Some(b), Some(rows)) => rows.iter().position(|&r| r == b).unwrap_or(0),
                (Some(b), None) => b,
                (None, _) => 0,
            };
            self.bar[c] = Selection::at(row.min(self.rows(c).saturating_sub(1)));
        }
    }

    /// True if bar `k` of the selected view is kept by the filters (or there is none).
    fn in_stage(&self, k: usize) -> bool {
        self.kept
            .as_ref()
            .is_none_or(|rows| rows[self.chart].binary_search(&k).is_ok())
    }

    /// The bars of each view that both filters keep.
    fn keep(&mut self) {
        self.kept = match (&self.stage, &self.narrow) {
            (None, None) => None,
            (Some((_, a)), None) | (None, Some((_, a))) => Some(Rc::clone(a)),
            (Some((_, a)), Some((_, b))) => Some(
                a.iter()
                    .zip(b.iter())
                    .map(|(a, b)| {
                        a.iter()
                            .copied()
                            .filter(|k| b.binary_search(k).is_ok())
                            .collect()
                    })
                    .collect(),
            ),
        };
    }

    /// For each view, the bars whose figure `keep` keeps.
    fn bars_kept(&self, keep: impl Fn(usize) -> bool) -> Rc<[Vec<usize>]> {
        self.charts
            .iter()
            .map(|bars| (0..bars.len()).filter(|&k| keep(bars[k].figure)).collect())
            .collect()
    }

    /// The selected bar.
    pub fn bar(&self) -> Option<&BarRef> {
        let k = self.bar_at(self.chart, self.bar[self.chart].index())?;
        self.charts.get(self.chart)?.get(k)
    }

    /// The bars of each chart, then every figure.
    pub fn charts(&self) -> &[Vec<BarRef>] {
        &self.charts
    }

    /// The selected chart (or the list of every figure, after the charts).
    pub fn chart(&self) -> usize {
        self.chart
    }

    /// How the charts are drawn: (log scale, table view).
    pub fn modes(&self) -> (bool, bool) {
        (self.log_scale, self.table)
    }

    /// True if the view is the list of every figure rather than a chart.
    pub fn all_figures(&self) -> bool {
        self.chart >= self.declared
    }

    /// Switches between a linear and a logarithmic scale.
    pub fn toggle_scale(&mut self) {
        self.log_scale = !self.log_scale;
    }

    /// Switches between bars and a table.
    pub fn toggle_table(&mut self) {
        self.relist(|t| t.table = !t.table);
    }

    /// The bars of the selected view.
    fn bars(&self) -> &[BarRef] {
        &self.charts[self.chart]
    }

    /// The selected bar's index among the view's bars.
    fn selected(&self) -> usize {
        self.bar_at(self.chart, self.bar[self.chart].index())
            .unwrap_or(0)
    }
}

impl Pane for Trade {
    fn len(&self, _db: &Db) -> usize {
        self.rows(self.chart)
    }

    fn set_stage(&mut self, db: &Db, stage: Option<usize>) {
        let lists = stage.map(|s| (s, self.bars_kept(|f| db.in_stage(ItemRef::Figure(f), s))));
        self.relist(|t| {
            t.stage = lists;
            t.keep();
        });
    }

    fn set_filter(&mut self, _db: &Db, filter: Option<(&str, &dyn Fn(ItemRef) -> bool)>) {
        let lists =
            filter.map(|(q, keep)| (q.to_string(), self.bars_kept(|f| keep(ItemRef::Figure(f)))));
        self.relist(|t| {
            t.narrow = lists;
            t.keep();
        });
    }

    fn filters(&self) -> bool {
        true
    }

    fn filter(&self) -> Option<&str> {
        self.narrow.as_ref().map(|(q, _)| q.as_str())
    }

    fn selected_item(&self, _db: &Db) -> Option<ItemRef> {
        self.bar().map(|b| ItemRef::Figure(b.figure))
    }

    fn selection(&self) -> Option<Selection> {
        Some(self.bar[self.chart])
    }

    fn selection_mut(&mut self) -> Option<&mut Selection> {
        self.bar.get_mut(self.chart)
    }

    fn targets(&self, db: &Db) -> Vec<Target> {
        cite_targets(db, self.bar().map(|b| ItemRef::Figure(b.figure)))
    }

    fn sideways(&self) -> Sideways {
        Sideways::Lists
    }

    fn step_list(&mut self, d: isize) -> bool {
        let n = self.charts.len();
        let c = (self.chart as isize + d).clamp(0, n as isize - 1) as usize;
        let changed = c != self.chart;
        self.chart = c;
        changed
    }

    fn spots(&self, db: &Db, add: &mut dyn FnMut(ItemRef, Spot)) {
        for (c, bars) in self.charts.iter().enumerate() {
            for (k, b) in bars.iter().enumerate() {
                add(
                    ItemRef::Figure(b.figure),
                    Spot {
                        list: c,
                        row: Some(k),
                    },
                );
            }
        }
        for i in 0..db.set.charts.len() {
            add(ItemRef::Chart(i), Spot { list: i, row: None });
        }
    }

    fn show(&mut self, spot: Spot) -> bool {
        // A spot names a bar; a filtered table lists it on another row, or not at all (a jump
        // to a figure outside the stage turns the stage filter off first).
        let row = match spot.row.map(|k| match self.filtered(spot.list) {
            Some(rows) => rows.iter().position(|&r| r == k),
            None => Some(k),
        }) {
            Some(None) => return false,
            Some(Some(row)) => Some(row),
            None => None,
        };
        self.chart = spot.list;
        if let (Some(row), Some(b)) = (row, self.bar.get_mut(spot.list)) {
            *b = Selection::at(row);
        }
        true
    }

    fn check(&self, _db: &Db) -> Result<(), String> {
        if self.chart >= self.charts.len() {
            return Err(format!("chart {} of {}", self.chart, self.charts.len()));
        }
        for (c, b) in self.bar.iter().enumerate() {
            if !b.fits(self.rows(c)) {
                return Err(format!(
                    "bar {} of {} in chart {c}",
                    b.index(),
                    self.rows(c)
                ));
            }
        }
        Ok(())
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        draw(self, cx, area, buf);
    }

    /// The scale and the table view are how the reader likes to see charts, not a place: going
    /// back keeps them.
    fn restore(&mut self, saved: Trade) {
        let (log_scale, table) = (self.log_scale, self.table);
        *self = Trade { log_scale, ..saved };
        self.relist(|t| t.table = table);
    }
}

/// The length of a bar in eighths of a cell, for `value` on a scale whose longest bar is `max`
/// and whose smallest positive value is `min_pos`, drawn in `cells` cells.
///
/// Linear: proportional, but any positive value gets at least one eighth, so it is visibly
/// not zero. Log: proportional to `log(value / floor)`, with the floor a tenth of the smallest
/// positive value, so the smallest bar is a tenth-decade long rather than nothing. Zero,
/// negative and non-finite values get no bar (their label says what they are).
pub fn bar_eighths(value: f64, min_pos: f64, max: f64, cells: usize, log: bool) -> usize {
    let full = cells * 8;
    if !(value.is_finite() && value > 0.0 && max.is_finite() && max > 0.0) || cells == 0 {
        return 0;
    }
    let f = if log {
        // In log space throughout, so 1e-300 next to 1e300 neither overflows nor underflows.
        let base = if min_pos.is_finite() && min_pos > 0.0 {
            min_pos.min(max)
        } else {
            max
        };
        let floor = libm::log(base) - std::f64::consts::LN_10;
        let span = libm::log(max) - floor;
        if span <= 0.0 {
            1.0
        } else {
            (libm::log(value) - floor) / span
        }
    } else {
        value / max
    };
    ((f.clamp(0.0, 1.0) * full as f64).round() as usize).clamp(1, full)
}

/// True for a figure we computed (derived or counted) rather than one the article states:
/// its bar gets the other fill.
fn ours(p: &Provenance) -> bool {
    !matches!(p, Provenance::Stated)
}

fn chart_title(pane: &Trade, cx: &Cx) -> String {
    let db = cx.db;
    let n = pane.charts.len();
    let c = pane.chart;
    let name = match db.set.charts.get(c) {
        Some(ch)
            if ch
                .title
                .to_lowercase()
                .contains(&ch.unit.name().to_lowercase()) =>
        {
            ch.title.to_string()
        }
        Some(ch) => format!("{} ({})", ch.title, ch.unit.name()),
        None => "All figures".to_string(),
    };
    let (l, r) = (cx.sym.prev, cx.sym.next);
    let mode = if pane.all_figures() || pane.table {
        "table"
    } else if pane.log_scale {
        "log scale"
    } else {
        "linear"
    };
    // The arrows only where there is a chart that way.
    let l = if c > 0 {
        format!("{l} ")
    } else {
        String::new()
    };
    let r = if c + 1 < n {
        format!(" {r}")
    } else {
        String::new()
    };
    format!("{l}{}/{n} {name}{r} {mode}", c + 1)
}

fn draw_bars(pane: &Trade, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let t = cx.theme;
    let db = cx.db;
    let bars = pane.bars();
    let values: Vec<f64> = bars
        .iter()
        .map(|b| db.set.figures[b.figure].value)
        .collect();
    let max = values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let min_pos = values
        .iter()
        .copied()
        .filter(|v| v.is_finite() && *v > 0.0)
        .fold(f64::INFINITY, f64::min);
    // Group headings when there is room for them; otherwise each bar carries its group's name.
    let groups = bars
        .iter()
        .filter(|b| !b.group.is_empty())
        .map(|b| b.group.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let compact = groups > 0 && bars.len() + groups + 1 > area.height as usize;
    let name = |b: &BarRef| {
        if compact && !b.group.is_empty() {
            format!("{} {}", b.group, b.label)
        } else {
            b.label.clone()
        }
    };
    let label_w = bars
        .iter()
        .map(|b| text::width(&name(b)))
        .max()
        .unwrap_or(0)
        .min(area.width as usize / 3);
    let value_w = bars
        .iter()
        .map(|b| {
            let f = &db.set.figures[b.figure];
            text::width(&fmt_value(f.value, f.unit, f.qualifier))
        })
        .max()
        .unwrap_or(0);
    // Rows: a heading for each new non-empty group, then the bar.
    let mut rows: Vec<(Option<usize>, Line<'static>)> = Vec::new();
    let mut last_group: Option<&str> = None;
    let width = area.width as usize;
    let bar_cells = width.saturating_sub(2 + label_w + 1 + value_w + 10).max(1);
    for (k, b) in bars.iter().enumerate() {
        if !compact && !b.group.is_empty() && last_group != Some(b.group.as_str()) {
            rows.push((None, Line::from(cx.hl(&b.group, t.title))));
        }
        last_group = Some(b.group.as_str());
        let f = &db.set.figures[b.figure];
        let derived = ours(&f.provenance);
        // Under the stage filter, bars outside the stage are dimmed.
        let dim = !pane.in_stage(k);
        let e = bar_eighths(f.value, min_pos, max, bar_cells, pane.log_scale);
        let label = text::truncate(&name(b), label_w);
        let pad = " ".repeat(label_w.saturating_sub(text::width(&label)));
        let warn = if db.warned.contains(&ItemRef::Figure(b.figure)) {
            format!(" {}", cx.sym.warn)
        } else {
            String::new()
        };
        let mut spans = vec![
            Span::raw("  "),
            Span::raw(label),
            Span::raw(pad),
            Span::raw(" "),
        ];
        spans.push(Span::styled(
            cx.sym.bar(e, derived),
            match (dim, derived) {
                (true, _) => t.outside,
                (false, true) => t.derived,
                (false, false) => t.stated,
            },
        ));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            fmt_value(f.value, f.unit, f.qualifier),
            if dim {
                t.outside
            } else {
                t.base.add_modifier(Modifier::BOLD)
            },
        ));
        if derived {
            spans.push(Span::styled(format!(" {}", f.provenance.name()), t.derived));
        } else {
            spans.push(Span::raw(" "));
            spans.extend(cx.cite_spans(&f.cites, None));
        }
        spans.push(Span::styled(warn, t.warn));
        let mut line = Line::from(spans);
        if dim {
            line = line.patch_style(t.outside);
        }
        rows.push((Some(k), line));
    }
    let sel_row = rows
        .iter()
        .position(|(k, _)| *k == Some(pane.selected()))
        .unwrap_or(0);
    let h = area.height as usize;
    let off = scroll::centred(sel_row, rows.len(), h);
    let mut hm = cx.hits.borrow_mut();
    for (y, (k, line)) in rows.iter().skip(off).take(h).enumerate() {
        let r = Rect::new(area.x, area.y + y as u16, area.width, 1);
        text::put_line(buf, r.x, r.y, line, r.width);
        if *k == Some(pane.selected()) {
            buf.set_style(r, t.selected);
            // The mark reads without colour; the bar rows start with two spaces for it.
            buf.set_string(r.x, r.y, cx.sym.select, t.selected);
        }
        if let Some(k) = k {
            hm.rows.push((r, *k));
        }
    }
    drop(hm);
    // Legend on the last row if there is room.
    if area.height as usize > rows.len() + 1 {
        let (s, d) = (cx.sym.stated, cx.sym.derived);
        let mut legend = Line::from(vec![
            Span::styled(format!("{s} stated  "), t.stated),
            Span::styled(format!("{d} derived by us  "), t.derived),
            Span::styled(
                if pane.log_scale {
                    "log scale (s: linear)"
                } else {
                    "linear scale (s: log)"
                },
                t.muted,
            ),
        ]);
        if let Some(st) = cx.stage {
            legend.spans.push(Span::styled(
                format!("  dimmed: outside {}", db.title(ItemRef::Stage(st))),
                t.muted,
            ));
        }
        if pane.filter().is_some() {
            legend
                .spans
                .push(Span::styled("  dimmed: not matching", t.muted));
        }
        text::put_line(buf, area.x, area.bottom() - 1, &legend, area.width);
    }
}

/// The table view: a row per figure with its name, value, period, how it is known and its
/// sources, columns sized to their content (`draw::table`); names and periods wrap rather than
/// be cut, values are never cut, and the audit's mark has a column of its own so names line up.
fn draw_table(pane: &Trade, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let t = cx.theme;
    let db = cx.db;
    // The rows listed: every bar, or under the stage filter the stage's.
    let all = pane.bars();
    let bars: Vec<&BarRef> = (0..pane.rows(pane.chart))
        .filter_map(|r| pane.bar_at(pane.chart, r))
        .map(|k| &all[k])
        .collect();
    if bars.is_empty() {
        let why = match (pane.filter(), cx.stage) {
            (Some(q), _) => format!("(no figure here matches “{q}”; Esc clears the filter)"),
            (None, Some(st)) => format!(
                "(no figure of this chart lies in {})",
                db.title(ItemRef::Stage(st))
            ),
            (None, None) => "(no figures)".to_string(),
        };
        cx.placeholder(area, buf, &why);
        return;
    }
    let name = |b: &BarRef| {
        if b.group.is_empty() || pane.all_figures() {
            b.label.clone()
        } else {
            format!("{} {}", b.group, b.label)
        }
    };
    let warned = |b: &BarRef| db.warned.contains(&ItemRef::Figure(b.figure));
    let value = |f: &crate::data::model::Figure| fmt_value(f.value, f.unit, f.qualifier);
    let widest = |head: &str, f: &dyn Fn(&BarRef) -> usize| {
        bars.iter()
            .map(|b| f(b))
            .max()
            .unwrap_or(0)
            .max(text::width(head))
    };
    let heads = ["", "figure", "value", "period", "how", "sources"];
    let mark_w = if bars.iter().any(|b| warned(b)) {
        text::width(cx.sym.warn)
    } else {
        0
    };
    let fig = |b: &BarRef| &db.set.figures[b.figure];
    let cells = |head: &str, f: &dyn Fn(&BarRef) -> usize| {
        let mut v: Vec<usize> = bars.iter().map(|b| f(b)).collect();
        v.push(text::width(head));
        v
    };
    let cols = [
        Column::fixed(mark_w),
        Column::from_widths(cells(heads[1], &|b| text::width(&name(b))), 12),
        Column::fixed(widest(heads[2], &|b| text::width(&value(fig(b))))).right(),
        Column::from_widths(cells(heads[3], &|b| text::width(&fig(b).period)), 6),
        Column::fixed(widest(heads[4], &|b| text::width(fig(b).provenance.name()))),
        Column::wrapping(
            widest(heads[5], &|b| crate::data::cite_marks(&fig(b).cites).len()),
            3,
        ),
    ];
    // The selection mark and the scroll bar take a cell each.
    let room = (area.width as usize).saturating_sub(2);
    let (cols, heads) = if mark_w == 0 {
        (&cols[1..], &heads[1..])
    } else {
        (&cols[..], &heads[..])
    };
    let widths = table::widths(cols, room);
    let header: Vec<Vec<Line<'static>>> = heads
        .iter()
        .zip(cols.iter().zip(&widths))
        .map(|(h, (c, &w))| table::plain(h, t.title.add_modifier(Modifier::UNDERLINED), w, c))
        .collect();
    for (k, line) in table::row(&header, cols, &widths)
        .iter()
        .take(area.height as usize)
        .enumerate()
    {
        text::put_line(buf, area.x + 1, area.y + k as u16, line, room as u16);
    }
    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    let sel = pane.bar[pane.chart].index();
    cx.draw_rows(body, buf, bars.len(), Some(sel), &|i, _| {
        let b = bars[i];
        let f = fig(b);
        let how_style = if ours(&f.provenance) {
            t.derived
        } else {
            t.stated
        };
        let mut cells = Vec::with_capacity(cols.len());
        let mut k = 0;
        let mut next =
            |cells: &mut Vec<Vec<Line<'static>>>,
             lines: &dyn Fn(usize, &Column) -> Vec<Line<'static>>| {
                cells.push(lines(widths[k], &cols[k]));
                k += 1;
            };
        if mark_w > 0 {
            let mark = if warned(b) { cx.sym.warn } else { "" };
            next(&mut cells, &|w, c| table::plain(mark, t.warn, w, c));
        }
        next(&mut cells, &|w, c| {
            table::cell(cx.hl(&name(b), t.base), w, c)
        });
        next(&mut cells, &|w, c| table::plain(&value(f), t.base, w, c));
        next(&mut cells, &|w, c| table::plain(&f.period, t.base, w, c));
        next(&mut cells, &|w, c| {
            table::plain(f.provenance.name(), how_style, w, c)
        });
        let cites = crate::data::cite_marks(&f.cites);
        next(&mut cells, &|w, c| table::plain(&cites, t.cite, w, c));
        table::row(&cells, cols, &widths)
    });
}

/// The provenance card of figure `fi`: value, unit, period, how it is known (with the formula
/// written out in names and in numbers), its sources in full. Returns the lines and where each
/// source starts.
pub fn card_lines(cx: &Cx, fi: usize, width: usize) -> (Vec<Line<'static>>, Vec<usize>) {
    let t = cx.theme;
    let db = cx.db;
    let f = &db.set.figures[fi];
    let mut out = Vec::new();
    let mut head = vec![
        Span::styled(fmt_value(f.value, f.unit, f.qualifier), t.title),
        Span::styled(
            format!(" · {} · {}", f.period_label(), f.unit.name()),
            t.muted,
        ),
    ];
    if db.warned.contains(&ItemRef::Figure(fi)) {
        head.push(Span::styled(format!(" {} see Audit", cx.sym.warn), t.warn));
    }
    out.extend(wrap(&head, width, 2));
    let mut label = cx.hl(&f.label, t.base.add_modifier(Modifier::BOLD));
    label.push(Span::styled(cx.inferred_mark(ItemRef::Figure(fi)), t.warn));
    out.extend(wrap(&label, width, 2));
    match &f.provenance {
        Provenance::Stated => {
            let mut spans = vec![
                Span::styled("stated", t.stated),
                Span::raw(" by the article "),
            ];
            spans.extend(cx.cite_spans(&f.cites, cx.cursor));
            out.extend(wrap(&spans, width, 2));
        }
        Provenance::Derived { formula } => {
            out.extend(wrap(
                &[
                    Span::styled("derived by us", t.derived),
                    Span::raw(" — the article does not state it"),
                ],
                width,
                2,
            ));
            if let Ok(e) = Expr::parse(formula) {
                let names = e.render(&|id| {
                    db.figure(id)
                        .map_or_else(|| id.to_string(), |g| format!("{} {}", g.label, g.period))
                });
                let nums =
                    e.render(&|id| db.figure_value(id).map_or_else(|| id.to_string(), fmt_num));
                let value = e
                    .eval(&|id| db.figure_value(id))
                    .map_or_else(|err| err.to_string(), fmt_num);
                out.extend(wrap(
                    &[Span::styled("formula: ", t.muted), Span::raw(names)],
                    width,
                    2,
                ));
                out.extend(wrap(
                    &[
                        Span::styled("         = ", t.muted),
                        Span::raw(format!("{nums} = {value}")),
                    ],
                    width,
                    11,
                ));
                out.extend(wrap(
                    &[
                        Span::styled("as data: ", t.muted),
                        Span::styled(formula.to_string(), t.muted),
                    ],
                    width,
                    2,
                ));
                let inputs: Vec<String> = e
                    .ids()
                    .iter()
                    .filter_map(|id| db.figure(id))
                    .map(|g| {
                        let how = g.provenance.name();
                        format!(
                            "{} {} = {} ({how})",
                            g.label,
                            g.period,
                            fmt_value(g.value, g.unit, g.qualifier)
                        )
                    })
                    .collect();
                for i in inputs {
                    out.extend(wrap(
                        &[Span::styled("  input: ", t.muted), Span::raw(i)],
                        width,
                        4,
                    ));
                }
            }
            if !f.cites.is_empty() {
                let mut spans = vec![Span::styled("inputs cited from ", t.muted)];
                spans.extend(cx.cite_spans(&f.cites, cx.cursor));
                out.extend(wrap(&spans, width, 2));
            }
        }
        Provenance::Counted { events } => {
            out.extend(wrap(
                &[
                    Span::styled("counted by us", t.derived),
                    Span::raw(format!(
                        ": the number of these {}",
                        plural(events.len(), "event")
                    )),
                ],
                width,
                2,
            ));
            for id in events {
                if let Some(i) = db.event_index(id) {
                    out.extend(wrap(
                        &[Span::raw(format!(
                            "  • {} {}",
                            db.set.events[i].date, db.set.events[i].title
                        ))],
                        width,
                        4,
                    ));
                }
            }
            if !f.cites.is_empty() {
                let mut spans = vec![Span::styled("cited: ", t.muted)];
                spans.extend(cx.cite_spans(&f.cites, cx.cursor));
                out.extend(wrap(&spans, width, 2));
            }
        }
    }
    if !f.note.is_empty() {
        out.extend(wrap(
            &[
                Span::styled("note: ", t.muted),
                Span::raw(f.note.to_string()),
            ],
            width,
            2,
        ));
    }
    let places = db.place_names(&f.places);
    if !places.is_empty() {
        out.extend(wrap(
            &[
                Span::styled("places: ", t.muted),
                Span::raw(places.join(", ")),
            ],
            width,
            2,
        ));
    }
    out.extend(cx.inference_lines(ItemRef::Figure(fi), width));
    let mut starts = Vec::new();
    if !f.cites.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled(cx.rule("Sources", width), t.muted));
        for (k, &n) in f.cites.iter().enumerate() {
            starts.push(out.len());
            out.extend(cx.source_lines(n, width, cx.cursor == Some(k)));
        }
    }
    (out, starts)
}

fn draw(pane: &Trade, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let db = cx.db;
    let wide = area.width >= 110;
    // Bars, group headings, legend, a two-line note and a gap, and the borders.
    let rows = pane.bars().len() + 9;
    let [chart_area, card_area] = if wide {
        area.layout(&Layout::horizontal([
            Constraint::Percentage(58),
            Constraint::Min(0),
        ]))
    } else {
        let h = (rows as u16 + 2)
            .min(area.height * 3 / 5)
            .max(area.height.min(6));
        area.layout(&Layout::vertical([
            Constraint::Length(h),
            Constraint::Min(0),
        ]))
    };
    let block = cx.block(
        text::truncate(
            &chart_title(pane, cx),
            chart_area.width.saturating_sub(4) as usize,
        ),
        cx.cursor.is_none(),
    );
    // The filter in place, under the chart: how many bars match (a chart dims the others).
    let block = match (pane.filter(), &pane.narrow) {
        (Some(q), Some((_, kept))) => {
            let n = kept.get(pane.chart).map_or(0, Vec::len);
            let note = format!(" {n} of {} match “{q}” ", pane.bars().len());
            block.title_bottom(Line::styled(
                text::truncate(&note, chart_area.width.saturating_sub(4) as usize),
                cx.theme.title,
            ))
        }
        _ => block,
    };
    let inner = block.inner(chart_area);
    block.render(chart_area, buf);
    let mut body = inner;
    if let Some(c) = db.set.charts.get(pane.chart)
        && !c.note.is_empty()
        && inner.height as usize >= pane.bars().len() + 5
    {
        let note = wrap(&cx.hl(&c.note, cx.theme.muted), inner.width as usize, 0);
        let n = (note.len() as u16).min(2);
        for (k, l) in note.iter().take(n as usize).enumerate() {
            text::put_line(buf, inner.x, inner.y + k as u16, l, inner.width);
        }
        body = Rect {
            y: inner.y + n + 1,
            height: inner.height.saturating_sub(n + 1),
            ..inner
        };
    }
    if pane.bars().is_empty() {
        cx.placeholder(body, buf, "(no figures)");
    } else if pane.table || pane.all_figures() {
        draw_table(pane, cx, body, buf);
    } else {
        draw_bars(pane, cx, body, buf);
    }
    let Some(bar) = pane.bar() else {
        cx.block("Provenance", false).render(card_area, buf);
        return;
    };
    let title = format!("Provenance: {}", db.set.figures[bar.figure].label);
    let block = cx.block(
        text::truncate(&title, card_area.width.saturating_sub(4) as usize),
        cx.cursor.is_some(),
    );
    let inner = block.inner(card_area);
    block.render(card_area, buf);
    let (lines, starts) = card_lines(cx, bar.figure, inner.width as usize);
    let focus = cx.cursor.and_then(|c| starts.get(c).copied());
    let links: Vec<(usize, usize)> = starts.iter().enumerate().map(|(k, &l)| (l, k)).collect();
    cx.draw_lines(inner, buf, &lines, focus, &links);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_scale_is_proportional_and_never_hides_a_positive_value() {
        assert_eq!(bar_eighths(333.5, 3.2, 333.5, 40, false), 320);
        assert_eq!(bar_eighths(166.75, 3.2, 333.5, 40, false), 160);
        // 3.2 of 333.5 in 40 cells is 3 eighths.
        assert_eq!(bar_eighths(3.2, 3.2, 333.5, 40, false), 3);
        // A tiny positive value still shows one eighth.
        assert_eq!(bar_eighths(0.0001, 0.0001, 333.5, 40, false), 1);
    }

    #[test]
    fn zero_negative_and_non_finite_get_no_bar() {
        for v in [0.0, -5.0, f64::NAN, f64::INFINITY] {
            assert_eq!(bar_eighths(v, 1.0, 10.0, 20, false), 0, "{v}");
            assert_eq!(bar_eighths(v, 1.0, 10.0, 20, true), 0, "{v}");
        }
        assert_eq!(bar_eighths(5.0, 1.0, 0.0, 20, false), 0);
        assert_eq!(bar_eighths(5.0, 1.0, 10.0, 0, false), 0);
    }

    #[test]
    fn one_bar_fills_the_width_on_both_scales() {
        assert_eq!(bar_eighths(7.0, 7.0, 7.0, 10, false), 80);
        assert_eq!(bar_eighths(7.0, 7.0, 7.0, 10, true), 80);
    }

    #[test]
    fn log_scale_makes_small_bars_visible() {
        let lin = bar_eighths(3.2, 3.2, 333.5, 40, false);
        let log = bar_eighths(3.2, 3.2, 333.5, 40, true);
        assert!(log > lin * 10, "log {log} lin {lin}");
        // log10(3.2/0.32) / log10(333.5/0.32) = 1 / 3.018 of 320 eighths.
        assert_eq!(log, 106);
        assert_eq!(bar_eighths(333.5, 3.2, 333.5, 40, true), 320);
    }

    #[test]
    fn huge_and_tiny_values_stay_in_range() {
        let e = bar_eighths(1e300, 1e-300, 1e300, 50, true);
        assert_eq!(e, 400);
        let e = bar_eighths(1e-300, 1e-300, 1e300, 50, true);
        assert!((1..=400).contains(&e));
        assert_eq!(bar_eighths(f64::MAX, 1.0, f64::MAX, 50, false), 400);
    }
}
