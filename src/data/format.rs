//! Numbers and citations as a reader sees them, the same in every pane and every export.

use super::model::{Qualifier, RefNo, Unit};

/// Appends `s` to `out` as a RON string literal, as ron reads it back: `"`, `\` and newlines
/// escaped, other control characters as `\u{..}`. Written here rather than by ron's serializer
/// (a fifth of a megabyte of binary): `kazaf import` and the JSON reader (`data::json`) both
/// write RON with it.
pub fn ron_string(out: &mut String, s: &str) {
    use std::fmt::Write as _;
    out.reserve(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Below this, a number is written in scientific notation rather than with hundreds of digits.
const HUGE: f64 = 1e15;

/// A number as a reader expects it: at most two decimals, no trailing zeros, thousands
/// separated by commas (`20,150`, `336.7`, `2.99`). A non-zero number is never written as 0:
/// a small one keeps two significant digits (`0.001`, `0.00042`), and one too large or too
/// Other spellings (`aliases`) as every view writes them: `Gani, M.Gani`; empty for none.
pub fn spellings(aliases: &[super::model::Text]) -> String {
    aliases
        .iter()
        .map(super::model::Text::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// small for that is written in scientific notation (`1.8e308`, `1e-300`).
pub fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let a = v.abs();
    let sign = if v < 0.0 { "−" } else { "" };
    if a >= HUGE || (a > 0.0 && a < 1e-4) {
        return format!("{sign}{}", scientific(a));
    }
    if a > 0.0 && a < 0.005 {
        // Two significant digits: 0.001, 0.0042.
        let decimals = (-a.log10().floor()) as usize + 1;
        let s = format!("{a:.decimals$}");
        return format!("{sign}{}", s.trim_end_matches('0'));
    }
    fixed(v, 2)
}

/// `v` with at most `decimals` decimals, no trailing zeros, thousands separated by commas.
pub fn fixed(v: f64, decimals: usize) -> String {
    let s = format!("{:.decimals$}", v.abs());
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

/// `a` (positive) as `1.8e308`: two significant digits, no trailing zeros.
fn scientific(a: f64) -> String {
    let s = format!("{a:.1e}");
    match s.split_once('e') {
        Some((m, e)) => format!("{}e{e}", m.trim_end_matches('0').trim_end_matches('.')),
        None => s,
    }
}

/// A latitude as read: `34.5°N`, `12°S`, with `decimals` places (`-0` is written `0`).
pub fn fmt_lat(v: f64, decimals: usize) -> String {
    degrees(v, decimals, 'N', 'S')
}

/// A longitude as read: `69.2°E`, `1°W`, with `decimals` places.
pub fn fmt_lon(v: f64, decimals: usize) -> String {
    degrees(v, decimals, 'E', 'W')
}

fn degrees(v: f64, decimals: usize, pos: char, neg: char) -> String {
    let s = format!("{:.decimals$}", v.abs());
    let zero = s.bytes().all(|b| b == b'0' || b == b'.');
    let side = if v < 0.0 && !zero { neg } else { pos };
    format!("{s}°{side}")
}

/// `n` and a noun, plural unless `n` is 1: `1 event`, `3 events`, `2 people`. Nouns take an
/// `s`, except the irregular ones the crate writes (person, party).
pub fn plural(n: usize, noun: &str) -> String {
    match (n, noun) {
        (1, _) => format!("1 {noun}"),
        (_, "person") => format!("{n} people"),
        (_, "party") => format!("{n} parties"),
        _ => format!("{n} {noun}s"),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_values_read_naturally() {
        assert_eq!(fmt_num(20150.0), "20,150");
        assert_eq!(fmt_num(336.7), "336.7");
        assert_eq!(fmt_num(2.985_074), "2.99");
        assert_eq!(fmt_num(-0.1), "−0.1");
        assert_eq!(fmt_num(-0.001), "−0.001");
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

    #[test]
    fn extreme_numbers_are_short_and_non_zero_is_never_zero() {
        assert_eq!(fmt_num(1e308), "1e308");
        assert_eq!(fmt_num(f64::MAX), "1.8e308");
        assert_eq!(fmt_num(-2.5e20), "−2.5e20");
        assert_eq!(fmt_num(0.001), "0.001");
        assert_eq!(fmt_num(-0.004), "−0.004");
        assert_eq!(fmt_num(0.0042), "0.0042");
        assert_eq!(fmt_num(0.00042), "0.00042");
        assert_eq!(fmt_num(1e-300), "1e-300");
        assert_eq!(fmt_num(0.0), "0");
        assert_eq!(fmt_num(0.005), "0.01");
        assert_eq!(fmt_num(1e15), "1e15");
        assert_eq!(fmt_num(999_999_999_999_999.0), "999,999,999,999,999");
        assert_eq!(fmt_num(123_456_789_012.0), "123,456,789,012");
    }

    proptest::proptest! {
        #[test]
        fn only_zero_reads_as_zero_and_every_number_is_short(v in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO) {
            let s = fmt_num(v);
            proptest::prop_assert_eq!(s == "0", v == 0.0, "{} -> {}", v, s);
            proptest::prop_assert!(s.chars().count() <= 24, "{} -> {}", v, s);
        }
    }

    #[test]
    fn degrees_name_their_side() {
        assert_eq!(fmt_lon(69.17, 1), "69.2°E");
        assert_eq!(fmt_lon(-1.0, 0), "1°W");
        assert_eq!(fmt_lat(-33.9, 1), "33.9°S");
        assert_eq!(fmt_lat(51.17, 2), "51.17°N");
        assert_eq!(fmt_lon(-0.2, 0), "0°E");
    }

    #[test]
    fn plurals_agree_with_their_number() {
        assert_eq!(plural(1, "event"), "1 event");
        assert_eq!(plural(0, "event"), "0 events");
        assert_eq!(plural(2, "warning"), "2 warnings");
        assert_eq!(plural(1, "person"), "1 person");
        assert_eq!(plural(3, "person"), "3 people");
        assert_eq!(plural(3, "party"), "3 parties");
    }
}
