import type { Logger } from 'pino';
import type { Bus } from '../core/bus.ts';
import type { Diagnostics } from '../core/diagnostics.ts';
import type { Topics } from './topics.ts';
import type { MqttLink } from './connection.ts';
import { parseAvailability, parseStatePayload } from './sensorPayload.ts';
import { checkSigned } from '../core/sensorSignature.ts';
import type { SensorService } from '../alarm/sensorService.ts';

export interface SensorIngestDeps {
  link: MqttLink;
  topics: Topics;
  bus: Bus;
  sensors: Pick<SensorService, 'has' | 'signing' | 'acceptSeq'>;
  maxPayloadBytes: number;
  log: Logger;
  diagnostics: Diagnostics;
}

/** Turns sensor topics into validated bus reports; anything else is counted, logged (sparingly) and dropped. Returns its stop. */
export function attachSensorIngest(d: SensorIngestDeps): () => void {
  const lastWarned = new Map<string, number>();
  const reject = (reason: string, topic: string) => {
    d.diagnostics.count(`mqtt_rejected_${reason}`);
    // One line per reason and topic a minute: a flood of garbage must not flood the log.
    const key = `${reason} ${topic}`;
    const now = Date.now();
    if ((lastWarned.get(key) ?? 0) + 60_000 > now) return;
    if (lastWarned.size > 10_000) lastWarned.clear();
    lastWarned.set(key, now);
    d.log.warn({ topic: topic.slice(0, 200), reason }, 'MQTT sensor message ignored');
  };

  return d.link.onMessage((topic, payload) => {
    const t = d.topics.parseSensor(topic);
    if (!t) return;
    if (!d.sensors.has(t.sensorId)) return reject('unknown_sensor', topic);
    const receivedAt = Date.now();
    const signing = d.sensors.signing(t.sensorId);
    if (t.kind === 'availability') {
      const a = parseAvailability(payload);
      if (!a.ok) return reject(a.reason, topic);
      d.diagnostics.count('mqtt_accepted');
      // Availability cannot be signed (a last will is fixed at connect time). "offline" can only
      // raise an alarm, so it is believed; a signed sensor is only "fine" by its next signed message.
      if (signing && a.value) return;
      d.bus.emit('sensor.availability', { sensorId: t.sensorId, online: a.value, receivedAt });
      return;
    }
    const p = parseStatePayload(payload, d.maxPayloadBytes);
    if (!p.ok) return reject(p.reason, topic);
    if (signing) {
      const c = checkSigned(signing.key, signing.lastSeq, t.sensorId, p.value);
      if (!c.ok) return reject(c.reason, topic);
      d.sensors.acceptSeq(t.sensorId, c.seq);
    }
    d.diagnostics.count('mqtt_accepted');
    const { contact, battery, tamper } = p.value;
    d.bus.emit('sensor.report', { sensorId: t.sensorId, contact, battery, tamper, receivedAt });
  });
}
