//! Dates as the data writes them: a year, a month or a day, never more precise than the source.

use std::fmt;

/// A date at the precision the data gives: a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    /// 1-12; `None` when the date gives only the year.
    pub month: Option<u8>,
    /// 1-31; `None` when the date gives no day.
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

    /// The years a dataset may name anywhere (stages, the article, event dates): the four
    /// digits a date is written with. Drawing and arithmetic on years stay far from overflow.
    pub const YEARS: std::ops::RangeInclusive<i32> = 0..=9999;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
