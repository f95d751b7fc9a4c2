import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeJpeg, type RgbImage } from '../vision/decode.ts';

const NAME = /^(\d{4}-\d{2}-\d{2})\/([0-9a-f-]{36})\.jpg$/;

/** JPEG snapshots of door events, one folder a day under `<data>/snapshots`; events refer to them by name. */
export class SnapshotStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'snapshots');
  }

  async save(image: RgbImage, at = Date.now()): Promise<string> {
    const day = new Date(at).toISOString().slice(0, 10);
    const name = `${day}/${randomUUID()}.jpg`;
    await mkdir(path.join(this.dir, day), { recursive: true, mode: 0o700 });
    await writeFile(path.join(this.dir, name), await encodeJpeg(image), { mode: 0o600 });
    return name;
  }

  /** Removes the days of snapshots older than `days` days (whole days, by folder); returns how many days went. */
  async prune(days: number, now = Date.now()): Promise<number> {
    const cutoff = new Date(now - days * 86_400_000).toISOString().slice(0, 10);
    let folders: string[];
    try {
      folders = await readdir(this.dir);
    } catch {
      return 0;
    }
    const old = folders.filter((f) => /^\d{4}-\d{2}-\d{2}$/.test(f) && f < cutoff);
    for (const f of old) await rm(path.join(this.dir, f), { recursive: true, force: true });
    return old.length;
  }

  /** The JPEG for a name an event carries; undefined for anything else (no path tricks). */
  async read(name: string): Promise<Buffer | undefined> {
    if (!NAME.test(name)) return undefined;
    try {
      return await readFile(path.join(this.dir, name));
    } catch {
      return undefined;
    }
  }
}
