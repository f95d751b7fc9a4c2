// Camera footage made by ffmpeg from the real photos: what a door camera would send. A "live"
// clip cycles through different photos of one person (different poses and expressions, the
// closest thing to a moving head these photos allow); a "still" clip is one photo held still.
import { mkdtempSync, rmSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

const run = promisify(execFile);
export const FACES = 'test/fixtures/faces';
export const portrait = (person: string, n: number) => path.join(FACES, `portraits__${person}__${person}${n}.png`);

export interface ClipSpec {
  /** The person at the door: photos cycled frame by frame. */
  main: string[];
  /** Someone else in view behind them, smaller and to the side. */
  behind?: string[];
  frames?: number;
  fps?: number;
}

const W = 640, H = 480;

/** Writes the clip as H.264 MP4 (or Y4M, by the extension: what Chromium's fake camera reads). */
export async function makeClip(out: string, spec: ClipSpec): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-clip-'));
  try {
    const n = spec.frames ?? 30;
    for (let i = 0; i < n; i++) {
      const layers = [{ input: await sharp(spec.main[i % spec.main.length]).resize(300, 300).toBuffer(), left: spec.behind ? 60 : 170, top: 90 }];
      if (spec.behind) layers.push({ input: await sharp(spec.behind[i % spec.behind.length]).resize(180, 180).toBuffer(), left: 420, top: 150 });
      await sharp({ create: { width: W, height: H, channels: 3, background: '#6e6e6e' } })
        .composite(layers)
        .png()
        .toFile(path.join(dir, `f${String(i).padStart(4, '0')}.png`));
    }
    const codec = out.endsWith('.y4m') ? ['-pix_fmt', 'yuv420p'] : ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'];
    await run('ffmpeg', ['-v', 'error', '-y', '-framerate', String(spec.fps ?? 10), '-i', path.join(dir, 'f%04d.png'), ...codec, out]);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
