import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { Compile } from 'typebox/compile';
import { addPerson, SignedSensor, startTestVigil, waitFor, waitForEvent, type ApiClient, type TestVigil, type TestEvent } from '../helpers.ts';
import { DISCOVERY_TOPIC, HA_COMPONENT_SCHEMAS } from '../fixtures/haMqttSchema.ts';

/** A client that keeps the last payload per topic, as HA's MQTT integration does with retained state. */
class Recorder {
  readonly last = new Map<string, string>();
  readonly seen: Array<{ topic: string; payload: string }> = [];
  constructor(readonly client: mqtt.MqttClient) {
    client.on('message', (topic, payload) => {
      this.last.set(topic, payload.toString());
      this.seen.push({ topic, payload: payload.toString() });
    });
  }
  json<T>(topic: string): T | undefined {
    const p = this.last.get(topic);
    return p ? (JSON.parse(p) as T) : undefined;
  }
  configs(prefix: string, node: string): Map<string, Record<string, unknown>> {
    const out = new Map<string, Record<string, unknown>>();
    for (const [topic, payload] of this.last) {
      const m = DISCOVERY_TOPIC.exec(topic);
      if (m && m[1] === prefix && m[3] === node && payload) out.set(topic, JSON.parse(payload) as Record<string, unknown>);
    }
    return out;
  }
}

/** Renders HA's command templates ({{ action }}, {{ value }}, {{ code }}) the way HA's Jinja does for these. */
const render = (template: string, vars: Record<string, string>) => template.replace(/\{\{ (\w+) \}\}/g, (_m, k: string) => vars[k] ?? 'None');

function assertValidConfigs(configs: Map<string, Record<string, unknown>>): void {
  for (const [topic, config] of configs) {
    const component = DISCOVERY_TOPIC.exec(topic)?.[2] as string;
    const check = Compile(HA_COMPONENT_SCHEMAS[component] as NonNullable<(typeof HA_COMPONENT_SCHEMAS)[string]>);
    assert.ok(check.Check(config), `${topic}: ${JSON.stringify([...check.Errors(config)].slice(0, 3))}`);
  }
}

describe('Home Assistant on the built-in broker: discovery, states, commands', () => {
  let v: TestVigil;
  let admin: ApiClient;
  let ha: Recorder;
  let haLogin: { username: string; password: string; broker: { port: number }; discoveryPrefix: string };
  let device: mqtt.MqttClient;
  let kitchen: SignedSensor;
  let kitchenLogin: { username: string; password: string; stateTopic: string };
  const events: TestEvent[] = [];
  const obj = (component: string, object: string) => `homeassistant/${component}/vigil/${object}/config`;

  before(async () => {
    v = await startTestVigil({
      file: {
        alarm: { code: '4321', exitDelay: 0 },
        sensors: [{ id: 'front-contact', name: 'Front door contact', signed: false }],
        doors: [{ id: 'front', name: 'Front door', mode: 'pin_only', kiosk: true, unlockSeconds: 1 }],
      },
    });
    v.vigil.bus.on('log.appended', (e) => events.push(e));
    admin = await v.client();
    const created = await admin.json<{ mqtt: typeof kitchenLogin; device: { signingKey: string } }>('POST', '/api/sensors', { id: 'kitchen', name: 'Kitchen window', kind: 'window' });
    kitchenLogin = created.mqtt;
    kitchen = new SignedSensor(Buffer.from(created.device.signingKey, 'hex'), 'kitchen');
    device = await mqtt.connectAsync(v.vigil.mqttUrl, { username: kitchenLogin.username, password: kitchenLogin.password, reconnectPeriod: 0 });

    haLogin = await admin.json('POST', '/api/settings/homeassistant');
    // Connect the way HA's MQTT integration does: birth and last will on homeassistant/status.
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${haLogin.broker.port}`, {
      username: haLogin.username,
      password: haLogin.password,
      reconnectPeriod: 0,
      will: { topic: 'homeassistant/status', payload: Buffer.from('offline'), qos: 1, retain: false },
    });
    ha = new Recorder(client);
    await client.publishAsync('homeassistant/status', 'online', { qos: 1 });
    await client.subscribeAsync('homeassistant/#', { qos: 1 });
  });
  after(async () => {
    await ha?.client.endAsync();
    await device?.endAsync();
    await v?.stop();
  });

  test("HA's login gets the retained configs, all valid by HA's documented schema, and may read every topic they name", async () => {
    await waitFor(() => ha.configs('homeassistant', 'vigil').size === 10, 5000, 'ten configs: the panel, two sensors x3, one door x3');
    const configs = ha.configs('homeassistant', 'vigil');
    assertValidConfigs(configs);
    assert.equal(configs.get(obj('binary_sensor', 'sensor_kitchen_contact'))?.device_class, 'window');
    const wanted = new Set<string>();
    for (const c of configs.values()) {
      for (const key of ['state_topic', 'json_attributes_topic']) if (typeof c[key] === 'string') wanted.add(c[key] as string);
      for (const a of (c.availability as Array<{ topic: string }> | undefined) ?? []) wanted.add(a.topic);
    }
    const granted = await ha.client.subscribeAsync([...wanted], { qos: 1 });
    assert.ok(granted.every((g) => g.qos !== 128), `HA may subscribe to every state topic: ${JSON.stringify(granted)}`);
    await waitFor(() => ha.last.get('vigil/status') === 'online' && ha.last.get('vigil/alarm/state') === 'disarmed', 5000, 'retained status and alarm state');
    assert.deepEqual(ha.json('vigil/state/door/front'), { lock: 'LOCKED', lastPerson: null, lastDirection: null, lastAt: null });
  });

  test("HA's login is not a device's and not Vigil's: no raw sensor topics, no event log, no publishing states", async () => {
    const spy = await mqtt.connectAsync(`mqtt://127.0.0.1:${haLogin.broker.port}`, { username: haLogin.username, password: haLogin.password, reconnectPeriod: 0 });
    // mqtt.js rejects a subscribe the broker refused; the SUBACK says 128 (failure) for each filter.
    const refused = (await spy.subscribeAsync(['vigil/event', 'vigil/sensor/+/state', '#'], { qos: 1 }).catch((e: { packet?: { granted?: number[] } }) => e)) as { packet?: { granted?: number[] } };
    assert.deepEqual(refused.packet?.granted, [128, 128, 128]);
    spy.on('error', () => {});
    const before = v.vigil.diagnostics.snapshot().mqtt_publish_denied ?? 0;
    spy.publish('vigil/sensor/kitchen/state', JSON.stringify({ contact: 'closed' }), { qos: 0 });
    await waitFor(() => (v.vigil.diagnostics.snapshot().mqtt_publish_denied ?? 0) > before, 5000, 'the publish denied');
    spy.end(true);
    const wrong = await mqtt.connectAsync(`mqtt://127.0.0.1:${haLogin.broker.port}`, { username: haLogin.username, password: 'not it', reconnectPeriod: 0 }).catch((e: Error) => e);
    assert.ok(wrong instanceof Error);
  });

  test("a verified sensor message reaches HA's entity; a forged one does not", async () => {
    await device.publishAsync(kitchenLogin.stateTopic, kitchen.message({ contact: 'open', battery: 77 }), { qos: 1 });
    await waitFor(() => ha.json<{ contact: string }>('vigil/state/sensor/kitchen')?.contact === 'open', 5000, 'open in HA');
    assert.deepEqual(ha.json('vigil/state/sensor/kitchen'), { contact: 'open', battery: 77, tamper: null, online: true });
    const seen = ha.seen.length;
    await device.publishAsync(kitchenLogin.stateTopic, JSON.stringify({ contact: 'closed', seq: 2 ** 40, sig: '0'.repeat(64) }), { qos: 1 });
    await waitFor(() => (v.vigil.diagnostics.snapshot().mqtt_rejected_bad_signature ?? 0) > 0, 5000, 'the forgery refused');
    assert.ok(!ha.seen.slice(seen).some((m) => m.topic === 'vigil/state/sensor/kitchen'), 'HA heard nothing of the forged "closed"');
  });

  test('HA arms and disarms with the code, through the command template it was given', async () => {
    const panel = ha.configs('homeassistant', 'vigil').get(obj('alarm_control_panel', 'alarm')) as { command_topic: string; command_template: string; state_topic: string };
    const send = (action: string, code?: string) => ha.client.publishAsync(panel.command_topic, render(panel.command_template, code ? { action, code } : { action }), { qos: 1 });
    await send('ARM_AWAY');
    await waitFor(() => ha.last.get(panel.state_topic) === 'armed_away', 5000, 'armed_away in HA');
    const from = events.length;
    await send('DISARM', '0000');
    await waitForEvent(events, (e) => e.type === 'AlarmCommandRejected', from);
    assert.equal(v.vigil.alarm.state.state, 'armed_away');
    await send('DISARM', '4321');
    await waitFor(() => ha.last.get(panel.state_topic) === 'disarmed', 5000, 'disarmed in HA');
  });

  test('a person comes in: the door unlocks and locks again, "last person" names them, and the access event fires', async () => {
    const ada = await addPerson(admin, 'Ada Lovelace', []);
    assert.equal((await admin.request('PUT', `/api/people/${ada}/pin`, { pin: '2468' })).status, 204);
    const { token } = await admin.json<{ token: string }>('POST', '/api/doors/front/token');
    const seen = ha.seen.length;
    const res = await fetch(`${v.base}/api/terminal/credential`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ factor: 'pin', value: '2468' }),
    });
    assert.equal(res.status, 200);
    await waitFor(() => ha.json<{ lastPerson: string }>('vigil/state/door/front')?.lastPerson === 'Ada Lovelace', 5000, 'last person in HA');
    const access = await waitFor(() => ha.seen.slice(seen).find((m) => m.topic === 'vigil/door/front/access'), 5000, 'the access event');
    assert.deepEqual(JSON.parse(access.payload).event_type, 'entry');
    assert.equal(JSON.parse(access.payload).person, 'Ada Lovelace');
    assert.match(JSON.parse(access.payload).description, /^Ada Lovelace entered at .+ \(PIN\)$/, 'the same sentence as the panel');
    const states = () => ha.seen.slice(seen).filter((m) => m.topic === 'vigil/state/door/front').map((m) => (JSON.parse(m.payload) as { lock: string }).lock);
    await waitFor(() => states().join() === 'UNLOCKED,LOCKED', 5000, 'unlocked, then locked after unlockSeconds');
    const config = ha.configs('homeassistant', 'vigil').get(obj('event', 'door_front_access')) as { event_types: string[] };
    assert.ok(config.event_types.includes('entry'));
  });

  test('HA unlocks a door only with the code; a wrong code is logged as Denied', async () => {
    const lock = ha.configs('homeassistant', 'vigil').get(obj('lock', 'door_front_lock')) as { command_topic: string; command_template: string; payload_unlock: string };
    let from = events.length;
    await ha.client.publishAsync(lock.command_topic, render(lock.command_template, { value: lock.payload_unlock, code: '1111' }), { qos: 1 });
    const denied = await waitForEvent(events, (e) => e.type === 'Denied' && e.doorId === 'front', from);
    assert.deepEqual(denied.details, { via: 'mqtt', reason: 'wrong_code' });
    from = events.length;
    await ha.client.publishAsync(lock.command_topic, render(lock.command_template, { value: lock.payload_unlock, code: '4321' }), { qos: 1 });
    const unlocked = await waitForEvent(events, (e) => e.type === 'DoorUnlocked' && e.doorId === 'front', from);
    assert.equal(unlocked.details.by, 'mqtt');
    await waitFor(() => ha.json<{ lock: string }>('vigil/state/door/front')?.lock === 'UNLOCKED', 5000, 'unlocked in HA');
    const bad = v.vigil.diagnostics.snapshot().mqtt_rejected_door_command ?? 0;
    await ha.client.publishAsync('vigil/door/nowhere/set', render(lock.command_template, { value: 'UNLOCK', code: '4321' }), { qos: 1 });
    await ha.client.publishAsync(lock.command_topic, 'OPEN SESAME', { qos: 1 });
    await waitFor(() => (v.vigil.diagnostics.snapshot().mqtt_rejected_door_command ?? 0) === bad + 2, 5000, 'two bad commands counted');
  });

  test('adding a sensor adds its entities; deleting it removes them (empty retained configs) and its state', async () => {
    await admin.json('POST', '/api/sensors', { id: 'attic', name: 'Attic hatch', kind: 'window', signed: false });
    await waitFor(() => ha.configs('homeassistant', 'vigil').size === 13, 5000, 'three more configs');
    assertValidConfigs(ha.configs('homeassistant', 'vigil'));
    assert.equal((await admin.request('DELETE', '/api/sensors/attic')).status, 204);
    await waitFor(() => ha.configs('homeassistant', 'vigil').size === 10, 5000, 'the three configs emptied');
    for (const kind of ['contact', 'tamper']) assert.equal(ha.last.get(obj('binary_sensor', `sensor_attic_${kind}`)), '');
    // Nothing is left retained for a newcomer (HA after a restart).
    const fresh = await mqtt.connectAsync(`mqtt://127.0.0.1:${haLogin.broker.port}`, { username: haLogin.username, password: haLogin.password, reconnectPeriod: 0 });
    const late = new Recorder(fresh);
    await fresh.subscribeAsync(['homeassistant/#', 'vigil/state/#'], { qos: 1 });
    await waitFor(() => late.configs('homeassistant', 'vigil').size === 10, 5000, 'the retained configs');
    assert.ok(![...late.last.keys()].some((t) => t.includes('attic')), 'no retained attic topic');
    await fresh.endAsync();
  });

  test('guessing the code from HA locks the MQTT side out, logged; the panel still works', async () => {
    const lock = ha.configs('homeassistant', 'vigil').get(obj('lock', 'door_front_lock')) as { command_topic: string; command_template: string };
    const from = events.length;
    const held = v.vigil.diagnostics.get('mqtt_rejected_locked_out');
    for (let i = 0; i < 5; i++) await ha.client.publishAsync(lock.command_topic, render(lock.command_template, { value: 'UNLOCK', code: `999${i}` }), { qos: 1 });
    const lockout = await waitForEvent(events, (e) => e.type === 'AlarmCommandRejected' && e.details.reason === 'too_many_wrong_codes', from);
    // Counted per login (the broker stamps who sent a command), so another login is not locked out with HA.
    assert.deepEqual([lockout.details.via, lockout.details.command], [`mqtt:${haLogin.username}`, 'unlock:front']);
    await ha.client.publishAsync(lock.command_topic, render(lock.command_template, { value: 'UNLOCK', code: '4321' }), { qos: 1 });
    await waitFor(() => v.vigil.diagnostics.get('mqtt_rejected_locked_out') === held + 1, 5000, 'the right code refused during the lockout');
    assert.ok(!events.slice(from).some((e) => e.type === 'DoorUnlocked'), 'the door stayed shut');
    assert.equal(events.slice(from).filter((e) => e.type === 'Denied').length, 5, 'each wrong code is logged, the refusals during the lockout are only counted');
    const panel = await admin.request('POST', '/api/alarm', { action: 'ARM_AWAY' });
    assert.equal(panel.status, 200);
    assert.equal((await admin.request('POST', '/api/alarm', { action: 'DISARM', code: '4321' })).status, 200, 'an operator in the panel is another source');
  });

  test('a client cannot pose as another login by publishing to a stamped command topic', async () => {
    const forger = await mqtt.connectAsync(`mqtt://127.0.0.1:${haLogin.broker.port}`, { username: haLogin.username, password: haLogin.password, reconnectPeriod: 0 });
    const closed = new Promise<void>((r) => forger.once('close', () => r()));
    const from = events.length;
    forger.publish('vigil/door/front/set/by/someone-else', JSON.stringify({ action: 'UNLOCK', code: '1111' }), { qos: 1 });
    await closed;
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(!events.slice(from).some((e) => e.type === 'Denied' || e.type === 'DoorUnlocked'));
    await forger.endAsync(true);
  });

  test('a sensor may not take the name of the Home Assistant login', async () => {
    const r = await admin.request('POST', '/api/sensors', { id: 'homeassistant', name: 'Oops', signed: false });
    assert.equal(r.status, 409);
    assert.equal((await admin.request('GET', '/api/sensors/homeassistant')).status, 404);
  });
});

describe("Home Assistant through the machine's Mosquitto: stale configs cleared, discovery can be turned off", () => {
  const run = randomBytes(3).toString('hex');
  const haPrefix = `ha-test-${run}`;
  const prefix = `vigil-ha-${run}`;
  const node = `node${run}`;
  let v: TestVigil | undefined;
  let watcher: Recorder;

  const start = (discovery: boolean) =>
    startTestVigil({
      env: { VIGIL_MQTT_URL: 'mqtt://127.0.0.1:1883', VIGIL_MQTT_PREFIX: prefix, VIGIL_HOMEASSISTANT_PREFIX: haPrefix, VIGIL_HOMEASSISTANT_NODE_ID: node, VIGIL_HOMEASSISTANT_DISCOVERY: String(discovery) },
      file: { sensors: [{ id: 'porch', name: 'Porch door', signed: false }] },
    });

  before(async () => {
    watcher = new Recorder(await mqtt.connectAsync('mqtt://127.0.0.1:1883', { reconnectPeriod: 0 }));
    // Left behind by a sensor deleted while Vigil was down, and one of another Vigil that must stay.
    await watcher.client.publishAsync(`${haPrefix}/binary_sensor/${node}/sensor_gone_contact/config`, JSON.stringify({ state_topic: 'x' }), { qos: 1, retain: true });
    await watcher.client.publishAsync(`${haPrefix}/binary_sensor/other/sensor_x_contact/config`, JSON.stringify({ state_topic: 'x' }), { qos: 1, retain: true });
    await watcher.client.subscribeAsync(`${haPrefix}/#`, { qos: 1 });
  });
  after(async () => {
    await v?.stop();
    // Leave Mosquitto as it was: clear every retained topic this test made.
    await watcher.client.subscribeAsync(`${prefix}/#`, { qos: 1 });
    await new Promise((r) => setTimeout(r, 300));
    for (const [topic, payload] of watcher.last) if (payload) await watcher.client.publishAsync(topic, '', { qos: 1, retain: true });
    await watcher.client.endAsync();
  });

  test("on start Vigil publishes its configs and clears its own stale ones, leaving another node's alone", async () => {
    v = await start(true);
    await waitFor(() => watcher.configs(haPrefix, node).size === 4, 5000, 'the panel and the porch sensor x3');
    assertValidConfigs(watcher.configs(haPrefix, node));
    assert.equal(watcher.last.get(`${haPrefix}/binary_sensor/${node}/sensor_gone_contact/config`), '');
    assert.notEqual(watcher.last.get(`${haPrefix}/binary_sensor/other/sensor_x_contact/config`), '');
    const admin = await v.client();
    assert.equal((await admin.request('POST', '/api/settings/homeassistant')).status, 409, "an external broker's accounts are not Vigil's");
    await v.stop();
    v = undefined;
  });

  test('with discovery off, a restart takes its entities out of HA', async () => {
    v = await start(false);
    await waitFor(() => watcher.configs(haPrefix, node).size === 0, 5000, 'every config of this node emptied');
    assert.notEqual(watcher.last.get(`${haPrefix}/binary_sensor/other/sensor_x_contact/config`), '');
  });
});
