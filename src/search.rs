//! Search: every item's searchable text, folded once into one string, and the scan a query runs
//! over it.
//!
//! Matching is case-insensitive by folding both sides the same way ([`fold`]), one char for one
//! char, so a match's offsets in folded text are the original's by character (the highlighter
//! relies on that). The index is one string rather than a string per item: on 100,000 events
//! that is one allocation instead of 107,000 and 5 MB less at peak, and a query is one forward
//! scan that skips to the next item after each hit, positions mapped back to items by binary
//! search (BENCHMARKS.md). The explorer builds it once, after its first frame is on screen
//! ([`crate::app::App::prepare`]), so the start does not wait for it.

use std::fmt::Write as _;

use crate::data::{Db, ItemRef};

/// Between the fields of one item: a match may span a space, never two fields.
const FIELD: &str = " \u{1f} ";
/// After each item. Neither separator can be in data (sanitizing removes C0 controls) or in a
/// query (the prompt takes no control characters), so no match crosses them.
const ITEM: char = '\u{1e}';

/// The folded text of every item, and where each item's text ends.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Every item's fields, folded, each item followed by [`ITEM`].
    text: String,
    /// Each item, with the offset of the [`ITEM`] that ends its text, in dataset order.
    items: Vec<(ItemRef, usize)>,
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
            b.words(
                e.places
                    .iter()
                    .filter_map(|p| db.place(p))
                    .map(|p| &*p.name),
            );
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
        let Builder {
            mut text, items, ..
        } = b;
        text.shrink_to_fit();
        SearchIndex { text, items }
    }

    /// Every item whose text contains `query` (trimmed and folded here), in dataset order. An
    /// empty query finds nothing.
    pub fn find(&self, query: &str) -> Vec<ItemRef> {
        let q = fold(query.trim());
        let mut hits = Vec::new();
        if q.is_empty() || q.contains(|c: char| c.is_control()) {
            return hits;
        }
        let mut from = 0;
        while let Some(p) = self.text[from..].find(q.as_str()) {
            let at = from + p;
            let k = self.items.partition_point(|&(_, end)| end <= at);
            let Some(&(item, end)) = self.items.get(k) else {
                break;
            };
            hits.push(item);
            // The next item starts after this one's separator, a one-byte char.
            from = end + 1;
        }
        hits
    }

    /// How many items are indexed.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True if nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// Writes items into one string.
#[derive(Default)]
struct Builder {
    text: String,
    items: Vec<(ItemRef, usize)>,
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

    /// Ends the current item.
    fn end(&mut self, item: ItemRef) {
        self.items.push((item, self.text.len()));
        self.text.push(ITEM);
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
/// place, byte-wise; other text goes char by char. (Splitting mixed text into ASCII runs was
/// slower on the article: its non-ASCII characters are spread thinly, as dashes and quotes.)
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
        SearchIndex {
            text: b.text,
            items: b.items,
        }
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
        assert!(ix.find("astana\u{1e}kabul").is_empty());
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
