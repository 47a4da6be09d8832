//! Search: every item's searchable text, folded once, and the scan a query runs over it.
//!
//! Both sides are folded the same way ([`fold`]): case, the accents of Latin letters
//! (`é` → `e`), dashes and hyphens (`–` → `-`, so `Kazakh-Afghan` finds `Kazakh–Afghan`),
//! and curly quotes and apostrophes. One char for one char, so a match's offsets in folded
//! text are the original's by character (the highlighter relies on that).
//!
//! A query is words: every word must occur in the item, in any order. Items are ranked by how
//! each word occurs (a whole word above a word's start above inside a word) and where (the
//! item's title or name, its first field, above the rest); equal ranks keep dataset order. Each item's fields are folded into one string of its own, written through
//! one scratch buffer so that each is allocated once at its exact size: one string for all
//! items searched slower and saved no memory (BENCHMARKS.md). The explorer builds the index
//! once, after its first frame is on screen ([`crate::app::App::prepare`]), so the start does
//! not wait for it.

use std::fmt::Write as _;

use memchr::memmem::Finder;

use crate::data::{Db, ItemRef};

/// Between the fields of one item: a match may span a space, never two fields. The separator
/// cannot be in data (sanitizing removes C0 controls) or in a query (the prompt takes no
/// control characters).
const FIELD: &str = " \u{1f} ";

/// Every item with its folded text (and where its first field, the title or name, ends), in
/// dataset order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchIndex {
    items: Vec<Entry>,
    /// Every distinct word of letters in the items, [`MIN_WORD`] letters or more, folded and
    /// sorted: where a query word's near misses and a failed query's suggestions come from.
    words: Vec<Box<str>>,
    /// Some text is in Cyrillic: only then is a query also looked for in Cyrillic (a Latin
    /// query's Cyrillic form would otherwise cost a scan of everything, to find nothing).
    cyrillic: bool,
}

/// One item in the index.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    item: ItemRef,
    /// Its fields, folded, between [`FIELD`]s.
    text: Box<str>,
    /// Where its title (the first field, or the name with its other spellings) ends.
    title_end: u32,
    /// The text is all ASCII: a word with other characters cannot be in it.
    ascii: bool,
}

/// From this many events on, [`SearchIndex::build`] indexes half of them on a second thread.
pub const PARALLEL_FROM: usize = 20_000;

/// The shortest word of the data a near miss or a suggestion can be.
const MIN_WORD: usize = 4;
/// The shortest query word (in letters) that also finds words one edit away from it.
pub const NEAR_MISS_FROM: usize = 5;

/// A query made ready to run ([`SearchIndex::query`]): its words, each with every form it is
/// looked for in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<Word>,
}

/// One word of a query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Word {
    /// The word folded, then, if it is written in Latin or Cyrillic letters, the same word in
    /// the other script ([`translit`]): each is found as a word, a word's start or inside one.
    pub forms: Vec<String>,
    /// Words of the data one edit (an insertion, a deletion, a substitution or two letters
    /// swapped) from a form of [`NEAR_MISS_FROM`] letters or more, not holding it: found as
    /// whole words only, and ranked below every other kind of match.
    pub near: Vec<String>,
}

impl Query {
    /// No word: finds nothing.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Every form and near miss of every word, space-separated: what the screen highlights.
    pub fn terms(&self) -> String {
        let mut out = String::new();
        for w in &self.words {
            for t in w.forms.iter().chain(&w.near) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(t);
            }
        }
        out
    }
}

impl SearchIndex {
    /// The index of everything `db` holds that a person might search for.
    ///
    /// Events are most of any large dataset: past [`PARALLEL_FROM`] events, the second half of
    /// them and its words are indexed on a second thread while this one does the rest
    /// (BENCHMARKS.md). The result is the same either way (a test holds them together).
    pub fn build(db: &Db) -> SearchIndex {
        let n = db.set.events.len();
        SearchIndex::build_split(db, if n >= PARALLEL_FROM { n / 2 } else { n })
    }

    /// [`SearchIndex::build`], the events from `split` on indexed on a second thread.
    fn build_split(db: &Db, split: usize) -> SearchIndex {
        let n = db.set.events.len();
        let split = split.min(n);
        let tail_part = || {
            let mut b = Builder::default();
            b.events(db, split..n);
            let words = vocabulary(&b.items);
            (b.items, words)
        };
        let merge = |a: &mut Vocabulary, b: Vocabulary| {
            a.0.extend(b.0);
            a.1 |= b.1;
        };
        std::thread::scope(|scope| {
            let tail = (split < n)
                .then(|| {
                    std::thread::Builder::new()
                        .spawn_scoped(scope, tail_part)
                        .ok()
                })
                .flatten();
            let mut head = Builder::default();
            head.stages(db);
            head.events(db, 0..split);
            let mut rest = Builder::default();
            rest.others(db);
            let mut words = vocabulary(&head.items);
            merge(&mut words, vocabulary(&rest.items));
            let (tail_items, tail_words) = match tail {
                Some(t) => t.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                // No thread (too few events, or none to be had): the tail here.
                None => tail_part(),
            };
            merge(&mut words, tail_words);
            let (mut words, cyrillic) = words;
            words.sort_unstable();
            words.dedup();
            let mut items = head.items;
            items.extend(tail_items);
            items.extend(rest.items);
            SearchIndex {
                items,
                words,
                cyrillic,
            }
        })
    }

    /// `text` as a query: folded, split into words, each with its forms in both scripts and
    /// its near misses among the words of the data. Text with control characters is no query.
    pub fn query(&self, text: &str) -> Query {
        let q = fold(text);
        if q.contains(|c: char| c.is_control() && !c.is_whitespace()) {
            return Query::default();
        }
        let words = q
            .split_whitespace()
            .map(|w| {
                let mut forms = vec![w.to_string()];
                let t = translit(w);
                if t != w && (self.cyrillic || !is_cyrillic(&t)) {
                    forms.push(t);
                }
                let mut near: Vec<String> = Vec::new();
                for f in &forms {
                    if f.chars().count() < NEAR_MISS_FROM {
                        continue;
                    }
                    for v in self.near_words(f) {
                        if !forms.iter().any(|f| v.contains(f.as_str()))
                            && !near.iter().any(|n| n == v)
                        {
                            near.push(v.to_string());
                        }
                    }
                }
                Word { forms, near }
            })
            .collect();
        Query { words }
    }

    /// The words of the data one edit from `w`.
    fn near_words<'a>(&'a self, w: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let wc: Vec<char> = w.chars().collect();
        let n = w.len();
        self.words
            .iter()
            .map(|v| &**v)
            // A letter is 1 to 4 bytes: a cheap bound before the chars are compared.
            .filter(move |v| v.len() + 4 >= n && v.len() <= n + 4)
            .filter(move |v| {
                let vc: Vec<char> = v.chars().collect();
                one_edit(&wc, &vc)
            })
    }

    /// For each word of `query` that finds nothing on its own, the words of the data nearest
    /// to it (a few edits from it or from their own start, nearest first; at most three).
    pub fn suggest(&self, query: &Query) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        for w in &query.words {
            let alone = Query {
                words: vec![w.clone()],
            };
            if !self.run(&alone).is_empty() {
                continue;
            }
            let q: Vec<char> = w.forms[0].chars().collect();
            let limit = 1 + q.len() / 4;
            let mut best: Vec<(usize, usize, &str)> = Vec::new();
            for v in &self.words {
                let vc: Vec<char> = v.chars().collect();
                if vc.len() + limit < q.len() {
                    continue;
                }
                let (whole, prefix) = distances(&q, &vc);
                let d = whole.min(prefix);
                if d <= limit {
                    best.push((d, whole, v));
                }
            }
            best.sort_unstable();
            let near: Vec<String> = best.iter().take(3).map(|b| b.2.to_string()).collect();
            out.push((w.forms[0].clone(), near));
        }
        out
    }

    /// Every item whose text holds every word of `text`, best first: [`SearchIndex::query`]
    /// then [`SearchIndex::run`].
    pub fn find(&self, text: &str) -> Vec<ItemRef> {
        self.run(&self.query(text))
    }

    /// Every item that holds every word of `query`, best first (see the module's doc); equal
    /// ranks in dataset order. An empty query finds nothing. Past [`PARALLEL_FROM`] items,
    /// the second half is searched on a second thread.
    pub fn run(&self, query: &Query) -> Vec<ItemRef> {
        let n = self.items.len();
        self.run_split(query, if n >= PARALLEL_FROM { n / 2 } else { n })
    }

    /// [`SearchIndex::run`], the items from `split` on searched on a second thread.
    fn run_split(&self, query: &Query, split: usize) -> Vec<ItemRef> {
        if query.is_empty() {
            return Vec::new();
        }
        let finders: Vec<(Vec<Finder<'_>>, Vec<Finder<'_>>)> = query
            .words
            .iter()
            .map(|w| (finders_of(&w.forms), finders_of(&w.near)))
            .collect();
        let (n, split) = (self.items.len(), split.min(self.items.len()));
        let finders = &finders;
        let found = std::thread::scope(|scope| {
            let tail = (split < n)
                .then(|| {
                    std::thread::Builder::new()
                        .spawn_scoped(scope, move || self.score(finders, split..n))
                        .ok()
                })
                .flatten();
            let mut found = self.score(finders, 0..split);
            found.extend(match tail {
                Some(t) => t.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                None => self.score(finders, split..n),
            });
            found
        });
        // Best first, then in dataset order: a counting sort, the scores being few and small.
        let top = found.iter().map(|f| f.0).max().unwrap_or(0) as usize;
        let mut at = vec![0usize; top + 2];
        for &(s, _) in &found {
            at[top - s as usize + 1] += 1;
        }
        for i in 1..at.len() {
            at[i] += at[i - 1];
        }
        let mut out = vec![ItemRef::Stage(0); found.len()];
        for &(s, k) in &found {
            let slot = &mut at[top - s as usize];
            out[*slot] = self.items[k as usize].item;
            *slot += 1;
        }
        out
    }

    /// The items of `range` that hold every word (`finders`: each word's forms and near
    /// misses), with their scores, in dataset order.
    fn score(
        &self,
        finders: &[(Vec<Finder<'_>>, Vec<Finder<'_>>)],
        range: std::ops::Range<usize>,
    ) -> Vec<(u32, u32)> {
        let mut found: Vec<(u32, u32)> = Vec::new();
        for k in range {
            let e = &self.items[k];
            let (text, title_end) = (&*e.text, e.title_end as usize);
            // Every word must occur; the item's rank is the sum of theirs.
            let score: Option<u32> = finders
                .iter()
                .map(|(forms, near)| {
                    // A word with other than ASCII in it is not in ASCII text.
                    let fits = |f: &&Finder<'_>| !e.ascii || f.needle().is_ascii();
                    let exact = forms
                        .iter()
                        .filter(fits)
                        .filter_map(|f| rank(text, f, title_end))
                        .max();
                    exact.or_else(|| {
                        near.iter()
                            .filter(fits)
                            .filter_map(|f| rank(text, f, title_end))
                            .filter(|&r| r >= WHOLE * 2)
                            .max()
                            .map(|r| r - (WHOLE - NEAR) * 2)
                    })
                })
                .sum();
            if let Some(score) = score {
                found.push((score, k as u32));
            }
        }
        found
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// `ranked` grouped by kind: the kind of the best result first, then the kind of the best
/// of the rest, and so on; each group keeps its order (best first). So the best result is
/// still the first.
pub fn grouped(ranked: Vec<ItemRef>) -> Vec<ItemRef> {
    let mut kinds: Vec<&str> = Vec::new();
    for item in &ranked {
        if !kinds.contains(&item.kind()) {
            kinds.push(item.kind());
        }
    }
    if kinds.len() < 2 {
        return ranked;
    }
    let mut out = Vec::with_capacity(ranked.len());
    for k in kinds {
        out.extend(ranked.iter().filter(|i| i.kind() == k));
    }
    out
}

/// "; did you mean kabul?" for suggestions from [`SearchIndex::suggest`]; empty when there
/// are none.
pub fn did_you_mean(suggest: &[(String, Vec<String>)]) -> String {
    let words: Vec<&str> = suggest
        .iter()
        .flat_map(|(_, near)| near.iter().map(String::as_str))
        .collect();
    if words.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", words.join(", "))
    }
}

/// Where a result matched: the field's name and the original text around the match, for the
/// results list ("in the text: …the presidents met in Kabul…").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The field the best match is in, in words ("title", "text", "place").
    pub field: &'static str,
    /// The field's text around the match (the whole field when it is short), with `…` where
    /// it is cut; empty when the match is in the item's first field (its title or name),
    /// which the results list shows anyway.
    pub text: String,
}

/// An item's searchable fields with their names, in the order the index writes them (a test
/// holds the two together).
pub fn fields_of(db: &Db, item: ItemRef) -> Vec<(&'static str, String)> {
    let s = &db.set;
    let f = |pairs: &[(&'static str, &str)]| -> Vec<(&'static str, String)> {
        pairs.iter().map(|&(n, t)| (n, t.to_string())).collect()
    };
    match item {
        ItemRef::Stage(i) => f(&[
            ("name", &s.stages[i].name),
            ("characterisation", &s.stages[i].summary),
        ]),
        ItemRef::Event(i) => {
            let e = &s.events[i];
            vec![
                ("title", e.title.to_string()),
                ("text", e.text.to_string()),
                ("date", db.dates[i].to_string()),
                ("category", e.category.name().to_string()),
                ("places", event_places(db, e).collect::<Vec<_>>().join(" ")),
                ("people", event_people(db, e).collect::<Vec<_>>().join(" ")),
            ]
        }
        ItemRef::Document(i) => f(&[
            ("title", &s.documents[i].title),
            ("kind", s.documents[i].kind.name()),
        ]),
        ItemRef::Figure(i) => {
            let x = &s.figures[i];
            vec![
                ("label", x.label.to_string()),
                ("period", x.period.to_string()),
                ("note", x.note.to_string()),
                ("unit", x.unit.name().to_string()),
                (
                    "value",
                    format!(
                        "{} {}",
                        x.value,
                        crate::data::fmt_value(x.value, x.unit, x.qualifier)
                    ),
                ),
            ]
        }
        ItemRef::Chart(i) => f(&[("title", &s.charts[i].title), ("note", &s.charts[i].note)]),
        ItemRef::Statement(i) => f(&[("words", &s.statements[i].text)]),
        ItemRef::Note(i) => {
            let n = &s.notes[i];
            f(&[("topic", &n.topic), ("title", &n.title), ("text", &n.text)])
        }
        ItemRef::Place(i) => {
            let p = &s.places[i];
            f(&[
                ("name", &p.name),
                ("other spellings", &spellings(&p.aliases)),
                ("kind", &p.kind),
                ("country", &p.country),
            ])
        }
        ItemRef::Person(i) => {
            let p = &s.people[i];
            f(&[
                ("name", &p.name),
                ("other spellings", &spellings(&p.aliases)),
                ("role", &p.role),
                ("country", &p.country),
            ])
        }
        ItemRef::Reference(i) => {
            let r = &s.references[i];
            f(&[
                ("title", &r.title),
                ("other spellings", &spellings(&r.aliases)),
                ("English title", &r.title_en),
                ("authors", &r.authors),
                ("publisher", &r.publisher),
                ("date", &r.date),
                ("locator", &r.locator),
                ("note", &r.note),
            ])
        }
    }
}

/// The names of an event's places and their other spellings: "Masud" finds the events of
/// Massoud, "Talukan" the events at Taloqan.
fn event_places<'a>(
    db: &'a Db,
    e: &'a crate::data::model::Event,
) -> impl Iterator<Item = &'a str> + 'a {
    e.places.iter().filter_map(|p| db.place(p)).flat_map(|p| {
        std::iter::once(p.name.as_str())
            .chain(p.aliases.iter().map(crate::data::model::Text::as_str))
    })
}

/// The names of an event's people and their other spellings.
fn event_people<'a>(
    db: &'a Db,
    e: &'a crate::data::model::Event,
) -> impl Iterator<Item = &'a str> + 'a {
    e.people.iter().filter_map(|p| db.person(p)).flat_map(|p| {
        std::iter::once(p.name.as_str())
            .chain(p.aliases.iter().map(crate::data::model::Text::as_str))
    })
}

/// Other spellings as one field, as the index writes them.
fn spellings(aliases: &[crate::data::model::Text]) -> String {
    aliases
        .iter()
        .map(crate::data::model::Text::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where `query` matched `item` best: the field and the text around the match. `None` when no
/// word of the query is in it (or the query is empty).
pub fn snippet(db: &Db, item: ItemRef, query: &Query) -> Option<Snippet> {
    let fields = fields_of(db, item);
    let folded: Vec<String> = fields.iter().map(|(_, t)| fold(t)).collect();
    // The results list shows the first field, or a reference's English title when it has one.
    let english =
        matches!(item, ItemRef::Reference(i) if !db.set.references[i].title_en.is_empty());
    let shown = |k: usize| {
        if english {
            fields[k].0 == "English title"
        } else {
            k == 0
        }
    };
    // The best occurrence of any word, by rank, then in a field the list does not show
    // (which says more), then in an earlier field.
    let mut best: Option<(u32, bool, std::cmp::Reverse<usize>, usize, usize)> = None;
    for w in &query.words {
        let near = w.near.iter().map(|t| (t, true));
        for (term, is_near) in w.forms.iter().map(|t| (t, false)).chain(near) {
            let finder = Finder::new(term.as_bytes());
            for (k, text) in folded.iter().enumerate() {
                let Some((r, at)) = rank_at(text, &finder, 0) else {
                    continue;
                };
                if is_near && r < WHOLE * 2 {
                    continue;
                }
                let r = if is_near { NEAR } else { r / 2 };
                let start = text[..at].chars().count();
                let cand = (
                    r,
                    !shown(k),
                    std::cmp::Reverse(k),
                    start,
                    term.chars().count(),
                );
                if best.is_none_or(|b| (cand.0, cand.1, cand.2) > (b.0, b.1, b.2)) {
                    best = Some(cand);
                }
            }
        }
    }
    let (_, _, std::cmp::Reverse(k), start, len) = best?;
    let (field, text) = &fields[k];
    if shown(k) {
        // What the results list shows already.
        return Some(Snippet {
            field,
            text: String::new(),
        });
    }
    let chars: Vec<char> = text.chars().collect();
    let from = start.saturating_sub(30);
    let to = (start + len + 50).min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(&chars[from..to]);
    if to < chars.len() {
        out.push('…');
    }
    Some(Snippet { field, text: out })
}

/// A finder for each word.
fn finders_of(words: &[String]) -> Vec<Finder<'_>> {
    words.iter().map(|t| Finder::new(t.as_bytes())).collect()
}

/// The kinds of occurrence, worst to best (a near miss counts only as a whole word).
const NEAR: u32 = 1;
const INSIDE: u32 = 2;
const START: u32 = 3;
const WHOLE: u32 = 4;

/// How well the word `finder` looks for occurs in `text`, `None` if not at all: the best
/// occurrence's kind (a whole word, a word's start, inside a word), doubled, plus one when it
/// is in the first field (before `title_end`) — so a whole word in the body still ranks above
/// part of a word in the title. Only the first occurrences are looked at: a one-letter word
/// occurs hundreds of times in a long text.
fn rank(text: &str, finder: &Finder, title_end: usize) -> Option<u32> {
    rank_at(text, finder, title_end).map(|(r, _)| r)
}

/// [`rank`], and where its best occurrence starts (bytes).
fn rank_at(text: &str, finder: &Finder, title_end: usize) -> Option<(u32, usize)> {
    let len = finder.needle().len();
    // A word of one or two letters is in most texts, mostly inside words: its ranking says
    // little and looking far for a better one costs most of a keystroke at 100,000 events.
    let looked_at = if len > 2 { 16 } else { 4 };
    let mut best: Option<(u32, usize)> = None;
    for at in finder.find_iter(text.as_bytes()).take(looked_at) {
        // The needle is a whole folded word: `at` and `at + len` are char boundaries.
        let kind = match (edge_before(text, at), edge_after(text, at + len)) {
            (true, true) => WHOLE,
            (true, false) => START,
            _ => INSIDE,
        };
        let r = kind * 2 + u32::from(at < title_end);
        if best.is_none_or(|b| r > b.0) {
            best = Some((r, at));
        }
        if r == WHOLE * 2 + 1 || (at >= title_end && r == WHOLE * 2) {
            break;
        }
    }
    best
}

/// A word starts at byte `at` of `text` (a char boundary): no letter or digit before it.
fn edge_before(text: &str, at: usize) -> bool {
    match text.as_bytes()[..at].last() {
        None => true,
        Some(b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
        Some(_) => !text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric),
    }
}

/// A word ends at byte `at` of `text` (a char boundary): no letter or digit after it.
fn edge_after(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => true,
        Some(b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
        Some(_) => !text[at..].chars().next().is_some_and(char::is_alphanumeric),
    }
}

/// The distinct words of letters in `items`' texts, [`MIN_WORD`] letters or more, sorted.
/// A word is a run of letters and digits (a run with a digit is no word of letters); the
/// texts are scanned byte by byte, decoding only non-ASCII characters, since this pass over
/// every byte of the data is most of what building the index costs.
fn vocabulary(items: &[Entry]) -> Vocabulary {
    let mut seen: hashbrown::HashSet<&str> = hashbrown::HashSet::new();
    let mut cyrillic = false;
    for Entry { text, .. } in items {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // The word starting at i, if any: its end, whether it holds a digit, its letters.
            let (mut j, mut digit, mut letters) = (i, false, 0usize);
            while j < bytes.len() {
                let b = bytes[j];
                if b.is_ascii() {
                    if b.is_ascii_alphabetic() {
                        j += 1;
                    } else if b.is_ascii_digit() {
                        digit = true;
                        j += 1;
                    } else {
                        break;
                    }
                } else {
                    let c = text[j..].chars().next().unwrap_or(' ');
                    if !c.is_alphanumeric() {
                        break;
                    }
                    digit |= c.is_numeric();
                    cyrillic |= is_cyrillic_char(c);
                    j += c.len_utf8();
                }
                letters += 1;
            }
            if letters >= MIN_WORD && !digit {
                seen.insert(&text[i..j]);
            }
            // Past the word and the character that ended it.
            i = if j == i {
                j + text[j..].chars().next().map_or(1, char::len_utf8)
            } else {
                j
            };
        }
    }
    let mut words: Vec<Box<str>> = seen.into_iter().map(Box::from).collect();
    words.sort_unstable();
    (words, cyrillic)
}

/// The words of some items (sorted), and whether any of their letters is Cyrillic.
type Vocabulary = (Vec<Box<str>>, bool);

/// A letter of the Cyrillic block.
fn is_cyrillic_char(c: char) -> bool {
    ('\u{400}'..='\u{4ff}').contains(&c)
}

/// Some letter of `w` is Cyrillic.
fn is_cyrillic(w: &str) -> bool {
    w.chars().any(is_cyrillic_char)
}

/// `a` and `b` are one edit apart: one letter inserted, deleted or changed, or two neighbours
/// swapped (the optimal-string-alignment distance is 1).
fn one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let i = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        if i == short.len() {
            return false;
        }
        short[i + 1..] == long[i + 1..]
            || (i + 1 < short.len()
                && short[i] == long[i + 1]
                && short[i + 1] == long[i]
                && short[i + 2..] == long[i + 2..])
    } else {
        short[i..] == long[i + 1..]
    }
}

/// The edit distance (Levenshtein) from `q` to all of `v`, and to the start of `v` nearest to
/// `q` (a word half typed is near its whole).
fn distances(q: &[char], v: &[char]) -> (usize, usize) {
    let mut prev: Vec<usize> = (0..=v.len()).collect();
    let mut cur = vec![0; v.len() + 1];
    for (i, qc) in q.iter().enumerate() {
        cur[0] = i + 1;
        for (j, vc) in v.iter().enumerate() {
            let sub = prev[j] + usize::from(qc != vc);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let whole = prev[v.len()];
    let prefix = prev.iter().copied().min().unwrap_or(whole);
    (whole, prefix)
}

/// A word folded for search in the other script: Cyrillic to Latin, in the scheme the
/// article's references use (`х` h, `й` j, `ц` c, `ж` zh, `ч` ch, `ш` sh, `ю` yu, `я` ya:
/// "Kazahstan", "Islamskoj", "Informaciya"), and Latin to Cyrillic the same way back, the
/// longest letter group first (`shch`, `zh`, `kh`, `ch`, `sh`, `ts`, `yu`, `ya`, ...). Other
/// characters are kept. So `Казахстан` is looked for as `kazahstan`, and `Kazakhstan` as
/// `казахстан`; `Kazahstan` and `Kazakhstan` meet as near misses.
pub fn translit(w: &str) -> String {
    const CYR: &[(char, &str)] = &[
        ('а', "a"),
        ('б', "b"),
        ('в', "v"),
        ('г', "g"),
        ('д', "d"),
        ('е', "e"),
        ('ё', "e"),
        ('ж', "zh"),
        ('з', "z"),
        ('и', "i"),
        ('й', "j"),
        ('к', "k"),
        ('л', "l"),
        ('м', "m"),
        ('н', "n"),
        ('о', "o"),
        ('п', "p"),
        ('р', "r"),
        ('с', "s"),
        ('т', "t"),
        ('у', "u"),
        ('ф', "f"),
        ('х', "h"),
        ('ц', "c"),
        ('ч', "ch"),
        ('ш', "sh"),
        ('щ', "shch"),
        ('ъ', ""),
        ('ы', "y"),
        ('ь', ""),
        ('э', "e"),
        ('ю', "yu"),
        ('я', "ya"),
        // Kazakh letters.
        ('ә', "a"),
        ('ғ', "g"),
        ('қ', "k"),
        ('ң', "n"),
        ('ө', "o"),
        ('ұ', "u"),
        ('ү', "u"),
        ('һ', "h"),
        ('і', "i"),
    ];
    const LAT: &[(&str, char)] = &[
        ("shch", 'щ'),
        ("zh", 'ж'),
        ("kh", 'х'),
        ("ch", 'ч'),
        ("sh", 'ш'),
        ("ts", 'ц'),
        ("yu", 'ю'),
        ("ya", 'я'),
        ("yo", 'е'),
        ("ye", 'е'),
        ("a", 'а'),
        ("b", 'б'),
        ("c", 'ц'),
        ("d", 'д'),
        ("e", 'е'),
        ("f", 'ф'),
        ("g", 'г'),
        ("h", 'х'),
        ("i", 'и'),
        ("j", 'й'),
        ("k", 'к'),
        ("l", 'л'),
        ("m", 'м'),
        ("n", 'н'),
        ("o", 'о'),
        ("p", 'п'),
        ("q", 'к'),
        ("r", 'р'),
        ("s", 'с'),
        ("t", 'т'),
        ("u", 'у'),
        ("v", 'в'),
        ("w", 'в'),
        ("y", 'ы'),
        ("z", 'з'),
    ];
    let cyrillic = is_cyrillic(w);
    let mut out = String::with_capacity(w.len() * 2);
    if cyrillic {
        for c in w.chars() {
            match CYR.iter().find(|(k, _)| *k == c) {
                Some((_, l)) => out.push_str(l),
                None => out.push(c),
            }
        }
    } else {
        let mut rest = w;
        while let Some(c) = rest.chars().next() {
            if let Some((k, v)) = LAT.iter().find(|(k, _)| rest.starts_with(k)) {
                out.push(*v);
                rest = &rest[k.len()..];
            } else {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        // "x" is two Cyrillic letters.
        out = out.replace('x', "кс");
    }
    out
}

/// Writes items, field by field.
#[derive(Default)]
struct Builder {
    items: Vec<Entry>,
    /// The current item's text so far.
    text: String,
    /// Fields written for the current item.
    fields: usize,
    /// Where the current item's first field ends.
    title_end: u32,
}

impl Builder {
    fn next_field(&mut self) {
        if self.fields == 1 && self.title_end == 0 {
            self.title_end = self.text.len() as u32;
        }
        if self.fields > 0 {
            self.text.push_str(FIELD);
        }
        self.fields += 1;
    }

    /// One field per part.
    fn fields(&mut self, parts: &[&str]) {
        for part in parts {
            self.next_field();
            fold_into(&mut self.text, part);
        }
    }

    /// One field of words joined by spaces (names of places, people).
    fn words<'a>(&mut self, words: impl Iterator<Item = &'a str>) {
        self.next_field();
        for (k, w) in words.enumerate() {
            if k > 0 {
                self.text.push(' ');
            }
            fold_into(&mut self.text, w);
        }
    }

    /// The title (what ranks as the item's name) is the fields written so far, not only the
    /// first.
    fn title_ends(&mut self) {
        self.title_end = self.text.len() as u32;
    }

    fn end(&mut self, item: ItemRef) {
        if self.fields <= 1 {
            self.title_end = self.text.len() as u32;
        }
        self.items.push(Entry {
            item,
            text: Box::from(self.text.as_str()),
            title_end: self.title_end,
            ascii: self.text.is_ascii(),
        });
        self.text.clear();
        self.fields = 0;
        self.title_end = 0;
    }

    /// The stages.
    fn stages(&mut self, db: &Db) {
        for (i, x) in db.set.stages.iter().enumerate() {
            self.item(ItemRef::Stage(i), &[&x.name, &x.summary]);
        }
    }

    /// The events in `range`.
    fn events(&mut self, db: &Db, range: std::ops::Range<usize>) {
        let mut scratch = String::new();
        for i in range {
            let e = &db.set.events[i];
            self.fields(&[&e.title, &e.text]);
            scratch.clear();
            let _ = write!(scratch, "{}", db.dates[i]);
            self.fields(&[&scratch, e.category.name()]);
            self.words(event_places(db, e));
            self.words(event_people(db, e));
            self.end(ItemRef::Event(i));
        }
    }

    /// Every item after the events, in dataset order.
    fn others(&mut self, db: &Db) {
        let s = &db.set;
        let mut scratch = String::new();
        for (i, d) in s.documents.iter().enumerate() {
            self.item(ItemRef::Document(i), &[&d.title, d.kind.name()]);
        }
        for (i, f) in s.figures.iter().enumerate() {
            // The value as the data writes it (`333.5`, `20150`) and as the panes show it
            // (`333.5 USD mn`, `20,150 t`), so a number typed either way finds its figure.
            scratch.clear();
            let _ = write!(
                scratch,
                "{} {}",
                f.value,
                crate::data::fmt_value(f.value, f.unit, f.qualifier)
            );
            self.item(
                ItemRef::Figure(i),
                &[&f.label, &f.period, &f.note, f.unit.name(), &scratch],
            );
        }
        for (i, c) in s.charts.iter().enumerate() {
            self.item(ItemRef::Chart(i), &[&c.title, &c.note]);
        }
        for (i, st) in s.statements.iter().enumerate() {
            self.item(ItemRef::Statement(i), &[&st.text]);
        }
        for (i, n) in s.notes.iter().enumerate() {
            self.item(ItemRef::Note(i), &[&n.topic, &n.title, &n.text]);
        }
        // Other spellings rank as the name they stand for: they follow it, in the title.
        for (i, p) in s.places.iter().enumerate() {
            self.fields(&[&p.name]);
            self.words(p.aliases.iter().map(crate::data::model::Text::as_str));
            self.title_ends();
            self.fields(&[&p.kind, &p.country]);
            self.end(ItemRef::Place(i));
        }
        for (i, p) in s.people.iter().enumerate() {
            self.fields(&[&p.name]);
            self.words(p.aliases.iter().map(crate::data::model::Text::as_str));
            self.title_ends();
            self.fields(&[&p.role, &p.country]);
            self.end(ItemRef::Person(i));
        }
        for (i, r) in s.references.iter().enumerate() {
            // The title first: it is what a reference is listed by, and ranks as its name.
            self.fields(&[&r.title]);
            self.words(r.aliases.iter().map(crate::data::model::Text::as_str));
            self.title_ends();
            self.fields(&[
                &r.title_en,
                &r.authors,
                &r.publisher,
                &r.date,
                &r.locator,
                &r.note,
            ]);
            self.end(ItemRef::Reference(i));
        }
    }

    /// An item of one field per part.
    fn item(&mut self, item: ItemRef, parts: &[&str]) {
        self.fields(parts);
        self.end(item);
    }
}

/// Lower-cases the way search compares: one char for one char, so byte offsets of matches in
/// the lowered text map back onto the original text by character.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(&mut out, s);
    out
}

/// Appends `s`, folded, to `out`. ASCII text (most of any dataset) is copied and lower-cased in
/// place, byte-wise; other text goes char by char, whole (its non-ASCII characters are
/// mostly scattered dashes and quotes, so splitting it into ASCII runs does not pay).
fn fold_into(out: &mut String, s: &str) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    } else {
        out.extend(s.chars().map(fold_char));
    }
}

/// One character, folded for search: lower case; a Latin letter without its accent; every
/// dash and hyphen as `-`; curly single quotes, apostrophes and primes as `'`, double ones as
/// `"`. Always one char, so offsets survive.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let c = c.to_lowercase().next().unwrap_or(c);
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe63}' | '\u{ff0d}' => '-',
        '\u{2018}'..='\u{201b}' | '\u{2032}' | '\u{02bc}' | '\u{00b4}' => '\'',
        '\u{201c}'..='\u{201f}' | '\u{2033}' | '«' | '»' => '"',
        // Russian writes `е` for `ё` as often as not.
        'ё' => 'е',
        _ => unaccent(c),
    }
}

/// A lower-case Latin letter with an accent, as the letter without it (Latin-1 Supplement and
/// Latin Extended-A); any other char as it is.
fn unaccent(c: char) -> char {
    const FROM: &str =
        "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžøđħłŀıŧ";
    const TO: &str =
        "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzodhllit";
    FROM.chars()
        .position(|f| f == c)
        .and_then(|k| TO.chars().nth(k))
        .unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{Builder, Entry, FIELD, SearchIndex, fold, fold_char, vocabulary};
    use crate::data::ItemRef;

    /// An index of notes, each with the given fields.
    fn index(items: &[Vec<String>]) -> SearchIndex {
        let mut b = Builder::default();
        for (i, fields) in items.iter().enumerate() {
            let parts: Vec<&str> = fields.iter().map(String::as_str).collect();
            b.item(ItemRef::Note(i), &parts);
        }
        let (words, cyrillic) = vocabulary(&b.items);
        SearchIndex {
            items: b.items,
            words,
            cyrillic,
        }
    }

    /// What `find` must find (in some order), worked out the slow way: the items whose own
    /// folded text, for every word of the query, holds the word or its transliteration, or
    /// holds as a whole word a word one edit from either (if that has five letters or more).
    fn naive(items: &[Vec<String>], query: &str) -> Vec<ItemRef> {
        let q = fold(query);
        let words: Vec<&str> = q.split_whitespace().collect();
        if words.is_empty() {
            return Vec::new();
        }
        (0..items.len())
            .filter(|&i| {
                let parts: Vec<String> = items[i].iter().map(|f| fold(f)).collect();
                let text = parts.join(FIELD);
                let own: Vec<Vec<char>> = text
                    .split(|c: char| !c.is_alphanumeric())
                    .map(|w| w.chars().collect())
                    .collect();
                words.iter().all(|w| {
                    let forms = [w.to_string(), super::translit(w)];
                    forms.iter().any(|f| {
                        let fc: Vec<char> = f.chars().collect();
                        text.contains(f.as_str())
                            || (fc.len() >= super::NEAR_MISS_FROM
                                && own.iter().any(|o| {
                                    o.len() >= super::MIN_WORD
                                        && o.iter().all(|c| c.is_alphabetic())
                                        && super::one_edit(&fc, o)
                                }))
                    })
                })
            })
            .map(ItemRef::Note)
            .collect()
    }

    fn owned(items: &[&[&str]]) -> Vec<Vec<String>> {
        items
            .iter()
            .map(|f| f.iter().map(|s| (*s).to_string()).collect())
            .collect()
    }

    fn sorted(mut v: Vec<ItemRef>) -> Vec<ItemRef> {
        v.sort_by_key(|i| format!("{i:?}"));
        v
    }

    #[test]
    fn finds_each_matching_item_once_whatever_the_case() {
        let items = owned(&[
            &["Kabul", "Visit to KABUL and kabul again"],
            &["Astana", "nothing here"],
            &["Астана", "Кабул"],
            &["", "kab", "ul"],
        ]);
        let ix = index(&items);
        assert_eq!(ix.len(), 4);
        // Either script finds both: the other is its transliteration.
        assert_eq!(ix.find("kabul"), vec![ItemRef::Note(0), ItemRef::Note(2)]);
        assert_eq!(
            ix.find("  KaBuL "),
            vec![ItemRef::Note(0), ItemRef::Note(2)]
        );
        // Kabul is a title, Кабул a body's word.
        assert_eq!(ix.find("КАБУЛ"), vec![ItemRef::Note(0), ItemRef::Note(2)]);
        // "a" is also the Cyrillic "а" of Астана.
        assert_eq!(
            sorted(ix.find("a")),
            sorted((0..4).map(ItemRef::Note).collect())
        );
        assert_eq!(ix.find("astana"), vec![ItemRef::Note(1), ItemRef::Note(2)]);
        assert!(ix.find("").is_empty());
        assert!(ix.find("   ").is_empty());
        assert!(ix.find("samangan").is_empty());
    }

    #[test]
    fn every_word_must_match_in_any_order_never_across_items() {
        let items = owned(&[&["kab", "ul"], &["to astana"], &["kabul"]]);
        let ix = index(&items);
        assert_eq!(ix.find("kabul"), vec![ItemRef::Note(2)]);
        // Two words, each in a field of the first item, in either order; the third item holds
        // both inside one word.
        assert_eq!(ix.find("kab ul"), vec![ItemRef::Note(0), ItemRef::Note(2)]);
        assert_eq!(sorted(ix.find("ul kab")), sorted(ix.find("kab ul")));
        // A word is never found across two fields or two items.
        assert!(ix.find("astanakabul").is_empty());
        assert!(ix.find("astana kabul").is_empty());
        assert!(ix.find("kab\u{1f}ul").is_empty());
    }

    #[test]
    fn whole_words_and_titles_rank_first_and_ties_keep_data_order() {
        let items = owned(&[
            &[
                "Diplomatic relations",
                "Kazakhstan and Afghanistan open relations",
            ],
            &["Talks with Ghani", "The presidents met"],
            &["Afghani traders", "trade"],
            &["Report", "a meeting with Ghani in Kabul"],
        ]);
        let ix = index(&items);
        // "Ghani" inside "Afghanistan" no longer comes first: the whole word in a title does,
        // then the whole word in a body, then inside a word in a title, then in a body.
        assert_eq!(
            ix.find("ghani"),
            vec![
                ItemRef::Note(1),
                ItemRef::Note(3),
                ItemRef::Note(2),
                ItemRef::Note(0)
            ]
        );
        // Equal ranks keep dataset order.
        let ix = index(&owned(&[&["x", "trade"], &["y", "trade"]]));
        assert_eq!(ix.find("trade"), vec![ItemRef::Note(0), ItemRef::Note(1)]);
    }

    #[test]
    fn dashes_quotes_and_accents_fold_away() {
        let items = owned(&[
            &["Kazakh–Afghan relations"],
            &["Kazakhstan’s “partner”"],
            &["Astana — Kabul"],
            &["Élysée, Zürich, Łódź"],
        ]);
        let ix = index(&items);
        assert_eq!(ix.find("Kazakh-Afghan"), vec![ItemRef::Note(0)]);
        assert_eq!(ix.find("kazakhstan's"), vec![ItemRef::Note(1)]);
        assert_eq!(ix.find("\"partner\""), vec![ItemRef::Note(1)]);
        assert_eq!(ix.find("astana - kabul"), vec![ItemRef::Note(2)]);
        assert_eq!(ix.find("elysee zurich lodz"), vec![ItemRef::Note(3)]);
        assert_eq!(
            fold("Kazakh–Afghan").chars().count(),
            "Kazakh–Afghan".chars().count()
        );
    }

    #[test]
    fn the_fields_named_are_the_fields_indexed() {
        for db in [
            crate::data::load::embedded().expect("loads"),
            crate::data::load::load_str("example.ron", crate::schema::EXAMPLE).expect("loads"),
        ] {
            let ix = SearchIndex::build(&db);
            for Entry { item, text, .. } in &ix.items {
                let fields: Vec<String> = super::fields_of(&db, *item)
                    .iter()
                    .map(|(_, t)| fold(t))
                    .collect();
                assert_eq!(&*fields.join(FIELD), &**text, "{item:?}");
            }
        }
    }

    #[test]
    fn a_second_thread_builds_the_same_index() {
        let db = crate::data::load::embedded().expect("loads");
        let n = db.set.events.len();
        let alone = SearchIndex::build_split(&db, n);
        assert!(alone.words.iter().any(|w| &**w == "nazarbayev"));
        for split in [0, 1, n / 2, n - 1, n + 5] {
            assert_eq!(
                SearchIndex::build_split(&db, split),
                alone,
                "split at {split}"
            );
        }
        assert_eq!(SearchIndex::build(&db), alone);
        // And searching on two threads finds the same, in the same order.
        let m = alone.len();
        for q in ["a", "kazakhstan", "ghani nazarbayev", "Казахстан", "zzz"] {
            let q = alone.query(q);
            let one = alone.run_split(&q, m);
            for split in [0, 1, m / 2, m - 1] {
                assert_eq!(alone.run_split(&q, split), one, "split at {split}");
            }
        }
    }

    #[test]
    fn a_snippet_names_the_field_and_shows_the_match_in_context() {
        let db = crate::data::load::embedded().expect("loads");
        let ix = SearchIndex::build(&db);
        let talks = (0..db.set.events.len())
            .find(|&i| db.set.events[i].title.contains("Nazarbayev and Ghani"))
            .map(ItemRef::Event)
            .expect("the talks");
        // Ghani is in the title, which the list shows, and in the text: the text is quoted.
        let s = super::snippet(&db, talks, &ix.query("ghani")).expect("a match");
        assert_eq!(s.field, "text");
        assert!(s.text.contains("Ghani") && s.text.starts_with('…'), "{s:?}");
        // A match in the name alone: the snippet names the field only.
        let kabul = (0..db.set.places.len())
            .find(|&i| db.set.places[i].name.as_str() == "Kabul")
            .map(ItemRef::Place)
            .expect("Kabul");
        let s = super::snippet(&db, kabul, &ix.query("kabul")).expect("a match");
        assert_eq!((s.field, s.text.as_str()), ("name", ""));
        let f = (0..db.set.figures.len())
            .find(|&i| (db.set.figures[i].value - 333.5).abs() < 1e-9)
            .map(ItemRef::Figure)
            .expect("the exports");
        let s = super::snippet(&db, f, &ix.query("333.5")).expect("a match");
        assert_eq!(s.field, "value");
        assert!(s.text.contains("333.5 USD mn"), "{s:?}");
        assert_eq!(super::snippet(&db, f, &ix.query("zzqx")), None);
        // A reference listed by its English title: a match in the original title is quoted.
        let r = (0..db.set.references.len())
            .find(|&i| {
                db.set.references[i]
                    .title
                    .starts_with("Gani diversificiruet")
            })
            .map(ItemRef::Reference)
            .expect("reference 3");
        let s = super::snippet(&db, r, &ix.query("gani")).expect("a match");
        assert_eq!(s.field, "title");
        assert!(s.text.starts_with("Gani diversificiruet"), "{s:?}");
        // A near miss is found where it is: "Kazakhstn" is one edit from the Kazakhstan of
        // the English title, which the list shows (so it is named, not quoted).
        let s = super::snippet(&db, r, &ix.query("kazakhstn")).expect("a match");
        assert_eq!((s.field, s.text.as_str()), ("English title", ""));
    }

    #[test]
    fn near_misses_are_one_edit_from_long_words_and_rank_last() {
        let items = owned(&[
            &["Talks in Kabol"],
            &["Nazarbaev in Astana", "talks"],
            &["The Nazarbayev years"],
            &["Kabul", "Nazarbayevs"],
            &["Nzarbayev"],
        ]);
        let ix = index(&items);
        // Five letters: one letter changed (Kabol) is found, after the word itself.
        assert_eq!(ix.find("kabul"), vec![ItemRef::Note(3), ItemRef::Note(0)]);
        // A letter missing (Nazarbaev), one too many or swapped; the whole word ranks first,
        // then the word's start (Nazarbayevs), then the near misses in data order.
        assert_eq!(
            ix.find("nazarbayev"),
            vec![
                ItemRef::Note(2),
                ItemRef::Note(3),
                ItemRef::Note(1),
                ItemRef::Note(4)
            ]
        );
        // A swap: Nazarbayev; a letter too many: Nazarbaev. Two edits: neither of the others.
        assert_eq!(
            ix.find("nazarbyaev"),
            vec![ItemRef::Note(1), ItemRef::Note(2)]
        );
        // Four letters or fewer: no near misses ("kabl" is not "kabol" or "kabul").
        assert!(ix.find("kabl").is_empty());
        // Two edits are not a near miss.
        assert!(ix.find("kabxxl").is_empty());
        // A near miss counts as a whole word only: "talkz" is one edit from "talks".
        assert_eq!(ix.find("talkz"), vec![ItemRef::Note(0), ItemRef::Note(1)]);
        let q = ix.query("Kabul talkz");
        assert_eq!(q.words[0].near, vec!["kabol".to_string()]);
        assert_eq!(q.words[1].near, vec!["talks".to_string()]);
        // No text here is Cyrillic: the query is not looked for in Cyrillic.
        assert_eq!(q.terms(), "kabul kabol talkz talks");
        let ix = index(&owned(&[&["Кабул"]]));
        assert_eq!(ix.query("kabul").words[0].forms, ["kabul", "кабул"]);
    }

    #[test]
    fn one_edit_is_one_insertion_deletion_change_or_swap() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        let yes = [
            ("kabul", "kabol"),
            ("kabul", "kabu"),
            ("kabul", "kabull"),
            ("kabul", "akbul"),
            ("kabul", "kabLu"),
            ("taloqan", "taloan"),
            ("kazahstan", "kazakhstan"),
            ("ж", "жж"),
        ];
        for (a, b) in yes {
            let b = b.to_lowercase();
            assert!(super::one_edit(&c(a), &c(&b)), "{a} {b}");
            assert!(super::one_edit(&c(&b), &c(a)), "{b} {a}");
        }
        for (a, b) in [
            ("kabul", "kabul"),
            ("kabul", "kbaul1"),
            ("kabul", "lubak"),
            ("ab", "ba c"),
        ] {
            assert!(!super::one_edit(&c(a), &c(b)), "{a} {b}");
        }
    }

    #[test]
    fn cyrillic_and_latin_meet_in_the_references_scheme() {
        assert_eq!(super::translit("казахстан"), "kazahstan");
        assert_eq!(super::translit("сотрудничество"), "sotrudnichestvo");
        assert_eq!(super::translit("информация"), "informaciya");
        assert_eq!(super::translit("исламской"), "islamskoj");
        assert_eq!(super::translit("kazakhstan"), "казахстан");
        assert_eq!(super::translit("kazahstan"), "казахстан");
        assert_eq!(super::translit("mezhdunarodnoe"), "международное");
        assert_eq!(super::translit("333.5"), "333.5");
        let items = owned(&[
            &["Sotrudnichestvo Respubliki Kazahstan"],
            &["Relations of Kazakhstan"],
            &["Казахстан и Афганистан"],
            &["Kazakh steppe"],
        ]);
        let ix = index(&items);
        let all = vec![ItemRef::Note(0), ItemRef::Note(1), ItemRef::Note(2)];
        // Each spelling finds the other two: through the other script, or one edit away.
        for q in ["Казахстан", "Kazahstan", "Kazakhstan"] {
            assert_eq!(sorted(ix.find(q)), all, "{q}");
        }
        assert_eq!(ix.find("Afganistan"), vec![ItemRef::Note(2)]);
    }

    #[test]
    fn a_query_that_finds_nothing_gets_the_nearest_words() {
        let items = owned(&[&["Nazarbayev meets Ghani"], &["Kabul", "Samangan province"]]);
        let ix = index(&items);
        let q = ix.query("Nazrabyev kabul");
        assert!(ix.run(&q).is_empty());
        // "kabul" finds something alone; the misspelt name gets its nearest word.
        assert_eq!(
            ix.suggest(&q),
            vec![("nazrabyev".to_string(), vec!["nazarbayev".to_string()])]
        );
        // A half-typed misspelling is near the start of a word.
        let q = ix.query("samna");
        assert_eq!(ix.suggest(&q)[0].1, vec!["samangan".to_string()]);
        assert_eq!(
            super::did_you_mean(&ix.suggest(&q)),
            "; did you mean samangan?"
        );
        // Nothing near: no suggestion, and no "did you mean".
        let q = ix.query("zzzzzzzz");
        assert_eq!(ix.suggest(&q), vec![("zzzzzzzz".to_string(), vec![])]);
        assert_eq!(super::did_you_mean(&ix.suggest(&q)), "");
    }

    #[test]
    fn results_group_by_kind_best_group_first_keeping_order() {
        use ItemRef::{Event, Figure, Place};
        let ranked = vec![Place(3), Event(1), Figure(0), Event(0), Place(1), Figure(2)];
        assert_eq!(
            super::grouped(ranked),
            vec![Place(3), Place(1), Event(1), Event(0), Figure(0), Figure(2)]
        );
        assert_eq!(
            super::grouped(vec![Event(2), Event(1)]),
            vec![Event(2), Event(1)]
        );
        assert!(super::grouped(Vec::new()).is_empty());
    }

    proptest! {
        #[test]
        fn find_finds_what_searching_each_item_alone_finds(
            items in proptest::collection::vec(
                proptest::collection::vec("[aAbBkкК ёЁеİ–-]{0,8}", 0..4), 0..12),
            query in "[aAbBkкК ёЁİ–-]{0,6}",
        ) {
            let found = index(&items).find(&query);
            let mut unique = sorted(found.clone());
            unique.dedup();
            prop_assert_eq!(unique.len(), found.len());
            prop_assert_eq!(sorted(found), sorted(naive(&items, &query)));
        }

        #[test]
        fn folding_is_idempotent_and_a_text_finds_itself(s in "\\PC{1,24}") {
            prop_assert_eq!(fold(&fold(&s)), fold(&s));
            let ix = index(&[vec![s.clone()]]);
            if !s.trim().is_empty() {
                prop_assert_eq!(ix.find(&s), vec![ItemRef::Note(0)]);
            }
        }

        #[test]
        fn the_vocabulary_is_every_word_of_letters(texts in proptest::collection::vec("\\PC{0,40}", 0..6)) {
            let items: Vec<Vec<String>> = texts.iter().map(|t| vec![fold(t)]).collect();
            let ix = index(&items);
            let mut want: Vec<&str> = items
                .iter()
                .flat_map(|f| f[0].split(|c: char| !c.is_alphanumeric()))
                .filter(|w| w.chars().count() >= super::MIN_WORD && !w.chars().any(char::is_numeric))
                .collect();
            want.sort_unstable();
            want.dedup();
            let got: Vec<&str> = ix.words.iter().map(|w| &**w).collect();
            prop_assert_eq!(got, want);
        }

        #[test]
        fn a_hyphenated_query_finds_the_en_dash_text(a in "[a-z]{1,8}", b in "[a-z]{1,8}") {
            let ix = index(&[vec![format!("{a}–{b}")]]);
            prop_assert_eq!(ix.find(&format!("{a}-{b}")), vec![ItemRef::Note(0)]);
        }
    }

    /// What `fold` must equal: every char folded on its own.
    fn by_char(s: &str) -> String {
        s.chars().map(fold_char).collect()
    }

    #[test]
    fn fold_lowers_ascii_runs_and_the_chars_between() {
        for s in [
            "",
            "Kabul",
            "KAZAKHSTAN — Afghanistan",
            "Астана and ASTANA",
            "«Кабул» КАБУЛ",
            "ÉTAT",
            "کابل Kabul",
            "Ⅻ İstanbul ẞ",
        ] {
            assert_eq!(fold(s), by_char(s), "{s}");
        }
        assert_eq!(fold("Астана KABUL"), "астана kabul");
    }

    proptest! {
        #[test]
        fn fold_is_char_by_char_folding(s in any::<String>()) {
            prop_assert_eq!(fold(&s), by_char(&s));
            prop_assert_eq!(fold(&s).chars().count(), s.chars().count());
        }
    }
}
