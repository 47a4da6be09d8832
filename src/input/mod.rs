//! Input: the one place where terminal events become [`Action`]s. Keys go through the key
//! table ([`keys`]); mouse clicks and the wheel, resizes, pasted text, and Ctrl-Z (which the
//! terminal loop carries out, since stopping is terminal work) are translated here, so the
//! terminal loop only reads events and hands over what they mean.

pub mod keys;

use crossterm::event::{
    Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::action::Action;
use crate::app::{App, Overlay};
use crate::panes::Tab;
pub use keys::Context;

/// What an event asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// A change to the explorer's state.
    Apply(Action),
    /// Pasted text, typed into the search prompt character by character.
    Type(String),
    /// Give the terminal back and stop the process until it is continued (Ctrl-Z).
    Suspend,
}

/// The state the meaning of an event depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mode {
    /// The active pane (keys mean different things on different panes).
    pub tab: Tab,
    /// What the keys act on (in the search prompt, printable keys are typed into it).
    pub context: Context,
    /// The mouse is captured; without it, mouse events are ignored.
    pub mouse: bool,
}

/// What `event` means in `mode`, if anything. A paste is text for the search prompt, never
/// keys: where no text is expected it is ignored.
pub fn translate(event: Event, mode: Mode) -> Option<Command> {
    match event {
        Event::Key(k)
            if k.kind == KeyEventKind::Press
                && k.code == KeyCode::Char('z')
                && k.modifiers.contains(KeyModifiers::CONTROL) =>
        {
            Some(Command::Suspend)
        }
        Event::Key(k) => keys::action_for(&k, mode.tab, mode.context).map(Command::Apply),
        Event::Mouse(m) if mode.mouse => mouse(m).map(Command::Apply),
        Event::Resize(w, h) => Some(Command::Apply(Action::Resize(w, h))),
        Event::Paste(text) if mode.context.types() => Some(Command::Type(text)),
        _ => None,
    }
}

/// What the keys act on in `app`: the search prompt, a popup, the cursor, or the list.
pub fn context(app: &App) -> Context {
    if app.search().editing {
        Context::Prompt
    } else if app.filtering() {
        Context::Filter
    } else {
        match app.overlay() {
            Overlay::Help(_) => Context::Help,
            Overlay::Preview(_) => Context::Preview,
            Overlay::None if app.cursor().is_some() => Context::Cursor,
            Overlay::None => Context::Browse,
        }
    }
}

/// The event loop's mode for `app`.
pub fn mode(app: &App, mouse: bool) -> Mode {
    Mode {
        tab: app.tab(),
        context: context(app),
        mouse,
    }
}

/// A left click or a wheel turn at a cell; other mouse events mean nothing.
fn mouse(m: MouseEvent) -> Option<Action> {
    let (x, y) = (m.column, m.row);
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { x, y }),
        MouseEventKind::ScrollUp => Some(Action::Wheel { up: true, x, y }),
        MouseEventKind::ScrollDown => Some(Action::Wheel { up: false, x, y }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyEvent, MouseEvent};

    use super::*;

    const MODE: Mode = Mode {
        tab: Tab::Timeline,
        context: Context::Browse,
        mouse: true,
    };

    fn mouse_at(kind: MouseEventKind) -> Event {
        Event::Mouse(MouseEvent {
            kind,
            column: 3,
            row: 4,
            modifiers: KeyModifiers::NONE,
        })
    }

    #[test]
    fn ctrl_z_suspends_and_keys_go_through_the_table() {
        let z = Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
        assert_eq!(translate(z, MODE), Some(Command::Suspend));
        let j = Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
        assert_eq!(
            translate(j.clone(), MODE),
            Some(Command::Apply(Action::Down))
        );
        let typing = Mode {
            context: Context::Prompt,
            ..MODE
        };
        assert_eq!(
            translate(j, typing),
            Some(Command::Apply(Action::Input('j')))
        );
    }

    #[test]
    fn a_paste_is_text_for_the_prompt_and_never_keys() {
        let paste = || Event::Paste("q quit".into());
        assert_eq!(translate(paste(), MODE), None);
        let typing = Mode {
            context: Context::Prompt,
            ..MODE
        };
        assert_eq!(
            translate(paste(), typing),
            Some(Command::Type("q quit".into()))
        );
    }

    #[test]
    fn clicks_wheel_and_resizes_become_actions_and_the_mouse_can_be_off() {
        let click = mouse_at(MouseEventKind::Down(MouseButton::Left));
        assert_eq!(
            translate(click.clone(), MODE),
            Some(Command::Apply(Action::Click { x: 3, y: 4 }))
        );
        let up = mouse_at(MouseEventKind::ScrollUp);
        assert_eq!(
            translate(up, MODE),
            Some(Command::Apply(Action::Wheel {
                up: true,
                x: 3,
                y: 4
            }))
        );
        let right = mouse_at(MouseEventKind::Down(MouseButton::Right));
        assert_eq!(translate(right, MODE), None);
        let off = Mode {
            mouse: false,
            ..MODE
        };
        assert_eq!(translate(click, off), None);
        assert_eq!(
            translate(Event::Resize(80, 24), MODE),
            Some(Command::Apply(Action::Resize(80, 24)))
        );
        assert_eq!(translate(Event::FocusGained, MODE), None);
    }
}
