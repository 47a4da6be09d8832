//! The screen: the frame around the panes, the active pane, and the popups over them, drawn
//! from the state as a ratatui widget ([`Screen`]); and the same frame as plain text
//! ([`plain`], what `kazaf render` prints).
//!
//! ```text
//!  kazaf  1 Overview  2 Timeline  3 Trade & Aid  4 Sources  5 Map  6 Audit     ← tab bar
//! ┌ pane ──────────────────────────┐┌ detail ─────────────────────────────────┐
//! │ the active pane draws itself   ││ the selected item in full, its sources  │
//! │ (panes/<pane>.rs)              ││ inline                                  │
//! └────────────────────────────────┘└─────────────────────────────────────────┘
//!  j/k move  l stage  Enter sources  / search  ? help  q quit                  ← footer
//! ```
//! The footer becomes the search prompt while searching; popups (help, citation preview,
//! search results) draw over the panes. Below [`MIN_SIZE`] only a centred message is drawn.
//! Drawing reads the state and never changes it, except for recording where clickable things
//! were drawn ([`crate::draw::HitMap`]).

mod chrome;
pub mod links;
mod overlay;
pub mod plain;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use crate::app::{App, Overlay};
use crate::draw::text;
use crate::draw::{Cx, HitMap, Look};

/// The smallest terminal the explorer draws its panes in.
pub const MIN_SIZE: (u16, u16) = (60, 16);

/// The whole screen: the state, drawn in a look.
#[derive(Debug, Clone, Copy)]
pub struct Screen<'a> {
    /// What to draw.
    pub app: &'a App,
    /// How to draw it.
    pub look: &'a Look,
}

impl<'a> Screen<'a> {
    /// The screen of `app` in `look`.
    pub fn new(app: &'a App, look: &'a Look) -> Screen<'a> {
        Screen { app, look }
    }

    /// The drawing context of this frame.
    fn cx(&self) -> Cx<'a> {
        Cx {
            db: self.app.db(),
            theme: &self.look.theme,
            sym: self.look.sym,
            query: self.app.highlight(),
            cursor: self.app.cursor(),
            scroll: self.app.scroll(),
            stage: self.app.stage(),
            hits: self.app.hitmap(),
        }
    }
}

impl Widget for Screen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let cx = self.cx();
        *cx.hits.borrow_mut() = HitMap::default();
        // Every theme's base style is the terminal's own colours today; filling every cell
        // with an empty style would cost a few percent of the first frame.
        if cx.theme.base != Style::default() {
            buf.set_style(area, cx.theme.base);
        }
        if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
            too_small(area, buf);
            return;
        }
        // Two fixed rows around the body, by arithmetic rather than the layout solver, which
        // cost more than drawing them on the first frame (BENCHMARKS.md).
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
        chrome::tabs(app, &cx, tabs, buf);
        app.pane().draw(&cx, body, buf);
        chrome::footer(app, &cx, footer, buf);
        if let Some(b) = app.broken() {
            overlay::broken(b, &cx, body, buf);
        }
        if app.search().editing {
            overlay::search(app, &cx, body, buf);
        }
        match app.overlay() {
            Overlay::None => {}
            Overlay::Help(scroll) => overlay::help(app, &cx, body, buf, scroll),
            Overlay::Preview(n) => overlay::preview(&cx, body, buf, n),
        }
        if cx.sym.ascii {
            to_ascii(area, buf);
        }
    }
}

/// Makes every cell of `area` ASCII (`--ascii` promises it, and data text is not): each
/// symbol by [`crate::draw::symbols::ascii_of`], a wide character's second cell a space.
fn to_ascii(area: Rect, buf: &mut Buffer) {
    for y in area.top()..area.bottom() {
        let mut after_wide = false;
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            let symbol = cell.symbol();
            if symbol.is_ascii() && !(after_wide && symbol.is_empty()) {
                after_wide = false;
                continue;
            }
            if after_wide && symbol.is_empty() {
                cell.set_symbol(" ");
                after_wide = false;
                continue;
            }
            after_wide = text::width(symbol) > 1;
            let c = symbol
                .chars()
                .next()
                .map_or(' ', crate::draw::symbols::ascii_of);
            let mut one = [0u8; 4];
            cell.set_symbol(c.encode_utf8(&mut one));
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
