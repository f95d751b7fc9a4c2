import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { INS, PacketDecoder, PID, commandPacket, encodePacket, parseIndexTable, parseSystemParameters, params, type Decoded } from '../../src/hardware/r30xProtocol.ts';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('R30x packet codec', () => {
  test('matches the byte examples of the R503 manual', () => {
    // "Cyan breathing light: Send EF01FFFFFFFF01000735015006000094, Return EF01FFFFFFFF07000300000A"
    assert.deepEqual(commandPacket(0xffffffff, INS.auraLedConfig, params.auraLedConfig(0x01, 0x50, 0x06, 0x00)), hex('EF01 FFFFFFFF 01 0007 35 01 50 06 00 0094'));
    const d = new PacketDecoder().push(hex('EF01FFFFFFFF07000300000A'));
    assert.deepEqual(d, [{ type: 'packet', packet: { address: 0xffffffff, pid: PID.ack, content: Buffer.of(0x00) } }]);
    // Checksums printed in the instruction tables: TempleteNum 0021H, ReadSysPara 0013H, GetImg 0005H.
    assert.equal(commandPacket(0xffffffff, INS.templateNum).readUInt16BE(10), 0x0021);
    assert.equal(commandPacket(0xffffffff, INS.readSysPara).readUInt16BE(10), 0x0013);
    assert.equal(commandPacket(0xffffffff, INS.genImg).readUInt16BE(10), 0x0005);
    assert.deepEqual(commandPacket(0x12345678, INS.search, params.search(1, 0, 200)), hex('EF01 12345678 01 0008 04 01 0000 00C8 00D6'));
  });

  test('bytes split anywhere decode to the same packets; the power-on 0x55 and noise are skipped', () => {
    const a = encodePacket({ address: 0xffffffff, pid: PID.ack, content: Buffer.of(0, 0, 3) });
    const b = encodePacket({ address: 0xffffffff, pid: PID.ack, content: Buffer.of(9, 0, 0, 0, 0) });
    const stream = Buffer.concat([Buffer.of(0x55), a, Buffer.of(0x00, 0xef, 0x13, 0xff), b]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: stream.length }), { maxLength: 6 }), (cuts) => {
        const dec = new PacketDecoder();
        const points = [...new Set(cuts)].sort((x, y) => x - y);
        const out: Decoded[] = [];
        let from = 0;
        for (const p of [...points, stream.length]) {
          out.push(...dec.push(stream.subarray(from, p)));
          from = p;
        }
        const packets = out.filter((d) => d.type === 'packet').map((d) => (d.type === 'packet' ? [...d.packet.content] : []));
        assert.deepEqual(packets, [[0, 0, 3], [9, 0, 0, 0, 0]]);
        assert.equal(out.filter((d) => d.type === 'corrupt').length, 0);
      }),
    );
  });

  test('a corrupted packet is reported and the stream resynchronises on the next good one, whatever the garbage', () => {
    const good = encodePacket({ address: 0xffffffff, pid: PID.ack, content: Buffer.of(0, 0, 42) });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), (garbage, at, flip) => {
        const bad = Buffer.from(good);
        bad[at] = (bad[at] as number) ^ flip;
        const dec = new PacketDecoder();
        const out = [...dec.push(garbage), ...dec.push(bad), ...dec.push(good), ...dec.push(good)];
        const goodOnes = out.filter((d) => d.type === 'packet' && d.packet.address === 0xffffffff && d.packet.content.equals(Buffer.of(0, 0, 42)));
        if (goodOnes.length < 2) {
          // A length field corrupted upwards makes the decoder wait for bytes that never come; the
          // sensor layer times out and resets it, after which the next reply decodes.
          dec.reset();
          assert.deepEqual(dec.push(good), [{ type: 'packet', packet: { address: 0xffffffff, pid: PID.ack, content: Buffer.of(0, 0, 42) } }]);
        }
      }),
      { numRuns: 2000 },
    );
    const flipped = Buffer.from(good);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 1;
    assert.deepEqual(new PacketDecoder().push(flipped), [
      { type: 'corrupt', reason: 'checksum' },
      { type: 'garbage', bytes: flipped.length - 1 },
    ]);
  });

  test('refuses a packet body longer than the manual allows, and reads system parameters and index tables', () => {
    assert.throws(() => encodePacket({ address: 0, pid: PID.data, content: Buffer.alloc(257) }), /at most 256/);
    const sys = parseSystemParameters(hex('0000 0000 00C8 0003 FFFFFFFF 0002 0006'));
    assert.deepEqual(sys, { status: 0, systemId: 0, capacity: 200, securityLevel: 3, address: 0xffffffff, packetSize: 128, baudRate: 57600 });
    const table = Buffer.alloc(32);
    table[0] = 0b0000_0101;
    table[31] = 0b1000_0000;
    assert.deepEqual(parseIndexTable(1, table), [256, 258, 511]);
  });
});
