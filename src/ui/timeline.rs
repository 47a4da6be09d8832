//! Pane 2, Timeline: the stages on a year axis, the entries of the selected stage, and the
//! selected entry in full with every cited source written out beneath it.
//!
//! ```text
//!  1992   1996   2000   2004   2008   2012   2016        ← year axis
//!  ├── First stage ──────┤                               ← one row per stage, so overlaps show
//!                        ├── Second stage ─────┤
//!                                              ├─ Third ┤
//! ┌◀ 1/4 First stage 1992–2003 ▶─┐┌ 12 February 1992 ─────────────────┐
//! │1992-02-12 Diplomatic relations││ diplomacy · Kabul · Astana         │
//! │1992       Visit of Hatef      ││ text … [1]                         │
//! │…                              ││ Sources                            │
//! └───────────────────────────────┘│ [1] Cooperation of the Republic …  │
//! ```
//! The stages sit on separate rows because the article's own stages overlap (2014 belongs to
//! the second and the third); drawing them on one row would hide that.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::text::{self, wrap};
use crate::app::{App, Target};
use crate::data::ItemRef;
use crate::data::model::StatementKind;

/// Years shown on the axis: the first stage's start to the last stage's end (or the article's
/// year), as a half-open range of years.
fn span(app: &App) -> (i32, i32) {
    let db = &app.db;
    let lo = db
        .set
        .stages
        .iter()
        .map(|s| s.start)
        .min()
        .unwrap_or(db.set.article.year);
    let hi = (0..db.set.stages.len())
        .map(|i| db.stage_end(i))
        .max()
        .unwrap_or(lo)
        .max(lo);
    (lo, hi + 1)
}

fn col(year: f64, lo: i32, hi: i32, width: usize) -> usize {
    let f = (year - f64::from(lo)) / f64::from((hi - lo).max(1));
    ((f * width as f64).floor().max(0.0) as usize).min(width.saturating_sub(1))
}

/// The year axis as lines: labels, one band per stage (the `selected` one emphasised), and a
/// row of event ticks.
pub fn axis_lines(app: &App, width: usize, selected: Option<usize>) -> Vec<Line<'static>> {
    let t = &app.opts.theme;
    let (lo, hi) = span(app);
    let years = (hi - lo).max(1) as usize;
    let width = width.max(1);
    // Label every `step` years so that labels (4 digits + a space) do not collide.
    let step = [1, 2, 4, 5, 10, 20, 25, 50, 100, 1000]
        .into_iter()
        .find(|s| width * s / years >= 6)
        .unwrap_or(1000);
    let mut labels = vec![' '; width];
    let mut y = lo;
    while y < hi {
        let c = col(f64::from(y), lo, hi, width);
        let s = y.to_string();
        if c + s.len() <= width {
            for (k, ch) in s.chars().enumerate() {
                labels[c + k] = ch;
            }
        }
        y += step as i32;
    }
    let mut out = vec![Line::styled(
        labels.into_iter().collect::<String>(),
        t.muted,
    )];
    let (h, l, r) = if app.opts.ascii {
        ('-', '|', '|')
    } else {
        ('─', '├', '┤')
    };
    for (i, s) in app.db.set.stages.iter().enumerate() {
        let a = col(f64::from(s.start), lo, hi, width);
        let b = col(f64::from(app.db.stage_end(i) + 1), lo, hi, width + 1)
            .max(a + 1)
            .min(width);
        let len = b - a;
        let name = format!(" {} {} ", s.name, app.db.stage_span(i));
        let name_w = text::width(&name);
        let mut style = t.stages[i % t.stages.len()];
        if selected == Some(i) {
            style = style.add_modifier(Modifier::BOLD);
        }
        let mark = if selected == Some(i) {
            if app.opts.ascii { ">" } else { "▶" }
        } else {
            " "
        };
        let mut spans = vec![Span::raw(" ".repeat(a.saturating_sub(1)))];
        if a > 0 {
            spans.push(Span::styled(mark, t.title));
        }
        let line = |n: usize| h.to_string().repeat(n);
        if len >= name_w + 2 {
            // The name fits inside the band.
            let fill = len - 2 - name_w;
            spans.push(Span::styled(
                format!("{l}{}{name}{}{r}", line(fill / 2), line(fill - fill / 2)),
                style,
            ));
        } else {
            // A short band: the name goes beside it, after if there is room, else before.
            let band = if len >= 2 {
                format!("{l}{}{r}", line(len - 2))
            } else {
                l.to_string()
            };
            if b + name_w <= width {
                spans.push(Span::styled(band, style));
                spans.push(Span::styled(name, t.muted));
            } else {
                let before = text::truncate(name.trim_start(), a.saturating_sub(1));
                let pad = a.saturating_sub(1 + text::width(&before));
                spans = vec![Span::raw(" ".repeat(pad)), Span::styled(before, t.muted)];
                if a > 0 {
                    spans.push(Span::styled(mark, t.title));
                }
                spans.push(Span::styled(band, style));
            }
        }
        if selected == Some(i) && a == 0 && b < width {
            spans.push(Span::styled(
                format!(" {}", if app.opts.ascii { "<" } else { "◀" }),
                t.title,
            ));
        }
        out.push(Line::from(spans));
    }
    // Event ticks: how many events fall in each column.
    let mut counts = vec![0usize; width];
    for &(year, month, n) in &app.month_counts {
        let x = f64::from(year) + month.map_or(0.5, |m| (f64::from(m) - 0.5) / 12.0);
        if year >= lo && year < hi {
            counts[col(x, lo, hi, width)] += n;
        }
    }
    let ticks: String = counts
        .iter()
        .map(|&n| match n {
            0 => ' ',
            1 => {
                if app.opts.ascii {
                    '*'
                } else {
                    '▲'
                }
            }
            2..=9 => char::from_digit(n as u32, 10).unwrap_or('+'),
            _ => '+',
        })
        .collect();
    out.push(Line::styled(ticks, t.muted));
    out
}

/// The list row for a timeline entry.
pub fn entry_row(app: &App, item: ItemRef, width: usize) -> Line<'static> {
    let t = &app.opts.theme;
    let db = &app.db;
    let warn = if db.warned.contains(&item) {
        format!("{} ", app.warn_mark())
    } else {
        String::new()
    };
    let (lead, title) = match item {
        ItemRef::Event(i) => (
            format!("{:<10} ", db.set.events[i].date),
            db.set.events[i].title.to_string(),
        ),
        ItemRef::Document(i) => (
            format!("{:<10} ", "§ document"),
            db.set.documents[i].title.to_string(),
        ),
        ItemRef::Note(i) => (
            format!("{}: ", db.set.notes[i].topic),
            db.set.notes[i].title.to_string(),
        ),
        ItemRef::Statement(i) => {
            let st = &db.set.statements[i];
            let who = db
                .person(&st.speaker)
                .map_or(st.speaker.as_str(), |p| p.name.as_str());
            let mark = match st.kind {
                StatementKind::Quote => {
                    if app.opts.ascii {
                        "\" "
                    } else {
                        "❝ "
                    }
                }
                StatementKind::Paraphrase => "~ ",
            };
            (format!("{mark}{who}: "), st.text.to_string())
        }
        other => (String::new(), db.title(other)),
    };
    let lead = text::truncate(&lead, width);
    let rest = width.saturating_sub(text::width(&lead) + text::width(&warn));
    let mut spans = vec![Span::styled(lead, t.muted), Span::styled(warn, t.warn)];
    spans.extend(app.hl(&text::truncate(&title, rest), t.base));
    Line::from(spans)
}

/// Names of the places and people an entry names.
fn names(
    app: &App,
    places: &[crate::data::model::Text],
    people: &[crate::data::model::Text],
) -> (Vec<String>, Vec<String>) {
    let db = &app.db;
    (
        places
            .iter()
            .filter_map(|p| db.place(p))
            .map(|p| p.name.to_string())
            .collect(),
        people
            .iter()
            .filter_map(|p| db.person(p))
            .map(|p| format!("{} ({})", p.name, p.role))
            .collect(),
    )
}

/// The detail of an entry: its lines, and the line where each cited source starts.
pub fn detail_lines(app: &App, item: ItemRef, width: usize) -> (Vec<Line<'static>>, Vec<usize>) {
    let t = &app.opts.theme;
    let db = &app.db;
    let s = &db.set;
    let mut out: Vec<Line<'static>> = Vec::new();
    let cursor = app.view.cursor;
    let field = |out: &mut Vec<Line<'static>>, label: &str, value: &str| {
        if !value.is_empty() {
            let mut spans = vec![Span::styled(format!("{label}: "), t.muted)];
            spans.extend(app.hl(value, t.base));
            out.extend(wrap(&spans, width, 2));
        }
    };
    let mut body: Vec<Span<'static>> = Vec::new();
    match item {
        ItemRef::Event(i) => {
            let e = &s.events[i];
            let d = db.dates[i];
            out.push(Line::from(vec![
                Span::styled(d.to_string(), t.title),
                Span::styled(
                    format!("  ({} precision) · {}", d.precision(), e.category.name()),
                    t.muted,
                ),
            ]));
            if let Some(si) = db.stage_index(&e.stage) {
                field(
                    &mut out,
                    "told under",
                    &format!("{} ({})", s.stages[si].name, db.stage_span(si)),
                );
            }
            if db.warned.contains(&item) {
                out.extend(wrap(
                    &[Span::styled(
                        format!(
                            "{} dated outside the years of that stage (see Audit)",
                            app.warn_mark()
                        ),
                        t.warn,
                    )],
                    width,
                    2,
                ));
            }
            let (places, people) = names(app, &e.places, &e.people);
            field(&mut out, "places", &places.join(", "));
            field(&mut out, "people", &people.join("; "));
            out.push(Line::raw(""));
            body.extend(app.hl(&e.title, t.base.add_modifier(Modifier::BOLD)));
            body.push(Span::raw(". "));
            body.extend(app.hl(&e.text, t.base));
        }
        ItemRef::Document(i) => {
            let d = &s.documents[i];
            out.push(Line::styled(format!("§ {}", d.kind.name()), t.title));
            if let Some(si) = db.stage_index(&d.stage) {
                field(
                    &mut out,
                    "told under",
                    &format!("{} ({})", s.stages[si].name, db.stage_span(si)),
                );
            }
            if let Some(ev) = d.event.as_ref().and_then(|id| db.event_index(id)) {
                field(
                    &mut out,
                    "signed",
                    &format!("{} — {}", db.dates[ev], s.events[ev].title),
                );
            }
            out.push(Line::raw(""));
            body.extend(app.hl(&d.title, t.base));
        }
        ItemRef::Statement(i) => {
            let st = &s.statements[i];
            let who = db.person(&st.speaker);
            out.push(Line::styled(
                match st.kind {
                    StatementKind::Quote => "Quotation",
                    StatementKind::Paraphrase => "Paraphrase (our words)",
                },
                t.title,
            ));
            if let Some(p) = who {
                field(&mut out, "speaker", &format!("{}, {}", p.name, p.role));
            }
            if let Some(ev) = st.event.as_ref().and_then(|id| db.event_index(id)) {
                field(
                    &mut out,
                    "when",
                    &format!("{} — {}", db.dates[ev], s.events[ev].title),
                );
            }
            out.push(Line::raw(""));
            match st.kind {
                StatementKind::Quote => {
                    body.push(Span::styled("“", t.quote));
                    body.extend(app.hl(&st.text, t.quote));
                    body.push(Span::styled("”", t.quote));
                }
                StatementKind::Paraphrase => body.extend(app.hl(&st.text, t.base)),
            }
        }
        ItemRef::Note(i) => {
            let n = &s.notes[i];
            out.push(Line::styled(n.topic.to_string(), t.title));
            let (places, people) = names(app, &n.places, &n.people);
            field(&mut out, "places", &places.join(", "));
            field(&mut out, "people", &people.join("; "));
            out.push(Line::raw(""));
            body.extend(app.hl(&n.title, t.base.add_modifier(Modifier::BOLD)));
            body.push(Span::raw(". "));
            body.extend(app.hl(&n.text, t.base));
            if !n.at.is_empty() {
                body.push(Span::styled(format!(" ({})", n.at), t.muted));
            }
        }
        other => body.push(Span::raw(db.title(other))),
    }
    let cites = db.cites(item);
    if !cites.is_empty() {
        body.push(Span::raw(" "));
        body.extend(app.cite_spans(cites, cursor));
    }
    out.extend(wrap(&body, width, 0));
    // Statements said at this event.
    if let ItemRef::Event(i) = item {
        for st in s
            .statements
            .iter()
            .filter(|st| st.event.as_deref() == Some(s.events[i].id.as_str()))
        {
            let who = db
                .person(&st.speaker)
                .map_or(st.speaker.as_str(), |p| p.name.as_str());
            out.push(Line::raw(""));
            let mut spans = vec![Span::styled(format!("{who}: "), t.muted)];
            match st.kind {
                StatementKind::Quote => spans.push(Span::styled(format!("“{}”", st.text), t.quote)),
                StatementKind::Paraphrase => {
                    spans.push(Span::raw(format!("{} (paraphrase)", st.text)));
                }
            }
            spans.push(Span::raw(" "));
            spans.extend(app.cite_spans(&st.cites, None));
            out.extend(wrap(&spans, width, 2));
        }
        for d in s
            .documents
            .iter()
            .filter(|d| d.event.as_deref() == Some(s.events[i].id.as_str()))
        {
            out.extend(wrap(
                &[
                    Span::styled("signed: ", t.muted),
                    Span::raw(format!("§ {}", d.title)),
                ],
                width,
                2,
            ));
        }
    }
    let mut starts = Vec::new();
    if cites.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled(
            "The article cites no source for this.",
            t.muted,
        ));
    } else {
        out.push(Line::raw(""));
        let rule = if app.opts.ascii { "-" } else { "─" };
        let head = format!("{} Sources ", rule.repeat(2));
        let fill = rule.repeat(width.saturating_sub(text::width(&head)));
        out.push(Line::styled(format!("{head}{fill}"), t.muted));
        for (k, &n) in cites.iter().enumerate() {
            starts.push(out.len());
            out.extend(app.source_lines(n, width, cursor == Some(k)));
        }
    }
    (out, starts)
}

/// Draws the Timeline pane.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let axis_h = if area.height >= 20 {
        app.db.set.stages.len() as u16 + 2
    } else {
        0
    };
    let [axis, main] = area.layout(&Layout::vertical([
        Constraint::Length(axis_h),
        Constraint::Min(0),
    ]));
    if axis_h > 0 {
        let inner = Rect {
            x: axis.x + 1,
            width: axis.width.saturating_sub(2),
            ..axis
        };
        let sel = (!app.in_analysis()).then_some(app.view.section);
        for (k, line) in axis_lines(app, inner.width as usize, sel)
            .iter()
            .enumerate()
            .take(axis.height as usize)
        {
            text::put_line(buf, inner.x, inner.y + k as u16, line, inner.width);
        }
    }
    let list_w = (main.width * 2 / 5).clamp(24, 60);
    let [left, right] = main.layout(&Layout::horizontal([
        Constraint::Length(list_w),
        Constraint::Min(0),
    ]));
    let n_sec = app.sections.len();
    let sec = app.view.section;
    let title = if app.in_analysis() {
        "Analysis & statements".to_string()
    } else if let Some(s) = app.db.set.stages.get(sec) {
        format!("{} {}", s.name, app.db.stage_span(sec))
    } else {
        "No stages".to_string()
    };
    let (lt, rt) = if app.opts.ascii {
        ("<", ">")
    } else {
        ("◀", "▶")
    };
    let block = app.block(
        text::truncate(
            &format!("{lt} {}/{n_sec} {title} {rt}", (sec + 1).min(n_sec)),
            list_w.saturating_sub(4) as usize,
        ),
        app.view.cursor.is_none(),
    );
    let inner = block.inner(left);
    block.render(left, buf);
    let entries: &[ItemRef] = app.sections.get(sec).map_or(&[], Vec::as_slice);
    if entries.is_empty() {
        buf.set_string(
            inner.x,
            inner.y,
            "(nothing in this section)",
            app.opts.theme.muted,
        );
    }
    app.draw_list(inner, buf, entries.len(), Some(app.selected()), &|i, w| {
        entry_row(app, entries[i], w)
    });

    let Some(item) = app.entry() else {
        app.block("", false).render(right, buf);
        return;
    };
    let head = match item {
        ItemRef::Event(i) => app.db.set.events[i].title.to_string(),
        ItemRef::Document(_) => "Legal framework".into(),
        ItemRef::Statement(_) => "Statement".into(),
        ItemRef::Note(i) => app.db.set.notes[i].title.to_string(),
        other => app.db.title(other),
    };
    let block = app.block(
        text::truncate(&head, right.width.saturating_sub(4) as usize),
        app.view.cursor.is_some(),
    );
    let inner = block.inner(right);
    block.render(right, buf);
    let (lines, starts) = detail_lines(app, item, inner.width as usize);
    let focus = app.view.cursor.and_then(|c| starts.get(c).copied());
    let links: Vec<(usize, usize)> = starts.iter().enumerate().map(|(k, &l)| (l, k)).collect();
    app.draw_lines(inner, buf, &lines, focus, &links);
    if let Some(Target::Cite(_)) = app.target() {
        let hint = " Enter preview · o open · Esc leave ";
        let w = text::width(hint) as u16;
        if w + 2 < right.width {
            buf.set_string(right.x + 2, right.bottom() - 1, hint, app.opts.theme.key);
        }
    }
}
