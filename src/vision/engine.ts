// The face pipeline on one thread: detect (Human) -> align -> describe (face-api ResNet) -> quality.
import { performance } from 'node:perf_hooks';
import type { RgbImage } from './decode.ts';
import { CHIP_SIZE, CHIP_TEMPLATE, fitSimilarity, warpChip, type Point } from './align.ts';
import { sharpness, type FaceQuality } from './quality.ts';
import { loadModels, type HumanFace, type Models } from './models.ts';

export const EMBEDDING_SIZE = 128;

export interface FaceAnalysis {
  /** x, y, width, height in the input image. */
  box: [number, number, number, number];
  /** Eye centres, nose tip and mouth corners, in the input image. */
  landmarks: { leftEye: Point; rightEye: Point; nose: Point; mouthLeft: Point; mouthRight: Point };
  quality: FaceQuality;
  /** Single-frame presentation-attack scores 0..1 (higher = more likely a real face). */
  antispoof: number;
  liveness: number;
  /** Unit-length 128-d descriptor. */
  embedding: Float32Array;
}

const mid = (p: readonly number[], q: readonly number[]): Point => [((p[0] ?? 0) + (q[0] ?? 0)) / 2, ((p[1] ?? 0) + (q[1] ?? 0)) / 2];
const deg = (rad: number | undefined) => ((rad ?? 0) * 180) / Math.PI;

/** Faces touching the border are missed by the detector; a black margin costs little and finds them. */
function pad(img: RgbImage, margin: number): RgbImage {
  const w = img.width + 2 * margin;
  const h = img.height + 2 * margin;
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < img.height; y++) {
    data.set(img.data.subarray(y * img.width * 3, (y + 1) * img.width * 3), ((y + margin) * w + margin) * 3);
  }
  return { data, width: w, height: h };
}

function normalise(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n) || 1;
  return v.map((x) => x / n);
}

export interface StageTimings {
  detectMs: number;
  alignMs: number;
  describeMs: number;
}

export class FaceEngine {
  /** Where the chip puts eyes and mouth; the evaluation harness may try others. */
  template = CHIP_TEMPLATE;
  /** How long the stages of the last analyze() took, for the evaluation harness. */
  lastTimings: StageTimings = { detectMs: 0, alignMs: 0, describeMs: 0 };

  private constructor(private readonly models: Models) {}

  static async load(maxFaces = 25): Promise<FaceEngine> {
    return new FaceEngine(await loadModels({ maxFaces }));
  }

  async analyze(img: RgbImage): Promise<FaceAnalysis[]> {
    const margin = Math.round(Math.max(img.width, img.height) * 0.15);
    const padded = pad(img, margin);
    const { human, faceapi } = this.models;
    const timings: StageTimings = { detectMs: 0, alignMs: 0, describeMs: 0 };
    let t0 = performance.now();
    const input = human.tf.tensor3d(padded.data, [padded.height, padded.width, 3], 'int32');
    let faces: HumanFace[];
    try {
      const res = await human.detect(input);
      if (res.error) throw new Error(res.error);
      faces = res.face;
    } finally {
      input.dispose();
    }
    timings.detectMs = performance.now() - t0;
    const out: FaceAnalysis[] = [];
    for (const f of faces) {
      t0 = performance.now();
      const m = f.mesh;
      if (m.length < 468) continue;
      const at = (i: number) => m[i] as readonly number[];
      const leftEye = mid(at(33), at(133));
      const rightEye = mid(at(362), at(263));
      const mouth = mid(at(61), at(291));
      const t = fitSimilarity([leftEye, rightEye, mouth], [this.template.leftEye, this.template.rightEye, this.template.mouth]);
      const chip = warpChip(padded, t, CHIP_SIZE);
      timings.alignMs += performance.now() - t0;
      t0 = performance.now();
      const chipTensor = faceapi.tf.tensor3d(chip, [CHIP_SIZE, CHIP_SIZE, 3], 'float32');
      let descriptor: Float32Array;
      try {
        const d = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(chipTensor);
        descriptor = Array.isArray(d) ? (d[0] as Float32Array) : d;
      } finally {
        chipTensor.dispose();
      }
      timings.describeMs += performance.now() - t0;
      const shift = (p: Point): Point => [p[0] - margin, p[1] - margin];
      const angle = f.rotation?.angle;
      out.push({
        box: [f.box[0] - margin, f.box[1] - margin, f.box[2], f.box[3]],
        landmarks: { leftEye: shift(leftEye), rightEye: shift(rightEye), nose: shift(mid(at(1), at(1))), mouthLeft: shift(mid(at(61), at(61))), mouthRight: shift(mid(at(291), at(291))) },
        quality: {
          eyeDistance: Math.hypot(rightEye[0] - leftEye[0], rightEye[1] - leftEye[1]),
          sharpness: sharpness(chip),
          yaw: deg(angle?.yaw),
          pitch: deg(angle?.pitch),
          roll: deg(angle?.roll),
          detection: f.boxScore ?? f.score,
        },
        antispoof: f.real ?? 0,
        liveness: f.live ?? 0,
        embedding: normalise(descriptor),
      });
    }
    this.lastTimings = timings;
    return out;
  }
}
