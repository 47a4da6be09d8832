//! Measures kazaf's search (`SearchIndex`) against nucleo-matcher over the same items.
//!
//! ```text
//! bench-nucleo time    <file.ron> [runs]     per-query and preparation timings (medians)
//! bench-nucleo mem     <file.ron> ours|nucleo|none   builds one and holds it (for /usr/bin/time -v)
//! bench-nucleo quality [file.ron]            top 5 of each query, ours and nucleo (embedded data by default)
//! ```

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use kazaf::data::{Db, ItemRef};
use kazaf::search::{SearchIndex, fields_of};
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

const TIMED: &[&str] = &["k", "kabul", "intergovernmental commission", "nazarbayev ghani"];
const QUALITY: &[&str] = &[
    "ghani",
    "Kazakh-Afghan",
    "kazakh afghan",
    "nazarbayev ghani",
    "Nazarbaev",
    "Masud",
    "Gani",
    "Talukan",
    "333.5",
    "kazahstan",
    // Beyond the list asked for: the other kinds of one-letter edit, a typed en dash, Cyrillic.
    "Ghanni",
    "Nazarbajev",
    "Afgahn",
    "Kazakh\u{2013}Afghan",
    "Казахстан",
];

/// Every item the index holds, in the order `SearchIndex::build` writes them.
fn items(db: &Db) -> Vec<ItemRef> {
    let s = &db.set;
    let mut v = Vec::new();
    v.extend((0..s.stages.len()).map(ItemRef::Stage));
    v.extend((0..s.events.len()).map(ItemRef::Event));
    v.extend((0..s.documents.len()).map(ItemRef::Document));
    v.extend((0..s.figures.len()).map(ItemRef::Figure));
    v.extend((0..s.charts.len()).map(ItemRef::Chart));
    v.extend((0..s.statements.len()).map(ItemRef::Statement));
    v.extend((0..s.notes.len()).map(ItemRef::Note));
    v.extend((0..s.places.len()).map(ItemRef::Place));
    v.extend((0..s.people.len()).map(ItemRef::Person));
    v.extend((0..s.references.len()).map(ItemRef::Reference));
    v
}

/// An item's fields, unfolded, joined by " | " (`|` is one of nucleo's delimiters).
fn haystack_text(db: &Db, item: ItemRef) -> String {
    fields_of(db, item)
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join(" | ")
}

fn texts(db: &Db, items: &[ItemRef]) -> Vec<String> {
    items.iter().map(|&i| haystack_text(db, i)).collect()
}

fn utf32(texts: &[String]) -> Vec<Utf32String> {
    texts.iter().map(|t| Utf32String::from(t.as_str())).collect()
}

/// Matching items, best first, equal scores in dataset order (as `match_list` sorts, stably).
fn nucleo_find(pattern: &Pattern, hay: &[Utf32String], m: &mut Matcher) -> Vec<usize> {
    let mut found: Vec<(std::cmp::Reverse<u32>, usize)> = Vec::new();
    for (k, h) in hay.iter().enumerate() {
        if let Some(s) = pattern.score(h.slice(..), m) {
            found.push((std::cmp::Reverse(s), k));
        }
    }
    found.sort_unstable();
    found.into_iter().map(|(_, k)| k).collect()
}

fn fuzzy(q: &str) -> Pattern {
    Pattern::parse(q, CaseMatching::Ignore, Normalization::Smart)
}

fn substring(q: &str) -> Pattern {
    Pattern::new(q, CaseMatching::Ignore, Normalization::Smart, AtomKind::Substring)
}

fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let r = black_box(f());
        times.push(t.elapsed());
        last = Some(r);
    }
    times.sort();
    (times[runs / 2], last.unwrap())
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn load(path: Option<&str>) -> Db {
    match path {
        Some(p) => kazaf::data::load::load_file(Path::new(p)),
        None => kazaf::data::load::embedded(),
    }
    .unwrap_or_else(|e| panic!("cannot load the dataset: {e}"))
}

fn time(path: &str, runs: usize) {
    let t = Instant::now();
    let db = load(Some(path));
    eprintln!("loaded {path} in {}", ms(t.elapsed()));
    let items = items(&db);
    let index = SearchIndex::build(&db);
    assert_eq!(index.len(), items.len(), "the item list differs from the index's");
    let texts_ = texts(&db, &items);
    let hay = utf32(&texts_);
    let bytes: usize = texts_.iter().map(String::len).sum();
    let unicode = hay.iter().filter(|h| matches!(h, Utf32String::Unicode(_))).count();
    let hay_bytes: usize = hay
        .iter()
        .map(|h| match h {
            Utf32String::Ascii(s) => s.len(),
            Utf32String::Unicode(c) => c.len() * 4,
        })
        .sum();
    println!(
        "{} items; haystack text {:.1} MiB (UTF-8); as Utf32String {:.1} MiB ({} of the items not ASCII, stored 4 bytes a char)",
        items.len(),
        bytes as f64 / 1048576.0,
        hay_bytes as f64 / 1048576.0,
        unicode
    );
    println!("\nmedians of {runs} runs\n");
    println!("| step | time |\n|---|---|");
    let (d, _) = median(runs, || SearchIndex::build(&db));
    println!("| ours: SearchIndex::build | {} |", ms(d));
    let (d1, _) = median(runs, || texts(&db, &items));
    println!("| nucleo: item texts (fields_of joined) | {} |", ms(d1));
    let (d2, _) = median(runs, || utf32(&texts_));
    println!("| nucleo: Utf32String conversion | {} |", ms(d2));
    println!("| nucleo: both | {} |", ms(d1 + d2));

    let mut m = Matcher::new(Config::DEFAULT);
    println!(
        "\n| query | ours `find` | nucleo fuzzy (prepared Utf32String) | nucleo fuzzy `match_list(&str)` | nucleo substring atoms (prepared) |"
    );
    println!("|---|---|---|---|---|");
    for q in TIMED {
        let (a, ra) = median(runs, || index.find(q));
        let p = fuzzy(q);
        let (b, rb) = median(runs, || nucleo_find(&p, &hay, &mut m));
        let (c, rc) = median(runs, || p.match_list(texts_.iter(), &mut m).len());
        let ps = substring(q);
        let (e, re) = median(runs, || nucleo_find(&ps, &hay, &mut m));
        println!(
            "| `{q}` | {} ({} found) | {} ({} found) | {} ({} found) | {} ({} found) |",
            ms(a),
            ra.len(),
            ms(b),
            rb.len(),
            ms(c),
            rc,
            ms(e),
            re.len()
        );
    }
}

fn mem(path: &str, which: &str) {
    let db = load(Some(path));
    let before = rss_kib();
    let n = match which {
        "ours" => SearchIndex::build(&db).len(),
        "nucleo" => {
            let items = items(&db);
            // As an app would hold them: the Utf32Strings only.
            let hay: Vec<Utf32String> = items
                .iter()
                .map(|&i| Utf32String::from(haystack_text(&db, i)))
                .collect();
            black_box(&hay);
            hay.len()
        }
        _ => 0,
    };
    let after = rss_kib();
    println!(
        "{which}: {n} items; resident {before} KiB after loading, {after} KiB after building (+{:.1} MiB)",
        (after - before) as f64 / 1024.0
    );
}

/// The process's resident set now (VmRSS), in KiB; 0 where /proc is not there.
fn rss_kib() -> i64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn short(s: &str) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() > 70 {
        format!("{}…", s.chars().take(69).collect::<String>())
    } else {
        s
    }
}

fn kind(i: ItemRef) -> String {
    format!("{i:?}")
}

fn quality(path: Option<&str>) {
    let db = load(path);
    let items = items(&db);
    let index = SearchIndex::build(&db);
    let texts_ = texts(&db, &items);
    let hay = utf32(&texts_);
    let mut m = Matcher::new(Config::DEFAULT);
    // The first field; the first non-empty one when it is empty (a reference without authors).
    let first = |i: ItemRef| {
        let f = fields_of(&db, i);
        match f.iter().find(|(_, t)| !t.trim().is_empty()) {
            Some((n, t)) if n == &f[0].0 => short(t),
            Some((n, t)) => format!("[{n}] {}", short(t)),
            None => String::new(),
        }
    };
    println!("{} items\n", items.len());
    for q in QUALITY {
        let ours = index.find(q);
        let nf = nucleo_find(&fuzzy(q), &hay, &mut m);
        let ns = nucleo_find(&substring(q), &hay, &mut m);
        println!("### `{q}`\n");
        println!(
            "ours: {} found; nucleo fuzzy: {} found; nucleo substring atoms: {} found\n",
            ours.len(),
            nf.len(),
            ns.len()
        );
        println!("| # | ours | nucleo fuzzy |\n|---|---|---|");
        for k in 0..5 {
            let a = ours.get(k).map(|&i| format!("{} {}", kind(i), first(i)));
            let b = nf.get(k).map(|&j| format!("{} {}", kind(items[j]), first(items[j])));
            if a.is_none() && b.is_none() {
                break;
            }
            println!(
                "| {} | {} | {} |",
                k + 1,
                a.unwrap_or_default().replace('|', "\\|"),
                b.unwrap_or_default().replace('|', "\\|")
            );
        }
        // What fuzzy finds and a substring search does not: the matched characters in [ ].
        let fuzzy_only: Vec<usize> = nf.iter().copied().filter(|j| !ns.contains(j)).collect();
        if !fuzzy_only.is_empty() {
            println!("\nfound only by fuzzy ({}), e.g.:\n", fuzzy_only.len());
            let p = fuzzy(q);
            for &j in fuzzy_only.iter().take(3) {
                let mut idx = Vec::new();
                p.indices(hay[j].slice(..), &mut m, &mut idx);
                idx.sort_unstable();
                idx.dedup();
                println!("- {} {}: `{}`", kind(items[j]), first(items[j]), marked(&texts_[j], &idx));
            }
        }
        println!();
    }
}

/// The text from a little before the first matched char to a little after the last, each
/// matched char in [ ] (shortened in the middle when the span is long).
fn marked(text: &str, idx: &[u32]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let (Some(&lo), Some(&hi)) = (idx.first(), idx.last()) else {
        return String::new();
    };
    let from = (lo as usize).saturating_sub(10);
    let to = (hi as usize + 10).min(chars.len());
    let mut out = String::new();
    let mut skipped = false;
    for k in from..to {
        let near = idx.iter().any(|&i| (i as usize).abs_diff(k) <= 12);
        if !near {
            if !skipped {
                out.push_str(" … ");
                skipped = true;
            }
            continue;
        }
        skipped = false;
        if idx.contains(&(k as u32)) {
            out.push('[');
            out.push(chars[k]);
            out.push(']');
        } else {
            out.push(chars[k]);
        }
    }
    out.replace('\n', " ").replace('|', "¦").replace('`', "'")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("time") => time(
            &args[1],
            args.get(2).map_or(20, |r| r.parse().expect("runs")),
        ),
        Some("mem") => mem(&args[1], &args[2]),
        Some("quality") => quality(args.get(1).map(String::as_str)),
        _ => eprintln!("usage: time <file.ron> [runs] | mem <file.ron> ours|nucleo|none | quality [file.ron]"),
    }
}
