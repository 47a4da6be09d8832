//! Closed intervals of real numbers, for arithmetic on figures that carry a precision.
//!
//! A stated number stands for every value that rounds to it (330.4 is anything in
//! [330.35, 330.45]); the audit computes with these ranges, so that two figures rounded
//! differently are not taken to disagree. Bounds may be infinite ("over 17.09" is
//! [17.09, ∞)). Every operation returns an interval holding every result of the operation
//! applied to members of its operands.

use std::fmt;

/// `[lo, hi]`, with `lo <= hi`; either bound may be infinite.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
}

impl Interval {
    /// Every real number.
    pub const ALL: Interval = Interval {
        lo: f64::NEG_INFINITY,
        hi: f64::INFINITY,
    };

    /// `[lo, hi]`, the bounds put in order.
    pub fn new(lo: f64, hi: f64) -> Interval {
        Interval {
            lo: lo.min(hi),
            hi: lo.max(hi),
        }
    }

    /// The single value `v`.
    pub fn point(v: f64) -> Interval {
        Interval { lo: v, hi: v }
    }

    /// `[v - r, v + r]`.
    pub fn around(v: f64, r: f64) -> Interval {
        Interval::new(v - r.abs(), v + r.abs())
    }

    pub fn contains(self, v: f64) -> bool {
        self.lo <= v && v <= self.hi
    }

    /// The shared part of two intervals, if any.
    pub fn meet(self, o: Interval) -> Option<Interval> {
        let (lo, hi) = (self.lo.max(o.lo), self.hi.min(o.hi));
        (lo <= hi).then_some(Interval { lo, hi })
    }

    /// The gap between two intervals (0 when they overlap).
    pub fn gap(self, o: Interval) -> f64 {
        (self.lo - o.hi).max(o.lo - self.hi).max(0.0)
    }

    /// The smallest interval holding both.
    pub fn hull(self, o: Interval) -> Interval {
        Interval {
            lo: self.lo.min(o.lo),
            hi: self.hi.max(o.hi),
        }
    }

    /// Widened by `r` on each side.
    pub fn widen(self, r: f64) -> Interval {
        Interval {
            lo: self.lo - r.abs(),
            hi: self.hi + r.abs(),
        }
    }

    pub fn is_point(self) -> bool {
        self.lo.total_cmp(&self.hi).is_eq()
    }

    /// The quotient, or `None` when the divisor is exactly 0. A divisor that contains 0
    /// (without being 0) makes the quotient unbounded: `[1, 2] / [-1, 1]` holds every number of
    /// magnitude at least 1, and the smallest interval holding that is every real number. A
    /// divisor with 0 as one bound gives a half line: `[1, 2] / [0, 1]` is `[1, ∞)`.
    pub fn checked_div(self, o: Interval) -> Option<Interval> {
        if o.lo == 0.0 && o.hi == 0.0 {
            return None;
        }
        if o.lo < 0.0 && o.hi > 0.0 {
            return Some(Interval::ALL);
        }
        // 1 / o, with o on one side of 0 (0 possibly a bound).
        let inv = if o.lo == 0.0 {
            Interval::new(1.0 / o.hi, f64::INFINITY)
        } else if o.hi == 0.0 {
            Interval::new(f64::NEG_INFINITY, 1.0 / o.lo)
        } else {
            Interval::new(1.0 / o.hi, 1.0 / o.lo)
        };
        Some(self * inv)
    }

    /// An interval from two bounds that may have come out NaN (∞ − ∞): a NaN bound is unbounded.
    fn bounded(lo: f64, hi: f64) -> Interval {
        Interval {
            lo: if lo.is_nan() { f64::NEG_INFINITY } else { lo },
            hi: if hi.is_nan() { f64::INFINITY } else { hi },
        }
    }
}

impl std::ops::Neg for Interval {
    type Output = Interval;
    fn neg(self) -> Interval {
        Interval {
            lo: -self.hi,
            hi: -self.lo,
        }
    }
}

impl std::ops::Add for Interval {
    type Output = Interval;
    fn add(self, o: Interval) -> Interval {
        Interval::bounded(self.lo + o.lo, self.hi + o.hi)
    }
}

impl std::ops::Sub for Interval {
    type Output = Interval;
    fn sub(self, o: Interval) -> Interval {
        self + -o
    }
}

impl std::ops::Mul for Interval {
    type Output = Interval;
    /// The product: the extremes are among the four products of the bounds (0 × ∞ counts as 0,
    /// since a bound of 0 stands for the number 0, not a limit).
    fn mul(self, o: Interval) -> Interval {
        let p = |a: f64, b: f64| if a == 0.0 || b == 0.0 { 0.0 } else { a * b };
        let c = [
            p(self.lo, o.lo),
            p(self.lo, o.hi),
            p(self.hi, o.lo),
            p(self.hi, o.hi),
        ];
        let lo = c.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = c.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Interval::bounded(lo, hi)
    }
}

/// A bound written with up to four significant decimals: `330.35`, `0.3325`, `252.172`, `∞`.
pub fn fmt_bound(v: f64) -> String {
    if v.is_infinite() {
        return if v > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        };
    }
    let a = v.abs();
    let decimals = if a >= 1000.0 {
        2
    } else if a >= 10.0 {
        3
    } else {
        4
    };
    super::format::fixed(v, decimals)
}

impl fmt::Display for Interval {
    /// `[330.35, 330.45]`, `[17.09, ∞)`, `(−∞, 20]`, or the one number of a point.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_point() {
            return f.write_str(&fmt_bound(self.lo));
        }
        let open = if self.lo.is_infinite() { '(' } else { '[' };
        let close = if self.hi.is_infinite() { ')' } else { ']' };
        write!(
            f,
            "{open}{}, {}{close}",
            fmt_bound(self.lo),
            fmt_bound(self.hi)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn iv(lo: f64, hi: f64) -> Interval {
        Interval::new(lo, hi)
    }

    #[test]
    fn arithmetic_follows_the_signs() {
        assert_eq!(iv(1.0, 2.0) + iv(3.0, 4.0), iv(4.0, 6.0));
        assert_eq!(iv(1.0, 2.0) - iv(3.0, 4.0), iv(-3.0, -1.0));
        assert_eq!(iv(-1.0, 2.0) * iv(3.0, 4.0), iv(-4.0, 8.0));
        assert_eq!(iv(-2.0, -1.0) * iv(-4.0, 3.0), iv(-6.0, 8.0));
        assert_eq!(iv(1.0, 2.0).checked_div(iv(4.0, 8.0)), Some(iv(0.125, 0.5)));
        assert_eq!(
            iv(1.0, 2.0).checked_div(iv(-2.0, -1.0)),
            Some(iv(-2.0, -0.5))
        );
        assert_eq!(iv(1.0, 2.0).checked_div(iv(-1.0, 1.0)), Some(Interval::ALL));
        assert_eq!(
            iv(1.0, 2.0).checked_div(iv(0.0, 1.0)),
            Some(iv(1.0, f64::INFINITY))
        );
        assert_eq!(
            iv(1.0, 2.0).checked_div(iv(-1.0, 0.0)),
            Some(iv(f64::NEG_INFINITY, -1.0))
        );
        assert_eq!(iv(1.0, 2.0).checked_div(Interval::point(0.0)), None);
        let over = iv(17.09, f64::INFINITY);
        assert_eq!(over - over, Interval::ALL);
        assert_eq!(Interval::point(0.0) * over, Interval::point(0.0));
    }

    #[test]
    fn written_out() {
        assert_eq!(iv(330.35, 330.45).to_string(), "[330.35, 330.45]");
        assert_eq!(iv(17.09, f64::INFINITY).to_string(), "[17.09, ∞)");
        assert_eq!(iv(f64::NEG_INFINITY, 20.0).to_string(), "(−∞, 20]");
        assert_eq!(iv(0.325, 0.335).to_string(), "[0.325, 0.335]");
        assert_eq!(Interval::point(7.0).to_string(), "7");
    }

    fn interval() -> impl Strategy<Value = (Interval, f64)> {
        // An interval and a member of it.
        (-1e6..1e6f64, 0.0..1e3f64, 0.0..=1.0f64)
            .prop_map(|(lo, w, t)| (iv(lo, lo + w), lo + w * t))
    }

    /// `x` is in `i`, allowing for the rounding of the floating-point operations themselves.
    fn holds(i: Interval, x: f64) -> bool {
        let slack = 1e-9 * (1.0 + x.abs());
        i.widen(slack).contains(x)
    }

    proptest! {
        #[test]
        fn a_sum_holds_every_sum_of_its_members((a, x) in interval(), (b, y) in interval()) {
            prop_assert!(holds(a + b, x + y));
            prop_assert!(holds(a - b, x - y));
        }

        #[test]
        fn a_product_and_quotient_hold_every_result((a, x) in interval(), (b, y) in interval()) {
            prop_assert!(holds(a * b, x * y));
            if y != 0.0 {
                let q = a.checked_div(b).expect("a divisor holding a non-zero member is not 0");
                prop_assert!(holds(q, x / y), "{} / {} = {} not in {}", x, y, x / y, q);
            }
        }

        #[test]
        fn an_interval_holds_its_bounds((a, x) in interval()) {
            prop_assert!(a.contains(a.lo) && a.contains(a.hi) && a.contains(x));
        }
    }
}
