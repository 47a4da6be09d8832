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

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::text;
use crate::app::App;
use crate::data::ItemRef;

/// One row of a link list: the item's kind and title, the cursor row highlighted.
pub fn link_row(app: &App, item: ItemRef, width: usize, on: bool) -> Line<'static> {
    let t = &app.opts.theme;
    let kind = format!("{:<9} ", item.kind());
    let rest = width.saturating_sub(text::width(&kind) + 2);
    let mark = if on {
        if app.opts.ascii { "> " } else { "▸ " }
    } else {
        "  "
    };
    let style = if on { t.cite_cursor } else { t.base };
    let mut spans = vec![Span::styled(mark, t.key), Span::styled(kind, t.muted)];
    spans.extend(app.hl(&app.item_line(item, rest), style));
    Line::from(spans)
}

/// Draws the Sources pane.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.opts.theme;
    let db = &app.db;
    let list_w = (area.width * 2 / 5).clamp(24, 60);
    let [left, right] = area.layout(&Layout::horizontal([
        Constraint::Length(list_w),
        Constraint::Min(0),
    ]));
    let block = app.block(
        format!("Sources ({})", db.set.references.len()),
        app.view.cursor.is_none(),
    );
    let inner = block.inner(left);
    block.render(left, buf);
    app.draw_list(
        inner,
        buf,
        db.set.references.len(),
        Some(app.view.source),
        &|i, w| {
            let r = &db.set.references[i];
            let title = if r.title_en.is_empty() {
                &r.title
            } else {
                &r.title_en
            };
            let uncited = db.cited_by[i].is_empty();
            let mut spans = vec![Span::styled(format!("[{}] ", r.number), t.cite)];
            if uncited {
                spans.push(Span::styled(
                    format!("{} uncited ", app.warn_mark()),
                    t.warn,
                ));
            }
            let used = spans.iter().map(|s| text::width(&s.content)).sum::<usize>();
            spans.extend(app.hl(&text::truncate(title, w.saturating_sub(used)), t.base));
            Line::from(spans)
        },
    );
    let Some(r) = db.set.references.get(app.view.source) else {
        app.block("", false).render(right, buf);
        return;
    };
    let block = app.block(format!("[{}] in full", r.number), app.view.cursor.is_some());
    let inner = block.inner(right);
    block.render(right, buf);
    let w = inner.width as usize;
    let mut lines = app.source_lines(r.number, w, false);
    lines.push(Line::raw(""));
    let by = &db.cited_by[app.view.source];
    let rule = if app.opts.ascii { "-" } else { "─" };
    let head = if by.is_empty() {
        format!(
            "{} {} Cited by nothing in this dataset ",
            rule.repeat(2),
            app.warn_mark()
        )
    } else {
        format!(
            "{} Cited by {} item{} (Enter or l, then j/k and Enter to jump) ",
            rule.repeat(2),
            by.len(),
            if by.len() == 1 { "" } else { "s" }
        )
    };
    lines.extend(text::wrap(
        &[Span::styled(
            head,
            if by.is_empty() { t.warn } else { t.muted },
        )],
        w,
        3,
    ));
    let first = lines.len();
    let focus = app.view.cursor.map(|c| first + c);
    // Only the rows in view are built: a source may be cited by thousands of items.
    let h = inner.height as usize;
    let off = app.lines_offset(first + by.len(), h, focus);
    let mut links = Vec::new();
    for (k, &item) in by.iter().enumerate() {
        links.push((lines.len(), k));
        lines.push(if (off..off + h).contains(&lines.len()) {
            link_row(app, item, w, app.view.cursor == Some(k))
        } else {
            Line::default()
        });
    }
    app.draw_lines(inner, buf, &lines, focus, &links);
}
