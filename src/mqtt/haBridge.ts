import type { Logger } from 'pino';
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import type { Bus, BusEvents } from '../core/bus.ts';
import type { Diagnostics } from '../core/diagnostics.ts';
import type { LoggedEvent, NewEvent } from '../core/events.ts';
import type { AlarmService } from '../alarm/alarmService.ts';
import type { MqttLink } from './connection.ts';
import { filterWithin, type Topics } from './topics.ts';
import { describeEvent } from '../core/eventCatalogue.ts';
import { lockOpened } from '../core/eventDetails.ts';
import { accessEventType, discoveryFilter, discoveryMessages, type DiscoveryInput, type DoorStatusMessage, type SensorStatusMessage } from './haDiscovery.ts';

const DoorCommand = Compile(Type.Object({ action: Type.Enum(['UNLOCK', 'LOCK']), code: Type.Optional(Type.String({ maxLength: 32 })) }));

export interface HaBridgeDeps {
  link: Pick<MqttLink, 'publish' | 'subscribe' | 'onMessage' | 'onEveryConnect'>;
  topics: Topics;
  bus: Bus;
  /** Publish discovery configs; when off, this node's old configs are cleared. */
  discovery: boolean;
  nodeId: string;
  version: string;
  alarm: Pick<AlarmService, 'checkCode'> & { hasCode: boolean; codeToArm: boolean };
  sensors: () => ReadonlyArray<DiscoveryInput['sensors'][number] & { state: SensorStatusMessage }>;
  doors: ReadonlyArray<{ id: string; name: string; unlockSeconds: number }>;
  /** Opens the door as a remote unlock (logged as DoorUnlocked by `mqtt`). */
  unlock: (doorId: string) => Promise<boolean>;
  record: (e: NewEvent) => void;
  personName: (id: string) => Promise<string | undefined>;
  /** The latest Entry or Exit at a door, so "last person" survives a restart. */
  lastPassage: (doorId: string) => Promise<LoggedEvent | undefined>;
  log: Logger;
  diagnostics: Diagnostics;
}

/**
 * Vigil in Home Assistant: discovery configs (retained), the states they point at, door events,
 * and door commands from HA. Works the same on the built-in broker and an external one.
 */
export async function attachHaBridge(d: HaBridgeDeps): Promise<{ stop(): void }> {
  const { topics, link } = d;
  const retain = { qos: 1 as const, retain: true };
  let wanted = new Map<string, string>();
  const sensorStatus = new Map<string, string>();
  const doorState = new Map<string, DoorStatusMessage>();
  const relock = new Map<string, NodeJS.Timeout>();

  const computeConfigs = () =>
    new Map(
      (d.discovery
        ? discoveryMessages({ topics, nodeId: d.nodeId, version: d.version, alarmCode: d.alarm.hasCode, codeToArm: d.alarm.codeToArm, sensors: d.sensors(), doors: d.doors })
        : []
      ).map((m) => [m.topic, JSON.stringify(m.config)]),
    );
  const publishConfigs = () => {
    for (const [topic, json] of wanted) link.publish(topic, json, retain);
  };
  const publishDoor = (id: string) => {
    const s = doorState.get(id);
    if (s) link.publish(topics.doorStatus(id), JSON.stringify(s), retain);
  };
  const publishStates = () => {
    for (const [id, json] of sensorStatus) link.publish(topics.sensorStatus(id), json, retain);
    for (const door of d.doors) publishDoor(door.id);
  };

  const updateSensor = (id: string, { contact, battery, tamper, online }: SensorStatusMessage) => {
    const json = JSON.stringify({ contact, battery, tamper, online } satisfies SensorStatusMessage);
    if (sensorStatus.get(id) === json) return;
    sensorStatus.set(id, json);
    link.publish(topics.sensorStatus(id), json, retain);
  };
  const onSensorState = (e: BusEvents['sensor.state']) => updateSensor(e.sensorId, e);

  const onSensorsChanged = () => {
    const next = computeConfigs();
    // A removed sensor's entities go away with an empty retained config.
    for (const topic of wanted.keys()) if (!next.has(topic)) link.publish(topic, '', retain);
    const sensors = d.sensors();
    const known = new Set(sensors.map((s) => s.id));
    for (const id of [...sensorStatus.keys()]) {
      if (known.has(id)) continue;
      sensorStatus.delete(id);
      link.publish(topics.sensorStatus(id), '', retain);
    }
    for (const s of sensors) updateSensor(s.id, s.state);
    for (const [topic, json] of next) if (wanted.get(topic) !== json) link.publish(topic, json, retain);
    wanted = next;
  };

  const nameOf = async (e: LoggedEvent) => (e.personId ? ((await d.personName(e.personId)) ?? null) : null);
  const passage = (state: DoorStatusMessage, e: LoggedEvent, person: string | null) => {
    if (e.type !== 'Entry' && e.type !== 'Exit') return;
    Object.assign(state, { lastPerson: person, lastDirection: e.type === 'Entry' ? 'entry' : 'exit', lastAt: new Date(e.time).toISOString() });
  };

  const onLogged = async (e: LoggedEvent) => {
    const door = d.doors.find((x) => x.id === e.doorId);
    if (!door) return;
    const eventType = accessEventType(e.type);
    if (!eventType) return;
    const state = doorState.get(door.id) as DoorStatusMessage;
    // The lock state follows what the door did: unlocked for unlockSeconds after a successful unlock.
    if ((e.type === 'Entry' || e.type === 'Exit' || e.type === 'DoorUnlocked') && lockOpened(e.details.lock)) {
      state.lock = 'UNLOCKED';
      clearTimeout(relock.get(door.id));
      relock.set(
        door.id,
        setTimeout(() => {
          state.lock = 'LOCKED';
          publishDoor(door.id);
        }, Math.max(0, e.time + door.unlockSeconds * 1000 - Date.now())),
      );
    }
    const person = await nameOf(e);
    passage(state, e, person);
    publishDoor(door.id);
    // Home Assistant shows the extra keys as the event's attributes: the same sentence as the panel's.
    const description = describeEvent(e, { person: () => person ?? undefined, door: () => door.name }).sentence;
    link.publish(topics.doorAccess(door.id), JSON.stringify({ event_type: eventType, person, description, seq: e.seq, time: new Date(e.time).toISOString() }), { qos: 1 });
  };

  const onDoorCommand = (doorId: string, sender: string | null, payload: Buffer) => {
    const door = d.doors.find((x) => x.id === doorId);
    let cmd: unknown;
    try {
      cmd = JSON.parse(payload.toString('utf8'));
    } catch {
      cmd = undefined;
    }
    if (!door || !DoorCommand.Check(cmd)) {
      d.diagnostics.count('mqtt_rejected_door_command');
      d.log.warn({ doorId }, 'MQTT door command ignored: expected {"action":"UNLOCK","code":"…"} for a configured door');
      return;
    }
    // Doors lock again by themselves; there is nothing to do for LOCK.
    if (cmd.action === 'LOCK') return;
    // Wrong codes count per login where the broker says who sent it.
    const check = d.alarm.checkCode(cmd.code, sender ? `mqtt:${sender}` : 'mqtt', `unlock:${doorId}`);
    if (check === 'locked_out') return d.diagnostics.count('mqtt_rejected_locked_out');
    if (check !== 'ok') {
      d.record({ type: 'Denied', doorId, details: { via: 'mqtt', reason: check === 'wrong' ? 'wrong_code' : check } });
      return;
    }
    d.unlock(doorId).catch((err: unknown) => d.log.error({ err, doorId }, 'MQTT unlock failed'));
  };

  for (const door of d.doors) {
    const state: DoorStatusMessage = { lock: 'LOCKED', lastPerson: null, lastDirection: null, lastAt: null };
    doorState.set(door.id, state);
    const last = await d.lastPassage(door.id);
    if (last) passage(state, last, await nameOf(last));
  }
  for (const s of d.sensors()) updateSensor(s.id, s.state);
  wanted = computeConfigs();

  const filter = discoveryFilter(topics, d.nodeId);
  const haStatus = `${topics.haPrefix}/status`;
  const offMessages = link.onMessage((topic, payload) => {
    const command = topics.parseCommand(topic);
    if (command && 'doorId' in command.target) return onDoorCommand(command.target.doorId, command.sender, payload);
    // HA restarted: it asks for everything again (its birth message).
    if (topic === haStatus && payload.toString() === 'online') {
      publishConfigs();
      publishStates();
      return;
    }
    // A config of this node that Vigil no longer has (a sensor deleted while Vigil was down): clear it.
    if (payload.length && filterWithin(filter, topic) && !wanted.has(topic)) link.publish(topic, '', retain);
  });
  const offs = [
    d.bus.on('sensor.state', onSensorState),
    d.bus.on('sensors.changed', onSensorsChanged),
    d.bus.on('log.appended', (e) => void onLogged(e).catch((err: unknown) => d.log.error({ err }, 'Home Assistant door update failed'))),
  ];
  offs.push(
    offMessages,
    link.onEveryConnect(() => {
      publishConfigs();
      publishStates();
    }),
  );
  link.subscribe([filter, haStatus, ...topics.commandFilters.filter((t) => t.includes('/door/'))]);
  return {
    stop() {
      for (const off of offs) off();
      for (const t of relock.values()) clearTimeout(t);
    },
  };
}
