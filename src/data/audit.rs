//! The audit: the dataset's own arithmetic and consistency, checked by code.
//!
//! The rules are declared in the data ([`AuditRule`]); this module evaluates them and writes the
//! arithmetic out, so a reader sees not only that 330.4 ≠ 333.5 − 3.2 but the numbers that say
//! so. Every finding ends in one of four [`Outcome`]s; only [`Outcome::Differs`] is a warning.
//!
//! # Precision
//!
//! A stated number stands for every value that the article would have written the same way, so
//! the audit computes with intervals ([`Interval`]), not with the bare numbers:
//!
//! - **Digits.** A number carries the precision of its last written digit: 330.4 is
//!   [330.35, 330.45], 33 (%) is [32.5, 33.5], 20,150 is [20,149.5, 20,150.5]. The dataset
//!   stores numbers, not the way they were written, so a trailing zero of a whole number counts
//!   as a digit (3,000 is [2,999.5, 3,000.5], not "3 thousand"). A whole count (unit `Count`)
//!   is exact.
//! - **Qualifier.** `Exact`: the digits' interval. `About`: the digits' interval widened by one
//!   unit of the last digit or by 5 % of the value, whichever is more (about 2.38 is
//!   [2.256, 2.504]). `Over` and `AtLeast`: [v, ∞). `UpTo`: [0, v] for a quantity that cannot
//!   be negative (tonnes, people, counts), (−∞, v] otherwise.
//! - **Derived figures** take the interval of their formula evaluated over the intervals of the
//!   figures it names, joined with the digits' interval of the recorded (rounded) value, so
//!   that the interval always holds the value shown. **Counted** figures are exact.
//!
//! # Outcomes
//!
//! An equation's two sides are first compared for their periods: each figure's `period` is
//! read as a span of years ("2014", "2007–2015", "2014 vs 2013"; "since 2002" runs to the date
//! of the figure's cited source, or the article's year; "to 2015" has no known start), and
//! the sides must cover the same span, else [`Outcome::CannotCompare`], with the reason. Then
//! the exact values: equal within the rule's tolerance is [`Outcome::Agrees`]; otherwise
//! intervals that overlap (or lie within the tolerance of each other) are
//! [`Outcome::AgreesWithinRounding`], and only intervals apart are [`Outcome::Differs`]. So
//! rounding never turns agreement into a warning. A derived figure agrees when its recorded
//! value equals its formula's, agrees within rounding when the formula's value rounds to it
//! (lies within the digits' interval of the recorded value), and differs otherwise.

use std::sync::OnceLock;

use super::expr::Expr;
use super::interval::{Interval, fmt_bound};
use super::model::{AuditRule, Figure, Provenance, Qualifier, RefNo, Unit};
use super::{Db, ItemRef, fmt_num, plural};

/// How one finding ends. Ordered as they are listed: what differs first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    /// The values disagree beyond their precision: a warning.
    Differs,
    /// The figures cover different dates or periods; the reason is in the finding's lines.
    CannotCompare,
    /// The exact values differ, but their intervals overlap.
    AgreesWithinRounding,
    /// The values agree (or the check holds).
    Agrees,
    /// A slip in the source's own wording, recorded with how the dataset reads it: neither
    /// an agreement nor a warning.
    SourceWording,
}

impl Outcome {
    /// Every outcome, in the order findings are listed.
    pub const ALL: [Outcome; 5] = [
        Outcome::Differs,
        Outcome::SourceWording,
        Outcome::CannotCompare,
        Outcome::AgreesWithinRounding,
        Outcome::Agrees,
    ];

    /// The outcome in words, for a finding: "differs", "cannot be compared", ...
    pub fn words(self) -> &'static str {
        match self {
            Outcome::Differs => "differs",
            Outcome::CannotCompare => "cannot be compared",
            Outcome::AgreesWithinRounding => "agrees within rounding",
            Outcome::Agrees => "agrees",
            Outcome::SourceWording => "the source's wording",
        }
    }

    /// The outcome as a heading over a group of findings.
    pub fn heading(self) -> &'static str {
        match self {
            Outcome::Differs => "Differs",
            Outcome::CannotCompare => "Cannot be compared",
            Outcome::AgreesWithinRounding => "Agrees within rounding",
            Outcome::Agrees => "Agrees",
            Outcome::SourceWording => "The source's wording",
        }
    }

    /// True for the one outcome that warns.
    pub fn warns(self) -> bool {
        self == Outcome::Differs
    }
}

/// The count every view gives for the audit: `3 findings differ`, `1 finding differs`.
pub fn differ_count(n: usize) -> String {
    if n == 1 {
        "1 finding differs".into()
    } else {
        format!("{n} findings differ")
    }
}

/// Every finding of `results` with the outcome `o`, with its rule, in rule order.
pub fn with_outcome(results: &[AuditResult], o: Outcome) -> Vec<(&AuditResult, &Finding)> {
    results
        .iter()
        .flat_map(|r| r.findings.iter().map(move |f| (r, f)))
        .filter(|(_, f)| f.outcome == o)
        .collect()
}

/// The outcome of one rule.
#[derive(Debug, Clone)]
pub struct AuditResult {
    /// Index of the rule in `set.audits`.
    pub rule: usize,
    /// What the rule checks, in words.
    pub title: String,
    /// One finding per thing checked.
    pub findings: Vec<Finding>,
}

impl AuditResult {
    /// True when no finding differs.
    pub fn passed(&self) -> bool {
        self.warnings() == 0
    }
    /// Number of findings that differ (the warnings).
    pub fn warnings(&self) -> usize {
        self.findings.iter().filter(|f| f.outcome.warns()).count()
    }
    /// The first outcome of [`Outcome::ALL`] among its findings (`Agrees` if it has none).
    pub fn outcome(&self) -> Outcome {
        self.findings
            .iter()
            .map(|f| f.outcome)
            .min()
            .unwrap_or(Outcome::Agrees)
    }
    /// Its findings grouped by outcome (what differs first), in their order within a group.
    pub fn by_outcome(&self) -> impl Iterator<Item = &Finding> {
        Outcome::ALL
            .into_iter()
            .flat_map(|o| self.findings.iter().filter(move |f| f.outcome == o))
    }
}

/// One checked fact.
///
/// Its outcome is decided when the dataset loads (the Overview and the Audit tab's marks
/// need it at once); the arithmetic written out in words is made the first time something
/// reads it ([`Finding::lines`]): writing it at load slowed the start, for text most sessions
/// never open (BENCHMARKS.md).
#[derive(Debug, Clone)]
pub struct Finding {
    /// How it ended.
    pub outcome: Outcome,
    /// The items involved (jump targets).
    pub targets: Vec<ItemRef>,
    /// What the lines are written from.
    how: How,
    /// The lines, once written.
    lines: OnceLock<Vec<String>>,
}

/// What a finding's lines are written from.
#[derive(Debug, Clone, Copy)]
enum How {
    /// The lines were written with the finding (short texts, cheap to make).
    Said,
    /// The equation rule with this index, written out with names and values.
    Equation(usize),
    /// The derived figure with this index, its formula written out.
    Derived(usize),
}

impl Finding {
    fn said(outcome: Outcome, lines: Vec<String>, targets: Vec<ItemRef>) -> Finding {
        Finding {
            outcome,
            targets,
            how: How::Said,
            lines: OnceLock::from(lines),
        }
    }

    /// A finding that holds (`true`) or differs.
    fn check(ok: bool, lines: Vec<String>, targets: Vec<ItemRef>) -> Finding {
        let outcome = if ok {
            Outcome::Agrees
        } else {
            Outcome::Differs
        };
        Finding::said(outcome, lines, targets)
    }

    fn later(outcome: Outcome, how: How, targets: Vec<ItemRef>) -> Finding {
        Finding {
            outcome,
            targets,
            how,
            lines: OnceLock::new(),
        }
    }

    /// True when it differs (a warning).
    pub fn warns(&self) -> bool {
        self.outcome.warns()
    }

    /// The arithmetic or reasoning, one line each. `db` must be the dataset the finding was
    /// made from.
    pub fn lines(&self, db: &Db) -> &[String] {
        self.lines.get_or_init(|| match self.how {
            How::Said => Vec::new(),
            How::Equation(rule) => match db.set.audits.get(rule) {
                Some(AuditRule::Equation {
                    left,
                    right,
                    tolerance,
                    ..
                }) => equation_lines(db, left, right, *tolerance),
                _ => vec![format!("rule {rule} is not an equation")],
            },
            How::Derived(figure) => derived_lines(db, figure),
        })
    }
}

/// Evaluates every rule of `db`'s dataset.
pub fn run(db: &Db) -> Vec<AuditResult> {
    db.set
        .audits
        .iter()
        .enumerate()
        .map(|(rule, r)| {
            let (title, findings) = match r {
                AuditRule::Equation {
                    title,
                    left,
                    right,
                    tolerance,
                    ..
                } => (
                    title.to_string(),
                    vec![equation(db, rule, left, right, *tolerance)],
                ),
                AuditRule::DerivedFigures => (
                    "Derived and counted figures against their formula or count".into(),
                    derived(db),
                ),
                AuditRule::StageOverlap => ("Overlap between stages".into(), overlap(db)),
                AuditRule::EventsWithinStages => {
                    ("Events against the years of their stage".into(), within(db))
                }
                AuditRule::DocumentsWithinStages => (
                    "Signed documents against the years of their stage".into(),
                    documents_within(db),
                ),
                AuditRule::CitationsResolve => (
                    "Citations against the reference list".into(),
                    vec![resolve(db)],
                ),
                AuditRule::ReferencesCited => ("References that something cites".into(), cited(db)),
                AuditRule::NoEventsDuring {
                    title,
                    claim,
                    stage,
                    ..
                } => (title.to_string(), vec![no_events(db, claim, stage)]),
                AuditRule::SourceWording {
                    title, text, items, ..
                } => (
                    title.to_string(),
                    vec![Finding::said(
                        Outcome::SourceWording,
                        vec![text.to_string()],
                        items.iter().filter_map(|id| db.item(id)).collect(),
                    )],
                ),
            };
            AuditResult {
                rule,
                title,
                findings,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Precision

/// Half a unit of the last decimal digit `v` is written with: 0.05 for 330.4, 0.5 for 33.
pub fn half_unit(v: f64) -> f64 {
    if !v.is_finite() {
        return 0.0;
    }
    let mut scale = 1.0;
    for _ in 0..10 {
        let x = v * scale;
        if (x.round() - x).abs() <= 1e-9 * x.abs().max(1.0) {
            return 0.5 / scale;
        }
        scale *= 10.0;
    }
    0.5 / scale
}

/// The interval a stated value stands for, by its digits and its qualifier (see the module
/// documentation).
pub fn stated_interval(v: f64, unit: Unit, q: Qualifier) -> Interval {
    let h = if unit == Unit::Count && v.fract() == 0.0 {
        0.0
    } else {
        half_unit(v)
    };
    match q {
        Qualifier::Exact => Interval::around(v, h),
        Qualifier::About => Interval::around(v, h + (2.0 * h).max(0.05 * v.abs())),
        Qualifier::Over | Qualifier::AtLeast => Interval::new(v, f64::INFINITY),
        Qualifier::UpTo => {
            let never_negative = matches!(unit, Unit::Tonnes | Unit::People | Unit::Count);
            let floor = if never_negative && v >= 0.0 {
                0.0
            } else {
                f64::NEG_INFINITY
            };
            Interval::new(floor, v)
        }
    }
}

/// Deepest chain of derived figures followed; validation refuses cycles, this bounds the rest.
const MAX_CHAIN: usize = 32;

/// The interval of the figure `id` (see the module documentation).
pub fn figure_interval(db: &Db, id: &str) -> Option<Interval> {
    interval_at(db, id, 0)
}

fn interval_at(db: &Db, id: &str, depth: usize) -> Option<Interval> {
    let f = db.figure(id)?;
    match &f.provenance {
        Provenance::Stated => Some(stated_interval(f.value, f.unit, f.qualifier)),
        Provenance::Counted { .. } => Some(Interval::point(f.value)),
        Provenance::Derived { formula } => {
            if depth >= MAX_CHAIN {
                return Some(Interval::ALL);
            }
            let computed = Expr::parse(formula)
                .ok()?
                .eval_interval(&|i: &str| interval_at(db, i, depth + 1))
                .ok()?;
            // A value computed by kazaf is not rounded: its interval is its formula's alone.
            Some(if f.computed() {
                computed
            } else {
                computed.hull(Interval::around(f.value, half_unit(f.value)))
            })
        }
    }
}

/// The outcome of comparing two values with their intervals: `comparable` is false when their
/// periods differ. Exact agreement (within `tolerance`) always agrees, whatever the intervals.
pub fn compare(
    (lv, li): (f64, Interval),
    (rv, ri): (f64, Interval),
    tolerance: f64,
    comparable: bool,
) -> Outcome {
    if !comparable {
        Outcome::CannotCompare
    } else if holds(lv - rv, tolerance) {
        Outcome::Agrees
    } else if holds(li.gap(ri), tolerance) {
        Outcome::AgreesWithinRounding
    } else {
        Outcome::Differs
    }
}

// ---------------------------------------------------------------------------------------------
// Periods

/// The years a figure covers: a first year (`None`: not said) and a last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: Option<i32>,
    end: i32,
}

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.start {
            Some(s) if s == self.end => write!(f, "{s}"),
            Some(s) => write!(f, "{s}–{}", self.end),
            None => write!(f, "up to {}", self.end),
        }
    }
}

/// The first year written in `s` (four digits, 1000–2999), if any.
fn first_year(s: &str) -> Option<i32> {
    s.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4 && (w.starts_with('1') || w.starts_with('2')))
        .and_then(|w| w.parse().ok())
}

/// When a figure was reported: the latest year among its cited sources' dates, with the
/// source, or the article's year.
fn reported(db: &Db, f: &Figure) -> (i32, Option<RefNo>) {
    f.cites
        .iter()
        .filter_map(|&n| Some((first_year(&db.reference(n)?.date)?, Some(n))))
        .max()
        .unwrap_or((db.set.article.year, None))
}

/// A figure's period as a span of years, and how an open end was closed (for the reader).
fn span(db: &Db, f: &Figure) -> Option<(Span, Option<String>)> {
    let p = f.period.trim().to_lowercase();
    let years: Vec<i32> = p
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .collect();
    let to_report = || {
        let (year, source) = reported(db, f);
        let why = match source {
            Some(n) => format!("to {year}, the date of its source [{n}]"),
            None => format!("to {year}, the article's year"),
        };
        (year, why)
    };
    match years.as_slice() {
        [y] if p.len() == 4 => Some((
            Span {
                start: Some(*y),
                end: *y,
            },
            None,
        )),
        [y] if p.starts_with("since ") || p.starts_with("from ") => {
            let (end, why) = to_report();
            Some((
                Span {
                    start: Some(*y),
                    end,
                },
                Some(why),
            ))
        }
        [y] if p.starts_with("to ") || p.starts_with("until ") || p.starts_with("up to ") => {
            Some((
                Span {
                    start: None,
                    end: *y,
                },
                None,
            ))
        }
        [a, b] => Some((
            Span {
                start: Some(*a.min(b)),
                end: *a.max(b),
            },
            None,
        )),
        _ => None,
    }
}

/// The distinct periods of `fs`, as written, sorted.
fn periods<'a>(fs: &[&'a Figure]) -> Vec<&'a str> {
    let mut p: Vec<&str> = fs.iter().map(|f| f.period.as_str()).collect();
    p.sort_unstable();
    p.dedup();
    p
}

/// Why the two sides of an equation cannot be compared, if they cannot.
fn incomparable(db: &Db, l: &Expr, r: &Expr) -> Option<String> {
    let figures = |e: &Expr| -> Vec<&Figure> {
        let mut ids = e.ids();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().filter_map(|id| db.figure(id)).collect()
    };
    let (lf, rf) = (figures(l), figures(r));
    if lf.is_empty() || rf.is_empty() {
        return None;
    }
    let side = |fs: &[&Figure]| -> Option<(Span, Vec<String>)> {
        let mut out: Option<Span> = None;
        let mut said = Vec::new();
        for f in fs {
            let (s, why) = span(db, f)?;
            let text = match why {
                Some(why) => format!("“{}”, {why}", f.period),
                None => format!("“{}”", f.period),
            };
            if !said.contains(&text) {
                said.push(text);
            }
            out = Some(match out {
                None => s,
                Some(o) => Span {
                    start: o.start.zip(s.start).map(|(a, b)| a.min(b)),
                    end: o.end.max(s.end),
                },
            });
        }
        out.map(|s| (s, said))
    };
    if let (Some((a, wa)), Some((b, wb))) = (side(&lf), side(&rf)) {
        return (a != b).then(|| {
            format!(
                "the left covers {a} ({}), the right {b} ({}): different periods",
                wa.join("; "),
                wb.join("; ")
            )
        });
    }
    let (pa, pb) = (periods(&lf), periods(&rf));
    (pa != pb).then(|| {
        format!(
            "the periods cannot be matched: the left is “{}”, the right “{}”",
            pa.join("”, “"),
            pb.join("”, “")
        )
    })
}

// ---------------------------------------------------------------------------------------------
// Equations and derived figures

fn figure_targets(db: &Db, e: &Expr) -> Vec<ItemRef> {
    let mut t: Vec<ItemRef> = e
        .ids()
        .into_iter()
        .filter_map(|id| db.figure_index.get(id).map(|&i| ItemRef::Figure(i)))
        .collect();
    t.dedup();
    t
}

fn label(db: &Db, id: &str) -> String {
    db.figure(id)
        .map_or_else(|| id.to_string(), |f| format!("{} ({})", f.label, f.period))
}

fn value_of(db: &Db) -> impl Fn(&str) -> String + '_ {
    |id| db.figure_value(id).map_or_else(|| id.to_string(), fmt_num)
}

fn interval_of(db: &Db) -> impl Fn(&str) -> String + '_ {
    |id| figure_interval(db, id).map_or_else(|| id.to_string(), |i| i.to_string())
}

/// An equation's two sides, evaluated exactly and over intervals, and whether they compare.
struct Sides {
    l: Expr,
    r: Expr,
    lv: f64,
    rv: f64,
    li: Interval,
    ri: Interval,
    /// Why the sides cannot be compared, if they cannot.
    apart: Option<String>,
}

impl Sides {
    fn outcome(&self, tolerance: f64) -> Outcome {
        compare(
            (self.lv, self.li),
            (self.rv, self.ri),
            tolerance,
            self.apart.is_none(),
        )
    }
}

/// Parses and evaluates both sides of an equation rule.
fn sides(db: &Db, left: &str, right: &str) -> Result<Sides, String> {
    let (Ok(l), Ok(r)) = (Expr::parse(left), Expr::parse(right)) else {
        return Err(format!("cannot parse `{left}` or `{right}`"));
    };
    let get = |id: &str| db.figure_value(id);
    let iv = |id: &str| figure_interval(db, id);
    let (lv, rv, li, ri) = match (l.eval(&get), r.eval(&get)) {
        (Ok(a), Ok(b)) => match (l.eval_interval(&iv), r.eval_interval(&iv)) {
            (Ok(c), Ok(d)) => (a, b, c, d),
            (Err(e), _) | (_, Err(e)) => return Err(format!("cannot evaluate: {e}")),
        },
        (Err(e), _) | (_, Err(e)) => return Err(format!("cannot evaluate: {e}")),
    };
    let apart = incomparable(db, &l, &r);
    Ok(Sides {
        l,
        r,
        lv,
        rv,
        li,
        ri,
        apart,
    })
}

fn holds(diff: f64, tolerance: f64) -> bool {
    diff.abs() <= tolerance + 1e-9
}

fn equation(db: &Db, rule: usize, left: &str, right: &str, tolerance: f64) -> Finding {
    let targets = |l: &Expr, r: &Expr| {
        let mut t = figure_targets(db, l);
        t.extend(figure_targets(db, r));
        t.dedup();
        t
    };
    match sides(db, left, right) {
        Ok(s) => Finding::later(
            s.outcome(tolerance),
            How::Equation(rule),
            targets(&s.l, &s.r),
        ),
        Err(message) => {
            let found = match (Expr::parse(left), Expr::parse(right)) {
                (Ok(l), Ok(r)) => targets(&l, &r),
                _ => Vec::new(),
            };
            Finding::check(false, vec![message], found)
        }
    }
}

/// One side of an equation: its value, then its interval (`over 17.09, within [17.09, ∞)`,
/// `333.5 − 3.2 = 330.3, within [333.45, 333.55] − [3.15, 3.25] = [330.2, 330.4]`).
fn side_text(db: &Db, e: &Expr, v: f64, i: Interval) -> String {
    if i.is_point() {
        return match e {
            Expr::Id(_) | Expr::Num(_) => fmt_num(v),
            _ => format!("{} = {}", e.render(&value_of(db)), fmt_num(v)),
        };
    }
    match e {
        Expr::Id(id) => {
            let word = db.figure(id).and_then(|f| f.qualifier.word());
            let shown = word.map_or_else(|| fmt_num(v), |w| format!("{w} {}", fmt_num(v)));
            format!("{shown}, within {i}")
        }
        Expr::Num(_) => format!("{}, within {i}", fmt_num(v)),
        _ => format!(
            "{} = {}, within {} = {i}",
            e.render(&value_of(db)),
            fmt_num(v),
            e.render(&interval_of(db))
        ),
    }
}

/// An equation written out: the names, each side's values and intervals, and the verdict.
fn equation_lines(db: &Db, left: &str, right: &str, tolerance: f64) -> Vec<String> {
    let s = match sides(db, left, right) {
        Ok(x) => x,
        Err(message) => return vec![message],
    };
    let diff = (s.lv - s.rv).abs();
    let names = |e: &Expr| e.render(&|id| label(db, id));
    let mut lines = vec![
        format!("{}  =  {}", names(&s.l), names(&s.r)),
        format!("left:  {}", side_text(db, &s.l, s.lv, s.li)),
        format!("right: {}", side_text(db, &s.r, s.rv, s.ri)),
    ];
    let tol = format!("tolerance {}", fmt_num(tolerance));
    lines.push(match (s.outcome(tolerance), &s.apart) {
        (Outcome::CannotCompare, Some(why)) => format!("not compared: {why}"),
        (Outcome::Agrees, _) if diff < 1e-9 => "the two sides agree".to_string(),
        (Outcome::Agrees, _) => format!(
            "difference {} is within the tolerance of {}",
            fmt_num(diff),
            fmt_num(tolerance)
        ),
        (Outcome::AgreesWithinRounding, _) => match s.li.meet(s.ri) {
            Some(shared) => format!(
                "the values as written differ by {}, but their intervals share {shared}",
                fmt_bound(diff)
            ),
            None => format!(
                "the values as written differ by {}; their intervals are {} apart ({tol})",
                fmt_bound(diff),
                fmt_bound(s.li.gap(s.ri))
            ),
        },
        _ => format!(
            "the two sides differ by {}; their intervals are {} apart ({tol})",
            fmt_bound(diff),
            fmt_bound(s.li.gap(s.ri))
        ),
    });
    lines
}

/// A derived figure's recorded value against its formula's value: equal, the formula's value
/// rounded, or neither.
fn derived_outcome(computed: f64, recorded: f64) -> Outcome {
    let d = (computed - recorded).abs();
    if d <= 1e-9 * recorded.abs().max(1.0) {
        Outcome::Agrees
    } else if d <= half_unit(recorded) * (1.0 + 1e-9) + 1e-12 {
        Outcome::AgreesWithinRounding
    } else {
        Outcome::Differs
    }
}

/// A derived figure's formula written out with names, with values and with intervals.
fn derived_lines(db: &Db, figure: usize) -> Vec<String> {
    let f = &db.set.figures[figure];
    let Provenance::Derived { formula } = &f.provenance else {
        return vec![format!("{} is not derived", f.label)];
    };
    let e = match Expr::parse(formula) {
        Ok(e) => e,
        Err(err) => return vec![format!("{}: cannot parse `{formula}`: {err}", f.label)],
    };
    let v = match e.eval(&|id: &str| db.figure_value(id)) {
        Ok(v) => v,
        Err(err) => return vec![format!("{}: cannot evaluate `{formula}`: {err}", f.label)],
    };
    let mut lines = vec![
        format!("{} = {}", f.label, e.render(&|id| label(db, id))),
        format!(
            "{} = {}; {} {}",
            e.render(&value_of(db)),
            fmt_bound(v),
            if f.computed() {
                "computed, not given:"
            } else {
                "recorded"
            },
            fmt_num(f.value)
        ),
    ];
    if let Ok(i) = e.eval_interval(&|id: &str| figure_interval(db, id))
        && !i.is_point()
    {
        lines.push(format!(
            "with the figures' precision: {} = {i}",
            e.render(&interval_of(db))
        ));
    }
    if derived_outcome(v, f.value) == Outcome::AgreesWithinRounding {
        lines.push(format!(
            "{} rounds to the recorded {} (which stands for {})",
            fmt_bound(v),
            fmt_num(f.value),
            Interval::around(f.value, half_unit(f.value))
        ));
    }
    lines
}

/// Every value given by hand for a derived or counted figure that its computation contradicts
/// (beyond rounding), one line each: what `check --strict` refuses, whether or not the dataset
/// asks for the `DerivedFigures` audit.
pub fn given_against_computed(db: &Db) -> Vec<String> {
    let mut out = Vec::new();
    for f in db.set.figures.iter().filter(|f| !f.computed()) {
        let computed = match &f.provenance {
            Provenance::Stated => continue,
            Provenance::Counted { events } => events.len() as f64,
            Provenance::Derived { formula } => {
                match Expr::parse(formula).and_then(|e| e.eval(&|id: &str| db.figure_value(id))) {
                    Ok(v) => v,
                    Err(_) => continue,
                }
            }
        };
        let differs = match f.provenance {
            Provenance::Counted { .. } => (computed - f.value).abs() >= 1e-9,
            _ => derived_outcome(computed, f.value) == Outcome::Differs,
        };
        if differs {
            out.push(format!(
                "figure `{}` gives {} by hand, but its {} gives {}: correct the value, or leave \
                 it out and kazaf computes it",
                f.id,
                fmt_num(f.value),
                if matches!(f.provenance, Provenance::Counted { .. }) {
                    "count"
                } else {
                    "formula"
                },
                fmt_bound(computed)
            ));
        }
    }
    out
}

fn derived(db: &Db) -> Vec<Finding> {
    let get = |id: &str| db.figure_value(id);
    let mut out = Vec::new();
    for (i, f) in db.set.figures.iter().enumerate() {
        match &f.provenance {
            Provenance::Stated => {}
            Provenance::Derived { formula } => {
                let Ok(e) = Expr::parse(formula) else {
                    continue;
                };
                let mut targets = vec![ItemRef::Figure(i)];
                targets.extend(figure_targets(db, &e));
                match e.eval(&get) {
                    Ok(v) => out.push(Finding::later(
                        derived_outcome(v, f.value),
                        How::Derived(i),
                        targets,
                    )),
                    Err(err) => out.push(Finding::check(
                        false,
                        vec![format!("{}: cannot evaluate `{formula}`: {err}", f.label)],
                        targets,
                    )),
                }
            }
            Provenance::Counted { events } => {
                let n = events.len() as f64;
                let mut targets = vec![ItemRef::Figure(i)];
                targets.extend(
                    events
                        .iter()
                        .filter_map(|id| db.event_index(id))
                        .map(ItemRef::Event),
                );
                out.push(Finding::check(
                    (n - f.value).abs() < 1e-9,
                    vec![format!(
                        "{}: {} counted; {} {}",
                        f.label,
                        plural(events.len(), "listed event"),
                        if f.computed() {
                            "computed, not given:"
                        } else {
                            "recorded"
                        },
                        fmt_num(f.value)
                    )],
                    targets,
                ));
            }
        }
    }
    if out.is_empty() {
        out.push(Finding::check(
            true,
            vec!["no derived or counted figures".into()],
            Vec::new(),
        ));
    }
    out
}

fn overlap(db: &Db) -> Vec<Finding> {
    let mut order: Vec<usize> = (0..db.set.stages.len()).collect();
    order.sort_by_key(|&i| (db.set.stages[i].start, i));
    let mut out = Vec::new();
    for w in order.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (sa, sb) = (&db.set.stages[a], &db.set.stages[b]);
        let end_a = db.stage_end(a);
        if sb.start <= end_a {
            let shared = if sb.start == end_a {
                format!("share the year {end_a}")
            } else {
                format!("share the years {}–{end_a}", sb.start)
            };
            out.push(Finding::check(
                false,
                vec![format!(
                    "{} ({}) and {} ({}) {shared}",
                    sa.name,
                    db.stage_span(a),
                    sb.name,
                    db.stage_span(b)
                )],
                vec![ItemRef::Stage(a), ItemRef::Stage(b)],
            ));
        }
    }
    if out.is_empty() {
        out.push(Finding::check(
            true,
            vec![format!("{} stages, none overlapping", db.set.stages.len())],
            Vec::new(),
        ));
    }
    out
}

/// The claim that `stage` saw no events, held against the events dated within its years.
fn no_events(db: &Db, claim: &str, stage: &str) -> Finding {
    let claimant = db.item(claim);
    let Some(s) = db.stage_index(stage) else {
        return Finding::check(true, vec![format!("no stage `{stage}`")], Vec::new());
    };
    let (start, end) = (db.set.stages[s].start, db.stage_end(s));
    let dated: Vec<usize> = (0..db.set.events.len())
        .filter(|&e| (start..=end).contains(&db.dates[e].year))
        .collect();
    let who = claimant.map_or_else(|| claim.to_string(), |c| db.title(c));
    // Only the claim is marked: the events are the evidence against it, listed in the lines.
    let targets: Vec<ItemRef> = claimant.into_iter().collect();
    let span = format!("{} ({})", db.set.stages[s].name, db.stage_span(s));
    if dated.is_empty() {
        return Finding::check(
            true,
            vec![format!("“{who}”: no event is dated in {span}")],
            targets,
        );
    }
    let mut lines = vec![format!(
        "“{who}” says {span} saw no events, yet the data dates {} in it:",
        plural(dated.len(), "event")
    )];
    lines.extend(
        dated
            .iter()
            .map(|&e| format!("{} — {}", db.dates[e], db.set.events[e].title)),
    );
    Finding::check(false, lines, targets)
}

fn within(db: &Db) -> Vec<Finding> {
    let mut out = Vec::new();
    for (s, events) in db.stage_events.iter().enumerate() {
        let (start, end) = (db.set.stages[s].start, db.stage_end(s));
        for &e in events {
            let y = db.dates[e].year;
            if y < start || y > end {
                // The date in brackets, unless the title already ends with it.
                let title = db.set.events[e].title.as_str();
                let date = db.dates[e].to_string();
                let event = if title.ends_with(&format!("({date})")) {
                    title.to_string()
                } else {
                    format!("{title} ({date})")
                };
                out.push(Finding::check(
                    false,
                    vec![format!(
                        "{event} is told under {} ({})",
                        db.set.stages[s].name,
                        db.stage_span(s)
                    )],
                    vec![ItemRef::Event(e), ItemRef::Stage(s)],
                ));
            }
        }
    }
    if out.is_empty() {
        out.push(Finding::check(
            true,
            vec![format!(
                "all {} events lie within their stage",
                db.set.events.len()
            )],
            Vec::new(),
        ));
    }
    out
}

/// Documents dated (by the event at which they were signed) outside the years of their stage.
fn documents_within(db: &Db) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut dated = 0;
    for (i, d) in db.set.documents.iter().enumerate() {
        let (Some(s), Some(e)) = (
            db.stage_index(&d.stage),
            d.event.as_ref().and_then(|id| db.event_index(id)),
        ) else {
            continue;
        };
        dated += 1;
        let (start, end) = (db.set.stages[s].start, db.stage_end(s));
        let y = db.dates[e].year;
        if y < start || y > end {
            out.push(Finding::check(
                false,
                vec![format!(
                    "{} (signed {}) is listed under {} ({})",
                    d.title,
                    db.dates[e],
                    db.set.stages[s].name,
                    db.stage_span(s)
                )],
                vec![ItemRef::Document(i), ItemRef::Stage(s)],
            ));
        }
    }
    if out.is_empty() {
        let undated = db.set.documents.len() - dated;
        out.push(Finding::check(
            true,
            vec![format!(
                "{} signed at a dated event, all within their stage; {} undated",
                plural(dated, "document"),
                undated
            )],
            Vec::new(),
        ));
    }
    out
}

fn resolve(db: &Db) -> Finding {
    // Validation rejects a dangling citation, so on a loaded dataset this counts what resolved.
    let items: Vec<ItemRef> = (0..db.set.stages.len())
        .map(ItemRef::Stage)
        .chain((0..db.set.events.len()).map(ItemRef::Event))
        .chain((0..db.set.documents.len()).map(ItemRef::Document))
        .chain((0..db.set.figures.len()).map(ItemRef::Figure))
        .chain((0..db.set.statements.len()).map(ItemRef::Statement))
        .chain((0..db.set.notes.len()).map(ItemRef::Note))
        .collect();
    let mut total = 0;
    let mut dangling = Vec::new();
    for item in items {
        for n in db.cites(item) {
            total += 1;
            if db.reference(*n).is_none() {
                dangling.push((item, *n));
            }
        }
    }
    if dangling.is_empty() {
        Finding::check(
            true,
            vec![format!(
                "{total} citations, all to one of the {} references",
                db.set.references.len()
            )],
            Vec::new(),
        )
    } else {
        Finding::check(
            false,
            dangling
                .iter()
                .map(|(item, n)| format!("{} cites [{n}], which is not listed", db.title(*item)))
                .collect(),
            dangling.iter().map(|(i, _)| *i).collect(),
        )
    }
}

fn cited(db: &Db) -> Vec<Finding> {
    let mut out: Vec<Finding> = db
        .cited_by
        .iter()
        .enumerate()
        .filter(|(_, by)| by.is_empty())
        .map(|(r, _)| {
            Finding::check(
                false,
                vec![format!(
                    "{} is cited by nothing",
                    db.title(ItemRef::Reference(r))
                )],
                vec![ItemRef::Reference(r)],
            )
        })
        .collect();
    if out.is_empty() {
        out.push(Finding::check(
            true,
            vec![format!(
                "all {} references are cited",
                db.set.references.len()
            )],
            Vec::new(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_number_carries_the_precision_of_its_digits() {
        assert!((half_unit(330.4) - 0.05).abs() < 1e-12);
        assert!((half_unit(33.0) - 0.5).abs() < 1e-12);
        assert!((half_unit(2.99) - 0.005).abs() < 1e-12);
        assert!((half_unit(20150.0) - 0.5).abs() < 1e-12);
        let i = stated_interval(330.4, Unit::UsdMillion, Qualifier::Exact);
        assert!(
            (i.lo - 330.35).abs() < 1e-9 && (i.hi - 330.45).abs() < 1e-9,
            "{i}"
        );
        let i = stated_interval(33.0, Unit::Percent, Qualifier::Exact);
        assert_eq!(i, Interval::new(32.5, 33.5));
        assert_eq!(
            stated_interval(7.0, Unit::Count, Qualifier::Exact),
            Interval::point(7.0)
        );
        let about = stated_interval(2.38, Unit::UsdMillion, Qualifier::About);
        assert!((about.lo - 2.256).abs() < 1e-9 && (about.hi - 2.504).abs() < 1e-9);
        assert_eq!(
            stated_interval(17.09, Unit::UsdMillion, Qualifier::Over),
            Interval::new(17.09, f64::INFINITY)
        );
        assert_eq!(
            stated_interval(17.09, Unit::UsdMillion, Qualifier::AtLeast),
            Interval::new(17.09, f64::INFINITY)
        );
        assert_eq!(
            stated_interval(20.0, Unit::Tonnes, Qualifier::UpTo),
            Interval::new(0.0, 20.0)
        );
        assert_eq!(
            stated_interval(20.0, Unit::UsdMillion, Qualifier::UpTo),
            Interval::new(f64::NEG_INFINITY, 20.0)
        );
    }

    #[test]
    fn four_outcomes() {
        let x = |v: f64| (v, stated_interval(v, Unit::UsdMillion, Qualifier::Exact));
        assert_eq!(compare(x(336.7), x(336.7), 0.0, true), Outcome::Agrees);
        assert_eq!(
            compare(x(330.4), x(330.3), 0.0, true),
            Outcome::AgreesWithinRounding
        );
        assert_eq!(compare(x(253.16), x(253.74), 0.05, true), Outcome::Differs);
        assert_eq!(
            compare(x(330.4), x(330.4), 0.0, false),
            Outcome::CannotCompare
        );
        assert_eq!(derived_outcome(330.299_999_999_9, 330.3), Outcome::Agrees);
        assert_eq!(
            derived_outcome(253.157_894, 253.16),
            Outcome::AgreesWithinRounding
        );
        assert_eq!(derived_outcome(253.0, 253.16), Outcome::Differs);
        assert_eq!(differ_count(1), "1 finding differs");
        assert_eq!(differ_count(0), "0 findings differ");
        assert!(Outcome::Differs < Outcome::CannotCompare);
        assert!(Outcome::AgreesWithinRounding < Outcome::Agrees);
    }

    #[test]
    fn periods_are_spans_of_years() {
        assert_eq!(first_year("2013, 04 December"), Some(2013));
        assert_eq!(first_year("20 November 2015"), Some(2015));
        assert_eq!(first_year("11.2015"), Some(2015));
        assert_eq!(first_year("no date"), None);
        let s = Span {
            start: Some(2002),
            end: 2013,
        };
        assert_eq!(s.to_string(), "2002–2013");
        let s = Span {
            start: None,
            end: 2015,
        };
        assert_eq!(s.to_string(), "up to 2015");
    }

    fn unit() -> impl Strategy<Value = Unit> {
        prop::sample::select(vec![
            Unit::UsdMillion,
            Unit::Tonnes,
            Unit::People,
            Unit::Count,
            Unit::Percent,
        ])
    }

    fn qualifier() -> impl Strategy<Value = Qualifier> {
        prop::sample::select(vec![
            Qualifier::Exact,
            Qualifier::About,
            Qualifier::Over,
            Qualifier::AtLeast,
            Qualifier::UpTo,
        ])
    }

    /// A value as a dataset writes one: up to four decimals.
    fn value() -> impl Strategy<Value = f64> {
        (-1_000_000_000i64..1_000_000_000, 0u32..5)
            .prop_map(|(n, d)| n as f64 / 10f64.powi(d as i32))
    }

    proptest! {
        #[test]
        fn an_interval_always_holds_its_own_value(v in value(), u in unit(), q in qualifier()) {
            let i = stated_interval(v, u, q);
            prop_assert!(i.contains(v), "{} not in {}", v, i);
        }

        #[test]
        fn rounding_never_turns_agreement_into_a_warning(
            v in value(),
            (u1, q1) in (unit(), qualifier()),
            (u2, q2) in (unit(), qualifier()),
            tolerance in 0.0..1.0f64,
            comparable: bool,
        ) {
            let (a, b) = (stated_interval(v, u1, q1), stated_interval(v, u2, q2));
            prop_assert_ne!(compare((v, a), (v, b), tolerance, comparable), Outcome::Differs);
        }

        #[test]
        fn a_derived_value_rounded_to_its_digits_never_differs(v in -1e6..1e6f64, d in 0u32..4) {
            let scale = 10f64.powi(d as i32);
            let recorded = (v * scale).round() / scale;
            prop_assert_ne!(derived_outcome(v, recorded), Outcome::Differs);
        }
    }
}
