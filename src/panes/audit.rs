//! Pane 6, Audit: each rule the dataset declares, passed or warned, with its arithmetic written
//! out and the items involved as links.
//!
//! ```text
//! ┌ Audit: 11 rules, 5 warnings ┐┌ ⚠ Trade balance 2014 = exports − imports ───────┐
//! │✓ Turnover = exports + imp…  ││ ! Trade balance 2014  =  Exports 2014 − Imports │
//! │⚠ Balance = exports − imp…   ││   330.4 = 330.4                                 │
//! │…                            ││   333.5 − 3.2 = 330.3                           │
//! └─────────────────────────────┘│ ── Items ──                                     │
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Common, Pane, Selection, Target};
use crate::data::{Db, ItemRef, plural};
use crate::draw::Cx;
use crate::draw::text::{self, wrap};

/// Audit: the selected rule.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Audit {
    rule: Selection,
}

impl Audit {
    /// The Audit pane, at the first rule.
    pub fn new(_db: &Db, _common: &Common) -> Audit {
        Audit::default()
    }
}

/// The items an audit rule's findings name, warnings first, without repeats.
pub fn targets(db: &Db, rule: usize) -> Vec<ItemRef> {
    let mut out: Vec<ItemRef> = Vec::new();
    if let Some(r) = db.audit.get(rule) {
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

impl Pane for Audit {
    fn len(&self, db: &Db) -> usize {
        db.audit.len()
    }

    fn selection(&self) -> Option<Selection> {
        Some(self.rule)
    }

    fn selection_mut(&mut self) -> Option<&mut Selection> {
        Some(&mut self.rule)
    }

    fn targets(&self, db: &Db) -> Vec<Target> {
        targets(db, self.rule.index())
            .into_iter()
            .map(Target::Item)
            .collect()
    }

    fn check(&self, db: &Db) -> Result<(), String> {
        if self.rule.fits(db.audit.len()) {
            Ok(())
        } else {
            Err("rule out of range".into())
        }
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        draw(self.rule.index(), cx, area, buf);
    }
}

fn draw(selected: usize, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let t = cx.theme;
    let db = cx.db;
    let list_w = (area.width * 2 / 5).clamp(26, 60);
    let [left, right] = area.layout(&Layout::horizontal([
        Constraint::Length(list_w),
        Constraint::Min(0),
    ]));
    let warnings = db.warnings();
    let block = cx.block(
        format!(
            "Audit: {}, {}",
            plural(db.audit.len(), "rule"),
            plural(warnings, "warning")
        ),
        cx.cursor.is_none(),
    );
    let inner = block.inner(left);
    block.render(left, buf);
    if db.audit.is_empty() {
        buf.set_string(
            inner.x,
            inner.y,
            "(the dataset declares no audit rules)",
            t.muted,
        );
    }
    let (ok, warn) = (cx.sym.ok, cx.sym.alarm);
    cx.draw_list(inner, buf, db.audit.len(), Some(selected), &|i, w| {
        let r = &db.audit[i];
        let (mark, style) = if r.passed() {
            (ok, t.ok)
        } else {
            (warn, t.warn)
        };
        let count = if r.passed() {
            String::new()
        } else {
            format!(" ({})", r.warnings())
        };
        let title = text::truncate(
            &format!("{}{count}", r.title),
            w.saturating_sub(text::width(mark) + 1),
        );
        let mut spans = vec![Span::styled(format!("{mark} "), style)];
        spans.extend(cx.hl(&title, t.base));
        Line::from(spans)
    });
    let Some(r) = db.audit.get(selected) else {
        cx.block("", false).render(right, buf);
        return;
    };
    let head = format!("{} {}", if r.passed() { ok } else { warn }, r.title);
    let block = cx.block(
        text::truncate(&head, right.width.saturating_sub(4) as usize),
        cx.cursor.is_some(),
    );
    let inner = block.inner(right);
    block.render(right, buf);
    let w = inner.width as usize;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let summary = if r.passed() {
        format!("passed: {}", plural(r.findings.len(), "check"))
    } else {
        format!("{} of {} checks warn", r.warnings(), r.findings.len())
    };
    lines.push(Line::styled(
        summary,
        if r.passed() { t.ok } else { t.warn },
    ));
    lines.push(Line::raw(""));
    // Warnings first, then passes.
    for f in r
        .findings
        .iter()
        .filter(|f| !f.ok)
        .chain(r.findings.iter().filter(|f| f.ok))
    {
        let (mark, style) = if f.ok { (ok, t.ok) } else { (warn, t.warn) };
        for (k, l) in f.lines(db).iter().enumerate() {
            let lead = if k == 0 {
                Span::styled(format!("{mark} "), style)
            } else {
                Span::raw("   ")
            };
            let mut spans = vec![lead];
            spans.extend(cx.hl(l, if k == 0 { t.base } else { t.muted }));
            lines.extend(wrap(&spans, w, 3));
        }
    }
    let targets = targets(db, selected);
    let first;
    let mut links = Vec::new();
    if targets.is_empty() {
        first = lines.len();
    } else {
        lines.push(Line::raw(""));
        let rule = cx.sym.rule;
        lines.push(Line::styled(
            format!(
                "{} Items involved (Enter or l, then Enter to jump) ",
                rule.repeat(2)
            ),
            t.muted,
        ));
        first = lines.len();
        for (k, &item) in targets.iter().enumerate() {
            links.push((lines.len(), k));
            lines.push(cx.link_row(item, w, cx.cursor == Some(k)));
        }
    }
    let focus = cx.cursor.map(|c| first + c);
    cx.draw_lines(inner, buf, &lines, focus, &links);
}
