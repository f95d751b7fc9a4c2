// The face pipeline on one thread: detect (Human) -> align -> describe (face-api ResNet) -> quality.
import { performance } from 'node:perf_hooks';
import type { RgbImage } from './decode.ts';
import { CHIP_SIZE, CHIP_TEMPLATE, fitSimilarity, warpChip, type Point } from './align.ts';
import { sharpness, type FaceQuality } from './quality.ts';
import { loadModels, type HumanFace, type Models } from './models.ts';
import { clipped, cropWithMargin, mergeDetections, sameFace, type Box } from './regions.ts';
import { searchFrame, type RegionFace } from './search.ts';

export const EMBEDDING_SIZE = 128;
/** The side of the square crop Human's face mesh model reads. */
const MESH_INPUT = 192;

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
  /**
   * The 468-point face mesh, x, y, z triples in input-image pixels (z grows away from the camera), for
   * multi-frame liveness. Always from the pass without the iris model, as alignment is.
   */
  mesh: Float32Array;
  /**
   * The same mesh from a pass with the iris model, whose eye outlines close in a blink (the mesh's
   * own do not tell a shut eye from a look up); null unless the frame was analysed with `eyes`.
   */
  irisMesh: Float32Array | null;
}

export interface AnalyzeOptions {
  /** Also run the iris model (about a third more per face), for a blink to be judged on this frame. */
  eyes?: boolean;
}

// Human keeps whatever a call's config sets, so every call says which of the switchable models run.
// The pass with the iris model is read for the eyes only: no antispoof or liveness scores.
const WITHOUT_IRIS = { face: { iris: { enabled: false }, antispoof: { enabled: true }, liveness: { enabled: true } } };
const WITH_IRIS = { face: { iris: { enabled: true }, antispoof: { enabled: false }, liveness: { enabled: false } } };

const mid = (p: readonly number[], q: readonly number[]): Point => [((p[0] ?? 0) + (q[0] ?? 0)) / 2, ((p[1] ?? 0) + (q[1] ?? 0)) / 2];
const deg = (rad: number | undefined) => ((rad ?? 0) * 180) / Math.PI;

/** The biggest face: the person at the door, or the subject of a one-person photo. */
export function largestFace<T extends { box: readonly number[] }>(faces: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const f of faces) if (!best || (f.box[2] ?? 0) * (f.box[3] ?? 0) > (best.box[2] ?? 0) * (best.box[3] ?? 0)) best = f;
  return best;
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

  /** Finds, checks and describes the faces in the image: the whole frame, then tiles where they can help (see search.ts). */
  async analyze(img: RgbImage, opts: AnalyzeOptions = {}): Promise<FaceAnalysis[]> {
    const timings: StageTimings = { detectMs: 0, alignMs: 0, describeMs: 0 };
    const faces = await searchFrame(img.width, img.height, (r, known) => this.analyzeRegions(img, r, known, opts, timings));
    this.lastTimings = timings;
    return faces;
  }

  /**
   * The faces in `regions` only (a worker's share of the search), each marked whether it was seen
   * whole; faces that are one of `known` (found already) are not described again.
   */
  async searchRegions(img: RgbImage, regions: Box[], known: Box[] = [], opts: AnalyzeOptions = {}): Promise<Array<RegionFace<FaceAnalysis>>> {
    const timings: StageTimings = { detectMs: 0, alignMs: 0, describeMs: 0 };
    const faces = await this.analyzeRegions(img, regions, known, opts, timings);
    this.lastTimings = timings;
    return faces;
  }

  private async analyzeRegions(img: RgbImage, regions: Box[], known: Box[], opts: AnalyzeOptions, timings: StageTimings): Promise<Array<RegionFace<FaceAnalysis>>> {
    const { human } = this.models;
    let t0 = performance.now();
    // Each face remembers the padded region it was found in: its mesh is in that region's pixels.
    const found: Array<{ face: HumanFace; eyes: HumanFace | null; region: RgbImage; dx: number; dy: number; box: Box; score: number; complete: boolean }> = [];
    for (const region of regions) {
      const margin = Math.round(Math.max(region[2], region[3]) * 0.15);
      const padded = cropWithMargin(img, region, margin);
      const input = human.tf.tensor3d(padded.data, [padded.height, padded.width, 3], 'int32');
      try {
        const res = await human.detect(input, WITHOUT_IRIS);
        if (res.error) throw new Error(res.error);
        // The iris model moves the eye corners the chip is aligned on (recognition got worse with
        // it), so it runs as a second pass whose mesh only the eyes are read from.
        const withIris = opts.eyes ? await human.detect(input, WITH_IRIS) : null;
        if (withIris?.error) throw new Error(withIris.error);
        const dx = region[0] - margin, dy = region[1] - margin;
        for (const face of res.face) {
          if (face.mesh.length < 468) continue;
          const eyes = withIris?.face.find((e) => e.mesh.length >= 468 && sameFace(e.box, face.box)) ?? null;
          const box: Box = [face.box[0] + dx, face.box[1] + dy, face.box[2], face.box[3]];
          found.push({ face, eyes, region: padded, dx, dy, box, score: face.boxScore ?? face.score, complete: !clipped(box, region, img.width, img.height) });
        }
      } finally {
        input.dispose();
      }
    }
    timings.detectMs += performance.now() - t0;
    const faces = mergeDetections(found).filter((f) => !known.some((k) => sameFace(k, f.box)));
    t0 = performance.now();
    const aligned = faces.map(({ face, region }) => {
      const at = (i: number) => face.mesh[i] as readonly number[];
      const eyes = { left: mid(at(33), at(133)), right: mid(at(362), at(263)), mouth: mid(at(61), at(291)) };
      const t = fitSimilarity([eyes.left, eyes.right, eyes.mouth], [this.template.leftEye, this.template.rightEye, this.template.mouth]);
      return { eyes, chip: warpChip(region, t, CHIP_SIZE) };
    });
    timings.alignMs += performance.now() - t0;
    t0 = performance.now();
    const descriptors = await this.describe(aligned.map((a) => a.chip));
    timings.describeMs += performance.now() - t0;
    const out = faces.map(({ face: f, eyes: e, dx, dy, box, score, complete }, i): RegionFace<FaceAnalysis> => {
      const { eyes, chip } = aligned[i] as (typeof aligned)[number];
      const at = (k: number) => f.mesh[k] as readonly number[];
      const shift = (p: readonly number[]): Point => [(p[0] ?? 0) + dx, (p[1] ?? 0) + dy];
      const angle = f.rotation?.angle;
      // Human scales x and y from its 192-pixel mesh crop to the image but leaves z in crop pixels;
      // its box is that crop (re-centred on the mesh). In image pixels the depth means the same at
      // any distance from the camera.
      const depth = Math.max(f.box[2], f.box[3]) / MESH_INPUT;
      // The first 468 points: the iris model appends the irises' centres and rims, which nothing here reads.
      const pixels = (m: HumanFace['mesh']) => Float32Array.from(m.slice(0, 468).flatMap((p) => [(p[0] ?? 0) + dx, (p[1] ?? 0) + dy, (p[2] ?? 0) * depth]));
      const face: FaceAnalysis = {
        box,
        landmarks: { leftEye: shift(eyes.left), rightEye: shift(eyes.right), nose: shift(at(1)), mouthLeft: shift(at(61)), mouthRight: shift(at(291)) },
        quality: {
          eyeDistance: Math.hypot(eyes.right[0] - eyes.left[0], eyes.right[1] - eyes.left[1]),
          sharpness: sharpness(chip),
          yaw: deg(angle?.yaw),
          pitch: deg(angle?.pitch),
          roll: deg(angle?.roll),
          detection: score,
        },
        antispoof: f.real ?? 0,
        liveness: f.live ?? 0,
        embedding: normalise(descriptors[i] as Float32Array),
        mesh: pixels(f.mesh),
        irisMesh: e && pixels(e.mesh),
      };
      return { face, complete };
    });
    return out;
  }

  /** One ResNet pass over all chips at once: batched inference beats one call per face. */
  private async describe(chips: Float32Array[]): Promise<Float32Array[]> {
    if (chips.length === 0) return [];
    const { faceapi } = this.models;
    const inputs = chips.map((c) => faceapi.tf.tensor3d(c, [CHIP_SIZE, CHIP_SIZE, 3], 'float32'));
    try {
      const d = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(inputs);
      return Array.isArray(d) ? d : [d];
    } finally {
      for (const t of inputs) t.dispose();
    }
  }
}
