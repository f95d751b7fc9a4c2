import type { Logger } from 'pino';
import type { Bus } from '../core/bus.ts';
import type { Diagnostics } from '../core/diagnostics.ts';
import type { SensorConfig } from '../config/schema.ts';
import type { MqttLink } from './connection.ts';
import { FORMATS } from './formats/index.ts';

export interface FormatIngestDeps {
  link: Pick<MqttLink, 'onMessage' | 'subscribe'>;
  bus: Bus;
  /** The sensors now; called again whenever the sensor list changes. */
  sensors: () => SensorConfig[];
  maxPayloadBytes: number;
  log: Logger;
  diagnostics: Diagnostics;
}

/**
 * Off-the-shelf sensors (Zigbee2MQTT, Tasmota, ESPHome, Shelly) in their own MQTT formats, turned
 * into the same bus reports as Vigil's own sensors. Follows sensor changes by itself; returns its stop.
 */
export function attachFormatIngest(d: FormatIngestDeps): () => void {
  const offBus = d.bus.on('sensors.changed', () => refresh());
  let byTopic = new Map<string, Array<{ sensor: SensorConfig }>>();
  const refresh = () => {
    const next = new Map<string, Array<{ sensor: SensorConfig }>>();
    for (const sensor of d.sensors()) {
      if (!sensor.format) continue;
      for (const topic of FORMATS[sensor.format.type].topics(sensor.format)) next.set(topic, [...(next.get(topic) ?? []), { sensor }]);
    }
    byTopic = next;
    d.link.subscribe([...next.keys()]);
  };
  refresh();

  const offLink = d.link.onMessage((topic, payload) => {
    const mapped = byTopic.get(topic);
    if (!mapped) return;
    if (payload.length > d.maxPayloadBytes) {
      d.diagnostics.count('mqtt_rejected_oversized');
      return;
    }
    const receivedAt = Date.now();
    for (const { sensor } of mapped) {
      const format = sensor.format;
      if (!format) continue;
      const r = FORMATS[format.type].parse(format, topic, payload);
      switch (r.kind) {
        case 'ignore':
          break;
        case 'invalid':
          d.diagnostics.count(`mqtt_rejected_${r.reason}`);
          d.log.debug({ topic, reason: r.reason, format: format.type }, 'third-party sensor message ignored');
          break;
        case 'availability':
          d.diagnostics.count('mqtt_accepted');
          d.bus.emit('sensor.availability', { sensorId: sensor.id, online: r.online, receivedAt });
          break;
        case 'state': {
          d.diagnostics.count('mqtt_accepted');
          const { kind: _kind, ...report } = r;
          d.bus.emit('sensor.report', { sensorId: sensor.id, ...report, receivedAt });
        }
      }
    }
  });
  return () => {
    offBus();
    offLink();
  };
}
