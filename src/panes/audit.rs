//! Pane 6, Audit: each rule the dataset declares, marked with its findings' outcome, the
//! findings grouped by outcome with their arithmetic written out, and the items involved as links.
//!
//! ```text
//! ┌ Audit: 11 rules, 5 findings differ ┐┌ ≈ Stated 2014 balance equals exports minus imports ┐
//! │ ✓ 2014 turnover equals exports + … ││1 agrees within rounding                             │
//! │▸≈ Stated 2014 balance equals expo… ││≈ agrees within rounding: Trade balance (2014)  =  … │
//! │ ⊘ Food aid value: MFA (over 17.0… ││   left:  330.4, within [330.35, 330.45]             │
//! │ ⚠ Overlap between stages (1)        ││   right: 333.5 − 3.2 = 330.3, within … = [330.2, …] │
//! └────────────────────────────────────┘└─────────────────────────────────────────────────────┘
//! ```

use std::rc::Rc;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Common, Pane, Selection, Target};
use crate::data::audit::{Finding, Outcome};
use crate::data::{Db, ItemRef, plural};
use crate::draw::Cx;
use crate::draw::text::{self, wrap};

/// Audit: the rules in the order they are listed (by outcome: what differs first, then the
/// source's wording, what cannot be compared, what agrees within rounding, what agrees; in the
/// dataset's order within each) and the selected row.
#[derive(Debug, Clone, PartialEq)]
pub struct Audit {
    /// Row by row, the rule's index in the dataset; built once, shared with saved views.
    order: Rc<[usize]>,
    row: Selection,
    /// The stage filtered to: only the findings that involve its items are shown.
    stage: Option<usize>,
}

impl Audit {
    /// The Audit pane, at the first row.
    pub fn new(db: &Db, _common: &Common) -> Audit {
        let rank = |o: Outcome| Outcome::ALL.iter().position(|&x| x == o).unwrap_or(0);
        let mut order: Vec<usize> = (0..db.audit.len()).collect();
        order.sort_by_key(|&i| (rank(db.audit[i].outcome()), i));
        Audit {
            order: order.into(),
            row: Selection::default(),
            stage: None,
        }
    }

    /// The selected rule's index in the dataset.
    pub fn rule(&self) -> Option<usize> {
        self.order.get(self.row.index()).copied()
    }
}

/// True if finding `f` involves an item of stage `stage` (or there is no stage filter).
fn involves(db: &Db, f: &Finding, stage: Option<usize>) -> bool {
    stage.is_none_or(|s| f.targets.iter().any(|&t| db.in_stage(t, s)))
}

/// The items an audit rule's findings name, by outcome (what differs first), without repeats;
/// under the stage filter only the findings that involve the stage's items count.
pub fn targets(db: &Db, rule: usize, stage: Option<usize>) -> Vec<ItemRef> {
    let mut out: Vec<ItemRef> = Vec::new();
    if let Some(r) = db.audit.get(rule) {
        for f in r.by_outcome().filter(|f| involves(db, f, stage)) {
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
        Some(self.row)
    }

    fn selection_mut(&mut self) -> Option<&mut Selection> {
        Some(&mut self.row)
    }

    fn targets(&self, db: &Db) -> Vec<Target> {
        self.rule()
            .map_or_else(Vec::new, |r| targets(db, r, self.stage))
            .into_iter()
            .map(Target::Item)
            .collect()
    }

    fn set_stage(&mut self, _db: &Db, stage: Option<usize>) {
        self.stage = stage;
    }

    fn check(&self, db: &Db) -> Result<(), String> {
        if self.row.fits(db.audit.len()) && self.order.len() == db.audit.len() {
            Ok(())
        } else {
            Err("rule out of range".into())
        }
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        draw(self, cx, area, buf);
    }
}

fn draw(pane: &Audit, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let t = cx.theme;
    let db = cx.db;
    let list_w = (area.width * 2 / 5).clamp(26, 60);
    let [left, right] = area.layout(&Layout::horizontal([
        Constraint::Length(list_w),
        Constraint::Min(0),
    ]));
    let title = format!(
        "Audit: {}, {}",
        plural(db.audit.len(), "rule"),
        db.audit_count()
    );
    let block = cx.block(
        text::truncate(&title, list_w.saturating_sub(2) as usize),
        cx.cursor.is_none(),
    );
    let inner = block.inner(left);
    block.render(left, buf);
    if db.audit.is_empty() {
        cx.placeholder(inner, buf, "(the dataset declares no audit rules)");
    }
    let style = |o: Outcome| match o {
        Outcome::Differs => t.warn,
        Outcome::CannotCompare | Outcome::SourceWording => t.muted,
        Outcome::AgreesWithinRounding | Outcome::Agrees => t.ok,
    };
    cx.draw_list(
        inner,
        buf,
        pane.order.len(),
        Some(pane.row.index()),
        &|i, w| {
            let r = &db.audit[pane.order[i]];
            let mark = cx.sym.outcome(r.outcome());
            let count = if r.passed() {
                String::new()
            } else {
                format!(" ({})", r.warnings())
            };
            let title = text::truncate(
                &format!("{}{count}", r.title),
                w.saturating_sub(text::width(mark) + 1),
            );
            let mut spans = vec![Span::styled(format!("{mark} "), style(r.outcome()))];
            spans.extend(cx.hl(&title, t.base));
            // Under the stage filter, a rule none of whose findings involve the stage is dimmed.
            if r.findings.iter().any(|f| involves(db, f, pane.stage)) {
                Line::from(spans)
            } else {
                Line::from(spans).patch_style(t.outside)
            }
        },
    );
    let Some((selected, r)) = pane.rule().and_then(|i| Some((i, db.audit.get(i)?))) else {
        cx.block("", false).render(right, buf);
        return;
    };
    let head = format!("{} {}", cx.sym.outcome(r.outcome()), r.title);
    let block = cx.block(
        text::truncate(&head, right.width.saturating_sub(4) as usize),
        cx.cursor.is_some(),
    );
    let inner = block.inner(right);
    block.render(right, buf);
    let w = inner.width as usize;
    let mut lines: Vec<Line<'static>> = Vec::new();
    // One line of counts, then the findings grouped by outcome, what differs first.
    let counts: Vec<String> = Outcome::ALL
        .iter()
        .filter_map(|&o| {
            let n = r.findings.iter().filter(|f| f.outcome == o).count();
            (n > 0).then(|| format!("{n} {}", o.words()))
        })
        .collect();
    lines.push(Line::styled(counts.join(" · "), style(r.outcome())));
    if let Some(s) = pane.stage {
        let shown = r
            .findings
            .iter()
            .filter(|f| involves(db, f, Some(s)))
            .count();
        lines.extend(wrap(
            &[Span::styled(
                format!(
                    "{} of {} {} {} (a shows them all)",
                    plural(shown, "finding"),
                    r.findings.len(),
                    if shown == 1 { "involves" } else { "involve" },
                    db.title(ItemRef::Stage(s))
                ),
                t.muted,
            )],
            w,
            2,
        ));
    }
    for f in r.by_outcome().filter(|f| involves(db, f, pane.stage)) {
        let mark = cx.sym.outcome(f.outcome);
        for (k, l) in f.lines(db).iter().enumerate() {
            let mut spans = if k == 0 {
                vec![
                    Span::styled(format!("{mark} "), style(f.outcome)),
                    Span::styled(format!("{}: ", f.outcome.words()), style(f.outcome)),
                ]
            } else {
                vec![Span::raw("   ")]
            };
            spans.extend(cx.hl(l, if k == 0 { t.base } else { t.muted }));
            lines.extend(wrap(&spans, w, 3));
        }
    }
    let targets = targets(db, selected, pane.stage);
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
