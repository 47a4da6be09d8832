//! Pointers to items ([`ItemRef`]) and the index that finds an item by its id.
//!
//! Every kind of item but references has an id, unique across kinds, so one index serves them
//! all; references are found by their number ([`super::Db::reference`]).

use std::fmt;
use std::hash::BuildHasher as _;

use super::model::{Dataset, Text};

/// A pointer to one item of the dataset: what jumps, cited-by lists and audit findings name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemRef {
    /// `stages[i]`
    Stage(usize),
    /// `events[i]`
    Event(usize),
    /// `documents[i]`
    Document(usize),
    /// `figures[i]`
    Figure(usize),
    /// `charts[i]`
    Chart(usize),
    /// `statements[i]`
    Statement(usize),
    /// `notes[i]`
    Note(usize),
    /// `places[i]`
    Place(usize),
    /// `people[i]`
    Person(usize),
    /// `references[i]` (the index in the list, not the number)
    Reference(usize),
}

impl ItemRef {
    /// The kind of item, for display.
    pub fn kind(self) -> &'static str {
        match self {
            ItemRef::Stage(_) => "stage",
            ItemRef::Event(_) => "event",
            ItemRef::Document(_) => "document",
            ItemRef::Figure(_) => "figure",
            ItemRef::Chart(_) => "chart",
            ItemRef::Statement(_) => "statement",
            ItemRef::Note(_) => "note",
            ItemRef::Place(_) => "place",
            ItemRef::Person(_) => "person",
            ItemRef::Reference(_) => "source",
        }
    }
}

/// Every id of a dataset → its item, without copying the ids: a hash table of [`ItemRef`]s,
/// hashed by the id each one has in the dataset. A map keyed by copied ids cost an allocation
/// per id, a large share of loading a big file (BENCHMARKS.md).
#[derive(Clone, Default)]
pub struct IdIndex {
    table: hashbrown::HashTable<ItemRef>,
    seed: foldhash::fast::RandomState,
}

impl fmt::Debug for IdIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdIndex({} ids)", self.table.len())
    }
}

/// A problem with an id found while indexing them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdProblem {
    /// The item's id is empty (or only spaces).
    Empty(ItemRef),
    /// The item's id was already used by the second item.
    Duplicate(ItemRef, ItemRef),
}

impl IdIndex {
    /// Indexes every id of `set`; the first use of an id wins. Returns the problems found, in
    /// dataset order (stages, events, documents, figures, charts, statements, notes, places,
    /// people).
    pub fn build(set: &Dataset) -> (IdIndex, Vec<IdProblem>) {
        let n = set.items_with_ids();
        let mut ix = IdIndex {
            table: hashbrown::HashTable::with_capacity(n),
            seed: foldhash::fast::RandomState::default(),
        };
        let mut problems = Vec::new();
        let items = (0..set.stages.len())
            .map(ItemRef::Stage)
            .chain((0..set.events.len()).map(ItemRef::Event))
            .chain((0..set.documents.len()).map(ItemRef::Document))
            .chain((0..set.figures.len()).map(ItemRef::Figure))
            .chain((0..set.charts.len()).map(ItemRef::Chart))
            .chain((0..set.statements.len()).map(ItemRef::Statement))
            .chain((0..set.notes.len()).map(ItemRef::Note))
            .chain((0..set.places.len()).map(ItemRef::Place))
            .chain((0..set.people.len()).map(ItemRef::Person));
        for item in items {
            let id = id_of(set, item);
            if id.trim().is_empty() {
                problems.push(IdProblem::Empty(item));
                continue;
            }
            let hash = ix.seed.hash_one(id);
            let seed = &ix.seed;
            match ix.table.entry(
                hash,
                |&other| id_of(set, other) == id,
                |&other| seed.hash_one(id_of(set, other)),
            ) {
                hashbrown::hash_table::Entry::Occupied(first) => {
                    problems.push(IdProblem::Duplicate(item, *first.get()));
                }
                hashbrown::hash_table::Entry::Vacant(slot) => {
                    slot.insert(item);
                }
            }
        }
        (ix, problems)
    }

    /// The item with this id in `set` (the dataset the index was built from).
    pub fn get(&self, set: &Dataset, id: &str) -> Option<ItemRef> {
        let hash = self.seed.hash_one(id);
        self.table
            .find(hash, |&item| id_of(set, item) == id)
            .copied()
    }
}

/// The id of an item (references have numbers, not ids: empty).
pub fn id_of(set: &Dataset, item: ItemRef) -> &str {
    let id = match item {
        ItemRef::Stage(i) => set.stages.get(i).map(|x| &x.id),
        ItemRef::Event(i) => set.events.get(i).map(|x| &x.id),
        ItemRef::Document(i) => set.documents.get(i).map(|x| &x.id),
        ItemRef::Figure(i) => set.figures.get(i).map(|x| &x.id),
        ItemRef::Chart(i) => set.charts.get(i).map(|x| &x.id),
        ItemRef::Statement(i) => set.statements.get(i).map(|x| &x.id),
        ItemRef::Note(i) => set.notes.get(i).map(|x| &x.id),
        ItemRef::Place(i) => set.places.get(i).map(|x| &x.id),
        ItemRef::Person(i) => set.people.get(i).map(|x| &x.id),
        ItemRef::Reference(_) => None,
    };
    id.map_or("", Text::as_str)
}
