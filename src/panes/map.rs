//! Pane 5, Map: the places of the dataset on a map zoomed to the region they span, with the
//! items tied to the selected place as links.
//!
//! ```text
//! ┌ Places (9) ───────┐┌ Map 40–95°E, 25–57°N ────────────────────────────────┐
//! │1 Astana   12 tied ││        ⣀⡠⠤⠒⠊⠉⠉⠑⠒⠤⢄⡀      1 Astana                      │
//! │2 Kabul     9 tied ││     ⡔⠁     4 Kazakhstan                               │
//! ├ Tied to Astana ───┤│                   3 Almaty                           │
//! │event  2007 IGC …  ││            2 Kabul 5                                 │
//! │                   ││ Not labelled: 5 Afghanistan                          │
//! └───────────────────┘└──────────────────────────────────────────────────────┘
//! ```
//! Every place is drawn as its number in the Places list, with its name beside it where
//! the name fits without covering another; a place whose name does not fit is listed under
//! the map by number, so no place is left unnamed. The selected place always carries its
//! name, and countries are named before cities.
//!
//! ratatui's built-in world map is a cloud of coastline points with no borders and few points
//! in Central Asia, so a dataset may carry simplified country outlines (Natural Earth), drawn
//! as lines over it; a dataset without them gets the embedded world outlines
//! ([`crate::data::world`]) instead.

use std::rc::Rc;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Line as CLine, Map as WorldMap, MapResolution};

use super::{Common, Narrow, Pane, Rows, Selection, Spot, Target, item_targets};
use crate::data::{Db, ItemRef, fmt_lat, fmt_lon};
use crate::draw::Cx;
use crate::draw::text;

/// Map: the selected row of the Places list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Map {
    place: Selection,
    /// Under the stage filter: the stage, and for every place the stage's items tied to it
    /// (the list shows only the places with some).
    stage: Option<(usize, Rc<[Vec<ItemRef>]>)>,
    /// The filter in place, over the places.
    narrow: Option<Narrow>,
    /// The places listed, after both filters.
    rows: Rows,
}

impl Map {
    /// The Map pane, at the first place.
    pub fn new(_db: &Db, _common: &Common) -> Map {
        Map::default()
    }

    /// The place on row `row` of the list.
    fn place_at(&self, db: &Db, row: usize) -> Option<usize> {
        self.rows.at(row, db.set.places.len())
    }

    /// The row place `p` is listed on, if it is.
    fn row_of(&self, db: &Db, p: usize) -> Option<usize> {
        self.rows.row_of(p, db.set.places.len())
    }

    /// The items tied to place `p`: all, or under the stage filter the stage's.
    fn items<'a>(&'a self, db: &'a Db, p: usize) -> &'a [ItemRef] {
        match &self.stage {
            Some((_, items)) => items.get(p).map_or(&[], Vec::as_slice),
            None => db.place_items.get(p).map_or(&[], Vec::as_slice),
        }
    }

    /// Lists the places both filters keep; the selected place stays selected where it is
    /// still listed.
    fn relist(&mut self, db: &Db, place: Option<usize>) {
        let n = db.set.places.len();
        self.rows = if self.stage.is_none() && self.narrow.is_none() {
            Rows::all()
        } else {
            Rows::of((0..n).filter(|&p| {
                (self.stage.is_none() || !self.items(db, p).is_empty())
                    && Narrow::keeps(self.narrow.as_ref(), p)
            }))
        };
        self.place = Selection::at(place.and_then(|p| self.row_of(db, p)).unwrap_or(0));
    }
}

impl Pane for Map {
    fn len(&self, db: &Db) -> usize {
        self.rows.len(db.set.places.len())
    }

    fn set_stage(&mut self, db: &Db, stage: Option<usize>) {
        let place = self.place_at(db, self.place.index());
        self.stage = stage.map(|s| {
            let items: Vec<Vec<ItemRef>> = db
                .place_items
                .iter()
                .map(|v| v.iter().copied().filter(|&it| db.in_stage(it, s)).collect())
                .collect();
            (s, Rc::from(items))
        });
        self.relist(db, place);
    }

    fn selected_item(&self, db: &Db) -> Option<ItemRef> {
        self.place_at(db, self.place.index()).map(ItemRef::Place)
    }

    fn set_filter(&mut self, db: &Db, filter: Option<(&str, &dyn Fn(ItemRef) -> bool)>) {
        let place = self.place_at(db, self.place.index());
        self.narrow = Narrow::new(filter, db.set.places.len(), ItemRef::Place);
        self.relist(db, place);
    }

    fn filters(&self) -> bool {
        true
    }

    fn filter(&self) -> Option<&str> {
        self.narrow.as_ref().map(|n| n.query.as_str())
    }

    fn selection(&self) -> Option<Selection> {
        Some(self.place)
    }

    fn selection_mut(&mut self) -> Option<&mut Selection> {
        Some(&mut self.place)
    }

    fn targets(&self, db: &Db) -> Vec<Target> {
        self.place_at(db, self.place.index())
            .map(|p| item_targets(self.items(db, p)))
            .unwrap_or_default()
    }

    fn spots(&self, db: &Db, add: &mut dyn FnMut(ItemRef, Spot)) {
        for i in 0..db.set.places.len() {
            add(
                ItemRef::Place(i),
                Spot {
                    list: 0,
                    row: Some(i),
                },
            );
        }
    }

    fn show(&mut self, spot: Spot) -> bool {
        // A spot names a place; under a filter it is listed on another row, or not at all (a
        // jump to a place outside the stage turns the stage filter off first).
        match spot.row {
            Some(p) => match self.rows.row_of(p, usize::MAX) {
                Some(row) => {
                    self.place = Selection::at(row);
                    true
                }
                None => false,
            },
            None => true,
        }
    }

    fn check(&self, db: &Db) -> Result<(), String> {
        if self.place.fits(self.len(db)) {
            Ok(())
        } else {
            Err("place out of range".into())
        }
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        draw(self, cx, area, buf);
    }
}

/// The lon/lat window to show for an area of `w`×`h` cells: the places' bounding box with a
/// margin, widened so that a degree looks the same on both axes.
pub fn window(db: &Db, w: u16, h: u16) -> ([f64; 2], [f64; 2]) {
    let places = &db.set.places;
    let (mut x0, mut x1, mut y0, mut y1) = places.iter().fold(
        (
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ),
        |(a, b, c, d), p| (a.min(p.lon), b.max(p.lon), c.min(p.lat), d.max(p.lat)),
    );
    if !x0.is_finite() {
        (x0, x1, y0, y1) = (-180.0, 180.0, -60.0, 80.0);
    }
    // Margin: a third of the span each way, at least 8 degrees.
    let mx = ((x1 - x0) / 3.0).max(8.0);
    let my = ((y1 - y0) / 3.0).max(6.0);
    (x0, x1, y0, y1) = (x0 - mx, x1 + mx, y0 - my, y1 + my);
    // Cells are about twice as tall as wide; a degree of longitude shrinks with cos(latitude).
    let mid = libm::cos(f64::midpoint(y0, y1).to_radians()).max(0.2);
    let (w, h) = (f64::from(w.max(1)), f64::from(h.max(1)) * 2.0);
    let (lon_span, lat_span) = (x1 - x0, y1 - y0);
    let want_lon = lat_span * (w / h) / mid;
    if want_lon > lon_span {
        let extra = (want_lon - lon_span) / 2.0;
        (x0, x1) = (x0 - extra, x1 + extra);
    } else {
        let want_lat = lon_span * mid * (h / w);
        let extra = (want_lat - lat_span) / 2.0;
        (y0, y1) = (y0 - extra, y1 + extra);
    }
    (
        [x0.max(-180.0), x1.min(180.0)],
        [y0.max(-90.0), y1.min(90.0)],
    )
}

fn draw(pane: &Map, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let t = cx.theme;
    let db = cx.db;
    let row = pane.place.index();
    // The selected place (`usize::MAX` when the filtered list is empty).
    let selected = pane.place_at(db, row).unwrap_or(usize::MAX);
    let rows = pane.len(db);
    let side_w = (area.width / 3).clamp(26, 48);
    let [side, map_area] = area.layout(&Layout::horizontal([
        Constraint::Length(side_w),
        Constraint::Min(0),
    ]));
    let n = db.set.places.len();
    let list_h = (rows as u16 + 2)
        .min(side.height / 2)
        .max(3.min(side.height));
    let [list_area, items_area] = side.layout(&Layout::vertical([
        Constraint::Length(list_h),
        Constraint::Min(0),
    ]));

    let title = match (pane.filter(), cx.stage) {
        (Some(q), _) => format!("Places {rows} of {n} “{q}”"),
        (None, Some(_)) => format!("Places ({rows} of {n} in stage)"),
        (None, None) => format!("Places ({n})"),
    };
    let block = cx.block(
        text::truncate(&title, side_w.saturating_sub(4) as usize),
        cx.cursor.is_none(),
    );
    let inner = block.inner(list_area);
    block.render(list_area, buf);
    if rows == 0 {
        let why = if pane.filter().is_some() {
            "(no place matches the filter; Esc clears it)"
        } else {
            "(no place is tied to this stage)"
        };
        cx.placeholder(inner, buf, why);
    }
    cx.draw_list(inner, buf, rows, Some(row), &|r, w| {
        let i = pane.place_at(db, r).unwrap_or(0);
        let p = &db.set.places[i];
        let count = pane.items(db, i).len();
        // How many items are tied to the place (the panel below lists them).
        let tail = if cx.stage.is_some() {
            format!(" {count} in stage")
        } else {
            format!(" {count} tied")
        };
        // The number the map marks the place with.
        let number = format!("{:>nw$} ", i + 1, nw = n.to_string().len());
        let name = format!("{}{}", p.name, cx.inferred_mark(ItemRef::Place(i)));
        let name = text::truncate(&name, w.saturating_sub(tail.len() + number.len()));
        let pad = " ".repeat(w.saturating_sub(text::width(&name) + tail.len() + number.len()));
        let mut spans = vec![Span::styled(number, t.place)];
        spans.extend(cx.hl(&name, t.base));
        spans.push(Span::raw(pad));
        spans.push(Span::styled(tail, t.muted));
        Line::from(spans)
    });

    let place = db.set.places.get(selected);
    let title = place.map_or_else(|| "Tied to".to_string(), |p| format!("Tied to {}", p.name));
    let block = cx.block(
        text::truncate(&title, side_w.saturating_sub(4) as usize),
        cx.cursor.is_some(),
    );
    let inner = block.inner(items_area);
    block.render(items_area, buf);
    let mut lines = Vec::new();
    let mut links = Vec::new();
    if let Some(p) = place {
        lines.push(Line::styled(
            text::truncate(
                &format!(
                    "{}, {} · {} {}{}",
                    p.kind,
                    p.country,
                    fmt_lat(p.lat, 1),
                    fmt_lon(p.lon, 1),
                    cx.inferred_mark(ItemRef::Place(selected))
                ),
                inner.width as usize,
            ),
            t.muted,
        ));
        if !p.aliases.is_empty() {
            lines.extend(text::wrap(
                &[Span::styled(
                    format!("also written: {}", crate::data::spellings(&p.aliases)),
                    t.muted,
                )],
                inner.width as usize,
                2,
            ));
        }
        let items = pane.items(db, selected);
        if items.is_empty() {
            lines.push(Line::styled("nothing in the data is tied here", t.muted));
        }
        // Only the rows in view are built: a place may have thousands of items.
        let h = inner.height as usize;
        let inferred = cx.inference_lines(ItemRef::Place(selected), inner.width as usize);
        let len = lines.len() + items.len() + inferred.len();
        let off = cx.lines_offset(len, h, cx.cursor.map(|c| c + 1));
        for (k, &item) in items.iter().enumerate() {
            links.push((lines.len(), k));
            lines.push(if (off..off + h).contains(&lines.len()) {
                cx.link_row(item, inner.width as usize, cx.cursor == Some(k))
            } else {
                Line::default()
            });
        }
        // After the links, so that the cursor's line is still the link's index plus one.
        lines.extend(inferred);
    }
    let focus = cx.cursor.map(|c| c + 1);
    cx.draw_lines(inner, buf, &lines, focus, &links);

    let block = cx.block("", false);
    let inner = block.inner(map_area);
    let (xb, yb) = window(db, inner.width, inner.height);
    let title = format!(
        "Map {}–{}, {}–{}",
        fmt_lon(xb[0], 0),
        fmt_lon(xb[1], 0),
        fmt_lat(yb[0], 0),
        fmt_lat(yb[1], 0)
    );
    let block = cx.block(title, false);
    let marker = if cx.sym.ascii {
        Marker::Dot
    } else {
        Marker::Braille
    };
    // Label placement in cell space (as the canvas maps labels: truncating), first come first
    // served, the selected place first.
    let to_cell = |lon: f64, lat: f64| -> (i32, i32) {
        let x = (lon - xb[0]) / (xb[1] - xb[0]) * f64::from(inner.width.saturating_sub(1));
        let y = (yb[1] - lat) / (yb[1] - yb[0]) * f64::from(inner.height.saturating_sub(1));
        (x.floor() as i32, y.floor() as i32)
    };
    let cells: Vec<(i32, i32)> = db
        .set
        .places
        .iter()
        .map(|p| to_cell(p.lon, p.lat))
        .collect();
    // The selected place first, then countries, then by how much is tied to the place.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| {
        (
            i != selected,
            !db.set.places[i].kind.eq_ignore_ascii_case("country"),
            std::cmp::Reverse(db.place_items[i].len()),
        )
    });
    let names: Vec<&str> = db.set.places.iter().map(|p| p.name.as_str()).collect();
    let placed = place_labels(&cells, &names, &order, inner.width, inner.height);
    let outlines = &db.set.map.outlines;
    let world = if outlines.is_empty() {
        crate::data::world::outlines()
    } else {
        &[]
    };
    Canvas::default()
        .block(block)
        .marker(marker)
        .x_bounds(xb)
        .y_bounds(yb)
        .paint(|ctx| {
            if !outlines.is_empty() {
                // ratatui's coastline points give the world around the dataset's outlines,
                // which are drawn over them.
                // Low resolution at every size: the high one's table of points was 82 KB of a
                // binary held under 3 MiB (BENCHMARKS.md); behind the dataset's own outlines
                // the coast needs no more.
                ctx.draw(&WorldMap {
                    resolution: MapResolution::Low,
                    color: t.coast.fg.unwrap_or_default(),
                });
                ctx.layer();
            }
            let color = t.outline.fg.unwrap_or_default();
            let mut polyline = |points: &[(f64, f64)]| {
                for w in points.windows(2) {
                    ctx.draw(&CLine {
                        x1: w[0].0,
                        y1: w[0].1,
                        x2: w[1].0,
                        y2: w[1].1,
                        color,
                    });
                }
            };
            for line in outlines.iter().flat_map(|o| &o.lines) {
                polyline(line);
            }
            for l in world.iter().filter(|l| l.reaches(xb, yb)) {
                polyline(&l.points);
            }
        })
        .render(map_area, buf);
    if cx.sym.ascii {
        for y in inner.top()..inner.bottom() {
            for x in inner.left()..inner.right() {
                let cell = &mut buf[(x, y)];
                if cell.symbol() == "•" {
                    cell.set_symbol(".");
                }
            }
        }
    }
    // Markers and names over the map, the selected place's last (on top); a click on either
    // selects the place.
    let mut hm = cx.hits.borrow_mut();
    let mut unnamed: Vec<usize> = Vec::new();
    // First a blank cell each side of every marker and name, so the map's dots do not run
    // into them; then the markers and names.
    let inside = |x: i32, y: i32| {
        (0..i32::from(inner.width)).contains(&x) && (0..i32::from(inner.height)).contains(&y)
    };
    for (i, pl) in placed.iter().enumerate() {
        let Some(pl) = pl else { continue };
        let mut spans = vec![(pl.x, pl.y, (i + 1).to_string().len() as i32)];
        if let Some(l) = pl.name {
            spans.push((l.x, l.y, text::width(&l.text(i, names[i])) as i32));
        }
        for (x, y, w) in spans {
            for c in [x - 1, x + w] {
                if inside(c, y) {
                    buf[(inner.x + c as u16, inner.y + y as u16)].set_symbol(" ");
                }
            }
        }
    }
    for &i in order.iter().rev() {
        let Some(pl) = &placed[i] else { continue };
        // Places a filter leaves out of the list are dimmed.
        let listed = pane.row_of(db, i);
        let style = if i == selected {
            t.place_selected
        } else if listed.is_none() {
            t.outside
        } else {
            t.place
        };
        let mut put = |x: i32, y: i32, s: &str| {
            let w = text::width(s) as i32;
            if inside(x, y) && inside(x + w - 1, y) {
                let r = Rect::new(inner.x + x as u16, inner.y + y as u16, w as u16, 1);
                buf.set_string(r.x, r.y, s, style);
                if let Some(row) = listed {
                    hm.rows.push((r, row));
                }
            }
        };
        put(pl.x, pl.y, &(i + 1).to_string());
        match pl.name {
            Some(l) => put(l.x, l.y, &l.text(i, names[i])),
            None => unnamed.push(i),
        }
    }
    drop(hm);
    unnamed.sort_unstable();
    let mut bottom = inner.bottom();
    let attribution = if outlines.is_empty() {
        crate::data::world::ATTRIBUTION
    } else {
        db.set.map.attribution.as_str()
    };
    if !attribution.is_empty() && inner.height > 4 {
        bottom -= 1;
        let a = text::truncate(attribution, inner.width as usize);
        buf.set_string(inner.x, bottom, a, t.muted);
    }
    if !unnamed.is_empty() && inner.height > 6 {
        // The places whose names did not fit, by number: the map's legend.
        let mut spans = vec![Span::styled("Not labelled: ", t.muted)];
        for (k, &i) in unnamed.iter().enumerate() {
            if k > 0 {
                spans.push(Span::styled(" · ", t.muted));
            }
            let style = if i == selected {
                t.place_selected
            } else {
                t.place
            };
            spans.push(Span::styled(format!("{} {}", i + 1, names[i]), style));
        }
        let lines = text::wrap(&spans, inner.width as usize, 2);
        let h = lines.len().min(3) as u16;
        for (k, l) in lines.iter().take(h as usize).enumerate() {
            let y = bottom - h + k as u16;
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), t.base);
            for x in inner.left()..inner.right() {
                buf[(x, y)].set_symbol(" ");
            }
            text::put_line(buf, inner.x, y, l, inner.width);
        }
    }
}

/// Where a place's marker (its number) and name go, in cells of the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    /// The marker's first column.
    pub x: i32,
    /// The row of the marker and the name.
    pub y: i32,
    /// Where the name goes, if it fits without covering a marker or another name.
    pub name: Option<Label>,
}

/// Where a place's name goes: beside its marker, or on a row next to it with the number
/// repeated ("8 Kunduz"), so that it still says which marker it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    /// The first column.
    pub x: i32,
    /// The row.
    pub y: i32,
    /// True if the label starts with the place's number.
    pub numbered: bool,
}

impl Label {
    /// The label's width for a number of `len` cells and a name of `nw`.
    fn width(&self, len: i32, nw: i32) -> i32 {
        if self.numbered { len + 1 + nw } else { nw }
    }

    /// The label's text for place `i` named `name`.
    pub fn text(&self, i: usize, name: &str) -> String {
        if self.numbered {
            format!("{} {name}", i + 1)
        } else {
            name.to_string()
        }
    }
}

/// Places markers and names on a `w`×`h` map: every place's number at its cell (moved a cell
/// or two if another marker is there), then the names in `order`, each right of its marker or
/// else left of it, where it covers no marker and no name already placed. The first in
/// `order` (the selected place) gets its name whatever it covers. `None` for a place off the
/// map.
pub fn place_labels(
    cells: &[(i32, i32)],
    names: &[&str],
    order: &[usize],
    w: u16,
    h: u16,
) -> Vec<Option<Placed>> {
    let (w, h) = (i32::from(w), i32::from(h));
    let mut taken = vec![false; (w.max(0) * h.max(0)) as usize];
    let free = |taken: &[bool], x: i32, y: i32, len: i32| {
        x >= 0
            && y >= 0
            && x + len <= w
            && y < h
            && (x..x + len).all(|c| !taken[(y * w + c) as usize])
    };
    let take = |taken: &mut [bool], x: i32, y: i32, len: i32| {
        for c in x.max(0)..(x + len).min(w) {
            if (0..h).contains(&y) {
                taken[(y * w + c) as usize] = true;
            }
        }
    };
    let mut out: Vec<Option<Placed>> = vec![None; cells.len()];
    for &i in order {
        let (px, py) = cells[i];
        if px < 0 || py < 0 || px >= w || py >= h {
            continue;
        }
        let len = (i + 1).to_string().len() as i32;
        // A cell of space on each side, so that two numbers never read as one; if there is
        // no such spot within two cells, any free one; else the place's own cell.
        let nudges = [(0, 0), (1, 0), (-1, 0), (0, -1), (0, 1), (2, 0), (-2, 0)];
        let spaced = |x: i32, y: i32| {
            free(&taken, x, y, len)
                && [x - 1, x + len]
                    .iter()
                    .all(|&c| c < 0 || c >= w || free(&taken, c, y, 1))
        };
        let spot = |ok: &dyn Fn(i32, i32) -> bool| {
            nudges
                .iter()
                .map(|&(dx, dy)| (px + dx, py + dy))
                .find(|&(x, y)| ok(x, y))
        };
        let (x, y) = spot(&spaced)
            .or_else(|| spot(&|x, y| free(&taken, x, y, len)))
            .unwrap_or((px.min(w - len).max(0), py));
        take(&mut taken, x, y, len);
        out[i] = Some(Placed { x, y, name: None });
    }
    for (k, &i) in order.iter().enumerate() {
        let Some(p) = out[i] else { continue };
        let len = (i + 1).to_string().len() as i32;
        let nw = text::width(names[i]) as i32;
        // The name and a cell of space around it, clear of everything but its own marker.
        let fits = |l: &Label| {
            let tw = l.width(len, nw);
            l.x >= 0
                && l.x + tw <= w
                && (0..h).contains(&l.y)
                && free(&taken, l.x, l.y, tw)
                && [l.x - 1, l.x + tw].iter().all(|&c| {
                    c < 0
                        || c >= w
                        || (l.y == p.y && (p.x..p.x + len).contains(&c))
                        || free(&taken, c, l.y, 1)
                })
        };
        let plain = |x: i32| Label {
            x,
            y: p.y,
            numbered: false,
        };
        let numbered = |x: i32, y: i32| Label {
            x,
            y,
            numbered: true,
        };
        let end = p.x + len - (len + 1 + nw);
        // Beside the marker, right then left; else on the row above or below with the
        // number repeated, starting or ending at the marker.
        let candidates = [
            plain(p.x + len + 1),
            plain(p.x - 1 - nw),
            numbered(p.x, p.y - 1),
            numbered(p.x, p.y + 1),
            numbered(end, p.y - 1),
            numbered(end, p.y + 1),
        ];
        let mut at = candidates.into_iter().find(|l| fits(l));
        if at.is_none() && k == 0 && nw <= w {
            // The selected place is named whatever its name covers.
            at = Some(plain((p.x + len + 1).min(w - nw).max(0)));
        }
        if let Some(l) = at {
            take(&mut taken, l.x, l.y, l.width(len, nw));
        }
        out[i] = Some(Placed { name: at, ..p });
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The cells each placed marker and name covers: `(row, from, to, is_name)`.
    fn spans(placed: &[Option<Placed>], names: &[&str]) -> Vec<(i32, i32, i32, bool)> {
        let mut out = Vec::new();
        for (i, p) in placed.iter().enumerate() {
            let Some(p) = p else { continue };
            let len = (i + 1).to_string().len() as i32;
            out.push((p.y, p.x, p.x + len, false));
            if let Some(l) = p.name {
                out.push((
                    l.y,
                    l.x,
                    l.x + text::width(&l.text(i, names[i])) as i32,
                    true,
                ));
            }
        }
        out
    }

    #[test]
    fn crowded_places_keep_their_numbers_apart_and_the_selected_one_its_name() {
        // Three towns a cell apart, as Samangan, Kunduz and Taloqan are at 80 columns.
        let cells = [(10, 5), (11, 5), (12, 5), (30, 2)];
        let names = ["Samangan", "Kunduz", "Taloqan", "Astana"];
        let order = [1, 3, 0, 2];
        let placed = place_labels(&cells, &names, &order, 40, 10);
        let s = spans(&placed, &names);
        for (k, a) in s.iter().enumerate() {
            for b in &s[k + 1..] {
                // Nothing overlaps, and two markers are never side by side.
                let gap = i32::from(!a.3 && !b.3);
                assert!(
                    a.0 != b.0 || a.2 + gap <= b.1 || b.2 + gap <= a.1,
                    "{a:?} {b:?} in {placed:?}"
                );
            }
        }
        assert!(
            placed[1].unwrap().name.is_some(),
            "the selected place is named"
        );
        assert!(placed[3].unwrap().name.is_some());
        // Markers stay within two cells of their place.
        for (i, p) in placed.iter().enumerate() {
            let p = p.unwrap();
            assert!((p.x - cells[i].0).abs() <= 2 && (p.y - cells[i].1).abs() <= 1);
        }
    }

    #[test]
    fn a_place_off_the_map_is_not_placed_and_a_long_name_goes_left() {
        let cells = [(-1, 3), (18, 3)];
        let names = ["Far", "Kabul"];
        let placed = place_labels(&cells, &names, &[1, 0], 20, 6);
        assert_eq!(placed[0], None);
        // No room on the right of column 18 of 20: the name goes to the left.
        let l = placed[1].unwrap().name.unwrap();
        assert_eq!((l.x, l.y, l.numbered), (12, 3, false));
    }

    proptest! {
        #[test]
        fn names_never_cover_markers_or_other_names(
            cells in proptest::collection::vec((0i32..50, 0i32..12), 1..25),
            w in 1u16..60,
            h in 1u16..14,
        ) {
            let names: Vec<String> = (0..cells.len()).map(|i| format!("Place{i}")).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let order: Vec<usize> = (0..cells.len()).collect();
            let placed = place_labels(&cells, &names, &order, w, h);
            let s = spans(&placed, &names);
            // Every name (but the selected one's, which is forced) is clear of everything.
            let first = spans(&placed[..1], &names).len();
            for (k, a) in s.iter().enumerate().skip(first) {
                if !a.3 {
                    continue;
                }
                for (j, b) in s.iter().enumerate() {
                    // A name sits next to its own marker (pushed just before it).
                    let own_marker = !b.3 && j + 1 == k;
                    if j != k && j >= first && !own_marker {
                        prop_assert!(a.0 != b.0 || a.2 <= b.1 || b.2 <= a.1, "{a:?} {b:?}");
                    }
                }
                prop_assert!(a.1 >= 0 && a.2 <= i32::from(w));
            }
        }
    }
}
