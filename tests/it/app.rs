//! The explorer's state transitions, driven through `App::apply` without a terminal, on the
//! fixture dataset.

use kazaf::action::Action;
use kazaf::app::{App, Overlay};
use kazaf::data::ItemRef;
use kazaf::panes::{Tab, Target};

use crate::common::{
    all_figures, app_on, apply, audit_targets, back_len, bar, chart, charts, cursor, db, editing,
    entry, filter, frame, hit_sel, hits, in_analysis, list_len, overlay, place, query, quitting,
    sample, sample_app, section, sections, source, status, tab, trade_modes, typed, view,
};

/// Selects the `k`th entry of Timeline section `s`, by keys.
fn select_entry(a: &mut App, s: usize, k: usize) {
    apply(a, &[Action::GoTab(Tab::Timeline)]);
    apply(a, &vec![Action::Left; sections(a).len()]);
    apply(a, &vec![Action::Right; s]);
    apply(a, &[Action::Top]);
    apply(a, &vec![Action::Down; k]);
}

/// Selects the `k`th row of the active pane's list, by keys.
fn select_row(a: &mut App, k: usize) {
    apply(a, &[Action::Top]);
    apply(a, &vec![Action::Down; k]);
    assert_eq!(a.selected(), k);
}

#[test]
fn tabs_cycle_both_ways_and_digits_jump() {
    let mut a = app_on(sample());
    assert_eq!(tab(&a), Tab::Overview);
    let mut seen = vec![tab(&a)];
    for _ in 0..6 {
        apply(&mut a, &[Action::NextTab]);
        seen.push(tab(&a));
    }
    assert_eq!(
        seen,
        [
            Tab::Overview,
            Tab::Timeline,
            Tab::Trade,
            Tab::Sources,
            Tab::Map,
            Tab::Audit,
            Tab::Overview
        ]
    );
    apply(&mut a, &[Action::PrevTab]);
    assert_eq!(tab(&a), Tab::Audit);
    apply(&mut a, &[Action::GoTab(Tab::Sources)]);
    assert_eq!(tab(&a), Tab::Sources);
}

#[test]
fn selection_stays_within_bounds() {
    let mut a = sample_app(Tab::Timeline);
    let n = list_len(&a);
    assert!(n > 3);
    apply(&mut a, &[Action::Up]);
    assert_eq!(a.selected(), 0);
    for _ in 0..(n + 5) {
        apply(&mut a, &[Action::Down]);
    }
    assert_eq!(a.selected(), n - 1);
    apply(&mut a, &[Action::Top]);
    assert_eq!(a.selected(), 0);
    apply(&mut a, &[Action::Bottom]);
    assert_eq!(a.selected(), n - 1);
    apply(&mut a, &[Action::Top, Action::PageDown]);
    assert_eq!(a.selected(), 10.min(n - 1));
    apply(&mut a, &[Action::PageUp, Action::PageUp]);
    assert_eq!(a.selected(), 0);
}

#[test]
fn stages_move_left_and_right_and_stop_at_the_ends() {
    let mut a = sample_app(Tab::Timeline);
    let n = sections(&a).len();
    assert_eq!(
        n,
        db(&a).set.stages.len() + 1,
        "the stages and the analysis"
    );
    apply(&mut a, &[Action::Left]);
    assert_eq!(section(&a), 0);
    for _ in 0..10 {
        apply(&mut a, &[Action::Right]);
    }
    assert_eq!(section(&a), n - 1);
    assert!(in_analysis(&a));
    // Each section remembers its own selection.
    apply(&mut a, &[Action::Down, Action::Left, Action::Right]);
    assert_eq!(a.selected(), 1);
}

#[test]
fn citation_cursor_preview_open_and_back() {
    let mut a = sample_app(Tab::Timeline);
    // Find an entry with at least two citations.
    let (s, k) = sections(&a)
        .iter()
        .enumerate()
        .find_map(|(s, sec)| {
            sec.iter()
                .position(|&it| db(&a).cites(it).len() >= 2)
                .map(|k| (s, k))
        })
        .expect("an entry citing two sources");
    select_entry(&mut a, s, k);
    let cites = db(&a).cites(entry(&a).unwrap()).to_vec();
    apply(&mut a, &[Action::Enter]);
    assert_eq!(cursor(&a), Some(0));
    assert_eq!(a.target(), Some(Target::Cite(cites[0])));
    apply(&mut a, &[Action::Right]);
    assert_eq!(a.target(), Some(Target::Cite(cites[1])));
    apply(&mut a, &[Action::Right, Action::Right, Action::Right]);
    assert_eq!(
        cursor(&a),
        Some(cites.len() - 1),
        "cursor stops at the last citation"
    );
    apply(&mut a, &[Action::Top]);
    assert_eq!(cursor(&a), Some(0));
    apply(&mut a, &[Action::Enter]);
    assert_eq!(overlay(&a), Overlay::Preview(cites[0]));
    // j in the preview steps to the next citation, the preview following.
    apply(&mut a, &[Action::Down]);
    assert_eq!(overlay(&a), Overlay::Preview(cites[1]));
    let before = view(&a);
    apply(&mut a, &[Action::Enter]);
    assert_eq!(overlay(&a), Overlay::None);
    assert_eq!(tab(&a), Tab::Sources);
    assert_eq!(db(&a).set.references[source(&a)].number, cites[1]);
    apply(&mut a, &[Action::Back]);
    assert_eq!(
        view(&a),
        before,
        "Backspace restores pane, entry and cursor"
    );
    // Esc leaves the cursor; c toggles it.
    apply(&mut a, &[Action::Close]);
    assert_eq!(cursor(&a), None);
    apply(&mut a, &[Action::Cite]);
    assert_eq!(cursor(&a), Some(0));
    apply(&mut a, &[Action::Cite]);
    assert_eq!(cursor(&a), None);
    // o opens the first citation directly.
    apply(&mut a, &[Action::Open]);
    assert_eq!(tab(&a), Tab::Sources);
    assert_eq!(db(&a).set.references[source(&a)].number, cites[0]);
}

#[test]
fn cited_by_links_jump_to_the_citing_item() {
    let mut a = sample_app(Tab::Sources);
    let r = db(&a)
        .cited_by
        .iter()
        .position(|v| v.len() >= 2)
        .expect("a source cited twice");
    select_row(&mut a, r);
    apply(&mut a, &[Action::Right, Action::Down]);
    assert_eq!(cursor(&a), Some(1));
    let Some(Target::Item(item)) = a.target() else {
        panic!("a link")
    };
    apply(&mut a, &[Action::Enter]);
    assert_eq!(Some(tab(&a)), a.pane_of(item));
    // The item shown cites the source.
    let number = db(&a).set.references[r].number;
    match tab(&a) {
        Tab::Timeline => assert!(db(&a).cites(entry(&a).unwrap()).contains(&number)),
        Tab::Trade => assert!(
            db(&a)
                .cites(ItemRef::Figure(bar(&a).unwrap().figure))
                .contains(&number)
        ),
        other => panic!("cited-by jumped to {other:?}"),
    }
    apply(&mut a, &[Action::Back]);
    assert_eq!(
        (tab(&a), source(&a), cursor(&a)),
        (Tab::Sources, r, Some(1))
    );
    apply(&mut a, &[Action::Left]);
    assert_eq!(cursor(&a), None);
}

#[test]
fn back_stack_unwinds_in_order_and_is_harmless_when_empty() {
    let mut a = sample_app(Tab::Overview);
    apply(&mut a, &[Action::Back]);
    assert_eq!(tab(&a), Tab::Overview);
    a.apply(Action::Jump(ItemRef::Reference(2)));
    a.apply(Action::Jump(ItemRef::Place(0)));
    a.apply(Action::Jump(ItemRef::Event(0)));
    assert_eq!(back_len(&a), 3);
    apply(&mut a, &[Action::Back]);
    assert_eq!(tab(&a), Tab::Map);
    apply(&mut a, &[Action::Back]);
    assert_eq!((tab(&a), source(&a)), (Tab::Sources, 2));
    apply(&mut a, &[Action::Back, Action::Back]);
    assert_eq!(tab(&a), Tab::Overview);
    assert_eq!(back_len(&a), 0);
}

#[test]
fn search_finds_a_place_as_you_type_and_jumps_to_it() {
    let mut a = sample_app(Tab::Overview);
    apply(&mut a, &[Action::Search]);
    assert!(editing(&a));
    apply(&mut a, &typed("TAMS"));
    let tamsk = db(&a)
        .set
        .places
        .iter()
        .position(|p| p.name.as_str() == "Tamsk")
        .expect("Tamsk");
    let k = hits(&a)
        .iter()
        .position(|&h| h == ItemRef::Place(tamsk))
        .expect("the place is found");
    for _ in 0..k {
        apply(&mut a, &[Action::Down]);
    }
    apply(&mut a, &[Action::Enter]);
    assert!(!editing(&a));
    assert_eq!((tab(&a), place(&a)), (Tab::Map, tamsk));
    apply(&mut a, &[Action::Back]);
    assert_eq!(tab(&a), Tab::Overview);
}

#[test]
fn search_is_case_insensitive_and_n_steps_through_results() {
    let mut a = sample_app(Tab::Overview);
    apply(&mut a, &[Action::Search]);
    apply(&mut a, &typed("kalven"));
    let lower = hits(&a).len();
    apply(&mut a, &[Action::Close, Action::Search]);
    apply(&mut a, &typed("KaLvEn"));
    assert_eq!(hits(&a).len(), lower);
    assert!(lower >= 3, "Kalven appears in several items");
    apply(&mut a, &[Action::Enter]);
    let first = view(&a);
    apply(&mut a, &[Action::NextHit]);
    assert_eq!(hit_sel(&a), 1);
    assert_ne!(view(&a), first);
    apply(&mut a, &[Action::PrevHit, Action::PrevHit]);
    assert_eq!(hit_sel(&a), lower - 1, "N wraps around");
    // Backspace in the prompt erases; an empty query has no results.
    apply(&mut a, &[Action::Search]);
    apply(&mut a, &typed("zz"));
    assert!(hits(&a).is_empty());
    apply(&mut a, &[Action::Erase, Action::Erase]);
    assert!(hits(&a).is_empty());
    apply(&mut a, &[Action::Close]);
    assert!(!editing(&a));
    // While the prompt is open, letters are typed, not obeyed.
    apply(&mut a, &[Action::Search, Action::Input('q')]);
    assert!(!quitting(&a));
    assert_eq!(query(&a), "q");
}

#[test]
fn trade_charts_bars_scale_and_table() {
    let mut a = sample_app(Tab::Trade);
    let views = charts(&a).len();
    assert_eq!(
        views,
        db(&a).set.charts.len() + 1,
        "the charts and the all-figures table"
    );
    for _ in 0..20 {
        apply(&mut a, &[Action::Right]);
    }
    assert_eq!(chart(&a), views - 1);
    assert!(all_figures(&a));
    assert_eq!(list_len(&a), db(&a).set.figures.len());
    apply(&mut a, &[Action::Top]);
    for _ in 0..20 {
        apply(&mut a, &[Action::Left]);
    }
    assert_eq!(chart(&a), 0);
    apply(&mut a, &[Action::ToggleScale, Action::ToggleTable]);
    assert_eq!(trade_modes(&a), (true, true));
    apply(&mut a, &[Action::ToggleScale, Action::ToggleTable]);
    assert_eq!(trade_modes(&a), (false, false));
    // A stated bar's citation opens its source; Back returns to the bar.
    let k = charts(&a)[0]
        .iter()
        .position(|b| !db(&a).set.figures[b.figure].cites.is_empty())
        .unwrap();
    select_row(&mut a, k);
    apply(&mut a, &[Action::Enter, Action::Open]);
    assert_eq!(tab(&a), Tab::Sources);
    apply(&mut a, &[Action::Back]);
    assert_eq!((tab(&a), chart(&a), a.selected()), (Tab::Trade, 0, k));
}

#[test]
fn help_overlay_opens_scrolls_and_closes() {
    let mut a = sample_app(Tab::Overview);
    apply(&mut a, &[Action::Help]);
    assert_eq!(overlay(&a), Overlay::Help(0));
    apply(&mut a, &[Action::Down, Action::Down]);
    assert_eq!(overlay(&a), Overlay::Help(2));
    apply(&mut a, &[Action::Help]);
    assert_eq!(overlay(&a), Overlay::None);
    // Any other key closes it and acts.
    apply(&mut a, &[Action::Help, Action::GoTab(Tab::Map)]);
    assert_eq!((overlay(&a), tab(&a)), (Overlay::None, Tab::Map));
}

#[test]
fn audit_links_jump_to_the_items_involved() {
    let mut a = sample_app(Tab::Audit);
    // The rules are listed by outcome: the first row is a rule that differs.
    select_row(&mut a, 0);
    let rule = a.panes().audit.rule().expect("a rule");
    assert!(!db(&a).audit[rule].passed(), "what differs is listed first");
    let targets = audit_targets(&a, rule);
    assert!(!targets.is_empty());
    apply(&mut a, &[Action::Enter]);
    assert_eq!(a.target(), Some(Target::Item(targets[0])));
    apply(&mut a, &[Action::Enter]);
    assert_eq!(Some(tab(&a)), a.pane_of(targets[0]));
    apply(&mut a, &[Action::Back]);
    assert_eq!(tab(&a), Tab::Audit);
}

#[test]
fn quit_sets_the_flag() {
    let mut a = sample_app(Tab::Overview);
    assert!(!quitting(&a));
    apply(&mut a, &[Action::Quit]);
    assert!(quitting(&a));
}

#[test]
fn mouse_clicks_tabs_and_rows_and_wheel_scrolls() {
    let mut a = sample_app(Tab::Overview);
    // Rendering records where tabs and rows are.
    let text = frame(&a, 100, 30);
    let first = text.lines().next().unwrap();
    let x = first.find("4 Sources").expect("tab drawn") as u16;
    apply(&mut a, &[Action::Click { x: x + 1, y: 0 }]);
    assert_eq!(tab(&a), Tab::Sources);
    let _ = frame(&a, 100, 30);
    // Rows start on line 2 (tab bar, block border); the third row is source index 2.
    apply(&mut a, &[Action::Click { x: 3, y: 4 }]);
    assert_eq!(source(&a), 2);
    let _ = frame(&a, 100, 30);
    let wheel = |up| Action::Wheel { up, x: 3, y: 4 };
    apply(&mut a, &[wheel(false)]);
    assert_eq!(source(&a), 3);
    apply(&mut a, &[wheel(true)]);
    assert_eq!(source(&a), 2);
    // A click outside anything clickable changes nothing.
    let before = view(&a);
    apply(&mut a, &[Action::Click { x: 99, y: 29 }]);
    assert_eq!(view(&a), before);
}

/// Found by random use: a click on another row while the cursor was on the links of the first
/// left the cursor pointing past the new row's (fewer) links.
#[test]
fn a_click_on_a_row_leaves_the_link_cursor() {
    let mut a = sample_app(Tab::Sources);
    // The first source with links, then its cursor on the last of them.
    let with_links = (0..db(&a).set.references.len())
        .find(|&r| !db(&a).cited_by[r].is_empty())
        .expect("a cited source");
    apply(&mut a, &vec![Action::Down; with_links]);
    apply(&mut a, &[Action::Enter, Action::Bottom]);
    assert!(cursor(&a).is_some());
    let _ = frame(&a, 100, 30);
    let other = usize::from(with_links == 0);
    apply(
        &mut a,
        &[Action::Click {
            x: 3,
            y: 2 + other as u16,
        }],
    );
    assert_eq!(source(&a), other);
    assert_eq!(cursor(&a), None);
}

/// `q` closes a popup rather than quitting (as in less and htop), and only a `q` with no popup
/// open quits; a resize keeps the help, the preview, the search prompt and the cursor.
#[test]
fn q_closes_a_popup_and_a_resize_keeps_it() {
    let mut a = sample_app(Tab::Timeline);
    apply(&mut a, &[Action::Help, Action::Resize(100, 30)]);
    assert_eq!(overlay(&a), Overlay::Help(0), "a resize keeps the help");
    apply(&mut a, &[Action::Quit]);
    assert_eq!(overlay(&a), Overlay::None);
    assert!(!quitting(&a), "q closed the help and did not quit");
    // The preview of a citation, with the cursor on it.
    apply(&mut a, &[Action::Enter, Action::Enter]);
    assert!(matches!(overlay(&a), Overlay::Preview(_)));
    let cursor_before = cursor(&a);
    apply(&mut a, &[Action::Resize(70, 20)]);
    assert!(
        matches!(overlay(&a), Overlay::Preview(_)),
        "a resize keeps it"
    );
    assert_eq!(cursor(&a), cursor_before, "and the cursor");
    apply(&mut a, &[Action::Quit]);
    assert_eq!(overlay(&a), Overlay::None);
    assert!(!quitting(&a));
    // The search prompt survives a resize too.
    apply(
        &mut a,
        &[Action::Search, Action::Input('k'), Action::Resize(90, 25)],
    );
    assert!(editing(&a));
    assert_eq!(query(&a), "k");
    apply(&mut a, &[Action::Close, Action::Close, Action::Quit]);
    assert!(quitting(&a), "q with nothing open quits");
}

/// A search is one jump: stepping through its results with `n` and `N` keeps the one back-stack
/// entry, so `b` returns to where the search started.
#[test]
fn stepping_through_search_results_is_one_back_entry() {
    let mut a = sample_app(Tab::Overview);
    apply(&mut a, &[Action::Search]);
    apply(&mut a, &typed("kalven"));
    assert!(hits(&a).len() >= 3, "enough results to step through");
    apply(&mut a, &[Action::Enter]);
    assert_eq!(back_len(&a), 1);
    apply(
        &mut a,
        &[
            Action::NextHit,
            Action::NextHit,
            Action::PrevHit,
            Action::NextHit,
        ],
    );
    assert_eq!(back_len(&a), 1, "n and N after a search jump add nothing");
    apply(&mut a, &[Action::Back]);
    assert_eq!(
        tab(&a),
        Tab::Overview,
        "b returns to where the search started"
    );
    // n on its own (after other keys) is a jump of its own.
    apply(&mut a, &[Action::NextHit]);
    assert_eq!(back_len(&a), 1);
}

/// With the search prompt open, a click on a result jumps to it, and a click anywhere else
/// (even on a tab) closes the prompt without acting on the pane behind it.
#[test]
fn clicks_with_the_search_prompt_open() {
    let mut a = sample_app(Tab::Overview);
    apply(&mut a, &[Action::Search]);
    apply(&mut a, &typed("kalven"));
    let text = frame(&a, 100, 30);
    // The results' rows: find the second one's line on screen.
    let second = hits(&a)[1];
    let title: String = db(&a).title(second).chars().take(20).collect();
    let y = text
        .lines()
        .position(|l| l.contains(&title))
        .expect("the second result is drawn") as u16;
    apply(&mut a, &[Action::Click { x: 20, y }]);
    assert!(!editing(&a));
    assert_eq!(hit_sel(&a), 1);
    assert_eq!(
        Some(tab(&a)),
        a.pane_of(second),
        "jumped to the clicked result"
    );
    // A click on a tab while the prompt is open closes it and stays on the pane.
    apply(&mut a, &[Action::GoTab(Tab::Overview), Action::Search]);
    apply(&mut a, &typed("kalven"));
    let text = frame(&a, 100, 30);
    let x = text.lines().next().unwrap().find("4 Sources").unwrap() as u16;
    apply(&mut a, &[Action::Click { x: x + 1, y: 0 }]);
    assert!(!editing(&a));
    assert_eq!(
        tab(&a),
        Tab::Overview,
        "the click did not act behind the prompt"
    );
}

/// The last row of a frame: the footer.
fn footer(a: &App) -> String {
    frame(a, 120, 30)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_footer_shows_the_keys_of_the_mode() {
    let mut a = sample_app(Tab::Overview);
    assert!(footer(&a).contains("j/k scroll"), "{}", footer(&a));
    assert!(!footer(&a).contains("move"), "{}", footer(&a));
    apply(&mut a, &[Action::GoTab(Tab::Timeline)]);
    let browse = footer(&a);
    assert!(
        browse.contains("j/k move") && browse.contains("l stage"),
        "{browse}"
    );
    apply(&mut a, &[Action::Enter]);
    assert!(cursor(&a).is_some());
    let cite = footer(&a);
    assert!(
        cite.contains("j/k citation") && cite.contains("Enter preview"),
        "{cite}"
    );
    assert!(
        cite.contains("Esc leave") && !cite.contains("l stage"),
        "{cite}"
    );
    apply(&mut a, &[Action::Enter]);
    let preview = footer(&a);
    assert!(preview.contains("Enter open in Sources"), "{preview}");
    assert!(!preview.contains("panes"), "{preview}");
    apply(&mut a, &[Action::Close, Action::Help]);
    assert!(
        footer(&a).starts_with("j/k scroll  q close"),
        "{}",
        footer(&a)
    );
    apply(
        &mut a,
        &[Action::Close, Action::Close, Action::GoTab(Tab::Sources)],
    );
    assert!(footer(&a).contains("l links"), "{}", footer(&a));
    apply(&mut a, &[Action::Right]);
    let links = footer(&a);
    assert!(
        links.contains("j/k link") && links.contains("h list"),
        "{links}"
    );
}

#[test]
fn the_status_line_says_what_happened_and_the_next_key_clears_it() {
    let mut a = sample_app(Tab::Timeline);
    apply(&mut a, &[Action::Back]);
    let (text, warn) = status(&a).expect("a message");
    assert!(text.contains("nothing to go back to") && warn, "{text}");
    assert!(
        footer(&a).starts_with("nothing to go back to"),
        "{}",
        footer(&a)
    );
    // A resize keeps it; the next key clears it.
    apply(&mut a, &[Action::Resize(100, 30)]);
    assert!(status(&a).is_some());
    apply(&mut a, &[Action::Down]);
    assert_eq!(status(&a), None);

    apply(&mut a, &[Action::NextHit]);
    assert!(status(&a).unwrap().0.contains("no search results"));

    // Searching: stepping past the last result wraps, and says so.
    apply(&mut a, &[Action::Search]);
    apply(&mut a, &typed("a"));
    apply(&mut a, &[Action::Enter]);
    let n = hits(&a).len();
    assert!(n > 2);
    for _ in 0..n - 1 {
        apply(&mut a, &[Action::NextHit]);
        assert_eq!(status(&a), None);
    }
    apply(&mut a, &[Action::NextHit]);
    assert_eq!(
        status(&a),
        Some(("search wrapped to the first result".into(), false))
    );
    apply(&mut a, &[Action::PrevHit]);
    assert_eq!(
        status(&a),
        Some(("search wrapped to the last result".into(), false))
    );

    // A search that finds nothing says so when Enter is pressed.
    apply(&mut a, &[Action::Search]);
    apply(&mut a, &typed("zzqx"));
    apply(&mut a, &[Action::Enter]);
    assert_eq!(status(&a), Some(("nothing matches “zzqx”".into(), true)));
    assert!(!editing(&a));

    // An item without citations or links: the cursor says there is nothing to go on.
    let mut found = None;
    for t in [Tab::Trade, Tab::Sources, Tab::Map, Tab::Audit] {
        apply(&mut a, &[Action::GoTab(t)]);
        if let Some(k) = (0..list_len(&a)).find(|&k| {
            select_row(&mut a, k);
            a.targets().is_empty()
        }) {
            found = Some((t, k));
            break;
        }
    }
    let (t, k) = found.expect("the fixture has an item without citations or links");
    apply(&mut a, &[Action::GoTab(t)]);
    select_row(&mut a, k);
    apply(&mut a, &[Action::Enter]);
    assert_eq!(cursor(&a), None);
    let what = if t == Tab::Trade {
        "citations"
    } else {
        "links"
    };
    assert_eq!(status(&a), Some((format!("no {what} here"), true)), "{t:?}");
}

#[test]
fn a_search_or_cited_by_jump_to_a_stage_lands_on_its_card() {
    let mut a = sample_app(Tab::Overview);
    // "recognise" is only in the first stage's characterisation.
    apply(&mut a, &[Action::Search]);
    apply(&mut a, &typed("recognise"));
    assert_eq!(hits(&a), vec![ItemRef::Stage(0)]);
    apply(&mut a, &[Action::Enter]);
    assert_eq!(
        (tab(&a), section(&a), entry(&a)),
        (Tab::Timeline, 0, Some(ItemRef::Stage(0)))
    );
    let f = frame(&a, 120, 40);
    assert!(f.contains("The two states recognise each other"), "{f}");
    // The match is highlighted in the card (underlined and bold in mono).
    {
        use kazaf::ui::Screen;
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        use ratatui::style::Modifier;
        use ratatui::widgets::Widget;
        let area = Rect::new(0, 0, 120, 40);
        let mut buf = Buffer::empty(area);
        Screen::new(&a, &crate::common::MONO).render(area, &mut buf);
        let (x, y) = (0..40)
            .find_map(|y| {
                let line: String = (0..120).map(|x| buf[(x, y)].symbol().to_string()).collect();
                line.find("recognise each")
                    .map(|b| (line[..b].chars().count() as u16, y))
            })
            .expect("the word on screen");
        assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
        assert!(!buf[(x - 2, y)].modifier.contains(Modifier::UNDERLINED));
    }
    assert!(
        f.contains("5 events, 1 document, 1 figure of its years"),
        "{f}"
    );
    // From the Sources: reference [3] is cited by the second stage; its link lands on the card.
    let mut a = sample_app(Tab::Sources);
    let r = db(&a)
        .set
        .references
        .iter()
        .position(|r| r.number == 3)
        .unwrap();
    select_row(&mut a, r);
    let k = a
        .targets()
        .iter()
        .position(|t| *t == Target::Item(ItemRef::Stage(1)))
        .expect("the stage cites [3]");
    apply(&mut a, &[Action::Right]);
    apply(&mut a, &vec![Action::Down; k]);
    apply(&mut a, &[Action::Enter]);
    assert_eq!(
        (tab(&a), section(&a), entry(&a)),
        (Tab::Timeline, 1, Some(ItemRef::Stage(1)))
    );
}

#[test]
fn the_stage_filter_steps_round_and_every_pane_honours_it() {
    let mut a = sample_app(Tab::Overview);
    let n = db(&a).set.stages.len();
    assert_eq!(a.stage(), None);
    // All, then each stage, then All again; backwards from All to the last.
    for s in 0..n {
        apply(&mut a, &[Action::NextStage]);
        assert_eq!(a.stage(), Some(s));
    }
    apply(&mut a, &[Action::NextStage]);
    assert_eq!(a.stage(), None);
    apply(&mut a, &[Action::PrevStage]);
    assert_eq!(a.stage(), Some(n - 1));
    apply(&mut a, &[Action::AllStages]);
    assert_eq!(a.stage(), None);

    // The second stage ("Trade", 2002-2010).
    apply(&mut a, &[Action::NextStage, Action::NextStage]);
    let s = 1;
    let f = frame(&a, 120, 40);
    assert!(
        f.lines().next().unwrap().contains("Stage: Trade 2002–2010"),
        "{f}"
    );
    assert!(f.contains("Figures of Trade (2002–2010)"), "{f}");
    // Timeline: at the stage.
    apply(&mut a, &[Action::GoTab(Tab::Timeline)]);
    assert_eq!((section(&a), entry(&a)), (s, Some(ItemRef::Stage(s))));
    // Trade: the first chart (2011 and 2012) has nothing in 2002-2010; its table lists
    // nothing, the chart dims every bar; the second chart's table lists the sessions.
    apply(&mut a, &[Action::GoTab(Tab::Trade), Action::ToggleTable]);
    assert_eq!(list_len(&a), 0);
    assert!(frame(&a, 120, 40).contains("no figure of this chart lies in Trade (2002–2010)"));
    apply(&mut a, &[Action::Right]);
    let rows = list_len(&a);
    assert!(rows > 0 && rows <= charts(&a)[1].len());
    for k in 0..rows {
        select_row(&mut a, k);
        let f = bar(&a).unwrap().figure;
        assert!(db(&a).in_stage(ItemRef::Figure(f), s), "row {k}");
    }
    // The filter off: the table lists every bar again, the selected one kept.
    let before = bar(&a).cloned();
    apply(&mut a, &[Action::AllStages]);
    assert_eq!(list_len(&a), charts(&a)[1].len());
    assert_eq!(bar(&a).cloned(), before);
    apply(
        &mut a,
        &[Action::NextStage, Action::NextStage, Action::ToggleTable],
    );
    // Sources: what cites a reference, of the stage only.
    apply(&mut a, &[Action::GoTab(Tab::Sources)]);
    for r in 0..list_len(&a) {
        select_row(&mut a, r);
        for t in a.targets() {
            let Target::Item(item) = t else { panic!() };
            assert!(db(&a).in_stage(item, s), "{item:?}");
        }
    }
    // Map: only the places tied to the stage, with only the stage's items.
    apply(&mut a, &[Action::GoTab(Tab::Map)]);
    let places = list_len(&a);
    assert!(places > 0 && places < db(&a).set.places.len());
    for k in 0..places {
        select_row(&mut a, k);
        assert!(!a.targets().is_empty());
        for t in a.targets() {
            let Target::Item(item) = t else { panic!() };
            assert!(db(&a).in_stage(item, s));
        }
    }
    // Audit: only the findings that involve the stage.
    apply(&mut a, &[Action::GoTab(Tab::Audit)]);
    // (a finding that involves the stage may name items of another too: the overlap of two
    // stages names both.)
    let mut shown = 0;
    for k in 0..list_len(&a) {
        select_row(&mut a, k);
        let items: Vec<ItemRef> = a
            .targets()
            .into_iter()
            .filter_map(|t| match t {
                Target::Item(i) => Some(i),
                Target::Cite(_) => None,
            })
            .collect();
        assert!(
            items.is_empty() || items.iter().any(|&i| db(&a).in_stage(i, s)),
            "{items:?}"
        );
        shown += items.len();
    }
    assert!(shown > 0);
    let hidden = (0..db(&a).audit.len()).any(|r| {
        audit_targets(&a, r).is_empty() && !kazaf::panes::audit::targets(db(&a), r, None).is_empty()
    });
    assert!(hidden, "some rule's findings all lie outside the stage");
    // The filter is saved on the back stack; a jump outside the stage turns it off.
    apply(&mut a, &[Action::Jump(ItemRef::Stage(0))]);
    assert_eq!(a.stage(), None);
    assert!(status(&a).unwrap().0.contains("stage filter is off"));
    apply(&mut a, &[Action::Back]);
    assert_eq!((a.stage(), tab(&a)), (Some(s), Tab::Audit));
}

/// Found by the random-use test: the citation cursor on a bar, then the table view under the
/// stage filter, which lists none of the chart's bars.
#[test]
fn a_table_that_lists_nothing_takes_the_cursor_off() {
    let mut a = sample_app(Tab::Trade);
    apply(
        &mut a,
        &[
            Action::NextStage,
            Action::NextStage,
            Action::Down,
            Action::Enter,
        ],
    );
    assert_eq!(cursor(&a), Some(0));
    apply(&mut a, &[Action::ToggleTable]);
    assert_eq!((list_len(&a), cursor(&a)), (0, None));
}

#[test]
fn the_year_axis_is_live_clicks_zoom_and_marks() {
    use kazaf::ui::Screen;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Modifier;
    use ratatui::widgets::Widget;
    let draw = |a: &App| {
        let area = Rect::new(0, 0, 120, 40);
        let mut buf = Buffer::empty(area);
        Screen::new(a, &crate::common::MONO).render(area, &mut buf);
        buf
    };
    let row_of = |buf: &Buffer, needle: &str| {
        (0..buf.area.height)
            .find(|&y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
                    .contains(needle)
            })
            .unwrap_or_else(|| panic!("{needle} not drawn"))
    };
    let mut a = sample_app(Tab::Timeline);
    // The first event selected: its tick is drawn reversed, the others are not.
    apply(&mut a, &[Action::Down]);
    let buf = draw(&a);
    let ticks = row_of(&buf, "▲");
    let reversed: Vec<u16> = (0..120)
        .filter(|&x| buf[(x, ticks)].modifier.contains(Modifier::REVERSED))
        .collect();
    assert_eq!(reversed.len(), 1, "{reversed:?}");
    // A click on the third stage's band shows its card; on the first tick, its event.
    let band = row_of(&buf, "Partnership 2010");
    let x = (0..120).find(|&x| buf[(x, band)].symbol() == "P").unwrap();
    apply(&mut a, &[Action::Click { x, y: band }]);
    assert_eq!((section(&a), entry(&a)), (2, Some(ItemRef::Stage(2))));
    apply(
        &mut a,
        &[Action::Click {
            x: reversed[0],
            y: ticks,
        }],
    );
    assert_eq!(entry(&a), Some(ItemRef::Event(0)));
    assert_eq!(back_len(&a), 2);
    // z zooms the axis to the stage's years, and back.
    apply(&mut a, &[Action::Right, Action::Zoom]);
    let f = frame(&a, 120, 40);
    let labels = f.lines().nth(1).unwrap();
    assert!(labels.contains("2002") && !labels.contains("1994"), "{f}");
    assert!(f.contains("zoomed to 2002–2010"), "{f}");
    apply(&mut a, &[Action::Zoom]);
    assert!(frame(&a, 120, 40).lines().nth(1).unwrap().contains("1994"));
    // The analysis has no years to zoom to.
    apply(&mut a, &[Action::Right, Action::Right, Action::Zoom]);
    assert!(status(&a).unwrap().0.contains("no years to zoom to"));
    // The stage filtered to stands out on the axis: its band is drawn in the match style
    // (underlined in mono; the third stage's band is otherwise reversed only).
    let underlined = |a: &App, needle: &str| {
        let buf = draw(a);
        // (a band's row, not the tab bar's, which names the stage filtered to.)
        let (x, y) = (1..40)
            .find_map(|y| {
                let line: String = (0..120).map(|x| buf[(x, y)].symbol().to_string()).collect();
                let b = line.find(needle)?;
                line.contains('├')
                    .then(|| (line[..b].chars().count() as u16, y))
            })
            .unwrap_or_else(|| panic!("{needle} not drawn"));
        buf[(x, y)].modifier.contains(Modifier::UNDERLINED)
    };
    assert!(!underlined(&a, "Partnership 2010"));
    apply(&mut a, &[Action::PrevStage]);
    assert_eq!(a.stage(), Some(2));
    assert!(underlined(&a, "Partnership 2010"));
}

#[test]
fn the_axis_legend_explains_the_digits_of_the_article() {
    let a = app_on(crate::common::embedded());
    let mut a = a;
    apply(&mut a, &[Action::GoTab(Tab::Timeline)]);
    let f = frame(&a, 100, 30);
    let ticks = f.lines().nth(5).unwrap();
    assert!(ticks.contains('2') && ticks.contains('3'), "{f}");
    assert!(
        f.lines()
            .nth(6)
            .unwrap()
            .contains("2-9 events in one column"),
        "{f}"
    );
}

/// The first of the search issue's cases, on the article: whole words first, a hyphen finds
/// an en dash, two words in any order.
#[test]
fn search_ranks_whole_words_and_takes_words_in_any_order_on_the_article() {
    let mut a = app_on(crate::common::embedded());
    let find = |a: &mut App, q: &str| {
        apply(a, &[Action::Search]);
        apply(a, &typed(q));
        let h = hits(a);
        apply(a, &[Action::Close]);
        h
    };
    let ghani = find(&mut a, "Ghani");
    let first = db(&a).title(ghani[0]);
    assert!(first.contains("Ghani"), "first result: {first}");
    assert!(
        !first.contains("Diplomatic relations established"),
        "{first}"
    );
    assert!(!find(&mut a, "Kazakh-Afghan").is_empty());
    let both = find(&mut a, "Nazarbayev Ghani");
    assert!(!both.is_empty());
    assert_eq!(both.len(), find(&mut a, "ghani nazarbayev").len());
    assert!(
        db(&a).title(both[0]).contains("Nazarbayev"),
        "{}",
        db(&a).title(both[0])
    );
}

/// Numbers are searchable as the data writes them and as the panes show them.
#[test]
fn search_finds_figures_by_their_numbers() {
    let mut a = app_on(crate::common::embedded());
    for q in ["333.5", "20,150", "20150", "336.7 usd"] {
        apply(&mut a, &[Action::Search]);
        apply(&mut a, &typed(q));
        let h = hits(&a);
        assert!(
            h.iter().any(|&i| matches!(i, ItemRef::Figure(_))),
            "{q}: {h:?}"
        );
        apply(&mut a, &[Action::Close]);
    }
}

/// Other spellings from the data: the article's own ("Gani", "Talukan") and common ones
/// ("Nazarbaev", "Masud"), found by search and shown in the detail.
#[test]
fn search_finds_other_spellings_and_the_detail_shows_them() {
    let mut a = app_on(crate::common::embedded());
    for (q, name) in [
        ("Gani", "Mohammad Ashraf Ghani"),
        ("Talukan", "Taloqan (Talukan)"),
        ("Nazarbaev", "Nursultan Nazarbayev"),
        ("Masud", "Ahmad Zia Massoud"),
    ] {
        apply(&mut a, &[Action::Search]);
        apply(&mut a, &typed(q));
        let titles: Vec<String> = hits(&a).iter().map(|&i| db(&a).title(i)).collect();
        assert!(titles.iter().any(|t| t.contains(name)), "{q}: {titles:?}");
        apply(&mut a, &[Action::Close]);
    }
    let taloqan = db(&a)
        .set
        .places
        .iter()
        .position(|p| p.id.as_str() == "taloqan")
        .unwrap();
    apply(&mut a, &[Action::Jump(ItemRef::Place(taloqan))]);
    let f = frame(&a, 120, 40);
    assert!(f.contains("also written: Talukan"), "{f}");
}

/// The first item whose title (its first searchable field) is `title`.
fn item_titled(a: &App, title: &str) -> ItemRef {
    let db = db(a);
    (0..db.set.references.len())
        .map(ItemRef::Reference)
        .chain((0..db.set.places.len()).map(ItemRef::Place))
        .chain((0..db.set.events.len()).map(ItemRef::Event))
        .find(|&i| kazaf::search::fields_of(db, i)[0].1 == title)
        .unwrap_or_else(|| panic!("no item titled {title}"))
}

#[test]
fn f_narrows_a_list_in_place_and_the_pane_keeps_working_on_it() {
    let mut a = sample_app(Tab::Sources);
    let all = list_len(&a);
    assert_eq!(all, 6);
    apply(&mut a, &[Action::Filter]);
    assert!(a.filtering());
    // Each key narrows the list: "kalven" is in an English title and a publisher.
    apply(&mut a, &typed("kalven"));
    assert_eq!(filter(&a).as_deref(), Some("kalven"));
    assert_eq!(list_len(&a), 2);
    assert_eq!(
        a.selected_item(),
        Some(item_titled(&a, "Osterran students head north"))
    );
    // The pane works on the narrowed list, the prompt still open: down is the next match,
    // and it stops there.
    apply(&mut a, &[Action::Down, Action::Down]);
    assert!(a.filtering());
    assert_eq!(a.selected_item(), Some(item_titled(&a, "Rede in Kalven")));
    assert_eq!(a.selected(), 1);
    // Enter keeps the filter and gives the keys back to the list; the links are the
    // selected source's.
    apply(&mut a, &[Action::Enter]);
    assert!(!a.filtering());
    assert_eq!(list_len(&a), 2);
    apply(&mut a, &[Action::Up]);
    assert_eq!(
        a.selected_item(),
        Some(item_titled(&a, "Osterran students head north"))
    );
    let f = frame(&a, 100, 30);
    assert!(f.contains("Sources 2 of 6 “kalven”"), "{f}");
    // Esc clears it, and the selected source stays selected.
    apply(&mut a, &[Action::Close]);
    assert_eq!(filter(&a), None);
    assert_eq!(list_len(&a), all);
    assert_eq!(
        a.selected_item(),
        Some(item_titled(&a, "Osterran students head north"))
    );
    assert!(status(&a).unwrap().0.contains("filter is off"));
    // Backspace widens it again, to everything when the words are gone; Esc in the prompt
    // clears it too.
    apply(&mut a, &[Action::Filter]);
    apply(&mut a, &typed("zzz"));
    assert_eq!(list_len(&a), 0);
    let f = frame(&a, 100, 30);
    assert!(f.contains("no source matches the filter"), "{f}");
    apply(&mut a, &[Action::Erase, Action::Erase, Action::Erase]);
    assert_eq!((list_len(&a), filter(&a)), (all, None));
    apply(&mut a, &typed("tam"));
    assert_eq!(list_len(&a), 1);
    apply(&mut a, &[Action::Close]);
    assert!(!a.filtering());
    assert_eq!(list_len(&a), all);
}

#[test]
fn the_filter_is_the_panes_own_and_a_jump_it_hides_clears_it() {
    let mut a = sample_app(Tab::Timeline);
    // The first stage, narrowed to what names Kalven: the embassy and the visit.
    apply(&mut a, &[Action::Filter]);
    apply(&mut a, &typed("kalven"));
    apply(&mut a, &[Action::Enter]);
    let kept: Vec<ItemRef> = sections(&a)[0].clone();
    let titles: Vec<String> = kept.iter().map(|&i| db(&a).title(i)).collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(titles.iter().all(|t| !t.contains("Grain")), "{titles:?}");
    // Other sections are narrowed the same way; moving between them keeps the filter.
    apply(&mut a, &[Action::Right]);
    assert!(sections(&a)[1].iter().all(|&i| {
        kazaf::search::fields_of(db(&a), i)
            .iter()
            .any(|(_, t)| t.to_lowercase().contains("kalven"))
    }));
    // Another pane is not filtered, and `f` where there is no list says so.
    apply(&mut a, &[Action::GoTab(Tab::Sources)]);
    assert_eq!(filter(&a), None);
    apply(&mut a, &[Action::GoTab(Tab::Overview), Action::Filter]);
    assert!(!a.filtering());
    assert!(status(&a).unwrap().1);
    // A search jump to an event the filter hides turns the Timeline's filter off.
    apply(&mut a, &[Action::Search]);
    apply(&mut a, &typed("grain shipped"));
    apply(&mut a, &[Action::Enter]);
    assert_eq!(tab(&a), Tab::Timeline);
    assert_eq!(filter(&a), None);
    assert!(db(&a).title(entry(&a).unwrap()).contains("Grain"));
    assert!(status(&a).unwrap().0.contains("filter is off"));
    // Back restores the view the jump left (the Overview), with the Timeline as it was.
    apply(&mut a, &[Action::Back]);
    assert_eq!(tab(&a), Tab::Overview);
    apply(&mut a, &[Action::GoTab(Tab::Timeline)]);
    assert_eq!(filter(&a).as_deref(), Some("kalven"));
}

#[test]
fn the_map_filters_by_text_and_stage_together() {
    let mut a = sample_app(Tab::Map);
    assert_eq!(list_len(&a), 3);
    apply(&mut a, &[Action::Filter]);
    apply(&mut a, &typed("osterra"));
    // Kalven and Tamsk are in Osterra.
    assert_eq!(list_len(&a), 2);
    apply(&mut a, &[Action::Enter, Action::Bottom]);
    assert_eq!(a.selected_item(), Some(item_titled(&a, "Tamsk")));
    // The first stage ties nothing to Tamsk: both filters leave Kalven.
    apply(&mut a, &[Action::NextStage]);
    assert_eq!(list_len(&a), 1);
    assert_eq!(a.selected_item(), Some(item_titled(&a, "Kalven")));
    apply(&mut a, &[Action::AllStages]);
    assert_eq!(list_len(&a), 2);
    apply(&mut a, &[Action::Close]);
    assert_eq!(list_len(&a), 3);
    assert_eq!(a.selected_item(), Some(item_titled(&a, "Kalven")));
}

#[test]
fn trade_filters_its_tables_and_dims_its_charts() {
    let mut a = sample_app(Tab::Trade);
    // The first chart: four bars, two of them the 2012 turnover's parts.
    let bars = list_len(&a);
    apply(&mut a, &[Action::Filter]);
    apply(&mut a, &typed("osterra"));
    apply(&mut a, &[Action::Enter]);
    // A chart keeps its bars (the filter dims the rest)...
    assert_eq!(list_len(&a), bars);
    let f = frame(&a, 120, 40);
    assert!(f.contains("2 of 4 match “osterra”"), "{f}");
    // ...its table lists only the matching ones: exports to and imports from Osterra.
    apply(&mut a, &[Action::ToggleTable]);
    assert_eq!(list_len(&a), 2);
    apply(&mut a, &[Action::Top]);
    assert_eq!(
        a.selected_item(),
        Some(item_titled_figure(&a, "Exports to Osterra"))
    );
    apply(&mut a, &[Action::Close]);
    assert_eq!(list_len(&a), bars);
    apply(&mut a, &[Action::ToggleTable]);
    // On the Audit, f says where it works.
    apply(&mut a, &[Action::GoTab(Tab::Audit), Action::Filter]);
    assert!(!a.filtering());
    assert!(status(&a).unwrap().0.contains("Trade & Aid"));
}

fn item_titled_figure(a: &App, label: &str) -> ItemRef {
    let db = db(a);
    (0..db.set.figures.len())
        .map(ItemRef::Figure)
        .find(|&i| kazaf::search::fields_of(db, i)[0].1 == label)
        .unwrap_or_else(|| panic!("no figure {label}"))
}

#[test]
fn sources_sort_by_number_year_and_author_keeping_the_selection() {
    let mut a = sample_app(Tab::Sources);
    // The numbers down the list, walked by keys; the selection put back after.
    let numbers = |a: &mut App| -> Vec<u32> {
        let row = a.selected();
        let mut out = Vec::new();
        apply(a, &[Action::Top]);
        for _ in 0..list_len(a) {
            if let Some(ItemRef::Reference(i)) = a.selected_item() {
                out.push(db(a).set.references[i].number);
            }
            apply(a, &[Action::Down]);
        }
        select_row(a, row);
        out
    };
    assert_eq!(numbers(&mut a), [1, 2, 3, 4, 5, 6]);
    select_row(&mut a, 3);
    let chosen = a.selected_item();
    // By year, the undated last; the selected source stays selected.
    apply(&mut a, &[Action::Sort]);
    assert_eq!(status(&a).unwrap().0, "sorted by year");
    assert_eq!(numbers(&mut a), [2, 3, 6, 4, 1, 5]);
    assert_eq!(a.selected_item(), chosen);
    let f = frame(&a, 160, 40);
    assert!(f.contains("Sources (6) by year"), "{f}");
    // Each row reads as a bibliography: who, the year, the title.
    assert!(
        f.contains("[3] L. Varga 2012 The Joint Commission at ten"),
        "{f}"
    );
    assert!(f.contains("[5] n.d. Transit on the Tam"), "{f}");
    // By author, or publisher, those with neither last.
    apply(&mut a, &[Action::Sort]);
    assert_eq!(numbers(&mut a), [4, 3, 6, 1, 2, 5]);
    // A filter keeps the order.
    apply(&mut a, &[Action::Filter]);
    apply(&mut a, &typed("kalven"));
    apply(&mut a, &[Action::Enter]);
    assert_eq!(numbers(&mut a), [4, 6]);
    apply(&mut a, &[Action::Close, Action::Sort]);
    assert_eq!(numbers(&mut a), [1, 2, 3, 4, 5, 6]);
    // Elsewhere, s is not a sort.
    apply(&mut a, &[Action::GoTab(Tab::Map), Action::Sort]);
    assert!(status(&a).unwrap().1);
}

#[test]
fn y_copies_the_claim_with_its_sources_and_y_shifted_a_source_as_biblatex() {
    // An event: its words, its citation marks, and every source it cites written out.
    let mut a = sample_app(Tab::Timeline);
    select_entry(&mut a, 0, 1);
    apply(&mut a, &[Action::Copy]);
    let text = a.take_copy().expect("copied");
    assert!(
        text.starts_with("15 March 1994 — Diplomatic relations established. Norvania and Osterra open diplomatic relations. [1][2]"),
        "{text}"
    );
    assert!(
        text.contains(
            "\nSources:\n[1] Relations with Osterra. Ministry of Foreign Affairs of Norvania. 2017."
        ),
        "{text}"
    );
    assert!(
        text.contains("\n[2] Treaty of friendship and cooperation. 2001-05-20. (document)"),
        "{text}"
    );
    assert!(
        status(&a)
            .unwrap()
            .0
            .starts_with("copied the event with its sources (")
    );
    assert_eq!(a.take_copy(), None, "sent once");
    // An inference is marked in the copy too.
    select_entry(&mut a, 0, 3);
    apply(&mut a, &[Action::Copy]);
    let text = a.take_copy().expect("copied");
    assert!(
        text.contains("† not stated outright: places (inferred: "),
        "{text}"
    );
    // With the citation cursor on [2]: that source; Y gives it as BibLaTeX.
    select_entry(&mut a, 0, 1);
    apply(&mut a, &[Action::Cite, Action::Down, Action::CopyBibtex]);
    let bib = a.take_copy().expect("copied");
    assert!(bib.starts_with("@misc{ref2,"), "{bib}");
    assert_eq!(
        status(&a).unwrap().0,
        format!(
            "copied source [2] as BibLaTeX ({} characters)",
            bib.chars().count()
        )
    );
    // Y on what is not a source says what it copies.
    apply(&mut a, &[Action::Close, Action::CopyBibtex]);
    assert!(a.take_copy().is_none());
    assert!(status(&a).unwrap().1);
    // A figure: how it is known.
    let mut t = sample_app(Tab::Trade);
    apply(&mut t, &[Action::Top, Action::Copy]);
    let text = t.take_copy().expect("copied");
    assert!(
        text.contains(
            "How it is known: derived by us: f_turnover_2012 / (1 + f_growth_2012 / 100)"
        ),
        "{text}"
    );
    // Off, and inside tmux.
    let mut s = sample_app(Tab::Sources);
    s.set_clipboard(kazaf::app::Clipboard {
        enabled: false,
        tmux: false,
    });
    apply(&mut s, &[Action::Copy]);
    assert_eq!(
        (s.take_copy(), status(&s).unwrap().0.as_str()),
        (None, "copying is off (--no-clipboard)")
    );
    s.set_clipboard(kazaf::app::Clipboard {
        enabled: true,
        tmux: true,
    });
    apply(&mut s, &[Action::Copy]);
    assert!(s.take_copy().is_some());
    assert!(status(&s).unwrap().0.contains("set -g set-clipboard on"));
    // The Map copies its place, with where the coordinates come from.
    let mut m = sample_app(Tab::Map);
    apply(&mut m, &[Action::Down, Action::Copy]);
    let text = m.take_copy().expect("copied");
    assert!(
        text.starts_with("Kalven, capital, Osterra (46.50°N, 25.00°E)"),
        "{text}"
    );
    assert!(
        text.contains("† not stated outright: lat (outside the article: an invented atlas)"),
        "{text}"
    );
}

#[test]
fn the_overview_says_how_to_cite_and_y_copies_it() {
    let mut a = sample_app(Tab::Overview);
    let f = frame(&a, 120, 60);
    assert!(f.contains("How to cite (y copies, Y as BibLaTeX)"), "{f}");
    assert!(
        f.contains("The article: Norvania and Osterra, 1994-2018 (a fictional history for tests). Velgrad, 2018."),
        "{f}"
    );
    assert!(f.contains("This dataset: kazaf dataset:"), "{f}");
    apply(&mut a, &[Action::Copy]);
    let text = a.take_copy().expect("copied");
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.starts_with("Norvania and Osterra"), "{text}");
    apply(&mut a, &[Action::CopyBibtex]);
    let bib = a.take_copy().expect("copied");
    assert!(
        bib.starts_with("@misc{article,") && bib.contains("@dataset{dataset,"),
        "{bib}"
    );
}

/// The search index is built right after the first frame only for a large dataset; a small
/// one is indexed at its first search.
#[test]
fn the_index_is_built_ahead_only_for_a_large_dataset() {
    use kazaf::data::load::load_str;
    use kazaf::schema::STARTER;
    use std::fmt::Write as _;
    let small = app_on(load_str("s.ron", STARTER).expect("loads"));
    assert!(
        !small.prepare_if_large(),
        "the starter is indexed at its first search"
    );
    let mut extra = String::new();
    for i in 0..5_000 {
        let _ = writeln!(
            extra,
            "        (id: \"e{i}\", date: \"2001\", stage: \"s1\", category: Visit, title: \"T\", text: \"X\", cites: [1]),"
        );
    }
    let big = STARTER.replace("    events: [\n", &format!("    events: [\n{extra}"));
    let mut a = app_on(load_str("big.ron", &big).expect("loads"));
    assert!(a.prepare_if_large(), "5,003 events are indexed ahead");
    // Either way, search works.
    let mut small = small;
    for app in [&mut small, &mut a] {
        apply(app, &[Action::Search]);
        for c in "visit".chars() {
            app.apply(Action::Input(c));
        }
        assert!(!app.search().hits.is_empty());
    }
}
