import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, kill9, tmpDir, waitFor } from '../helpers.ts';
import { vigil } from '../vigilProcess.ts';

const run = promisify(execFile);

test('vigil service install makes its system user, writes a unit that systemd-analyze verify accepts, and hands the data directory over', async (t) => {
  const tmp = tmpDir();
  const user = `vigiltest${randomBytes(3).toString('hex')}`;
  t.after(async () => {
    await run('userdel', [user]).catch(() => undefined);
    tmp.cleanup();
  });
  const data = path.join(tmp.dir, 'data dir');
  const units = path.join(tmp.dir, 'units');
  const r = await vigil(['--data', data, '--json', 'service', 'install', '--user', user, '--unit-dir', units]);
  assert.equal(r.code, 0, r.stderr);
  const file = path.join(units, 'vigil.service');
  assert.equal((JSON.parse(r.stdout) as { unit: string }).unit, file);
  assert.equal(statSync(data).uid, Number((await run('id', ['-u', user])).stdout.trim()));
  assert.equal(statSync(data).mode & 0o777, 0o700);
  const unit = readFileSync(file, 'utf8');
  assert.match(unit, new RegExp(`^User=${user}$`, 'm'));
  assert.match(unit, /^ReadWritePaths="[^"]*data dir"$/m);
  const verify = await run('systemd-analyze', ['verify', file]).catch((err: { stderr: string; code: number }) => err);
  const complaints = verify.stderr.split('\n').filter((l) => l.includes('vigil.service'));
  assert.deepEqual(complaints, []);

  const bad = await vigil(['--data', data, 'service', 'install', '--user', 'Not A User', '--dry-run']);
  assert.equal(bad.code, 2);
});

test('under systemd, vigil start says READY=1 and pings the watchdog after healthy health checks', async (t) => {
  const tmp = tmpDir();
  const socket = path.join(tmp.dir, 'notify.sock');
  // A real notify socket, as systemd makes one: a Unix datagram socket (Node has none; Python does).
  const listener = spawn('python3', ['-u', '-c', 'import socket,sys\ns=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM)\ns.bind(sys.argv[1])\nprint("bound")\nwhile True: print(s.recv(4096).decode().replace("\\n"," "))', socket]);
  let heard = '';
  listener.stdout.on('data', (d: Buffer) => (heard += d.toString()));
  const server = spawn(process.execPath, [path.resolve('bin/vigil.js'), '--data', tmp.dir, 'start'], {
    env: { ...process.env, NOTIFY_SOCKET: socket, WATCHDOG_USEC: '4000000', VIGIL_HTTP_HOST: '127.0.0.1', VIGIL_HTTP_PORT: String(await freePort()), VIGIL_MQTT_HOST: '127.0.0.1', VIGIL_MQTT_PORT: String(await freePort()), VIGIL_LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  t.after(async () => {
    await kill9(server);
    listener.kill();
    tmp.cleanup();
  });
  await waitFor(() => heard.includes('READY=1'), 60_000, 'READY=1');
  await waitFor(() => (heard.match(/WATCHDOG=1/g) ?? []).length >= 2, 60_000, 'two watchdog pings');
});
