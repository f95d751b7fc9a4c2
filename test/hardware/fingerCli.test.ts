import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { SerialPort } from 'serialport';
import { tmpDir } from '../helpers.ts';
import { vigil } from '../vigilProcess.ts';
import { ptyPair } from './pty.ts';
import { SimulatedR30x, blankFlash } from './r30xSimulator.ts';

const BIN = path.resolve('bin/vigil.js');

// `vigil finger enroll` on a simulated R30x behind a pseudo-terminal: the command's own prompts
// lead the person at the sensor, as they would at a real one.
test('vigil finger enroll: place, lift, place again from the command line; the port held by Vigil is a clear error; hardware check finds the module', async () => {
  const t = tmpDir();
  const pty = await ptyPair();
  const flash = blankFlash(50);
  const sensor = new SimulatedR30x(flash);
  await sensor.open(pty.device);
  const config = path.join(t.dir, 'vigil.yaml');
  writeFileSync(config, `doors:\n  - id: front\n    name: Front\n    mode: pin_only\n    fingerprint: { port: ${pty.host} }\n`);
  const args = ['--data', t.dir, '--config', config];
  try {
    assert.equal((await vigil([...args, 'person', 'add', 'Ada'])).code, 0);

    const child = spawn(process.execPath, [BIN, ...args, 'finger', 'enroll', 'Ada', '--duress', '--label', 'left thumb'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const said: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      said.push(line);
      if (line.startsWith('Place')) sensor.place('ada-thumb');
      if (line.startsWith('Lift')) sensor.lift();
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0, stderr);
    assert.deepEqual(said.slice(0, 6), ['Place a finger on the sensor', 'Sample 1 of 2 read', 'Lift the finger', 'Place the same finger again', 'Sample 2 of 2 read', 'Lift the finger']);
    assert.match(said.at(-1) ?? '', /^Ada's emergency finger is enrolled on front \(slot 0, samples agreed with score \d+\)$/);
    assert.deepEqual([...flash.library.entries()], [[0, 'ada-thumb']]);

    const list = await vigil([...args, '--json', 'finger', 'list', 'Ada']);
    assert.equal(list.code, 0, list.stderr);
    const { fingerprints } = JSON.parse(list.stdout) as { fingerprints: Array<{ door: string; slot: number; duress: boolean; label: string }> };
    assert.deepEqual(
      fingerprints.map((f) => [f.door, f.slot, f.duress, f.label]),
      [['front', 0, true, 'left thumb']],
    );

    // Vigil running holds the port (serialport locks it); the command says what to do instead.
    const holder = new SerialPort({ path: pty.host, baudRate: 57600, autoOpen: false });
    await new Promise<void>((resolve, reject) => holder.open((err) => (err ? reject(err) : resolve())));
    try {
      const busy = await vigil([...args, 'finger', 'enroll', 'Ada']);
      assert.equal(busy.code, 2);
      assert.match(busy.stderr, /not available .*enrol from the panel instead/);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
    const check = await vigil([...args, '--json', 'hardware', 'check']);
    assert.equal(check.code, 0, check.stderr);
    const { devices } = JSON.parse(check.stdout) as { devices: Array<{ door: string; device: string; ok: boolean; answer: string }> };
    assert.deepEqual(devices.map((d) => [d.door, d.device, d.ok]), [['front', 'fingerprint', true]]);
    assert.match(devices[0]?.answer ?? '', /^fingerprint module, 1 of 50 templates used, security level \d, Vigil sensor [0-9a-f]{32}$/);
    const unknown = await vigil([...args, 'finger', 'enroll', 'Mallory']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no person "Mallory"/);
  } finally {
    await sensor.close();
    await pty.unplug();
    t.cleanup();
  }
});
