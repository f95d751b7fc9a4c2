import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Compile } from 'typebox/compile';
import { COMMAND_TEMPLATE, discoveryFilter, discoveryMessages, type DiscoveryInput, type DiscoveryMessage } from '../../src/mqtt/haDiscovery.ts';
import { filterWithin, Topics } from '../../src/mqtt/topics.ts';
import { DISCOVERY_TOPIC, HA_COMPONENT_SCHEMAS } from '../fixtures/haMqttSchema.ts';

const topics = new Topics('vigil', 'homeassistant');
const input = (over: Partial<DiscoveryInput> = {}): DiscoveryInput => ({
  topics,
  nodeId: 'vigil',
  version: '0.1.0',
  alarmCode: true,
  codeToArm: false,
  sensors: [
    { id: 'front', name: 'Front door', kind: 'door' },
    { id: 'kitchen-window', name: 'Kitchen window', kind: 'window' },
  ],
  doors: [{ id: 'front', name: 'Front door' }],
  ...over,
});
const byObject = (msgs: DiscoveryMessage[]) => new Map(msgs.map((m) => [DISCOVERY_TOPIC.exec(m.topic)?.[4], m]));

/** What Vigil keeps on the state topics (haBridge.ts), one example of each. */
const STATE_FIELDS: Record<string, string[]> = {
  sensor: ['contact', 'battery', 'tamper', 'online'],
  door: ['lock', 'lastPerson', 'lastDirection', 'lastAt'],
};

test("every config is a valid discovery message for its component, by HA's documented options", () => {
  for (const variant of [input(), input({ alarmCode: false }), input({ codeToArm: true, sensors: [], doors: [] })]) {
    for (const m of discoveryMessages(variant)) {
      const t = DISCOVERY_TOPIC.exec(m.topic);
      assert.ok(t, `${m.topic} is a discovery topic`);
      const [, prefix, component, node] = t;
      assert.equal(prefix, 'homeassistant');
      assert.equal(node, 'vigil');
      const schema = HA_COMPONENT_SCHEMAS[component as string];
      assert.ok(schema, `${component} is a component Vigil means to publish`);
      const check = Compile(schema);
      assert.ok(check.Check(m.config), `${m.topic}: ${JSON.stringify([...check.Errors(m.config)].slice(0, 3))}`);
    }
  }
  // The schemas bite: an undocumented key, a wrong device class or a missing state topic fails.
  const contact = discoveryMessages(input()).find((m) => m.topic.endsWith('sensor_front_contact/config')) as DiscoveryMessage;
  const binary = Compile(HA_COMPONENT_SCHEMAS.binary_sensor as NonNullable<(typeof HA_COMPONENT_SCHEMAS)['binary_sensor']>);
  assert.ok(!binary.Check({ ...contact.config, payload_open: 'open' }));
  assert.ok(!binary.Check({ ...contact.config, device_class: 'doorway' }));
  const { state_topic: _st, ...noState } = contact.config;
  assert.ok(!binary.Check(noState));
});

test('the alarm panel, each sensor (contact, battery, tamper) and each door (lock, last person, access event) appear once, with unique ids', () => {
  const msgs = discoveryMessages(input());
  const ids = msgs.map((m) => m.config.unique_id as string);
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(new Set(msgs.map((m) => m.topic)).size, msgs.length);
  const objects = byObject(msgs);
  assert.deepEqual(
    [...objects.keys()].sort(),
    [
      'alarm',
      'door_front_access',
      'door_front_last_person',
      'door_front_lock',
      'sensor_front_battery',
      'sensor_front_contact',
      'sensor_front_tamper',
      'sensor_kitchen-window_battery',
      'sensor_kitchen-window_contact',
      'sensor_kitchen-window_tamper',
    ],
  );
  assert.equal(objects.get('sensor_kitchen-window_contact')?.config.device_class, 'window');
  assert.equal(objects.get('sensor_front_contact')?.config.device_class, 'door');
  assert.equal(objects.get('sensor_front_battery')?.config.device_class, 'battery');
  assert.equal(objects.get('sensor_front_tamper')?.config.device_class, 'tamper');
  // A door sensor and a door may share an id; their entities and devices stay apart.
  const devices = new Set(msgs.map((m) => (m.config.device as { identifiers: string[] }).identifiers[0]));
  assert.equal(devices.size, 1 + 2 + 1);
  // Another Vigil on the same broker (another node id) collides with nothing.
  const other = discoveryMessages(input({ nodeId: 'barn' }));
  assert.ok(other.every((m) => !msgs.some((x) => x.topic === m.topic || x.config.unique_id === m.config.unique_id)));
});

test('HA asks for the code only when Vigil has one, and sends it with the command (Vigil checks it)', () => {
  const withCode = byObject(discoveryMessages(input({ codeToArm: true })));
  assert.deepEqual(
    [withCode.get('alarm')?.config.code, withCode.get('alarm')?.config.code_arm_required, withCode.get('alarm')?.config.code_disarm_required],
    ['REMOTE_CODE', true, true],
  );
  assert.equal(withCode.get('door_front_lock')?.config.code_format, '^[0-9]{4,12}$');
  const without = byObject(discoveryMessages(input({ alarmCode: false })));
  assert.equal(without.get('alarm')?.config.code, undefined);
  assert.equal(without.get('alarm')?.config.code_disarm_required, false);
  assert.equal(without.get('door_front_lock')?.config.code_format, undefined);
});

test('templates read only fields Vigil publishes, from topics Vigil publishes them on', () => {
  for (const m of discoveryMessages(input())) {
    const c = m.config as Record<string, unknown>;
    const stateTopics = [c.state_topic, c.json_attributes_topic, ...((c.availability as Array<{ topic: string }> | undefined) ?? []).map((a) => a.topic)];
    for (const t of stateTopics.filter((x): x is string => typeof x === 'string')) {
      assert.ok(
        t === topics.status || t === topics.alarmState || /^vigil\/state\/(sensor|door)\/[^/]+$/.test(t) || /^vigil\/door\/[^/]+\/access$/.test(t),
        `${m.topic} reads ${t}`,
      );
    }
    const kind = typeof c.state_topic === 'string' ? /^vigil\/state\/(sensor|door)\//.exec(c.state_topic)?.[1] : undefined;
    for (const key of ['value_template', 'json_attributes_template']) {
      const template = c[key];
      if (typeof template !== 'string' || !kind) continue;
      for (const [, field] of template.matchAll(/value_json\.(\w+)/g)) {
        assert.ok(STATE_FIELDS[kind]?.includes(field as string), `${m.topic} ${key} reads ${field}`);
      }
    }
  }
});

test("the command templates, rendered as HA renders them, are commands Vigil accepts", () => {
  const render = (template: string, vars: Record<string, string>) => template.replace(/\{\{ (\w+) \}\}/g, (_m, k: string) => vars[k] ?? 'None');
  assert.deepEqual(JSON.parse(render(COMMAND_TEMPLATE.alarm, { action: 'DISARM', code: '4321' })), { action: 'DISARM', code: '4321' });
  assert.deepEqual(JSON.parse(render(COMMAND_TEMPLATE.lock, { value: 'UNLOCK', code: '4321' })), { action: 'UNLOCK', code: '4321' });
  // Without a code HA renders None: still valid JSON, and Vigil ignores the code when none is set.
  assert.deepEqual(JSON.parse(render(COMMAND_TEMPLATE.alarm, { action: 'ARM_AWAY' })), { action: 'ARM_AWAY', code: 'None' });
});

test('the stale-config filter matches exactly this node\'s configs', () => {
  const filter = discoveryFilter(topics, 'vigil');
  for (const m of discoveryMessages(input())) assert.ok(filterWithin(filter, m.topic));
  for (const m of discoveryMessages(input({ nodeId: 'barn' }))) assert.ok(!filterWithin(filter, m.topic));
});

test('topic filters: a filter is within a rule only if everything it matches is', () => {
  const cases: Array<[string, string, boolean]> = [
    ['a/#', 'a/b/c', true],
    ['a/#', 'a/#', true],
    ['a/#', 'a', true], // '#' also matches the parent level
    ['a/b/#', 'a', false],
    ['a/+/c', 'a/b/c', true],
    ['a/+/c', 'a/+/c', true],
    ['a/+/c', 'a/#', false],
    ['a/b/c', 'a/+/c', false],
    ['a/b', 'a/b/c', false],
    ['a/b/c', 'a/b', false],
    ['#', 'anything/at/all', true],
  ];
  for (const [rule, filter, want] of cases) assert.equal(filterWithin(rule, filter), want, `${rule} ⊇ ${filter}`);
});

test('an integration login reads discovery and states and sends commands, and nothing else', () => {
  for (const f of ['homeassistant/#', 'homeassistant/status', 'vigil/status', 'vigil/alarm/state', 'vigil/state/sensor/front', 'vigil/state/#', 'vigil/door/front/access', 'vigil/door/+/access']) {
    assert.ok(topics.integrationMaySubscribe(f), f);
  }
  for (const f of ['#', 'vigil/#', 'vigil/event', 'vigil/sensor/front/state', 'vigil/sensor/+/+', 'vigil/door/front/lock/set', '+/status']) {
    assert.ok(!topics.integrationMaySubscribe(f), f);
  }
  for (const t of ['vigil/alarm/set', 'vigil/door/front/set', 'homeassistant/status']) assert.ok(topics.integrationMayPublish(t), t);
  // Stamped command topics are the broker's to write: a client cannot pose as another login.
  for (const t of ['vigil/sensor/front/state', 'vigil/alarm/state', 'vigil/status', 'vigil/door/front/lock/set', 'vigil/state/sensor/front', 'homeassistant/lock/vigil/x/config', 'vigil/door/+/set', 'vigil/alarm/set/by/ha', 'vigil/door/front/set/by/ha']) {
    assert.ok(!topics.integrationMayPublish(t), t);
  }
  assert.deepEqual(topics.parseCommand('vigil/door/front/set'), { target: { doorId: 'front' }, sender: null });
  assert.deepEqual(topics.parseCommand(topics.stampSender('vigil/door/front/set', 'ha one')), { target: { doorId: 'front' }, sender: 'ha one' });
  assert.deepEqual(topics.parseCommand(topics.stampSender('vigil/alarm/set', 'ha')), { target: { alarm: true }, sender: 'ha' });
  assert.equal(topics.parseCommand('other/door/front/set'), null);
  assert.equal(topics.parseCommand('vigil/door/front/lock/set'), null);
  assert.equal(topics.parseCommand('vigil/alarm/set/by/%E0%A4%A'), null);
});
