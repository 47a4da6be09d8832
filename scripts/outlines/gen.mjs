// Generate simplified country outlines for kazaf's Central Asia map.
//
// Source: Natural Earth 1:110m admin-0 countries (public domain), as shipped in the
// npm package world-atlas (countries-110m.json, TopoJSON). Every ring of every country
// that reaches the box below is clipped to the box as open polylines (crossing points
// are interpolated onto the box edge), coordinates are rounded to 2 decimals,
// consecutive duplicate points are dropped, and polylines with < 2 points are dropped.
//
// Output (stdout): a RON `map: (...)` fragment for the kazaf dataset schema.
// Usage: node gen.mjs > ../../assets/map-outlines.ron

import { createRequire } from "node:module";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const topo = require("world-atlas/countries-110m.json");
const WORLD_ATLAS_VERSION = require("world-atlas/package.json").version;

const BOX = { lonMin: 44, lonMax: 92, latMin: 22, latMax: 58 };

// Liang–Barsky: clip segment a->b to BOX; returns [p, q] or null.
function clipSegment(a, b) {
  const [x0, y0] = a;
  const dx = b[0] - x0;
  const dy = b[1] - y0;
  let t0 = 0;
  let t1 = 1;
  const edges = [
    [-dx, x0 - BOX.lonMin],
    [dx, BOX.lonMax - x0],
    [-dy, y0 - BOX.latMin],
    [dy, BOX.latMax - y0],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null; // parallel and outside
    } else {
      const r = q / p;
      if (p < 0) {
        if (r > t1) return null;
        if (r > t0) t0 = r;
      } else {
        if (r < t0) return null;
        if (r < t1) t1 = r;
      }
    }
  }
  const at = (t) => (t === 0 ? a : t === 1 ? b : [x0 + t * dx, y0 + t * dy]);
  return [at(t0), at(t1)];
}

const inside = ([x, y]) =>
  x >= BOX.lonMin && x <= BOX.lonMax && y >= BOX.latMin && y <= BOX.latMax;

// Clip one ring (closed: first point == last point) into open polylines inside BOX.
function clipRing(ring) {
  const lines = [];
  let cur = null;
  for (let i = 0; i + 1 < ring.length; i++) {
    const seg = clipSegment(ring[i], ring[i + 1]);
    if (!seg) {
      cur = null;
      continue;
    }
    const [p, q] = seg;
    // The segment continues the current polyline only if it starts at the original vertex.
    if (cur && p === ring[i]) {
      cur.push(q);
    } else {
      cur = [p, q];
      lines.push(cur);
    }
    if (q !== ring[i + 1]) cur = null; // left the box
  }
  // A ring that starts inside the box and is split: its last and first pieces join.
  if (lines.length > 1 && inside(ring[0])) {
    const last = lines[lines.length - 1];
    const first = lines[0];
    if (last[last.length - 1] === ring[ring.length - 1] && first[0] === ring[0]) {
      lines[0] = last.concat(first.slice(1));
      lines.pop();
    }
  }
  return lines;
}

const round2 = (v) => Math.round(v * 100) / 100;

function tidy(line) {
  const out = [];
  for (const [x, y] of line) {
    const p = [round2(x), round2(y)];
    const prev = out[out.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push(p);
  }
  return out;
}

function rings(geometry) {
  if (!geometry) return [];
  if (geometry.type === "Polygon") return geometry.coordinates;
  if (geometry.type === "MultiPolygon") return geometry.coordinates.flat();
  return [];
}

const num = (v) => {
  const n = Object.is(v, -0) ? 0 : v;
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
};
const ronStr = (s) => JSON.stringify(s); // plain names; JSON escaping is valid RON

const countries = feature(topo, topo.objects.countries).features;
const outlines = [];
for (const f of countries) {
  const lines = [];
  for (const ring of rings(f.geometry)) {
    for (const piece of clipRing(ring)) {
      const t = tidy(piece);
      if (t.length >= 2) lines.push(t);
    }
  }
  if (lines.length) outlines.push({ name: f.properties.name, lines });
}
outlines.sort((a, b) => a.name.localeCompare(b.name));

const out = [];
out.push("    map: (");
out.push(
  `        attribution: ${ronStr(
    `Country outlines: Natural Earth 1:110m (public domain), via the npm package world-atlas ${WORLD_ATLAS_VERSION}, clipped to 44–92°E, 22–58°N.`
  )},`
);
out.push("        outlines: [");
for (const { name, lines } of outlines) {
  out.push(`            (name: ${ronStr(name)}, lines: [`);
  for (const line of lines) {
    out.push(`                [${line.map(([x, y]) => `(${num(x)}, ${num(y)})`).join(", ")}],`);
  }
  out.push("            ]),");
}
out.push("        ],");
out.push("    ),");
process.stdout.write(out.join("\n") + "\n");
