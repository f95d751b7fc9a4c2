import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ApiClient, kill9, tmpDir, waitFor } from '../helpers.ts';
import { startServer, vigil, type Server } from '../vigilProcess.ts';

describe('first start cannot lock the owner out', () => {
  const tmp = tmpDir();
  const file = path.join(tmp.dir, 'initial-admin-password');
  let server: Server | undefined;
  after(async () => {
    if (server) await kill9(server.child);
    tmp.cleanup();
  });

  test('a start that fails (its MQTT port is taken) makes no account and writes no password', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as net.AddressInfo).port;
      const r = await vigil(['--data', tmp.dir, 'start'], { VIGIL_MQTT_HOST: '127.0.0.1', VIGIL_MQTT_PORT: String(port), VIGIL_HTTP_PORT: '0', VIGIL_LOG_LEVEL: 'silent' });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /already in use/);
      assert.doesNotMatch(r.stderr, /First start/);
      assert.ok(!existsSync(file));
    } finally {
      taken.close();
    }
  });

  test('the next start prints the password and keeps it in <data>/initial-admin-password (0600) until it is changed', async () => {
    server = await startServer(tmp.dir);
    const s = server;
    // The account is made right after the web server listens, so it may lag /api/health a little.
    const password = (await waitFor(() => /with password (\S+)/.exec(s.output())?.[1], 30_000, 'the first admin password'));
    assert.equal(readFileSync(file, 'utf8').trim(), password);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const admin = new ApiClient(`http://127.0.0.1:${s.httpPort}`);
    assert.equal((await admin.login('admin', password)).status, 200);
    const changed = await admin.request('POST', '/api/auth/password', { current: password, next: 'my own long password' });
    assert.equal(changed.status, 204);
    assert.ok(!existsSync(file), 'the first password change removes the file');
  });

  test('admin reset-password sets a new password and signs the account out everywhere', async () => {
    const s = server as Server;
    const before = new ApiClient(`http://127.0.0.1:${s.httpPort}`);
    assert.equal((await before.login('admin', 'my own long password')).status, 200);
    const r = await vigil(['--data', tmp.dir, '--json', 'admin', 'reset-password', 'admin']);
    assert.equal(r.code, 0, r.stderr);
    const { password } = JSON.parse(r.stdout) as { password: string };
    assert.ok(password.length >= 20);
    assert.equal((await before.request('GET', '/api/auth/me')).status, 401, 'the old session is gone');
    assert.equal((await new ApiClient(before.base).login('admin', password)).status, 200);
    const unknown = await vigil(['--data', tmp.dir, 'admin', 'reset-password', 'nobody']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no account named "nobody"/);
  });
});
