//! Tables whose columns are sized to their content: each column as wide as its widest cell
//! when the room allows; when it does not, the columns that may wrap (names, periods) give
//! way, widest first, down to a minimum, and their cells wrap onto more lines of the row. A
//! column that may not wrap (a value, a mark) is never cut while the wrapping ones can still
//! give. Pure arithmetic and line building, tested here; [`crate::draw::Cx::draw_rows`]
//! draws the rows.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text;

/// The gap between two columns.
pub const GAP: usize = 1;

/// One column: how wide its content is, and how it may give way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The widest cell (the heading included).
    pub natural: usize,
    /// The narrowest it may become by wrapping.
    pub min: usize,
    /// As wide as most of its cells (say nine in ten): a wrapping column gives way down to
    /// this first, so that one long cell wraps before every row of another column does.
    pub typical: usize,
    /// True if its cells may wrap onto more lines.
    pub wrap: bool,
    /// True to align its cells to the right (numbers).
    pub right: bool,
}

impl Column {
    /// A column of cells that must stay on one line.
    pub fn fixed(natural: usize) -> Column {
        Column {
            natural,
            min: natural,
            typical: natural,
            wrap: false,
            right: false,
        }
    }
    /// A column of cells that may wrap down to `min` cells.
    pub fn wrapping(natural: usize, min: usize) -> Column {
        Column {
            natural,
            min: min.min(natural),
            typical: natural,
            wrap: true,
            right: false,
        }
    }
    /// A wrapping column sized from its cells' widths: natural the widest, typical nine in
    /// ten fit whole, never below `min`.
    pub fn from_widths(mut cells: Vec<usize>, min: usize) -> Column {
        cells.sort_unstable();
        let natural = cells.last().copied().unwrap_or(0);
        let typical = cells
            .get(cells.len().saturating_sub(1) * 9 / 10)
            .copied()
            .unwrap_or(0);
        Column {
            typical: typical.max(min).min(natural),
            ..Column::wrapping(natural, min)
        }
    }
    /// The same column, aligned to the right.
    pub fn right(self) -> Column {
        Column {
            right: true,
            ..self
        }
    }
}

/// The widths of `cols` in `width` cells (gaps between them included): each its natural
/// width if all fit; else the wrapping columns shrink one cell at a time, the widest first,
/// down to their typical width, then down to their minimum; if that is not enough, every
/// column shrinks likewise (its cells are then cut). Never wider than `width` in total,
/// unless every column is one cell wide.
pub fn widths(cols: &[Column], width: usize) -> Vec<usize> {
    let mut w: Vec<usize> = cols.iter().map(|c| c.natural).collect();
    let gaps = GAP * cols.len().saturating_sub(1);
    let total = |w: &[usize]| w.iter().sum::<usize>() + gaps;
    let mut over = total(&w).saturating_sub(width);
    // The wrapping columns down to their typical width, then to their minimum; then
    // anything, down to one cell.
    for round in 0..3 {
        // How far a column may shrink in this round, if at all.
        let floor = |c: &Column| match round {
            0 => c.wrap.then_some(c.typical.max(c.min).max(1)),
            1 => c.wrap.then_some(c.min.max(1)),
            _ => Some(1),
        };
        while over > 0 {
            let pick = (0..cols.len())
                .filter(|&i| floor(&cols[i]).is_some_and(|min| w[i] > min))
                .max_by_key(|&i| (w[i], std::cmp::Reverse(i)));
            let Some(i) = pick else { break };
            w[i] -= 1;
            over -= 1;
        }
    }
    w
}

/// The lines of one table row: each cell's lines (already wrapped to its column, or to be
/// cut) laid side by side, padded to the column widths, as tall as the tallest cell.
pub fn row(cells: &[Vec<Line<'static>>], cols: &[Column], widths: &[usize]) -> Vec<Line<'static>> {
    let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    (0..height)
        .map(|j| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            for (k, (cell, w)) in cells.iter().zip(widths).enumerate() {
                if k > 0 {
                    spans.push(Span::raw(" ".repeat(GAP)));
                }
                let line = cell.get(j).cloned().unwrap_or_default();
                let line = cut(line, *w);
                let pad = " ".repeat(w.saturating_sub(line.width()));
                if cols.get(k).is_some_and(|c| c.right) {
                    spans.push(Span::raw(pad));
                    spans.extend(line.spans);
                } else {
                    spans.extend(line.spans);
                    spans.push(Span::raw(pad));
                }
            }
            Line::from(spans)
        })
        .collect()
}

/// A cell's text wrapped to `width` (a wrapping column) or left on one line.
pub fn cell(spans: Vec<Span<'static>>, width: usize, col: &Column) -> Vec<Line<'static>> {
    if col.wrap && Line::from(spans.clone()).width() > width {
        text::wrap(&spans, width, 0)
    } else {
        vec![Line::from(spans)]
    }
}

/// A cell of plain text in `style`.
pub fn plain(s: &str, style: Style, width: usize, col: &Column) -> Vec<Line<'static>> {
    cell(vec![Span::styled(s.to_string(), style)], width, col)
}

/// `line` cut to `width` cells, its last cell an ellipsis if it was cut.
fn cut(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut room = width;
    for s in line.spans {
        let w = text::width(&s.content);
        if w <= room.saturating_sub(1) {
            room -= w;
            out.push(s);
        } else {
            out.push(Span::styled(text::truncate(&s.content, room), s.style));
            break;
        }
    }
    Line::from(out)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn text_of(l: &Line) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn everything_natural_when_it_fits() {
        let cols = [
            Column::wrapping(20, 8),
            Column::fixed(10).right(),
            Column::fixed(4),
        ];
        assert_eq!(widths(&cols, 80), vec![20, 10, 4]);
        assert_eq!(widths(&cols, 36), vec![20, 10, 4]);
    }

    #[test]
    fn wrapping_columns_give_way_widest_first_and_values_stay_whole() {
        let cols = [
            Column::wrapping(40, 10),
            Column::fixed(19).right(),
            Column::wrapping(22, 8),
            Column::fixed(7),
        ];
        let w = widths(&cols, 78);
        assert_eq!(w.iter().sum::<usize>() + 3, 78);
        assert_eq!((w[1], w[3]), (19, 7), "values and marks are not cut");
        assert!(w[0] >= w[2], "{w:?}");
        // Too narrow for the minimums: everything shrinks, the total still fits.
        let w = widths(&cols, 30);
        assert_eq!(w.iter().sum::<usize>() + 3, 30);
    }

    #[test]
    fn a_rare_long_cell_wraps_before_every_row_of_another_column_does() {
        // Names mostly 20-29 wide; periods mostly 4-12, one of 22.
        let names = Column::from_widths(vec![20, 24, 29, 25, 22, 28, 27, 26, 21, 23], 12);
        let mut periods = vec![4, 12, 4, 10, 4, 12, 4, 4, 4, 4];
        periods.push(22);
        let periods = Column::from_widths(periods, 6);
        assert_eq!((periods.natural, periods.typical), (22, 12));
        let w = widths(&[names, Column::fixed(19).right(), periods], 62);
        // The long period wraps; nine names in ten stay whole.
        assert_eq!(w, vec![28, 19, 13]);
    }

    #[test]
    fn rows_pad_align_and_take_the_tallest_cell() {
        let cols = [Column::wrapping(12, 4), Column::fixed(6).right()];
        let w = widths(&cols, 12);
        assert_eq!(w, vec![5, 6]);
        let name = plain("Trade turnover", Style::default(), w[0], &cols[0]);
        let value = plain("336.7", Style::default(), w[1], &cols[1]);
        let lines = row(&[name, value], &cols, &w);
        let texts: Vec<String> = lines.iter().map(text_of).collect();
        assert_eq!(texts, vec!["Trade  336.7", "turno       ", "ver         "]);
    }

    proptest! {
        #[test]
        fn widths_never_exceed_the_room(
            nat in proptest::collection::vec((1usize..60, 0usize..30, any::<bool>()), 1..7),
            width in 0usize..200,
        ) {
            let cols: Vec<Column> = nat
                .iter()
                .map(|&(n, m, wrap)| if wrap { Column::wrapping(n, m) } else { Column::fixed(n) })
                .collect();
            let w = widths(&cols, width);
            let total = w.iter().sum::<usize>() + GAP * (cols.len() - 1);
            prop_assert!(total <= width.max(cols.len() * (1 + GAP) - GAP));
            for (c, x) in cols.iter().zip(&w) {
                prop_assert!(*x <= c.natural && *x >= 1);
            }
        }
    }
}
