//! The loaded dataset and the indexes built over it once, so that no view searches the data.

use super::audit::{self, AuditResult};
use super::model::{self, Dataset, Figure, Person, Place, Provenance, RefNo, Text};
use super::{Date, HashMap, IdIndex, ItemRef, fmt_value, plural};

/// A validated dataset with the indexes every view needs, built once at load.
#[derive(Debug, Clone)]
pub struct Db {
    pub set: Dataset,
    /// Each event's parsed date (same order as `set.events`).
    pub dates: Vec<Date>,
    /// For each stage, its events' indices in date order.
    pub stage_events: Vec<Vec<usize>>,
    /// For each event, the stage it is told under (`u32::MAX` for none): what the stage filter
    /// asks of every event, without a lookup by id.
    event_stage: Vec<u32>,
    /// For each figure, the years its period names ([`Db::period_years`]), parsed once.
    figure_years: Vec<Option<(i32, i32)>>,
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
    /// Builds the indexes and runs the audit. `set` must have passed [`validate`](super::validate::validate).
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

    /// [`Db::new`] with what validation already worked out (see [`validate_prepared`](super::validate::validate_prepared)).
    pub fn prepared(mut set: Dataset, prepared: Prepared) -> Db {
        // Values a derived or counted figure leaves out (validation has made sure they can be).
        super::compute::fill(&mut set);
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
        let mut event_stage = vec![u32::MAX; set.events.len()];
        for (s, list) in stage_events.iter().enumerate() {
            for &e in list {
                event_stage[e] = s as u32;
            }
        }
        let figure_years = set
            .figures
            .iter()
            .map(|f| Self::period_years(&f.period))
            .collect();
        let mut db = Db {
            set,
            dates,
            stage_events,
            event_stage,
            figure_years,
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
            .filter(|f| f.warns())
            .flat_map(|f| f.targets.iter().copied())
            .collect();
        db
    }

    pub fn item(&self, id: &str) -> Option<ItemRef> {
        self.id_index.get(&self.set, id)
    }

    pub fn event_index(&self, id: &str) -> Option<usize> {
        match self.item(id)? {
            ItemRef::Event(i) => Some(i),
            _ => None,
        }
    }

    pub fn stage_index(&self, id: &str) -> Option<usize> {
        match self.item(id)? {
            ItemRef::Stage(i) => Some(i),
            _ => None,
        }
    }

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

    pub fn person(&self, id: &str) -> Option<&Person> {
        match self.item(id)? {
            ItemRef::Person(i) => self.set.people.get(i),
            _ => None,
        }
    }

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

    /// The years a period names, which place a figure in a stage: its first and last
    /// four-digit years ("2014", "2014 vs 2013", "2007–2015"). A period open at one end
    /// ("since 2002", "to 2015", "up to 2015") or without a year ("not stated") has none, and
    /// lies in no stage.
    pub fn period_years(period: &str) -> Option<(i32, i32)> {
        let lower = period.to_lowercase();
        if lower.contains("since") || lower.starts_with("to ") || lower.contains(" to ") {
            return None;
        }
        let years: Vec<i32> = period
            .split(|c: char| !c.is_ascii_digit())
            .filter(|w| w.len() == 4)
            .filter_map(|w| w.parse().ok())
            .collect();
        Some((*years.iter().min()?, *years.iter().max()?))
    }

    /// True if `item` belongs to stage `s`, as the stage filter decides: a stage itself; an
    /// event or document told under it; a figure whose period lies within its years; a
    /// statement or note through the event it belongs to (one without an event belongs to no
    /// stage: the article's analysis stands outside the three stages); a place or reference
    /// through the items of the stage tied to it or citing it. Charts and people belong to
    /// none (a chart's bars and a person's events do).
    pub fn in_stage(&self, item: ItemRef, s: usize) -> bool {
        let set = &self.set;
        let Some(stage) = set.stages.get(s) else {
            return false;
        };
        let event = |e: usize| self.event_stage.get(e) == Some(&(s as u32));
        let event_in =
            |id: Option<&Text>| id.and_then(|id| self.event_index(id)).is_some_and(event);
        match item {
            ItemRef::Stage(i) => i == s,
            ItemRef::Event(i) => event(i),
            ItemRef::Document(i) => self.stage_index(&set.documents[i].stage) == Some(s),
            ItemRef::Figure(i) => self
                .figure_years
                .get(i)
                .copied()
                .flatten()
                .is_some_and(|(a, b)| a >= stage.start && b <= self.stage_end(s)),
            ItemRef::Statement(i) => event_in(set.statements[i].event.as_ref()),
            ItemRef::Note(_) | ItemRef::Chart(_) | ItemRef::Person(_) => false,
            ItemRef::Place(i) => self
                .place_items
                .get(i)
                .is_some_and(|v| v.iter().any(|&it| self.in_stage(it, s))),
            ItemRef::Reference(i) => self
                .cited_by
                .get(i)
                .is_some_and(|v| v.iter().any(|&it| self.in_stage(it, s))),
        }
    }

    /// The figures whose period lies in stage `s`, in dataset order (the stage's card, the
    /// Overview, `export --stage`).
    pub fn stage_figures(&self, s: usize) -> Vec<usize> {
        (0..self.set.figures.len())
            .filter(|&f| self.in_stage(ItemRef::Figure(f), s))
            .collect()
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
                // With the period, so that two figures of one label (a year apart) read apart.
                format!(
                    "{} ({}): {}",
                    f.label,
                    f.period_label(),
                    fmt_value(f.value, f.unit, f.qualifier)
                )
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
                format!("[{}] {}", r.number, r.display_title())
            }
        }
    }

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

    /// What the article does not state outright about an item, field by field.
    pub fn inferred(&self, item: ItemRef) -> &[model::Inference] {
        let s = &self.set;
        match item {
            ItemRef::Stage(i) => &s.stages[i].inferred,
            ItemRef::Event(i) => &s.events[i].inferred,
            ItemRef::Document(i) => &s.documents[i].inferred,
            ItemRef::Figure(i) => &s.figures[i].inferred,
            ItemRef::Chart(i) => &s.charts[i].inferred,
            ItemRef::Statement(i) => &s.statements[i].inferred,
            ItemRef::Note(i) => &s.notes[i].inferred,
            ItemRef::Place(i) => &s.places[i].inferred,
            ItemRef::Person(i) => &s.people[i].inferred,
            ItemRef::Reference(i) => &s.references[i].inferred,
        }
    }

    /// How many fields the dataset marks as not stated outright: (inferred from the article,
    /// from outside it).
    pub fn inference_counts(&self) -> (usize, usize) {
        let lists = self.set.inferred_by_list();
        let all = lists
            .iter()
            .flat_map(|(_, items)| items.iter().copied().flatten());
        all.fold((0, 0), |(i, o), inf| match inf.basis {
            model::Basis::Inferred(_) => (i + 1, o),
            model::Basis::Outside(_) => (i, o + 1),
        })
    }

    /// How a figure is known, in words: `stated`, `derived: formula = …`, `counted: …`.
    pub fn provenance_text(&self, f: &Figure) -> String {
        let name = f.provenance.name();
        match &f.provenance {
            Provenance::Stated => format!("{name} by the article"),
            Provenance::Derived { formula } if f.computed() => {
                format!("{name} by us: {formula}, computed by kazaf (the data gives no value)")
            }
            Provenance::Derived { formula } => format!("{name} by us: {formula}"),
            Provenance::Counted { events } if f.computed() => format!(
                "{name} by us: {}, counted by kazaf (the data gives no value)",
                plural(events.len(), "event")
            ),
            Provenance::Counted { events } => {
                format!("{name} by us: {}", plural(events.len(), "event"))
            }
        }
    }

    /// The audit's count as every view writes it: `3 findings differ`.
    pub fn audit_count(&self) -> String {
        audit::differ_count(self.warnings())
    }

    /// How many audit findings differ (the warnings), over every rule.
    pub fn warnings(&self) -> usize {
        self.audit.iter().map(AuditResult::warnings).sum()
    }

    /// How many citations the dataset makes, an item citing one source several times counted
    /// once.
    pub fn citation_count(&self) -> usize {
        self.cited_by.iter().map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{load, validate};

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
}
