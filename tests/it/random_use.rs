//! Random use: property tests that drive the real `App` with random sequences of every action,
//! key, click, wheel and resize (0×0 to 300×100), on the embedded dataset and on random small
//! valid datasets full of awkward text, rendering after every step. Nothing may panic, the
//! state's invariants must hold after every step, and no cell outside the drawing area may be
//! touched.
//!
//! `PROPTEST_CASES` raises the case count (the default keeps `cargo test` fast), e.g.
//! `PROPTEST_CASES=200000 cargo test --release --test random_use`.

use std::sync::OnceLock;

use kazaf::action::{Action, action_for};
use kazaf::app::{App, Tab};
use kazaf::data::model::{
    Article, AuditRule, BarGroup, Category, Chart, Dataset, Document, DocumentKind, Event, Figure,
    MapData, Note, Outline, Person, Place, Provenance, Qualifier, Reference, SourceKind, Stage,
    Statement, StatementKind, Text, Unit,
};
use kazaf::data::{Db, validate::validate};
use kazaf::theme::Theme;
use kazaf::ui::Options;
use proptest::prelude::*;
use ratatui::buffer::{Buffer, Cell};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

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

fn long_text(seed: u64) -> String {
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
        .map(|i| words[((seed as usize) + i * 7) % words.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// A small deterministic generator, so a failing case shrinks to a seed.
struct Gen(u64);
impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn text(&mut self) -> Text {
        let k = self.below(AWKWARD.len() + 2);
        match k {
            k if k < AWKWARD.len() => Text::new(AWKWARD[k]),
            k if k == AWKWARD.len() => Text::new(&long_text(self.next())),
            _ => Text::new(&"w".repeat(self.below(3000))),
        }
    }
    fn nonempty(&mut self) -> Text {
        let t = self.text();
        if t.trim().is_empty() {
            Text::new("x")
        } else {
            t
        }
    }
}

/// A random valid dataset: empty lists, one item, or a few, with awkward strings everywhere.
fn dataset(seed: u64) -> Dataset {
    let mut g = Gen(seed | 1);
    let n_stages = 1 + g.below(3);
    let n_refs = g.below(4);
    let n_places = g.below(4);
    let n_people = g.below(3);
    let n_events = g.below(7);
    let n_figs = g.below(5);
    let cites = |g: &mut Gen| -> Vec<u32> {
        (0..g.below(3))
            .filter(|_| n_refs > 0)
            .map(|_| 1 + g.below(n_refs) as u32)
            .collect()
    };
    let stages: Vec<Stage> = (0..n_stages)
        .map(|i| Stage {
            id: Text::new(&format!("s{i}")),
            name: g.nonempty(),
            start: 1990 + (i as i32) * 5,
            end: if g.below(2) == 0 {
                Some(1994 + (i as i32) * 5 + g.below(3) as i32)
            } else {
                None
            },
            summary: g.text(),
            cites: cites(&mut g),
        })
        .collect();
    let places: Vec<Place> = (0..n_places)
        .map(|i| Place {
            id: Text::new(&format!("p{i}")),
            name: g.nonempty(),
            kind: g.text(),
            country: g.text(),
            lat: (g.below(18001) as f64 / 100.0) - 90.0,
            lon: (g.below(36001) as f64 / 100.0) - 180.0,
        })
        .collect();
    let people: Vec<Person> = (0..n_people)
        .map(|i| Person {
            id: Text::new(&format!("h{i}")),
            name: g.nonempty(),
            role: g.text(),
            country: g.text(),
        })
        .collect();
    let pick = |g: &mut Gen, prefix: &str, n: usize| -> Vec<Text> {
        (0..g.below(3))
            .filter(|_| n > 0)
            .map(|_| Text::new(&format!("{prefix}{}", g.below(n))))
            .collect()
    };
    let events: Vec<Event> = (0..n_events)
        .map(|i| Event {
            id: Text::new(&format!("e{i}")),
            date: Text::new(&match g.below(3) {
                0 => format!("{}", 1985 + g.below(40)),
                1 => format!("{}-{:02}", 1985 + g.below(40), 1 + g.below(12)),
                _ => format!(
                    "{}-{:02}-{:02}",
                    1985 + g.below(40),
                    1 + g.below(12),
                    1 + g.below(28)
                ),
            }),
            stage: Text::new(&format!("s{}", g.below(n_stages))),
            category: [Category::Diplomacy, Category::Aid, Category::Other][g.below(3)],
            title: g.nonempty(),
            text: g.text(),
            places: pick(&mut g, "p", n_places),
            people: pick(&mut g, "h", n_people),
            cites: cites(&mut g),
        })
        .collect();
    let units = [Unit::UsdMillion, Unit::Tonnes, Unit::Percent];
    let mut figures: Vec<Figure> = (0..n_figs)
        .map(|i| Figure {
            id: Text::new(&format!("f{i}")),
            label: g.nonempty(),
            value: [0.0, 3.2, 333.5, -5.0, 1e12, 1e-9, 20150.0][g.below(7)],
            unit: units[g.below(units.len())],
            period: g.text(),
            provenance: Provenance::Stated,
            qualifier: [Qualifier::Exact, Qualifier::About, Qualifier::Over][g.below(3)],
            places: pick(&mut g, "p", n_places),
            cites: cites(&mut g),
            note: g.text(),
        })
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
    let charts: Vec<Chart> = if n_figs > 0 && g.below(3) > 0 {
        let unit = figures[0].unit;
        vec![Chart {
            id: Text::new("c0"),
            title: g.nonempty(),
            unit,
            groups: vec![
                BarGroup {
                    label: g.text(),
                    bars: figures
                        .iter()
                        .filter(|f| f.unit == unit)
                        .map(|f| (g.text(), f.id.clone()))
                        .collect(),
                },
                BarGroup {
                    label: Text::new(""),
                    bars: vec![(g.text(), figures[0].id.clone())],
                },
            ],
            note: g.text(),
        }]
    } else {
        Vec::new()
    };
    let references: Vec<Reference> = (0..n_refs)
        .map(|i| Reference {
            number: i as u32 + 1,
            authors: g.text(),
            title: g.nonempty(),
            title_en: g.text(),
            publisher: g.text(),
            date: g.text(),
            locator: g.text(),
            pages: g.text(),
            kind: SourceKind::Other,
            note: g.text(),
        })
        .collect();
    let documents = if g.below(2) == 0 {
        vec![Document {
            id: Text::new("d0"),
            kind: DocumentKind::Treaty,
            title: g.nonempty(),
            stage: Text::new("s0"),
            event: None,
            cites: cites(&mut g),
        }]
    } else {
        Vec::new()
    };
    let statements = if n_people > 0 && g.below(2) == 0 {
        vec![Statement {
            id: Text::new("q0"),
            speaker: Text::new("h0"),
            kind: if g.below(2) == 0 {
                StatementKind::Quote
            } else {
                StatementKind::Paraphrase
            },
            text: g.nonempty(),
            event: (n_events > 0).then(|| Text::new("e0")),
            cites: cites(&mut g),
        }]
    } else {
        Vec::new()
    };
    let notes = (0..g.below(3))
        .map(|i| Note {
            id: Text::new(&format!("n{i}")),
            topic: g.nonempty(),
            title: g.nonempty(),
            text: g.nonempty(),
            places: pick(&mut g, "p", n_places),
            people: pick(&mut g, "h", n_people),
            cites: cites(&mut g),
            at: g.text(),
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
            title: g.nonempty(),
            left: Text::new("f0"),
            right: Text::new("f1 - 1"),
            tolerance: 0.5,
        });
    }
    let map = MapData {
        attribution: g.text(),
        outlines: vec![Outline {
            name: g.text(),
            lines: vec![vec![(60.0, 30.0), (80.0, 50.0)], vec![]],
        }],
    };
    Dataset {
        article: Article {
            title: g.nonempty(),
            year: 2016,
            city: g.text(),
            category: g.text(),
            parties: vec![g.nonempty(), g.nonempty()],
            summary: g.text(),
            note: g.text(),
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
        map,
    }
}

fn embedded() -> Db {
    static DB: OnceLock<Db> = OnceLock::new();
    DB.get_or_init(|| kazaf::data::load::embedded().expect("embedded dataset"))
        .clone()
}

/// Sizes from 0×0 to 300×100, weighted towards the small ones where layouts break (and which
/// are cheap, so more cases fit in the time).
fn any_size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        3 => (0u16..=90, 0u16..=30),
        1 => (0u16..=300, 0u16..=100),
    ]
}

fn any_tab() -> impl Strategy<Value = Tab> {
    (0..Tab::ALL.len()).prop_map(|i| Tab::ALL[i])
}

/// A step: an action, a raw key press (through the key table), or a resize.
#[derive(Debug, Clone)]
enum Step {
    Do(Action),
    Key(KeyCode, KeyModifiers, bool),
}

fn any_step() -> impl Strategy<Value = Step> {
    let simple = prop_oneof![
        Just(Action::Quit),
        Just(Action::Help),
        Just(Action::Close),
        Just(Action::NextTab),
        Just(Action::PrevTab),
        Just(Action::Search),
        Just(Action::NextHit),
        Just(Action::PrevHit),
        Just(Action::Back),
        Just(Action::Up),
        Just(Action::Down),
        Just(Action::Left),
        Just(Action::Right),
        Just(Action::Top),
        Just(Action::Bottom),
        Just(Action::PageUp),
        Just(Action::PageDown),
        Just(Action::Enter),
        Just(Action::Cite),
        Just(Action::Open),
        Just(Action::ToggleScale),
        Just(Action::ToggleTable),
        Just(Action::ScrollDown),
        Just(Action::ScrollUp),
        Just(Action::Erase),
    ];
    prop_oneof![
        6 => simple.prop_map(Step::Do),
        1 => any_tab().prop_map(|t| Step::Do(Action::GoTab(t))),
        2 => prop_oneof![Just('a'), Just('K'), Just('ا'), Just('日'), Just('👍'), Just(' '), Just('\u{1b}'), any::<char>()].prop_map(|c| Step::Do(Action::Input(c))),
        1 => (0u16..320, 0u16..110).prop_map(|(x, y)| Step::Do(Action::Click { x, y })),
        1 => (any::<bool>(), 0u16..320, 0u16..110).prop_map(|(up, x, y)| Step::Do(Action::Wheel { up, x, y })),
        2 => any_size().prop_map(|(w, h)| Step::Do(Action::Resize(w, h))),
        2 => (prop_oneof![
                any::<char>().prop_map(KeyCode::Char),
                Just(KeyCode::Enter), Just(KeyCode::Esc), Just(KeyCode::Tab), Just(KeyCode::BackTab),
                Just(KeyCode::Backspace), Just(KeyCode::Up), Just(KeyCode::Down), Just(KeyCode::Left),
                Just(KeyCode::Right), Just(KeyCode::Home), Just(KeyCode::End), Just(KeyCode::PageUp),
                Just(KeyCode::PageDown), Just(KeyCode::F(1)), Just(KeyCode::Delete),
            ],
            prop_oneof![Just(KeyModifiers::NONE), Just(KeyModifiers::SHIFT), Just(KeyModifiers::CONTROL), Just(KeyModifiers::ALT)],
            any::<bool>())
            .prop_map(|(c, m, press)| Step::Key(c, m, press)),
    ]
}

const SENTINEL: &str = "\u{2591}";

/// Renders at `w`×`h` inside a buffer one cell larger on every side, and checks the margin
/// is untouched.
fn render_checked(app: &App, w: u16, h: u16) -> Result<(), TestCaseError> {
    let outer = Rect::new(0, 0, w + 2, h + 2);
    let mut buf = Buffer::filled(outer, Cell::new(SENTINEL));
    app.render(Rect::new(1, 1, w, h), &mut buf);
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

fn run(db: Db, tab: Tab, size: (u16, u16), steps: &[Step]) -> Result<(), TestCaseError> {
    let opts = Options {
        theme: Theme::DARK,
        ascii: size.0.is_multiple_of(2),
        mouse: true,
    };
    let mut app = App::new(db, opts);
    app.apply(Action::GoTab(tab));
    let (mut w, mut h) = size;
    render_checked(&app, w, h)?;
    for step in steps {
        let action = match *step {
            Step::Do(a) => Some(a),
            Step::Key(code, mods, press) => {
                let mut k = KeyEvent::new(code, mods);
                if !press {
                    k.kind = KeyEventKind::Release;
                }
                action_for(&k, app.view.tab, app.search.editing)
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
        if !Tab::ALL.contains(&app.view.tab) {
            return Err(TestCaseError::fail("invalid pane"));
        }
        if app.back.len() > 1000 {
            return Err(TestCaseError::fail("back stack unbounded"));
        }
        render_checked(&app, w, h)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(6_000),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_use_of_the_embedded_dataset(
        tab in any_tab(),
        size in any_size(),
        steps in prop::collection::vec(any_step(), 0..12),
    ) {
        run(embedded(), tab, size, &steps)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(4_000),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_use_of_random_small_datasets(
        seed in any::<u64>(),
        tab in any_tab(),
        size in any_size(),
        steps in prop::collection::vec(any_step(), 0..12),
    ) {
        let set = dataset(seed);
        let problems = validate(&set);
        prop_assert!(problems.is_empty(), "generator made an invalid dataset: {:?}", problems);
        run(Db::new(set), tab, size, &steps)?;
    }
}
