// `npm run eval:phones`: the phone-photo set (eval/phoneSet.ts) through the real face service:
// duplicate detections, enrolments of one-person photos, people counted in group photos, and time
// per photo. `--out DIR` keeps the photos (default: a temporary folder, removed afterwards).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config/load.ts';
import { openStore } from '../src/store/db.ts';
import { PeopleRepo } from '../src/store/people.ts';
import { createFaceService } from '../src/vision/setup.ts';
import { buildPhoneSet, locateSources, scorePhones, type PhoneResult } from './phoneSet.ts';

const outArg = process.argv.indexOf('--out');
const keep = outArg > 0 ? path.resolve(process.argv[outArg + 1] ?? 'eval/phones') : undefined;
const work = mkdtempSync(path.join(os.tmpdir(), 'vigil-phones-'));
const dir = keep ?? path.join(work, 'photos');
const config = loadConfig({ dataDir: work, env: { VIGIL_LOG_LEVEL: 'silent' } });
const store = await openStore({ databaseUrl: '', dataDir: work });
const faces = createFaceService(config, store, pino({ level: 'warn' }));
try {
  await faces.start();
  const sources = await locateSources((img) => faces.analyze(img));
  console.log(`# Phone photos: ${sources.length} one-person sources; building the set in ${dir}`);
  const photos = await buildPhoneSet(dir, sources);
  const results = await scorePhones(photos, faces, new PeopleRepo(store.db), (f) => readFileSync(f));
  report(results);
} finally {
  await faces.stop();
  await store.close();
  rmSync(work, { recursive: true, force: true });
}

function report(results: PhoneResult[]): void {
  const row = (...cols: Array<string | number>) => console.log(cols.map((c, i) => String(c).padStart(i === 0 ? 18 : 12)).join(''));
  console.log('\n## One person (face height / frame height)');
  row('face share', 'photos', 'duplicates', 'enrolled', 'p50 ms');
  const ones = results.filter((r) => r.photo.people.length === 1);
  for (const share of [...new Set(ones.map((r) => r.photo.faceShare[0]))]) {
    const rs = ones.filter((r) => r.photo.faceShare[0] === share);
    const ms = rs.map((r) => r.ms).sort((a, b) => a - b);
    row(`${Math.round((share ?? 0) * 100)} %`, rs.length, rs.reduce((s, r) => s + r.duplicates, 0), rs.filter((r) => r.enrolFailure === null).length, (ms[Math.floor(ms.length / 2)] ?? 0).toFixed(0));
  }
  row('all', ones.length, ones.reduce((s, r) => s + r.duplicates, 0), ones.filter((r) => r.enrolFailure === null).length, '');
  console.log('\n## Several people');
  row('people', 'photos', 'duplicates', 'right count');
  const groups = results.filter((r) => r.photo.people.length > 1);
  for (const k of [...new Set(groups.map((r) => r.photo.people.length))]) {
    const rs = groups.filter((r) => r.photo.people.length === k);
    row(k, rs.length, rs.reduce((s, r) => s + r.duplicates, 0), rs.filter((r) => r.found === k).length);
  }
  const wrong = results.filter((r) => r.found !== r.photo.people.length || (r.photo.people.length === 1 && r.enrolFailure !== null));
  if (wrong.length) {
    console.log('\n## Not right');
    for (const r of wrong) console.log(`  ${path.basename(r.photo.file)}: ${r.found} found for ${r.photo.people.length}; ${r.enrolFailure ?? ''}`);
  }
}
