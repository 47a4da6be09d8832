//! Colour themes: the only place that names colours.
//!
//! Render code asks for a role (`theme.selected`, `theme.derived`), never a colour. The mono
//! theme sets no foreground or background at all, only modifiers, because under `NO_COLOR`
//! crossterm resets attributes whenever a colour changes; meaning there is carried by bold,
//! reverse, underline and by symbols (`▒` for a derived bar, `⚠` for a warning), never by
//! colour alone. Every theme pairs its colours with the same symbols, so nothing is lost.

use ratatui::style::{Color, Modifier, Style};

/// The themes by name, as the command line offers them (`cli` gives them their clap face, so
/// this module knows nothing of argument parsing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::VariantArray, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum ThemeName {
    /// Light text on a dark terminal (the default).
    Dark,
    /// Dark text on a light terminal.
    Light,
    /// No colours: meaning carried by bold, reverse, underline and symbols.
    Mono,
}

impl ThemeName {
    /// The one-line description `--help` gives.
    pub fn about(self) -> &'static str {
        match self {
            ThemeName::Dark => "Light text on a dark terminal (the default)",
            ThemeName::Light => "Dark text on a light terminal",
            ThemeName::Mono => {
                "No colours: meaning carried by bold, reverse, underline and symbols"
            }
        }
    }
}

/// Styles by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Everything not otherwise styled.
    pub base: Style,
    /// Pane titles and headings.
    pub title: Style,
    /// Secondary text: dates, counts, hints.
    pub muted: Style,
    /// What lies outside the stage filter (bars, places, sources, audit rules): still drawn,
    /// but receding; in every theme by a modifier too, so it shows without colour.
    pub outside: Style,
    /// Block borders.
    pub border: Style,
    /// The border of the focused block.
    pub border_focus: Style,
    /// The active tab.
    pub tab_active: Style,
    /// Other tabs.
    pub tab: Style,
    /// The selected row of a list.
    pub selected: Style,
    /// A citation marker `[n]`.
    pub cite: Style,
    /// The citation under the cursor.
    pub cite_cursor: Style,
    /// A search match.
    pub matched: Style,
    /// A web address, which the terminal makes a hyperlink (`ui::links` finds it by this
    /// underline).
    pub link: Style,
    /// A stated figure's bar.
    pub stated: Style,
    /// A derived figure's bar.
    pub derived: Style,
    /// Warnings.
    pub warn: Style,
    /// Passed checks.
    pub ok: Style,
    /// Key names in the footer and help.
    pub key: Style,
    /// Quotes.
    pub quote: Style,
    /// Country outlines on the map.
    pub outline: Style,
    /// The built-in world map underneath.
    pub coast: Style,
    /// A place marker.
    pub place: Style,
    /// The selected place.
    pub place_selected: Style,
    /// Stage bands on the year axis, cycled.
    pub stages: [Style; 4],
}

const B: Modifier = Modifier::BOLD;

impl Theme {
    /// Light text on a dark background (the default).
    pub const DARK: Theme = Theme {
        base: Style::new(),
        title: Style::new().fg(Color::Cyan).add_modifier(B),
        muted: Style::new().fg(Color::Gray).add_modifier(Modifier::DIM),
        outside: Style::new().fg(Color::DarkGray).add_modifier(Modifier::DIM),
        border: Style::new().fg(Color::DarkGray),
        border_focus: Style::new().fg(Color::Cyan),
        tab_active: Style::new()
            .fg(Color::Black)
            .bg(Color::Cyan)
            .add_modifier(B),
        tab: Style::new().fg(Color::Gray),
        selected: Style::new()
            .fg(Color::Black)
            .bg(Color::LightCyan)
            .add_modifier(B),
        cite: Style::new().fg(Color::LightBlue),
        cite_cursor: Style::new()
            .fg(Color::Black)
            .bg(Color::LightYellow)
            .add_modifier(B),
        matched: Style::new().fg(Color::Black).bg(Color::Yellow),
        link: Style::new().add_modifier(Modifier::UNDERLINED),
        stated: Style::new().fg(Color::LightGreen),
        derived: Style::new().fg(Color::LightMagenta),
        warn: Style::new().fg(Color::LightYellow).add_modifier(B),
        ok: Style::new().fg(Color::LightGreen),
        key: Style::new().fg(Color::LightCyan).add_modifier(B),
        quote: Style::new()
            .fg(Color::LightYellow)
            .add_modifier(Modifier::ITALIC),
        outline: Style::new().fg(Color::Gray),
        coast: Style::new().fg(Color::DarkGray),
        place: Style::new().fg(Color::LightRed),
        place_selected: Style::new()
            .fg(Color::Black)
            .bg(Color::LightYellow)
            .add_modifier(B),
        stages: [
            Style::new().fg(Color::Black).bg(Color::LightBlue),
            Style::new().fg(Color::Black).bg(Color::LightGreen),
            Style::new().fg(Color::Black).bg(Color::LightMagenta),
            Style::new().fg(Color::Black).bg(Color::LightYellow),
        ],
    };

    /// Dark text on a light background.
    pub const LIGHT: Theme = Theme {
        base: Style::new(),
        title: Style::new().fg(Color::Blue).add_modifier(B),
        muted: Style::new().fg(Color::DarkGray),
        outside: Style::new().fg(Color::Gray).add_modifier(Modifier::DIM),
        border: Style::new().fg(Color::Gray),
        border_focus: Style::new().fg(Color::Blue),
        tab_active: Style::new()
            .fg(Color::White)
            .bg(Color::Blue)
            .add_modifier(B),
        tab: Style::new().fg(Color::DarkGray),
        selected: Style::new()
            .fg(Color::White)
            .bg(Color::Blue)
            .add_modifier(B),
        cite: Style::new().fg(Color::Blue),
        cite_cursor: Style::new()
            .fg(Color::White)
            .bg(Color::Magenta)
            .add_modifier(B),
        matched: Style::new().fg(Color::Black).bg(Color::Yellow),
        link: Style::new().add_modifier(Modifier::UNDERLINED),
        stated: Style::new().fg(Color::Green),
        derived: Style::new().fg(Color::Magenta),
        warn: Style::new().fg(Color::Red).add_modifier(B),
        ok: Style::new().fg(Color::Green),
        key: Style::new().fg(Color::Blue).add_modifier(B),
        quote: Style::new()
            .fg(Color::Magenta)
            .add_modifier(Modifier::ITALIC),
        outline: Style::new().fg(Color::DarkGray),
        coast: Style::new().fg(Color::Gray),
        place: Style::new().fg(Color::Red),
        place_selected: Style::new().fg(Color::White).bg(Color::Red).add_modifier(B),
        stages: [
            Style::new().fg(Color::White).bg(Color::Blue),
            Style::new().fg(Color::White).bg(Color::Green),
            Style::new().fg(Color::White).bg(Color::Magenta),
            Style::new().fg(Color::Black).bg(Color::Yellow),
        ],
    };

    /// No colour at all: modifiers and symbols only.
    pub const MONO: Theme = Theme {
        base: Style::new(),
        title: Style::new().add_modifier(B),
        muted: Style::new(),
        outside: Style::new().add_modifier(Modifier::DIM),
        border: Style::new(),
        border_focus: Style::new().add_modifier(B),
        tab_active: Style::new()
            .add_modifier(Modifier::REVERSED)
            .add_modifier(B),
        tab: Style::new(),
        selected: Style::new().add_modifier(Modifier::REVERSED),
        cite: Style::new().add_modifier(Modifier::UNDERLINED),
        cite_cursor: Style::new()
            .add_modifier(Modifier::REVERSED)
            .add_modifier(B),
        link: Style::new().add_modifier(Modifier::UNDERLINED),
        matched: Style::new()
            .add_modifier(Modifier::UNDERLINED)
            .add_modifier(B),
        stated: Style::new(),
        derived: Style::new(),
        warn: Style::new().add_modifier(B),
        ok: Style::new(),
        key: Style::new().add_modifier(B),
        quote: Style::new().add_modifier(Modifier::ITALIC),
        outline: Style::new(),
        coast: Style::new(),
        place: Style::new().add_modifier(B),
        place_selected: Style::new()
            .add_modifier(Modifier::REVERSED)
            .add_modifier(B),
        stages: [
            Style::new().add_modifier(Modifier::REVERSED),
            Style::new().add_modifier(Modifier::UNDERLINED),
            Style::new().add_modifier(Modifier::REVERSED),
            Style::new().add_modifier(Modifier::UNDERLINED),
        ],
    };

    /// The theme to draw with. When the environment asks for no colour (`NO_COLOR`, read by
    /// the caller), every theme is mono: the terminal library drops every colour then (and the
    /// bold and reverse set with them), so a colour theme would lose its selection; mono
    /// carries it by modifiers alone. Otherwise the one named, else dark.
    pub fn choose(name: Option<ThemeName>, no_color: bool) -> Theme {
        match name {
            _ if no_color => Theme::MONO,
            Some(ThemeName::Light) => Theme::LIGHT,
            Some(ThemeName::Mono) => Theme::MONO,
            Some(ThemeName::Dark) | None => Theme::DARK,
        }
    }

    /// True if the theme sets no colours (tests check the mono theme really does not).
    pub fn is_colourless(&self) -> bool {
        let all = [
            self.base,
            self.title,
            self.muted,
            self.outside,
            self.border,
            self.border_focus,
            self.tab_active,
            self.tab,
            self.selected,
            self.cite,
            self.cite_cursor,
            self.matched,
            self.stated,
            self.derived,
            self.warn,
            self.ok,
            self.key,
            self.quote,
            self.outline,
            self.coast,
            self.place,
            self.place_selected,
        ];
        all.iter()
            .chain(self.stages.iter())
            .all(|s| s.fg.is_none() && s.bg.is_none())
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::Modifier;

    use super::{Theme, ThemeName};

    #[test]
    fn mono_sets_no_colour_and_the_others_do() {
        assert!(Theme::MONO.is_colourless());
        assert!(!Theme::DARK.is_colourless());
        assert!(!Theme::LIGHT.is_colourless());
    }

    #[test]
    fn no_color_makes_every_theme_mono_and_the_selection_never_rests_on_colour() {
        assert_eq!(Theme::choose(None, false), Theme::DARK);
        assert_eq!(Theme::choose(Some(ThemeName::Light), false), Theme::LIGHT);
        assert_eq!(Theme::choose(Some(ThemeName::Mono), false), Theme::MONO);
        for name in [None, Some(ThemeName::Dark), Some(ThemeName::Light)] {
            let t = Theme::choose(name, true);
            assert!(t.is_colourless(), "{name:?} under NO_COLOR");
            assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
        }
        // Every theme marks the selection with a modifier as well as its colours.
        for t in [Theme::DARK, Theme::LIGHT, Theme::MONO] {
            for s in [t.selected, t.tab_active, t.cite_cursor, t.place_selected] {
                assert!(!s.add_modifier.is_empty(), "{s:?}");
            }
        }
    }
}
