//! The drawing kit every pane and popup draws with: the look (theme and symbols), the context a
//! frame is drawn in ([`Cx`]), lists with a selection and a scroll bar, scrolled text that keeps
//! a cursor in view, a reference written out in full, and the record of where clickable things
//! were drawn ([`HitMap`]).
//!
//! It sits below the application state: it knows the data and the theme, never the `App`, so
//! that each pane can own its drawing without the panes and the app importing each other.

pub mod scroll;
pub mod symbols;
pub mod table;
pub mod text;

use std::cell::RefCell;
use std::collections::VecDeque;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use crate::data::model::RefNo;
use crate::data::{Db, ItemRef};
use crate::theme::Theme;
pub use symbols::Symbols;

/// How to draw: the colours and the symbol set, chosen once from the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Styles by role.
    pub theme: Theme,
    /// Unicode or ASCII.
    pub sym: &'static Symbols,
}

impl Look {
    /// The look of `theme`, ASCII only if `ascii`.
    pub fn new(theme: Theme, ascii: bool) -> Look {
        Look {
            theme,
            sym: Symbols::new(ascii),
        }
    }
}

impl Default for Look {
    fn default() -> Self {
        Look::new(Theme::DARK, false)
    }
}

/// Where a frame put clickable things, so that a click can be resolved to what was under it.
/// Cleared and refilled by every frame.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HitMap {
    /// Tab titles, by the tab's position in the tab bar.
    pub tabs: Vec<(Rect, usize)>,
    /// List rows: the area of each visible row and the index in the list it stands for.
    pub rows: Vec<(Rect, usize)>,
    /// Link rows of a detail text: the area and the cursor position it stands for.
    pub links: Vec<(Rect, usize)>,
    /// Rows of the search results: the area and the result it stands for.
    pub results: Vec<(Rect, usize)>,
    /// Items drawn as clickable marks (a stage's band, an event's tick on the year axis): the
    /// area and the item a click shows.
    pub items: Vec<(Rect, ItemRef)>,
}

/// What a frame is drawn with: the data, the look, what the reader is doing (the search query
/// to highlight, the detail cursor and scroll), and where to record clickable areas.
#[derive(Debug, Clone, Copy)]
pub struct Cx<'a> {
    /// The dataset.
    pub db: &'a Db,
    /// Colours.
    pub theme: &'a Theme,
    /// Symbols.
    pub sym: &'static Symbols,
    /// Matches of this are highlighted in data text (empty for none).
    pub query: &'a str,
    /// The cursor across the detail's citations or links, when it is active.
    pub cursor: Option<usize>,
    /// How far the detail text is scrolled.
    pub scroll: u16,
    /// The stage every pane is filtered to, if any.
    pub stage: Option<usize>,
    /// Written as clickable things are drawn.
    pub hits: &'a RefCell<HitMap>,
}

impl Cx<'_> {
    /// A bordered block with a title, the border emphasised when it has the focus.
    pub fn block<'b>(&self, title: impl Into<Line<'b>>, focus: bool) -> Block<'b> {
        let t = self.theme;
        Block::bordered()
            .border_set(self.sym.border)
            .border_style(if focus { t.border_focus } else { t.border })
            .title(title.into().style(t.title))
    }

    /// A short message where a list or text has nothing to show, wrapped within `area` (it
    /// never crosses the border around it).
    pub fn placeholder(&self, area: Rect, buf: &mut Buffer, msg: &str) {
        let lines = text::wrap(
            &[Span::styled(msg.to_string(), self.theme.muted)],
            area.width as usize,
            0,
        );
        for (k, line) in lines.iter().take(area.height as usize).enumerate() {
            text::put_line(buf, area.x, area.y + k as u16, line, area.width);
        }
    }

    /// Spans for a citation list `[1][4]`, the one at `cursor` highlighted.
    pub fn cite_spans(&self, cites: &[RefNo], cursor: Option<usize>) -> Vec<Span<'static>> {
        let t = self.theme;
        cites
            .iter()
            .enumerate()
            .map(|(k, n)| {
                let style = if cursor == Some(k) {
                    t.cite_cursor
                } else {
                    t.cite
                };
                Span::styled(format!("[{n}]"), style)
            })
            .collect()
    }

    /// Data text in `style`, with search matches highlighted.
    pub fn hl(&self, text: &str, style: Style) -> Vec<Span<'static>> {
        text::highlight(text, self.query, style, self.theme.matched)
    }

    /// `[label: ]value`, wrapped to `width` with a hanging indent, when `value` is not empty.
    pub fn field(&self, out: &mut Vec<Line<'static>>, label: &str, value: &str, width: usize) {
        if !value.is_empty() {
            let mut spans = vec![Span::styled(format!("{label}: "), self.theme.muted)];
            spans.extend(self.hl(value, self.theme.base));
            out.extend(text::wrap(&spans, width, 2));
        }
    }

    /// A heading rule `── title ───…` across `width` cells.
    pub fn rule(&self, title: &str, width: usize) -> String {
        let head = format!("{} {title} ", self.sym.rule.repeat(2));
        let fill = self
            .sym
            .rule
            .repeat(width.saturating_sub(text::width(&head)));
        format!("{head}{fill}")
    }

    /// A reference in full, wrapped to `width`: what every pane shows under a claim.
    pub fn source_lines(&self, n: RefNo, width: usize, selected: bool) -> Vec<Line<'static>> {
        let t = self.theme;
        let Some(r) = self.db.reference(n) else {
            return vec![Line::styled(
                format!("[{n}] (not in the reference list)"),
                t.warn,
            )];
        };
        let mark = if selected { t.cite_cursor } else { t.cite };
        let mut head = vec![Span::styled(format!("[{n}]"), mark), Span::raw(" ")];
        head.extend(self.hl(r.display_title(), t.base.add_modifier(Modifier::BOLD)));
        let mut out = text::wrap(&head, width, 4);
        let mut field = |label: &str, value: &str| {
            if !value.is_empty() {
                let mut spans = vec![
                    Span::raw("    "),
                    Span::styled(format!("{label}: "), t.muted),
                ];
                // A web address is drawn as a link (the terminal makes it one: `ui::links`).
                let style = if label == "locator" && crate::export::cite::web_url(value).is_some() {
                    t.link
                } else {
                    t.base
                };
                spans.extend(self.hl(value, style));
                out.extend(text::wrap(&spans, width, 6));
            }
        };
        if !r.title_en.is_empty() {
            field("original", &r.title);
        }
        field("author", &r.authors);
        field("publisher", &r.publisher);
        field("date", &r.date);
        field("pages", &r.pages);
        field("locator", &r.locator);
        field("accessed", &r.accessed);
        field("kind", r.kind.name());
        field("note", &r.note);
        field("also written", &crate::data::spellings(&r.aliases));
        out
    }

    /// The title of an item with its warning mark and its inference mark, cut to `width`.
    pub fn item_line(&self, item: ItemRef, width: usize) -> String {
        let mut s = self.db.title(item);
        if self.db.warned.contains(&item) {
            s = format!("{} {s}", self.sym.warn);
        }
        s.push_str(&self.inferred_mark(item));
        text::truncate(&s, width)
    }

    /// ` †` after an item that holds a value the article does not state outright; empty
    /// otherwise.
    pub fn inferred_mark(&self, item: ItemRef) -> String {
        if self.db.inferred(item).is_empty() {
            String::new()
        } else {
            format!(" {}", self.sym.inferred)
        }
    }

    /// What the article does not state outright about `item`, field by field, with the
    /// reason or the source: a heading and a line each, wrapped to `width`. Empty when the
    /// item states everything.
    pub fn inference_lines(&self, item: ItemRef, width: usize) -> Vec<Line<'static>> {
        let t = self.theme;
        let inferred = self.db.inferred(item);
        if inferred.is_empty() {
            return Vec::new();
        }
        let mut out = vec![
            Line::raw(""),
            Line::styled(
                self.rule("Not stated outright by the article", width),
                t.muted,
            ),
        ];
        for inf in inferred {
            let spans = vec![
                Span::styled(format!("{} ", self.sym.inferred), t.warn),
                Span::styled(format!("{}: ", inf.field), t.title),
                Span::styled(format!("{} — ", inf.basis.name()), t.muted),
                Span::raw(inf.basis.why().to_string()),
            ];
            out.extend(text::wrap(&spans, width, 2));
        }
        out
    }

    /// One row of a link list: the item's kind and title, the cursor's row highlighted.
    pub fn link_row(&self, item: ItemRef, width: usize, on: bool) -> Line<'static> {
        let t = self.theme;
        let kind = format!("{:<9} ", item.kind());
        let rest = width.saturating_sub(text::width(&kind) + 2);
        let mark = if on {
            format!("{} ", self.sym.select)
        } else {
            "  ".to_string()
        };
        let style = if on { t.cite_cursor } else { t.base };
        let mut spans = vec![Span::styled(mark, t.key), Span::styled(kind, t.muted)];
        spans.extend(self.hl(&self.item_line(item, rest), style));
        Line::from(spans)
    }

    /// Draws a list of `len` rows, building only the visible ones, the selected row
    /// highlighted, marked and in view, with a scroll bar when it does not fit. Records each
    /// row's area for clicks.
    pub fn draw_list(
        &self,
        area: Rect,
        buf: &mut Buffer,
        len: usize,
        selected: Option<usize>,
        row: &dyn Fn(usize, usize) -> Line<'static>,
    ) {
        let h = area.height as usize;
        if h == 0 || area.width == 0 {
            return;
        }
        let t = self.theme;
        let offset = scroll::centred(selected.unwrap_or(0), len, h);
        let mut hm = self.hits.borrow_mut();
        let text_w = area.width.saturating_sub(1);
        for (k, i) in (offset..len).take(h).enumerate() {
            let r = Rect::new(area.x, area.y + k as u16, area.width, 1);
            let line = row(i, text_w as usize);
            let line = if selected == Some(i) {
                buf.set_style(r, t.selected);
                buf.set_string(r.x, r.y, self.sym.select, t.selected);
                // Keep the selection legible: the row's own colours give way to the selection's.
                Line::from(
                    line.spans
                        .into_iter()
                        .map(|s| Span::styled(s.content, s.style.patch(t.selected)))
                        .collect::<Vec<_>>(),
                )
            } else {
                line
            };
            text::put_line(buf, r.x + 1, r.y, &line, text_w);
            hm.rows.push((r, i));
        }
        if len > h {
            self.scroll_bar(area, buf, scroll::thumb(offset, len, h));
        }
    }

    /// Draws rows of one or more lines each (a table whose cells wrap), the selected row
    /// highlighted on every line, marked on its first and in view, with a scroll bar when
    /// they do not fit. `row(i, w)` builds row `i` for `w` cells; only the rows around the
    /// selection are built, so a long table costs what a screenful does. Records each line's
    /// area for clicks, as the row it belongs to.
    pub fn draw_rows(
        &self,
        area: Rect,
        buf: &mut Buffer,
        len: usize,
        selected: Option<usize>,
        row: &dyn Fn(usize, usize) -> Vec<Line<'static>>,
    ) {
        self.draw_rows_headed(area, buf, len, selected, &|_| 0, row);
    }

    /// [`Cx::draw_rows`] where the first `heads(i)` lines of row `i` head a group of rows:
    /// drawn with the row and kept in view with it, but neither selected nor clicked.
    pub fn draw_rows_headed(
        &self,
        area: Rect,
        buf: &mut Buffer,
        len: usize,
        selected: Option<usize>,
        heads: &dyn Fn(usize) -> usize,
        row: &dyn Fn(usize, usize) -> Vec<Line<'static>>,
    ) {
        // Each line with its row and whether it heads a group.
        let row = |i: usize, w: usize| -> Vec<(Line<'static>, bool)> {
            let n = heads(i);
            row(i, w)
                .into_iter()
                .enumerate()
                .map(|(k, l)| (l, k < n))
                .collect()
        };
        let h = area.height as usize;
        if h == 0 || area.width < 3 || len == 0 {
            return;
        }
        let t = self.theme;
        // One cell for the selection mark, one kept for the scroll bar.
        let text_w = area.width as usize - 2;
        let sel = selected.unwrap_or(0).min(len - 1);
        // The selected row, then rows above it up to half the room, then below it to fill
        // the room; if the end comes first, more rows above.
        let mut window: VecDeque<(usize, (Line<'static>, bool))> =
            row(sel, text_w).into_iter().map(|l| (sel, l)).collect();
        let (mut top, mut bottom) = (sel, sel);
        let sel_len = window.len();
        let target_above = h.saturating_sub(sel_len) / 2;
        while top > 0 && window.len() - sel_len < target_above {
            top -= 1;
            for l in row(top, text_w).into_iter().rev() {
                window.push_front((top, l));
            }
        }
        // A row above taller than the room left shows its last lines.
        let mut skip = (window.len() - sel_len).saturating_sub(target_above);
        while bottom + 1 < len && window.len() - skip < h {
            bottom += 1;
            window.extend(row(bottom, text_w).into_iter().map(|l| (bottom, l)));
        }
        if window.len() - skip < h {
            while top > 0 && window.len() < h {
                top -= 1;
                for l in row(top, text_w).into_iter().rev() {
                    window.push_front((top, l));
                }
            }
            skip = window.len().saturating_sub(h);
        }
        let sel_first = window.iter().position(|(r, _)| *r == sel).unwrap_or(0);
        let skip = skip.min(sel_first);
        let mut hm = self.hits.borrow_mut();
        let mut marked = false;
        for (k, (i, (line, head))) in window.iter().skip(skip).take(h).enumerate() {
            let r = Rect::new(area.x, area.y + k as u16, text_w as u16 + 1, 1);
            if *head {
                text::put_line(buf, r.x + 1, r.y, line, text_w as u16);
                continue;
            }
            let line = if selected == Some(*i) {
                buf.set_style(r, t.selected);
                if !marked {
                    buf.set_string(r.x, r.y, self.sym.select, t.selected);
                    marked = true;
                }
                Line::from(
                    line.spans
                        .iter()
                        .map(|s| Span::styled(s.content.clone(), s.style.patch(t.selected)))
                        .collect::<Vec<_>>(),
                )
            } else {
                line.clone()
            };
            text::put_line(buf, r.x + 1, r.y, &line, text_w as u16);
            hm.rows.push((r, *i));
        }
        let shown_first = window.get(skip).map_or(0, |w| w.0);
        if skip > 0 || window.len() > skip + h || top > 0 || bottom + 1 < len {
            let rows_shown = (bottom + 1 - top).min(h).max(1);
            self.scroll_bar(area, buf, scroll::thumb(shown_first, len, rows_shown));
        }
    }

    /// A scroll bar down the last column of `area`, its thumb on row `pos`.
    fn scroll_bar(&self, area: Rect, buf: &mut Buffer, pos: usize) {
        let x = area.right() - 1;
        for k in 0..area.height as usize {
            let s = if k == pos {
                self.sym.thumb
            } else {
                self.sym.track
            };
            buf.set_string(x, area.y + k as u16, s, self.theme.muted);
        }
    }

    /// The first of `len` lines that [`Cx::draw_lines`] shows in `h` rows. Panes with long
    /// link lists build only the rows from here on.
    pub fn lines_offset(&self, len: usize, h: usize, focus: Option<usize>) -> usize {
        scroll::following(self.scroll as usize, len, h, focus)
    }

    /// Draws wrapped lines scrolled by the detail scroll, keeping line `focus` in view, with a
    /// "more" mark when lines are below. `links` are `(line, cursor position)` pairs recorded
    /// for clicks.
    pub fn draw_lines(
        &self,
        area: Rect,
        buf: &mut Buffer,
        lines: &[Line<'_>],
        focus: Option<usize>,
        links: &[(usize, usize)],
    ) {
        let h = area.height as usize;
        if h == 0 || area.width == 0 {
            return;
        }
        let max_off = lines.len().saturating_sub(h);
        let off = self.lines_offset(lines.len(), h, focus);
        for (k, line) in lines.iter().skip(off).take(h).enumerate() {
            text::put_line(buf, area.x, area.y + k as u16, line, area.width);
        }
        let mut hm = self.hits.borrow_mut();
        for &(li, c) in links {
            if li >= off && li < off + h {
                hm.links.push((
                    Rect::new(area.x, area.y + (li - off) as u16, area.width, 1),
                    c,
                ));
            }
        }
        if off < max_off {
            // On the border below the text (every text is drawn inside a block), so that it
            // never covers a line; on the last line only where there is no row below.
            let more = format!(" {} {} more ", self.sym.more, max_off - off);
            let w = text::width(&more) as u16;
            let y = if area.bottom() < buf.area.bottom() {
                area.bottom()
            } else {
                area.bottom() - 1
            };
            if w < area.width {
                buf.set_string(area.right() - w, y, more, self.theme.muted);
            }
        }
    }
}
