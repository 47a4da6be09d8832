//! The README tells the truth: its screen is a real, current `kazaf render` frame, and its key
//! table lists every binding of the key table the app uses.

use kazaf::draw::Look;
use kazaf::input::keys::KEYS;
use kazaf::panes::Tab;
use kazaf::ui::plain;

use crate::common::embedded;

const README: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));

fn between<'a>(start: &str, end: &str) -> &'a str {
    let a = README
        .find(start)
        .unwrap_or_else(|| panic!("README lacks {start}"))
        + start.len();
    let b = README[a..]
        .find(end)
        .unwrap_or_else(|| panic!("README lacks {end}"))
        + a;
    &README[a..b]
}

#[test]
fn readme_frame_is_a_current_render() {
    let block = between("<!-- frame:timeline:100x30", "<!-- /frame -->");
    let body = block.split_once("```text\n").expect("a text block").1;
    let shown = body.rsplit_once("```").expect("closing fence").0;
    let now = plain::render(embedded(), Tab::Timeline, &Look::default(), 100, 30);
    assert_eq!(
        shown, now,
        "README's frame is stale: replace it with `kazaf render --tab timeline --size 100x30`"
    );
}

#[test]
fn readme_lists_every_key() {
    let table = between("<!-- keys", "<!-- /keys -->");
    for b in KEYS {
        let keys = b
            .label
            .split(' ')
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(" / ");
        let row = format!("| {keys} | {} |", b.desc);
        assert!(table.contains(&row), "README's key table lacks: {row}");
    }
    let rows = table.lines().filter(|l| l.starts_with("| `")).count();
    assert_eq!(rows, KEYS.len(), "README lists keys the app does not have");
}

/// The screen in "Write your own" is the bottom of the real frame: the starter at 80×24 with
/// `title` misspelt and the error panel over it.
#[test]
fn readme_watch_panel_is_a_current_frame() {
    use kazaf::action::Action;
    use kazaf::schema::STARTER;
    let block = between("<!-- watch-panel", "<!-- /watch-panel -->");
    let body = block.split_once("```text\n").expect("a text block").1;
    let shown = body.rsplit_once("```").expect("closing fence").0;
    let db = kazaf::data::load::load_str("mine.ron", STARTER).expect("the starter loads");
    let mut app = kazaf::app::App::new(db);
    app.apply(Action::GoTab(Tab::Timeline));
    let bad = STARTER.replace(
        "title: \"First official visit\"",
        "tittle: \"First official visit\"",
    );
    let e = kazaf::data::load::load_str("mine.ron", &bad).expect_err("a misspelt field");
    app.set_broken(kazaf::watch::broken(&e, &bad));
    let now = plain::frame(&app, &Look::default(), 80, 24);
    assert!(
        now.ends_with(shown),
        "README's watch panel is stale; the frame now ends:\n{now}"
    );
}
