import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { storeBackends, waitFor } from '../helpers.ts';
import { ptyPair } from './pty.ts';
import { SimulatedR30x, blankFlash, type SimFlash } from './r30xSimulator.ts';
import { PeopleRepo } from '../../src/store/people.ts';
import { FingerprintRepo } from '../../src/store/fingerprints.ts';
import { SerialPortLink } from '../../src/hardware/serialLink.ts';
import { EnrolError, FingerprintService, decodeIdentity, encodeIdentity, fingerFactor, logReaderHealth, type EnrolProgress, type FingerRead } from '../../src/hardware/fingerprintService.ts';
import type { NewEvent } from '../../src/core/events.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** R30x instruction codes, as the simulator logs them. */
const GEN_IMG = 0x01, TEMPLATE_COUNT = 0x1d;

/** Vigil on one end of a pseudo-terminal pair, a simulated module on the other, a real SQLite store. */
async function rig(opts: { flash?: SimFlash; ringLed?: boolean; password?: number } = {}) {
  const pty = await ptyPair();
  const flash = opts.flash ?? blankFlash(200);
  let sim = new SimulatedR30x(flash, { ringLed: opts.ringLed });
  await sim.open(pty.device);
  const opened = await storeBackends()[0]!.open();
  const people = new PeopleRepo(opened.store.db);
  const ada = (await people.create('Ada')).id;
  const bob = (await people.create('Bob')).id;
  const repo = new FingerprintRepo(opened.store.db);
  const service = new FingerprintService({
    doorId: 'front',
    link: new SerialPortLink(pty.host),
    repo,
    password: opts.password,
    ringLed: opts.ringLed,
    pollMs: 30,
    retryMs: 150,
    heartbeatMs: 200,
    // The wait for the simulator's answer: generous, since a loaded machine can be slow to answer
    // over the pty, and a missed answer counts towards "offline" (the silence test waits longer).
    timeoutMs: 5000,
  });
  const events: NewEvent[] = [];
  logReaderHealth(service, 'front', (e) => events.push(e));
  const reads: FingerRead[] = [];
  service.onRead((r) => reads.push(r));
  return {
    pty,
    flash,
    get sim() {
      return sim;
    },
    /** The same module (same flash) or another one, on a new cable. */
    async replug(next: SimFlash = flash) {
      await sim.close();
      await pty.replug();
      sim = new SimulatedR30x(next, { ringLed: opts.ringLed });
      await sim.open(pty.device);
    },
    people,
    ada,
    bob,
    repo,
    service,
    events,
    reads,
    async close() {
      await service.stop();
      await sim.close();
      await pty.unplug();
      await opened.cleanup();
    },
  };
}

/** Plays the person at the sensor: puts the finger down when asked to place it, lifts it when asked to lift. */
function fingerFollows(r: { sim: SimulatedR30x }, finger: string, extra: (p: EnrolProgress) => void = () => {}) {
  const seen: EnrolProgress[] = [];
  return {
    seen,
    progress(p: EnrolProgress) {
      seen.push(p);
      if (p.step === 'place') r.sim.place(finger);
      if (p.step === 'lift') r.sim.lift();
      extra(p);
    },
  };
}

const online = (r: { service: FingerprintService }) => waitFor(() => r.service.status().state === 'online' || undefined, 20_000, 'reader online');

/**
 * Lifts the finger and waits until the armed service has seen the empty glass: two image requests
 * since the lift, the second sent after the first's "no finger" answer was read.
 */
async function liftSeen(r: { sim: SimulatedR30x }): Promise<void> {
  const from = r.sim.log.length;
  r.sim.lift();
  await waitFor(() => r.sim.log.slice(from).filter((ins) => ins === GEN_IMG).length >= 2 || undefined, 10_000, 'the lift seen');
}

describe('R30x fingerprint reader on a pseudo-terminal', () => {
  test('adopts a blank sensor, enrols with place/lift/place, and a finger on the glass is one read', async () => {
    const r = await rig({ ringLed: true });
    try {
      await r.service.start();
      await online(r);
      const uid = r.service.status().sensorUid;
      assert.ok(uid && decodeIdentity(r.flash.notepad[15] as Buffer) === uid, 'its identity is in the notepad');
      assert.equal((await r.repo.sensorForDoor('front'))?.uid, uid);
      assert.deepEqual(r.events, [], 'a reader fine from the start is not logged');

      // Sample 2 comes out messy once: the person is asked to lift and place again.
      let messy = true;
      const person = fingerFollows(r, 'ada-index', (p) => {
        if (p.step === 'place' && p.sample === 2 && messy) {
          messy = false;
          r.sim.place('ada-index', 'messy');
        }
      });
      const fp = await r.service.enrol(r.ada, { label: 'right index' }, (p) => person.progress(p));
      assert.deepEqual(person.seen, [
        { step: 'place', sample: 1 },
        { step: 'captured', sample: 1 },
        { step: 'lift' },
        { step: 'place', sample: 2 },
        { step: 'retry', sample: 2, reason: 'messy' },
        { step: 'lift' },
        { step: 'place', sample: 2 },
        { step: 'captured', sample: 2 },
        { step: 'lift' },
        { step: 'merging', score: 150 },
        { step: 'stored', slot: 0, fingerprintId: fp.id },
      ]);
      assert.equal(r.flash.library.get(0), 'ada-index', 'the template is in the module');
      assert.deepEqual({ ...fp, id: '', createdAt: 0 }, { id: '', createdAt: 0, personId: r.ada, sensorUid: uid, slot: 0, duress: false, label: 'right index', score: 150 });
      assert.deepEqual(r.sim.led, [0x03, 0x30, 0x04, 0x00], 'ring LED green after storing');

      const emergency = fingerFollows(r, 'ada-thumb');
      const thumb = await r.service.enrol(r.ada, { duress: true, label: 'left thumb' }, (p) => emergency.progress(p));
      assert.equal(thumb.slot, 1);

      const again = fingerFollows(r, 'ada-index');
      await assert.rejects(r.service.enrol(r.bob, {}, (p) => again.progress(p)), (e: EnrolError) => e.reason === 'already_enrolled');
      r.sim.lift();

      r.service.arm(true);
      await waitFor(() => r.sim.led?.[0] === 0x01 || undefined, 5000, 'ring LED breathing while armed');
      r.sim.place('ada-index');
      await waitFor(() => r.reads.length === 1 || undefined, 5000, 'one read');
      await sleep(400);
      assert.equal(r.reads.length, 1, 'a finger held on the glass counts once');
      assert.deepEqual(r.reads[0], { kind: 'match', personId: r.ada, duress: false, score: 100, slot: 0, fingerprintId: fp.id });
      await liftSeen(r);
      r.sim.place('ada-thumb');
      await waitFor(() => r.reads.length === 2 || undefined, 5000, 'second read');
      assert.deepEqual(r.reads[1], { kind: 'match', personId: r.ada, duress: true, score: 101, slot: 1, fingerprintId: thumb.id });
      assert.deepEqual(fingerFactor(r.reads[1] as Extract<FingerRead, { kind: 'match' }>, true), { factor: 'finger', personId: r.ada, duress: true, scheduleOk: true, score: 101 });
      await liftSeen(r);
      r.sim.place('stranger');
      await waitFor(() => r.reads.length === 3 || undefined, 5000, 'third read');
      assert.deepEqual(r.reads[2], { kind: 'no_match' });
      await liftSeen(r);
      r.sim.place('ada-index', 'few_features');
      await waitFor(() => r.reads.length === 4 || undefined, 5000, 'fourth read');
      assert.deepEqual(r.reads[3], { kind: 'poor_image', reason: 'too_few_features' });
      r.sim.lift();

      r.service.arm(false);
      // Disarmed, the service's loop asks only for the template count: once one is seen, no image poll is under way.
      const disarmedFrom = r.sim.log.length;
      await waitFor(() => r.sim.log.slice(disarmedFrom).includes(TEMPLATE_COUNT) || undefined, 10_000, 'the disarmed heartbeat');
      const before = r.sim.log.length;
      r.sim.place('ada-index');
      await sleep(400);
      assert.equal(r.reads.length, 4, 'disarmed, nothing is read');
      assert.ok(!r.sim.log.slice(before).includes(0x01), 'and the module is not asked for images');

      const removed = await r.service.remove(fp.id);
      assert.deepEqual(removed, { removed: true, fromSensor: true });
      assert.equal(r.flash.library.has(0), false);
      assert.equal(await r.repo.get(fp.id), undefined);
    } finally {
      await r.close();
    }
  });

  test('corrupted replies are retried, noise is skipped; a silent or garbling module goes offline, never matches, and comes back', async () => {
    const r = await rig();
    try {
      await r.service.start();
      await online(r);
      const person = fingerFollows(r, 'ada-index');
      await r.service.enrol(r.ada, {}, (p) => person.progress(p));
      r.sim.lift();
      r.service.arm(true);

      r.sim.faults.corruptReplies = 1;
      r.sim.faults.garbageBeforeReply = Buffer.from([0x55, 0xef, 0x01, 0x00, 0x13, 0xef]);
      r.sim.noise(Buffer.from('line noise \xef\x01 on the wire'));
      await sleep(300);
      r.sim.place('ada-index');
      await waitFor(() => r.reads.length === 1 || undefined, 5000, 'read through the noise');
      assert.equal(r.reads[0]?.kind, 'match');
      assert.equal(r.service.status().state, 'online', 'one bad reply is not an outage');
      r.sim.lift();

      r.sim.faults.silent = true;
      await waitFor(() => r.service.status().state === 'offline' || undefined, 30_000, 'offline when silent');
      assert.equal(r.service.status().reason, 'not_responding');
      r.sim.place('ada-index');
      await sleep(500);
      assert.equal(r.reads.length, 1, 'no read while the module is silent');
      r.sim.lift();
      r.sim.faults.silent = false;
      await online(r);

      r.sim.faults.corruptReplies = 1_000_000;
      await waitFor(() => r.service.status().state === 'offline' || undefined, 15_000, 'offline when garbling');
      assert.equal(r.service.status().reason, 'corrupted_replies');
      r.sim.place('ada-index');
      await sleep(500);
      assert.equal(r.reads.length, 1, 'no read from a garbling module');
      r.sim.lift();
      r.sim.faults.corruptReplies = 0;
      await online(r);

      assert.deepEqual(
        r.events.map((e) => [e.type, (e.type === 'FingerprintReaderOffline' ? e.details.reason : null)]),
        [
          ['FingerprintReaderOffline', 'not_responding'],
          ['FingerprintReaderOnline', null],
          ['FingerprintReaderOffline', 'corrupted_replies'],
          ['FingerprintReaderOnline', null],
        ],
      );
    } finally {
      await r.close();
    }
  });

  test('unplugged mid-enrolment: the enrolment fails and stores nothing; replugged, the same module is trusted again', async () => {
    const r = await rig();
    try {
      await r.service.start();
      await online(r);
      const uid = r.service.status().sensorUid;
      let pulled: Promise<void> | undefined;
      const person = fingerFollows(r, 'ada-index', (p) => {
        if (p.step === 'lift' && !pulled) pulled = r.pty.unplug();
      });
      await assert.rejects(r.service.enrol(r.ada, {}, (p) => person.progress(p)), (e: EnrolError) => e.reason === 'reader_offline');
      await pulled;
      await waitFor(() => r.service.status().state === 'offline' || undefined, 10_000, 'offline after the unplug');
      assert.equal(r.service.status().reason, 'disconnected');
      assert.deepEqual(await r.repo.forPerson(r.ada), [], 'nothing stored');
      await assert.rejects(r.service.enrol(r.ada, {}, () => {}), (e: EnrolError) => e.reason === 'reader_offline');

      await sleep(400); // a few failed reconnection attempts while nothing is plugged in
      await r.replug();
      await online(r);
      assert.equal(r.service.status().sensorUid, uid, 'the same module, trusted again');
      assert.deepEqual(
        r.events.map((e) => [e.type, (e.type === 'FingerprintReaderOffline' ? e.details.reason : null)]),
        [
          ['FingerprintReaderOffline', 'disconnected'],
          ['FingerprintReaderOnline', null],
        ],
      );
      const retry = fingerFollows(r, 'ada-index');
      const fp = await r.service.enrol(r.ada, {}, (p) => retry.progress(p));
      assert.equal(fp.slot, 0);
    } finally {
      await r.close();
    }
  });

  test('a swapped module is detected and not trusted until adopted; adopting forgets the old fingers; stray templates are deleted', async () => {
    const r = await rig();
    try {
      await r.service.start();
      await online(r);
      const person = fingerFollows(r, 'ada-index');
      await r.service.enrol(r.ada, {}, (p) => person.progress(p));
      r.sim.lift();
      const firstUid = r.service.status().sensorUid;

      // Someone replaces the module with another that holds Ada's finger in slot 0 (enrolled elsewhere).
      const other = blankFlash(200);
      other.library.set(0, 'ada-index');
      await r.pty.unplug();
      await r.replug(other);
      await waitFor(() => r.service.status().state === 'untrusted' || undefined, 10_000, 'untrusted');
      assert.equal(r.service.status().reason, 'sensor_replaced');
      r.service.arm(true);
      r.sim.place('ada-index');
      await sleep(500);
      assert.deepEqual(r.reads, [], 'no finger counts on an untrusted module');
      r.sim.lift();
      await assert.rejects(r.service.enrol(r.ada, {}, () => {}), (e: EnrolError) => e.reason === 'untrusted_sensor');
      assert.equal(r.events.at(-1)?.type, 'FingerprintReaderOffline');
      const last = r.events.at(-1);
      assert.equal(last?.type === 'FingerprintReaderOffline' ? last.details.reason : null, 'sensor_replaced');

      const adopted = await r.service.adopt();
      assert.equal(adopted.state, 'online');
      assert.notEqual(adopted.sensorUid, firstUid);
      assert.deepEqual(await r.repo.forPerson(r.ada), [], "the old module's fingers are forgotten");
      assert.equal(other.library.size, 0, "the module's own templates were not Vigil's: deleted");
      assert.equal(r.events.at(-1)?.type, 'FingerprintReaderOnline');

      // A template that appears behind Vigil's back (enrolled with another tool) is deleted at the next connection.
      other.library.set(7, 'mallory');
      await r.pty.unplug();
      await r.replug(other);
      await waitFor(() => (r.service.status().state === 'online' && !other.library.has(7)) || undefined, 10_000, 'stray template deleted');
    } finally {
      await r.close();
    }
  });

  test("a module with Vigil's mark from elsewhere is unknown; a wrong password keeps the reader offline", async () => {
    const foreign = blankFlash(200);
    foreign.notepad[15] = encodeIdentity('00112233445566778899aabbccddeeff');
    const r = await rig({ flash: foreign });
    try {
      await r.service.start();
      await waitFor(() => r.service.status().state === 'untrusted' || undefined, 10_000, 'untrusted');
      assert.equal(r.service.status().reason, 'unknown_sensor');
    } finally {
      await r.close();
    }
    const locked = blankFlash(200);
    locked.password = 0x1234;
    const w = await rig({ flash: locked, password: 0x9999 });
    try {
      await w.service.start();
      await waitFor(() => w.service.status().reason === 'wrong_password' || undefined, 10_000, 'wrong password');
      assert.equal(w.service.status().state, 'offline');
    } finally {
      await w.close();
    }
    const right = await rig({ flash: locked, password: 0x1234 });
    try {
      await right.service.start();
      await online(right);
    } finally {
      await right.close();
    }
  });
});

