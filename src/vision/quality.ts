// Per-face quality measures and the decision whether a face is good enough to enrol or match.
import { CHIP_SIZE } from './align.ts';

export interface FaceQuality {
  /** Pixels between the eye centres in the original image. */
  eyeDistance: number;
  /** Variance of the Laplacian of the chip's grey image: low means blurred. */
  sharpness: number;
  /** Head pose in degrees. */
  yaw: number;
  pitch: number;
  roll: number;
  /** Detector confidence 0..1. */
  detection: number;
}

export interface QualityLimits {
  minEyeDistance: number;
  minSharpness: number;
  maxYaw: number;
  maxPitch: number;
  minDetection: number;
}

export const DEFAULT_QUALITY: QualityLimits = { minEyeDistance: 20, minSharpness: 15, maxYaw: 35, maxPitch: 30, minDetection: 0.5 };

export function sharpness(chip: Float32Array, size = CHIP_SIZE): number {
  const grey = new Float32Array(size * size);
  for (let i = 0; i < size * size; i++) grey[i] = 0.299 * (chip[i * 3] as number) + 0.587 * (chip[i * 3 + 1] as number) + 0.114 * (chip[i * 3 + 2] as number);
  let sum = 0, sum2 = 0, n = 0;
  // The centre of the chip only: the face, not the black border a rotation may add.
  const lo = Math.floor(size * 0.2), hi = Math.ceil(size * 0.8);
  for (let y = lo; y < hi; y++) {
    for (let x = lo; x < hi; x++) {
      const i = y * size + x;
      const lap = 4 * (grey[i] as number) - (grey[i - 1] as number) - (grey[i + 1] as number) - (grey[i - size] as number) - (grey[i + size] as number);
      sum += lap;
      sum2 += lap * lap;
      n++;
    }
  }
  const mean = sum / n;
  return sum2 / n - mean * mean;
}

/** Reasons a face falls short, empty when it is usable. */
export function qualityProblems(q: FaceQuality, limits: QualityLimits): string[] {
  const problems: string[] = [];
  if (q.detection < limits.minDetection) problems.push(`unsure it is a face (confidence ${q.detection.toFixed(2)})`);
  if (q.eyeDistance < limits.minEyeDistance) problems.push(`face too small (${q.eyeDistance.toFixed(0)} px between the eyes, need ${limits.minEyeDistance})`);
  if (q.sharpness < limits.minSharpness) problems.push(`too blurred (sharpness ${q.sharpness.toFixed(0)}, need ${limits.minSharpness})`);
  if (Math.abs(q.yaw) > limits.maxYaw) problems.push(`head turned too far (${q.yaw.toFixed(0)} degrees, limit ${limits.maxYaw})`);
  if (Math.abs(q.pitch) > limits.maxPitch) problems.push(`head tilted too far (${q.pitch.toFixed(0)} degrees, limit ${limits.maxPitch})`);
  return problems;
}
