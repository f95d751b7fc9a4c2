import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAvailability, parseStatePayload } from '../../src/mqtt/sensorPayload.ts';
import { Topics } from '../../src/mqtt/topics.ts';

const parse = (s: string | Buffer) => parseStatePayload(Buffer.isBuffer(s) ? s : Buffer.from(s), 2048);

test('the DIY sensor message is accepted with its optional fields', () => {
  assert.deepEqual(parse('{"contact":"open"}'), { ok: true, value: { contact: 'open' } });
  assert.deepEqual(parse(`{"contact":"closed","battery":87,"tamper":false,"vbat":3010,"seq":12,"sig":"${'0f'.repeat(32)}"}`).ok, true);
  assert.deepEqual(parse('{"battery":15}'), { ok: true, value: { battery: 15 } });
});

test('garbage, wrong types and oversized payloads are refused with a reason', () => {
  const cases: Array<[string | Buffer, string]> = [
    ['not json', 'not_json'],
    ['', 'not_json'],
    [Buffer.from([0xff, 0xfe, 0x00]), 'not_json'],
    ['"open"', 'invalid_fields'],
    ['[1,2]', 'invalid_fields'],
    ['null', 'invalid_fields'],
    ['{"contact":"ajar"}', 'invalid_fields'],
    ['{"contact":true}', 'invalid_fields'],
    ['{"contact":"open","battery":101}', 'invalid_fields'],
    ['{"contact":"open","battery":"50"}', 'invalid_fields'],
    ['{"contact":"open","tamper":"yes"}', 'invalid_fields'],
    ['{"contact":"open","seq":-1}', 'invalid_fields'],
    ['{"contact":"open","sig":"zz"}', 'invalid_fields'],
    ['{"contact":"open","sig":"00ff00ff00ff00ff"}', 'invalid_fields'],
    [`{"contact":"open","sig":"${'0F'.repeat(32)}"}`, 'invalid_fields'],
    ['{"contact":"open","vbat":3.3}', 'invalid_fields'],
    ['{"contact":"open","vbat":20001}', 'invalid_fields'],
    ['{"contact":"open","seq":9007199254740992}', 'invalid_fields'],
    ['{}', 'empty'],
    ['{"hello":"world"}', 'empty'],
    [JSON.stringify({ contact: 'open', pad: 'x'.repeat(5000) }), 'oversized'],
  ];
  for (const [input, reason] of cases) assert.deepEqual(parse(input), { ok: false, reason }, String(input).slice(0, 40));
});

test('property: no byte sequence makes the parser throw', () => {
  fc.assert(
    fc.property(fc.oneof(fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a)), fc.json().map((j) => Buffer.from(j))), (buf) => {
      const r = parseStatePayload(buf, 2048);
      assert.equal(typeof r.ok, 'boolean');
    }),
    { numRuns: 3000 },
  );
});

test('availability is online or offline, nothing else', () => {
  assert.deepEqual(parseAvailability(Buffer.from('online')), { ok: true, value: true });
  assert.deepEqual(parseAvailability(Buffer.from('offline\n')), { ok: true, value: false });
  assert.equal(parseAvailability(Buffer.from('ONLINE?')).ok, false);
});

test('topic map: sensor topics parse, others do not; devices publish only to their own', () => {
  const t = new Topics('vigil');
  assert.deepEqual(t.parseSensor('vigil/sensor/front/state'), { sensorId: 'front', kind: 'state' });
  assert.deepEqual(t.parseSensor('vigil/sensor/front/availability'), { sensorId: 'front', kind: 'availability' });
  for (const bad of ['vigil/sensor/front', 'vigil/sensor/front/state/x', 'vigil/sensor/front/battery', 'other/sensor/front/state', 'vigil/alarm/set']) {
    assert.equal(t.parseSensor(bad), null, bad);
  }
  assert.equal(t.deviceMayPublish('front', 'vigil/sensor/front/state'), true);
  assert.equal(t.deviceMayPublish('front', 'vigil/sensor/back/state'), false);
  assert.equal(t.deviceMayPublish('front', 'vigil/alarm/set'), false);
});
