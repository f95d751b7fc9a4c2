// Presentation attacks made from a photo: the frames a camera would see of a printed picture held
// still, or tilted and moved in front of it. Used by the liveness tests and the evaluation.
import type { RgbImage } from '../src/vision/decode.ts';
import { applyHomography, type Homography } from '../src/vision/liveness.ts';

/** The homography of a flat picture rotated by yaw/pitch (degrees) about its centre, seen by a pinhole camera. */
export function tiltHomography(width: number, height: number, yawDeg: number, pitchDeg: number, shiftX = 0, focal = Math.max(width, height) * 1.2): Homography {
  const cx = width / 2, cy = height / 2, f = focal;
  const y = (yawDeg * Math.PI) / 180, p = (pitchDeg * Math.PI) / 180;
  // R = Rx(pitch) * Ry(yaw); only its first two columns act on the plane (z = 0).
  const r00 = Math.cos(y), r01 = 0;
  const r10 = Math.sin(p) * Math.sin(y), r11 = Math.cos(p);
  const r20 = -Math.cos(p) * Math.sin(y), r21 = Math.sin(p);
  // A picture point (u - cx, v - cy, 0), turned by R and held at distance f, projected to (x, y).
  const w: [number, number, number] = [r20, r21, -r20 * cx - r21 * cy + f];
  const row0: [number, number, number] = [f * r00 + cx * r20, f * r01 + cx * r21, -f * r00 * cx - f * r01 * cy + cx * w[2]];
  const row1: [number, number, number] = [f * r10 + cy * r20, f * r11 + cy * r21, -f * r10 * cx - f * r11 * cy + cy * w[2]];
  const h = [row0[0] + shiftX * w[0], row0[1] + shiftX * w[1], row0[2] + shiftX * w[2], ...row1, ...w];
  return h.map((v) => v / w[2]) as Homography;
}

function invert(h: Homography): Homography {
  const [a, b, c, d, e, f, g, k, l] = h;
  const A = e * l - f * k, B = -(d * l - f * g), C = d * k - e * g;
  const det = a * A + b * B + c * C;
  return [A, -(b * l - c * k), b * f - c * e, B, a * l - c * g, -(a * f - c * d), C, -(a * k - b * g), a * e - b * d].map((v) => v / det) as Homography;
}

/** The image as seen through homography h (bilinear; outside the picture is grey, like a wall). */
export function warpPerspective(img: RgbImage, h: Homography): RgbImage {
  const inv = invert(h);
  const { width: w, height: hgt, data } = img;
  const out = new Uint8Array(w * hgt * 3).fill(110);
  for (let y = 0; y < hgt; y++) {
    for (let x = 0; x < w; x++) {
      const [sx, sy] = applyHomography(inv, [x, y]);
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= hgt) continue;
      const fx = sx - x0, fy = sy - y0;
      for (let c = 0; c < 3; c++) {
        const p = (xx: number, yy: number) => data[(yy * w + xx) * 3 + c] as number;
        out[(y * w + x) * 3 + c] = Math.round(p(x0, y0) * (1 - fx) * (1 - fy) + p(x0 + 1, y0) * fx * (1 - fy) + p(x0, y0 + 1) * (1 - fx) * fy + p(x0 + 1, y0 + 1) * fx * fy);
      }
    }
  }
  return { data: out, width: w, height: hgt };
}

/** A held-still photo: the same picture with a little sensor noise per frame. */
export function stillFrames(img: RgbImage, n: number): RgbImage[] {
  return Array.from({ length: n }, (_, k) => ({ ...img, data: img.data.map((v, i) => Math.max(0, Math.min(255, v + (((i * 2654435761 + k * 97) >>> 24) % 5) - 2))) }));
}

/** A photo tilted back and forth and slid sideways, as a hand holding it would. */
export function tiltedFrames(img: RgbImage, n: number, maxDeg = 15): RgbImage[] {
  return Array.from({ length: n }, (_, k) => {
    const phase = (k / Math.max(1, n - 1)) * 2 * Math.PI;
    return warpPerspective(img, tiltHomography(img.width, img.height, maxDeg * Math.sin(phase), (maxDeg / 2) * Math.cos(phase), 0));
  });
}
