// Multi-frame presentation-attack check over a short burst of one face. Pure: landmark tracks in,
// verdict out.
//
// A printed or on-screen photo moved in front of the camera moves as a plane: every landmark of
// frame k is the same homography of frame 0, up to detector noise. A real head turning does not:
// the nose tip and the cheeks sit at different depths, so their image motion disagrees with any
// single homography (parallax). Blinks and mouth movement are further signs of life that a
// photo cannot show. A face that neither moves in depth nor blinks gives no evidence and is not
// taken as live.
import type { Point } from './align.ts';
import type { ChallengeFrame } from '../core/challenge.ts';

export type Strictness = 'lenient' | 'normal' | 'strict';

/** One frame's face: the 468 mesh points as x, y, z triples (x, y in image pixels). */
export interface FaceFrame {
  mesh: Float32Array;
}

export interface LivenessVerdict {
  live: boolean;
  /** Largest RMS misfit of a single homography between two frames, in inter-ocular distances. */
  parallax: number;
  /** Largest landmark displacement between frames, in inter-ocular distances. */
  motion: number;
  blinked: boolean;
  /** Spread of the mouth opening across frames, relative to its median. */
  mouthMotion: number;
  reasons: string[];
}

export interface LivenessSettings {
  strictness: Strictness;
  /** Parallax (in inter-ocular distances) that counts as depth. */
  minParallax: number;
}

export const DEFAULT_LIVENESS: LivenessSettings = { strictness: 'normal', minParallax: 0.035 };

const at = (mesh: Float32Array, i: number): Point => [mesh[3 * i] as number, mesh[3 * i + 1] as number];
const dist = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);

export function eyeDistance(mesh: Float32Array): number {
  const mid = (i: number, j: number): Point => [((at(mesh, i)[0] + at(mesh, j)[0]) / 2), (at(mesh, i)[1] + at(mesh, j)[1]) / 2];
  return dist(mid(33, 133), mid(362, 263));
}

/** Eye opening over eye width, both eyes averaged: drops sharply in a blink. */
export function eyeAspectRatio(mesh: Float32Array): number {
  const right = (dist(at(mesh, 159), at(mesh, 145)) + dist(at(mesh, 158), at(mesh, 153))) / (2 * dist(at(mesh, 33), at(mesh, 133)));
  const left = (dist(at(mesh, 386), at(mesh, 374)) + dist(at(mesh, 385), at(mesh, 380))) / (2 * dist(at(mesh, 362), at(mesh, 263)));
  return (left + right) / 2;
}

export function mouthAspectRatio(mesh: Float32Array): number {
  return dist(at(mesh, 13), at(mesh, 14)) / dist(at(mesh, 61), at(mesh, 291));
}

/** Hartley normalisation: centre on the mean, mean distance sqrt(2). */
function normaliser(pts: readonly Point[]): { t: [number, number, number]; apply(p: Point): Point } {
  let cx = 0, cy = 0;
  for (const p of pts) {
    cx += p[0];
    cy += p[1];
  }
  cx /= pts.length;
  cy /= pts.length;
  let d = 0;
  for (const p of pts) d += Math.hypot(p[0] - cx, p[1] - cy);
  const s = Math.SQRT2 / (d / pts.length || 1);
  return { t: [s, cx, cy], apply: (p) => [(p[0] - cx) * s, (p[1] - cy) * s] };
}

/** Solves the n x n system in place by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((a[r] as number[])[c] as number) > Math.abs((a[piv] as number[])[c] as number)) piv = r;
    if (Math.abs((a[piv] as number[])[c] as number) < 1e-12) return null;
    [a[c], a[piv]] = [a[piv] as number[], a[c] as number[]];
    [b[c], b[piv]] = [b[piv] as number, b[c] as number];
    for (let r = c + 1; r < n; r++) {
      const f = ((a[r] as number[])[c] as number) / ((a[c] as number[])[c] as number);
      for (let k = c; k < n; k++) (a[r] as number[])[k] = ((a[r] as number[])[k] as number) - f * ((a[c] as number[])[k] as number);
      b[r] = (b[r] as number) - f * (b[c] as number);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r] as number;
    for (let k = r + 1; k < n; k++) s -= ((a[r] as number[])[k] as number) * (x[k] as number);
    x[r] = s / ((a[r] as number[])[r] as number);
  }
  return x;
}

export type Homography = [number, number, number, number, number, number, number, number, number];

export function applyHomography(h: Homography, p: Point): Point {
  const w = h[6] * p[0] + h[7] * p[1] + h[8];
  return [(h[0] * p[0] + h[1] * p[1] + h[2]) / w, (h[3] * p[0] + h[4] * p[1] + h[5]) / w];
}

/** Least-squares homography src -> dst (normalised DLT with h33 = 1); null when degenerate. */
export function fitHomography(src: readonly Point[], dst: readonly Point[]): Homography | null {
  if (src.length < 4 || src.length !== dst.length) return null;
  const ns = normaliser(src);
  const nd = normaliser(dst);
  const ata = Array.from({ length: 8 }, () => new Array<number>(8).fill(0));
  const atb = new Array<number>(8).fill(0);
  const add = (row: number[], rhs: number) => {
    for (let i = 0; i < 8; i++) {
      atb[i] = (atb[i] as number) + (row[i] as number) * rhs;
      for (let j = 0; j < 8; j++) (ata[i] as number[])[j] = ((ata[i] as number[])[j] as number) + (row[i] as number) * (row[j] as number);
    }
  };
  for (let i = 0; i < src.length; i++) {
    const [x, y] = ns.apply(src[i] as Point);
    const [u, v] = nd.apply(dst[i] as Point);
    add([x, y, 1, 0, 0, 0, -u * x, -u * y], u);
    add([0, 0, 0, x, y, 1, -v * x, -v * y], v);
  }
  const hn = solve(ata, atb);
  if (!hn) return null;
  // Undo the normalisations: H = Td^-1 * Hn * Ts.
  const [ss, sx, sy] = ns.t;
  const [ds, dx, dy] = nd.t;
  const Hn = [hn[0], hn[1], hn[2], hn[3], hn[4], hn[5], hn[6], hn[7], 1] as number[];
  const Ts = [ss, 0, -ss * sx, 0, ss, -ss * sy, 0, 0, 1];
  const TdInv = [1 / ds, 0, dx, 0, 1 / ds, dy, 0, 0, 1];
  const mul = (a: number[], b: number[]) =>
    Array.from({ length: 9 }, (_, k) => {
      const r = Math.floor(k / 3), c = k % 3;
      return (a[r * 3] as number) * (b[c] as number) + (a[r * 3 + 1] as number) * (b[3 + c] as number) + (a[r * 3 + 2] as number) * (b[6 + c] as number);
    });
  const h = mul(TdInv, mul(Hn, Ts));
  const s = h[8] as number;
  return h.map((v) => v / s) as Homography;
}

function points(mesh: Float32Array): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < mesh.length / 3; i++) out.push(at(mesh, i));
  return out;
}

function median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)] ?? 0;
}

export function assessBurst(frames: readonly FaceFrame[], settings: LivenessSettings = DEFAULT_LIVENESS): LivenessVerdict {
  const reasons: string[] = [];
  if (frames.length < 3) {
    return { live: false, parallax: 0, motion: 0, blinked: false, mouthMotion: 0, reasons: ['too few frames with a face (need 3)'] };
  }
  const iod = median(frames.map((f) => eyeDistance(f.mesh))) || 1;
  const tracks = frames.map((f) => points(f.mesh));
  let parallax = 0;
  let motion = 0;
  const ref = tracks[0] as Point[];
  for (let k = 1; k < tracks.length; k++) {
    const cur = tracks[k] as Point[];
    let moved = 0;
    for (let i = 0; i < ref.length; i++) moved = Math.max(moved, dist(ref[i] as Point, cur[i] as Point));
    motion = Math.max(motion, moved / iod);
    const h = fitHomography(ref, cur);
    if (!h) continue;
    let sq = 0;
    for (let i = 0; i < ref.length; i++) sq += dist(applyHomography(h, ref[i] as Point), cur[i] as Point) ** 2;
    parallax = Math.max(parallax, Math.sqrt(sq / ref.length) / iod);
  }
  const ears = frames.map((f) => eyeAspectRatio(f.mesh));
  const earMed = median(ears);
  const closedAt = ears.findIndex((e) => e < 0.6 * earMed);
  const blinked = closedAt >= 0 && ears.slice(closedAt).some((e) => e > 0.85 * earMed);
  const mars = frames.map((f) => mouthAspectRatio(f.mesh));
  const marMed = median(mars) || 1;
  const mouthMotion = (Math.max(...mars) - Math.min(...mars)) / Math.max(marMed, 0.05);

  const depth = parallax >= settings.minParallax;
  const mouth = mouthMotion >= 0.5;
  if (!depth) reasons.push(motion < 0.05 ? 'the face did not move' : 'the face moved like a flat picture');
  if (!blinked) reasons.push('no blink');
  let live: boolean;
  if (settings.strictness === 'strict') live = depth && blinked;
  else if (settings.strictness === 'normal') live = depth || blinked;
  else live = depth || blinked || mouth;
  return { live, parallax, motion, blinked, mouthMotion, reasons: live ? [] : reasons };
}

/**
 * How far the head turned from `ref` to `mesh`, in degrees (yaw > 0: to the person's own left, the
 * nose moving to the image's right, camera not mirrored; pitch > 0: looking up). The reference
 * mesh, with its depth, is fitted onto this frame's image points by least squares (an affine
 * camera: x = A X + t over the points that move with the skull), and the rotation is read from A's rows. Only the
 * reference's depth is used: the mesh model places points in the image well, but the depth it
 * gives a turned face follows the turn by half or less.
 */
export function relativePose(ref: Float32Array, mesh: Float32Array): { yaw: number; pitch: number } {
  const idx = rigidPoints(ref);
  const n = idx.length;
  const c = [0, 0, 0, 0, 0];
  for (const i of idx) {
    for (let k = 0; k < 3; k++) c[k] = (c[k] as number) + (ref[3 * i + k] as number) / n;
    for (let k = 0; k < 2; k++) c[3 + k] = (c[3 + k] as number) + (mesh[3 * i + k] as number) / n;
  }
  // Normal equations: A = (sum x X^T) (sum X X^T)^-1.
  const xx = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const yx = [0, 0, 0, 0, 0, 0];
  for (const i of idx) {
    const X = [0, 1, 2].map((k) => (ref[3 * i + k] as number) - (c[k] as number));
    const y = [0, 1].map((k) => (mesh[3 * i + k] as number) - (c[3 + k] as number));
    for (let r = 0; r < 3; r++) {
      for (let q = 0; q < 3; q++) xx[3 * r + q] = (xx[3 * r + q] as number) + (X[r] as number) * (X[q] as number);
      for (let k = 0; k < 2; k++) yx[3 * k + r] = (yx[3 * k + r] as number) + (y[k] as number) * (X[r] as number);
    }
  }
  const inv = invert3(xx);
  if (!inv) return { yaw: 0, pitch: 0 };
  const row = (k: number) => [0, 1, 2].map((q) => [0, 1, 2].reduce((s, r) => s + (yx[3 * k + r] as number) * (inv[3 * r + q] as number), 0));
  const unit = (v: number[]) => {
    const l = Math.hypot(...v) || 1;
    return v.map((x) => x / l);
  };
  const r1 = unit(row(0));
  const a2 = row(1);
  const d = a2.reduce((s, v, k) => s + v * (r1[k] as number), 0);
  const r2 = unit(a2.map((v, k) => v - d * (r1[k] as number)));
  const deg = (r: number) => (r * 180) / Math.PI;
  return { yaw: deg(Math.atan2(-(r1[2] as number), r1[0] as number)), pitch: deg(Math.atan2(r2[2] as number, r2[1] as number)) };
}

// The eyes' outlines (they close in a blink) and the face's outline (the model slides it along the silhouette as the head turns).
const EYES = [263, 249, 390, 373, 374, 380, 381, 382, 362, 466, 388, 387, 386, 385, 384, 398, 33, 7, 163, 144, 145, 153, 154, 155, 133, 246, 161, 160, 159, 158, 157, 173];
const OVAL = [10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109];
const MOVING = new Set([...EYES, ...OVAL]);

/** The points that move with the skull: above the base of the nose (the jaw and lips move on their own), less the eyes and the outline. */
function rigidPoints(ref: Float32Array): number[] {
  const n = ref.length / 3;
  const below = ref[3 * 2 + 1] as number;
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (!MOVING.has(i) && (ref[3 * i + 1] as number) <= below) out.push(i);
  return out;
}

function invert3(m: number[]): number[] | null {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-9) return null;
  return [A, -(b * i - c * h), b * f - c * e, B, a * i - c * g, -(a * f - c * d), C, -(a * h - b * g), a * e - b * d].map((v) => v / det);
}

/**
 * The burst as the challenge checker reads it: head pose relative to the frame nearest the prompt,
 * eye and mouth opening. The eyes only from the iris model's outlines (`irisMesh`): without them
 * the opening is unknown (null), never read from the mesh's own eye points, which close as much
 * when the head looks up as in a blink.
 */
export function challengeFrames(frames: ReadonlyArray<{ at: number; mesh: Float32Array; irisMesh?: Float32Array | null; match: boolean }>, promptedAt: number): ChallengeFrame[] {
  let ref: Float32Array | undefined;
  let best = Infinity;
  for (const f of frames) {
    if (Math.abs(f.at - promptedAt) < best) {
      best = Math.abs(f.at - promptedAt);
      ref = f.mesh;
    }
  }
  return frames.map((f) => ({ at: f.at, ...relativePose(ref as Float32Array, f.mesh), eyes: f.irisMesh ? eyeAspectRatio(f.irisMesh) : null, mouth: mouthAspectRatio(f.mesh), match: f.match }));
}
