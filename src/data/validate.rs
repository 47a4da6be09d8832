//! The meaning checks a parsed dataset must pass before anything is shown.
//!
//! Parsing guarantees shapes and types; this guarantees that the data means something: ids are
//! unique and every reference to one resolves, dates exist, numbers are finite, each chart has
//! one unit, derived figures name their inputs. Every problem is collected (not just the first),
//! each with the path of the value so that the loader can point at its line.
//!
//! A path is only written out when there is a problem: the checks take a closure that makes
//! it, so a sound dataset of 100,000 events costs no string formatting.

use super::expr::Expr;
use super::model::{AuditRule, Dataset, Provenance, RefNo, Text};
use super::{Date, HashMap, HashSet, IdIndex, IdProblem, ItemRef, Prepared, plural};

/// How many problems validation lists before it stops looking. A file with more has a
/// systematic mistake, and listing them all made rejecting a huge broken file take many
/// seconds (BENCHMARKS.md, "The size cap"); past this, one last problem says so.
pub const MAX_PROBLEMS: usize = 10_000;

/// The path of the last problem when there were more than [`MAX_PROBLEMS`].
pub const MORE_PATH: &str = "(more)";

/// Path and message of each problem found; empty when the dataset is sound. At most
/// [`MAX_PROBLEMS`] are listed, then one that says there were more.
pub fn validate(set: &Dataset) -> Vec<(String, String)> {
    validate_prepared(set).0
}

/// [`validate`], also returning what it worked out on the way (the id index, the events'
/// dates), for [`super::Db::prepared`].
pub fn validate_prepared(set: &Dataset) -> (Vec<(String, String)>, Prepared) {
    let mut v = Validator {
        set,
        problems: Vec::new(),
        ids: IdIndex::default(),
        dates: Vec::with_capacity(set.events.len()),
        more: false,
        suggested: 0,
    };
    v.run();
    if v.more {
        v.problems.push((
            MORE_PATH.to_string(),
            format!(
                "and more: validation stops after {MAX_PROBLEMS} problems; fix these and check again"
            ),
        ));
    }
    let prepared = Prepared {
        ids: v.ids,
        dates: v.dates,
    };
    (v.problems, prepared)
}

/// The fields an inference may name on the items of `list`.
fn fields_of(list: &str) -> &'static [&'static str] {
    match list {
        "stages" => STAGE_FIELDS,
        "events" => EVENT_FIELDS,
        "documents" => DOCUMENT_FIELDS,
        "figures" => FIGURE_FIELDS,
        "charts" => CHART_FIELDS,
        "statements" => STATEMENT_FIELDS,
        "notes" => NOTE_FIELDS,
        "places" => PLACE_FIELDS,
        "people" => PERSON_FIELDS,
        _ => REFERENCE_FIELDS,
    }
}

// The fields an inference may name, item by item: what the data holds a value for.
const STAGE_FIELDS: &[&str] = &["name", "start", "end", "summary", "cites"];
const EVENT_FIELDS: &[&str] = &[
    "date", "stage", "category", "title", "text", "places", "people", "cites",
];
const DOCUMENT_FIELDS: &[&str] = &["kind", "title", "stage", "event", "cites"];
const FIGURE_FIELDS: &[&str] = &[
    "label",
    "value",
    "unit",
    "period",
    "provenance",
    "qualifier",
    "places",
    "cites",
];
const CHART_FIELDS: &[&str] = &["title", "unit", "groups"];
const STATEMENT_FIELDS: &[&str] = &["speaker", "kind", "text", "event", "cites"];
const NOTE_FIELDS: &[&str] = &["topic", "title", "text", "places", "people", "cites", "at"];
const PLACE_FIELDS: &[&str] = &["name", "kind", "country", "lat", "lon", "aliases"];
const PERSON_FIELDS: &[&str] = &["name", "role", "country", "aliases"];
const REFERENCE_FIELDS: &[&str] = &[
    "aliases",
    "authors",
    "title",
    "title_en",
    "publisher",
    "date",
    "locator",
    "pages",
    "accessed",
    "kind",
];

/// A formula as a message quotes it: whole, or its first 60 characters and `…` (a hostile one
/// may be megabytes long).
fn shorten(src: &str) -> String {
    match src.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &src[..at]),
        None => src.to_string(),
    }
}

/// The list an item is in, as a path names it.
fn list_name(item: ItemRef) -> &'static str {
    match item {
        ItemRef::Stage(_) => "stages",
        ItemRef::Event(_) => "events",
        ItemRef::Document(_) => "documents",
        ItemRef::Figure(_) => "figures",
        ItemRef::Chart(_) => "charts",
        ItemRef::Statement(_) => "statements",
        ItemRef::Note(_) => "notes",
        ItemRef::Place(_) => "places",
        ItemRef::Person(_) => "people",
        ItemRef::Reference(_) => "references",
    }
}

/// An item's index in its list.
fn index_of(item: ItemRef) -> usize {
    match item {
        ItemRef::Stage(i)
        | ItemRef::Event(i)
        | ItemRef::Document(i)
        | ItemRef::Figure(i)
        | ItemRef::Chart(i)
        | ItemRef::Statement(i)
        | ItemRef::Note(i)
        | ItemRef::Place(i)
        | ItemRef::Person(i)
        | ItemRef::Reference(i) => i,
    }
}

/// A kind of item with its indefinite article: "a stage", "an event".
fn a(kind: &str) -> String {
    let an = kind.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {kind}", if an { "an" } else { "a" })
}

struct Validator<'a> {
    set: &'a Dataset,
    problems: Vec<(String, String)>,
    /// Every id in the dataset → the item that owns it (the first, when repeated).
    ids: IdIndex,
    /// Each event's date, as parsed ([`Date::UNKNOWN`] where it does not parse).
    dates: Vec<Date>,
    /// Problems were found past [`MAX_PROBLEMS`].
    more: bool,
    /// How many unknown ids have had a "did you mean" looked for.
    suggested: usize,
}

impl Validator<'_> {
    fn err(&mut self, path: impl Into<String>, msg: impl Into<String>) {
        if self.full() {
            return;
        }
        self.problems.push((path.into(), msg.into()));
    }

    /// True once [`MAX_PROBLEMS`] are listed (and notes that another was found): the checks
    /// that run per element ask before writing a message out.
    fn full(&mut self) -> bool {
        let full = self.problems.len() >= MAX_PROBLEMS;
        self.more |= full;
        full
    }

    fn run(&mut self) {
        let set = self.set;
        self.non_empty(|| "article.title".into(), &set.article.title);
        self.year(|| "article.year".into(), set.article.year);
        if set.article.parties.len() != 2 {
            self.err(
                "article.parties",
                format!(
                    "names {}; a bilateral history has exactly two",
                    plural(set.article.parties.len(), "party")
                ),
            );
        }
        if set.stages.is_empty() {
            self.err("stages", "there must be at least one stage");
        }
        self.register_ids();
        let refs = self.references();
        self.stages(&refs);
        self.events(&refs);
        self.documents(&refs);
        self.figures(&refs);
        self.charts();
        self.statements(&refs);
        self.notes(&refs);
        self.places();
        self.audits();
        self.map();
        self.inferences();
        for (i, id) in set.article.headline.iter().enumerate() {
            self.id_of(|| format!("article.headline[{i}]"), id, "figure");
        }
    }

    /// Each inference names a field its item has, and says why.
    fn inferences(&mut self) {
        for (list, items) in self.set.inferred_by_list() {
            let fields = fields_of(list);
            for (i, inferred) in items.into_iter().enumerate() {
                for (k, inf) in inferred.iter().enumerate() {
                    let p = || format!("{list}[{i}].inferred[{k}]");
                    if !fields.contains(&inf.field.as_str()) {
                        self.err(
                            format!("{}.field", p()),
                            format!(
                                "`{}` is not a field of {list}; it may be one of: {}",
                                inf.field,
                                fields.join(", ")
                            ),
                        );
                    }
                    self.non_empty(|| format!("{}.basis", p()), inf.basis.why());
                }
            }
        }
    }

    fn non_empty(&mut self, path: impl FnOnce() -> String, t: &Text) {
        if t.trim().is_empty() && !self.full() {
            self.err(path(), "must not be empty");
        }
    }

    fn register_ids(&mut self) {
        let set = self.set;
        let (ids, problems) = IdIndex::build(set);
        self.ids = ids;
        for p in problems {
            match p {
                IdProblem::Empty(item) => self.err(
                    format!("{}[{}].id", list_name(item), index_of(item)),
                    "must not be empty",
                ),
                IdProblem::Duplicate(item, first) => {
                    let msg = format!(
                        "duplicate id `{}` (already used at {}[{}])",
                        super::id_of(set, item),
                        list_name(first),
                        index_of(first)
                    );
                    self.err(format!("{}[{}].id", list_name(item), index_of(item)), msg);
                }
            }
        }
        // Audit ids share the namespace, but nothing refers to them.
        let mut audit_ids: HashMap<&str, usize> = HashMap::default();
        for (i, r) in set.audits.iter().enumerate() {
            if let Some(id) = r.id() {
                let prev = match self.ids.get(set, id) {
                    Some(item) => Some(format!("{}[{}]", list_name(item), index_of(item))),
                    None => audit_ids.get(id.as_str()).map(|j| format!("audits[{j}]")),
                };
                if let Some(prev) = prev {
                    let msg = format!("duplicate id `{id}` (already used at {prev})");
                    self.err(format!("audits[{i}].id"), msg);
                } else {
                    audit_ids.insert(id.as_str(), i);
                }
            }
        }
    }

    /// Checks the reference list; returns the numbers it defines.
    fn references(&mut self) -> HashSet<RefNo> {
        let mut seen = HashSet::default();
        for (i, r) in self.set.references.iter().enumerate() {
            if r.number == 0 {
                self.err(
                    format!("references[{i}].number"),
                    "reference numbers start at 1",
                );
            } else if !seen.insert(r.number) {
                self.err(
                    format!("references[{i}].number"),
                    format!("reference [{}] is listed twice", r.number),
                );
            }
            self.non_empty(|| format!("references[{i}].title"), &r.title);
        }
        seen
    }

    fn cites(&mut self, path: &dyn Fn() -> String, cites: &[RefNo], refs: &HashSet<RefNo>) {
        for (k, n) in cites.iter().enumerate() {
            if !refs.contains(n) && !self.full() {
                self.err(
                    format!("{}.cites[{k}]", path()),
                    format!("cites reference [{n}], which is not in the reference list"),
                );
            }
        }
    }

    fn id_of(&mut self, path: impl FnOnce() -> String, id: &str, kind: &'static str) {
        match self.ids.get(self.set, id).map(ItemRef::kind) {
            Some(k) if k == kind => {}
            _ if self.full() => {}
            Some(k) => {
                let msg = format!("`{id}` is {}, not {}", a(k), a(kind));
                self.err(path(), msg);
            }
            None => {
                let hint = self.near_id(id, kind);
                self.err(path(), format!("no {kind} has the id `{id}`{hint}"));
            }
        }
    }

    /// "; did you mean `s_dispute`?" for the id of a `kind` item nearest to `id`. Only for the
    /// first few such problems: a file of 100,000 events with many bad ids is not compared
    /// id by id against all of them.
    fn near_id(&mut self, id: &str, kind: &'static str) -> String {
        const SUGGESTED: usize = 10;
        if self.suggested >= SUGGESTED {
            return String::new();
        }
        self.suggested += 1;
        let s = self.set;
        let ids: Vec<&str> = match kind {
            "stage" => s.stages.iter().map(|x| x.id.as_str()).collect(),
            "event" => s.events.iter().map(|x| x.id.as_str()).collect(),
            "document" => s.documents.iter().map(|x| x.id.as_str()).collect(),
            "figure" => s.figures.iter().map(|x| x.id.as_str()).collect(),
            "chart" => s.charts.iter().map(|x| x.id.as_str()).collect(),
            "statement" => s.statements.iter().map(|x| x.id.as_str()).collect(),
            "note" => s.notes.iter().map(|x| x.id.as_str()).collect(),
            "place" => s.places.iter().map(|x| x.id.as_str()).collect(),
            "person" => s.people.iter().map(|x| x.id.as_str()).collect(),
            _ => Vec::new(),
        };
        super::suggest::did_you_mean(id, ids)
    }

    fn ids_of(&mut self, path: &dyn Fn() -> String, ids: &[Text], kind: &'static str) {
        for (k, id) in ids.iter().enumerate() {
            self.id_of(|| format!("{}[{k}]", path()), id, kind);
        }
    }

    /// A year outside [`Date::YEARS`] is an error at `path`; true if it is within.
    fn year(&mut self, path: impl FnOnce() -> String, year: i32) -> bool {
        let ok = Date::YEARS.contains(&year);
        if !ok {
            self.err(
                path(),
                format!(
                    "{year} is not a year from {} to {} (four digits, as dates are written)",
                    Date::YEARS.start(),
                    Date::YEARS.end()
                ),
            );
        }
        ok
    }

    fn stages(&mut self, refs: &HashSet<RefNo>) {
        let year = self.set.article.year;
        for (i, s) in self.set.stages.iter().enumerate() {
            let p = || format!("stages[{i}]");
            self.non_empty(|| format!("{}.name", p()), &s.name);
            let start_ok = self.year(|| format!("{}.start", p()), s.start);
            let end_ok = s
                .end
                .is_none_or(|e| self.year(|| format!("{}.end", p()), e));
            // A year out of range is the problem itself; the order of the years is checked only
            // for years in range.
            if !(start_ok && end_ok) {
                self.cites(&p, &s.cites, refs);
                continue;
            }
            if let Some(end) = s.end {
                if end < s.start {
                    self.err(
                        format!("{}.end", p()),
                        format!("ends in {end}, before it starts in {}", s.start),
                    );
                }
            } else if year < s.start {
                self.err(
                    format!("{}.start", p()),
                    format!(
                        "starts in {}, after the article's year {year} (its \"present\")",
                        s.start
                    ),
                );
            }
            self.cites(&p, &s.cites, refs);
        }
    }

    fn events(&mut self, refs: &HashSet<RefNo>) {
        for (i, e) in self.set.events.iter().enumerate() {
            let p = || format!("events[{i}]");
            match Date::parse(&e.date) {
                Ok(d) => self.dates.push(d),
                Err(msg) => {
                    self.dates.push(Date::UNKNOWN);
                    self.err(format!("{}.date", p()), msg);
                }
            }
            self.id_of(|| format!("{}.stage", p()), &e.stage, "stage");
            self.non_empty(|| format!("{}.title", p()), &e.title);
            self.ids_of(&|| format!("{}.places", p()), &e.places, "place");
            self.ids_of(&|| format!("{}.people", p()), &e.people, "person");
            self.cites(&p, &e.cites, refs);
        }
    }

    fn documents(&mut self, refs: &HashSet<RefNo>) {
        for (i, d) in self.set.documents.iter().enumerate() {
            let p = || format!("documents[{i}]");
            self.non_empty(|| format!("{}.title", p()), &d.title);
            self.id_of(|| format!("{}.stage", p()), &d.stage, "stage");
            if let Some(ev) = &d.event {
                self.id_of(|| format!("{}.event", p()), ev, "event");
            }
            self.cites(&p, &d.cites, refs);
        }
    }

    fn expr_ids(&mut self, path: String, src: &str, own: Option<&str>) -> bool {
        match Expr::parse(src) {
            Err(e) => {
                self.err(path, format!("formula `{}`: {e}", shorten(src)));
                false
            }
            Ok(expr) => {
                let ids = expr.ids();
                let mut ok = true;
                for id in &ids {
                    if Some(*id) == own {
                        self.err(
                            path.clone(),
                            format!("formula `{src}` uses the figure itself"),
                        );
                        ok = false;
                    } else if !matches!(self.ids.get(self.set, id), Some(ItemRef::Figure(_))) {
                        self.err(
                            path.clone(),
                            format!("formula `{src}` names `{id}`, which is not a figure"),
                        );
                        ok = false;
                    }
                }
                if own.is_some() && ids.is_empty() {
                    self.err(path, format!("formula `{src}` names no input figure"));
                    ok = false;
                }
                ok
            }
        }
    }

    fn figures(&mut self, refs: &HashSet<RefNo>) {
        let before = self.problems.len();
        for (i, f) in self.set.figures.iter().enumerate() {
            let p = || format!("figures[{i}]");
            self.non_empty(|| format!("{}.label", p()), &f.label);
            // Left out (NaN) is for computing, below; infinite is never a value.
            if f.value.is_infinite() {
                self.err(
                    format!("{}.value", p()),
                    format!("{} is not a finite number", f.value),
                );
            }
            match &f.provenance {
                Provenance::Stated => {}
                Provenance::Derived { formula } => {
                    self.expr_ids(format!("{}.provenance.formula", p()), formula, Some(&f.id));
                }
                Provenance::Counted { events } => {
                    if events.is_empty() {
                        self.err(
                            format!("{}.provenance.events", p()),
                            "a counted figure must list the events it counts",
                        );
                    }
                    self.ids_of(&|| format!("{}.provenance.events", p()), events, "event");
                }
            }
            self.ids_of(&|| format!("{}.places", p()), &f.places, "place");
            self.cites(&p, &f.cites, refs);
        }
        // Values left out, computed: once every formula names known figures (else each
        // unknown id would be reported twice).
        if self.problems.len() == before {
            for (i, v) in super::compute::missing(self.set) {
                if let Err(why) = v {
                    let at = match self.set.figures[i].provenance {
                        Provenance::Derived { .. } => format!("figures[{i}].provenance.formula"),
                        _ => format!("figures[{i}].value"),
                    };
                    self.err(at, why);
                }
            }
        }
    }

    fn charts(&mut self) {
        let units: HashMap<&str, _> = self
            .set
            .figures
            .iter()
            .map(|f| (f.id.as_str(), f.unit))
            .collect();
        for (i, c) in self.set.charts.iter().enumerate() {
            let p = || format!("charts[{i}]");
            self.non_empty(|| format!("{}.title", p()), &c.title);
            if c.groups.iter().all(|g| g.bars.is_empty()) {
                self.err(format!("{}.groups", p()), "a chart needs at least one bar");
            }
            for (g, group) in c.groups.iter().enumerate() {
                for (b, (_, fig)) in group.bars.iter().enumerate() {
                    let bp = || format!("{}.groups[{g}].bars[{b}].1", p());
                    match units.get(fig.as_str()) {
                        None => {
                            let hint = self.near_id(fig, "figure");
                            self.err(bp(), format!("no figure has the id `{fig}`{hint}"));
                        }
                        Some(u) if *u != c.unit => self.err(
                            bp(),
                            format!(
                                "figure `{fig}` is in {}, but the chart is in {}: one unit per chart",
                                u.name(),
                                c.unit.name()
                            ),
                        ),
                        Some(_) => {}
                    }
                }
            }
        }
    }

    fn statements(&mut self, refs: &HashSet<RefNo>) {
        for (i, s) in self.set.statements.iter().enumerate() {
            let p = || format!("statements[{i}]");
            self.id_of(|| format!("{}.speaker", p()), &s.speaker, "person");
            self.non_empty(|| format!("{}.text", p()), &s.text);
            if let Some(ev) = &s.event {
                self.id_of(|| format!("{}.event", p()), ev, "event");
            }
            self.cites(&p, &s.cites, refs);
        }
    }

    fn notes(&mut self, refs: &HashSet<RefNo>) {
        for (i, n) in self.set.notes.iter().enumerate() {
            let p = || format!("notes[{i}]");
            self.non_empty(|| format!("{}.text", p()), &n.text);
            self.ids_of(&|| format!("{}.places", p()), &n.places, "place");
            self.ids_of(&|| format!("{}.people", p()), &n.people, "person");
            self.cites(&p, &n.cites, refs);
        }
    }

    fn places(&mut self) {
        for (i, pl) in self.set.places.iter().enumerate() {
            if !(pl.lat.is_finite() && (-90.0..=90.0).contains(&pl.lat)) {
                self.err(
                    format!("places[{i}].lat"),
                    format!("latitude {} is not between -90 and 90", pl.lat),
                );
            }
            if !(pl.lon.is_finite() && (-180.0..=180.0).contains(&pl.lon)) {
                self.err(
                    format!("places[{i}].lon"),
                    format!("longitude {} is not between -180 and 180", pl.lon),
                );
            }
        }
    }

    fn audits(&mut self) {
        for (i, r) in self.set.audits.iter().enumerate() {
            let p = || format!("audits[{i}]");
            match r {
                AuditRule::NoEventsDuring {
                    title,
                    claim,
                    stage,
                    ..
                } => {
                    self.non_empty(|| format!("{}.title", p()), title);
                    if self.ids.get(self.set, claim).is_none() {
                        self.err(
                            format!("{}.claim", p()),
                            format!("no item has the id `{claim}`"),
                        );
                    }
                    self.id_of(|| format!("{}.stage", p()), stage, "stage");
                }
                AuditRule::SourceWording {
                    title, text, items, ..
                } => {
                    self.non_empty(|| format!("{}.title", p()), title);
                    self.non_empty(|| format!("{}.text", p()), text);
                    for (k, id) in items.iter().enumerate() {
                        if self.ids.get(self.set, id).is_none() {
                            self.err(
                                format!("{}.items[{k}]", p()),
                                format!("no item has the id `{id}`"),
                            );
                        }
                    }
                }
                _ => {}
            }
            if let AuditRule::Equation {
                left,
                right,
                tolerance,
                ..
            } = r
            {
                let p = format!("audits[{i}]");
                self.expr_ids(format!("{p}.left"), left, None);
                self.expr_ids(format!("{p}.right"), right, None);
                if !(tolerance.is_finite() && *tolerance >= 0.0) {
                    self.err(
                        format!("{p}.tolerance"),
                        format!("{tolerance} is not a finite number ≥ 0"),
                    );
                }
            }
        }
    }

    fn map(&mut self) {
        for (i, o) in self.set.map.outlines.iter().enumerate() {
            for (l, line) in o.lines.iter().enumerate() {
                if let Some(k) = line.iter().position(|&(lon, lat)| {
                    !(lon.is_finite() && lat.is_finite() && lon.abs() <= 180.0 && lat.abs() <= 90.0)
                }) {
                    self.err(
                        format!("map.outlines[{i}].lines[{l}][{k}]"),
                        "is not a (longitude, latitude) pair within ±180, ±90",
                    );
                }
            }
        }
    }
}
