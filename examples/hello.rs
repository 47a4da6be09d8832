//! The bare ratatui app that `scripts/bench/startup.py` measures kazaf's start against: set up
//! the terminal as kazaf does (raw mode, alternate screen), draw one Paragraph, wait for `q`,
//! restore. Nothing else.

use std::io;
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::widgets::Paragraph;

fn main() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.draw(|f| f.render_widget(Paragraph::new("Hello, ratatui! (q quits)"), f.area()))?;
    loop {
        if event::poll(Duration::from_millis(250))?
            && let Event::Key(k) = event::read()?
            && k.code == KeyCode::Char('q')
        {
            break;
        }
    }
    execute!(io::stdout(), LeaveAlternateScreen)?;
    disable_raw_mode()
}
