import { readdirSync, readFileSync } from 'node:fs';
import { challengePasses, passivePasses, allChallenges, type Clip } from './attacks.ts';
import { challengeFrame } from '../src/vision/liveness.ts';
const dir = '/work/wt/liveness/.cache/eval-attacks/v1';
const m = { matchThreshold: 0.92, minAntispoof: 0.3, minLiveness: 0.3, burstFrames: 5, maxCue: Infinity };
for (const f of readdirSync(dir).sort()) {
  const c = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as Clip;
  const r1 = c.script ? challengePasses(c, c.script.slice(0, 1), m) : null;
  const r2 = c.script ? challengePasses(c, c.script, m) : null;
  const any2 = allChallenges(2).filter((a) => challengePasses(c, a, m).pass).length;
  const faces = c.frames.filter((x) => x.face);
  console.log(c.id.padEnd(58), 'passive', passivePasses(c, m) ? 'PASS' : 'fail', 'c1', r1?.reason ?? '-', 'c2', r2?.reason ?? '-', 'any2', any2, 'faces', faces.length, '/', c.frames.length, 'score', Math.min(...faces.map((x) => x.face!.score)).toFixed(2), 'as', (faces.reduce((s, x) => s + x.face!.antispoof, 0) / faces.length).toFixed(2), 'cue', (faces.reduce((s, x) => s + x.face!.cue, 0) / faces.length).toFixed(3));
  if (process.argv[2] && c.id.includes(process.argv[2])) for (const fr of c.frames) if (fr.face) { const cf = challengeFrame(Float32Array.from(fr.face.mesh), fr.at, true); console.log('   ', fr.at, cf.yaw.toFixed(1), cf.pitch.toFixed(1), cf.eyes.toFixed(3), cf.mouth.toFixed(3), fr.face.score.toFixed(3), fr.face.quality.yaw.toFixed(0)); }
}
