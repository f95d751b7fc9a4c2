// Writes the face mesh Human finds on a real photo, for the liveness unit tests' synthetic motion.
import { readFileSync, writeFileSync } from 'node:fs';
import { decodeImage } from '../src/vision/decode.ts';
import { FaceEngine } from '../src/vision/engine.ts';

const [input = 'test/fixtures/faces/people__obama__obama2.jpg', output = 'test/fixtures/mesh.json'] = process.argv.slice(2);
const engine = await FaceEngine.load();
const [face] = await engine.analyze(await decodeImage(readFileSync(input)));
if (!face) throw new Error(`no face in ${input}`);
writeFileSync(output, `${JSON.stringify({ source: input, mesh: Array.from(face.mesh, (v) => Math.round(v * 100) / 100) })}\n`);
process.exit(0);
