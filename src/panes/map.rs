//! Pane 5, Map: the places of the dataset on a map zoomed to the region they span, with the
//! items tied to the selected place as links.
//!
//! ```text
//! ┌ Places (9) ───────┐┌ Map: 40–95°E, 25–57°N ───────────────────────────────┐
//! │Astana  capital    ││        ⣀⡠⠤⠒⠊⠉⠉⠑⠒⠤⢄⡀      ● Astana                      │
//! │Kabul   capital    ││     ⡔⠁  Kazakhstan                                   │
//! ├ Tied to Astana ───┤│                   ● Almaty                           │
//! │event  2007 IGC …  ││            ● Kabul                                   │
//! └───────────────────┘└──────────────────────────────────────────────────────┘
//! ```
//! ratatui's built-in world map is a cloud of coastline points with no borders and few points
//! in Central Asia, so the dataset carries simplified country outlines (Natural Earth) drawn as
//! lines over it. Labels that would overlap another are left out, except the selected place's.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Line as CLine, Map as WorldMap, MapResolution};

use super::{Common, Pane, Selection, Spot, Target, item_targets};
use crate::data::{Db, ItemRef, fmt_lat, fmt_lon};
use crate::draw::Cx;
use crate::draw::text;

/// Map: the selected place.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Map {
    place: Selection,
}

impl Map {
    /// The Map pane, at the first place.
    pub fn new(_db: &Db, _common: &Common) -> Map {
        Map::default()
    }
}

impl Pane for Map {
    fn len(&self, db: &Db) -> usize {
        db.set.places.len()
    }

    fn selection(&self) -> Option<Selection> {
        Some(self.place)
    }

    fn selection_mut(&mut self) -> Option<&mut Selection> {
        Some(&mut self.place)
    }

    fn targets(&self, db: &Db) -> Vec<Target> {
        db.place_items
            .get(self.place.index())
            .map(|v| item_targets(v))
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

    fn show(&mut self, spot: Spot) {
        if let Some(row) = spot.row {
            self.place = Selection::at(row);
        }
    }

    fn check(&self, db: &Db) -> Result<(), String> {
        if self.place.fits(db.set.places.len()) {
            Ok(())
        } else {
            Err("place out of range".into())
        }
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        draw(self.place.index(), cx, area, buf);
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

fn draw(selected: usize, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let t = cx.theme;
    let db = cx.db;
    let side_w = (area.width / 3).clamp(26, 48);
    let [side, map_area] = area.layout(&Layout::horizontal([
        Constraint::Length(side_w),
        Constraint::Min(0),
    ]));
    let n = db.set.places.len();
    let list_h = (n as u16 + 2).min(side.height / 2).max(3.min(side.height));
    let [list_area, items_area] = side.layout(&Layout::vertical([
        Constraint::Length(list_h),
        Constraint::Min(0),
    ]));

    let block = cx.block(format!("Places ({n})"), cx.cursor.is_none());
    let inner = block.inner(list_area);
    block.render(list_area, buf);
    cx.draw_list(inner, buf, n, Some(selected), &|i, w| {
        let p = &db.set.places[i];
        let count = db.place_items[i].len();
        // How many items are tied to the place (the panel below lists them).
        let tail = format!(" {count} tied");
        let name = format!("{}{}", p.name, cx.inferred_mark(ItemRef::Place(i)));
        let name = text::truncate(&name, w.saturating_sub(tail.len()));
        let pad = " ".repeat(w.saturating_sub(text::width(&name) + tail.len()));
        let mut spans = cx.hl(&name, t.base);
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
        let items = &db.place_items[selected];
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
    let resolution = if inner.width >= 100 {
        MapResolution::High
    } else {
        MapResolution::Low
    };
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
    let dot = cx.sym.place;
    let mut order: Vec<usize> = (0..n).collect();
    // Cities before whole countries (whose centroid label matters least), then by how much
    // is tied to the place.
    order.sort_by_key(|&i| {
        (
            i != selected,
            db.set.places[i].kind.eq_ignore_ascii_case("country"),
            std::cmp::Reverse(db.place_items[i].len()),
        )
    });
    let mut taken: Vec<(i32, i32, i32)> = Vec::new(); // row, from, to
    let mut labels: Vec<(usize, String)> = Vec::new();
    let mut dots_only: Vec<usize> = Vec::new();
    for i in order {
        let p = &db.set.places[i];
        let (px, py) = to_cell(p.lon, p.lat);
        let label = format!("{dot} {}", p.name);
        let w = text::width(&label) as i32;
        let clash = taken
            .iter()
            .any(|&(r, a, b)| r == py && px <= b + 1 && px + w >= a - 1);
        if i == selected || !clash {
            taken.push((py, px, px + w));
            labels.push((i, label));
        } else {
            dots_only.push(i);
        }
    }
    let outlines = &db.set.map.outlines;
    Canvas::default()
        .block(block)
        .marker(marker)
        .x_bounds(xb)
        .y_bounds(yb)
        .paint(|ctx| {
            ctx.draw(&WorldMap {
                resolution,
                color: t.coast.fg.unwrap_or_default(),
            });
            ctx.layer();
            for o in outlines {
                for line in &o.lines {
                    for w in line.windows(2) {
                        ctx.draw(&CLine {
                            x1: w[0].0,
                            y1: w[0].1,
                            x2: w[1].0,
                            y2: w[1].1,
                            color: t.outline.fg.unwrap_or_default(),
                        });
                    }
                }
            }
            ctx.layer();
            for &i in &dots_only {
                let p = &db.set.places[i];
                ctx.print(p.lon, p.lat, Span::styled(dot, t.place));
            }
            // Drawn in reverse so the selected label (first) is drawn last, on top.
            for (i, label) in labels.iter().rev() {
                let p = &db.set.places[*i];
                let style = if *i == selected {
                    t.place_selected
                } else {
                    t.place
                };
                ctx.print(p.lon, p.lat, Span::styled(label.clone(), style));
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
    // Clicks on a label select that place.
    let mut hm = cx.hits.borrow_mut();
    for (i, label) in &labels {
        let p = &db.set.places[*i];
        let (px, py) = to_cell(p.lon, p.lat);
        if px >= 0 && py >= 0 && (px as u16) < inner.width && (py as u16) < inner.height {
            let w = (text::width(label) as u16).min(inner.width - px as u16);
            hm.rows.push((
                Rect::new(inner.x + px as u16, inner.y + py as u16, w, 1),
                *i,
            ));
        }
    }
    drop(hm);
    if !db.set.map.attribution.is_empty() && inner.height > 4 {
        let a = text::truncate(&db.set.map.attribution, inner.width as usize);
        buf.set_string(inner.x, inner.bottom() - 1, a, t.muted);
    }
}
