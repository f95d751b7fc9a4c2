// `npm run eval:faces`: how well the face pipeline tells people apart on real labelled photos.
// Reports verification (genuine vs impostor pairs: EER, TAR at fixed FAR), identification against
// an enrolled gallery (rank-1, and strangers simulated by leaving each identity out), the threshold
// that follows, presentation attacks (eval/attackReport.ts) and per-stage timings.
// `--sweep-template` re-runs the alignment template search; `--attacks` prints only the attacks;
// `--attack-species genuine,video_replay` and `--attack-cache <dir>` build and score part of the
// attack set in a cache of its own (a quick check after a change).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeImage } from '../src/vision/decode.ts';
import { FaceEngine, largestFace, type FaceAnalysis } from '../src/vision/engine.ts';
import { CHIP_SIZE, type Point } from '../src/vision/align.ts';
import { Gallery } from '../src/vision/gallery.ts';
import { DEFAULT_QUALITY, qualityProblems } from '../src/vision/quality.ts';
import { groupPhotos, labelledPhotos, type LabelledPhoto } from './faceData.ts';
import { loadConfig } from '../src/config/load.ts';
import { attackReport, DOOR_DEFAULTS } from './attackReport.ts';
import { SPECIES, type AttackSetOptions, type Species } from './attacks.ts';
import os from 'node:os';

interface Sample {
  photo: LabelledPhoto;
  faces: FaceAnalysis[];
}

const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * (b[i] as number), 0);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The face of a single-person photo: the largest one found. */
const mainFace = (s: Sample): FaceAnalysis | undefined => largestFace(s.faces);

export function verification(samples: Sample[]) {
  const single = samples.filter((s) => s.photo.identities.length === 1).flatMap((s) => {
    const f = mainFace(s);
    return f ? [{ who: s.photo.identities[0] as string, e: f.embedding }] : [];
  });
  const genuine: number[] = [];
  const impostor: number[] = [];
  for (let i = 0; i < single.length; i++) {
    for (let j = i + 1; j < single.length; j++) {
      const a = single[i] as (typeof single)[number];
      const b = single[j] as (typeof single)[number];
      (a.who === b.who ? genuine : impostor).push(cos(a.e, b.e));
    }
  }
  const far = (t: number) => impostor.filter((s) => s >= t).length / impostor.length;
  const frr = (t: number) => genuine.filter((s) => s < t).length / genuine.length;
  let eer = { t: 0, v: 1 };
  for (let t = 0.3; t <= 1; t += 0.0025) {
    const v = Math.max(far(t), frr(t));
    if (v < eer.v) eer = { t, v };
  }
  const atFar = (target: number) => {
    const sorted = [...impostor].sort((a, b) => b - a);
    const t = (sorted[Math.floor(target * sorted.length)] ?? 0) + 1e-6;
    return { threshold: t, tar: 1 - frr(t), far: far(t) };
  };
  return { genuine, impostor, eer, far1: atFar(0.01), far01: atFar(0.001), far, frr };
}

export function identification(samples: Sample[], threshold: number) {
  const gallery = new Gallery();
  const enrolled = new Set<string>();
  const probes: Array<{ photo: LabelledPhoto; faces: FaceAnalysis[] }> = [];
  const perPerson = new Map<string, number>();
  for (const s of samples) {
    const who = s.photo.identities[0];
    // Enrol the first two photos of each identity from the portrait and people sets; probe the rest.
    if (s.photo.set !== 'probes' && who && (perPerson.get(who) ?? 0) < 2) {
      const f = mainFace(s);
      if (!f) continue;
      gallery.add(`${s.photo.file}`, who, f.embedding);
      enrolled.add(who);
      perPerson.set(who, (perPerson.get(who) ?? 0) + 1);
    } else probes.push(s);
  }
  let correct = 0, wrong = 0, missed = 0, strangerFaces = 0, strangerAccepted = 0;
  const failures: string[] = [];
  for (const p of probes) {
    const faces = p.photo.identities.length <= 1 ? [mainFace(p)].filter((f): f is FaceAnalysis => !!f) : p.faces;
    for (const f of faces) {
      const m = gallery.identify(f.embedding, 1)[0];
      const name = m && m.score >= threshold ? m.personId : null;
      if (p.photo.identities.length === 0) {
        strangerFaces++;
        if (name) strangerAccepted++;
        continue;
      }
      if (name && p.photo.identities.includes(name)) correct++;
      else if (name) {
        wrong++;
        failures.push(`${path.basename(p.photo.file)}: taken for ${name} (${m?.score.toFixed(3)})`);
      } else {
        missed++;
        failures.push(`${path.basename(p.photo.file)}: not recognised (best ${m?.personId} ${m?.score.toFixed(3)})`);
      }
    }
  }
  // Strangers simulated: each enrolled identity in turn is removed from the gallery and its own
  // probes must then match nobody.
  let looFaces = 0, looAccepted = 0;
  for (const who of enrolled) {
    const g = new Gallery();
    for (const s of samples) {
      const w = s.photo.identities[0];
      if (s.photo.set === 'probes' || !w || w === who) continue;
      const f = mainFace(s);
      if (f) g.add(s.photo.file, w, f.embedding);
    }
    for (const s of samples) {
      if (!(s.photo.identities.length === 1 && s.photo.identities[0] === who)) continue;
      const f = mainFace(s);
      if (!f) continue;
      looFaces++;
      const m = g.identify(f.embedding, 1)[0];
      if (m && m.score >= threshold) looAccepted++;
    }
  }
  return { gallery: gallery.size, correct, wrong, missed, strangerFaces, strangerAccepted, looFaces, looAccepted, failures };
}

async function analyseAll(engine: FaceEngine, photos: LabelledPhoto[]) {
  const timings = { decode: [] as number[], detect: [] as number[], align: [] as number[], describe: [] as number[] };
  const samples: Sample[] = [];
  for (const photo of photos) {
    const t = performance.now();
    const img = await decodeImage(readFileSync(photo.file));
    timings.decode.push(performance.now() - t);
    const faces = await engine.analyze(img);
    timings.detect.push(engine.lastTimings.detectMs);
    if (faces.length) {
      timings.align.push(engine.lastTimings.alignMs / faces.length);
      timings.describe.push(engine.lastTimings.describeMs / faces.length);
    }
    samples.push({ photo, faces });
  }
  return { samples, timings };
}

async function sweepTemplate(engine: FaceEngine, photos: LabelledPhoto[]) {
  console.log('eye y   eye spacing   mouth y     EER    genuine-impostor gap (d\')');
  for (const ey of [0.28, 0.31, 0.34, 0.37, 0.4]) {
    for (const sp of [0.32, 0.38, 0.44]) {
      for (const my of [0.64, 0.68, 0.72]) {
        engine.template = {
          leftEye: [(0.5 - sp / 2) * CHIP_SIZE, ey * CHIP_SIZE] as Point,
          rightEye: [(0.5 + sp / 2) * CHIP_SIZE, ey * CHIP_SIZE] as Point,
          mouth: [0.5 * CHIP_SIZE, my * CHIP_SIZE] as Point,
        };
        const { samples } = await analyseAll(engine, photos);
        const v = verification(samples);
        const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
        const sd = (a: number[]) => Math.sqrt(mean(a.map((x) => (x - mean(a)) ** 2)));
        const dp = (mean(v.genuine) - mean(v.impostor)) / Math.sqrt((sd(v.genuine) ** 2 + sd(v.impostor) ** 2) / 2);
        console.log(`${ey.toFixed(2)}    ${sp.toFixed(2)}          ${my.toFixed(2)}     ${pct(v.eer.v).padStart(6)}   ${dp.toFixed(2)}`);
      }
    }
  }
}

const shippedConfig = () => loadConfig({ env: {}, dataDir: os.tmpdir() });
const shippedThreshold = () => Number(process.env.VIGIL_EVAL_THRESHOLD ?? shippedConfig().vision.matchThreshold);

const option = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

function attackSetOptions(): AttackSetOptions {
  const species = option('--attack-species')?.split(',');
  const unknown = species?.filter((s) => !(SPECIES as readonly string[]).includes(s));
  if (unknown?.length) throw new Error(`unknown attack species ${unknown.join(', ')} (known: ${SPECIES.join(', ')})`);
  return { cacheDir: option('--attack-cache'), species: species as Species[] | undefined };
}

/** The presentation-attack report (`--attacks`: only this). */
function attacks(engine: FaceEngine, threshold: number) {
  const c = shippedConfig();
  return attackReport(engine, { matchThreshold: threshold, minAntispoof: c.vision.minAntispoof, minLiveness: c.vision.minLiveness, burstFrames: DOOR_DEFAULTS.burstFrames }, attackSetOptions());
}

async function main() {
  const engine = await FaceEngine.load();
  const photos = labelledPhotos().filter((p) => p.set !== 'probes');
  if (process.argv.includes('--sweep-template')) return sweepTemplate(engine, photos);

  if (process.argv.includes('--attacks')) return attacks(engine, shippedThreshold());
  const all = labelledPhotos();
  const { samples, timings } = await analyseAll(engine, all);
  const noFace = samples.filter((s) => s.faces.length === 0).map((s) => path.basename(s.photo.file));
  console.log(`# Face evaluation: ${all.length} labelled photos, ${new Set(all.flatMap((p) => p.identities)).size} identities`);
  console.log(`photos with no face found: ${noFace.length ? noFace.join(', ') : 'none'}`);
  const poor = samples.flatMap((s) => s.faces.map((f) => ({ f: path.basename(s.photo.file), p: qualityProblems(f.quality, DEFAULT_QUALITY) }))).filter((x) => x.p.length);
  console.log(`faces below the default quality bar: ${poor.length ? poor.map((x) => `${x.f} (${x.p.join('; ')})`).join(', ') : 'none'}`);

  const v = verification(samples);
  console.log(`\n## Verification (${v.genuine.length} genuine pairs, ${v.impostor.length} impostor pairs; score = cosine similarity)`);
  console.log(`EER ${pct(v.eer.v)} at score ${v.eer.t.toFixed(3)}`);
  console.log(`TAR ${pct(v.far1.tar)} at FAR ${pct(v.far1.far)} (threshold ${v.far1.threshold.toFixed(3)})`);
  console.log(`TAR ${pct(v.far01.tar)} at FAR ${pct(v.far01.far)} (threshold ${v.far01.threshold.toFixed(3)})`);
  const threshold = shippedThreshold();
  console.log(`at the shipped threshold ${threshold}: FAR ${pct(v.far(threshold))}, FRR ${pct(v.frr(threshold))}`);

  const id = identification(samples, threshold);
  console.log(`\n## Identification (gallery of ${id.gallery} templates, threshold ${threshold})`);
  const total = id.correct + id.wrong + id.missed;
  console.log(`enrolled people's faces: ${id.correct}/${total} correct (${pct(id.correct / total)}), ${id.wrong} taken for someone else, ${id.missed} not recognised`);
  console.log(`stranger photo faces accepted: ${id.strangerAccepted}/${id.strangerFaces}`);
  console.log(`simulated strangers (each identity left out of the gallery): ${id.looAccepted}/${id.looFaces} faces accepted as someone`);
  for (const f of id.failures) console.log(`  - ${f}`);

  await attacks(engine, threshold);

  const groups = groupPhotos();
  const gt: number[] = [];
  let groupFaces = 0;
  for (const g of groups) {
    const img = await decodeImage(readFileSync(g));
    const t = performance.now();
    groupFaces += (await engine.analyze(img)).length;
    gt.push(performance.now() - t);
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] ?? NaN;
  console.log(`\n## Timings on this machine (median per photo; align and describe per face)`);
  console.log(`decode ${med(timings.decode).toFixed(1)} ms, detect+mesh+antispoof+liveness ${med(timings.detect).toFixed(1)} ms, align ${med(timings.align).toFixed(2)} ms, describe ${med(timings.describe).toFixed(1)} ms`);
  console.log(`group photos: ${groupFaces} faces in ${groups.length} photos, median ${med(gt).toFixed(0)} ms a photo`);
}

await main();
process.exit(0);
