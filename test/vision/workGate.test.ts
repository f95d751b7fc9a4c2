import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkGate } from '../../src/vision/workGate.ts';
import { ImageError } from '../../src/vision/decode.ts';

function later() {
  let done!: () => void;
  const p = new Promise<void>((r) => (done = r));
  return { p, done };
}

test('two run, two wait, the next is told busy (503, Retry-After); places pass on in order', async () => {
  const gate = new WorkGate(2, 2, 3);
  const order: number[] = [];
  const holds = Array.from({ length: 4 }, later);
  const jobs = holds.map((h, i) => gate.run(async () => (order.push(i), await h.p, i)));
  await Promise.resolve();
  assert.deepEqual(gate.load, { active: 2, waiting: 2 });
  await assert.rejects(gate.run(async () => 0), (err: unknown) => err instanceof ImageError && err.statusCode === 503 && err.headers['retry-after'] === '3');
  holds[0]?.done();
  holds[1]?.done();
  await Promise.all(jobs.slice(0, 2));
  holds[2]?.done();
  holds[3]?.done();
  assert.deepEqual(await Promise.all(jobs), [0, 1, 2, 3]);
  assert.deepEqual(order, [0, 1, 2, 3]);
  assert.deepEqual(gate.load, { active: 0, waiting: 0 });
});

test('a failing job frees its place', async () => {
  const gate = new WorkGate(1, 0);
  await assert.rejects(gate.run(async () => Promise.reject(new Error('boom'))), /boom/);
  assert.equal(await gate.run(async () => 7), 7);
  assert.deepEqual(gate.load, { active: 0, waiting: 0 });
});
