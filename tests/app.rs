//! The explorer's state transitions, driven through `App::apply` without a terminal.

use kazaf::action::Action;
use kazaf::app::{App, Overlay, Tab, Target};
use kazaf::data::ItemRef;
use kazaf::data::load::embedded;
use kazaf::theme::Theme;
use kazaf::ui::Options;

fn app() -> App {
    let opts = Options {
        theme: Theme::MONO,
        ascii: false,
        mouse: true,
    };
    App::new(embedded().expect("embedded dataset loads"), opts)
}

fn apply(app: &mut App, actions: &[Action]) {
    for &a in actions {
        app.apply(a);
        app.check_invariants()
            .unwrap_or_else(|e| panic!("after {a:?}: {e}"));
    }
}

fn typed(s: &str) -> Vec<Action> {
    s.chars().map(Action::Input).collect()
}

#[test]
fn tabs_cycle_both_ways_and_digits_jump() {
    let mut a = app();
    assert_eq!(a.view.tab, Tab::Overview);
    let mut seen = vec![a.view.tab];
    for _ in 0..6 {
        apply(&mut a, &[Action::NextTab]);
        seen.push(a.view.tab);
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
    assert_eq!(a.view.tab, Tab::Audit);
    apply(&mut a, &[Action::GoTab(Tab::Sources)]);
    assert_eq!(a.view.tab, Tab::Sources);
}

#[test]
fn selection_stays_within_bounds() {
    let mut a = app();
    apply(&mut a, &[Action::GoTab(Tab::Timeline)]);
    let n = a.list_len();
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
    let mut a = app();
    apply(&mut a, &[Action::GoTab(Tab::Timeline)]);
    let sections = a.sections.len();
    assert_eq!(
        sections,
        a.db.set.stages.len() + 1,
        "three stages and the analysis"
    );
    apply(&mut a, &[Action::Left]);
    assert_eq!(a.view.section, 0);
    for _ in 0..10 {
        apply(&mut a, &[Action::Right]);
    }
    assert_eq!(a.view.section, sections - 1);
    assert!(a.in_analysis());
    // Each section remembers its own selection.
    apply(&mut a, &[Action::Down, Action::Left, Action::Right]);
    assert_eq!(a.selected(), 1);
}

#[test]
fn citation_cursor_preview_open_and_back() {
    let mut a = app();
    apply(&mut a, &[Action::GoTab(Tab::Timeline)]);
    // Find an entry with at least two citations.
    let (s, k) = a
        .sections
        .iter()
        .enumerate()
        .find_map(|(s, sec)| {
            sec.iter()
                .position(|&it| a.db.cites(it).len() >= 2)
                .map(|k| (s, k))
        })
        .expect("an entry citing two sources");
    a.view.section = s;
    a.view.entry[s] = k;
    let cites = a.db.cites(a.entry().unwrap()).to_vec();
    apply(&mut a, &[Action::Enter]);
    assert_eq!(a.view.cursor, Some(0));
    assert_eq!(a.target(), Some(Target::Cite(cites[0])));
    apply(&mut a, &[Action::Right]);
    assert_eq!(a.target(), Some(Target::Cite(cites[1])));
    apply(&mut a, &[Action::Right, Action::Right, Action::Right]);
    assert_eq!(
        a.view.cursor,
        Some(cites.len() - 1),
        "cursor stops at the last citation"
    );
    apply(&mut a, &[Action::Top]);
    assert_eq!(a.view.cursor, Some(0));
    apply(&mut a, &[Action::Enter]);
    assert_eq!(a.overlay, Overlay::Preview(cites[0]));
    // j in the preview steps to the next citation, the preview following.
    apply(&mut a, &[Action::Down]);
    assert_eq!(a.overlay, Overlay::Preview(cites[1]));
    let before = a.view.clone();
    apply(&mut a, &[Action::Enter]);
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(a.view.tab, Tab::Sources);
    assert_eq!(a.db.set.references[a.view.source].number, cites[1]);
    apply(&mut a, &[Action::Back]);
    assert_eq!(a.view, before, "Backspace restores pane, entry and cursor");
    // Esc leaves the cursor; c toggles it.
    apply(&mut a, &[Action::Close]);
    assert_eq!(a.view.cursor, None);
    apply(&mut a, &[Action::Cite]);
    assert_eq!(a.view.cursor, Some(0));
    apply(&mut a, &[Action::Cite]);
    assert_eq!(a.view.cursor, None);
    // o opens the first citation directly.
    apply(&mut a, &[Action::Open]);
    assert_eq!(a.view.tab, Tab::Sources);
    assert_eq!(a.db.set.references[a.view.source].number, cites[0]);
}

#[test]
fn cited_by_links_jump_to_the_citing_item() {
    let mut a = app();
    apply(&mut a, &[Action::GoTab(Tab::Sources)]);
    let r =
        a.db.cited_by
            .iter()
            .position(|v| v.len() >= 2)
            .expect("a source cited twice");
    a.view.source = r;
    apply(&mut a, &[Action::Right, Action::Down]);
    assert_eq!(a.view.cursor, Some(1));
    let Some(Target::Item(item)) = a.target() else {
        panic!("a link")
    };
    apply(&mut a, &[Action::Enter]);
    assert_eq!(Some(a.view.tab), a.pane_of(item));
    // The item shown cites the source.
    let number = a.db.set.references[r].number;
    match a.view.tab {
        Tab::Timeline => assert!(a.db.cites(a.entry().unwrap()).contains(&number)),
        Tab::Trade => assert!(
            a.db.cites(ItemRef::Figure(a.bar().unwrap().figure))
                .contains(&number)
        ),
        other => panic!("cited-by jumped to {other:?}"),
    }
    apply(&mut a, &[Action::Back]);
    assert_eq!(
        (a.view.tab, a.view.source, a.view.cursor),
        (Tab::Sources, r, Some(1))
    );
    apply(&mut a, &[Action::Left]);
    assert_eq!(a.view.cursor, None);
}

#[test]
fn back_stack_unwinds_in_order_and_is_harmless_when_empty() {
    let mut a = app();
    apply(&mut a, &[Action::Back]);
    assert_eq!(a.view.tab, Tab::Overview);
    a.jump(ItemRef::Reference(2));
    a.jump(ItemRef::Place(0));
    a.jump(ItemRef::Event(0));
    assert_eq!(a.back.len(), 3);
    apply(&mut a, &[Action::Back]);
    assert_eq!(a.view.tab, Tab::Map);
    apply(&mut a, &[Action::Back]);
    assert_eq!((a.view.tab, a.view.source), (Tab::Sources, 2));
    apply(&mut a, &[Action::Back, Action::Back]);
    assert_eq!(a.view.tab, Tab::Overview);
    assert!(a.back.is_empty());
}

#[test]
fn search_finds_a_place_as_you_type_and_jumps_to_it() {
    let mut a = app();
    apply(&mut a, &[Action::Search]);
    assert!(a.search.editing);
    apply(&mut a, &typed("SAMAN"));
    let place =
        a.db.set
            .places
            .iter()
            .position(|p| p.name.contains("Samangan"))
            .expect("Samangan");
    assert!(
        a.search
            .hits
            .iter()
            .any(|h| h.item == ItemRef::Place(place))
    );
    let k = a
        .search
        .hits
        .iter()
        .position(|h| h.item == ItemRef::Place(place))
        .unwrap();
    for _ in 0..k {
        apply(&mut a, &[Action::Down]);
    }
    apply(&mut a, &[Action::Enter]);
    assert!(!a.search.editing);
    assert_eq!((a.view.tab, a.view.place), (Tab::Map, place));
    apply(&mut a, &[Action::Back]);
    assert_eq!(a.view.tab, Tab::Overview);
}

#[test]
fn search_is_case_insensitive_and_n_steps_through_results() {
    let mut a = app();
    apply(&mut a, &[Action::Search]);
    apply(&mut a, &typed("kabul"));
    let lower = a.search.hits.len();
    apply(&mut a, &[Action::Close, Action::Search]);
    apply(&mut a, &typed("KaBuL"));
    assert_eq!(a.search.hits.len(), lower);
    assert!(lower >= 3, "Kabul appears in several items");
    apply(&mut a, &[Action::Enter]);
    let first = a.view.clone();
    apply(&mut a, &[Action::NextHit]);
    assert_eq!(a.search.sel, 1);
    assert_ne!(a.view, first);
    apply(&mut a, &[Action::PrevHit, Action::PrevHit]);
    assert_eq!(a.search.sel, lower - 1, "N wraps around");
    // Backspace in the prompt erases; an empty query has no results.
    apply(&mut a, &[Action::Search]);
    apply(&mut a, &typed("zz"));
    assert!(a.search.hits.is_empty());
    apply(&mut a, &[Action::Erase, Action::Erase]);
    assert!(a.search.hits.is_empty());
    apply(&mut a, &[Action::Close]);
    assert!(!a.search.editing);
    // While the prompt is open, letters are typed, not obeyed.
    apply(&mut a, &[Action::Search, Action::Input('q')]);
    assert!(!a.quit);
    assert_eq!(a.search.query, "q");
}

#[test]
fn trade_charts_bars_scale_and_table() {
    let mut a = app();
    apply(&mut a, &[Action::GoTab(Tab::Trade)]);
    let views = a.charts.len();
    assert_eq!(
        views,
        a.db.set.charts.len() + 1,
        "the charts and the all-figures table"
    );
    for _ in 0..20 {
        apply(&mut a, &[Action::Right]);
    }
    assert_eq!(a.view.chart, views - 1);
    assert!(a.all_figures());
    assert_eq!(a.list_len(), a.db.set.figures.len());
    apply(&mut a, &[Action::Top]);
    for _ in 0..20 {
        apply(&mut a, &[Action::Left]);
    }
    assert_eq!(a.view.chart, 0);
    apply(&mut a, &[Action::ToggleScale, Action::ToggleTable]);
    assert!(a.log_scale && a.table);
    apply(&mut a, &[Action::ToggleScale, Action::ToggleTable]);
    assert!(!a.log_scale && !a.table);
    // A stated bar's citation opens its source; Back returns to the bar.
    let k = a.charts[0]
        .iter()
        .position(|b| !a.db.set.figures[b.figure].cites.is_empty())
        .unwrap();
    a.view.bar[0] = k;
    apply(&mut a, &[Action::Enter, Action::Open]);
    assert_eq!(a.view.tab, Tab::Sources);
    apply(&mut a, &[Action::Back]);
    assert_eq!((a.view.tab, a.view.bar[0]), (Tab::Trade, k));
}

#[test]
fn help_overlay_opens_scrolls_and_closes() {
    let mut a = app();
    apply(&mut a, &[Action::Help]);
    assert_eq!(a.overlay, Overlay::Help(0));
    apply(&mut a, &[Action::Down, Action::Down]);
    assert_eq!(a.overlay, Overlay::Help(2));
    apply(&mut a, &[Action::Help]);
    assert_eq!(a.overlay, Overlay::None);
    // Any other key closes it and acts.
    apply(&mut a, &[Action::Help, Action::GoTab(Tab::Map)]);
    assert_eq!((a.overlay, a.view.tab), (Overlay::None, Tab::Map));
}

#[test]
fn audit_links_jump_to_the_items_involved() {
    let mut a = app();
    apply(&mut a, &[Action::GoTab(Tab::Audit)]);
    let rule =
        a.db.audit
            .iter()
            .position(|r| {
                !r.passed()
                    && !a
                        .audit_targets(a.db.audit.iter().position(|x| std::ptr::eq(x, r)).unwrap())
                        .is_empty()
            })
            .unwrap();
    a.view.rule = rule;
    let targets = a.audit_targets(rule);
    apply(&mut a, &[Action::Enter]);
    assert_eq!(a.target(), Some(Target::Item(targets[0])));
    apply(&mut a, &[Action::Enter]);
    assert_eq!(Some(a.view.tab), a.pane_of(targets[0]));
    apply(&mut a, &[Action::Back]);
    assert_eq!(a.view.tab, Tab::Audit);
}

#[test]
fn quit_sets_the_flag() {
    let mut a = app();
    apply(&mut a, &[Action::Quit]);
    assert!(a.quit);
}

#[test]
fn mouse_clicks_tabs_and_rows_and_wheel_scrolls() {
    let mut a = app();
    // Rendering records where tabs and rows are.
    let text = kazaf::ui::frame_text(&a, 100, 30);
    let first = text.lines().next().unwrap();
    let x = first.find("4 Sources").expect("tab drawn") as u16;
    apply(&mut a, &[Action::Click { x: x + 1, y: 0 }]);
    assert_eq!(a.view.tab, Tab::Sources);
    let _ = kazaf::ui::frame_text(&a, 100, 30);
    // Rows start on line 2 (tab bar, block border); the third row is source index 2.
    apply(&mut a, &[Action::Click { x: 3, y: 4 }]);
    assert_eq!(a.view.source, 2);
    let _ = kazaf::ui::frame_text(&a, 100, 30);
    apply(
        &mut a,
        &[Action::Wheel {
            up: false,
            x: 3,
            y: 4,
        }],
    );
    assert_eq!(a.view.source, 3);
    apply(
        &mut a,
        &[Action::Wheel {
            up: true,
            x: 3,
            y: 4,
        }],
    );
    assert_eq!(a.view.source, 2);
    // A click outside anything clickable changes nothing.
    let before = a.view.clone();
    apply(&mut a, &[Action::Click { x: 99, y: 29 }]);
    assert_eq!(a.view, before);
}
