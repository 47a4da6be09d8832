//! Random use: property tests that drive the real `App` with random sequences of every action,
//! key, click, wheel and resize (0×0 to 300×100), on the embedded dataset and on random small
//! valid datasets full of awkward text, rendering after every step. Nothing may panic, the
//! state's invariants must hold after every step, and no cell outside the drawing area may be
//! touched.
//!
//! Everything random comes from proptest strategies, so a failure shrinks: to a short sequence
//! of simple actions, and to a dataset with few items and plain strings. `PROPTEST_CASES` raises
//! the case count (the default keeps `cargo test` fast), e.g.
//! `PROPTEST_CASES=200000 cargo test --release --test it random_use`.

use kazaf::action::Action;
use kazaf::app::App;
use kazaf::data::ItemRef;
use kazaf::data::model::{
    Article, AuditRule, BarGroup, Category, Chart, Dataset, Document, DocumentKind, Event, Figure,
    MapData, Note, Outline, Person, Place, Provenance, Qualifier, Reference, SourceKind, Stage,
    Statement, StatementKind, Text, Unit,
};
use kazaf::data::{Db, validate::validate};
use kazaf::draw::Look;
use kazaf::input::keys::action_for;
use kazaf::panes::Tab;
use kazaf::theme::Theme;
use kazaf::ui::Screen;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use ratatui::buffer::{Buffer, Cell};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::common::{embedded, tab};

// ---------------------------------------------------------------------------------------------
// Actions and keys.

/// Sizes from 0×0 to 300×100, weighted towards the small ones where layouts break (and which
/// are cheap, so more cases fit in the time).
fn any_size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        3 => (0u16..=90, 0u16..=30),
        1 => (0u16..=300, 0u16..=100),
    ]
}

fn any_tab() -> impl Strategy<Value = Tab> {
    select(Tab::all().to_vec())
}

/// Characters for the search prompt: letters of several scripts, an emoji, a space, ESC, and
/// any character at all.
fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        select(vec!['a', 'K', 'ا', '日', '👍', ' ', '\u{1b}']),
        any::<char>(),
    ]
}

/// Every [`Action`], with its payload. Kept complete by [`variant`]: see there.
fn any_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        1 => Just(Action::Quit),
        1 => Just(Action::Help),
        1 => Just(Action::Close),
        1 => Just(Action::NextTab),
        1 => Just(Action::PrevTab),
        2 => any_tab().prop_map(Action::GoTab),
        1 => Just(Action::Search),
        1 => Just(Action::NextHit),
        1 => Just(Action::PrevHit),
        1 => Just(Action::Back),
        1 => Just(Action::Up),
        1 => Just(Action::Down),
        1 => Just(Action::Left),
        1 => Just(Action::Right),
        1 => Just(Action::Top),
        1 => Just(Action::Bottom),
        1 => Just(Action::PageUp),
        1 => Just(Action::PageDown),
        1 => Just(Action::Enter),
        1 => Just(Action::Cite),
        1 => Just(Action::Open),
        1 => Just(Action::ToggleScale),
        1 => Just(Action::ToggleTable),
        1 => Just(Action::NextStage),
        1 => Just(Action::PrevStage),
        1 => Just(Action::AllStages),
        1 => Just(Action::Zoom),
        2 => Just(Action::Filter),
        1 => Just(Action::Sort),
        1 => Just(Action::Copy),
        1 => Just(Action::CopyBibtex),
        1 => Just(Action::OpenUrl),
        1 => Just(Action::ScrollDown),
        1 => Just(Action::ScrollUp),
        4 => any_char().prop_map(Action::Input),
        1 => Just(Action::Erase),
        2 => (0u16..320, 0u16..110).prop_map(|(x, y)| Action::Click { x, y }),
        2 => (any::<bool>(), 0u16..320, 0u16..110)
            .prop_map(|(up, x, y)| Action::Wheel { up, x, y }),
        4 => any_size().prop_map(|(w, h)| Action::Resize(w, h)),
        2 => any_item().prop_map(Action::Jump),
    ]
}

/// Any item, of any kind, at any index (most past the end of small datasets: a jump to an
/// item that is not there must do nothing).
fn any_item() -> impl Strategy<Value = ItemRef> {
    let kinds: [fn(usize) -> ItemRef; 10] = [
        ItemRef::Stage,
        ItemRef::Event,
        ItemRef::Document,
        ItemRef::Figure,
        ItemRef::Chart,
        ItemRef::Statement,
        ItemRef::Note,
        ItemRef::Place,
        ItemRef::Person,
        ItemRef::Reference,
    ];
    (select(kinds.to_vec()), 0usize..40).prop_map(|(kind, i)| kind(i))
}

/// How many variants [`Action`] has.
const VARIANTS: usize = 40;

/// The variant of an action, as a number below [`VARIANTS`]. The match has no wildcard, so a
/// new variant of `Action` does not compile until it is given a number here; then
/// `every_action_is_generated` fails until [`any_action`] generates it.
fn variant(a: Action) -> usize {
    match a {
        Action::Quit => 0,
        Action::Help => 1,
        Action::Close => 2,
        Action::NextTab => 3,
        Action::PrevTab => 4,
        Action::GoTab(_) => 5,
        Action::Search => 6,
        Action::NextHit => 7,
        Action::PrevHit => 8,
        Action::Back => 9,
        Action::Up => 10,
        Action::Down => 11,
        Action::Left => 12,
        Action::Right => 13,
        Action::Top => 14,
        Action::Bottom => 15,
        Action::PageUp => 16,
        Action::PageDown => 17,
        Action::Enter => 18,
        Action::Cite => 19,
        Action::Open => 20,
        Action::ToggleScale => 21,
        Action::ToggleTable => 22,
        Action::ScrollDown => 23,
        Action::ScrollUp => 24,
        Action::Input(_) => 25,
        Action::Erase => 26,
        Action::Click { .. } => 27,
        Action::Wheel { .. } => 28,
        Action::Resize(..) => 29,
        Action::Jump(_) => 30,
        Action::NextStage => 31,
        Action::PrevStage => 32,
        Action::AllStages => 33,
        Action::Zoom => 34,
        Action::Filter => 35,
        Action::Sort => 36,
        Action::Copy => 37,
        Action::CopyBibtex => 38,
        Action::OpenUrl => 39,
    }
}

#[test]
fn every_action_is_generated() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = any_action();
    let mut seen = [false; VARIANTS];
    for _ in 0..5_000 {
        let a = strategy.new_tree(&mut runner).unwrap().current();
        seen[variant(a)] = true;
    }
    let missing: Vec<usize> = (0..VARIANTS).filter(|&v| !seen[v]).collect();
    assert!(
        missing.is_empty(),
        "any_action never makes variants {missing:?}"
    );
}

fn any_key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        any::<char>().prop_map(KeyCode::Char),
        select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::F(1),
            KeyCode::Delete,
        ]),
    ]
}

/// A step: an action, or a raw key press or release (through the key table).
#[derive(Debug, Clone)]
enum Step {
    Do(Action),
    Key(KeyCode, KeyModifiers, bool),
}

fn any_step() -> impl Strategy<Value = Step> {
    let mods = select(vec![
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
    ]);
    prop_oneof![
        4 => any_action().prop_map(Step::Do),
        1 => (any_key_code(), mods, any::<bool>())
            .prop_map(|(c, m, press)| Step::Key(c, m, press)),
    ]
}

// ---------------------------------------------------------------------------------------------
// Random small datasets.

/// Strings that break naive terminal code.
const AWKWARD: &[&str] = &[
    "",
    "a",
    "Astana",
    "日本語のテキストと中文字符",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦 family",
    "☺\u{fe0f} ✌\u{fe0f} 🇰🇿🇦🇫",
    "e\u{301}\u{302}\u{303}\u{304} combining",
    "مرحبا بالعالم کابل",
    "שלום עולם",
    "abc مرحبا def שלום 123",
    "می\u{200c}خواهم",
    "tab\tand\nnewline\rcr",
    "\u{1b}[31mred\u{1b}]0;title\u{7}",
    "\u{202e}override\u{202c} \u{2066}isolate\u{2069}",
    "x\u{200b}y\u{feff}z",
];

/// 400 words of several scripts and one very long word, starting at word `start`.
fn long_text(start: usize) -> String {
    let words = [
        "relations",
        "Қазақстан",
        "افغانستان",
        "日本",
        "👍🏽",
        "x\u{301}",
        "a-very-long-unbroken-word-that-keeps-going-and-going-and-going",
    ];
    (0..400)
        .map(|i| words[(start + i * 7) % words.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// An awkward string, a long text, or a long run of one letter.
fn any_text() -> impl Strategy<Value = Text> {
    prop_oneof![
        4 => select(AWKWARD).prop_map(Text::new),
        1 => (0usize..7).prop_map(|s| Text::new(&long_text(s))),
        1 => (0usize..3000).prop_map(|n| Text::new(&"w".repeat(n))),
    ]
}

/// Like [`any_text`], but never blank (names and titles must not be).
fn nonempty() -> impl Strategy<Value = Text> {
    any_text().prop_map(|t| {
        if t.trim().is_empty() {
            Text::new("x")
        } else {
            t
        }
    })
}

/// Up to two references to items of a list whose length is known only when the dataset is
/// put together: [`Index`] picks within any length, and shrinks towards the first item.
fn links() -> impl Strategy<Value = Vec<Index>> {
    vec(any::<Index>(), 0..3)
}

/// `prefix{i}` for each link, or none when the list is empty.
fn ids(links: &[Index], prefix: &str, n: usize) -> Vec<Text> {
    if n == 0 {
        return Vec::new();
    }
    links
        .iter()
        .map(|i| Text::new(&format!("{prefix}{}", i.index(n))))
        .collect()
}

/// Reference numbers (1-based) for each link, or none when there are no references.
fn cites(links: &[Index], n: usize) -> Vec<u32> {
    if n == 0 {
        return Vec::new();
    }
    links.iter().map(|i| 1 + i.index(n) as u32).collect()
}

/// A date of year, month or day precision.
fn any_date() -> impl Strategy<Value = Text> {
    let year = 1985..2025u32;
    prop_oneof![
        year.clone().prop_map(|y| Text::new(&y.to_string())),
        (year.clone(), 1..=12u32).prop_map(|(y, m)| Text::new(&format!("{y}-{m:02}"))),
        (year, 1..=12u32, 1..=28u32).prop_map(|(y, m, d)| Text::new(&format!("{y}-{m:02}-{d:02}"))),
    ]
}

type StageParts = (Text, Option<i32>, Text, Vec<Index>);
type PlaceParts = (Text, Text, Text, f64, f64);
type EventParts = (
    Text,
    Index,
    Category,
    Text,
    Text,
    Vec<Index>,
    Vec<Index>,
    Vec<Index>,
);
type FigureParts = (
    f64,
    Unit,
    Text,
    Text,
    Qualifier,
    Vec<Index>,
    Vec<Index>,
    Text,
);
type ReferenceParts = (Text, Text, Text, Text, Text, Text, Text, Text);
type NoteParts = (Text, Text, Text, Vec<Index>, Vec<Index>, Vec<Index>, Text);

fn any_stage() -> impl Strategy<Value = StageParts> {
    (nonempty(), prop::option::of(0..3i32), any_text(), links())
}

fn any_place() -> impl Strategy<Value = PlaceParts> {
    (
        nonempty(),
        any_text(),
        any_text(),
        (0..=18_000i32).prop_map(|v| f64::from(v) / 100.0 - 90.0),
        (0..=36_000i32).prop_map(|v| f64::from(v) / 100.0 - 180.0),
    )
}

fn any_event() -> impl Strategy<Value = EventParts> {
    (
        any_date(),
        any::<Index>(),
        select(vec![Category::Diplomacy, Category::Aid, Category::Other]),
        nonempty(),
        any_text(),
        links(),
        links(),
        links(),
    )
}

fn any_figure() -> impl Strategy<Value = FigureParts> {
    (
        select(vec![0.0, 3.2, 333.5, -5.0, 1e12, 1e-9, 20150.0]),
        select(vec![Unit::UsdMillion, Unit::Tonnes, Unit::Percent]),
        nonempty(),
        any_text(),
        select(vec![
            Qualifier::Exact,
            Qualifier::About,
            Qualifier::Over,
            Qualifier::AtLeast,
            Qualifier::UpTo,
        ]),
        links(),
        links(),
        any_text(),
    )
}

fn any_reference() -> impl Strategy<Value = ReferenceParts> {
    (
        any_text(),
        nonempty(),
        any_text(),
        any_text(),
        any_text(),
        any_text(),
        any_text(),
        any_text(),
    )
}

fn any_note() -> impl Strategy<Value = NoteParts> {
    (
        nonempty(),
        nonempty(),
        nonempty(),
        links(),
        links(),
        links(),
        any_text(),
    )
}

/// The parts of a dataset: every list (empty, one item or a few) and the texts of the rest.
type Parts = (
    (
        Vec<StageParts>,
        Vec<PlaceParts>,
        Vec<(Text, Text, Text)>,
        Vec<EventParts>,
        Vec<FigureParts>,
        Vec<ReferenceParts>,
    ),
    (
        Option<(Text, Vec<Text>, Text)>,
        Option<(Text, Vec<Index>)>,
        Option<(bool, Text, Vec<Index>)>,
        Vec<NoteParts>,
        Text,
    ),
    (Text, Text, Text, [Text; 2], Text, Text, Text, Text),
);

/// A random valid dataset: empty lists, one item, or a few, with awkward strings everywhere.
fn any_dataset() -> impl Strategy<Value = Dataset> {
    let lists = (
        vec(any_stage(), 1..=3),
        vec(any_place(), 0..4),
        vec((nonempty(), any_text(), any_text()), 0..3),
        vec(any_event(), 0..7),
        vec(any_figure(), 0..5),
        vec(any_reference(), 0..4),
    );
    let extras = (
        prop::option::of((nonempty(), vec(any_text(), 6), any_text())),
        prop::option::of((nonempty(), links())),
        prop::option::of((any::<bool>(), nonempty(), links())),
        vec(any_note(), 0..3),
        nonempty(),
    );
    let article = (
        nonempty(),
        any_text(),
        any_text(),
        [nonempty(), nonempty()],
        any_text(),
        any_text(),
        any_text(),
        any_text(),
    );
    (lists, extras, article).prop_map(build)
}

/// Puts the parts together, turning each [`Index`] into an id of the list it points into.
fn build(parts: Parts) -> Dataset {
    let (
        (stages, places, people, events, figures, references),
        (chart, document, statement, notes, equation),
        (title, city, category, parties, summary, note, attribution, outline),
    ) = parts;
    let (n_stages, n_places, n_people) = (stages.len(), places.len(), people.len());
    let (n_events, n_figs, n_refs) = (events.len(), figures.len(), references.len());
    let stages: Vec<Stage> = stages
        .into_iter()
        .enumerate()
        .map(|(i, (name, end, summary, c))| Stage {
            inferred: Vec::new(),
            id: Text::new(&format!("s{i}")),
            name,
            start: 1990 + (i as i32) * 5,
            end: end.map(|e| 1994 + (i as i32) * 5 + e),
            summary,
            cites: cites(&c, n_refs),
        })
        .collect();
    let places = places
        .into_iter()
        .enumerate()
        .map(|(i, (name, kind, country, lat, lon))| Place {
            inferred: Vec::new(),
            // Any text, searched and drawn like the name.
            aliases: vec![country.clone()],
            id: Text::new(&format!("p{i}")),
            name,
            kind,
            country,
            lat,
            lon,
        })
        .collect();
    let people = people
        .into_iter()
        .enumerate()
        .map(|(i, (name, role, country))| Person {
            inferred: Vec::new(),
            aliases: vec![role.clone()],
            id: Text::new(&format!("h{i}")),
            name,
            role,
            country,
        })
        .collect();
    let events = events
        .into_iter()
        .enumerate()
        .map(|(i, (date, stage, category, title, text, p, h, c))| Event {
            inferred: Vec::new(),
            id: Text::new(&format!("e{i}")),
            date,
            stage: Text::new(&format!("s{}", stage.index(n_stages))),
            category,
            title,
            text,
            places: ids(&p, "p", n_places),
            people: ids(&h, "h", n_people),
            cites: cites(&c, n_refs),
        })
        .collect();
    let mut figures: Vec<Figure> = figures
        .into_iter()
        .enumerate()
        .map(
            |(i, (value, unit, label, period, qualifier, p, c, note))| Figure {
                inferred: Vec::new(),
                value_computed: false,
                id: Text::new(&format!("f{i}")),
                label,
                value,
                unit,
                period,
                provenance: Provenance::Stated,
                qualifier,
                places: ids(&p, "p", n_places),
                cites: cites(&c, n_refs),
                note,
            },
        )
        .collect();
    if n_figs >= 2 {
        figures[1].provenance = Provenance::Derived {
            formula: Text::new("f0 * 2 + 1"),
        };
    }
    if n_events > 0 && n_figs >= 3 {
        figures[2].provenance = Provenance::Counted {
            events: vec![Text::new("e0")],
        };
    }
    let charts = match chart {
        Some((title, labels, note)) if n_figs > 0 => {
            let unit = figures[0].unit;
            let bars = figures
                .iter()
                .filter(|f| f.unit == unit)
                .zip(&labels)
                .map(|(f, label)| (label.clone(), f.id.clone()))
                .collect();
            vec![Chart {
                inferred: Vec::new(),
                id: Text::new("c0"),
                title,
                unit,
                groups: vec![
                    BarGroup {
                        label: labels[5].clone(),
                        bars,
                    },
                    BarGroup {
                        label: Text::new(""),
                        bars: vec![(labels[0].clone(), figures[0].id.clone())],
                    },
                ],
                note,
            }]
        }
        _ => Vec::new(),
    };
    let references = references
        .into_iter()
        .enumerate()
        .map(
            |(i, (authors, title, title_en, publisher, date, locator, pages, note))| Reference {
                inferred: Vec::new(),
                aliases: Vec::new(),
                number: i as u32 + 1,
                authors,
                title,
                title_en,
                publisher,
                date: date.clone(),
                locator,
                pages,
                // Awkward text goes through the date parser of the citation exports too.
                accessed: date,
                kind: SourceKind::Other,
                note,
            },
        )
        .collect();
    let documents = document
        .map(|(title, c)| Document {
            inferred: Vec::new(),
            id: Text::new("d0"),
            kind: DocumentKind::Treaty,
            title,
            stage: Text::new("s0"),
            event: None,
            cites: cites(&c, n_refs),
        })
        .into_iter()
        .collect();
    let statements = statement
        .filter(|_| n_people > 0)
        .map(|(quote, text, c)| Statement {
            inferred: Vec::new(),
            id: Text::new("q0"),
            speaker: Text::new("h0"),
            kind: if quote {
                StatementKind::Quote
            } else {
                StatementKind::Paraphrase
            },
            text,
            event: (n_events > 0).then(|| Text::new("e0")),
            cites: cites(&c, n_refs),
        })
        .into_iter()
        .collect();
    let notes = notes
        .into_iter()
        .enumerate()
        .map(|(i, (topic, title, text, p, h, c, at))| Note {
            inferred: Vec::new(),
            id: Text::new(&format!("n{i}")),
            topic,
            title,
            text,
            places: ids(&p, "p", n_places),
            people: ids(&h, "h", n_people),
            cites: cites(&c, n_refs),
            at,
        })
        .collect();
    let mut audits = vec![
        AuditRule::DerivedFigures,
        AuditRule::StageOverlap,
        AuditRule::EventsWithinStages,
        AuditRule::CitationsResolve,
        AuditRule::ReferencesCited,
    ];
    if n_figs >= 2 {
        audits.push(AuditRule::Equation {
            id: Text::new("a0"),
            title: equation,
            left: Text::new("f0"),
            right: Text::new("f1 - 1"),
            tolerance: 0.5,
        });
    }
    Dataset {
        article: Article {
            title,
            year: 2016,
            city,
            category,
            parties: parties.to_vec(),
            summary,
            note,
            headline: Vec::new(),
        },
        stages,
        events,
        documents,
        figures,
        charts,
        statements,
        notes,
        places,
        people,
        references,
        audits,
        map: MapData {
            attribution,
            outlines: vec![Outline {
                name: outline,
                lines: vec![vec![(60.0, 30.0), (80.0, 50.0)], vec![]],
            }],
        },
    }
}

// ---------------------------------------------------------------------------------------------
// The run.

const SENTINEL: &str = "\u{2591}";

/// Renders at `w`×`h` inside a buffer one cell larger on every side, and checks the margin
/// is untouched.
fn render_checked(app: &App, look: &Look, w: u16, h: u16) -> Result<(), TestCaseError> {
    let outer = Rect::new(0, 0, w + 2, h + 2);
    let mut buf = Buffer::filled(outer, Cell::new(SENTINEL));
    Screen::new(app, look).render(Rect::new(1, 1, w, h), &mut buf);
    for y in 0..outer.height {
        for x in 0..outer.width {
            let margin = x == 0 || y == 0 || x == outer.width - 1 || y == outer.height - 1;
            if margin {
                prop_assert_eq!(
                    buf[(x, y)].symbol(),
                    SENTINEL,
                    "cell ({}, {}) outside the {}x{} area was written",
                    x,
                    y,
                    w,
                    h
                );
            }
        }
    }
    Ok(())
}

fn run(db: Db, tab_at_start: Tab, size: (u16, u16), steps: &[Step]) -> Result<(), TestCaseError> {
    let look = Look::new(Theme::DARK, size.0.is_multiple_of(2));
    let mut app = App::new(db);
    app.apply(Action::GoTab(tab_at_start));
    let (mut w, mut h) = size;
    render_checked(&app, &look, w, h)?;
    for step in steps {
        let action = match *step {
            Step::Do(a) => Some(a),
            Step::Key(code, mods, press) => {
                let mut k = KeyEvent::new(code, mods);
                if !press {
                    k.kind = KeyEventKind::Release;
                }
                action_for(&k, tab(&app), kazaf::input::context(&app))
            }
        };
        if let Some(a) = action {
            if let Action::Resize(nw, nh) = a {
                (w, h) = (nw, nh);
            }
            app.apply(a);
        }
        if let Err(e) = app.check_invariants() {
            return Err(TestCaseError::fail(format!("after {step:?}: {e}")));
        }
        render_checked(&app, &look, w, h)?;
    }
    Ok(())
}

/// `PROPTEST_CASES`, or `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(3_000),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_use_of_the_embedded_dataset(
        tab in any_tab(),
        size in any_size(),
        steps in vec(any_step(), 0..12),
    ) {
        run(embedded(), tab, size, &steps)?;
    }

    #[test]
    fn random_use_of_random_small_datasets(
        set in any_dataset(),
        tab in any_tab(),
        size in any_size(),
        steps in vec(any_step(), 0..12),
    ) {
        let problems = validate(&set);
        prop_assert!(problems.is_empty(), "generator made an invalid dataset: {:?}", problems);
        run(Db::new(set), tab, size, &steps)?;
    }
}
