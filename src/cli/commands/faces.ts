// enroll and identify: the only commands that load the face models.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { createLogger } from '../../logger.ts';
import type { Store } from '../../store/db.ts';
import type { Config } from '../../config/schema.ts';
import { PeopleRepo } from '../../store/people.ts';
import { createFaceService } from '../../vision/setup.ts';
import { EnrolError, type FaceService } from '../../vision/faceService.ts';
import { ImageError } from '../../vision/decode.ts';
import { UsageError } from '../basics.ts';
import type { Cli } from '../context.ts';

const IMAGE_FILE = /\.(jpe?g|png|webp)$/i;

/** Runs `fn` with a started face service, quiet unless something goes wrong. */
async function withFaces<T>(cli: Cli, fn: (faces: FaceService, store: Store, cfg: Config) => Promise<T>): Promise<T> {
  return cli.withStore(async (store, cfg) => {
    const faces = createFaceService(cfg, store, createLogger('warn'));
    await faces.start();
    try {
      return await fn(faces, store, cfg);
    } finally {
      await faces.stop();
    }
  });
}

export async function enroll(cli: Cli, folder: string): Promise<void> {
  let dirs: string[];
  try {
    dirs = readdirSync(folder, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch (err) {
    throw new UsageError(`cannot read ${folder}: ${(err as Error).message}`);
  }
  if (dirs.length === 0) throw new UsageError(`${folder} has no sub-folders; make one per person, named after them`);
  const jobs = dirs.flatMap((name) => readdirSync(path.join(folder, name)).sort().map((file) => ({ name, file })));
  const showBar = !cli.options.json && process.stderr.isTTY;
  const bar = new SingleBar({ format: 'enrolling [{bar}] {value}/{total} {name}', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  if (showBar) bar.start(jobs.length, 0, { name: '' });
  const summary = await withFaces(cli, async (faces, store, cfg) => {
    const people = new PeopleRepo(store.db);
    const out = new Map<string, { name: string; enrolled: number; rejected: Array<{ file: string; reason: string }> }>();
    for (const { name, file } of jobs) {
      const entry = out.get(name) ?? { name, enrolled: 0, rejected: [] };
      out.set(name, entry);
      if (showBar) bar.increment({ name: `${name}/${file}` });
      if (!IMAGE_FILE.test(file)) {
        entry.rejected.push({ file, reason: 'not a JPEG, PNG or WebP file' });
        continue;
      }
      let p = await people.findByName(name);
      if (!p) {
        p = await people.create(name);
        await cli.audit(store, cfg, { subject: 'person', action: 'created', target: p.id });
      }
      try {
        const template = await faces.enrol(p.id, readFileSync(path.join(folder, name, file)));
        await cli.audit(store, cfg, { subject: 'face', action: 'created', target: p.id, item: template.id });
        entry.enrolled++;
      } catch (err) {
        if (!(err instanceof EnrolError || err instanceof ImageError)) throw err;
        entry.rejected.push({ file, reason: err.message });
      }
    }
    return [...out.values()];
  });
  if (showBar) bar.stop();
  const lines = summary.map((p) => `${p.name}: ${p.enrolled} enrolled${p.rejected.map((r) => `\n  rejected ${r.file}: ${r.reason}`).join('')}`);
  cli.report({ people: summary }, lines.join('\n'));
}

export async function identify(cli: Cli, images: string[]): Promise<void> {
  const results = await withFaces(cli, async (faces) => {
    const out: Array<{ file: string; faces?: Array<{ box: number[]; person: { id: string; name: string } | null; score: number; live: false | null; antispoof: number; liveness: number }>; error?: string }> = [];
    for (const file of images) {
      try {
        const found = await faces.recognize(readFileSync(file));
        out.push({
          file,
          faces: found.map((f) => ({ box: f.box, person: f.person, score: Number(f.score.toFixed(4)), live: f.live, antispoof: Number(f.antispoof.toFixed(3)), liveness: Number(f.liveness.toFixed(3)) })),
        });
      } catch (err) {
        const known = err instanceof ImageError || (err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EISDIR';
        if (!known) throw err;
        out.push({ file, error: (err as Error).message });
      }
    }
    return out;
  });
  const text = results.map((r) =>
    r.error ? `${r.file}: ${r.error}` : `${r.file}: ${r.faces?.length ? r.faces.map((f) => `${f.person?.name ?? 'unknown'} (${f.score.toFixed(3)}${f.live === false ? ', not live' : ''})`).join(', ') : 'no face'}`,
  );
  cli.report({ results }, text.join('\n'));
  if (results.some((r) => r.error)) process.exitCode = 1;
}
