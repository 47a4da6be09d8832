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

use crate::data::{Db, ItemRef};

/// Between the fields of one item: a match may span a space, never two fields. The separator
/// cannot be in data (sanitizing removes C0 controls) or in a query (the prompt takes no
/// control characters).
const FIELD: &str = " \u{1f} ";

/// Every item with its folded text (and where its first field, the title or name, ends), in
/// dataset order.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    items: Vec<(ItemRef, Box<str>, u32)>,
}

impl SearchIndex {
    /// The index of everything `db` holds that a person might search for.
    pub fn build(db: &Db) -> SearchIndex {
        let s = &db.set;
        let mut b = Builder::default();
        for (i, x) in s.stages.iter().enumerate() {
            b.item(ItemRef::Stage(i), &[&x.name, &x.summary]);
        }
        let mut scratch = String::new();
        for (i, e) in s.events.iter().enumerate() {
            b.fields(&[&e.title, &e.text]);
            scratch.clear();
            let _ = write!(scratch, "{}", db.dates[i]);
            b.fields(&[&scratch, e.category.name()]);
            b.words(db.place_names(&e.places).into_iter());
            b.words(
                e.people
                    .iter()
                    .filter_map(|p| db.person(p))
                    .map(|p| &*p.name),
            );
            b.end(ItemRef::Event(i));
        }
        for (i, d) in s.documents.iter().enumerate() {
            b.item(ItemRef::Document(i), &[&d.title, d.kind.name()]);
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
            b.item(
                ItemRef::Figure(i),
                &[&f.label, &f.period, &f.note, f.unit.name(), &scratch],
            );
        }
        for (i, c) in s.charts.iter().enumerate() {
            b.item(ItemRef::Chart(i), &[&c.title, &c.note]);
        }
        for (i, st) in s.statements.iter().enumerate() {
            b.item(ItemRef::Statement(i), &[&st.text]);
        }
        for (i, n) in s.notes.iter().enumerate() {
            b.item(ItemRef::Note(i), &[&n.topic, &n.title, &n.text]);
        }
        for (i, p) in s.places.iter().enumerate() {
            b.fields(&[&p.name, &p.kind, &p.country]);
            b.words(p.aliases.iter().map(crate::data::model::Text::as_str));
            b.end(ItemRef::Place(i));
        }
        for (i, p) in s.people.iter().enumerate() {
            b.fields(&[&p.name, &p.role, &p.country]);
            b.words(p.aliases.iter().map(crate::data::model::Text::as_str));
            b.end(ItemRef::Person(i));
        }
        for (i, r) in s.references.iter().enumerate() {
            b.fields(&[
                &r.authors,
                &r.title,
                &r.title_en,
                &r.publisher,
                &r.date,
                &r.locator,
                &r.note,
            ]);
            b.words(r.aliases.iter().map(crate::data::model::Text::as_str));
            b.end(ItemRef::Reference(i));
        }
        SearchIndex { items: b.items }
    }

    /// Every item whose text holds every word of `query` (folded here), best first (see the
    /// module's doc); equal ranks in dataset order. An empty query finds nothing.
    pub fn find(&self, query: &str) -> Vec<ItemRef> {
        let q = fold(query);
        let words: Vec<&str> = q.split_whitespace().collect();
        if words.is_empty() || q.contains(|c: char| c.is_control() && !c.is_whitespace()) {
            return Vec::new();
        }
        let finders: Vec<memchr::memmem::Finder> = words
            .iter()
            .map(|w| memchr::memmem::Finder::new(w.as_bytes()))
            .collect();
        let mut found: Vec<(std::cmp::Reverse<u32>, usize)> = Vec::new();
        for (k, (_, text, title_end)) in self.items.iter().enumerate() {
            // Every word must occur; the item's rank is the sum of theirs.
            let score: Option<u32> = finders
                .iter()
                .map(|f| rank(text, f, *title_end as usize))
                .sum();
            if let Some(score) = score {
                found.push((std::cmp::Reverse(score), k));
            }
        }
        // Best first, then in dataset order.
        found.sort_unstable();
        found.into_iter().map(|(_, k)| self.items[k].0).collect()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
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
            let people: Vec<&str> = e
                .people
                .iter()
                .filter_map(|p| db.person(p))
                .map(|p| &*p.name)
                .collect();
            vec![
                ("title", e.title.to_string()),
                ("text", e.text.to_string()),
                ("date", db.dates[i].to_string()),
                ("category", e.category.name().to_string()),
                ("places", db.place_names(&e.places).join(" ")),
                ("people", people.join(" ")),
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
                ("kind", &p.kind),
                ("country", &p.country),
                ("other spellings", &spellings(&p.aliases)),
            ])
        }
        ItemRef::Person(i) => {
            let p = &s.people[i];
            f(&[
                ("name", &p.name),
                ("role", &p.role),
                ("country", &p.country),
                ("other spellings", &spellings(&p.aliases)),
            ])
        }
        ItemRef::Reference(i) => {
            let r = &s.references[i];
            f(&[
                ("authors", &r.authors),
                ("title", &r.title),
                ("English title", &r.title_en),
                ("publisher", &r.publisher),
                ("date", &r.date),
                ("locator", &r.locator),
                ("note", &r.note),
                ("other spellings", &spellings(&r.aliases)),
            ])
        }
    }
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
pub fn snippet(db: &Db, item: ItemRef, query: &str) -> Option<Snippet> {
    let q = fold(query);
    let words: Vec<&str> = q.split_whitespace().collect();
    let fields = fields_of(db, item);
    // The best occurrence of any word outside the first field (its kind, then an earlier
    // field), else in the first field.
    let mut best: Option<(u32, usize, usize, usize)> = None;
    for w in &words {
        let finder = memchr::memmem::Finder::new(w.as_bytes());
        for (k, (_, text)) in fields.iter().enumerate() {
            let folded = fold(text);
            if let Some(r) = rank(&folded, &finder, 0) {
                let at = finder.find(folded.as_bytes()).unwrap_or(0);
                let start = folded[..at].chars().count();
                let cand = (r, k, start, w.chars().count());
                let key = |c: (u32, usize, usize, usize)| (c.1 > 0, c.0, std::cmp::Reverse(c.1));
                let better = best.is_none_or(|b| key(cand) > key(b));
                if better {
                    best = Some(cand);
                }
            }
        }
    }
    let (_, k, start, len) = best?;
    let (field, text) = &fields[k];
    if k == 0 {
        // The first field (a title, a name) is what the results list shows already.
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

/// How well the word `finder` looks for occurs in `text`, `None` if not at all: the best
/// occurrence's kind (a whole word 3, a word's start 2, inside a word 1), doubled, plus one
/// when it is in the first field (before `title_end`) — so a whole word in the body still
/// ranks above part of a word in the title. Only the first occurrences are looked at: a
/// one-letter word occurs hundreds of times in a long text.
fn rank(text: &str, finder: &memchr::memmem::Finder, title_end: usize) -> Option<u32> {
    const LOOKED_AT: usize = 16;
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    let len = finder.needle().len();
    let mut best: Option<u32> = None;
    for at in finder.find_iter(text.as_bytes()).take(LOOKED_AT) {
        // The needle is a whole folded word: `at` and `at + len` are char boundaries.
        let before = text[..at].chars().next_back();
        let after = text[at + len..].chars().next();
        let kind = match (boundary(before), boundary(after)) {
            (true, true) => 3,
            (true, false) => 2,
            _ => 1,
        };
        let r = kind * 2 + u32::from(at < title_end);
        best = best.max(Some(r));
        if r == 7 {
            break;
        }
    }
    best
}

/// Writes items, field by field.
#[derive(Default)]
struct Builder {
    items: Vec<(ItemRef, Box<str>, u32)>,
    /// The current item's text so far.
    text: String,
    /// Fields written for the current item.
    fields: usize,
    /// Where the current item's first field ends.
    title_end: u32,
}

impl Builder {
    fn next_field(&mut self) {
        if self.fields == 1 {
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

    fn end(&mut self, item: ItemRef) {
        if self.fields <= 1 {
            self.title_end = self.text.len() as u32;
        }
        self.items
            .push((item, Box::from(self.text.as_str()), self.title_end));
        self.text.clear();
        self.fields = 0;
        self.title_end = 0;
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

    use super::{Builder, FIELD, SearchIndex, fold, fold_char};
    use crate::data::ItemRef;

    /// An index of notes, each with the given fields.
    fn index(items: &[Vec<String>]) -> SearchIndex {
        let mut b = Builder::default();
        for (i, fields) in items.iter().enumerate() {
            let parts: Vec<&str> = fields.iter().map(String::as_str).collect();
            b.item(ItemRef::Note(i), &parts);
        }
        SearchIndex { items: b.items }
    }

    /// What `find` must find (in some order): the items whose own folded text holds every
    /// word of the query.
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
                words.iter().all(|w| text.contains(w))
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
        assert_eq!(ix.find("kabul"), vec![ItemRef::Note(0)]);
        assert_eq!(ix.find("  KaBuL "), vec![ItemRef::Note(0)]);
        assert_eq!(ix.find("КАБУЛ"), vec![ItemRef::Note(2)]);
        assert_eq!(
            sorted(ix.find("a")),
            sorted(vec![ItemRef::Note(0), ItemRef::Note(1), ItemRef::Note(3)])
        );
        assert_eq!(ix.find("astana"), vec![ItemRef::Note(1)]);
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
            for (item, text, _) in &ix.items {
                let fields: Vec<String> = super::fields_of(&db, *item)
                    .iter()
                    .map(|(_, t)| fold(t))
                    .collect();
                assert_eq!(&*fields.join(FIELD), &**text, "{item:?}");
            }
        }
    }

    #[test]
    fn a_snippet_names_the_field_and_shows_the_match_in_context() {
        let db = crate::data::load::embedded().expect("loads");
        let talks = (0..db.set.events.len())
            .find(|&i| db.set.events[i].title.contains("Nazarbayev and Ghani"))
            .map(ItemRef::Event)
            .expect("the talks");
        // Ghani is in the title, which the list shows, and in the text: the text is quoted.
        let s = super::snippet(&db, talks, "ghani").expect("a match");
        assert_eq!(s.field, "text");
        assert!(s.text.contains("Ghani") && s.text.starts_with('…'), "{s:?}");
        // A match in the name alone: the snippet names the field only.
        let kabul = (0..db.set.places.len())
            .find(|&i| db.set.places[i].name.as_str() == "Kabul")
            .map(ItemRef::Place)
            .expect("Kabul");
        let s = super::snippet(&db, kabul, "kabul").expect("a match");
        assert_eq!((s.field, s.text.as_str()), ("name", ""));
        let f = (0..db.set.figures.len())
            .find(|&i| (db.set.figures[i].value - 333.5).abs() < 1e-9)
            .map(ItemRef::Figure)
            .expect("the exports");
        let s = super::snippet(&db, f, "333.5").expect("a match");
        assert_eq!(s.field, "value");
        assert!(s.text.contains("333.5 USD mn"), "{s:?}");
        assert_eq!(super::snippet(&db, f, "zzqx"), None);
    }

    proptest! {
        #[test]
        fn find_finds_what_searching_each_item_alone_finds(
            items in proptest::collection::vec(
                proptest::collection::vec("[aAbBкК ёЁİ–-]{0,8}", 0..4), 0..12),
            query in "[aAbBкК ёЁİ–-]{0,4}",
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
