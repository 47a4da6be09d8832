//! Search as a reader types it: a table of queries with the results they must put first, on
//! the search fixture (`tests/fixtures/search.ron`, every case of the search issue) and on the
//! article's own dataset.

use kazaf::data::{Db, ItemRef, load};
use kazaf::search::{SearchIndex, fields_of, grouped};

use crate::common;

/// The search fixture.
fn fixture() -> Db {
    load::load_str("search.ron", include_str!("../fixtures/search.ron"))
        .expect("the search fixture loads")
}

/// "kind: first field" of an item (its title or name), as the table writes results.
fn name(db: &Db, item: ItemRef) -> String {
    format!("{}: {}", item.kind(), fields_of(db, item)[0].1)
}

/// Checks that each query's ranked results start with the expected ones, in that order, and
/// that the rest (if `only`) is empty.
fn check(db: &Db, table: &[(&str, &[&str], bool)]) {
    let ix = SearchIndex::build(db);
    for &(query, top, only) in table {
        let found: Vec<String> = ix.find(query).iter().map(|&i| name(db, i)).collect();
        assert!(
            found.len() >= top.len() && found[..top.len()] == *top,
            "{query:?} put first:\n{found:#?}\nexpected first:\n{top:#?}"
        );
        if only {
            assert_eq!(found.len(), top.len(), "{query:?} found more: {found:#?}");
        }
    }
}

#[test]
fn the_queries_of_the_issue_find_what_they_mean_first() {
    let db = fixture();
    check(
        &db,
        &[
            // A whole word in a title first, then in a text; "Afghanistan" and "Afghani" hold
            // "ghani" only inside a word, after every whole word of the same kind.
            (
                "Ghani",
                &[
                    "event: Talks of Nazarbayev and Ghani",
                    "person: Ashraf Ghani",
                    "event: Official visit to Astana",
                ],
                false,
            ),
            // The data has an en dash; a hyphen finds it, as one word or as two.
            (
                "Kazakh-Afghan",
                &["event: Kazakh–Afghan commission created"],
                true,
            ),
            (
                "kazakh afghan",
                &[
                    "event: Kazakh–Afghan commission created",
                    "event: First companies arrive",
                ],
                false,
            ),
            // Two words in any order, each in the item.
            (
                "Nazarbayev Ghani",
                &[
                    "event: Talks of Nazarbayev and Ghani",
                    "event: Official visit to Astana",
                ],
                true,
            ),
            (
                "ghani nazarbayev",
                &[
                    "event: Talks of Nazarbayev and Ghani",
                    "event: Official visit to Astana",
                ],
                true,
            ),
            // Other spellings from the data rank as the name they stand for: the person or
            // place first, then their events (found by their people's and places' other
            // spellings, or one edit away from the name).
            (
                "Nazarbaev",
                &[
                    "person: Nursultan Nazarbayev",
                    "event: Talks of Nazarbayev and Ghani",
                    "event: Official visit to Astana",
                ],
                true,
            ),
            (
                "Masud",
                &[
                    "person: Ahmad Zia Massoud",
                    "event: Massoud meets the Prime Minister",
                ],
                true,
            ),
            (
                "Gani",
                &[
                    "person: Ashraf Ghani",
                    "event: Talks of Nazarbayev and Ghani",
                    "event: Official visit to Astana",
                ],
                // Then "Afganistan" and "Афганистан", which hold it inside a word.
                false,
            ),
            (
                "Talukan",
                &["place: Taloqan", "event: Road repairs in the north"],
                true,
            ),
            (
                "Taloqan",
                &["place: Taloqan", "event: Road repairs in the north"],
                true,
            ),
            // A number as written and as shown.
            ("333.5", &["figure: Exports to Afghanistan"], true),
            ("333.5 USD mn", &["figure: Exports to Afghanistan"], true),
            // Both scripts, and the references' transliteration: each spelling finds the
            // other two (Kazahstan and Kazakhstan are one edit apart).
            (
                "Казахстан",
                &[
                    "source: Sotrudnichestvo Respubliki Kazahstan s Afganistanom",
                    "source: Казахстан и Афганистан подписали документы",
                ],
                false,
            ),
            (
                "Kazahstan",
                &[
                    "source: Sotrudnichestvo Respubliki Kazahstan s Afganistanom",
                    "source: Казахстан и Афганистан подписали документы",
                ],
                false,
            ),
            // The whole word (in Cyrillic) above the word's start ("Afganistanom"), above
            // "Afghanistan", one edit away, in titles and then in texts.
            (
                "afganistan",
                &[
                    "source: Казахстан и Афганистан подписали документы",
                    "source: Sotrudnichestvo Respubliki Kazahstan s Afganistanom",
                    "figure: Exports to Afghanistan",
                    "figure: Imports from Afghanistan",
                    "source: Country review: Afghanistan",
                    "event: Diplomatic relations established",
                ],
                false,
            ),
            // Case, and a word's start above inside a word.
            (
                "KABUL",
                &["place: Kabul", "event: Diplomatic relations established"],
                true,
            ),
            (
                "commiss",
                &["event: Kazakh–Afghan commission created"],
                true,
            ),
            // Nothing: a word in no item.
            ("Kabul Taloqan", &[], true),
        ],
    );
    // "Kazakhstan" finds the transliterated title too, one edit away.
    let ix = SearchIndex::build(&db);
    let found: Vec<String> = ix
        .find("Kazakhstan")
        .iter()
        .map(|&i| name(&db, i))
        .collect();
    for t in [
        "source: Sotrudnichestvo Respubliki Kazahstan s Afganistanom",
        "source: Казахстан и Афганистан подписали документы",
        "event: Diplomatic relations established",
    ] {
        assert!(found.iter().any(|f| f == t), "{t} not in {found:#?}");
    }
}

#[test]
fn grouping_keeps_the_best_result_first() {
    let db = fixture();
    let ix = SearchIndex::build(&db);
    for q in ["Ghani", "Kazakhstan", "Nazarbaev", "Taloqan", "a"] {
        let ranked = ix.find(q);
        let g = grouped(ranked.clone());
        assert_eq!(g.first(), ranked.first(), "{q}");
        let mut a = g.clone();
        let mut b = ranked;
        a.sort_by_key(|i| format!("{i:?}"));
        b.sort_by_key(|i| format!("{i:?}"));
        assert_eq!(a, b, "{q}: grouping changes what is found");
        // Each kind is one run.
        let kinds: Vec<&str> = g.iter().map(|i| i.kind()).collect();
        let mut runs = kinds.clone();
        runs.dedup();
        let mut distinct = runs.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(runs.len(), distinct.len(), "{q}: {kinds:?}");
    }
}

#[test]
fn the_article_is_found_by_the_spellings_people_use() {
    let db = common::embedded();
    check(
        &db,
        &[
            // Ghani's talks, not "Diplomatic relations established" (inside "Afghanistan").
            (
                "Ghani",
                &["event: Talks of Presidents Nazarbayev and Ghani"],
                false,
            ),
            (
                "Nazarbayev Ghani",
                &["event: Talks of Presidents Nazarbayev and Ghani"],
                false,
            ),
            // The person (the article's own spelling is one of theirs), then the source whose
            // title has it.
            (
                "Gani",
                &[
                    "person: Mohammad Ashraf Ghani",
                    "source: Gani diversificiruet afganskuyu politiku cherez Kazahstan.",
                ],
                false,
            ),
            ("Talukan", &["place: Taloqan (Talukan)"], false),
            ("333.5", &["figure: Kazakh exports to Afghanistan"], false),
        ],
    );
    let ix = SearchIndex::build(&db);
    for q in [
        "Kazakh-Afghan",
        "kazakh afghan",
        "Nazarbaev",
        "Masud",
        "Казахстан",
        "Kazahstan",
    ] {
        assert!(!ix.find(q).is_empty(), "{q} finds nothing in the article");
    }
    // "Gani" is the article's own spelling in a reference title: that reference is found.
    let gani: Vec<String> = ix.find("Gani").iter().map(|&i| name(&db, i)).collect();
    assert!(
        gani.iter()
            .any(|n| n.starts_with("source: Gani diversificiruet")),
        "{gani:#?}"
    );
}
