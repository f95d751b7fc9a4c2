import type { LoggedEvent } from './events.ts';
import type { AlarmSnapshot } from './alarm.ts';

export type Contact = 'open' | 'closed';

/** Every domain event that crosses module boundaries, typed once. */
export interface BusEvents {
  'sensor.report': {
    sensorId: string;
    contact?: Contact;
    battery?: number;
    tamper?: boolean;
    receivedAt: number;
  };
  'sensor.availability': { sensorId: string; online: boolean; receivedAt: number };
  /** What Vigil now believes about a sensor, after a message, a last will or a missed heartbeat. */
  'sensor.state': { sensorId: string; contact: Contact | null; battery: number | null; tamper: boolean | null; online: boolean | null };
  'sensor.opened': { sensorId: string; at: number };
  'sensor.trouble': { sensorId: string; kind: 'tamper' | 'offline'; at: number };
  /** A sensor was added, changed or removed (its MQTT mapping may have changed). */
  'sensors.changed': { sensorId: string };
  'alarm.changed': AlarmSnapshot;
  'log.appended': LoggedEvent;
  /** A door asks for a challenge (text, actions in order, until when), or takes it off (null). */
  'door.prompt': { doorId: string; prompt: { text: string; actions: string[]; until: number } | null };
}

type Listener<K extends keyof BusEvents> = (event: BusEvents[K]) => void;

export class Bus {
  private readonly listeners = new Map<keyof BusEvents, Set<Listener<never>>>();
  private readonly onError: (type: keyof BusEvents, err: unknown) => void;

  constructor(onError: (type: keyof BusEvents, err: unknown) => void = () => {}) {
    this.onError = onError;
  }

  on<K extends keyof BusEvents>(type: K, fn: Listener<K>): () => void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(fn as Listener<never>);
    return () => set.delete(fn as Listener<never>);
  }

  /** A throwing listener is reported and never stops the others. */
  emit<K extends keyof BusEvents>(type: K, event: BusEvents[K]): void {
    const set = this.listeners.get(type);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        (fn as Listener<K>)(event);
      } catch (err) {
        this.onError(type, err);
      }
    }
  }
}
