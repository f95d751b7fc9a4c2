// Builds the panel (web/ -> web/dist) when its sources are newer than the build, so `npm install`
// and `npm start` need no extra step and repeated runs cost nothing.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const web = path.join(root, 'web');
const built = path.join(web, 'dist', 'index.html');

function newest(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).filter((n) => n !== 'dist' && n !== 'kiosk').map((n) => newest(path.join(p, n))));
}

// The panel also imports the shared vocabulary from src/core.
if (existsSync(built) && statSync(built).mtimeMs >= Math.max(newest(web), newest(path.join(root, 'src', 'core')))) process.exit(0);
const { build } = await import('vite');
await build({ configFile: path.join(web, 'vite.config.ts'), logLevel: 'warn' });
console.log('panel built into web/dist');
