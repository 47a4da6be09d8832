//! Pane 4, Sources: the reference list, the selected reference in full, and everything that
//! cites it, each a link.
//!
//! ```text
//! ┌ Sources (10) ───────────┐┌ [5] Country Review for 2015. Afghanistan ───────┐
//! │[1] Cooperation of the … ││ [5] Country Review …  (the reference in full)    │
//! │[5] Country Review …     ││ ── Cited by 12 ──                                │
//! │[9] ⚠ uncited …          ││ event  2007 IGC meeting in Astana                │
//! └─────────────────────────┘└──────────────────────────────────────────────────┘
//! ```

use std::rc::Rc;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Common, Narrow, Pane, Rows, Selection, Spot, Target, item_targets};
use crate::data::{Db, ItemRef, plural};
use crate::draw::Cx;
use crate::draw::text;

/// Sources: the selected reference, and under the stage filter what of the stage cites each.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sources {
    /// The selected row of the list.
    reference: Selection,
    /// The stage filtered to, and for each reference the items of the stage that cite it.
    stage: Option<(usize, Rc<[Vec<ItemRef>]>)>,
    /// The filter in place, over the references.
    narrow: Option<Narrow>,
    /// The order of the list.
    order: Order,
    /// The references listed, in order (the filter's, sorted).
    rows: Rows,
}

/// How the Sources list is sorted, as a reference manager would offer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    /// By the article's numbers.
    #[default]
    Number,
    /// By year (undated last), then number.
    Year,
    /// By author, or publisher where there is no author (neither: last), then number.
    Author,
}

impl Order {
    /// The next order, round.
    fn next(self) -> Order {
        match self {
            Order::Number => Order::Year,
            Order::Year => Order::Author,
            Order::Author => Order::Number,
        }
    }

    /// Its name, for the title and the status line.
    pub fn name(self) -> &'static str {
        match self {
            Order::Number => "number",
            Order::Year => "year",
            Order::Author => "author",
        }
    }
}

/// Who a reference is by, as a bibliography row names it: its authors, else its publisher.
pub fn who(r: &crate::data::model::Reference) -> &str {
    if r.authors.is_empty() {
        &r.publisher
    } else {
        &r.authors
    }
}

/// The year of a reference's date, if it can be read.
pub fn year(r: &crate::data::model::Reference) -> Option<i32> {
    crate::export::cite::parse_date(&r.date).map(|d| d.year)
}

impl Sources {
    /// What cites reference `r`: everything, or under the stage filter the stage's items.
    fn cited_by<'a>(&'a self, db: &'a Db, r: usize) -> &'a [ItemRef] {
        match &self.stage {
            Some((_, by)) => by.get(r).map_or(&[], Vec::as_slice),
            None => db.cited_by.get(r).map_or(&[], Vec::as_slice),
        }
    }
}

impl Sources {
    /// Lists the references the filter keeps, in the order chosen; the selected reference
    /// stays selected where it is still listed.
    fn relist(&mut self, db: &Db) {
        let refs = &db.set.references;
        let n = refs.len();
        let selected = self.selected(db);
        let mut kept: Vec<usize> = (0..n)
            .filter(|&r| Narrow::keeps(self.narrow.as_ref(), r))
            .collect();
        match self.order {
            Order::Number => kept.sort_by_key(|&r| refs[r].number),
            Order::Year => {
                kept.sort_by_key(|&r| (year(&refs[r]).unwrap_or(i32::MAX), refs[r].number));
            }
            Order::Author => kept.sort_by_cached_key(|&r| {
                let w = who(&refs[r]).to_lowercase();
                (w.is_empty(), w, refs[r].number)
            }),
        }
        let natural = self.narrow.is_none() && kept.iter().enumerate().all(|(k, &r)| k == r);
        self.rows = if natural {
            Rows::all()
        } else {
            Rows::of(kept.into_iter())
        };
        self.reference = Selection::at(selected.and_then(|r| self.rows.row_of(r, n)).unwrap_or(0));
    }

    /// How the list is sorted.
    pub fn order(&self) -> Order {
        self.order
    }

    /// The reference (its index in the list of references) on row `row`.
    fn reference_at(&self, db: &Db, row: usize) -> Option<usize> {
        self.rows.at(row, db.set.references.len())
    }

    /// The selected reference.
    fn selected(&self, db: &Db) -> Option<usize> {
        self.reference_at(db, self.reference.index())
    }

    /// The Sources pane, at the first reference.
    pub fn new(_db: &Db, _common: &Common) -> Sources {
        Sources::default()
    }
}

impl Pane for Sources {
    fn len(&self, db: &Db) -> usize {
        self.rows.len(db.set.references.len())
    }

    fn selection(&self) -> Option<Selection> {
        Some(self.reference)
    }

    fn selection_mut(&mut self) -> Option<&mut Selection> {
        Some(&mut self.reference)
    }

    fn targets(&self, db: &Db) -> Vec<Target> {
        self.selected(db)
            .map(|r| item_targets(self.cited_by(db, r)))
            .unwrap_or_default()
    }

    fn selected_item(&self, db: &Db) -> Option<ItemRef> {
        self.selected(db).map(ItemRef::Reference)
    }

    fn set_filter(&mut self, db: &Db, filter: Option<(&str, &dyn Fn(ItemRef) -> bool)>) {
        self.narrow = Narrow::new(filter, db.set.references.len(), ItemRef::Reference);
        self.relist(db);
    }

    fn sort(&mut self, db: &Db) -> Option<&'static str> {
        self.order = self.order.next();
        self.relist(db);
        Some(self.order.name())
    }

    fn filters(&self) -> bool {
        true
    }

    fn filter(&self) -> Option<&str> {
        self.narrow.as_ref().map(|n| n.query.as_str())
    }

    fn set_stage(&mut self, db: &Db, stage: Option<usize>) {
        self.stage = stage.map(|s| {
            let by: Vec<Vec<ItemRef>> = db
                .cited_by
                .iter()
                .map(|v| v.iter().copied().filter(|&it| db.in_stage(it, s)).collect())
                .collect();
            (s, Rc::from(by))
        });
    }

    fn spots(&self, db: &Db, add: &mut dyn FnMut(ItemRef, Spot)) {
        for i in 0..db.set.references.len() {
            add(
                ItemRef::Reference(i),
                Spot {
                    list: 0,
                    row: Some(i),
                },
            );
        }
    }

    fn show(&mut self, spot: Spot) -> bool {
        match spot.row.map(|r| self.rows.row_of(r, usize::MAX)) {
            Some(Some(row)) => {
                self.reference = Selection::at(row);
                true
            }
            Some(None) => false,
            None => true,
        }
    }

    fn check(&self, db: &Db) -> Result<(), String> {
        if self.reference.fits(self.len(db)) {
            Ok(())
        } else {
            Err("source out of range".into())
        }
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        draw(self, cx, area, buf);
    }
}

fn draw(pane: &Sources, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let row = pane.reference.index();
    let selected = pane.selected(cx.db);
    let stage = pane
        .stage
        .as_ref()
        .map(|(s, _)| cx.db.title(ItemRef::Stage(*s)));
    let t = cx.theme;
    let db = cx.db;
    let list_w = (area.width * 2 / 5).clamp(24, 60);
    let [left, right] = area.layout(&Layout::horizontal([
        Constraint::Length(list_w),
        Constraint::Min(0),
    ]));
    let n = db.set.references.len();
    let rows = pane.len(db);
    let by = match pane.order {
        Order::Number => String::new(),
        o => format!(" by {}", o.name()),
    };
    let title = match pane.filter() {
        Some(q) => format!("Sources {rows} of {n} “{q}”{by}"),
        None => format!("Sources ({n}){by}"),
    };
    let block = cx.block(
        text::truncate(&title, list_w.saturating_sub(4) as usize),
        cx.cursor.is_none(),
    );
    let inner = block.inner(left);
    block.render(left, buf);
    if rows == 0 && n > 0 {
        cx.placeholder(inner, buf, "(no source matches the filter; Esc clears it)");
    }
    cx.draw_list(inner, buf, rows, Some(row), &|k, w| {
        let i = pane.reference_at(db, k).unwrap_or(0);
        let r = &db.set.references[i];
        let title = r.display_title();
        let uncited = db.cited_by[i].is_empty();
        let mut spans = vec![Span::styled(format!("[{}] ", r.number), t.cite)];
        if uncited {
            spans.push(Span::styled(format!("{} uncited ", cx.sym.warn), t.warn));
        }
        let mark = cx.inferred_mark(ItemRef::Reference(i));
        // Under the stage filter: how many of the stage's items cite it, at the right.
        let in_stage = stage.as_ref().map(|_| pane.cited_by(db, i).len());
        let tail = in_stage.map_or(String::new(), |n| format!(" {n} in stage"));
        // As a bibliography reads: who, the year, the title. Who gets a third of the row at
        // most, and gives way so the title keeps ten cells; the year and the tail are whole.
        let year = year(r).map_or_else(|| "n.d. ".to_string(), |y| format!("{y} "));
        let fixed = spans.iter().map(|s| text::width(&s.content)).sum::<usize>()
            + year.len()
            + text::width(&mark)
            + tail.len();
        let room = (w / 3).min(w.saturating_sub(fixed + 10 + 1));
        let who = who(r);
        if !who.is_empty() && room >= 4 {
            spans.push(Span::styled(
                format!("{} ", text::truncate(who, room)),
                t.title,
            ));
        }
        spans.push(Span::styled(year, t.muted));
        let used = spans.iter().map(|s| text::width(&s.content)).sum::<usize>()
            + text::width(&mark)
            + tail.len();
        let title = text::truncate(title, w.saturating_sub(used));
        let pad = if tail.is_empty() {
            String::new()
        } else {
            " ".repeat(w.saturating_sub(used + text::width(&title)))
        };
        spans.extend(cx.hl(&title, t.base));
        spans.push(Span::styled(mark, t.warn));
        spans.push(Span::raw(pad));
        spans.push(Span::styled(tail, t.muted));
        let line = Line::from(spans);
        // A reference the stage never cites is dimmed.
        if in_stage == Some(0) {
            line.patch_style(t.outside)
        } else {
            line
        }
    });
    let Some((selected, r)) = selected.and_then(|i| Some((i, db.set.references.get(i)?))) else {
        cx.block("", false).render(right, buf);
        return;
    };
    let block = cx.block(format!("[{}] in full", r.number), cx.cursor.is_some());
    let inner = block.inner(right);
    block.render(right, buf);
    let w = inner.width as usize;
    let mut lines = cx.source_lines(r.number, w, false);
    lines.extend(cx.inference_lines(ItemRef::Reference(selected), w));
    lines.push(Line::raw(""));
    let by = pane.cited_by(db, selected);
    let rule = cx.sym.rule;
    let head = if let Some(name) = &stage {
        format!(
            "{} Cited by {} of {name} (of {} in all) ",
            rule.repeat(2),
            plural(by.len(), "item"),
            db.cited_by[selected].len()
        )
    } else if by.is_empty() {
        format!(
            "{} {} Cited by nothing in this dataset ",
            rule.repeat(2),
            cx.sym.warn
        )
    } else {
        format!(
            "{} Cited by {} (Enter or l, then j/k and Enter to jump) ",
            rule.repeat(2),
            plural(by.len(), "item")
        )
    };
    lines.extend(text::wrap(
        &[Span::styled(
            head,
            if by.is_empty() && stage.is_none() {
                t.warn
            } else {
                t.muted
            },
        )],
        w,
        3,
    ));
    let first = lines.len();
    let focus = cx.cursor.map(|c| first + c);
    // Only the rows in view are built: a source may be cited by thousands of items.
    let h = inner.height as usize;
    let off = cx.lines_offset(first + by.len(), h, focus);
    let mut links = Vec::new();
    for (k, &item) in by.iter().enumerate() {
        links.push((lines.len(), k));
        lines.push(if (off..off + h).contains(&lines.len()) {
            cx.link_row(item, w, cx.cursor == Some(k))
        } else {
            Line::default()
        });
    }
    cx.draw_lines(inner, buf, &lines, focus, &links);
}
