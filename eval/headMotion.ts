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
// Lower lip and chin: what a dropped jaw moves whole.
const JAW = [14, 87, 178, 88, 95, 317, 402, 318, 324, 17, 84, 181, 91, 146, 314, 405, 321, 375, 152, 148, 176, 149, 150, 377, 400, 378, 379, 18, 200, 199, 175, 83, 313, 182, 406, 201, 421, 194, 418, 32, 262];
// The upper lip (outer, semi-outer, semi-inner and inner lines): it stays with the skull.
const UPPER_LIP = [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 76, 184, 74, 73, 72, 11, 302, 303, 304, 408, 306, 62, 183, 42, 41, 38, 12, 268, 271, 272, 407, 292, 78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308];
// The inner lip line: corners, the upper lip's points and below each the lower lip's (left to right).
const MOUTH_CORNERS: [number, number] = [78, 308];
const INNER_UPPER = [191, 80, 81, 82, 13, 312, 311, 310, 415];
const INNER_LOWER = [95, 88, 178, 87, 14, 317, 402, 318, 324];
const LIDS_BY_EYE = [LIDS.slice(0, 7), LIDS.slice(7)];
// The brows' lower edges, in the order of LIDS_BY_EYE.
const BROWS_LOWER = [[35, 124, 46, 53, 52, 65, 55], [265, 353, 276, 283, 282, 295, 285]];
// The eyes' corners (outer, inner) in the order of LIDS_BY_EYE.
const EYE_CORNERS: Array<[number, number]> = [[33, 133], [263, 362]];

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
  const drop = jawDrop(mesh);
  for (let i = 0; i < n; i++) (out[i] as P2)[1] += (drop[i] as number) * pose.mouth * 0.7 * iod;
  return out;
}

/**
 * How much of a jaw drop each mesh point follows, 0..1: the chin and lower lip all of it (the lower
 * lip's inner edge less towards the corners, so the lips part as a rounded opening), the skull and
 * upper lip none, and the cheeks and jaw line in between, smoothly (each the mean of its nearest
 * neighbours). Steps between neighbouring points fold the warp and tear the skin.
 */
function jawDrop(mesh: Float32Array): Float64Array {
  const n = mesh.length / 3;
  const x = (i: number) => mesh[3 * i] as number, y = (i: number) => mesh[3 * i + 1] as number;
  const half = Math.max(1, Math.abs(x(291) - x(61)) / 2), mx = (x(291) + x(61)) / 2, cornerY = (y(61) + y(291)) / 2;
  const w = new Float64Array(n);
  const pinned = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (y(i) < cornerY) pinned[i] = 1;
  for (const i of UPPER_LIP) pinned[i] = 1;
  for (const i of JAW) {
    pinned[i] = 1;
    w[i] = INNER_LOWER.includes(i) ? Math.max(0.25, 1 - ((x(i) - mx) / half) ** 2) : 1;
  }
  const free = Array.from({ length: n }, (_, i) => i).filter((i) => !pinned[i]);
  const near = free.map((i) =>
    Array.from({ length: n }, (_, j) => j)
      .filter((j) => j !== i)
      .sort((a, b) => Math.hypot(x(a) - x(i), y(a) - y(i)) - Math.hypot(x(b) - x(i), y(b) - y(i)))
      .slice(0, 6),
  );
  for (let it = 0; it < 200; it++) {
    free.forEach((i, k) => {
      w[i] = (near[k] as number[]).reduce((s, j) => s + (w[j] as number), 0) / 6;
    });
  }
  return w;
}

function faceWidth(mesh: Float32Array): number {
  return Math.hypot((mesh[3 * 454] as number) - (mesh[3 * 234] as number), (mesh[3 * 454 + 1] as number) - (mesh[3 * 234 + 1] as number));
}

/**
 * The photo warped so that its mesh lands on `target`: a displacement field interpolated from the
 * mesh points (inverse distance, so the eyelids follow their own points) fading to nothing on a
 * ring around the face, sampled backwards.
 */
export function warpToMesh(img: RgbImage, mesh: Float32Array, target: readonly P2[]): RgbImage {
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
  return { data: out, width: w, height: h };
}

/** Bilinear sample of channel c at (x, y), clamped to the image. */
function sample(img: RgbImage, x: number, y: number, c: number): number {
  const xa = Math.max(0, Math.min(img.width - 2, Math.floor(x))), ya = Math.max(0, Math.min(img.height - 2, Math.floor(y)));
  const fx = Math.max(0, Math.min(1, x - xa)), fy = Math.max(0, Math.min(1, y - ya));
  const a = (ya * img.width + xa) * 3 + c, b = a + 3 * img.width;
  const d = img.data;
  return (d[a] as number) * (1 - fx) * (1 - fy) + (d[a + 3] as number) * fx * (1 - fy) + (d[b] as number) * (1 - fx) * fy + (d[b + 3] as number) * fx * fy;
}

/** The y of a polyline (points ordered along x either way) at x; undefined outside it. */
function yAt(line: readonly P2[], x: number): number | undefined {
  for (let k = 0; k + 1 < line.length; k++) {
    const p = line[k] as P2, q = line[k + 1] as P2;
    const lo = Math.min(p[0], q[0]), hi = Math.max(p[0], q[0]);
    if (x < lo || x > hi) continue;
    return hi === lo ? Math.min(p[1], q[1]) : p[1] + ((x - p[0]) / (q[0] - p[0])) * (q[1] - p[1]);
  }
  return undefined;
}

/**
 * Shuts the eyes by `amount` (1 = closed) as a lid does: the skin between the upper lid and the
 * brow slides down over the eye (its pixels stretched over the opening, so no eye shows through),
 * ending in the dark line of the lashes on the lower lid. Painting a flat colour instead leaves a
 * dark almond the face mesh model still reads as an open eye.
 */
function closeEyes(img: RgbImage, target: readonly P2[], amount: number, iod: number): void {
  const before = { ...img, data: Uint8Array.from(img.data) };
  const pad = 0.03 * iod, lash = Math.max(0.8, 0.018 * iod);
  LIDS_BY_EYE.forEach((eye, e) => {
    const [outer, inner] = EYE_CORNERS[e] as [number, number];
    // The skin that slides down is the lid's, below the brow: a frowning brow close to the eye must not come down with it.
    const brow = (BROWS_LOWER[e] as number[]).map((i) => target[i] as P2).sort((a, b) => a[0] - b[0]);
    const corner = (i: number) => target[i] as P2;
    const upper = [corner(outer), ...eye.map(([u]) => target[u] as P2), corner(inner)];
    const lower = [corner(outer), ...eye.map(([, l]) => target[l] as P2), corner(inner)];
    const xs = upper.map((p) => p[0]);
    for (let x = Math.ceil(Math.min(...xs)); x <= Math.floor(Math.max(...xs)); x++) {
      const yu = yAt(upper, x), yl = yAt(lower, x);
      if (yu === undefined || yl === undefined || x < 0 || x >= img.width) continue;
      // The lid's edge, and the top of the skin that slides down to it.
      const edge = yu + amount * Math.max(0, yl - yu);
      const browY = yAt(brow, x) ?? yu - 0.3 * iod;
      const band = Math.max(0, Math.min(0.14 * iod, 0.6 * (yu - browY) - pad));
      const top = yu - pad - band;
      const stretch = band / Math.max(1e-3, edge - top);
      for (let y = Math.max(0, Math.floor(top)); y <= Math.min(img.height - 1, Math.ceil(edge + 2 * lash)); y++) {
        const o = (y * img.width + x) * 3;
        const dark = amount * 0.6 * Math.exp(-(((y - edge) / lash) ** 2));
        for (let c = 0; c < 3; c++) {
          const v = y <= edge ? sample(before, x, top + (y - top) * stretch, c) : (img.data[o + c] as number);
          img.data[o + c] = Math.round(v * (1 - dark));
        }
      }
    }
  });
}

/**
 * The open mouth: what showed between the lips (teeth, or nothing) parts with them, its upper half
 * under the upper lip, its lower half on the lower lip; between them the mouth is dark, the
 * tongue's red towards the lower lip.
 */
function openMouth(img: RgbImage, photo: RgbImage, orig: readonly P2[], target: readonly P2[]): void {
  const [l, r] = MOUTH_CORNERS;
  const upperIdx = [l, ...INNER_UPPER, r], lowerIdx = [l, ...INNER_LOWER, r];
  const upper = upperIdx.map((i) => target[i] as P2);
  const lower = lowerIdx.map((i) => target[i] as P2);
  const moved = (i: number): P2 => [(target[i] as P2)[0] - (orig[i] as P2)[0], (target[i] as P2)[1] - (orig[i] as P2)[1]];
  // Per point: the opening the photo had, and how far each lip moved (it carries its teeth).
  const gap = upperIdx.map((u, k) => Math.max(0, (orig[lowerIdx[k] as number] as P2)[1] - (orig[u] as P2)[1]));
  const upShift = upperIdx.map(moved), lowShift = lowerIdx.map(moved);
  for (let x = Math.ceil(Math.min(...upper.map((p) => p[0]))); x <= Math.floor(Math.max(...upper.map((p) => p[0]))); x++) {
    const yu = yAt(upper, x), yl = yAt(lower, x);
    if (yu === undefined || yl === undefined || yl <= yu || x < 0 || x >= img.width) continue;
    const k = Math.max(0, upper.findIndex((p, i) => i + 1 < upper.length && x >= Math.min(p[0], (upper[i + 1] as P2)[0]) && x <= Math.max(p[0], (upper[i + 1] as P2)[0])));
    const f = Math.max(0, Math.min(1, (x - (upper[k] as P2)[0]) / (((upper[k + 1] as P2)[0] - (upper[k] as P2)[0]) || 1)));
    const lerp = (a: readonly number[]) => (a[k] as number) * (1 - f) + (a[k + 1] as number) * f;
    const half = Math.min((yl - yu) / 2, lerp(gap) / 2);
    for (let y = Math.max(0, Math.ceil(yu)); y <= Math.min(img.height - 1, Math.floor(yl)); y++) {
      const o = (y * img.width + x) * 3;
      const teeth = y - yu < half ? upShift : yl - y < half ? lowShift : null;
      if (teeth) {
        const dx = lerp(teeth.map((s) => s[0])), dy = lerp(teeth.map((s) => s[1]));
        for (let c = 0; c < 3; c++) img.data[o + c] = Math.round(sample(photo, x - dx, y - dy, c));
        continue;
      }
      // Darkest under the upper teeth, the tongue's red nearer the lower lip.
      const s = (y - yu - half) / Math.max(1, yl - yu - 2 * half);
      const rgb = [30 + 70 * s * s, 12 + 22 * s * s, 14 + 24 * s * s];
      for (let c = 0; c < 3; c++) img.data[o + c] = Math.round(rgb[c] as number);
    }
  }
}

/**
 * The photo with the person in `pose`: warped to the turned head with the lids open (a warp cannot
 * hide the eye under its lid), then the lids shut and the mouth opened by painting.
 */
export function posed(img: RgbImage, mesh: Float32Array, pose: Pose): RgbImage {
  if (pose.yaw === 0 && pose.pitch === 0 && pose.blink === 0 && pose.mouth === 0) return img;
  const target = posedMesh(mesh, { ...pose, blink: 0 });
  const out = warpToMesh(img, mesh, target);
  const src = Array.from({ length: mesh.length / 3 }, (_, i): P2 => [mesh[3 * i] as number, mesh[3 * i + 1] as number]);
  if (pose.mouth > 0.05) openMouth(out, img, src, target);
  const iod = Math.hypot((src[263] as P2)[0] - (src[33] as P2)[0], (src[263] as P2)[1] - (src[33] as P2)[1]);
  if (pose.blink > 0) closeEyes(out, target, Math.min(1, pose.blink), iod);
  return out;
}
