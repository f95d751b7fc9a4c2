/** Whether every topic that `filter` matches also matches `rule` (both MQTT filters with + and #). */
export function filterWithin(rule: string, filter: string): boolean {
  const r = rule.split('/');
  const f = filter.split('/');
  for (let i = 0; i < r.length; i++) {
    if (r[i] === '#') return true;
    if (i >= f.length || f[i] === '#') return false;
    if (r[i] !== '+' && (f[i] === '+' || r[i] !== f[i])) return false;
  }
  return r.length === f.length;
}

/** The MQTT topic contract (DESIGN.md), built from one configurable prefix. */
export class Topics {
  constructor(
    readonly prefix: string,
    /** Home Assistant's discovery prefix. */
    readonly haPrefix = 'homeassistant',
  ) {}

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
  /** Commands to a door from an integration: `{"action":"UNLOCK","code":"…"}`. */
  doorCommand(doorId: string) {
    return `${this.prefix}/door/${doorId}/set`;
  }
  /** A door's access events as they happen (Home Assistant event entity). */
  doorAccess(doorId: string) {
    return `${this.prefix}/door/${doorId}/access`;
  }
  /** Retained JSON: the challenge a door asks for now (`text`, `actions`, `until`), all null when none: for an external display. */
  doorPrompt(doorId: string) {
    return `${this.prefix}/door/${doorId}/prompt`;
  }
  /** Retained JSON: a sensor's state as Vigil believes it (verified, unlike the device's own topic). */
  sensorStatus(sensorId: string) {
    return `${this.prefix}/state/sensor/${sensorId}`;
  }
  /** Retained JSON: a door's lock state and the last person through it. */
  doorStatus(doorId: string) {
    return `${this.prefix}/state/door/${doorId}`;
  }
  /**
   * The built-in broker stamps each command with the login that sent it (`…/set/by/<login>`), so
   * wrong codes are counted per login: one client guessing cannot lock Home Assistant out. No
   * client may publish to a stamped topic itself.
   */
  stampSender(topic: string, username: string): string {
    return `${topic}/by/${encodeURIComponent(username)}`;
  }
  /** Command topics, stamped or not: what Vigil's own client listens to. */
  get commandFilters(): string[] {
    return [this.alarmSet, `${this.alarmSet}/by/+`, `${this.prefix}/door/+/set`, `${this.prefix}/door/+/set/by/+`];
  }
  /** A command topic: the alarm or a door, and the login the broker stamped on it (null on an external broker). */
  parseCommand(topic: string): { target: { alarm: true } | { doorId: string }; sender: string | null } | null {
    const stamp = /^(.*)\/by\/([^/]+)$/.exec(topic);
    const base = stamp ? (stamp[1] as string) : topic;
    let sender: string | null = null;
    if (stamp) {
      try {
        sender = decodeURIComponent(stamp[2] as string);
      } catch {
        return null;
      }
    }
    if (base === this.alarmSet) return { target: { alarm: true }, sender };
    const m = /^(.+)\/door\/([^/]+)\/set$/.exec(base);
    return m && m[1] === this.prefix ? { target: { doorId: m[2] as string }, sender } : null;
  }
  /** What an integration (Home Assistant) may read: discovery, Vigil's status and states, door events. */
  private get integrationReads() {
    return [`${this.haPrefix}/#`, this.status, this.alarmState, `${this.prefix}/state/#`, `${this.prefix}/door/+/access`];
  }
  /** What it may send: alarm and door commands, and its own birth/will message. */
  private get integrationWrites() {
    return [this.alarmSet, `${this.prefix}/door/+/set`, `${this.haPrefix}/status`];
  }
  integrationMaySubscribe(filter: string): boolean {
    return this.integrationReads.some((rule) => filterWithin(rule, filter));
  }
  integrationMayPublish(topic: string): boolean {
    return !/[+#]/.test(topic) && this.integrationWrites.some((rule) => filterWithin(rule, topic));
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

  /** A door node (login = node id) sends its events and status, and reads its replica (whole and delta) and acks: only under its own node topic, no wildcards. */
  nodeMayPublish(username: string, topic: string): boolean {
    return topic === `${this.prefix}/node/${username}/events` || topic === `${this.prefix}/node/${username}/status`;
  }
  nodeMaySubscribe(username: string, filter: string): boolean {
    return ['snapshot', 'delta', 'ack'].some((kind) => filter === `${this.prefix}/node/${username}/${kind}`);
  }
  /** What the hub's own client follows of its nodes. */
  get nodeFilters(): string[] {
    return [`${this.prefix}/node/+/events`, `${this.prefix}/node/+/status`];
  }

  /** Topics a device logged in as `username` may publish to: its own sensor topics only. */
  deviceMayPublish(username: string, topic: string): boolean {
    const t = this.parseSensor(topic);
    return t !== null && t.sensorId === username;
  }
}
