// Writes the 81x81 tab bar icons (normal + selected) as tiny PNGs; run once when shapes change:
//   node miniapp/scripts/make-tab-icons.mjs
import { writeFileSync, mkdirSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SIZE = 81
const SAMPLES = 4
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets', 'tab')

const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1
const ellipse = (cx, cy, rx, ry, angle) => (x, y) => {
  const c = Math.cos(angle)
  const s = Math.sin(angle)
  const dx = x - cx
  const dy = y - cy
  const u = dx * c + dy * s
  const v = -dx * s + dy * c
  return (u / rx) ** 2 + (v / ry) ** 2 <= 1
}
const polygon = (points) => (x, y) => {
  let inside = false
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]
    const [xj, yj] = points[j]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}
const segment = (ax, ay, bx, by, width) => (x, y) => {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (width / 2) ** 2
}
const union =
  (...shapes) =>
  (x, y) =>
    shapes.some((f) => f(x, y))
const minus =
  (shape, ...holes) =>
  (x, y) =>
    shape(x, y) && !holes.some((f) => f(x, y))

const icons = {
  home: minus(
    union(
      polygon([
        [40.5, 10],
        [74, 38],
        [66, 38],
        [66, 70],
        [15, 70],
        [15, 38],
        [7, 38],
      ]),
    ),
    rect(33, 48, 48, 70),
  ),
  vote: union(minus(rect(12, 14, 69, 71), rect(19, 21, 62, 64)), segment(25, 42, 36, 54, 8), segment(36, 54, 57, 30, 8)),
  garden: union(segment(40.5, 72, 40.5, 36, 7), ellipse(27, 30, 16, 8, Math.PI / 5), ellipse(54, 26, 18, 9, -Math.PI / 5), rect(14, 66, 67, 72)),
  workshop: minus(
    union(
      polygon([
        [8, 72],
        [8, 36],
        [24, 26],
        [24, 36],
        [40, 26],
        [40, 36],
        [56, 26],
        [56, 72],
      ]),
      rect(59, 12, 71, 72),
    ),
    rect(16, 48, 25, 58),
    rect(33, 48, 42, 58),
  ),
  mine: union(circle(40.5, 26, 14), minus(ellipse(40.5, 72, 28, 26, 0), rect(0, 72, 81, 81))),
}

const colors = { normal: [0x5c, 0x5c, 0x5c], active: [0xa6, 0x1b, 0x1b] }

function crc32(buf) {
  let c = ~0
  for (const byte of buf) {
    c ^= byte
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
  }
  return ~c >>> 0
}

function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

function png(shape, [r, g, b]) {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1))
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1)
    raw[row] = 0
    for (let x = 0; x < SIZE; x++) {
      let hits = 0
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (shape(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES)) hits++
        }
      }
      const o = row + 1 + x * 4
      raw[o] = r
      raw[o + 1] = g
      raw[o + 2] = b
      raw[o + 3] = Math.round((255 * hits) / (SAMPLES * SAMPLES))
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

mkdirSync(outDir, { recursive: true })
for (const [name, shape] of Object.entries(icons)) {
  writeFileSync(join(outDir, `${name}.png`), png(shape, colors.normal))
  writeFileSync(join(outDir, `${name}-active.png`), png(shape, colors.active))
}
console.log(`wrote ${Object.keys(icons).length * 2} icons to ${outDir}`)
