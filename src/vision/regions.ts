// Where to look for faces. The detector sees its input shrunk to 256 px, so in a large frame small
// faces vanish; overlapping tiles at full resolution find them, and the whole frame still finds the
// big ones. Pure geometry, no I/O.
import type { RgbImage } from './decode.ts';

export type Box = [number, number, number, number];

export const TILE_ABOVE = 1000;
export const TILE_SIZE = 720;
export const TILE_STRIDE = 540;

function starts(length: number): number[] {
  if (length <= TILE_SIZE) return [0];
  const out: number[] = [];
  for (let s = 0; s + TILE_SIZE < length; s += TILE_STRIDE) out.push(s);
  out.push(length - TILE_SIZE);
  return out;
}

/** The whole frame, plus overlapping tiles when the frame is large. */
export function detectionRegions(width: number, height: number): Box[] {
  const whole: Box = [0, 0, width, height];
  if (Math.max(width, height) <= TILE_ABOVE) return [whole];
  const tiles: Box[] = [];
  for (const y of starts(height)) for (const x of starts(width)) tiles.push([x, y, Math.min(TILE_SIZE, width), Math.min(TILE_SIZE, height)]);
  return [whole, ...tiles];
}

export function iou(a: Box, b: Box): number {
  const x1 = Math.max(a[0], b[0]), y1 = Math.max(a[1], b[1]);
  const x2 = Math.min(a[0] + a[2], b[0] + b[2]), y2 = Math.min(a[1] + a[3], b[1] + b[3]);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a[2] * a[3] + b[2] * b[3] - inter;
  return union > 0 ? inter / union : 0;
}

/** Keeps the best-scoring of boxes that overlap by more than `threshold` (the same face seen twice). */
export function dedupe<T extends { box: Box; score: number }>(items: T[], threshold = 0.4): T[] {
  const kept: T[] = [];
  for (const it of [...items].sort((a, b) => b.score - a.score)) {
    if (kept.every((k) => iou(k.box, it.box) <= threshold)) kept.push(it);
  }
  return kept;
}

/** A region of the image with a black margin around it (faces at the edge are otherwise missed). */
export function cropWithMargin(img: RgbImage, region: Box, margin: number): RgbImage {
  const [rx, ry, rw, rh] = region;
  const w = rw + 2 * margin;
  const h = rh + 2 * margin;
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < rh; y++) {
    const src = ((ry + y) * img.width + rx) * 3;
    data.set(img.data.subarray(src, src + rw * 3), ((y + margin) * w + margin) * 3);
  }
  return { data, width: w, height: h };
}
