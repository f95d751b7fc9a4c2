import { fitSimilarity, warpChip, type Point } from './align.ts';
import { encodeJpeg, type RgbImage } from './decode.ts';
import type { FaceAnalysis } from './engine.ts';

/**
 * The picture of an enrolled face a person sees on the panel: small (so it is a thumbnail, not a
 * photo to print), aligned like the chip the recogniser saw.
 */
export const FACE_CHIP_SIZE = 112;
/** Looser than the recognition chip: forehead and chin stay in, so a person knows the face. */
const LAYOUT: readonly Point[] = [
  [0.37 * FACE_CHIP_SIZE, 0.42 * FACE_CHIP_SIZE],
  [0.63 * FACE_CHIP_SIZE, 0.42 * FACE_CHIP_SIZE],
  [0.5 * FACE_CHIP_SIZE, 0.7 * FACE_CHIP_SIZE],
];

/** The face as a JPEG of FACE_CHIP_SIZE square pixels (a few KB). */
export function faceChipJpeg(img: RgbImage, face: Pick<FaceAnalysis, 'landmarks'>): Promise<Buffer> {
  const { leftEye, rightEye, mouthLeft, mouthRight } = face.landmarks;
  const mouth: Point = [(mouthLeft[0] + mouthRight[0]) / 2, (mouthLeft[1] + mouthRight[1]) / 2];
  const chip = warpChip(img, fitSimilarity([leftEye, rightEye, mouth], LAYOUT), FACE_CHIP_SIZE);
  return encodeJpeg({ data: Uint8Array.from(chip, (v) => Math.round(v)), width: FACE_CHIP_SIZE, height: FACE_CHIP_SIZE }, 80);
}
