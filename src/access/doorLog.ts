import type { Logger } from 'pino';
import type { Frame } from '../camera/frameFeed.ts';
import type { NewEvent } from '../core/events.ts';
import type { SnapshotStore } from './snapshots.ts';

/** The door events that carry a snapshot of what the camera saw. */
export type SnapshotEvent = Extract<NewEvent, { type: 'Entry' | 'Exit' | 'Denied' | 'Tailgating' | 'DoorForced' }>;

/** A door's way into the event log: events as they are, or with the camera's frame saved as their snapshot. */
export class DoorLog {
  constructor(
    private readonly d: { doorId: string; snapshots: SnapshotStore; record(e: NewEvent): void; log: Logger },
  ) {}

  record(e: NewEvent): void {
    this.d.record(e);
  }

  /** Saves the frame (when there is one) and logs the event with its name; a snapshot that cannot be saved leaves the event without one. */
  async withSnapshot(e: SnapshotEvent, frame: Frame | undefined): Promise<void> {
    let snapshot: string | null = null;
    if (frame) {
      snapshot = await this.d.snapshots.save(frame.image, frame.at).catch((err: unknown) => {
        this.d.log.error({ err, door: this.d.doorId }, 'snapshot could not be saved');
        return null;
      });
    }
    this.d.record({ ...e, details: { ...e.details, snapshot } } as NewEvent);
  }
}
