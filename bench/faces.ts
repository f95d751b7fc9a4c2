// Face engine speed on this machine, each figure beside a baseline from the same run:
// - a 640x480 frame with one face through the whole pipeline, beside the seed report's approach
//   (face-api's SSD detector + 68 landmarks + ResNet descriptor);
// - a 1920x1080 frame with 20 faces;
// - 1:N search over 10,000 and 100,000 templates, beside a naive loop over float arrays.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import pino from 'pino';
import { decodeImage, type RgbImage } from '../src/vision/decode.ts';
import { FaceEngine } from '../src/vision/engine.ts';
import { Gallery } from '../src/vision/gallery.ts';
import { WorkerPool } from '../src/vision/workerPool.ts';
import { FACES_DIR } from '../eval/faceData.ts';
import { heading, ms, row, summary } from './lib.ts';

const require = createRequire(import.meta.url);

async function frame(file: string, width: number, height: number): Promise<RgbImage> {
  return decodeImage(await sharp(file).resize(width, height, { fit: 'cover' }).png().toBuffer());
}

/** 20 real portraits tiled onto a full-HD canvas. */
export async function crowdFrame(): Promise<RgbImage> {
  const files = readdirSync(path.join(FACES_DIR, 'portraits')).flatMap((who) => readdirSync(path.join(FACES_DIR, 'portraits', who)).map((f) => path.join(FACES_DIR, 'portraits', who, f)));
  const tiles = await Promise.all(files.slice(0, 40).filter((_, i) => i % 2 === 0).map((f) => sharp(f).resize(190, 190).png().toBuffer()));
  const composite = tiles.map((input, i) => ({ input, left: 90 + (i % 5) * 360, top: 40 + Math.floor(i / 5) * 260 }));
  const png = await sharp({ create: { width: 1920, height: 1080, channels: 3, background: '#6b6b6b' } }).composite(composite).png().toBuffer();
  return decodeImage(png);
}

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const t = performance.now();
    await fn();
    if (i >= 3) out.push(performance.now() - t);
  }
  return out;
}

export async function benchFaces(): Promise<void> {
  heading('Face engine (WebAssembly SIMD, this machine)');
  const engine = await FaceEngine.load();
  const one = await frame(path.join(FACES_DIR, 'probes/obama1.jpg'), 640, 480);
  const gallery = new Gallery();
  const [enrolled] = await engine.analyze(await decodeImage(readFileSync(path.join(FACES_DIR, 'people/obama/obama.jpg'))));
  if (!enrolled) throw new Error('no face in the enrolment photo');
  gallery.add('t', 'obama', enrolled.embedding);
  let lastScore = 0;
  const ours = await timeIt(100, async () => {
    const faces = await engine.analyze(one);
    lastScore = gallery.verify('obama', (faces[0] as { embedding: Float32Array }).embedding)?.score ?? 0;
  });

  // The seed report's pipeline, as face-api.js runs it.
  const faceapiDir = path.dirname(path.dirname(require.resolve('@vladmandic/face-api')));
  const faceapi = require(path.join(faceapiDir, 'dist/face-api.node-wasm.js')) as {
    tf: { tensor3d(v: Uint8Array, s: number[], d: string): { dispose(): void }; setBackend(b: string): Promise<boolean>; ready(): Promise<void> };
    nets: Record<string, { loadFromDisk(d: string): Promise<void> }>;
    SsdMobilenetv1Options: new (o: object) => unknown;
    detectSingleFace(t: unknown, o: unknown): { withFaceLandmarks(): { withFaceDescriptor(): Promise<unknown> } };
  };
  await faceapi.tf.setBackend('wasm');
  await faceapi.tf.ready();
  for (const net of ['ssdMobilenetv1', 'faceLandmark68Net', 'faceRecognitionNet']) await faceapi.nets[net]?.loadFromDisk(path.join(faceapiDir, 'model'));
  const seed = await timeIt(40, async () => {
    const t = faceapi.tf.tensor3d(one.data, [one.height, one.width, 3], 'int32');
    await faceapi.detectSingleFace(t, new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5 })).withFaceLandmarks().withFaceDescriptor();
    t.dispose();
  });
  const a = summary(ours);
  const b = summary(seed);
  row('640x480, one face', 'p50', 'p95');
  row("seed approach: SSD + 68 landmarks + ResNet (baseline)", ms(b.p50), ms(b.p95));
  row('Vigil: detect+mesh+antispoof+liveness+align+embed+1:1 (target p95 < 100 ms)', ms(a.p50), ms(a.p95));
  row(`speed-up, p50 and p95 (target >= 4x); match score ${lastScore.toFixed(3)}`, `${(b.p50 / a.p50).toFixed(1)}x`, `${(b.p95 / a.p95).toFixed(1)}x`);

  const pool = await WorkerPool.start(2, pino({ level: 'warn' }));
  const viaWorker = summary(await timeIt(30, () => pool.analyze(one)));
  row('the same through a worker thread (transfer included)', ms(viaWorker.p50), ms(viaWorker.p95));

  const big = await crowdFrame();
  let found = 0;
  const single = summary(await timeIt(3, async () => (found = (await engine.analyze(big)).length)));
  row(`1920x1080, 20 faces, one thread (found ${found})`, ms(single.p50), ms(single.max));
  const both = summary(await timeIt(5, async () => (found = (await pool.analyze(big)).length)));
  row(`1920x1080, 20 faces, two worker threads (found ${found}); target < 1.5 s`, ms(both.p50), ms(both.max));
  await pool.close();

  heading('1:N search (one query against N templates)');
  row('', 'naive p50', 'gallery p50', 'gallery p95');
  for (const n of [10_000, 100_000]) {
    const g = new Gallery(n);
    const naive: Array<{ personId: string; e: Float32Array }> = [];
    const rand = () => {
      const v = new Float32Array(128).map(() => Math.random() - 0.5);
      const norm = Math.hypot(...v);
      return v.map((x) => x / norm);
    };
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    for (let i = 0; i < n; i++) {
      const e = rand();
      g.add(`t${i}`, `p${i % (n / 4)}`, e);
      naive.push({ personId: `p${i % (n / 4)}`, e });
    }
    const q = rand();
    const naiveTimes = await timeIt(20, async () => {
      let best = -2;
      let who = '';
      for (const t of naive) {
        let dot = 0;
        for (let i = 0; i < 128; i++) dot += (t.e[i] as number) * (q[i] as number);
        if (dot > best) {
          best = dot;
          who = t.personId;
        }
      }
      return who;
    });
    const galleryTimes = await timeIt(50, async () => g.best(q));
    const target = n === 10_000 ? '2 ms' : '20 ms';
    row(`${n.toLocaleString('en')} templates (target < ${target})`, ms(summary(naiveTimes).p50), ms(summary(galleryTimes).p50), ms(summary(galleryTimes).p95));
    if (n === 100_000) {
      globalThis.gc?.();
      const used = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heapBefore;
      row('memory per template: int8 matrix / measured incl. ids and naive copy', `${Gallery.bytesPerTemplate} B`, `${(used / n).toFixed(0)} B`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchFaces();
  process.exit(0);
}
