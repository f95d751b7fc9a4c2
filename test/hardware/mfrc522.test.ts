import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Mfrc522, Mfrc522Reader, crcA, simpleMfrc522Id, uidHex } from '../../src/hardware/mfrc522.ts';
import { SimCard, SimulatedMfrc522 } from './mfrc522Simulator.ts';
import { waitFor } from '../helpers.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How long a card must be away before it counts again. */
const RELEASE_MS = 120;

async function reader(sim: SimulatedMfrc522) {
  const fobs: string[] = [];
  const status: Array<[boolean, string]> = [];
  const r = new Mfrc522Reader(sim, { pollMs: 10, releaseMs: RELEASE_MS, onStatus: (online, detail) => status.push([online, detail]) });
  await r.start((factor, value) => fobs.push(`${factor}:${value}`));
  return { r, fobs, status };
}

describe('MFRC522 on SPI (register-level simulated chip)', () => {
  test('CRC_A matches ISO/IEC 14443-3 (HLTA is 50 00 57 CD)', () => {
    assert.deepEqual(crcA(Buffer.of(0x50, 0x00)), Buffer.of(0x57, 0xcd));
    assert.deepEqual(crcA(Buffer.of(0x08)), Buffer.of(0xb6, 0xdd), 'the SAK of a MIFARE Classic 1K');
  });

  test('reads 4-, 7- and 10-byte UIDs through the cascade levels', async () => {
    for (const uid of [
      [0xde, 0xad, 0xbe, 0xef],
      [0x04, 0x52, 0x1a, 0x9a, 0x3c, 0x58, 0x80],
      [0x08, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99],
    ]) {
      const sim = new SimulatedMfrc522();
      const chip = new Mfrc522(sim);
      await chip.init();
      sim.add(new SimCard(uid, uid.length === 7 ? 0x00 : 0x08));
      assert.equal(await chip.request('REQA'), true);
      const card = await chip.select();
      assert.deepEqual(card && [...card.uid], uid);
      assert.equal(card?.sak, uid.length === 7 ? 0x00 : 0x08);
      await chip.halt();
      assert.equal(await chip.request('REQA'), false, 'a halted card ignores REQA');
      assert.equal(await chip.request('WUPA'), true, 'WUPA wakes it');
      assert.ok(sim.frames.every((f) => f.tAuto), 'the timer is armed for every frame');
    }
  });

  test('a card held on the reader counts once; taken away and shown again, it counts again', async () => {
    const sim = new SimulatedMfrc522();
    const { r, fobs, status } = await reader(sim);
    try {
      assert.deepEqual(status, [[true, 'MFRC522 v2.0']]);
      const card = sim.add(new SimCard([0x12, 0x34, 0x56, 0x78]));
      await waitFor(() => fobs.length === 1 || undefined, 5000, 'first read');
      await sleep(400);
      assert.deepEqual(fobs, ['fob:12345678'], 'held for 400 ms (dozens of polls): one read');
      sim.remove(card);
      // Away for longer than releaseMs, and seen away by a poll that began after that: each poll
      // without a card sends one frame (WUPA), so two more frames mean a whole poll started since.
      await sleep(RELEASE_MS);
      const frames = sim.frames.length;
      await waitFor(() => sim.frames.length >= frames + 2 || undefined, 10_000, 'a poll after the card left');
      sim.add(card);
      await waitFor(() => fobs.length === 2 || undefined, 5000, 'second read');
      assert.deepEqual(fobs, ['fob:12345678', 'fob:12345678']);
    } finally {
      await r.stop();
    }
    assert.equal(sim.closed, true, 'stopping the reader lets go of the bus');
  });

  test('three cards at once: anticollision picks one, bit by bit; the others are read as each one leaves', async () => {
    const sim = new SimulatedMfrc522();
    const chip = new Mfrc522(sim);
    await chip.init();
    // A and B/C first differ in bit 2 of byte 1; B and C then in bit 0 of byte 3: two rounds, the
    // second with a known prefix that ends inside a byte (RxAlign, CollPos past the first byte).
    sim.add(new SimCard([0x04, 0x10, 0x20, 0x30]));
    const b = sim.add(new SimCard([0x04, 0x14, 0x20, 0x30]));
    const c = sim.add(new SimCard([0x04, 0x14, 0x20, 0x31]));
    assert.equal(await chip.request('REQA'), true);
    const first = await chip.select();
    assert.equal(first && uidHex(first.uid), '04142031', 'the branch with the colliding bit set, twice');
    assert.equal(sim.collisions, 2);
    const { r, fobs } = await reader(sim);
    try {
      await waitFor(() => fobs.length === 1 || undefined, 5000, 'one of the three');
      await sleep(200);
      assert.deepEqual(fobs, ['fob:04142031']);
      sim.remove(c);
      await waitFor(() => fobs.length === 2 || undefined, 5000, 'the next');
      sim.remove(b);
      await waitFor(() => fobs.length === 3 || undefined, 5000, 'the last');
      assert.deepEqual(fobs, ['fob:04142031', 'fob:04142030', 'fob:04102030']);
    } finally {
      await r.stop();
    }
  });

  test('no chip on the bus is reported, and the reader comes up when it answers', async () => {
    const sim = new SimulatedMfrc522();
    sim.present = false;
    const { r, fobs, status } = await reader(sim);
    try {
      assert.deepEqual(status, [[false, 'no MFRC522 answers (VersionReg 0x00)']]);
      sim.present = true;
      sim.add(new SimCard([0xca, 0xfe, 0xba, 0xbe]));
      await waitFor(() => fobs.length === 1 || undefined, 5000, 'read after the chip came up');
      assert.deepEqual(status.at(-1), [true, 'MFRC522 v2.0']);
    } finally {
      await r.stop();
    }
  });

  test("the seed's card numbers (SimpleMFRC522.read_id) can be reproduced for migration", () => {
    // uid_to_num over UID bytes and BCC: 0xDE 0xAD 0xBE 0xEF, BCC 0xDE^0xAD^0xBE^0xEF = 0x22.
    assert.equal(simpleMfrc522Id(Buffer.of(0xde, 0xad, 0xbe, 0xef)), String(0xdeadbeef22));
    // A 7-byte UID: SimpleMFRC522 only reads cascade level 1, the tag 0x88 and three bytes.
    assert.equal(simpleMfrc522Id(Buffer.of(0x04, 0x52, 0x1a, 0x9a, 0x3c, 0x58, 0x80)), String(0x8804521ac4));
  });
});
