//! The audit: the dataset's own arithmetic and consistency, checked by code.
//!
//! The rules are declared in the data ([`AuditRule`]); this module evaluates them and writes the
//! arithmetic out, so a reader sees not only that 330.4 ≠ 333.5 − 3.2 but the numbers that say
//! so. A failed rule is a *warning*: the data is still shown, with the disagreement marked.

use std::sync::OnceLock;

use super::expr::Expr;
use super::model::{AuditRule, Provenance};
use super::{Db, ItemRef, fmt_num, plural};

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
    /// True when every finding passed.
    pub fn passed(&self) -> bool {
        self.findings.iter().all(|f| f.ok)
    }
    /// Number of findings that warn.
    pub fn warnings(&self) -> usize {
        self.findings.iter().filter(|f| !f.ok).count()
    }
}

/// One checked fact.
///
/// Whether it holds is decided when the dataset loads (the Overview and the Audit tab's marks
/// need it at once); the arithmetic written out in words is made the first time something
/// reads it ([`Finding::lines`]): writing it at load slowed the start, for text most sessions
/// never open (BENCHMARKS.md).
#[derive(Debug, Clone)]
pub struct Finding {
    /// Whether it holds.
    pub ok: bool,
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
    fn said(ok: bool, lines: Vec<String>, targets: Vec<ItemRef>) -> Finding {
        Finding {
            ok,
            targets,
            how: How::Said,
            lines: OnceLock::from(lines),
        }
    }

    fn later(ok: bool, how: How, targets: Vec<ItemRef>) -> Finding {
        Finding {
            ok,
            targets,
            how,
            lines: OnceLock::new(),
        }
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

/// Tolerance for derived figures: they are recorded rounded to two decimals.
const ROUNDING: f64 = 0.005 + 1e-9;

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
                    "Derived and counted figures agree with their formula or count".into(),
                    derived(db),
                ),
                AuditRule::StageOverlap => ("Stages do not overlap".into(), overlap(db)),
                AuditRule::EventsWithinStages => (
                    "Events fall within the years of their stage".into(),
                    within(db),
                ),
                AuditRule::CitationsResolve => (
                    "Every citation resolves to a reference".into(),
                    vec![resolve(db)],
                ),
                AuditRule::ReferencesCited => ("Every reference is cited".into(), cited(db)),
            };
            AuditResult {
                rule,
                title,
                findings,
            }
        })
        .collect()
}

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

/// Parses and evaluates both sides of an equation rule.
fn sides(db: &Db, left: &str, right: &str) -> Result<(Expr, Expr, f64, f64), String> {
    let (Ok(l), Ok(r)) = (Expr::parse(left), Expr::parse(right)) else {
        return Err(format!("cannot parse `{left}` or `{right}`"));
    };
    let get = |id: &str| db.figure_value(id);
    match (l.eval(&get), r.eval(&get)) {
        (Ok(a), Ok(b)) => Ok((l, r, a, b)),
        (Err(e), _) | (_, Err(e)) => Err(format!("cannot evaluate: {e}")),
    }
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
        Ok((l, r, lv, rv)) => Finding::later(
            holds(lv - rv, tolerance),
            How::Equation(rule),
            targets(&l, &r),
        ),
        Err(message) => {
            let found = match (Expr::parse(left), Expr::parse(right)) {
                (Ok(l), Ok(r)) => targets(&l, &r),
                _ => Vec::new(),
            };
            Finding::said(false, vec![message], found)
        }
    }
}

/// An equation written out: the names, each side's values, and the verdict.
fn equation_lines(db: &Db, left: &str, right: &str, tolerance: f64) -> Vec<String> {
    let (l, r, lv, rv) = match sides(db, left, right) {
        Ok(x) => x,
        Err(message) => return vec![message],
    };
    let diff = lv - rv;
    let names = |e: &Expr| e.render(&|id| label(db, id));
    let side = |e: &Expr, v: f64| match e {
        Expr::Id(_) | Expr::Num(_) => fmt_num(v),
        _ => format!("{} = {}", e.render(&value_of(db)), fmt_num(v)),
    };
    let mut lines = vec![
        format!("{}  =  {}", names(&l), names(&r)),
        format!("left:  {}", side(&l, lv)),
        format!("right: {}", side(&r, rv)),
    ];
    lines.push(if holds(diff, tolerance) {
        if diff.abs() < 1e-9 {
            "the two sides agree".to_string()
        } else {
            format!(
                "difference {} is within the tolerance of {}",
                fmt_num(diff.abs()),
                fmt_num(tolerance)
            )
        }
    } else {
        format!(
            "the two sides differ by {} (tolerance {})",
            fmt_num(diff.abs()),
            fmt_num(tolerance)
        )
    });
    lines
}

/// A derived figure agrees with its formula's value up to the rounding it was recorded with.
fn agrees(computed: f64, recorded: f64) -> bool {
    (computed - recorded).abs() <= ROUNDING.max(recorded.abs() * 1e-9)
}

/// A derived figure's formula written out with names and with values.
fn derived_lines(db: &Db, figure: usize) -> Vec<String> {
    let f = &db.set.figures[figure];
    let Provenance::Derived { formula } = &f.provenance else {
        return vec![format!("{} is not derived", f.label)];
    };
    let e = match Expr::parse(formula) {
        Ok(e) => e,
        Err(err) => return vec![format!("{}: cannot parse `{formula}`: {err}", f.label)],
    };
    match e.eval(&|id: &str| db.figure_value(id)) {
        Ok(v) => vec![
            format!("{} = {}", f.label, e.render(&|id| label(db, id))),
            format!(
                "{} = {}; recorded {}",
                e.render(&value_of(db)),
                fmt_num(v),
                fmt_num(f.value)
            ),
        ],
        Err(err) => vec![format!("{}: cannot evaluate `{formula}`: {err}", f.label)],
    }
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
                    Ok(v) => out.push(Finding::later(agrees(v, f.value), How::Derived(i), targets)),
                    Err(err) => out.push(Finding::said(
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
                out.push(Finding::said(
                    (n - f.value).abs() < 1e-9,
                    vec![format!(
                        "{}: {} counted; recorded {}",
                        f.label,
                        plural(events.len(), "listed event"),
                        fmt_num(f.value)
                    )],
                    targets,
                ));
            }
        }
    }
    if out.is_empty() {
        out.push(Finding::said(
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
            out.push(Finding::said(
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
        out.push(Finding::said(
            true,
            vec![format!("{} stages, none overlapping", db.set.stages.len())],
            Vec::new(),
        ));
    }
    out
}

fn within(db: &Db) -> Vec<Finding> {
    let mut out = Vec::new();
    for (s, events) in db.stage_events.iter().enumerate() {
        let (start, end) = (db.set.stages[s].start, db.stage_end(s));
        for &e in events {
            let y = db.dates[e].year;
            if y < start || y > end {
                out.push(Finding::said(
                    false,
                    vec![format!(
                        "{} ({}) is told under {} ({})",
                        db.set.events[e].title,
                        db.dates[e],
                        db.set.stages[s].name,
                        db.stage_span(s)
                    )],
                    vec![ItemRef::Event(e), ItemRef::Stage(s)],
                ));
            }
        }
    }
    if out.is_empty() {
        out.push(Finding::said(
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
        Finding::said(
            true,
            vec![format!(
                "{total} citations, all to one of the {} references",
                db.set.references.len()
            )],
            Vec::new(),
        )
    } else {
        Finding::said(
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
            Finding::said(
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
        out.push(Finding::said(
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
