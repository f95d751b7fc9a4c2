// What the iris model costs a door frame: one 640x480 frame through the engine without eyes (every
// frame but a blink-capable door's challenge frames; the baseline) and with them (a second pass with
// the iris model), interleaved so that both see the same load.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { decodeImage } from '../src/vision/decode.ts';
import { FaceEngine } from '../src/vision/engine.ts';
import { heading, ms, row, summary } from './lib.ts';

const N = Number(process.env.VIGIL_BENCH_EYES_N ?? 40);

heading('The iris model at the door: one 640x480 frame, with and without eyes');
const engine = await FaceEngine.load();
const png = await sharp(readFileSync(path.join(import.meta.dirname, '../test/fixtures/faces/people__obama__obama2.jpg'))).resize(640, 480, { fit: 'contain', background: '#6e6e6e' }).png().toBuffer();
const frame = await decodeImage(png);
for (let i = 0; i < 3; i++) await engine.analyze(frame, { eyes: i % 2 === 1 });
const plain: number[] = [], eyes: number[] = [];
for (let i = 0; i < N; i++) {
  for (const [on, into] of [[false, plain], [true, eyes]] as const) {
    const t0 = performance.now();
    await engine.analyze(frame, { eyes: on });
    into.push(performance.now() - t0);
  }
}
const a = summary(plain), b = summary(eyes);
row('', 'p50', 'p95', 'max');
row('without eyes (baseline: every other frame)', ms(a.p50), ms(a.p95), ms(a.max));
row('with eyes (blink-capable challenge frames)', ms(b.p50), ms(b.p95), ms(b.max));
