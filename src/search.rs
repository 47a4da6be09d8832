//! Search: every item's searchable text, folded once, and the scan a query runs over it.
//!
//! Matching is case-insensitive by folding both sides the same way ([`fold`]), one char for one
//! char, so a match's offsets in folded text are the original's by character (the highlighter
//! relies on that). Each item's fields are folded into one string of its own, written through
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

/// Every item with its folded text, in dataset order.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    items: Vec<(ItemRef, Box<str>)>,
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
            b.item(
                ItemRef::Figure(i),
                &[&f.label, &f.period, &f.note, f.unit.name()],
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
            b.item(ItemRef::Place(i), &[&p.name, &p.kind, &p.country]);
        }
        for (i, p) in s.people.iter().enumerate() {
            b.item(ItemRef::Person(i), &[&p.name, &p.role, &p.country]);
        }
        for (i, r) in s.references.iter().enumerate() {
            b.item(
                ItemRef::Reference(i),
                &[
                    &r.authors,
                    &r.title,
                    &r.title_en,
                    &r.publisher,
                    &r.date,
                    &r.locator,
                    &r.note,
                ],
            );
        }
        SearchIndex { items: b.items }
    }

    /// Every item whose text contains `query` (trimmed and folded here), in dataset order. An
    /// empty query finds nothing.
    pub fn find(&self, query: &str) -> Vec<ItemRef> {
        let q = fold(query.trim());
        if q.is_empty() || q.contains(|c: char| c.is_control()) {
            return Vec::new();
        }
        self.items
            .iter()
            .filter(|(_, text)| text.contains(q.as_str()))
            .map(|&(item, _)| item)
            .collect()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// Writes items, field by field.
#[derive(Default)]
struct Builder {
    items: Vec<(ItemRef, Box<str>)>,
    /// The current item's text so far.
    text: String,
    /// Fields written for the current item.
    fields: usize,
}

impl Builder {
    fn next_field(&mut self) {
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
        self.items.push((item, Box::from(self.text.as_str())));
        self.text.clear();
        self.fields = 0;
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

/// One character, folded for search.
pub fn fold_char(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
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

    /// What `find` must equal: each item's own folded text searched on its own.
    fn naive(items: &[Vec<String>], query: &str) -> Vec<ItemRef> {
        let q = fold(query.trim());
        if q.is_empty() {
            return Vec::new();
        }
        (0..items.len())
            .filter(|&i| {
                let parts: Vec<String> = items[i].iter().map(|f| fold(f)).collect();
                parts.join(FIELD).contains(&q)
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

    #[test]
    fn finds_each_matching_item_once_in_order_whatever_the_case() {
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
            ix.find("a"),
            vec![ItemRef::Note(0), ItemRef::Note(1), ItemRef::Note(3)]
        );
        assert_eq!(ix.find("astana"), vec![ItemRef::Note(1)]);
        assert!(ix.find("").is_empty());
        assert!(ix.find("   ").is_empty());
        assert!(ix.find("samangan").is_empty());
    }

    #[test]
    fn a_match_never_spans_two_fields_or_two_items() {
        // "kab" ends one field and "ul" starts the next; "astana" ends one item and "kabul"
        // starts the next.
        let items = owned(&[&["kab", "ul"], &["to astana"], &["kabul"]]);
        let ix = index(&items);
        assert!(ix.find("kabul").contains(&ItemRef::Note(2)));
        assert!(!ix.find("kabul").contains(&ItemRef::Note(0)));
        assert!(ix.find("kab ul").is_empty());
        assert!(ix.find("astanakabul").is_empty());
        assert!(ix.find("astana kabul").is_empty());
        assert!(ix.find("kab\u{1f}ul").is_empty());
    }

    proptest! {
        #[test]
        fn find_equals_searching_each_item_alone(
            items in proptest::collection::vec(
                proptest::collection::vec("[aAbBкК ёЁİ–]{0,8}", 0..4), 0..12),
            query in "[aAbBкК ёЁİ–]{0,4}",
        ) {
            prop_assert_eq!(index(&items).find(&query), naive(&items, &query));
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
