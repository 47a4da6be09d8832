//! Frames as plain text: what `kazaf render` prints, for documentation, tests and screen
//! readers. The symbols of each cell, a line per row, trailing spaces trimmed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::Screen;
use crate::app::App;
use crate::data::Db;
use crate::draw::Look;
use crate::panes::Tab;

/// The first frame of `tab` on `db` in `look`, at `width`×`height`, as text.
pub fn render(db: Db, tab: Tab, look: &Look, width: u16, height: u16) -> String {
    render_at(db, tab, None, look, width, height)
}

/// The same, with every pane filtered to `stage` (`None`: all stages).
pub fn render_at(
    db: Db,
    tab: Tab,
    stage: Option<usize>,
    look: &Look,
    width: u16,
    height: u16,
) -> String {
    frame(&App::at_stage(db, tab, stage), look, width, height)
}

/// The frame of `app` in `look` at `width`×`height`, as text.
pub fn frame(app: &App, look: &Look, width: u16, height: u16) -> String {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    Screen::new(app, look).render(area, &mut buf);
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
