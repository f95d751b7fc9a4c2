import { FaceEngine } from './src/vision/engine.ts';
import { decodeImage } from './src/vision/decode.ts';
import { readFileSync } from 'node:fs';
import { locateSources, onePerson, severalPeople } from './eval/phoneSet.ts';
const engine = await FaceEngine.load();
let t0 = performance.now();
const srcs = await locateSources((img) => engine.analyze(img));
console.log('sources', srcs.length, srcs.map((s) => `${s.file} ${s.face.map(Math.round)}`), (performance.now() - t0).toFixed(0));
const dir = '/tmp/vis/phones';
const photos = [];
t0 = performance.now();
photos.push(await onePerson(dir, srcs[0]!, 0.1, false, 6, 0));
photos.push(await onePerson(dir, srcs[1]!, 0.8, true, 8, 1));
photos.push(await onePerson(dir, srcs[2]!, 0.35, false, 5, 2));
photos.push(await severalPeople(dir, [srcs[0]!, srcs[1]!, srcs[3]!], 0.15, true, 6, 3));
console.log('built', (performance.now() - t0).toFixed(0));
for (const p of photos) {
  const t = performance.now();
  const img = await decodeImage(readFileSync(p.file));
  const faces = await engine.analyze(img);
  console.log(p.file, img.width, img.height, faces.length, faces.map((f) => f.box.map(Math.round).join(',') + ' d' + f.quality.detection.toFixed(2) + ' eye' + f.quality.eyeDistance.toFixed(0)).join(' | '), (performance.now() - t).toFixed(0), 'ms', JSON.stringify(engine.lastTimings, (k, v) => typeof v === 'number' ? Math.round(v) : v));
}
