//! Whole-screen snapshots of every pane and overlay (insta on the plain text of a frame), and
//! rendering at every small size without a panic.
//!
//! Snapshots are reviewed by reading them: `cargo insta review`, or the `.snap` files in
//! `tests/snapshots/`.

use kazaf::action::Action;
use kazaf::app::{App, Tab};
use kazaf::data::load::embedded;
use kazaf::theme::Theme;
use kazaf::ui::{Options, frame_text};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(tab: Tab) -> App {
    let opts = Options {
        theme: Theme::MONO,
        ascii: false,
        mouse: true,
    };
    let mut a = App::new(embedded().expect("embedded dataset loads"), opts);
    a.apply(Action::GoTab(tab));
    a
}

/// Draws through a real `Terminal` on `TestBackend`, as the program does.
fn draw(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| f.render_widget(app, f.area())).unwrap();
    kazaf::ui::buffer_text(t.backend().buffer())
}

#[test]
fn every_pane_at_80x24_and_160x48() {
    for tab in Tab::ALL {
        for (w, h) in [(80, 24), (160, 48)] {
            let a = app(tab);
            let text = draw(&a, w, h);
            assert_eq!(text.lines().count(), h as usize);
            insta::assert_snapshot!(format!("{tab:?}_{w}x{h}").to_lowercase(), text);
        }
    }
}

#[test]
fn help_overlay() {
    let mut a = app(Tab::Timeline);
    a.apply(Action::Help);
    insta::assert_snapshot!("help_timeline_80x24", draw(&a, 80, 24));
}

#[test]
fn citation_preview() {
    let mut a = app(Tab::Timeline);
    a.apply(Action::Enter);
    a.apply(Action::Enter);
    assert!(matches!(a.overlay, kazaf::app::Overlay::Preview(_)));
    insta::assert_snapshot!("preview_80x24", draw(&a, 80, 24));
}

#[test]
fn search_in_progress() {
    let mut a = app(Tab::Overview);
    a.apply(Action::Search);
    for c in "kabul".chars() {
        a.apply(Action::Input(c));
    }
    insta::assert_snapshot!("search_kabul_80x24", draw(&a, 80, 24));
}

#[test]
fn too_small_message() {
    let a = app(Tab::Timeline);
    let text = draw(&a, 50, 12);
    assert!(
        text.contains("terminal too small: need 60×16, have 50×12"),
        "{text}"
    );
    insta::assert_snapshot!("too_small_50x12", text);
}

#[test]
fn every_pane_renders_at_every_small_size_and_some_large_ones() {
    let mut sizes: Vec<(u16, u16)> = (0..=30)
        .flat_map(|w| (0..=10).map(move |h| (w, h)))
        .collect();
    sizes.extend([
        (60, 16),
        (61, 17),
        (80, 24),
        (120, 40),
        (250, 80),
        (300, 100),
        (1, 200),
        (500, 3),
        (59, 100),
        (100, 15),
    ]);
    for tab in Tab::ALL {
        let mut a = app(tab);
        // With the cursor, a popup and a search open, too.
        for extra in [
            None,
            Some(Action::Enter),
            Some(Action::Help),
            Some(Action::Search),
        ] {
            if let Some(x) = extra {
                a.apply(x);
            }
            for &(w, h) in &sizes {
                let text = frame_text(&a, w, h);
                assert_eq!(text.lines().count(), h as usize, "{tab:?} at {w}x{h}");
                for line in text.lines() {
                    assert!(
                        unicode_width::UnicodeWidthStr::width(line) <= w as usize,
                        "{tab:?} {w}x{h}: {line}"
                    );
                }
            }
        }
    }
}

/// Characters `--ascii` must never draw: arrows, box drawing, blocks, geometric shapes,
/// symbols and dingbats, braille.
fn non_ascii_chrome(c: char) -> bool {
    matches!(c, '\u{2190}'..='\u{21ff}' | '\u{2500}'..='\u{27bf}' | '\u{2800}'..='\u{28ff}' | '•')
}

#[test]
fn ascii_mode_draws_no_box_drawing_blocks_braille_or_symbols() {
    let opts = Options {
        theme: Theme::MONO,
        ascii: true,
        mouse: true,
    };
    for tab in Tab::ALL {
        let mut a = App::new(embedded().unwrap(), opts);
        a.apply(Action::GoTab(tab));
        for extra in [
            None,
            Some(Action::Enter),
            Some(Action::Help),
            Some(Action::Search),
        ] {
            if let Some(x) = extra {
                a.apply(x);
            }
            if extra == Some(Action::Search) {
                a.apply(Action::Input('a'));
            }
            for (w, h) in [(80, 24), (200, 60)] {
                let text = frame_text(&a, w, h);
                let bad: Vec<char> = text.chars().filter(|&c| non_ascii_chrome(c)).collect();
                assert!(
                    bad.is_empty(),
                    "{tab:?} {extra:?} {w}x{h} draws {bad:?}\n{text}"
                );
            }
        }
    }
    // And the ordinary mode does use them, so the check above can fail.
    let a = app(Tab::Timeline);
    assert!(frame_text(&a, 80, 24).chars().any(non_ascii_chrome));
}

#[test]
fn mono_theme_sets_no_colour_anywhere_but_still_marks_the_selection() {
    use ratatui::style::{Color, Modifier};
    for tab in Tab::ALL {
        let a = app(tab);
        let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
        t.draw(|f| f.render_widget(&a, f.area())).unwrap();
        let buf = t.backend().buffer();
        for cell in &buf.content {
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "{tab:?}: a coloured cell {cell:?}"
            );
        }
        // The active tab is reversed: meaning by modifier, not colour.
        let reversed = buf
            .content
            .iter()
            .filter(|c| c.modifier.contains(Modifier::REVERSED))
            .count();
        assert!(reversed > 0, "{tab:?}: nothing is reversed");
    }
}

#[test]
fn dark_theme_does_use_colour() {
    let opts = Options {
        theme: Theme::DARK,
        ascii: false,
        mouse: true,
    };
    let a = App::new(embedded().unwrap(), opts);
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| f.render_widget(&a, f.area())).unwrap();
    assert!(
        t.backend()
            .buffer()
            .content
            .iter()
            .any(|c| c.fg != ratatui::style::Color::Reset)
    );
}

#[test]
fn derived_bars_differ_from_stated_ones_without_colour() {
    let a = app(Tab::Trade);
    let text = frame_text(&a, 120, 40);
    let derived = text
        .lines()
        .find(|l| l.contains("derived") && l.contains('▒'))
        .is_some();
    let stated = text
        .lines()
        .find(|l| l.contains("[5]") && l.contains('█'))
        .is_some();
    assert!(derived && stated, "{text}");
}
