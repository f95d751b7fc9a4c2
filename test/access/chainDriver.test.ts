import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { ChainDriver } from '../../src/access/chainDriver.ts';
import { chainSteps, type ChainEffect, type FactorResult } from '../../src/core/factorChain.ts';
import { waitFor } from '../helpers.ts';

const settings = { steps: chainSteps(['fob', { factors: ['pin'], timeout: 1 }]), maxFailures: 5, lockoutBaseMs: 30_000, lockoutMaxMs: 900_000 };
const fob = (personId: string | null): FactorResult => ({ factor: 'fob', personId, duress: false, scheduleOk: true });
const pin = (personId: string | null): FactorResult => ({ factor: 'pin', personId, duress: false, scheduleOk: true });

function driver(applyMs = 0) {
  const effects: ChainEffect['type'][] = [];
  const d = new ChainDriver({
    doorId: 'front',
    settings,
    now: Date.now,
    log: pino({ level: 'silent' }),
    apply: async (e) => {
      await new Promise((r) => setTimeout(r, applyMs));
      effects.push(e.type);
    },
  });
  return { d, effects };
}

test('inputs are decided in the order they came, each after the effects of the one before', async () => {
  const { d, effects } = driver(30);
  // The second lookup is quicker than the first: it still waits its turn.
  const slow = d.present(() => new Promise((r) => setTimeout(() => r(fob('ada')), 50)));
  const quick = d.present(async () => pin('ada'));
  await Promise.all([slow, quick]);
  assert.deepEqual(effects, ['prompt', 'grant']);
  await d.stop();
});

test("a step whose timeout runs out is denied by the driver's own tick, once", async () => {
  const { d, effects } = driver();
  await d.present(async () => fob('ada'));
  assert.equal(d.current.phase, 'running');
  await waitFor(() => effects.includes('deny') || undefined, 5000, 'the timeout');
  assert.deepEqual(effects, ['prompt', 'deny']);
  assert.equal(d.current.phase, 'idle');
  await new Promise((r) => setTimeout(r, 700));
  assert.deepEqual(effects, ['prompt', 'deny'], 'no second answer');
  await d.stop();
});

test('after stop nothing more is decided', async () => {
  const { d, effects } = driver();
  await d.stop();
  await d.present(async () => fob('ada'));
  assert.deepEqual(effects, []);
});
