//! The dataset's types: what a `.ron` file may say, and nothing else.
//!
//! Every struct denies unknown fields, so a misspelt field is an error with a position rather
//! than a silently ignored line. Every string is a [`Text`], which is sanitized as it is
//! deserialized: no string from a data file can reach the terminal unsanitized, because there is
//! no other way to get one into the model.
//!
//! Every item but a reference has an `id`, unique across all kinds; items name each other by
//! id and cite references by their number ([`RefNo`]).
//!
//! The schema knows nothing about Kazakhstan or Afghanistan: stages, events, figures, charts,
//! places, people, references, audit rules and map outlines are all data, so another bilateral
//! history is another file, not another program.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize};

use super::sanitize::sanitize;

/// A string from a data file, sanitized at load (see [`sanitize`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Text(String);

impl Text {
    /// Wraps a string, sanitizing it.
    pub fn new(s: &str) -> Self {
        Self(sanitize(s).into_owned())
    }
    /// The sanitized string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(match sanitize(&s) {
            std::borrow::Cow::Borrowed(_) => Self(s),
            std::borrow::Cow::Owned(clean) => Self(clean),
        })
    }
}

/// In the JSON Schema a `Text` is a string (it is sanitized as it is read, whatever it holds).
#[cfg(test)]
impl schemars::JsonSchema for Text {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string" })
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

/// A reference number, as the article prints it: `[1]` .. `[n]`.
pub type RefNo = u32;

/// The whole dataset: one article's account of one bilateral relationship.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// The article the dataset restates.
    pub article: Article,
    /// The periods the article divides the history into, in order.
    pub stages: Vec<Stage>,
    /// Dated events.
    pub events: Vec<Event>,
    /// The legal framework: treaties, agreements, protocols.
    #[serde(default)]
    pub documents: Vec<Document>,
    /// Numbers with units, stated by the article or derived from its numbers.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Bar charts over figures, one unit each.
    #[serde(default)]
    pub charts: Vec<Chart>,
    /// What named people said, quoted or paraphrased.
    #[serde(default)]
    pub statements: Vec<Statement>,
    /// Undated claims: analysis, programmes, prospects.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Places with coordinates.
    #[serde(default)]
    pub places: Vec<Place>,
    /// People with their roles.
    #[serde(default)]
    pub people: Vec<Person>,
    /// The article's list of references.
    pub references: Vec<Reference>,
    /// Checks of the data's own arithmetic and consistency.
    #[serde(default)]
    pub audits: Vec<AuditRule>,
    /// Country outlines for the map.
    #[serde(default)]
    pub map: MapData,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// Title as published.
    pub title: Text,
    /// Year of publication; "present" in a stage means this year.
    pub year: i32,
    /// City of publication.
    pub city: Text,
    /// Subject category.
    pub category: Text,
    /// The two parties of the relationship, e.g. `["Kazakhstan", "Afghanistan"]`.
    pub parties: Vec<Text>,
    /// What the article argues, in a sentence or two (our words).
    #[serde(default)]
    pub summary: Text,
    /// Anything else a reader should know about the source (our words).
    #[serde(default)]
    pub note: Text,
    /// Figure ids to show on the Overview (default: the first four stated figures).
    #[serde(default)]
    pub headline: Vec<Text>,
}

/// What the article does not state outright about one field of an item, and how the dataset
/// knows it: inferred from the article (with the reason), or from outside it (with the source).
/// Shown in the explorer with a mark and the reason, and kept in every export.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Inference {
    /// The item's field it is about, as the data names it: `date`, `places`, `publisher`,
    /// `kind`, `period`, `cites`, `lat`, ...
    pub field: Text,
    /// How it is known.
    pub basis: Basis,
}

/// The lists of a dataset whose items may mark inferences, by their names in the data, each
/// with every item's marks in order.
pub type InferredByList<'a> = [(&'static str, Vec<&'a [Inference]>); 10];

impl Dataset {
    /// How many items have an id: stages, events, documents, figures, charts, statements,
    /// notes, places and people (references have numbers).
    pub fn items_with_ids(&self) -> usize {
        self.stages.len()
            + self.events.len()
            + self.documents.len()
            + self.figures.len()
            + self.charts.len()
            + self.statements.len()
            + self.notes.len()
            + self.places.len()
            + self.people.len()
    }

    /// Every item's inferences, list by list ([`InferredByList`]).
    pub fn inferred_by_list(&self) -> InferredByList<'_> {
        fn marks<T>(items: &[T], f: impl Fn(&T) -> &[Inference]) -> Vec<&[Inference]> {
            items.iter().map(f).collect()
        }
        [
            ("stages", marks(&self.stages, |x| &x.inferred)),
            ("events", marks(&self.events, |x| &x.inferred)),
            ("documents", marks(&self.documents, |x| &x.inferred)),
            ("figures", marks(&self.figures, |x| &x.inferred)),
            ("charts", marks(&self.charts, |x| &x.inferred)),
            ("statements", marks(&self.statements, |x| &x.inferred)),
            ("notes", marks(&self.notes, |x| &x.inferred)),
            ("places", marks(&self.places, |x| &x.inferred)),
            ("people", marks(&self.people, |x| &x.inferred)),
            ("references", marks(&self.references, |x| &x.inferred)),
        ]
    }
}

/// How a value the article does not state outright is known.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub enum Basis {
    /// Inferred from the article; the reason, e.g. "the article says 'the day before' 14 June".
    Inferred(Text),
    /// From outside the article; the source, e.g. "Natural Earth; common knowledge".
    Outside(Text),
}

impl Basis {
    /// `inferred` or `outside the article`.
    pub fn name(&self) -> &'static str {
        match self {
            Basis::Inferred(_) => "inferred",
            Basis::Outside(_) => "outside the article",
        }
    }
    /// The reason or the source.
    pub fn why(&self) -> &Text {
        match self {
            Basis::Inferred(t) | Basis::Outside(t) => t,
        }
    }
}

impl Inference {
    /// The inference in words, as every export writes it after "not stated outright": `places
    /// (inferred: the source names only the country)`.
    pub fn describe(&self) -> String {
        format!(
            "{} ({}: {})",
            self.field,
            self.basis.name(),
            self.basis.why()
        )
    }
}

/// A period of the relationship.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Unique id, referred to by events.
    pub id: Text,
    /// Short name, e.g. "First stage".
    pub name: Text,
    /// First year.
    pub start: i32,
    /// Last year; `None` means "to the present" (the article's year).
    #[serde(default)]
    pub end: Option<i32>,
    /// Its character, in a sentence or two.
    pub summary: Text,
    /// References cited for it.
    #[serde(default)]
    pub cites: Vec<RefNo>,
    /// What the article does not state outright, field by field.
    #[serde(default)]
    pub inferred: Vec<Inference>,
}

/// The kind of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub enum Category {
    /// Diplomatic relations, missions, embassies.
    Diplomacy,
    /// A visit or meeting of officials.
    Visit,
    /// A treaty, agreement or protocol.
    Agreement,
    /// Humanitarian or development aid.
    Aid,
    /// Trade and business.
    Trade,
    /// Education and training.
    Education,
    /// Security and defence.
    Security,
    /// Commissions, programmes and institutions.
    Institution,
    /// None of the above.
    Other,
}

impl Category {
    /// Lower-case name for display.
    pub fn name(self) -> &'static str {
        match self {
            Self::Diplomacy => "diplomacy",
            Self::Visit => "visit",
            Self::Agreement => "agreement",
            Self::Aid => "aid",
            Self::Trade => "trade",
            Self::Education => "education",
            Self::Security => "security",
            Self::Institution => "institution",
            Self::Other => "other",
        }
    }
}

/// A dated event.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: Text,
    /// `"YYYY"`, `"YYYY-MM"` or `"YYYY-MM-DD"`: the precision is what is written.
    pub date: Text,
    /// The stage the article tells it under.
    pub stage: Text,
    pub category: Category,
    /// A headline.
    pub title: Text,
    /// The event in full (our words).
    pub text: Text,
    /// Place ids.
    #[serde(default)]
    pub places: Vec<Text>,
    /// Person ids.
    #[serde(default)]
    pub people: Vec<Text>,
    #[serde(default)]
    pub cites: Vec<RefNo>,
    /// What the article does not state outright, field by field.
    #[serde(default)]
    pub inferred: Vec<Inference>,
}

/// The kind of a legal document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub enum DocumentKind {
    /// A treaty between states.
    Treaty,
    /// An intergovernmental agreement.
    Agreement,
    /// A protocol.
    Protocol,
    /// A programme of cooperation.
    Programme,
}

impl DocumentKind {
    /// Lower-case name for display.
    pub fn name(self) -> &'static str {
        match self {
            Self::Treaty => "treaty",
            Self::Agreement => "agreement",
            Self::Protocol => "protocol",
            Self::Programme => "programme",
        }
    }
}

/// A document of the legal framework.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: Text,
    pub kind: DocumentKind,
    /// Its title or subject (our words).
    pub title: Text,
    /// The stage the article tells it under.
    pub stage: Text,
    /// The event at which it was signed, if the article says.
    #[serde(default)]
    pub event: Option<Text>,
    #[serde(default)]
    pub cites: Vec<RefNo>,
    /// What the article does not state outright, field by field.
    #[serde(default)]
    pub inferred: Vec<Inference>,
}

/// The unit of a figure. A chart has exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub enum Unit {
    /// Millions of US dollars.
    UsdMillion,
    /// Metric tonnes.
    Tonnes,
    /// A number of people.
    People,
    /// A number of things (events, projects, ...).
    Count,
    /// A percentage.
    Percent,
}

impl Unit {
    /// The unit as written after a value.
    pub fn suffix(self) -> &'static str {
        match self {
            Self::UsdMillion => "USD mn",
            Self::Tonnes => "t",
            Self::People => "people",
            Self::Count => "",
            Self::Percent => "%",
        }
    }
    /// The unit's name, for headings and tables.
    pub fn name(self) -> &'static str {
        match self {
            Self::UsdMillion => "USD million",
            Self::Tonnes => "tonnes",
            Self::People => "people",
            Self::Count => "count",
            Self::Percent => "percent",
        }
    }
}

/// How a figure is known.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub enum Provenance {
    /// The article states it.
    Stated,
    /// We computed it from other figures; `formula` is an arithmetic expression over figure ids
    /// (`+ - * /`, parentheses, numbers), evaluated by the audit.
    Derived {
        /// e.g. `"trade_exports_2014 / 1.33"`.
        formula: Text,
    },
    /// We counted it: the number of the listed events.
    Counted {
        /// Event ids counted.
        events: Vec<Text>,
    },
}

impl Provenance {
    /// The word for how a figure is known: `stated`, `derived` or `counted`. Every pane and
    /// export writes it with this, so a counted figure never reads as derived.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Stated => "stated",
            Self::Derived { .. } => "derived",
            Self::Counted { .. } => "counted",
        }
    }
}

/// A qualifier the article puts on a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub enum Qualifier {
    /// As stated.
    #[default]
    Exact,
    /// "about".
    About,
    /// "over", "more than".
    Over,
    /// "at least", "no less than".
    AtLeast,
    /// "up to", "as much as".
    UpTo,
}

impl Qualifier {
    /// The word written before the value, if any.
    pub fn word(self) -> Option<&'static str> {
        match self {
            Self::Exact => None,
            Self::About => Some("about"),
            Self::Over => Some("over"),
            Self::AtLeast => Some("at least"),
            Self::UpTo => Some("up to"),
        }
    }
}

/// A number with a unit.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Unique id; derived formulas refer to figures by it.
    pub id: Text,
    /// What it measures.
    pub label: Text,
    /// The number. A stated figure gives it; a derived or counted figure may leave it out,
    /// and kazaf computes it from the formula or counts the listed events.
    #[serde(default = "not_given")]
    pub value: f64,
    pub unit: Unit,
    /// The year or period it covers, as written ("2014", "2002–2015").
    pub period: Text,
    pub provenance: Provenance,
    /// "about", "over".
    #[serde(default)]
    pub qualifier: Qualifier,
    /// Place ids it concerns.
    #[serde(default)]
    pub places: Vec<Text>,
    #[serde(default)]
    pub cites: Vec<RefNo>,
    /// Anything a reader should know about it (our words).
    #[serde(default)]
    pub note: Text,
    /// What the article does not state outright, field by field.
    #[serde(default)]
    pub inferred: Vec<Inference>,
    /// Set when the value was computed at load ([`Figure::computed`]).
    #[serde(skip)]
    #[cfg_attr(test, schemars(skip))]
    pub value_computed: bool,
}

/// A figure's value before it is given or computed: NaN, which no real value is (validation
/// refuses a NaN or infinite value given by hand).
fn not_given() -> f64 {
    f64::NAN
}

impl Figure {
    /// The value was not in the data: kazaf computed it from the formula (derived) or the
    /// events (counted) when the data was loaded. Never given by hand, nor serialized.
    pub fn computed(&self) -> bool {
        self.value_computed
    }

    /// The period as a reader should see it beside a value: as written, but "not stated" said
    /// to be the period's ("period not stated"), so that it is not read as being about the value.
    pub fn period_label(&self) -> String {
        if self.period.trim().eq_ignore_ascii_case("not stated") {
            "period not stated".to_string()
        } else {
            self.period.to_string()
        }
    }
}

/// A bar chart over figures of one unit.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Chart {
    pub id: Text,
    pub title: Text,
    /// The one unit of every bar.
    pub unit: Unit,
    /// Groups of bars; a chart of plain bars has one group with an empty label.
    pub groups: Vec<BarGroup>,
    /// What the chart shows (our words).
    #[serde(default)]
    pub note: Text,
    /// What the article does not state outright, field by field.
    #[serde(default)]
    pub inferred: Vec<Inference>,
}

/// A group of bars.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BarGroup {
    /// Group label (may be empty).
    #[serde(default)]
    pub label: Text,
    /// `(bar label, figure id)` pairs.
    pub bars: Vec<(Text, Text)>,
}

/// Whether a statement gives the speaker's words or their sense.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub enum StatementKind {
    /// The speaker's words, as the source reports them.
    Quote,
    /// The speaker's point, in our words.
    Paraphrase,
}

impl StatementKind {
    /// Lower-case name for display.
    pub fn name(self) -> &'static str {
        match self {
            Self::Quote => "quote",
            Self::Paraphrase => "paraphrase",
        }
    }
}

/// Something a named person said.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub id: Text,
    /// Person id.
    pub speaker: Text,
    pub kind: StatementKind,
    /// The words (quote) or their sense (paraphrase).
    pub text: Text,
    /// The event at which it was said, if any.
    #[serde(default)]
    pub event: Option<Text>,
    #[serde(default)]
    pub cites: Vec<RefNo>,
    /// What the article does not state outright, field by field.
    #[serde(default)]
    pub inferred: Vec<Inference>,
}

/// An undated claim: analysis, a programme, a prospect.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: Text,
    /// The theme it belongs to, e.g. "Security", "Prospects".
    pub topic: Text,
    /// A headline.
    pub title: Text,
    /// The claim in full (our words).
    pub text: Text,
    /// Place ids.
    #[serde(default)]
    pub places: Vec<Text>,
    /// Person ids.
    #[serde(default)]
    pub people: Vec<Text>,
    #[serde(default)]
    pub cites: Vec<RefNo>,
    /// A pinpoint within the cited source, e.g. "p. 3".
    #[serde(default)]
    pub at: Text,
    /// What the article does not state outright, field by field.
    #[serde(default)]
    pub inferred: Vec<Inference>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: Text,
    pub name: Text,
    /// "city", "province", "capital", ...
    pub kind: Text,
    /// The country it is in.
    pub country: Text,
    /// Latitude in degrees, north positive.
    pub lat: f64,
    /// Longitude in degrees, east positive.
    pub lon: f64,
    /// Other spellings of the name (the article's own, or common ones), which search finds
    /// and the detail shows.
    #[serde(default)]
    pub aliases: Vec<Text>,
    /// What the article does not state outright, field by field.
    #[serde(default)]
    pub inferred: Vec<Inference>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: Text,
    pub name: Text,
    /// Role at the time the article speaks of.
    pub role: Text,
    /// The country they served or are from.
    #[serde(default)]
    pub country: Text,
    /// Other spellings of the name (the article's own, or common ones), which search finds
    /// and the detail shows.
    #[serde(default)]
    pub aliases: Vec<Text>,
    /// What the article does not state outright, field by field.
    #[serde(default)]
    pub inferred: Vec<Inference>,
}

/// What kind of source a reference is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub enum SourceKind {
    /// A government or ministry web page.
    GovernmentWebsite,
    /// A document (PDF, brief).
    Document,
    /// A news article or agency report.
    News,
    /// An analytical or research report.
    Report,
    /// A speech.
    Speech,
    /// None of the above.
    Other,
}

impl SourceKind {
    /// Lower-case name for display.
    pub fn name(self) -> &'static str {
        match self {
            Self::GovernmentWebsite => "government website",
            Self::Document => "document",
            Self::News => "news",
            Self::Report => "report",
            Self::Speech => "speech",
            Self::Other => "other",
        }
    }
}

/// An entry of the article's reference list.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// The number the article cites it by.
    pub number: RefNo,
    /// Authors, as given (empty if none).
    #[serde(default)]
    pub authors: Text,
    /// Title in the original language, transliterated as given.
    pub title: Text,
    /// English title, where the article gives one.
    #[serde(default)]
    pub title_en: Text,
    /// Publisher, site or outlet.
    #[serde(default)]
    pub publisher: Text,
    /// Date as given.
    #[serde(default)]
    pub date: Text,
    /// Locator or URL, as given (possibly truncated in the article).
    #[serde(default)]
    pub locator: Text,
    #[serde(default)]
    pub pages: Text,
    /// When the source was consulted, as the article gives it (e.g. "20.05.2016"); empty if
    /// it gives none.
    #[serde(default)]
    pub accessed: Text,
    pub kind: SourceKind,
    /// What a reader should know about this entry (our words).
    #[serde(default)]
    pub note: Text,
    /// Other spellings of its author or title, which search finds and the detail shows.
    #[serde(default)]
    pub aliases: Vec<Text>,
    /// What the article does not state outright, field by field.
    #[serde(default)]
    pub inferred: Vec<Inference>,
}

impl Reference {
    /// The title a reader is shown: the English one where the article gives it, else the
    /// original.
    pub fn display_title(&self) -> &str {
        if self.title_en.is_empty() {
            &self.title
        } else {
            &self.title_en
        }
    }
}

/// A check of the data, evaluated by code and shown in the Audit pane.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub enum AuditRule {
    /// `left` and `right` (expressions over figure ids) agree within `tolerance`.
    Equation {
        id: Text,
        /// What is checked, in words.
        title: Text,
        left: Text,
        right: Text,
        /// Largest difference that still passes.
        tolerance: f64,
    },
    /// Every derived or counted figure agrees with its formula or count.
    DerivedFigures,
    /// Stages do not overlap (a shared boundary year is reported).
    StageOverlap,
    /// Every event's date lies within the years of its stage.
    EventsWithinStages,
    /// Every document with a date (that of the event at which it was signed) lies within the
    /// years of the stage it is listed under.
    DocumentsWithinStages,
    /// Every citation names a reference in the list.
    CitationsResolve,
    /// Every reference is cited by something.
    ReferencesCited,
    /// A claim that a stage saw no events (`claim`: the id of the item that makes it), held
    /// against the events the data dates within that stage's years: a contradiction of the
    /// source with itself when there are any.
    NoEventsDuring {
        id: Text,
        /// What is checked, in words.
        title: Text,
        /// The id of the item (a note, a statement) that makes the claim.
        claim: Text,
        /// The id of the stage it is about.
        stage: Text,
    },
    /// A slip in the source's own wording (garbled units, a reversed direction): listed as a
    /// finding of its own kind, "the source's wording", not as a disagreement of the data.
    SourceWording {
        id: Text,
        /// The slip, in a few words.
        title: Text,
        /// What the source says and how the dataset reads it.
        text: Text,
        /// The ids of the items it concerns.
        #[serde(default)]
        items: Vec<Text>,
    },
}

impl AuditRule {
    /// The rule's id, for the rules that have one.
    pub fn id(&self) -> Option<&Text> {
        match self {
            AuditRule::Equation { id, .. }
            | AuditRule::NoEventsDuring { id, .. }
            | AuditRule::SourceWording { id, .. } => Some(id),
            _ => None,
        }
    }
}

/// Outlines drawn on the map.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MapData {
    /// Where the outlines come from, and their licence.
    #[serde(default)]
    pub attribution: Text,
    /// Country outlines.
    #[serde(default)]
    pub outlines: Vec<Outline>,
}

/// One country's outline as longitude/latitude polylines (a border clipped to the map's region
/// is several open lines rather than one closed ring).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Outline {
    pub name: Text,
    /// Polylines of `(lon, lat)` points.
    pub lines: Vec<Vec<(f64, f64)>>,
}
