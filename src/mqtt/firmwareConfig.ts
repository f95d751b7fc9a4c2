import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Config, SensorConfig } from '../config/schema.ts';
import type { Topics } from './topics.ts';

/** Everything the ESP8266 sketch needs to know, written as its config.h (firmware/esp8266-door-sensor). */
export interface DeviceSetup {
  sensorId: string;
  key: Buffer;
  broker: BrokerEndpoint;
  /** The MQTT login; null when an external broker's accounts are not Vigil's to hand out. */
  login: { username: string; password: string } | null;
  topics: Topics;
  wifi?: { ssid: string; password: string };
}

/** Only a signed sensor on Vigil's own topics runs the Vigil firmware (and gets a key and config.h). */
export function runsVigilFirmware(s: Pick<SensorConfig, 'signed' | 'format'>): boolean {
  return s.signed && !s.format;
}

export interface BrokerEndpoint {
  host: string;
  port: number;
  /** SHA-1 of the built-in broker's TLS certificate, "AA:BB:…", which the ESP8266 pins. */
  tlsFingerprint: string | null;
  tls: boolean;
}

/** Where a device on the LAN reaches the broker; `host` is how the admin reached Vigil, `port` the built-in broker's if it is running. */
export function brokerEndpoint(config: Config, host: string, port = config.mqtt.port): BrokerEndpoint {
  if (config.mqtt.url) {
    const u = new URL(config.mqtt.url);
    const tls = u.protocol === 'mqtts:';
    return { host: u.hostname, port: Number(u.port) || (tls ? 8883 : 1883), tlsFingerprint: null, tls };
  }
  const tls = Boolean(config.mqtt.tlsCert && config.mqtt.tlsKey);
  return {
    host,
    port,
    tlsFingerprint: tls ? new X509Certificate(readFileSync(config.mqtt.tlsCert)).fingerprint : null,
    tls,
  };
}

/** A C string literal: printable ASCII as is, anything else as a fixed-width octal escape. */
function cString(s: string): string {
  let out = '"';
  for (const byte of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (byte >= 0x20 && byte < 0x7f && ch !== '?') out += ch;
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `${out}"`;
}

export function firmwareConfig(d: DeviceSetup): string {
  const define = (name: string, value: string | number) => `#define ${name} ${typeof value === 'number' ? value : cString(value)}`;
  const lines = [
    `// config.h for Vigil sensor "${d.sensorId}", made by Vigil. It holds this device's secrets: keep it`,
    '// out of version control. Making a new one replaces the key (and MQTT password) in this file.',
    '#pragma once',
    '',
    d.wifi ? define('WIFI_SSID', d.wifi.ssid) : define('WIFI_SSID', 'your-network'),
    d.wifi ? define('WIFI_PASSWORD', d.wifi.password) : define('WIFI_PASSWORD', 'your-wifi-password'),
    '',
    define('MQTT_HOST', d.broker.host),
    define('MQTT_PORT', d.broker.port),
  ];
  if (d.broker.tlsFingerprint) lines.push(define('MQTT_FINGERPRINT', d.broker.tlsFingerprint));
  else if (d.broker.tls) lines.push('// The broker speaks TLS: define MQTT_CA_PEM with its CA certificate (see config.example.h).');
  lines.push(
    '',
    define('VIGIL_SENSOR_ID', d.sensorId),
    d.login ? define('MQTT_USER', d.login.username) : '#define MQTT_USER "your broker login"',
    d.login ? define('MQTT_PASSWORD', d.login.password) : '#define MQTT_PASSWORD "your broker password"',
    define('STATE_TOPIC', d.topics.sensorState(d.sensorId)),
    define('AVAILABILITY_TOPIC', d.topics.sensorAvailability(d.sensorId)),
    define('VIGIL_SENSOR_KEY', d.key.toString('hex')),
    '',
  );
  return lines.join('\n');
}
