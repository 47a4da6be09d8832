//! The frame around the panes: the tab bar on the first row and the footer on the last (the
//! status message, the search state, the back-stack depth, and the key hints of the current
//! mode from the key table; the search prompt while searching).

use std::fmt::Write;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use strum::IntoEnumIterator;

use crate::app::{App, MAX_QUERY};
use crate::data::plural;
use crate::draw::Cx;
use crate::draw::text;
use crate::input::{self, Context, keys};
use crate::panes::Tab;

/// The tab bar: the program's name, the numbered tabs (the active one bracketed, so it reads
/// without colour), and the two parties at the right.
pub fn tabs(app: &App, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let t = cx.theme;
    let active = app.tab();
    // Narrow terminals get shorter titles rather than losing tabs.
    let labels = |short: Option<usize>| -> Vec<String> {
        Tab::iter()
            .map(|tab| {
                let (l, r) = if tab == active {
                    ("[", "]")
                } else {
                    (" ", " ")
                };
                let title: String = match short {
                    Some(n) => tab.title().chars().take(n).collect(),
                    None => tab.title().to_string(),
                };
                format!("{l}{} {title}{r}", tab.index() + 1)
            })
            .collect()
    };
    let avail = area.width as usize;
    // At the right: the stage filter when it is on (it changes what every pane shows, so it
    // has room before the program's name does), else the two parties.
    let right = cx.stage.map(|st| {
        (
            format!(
                "Stage: {} {} ",
                cx.db.set.stages[st].name,
                cx.db.stage_span(st)
            ),
            t.matched,
        )
    });
    let right_w = right.as_ref().map_or(0, |(r, _)| text::width(r) + 1);
    let total = |v: &[String]| v.iter().map(|s| text::width(s)).sum::<usize>();
    let name = " kazaf ";
    let full = labels(None);
    let (show_name, titles) = if total(&full) + name.len() + right_w <= avail {
        (true, full)
    } else if total(&full) + right_w <= avail {
        (false, full)
    } else {
        (false, labels(Some(3)))
    };
    let mut x = area.x;
    if show_name {
        buf.set_string(x, area.y, name, t.title);
        x += name.len() as u16;
    }
    let mut hm = cx.hits.borrow_mut();
    for (tab, label) in Tab::iter().zip(titles) {
        let w = text::width(&label) as u16;
        if x + w > area.right() {
            break;
        }
        let style = if tab == active { t.tab_active } else { t.tab };
        buf.set_string(x, area.y, &label, style);
        hm.tabs.push((Rect::new(x, area.y, w, 1), tab.index()));
        x += w;
    }
    let (text_right, style) = right.unwrap_or_else(|| {
        let parties = cx
            .db
            .set
            .article
            .parties
            .iter()
            .map(crate::data::model::Text::as_str)
            .collect::<Vec<_>>()
            .join("–");
        (format!("{parties} "), t.muted)
    });
    // A gap of two cells after the last tab.
    let room = (area.right().saturating_sub(x + 2)) as usize;
    let shown = text::truncate(&text_right, room);
    let pw = text::width(&shown) as u16;
    if pw > 0 && (cx.stage.is_some() || pw as usize == text::width(&text_right)) {
        buf.set_string(area.right() - pw, area.y, &shown, style);
    }
}

/// The search prompt: `/`, the query and the caret, then the count and the prompt's keys
/// (from the key table). A query longer than the room shows its end, where the caret is; a
/// full one says so.
fn prompt(app: &App, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let t = cx.theme;
    let search = app.search();
    let full = search.query.chars().count() >= MAX_QUERY;
    let mut hint = format!(
        "  {}{}",
        plural(search.hits.len(), "result"),
        if full {
            format!(" (a query holds {MAX_QUERY} characters at most)")
        } else {
            String::new()
        },
    );
    for (keys, word) in keys::footer(app.tab(), Context::Prompt) {
        let _ = write!(hint, "  {} {word}", cx.sym.arrows(&keys));
    }
    let room = (area.width as usize).saturating_sub(2);
    // The hint gives way to the query down to a third of the room, then is cut.
    let hint_w = text::width(&hint).min(room / 3 * 2);
    let query = text::tail(&search.query, room.saturating_sub(hint_w));
    let spans = vec![
        Span::styled("/", t.key),
        Span::raw(query),
        Span::styled(cx.sym.caret, t.muted),
        Span::styled(hint, if full { t.warn } else { t.muted }),
    ];
    text::put_line(buf, area.x, area.y, &Line::from(spans), area.width);
}

/// The filter prompt of a list: `filter:`, the words and the caret, then how many rows the
/// list keeps and the prompt's keys (from the key table).
fn filter_prompt(app: &App, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let t = cx.theme;
    let query = app.pane().filter().unwrap_or("");
    let rows = app.pane().len(cx.db);
    let mut hint = if query.is_empty() {
        "  type to narrow the list".to_string()
    } else {
        format!("  {} listed", plural(rows, "row"))
    };
    for (keys, word) in keys::footer(app.tab(), Context::Filter) {
        let _ = write!(hint, "  {} {word}", cx.sym.arrows(&keys));
    }
    let room = (area.width as usize).saturating_sub(9);
    let hint_w = text::width(&hint).min(room / 3 * 2);
    let query = text::tail(query, room.saturating_sub(hint_w));
    let spans = vec![
        Span::styled("filter: ", t.key),
        Span::raw(query),
        Span::styled(cx.sym.caret, t.muted),
        Span::styled(hint, t.muted),
    ];
    text::put_line(buf, area.x, area.y, &Line::from(spans), area.width);
}

/// The footer: the search prompt while it is open; otherwise the status message of the last
/// action, the search's position, the back-stack depth and as many key hints of the current
/// mode (list, cursor, popup) as fit, most useful first.
pub fn footer(app: &App, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let t = cx.theme;
    let search = app.search();
    if search.editing {
        prompt(app, cx, area, buf);
        return;
    }
    if app.filtering() {
        filter_prompt(app, cx, area, buf);
        return;
    }
    let mut spans = Vec::new();
    if let Some(status) = app.status() {
        // The message comes first; the hints fill what is left.
        let style = if status.warn { t.warn } else { t.matched };
        spans.push(Span::styled(status.text.clone(), style));
        spans.push(Span::raw("  "));
    }
    if !search.hits.is_empty() {
        spans.push(Span::styled(
            format!(
                "/{} {}/{} ",
                search.query,
                search.sel + 1,
                search.hits.len()
            ),
            t.matched,
        ));
        spans.push(Span::styled("n/N", t.key));
        spans.push(Span::raw(" next  "));
    }
    if app.back_depth() > 0 {
        // How many jumps `b` can go back through.
        spans.push(Span::styled(
            format!("← {} back ", app.back_depth()),
            t.muted,
        ));
    }
    let mut used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
    for (keys, word) in keys::footer(app.tab(), input::context(app)) {
        let keys = cx.sym.arrows(&keys);
        let w = text::width(&keys) + text::width(word) + 3;
        if used + w > area.width as usize {
            break;
        }
        used += w;
        spans.push(Span::styled(keys, t.key));
        spans.push(Span::raw(format!(" {word}  ")));
    }
    text::put_line(buf, area.x, area.y, &Line::from(spans), area.width);
}
