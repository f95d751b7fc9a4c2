// The arm64 smoke test (inside the emulated root): which binary each native module loads, then
// start, health, enrol one photo, identify it, and a sensor event seen through the API. Limits
// are generous: everything runs under qemu, many times slower than a real Pi.
import { spawn, execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const faces = path.join(root, 'test/fixtures/faces');
const t0 = Date.now();
const step = (what) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${what}`);

// Each native module and the binary it ships for this machine (none is compiled here).
const natives = {
  'better-sqlite3': 'node_modules/better-sqlite3/prebuilds',
  argon2: 'node_modules/argon2/prebuilds/linux-arm64',
  sharp: 'node_modules/@img/sharp-linux-arm64/lib',
};
for (const [name, dir] of Object.entries(natives)) {
  // The binary each package loads on glibc Linux arm64 (they ship others for other systems).
  const found = existsSync(path.join(root, dir)) ? readdirSync(path.join(root, dir)).filter((f) => /^(linux-arm64\.node|argon2\.armv8\.glibc\.node|sharp-linux-arm64-.*\.node)$/.test(f)) : [];
  step(`${name}: ${found.length ? `prebuilt ${dir}/${found.join(', ')}` : 'NO arm64 binary'}`);
}
const sqlite = new (require('better-sqlite3'))(':memory:');
step(`better-sqlite3 loads: SQLite ${sqlite.prepare('select sqlite_version() v').get().v}`);
step(`argon2 loads: ${(await require('argon2').hash('x')).slice(0, 9)}…`);
step(`sharp loads: libvips ${require('sharp').versions.vips}`);

const data = mkdtempSync(path.join(tmpdir(), 'vigil-arm64-'));
writeFileSync(path.join(data, 'vigil.yaml'), 'sensors:\n  - id: front\n    name: Front door\n    signed: false\n    entryDelay: 0\n');
// Below the kernel's ephemeral range (32768 and up): the chroot shares the host's network, where
// other programs' outgoing connections take ephemeral ports during the long emulated start.
const port = (base) => base + Math.floor(Math.random() * 6000);
const env = { ...process.env, VIGIL_HTTP_HOST: '127.0.0.1', VIGIL_HTTP_PORT: String(port(20000)), VIGIL_MQTT_HOST: '127.0.0.1', VIGIL_MQTT_PORT: String(port(26000)), VIGIL_LOG_LEVEL: 'warn' };
const base = `http://127.0.0.1:${env.VIGIL_HTTP_PORT}`;
const vigil = async (...args) => {
  const { stdout } = await run(process.execPath, [path.join(root, 'bin/vigil.js'), '--data', data, '--json', ...args], { env, timeout: 900_000 });
  return JSON.parse(stdout);
};
async function until(what, fn, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

step('vigil start');
const server = spawn(process.execPath, [path.join(root, 'bin/vigil.js'), '--data', data, 'start'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
let failed = false;
try {
  const health = await until('/api/health', async () => {
    if (server.exitCode !== null) throw Object.assign(new Error('vigil exited'), { fatal: true });
    const r = await fetch(`${base}/api/health`);
    return r.ok && r.json();
  }, 900_000);
  step(`healthy: ${JSON.stringify(health).slice(0, 160)}`);

  mkdirSync(path.join(data, 'photos/amy'), { recursive: true });
  copyFileSync(path.join(faces, 'portraits__amy__amy1.png'), path.join(data, 'photos/amy/amy1.png'));
  const enrolled = await vigil('enroll', path.join(data, 'photos'));
  step(`enroll: ${JSON.stringify(enrolled)}`);
  if (enrolled.people[0]?.enrolled !== 1) throw new Error('the photo was not enrolled');

  const found = await vigil('identify', path.join(faces, 'portraits__amy__amy2.png'));
  const face = found.results[0]?.faces?.[0];
  step(`identify another photo of amy: ${JSON.stringify(face)}`);
  if (face?.person?.name !== 'amy') throw new Error('amy was not recognised');

  const sent = await vigil('sensor', 'simulate', 'front', 'open');
  step(`sensor simulate: ${JSON.stringify(sent)}`);
  const password = await until('the first admin password', async () => readFileSync(path.join(data, 'initial-admin-password'), 'utf8').trim(), 120_000);
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
  if (!login.ok) throw new Error(`sign-in with initial-admin-password: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const event = await until('SensorOpened in the log', async () => {
    const page = await (await fetch(`${base}/api/events?sensorId=front&type=SensorOpened`, { headers: { cookie } })).json();
    return page.events?.[0];
  }, 120_000);
  step(`event through the API: ${JSON.stringify(event).slice(0, 200)}`);
  const verify = await vigil('log', 'verify');
  step(`log verify: ${JSON.stringify(verify)}`);
  if (!verify.ok) throw new Error('the log does not verify');
} catch (err) {
  failed = true;
  console.error(`arm64 smoke FAILED: ${err.message}`);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
}
step(failed ? 'arm64 smoke test failed' : 'arm64 smoke test passed');
process.exit(failed ? 1 : 0);
