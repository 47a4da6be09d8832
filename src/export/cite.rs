//! The references as citations for other programs: BibLaTeX, CSL-JSON and RIS, the formats
//! reference managers (Zotero, JabRef, EndNote) and LaTeX and Pandoc read.
//!
//! Nothing the dataset knows about a reference is lost: what a format has a field for goes
//! there, and the rest (the date as the article gives it, the kind of source, other
//! spellings, our note, and every value the article does not state outright, marked as such)
//! goes into its note. Dates are read from the article's own forms ("2013, 04 December",
//! "23.11.2015", "9 Apr. 2013") into ISO dates where they can be; the note keeps the form as
//! given. Every string was sanitized when the dataset was read.

use std::fmt::Write as _;

use super::jsonw::J;

use crate::data::Db;
use crate::data::model::{Reference, SourceKind};

/// A date read from a reference: year, and month and day where given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ymd {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Ymd {
    /// ISO 8601 at its precision: `2015`, `2015-11`, `2015-11-23`.
    pub fn iso(self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// CSL-JSON's `date-parts`: `[[2015, 11, 23]]`.
    fn parts(self) -> J {
        let mut p = vec![J::Int(i64::from(self.year))];
        if let Some(m) = self.month {
            p.push(J::Int(i64::from(m)));
            if let Some(d) = self.day {
                p.push(J::Int(i64::from(d)));
            }
        }
        J::Arr(vec![J::Arr(p)])
    }
}

/// Reads a date as the article writes them: ISO (`2016-09-01`), day first with dots
/// (`23.11.2015`, `11.2015`), or words in any order (`2013, 04 December`, `July 16, 2007`,
/// `9 Apr. 2013`). `None` without a four-digit year.
pub fn parse_date(s: &str) -> Option<Ymd> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let s = s.trim();
    let num = |t: &str| t.parse::<u32>().ok();
    let valid = |y: u32, m: Option<u32>, d: Option<u32>| {
        let ok = (1000..=2999).contains(&y)
            && m.is_none_or(|m| (1..=12).contains(&m))
            && d.is_none_or(|d| (1..=31).contains(&d) && m.is_some());
        ok.then(|| Ymd {
            year: y as i32,
            month: m.map(|m| m as u8),
            day: d.map(|d| d as u8),
        })
    };
    // Numbers only: ISO with dashes, or day first with dots.
    if s.chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == '.')
    {
        let dash: Vec<&str> = s.split('-').collect();
        if dash.len() > 1 || s.len() == 4 {
            let y = num(dash[0])?;
            return valid(
                y,
                dash.get(1).and_then(|t| num(t)),
                dash.get(2).and_then(|t| num(t)),
            );
        }
        let dot: Vec<Option<u32>> = s.split('.').map(num).collect();
        return match dot.as_slice() {
            [Some(d), Some(m), Some(y)] => valid(*y, Some(*m), Some(*d)),
            [Some(m), Some(y)] => valid(*y, Some(*m), None),
            _ => None,
        };
    }
    // Words: a four-digit year, a month by name, a day of one or two digits.
    let (mut y, mut m, mut d) = (None, None, None);
    for t in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        let lower = t.to_lowercase();
        if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
            y = num(t);
        } else if t.len() <= 2 && t.chars().all(|c| c.is_ascii_digit()) {
            d = num(t);
        } else if let Some(k) = MONTHS.iter().position(|p| lower.starts_with(p)) {
            m = Some(k as u32 + 1);
        } else {
            return None;
        }
    }
    valid(y?, m, d.filter(|_| m.is_some()))
}

/// The locator, if it is a plain web address: `http` or `https`, a host name of ASCII
/// letters, digits, dots and hyphens (no user name, no look-alike letters), and a path, query
/// and fragment of the characters RFC 3986 allows unescaped, or letters beyond ASCII (which
/// [`link_target`] percent-encodes). Anything else (`javascript:`,
/// `file:`, a space, what is left of an escape sequence such as `]8;;`) is no address: it is
/// never a link, never opened, and the exports keep it as text.
pub fn web_url(locator: &str) -> Option<&str> {
    let l = locator.trim();
    let lower = l.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (name, port) = rest[..host_end]
        .split_once(':')
        .unwrap_or((&rest[..host_end], ""));
    let host = name.contains('.')
        && name
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        && port.bytes().all(|b| b.is_ascii_digit());
    let path = rest[host_end..].chars().all(|c| {
        c.is_ascii_alphanumeric()
            || "-._~:/?#@!$&'()*+,;=%".contains(c)
            || (!c.is_ascii() && !c.is_control() && !c.is_whitespace())
    });
    (host && path).then_some(l)
}

/// A web address as a link's target: every byte outside printable ASCII percent-encoded (the
/// visible text keeps the letters as written).
pub fn link_target(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_graphic() {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The key a reference is cited by in every format: `ref1`, `ref2`, ...
pub fn key(r: &Reference) -> String {
    format!("ref{}", r.number)
}

/// What the formats have no field for, one sentence each: the kind of source, the date and
/// the access date as given, a locator that is not a web address, other spellings, our note,
/// and what the article does not state outright.
fn notes(db: &Db, r: &Reference) -> Vec<String> {
    let mut out = vec![format!("Kind of source: {}.", r.kind.name())];
    if !r.date.is_empty() {
        out.push(format!("Date as given: {}.", r.date));
    }
    if !r.accessed.is_empty() {
        out.push(format!("Accessed (as given): {}.", r.accessed));
    }
    if !r.locator.is_empty() && web_url(&r.locator).is_none() {
        out.push(format!("Locator as given: {}.", r.locator));
    }
    if !r.aliases.is_empty() {
        out.push(format!(
            "Also written: {}.",
            crate::data::spellings(&r.aliases)
        ));
    }
    if !r.note.is_empty() {
        out.push(r.note.to_string());
    }
    for i in &r.inferred {
        out.push(format!("Not stated outright: {}.", i.describe()));
    }
    out.push(format!(
        "Reference [{}] of \u{201c}{}\u{201d} ({}), as restated by kazaf.",
        r.number, db.set.article.title, db.set.article.year
    ));
    out
}

/// BibLaTeX's special characters escaped: `{ } \ # $ % & ~ _ ^`.
fn bib(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '#' | '$' | '%' | '&' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// The BibLaTeX entry type of a kind of source.
fn bib_type(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::GovernmentWebsite | SourceKind::News => "online",
        SourceKind::Report => "report",
        SourceKind::Document | SourceKind::Speech | SourceKind::Other => "misc",
    }
}

/// How to cite the article itself, in one line: its title, city and year, and its subject
/// category, as its own record gives them.
pub fn article_record(db: &Db) -> String {
    let a = &db.set.article;
    format!(
        "{}. {}, {}. Category: {}.",
        a.title, a.city, a.year, a.category
    )
}

/// How to cite this dataset: what it restates, its size, and the program that reads it.
pub fn dataset_record(db: &Db) -> String {
    let s = &db.set;
    format!(
        "kazaf dataset: \u{201c}{}\u{201d} ({}), restated as {}, {} and {}, each claim with its \
         sources. Read with kazaf {}.",
        s.article.title,
        s.article.year,
        crate::data::plural(s.events.len(), "event"),
        crate::data::plural(s.figures.len(), "figure"),
        crate::data::plural(s.references.len(), "source"),
        env!("CARGO_PKG_VERSION")
    )
}

/// The article and the dataset as BibLaTeX entries (`article`, `dataset`).
pub fn records_bibtex(db: &Db) -> String {
    let a = &db.set.article;
    format!(
        "@misc{{article,\n  title = {{{}}},\n  location = {{{}}},\n  date = {{{}}},\n  note = {{Category: {}. The article as kazaf's dataset restates it.}},\n}}\n\n\
         @dataset{{dataset,\n  title = {{{}}},\n  version = {{{}}},\n  note = {{{}}},\n}}\n",
        bib(&a.title),
        bib(&a.city),
        a.year,
        bib(&a.category),
        bib(&format!("kazaf dataset: {}", a.title)),
        env!("CARGO_PKG_VERSION"),
        bib(&dataset_record(db)),
    )
}

/// One reference as a BibLaTeX entry.
pub fn bibtex_entry(db: &Db, r: &Reference) -> String {
    let mut fields: Vec<(&str, String)> = Vec::new();
    if !r.authors.is_empty() {
        // Braced: a name as given (an agency, "Kassenova"), not split into first and last.
        fields.push(("author", format!("{{{}}}", bib(&r.authors))));
    }
    fields.push(("title", bib(&r.title)));
    if !r.title_en.is_empty() {
        fields.push(("titleaddon", bib(&r.title_en)));
    }
    if !r.publisher.is_empty() {
        let f = if r.kind == SourceKind::Report {
            "institution"
        } else {
            "publisher"
        };
        fields.push((f, bib(&r.publisher)));
    }
    if r.kind == SourceKind::Report {
        fields.push(("type", "report".into()));
    }
    if r.kind == SourceKind::Speech {
        fields.push(("howpublished", "speech".into()));
    }
    if let Some(d) = parse_date(&r.date) {
        fields.push(("date", d.iso()));
    }
    if let Some(u) = web_url(&r.locator) {
        // Verbatim in BibLaTeX: not escaped.
        fields.push(("url", u.to_string()));
    }
    if let Some(d) = parse_date(&r.accessed) {
        fields.push(("urldate", d.iso()));
    }
    if !r.pages.is_empty() {
        fields.push(("pages", bib(&r.pages)));
    }
    fields.push(("note", bib(&notes(db, r).join(" "))));
    let mut out = format!("@{}{{{},\n", bib_type(r.kind), key(r));
    for (k, v) in fields {
        let _ = writeln!(out, "  {k} = {{{v}}},");
    }
    out.push_str("}\n");
    out
}

/// Every reference as BibLaTeX, with a comment naming where they come from, after the
/// article's own entry and the dataset's (how to cite them).
pub fn bibtex(db: &Db) -> String {
    let mut out = format!(
        "% The references of \u{201c}{}\u{201d} ({}), exported by kazaf; first, how to cite \
         the article and the dataset.\n\n",
        db.set.article.title, db.set.article.year
    );
    out.push_str(&records_bibtex(db));
    out.push('\n');
    for r in &db.set.references {
        out.push_str(&bibtex_entry(db, r));
        out.push('\n');
    }
    out
}

/// The CSL type of a kind of source.
fn csl_type(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::GovernmentWebsite => "webpage",
        SourceKind::News => "article-newspaper",
        SourceKind::Report => "report",
        SourceKind::Speech => "speech",
        SourceKind::Document | SourceKind::Other => "document",
    }
}

/// One reference as a CSL-JSON item.
pub fn csl_item(db: &Db, r: &Reference) -> J {
    let mut item = J::obj([
        ("id", J::s(key(r))),
        ("type", J::s(csl_type(r.kind))),
        ("citation-key", J::s(key(r))),
        // The English title where the article gives one, the original as `original-title`.
        ("title", J::s(r.display_title())),
    ]);
    if !r.title_en.is_empty() {
        item.set("original-title", J::s(r.title.as_str()));
    }
    if !r.authors.is_empty() {
        item.set(
            "author",
            J::Arr(vec![J::obj([("literal", J::s(r.authors.as_str()))])]),
        );
    }
    if !r.publisher.is_empty() {
        item.set("publisher", J::s(r.publisher.as_str()));
    }
    for (variable, given) in [("issued", &r.date), ("accessed", &r.accessed)] {
        if !given.is_empty() {
            // As date parts where it can be read, and as given (`raw`).
            let mut d = J::obj(Vec::<(&str, J)>::new());
            if let Some(p) = parse_date(given) {
                d.set("date-parts", p.parts());
            }
            d.set("raw", J::s(given.as_str()));
            item.set(variable, d);
        }
    }
    if let Some(u) = web_url(&r.locator) {
        item.set("URL", J::s(u));
    }
    if !r.pages.is_empty() {
        item.set("page", J::s(r.pages.as_str()));
    }
    item.set("note", J::s(notes(db, r).join("\n")));
    item
}

/// The article and the dataset as CSL-JSON items (`article`, `dataset`).
pub fn records_csl(db: &Db) -> [J; 2] {
    let a = &db.set.article;
    [
        J::obj([
            ("id", J::s("article")),
            ("type", J::s("document")),
            ("title", J::s(a.title.as_str())),
            ("publisher-place", J::s(a.city.as_str())),
            (
                "issued",
                J::obj([(
                    "date-parts",
                    J::Arr(vec![J::Arr(vec![J::Int(i64::from(a.year))])]),
                )]),
            ),
            (
                "note",
                J::s(format!(
                    "Category: {}. The article as kazaf's dataset restates it.",
                    a.category
                )),
            ),
        ]),
        J::obj([
            ("id", J::s("dataset")),
            ("type", J::s("dataset")),
            ("title", J::s(format!("kazaf dataset: {}", a.title))),
            ("version", J::s(env!("CARGO_PKG_VERSION"))),
            ("note", J::s(dataset_record(db))),
        ]),
    ]
}

/// The article's and the dataset's items, then every reference, as a CSL-JSON array.
pub fn csl_json(db: &Db) -> String {
    let mut items: Vec<J> = records_csl(db).into();
    items.extend(db.set.references.iter().map(|r| csl_item(db, r)));
    J::Arr(items).pretty()
}

/// The RIS type of a kind of source.
fn ris_type(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::GovernmentWebsite => "ELEC",
        SourceKind::News => "NEWS",
        SourceKind::Report => "RPRT",
        SourceKind::Document | SourceKind::Speech | SourceKind::Other => "GEN",
    }
}

/// One reference as a RIS record: `TY` first, `ER` last, one tag a line.
pub fn ris_entry(db: &Db, r: &Reference) -> String {
    let one_line = |s: &str| s.replace(['\n', '\r'], " ");
    let mut out = String::new();
    let mut tag = |t: &str, v: &str| {
        let _ = writeln!(out, "{t}  - {}", one_line(v));
    };
    tag("TY", ris_type(r.kind));
    tag("ID", &key(r));
    if !r.authors.is_empty() {
        tag("AU", &r.authors);
    }
    tag("TI", &r.title);
    if !r.title_en.is_empty() {
        tag("TT", &r.title_en);
    }
    if !r.publisher.is_empty() {
        tag("PB", &r.publisher);
    }
    if let Some(d) = parse_date(&r.date) {
        tag("PY", &format!("{:04}", d.year));
        tag(
            "DA",
            &format!(
                "{:04}/{}/{}/",
                d.year,
                d.month.map_or(String::new(), |m| format!("{m:02}")),
                d.day.map_or(String::new(), |x| format!("{x:02}"))
            ),
        );
    }
    if let Some(u) = web_url(&r.locator) {
        tag("UR", u);
    }
    if let Some(d) = parse_date(&r.accessed) {
        tag("Y2", &d.iso());
    }
    if !r.pages.is_empty() {
        tag("SP", &r.pages);
    }
    for n in notes(db, r) {
        tag("N1", &n);
    }
    out.push_str("ER  - \n");
    out
}

/// The article and the dataset as RIS records.
pub fn records_ris(db: &Db) -> String {
    let a = &db.set.article;
    format!(
        "TY  - GEN\nID  - article\nTI  - {}\nCY  - {}\nPY  - {}\nN1  - Category: {}.\nER  - \n\n\
         TY  - DATA\nID  - dataset\nTI  - kazaf dataset: {}\nET  - {}\nN1  - {}\nER  - \n",
        a.title,
        a.city,
        a.year,
        a.category,
        a.title,
        env!("CARGO_PKG_VERSION"),
        dataset_record(db)
    )
}

/// The article's and the dataset's records, then every reference, as RIS records, a blank
/// line between them.
pub fn ris(db: &Db) -> String {
    std::iter::once(records_ris(db))
        .chain(db.set.references.iter().map(|r| ris_entry(db, r)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::{Ymd, parse_date, web_url};

    fn ymd(year: i32, month: Option<u8>, day: Option<u8>) -> Ymd {
        Ymd { year, month, day }
    }

    #[test]
    fn the_articles_dates_are_read_at_their_precision() {
        assert_eq!(
            parse_date("2013, 04 December"),
            Some(ymd(2013, Some(12), Some(4)))
        );
        assert_eq!(
            parse_date("23.11.2015"),
            Some(ymd(2015, Some(11), Some(23)))
        );
        assert_eq!(parse_date("11.2015"), Some(ymd(2015, Some(11), None)));
        assert_eq!(
            parse_date("July 16, 2007"),
            Some(ymd(2007, Some(7), Some(16)))
        );
        assert_eq!(parse_date("9 Apr. 2013"), Some(ymd(2013, Some(4), Some(9))));
        assert_eq!(
            parse_date("20 FEBRUARY 2015"),
            Some(ymd(2015, Some(2), Some(20)))
        );
        assert_eq!(parse_date("2014"), Some(ymd(2014, None, None)));
        assert_eq!(parse_date("2016-09-01"), Some(ymd(2016, Some(9), Some(1))));
        assert_eq!(
            parse_date("20.05.2016").map(Ymd::iso).as_deref(),
            Some("2016-05-20")
        );
        for bad in [
            "",
            "soon",
            "32.01.2015",
            "13.2015",
            "2015-13",
            "12",
            "Spring 2015",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_link_target_is_printable_ascii() {
        assert_eq!(
            super::link_target("https://example.org/Казахстан.pdf"),
            "https://example.org/%D0%9A%D0%B0%D0%B7%D0%B0%D1%85%D1%81%D1%82%D0%B0%D0%BD.pdf"
        );
        assert_eq!(
            web_url("https://example.org/Казахстан.pdf"),
            Some("https://example.org/Казахстан.pdf")
        );
    }

    #[test]
    fn only_plain_web_addresses_are_urls() {
        assert_eq!(
            web_url("https://example.org/a"),
            Some("https://example.org/a")
        );
        assert_eq!(web_url(" http://x.kz/b.pdf "), Some("http://x.kz/b.pdf"));
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "5/2014/06/27/x.pdf",
            "https://",
            "https://exa mple.org",
            "https://example.org/\u{1b}]8;;x",
            "https://еxample.org",
            "https://a.example/]8;;https://evil.example/\\x",
            "https://user@evil.example/",
            "https://evil.example:80x/",
            "https://nodot/",
            "https://a..example/",
        ] {
            assert_eq!(web_url(bad), None, "{bad:?}");
        }
    }
}
