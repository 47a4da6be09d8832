//! The world's borders and coastlines, embedded in the binary, for the map of any dataset that
//! carries no outlines of its own: Natural Earth 1:110m admin-0 countries (public domain),
//! every border and coast once, in 17 KB (`assets/world-110m.bin`, written by
//! `scripts/outlines/gen-world.mjs`, which documents the format: varint deltas of
//! 1/20-degree units).
//!
//! Decoded once, on the first map drawn without outlines of the dataset's own; each line keeps
//! its bounding box, so that a map of a region draws only the lines that reach it.

use std::sync::OnceLock;

/// Where the embedded outlines come from, written under the map that draws them.
pub const ATTRIBUTION: &str = "Borders: Natural Earth 1:110m (public domain)";

const BIN: &[u8] = include_bytes!("../../assets/world-110m.bin");

/// One border or coastline.
#[derive(Debug, Clone, PartialEq)]
pub struct Polyline {
    /// `(lon, lat)` points, in degrees.
    pub points: Vec<(f64, f64)>,
    /// The smallest box holding every point: west, east, south, north.
    pub bbox: [f64; 4],
}

impl Polyline {
    /// True if the line may cross the box of longitudes `x` and latitudes `y`.
    pub fn reaches(&self, x: [f64; 2], y: [f64; 2]) -> bool {
        let [w, e, s, n] = self.bbox;
        w <= x[1] && e >= x[0] && s <= y[1] && n >= y[0]
    }
}

/// The embedded world outlines (empty if they could not be read, which a test rules out).
pub fn outlines() -> &'static [Polyline] {
    static LINES: OnceLock<Vec<Polyline>> = OnceLock::new();
    LINES.get_or_init(|| decode(BIN).unwrap_or_default())
}

/// Reads the outline format; a short or malformed input is an error, never a panic.
pub fn decode(bytes: &[u8]) -> Result<Vec<Polyline>, &'static str> {
    let rest = bytes
        .strip_prefix(b"KZW1")
        .ok_or("not a kazaf world file")?;
    let mut r = Reader { bytes: rest, at: 0 };
    let scale = r.varint()?;
    if scale == 0 {
        return Err("scale of zero");
    }
    let scale = scale as f64;
    let n = r.varint()?;
    let mut lines = Vec::with_capacity(n.min(10_000) as usize);
    for _ in 0..n {
        let count = r.varint()?;
        // Each point takes two bytes at least: a count beyond that is a broken file.
        if count < 2 || count > (r.bytes.len() - r.at) as u64 {
            return Err("a line's point count does not fit the file");
        }
        let (mut x, mut y) = (0_i64, 0_i64);
        let mut points = Vec::with_capacity(count as usize);
        let mut bbox = [f64::MAX, f64::MIN, f64::MAX, f64::MIN];
        for _ in 0..count {
            x += r.svarint()?;
            y += r.svarint()?;
            let (lon, lat) = (x as f64 / scale, y as f64 / scale);
            if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
                return Err("a point off the globe");
            }
            bbox = [
                bbox[0].min(lon),
                bbox[1].max(lon),
                bbox[2].min(lat),
                bbox[3].max(lat),
            ];
            points.push((lon, lat));
        }
        lines.push(Polyline { points, bbox });
    }
    if r.at != r.bytes.len() {
        return Err("bytes after the last line");
    }
    Ok(lines)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn varint(&mut self) -> Result<u64, &'static str> {
        let mut n = 0_u64;
        for shift in (0..64).step_by(7) {
            let b = *self
                .bytes
                .get(self.at)
                .ok_or("the file ends inside a number")?;
            self.at += 1;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err("a number longer than 64 bits")
    }

    fn svarint(&mut self) -> Result<i64, &'static str> {
        let n = self.varint()?;
        Ok(((n >> 1) as i64) ^ -((n & 1) as i64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_outlines_read_and_span_the_world() {
        let lines = decode(BIN).expect("the embedded file reads");
        assert!(lines.len() > 200, "{} lines", lines.len());
        let points: usize = lines.iter().map(|l| l.points.len()).sum();
        assert!(points > 5000, "{points} points");
        let west = lines.iter().map(|l| l.bbox[0]).fold(f64::MAX, f64::min);
        let east = lines.iter().map(|l| l.bbox[1]).fold(f64::MIN, f64::max);
        assert!(west < -170.0 && east > 170.0, "{west} {east}");
        assert_eq!(outlines().len(), lines.len());
    }

    #[test]
    fn a_region_gets_its_borders() {
        // Around Kabul: the Afghan borders with Pakistan and Tajikistan pass within a few
        // degrees; the Pacific's coasts do not.
        let (x, y) = ([65.0, 75.0], [30.0, 40.0]);
        let near: Vec<&Polyline> = outlines().iter().filter(|l| l.reaches(x, y)).collect();
        assert!(near.len() >= 3, "{}", near.len());
        assert!(near.len() < outlines().len() / 4);
        let inside = near
            .iter()
            .flat_map(|l| &l.points)
            .filter(|&&(lon, lat)| (x[0]..=x[1]).contains(&lon) && (y[0]..=y[1]).contains(&lat))
            .count();
        assert!(inside > 20, "{inside}");
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        assert!(decode(b"").is_err());
        assert!(decode(b"KZW0\x14\x01").is_err());
        for cut in [4, 5, 6, 7, 100, BIN.len() - 1] {
            assert!(decode(&BIN[..cut]).is_err(), "cut at {cut}");
        }
        let mut extra = BIN.to_vec();
        extra.push(0);
        assert!(decode(&extra).is_err());
        // A huge point count, a point off the globe, a number that never ends.
        assert!(decode(b"KZW1\x14\x01\xff\xff\xff\x0f").is_err());
        assert!(decode(b"KZW1\x01\x01\x02\xa0\x1f\x00\x00\x00").is_err());
        assert!(
            decode(&[
                b'K', b'Z', b'W', b'1', 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                0x01
            ])
            .is_err()
        );
    }
}
