//! Popups over the panes: the key help (generated from the key table), the preview of a cited
//! source, and the live search results.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::app::App;
use crate::data::audit::Outcome;
use crate::data::model::RefNo;
use crate::data::plural;
use crate::draw::Cx;
use crate::draw::text::{self, wrap};
use crate::input::keys::Context::{Browse, Cursor};
use crate::input::keys::{self, Binding, Context, KEYS, pane_digits, pane_list};

fn popup(area: Rect, w: u16, h: u16) -> Rect {
    area.centered(
        Constraint::Length(w.min(area.width)),
        Constraint::Length(h.min(area.height)),
    )
}

/// The help, from [`KEYS`]: the keys that work everywhere, the current pane's, then those of
/// its cursor, the source preview, the search prompt and the help itself.
pub fn help(app: &App, cx: &Cx, area: Rect, buf: &mut Buffer, scroll: u16) {
    let t = cx.theme;
    let tab = app.tab();
    let w = area.width.saturating_sub(4).min(86);
    let inner_w = w.saturating_sub(2) as usize;
    let key_w = 12;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let section = |lines: &mut Vec<Line<'static>>,
                   title: String,
                   rows: &mut dyn Iterator<Item = &Binding>| {
        let mut body: Vec<Line<'static>> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for b in rows {
            // The digits that choose a pane share one line.
            if b.label.len() == 1 && b.label.chars().all(|c| c.is_ascii_digit()) {
                if b.label == "1" {
                    let mut spans =
                        vec![Span::styled(format!("  {:<key_w$}", pane_digits()), t.key)];
                    spans.push(Span::raw(format!("panes: {}", pane_list())));
                    body.extend(wrap(&spans, inner_w, key_w + 2));
                }
                continue;
            }
            if seen.contains(&b.desc) {
                continue;
            }
            seen.push(b.desc);
            let keys = cx.sym.arrows(b.label);
            let spans = vec![
                Span::styled(format!("  {keys:<key_w$}"), t.key),
                Span::raw(cx.sym.arrows(b.desc)),
            ];
            body.extend(wrap(&spans, inner_w, key_w + 2));
        }
        if !body.is_empty() {
            lines.push(Line::styled(title, t.title));
            lines.extend(body);
            lines.push(Line::raw(""));
        }
    };
    let only = |context: Context| {
        move |b: &&Binding| b.applies(tab) && b.in_context(context) && !b.in_context(Browse)
    };
    section(
        &mut lines,
        "Everywhere".into(),
        &mut KEYS
            .iter()
            .filter(|b| b.is_global() && b.in_context(Browse)),
    );
    section(
        &mut lines,
        format!("In {}", tab.title()),
        &mut KEYS
            .iter()
            .filter(|b| !b.is_global() && b.applies(tab) && b.in_context(Browse)),
    );
    lines.extend(wrap(
        &[Span::styled(
            format!(
                "Marks: {} a warning of the audit; {} a value the article does not state outright \
                 (inferred by us, or from outside the article), the detail says which and why; \
                 [n] a citation of the article's reference n. Audit outcomes: {}.",
                cx.sym.warn,
                cx.sym.inferred,
                Outcome::ALL
                    .iter()
                    .map(|&o| format!("{} {}", cx.sym.outcome(o), o.words()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            t.muted,
        )],
        inner_w,
        0,
    ));
    lines.push(Line::raw(""));
    lines.extend(wrap(
        &[Span::styled(
            "Mouse: click a tab or a row, wheel to scroll (--no-mouse turns it off).",
            t.muted,
        )],
        inner_w,
        0,
    ));
    lines.push(Line::raw(""));
    // A pane without a cursor has no rows of its own there.
    if KEYS
        .iter()
        .any(|b| !b.is_global() && b.applies(tab) && b.in_context(Cursor))
    {
        section(
            &mut lines,
            format!("In {}, {}", tab.title(), Cursor.name(tab)),
            &mut KEYS.iter().filter(only(Cursor)),
        );
        if keys::cites(tab) {
            section(
                &mut lines,
                format!(
                    "In {}",
                    Context::Preview.name(tab).trim_start_matches("in ")
                ),
                &mut KEYS.iter().filter(only(Context::Preview)),
            );
        }
    }
    let filter = keys::FILTERS.contains(&tab).then_some(Context::Filter);
    for context in [Some(Context::Prompt), filter, Some(Context::Help)]
        .into_iter()
        .flatten()
    {
        section(
            &mut lines,
            format!("In {}", context.name(tab).trim_start_matches("in ")),
            &mut KEYS.iter().filter(only(context)),
        );
    }
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = popup(area, w, h);
    Clear.render(r, buf);
    let block = cx.block(format!("Keys: {} ", tab.title()), true);
    let inner = block.inner(r);
    block.render(r, buf);
    let max = lines.len().saturating_sub(inner.height as usize);
    let off = (scroll as usize).min(max);
    for (k, l) in lines
        .iter()
        .skip(off)
        .take(inner.height as usize)
        .enumerate()
    {
        text::put_line(buf, inner.x, inner.y + k as u16, l, inner.width);
    }
    if max > 0 && inner.width > 12 {
        let more = cx.sym.arrows(if off < max {
            " j: more ↓ "
        } else {
            " k: ↑ "
        });
        buf.set_string(
            inner.right().saturating_sub(text::width(&more) as u16),
            r.bottom() - 1,
            &more,
            t.muted,
        );
    }
}

/// The preview of reference `n`: the entry in full and how many items cite it (the footer
/// has its keys).
pub fn preview(cx: &Cx, area: Rect, buf: &mut Buffer, n: RefNo) {
    let t = cx.theme;
    let w = area.width.saturating_sub(6).min(80);
    let inner_w = w.saturating_sub(2) as usize;
    let mut lines = cx.source_lines(n, inner_w, false);
    if let Some(&r) = cx.db.ref_index.get(&n) {
        let by = cx.db.cited_by[r].len();
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("cited by {} in this dataset", plural(by, "item")),
            t.muted,
        ));
    }

    let h = (lines.len() as u16 + 2).min(area.height);
    let r = popup(area, w, h);
    Clear.render(r, buf);
    let block = cx.block(format!("Source [{n}]"), true);
    let inner = block.inner(r);
    block.render(r, buf);
    for (k, l) in lines.iter().take(inner.height as usize).enumerate() {
        text::put_line(buf, inner.x, inner.y + k as u16, l, inner.width);
    }
}

/// The live results of the search, above the prompt, grouped by kind, the best result first
/// and selected: each group under a line that counts it, each result on two lines (where it
/// is shown and what it is, then the field it matched in with the words around the match).
/// With no result, the words of the query that find nothing and the nearest words of the
/// data.
pub fn search(app: &App, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let t = cx.theme;
    let search = app.search();
    let hits = &search.hits;
    if search.query.trim().is_empty() {
        return;
    }
    // The groups: where each starts, its kind and its size (hits are grouped already).
    let mut groups: Vec<(usize, &str, usize)> = Vec::new();
    for (i, item) in hits.iter().enumerate() {
        match groups.last_mut() {
            Some((_, k, n)) if *k == item.kind() => *n += 1,
            _ => groups.push((i, item.kind(), 1)),
        }
    }
    let lines = hits.len() * 2 + groups.len();
    let wanted = if hits.is_empty() {
        3 + search.suggest.len().max(1)
    } else {
        lines + 2
    };
    let h = (wanted as u16).clamp(3, (area.height * 2 / 3).max(3));
    let r = Rect {
        x: area.x,
        y: area.bottom().saturating_sub(h),
        width: area.width,
        height: h.min(area.height),
    };
    Clear.render(r, buf);
    // "47 results for “ghani”: 30 events, 10 figures, 7 sources", in the order shown.
    let by_kind = groups
        .iter()
        .map(|&(_, k, n)| plural(n, k))
        .collect::<Vec<_>>()
        .join(", ");
    let title = if hits.is_empty() {
        format!("no result for “{}”", search.query)
    } else {
        format!(
            "{} for “{}”: {by_kind}",
            plural(hits.len(), "result"),
            search.query
        )
    };
    let block = cx.block(
        text::truncate(&title, r.width.saturating_sub(4) as usize),
        true,
    );
    let inner = block.inner(r);
    block.render(r, buf);
    if hits.is_empty() {
        let mut lines = vec![Line::styled("nothing matches every word", t.muted)];
        for (word, near) in &search.suggest {
            let mut spans = vec![Span::styled(format!("“{word}” is in nothing"), t.muted)];
            if !near.is_empty() {
                spans.push(Span::styled("; nearest: ", t.muted));
                for (k, n) in near.iter().enumerate() {
                    if k > 0 {
                        spans.push(Span::styled(", ", t.muted));
                    }
                    spans.push(Span::styled(n.clone(), t.base));
                }
            }
            lines.push(Line::from(spans));
        }
        for (k, l) in lines.iter().enumerate().take(inner.height as usize) {
            text::put_line(
                buf,
                inner.x + 1,
                inner.y + k as u16,
                l,
                inner.width.saturating_sub(1),
            );
        }
        return;
    }
    let head = |i: usize| usize::from(groups.iter().any(|g| g.0 == i));
    cx.draw_rows_headed(inner, buf, hits.len(), Some(search.sel), &head, &|i, w| {
        let item = hits[i];
        let mut lines = Vec::new();
        if let Some(&(_, k, n)) = groups.iter().find(|g| g.0 == i) {
            lines.push(Line::styled(plural(n, k), t.title));
        }
        let pane = app.pane_of(item).map_or("", |p| p.title());
        let lead = format!("{pane:<11} ");
        let mut first = vec![Span::styled(lead.clone(), t.muted)];
        first.extend(cx.hl(
            &cx.item_line(item, w.saturating_sub(text::width(&lead))),
            t.base,
        ));
        lines.push(Line::from(first));
        if let Some(s) = crate::search::snippet(cx.db, item, &search.plan) {
            let sep = if s.text.is_empty() { "" } else { ": " };
            let lead = format!("{:<12}in the {}{sep}", "", s.field);
            let room = w.saturating_sub(text::width(&lead));
            let mut second = vec![Span::styled(lead, t.muted)];
            second.extend(cx.hl(&text::truncate(&s.text, room), t.base));
            lines.push(Line::from(second));
        }
        lines
    });
    // The rows just drawn are results, not rows of the pane behind.
    let mut hits = cx.hits.borrow_mut();
    hits.results = std::mem::take(&mut hits.rows);
}

/// `--watch`'s error panel, along the bottom of the panes: the watched file's last save does
/// not load. Every problem with its position (wrapped, so a "did you mean" at the end of a
/// long message is seen) and its source line (cut at the edge, so its caret stays under the
/// column), as many as fit, over the last good data, which stays usable above it (the panel
/// takes no keys). It goes away on the next save that loads.
pub fn broken(b: &crate::watch::Broken, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let t = cx.theme;
    if area.height < 3 || area.width < 4 {
        return;
    }
    let inner_w = area.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::with_capacity(b.lines.len() + 1);
    for l in &b.lines {
        if l.starts_with(' ') {
            lines.push(Line::styled(l.clone(), t.muted));
        } else {
            lines.extend(wrap(&[Span::styled(l.clone(), t.base)], inner_w, 2));
        }
    }
    lines.push(Line::styled(
        "Fix it and save: this panel goes when the file loads.",
        t.muted,
    ));
    // Up to half the panes, at least the title, a problem and its line.
    let want = lines.len() as u16 + 2;
    let h = want.min((area.height / 2).max(5)).min(area.height);
    let r = Rect {
        y: area.bottom() - h,
        height: h,
        ..area
    };
    Clear.render(r, buf);
    let title = format!(
        "{} does not load: {} · the data before this save is shown",
        b.file,
        plural(b.count, "problem")
    );
    let block = cx
        .block(Line::from(Span::styled(title, t.warn)), true)
        .border_style(t.warn);
    let inner = block.inner(r);
    block.render(r, buf);
    let room = inner.height as usize;
    if lines.len() > room {
        // The last row says there is more.
        lines.truncate(room.saturating_sub(1));
        lines.push(Line::styled(
            format!("… more below: `kazaf check {}` lists every problem", b.file),
            t.muted,
        ));
    }
    for (k, l) in lines.iter().take(room).enumerate() {
        text::put_line(buf, inner.x, inner.y + k as u16, l, inner.width);
    }
}
