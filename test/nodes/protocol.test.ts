import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AckMessage,
  EventsMessage,
  SnapshotMessage,
  decodeMessage,
  encodeMessage,
  newNodeKey,
  nodeTopic,
  parseNodeTopic,
  seal,
  snapshotChecksum,
  statusIsNewer,
  unseal,
  WILL_TICK,
  type SnapshotContent,
} from '../../src/nodes/protocol.ts';
import { Topics } from '../../src/mqtt/topics.ts';

const key = newNodeKey();
const topic = nodeTopic('vigil', 'node-0123abcd', 'events');
const events = { events: [{ seq: 1, event: { type: 'Entry', time: 1700000000000, doorId: 'gate', sensorId: null, personId: 'p1', details: { lock: 'ok' } } }] };

test('a sealed message opens with its key on its topic', () => {
  assert.deepEqual(decodeMessage(key, topic, encodeMessage(key, topic, events), EventsMessage), events);
});

test('the same message never looks the same twice (random nonce)', () => {
  assert.notDeepEqual(encodeMessage(key, topic, events), encodeMessage(key, topic, events));
});

test('a message moved to another node or another kind of topic is refused', () => {
  const sealed = encodeMessage(key, topic, events);
  assert.equal(decodeMessage(key, nodeTopic('vigil', 'node-ffffffff', 'events'), sealed, EventsMessage), undefined);
  assert.equal(decodeMessage(key, nodeTopic('vigil', 'node-0123abcd', 'ack'), sealed, EventsMessage), undefined);
  assert.equal(decodeMessage(key, nodeTopic('other', 'node-0123abcd', 'events'), sealed, EventsMessage), undefined);
});

test('a forged, altered, truncated or foreign-key message is refused', () => {
  const sealed = encodeMessage(key, topic, events);
  for (let i = 0; i < sealed.length; i += 7) {
    const bad = Buffer.from(sealed);
    bad[i] = (bad[i] as number) ^ 1;
    assert.equal(decodeMessage(key, topic, bad, EventsMessage), undefined, `bit flipped at byte ${i}`);
  }
  assert.equal(decodeMessage(key, topic, sealed.subarray(0, 20), EventsMessage), undefined);
  assert.equal(decodeMessage(key, topic, Buffer.from(JSON.stringify(events)), EventsMessage), undefined, 'plain JSON');
  assert.equal(decodeMessage(newNodeKey(), topic, sealed, EventsMessage), undefined);
  assert.equal(unseal(key, topic, Buffer.alloc(0)), undefined);
});

test('a sealed message that does not fit its schema is refused', () => {
  assert.equal(decodeMessage(key, topic, encodeMessage(key, topic, { seq: -1, at: 0 }), AckMessage), undefined);
  assert.equal(decodeMessage(key, topic, seal(key, topic, Buffer.from('not json')), AckMessage), undefined);
  assert.deepEqual(decodeMessage(key, topic, encodeMessage(key, topic, { seq: 4, at: 9 }), AckMessage), { seq: 4, at: 9 });
});

test('node topics parse only under the prefix, with a node id and a known kind', () => {
  assert.deepEqual(parseNodeTopic('vigil', 'vigil/node/node-0123abcd/status'), { nodeId: 'node-0123abcd', kind: 'status' });
  assert.deepEqual(parseNodeTopic('vigil', 'vigil/node/node-0123abcd/delta'), { nodeId: 'node-0123abcd', kind: 'delta' });
  assert.equal(parseNodeTopic('vigil', 'vigil/node/node-0123abcd/other'), null);
  assert.equal(parseNodeTopic('vigil', 'vigil/node/+/events'), null);
  assert.equal(parseNodeTopic('vigil', 'vigil/node/node-0123abcd/events/x'), null);
  assert.equal(parseNodeTopic('vigil', 'site/node/node-0123abcd/events'), null);
});

test('the snapshot checksum ignores row order and sees every change', () => {
  const content: SnapshotContent = {
    people: [
      { id: 'b', name: 'B', name_key: 'b', access: null, created_at: 1, updated_at: 1 },
      { id: 'a', name: 'A', name_key: 'a', access: '{"doors":["gate"],"schedule":null}', created_at: 1, updated_at: 2 },
    ],
    credentials: [{ id: 'c', person_id: 'a', kind: 'pin', lookup: 'f'.repeat(64), created_at: 1 }],
    templates: [],
    credentialKey: '1'.repeat(64),
    templateKey: '2'.repeat(64),
  };
  const reordered = { ...content, people: [...content.people].reverse() };
  assert.equal(snapshotChecksum(content), snapshotChecksum(reordered));
  assert.notEqual(snapshotChecksum(content), snapshotChecksum({ ...content, credentials: [] }));
  const message = { version: 3, sha256: snapshotChecksum(content), content };
  const t = nodeTopic('vigil', 'node-0123abcd', 'snapshot');
  assert.deepEqual(decodeMessage(key, t, encodeMessage(key, t, message), SnapshotMessage), message);
});

test('statuses are ordered by connection, then tick; the will outranks its connection', () => {
  assert.ok(statusIsNewer(undefined, { conn: 1, tick: 0 }));
  assert.ok(statusIsNewer({ conn: 1, tick: 3 }, { conn: 1, tick: 4 }));
  assert.ok(!statusIsNewer({ conn: 1, tick: 4 }, { conn: 1, tick: 4 }), 'a replay');
  assert.ok(statusIsNewer({ conn: 1, tick: 4 }, { conn: 1, tick: WILL_TICK }));
  assert.ok(!statusIsNewer({ conn: 1, tick: WILL_TICK }, { conn: 1, tick: 5 }), 'an old online status after the will');
  assert.ok(statusIsNewer({ conn: 1, tick: WILL_TICK }, { conn: 2, tick: 0 }));
  assert.ok(!statusIsNewer({ conn: 2, tick: 0 }, { conn: 1, tick: WILL_TICK }));
});

test("a node's MQTT login may use only its own node topics, without wildcards", () => {
  const t = new Topics('vigil');
  assert.ok(t.nodeMayPublish('node-0123abcd', 'vigil/node/node-0123abcd/events'));
  assert.ok(t.nodeMayPublish('node-0123abcd', 'vigil/node/node-0123abcd/status'));
  for (const topic of ['vigil/node/node-0123abcd/snapshot', 'vigil/node/node-0123abcd/delta', 'vigil/node/node-0123abcd/ack', 'vigil/node/node-ffffffff/events', 'vigil/sensor/node-0123abcd/state', 'vigil/alarm/set', 'vigil/node/+/events']) {
    assert.ok(!t.nodeMayPublish('node-0123abcd', topic), topic);
  }
  assert.ok(t.nodeMaySubscribe('node-0123abcd', 'vigil/node/node-0123abcd/snapshot'));
  assert.ok(t.nodeMaySubscribe('node-0123abcd', 'vigil/node/node-0123abcd/ack'));
  assert.ok(t.nodeMaySubscribe('node-0123abcd', 'vigil/node/node-0123abcd/delta'));
  for (const filter of ['vigil/node/node-0123abcd/#', 'vigil/node/+/snapshot', 'vigil/#', '#', 'vigil/node/node-0123abcd/events', 'vigil/node/node-ffffffff/ack', 'vigil/node/node-ffffffff/delta']) {
    assert.ok(!t.nodeMaySubscribe('node-0123abcd', filter), filter);
  }
});
