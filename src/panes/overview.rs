//! Pane 1, Overview: the article at a glance.
//!
//! ```text
//! ┌ Development of kazakhstani relations with Afghanistan … ┐
//! │ Astana, 2016 · Economy · Kazakhstan and Afghanistan      │
//! │ summary …                                                │
//! │ 1992    1996    2000 …          ← the stages on one axis │
//! │ ├─ First stage ─┤                                        │
//! │ Headline figures                                         │
//! │   Trade turnover 2014 ……… 336.7 USD mn [5]               │
//! │ Audit: 11 rules, 5 findings differ ⚠ — press 6           │
//! │ Getting around: …                                        │
//! └──────────────────────────────────────────────────────────┘
//! ```

use std::rc::Rc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::timeline::Axis;
use strum::IntoEnumIterator;

use super::{Common, Pane, Selection, Tab, Target};
use crate::data::model::Provenance;
use crate::data::{Db, ItemRef, fmt_value, plural};
use crate::draw::Cx;
use crate::draw::text::{self, wrap};

/// The Overview: no list of its own; its keys scroll it.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    axis: Rc<Axis>,
    /// Under the stage filter, what the Overview says of the stage.
    stage: Option<Rc<StageCounts>>,
}

impl Overview {
    /// The Overview of `db`.
    pub fn new(_db: &Db, common: &Common) -> Overview {
        Overview {
            axis: Rc::clone(&common.axis),
            stage: None,
        }
    }
}

/// The figures the Overview shows: the dataset's choice, or its first four stated ones.
pub fn headline(db: &Db) -> Vec<usize> {
    let chosen: Vec<usize> = db
        .set
        .article
        .headline
        .iter()
        .filter_map(|id| db.figure_index.get(id.as_str()).copied())
        .collect();
    if !chosen.is_empty() {
        return chosen;
    }
    db.set
        .figures
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f.provenance, Provenance::Stated))
        .map(|(i, _)| i)
        .take(4)
        .collect()
}

/// What the Overview says of the stage filtered to, worked out when the filter changes (the
/// sources it cites take a pass over every citation, too much for every frame).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageCounts {
    /// The figures whose period lies in the stage, stated ones first.
    figures: Vec<usize>,
    /// How many references its items cite.
    cited: usize,
}

impl StageCounts {
    fn new(db: &Db, s: usize) -> StageCounts {
        let mut figures = db.stage_figures(s);
        figures.sort_by_key(|&f| !matches!(db.set.figures[f].provenance, Provenance::Stated));
        let cited = (0..db.set.references.len())
            .filter(|&r| db.in_stage(ItemRef::Reference(r), s))
            .count();
        StageCounts { figures, cited }
    }
}

impl Pane for Overview {
    fn len(&self, _db: &Db) -> usize {
        0
    }

    fn selection(&self) -> Option<Selection> {
        None
    }

    fn selection_mut(&mut self) -> Option<&mut Selection> {
        None
    }

    fn targets(&self, _db: &Db) -> Vec<Target> {
        Vec::new()
    }

    fn has_list(&self) -> bool {
        false
    }

    fn sideways(&self) -> super::Sideways {
        super::Sideways::Nothing
    }

    fn set_stage(&mut self, db: &Db, stage: Option<usize>) {
        self.stage = stage.map(|s| Rc::new(StageCounts::new(db, s)));
    }

    fn check(&self, _db: &Db) -> Result<(), String> {
        Ok(())
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        draw(self, cx, area, buf);
    }
}

fn draw(pane: &Overview, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let t = cx.theme;
    let db = cx.db;
    let a = &db.set.article;
    let block = cx.block(
        text::truncate(&a.title, area.width.saturating_sub(4) as usize),
        true,
    );
    let inner = block.inner(area);
    block.render(area, buf);
    let w = inner.width as usize;
    // Blocks of lines, separated by blank lines only when there is room for them.
    let mut blocks: Vec<Vec<Line<'static>>> = Vec::new();
    let mut lines: Vec<Line<'static>> = Vec::new();
    let parties = a
        .parties
        .iter()
        .map(crate::data::model::Text::as_str)
        .collect::<Vec<_>>()
        .join(" and ");
    lines.extend(wrap(
        &[Span::styled(
            format!("{}, {} · {} · {parties}", a.city, a.year, a.category),
            t.muted,
        )],
        w,
        0,
    ));
    if !a.summary.is_empty() {
        lines.extend(wrap(&cx.hl(&a.summary, t.base), w, 0));
    }
    blocks.push(std::mem::take(&mut lines));
    match cx.stage.zip(pane.stage.as_ref()) {
        None => lines.push(Line::styled(
            format!(
                "{} stages, {} events, {} sources",
                db.set.stages.len(),
                db.set.events.len(),
                db.set.references.len()
            ),
            t.title,
        )),
        Some((s, counts)) => {
            // The stage filtered to: its counts and its characterisation.
            let st = &db.set.stages[s];
            let (figures, cited) = (counts.figures.len(), counts.cited);
            lines.extend(wrap(
                &[Span::styled(
                    format!(
                        "{} {}: {}, {} of its years, {} cited",
                        st.name,
                        db.stage_span(s),
                        plural(db.stage_events[s].len(), "event"),
                        plural(figures, "figure"),
                        plural(cited, "source")
                    ),
                    t.title,
                )],
                w,
                2,
            ));
            // Led by the stage's name: the counts line above is the first to go when tight.
            let mut spans = vec![Span::styled(format!("{}: ", st.name), t.title)];
            spans.extend(cx.hl(&st.summary, t.base));
            spans.push(Span::raw(" "));
            spans.extend(cx.cite_spans(&st.cites, None));
            lines.extend(wrap(&spans, w, 0));
        }
    }
    lines.extend(pane.axis.lines(cx, w, cx.stage));
    blocks.push(std::mem::take(&mut lines));
    let heads = match &pane.stage {
        Some(counts) if cx.stage.is_some() => counts.figures.iter().copied().take(6).collect(),
        _ => headline(db),
    };
    if !heads.is_empty() {
        lines.push(Line::styled(
            match cx.stage {
                None => "Headline figures".to_string(),
                Some(s) => format!("Figures of {}", db.title(ItemRef::Stage(s))),
            },
            t.title,
        ));
        let label_w = heads
            .iter()
            .map(|&i| {
                text::width(&format!(
                    "{} ({})",
                    db.set.figures[i].label,
                    db.set.figures[i].period_label()
                ))
            })
            .max()
            .unwrap_or(0)
            .min(w / 2);
        for &i in &heads {
            let f = &db.set.figures[i];
            let label = text::truncate(&format!("{} ({})", f.label, f.period_label()), label_w);
            let pad = " ".repeat(label_w.saturating_sub(text::width(&label)));
            let mut spans = vec![
                Span::raw("  "),
                Span::raw(label),
                Span::raw(pad),
                Span::raw("  "),
                Span::styled(fmt_value(f.value, f.unit, f.qualifier), t.title),
                Span::raw(" "),
            ];
            spans.extend(cx.cite_spans(&f.cites, None));
            if !matches!(f.provenance, Provenance::Stated) {
                spans.push(Span::styled(format!(" {}", f.provenance.name()), t.derived));
            }
            lines.extend(wrap(&spans, w, 4));
        }
        blocks.push(std::mem::take(&mut lines));
    }
    let rules = plural(db.audit.len(), "rule");
    let audit = if db.warnings() == 0 {
        Span::styled(
            format!("Audit: {rules}, {} — press 6", db.audit_count()),
            t.ok,
        )
    } else {
        Span::styled(
            format!(
                "Audit: {rules}, {} {} — press 6 to see the arithmetic",
                db.audit_count(),
                cx.sym.warn
            ),
            t.warn,
        )
    };
    lines.extend(wrap(&[audit], w, 0));
    // Where to go from here: the other panes by their digit (the footer has the keys).
    let panes = Tab::iter()
        .filter(|&tab| tab != Tab::Overview)
        .map(|tab| format!("{} {}", tab.index() + 1, tab.title()))
        .collect::<Vec<_>>()
        .join(" · ");
    lines.extend(wrap(
        &[
            Span::styled("Go to: ", t.title),
            Span::raw(format!("{panes} · ? every key")),
        ],
        w,
        2,
    ));
    blocks.push(lines);
    // How to cite the article and this dataset (y copies both, Y as BibLaTeX): last, below
    // the fold on a small terminal (the Overview scrolls), and never in the way of the rest.
    let mut cite = vec![Line::styled(
        "How to cite (y copies, Y as BibLaTeX)",
        t.title,
    )];
    for (who, record) in [
        ("The article: ", crate::export::cite::article_record(db)),
        ("This dataset: ", crate::export::cite::dataset_record(db)),
    ] {
        cite.extend(wrap(&[Span::styled(who, t.muted), Span::raw(record)], w, 2));
    }
    let mut total: usize = blocks.iter().map(Vec::len).sum();
    if total > inner.height as usize {
        // Tight: the counts line and the figures' heading are the first to go.
        blocks[1].remove(0);
        total -= 1;
        if !heads.is_empty() && total > inner.height as usize {
            blocks[2].remove(0);
            total -= 1;
        }
    }
    let gaps = total + blocks.len().saturating_sub(1) <= inner.height as usize;
    let mut out = Vec::with_capacity(total + blocks.len());
    for (k, b) in blocks.into_iter().enumerate() {
        if k > 0 && gaps {
            out.push(Line::raw(""));
        }
        out.extend(b);
    }
    out.push(Line::raw(""));
    out.extend(cite);
    cx.draw_lines(inner, buf, &out, None, &[]);
}
