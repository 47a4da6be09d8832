//! Benchmarks (`cargo bench`; one group: `cargo bench -- draw/`). See BENCHMARKS.md for the
//! method and the figures.
//!
//! Two datasets: the embedded article, and the synthetic one of `examples/synth.rs` with
//! 100,000 events (generated in memory here, the same text `synth --events 100000` prints).
//! Drawing goes through a real `Terminal::draw` on a crossterm backend writing to a sink, so
//! the figures include the buffer diff and the escape sequences, not only the widgets.
//! `reference/` draws plain ratatui widgets the same way, to read our figures against.

#![allow(missing_docs)]

#[path = "../examples/synth.rs"]
#[allow(dead_code)]
mod synth;

use std::hint::black_box;
use std::io;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kazaf::action::Action;
use kazaf::app::App;
use kazaf::data::load::{EMBEDDED, load_str, parse};
use kazaf::data::model::Dataset;
use kazaf::data::{Db, validate};
use kazaf::draw::Look;
use kazaf::panes::Tab;
use kazaf::search::SearchIndex;
use kazaf::ui::Screen;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::canvas::{Canvas, Map, MapResolution};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, List, ListState, Paragraph, Tabs, Wrap};
use ratatui::{Terminal, TerminalOptions, Viewport};

type Term = Terminal<CrosstermBackend<io::Sink>>;

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (250, 80)];

fn term(w: u16, h: u16) -> Term {
    Terminal::with_options(
        CrosstermBackend::new(io::sink()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        },
    )
    .expect("a terminal on a sink")
}

fn draw(t: &mut Term, app: &App) {
    let look = Look::default();
    t.draw(|f| f.render_widget(Screen::new(app, &look), f.area()))
        .expect("draw");
}

fn big_text() -> &'static str {
    use std::sync::OnceLock;
    static BIG: OnceLock<String> = OnceLock::new();
    BIG.get_or_init(|| synth::generate(100_000, 1))
}

fn datasets() -> [(&'static str, &'static str); 2] {
    [("embedded", EMBEDDED), ("100k", big_text())]
}

fn app_for(text: &str) -> App {
    App::new(load_str("bench", text).expect("loads"))
}

fn load(c: &mut Criterion) {
    for (name, text) in datasets() {
        let mut g = c.benchmark_group(format!("load/{name}"));
        if name == "100k" {
            g.sample_size(10).measurement_time(Duration::from_secs(20));
        }
        g.bench_function("ron_from_str", |b| {
            b.iter(|| black_box(ron::from_str::<Dataset>(black_box(text)).expect("parses")));
        });
        g.bench_function("load_str", |b| {
            b.iter(|| black_box(load_str("bench", black_box(text)).expect("loads")));
        });
        let set = parse("bench", text).expect("parses");
        g.bench_function("validate", |b| {
            b.iter(|| black_box(validate::validate(black_box(&set))));
        });
        g.bench_function("db_new", |b| {
            b.iter_batched(
                || set.clone(),
                |s| black_box(Db::new(s)),
                criterion::BatchSize::LargeInput,
            );
        });
        let db = Db::new(set.clone());
        g.bench_function("app_new", |b| {
            b.iter_batched(
                || db.clone(),
                |d| black_box(App::new(d)),
                criterion::BatchSize::LargeInput,
            );
        });
        // Built by the explorer once its first frame is out (`App::prepare`).
        g.bench_function("search_index", |b| {
            b.iter(|| black_box(SearchIndex::build(black_box(&db))));
        });
        if name == "embedded" {
            // What the explorer does: the postcard bytes made at build time, validated, indexed.
            g.bench_function("embedded", |b| {
                b.iter(|| black_box(kazaf::data::load::embedded().expect("loads")));
            });
            g.bench_function("postcard_from_bytes", |b| {
                b.iter(|| {
                    black_box(
                        postcard::from_bytes::<Dataset>(black_box(
                            kazaf::data::load::EMBEDDED_BYTES,
                        ))
                        .expect("parses"),
                    )
                });
            });
            // The same dataset as JSON, for comparison (the embedded form until postcard).
            let json = serde_json::to_string(&set).expect("serializes");
            g.bench_function("serde_json_from_str", |b| {
                b.iter(|| {
                    black_box(serde_json::from_str::<Dataset>(black_box(&json)).expect("parses"))
                });
            });
            g.bench_function("first_frame_embedded_120x40", |b| {
                b.iter(|| {
                    let app = App::new(kazaf::data::load::embedded().expect("loads"));
                    let mut t = term(120, 40);
                    draw(&mut t, &app);
                    black_box(app.tab())
                });
            });
        }
        g.bench_function("first_frame_120x40", |b| {
            b.iter(|| {
                let app = app_for(text);
                let mut t = term(120, 40);
                draw(&mut t, &app);
                black_box(app.tab())
            });
        });
        g.finish();
    }
}

fn panes(c: &mut Criterion) {
    for (name, text) in datasets() {
        let mut g = c.benchmark_group(format!("draw/{name}"));
        g.warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(1));
        let mut app = app_for(text);
        for tab in <Tab as strum::IntoEnumIterator>::iter() {
            app.apply(Action::GoTab(tab));
            for (w, h) in SIZES {
                app.apply(Action::Resize(w, h));
                let mut t = term(w, h);
                g.bench_function(
                    BenchmarkId::new(format!("{tab:?}"), format!("{w}x{h}")),
                    |b| {
                        b.iter(|| draw(&mut t, &app));
                    },
                );
            }
        }
        g.finish();
    }
}

/// The stage filter on both datasets: one step of `]` (All, each stage, All again: the
/// figure is the mean over the cycle), and every pane drawn filtered to the second stage.
fn stages(c: &mut Criterion) {
    for (name, text) in datasets() {
        let mut g = c.benchmark_group(format!("stage/{name}"));
        g.warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(2));
        let mut app = app_for(text);
        g.bench_function("switch", |b| {
            b.iter(|| app.apply(Action::NextStage));
        });
        while app.stage() != Some(1) {
            app.apply(Action::NextStage);
        }
        for tab in <Tab as strum::IntoEnumIterator>::iter() {
            app.apply(Action::GoTab(tab));
            for (w, h) in SIZES {
                let mut t = term(w, h);
                g.bench_function(
                    BenchmarkId::new(format!("{tab:?}"), format!("{w}x{h}")),
                    |b| b.iter(|| draw(&mut t, &app)),
                );
            }
        }
        g.finish();
    }
}

/// The Map with the dataset's own outlines (ratatui's world points under them) against the
/// same dataset without outlines, which draws the embedded world borders instead.
fn map_outlines(c: &mut Criterion) {
    let mut g = c.benchmark_group("map");
    g.warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    let with = load_str("bench", EMBEDDED).expect("loads");
    let mut without = with.clone();
    without.set.map.outlines.clear();
    for (name, db) in [("own-outlines", with), ("world-outlines", without)] {
        let mut app = App::new(db);
        app.apply(Action::GoTab(Tab::Map));
        // The first frame decodes the embedded outlines once; the figures are the frames after.
        draw(&mut term(80, 24), &app);
        for (w, h) in SIZES {
            let mut t = term(w, h);
            g.bench_function(BenchmarkId::new(name, format!("{w}x{h}")), |b| {
                b.iter(|| draw(&mut t, &app));
            });
        }
    }
    g.finish();
}

/// The detail text at the top and scrolled to its end: the goal is that scrolling costs no
/// more than 1.25x the top.
fn scrolling(c: &mut Criterion) {
    let mut g = c.benchmark_group("scroll/embedded");
    g.warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for (tab, label) in [(Tab::Overview, "Overview"), (Tab::Timeline, "Timeline")] {
        for (w, h) in [(120, 40), (80, 24)] {
            let mut app = app_for(EMBEDDED);
            app.apply(Action::GoTab(tab));
            let mut t = term(w, h);
            g.bench_function(
                BenchmarkId::new(format!("{label}_top"), format!("{w}x{h}")),
                |b| {
                    b.iter(|| draw(&mut t, &app));
                },
            );
            for _ in 0..10_000 {
                app.apply(Action::ScrollDown);
            }
            g.bench_function(
                BenchmarkId::new(format!("{label}_end"), format!("{w}x{h}")),
                |b| {
                    b.iter(|| draw(&mut t, &app));
                },
            );
        }
    }
    let mut app = app_for(EMBEDDED);
    app.apply(Action::Help);
    let mut t = term(120, 40);
    g.bench_function("help_top/120x40", |b| b.iter(|| draw(&mut t, &app)));
    for _ in 0..200 {
        app.apply(Action::Down);
    }
    g.bench_function("help_end/120x40", |b| b.iter(|| draw(&mut t, &app)));
    g.finish();
}

/// One answered key: the action applied and the frame drawn, at 120x40.
fn keys(c: &mut Criterion) {
    for (name, text) in datasets() {
        let mut g = c.benchmark_group(format!("key/{name}"));
        g.warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(2));
        let mut app = app_for(text);
        let mut t = term(120, 40);
        for tab in [
            Tab::Timeline,
            Tab::Trade,
            Tab::Sources,
            Tab::Map,
            Tab::Audit,
        ] {
            app.apply(Action::GoTab(tab));
            g.bench_function(BenchmarkId::new("down_up", format!("{tab:?}")), |b| {
                let mut down = true;
                b.iter(|| {
                    app.apply(if down { Action::Down } else { Action::Up });
                    down = !down;
                    draw(&mut t, &app);
                });
            });
        }
        g.bench_function("next_tab", |b| {
            b.iter(|| {
                app.apply(Action::NextTab);
                draw(&mut t, &app);
            });
        });
        app.apply(Action::GoTab(Tab::Timeline));
        // A search typed key by key: each keystroke re-runs the search and draws the results.
        for query in ["kabul", "intergovernmental commission"] {
            g.bench_function(BenchmarkId::new("search_typed", query), |b| {
                b.iter(|| {
                    app.apply(Action::Search);
                    for ch in query.chars() {
                        app.apply(Action::Input(ch));
                        draw(&mut t, &app);
                    }
                    app.apply(Action::Close);
                });
            });
        }
        app.apply(Action::Search);
        g.bench_function("search_keystroke/k", |b| {
            b.iter(|| {
                app.apply(Action::Input('k'));
                draw(&mut t, &app);
                app.apply(Action::Erase);
            });
        });
        app.apply(Action::Close);
        g.finish();
    }
}

/// Plain ratatui widgets through the same pipeline: the reference figures of the issue,
/// measured side by side.
fn reference(c: &mut Criterion) {
    let mut g = c.benchmark_group("reference");
    g.warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    let mut t = term(120, 40);
    g.bench_function("hello_paragraph/120x40", |b| {
        b.iter(|| {
            t.draw(|f| f.render_widget(Paragraph::new("Hello, ratatui! (q quits)"), f.area()))
                .expect("draw");
        });
    });
    let items: Vec<String> = (0..30).map(|i| format!("Item number {i}")).collect();
    g.bench_function("tabs_list30/120x40", |b| {
        b.iter(|| {
            t.draw(|f| {
                let [top, body] = f.area().layout(&Layout::vertical([
                    Constraint::Length(1),
                    Constraint::Min(0),
                ]));
                f.render_widget(Tabs::new(["One", "Two", "Three", "Four"]).select(1), top);
                let mut st = ListState::default().with_selected(Some(3));
                f.render_stateful_widget(
                    List::new(items.iter().map(String::as_str))
                        .block(Block::bordered().title("List"))
                        .highlight_style(Style::new().bg(Color::Blue)),
                    body,
                    &mut st,
                );
            })
            .expect("draw");
        });
    });
    g.bench_function("barchart8_horizontal/120x40", |b| {
        b.iter(|| {
            t.draw(|f| {
                let bars: Vec<Bar> = (0..8)
                    .map(|i| Bar::new(10 + i * 7).label(Line::from(format!("bar {i}"))))
                    .collect();
                f.render_widget(
                    BarChart::default()
                        .block(Block::bordered())
                        .direction(ratatui::layout::Direction::Horizontal)
                        .data(BarGroup::default().bars(&bars)),
                    f.area(),
                );
            })
            .expect("draw");
        });
    });
    g.bench_function("canvas_map_high/120x40", |b| {
        b.iter(|| {
            t.draw(|f| {
                f.render_widget(
                    Canvas::default()
                        .marker(Marker::Braille)
                        .x_bounds([-180.0, 180.0])
                        .y_bounds([-90.0, 90.0])
                        .paint(|ctx| {
                            ctx.draw(&Map {
                                resolution: MapResolution::High,
                                color: Color::Green,
                            });
                        }),
                    f.area(),
                );
            })
            .expect("draw");
        });
    });
    let words: String = (0..2000)
        .map(|i| ["kazakh", "afghan", "trade", "in", "relations", "the"][i % 6])
        .collect::<Vec<_>>()
        .join(" ");
    // The last screenful: the wrapped line count, less the rows inside the border.
    let lines = kazaf::draw::text::wrap(&[ratatui::text::Span::raw(words.as_str())], 118, 0).len();
    let end = lines.saturating_sub(38) as u16;
    for (label, scroll) in [("top", 0u16), ("end", end)] {
        g.bench_function(format!("paragraph_2000_words_{label}/120x40"), |b| {
            b.iter(|| {
                t.draw(|f| {
                    let p = Paragraph::new(words.as_str())
                        .block(Block::bordered())
                        .wrap(Wrap { trim: true });
                    f.render_widget(p.scroll((scroll, 0)), f.area());
                })
                .expect("draw");
            });
        });
    }
    g.finish();
}

criterion_group!(
    benches,
    reference,
    load,
    panes,
    map_outlines,
    stages,
    scrolling,
    keys
);
criterion_main!(benches);
