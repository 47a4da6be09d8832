//! The data: model, loading, validation, indexes and the audit. Knows nothing of terminals.
//!
//! Data flows one way: text → [`model::Dataset`] (parsed, every string sanitized) →
//! [`validate`] → [`Db`] (the dataset plus the indexes and audit results every view needs,
//! built once) → the UI, the exporters and `check`.

pub mod audit;
pub mod expr;
pub mod load;
pub mod locate;
pub mod model;
pub mod sanitize;
pub mod validate;

use std::fmt;
use std::hash::BuildHasher as _;

use audit::AuditResult;
use model::{Dataset, Figure, Person, Place, Provenance, Qualifier, RefNo, Text, Unit};

/// The maps of the whole crate: std's, with foldhash instead of SipHash. Keys are short ids
/// and small numbers; SipHash was 15% of loading a large file (see BENCHMARKS.md). foldhash's
/// seed is random per process, so a crafted file cannot choose its collisions ahead of time.
pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// See [`HashMap`].
pub type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// A date at the precision the data gives: a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1-12.
    pub month: Option<u8>,
    /// Day of the month.
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// A date not known (year 0): what an unparsable date sorts as.
    pub const UNKNOWN: Date = Date {
        year: 0,
        month: None,
        day: None,
    };

    /// [`Date::parse`], or [`Date::UNKNOWN`].
    pub fn parse_or_unknown(s: &str) -> Date {
        Date::parse(s).unwrap_or(Date::UNKNOWN)
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting dates that do not exist.
    pub fn parse(s: &str) -> Result<Date, String> {
        let bad = || format!("`{s}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
        // Without allocating: every event's date is parsed twice on load (validation, then
        // the timeline's order), 200,000 times for a large file.
        let mut split = s.split('-');
        let parts = [split.next(), split.next(), split.next()];
        if split.next().is_some() {
            return Err(bad());
        }
        let num = |p: &str, len: usize| {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.bytes().fold(0, |n, b| n * 10 + i32::from(b - b'0')))
        };
        let year = num(parts[0].unwrap_or_default(), 4).ok_or_else(bad)?;
        let month = match parts[1] {
            None => None,
            Some(m) => {
                let m = num(m, 2).ok_or_else(bad)?;
                if !(1..=12).contains(&m) {
                    return Err(format!("`{s}`: there is no month {m}"));
                }
                Some(m as u8)
            }
        };
        let day = match (parts[2], month) {
            (None, _) => None,
            (Some(d), Some(m)) => {
                let d = num(d, 2).ok_or_else(bad)?;
                let max = days_in_month(year, m);
                if d < 1 || d > i32::from(max) {
                    return Err(format!(
                        "`{s}`: {} {year} has {max} days, so there is no day {d}",
                        MONTHS[usize::from(m) - 1]
                    ));
                }
                Some(d as u8)
            }
            (Some(_), None) => return Err(bad()),
        };
        Ok(Date { year, month, day })
    }

    /// "day", "month" or "year".
    pub fn precision(self) -> &'static str {
        match (self.month, self.day) {
            (_, Some(_)) => "day",
            (Some(_), None) => "month",
            _ => "year",
        }
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{d} {} {}", MONTHS[usize::from(m) - 1], self.year),
            (Some(m), None) => write!(f, "{} {}", MONTHS[usize::from(m) - 1], self.year),
            _ => write!(f, "{}", self.year),
        }
    }
}

/// A number as a reader expects it: at most two decimals, no trailing zeros, thousands
/// separated by commas (`20,150`, `336.7`, `2.99`).
pub fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let s = format!("{:.2}", v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let mut out = String::new();
    if v < 0.0 && s.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('−');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// Citation markers as printed: `[1][4]`.
pub fn cite_marks(cites: &[RefNo]) -> String {
    use std::fmt::Write as _;
    cites.iter().fold(String::new(), |mut s, n| {
        let _ = write!(s, "[{n}]");
        s
    })
}

/// A value with its unit and qualifier: `333.5 USD mn`, `about 20,150 t`, `33%`, `827 people`.
pub fn fmt_value(v: f64, unit: Unit, q: Qualifier) -> String {
    let n = fmt_num(v);
    let body = match unit {
        Unit::Percent => format!("{n}%"),
        Unit::Count => n,
        u => format!("{n} {}", u.suffix()),
    };
    match q.word() {
        Some(w) => format!("{w} {body}"),
        None => body,
    }
}

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

/// A validated dataset with the indexes every view needs, built once at load.
#[derive(Debug, Clone)]
pub struct Db {
    /// The dataset itself.
    pub set: Dataset,
    /// Each event's parsed date (same order as `set.events`).
    pub dates: Vec<Date>,
    /// For each stage, its events' indices in date order.
    pub stage_events: Vec<Vec<usize>>,
    /// Reference number → index in `set.references`.
    pub ref_index: HashMap<RefNo, usize>,
    /// For each reference (by index), every item that cites it.
    pub cited_by: Vec<Vec<ItemRef>>,
    /// For each place, every item tied to it.
    pub place_items: Vec<Vec<ItemRef>>,
    /// Figure id → index.
    pub figure_index: HashMap<String, usize>,
    /// Every id of the dataset → its item (ids are unique across kinds).
    pub id_index: IdIndex,
    /// The audit, evaluated once.
    pub audit: Vec<AuditResult>,
    /// Items that an audit finding warns about (a std set: few items, and tests compare it).
    pub warned: std::collections::HashSet<ItemRef>,
}

/// What validation works out on its way and the database keeps, so that a load does not do it
/// twice: the id index and every event's date.
#[derive(Debug, Default)]
pub struct Prepared {
    /// Every id → its item.
    pub ids: IdIndex,
    /// `set.events[i]`'s date, parsed ([`Date::UNKNOWN`] where it does not parse).
    pub dates: Vec<Date>,
}

impl Db {
    /// Builds the indexes and runs the audit. `set` must have passed [`validate::validate`].
    pub fn new(set: Dataset) -> Db {
        let prepared = Prepared {
            ids: IdIndex::build(&set).0,
            dates: set
                .events
                .iter()
                .map(|e| Date::parse_or_unknown(&e.date))
                .collect(),
        };
        Db::prepared(set, prepared)
    }

    /// [`Db::new`] with what validation already worked out (see [`validate::validate_prepared`]).
    pub fn prepared(set: Dataset, prepared: Prepared) -> Db {
        let Prepared {
            ids: id_index,
            mut dates,
        } = prepared;
        if dates.len() != set.events.len() {
            dates = set
                .events
                .iter()
                .map(|e| Date::parse_or_unknown(&e.date))
                .collect();
        }
        let ref_index: HashMap<RefNo, usize> = set
            .references
            .iter()
            .enumerate()
            .map(|(i, r)| (r.number, i))
            .collect();
        let mut stage_events = vec![Vec::new(); set.stages.len()];
        let mut cited_by = vec![Vec::new(); set.references.len()];
        let mut place_items = vec![Vec::new(); set.places.len()];
        let mut cite = |item: ItemRef, cites: &[RefNo]| {
            for n in cites {
                // Items are added one at a time, so a repeated citation within one item finds
                // that item last in the list: checking `last` keeps this linear.
                if let Some(&r) = ref_index.get(n)
                    && cited_by[r].last() != Some(&item)
                {
                    cited_by[r].push(item);
                }
            }
        };
        let mut at_place = |item: ItemRef, places: &[Text]| {
            for p in places {
                if let Some(ItemRef::Place(k)) = id_index.get(&set, p) {
                    place_items[k].push(item);
                }
            }
        };
        for (i, s) in set.stages.iter().enumerate() {
            cite(ItemRef::Stage(i), &s.cites);
        }
        // Events in one pass: with 100,000 of them, each pass over their scattered fields was
        // mostly cache misses.
        for (i, e) in set.events.iter().enumerate() {
            if let Some(ItemRef::Stage(s)) = id_index.get(&set, &e.stage) {
                stage_events[s].push(i);
            }
            cite(ItemRef::Event(i), &e.cites);
            at_place(ItemRef::Event(i), &e.places);
        }
        // Within a year, dated events first; a bare year could be any time in it.
        for list in &mut stage_events {
            list.sort_by_key(|&i| {
                let d = dates[i];
                (d.year, d.month.unwrap_or(13), d.day.unwrap_or(32), i)
            });
        }
        for (i, d) in set.documents.iter().enumerate() {
            cite(ItemRef::Document(i), &d.cites);
        }
        for (i, f) in set.figures.iter().enumerate() {
            cite(ItemRef::Figure(i), &f.cites);
        }
        for (i, s) in set.statements.iter().enumerate() {
            cite(ItemRef::Statement(i), &s.cites);
        }
        for (i, n) in set.notes.iter().enumerate() {
            cite(ItemRef::Note(i), &n.cites);
        }
        for (i, f) in set.figures.iter().enumerate() {
            at_place(ItemRef::Figure(i), &f.places);
        }
        for (i, n) in set.notes.iter().enumerate() {
            at_place(ItemRef::Note(i), &n.places);
        }
        let figure_index = set
            .figures
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.to_string(), i))
            .collect();
        let mut db = Db {
            set,
            dates,
            stage_events,
            ref_index,
            cited_by,
            place_items,
            figure_index,
            id_index,
            audit: Vec::new(),
            warned: std::collections::HashSet::new(),
        };
        db.audit = audit::run(&db);
        db.warned = db
            .audit
            .iter()
            .flat_map(|r| r.findings.iter())
            .filter(|f| !f.ok)
            .flat_map(|f| f.targets.iter().copied())
            .collect();
        db
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<ItemRef> {
        self.id_index.get(&self.set, id)
    }

    /// The index of the event with this id.
    pub fn event_index(&self, id: &str) -> Option<usize> {
        match self.item(id)? {
            ItemRef::Event(i) => Some(i),
            _ => None,
        }
    }

    /// The index of the stage with this id.
    pub fn stage_index(&self, id: &str) -> Option<usize> {
        match self.item(id)? {
            ItemRef::Stage(i) => Some(i),
            _ => None,
        }
    }

    /// The place with this id.
    pub fn place(&self, id: &str) -> Option<&Place> {
        match self.item(id)? {
            ItemRef::Place(i) => self.set.places.get(i),
            _ => None,
        }
    }

    /// The names of the places with these ids (unknown ids skipped), for display.
    pub fn place_names(&self, ids: &[Text]) -> Vec<&str> {
        ids.iter()
            .filter_map(|p| self.place(p))
            .map(|p| p.name.as_str())
            .collect()
    }

    /// The person with this id.
    pub fn person(&self, id: &str) -> Option<&Person> {
        match self.item(id)? {
            ItemRef::Person(i) => self.set.people.get(i),
            _ => None,
        }
    }

    /// The figure with this id.
    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.figure_index.get(id).map(|&i| &self.set.figures[i])
    }

    /// A figure's value by id (for expressions).
    pub fn figure_value(&self, id: &str) -> Option<f64> {
        self.figure(id).map(|f| f.value)
    }

    /// The reference with this number.
    pub fn reference(&self, n: RefNo) -> Option<&model::Reference> {
        self.ref_index.get(&n).map(|&i| &self.set.references[i])
    }

    /// The year a stage ends, "present" resolved to the article's year.
    pub fn stage_end(&self, i: usize) -> i32 {
        let s = &self.set.stages[i];
        s.end.unwrap_or(self.set.article.year).max(s.start)
    }

    /// A stage's span as written: `1992–2003`, `2014–present`.
    pub fn stage_span(&self, i: usize) -> String {
        let s = &self.set.stages[i];
        match s.end {
            Some(e) => format!("{}–{e}", s.start),
            None => format!("{}–present", s.start),
        }
    }

    /// A one-line title for any item.
    pub fn title(&self, item: ItemRef) -> String {
        let s = &self.set;
        match item {
            ItemRef::Stage(i) => format!("{} ({})", s.stages[i].name, self.stage_span(i)),
            ItemRef::Event(i) => format!("{} · {}", self.dates[i], s.events[i].title),
            ItemRef::Document(i) => s.documents[i].title.to_string(),
            ItemRef::Figure(i) => {
                let f = &s.figures[i];
                format!("{}: {}", f.label, fmt_value(f.value, f.unit, f.qualifier))
            }
            ItemRef::Chart(i) => s.charts[i].title.to_string(),
            ItemRef::Statement(i) => {
                let st = &s.statements[i];
                let who = self
                    .person(&st.speaker)
                    .map_or(st.speaker.as_str(), |p| p.name.as_str());
                format!("{who}: {}", st.text)
            }
            ItemRef::Note(i) => format!("{}: {}", s.notes[i].topic, s.notes[i].title),
            ItemRef::Place(i) => s.places[i].name.to_string(),
            ItemRef::Person(i) => format!("{}, {}", s.people[i].name, s.people[i].role),
            ItemRef::Reference(i) => {
                let r = &s.references[i];
                let t = if r.title_en.is_empty() {
                    &r.title
                } else {
                    &r.title_en
                };
                format!("[{}] {t}", r.number)
            }
        }
    }

    /// The citations an item carries.
    pub fn cites(&self, item: ItemRef) -> &[RefNo] {
        let s = &self.set;
        match item {
            ItemRef::Stage(i) => &s.stages[i].cites,
            ItemRef::Event(i) => &s.events[i].cites,
            ItemRef::Document(i) => &s.documents[i].cites,
            ItemRef::Figure(i) => &s.figures[i].cites,
            ItemRef::Statement(i) => &s.statements[i].cites,
            ItemRef::Note(i) => &s.notes[i].cites,
            _ => &[],
        }
    }

    /// How a figure is known, in words: `stated`, `derived: formula = …`, `counted: …`.
    pub fn provenance_text(&self, f: &Figure) -> String {
        match &f.provenance {
            Provenance::Stated => "stated by the article".into(),
            Provenance::Derived { formula } => format!("derived by us: {formula}"),
            Provenance::Counted { events } => {
                format!(
                    "counted by us: {} event{}",
                    events.len(),
                    if events.len() == 1 { "" } else { "s" }
                )
            }
        }
    }

    /// Total number of citations in the dataset.
    pub fn citation_count(&self) -> usize {
        self.cited_by.iter().map(Vec::len).sum()
    }
}

/// Every id of a dataset → its item, without copying the ids: a hash table of [`ItemRef`]s,
/// hashed by the id each one has in the dataset. For 860,000 events a map keyed by copied
/// strings cost a tenth of the load (an allocation per id); this costs 16 bytes an id.
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
        let n = set.stages.len()
            + set.events.len()
            + set.documents.len()
            + set.figures.len()
            + set.charts.len()
            + set.statements.len()
            + set.notes.len()
            + set.places.len()
            + set.people.len();
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

/// `n thing` or `n things`.
pub fn plural(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("{n} {thing}")
    } else {
        format!("{n} {thing}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_validation_prepares_builds_the_same_database() {
        let text = load::EMBEDDED;
        let set = load::parse("t", text).expect("parses");
        let fresh = Db::new(set.clone());
        let loaded = load::load_str("t", text).expect("loads");
        assert_eq!(loaded.dates, fresh.dates);
        assert_eq!(loaded.stage_events, fresh.stage_events);
        assert_eq!(loaded.cited_by, fresh.cited_by);
        assert_eq!(loaded.place_items, fresh.place_items);
        assert_eq!(loaded.warned, fresh.warned);
        // A short date list (not what validation makes) is parsed again, not trusted.
        let (_, mut prepared) = validate::validate_prepared(&set);
        prepared.dates.pop();
        assert_eq!(Db::prepared(set, prepared).dates, fresh.dates);
    }

    #[test]
    fn dates_parse_at_their_precision() {
        let d = Date::parse("1992-02-12").unwrap();
        assert_eq!(
            (d.to_string(), d.precision()),
            ("12 February 1992".into(), "day")
        );
        assert_eq!(Date::parse("2007-06").unwrap().to_string(), "June 2007");
        assert_eq!(Date::parse("2004").unwrap().precision(), "year");
        assert!(Date::parse("2016-02-29").is_ok());
    }

    #[test]
    fn impossible_dates_are_rejected_with_a_reason() {
        assert_eq!(
            Date::parse("2015-02-29").unwrap_err(),
            "`2015-02-29`: February 2015 has 28 days, so there is no day 29"
        );
        assert!(Date::parse("1900-02-29").unwrap_err().contains("28 days"));
        assert!(Date::parse("2015-13").unwrap_err().contains("no month 13"));
        for bad in [
            "",
            "15",
            "2015-1",
            "2015--01",
            "2015-01-01-01",
            "abcd",
            "2015-00",
            "2015-04-31",
            "2015-04-00",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbers_and_values_read_naturally() {
        assert_eq!(fmt_num(20150.0), "20,150");
        assert_eq!(fmt_num(336.7), "336.7");
        assert_eq!(fmt_num(2.985_074), "2.99");
        assert_eq!(fmt_num(-0.1), "−0.1");
        assert_eq!(fmt_num(-0.001), "0");
        assert_eq!(fmt_num(1_234_567.5), "1,234,567.5");
        assert_eq!(
            fmt_value(333.5, Unit::UsdMillion, Qualifier::Exact),
            "333.5 USD mn"
        );
        assert_eq!(fmt_value(3000.0, Unit::Tonnes, Qualifier::Exact), "3,000 t");
        assert_eq!(
            fmt_value(17.09, Unit::UsdMillion, Qualifier::Over),
            "over 17.09 USD mn"
        );
        assert_eq!(fmt_value(33.0, Unit::Percent, Qualifier::Exact), "33%");
        assert_eq!(fmt_value(7.0, Unit::Count, Qualifier::Exact), "7");
    }
}
