// Phone-size photos made from the shared face photos: 3024x4032 and 4032x3024 JPEGs, stored turned
// and tagged with an EXIF orientation (as phones do) so the decoder must turn them back; one person
// with the face 10 %-80 % of the frame's height, or several people side by side. Used by the phone
// test (a handful) and `npm run eval:phones` (the whole set).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { FACES_DIR } from './faceData.ts';
import { decodeImage, type RgbImage } from '../src/vision/decode.ts';
import { largestFace } from '../src/vision/engine.ts';
import { EnrolError, type FaceService } from '../src/vision/faceService.ts';
import type { PeopleRepo } from '../src/store/people.ts';

export interface PhonePhoto {
  file: string;
  /** Who is in it, left to right. */
  people: string[];
  /** Face height / frame height of each person's face. */
  faceShare: number[];
  orientation: number;
  width: number;
  height: number;
}

/** One-person source photos: the file, who, and the face box [x, y, w, h] in the upright photo. */
export interface Source {
  file: string;
  who: string;
  face: [number, number, number, number];
}

/** One-person photos of the shared set (under FACES_DIR), each a different shot. */
export const SOURCE_FILES: Array<[string, string]> = [
  ['people/obama/obama.jpg', 'obama'],
  ['people/biden/biden2.jpg', 'biden'],
  ['people/alex_lacamoire/img1.jpg', 'alex_lacamoire'],
  ['people/rose_leslie/img1.jpg', 'rose_leslie'],
  ['people/kit_harington/john1.jpeg', 'kit_harington'],
  ['probes/obama3.jpg', 'obama'],
  ['probes/johnsnow_test1.jpg', 'kit_harington'],
  ['people/rose_leslie/img2.jpg', 'rose_leslie'],
  ['people/biden/biden.jpg', 'biden'],
  ['people/obama/obama2.jpg', 'obama'],
];

/**
 * What a phone stores for each EXIF tag: the upright picture turned by `angle` then mirrored, so
 * that a viewer applying the tag shows it upright again.
 */
const STORED: Record<number, [number, boolean]> = { 1: [0, false], 2: [0, true], 3: [180, false], 4: [180, true], 5: [90, true], 6: [270, false], 7: [270, true], 8: [90, false] };

/** A plain wall behind a group: nothing a detector could take for a face. */
function wall(width: number, height: number, seed: number): Sharp {
  const tones = ['#8a8175', '#6f7a83', '#a39b8f', '#5d6657'];
  return sharp({ create: { width, height, channels: 3, background: tones[seed % tones.length] as string } });
}

/** The part of `src` (scaled by `scale`, its point `at` put at `to` on the canvas) that lands on the canvas. */
async function placed(src: Source, scale: number, at: [number, number], to: [number, number], canvas: [number, number]) {
  const meta = await sharp(src.file).rotate().toBuffer({ resolveWithObject: true });
  const { width: sw, height: sh } = meta.info;
  // Canvas rectangle covered by the scaled source, clipped to the canvas.
  const left = to[0] - at[0] * scale, top = to[1] - at[1] * scale;
  const x0 = Math.max(0, Math.ceil(left)), y0 = Math.max(0, Math.ceil(top));
  const x1 = Math.min(canvas[0], Math.floor(left + sw * scale)), y1 = Math.min(canvas[1], Math.floor(top + sh * scale));
  const crop = {
    left: Math.max(0, Math.floor((x0 - left) / scale)),
    top: Math.max(0, Math.floor((y0 - top) / scale)),
    width: 0,
    height: 0,
  };
  crop.width = Math.min(sw - crop.left, Math.ceil((x1 - x0) / scale));
  crop.height = Math.min(sh - crop.top, Math.ceil((y1 - y0) / scale));
  const input = await sharp(meta.data).extract(crop).resize(x1 - x0, y1 - y0, { fit: 'fill' }).toBuffer();
  return { input, left: x0, top: y0 };
}

async function save(canvas: Sharp, file: string, orientation: number): Promise<void> {
  const [angle, mirror] = STORED[orientation] as [number, boolean];
  let buf = await canvas.png({ compressionLevel: 1 }).toBuffer();
  if (angle) buf = await sharp(buf).rotate(angle).png({ compressionLevel: 1 }).toBuffer();
  if (mirror) buf = await sharp(buf).flop().png({ compressionLevel: 1 }).toBuffer();
  await sharp(buf).jpeg({ quality: 88 }).withMetadata({ orientation }).toFile(file);
}

const size = (landscape: boolean): [number, number] => (landscape ? [4032, 3024] : [3024, 4032]);

/** One person, the face `share` of the frame's height, a little off centre. */
export async function onePerson(dir: string, src: Source, share: number, landscape: boolean, orientation: number, n: number): Promise<PhonePhoto> {
  const [w, h] = size(landscape);
  const [fx, fy, fw, fh] = src.face;
  const scale = (share * h) / fh;
  const centre: [number, number] = [w * (0.45 + 0.1 * (n % 2)), Math.min(h - (share * h) / 2, Math.max((share * h) / 2, h * 0.42))];
  const layer = await placed(src, scale, [fx + fw / 2, fy + fh / 2], centre, [w, h]);
  const { width: lw = 0, height: lh = 0 } = await sharp(layer.input).metadata();
  const file = path.join(dir, `one-${n}-${src.who}-${Math.round(share * 100)}pc-${landscape ? 'land' : 'port'}-o${orientation}.jpg`);
  // Where the photo does not reach, its edges are drawn out (a blurred-looking background, as a phone's wide frame has).
  const canvas = sharp(layer.input).extend({ left: layer.left, top: layer.top, right: w - layer.left - lw, bottom: h - layer.top - lh, extendWith: 'copy' });
  await save(canvas, file, orientation);
  return { file, people: [src.who], faceShare: [share], orientation, width: w, height: h };
}

/** Several people side by side, each cut from their photo around the face. */
export async function severalPeople(dir: string, srcs: Source[], share: number, landscape: boolean, orientation: number, n: number): Promise<PhonePhoto> {
  const [w, h] = size(landscape);
  const slot = w / srcs.length;
  const layers = [];
  for (const [i, src] of srcs.entries()) {
    const [fx, fy, fw, fh] = src.face;
    // Head and shoulders: 1.3 face widths each side of the face centre at most, so neighbours never overlap.
    const scale = Math.min((share * h) / fh, (slot * 0.8) / (fw * 2.6));
    const layer = await placed(src, scale, [fx + fw / 2, fy + fh / 2], [slot * (i + 0.5), h * 0.45], [w, h]);
    // Keep only this person's slot, so no one else's face shows at its edge.
    const { width: lw = 0, height: lh = 0 } = await sharp(layer.input).metadata();
    const x0 = Math.max(layer.left, Math.round(slot * (i + 0.05))), x1 = Math.min(layer.left + lw, Math.round(slot * (i + 0.95)));
    const input = await sharp(layer.input).extract({ left: x0 - layer.left, top: 0, width: x1 - x0, height: lh }).toBuffer();
    layers.push({ input, left: x0, top: layer.top });
  }
  const file = path.join(dir, `group-${n}-${srcs.length}people-${landscape ? 'land' : 'port'}-o${orientation}.jpg`);
  await save(wall(w, h, n).composite(layers), file, orientation);
  return { file, people: srcs.map((s) => s.who), faceShare: srcs.map(() => share), orientation, width: w, height: h };
}

export const SHARES = [0.1, 0.2, 0.35, 0.5, 0.65, 0.8];
const ORIENTATIONS = [6, 8, 3, 1, 5, 7, 2, 4];

/** The whole set: every source at every share, both ways round; groups of 2, 3 and 4. */
export async function buildPhoneSet(dir: string, sources: Source[]): Promise<PhonePhoto[]> {
  mkdirSync(dir, { recursive: true });
  const out: PhonePhoto[] = [];
  let n = 0;
  for (const src of sources) {
    for (const share of SHARES) {
      const landscape = n % 2 === 1;
      out.push(await onePerson(dir, src, share, landscape, ORIENTATIONS[n % ORIENTATIONS.length] as number, n));
      n++;
    }
  }
  const distinct = sources.filter((s, i) => sources.findIndex((t) => t.who === s.who) === i);
  for (const k of [2, 3, 4]) {
    for (const landscape of [true, false]) {
      const group = Array.from({ length: k }, (_, i) => distinct[(n + i) % distinct.length] as Source);
      out.push(await severalPeople(dir, group, landscape ? 0.2 : 0.12, landscape, ORIENTATIONS[n % ORIENTATIONS.length] as number, n));
      n++;
    }
  }
  return out;
}

/** Finds the face in each source photo (at full size), skipping any that does not show exactly one. */
export async function locateSources(analyze: (img: RgbImage) => Promise<Array<{ box: [number, number, number, number] }>>, files = SOURCE_FILES.map(([f, who]): [string, string] => [path.join(FACES_DIR, f), who])): Promise<Source[]> {
  const out: Source[] = [];
  for (const [file, who] of files) {
    const img = await decodeImage(await sharp(file).toBuffer(), { maxBytes: 1e8, maxPixels: 1e8, maxSide: 1e5 });
    const faces = await analyze(img);
    const face = largestFace(faces);
    if (faces.length === 1 && face) out.push({ file, who, face: face.box });
  }
  return out;
}

export interface PhoneResult {
  photo: PhonePhoto;
  /** Faces found (before any quality filter). */
  found: number;
  /** Faces beyond the number of people in the photo. */
  duplicates: number;
  /** For one-person photos: null when enrolled, else why not. */
  enrolFailure: string | null;
  ms: number;
}

/** Each photo through the face search and, for one-person photos, the real enrolment path. */
export async function scorePhones(photos: PhonePhoto[], faces: FaceService, people: PeopleRepo, read: (file: string) => Buffer): Promise<PhoneResult[]> {
  const out: PhoneResult[] = [];
  for (const photo of photos) {
    const buf = read(photo.file);
    const t0 = performance.now();
    const found = (await faces.analyze(await faces.decode(buf))).length;
    let enrolFailure: string | null = null;
    if (photo.people.length === 1) {
      const person = await people.create(`${photo.people[0]} ${path.basename(photo.file)}`.slice(0, 100));
      enrolFailure = await faces.enrol(person.id, buf).then(
        () => null,
        (err: unknown) => {
          if (err instanceof EnrolError) return `${err.reason}: ${err.message}`;
          throw err;
        },
      );
    }
    out.push({ photo, found, duplicates: Math.max(0, found - photo.people.length), enrolFailure, ms: performance.now() - t0 });
  }
  return out;
}
