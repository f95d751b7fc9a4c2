import type { Frame } from '../camera/frameFeed.ts';
import type { DoorLog } from './doorLog.ts';
import type { DoorOpener } from './doorOpener.ts';

export type ContactState = 'open' | 'closed' | 'unknown';

/**
 * Watches a door's contact: an opening that no release explains is DoorForced (with a snapshot),
 * a door left open `heldOpenS` seconds is DoorHeldOpen. Fed by the MQTT contact sensor or a reed on
 * the door unit's GPIO, whichever the door has.
 */
export class ContactSupervisor {
  private state: ContactState = 'unknown';
  private heldTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly d: { doorId: string; sensorId: string | undefined; heldOpenS: number; opener: Pick<DoorOpener, 'expected'>; log: DoorLog; frame(): Frame | undefined },
  ) {}

  get contact(): ContactState {
    return this.state;
  }

  report(contact: 'open' | 'closed', at: number): void {
    const was = this.state;
    this.state = contact;
    if (contact === 'closed') {
      clearTimeout(this.heldTimer);
      this.heldTimer = undefined;
      return;
    }
    if (was === 'open') return;
    const sensor = this.d.sensorId ? { sensorId: this.d.sensorId } : {};
    if (!this.d.opener.expected(at)) void this.d.log.withSnapshot({ type: 'DoorForced', time: at, doorId: this.d.doorId, ...sensor, details: {} }, this.d.frame());
    clearTimeout(this.heldTimer);
    this.heldTimer = setTimeout(() => {
      if (this.state === 'open') this.d.log.record({ type: 'DoorHeldOpen', doorId: this.d.doorId, ...sensor, details: { seconds: this.d.heldOpenS } });
    }, this.d.heldOpenS * 1000);
  }

  stop(): void {
    clearTimeout(this.heldTimer);
  }
}
