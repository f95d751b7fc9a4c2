// Face alignment: a similarity transform (rotation, scale, shift) that puts the eyes and mouth of a
// detected face where the embedding network expects them, and the warp that cuts the chip.
import type { RgbImage } from './decode.ts';

export type Point = readonly [number, number];

/** x' = a*x - b*y + tx, y' = b*x + a*y + ty */
export interface Similarity {
  a: number;
  b: number;
  tx: number;
  ty: number;
}

export const CHIP_SIZE = 150;

/**
 * Where eye centres and mouth centre land in the 150x150 chip fed to the ResNet descriptor.
 * Chosen by `npm run eval:faces -- --sweep-template`: the middle of a broad plateau of best
 * same/different separation, not its single best point, so it does not fit one photo set.
 */
export const CHIP_TEMPLATE: { leftEye: Point; rightEye: Point; mouth: Point } = {
  leftEye: [0.31 * CHIP_SIZE, 0.31 * CHIP_SIZE],
  rightEye: [0.69 * CHIP_SIZE, 0.31 * CHIP_SIZE],
  mouth: [0.5 * CHIP_SIZE, 0.68 * CHIP_SIZE],
};

/** Least-squares similarity mapping src points onto dst points (Umeyama without reflection). */
export function fitSimilarity(src: readonly Point[], dst: readonly Point[]): Similarity {
  const n = src.length;
  if (n < 2 || dst.length !== n) throw new Error('need at least two matching point pairs');
  let sx = 0, sy = 0, dx = 0, dy = 0;
  for (let i = 0; i < n; i++) {
    sx += (src[i] as Point)[0]; sy += (src[i] as Point)[1];
    dx += (dst[i] as Point)[0]; dy += (dst[i] as Point)[1];
  }
  sx /= n; sy /= n; dx /= n; dy /= n;
  let a = 0, b = 0, den = 0;
  for (let i = 0; i < n; i++) {
    const x = (src[i] as Point)[0] - sx, y = (src[i] as Point)[1] - sy;
    const u = (dst[i] as Point)[0] - dx, v = (dst[i] as Point)[1] - dy;
    a += x * u + y * v;
    b += x * v - y * u;
    den += x * x + y * y;
  }
  if (den === 0) throw new Error('source points coincide');
  a /= den;
  b /= den;
  return { a, b, tx: dx - (a * sx - b * sy), ty: dy - (b * sx + a * sy) };
}

export function applySimilarity(t: Similarity, p: Point): Point {
  return [t.a * p[0] - t.b * p[1] + t.tx, t.b * p[0] + t.a * p[1] + t.ty];
}

/** Samples the chip through the inverse transform, bilinear; outside the image is black. */
export function warpChip(img: RgbImage, t: Similarity, size = CHIP_SIZE): Float32Array {
  const out = new Float32Array(size * size * 3);
  const det = t.a * t.a + t.b * t.b;
  const ia = t.a / det, ib = t.b / det;
  const { data, width: w, height: h } = img;
  const sample = (xx: number, yy: number, c: number) => (xx < 0 || yy < 0 || xx >= w || yy >= h ? 0 : (data[(yy * w + xx) * 3 + c] as number));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = x - t.tx, v = y - t.ty;
      const sx = ia * u + ib * v;
      const sy = -ib * u + ia * v;
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      const fx = sx - x0, fy = sy - y0;
      const w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
      const o = (y * size + x) * 3;
      if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
        // Inside the image (the usual case): no bounds checks per sample.
        const p00 = (y0 * w + x0) * 3, p01 = p00 + w * 3;
        for (let c = 0; c < 3; c++) {
          out[o + c] = (data[p00 + c] as number) * w00 + (data[p00 + 3 + c] as number) * w10 + (data[p01 + c] as number) * w01 + (data[p01 + 3 + c] as number) * w11;
        }
      } else {
        for (let c = 0; c < 3; c++) out[o + c] = sample(x0, y0, c) * w00 + sample(x0 + 1, y0, c) * w10 + sample(x0, y0 + 1, c) * w01 + sample(x0 + 1, y0 + 1, c) * w11;
      }
    }
  }
  return out;
}
