// Image decoding under attack and in ordinary use, each case in a fresh process (CPU seconds and
// peak RSS are the process's own):
// - a 6000x6000 all-zero PNG (the decompression bomb of issue 13), one of 4800x4800 (just under
//   the pixel limit) and a 12 MP phone JPEG,
// - one at a time and three in parallel,
// - the old unbounded decode (sharp to full-size raw RGB under a 40 MP limit, the baseline) beside
//   Vigil's decodeImage (refused over 24 MP before decoding; shrunk to 2048 px while decoding).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { decodeImage, ImageError } from '../src/vision/decode.ts';
import { heading, row } from './lib.ts';

type Mode = 'unbounded' | 'vigil';

/** What Vigil did before: every pixel decoded, at full size. */
async function unboundedDecode(buf: Buffer): Promise<string> {
  const { info } = await sharp(buf, { failOn: 'error', limitInputPixels: 40_000_000 }).rotate().toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return `${info.width}x${info.height}`;
}

async function vigilDecode(buf: Buffer): Promise<string> {
  try {
    const img = await decodeImage(buf);
    return `${img.width}x${img.height}`;
  } catch (err) {
    if (err instanceof ImageError) return `${err.statusCode}`;
    throw err;
  }
}

/** In the child: decode `file` `n` times at once, report CPU and peak RSS. */
async function child(mode: Mode, file: string, n: number): Promise<void> {
  const buf = readFileSync(file);
  // libvips starts its threads and caches on first use: that is not the picture's cost.
  await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer();
  await sharp(buf, { limitInputPixels: false }).metadata();
  const startRss = process.memoryUsage.rss();
  // The decodes run on libvips' threads, so the event loop is free to sample RSS while they work
  // (the process's own maxRSS would include start-up, which peaks higher than a refused bomb).
  let peak = startRss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await Promise.all(Array.from({ length: n }, () => (mode === 'unbounded' ? unboundedDecode(buf) : vigilDecode(buf))));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  process.stdout.write(JSON.stringify({ out: out[0], ms, cpu: (cpu.user + cpu.system) / 1e6, peakMb: peak / 1e6, startMb: startRss / 1e6 }));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-images-'));
  try {
    const bomb = path.join(dir, 'bomb.png');
    writeFileSync(bomb, await sharp({ create: { width: 6000, height: 6000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer());
    // Just under the pixel limit: this one is decoded, shrunk on the way.
    const under = path.join(dir, 'under.png');
    writeFileSync(under, await sharp({ create: { width: 4800, height: 4800, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer());
    // A 12 MP photo as a phone stores it: landscape pixels, orientation 6, sensor grain, a few MB.
    const phone = path.join(dir, 'phone.jpg');
    const grain = await sharp({ create: { width: 4032, height: 3024, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 12 } } }).png().toBuffer();
    const scene = await sharp(path.join(import.meta.dirname, '../test/fixtures/faces/probes__obama1.jpg')).resize(4032, 3024, { fit: 'cover' }).composite([{ input: grain, blend: 'soft-light' }]).png().toBuffer();
    writeFileSync(phone, await sharp(scene).jpeg({ quality: 92 }).withMetadata({ orientation: 6 }).toBuffer());
    heading('Image decoding: CPU and peak RSS while decoding (each case a fresh process)');
    row('', 'result', 'wall', 'CPU', 'peak RSS', 'RSS growth');
    for (const [label, file] of [
      [`6000x6000 zero PNG (${(readFileSync(bomb).length / 1024).toFixed(0)} KB)`, bomb],
      [`4800x4800 zero PNG (${(readFileSync(under).length / 1024).toFixed(0)} KB)`, under],
      [`12 MP phone JPEG (${(readFileSync(phone).length / 1e6).toFixed(1)} MB)`, phone],
    ] as const) {
      for (const n of [1, 3]) {
        for (const mode of ['unbounded', 'vigil'] as const) {
          const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', mode, file, String(n)], { encoding: 'utf8' });
          if (r.status !== 0) throw new Error(r.stderr);
          const m = JSON.parse(r.stdout) as { out: string; ms: number; cpu: number; peakMb: number; startMb: number };
          row(`${label} x${n}, ${mode === 'unbounded' ? 'unbounded decode (before, baseline)' : 'Vigil'}`, m.out, `${m.ms.toFixed(0)} ms`, `${m.cpu.toFixed(2)} s`, `${m.peakMb.toFixed(0)} MB`, `${(m.peakMb - m.startMb).toFixed(0)} MB`);
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const at = process.argv.indexOf('--child');
if (at > 0) await child(process.argv[at + 1] as Mode, process.argv[at + 2] as string, Number(process.argv[at + 3]));
else await main();
