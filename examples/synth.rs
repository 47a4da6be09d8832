//! A synthetic dataset, for benchmarks: the embedded article's stages, charts, audits and map,
//! plus as many generated events, figures, references, places and people as asked for.
//!
//! ```text
//! cargo run --release --example synth -- --events 100000 [--seed 7] > big.ron
//! ```
//!
//! The defaults scale with `--events N`: N/20 figures, N/50 references, N/500 places (at least
//! 20), N/200 people (at least 20), N/1000 charts. Strings have the lengths of the embedded
//! data's (titles ~45 characters, texts ~150, notes ~80), made of its own words; every event
//! cites one to three references, names a place or two and sometimes a person; every reference
//! is cited. The output passes `kazaf check` (the audit's warnings are the article's own).

use std::io::Write as _;

use kazaf::data::load::{EMBEDDED, parse};
use kazaf::data::model::{
    BarGroup, Category, Chart, Event, Figure, Person, Place, Provenance, Qualifier, Reference,
    SourceKind, Text, Unit,
};

/// splitmix64: small, fast, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
    /// About `len` characters of words from `words`, first letter capitalised.
    fn sentence(&mut self, words: &[String], len: usize) -> String {
        let target = len / 2 + self.below(len + 1);
        let mut s = String::new();
        while s.len() < target.max(3) {
            if !s.is_empty() {
                s.push(' ');
            }
            let w: &String = self.pick(words);
            s.push_str(w);
        }
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    }
}

fn arg(args: &[String], name: &str) -> Option<u64> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|v| {
            v.replace('_', "").parse().unwrap_or_else(|_| {
                eprintln!("synth: {name} takes a number, not `{v}`");
                std::process::exit(2)
            })
        })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("usage: synth --events N [--seed S] > big.ron");
        return;
    }
    let n = arg(&args, "--events").unwrap_or(100_000) as usize;
    let out = generate(n, arg(&args, "--seed").unwrap_or(1));
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        eprintln!("synth: {e}");
        std::process::exit(1);
    }
}

/// The dataset with `n` events as RON text (the benchmarks call this too).
pub fn generate(n: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut set = parse("embedded", EMBEDDED).expect("the embedded dataset parses");
    let words: Vec<String> = set
        .events
        .iter()
        .flat_map(|e| e.text.split_whitespace())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| w.len() > 1)
        .collect();
    let t = |s: String| Text::new(&s);

    // References: the article's, then new ones numbered after them.
    let n_refs = (n / 50).max(10);
    let first_new = set.references.iter().map(|r| r.number).max().unwrap_or(0) + 1;
    let kinds = [
        SourceKind::GovernmentWebsite,
        SourceKind::Document,
        SourceKind::News,
        SourceKind::Report,
        SourceKind::Speech,
    ];
    for k in 0..n_refs {
        let number = first_new + k as u32;
        set.references.push(Reference {
            accessed: Text::default(),
            aliases: Vec::new(),
            inferred: Vec::new(),
            number,
            authors: t(if rng.below(3) == 0 {
                String::new()
            } else {
                rng.sentence(&words, 12)
            }),
            title: t(rng.sentence(&words, 60)),
            title_en: t(if rng.below(2) == 0 {
                String::new()
            } else {
                rng.sentence(&words, 60)
            }),
            publisher: t(rng.sentence(&words, 24)),
            date: t(format!(
                "{}-{:02}-{:02}",
                1992 + rng.below(25),
                1 + rng.below(12),
                1 + rng.below(28)
            )),
            locator: t(format!("https://example.org/{}/{number}", rng.pick(&words))),
            pages: Text::default(),
            kind: *rng.pick(&kinds),
            note: t(if rng.below(4) == 0 {
                rng.sentence(&words, 80)
            } else {
                String::new()
            }),
        });
    }
    let new_refs: Vec<u32> = (0..n_refs as u32).map(|k| first_new + k).collect();

    // Places and people.
    for k in 0..(n / 500).max(20) {
        set.places.push(Place {
            aliases: Vec::new(),
            inferred: Vec::new(),
            id: t(format!("syn_place_{k}")),
            name: t(format!("{} {k}", rng.sentence(&words, 10))),
            kind: t((*rng.pick(&["city", "province", "border crossing"])).to_string()),
            country: t((*rng.pick(&["Kazakhstan", "Afghanistan"])).to_string()),
            lat: 30.0 + (rng.below(2200) as f64) / 100.0,
            lon: 55.0 + (rng.below(3000) as f64) / 100.0,
        });
    }
    let place_ids: Vec<Text> = set.places.iter().map(|p| p.id.clone()).collect();
    for k in 0..(n / 200).max(20) {
        set.people.push(Person {
            aliases: Vec::new(),
            inferred: Vec::new(),
            id: t(format!("syn_person_{k}")),
            name: t(format!("{} {k}", rng.sentence(&words, 14))),
            role: t(rng.sentence(&words, 50)),
            country: t((*rng.pick(&["Kazakhstan", "Afghanistan"])).to_string()),
        });
    }
    let person_ids: Vec<Text> = set.people.iter().map(|p| p.id.clone()).collect();

    // Events, each within its stage's years; references cited in turn first, so each is cited.
    let stages: Vec<(Text, i32, i32)> = set
        .stages
        .iter()
        .map(|s| {
            let end = s.end.unwrap_or(set.article.year).max(s.start);
            (s.id.clone(), s.start, end)
        })
        .collect();
    let cats = [
        Category::Diplomacy,
        Category::Visit,
        Category::Agreement,
        Category::Aid,
        Category::Trade,
        Category::Education,
        Category::Security,
        Category::Institution,
        Category::Other,
    ];
    let mut event_ids = Vec::new();
    let extra = n.saturating_sub(set.events.len());
    for k in 0..extra {
        let (stage, start, end) = rng.pick(&stages).clone();
        let year = start + rng.below((end - start + 1) as usize) as i32;
        let date = match rng.below(3) {
            0 => format!("{year}"),
            1 => format!("{year}-{:02}", 1 + rng.below(12)),
            _ => format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
        };
        let mut cites = vec![new_refs[k % new_refs.len()]];
        for _ in 0..rng.below(3) {
            cites.push(*rng.pick(&new_refs));
        }
        let id = format!("syn_ev_{k}");
        event_ids.push(t(id.clone()));
        set.events.push(Event {
            inferred: Vec::new(),
            id: t(id),
            date: t(date),
            stage,
            category: *rng.pick(&cats),
            title: t(rng.sentence(&words, 45)),
            text: t(rng.sentence(&words, 150)),
            places: (0..=rng.below(2))
                .map(|_| rng.pick(&place_ids).clone())
                .collect(),
            people: (0..rng.below(2))
                .map(|_| rng.pick(&person_ids).clone())
                .collect(),
            cites,
        });
    }

    // Figures: stated ones, some derived from earlier ones, some counting events.
    let units = [
        Unit::UsdMillion,
        Unit::Tonnes,
        Unit::People,
        Unit::Count,
        Unit::Percent,
    ];
    let mut fig_ids: Vec<(String, Unit, f64)> = Vec::new();
    for k in 0..(n / 20).max(20) {
        let id = format!("syn_fig_{k}");
        let unit = *rng.pick(&units);
        let (value, provenance) = if k > 10 && rng.below(10) == 0 {
            let (a, _, va) = rng.pick(&fig_ids).clone();
            let (b, _, vb) = rng.pick(&fig_ids).clone();
            let v = ((va + vb) * 100.0).round() / 100.0;
            (
                v,
                Provenance::Derived {
                    formula: t(format!("{a} + {b}")),
                },
            )
        } else if !event_ids.is_empty() && rng.below(20) == 0 {
            let events: Vec<Text> = (0..=rng.below(4))
                .map(|_| rng.pick(&event_ids).clone())
                .collect();
            (events.len() as f64, Provenance::Counted { events })
        } else {
            ((rng.below(1_000_000) as f64) / 100.0, Provenance::Stated)
        };
        fig_ids.push((id.clone(), unit, value));
        set.figures.push(Figure {
            inferred: Vec::new(),
            value_computed: false,
            id: t(id),
            label: t(rng.sentence(&words, 22)),
            value,
            unit,
            period: t(format!("{}", 1992 + rng.below(25))),
            provenance,
            qualifier: if rng.below(5) == 0 {
                Qualifier::About
            } else {
                Qualifier::Exact
            },
            places: (0..rng.below(2))
                .map(|_| rng.pick(&place_ids).clone())
                .collect(),
            cites: vec![*rng.pick(&new_refs)],
            note: t(if rng.below(2) == 0 {
                rng.sentence(&words, 80)
            } else {
                String::new()
            }),
        });
    }

    // Charts: bars over figures of one unit.
    for k in 0..(n / 1000).max(2) {
        let unit = *rng.pick(&units);
        let same: Vec<&(String, Unit, f64)> = fig_ids.iter().filter(|f| f.1 == unit).collect();
        let bars = (0..3 + rng.below(10))
            .map(|b| {
                let f = rng.pick(&same);
                (t(format!("bar {b}")), t(f.0.clone()))
            })
            .collect();
        set.charts.push(Chart {
            inferred: Vec::new(),
            id: t(format!("syn_chart_{k}")),
            title: t(rng.sentence(&words, 40)),
            unit,
            groups: vec![BarGroup {
                label: Text::default(),
                bars,
            }],
            note: t(rng.sentence(&words, 80)),
        });
    }

    let cfg = ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .indentor("  ".to_string());
    ron::ser::to_string_pretty(&set, cfg).expect("the dataset serializes")
}
