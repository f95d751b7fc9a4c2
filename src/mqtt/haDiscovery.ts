import type { BusEvents } from '../core/bus.ts';
import type { EventType } from '../core/events.ts';
import type { Topics } from './topics.ts';

// Home Assistant MQTT discovery (https://www.home-assistant.io/integrations/mqtt/#mqtt-discovery):
// one retained config per entity under <prefix>/<component>/<node>/<object>/config. Pure: what to
// publish, derived from the sensors and doors; haBridge.ts publishes it.

export interface DiscoveryInput {
  topics: Topics;
  nodeId: string;
  version: string;
  /** An alarm code is set: HA asks for it and sends it along (Vigil checks it). */
  alarmCode: boolean;
  codeToArm: boolean;
  sensors: ReadonlyArray<{ id: string; name: string; kind: 'door' | 'window' }>;
  doors: ReadonlyArray<{ id: string; name: string }>;
}

export interface DiscoveryMessage {
  topic: string;
  config: Record<string, unknown>;
}

/** Log events a door's HA event entity fires, by their HA event_type. Duress is left out on purpose: it is silent. */
export const ACCESS_EVENT_TYPES = {
  Entry: 'entry',
  Exit: 'exit',
  Denied: 'denied',
  DoorUnlocked: 'remote_unlock',
  DoorForced: 'forced',
  DoorHeldOpen: 'held_open',
  Tailgating: 'tailgating',
} as const satisfies Partial<Record<EventType, string>>;

export function accessEventType(type: EventType): string | undefined {
  return (ACCESS_EVENT_TYPES as Partial<Record<EventType, string>>)[type];
}

/** The JSON Vigil keeps retained on topics.sensorStatus(id); the templates below read it. */
export type SensorStatusMessage = Omit<BusEvents['sensor.state'], 'sensorId'>;

/** The JSON Vigil keeps retained on topics.doorStatus(id). */
export interface DoorStatusMessage {
  lock: 'LOCKED' | 'UNLOCKED';
  lastPerson: string | null;
  lastDirection: 'entry' | 'exit' | null;
  lastAt: string | null;
}

/** HA's command_template for both the alarm panel and the locks: codes are digits, actions fixed words, so no escaping is needed. */
export const COMMAND_TEMPLATE = {
  alarm: '{"action":"{{ action }}","code":"{{ code }}"}',
  lock: '{"action":"{{ value }}","code":"{{ code }}"}',
};

/** Matches every config this Vigil (node) may have left on the broker, for clearing stale ones. */
export function discoveryFilter(topics: Topics, nodeId: string): string {
  return `${topics.haPrefix}/+/${nodeId}/+/config`;
}

export function discoveryMessages(d: DiscoveryInput): DiscoveryMessage[] {
  const { topics, nodeId } = d;
  const hubId = `vigil_${nodeId}`;
  const origin = { name: 'Vigil', sw_version: d.version };
  const online = { topic: topics.status, payload_available: 'online', payload_not_available: 'offline' };
  const msg = (component: string, object: string, config: Record<string, unknown>): DiscoveryMessage => ({
    topic: `${topics.haPrefix}/${component}/${nodeId}/${object}/config`,
    config: { unique_id: `${hubId}_${object}`, origin, qos: 1, ...config },
  });
  const child = (kind: string, id: string, name: string, model: string) => ({
    identifiers: [`${hubId}_${kind}_${id}`],
    name,
    manufacturer: 'Vigil',
    model,
    via_device: hubId,
  });

  const out: DiscoveryMessage[] = [
    msg('alarm_control_panel', 'alarm', {
      name: null,
      device: { identifiers: [hubId], name: 'Vigil', manufacturer: 'Vigil', model: 'Security hub', sw_version: d.version },
      availability: [online],
      state_topic: topics.alarmState,
      command_topic: topics.alarmSet,
      command_template: COMMAND_TEMPLATE.alarm,
      supported_features: ['arm_home', 'arm_away'],
      ...(d.alarmCode ? { code: 'REMOTE_CODE', code_arm_required: d.codeToArm, code_disarm_required: true } : { code_arm_required: false, code_disarm_required: false }),
    }),
  ];

  for (const s of d.sensors) {
    const device = child('sensor', s.id, s.name, s.kind === 'window' ? 'Window sensor' : 'Door sensor');
    const state_topic = topics.sensorStatus(s.id);
    // Vigil up and the sensor not known to be offline; `None` (unknown) counts as up.
    const availability = [online, { topic: state_topic, value_template: "{{ 'offline' if value_json.online == false else 'online' }}" }];
    const common = { device, availability, availability_mode: 'all', state_topic };
    out.push(
      msg('binary_sensor', `sensor_${s.id}_contact`, { ...common, name: null, device_class: s.kind, value_template: '{{ value_json.contact }}', payload_on: 'open', payload_off: 'closed' }),
      msg('sensor', `sensor_${s.id}_battery`, {
        ...common,
        name: 'Battery',
        device_class: 'battery',
        state_class: 'measurement',
        unit_of_measurement: '%',
        entity_category: 'diagnostic',
        value_template: '{{ value_json.battery }}',
      }),
      msg('binary_sensor', `sensor_${s.id}_tamper`, {
        ...common,
        name: 'Tamper',
        device_class: 'tamper',
        entity_category: 'diagnostic',
        value_template: '{{ value_json.tamper }}',
        payload_on: 'True',
        payload_off: 'False',
      }),
    );
  }

  for (const door of d.doors) {
    const device = child('door', door.id, door.name, 'Door terminal');
    const state_topic = topics.doorStatus(door.id);
    const common = { device, availability: [online] };
    out.push(
      msg('lock', `door_${door.id}_lock`, {
        ...common,
        name: null,
        state_topic,
        value_template: '{{ value_json.lock }}',
        state_locked: 'LOCKED',
        state_unlocked: 'UNLOCKED',
        command_topic: topics.doorCommand(door.id),
        command_template: COMMAND_TEMPLATE.lock,
        payload_lock: 'LOCK',
        payload_unlock: 'UNLOCK',
        optimistic: false,
        ...(d.alarmCode ? { code_format: '^[0-9]{4,12}$' } : {}),
      }),
      msg('sensor', `door_${door.id}_last_person`, {
        ...common,
        name: 'Last person',
        icon: 'mdi:account-clock',
        state_topic,
        value_template: '{{ value_json.lastPerson }}',
        json_attributes_topic: state_topic,
        json_attributes_template: "{{ {'direction': value_json.lastDirection, 'at': value_json.lastAt} | tojson }}",
      }),
      msg('event', `door_${door.id}_access`, {
        ...common,
        name: 'Access',
        state_topic: topics.doorAccess(door.id),
        event_types: Object.values(ACCESS_EVENT_TYPES),
      }),
    );
  }
  return out;
}
