// Builds the panel (web/ -> web/dist) when its sources are newer than the build, so `npm install`
// and `npm start` need no extra step and repeated runs cost nothing. After Vite: the app icons
// (PNG, drawn from web/icons/*.svg) and a brotli and a gzip copy of every text file, so the server
// sends them compressed without compressing on every request. `--force` builds anyway; `--report`
// prints what a first visit downloads. Any source map in the build fails it, whatever the flags.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const web = path.join(root, 'web');
const dist = path.join(web, 'dist');
const built = path.join(dist, 'index.html');
const args = new Set(process.argv.slice(2));

function newest(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).filter((n) => n !== 'dist' && n !== 'kiosk').map((n) => newest(path.join(p, n))));
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const COMPRESSIBLE = /\.(js|css|html|svg|webmanifest|json|txt)$/;

function compress() {
  for (const file of walk(dist)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const raw = readFileSync(file);
    const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
    const gz = gzipSync(raw, { level: 9 });
    // A tiny file can grow when compressed: then the plain one is what is sent.
    if (br.length < raw.length) writeFileSync(`${file}.br`, br);
    if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
  }
}

async function icons() {
  const { default: sharp } = await import('sharp');
  const out = path.join(dist, 'icons');
  mkdirSync(out, { recursive: true });
  const icon = readFileSync(path.join(web, 'icons', 'icon.svg'));
  const maskable = readFileSync(path.join(web, 'icons', 'maskable.svg'));
  for (const size of [192, 512]) await sharp(icon, { density: 300 }).resize(size, size).png().toFile(path.join(out, `icon-${size}.png`));
  await sharp(icon, { density: 300 }).resize(180, 180).flatten({ background: '#0b4f8a' }).png().toFile(path.join(out, 'apple-touch-icon.png'));
  await sharp(maskable, { density: 300 }).resize(512, 512).png().toFile(path.join(out, 'maskable-512.png'));
}

/** What a first visit of the status screen downloads: index.html and the files it names (script, its preloaded imports, styles). */
function report() {
  const html = readFileSync(built, 'utf8');
  const named = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]);
  const initial = ['index.html', ...new Set(named)];
  const size = (f, ext = '') => (existsSync(path.join(dist, f + ext)) ? statSync(path.join(dist, f + ext)).size : statSync(path.join(dist, f)).size);
  const sum = (list, ext) => list.reduce((n, f) => n + size(f, ext), 0);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const all = walk(path.join(dist, 'assets')).map((f) => path.relative(dist, f)).filter((f) => /\.(js|css)$/.test(f));
  console.log(`panel first load (${initial.length} files): ${kb(sum(initial, ''))} raw, ${kb(sum(initial, '.gz'))} gzip, ${kb(sum(initial, '.br'))} brotli`);
  console.log(`panel all scripts and styles (${all.length} files, the rest loaded per page): ${kb(sum(all, ''))} raw, ${kb(sum(all, '.gz'))} gzip, ${kb(sum(all, '.br'))} brotli`);
}

/**
 * The server sends whatever is in web/dist, so a source map there is public source. Checked on
 * every run, also when nothing was rebuilt: a build left by an older version or by hand counts too.
 */
function refuseSourceMaps() {
  const maps = walk(dist).filter((f) => /\.map(\.(br|gz))?$/.test(f));
  if (maps.length) {
    console.error(`source maps in the panel build (they would be served publicly): ${maps.map((f) => path.relative(root, f)).join(', ')}`);
    process.exit(1);
  }
}

// The panel also imports the shared vocabulary from src/core.
const sources = Math.max(newest(web), newest(path.join(root, 'src', 'core')), statSync(new URL(import.meta.url)).mtimeMs);
if (args.has('--force') || !existsSync(built) || statSync(built).mtimeMs < sources) {
  const { build } = await import('vite');
  await build({ configFile: path.join(web, 'vite.config.ts'), logLevel: 'warn' });
  await icons();
  compress();
  console.log('panel built into web/dist');
}
refuseSourceMaps();
if (args.has('--report')) report();
