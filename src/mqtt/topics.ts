/** The MQTT topic contract (DESIGN.md), built from one configurable prefix. */
export class Topics {
  constructor(readonly prefix: string) {}

  sensorState(id: string) {
    return `${this.prefix}/sensor/${id}/state`;
  }
  sensorAvailability(id: string) {
    return `${this.prefix}/sensor/${id}/availability`;
  }
  get sensorWildcard() {
    return `${this.prefix}/sensor/+/+`;
  }
  get alarmState() {
    return `${this.prefix}/alarm/state`;
  }
  get alarmSet() {
    return `${this.prefix}/alarm/set`;
  }
  get event() {
    return `${this.prefix}/event`;
  }
  /** `UNLOCK` / `LOCK` commands to an MQTT lock or relay (Tasmota, ESPHome, Zigbee2MQTT). */
  doorLockSet(doorId: string) {
    return `${this.prefix}/door/${doorId}/lock/set`;
  }
  /** `LOCKED` / `UNLOCKED`, retained: what Vigil last commanded. */
  doorLockState(doorId: string) {
    return `${this.prefix}/door/${doorId}/lock/state`;
  }
  /** Vigil's own availability (online/offline, last will). */
  get status() {
    return `${this.prefix}/status`;
  }

  /** Which sensor topic this is, if any. */
  parseSensor(topic: string): { sensorId: string; kind: 'state' | 'availability' } | null {
    const head = `${this.prefix}/sensor/`;
    if (!topic.startsWith(head)) return null;
    const parts = topic.slice(head.length).split('/');
    if (parts.length !== 2) return null;
    const [sensorId, kind] = parts as [string, string];
    if (kind !== 'state' && kind !== 'availability') return null;
    return { sensorId, kind };
  }

  /** Topics a device logged in as `username` may publish to: its own sensor topics only. */
  deviceMayPublish(username: string, topic: string): boolean {
    const t = this.parseSensor(topic);
    return t !== null && t.sensorId === username;
  }
}
