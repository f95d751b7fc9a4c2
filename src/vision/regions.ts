// Where to look for faces, and which detections are one face. The detector sees its input shrunk to
// 256 px, so in a large frame small faces vanish; overlapping tiles at full resolution find them,
// and the whole frame finds the big ones (which tiles cut in pieces). Pure geometry, no I/O.
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

/** Overlapping tiles over a large frame (none for a small one, where the whole-frame pass sees every face). */
export function tileRegions(width: number, height: number): Box[] {
  if (Math.max(width, height) <= TILE_ABOVE) return [];
  const tiles: Box[] = [];
  for (const y of starts(height)) for (const x of starts(width)) tiles.push([x, y, Math.min(TILE_SIZE, width), Math.min(TILE_SIZE, height)]);
  return tiles;
}

export function iou(a: Box, b: Box): number {
  const inter = intersection(a, b);
  const union = a[2] * a[3] + b[2] * b[3] - inter;
  return union > 0 ? inter / union : 0;
}

function intersection(a: Box, b: Box): number {
  const x1 = Math.max(a[0], b[0]), y1 = Math.max(a[1], b[1]);
  const x2 = Math.min(a[0] + a[2], b[0] + b[2]), y2 = Math.min(a[1] + a[3], b[1] + b[3]);
  return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
}

/** How much of the smaller box lies inside the larger: 1 when one holds the other. */
export function containment(a: Box, b: Box): number {
  const smaller = Math.min(a[2] * a[3], b[2] * b[3]);
  return smaller > 0 ? intersection(a, b) / smaller : 0;
}

/**
 * Two detections of one face: they overlap (IoU), or one lies mostly inside the other (a tile saw
 * part of a face the whole frame saw whole, or the detector boxed the same face loosely and tightly).
 */
export function sameFace(a: Box, b: Box): boolean {
  return iou(a, b) > 0.4 || containment(a, b) > 0.6;
}

/** Pixels from a cut edge within which a box counts as cut off. */
const EDGE_SLACK = 4;

/**
 * Whether a face box found in `region` reaches an edge of the region that is not an edge of the
 * image: the face was cut there, so its box and landmarks are guesses.
 */
export function clipped(box: Box, region: Box, width: number, height: number): boolean {
  const [rx, ry, rw, rh] = region;
  const [x, y, w, h] = box;
  return (
    (rx > 0 && x <= rx + EDGE_SLACK) ||
    (ry > 0 && y <= ry + EDGE_SLACK) ||
    (rx + rw < width && x + w >= rx + rw - EDGE_SLACK) ||
    (ry + rh < height && y + h >= ry + rh - EDGE_SLACK)
  );
}

export interface Detection {
  box: Box;
  score: number;
  /** Seen whole in its region (not cut by a tile's edge): its landmarks are the ones to keep. */
  complete: boolean;
}

/**
 * One detection per face: of those that are the same face (`sameFace`), the one seen whole wins,
 * then the more confident.
 */
export function mergeDetections<T extends Detection>(items: readonly T[]): T[] {
  const kept: T[] = [];
  const ranked = [...items].sort((a, b) => Number(b.complete) - Number(a.complete) || b.score - a.score);
  for (const it of ranked) if (!kept.some((k) => sameFace(k.box, it.box))) kept.push(it);
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
