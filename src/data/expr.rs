//! Arithmetic over figure ids, for derived figures and audit equations.
//!
//! A dataset says how a derived figure was computed (`"fig_a / (1 + fig_growth / 100)"`) and
//! what should add up (`left: "fig_turnover"`, `right: "fig_exports + fig_imports"`). Keeping
//! these as expressions, rather than prose, lets the audit recompute them and write the
//! arithmetic out with the actual numbers.
//!
//! Grammar: `expr = term (('+' | '-') term)*`, `term = factor (('*' | '/') factor)*`,
//! `factor = number | id | '(' expr ')' | '-' factor`; ids are `[A-Za-z_][A-Za-z0-9_]*`.

use std::fmt::Write as _;

use super::interval::Interval;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Num(f64),
    /// A figure id.
    Id(String),
    Neg(Box<Expr>),
    Bin(Box<Expr>, Op, Box<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "−",
            Op::Mul => "×",
            Op::Div => "/",
        }
    }
    fn precedence(self) -> u8 {
        match self {
            Op::Add | Op::Sub => 1,
            Op::Mul | Op::Div => 2,
        }
    }
}

/// Why an expression could not be parsed or evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError(pub String);

impl std::fmt::Display for ExprError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Deepest nesting accepted, so a hostile formula cannot exhaust the stack.
const MAX_DEPTH: usize = 64;
/// Most operators accepted. A chain `a + b + c …` nests no parentheses but builds a tree as deep
/// as it is long, which evaluating, writing out and dropping all walk recursively: 80,000 terms
/// overflowed the stack. A formula of the data's kind has a handful.
pub const MAX_OPERATORS: usize = 256;
/// Longest formula accepted, in bytes: refused before it is parsed at all.
pub const MAX_LEN: usize = 4096;

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    depth: usize,
    operators: usize,
}

impl Parser<'_> {
    fn skip_ws(&mut self) {
        while self.src[self.pos..].starts_with(|c: char| c.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }
    fn peek(&mut self) -> Option<char> {
        self.skip_ws();
        self.src[self.pos..].chars().next()
    }
    fn err<T>(&self, what: &str) -> Result<T, ExprError> {
        Err(ExprError(format!("{what} at character {}", self.pos + 1)))
    }
    /// Counts an operator; an error past [`MAX_OPERATORS`].
    fn operator(&mut self) -> Result<(), ExprError> {
        self.operators += 1;
        if self.operators > MAX_OPERATORS {
            return self.err(&format!("more than {MAX_OPERATORS} operators"));
        }
        Ok(())
    }
    fn expr(&mut self) -> Result<Expr, ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err("nested too deeply");
        }
        let mut left = self.term()?;
        while let Some(c @ ('+' | '-')) = self.peek() {
            self.operator()?;
            self.pos += 1;
            let op = if c == '+' { Op::Add } else { Op::Sub };
            left = Expr::Bin(Box::new(left), op, Box::new(self.term()?));
        }
        self.depth -= 1;
        Ok(left)
    }
    fn term(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.factor()?;
        while let Some(c @ ('*' | '/')) = self.peek() {
            self.operator()?;
            self.pos += 1;
            let op = if c == '*' { Op::Mul } else { Op::Div };
            left = Expr::Bin(Box::new(left), op, Box::new(self.factor()?));
        }
        Ok(left)
    }
    fn factor(&mut self) -> Result<Expr, ExprError> {
        match self.peek() {
            Some('(') => {
                self.pos += 1;
                let e = self.expr()?;
                if self.peek() != Some(')') {
                    return self.err("expected `)`");
                }
                self.pos += 1;
                Ok(e)
            }
            Some('-') => {
                self.operator()?;
                self.pos += 1;
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return self.err("nested too deeply");
                }
                let f = self.factor()?;
                self.depth -= 1;
                Ok(Expr::Neg(Box::new(f)))
            }
            Some(c) if c.is_ascii_digit() || c == '.' => {
                let rest = &self.src[self.pos..];
                let len = rest
                    .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                    .unwrap_or(rest.len());
                match rest[..len].parse::<f64>() {
                    Ok(n) => {
                        self.pos += len;
                        Ok(Expr::Num(n))
                    }
                    Err(_) => self.err("bad number"),
                }
            }
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let rest = &self.src[self.pos..];
                let len = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                self.pos += len;
                Ok(Expr::Id(rest[..len].to_string()))
            }
            Some(_) => self.err("unexpected character"),
            None => self.err("unexpected end"),
        }
    }
}

impl Expr {
    pub fn parse(src: &str) -> Result<Expr, ExprError> {
        if src.len() > MAX_LEN {
            return Err(ExprError(format!(
                "{} bytes long; a formula may have at most {MAX_LEN}",
                src.len()
            )));
        }
        let mut p = Parser {
            src,
            pos: 0,
            depth: 0,
            operators: 0,
        };
        let e = p.expr()?;
        if p.peek().is_some() {
            return p.err("unexpected text");
        }
        Ok(e)
    }

    /// The figure ids it uses, in order of appearance (with repeats).
    pub fn ids(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_ids(&mut out);
        out
    }

    fn collect_ids<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Expr::Num(_) => {}
            Expr::Id(id) => out.push(id),
            Expr::Neg(e) => e.collect_ids(out),
            Expr::Bin(a, _, b) => {
                a.collect_ids(out);
                b.collect_ids(out);
            }
        }
    }

    /// Evaluates with `value` giving each id's number.
    pub fn eval(&self, value: &dyn Fn(&str) -> Option<f64>) -> Result<f64, ExprError> {
        Ok(match self {
            Expr::Num(n) => *n,
            Expr::Id(id) => value(id).ok_or_else(|| ExprError(format!("unknown figure `{id}`")))?,
            Expr::Neg(e) => -e.eval(value)?,
            Expr::Bin(a, op, b) => {
                let (a, b) = (a.eval(value)?, b.eval(value)?);
                match op {
                    Op::Add => a + b,
                    Op::Sub => a - b,
                    Op::Mul => a * b,
                    Op::Div if b == 0.0 => return Err(ExprError("division by zero".into())),
                    Op::Div => a / b,
                }
            }
        })
    }

    /// Evaluates over intervals, with `value` giving each id's interval: the result holds
    /// every value the expression takes when each id takes any value in its interval.
    /// Division by an interval that is exactly 0 is an error; by one that merely contains 0,
    /// an unbounded interval (see [`Interval::checked_div`]).
    pub fn eval_interval(
        &self,
        value: &dyn Fn(&str) -> Option<Interval>,
    ) -> Result<Interval, ExprError> {
        Ok(match self {
            Expr::Num(n) => Interval::point(*n),
            Expr::Id(id) => value(id).ok_or_else(|| ExprError(format!("unknown figure `{id}`")))?,
            Expr::Neg(e) => -e.eval_interval(value)?,
            Expr::Bin(a, op, b) => {
                let (a, b) = (a.eval_interval(value)?, b.eval_interval(value)?);
                match op {
                    Op::Add => a + b,
                    Op::Sub => a - b,
                    Op::Mul => a * b,
                    Op::Div => a
                        .checked_div(b)
                        .ok_or_else(|| ExprError("division by zero".into()))?,
                }
            }
        })
    }

    /// Writes the expression with each id replaced by `name(id)` (a number or a label), with
    /// the fewest parentheses that keep its meaning.
    pub fn render(&self, name: &dyn Fn(&str) -> String) -> String {
        let mut s = String::new();
        self.render_into(&mut s, name, 0);
        s
    }

    fn render_into(&self, s: &mut String, name: &dyn Fn(&str) -> String, outer: u8) {
        match self {
            Expr::Num(n) => {
                let _ = write!(s, "{}", super::fmt_num(*n));
            }
            Expr::Id(id) => s.push_str(&name(id)),
            Expr::Neg(e) => {
                s.push('−');
                e.render_into(s, name, 3);
            }
            Expr::Bin(a, op, b) => {
                let p = op.precedence();
                let paren = p < outer;
                if paren {
                    s.push('(');
                }
                a.render_into(s, name, p);
                let _ = write!(s, " {} ", op.symbol());
                // The right operand of - and / needs brackets at equal precedence.
                let right = if matches!(op, Op::Sub | Op::Div) {
                    p + 1
                } else {
                    p
                };
                b.render_into(s, name, right);
                if paren {
                    s.push(')');
                }
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the expected values are exact in binary floating point
mod tests {
    use super::*;

    fn vals(id: &str) -> Option<f64> {
        match id {
            "a" => Some(336.7),
            "g" => Some(33.0),
            "z" => Some(0.0),
            _ => None,
        }
    }

    #[test]
    fn parses_and_evaluates_with_precedence() {
        let e = Expr::parse("a / (1 + g / 100)").unwrap();
        let v = e.eval(&vals).unwrap();
        assert!((v - 253.157_894).abs() < 1e-5, "{v}");
        assert_eq!(Expr::parse("1 + 2 * 3").unwrap().eval(&vals).unwrap(), 7.0);
        assert_eq!(
            Expr::parse("-(1 - 3) - 1").unwrap().eval(&vals).unwrap(),
            1.0
        );
        assert_eq!(e.ids(), vec!["a", "g"]);
    }

    #[test]
    fn renders_with_values_and_minimal_brackets() {
        let e = Expr::parse("a / (1 + g / 100)").unwrap();
        let shown = e.render(&|id| super::super::fmt_num(vals(id).unwrap()));
        assert_eq!(shown, "336.7 / (1 + 33 / 100)");
        let e = Expr::parse("(a - g) - (a - g)").unwrap();
        assert_eq!(e.render(&|id| id.to_string()), "a − g − (a − g)");
    }

    #[test]
    fn evaluates_over_intervals() {
        let iv = |id: &str| match id {
            "a" => Some(Interval::around(336.7, 0.05)),
            "g" => Some(Interval::around(33.0, 0.5)),
            "z" => Some(Interval::new(-1.0, 1.0)),
            _ => None,
        };
        let e = Expr::parse("a / (1 + g / 100)").unwrap();
        let r = e.eval_interval(&iv).unwrap();
        assert!((r.lo - 336.65 / 1.335).abs() < 1e-9, "{r}");
        assert!((r.hi - 336.75 / 1.325).abs() < 1e-9, "{r}");
        assert!(r.contains(e.eval(&vals).unwrap()));
        assert_eq!(
            Expr::parse("a / z").unwrap().eval_interval(&iv),
            Ok(Interval::ALL)
        );
        assert_eq!(
            Expr::parse("a / 0").unwrap().eval_interval(&iv),
            Err(ExprError("division by zero".into()))
        );
    }

    #[test]
    fn errors_are_reported_not_panicked() {
        assert!(Expr::parse("").is_err());
        assert!(Expr::parse("a +").is_err());
        assert!(Expr::parse("(a").is_err());
        assert!(Expr::parse("a $ b").is_err());
        assert!(Expr::parse("1.2.3").is_err());
        assert!(Expr::parse(&"(".repeat(10_000)).is_err());
        assert!(Expr::parse(&"-".repeat(10_000)).is_err());
        // A flat chain is bounded too: it nests no parentheses but builds a tree as deep as it
        // is long (80,000 terms overflowed the stack).
        let chain = |n: usize| format!("a{}", " + 0".repeat(n));
        assert!(Expr::parse(&chain(MAX_OPERATORS)).is_ok());
        assert_eq!(
            Expr::parse(&chain(MAX_OPERATORS + 1)),
            Err(ExprError(format!(
                "more than {MAX_OPERATORS} operators at character {}",
                chain(MAX_OPERATORS).len() + 2
            )))
        );
        assert!(
            Expr::parse(&chain(80_000))
                .unwrap_err()
                .0
                .contains("bytes long")
        );
        assert!(Expr::parse(&format!("{}a", "a*".repeat(300))).is_err());
        assert_eq!(
            Expr::parse("a / z").unwrap().eval(&vals),
            Err(ExprError("division by zero".into()))
        );
        assert!(Expr::parse("nope").unwrap().eval(&vals).is_err());
    }
}
