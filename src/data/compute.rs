//! Computed values: a derived figure may give only its formula and a counted figure only the
//! events it counts; their values are worked out here when the data is loaded.
//!
//! Validation calls [`missing`] to report what cannot be computed (at the figure's formula,
//! with its position); [`crate::data::Db`] calls [`fill`] to put the values in, so every view,
//! export and the audit read one number. A value given by hand is never replaced: the audit
//! compares it with the computation (and `check --strict` fails when they differ).

use std::cell::RefCell;

use super::HashMap;
use super::expr::Expr;
use super::model::{Dataset, Figure, Provenance};

/// The longest chain of figures computed from computed figures (`a` from `b` from `c` ...):
/// deeper, or round in a circle, is an error rather than a deep recursion.
pub const MAX_CHAIN: usize = 64;

/// A figure leaves its value out (it is NaN: see the model's `value`).
pub fn left_out(f: &Figure) -> bool {
    f.value.is_nan()
}

/// Each figure that leaves its value out, with the value computed for it or why it cannot be.
pub fn missing(set: &Dataset) -> Vec<(usize, Result<f64, String>)> {
    if !set.figures.iter().any(left_out) {
        return Vec::new();
    }
    let ids: HashMap<&str, usize> = set
        .figures
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let c = Computer {
        set,
        ids,
        memo: RefCell::new(vec![None; set.figures.len()]),
    };
    set.figures
        .iter()
        .enumerate()
        .filter(|(_, f)| left_out(f))
        .map(|(i, _)| (i, c.value(i, 0)))
        .collect()
}

/// Puts in every value that can be computed, and marks it computed.
pub fn fill(set: &mut Dataset) {
    for (i, v) in missing(set) {
        if let Ok(v) = v {
            let f = &mut set.figures[i];
            f.value = v;
            f.value_computed = true;
        }
    }
}

struct Computer<'a> {
    set: &'a Dataset,
    ids: HashMap<&'a str, usize>,
    /// Each figure's value once known.
    memo: RefCell<Vec<Option<Result<f64, String>>>>,
}

impl Computer<'_> {
    fn value(&self, i: usize, depth: usize) -> Result<f64, String> {
        if let Some(v) = &self.memo.borrow()[i] {
            return v.clone();
        }
        let f = &self.set.figures[i];
        let v = if !left_out(f) {
            Ok(f.value)
        } else if depth >= MAX_CHAIN {
            Err(format!(
                "cannot compute `{}`: its formula goes through more than {MAX_CHAIN} computed \
                 figures, or round in a circle",
                f.id
            ))
        } else {
            match &f.provenance {
                Provenance::Stated => Err(format!(
                    "`{}` has no value (left out, or NaN): a stated figure gives the number its \
                     source states; only a derived or counted figure may leave it out",
                    f.id
                )),
                Provenance::Counted { events } => Ok(events.len() as f64),
                Provenance::Derived { formula } => Expr::parse(formula)
                    .map_err(|e| format!("cannot compute `{}`: {}", f.id, e.0))
                    .and_then(|e| {
                        let failed: RefCell<Option<String>> = RefCell::new(None);
                        let r = e.eval(&|id: &str| {
                            let &j = self.ids.get(id)?;
                            match self.value(j, depth + 1) {
                                Ok(v) => Some(v),
                                Err(why) => {
                                    failed.borrow_mut().get_or_insert(why);
                                    None
                                }
                            }
                        });
                        match (r, failed.into_inner()) {
                            (Ok(v), _) => Ok(v),
                            (Err(_), Some(why)) => Err(why),
                            (Err(e), None) => Err(format!("cannot compute `{}`: {}", f.id, e.0)),
                        }
                    }),
            }
        };
        self.memo.borrow_mut()[i] = Some(v.clone());
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The starter dataset with `figures` as its figures (and no charts, which name them).
    fn set(figures: &str) -> Dataset {
        let text = crate::schema::STARTER;
        let (before, after) = text.split_once("    figures: [\n").expect("figures");
        let (_, rest) = after.split_once("    charts: [").expect("charts");
        let (_, rest) = rest.split_once("    ],\n").expect("end of charts");
        ron::from_str(&format!("{before}    figures: [\n{figures}    ],\n{rest}"))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    const BASE: &str = "        (id: \"f_trade_2011\", label: \"T\", value: 80.0, unit: UsdMillion, period: \"2011\", provenance: Stated, cites: [1]),\n        (id: \"f_trade_2012\", label: \"T\", value: 100.0, unit: UsdMillion, period: \"2012\", provenance: Stated, cites: [1]),\n";

    #[test]
    fn a_formula_alone_is_computed_through_a_chain() {
        let s = set(&format!(
            "{BASE}        (id: \"g\", label: \"G\", unit: Percent, period: \"2012\", provenance: Derived(formula: \"(f_trade_2012 - f_trade_2011) / f_trade_2011 * 100\")),\n        (id: \"h\", label: \"H\", unit: Percent, period: \"2012\", provenance: Derived(formula: \"g * 2\")),\n        (id: \"n\", label: \"N\", unit: Count, period: \"2012\", provenance: Counted(events: [\"e_visit\", \"e_relations\"])),\n"
        ));
        let got: Vec<(usize, Result<f64, String>)> = missing(&s);
        assert_eq!(got, vec![(2, Ok(25.0)), (3, Ok(50.0)), (4, Ok(2.0))]);
        let mut s = s;
        fill(&mut s);
        assert!(s.figures[3].computed() && !s.figures[0].computed());
        assert!((s.figures[3].value - 50.0).abs() < 1e-12);
    }

    #[test]
    fn a_circle_or_a_stated_figure_without_value_cannot_be_computed() {
        let s = set(&format!(
            "{BASE}        (id: \"a\", label: \"A\", unit: Count, period: \"2012\", provenance: Derived(formula: \"b + 1\")),\n        (id: \"b\", label: \"B\", unit: Count, period: \"2012\", provenance: Derived(formula: \"a + 1\")),\n        (id: \"s\", label: \"S\", unit: Count, period: \"2012\", provenance: Stated),\n"
        ));
        let got = missing(&s);
        assert_eq!(got.len(), 3);
        assert!(
            got[0]
                .1
                .as_ref()
                .is_err_and(|e| e.contains("round in a circle")),
            "{got:?}"
        );
        assert!(
            got[2]
                .1
                .as_ref()
                .is_err_and(|e| e.contains("a stated figure")),
            "{got:?}"
        );
    }

    #[test]
    fn division_by_zero_is_said() {
        let s = set(&format!(
            "{BASE}        (id: \"z\", label: \"Z\", unit: Count, period: \"2012\", provenance: Derived(formula: \"f_trade_2011 / (f_trade_2012 - 100)\")),\n"
        ));
        let got = missing(&s);
        assert!(
            got[0]
                .1
                .as_ref()
                .is_err_and(|e| e.contains("division by zero")),
            "{got:?}"
        );
    }
}
