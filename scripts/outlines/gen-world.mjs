// Generate the world outlines embedded in kazaf (assets/world-110m.bin), drawn on the map of
// any dataset that carries no outlines of its own.
//
// Source: Natural Earth 1:110m admin-0 countries (public domain), as shipped in the npm
// package world-atlas (countries-110m.json, TopoJSON). topojson-client's `mesh` gives every
// border and coastline once (a border shared by two countries is not drawn twice).
//
// Format (all integers little-endian, varints LEB128, signed ones zigzag):
//   "KZW1"                         magic and version
//   varint  scale                  units per degree (coordinates are rounded to 1/scale)
//   varint  lines                  number of polylines
//   per polyline:
//     varint  points               number of points (>= 2)
//     svarint lon, svarint lat     the first point, in units
//     svarint dlon, svarint dlat   each next point, as the difference from the one before
// Consecutive points that round to the same one are dropped, and so are lines left with
// fewer than two points.
//
// Usage (node 20; keep node_modules out of the repository):
//   cd "$(mktemp -d)" && npm install --no-save world-atlas@2.0.2 topojson-client@3.1.0 &&
//   cp /path/to/kazaf/scripts/outlines/gen-world.mjs . && node gen-world.mjs > /path/to/kazaf/assets/world-110m.bin

import { createRequire } from "node:module";
import { mesh } from "topojson-client";

const require = createRequire(import.meta.url);
const topo = require("world-atlas/countries-110m.json");

const SCALE = 20;

const bytes = [];
const varint = (n) => {
  while (n >= 0x80) {
    bytes.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  bytes.push(n);
};
const svarint = (n) => varint(n < 0 ? -2 * n - 1 : 2 * n);

const lines = [];
for (const line of mesh(topo, topo.objects.countries).coordinates) {
  const pts = [];
  for (const [lon, lat] of line) {
    const p = [Math.round(lon * SCALE), Math.round(lat * SCALE)];
    const q = pts[pts.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) pts.push(p);
  }
  if (pts.length >= 2) lines.push(pts);
}

for (const c of "KZW1") bytes.push(c.charCodeAt(0));
varint(SCALE);
varint(lines.length);
for (const pts of lines) {
  varint(pts.length);
  let [x, y] = [0, 0];
  for (const [px, py] of pts) {
    svarint(px - x);
    svarint(py - y);
    [x, y] = [px, py];
  }
}
process.stdout.write(Buffer.from(bytes));
process.stderr.write(`${lines.length} lines, ${lines.reduce((n, l) => n + l.length, 0)} points, ${bytes.length} bytes\n`);
