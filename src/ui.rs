//! Drawing: `impl Widget for &App`, the frame around the panes, and helpers they share.
//!
//! ```text
//!  kazaf  1 Overview  2 Timeline  3 Trade & Aid  4 Sources  5 Map  6 Audit     ← tab bar
//! ┌ pane ──────────────────────────┐┌ detail ─────────────────────────────────┐
//! │ one widget per pane, in        ││ the selected item in full, its sources  │
//! │ ui/<pane>.rs                   ││ inline                                  │
//! └────────────────────────────────┘└─────────────────────────────────────────┘
//!  j/k move  l stage  Enter sources  / search  ? help  q quit                  ← footer
//! ```
//! The footer becomes the search prompt while searching; popups (help, citation preview,
//! search results) draw over the panes. Below [`MIN_SIZE`] only a centred message is drawn.
//! Rendering reads the state and never changes it, except for recording where clickable
//! things were drawn ([`crate::app::HitMap`]).

mod audit;
mod map;
mod overlay;
mod overview;
mod sources;
pub mod text;
mod timeline;
pub mod trade;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use crate::app::{App, HitMap, Overlay};
pub use crate::app::{Options, Tab};
use crate::cli::ThemeName;
use crate::data::model::RefNo;
use crate::data::{Db, ItemRef};
use crate::theme::Theme;

/// The smallest terminal the explorer draws its panes in.
pub const MIN_SIZE: (u16, u16) = (60, 16);

impl Options {
    /// Options from the command line and the environment (`NO_COLOR` selects mono unless a
    /// theme is named).
    pub fn from_cli(theme: Option<ThemeName>, ascii: bool) -> Options {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let theme = match theme {
            Some(ThemeName::Light) => Theme::LIGHT,
            Some(ThemeName::Mono) => Theme::MONO,
            None if no_color => Theme::MONO,
            Some(ThemeName::Dark) | None => Theme::DARK,
        };
        Options {
            theme,
            ascii,
            mouse: true,
        }
    }
}

const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl App {
    /// A bordered block with a title, in the theme, ASCII when asked.
    pub fn block<'a>(&self, title: impl Into<Line<'a>>, focus: bool) -> Block<'a> {
        let t = &self.opts.theme;
        let b = Block::bordered()
            .border_style(if focus { t.border_focus } else { t.border })
            .title(title.into().style(t.title));
        if self.opts.ascii {
            b.border_set(ASCII_BORDER)
        } else {
            b
        }
    }

    /// `s` with arrows spelled out in ASCII mode.
    pub fn arrows(&self, s: &str) -> String {
        if self.opts.ascii {
            s.replace('↑', "Up")
                .replace('↓', "Down")
                .replace('←', "Left")
                .replace('→', "Right")
        } else {
            s.to_string()
        }
    }

    /// The symbol for a warning mark.
    pub fn warn_mark(&self) -> &'static str {
        if self.opts.ascii { "!" } else { "⚠" }
    }

    /// Spans for a citation list `[1][4]`, the one at `cursor` highlighted.
    pub fn cite_spans(&self, cites: &[RefNo], cursor: Option<usize>) -> Vec<Span<'static>> {
        let t = &self.opts.theme;
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

    /// Text with search matches highlighted.
    pub fn hl(&self, text: &str, style: Style) -> Vec<Span<'static>> {
        let q = if self.search.hits.is_empty() && !self.search.editing {
            ""
        } else {
            self.search.query.as_str()
        };
        text::highlight(text, q, style, self.opts.theme.matched)
    }

    /// A reference in full, wrapped to `width`: what every pane shows under a claim.
    pub fn source_lines(&self, n: RefNo, width: usize, selected: bool) -> Vec<Line<'static>> {
        let t = &self.opts.theme;
        let Some(r) = self.db.reference(n) else {
            return vec![Line::styled(
                format!("[{n}] (not in the reference list)"),
                t.warn,
            )];
        };
        let mark = if selected { t.cite_cursor } else { t.cite };
        let mut head = vec![Span::styled(format!("[{n}]"), mark), Span::raw(" ")];
        let main = if r.title_en.is_empty() {
            &r.title
        } else {
            &r.title_en
        };
        head.extend(self.hl(main, t.base.add_modifier(ratatui::style::Modifier::BOLD)));
        let mut out = text::wrap(&head, width, 4);
        let mut field = |label: &str, value: &str| {
            if !value.is_empty() {
                let mut spans = vec![
                    Span::raw("    "),
                    Span::styled(format!("{label}: "), t.muted),
                ];
                spans.extend(self.hl(value, t.base));
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
        field("kind", r.kind.name());
        field("note", &r.note);
        out
    }

    /// Draws a list of `len` rows, showing only the visible ones, the selected row highlighted
    /// and in view. Records each row's area for clicks.
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
        let sel = selected.unwrap_or(0).min(len.saturating_sub(1));
        let offset = sel.saturating_sub(h / 2).min(len.saturating_sub(h));
        let mut hm = self.hitmap.borrow_mut();
        // Column 0 carries the selection mark, so the selection reads without colour too.
        let mark = if self.opts.ascii { ">" } else { "▸" };
        let text_w = area.width.saturating_sub(1);
        for (k, i) in (offset..len).take(h).enumerate() {
            let r = Rect::new(area.x, area.y + k as u16, area.width, 1);
            let line = row(i, text_w as usize);
            let is_sel = selected == Some(i);
            if is_sel {
                buf.set_style(r, self.opts.theme.selected);
            }
            let line = if is_sel {
                // Keep the selection legible: the row's own colours give way to the selection's.
                Line::from(
                    line.spans
                        .into_iter()
                        .map(|s| Span::styled(s.content, s.style.patch(self.opts.theme.selected)))
                        .collect::<Vec<_>>(),
                )
            } else {
                line
            };
            if is_sel {
                buf.set_string(r.x, r.y, mark, self.opts.theme.selected);
            }
            text::put_line(buf, r.x + 1, r.y, &line, text_w);
            hm.rows.push((r, i));
        }
        if len > h {
            // A scroll indicator in the last column: where the view is in the list.
            let pos = (offset * (h - 1)) / (len - h).max(1);
            let x = area.right() - 1;
            let (track, thumb) = if self.opts.ascii {
                ("|", "#")
            } else {
                ("│", "█")
            };
            for k in 0..h {
                buf.set_string(
                    x,
                    area.y + k as u16,
                    if k == pos { thumb } else { track },
                    self.opts.theme.muted,
                );
            }
        }
    }

    /// The first of `len` lines that [`App::draw_lines`] shows in `h` rows: the scroll offset,
    /// moved so that `focus` is in view. Panes with long link lists build only the rows from
    /// here on.
    pub fn lines_offset(&self, len: usize, h: usize, focus: Option<usize>) -> usize {
        let max_off = len.saturating_sub(h);
        let off = (self.view.scroll as usize).min(max_off);
        match focus {
            Some(f) if f < off || f >= off + h => f.saturating_sub(1).min(max_off),
            _ => off,
        }
    }

    /// Draws wrapped lines with a scroll offset, keeping `focus` (a line index) in view.
    /// `links` are `(line index, cursor index)` pairs recorded for clicks.
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
        let mut hm = self.hitmap.borrow_mut();
        for &(li, c) in links {
            if li >= off && li < off + h {
                hm.links.push((
                    Rect::new(area.x, area.y + (li - off) as u16, area.width, 1),
                    c,
                ));
            }
        }
        if lines.len() > h {
            let more = if off < max_off {
                format!(" ↓ {} more ", max_off - off)
            } else {
                String::new()
            };
            let text = if self.opts.ascii {
                more.replace('↓', "v")
            } else {
                more
            };
            let w = text::width(&text) as u16;
            if w > 0 && w < area.width {
                buf.set_string(
                    area.right() - w,
                    area.bottom() - 1,
                    text,
                    self.opts.theme.muted,
                );
            }
        }
    }

    /// The title of an item with its warning mark.
    pub fn item_line(&self, item: ItemRef, width: usize) -> String {
        let mut s = self.db.title(item);
        if self.db.warned.contains(&item) {
            s = format!("{} {s}", self.warn_mark());
        }
        text::truncate(&s, width)
    }

    fn draw_tabs(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.opts.theme;
        // The active tab is bracketed, so it reads without colour too. Narrow terminals get
        // shorter titles rather than losing tabs.
        let labels = |short: Option<usize>| -> Vec<String> {
            Tab::ALL
                .iter()
                .map(|&tab| {
                    let (l, r) = if tab == self.view.tab {
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
        let total = |v: &[String]| v.iter().map(|s| text::width(s)).sum::<usize>();
        let name = " kazaf ";
        let full = labels(None);
        let (show_name, tabs) = if total(&full) + name.len() <= avail {
            (true, full)
        } else if total(&full) <= avail {
            (false, full)
        } else {
            (false, labels(Some(3)))
        };
        let mut x = area.x;
        if show_name {
            buf.set_string(x, area.y, name, t.title);
            x += name.len() as u16;
        }
        let mut hm = self.hitmap.borrow_mut();
        for (tab, label) in Tab::ALL.into_iter().zip(tabs) {
            let w = text::width(&label) as u16;
            if x + w > area.right() {
                break;
            }
            let style = if tab == self.view.tab {
                t.tab_active
            } else {
                t.tab
            };
            buf.set_string(x, area.y, &label, style);
            hm.tabs.push((Rect::new(x, area.y, w, 1), tab));
            x += w;
        }
        let parties = self
            .db
            .set
            .article
            .parties
            .iter()
            .map(super::data::model::Text::as_str)
            .collect::<Vec<_>>()
            .join("–");
        let pw = text::width(&parties) as u16 + 1;
        if x + pw + 1 < area.right() {
            buf.set_string(area.right() - pw, area.y, &parties, t.muted);
        }
    }

    fn draw_footer(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.opts.theme;
        if self.search.editing {
            let n = self.search.hits.len();
            let spans = vec![
                Span::styled("/", t.key),
                Span::raw(self.search.query.clone()),
                Span::styled(if self.opts.ascii { "_" } else { "█" }, t.muted),
                Span::styled(
                    format!(
                        "  {n} result{}  {} choose  Enter jump  Esc cancel",
                        if n == 1 { "" } else { "s" },
                        if self.opts.ascii { "Up/Down" } else { "↑↓" }
                    ),
                    t.muted,
                ),
            ];
            text::put_line(buf, area.x, area.y, &Line::from(spans), area.width);
            return;
        }
        let mut spans = Vec::new();
        if !self.search.hits.is_empty() {
            spans.push(Span::styled(
                format!(
                    "/{} {}/{} ",
                    self.search.query,
                    self.search.sel + 1,
                    self.search.hits.len()
                ),
                t.matched,
            ));
            spans.push(Span::styled("n/N", t.key));
            spans.push(Span::raw(" next  "));
        }
        if !self.back.is_empty() {
            spans.push(Span::styled(format!("← {} ", self.back.len()), t.muted));
        }
        // Add hints while they fit; the table orders them by importance.
        let mut used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
        for (keys, word) in crate::action::footer(self.view.tab) {
            let w = text::width(keys) + text::width(word) + 3;
            if used + w > area.width as usize {
                break;
            }
            used += w;
            spans.push(Span::styled(keys, t.key));
            spans.push(Span::raw(format!(" {word}  ")));
        }
        text::put_line(buf, area.x, area.y, &Line::from(spans), area.width);
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        *self.hitmap.borrow_mut() = HitMap::default();
        // Every theme's base style is the terminal's own colours today; filling 4,800 cells
        // with an empty style was 3% of the first frame.
        if self.opts.theme.base != Style::default() {
            buf.set_style(area, self.opts.theme.base);
        }
        if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
            too_small(area, buf);
            return;
        }
        // Two fixed rows around the body, by arithmetic: on the first frame the layout solver
        // cost more than drawing the tab bar and footer (317k instructions, callgrind).
        let tabs = Rect { height: 1, ..area };
        let body = Rect {
            y: area.y + 1,
            height: area.height - 2,
            ..area
        };
        let footer = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        self.draw_tabs(tabs, buf);
        match self.view.tab {
            Tab::Overview => overview::render(self, body, buf),
            Tab::Timeline => timeline::render(self, body, buf),
            Tab::Trade => trade::render(self, body, buf),
            Tab::Sources => sources::render(self, body, buf),
            Tab::Map => map::render(self, body, buf),
            Tab::Audit => audit::render(self, body, buf),
        }
        self.draw_footer(footer, buf);
        if self.search.editing {
            overlay::search(self, body, buf);
        }
        match self.overlay {
            Overlay::None => {}
            Overlay::Help(scroll) => overlay::help(self, body, buf, scroll),
            Overlay::Preview(n) => overlay::preview(self, body, buf, n),
        }
    }
}

/// The message drawn when the terminal is below [`MIN_SIZE`]: as much of it as fits.
fn too_small(area: Rect, buf: &mut Buffer) {
    let msg = format!(
        "terminal too small: need {}×{}, have {}×{}",
        MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
    );
    if area.width == 0 || area.height == 0 {
        return;
    }
    let lines = text::wrap(&[Span::raw(msg)], area.width as usize, 0);
    let h = (lines.len() as u16).min(area.height);
    let y = area.y + (area.height - h) / 2;
    for (k, line) in lines.iter().take(h as usize).enumerate() {
        let w = (line.width() as u16).min(area.width);
        let x = area.x + (area.width - w) / 2;
        text::put_line(buf, x, y + k as u16, line, w);
    }
}

/// Renders one frame of `tab` and returns it as plain text (trailing spaces trimmed): what
/// `kazaf render` prints, for documentation, tests and screen readers.
pub fn render_text(db: Db, tab: Tab, opts: Options, width: u16, height: u16) -> String {
    let mut app = App::new(db, opts);
    app.view.tab = tab;
    app.size = (width, height);
    frame_text(&app, width, height)
}

/// Renders `app` at a size and returns the frame as plain text.
pub fn frame_text(app: &App, width: u16, height: u16) -> String {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    app.render(area, &mut buf);
    buffer_text(&buf)
}

/// The symbols of a buffer, one line per row, trailing spaces trimmed.
pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buf[(area.x + x, area.y + y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A paragraph of plain lines (for small fixed blocks).
pub fn para(lines: Vec<Line<'_>>) -> Paragraph<'_> {
    Paragraph::new(lines)
}
