//! Whole-screen snapshots of every pane and overlay (insta on the plain text of a frame), and
//! rendering at every small size without a panic, on the fixture dataset.
//!
//! Snapshots are reviewed by reading them: `cargo insta review`, or the `.snap` files in
//! `tests/it/snapshots/`.

use kazaf::action::Action;
use kazaf::app::App;
use kazaf::app::Overlay;
use kazaf::draw::Look;
use kazaf::panes::Tab;
use kazaf::theme::Theme;
use kazaf::ui::Screen;
use kazaf::ui::plain::{buffer_text, frame as frame_in};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

use crate::common::{MONO, MONO_ASCII, frame, overlay, sample, sample_app};

/// Draws through a real `Terminal` on `TestBackend`, as the program does.
fn terminal(app: &App, look: &Look, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| f.render_widget(Screen::new(app, look), f.area()))
        .unwrap();
    t
}

/// The text of a frame drawn through a real `Terminal`.
fn draw(app: &App, w: u16, h: u16) -> String {
    buffer_text(terminal(app, &MONO, w, h).backend().buffer())
}

/// Each pane, and each with the cursor, the help or the search prompt open.
fn every_pane_and_overlay(mut check: impl FnMut(&App, Tab, Option<Action>)) {
    for &tab in Tab::all() {
        let mut a = App::new(sample());
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
            check(&a, tab, extra);
        }
    }
}

#[test]
fn every_pane_at_80x24_and_160x48() {
    for &tab in Tab::all() {
        for (w, h) in [(80, 24), (160, 48)] {
            let a = sample_app(tab);
            let text = draw(&a, w, h);
            insta::assert_snapshot!(format!("{tab:?}_{w}x{h}").to_lowercase(), text);
        }
    }
}

#[test]
fn help_overlay() {
    let mut a = sample_app(Tab::Timeline);
    a.apply(Action::Help);
    insta::assert_snapshot!("help_timeline_80x24", draw(&a, 80, 24));
}

#[test]
fn citation_preview() {
    let mut a = sample_app(Tab::Timeline);
    a.apply(Action::Enter);
    a.apply(Action::Enter);
    assert!(matches!(overlay(&a), Overlay::Preview(_)));
    insta::assert_snapshot!("preview_80x24", draw(&a, 80, 24));
}

#[test]
fn search_in_progress() {
    let mut a = sample_app(Tab::Overview);
    a.apply(Action::Search);
    for c in "kalven".chars() {
        a.apply(Action::Input(c));
    }
    insta::assert_snapshot!("search_kalven_80x24", draw(&a, 80, 24));
}

/// A list filtered in place, with its prompt open: each pane that filters, narrowed to "kalven".
#[test]
fn lists_filtered_in_place() {
    for tab in [Tab::Timeline, Tab::Sources, Tab::Map] {
        let mut a = sample_app(tab);
        a.apply(Action::Filter);
        for c in "kalven".chars() {
            a.apply(Action::Input(c));
        }
        insta::assert_snapshot!(
            format!("filter_kalven_{}_80x24", tab.name()),
            draw(&a, 80, 24)
        );
    }
    // Nothing kept: the list says so, and how to get back.
    let mut a = sample_app(Tab::Sources);
    a.apply(Action::Filter);
    for c in "zzz".chars() {
        a.apply(Action::Input(c));
    }
    a.apply(Action::Enter);
    insta::assert_snapshot!("filter_nothing_sources_80x24", draw(&a, 80, 24));
}

/// The results of a query that finds nothing name the nearest words of the data.
#[test]
fn a_search_that_finds_nothing_suggests_words() {
    let mut a = sample_app(Tab::Overview);
    a.apply(Action::Search);
    // Two edits from "kalven": no near miss, but the nearest word.
    for c in "kalvexx".chars() {
        a.apply(Action::Input(c));
    }
    let text = draw(&a, 80, 24);
    assert!(text.contains("nothing matches every word"), "{text}");
    assert!(
        text.contains("“kalvexx” is in nothing; nearest: kalven"),
        "{text}"
    );
    a.apply(Action::Enter);
    let text = draw(&a, 80, 24);
    assert!(
        text.contains("nothing matches “kalvexx”; did you mean kalven?"),
        "{text}"
    );
}

#[test]
fn too_small_message() {
    let a = sample_app(Tab::Timeline);
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
    every_pane_and_overlay(|a, tab, extra| {
        for &(w, h) in &sizes {
            // Without a panic, and no row wider than the area (a wide character in the last
            // column would be).
            let text = frame(a, w, h);
            for line in text.lines() {
                assert!(
                    unicode_width::UnicodeWidthStr::width(line) <= w as usize,
                    "{tab:?} {extra:?} {w}x{h}: {line}"
                );
            }
        }
    });
}

/// Characters `--ascii` must never draw: arrows, box drawing, blocks, geometric shapes,
/// symbols and dingbats, braille.
fn non_ascii_chrome(c: char) -> bool {
    matches!(c, '\u{2190}'..='\u{21ff}' | '\u{2500}'..='\u{27bf}' | '\u{2800}'..='\u{28ff}' | '•')
}

#[test]
fn ascii_mode_draws_no_box_drawing_blocks_braille_or_symbols() {
    // Every byte, the data's text included (en dashes, quotes, accents, ellipses of cut text).
    every_pane_and_overlay(|a, tab, extra| {
        for (w, h) in [(80, 24), (200, 60)] {
            let text = frame_in(a, &MONO_ASCII, w, h);
            let bad: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
            assert!(
                bad.is_empty(),
                "{tab:?} {extra:?} {w}x{h} draws {bad:?}\n{text}"
            );
        }
    });
    // The article's dataset too, whose text is full of dashes and quotes.
    for &tab in Tab::all() {
        let text = kazaf::ui::plain::render(crate::common::embedded(), tab, &MONO_ASCII, 120, 40);
        assert!(text.is_ascii(), "{tab:?}:\n{text}");
    }
    // And the ordinary mode does use them, so the check above can fail.
    let a = sample_app(Tab::Timeline);
    assert!(frame(&a, 80, 24).chars().any(non_ascii_chrome));
}

#[test]
fn mono_theme_sets_no_colour_anywhere_but_still_marks_the_selection() {
    for &tab in Tab::all() {
        let t = terminal(&sample_app(tab), &MONO, 120, 40);
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
    let dark = Look::new(Theme::DARK, false);
    let t = terminal(&App::new(sample()), &dark, 80, 24);
    assert!(
        t.backend()
            .buffer()
            .content
            .iter()
            .any(|c| c.fg != Color::Reset)
    );
}

#[test]
fn derived_bars_differ_from_stated_ones_without_colour() {
    let a = sample_app(Tab::Trade);
    let text = frame(&a, 120, 40);
    let derived = text
        .lines()
        .any(|l| l.contains("derived") && l.contains('▒'));
    let stated = text.lines().any(|l| l.contains("[6]") && l.contains('█'));
    assert!(derived && stated, "{text}");
}

/// A query longer than the prompt shows its end and the caret, and a full one says so (it was
/// cut off at the right, caret and all, and capped at 200 characters without a word).
#[test]
fn a_long_query_keeps_the_caret_in_view_and_says_when_it_is_full() {
    let mut a = sample_app(Tab::Overview);
    a.apply(Action::Search);
    for c in "x".repeat(120).chars().chain("kalven".chars()) {
        a.apply(Action::Input(c));
    }
    let text = frame(&a, 80, 24);
    let prompt = text.lines().last().unwrap();
    assert!(prompt.contains("kalven█"), "{prompt}");
    assert!(prompt.starts_with("/…"), "{prompt}");
    assert!(!prompt.contains("at most"), "{prompt}");
    for _ in 0..100 {
        a.apply(Action::Input('y'));
    }
    assert_eq!(crate::common::query(&a).chars().count(), 200);
    let text = frame(&a, 120, 24);
    let prompt = text.lines().last().unwrap();
    assert!(prompt.contains("y█"), "{prompt}");
    assert!(prompt.contains("200 characters at most"), "{prompt}");
}

/// A value the data marks as not stated outright by its source carries a mark in every list
/// it shows in, and the detail says which field and why; ASCII has its own mark.
#[test]
fn inferences_are_marked_in_lists_and_explained_in_the_detail() {
    let mut a = sample_app(Tab::Timeline);
    // The stage's card, then two events: the visit.
    for _ in 0..3 {
        a.apply(Action::Down);
    }
    let text = frame(&a, 120, 40);
    let row = text
        .lines()
        .find(|l| l.contains("1997-06"))
        .expect("the visit's row");
    assert!(row.contains('†'), "{row}");
    assert!(
        !text.lines().any(|l| l.contains("1995") && l.contains('†')),
        "only the marked item is marked"
    );
    assert!(
        text.contains("Not stated outright by the article"),
        "{text}"
    );
    assert!(
        text.contains("† places: inferred — the source says only"),
        "{text}"
    );
    let ascii = frame_in(&a, &MONO_ASCII, 120, 40);
    assert!(ascii.contains("+ places: inferred"), "{ascii}");
    // A place from outside the source: its list row and its detail.
    let mut m = sample_app(Tab::Map);
    let places = &crate::common::db(&m).set.places;
    let k = places
        .iter()
        .position(|p| p.id.as_str() == "kalven")
        .unwrap();
    for _ in 0..k {
        m.apply(Action::Down);
    }
    let text = frame(&m, 120, 40);
    assert!(text.contains("Kalven †"), "{text}");
    assert!(text.contains("† lat: outside the article — an"), "{text}");
    // The help explains the mark.
    a.apply(Action::Help);
    // Tall enough for the whole help (it scrolls when it is not).
    let help = frame(&a, 120, 50);
    assert!(
        help.contains("† a value the article does not state outright"),
        "{help}"
    );
    // And the audit's outcome marks, in the order the audit lists them.
    let words = help.replace('│', " ");
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("⚠ differs, ✎ the source's wording, ⊘ cannot be compared, ≈ agrees"),
        "{words}"
    );
}

/// The "more below" mark sits on the border under a text, never over a line of it (it covered
/// the end of a formula in the Trade card at 80×24).
#[test]
fn the_more_mark_never_covers_text() {
    for &tab in Tab::all() {
        for (w, h) in [(80, 24), (100, 30), (160, 48)] {
            let text = frame(&sample_app(tab), w, h);
            for line in text.lines().filter(|l| l.contains(" more ")) {
                let on_border = line.contains('└') || line.contains('┘');
                assert!(
                    on_border,
                    "{tab:?} {w}x{h}: the mark is on a text line: {line}"
                );
            }
        }
    }
}

/// A placeholder (no audit rules, nothing in a section) stays inside its panel at any width;
/// "(the dataset declares no audit rules)" crossed the border at 80 columns.
#[test]
fn placeholders_stay_inside_their_panel() {
    let text = crate::common::SAMPLE;
    let at = text.find("audits: [").expect("the fixture declares audits");
    let mut depth = 0;
    let mut end = at;
    for (i, c) in text[at..].char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    end = at + i + 1;
                    break;
                }
            }
            _ => {}
        }
    }
    let no_rules = format!("{}audits: []{}", &text[..at], &text[end..]);
    let db = kazaf::data::load::load_str("no-rules.ron", &no_rules).expect("loads");
    for w in [60, 64, 70, 80] {
        let mut a = App::new(db.clone());
        a.apply(Action::GoTab(Tab::Audit));
        let frame = frame(&a, w, 24);
        let line = frame
            .lines()
            .find(|l| l.contains("(the"))
            .unwrap_or_else(|| panic!("{w}: the placeholder is drawn:\n{frame}"));
        // The list panel is 2/5 of the width (26 to 60 columns): its right border must stand.
        let list_w = usize::from((w * 2 / 5).clamp(26, 60));
        assert_eq!(
            line.chars().nth(list_w - 1),
            Some('│'),
            "{w}: the placeholder crosses the border: {line}"
        );
    }
}

/// The footer says what the back-stack number is, and a title's arrows point only where there
/// is a list that way.
#[test]
fn the_back_depth_is_named_and_arrows_point_only_somewhere() {
    let mut a = sample_app(Tab::Sources);
    a.apply(Action::Enter);
    a.apply(Action::Enter);
    let text = frame(&a, 120, 30);
    assert!(text.lines().last().unwrap().contains("← 1 back"), "{text}");
    let mut t = sample_app(Tab::Timeline);
    let title = |f: &str| {
        f.lines()
            .find(|l| l.contains("/3 ") || l.contains("Analysis"))
            .unwrap_or("")
            .to_string()
    };
    // The stages count among themselves (three), the analysis after them is named apart.
    let first = title(&frame(&t, 120, 30));
    assert!(
        first.contains("┌1/3 Recognition") && !first.contains('◀'),
        "{first}"
    );
    for _ in 0..2 {
        t.apply(Action::Right);
    }
    let third = title(&frame(&t, 120, 30));
    assert!(
        third.contains("◀ 3/3 Partnership") && third.contains('▶'),
        "{third}"
    );
    t.apply(Action::Right);
    let last = title(&frame(&t, 120, 30));
    assert!(
        last.contains("◀ Analysis & statements (outside the stages)") && !last.contains('▶'),
        "{last}"
    );
}

/// A period the source does not state reads as the period's, not the value's: "Building
/// schools, hospitals and roads (not stated)" read as if the value were not stated.
#[test]
fn an_unstated_period_reads_as_the_periods() {
    let text = kazaf::ui::plain::render(crate::common::embedded(), Tab::Overview, &MONO, 120, 40);
    assert!(text.contains("(period not stated)"), "{text}");
    assert!(!text.contains("(not stated)"), "{text}");
}

/// Degrees name their side: a dataset west of Greenwich and south of the equator reads `°W` and
/// `°S` (the header read `Map -1–29°E`).
#[test]
fn map_degrees_say_east_west_north_south() {
    let west = regex_lite_negate(crate::common::SAMPLE);
    let db = kazaf::data::load::load_str("west.ron", &west).expect("loads");
    let mut a = App::new(db);
    a.apply(Action::GoTab(Tab::Map));
    let text = frame(&a, 120, 40);
    let header = text.lines().nth(1).unwrap();
    assert!(header.contains("°W") && header.contains("°S"), "{header}");
    assert!(!header.contains('-'), "{header}");
}

/// The fixture with every place moved to the other side of both the meridian and the equator.
fn regex_lite_negate(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut l = line.to_string();
        for key in ["lat: ", "lon: "] {
            if let Some(at) = l.find(key) {
                l.insert(at + key.len(), '-');
            }
        }
        out.push_str(&l);
        out.push('\n');
    }
    out
}

#[test]
fn table_columns_fit_their_content_and_marks_have_their_own() {
    // The fixture with the 2012 turnover off by one, so that the audit marks a figure.
    let text = crate::common::SAMPLE.replace(
        "label: \"Trade turnover\", value: 120.0",
        "label: \"Trade turnover\", value: 121.0",
    );
    let db = kazaf::data::load::load_str("marked.ron", &text).expect("loads");
    let mut a = App::new(db);
    a.apply(Action::GoTab(Tab::Trade));
    a.apply(Action::ToggleTable);
    let wide = frame(&a, 80, 24);
    insta::assert_snapshot!("trade_table_marked_80x24", wide);
    // The marked row and an unmarked one start their names in the same column.
    let col = |needle: &str| {
        wide.lines()
            .find_map(|l| l.find(needle).map(|b| l[..b].chars().count()))
            .unwrap_or_else(|| panic!("{needle} not in\n{wide}"))
    };
    assert!(wide.contains("⚠"), "{wide}");
    assert_eq!(col("Turnover 2012"), col("Turnover 2011"));
    // Every value whole, on every size down to the smallest.
    for (w, h) in [(80, 24), (60, 16)] {
        let f = frame(&a, w, h);
        for v in ["about 96 USD mn", "121 USD mn", "84 USD mn", "36 USD mn"] {
            assert!(f.contains(v), "{v} cut at {w}x{h}:\n{f}");
        }
    }
    // The list of every figure: nothing cut at 80 columns or at the smallest size; a name
    // that does not fit wraps onto a second line of its row.
    for _ in 0..3 {
        a.apply(Action::Right);
    }
    let all = frame(&a, 80, 24);
    insta::assert_snapshot!("trade_all_figures_80x24", all);
    for (w, h) in [(80, 24), (60, 16)] {
        let f = frame(&a, w, h);
        let table: Vec<&str> = f
            .lines()
            .skip(2)
            .take_while(|l| !l.starts_with('└'))
            .collect();
        assert!(table.len() > 3, "{f}");
        assert!(
            table.iter().all(|l| !l.contains('…')),
            "cut at {w}x{h}:\n{f}"
        );
    }
    assert!(
        all.contains("2012 vs 2011") && all.contains("Osterran students in"),
        "{all}"
    );
}

#[test]
fn every_place_is_named_and_numbered_and_a_dataset_without_outlines_gets_the_world() {
    let cut = crate::common::SAMPLE
        .find("    map: (")
        .expect("the fixture has a map");
    let text = format!("{})\n", &crate::common::SAMPLE[..cut]);
    let db = kazaf::data::load::load_str("bare.ron", &text).expect("loads");
    let names: Vec<String> = db.set.places.iter().map(|p| p.name.to_string()).collect();
    let mut a = App::new(db);
    a.apply(Action::GoTab(Tab::Map));
    for (w, h) in [(80, 24), (200, 60), (60, 16)] {
        let f = frame(&a, w, h);
        // The map is the right-hand panel: each name there, or in its legend.
        let map: String = f
            .lines()
            .map(|l| l.chars().skip(w as usize / 3).collect::<String>() + "\n")
            .collect();
        for (i, name) in names.iter().enumerate() {
            assert!(
                map.contains(name.as_str()),
                "{name} unnamed at {w}x{h}:\n{f}"
            );
            assert!(
                f.contains(&format!("{} {name}", i + 1)),
                "{name} has no number:\n{f}"
            );
        }
        assert!(
            f.contains("Natural Earth"),
            "no attribution at {w}x{h}:\n{f}"
        );
        let braille = map
            .chars()
            .filter(|c| ('\u{2801}'..='\u{28ff}').contains(c))
            .count();
        assert!(braille > 20, "no borders drawn at {w}x{h}:\n{f}");
    }
    insta::assert_snapshot!("map_world_outlines_80x24", frame(&a, 80, 24));
}

#[test]
fn every_pane_under_the_stage_filter_at_80x24() {
    for &tab in Tab::all() {
        let mut a = sample_app(tab);
        // The second stage, "Trade" (2002-2010).
        a.apply(Action::NextStage);
        a.apply(Action::NextStage);
        a.apply(Action::Down);
        let f = draw(&a, 80, 24);
        assert!(
            f.lines().next().unwrap().contains("Stage: Trade 2002–2010"),
            "{f}"
        );
        insta::assert_snapshot!(format!("stage2_{tab:?}_80x24").to_lowercase(), f);
    }
    // The table of every figure lists only the stage's.
    let mut a = sample_app(Tab::Trade);
    a.apply(Action::NextStage);
    a.apply(Action::NextStage);
    for _ in 0..5 {
        a.apply(Action::Right);
    }
    insta::assert_snapshot!("stage2_all_figures_80x24", draw(&a, 80, 24));
}

/// A stage card lists twenty figures of its years at most, and says how many more there are
/// (a large dataset has thousands, and the card is drawn every frame).
#[test]
fn a_stage_card_with_many_figures_lists_twenty() {
    use std::fmt::Write;
    let mut extra = String::new();
    for k in 0..25 {
        let _ = writeln!(
            extra,
            "        (id: \"f_extra_{k}\", label: \"Extra {k}\", value: {k}.0, unit: Count, \
             period: \"1999\", provenance: Stated, cites: [4]),"
        );
    }
    let text = crate::common::SAMPLE.replacen(
        "    ],\n    charts:",
        &format!("{extra}    ],\n    charts:"),
        1,
    );
    let db = kazaf::data::load::load_str("many.ron", &text).expect("loads");
    let mut a = App::new(db);
    a.apply(Action::GoTab(Tab::Timeline));
    a.apply(Action::ScrollDown);
    let f = (0..6).fold(String::new(), |mut acc, _| {
        acc.push_str(&frame(&a, 120, 60));
        a.apply(Action::ScrollDown);
        a.apply(Action::ScrollDown);
        a.apply(Action::ScrollDown);
        a.apply(Action::ScrollDown);
        a.apply(Action::ScrollDown);
        acc
    });
    assert!(f.contains("26 figures of its years"), "{f}");
    assert!(f.contains("and 6 more: Trade & Aid lists them all"), "{f}");
    assert!(f.contains("Extra 18") && !f.contains("Extra 19 "), "{f}");
}

/// Under the stage filter what lies outside recedes by a modifier too, so it shows without
/// colour (mono, NO_COLOR): on the map, a place outside the stage is dim, one inside is not.
#[test]
fn outside_the_stage_is_dim_even_without_colour() {
    let mut a = sample_app(Tab::Map);
    a.apply(Action::NextStage);
    a.apply(Action::NextStage);
    let t = terminal(&a, &MONO, 120, 40);
    let buf = t.backend().buffer();
    let at = |needle: &str| {
        (1..40u16)
            .find_map(|y| {
                let line: String = (60..120u16)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect();
                line.find(needle)
                    .map(|b| (60 + line[..b].chars().count() as u16, y))
            })
            .unwrap_or_else(|| panic!("{needle} not on the map"))
    };
    let (x, y) = at("Tamsk");
    assert!(
        buf[(x, y)].modifier.contains(Modifier::DIM),
        "Tamsk is outside the stage"
    );
    let (x, y) = at("Velgrad");
    assert!(
        !buf[(x, y)].modifier.contains(Modifier::DIM),
        "Velgrad is in it"
    );
}
