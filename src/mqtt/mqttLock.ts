import type { DoorLock, LockResult } from '../core/lock.ts';
import type { MqttLink } from './connection.ts';
import type { Topics } from './topics.ts';

/** A lock or relay that listens on `<prefix>/door/<id>/lock/set` for UNLOCK, then LOCK. */
export class MqttLock implements DoorLock {
  readonly kind = 'mqtt';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly link: Pick<MqttLink, 'publish' | 'connected'>,
    private readonly topics: Topics,
    private readonly doorId: string,
  ) {}

  private send(command: 'UNLOCK' | 'LOCK'): void {
    this.link.publish(this.topics.doorLockSet(this.doorId), command, { qos: 1 });
    this.link.publish(this.topics.doorLockState(this.doorId), command === 'UNLOCK' ? 'UNLOCKED' : 'LOCKED', { qos: 1, retain: true });
  }

  async start(): Promise<void> {}

  async unlock(durationMs: number): Promise<LockResult> {
    if (!this.link.connected) return { ok: false, detail: 'MQTT broker not connected' };
    this.send('UNLOCK');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.send('LOCK'), durationMs);
    return { ok: true };
  }

  async close(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.send('LOCK');
    }
  }
}
