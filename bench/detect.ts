// Where the face search spends its time, on one engine thread, each figure beside the old search
// measured in the same run:
// - 640x480 (a door camera): Vigil's search beside a bare whole-frame pass (what the frame cost
//   before; small frames were never tiled) — the tiling logic must cost nothing here;
// - a 12 MP phone portrait (face 35 % of the height) and a 12 MP photo with a small face (10 %):
//   the old search (full-size decode, whole frame + every 720 px tile) beside Vigil's (decoded to
//   2048 px; tiles only when no near face was found);
// - a group photo that needs its tiles: the old one-call search beside Vigil's whole-then-tiles.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { decodeImage, type RgbImage } from '../src/vision/decode.ts';
import { FaceEngine } from '../src/vision/engine.ts';
import { tileRegions, type Box } from '../src/vision/regions.ts';
import { locateSources, onePerson } from '../eval/phoneSet.ts';
import { FACES_DIR } from '../eval/faceData.ts';
import { heading, ms, row, summary } from './lib.ts';

const FIX = path.join(import.meta.dirname, '../test/fixtures/faces');

async function timeIt(runs: number, fn: () => Promise<number>): Promise<{ samples: number[]; faces: number }> {
  const samples: number[] = [];
  let faces = 0;
  for (let i = 0; i < runs + 1; i++) {
    const t = performance.now();
    faces = await fn();
    if (i >= 1) samples.push(performance.now() - t);
  }
  return { samples, faces };
}

function show(label: string, r: { samples: number[]; faces: number }): number {
  const s = summary(r.samples);
  row(label, ms(s.p50), ms(s.p95), String(r.faces));
  return s.p50;
}

const engine = await FaceEngine.load();
const whole = (img: RgbImage): Box => [0, 0, img.width, img.height];
const oldSearch = async (img: RgbImage) => (await engine.searchRegions(img, [whole(img), ...tileRegions(img.width, img.height)])).length;
const vigilSearch = async (img: RgbImage) => (await engine.analyze(img)).length;

heading('Face search, one thread');
row('', 'p50', 'p95', 'faces');
const door = await decodeImage(await sharp(path.join(FIX, 'probes__obama1.jpg')).resize(640, 480, { fit: 'cover' }).png().toBuffer());
// Interleaved, so that a busy machine slows both alike.
const bare = { samples: [] as number[], faces: 0 };
const ours = { samples: [] as number[], faces: 0 };
for (let i = 0; i < 40; i++) {
  for (const [into, fn] of [
    [bare, async () => (await engine.searchRegions(door, [whole(door)])).length],
    [ours, () => vigilSearch(door)],
  ] as const) {
    const t = performance.now();
    into.faces = await fn();
    if (i > 0) into.samples.push(performance.now() - t);
  }
}
const b50 = show('640x480: whole-frame pass only (baseline)', bare);
const o50 = show('640x480: Vigil search', ours);
row(`640x480: Vigil adds (p50)`, ms(o50 - b50));

const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-detect-'));
try {
  const [src] = await locateSources((img) => engine.analyze(img), [[path.join(FIX, 'people__obama__obama2.jpg'), 'obama']]);
  if (!src) throw new Error('no face in the source photo');
  for (const share of [0.35, 0.1]) {
    const photo = await onePerson(dir, src, share, false, 6, share === 0.1 ? 0 : 1);
    const buf = readFileSync(photo.file);
    const full = await decodeImage(buf, { maxBytes: 1e8, maxPixels: 1e8, maxSide: 1e5 });
    const small = await decodeImage(buf);
    const label = `12 MP, face ${share * 100} % of the height`;
    const before = show(`${label}: old (${full.width}x${full.height}, whole + ${tileRegions(full.width, full.height).length} tiles)`, await timeIt(2, () => oldSearch(full)));
    show(`${label}: whole + ${tileRegions(small.width, small.height).length} tiles at ${small.width}x${small.height}`, await timeIt(3, () => oldSearch(small)));
    const after = show(`${label}: Vigil search at ${small.width}x${small.height}`, await timeIt(3, () => vigilSearch(small)));
    row(`${label}: speed-up over the old search`, `${(before / after).toFixed(1)}x`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// A frame that needs its tiles (1366x768, eight small faces): the old search did whole + tiles in one pass.
const group = await decodeImage(readFileSync(path.join(FACES_DIR, 'groups/bbt1.jpg')));
const oldGroup = show(`group photo ${group.width}x${group.height}: old (whole + ${tileRegions(group.width, group.height).length} tiles at once)`, await timeIt(3, () => oldSearch(group)));
const newGroup = show(`group photo ${group.width}x${group.height}: Vigil search (whole, then tiles)`, await timeIt(3, () => vigilSearch(group)));
row('group photo: Vigil adds (p50)', ms(newGroup - oldGroup));
