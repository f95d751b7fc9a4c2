// A moving head made from one photo: the face mesh Human finds (with its depth) is turned, the
// eyelids closed, the jaw dropped, and the photo is warped to follow the mesh. This is the
// "genuine clip" of the evaluation and the source of the replayed videos: a real person's face,
// really moving in depth (the nose turns past the cheeks), but synthesised, so the hair and ears
// bend rather than turn and the inside of an open mouth is painted. It is the closest thing to a
// video of these people that their photos allow; a real webcam test is still needed (README).
import type { RgbImage } from '../src/vision/decode.ts';

export interface Pose {
  /** Degrees; positive = the person turns to their own left (the nose moves to the image's right). */
  yaw: number;
  /** Degrees; positive = looking up. */
  pitch: number;
  /** 0 = eyes as in the photo, 1 = shut. */
  blink: number;
  /** 0 = mouth as in the photo, 1 = open (jaw dropped by 0.7 eye distances). */
  mouth: number;
}

export const NEUTRAL: Pose = { yaw: 0, pitch: 0, blink: 0, mouth: 0 };

// MediaPipe face mesh indices: each upper eyelid point and the lower one it closes onto.
const LIDS: Array<[number, number]> = [
  [246, 7], [161, 163], [160, 144], [159, 145], [158, 153], [157, 154], [173, 155],
  [466, 249], [388, 390], [387, 373], [386, 374], [385, 380], [384, 381], [398, 382],
];
// Lower lip and chin: what a dropped jaw moves (the jaw line's sides half as much).
const JAW = [14, 87, 178, 88, 95, 317, 402, 318, 324, 17, 84, 181, 91, 146, 314, 405, 321, 375, 152, 148, 176, 149, 150, 377, 400, 378, 379, 18, 200, 199, 175, 83, 313, 182, 406, 201, 421, 194, 418, 32, 262];
const JAW_SIDES = [136, 172, 58, 365, 397, 288, 135, 169, 170, 140, 171, 364, 394, 395, 369, 396, 211, 431, 204, 424, 57, 287, 43, 273, 106, 335];
const INNER_LIPS = [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 324, 318, 402, 317, 14, 87, 178, 88, 95];

type P2 = [number, number];

/** Where each mesh point goes in the new pose (orthographic turn about the head's centre). */
export function posedMesh(mesh: Float32Array, pose: Pose): P2[] {
  const n = mesh.length / 3;
  let cx = 0, cy = 0, cz = 0;
  for (let i = 0; i < n; i++) {
    cx += mesh[3 * i] as number;
    cy += mesh[3 * i + 1] as number;
    cz += mesh[3 * i + 2] as number;
  }
  cx /= n;
  cy /= n;
  cz /= n;
  // The head turns about a centre behind the face: about half a face width behind the mesh's mean.
  const pivotZ = cz + 0.35 * faceWidth(mesh);
  const a = (pose.yaw * Math.PI) / 180, b = (pose.pitch * Math.PI) / 180;
  const out: P2[] = [];
  for (let i = 0; i < n; i++) {
    const x = (mesh[3 * i] as number) - cx, y = (mesh[3 * i + 1] as number) - cy, z = (mesh[3 * i + 2] as number) - pivotZ;
    // Yaw (z grows away from the camera): the nose (z < 0) moves to +x for a > 0.
    const x1 = Math.cos(a) * x - Math.sin(a) * z;
    const z1 = Math.sin(a) * x + Math.cos(a) * z;
    // Pitch: looking up moves the nose (z < 0) up (-y) for b > 0.
    const y1 = Math.cos(b) * y + Math.sin(b) * z1;
    out.push([x1 + cx, y1 + cy]);
  }
  const iod = Math.hypot((mesh[3 * 263] as number) - (mesh[3 * 33] as number), (mesh[3 * 263 + 1] as number) - (mesh[3 * 33 + 1] as number));
  for (const [up, low] of LIDS) {
    const u = out[up] as P2, l = out[low] as P2;
    out[up] = [u[0] + pose.blink * (l[0] - u[0]), u[1] + pose.blink * (l[1] - u[1])];
  }
  for (const [list, k] of [[JAW, 1], [JAW_SIDES, 0.5]] as const) {
    for (const i of list) (out[i] as P2)[1] += k * pose.mouth * 0.7 * iod;
  }
  return out;
}

function faceWidth(mesh: Float32Array): number {
  return Math.hypot((mesh[3 * 454] as number) - (mesh[3 * 234] as number), (mesh[3 * 454 + 1] as number) - (mesh[3 * 234 + 1] as number));
}

/**
 * The photo warped so that its mesh lands on `target`: a displacement field interpolated from the
 * mesh points (inverse distance, so the eyelids follow their own points) fading to nothing on a
 * ring around the face, sampled backwards.
 */
export function warpToMesh(img: RgbImage, mesh: Float32Array, target: readonly P2[], mouthOpen: boolean, eyesShut: boolean): RgbImage {
  const n = mesh.length / 3;
  const src: P2[] = [];
  for (let i = 0; i < n; i++) src.push([mesh[3 * i] as number, mesh[3 * i + 1] as number]);
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const p of [...src, ...target]) {
    x0 = Math.min(x0, p[0]);
    y0 = Math.min(y0, p[1]);
    x1 = Math.max(x1, p[0]);
    y1 = Math.max(y1, p[1]);
  }
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, rx = ((x1 - x0) / 2) * 1.6, ry = ((y1 - y0) / 2) * 1.5;
  // Displacement (target - source) at the target positions; anchors with none on the ring.
  const pts: Array<[number, number, number, number]> = target.map((t, i) => [t[0], t[1], t[0] - (src[i] as P2)[0], t[1] - (src[i] as P2)[1]]);
  for (let k = 0; k < 48; k++) {
    const a = (k / 48) * 2 * Math.PI;
    pts.push([cx + rx * Math.cos(a), cy + ry * Math.sin(a), 0, 0]);
  }
  const np = pts.length;
  const flat = new Float64Array(np * 4);
  pts.forEach((p, k) => flat.set(p, 4 * k));
  const step = 5;
  const gx0 = Math.max(0, Math.floor(cx - rx)), gy0 = Math.max(0, Math.floor(cy - ry));
  const gw = Math.ceil((Math.min(img.width - 1, cx + rx) - gx0) / step) + 2, gh = Math.ceil((Math.min(img.height - 1, cy + ry) - gy0) / step) + 2;
  const field = new Float32Array(gw * gh * 2);
  for (let j = 0; j < gh; j++) {
    for (let i = 0; i < gw; i++) {
      const x = gx0 + i * step, y = gy0 + j * step;
      if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 >= 1) continue;
      let sw = 0, dx = 0, dy = 0;
      for (let k = 0; k < 4 * np; k += 4) {
        const ex = x - (flat[k] as number), ey = y - (flat[k + 1] as number);
        const q = 1 / (ex * ex + ey * ey + 1);
        const w = q * q;
        sw += w;
        dx += w * (flat[k + 2] as number);
        dy += w * (flat[k + 3] as number);
      }
      field[2 * (j * gw + i)] = dx / sw;
      field[2 * (j * gw + i) + 1] = dy / sw;
    }
  }
  // Bilinear lookup of the field, written into `d` (no allocation: this runs per pixel).
  const d = [0, 0];
  const disp = (x: number, y: number): void => {
    const fi = (x - gx0) / step, fj = (y - gy0) / step;
    const i = Math.floor(fi), j = Math.floor(fj);
    if (i < 0 || j < 0 || i + 1 >= gw || j + 1 >= gh) {
      d[0] = d[1] = 0;
      return;
    }
    const u = fi - i, v = fj - j;
    const k00 = 2 * (j * gw + i), k10 = k00 + 2, k01 = k00 + 2 * gw, k11 = k01 + 2;
    const w00 = (1 - u) * (1 - v), w10 = u * (1 - v), w01 = (1 - u) * v, w11 = u * v;
    d[0] = (field[k00] as number) * w00 + (field[k10] as number) * w10 + (field[k01] as number) * w01 + (field[k11] as number) * w11;
    d[1] = (field[k00 + 1] as number) * w00 + (field[k10 + 1] as number) * w10 + (field[k01 + 1] as number) * w01 + (field[k11 + 1] as number) * w11;
  };
  const out = Uint8Array.from(img.data);
  const { width: w, height: h, data } = img;
  for (let y = gy0; y < Math.min(h, gy0 + gh * step); y++) {
    for (let x = gx0; x < Math.min(w, gx0 + gw * step); x++) {
      // The source point p with p + d(p) = (x, y), by fixed-point iteration.
      let sx = x, sy = y;
      for (let it = 0; it < 3; it++) {
        disp(sx, sy);
        sx = x - (d[0] as number);
        sy = y - (d[1] as number);
      }
      if (sx === x && sy === y) continue;
      const xa = Math.floor(sx), ya = Math.floor(sy);
      if (xa < 0 || ya < 0 || xa + 1 >= w || ya + 1 >= h) continue;
      const fx = sx - xa, fy = sy - ya;
      const a = (ya * w + xa) * 3, b = a + 3, c0 = a + 3 * w, c1 = c0 + 3;
      for (let c = 0; c < 3; c++) {
        out[(y * w + x) * 3 + c] = Math.round((data[a + c] as number) * (1 - fx) * (1 - fy) + (data[b + c] as number) * fx * (1 - fy) + (data[c0 + c] as number) * (1 - fx) * fy + (data[c1 + c] as number) * fx * fy);
      }
    }
  }
  const res = { data: out, width: w, height: h };
  if (mouthOpen) fillPolygon(res, INNER_LIPS.map((i) => target[i] as P2), [52, 22, 24]);
  if (eyesShut) {
    // The opening the lids covered, painted with the lid's skin (sampled above the upper lid), a dark lash line below.
    const iod = Math.hypot((src[263] as P2)[0] - (src[33] as P2)[0], (src[263] as P2)[1] - (src[33] as P2)[1]);
    for (const eye of [LIDS.slice(0, 7), LIDS.slice(7)]) {
      const upper = eye.map(([u]) => src[u] as P2);
      const lower = eye.map(([, l]) => target[l] as P2).reverse();
      const mid = src[(eye[3] as [number, number])[0]] as P2;
      const skin = mean(img, mid[0], mid[1] - 0.12 * iod, Math.max(1, Math.round(0.03 * iod)));
      fillPolygon(res, [...upper.map((p): P2 => [p[0], p[1] - 1]), ...lower], skin);
      fillPolygon(res, [...lower.map((p): P2 => [p[0], p[1] - 1.5]), ...[...lower].reverse().map((p): P2 => [p[0], p[1] + 0.5])], [40, 30, 28]);
    }
  }
  return res;
}

/** The mean colour of a square patch. */
function mean(img: RgbImage, cx: number, cy: number, r: number): [number, number, number] {
  const sum = [0, 0, 0];
  let n = 0;
  for (let y = Math.round(cy) - r; y <= Math.round(cy) + r; y++) {
    for (let x = Math.round(cx) - r; x <= Math.round(cx) + r; x++) {
      if (x < 0 || y < 0 || x >= img.width || y >= img.height) continue;
      for (let c = 0; c < 3; c++) sum[c] = (sum[c] as number) + (img.data[(y * img.width + x) * 3 + c] as number);
      n++;
    }
  }
  return sum.map((v) => Math.round(v / Math.max(1, n))) as [number, number, number];
}

/** Paints the inside of a polygon (even-odd rule, scanline). */
function fillPolygon(img: RgbImage, poly: readonly P2[], rgb: [number, number, number]): void {
  const ys = poly.map((p) => p[1]);
  for (let y = Math.max(0, Math.floor(Math.min(...ys))); y <= Math.min(img.height - 1, Math.ceil(Math.max(...ys))); y++) {
    const xs: number[] = [];
    for (let i = 0; i < poly.length; i++) {
      const a = poly[i] as P2, b = poly[(i + 1) % poly.length] as P2;
      if ((a[1] <= y && b[1] > y) || (b[1] <= y && a[1] > y)) xs.push(a[0] + ((y - a[1]) / (b[1] - a[1])) * (b[0] - a[0]));
    }
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      for (let x = Math.max(0, Math.ceil(xs[k] as number)); x <= Math.min(img.width - 1, Math.floor(xs[k + 1] as number)); x++) {
        img.data.set(rgb, (y * img.width + x) * 3);
      }
    }
  }
}

/** The photo with the person in `pose`. */
export function posed(img: RgbImage, mesh: Float32Array, pose: Pose): RgbImage {
  if (pose.yaw === 0 && pose.pitch === 0 && pose.blink === 0 && pose.mouth === 0) return img;
  return warpToMesh(img, mesh, posedMesh(mesh, pose), pose.mouth > 0.2, pose.blink > 0.6);
}
