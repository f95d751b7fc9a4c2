import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync, ftruncateSync } from 'node:fs';
import path from 'node:path';
import type { NewEvent } from '../core/events.ts';
import { eventProblem, type OriginEvent } from './eventLog.ts';

/** Events the store could not take yet, replayed into the log at the next start. */
export const EVENT_SPOOL_FILE = 'events.spool';

/**
 * Events waiting for the store, one JSON line each, in the order they were recorded. Every write is
 * fsync'd before the recorder calls the events safe, so they survive a crash or a power cut until
 * they are replayed into the log.
 */
export class Spool {
  constructor(readonly file: string) {}

  isEmpty(): boolean {
    return !existsSync(this.file) || readFileSync(this.file).length === 0;
  }

  append(items: OriginEvent[]): void {
    if (items.length === 0) return;
    const created = !existsSync(this.file);
    const fd = openSync(this.file, 'a', 0o600);
    try {
      writeSync(fd, items.map((i) => `${JSON.stringify(i)}\n`).join(''));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // A new file is only durable once its directory entry is.
    if (created) syncDir(path.dirname(this.file));
  }

  /**
   * The spooled events in order. A last line without its newline was being written when the
   * process died, so it was never called safe and is dropped; a line that is no valid event
   * (damage, tampering) cannot be chained and is reported in `bad` by line number.
   */
  read(): { items: OriginEvent[]; bad: number[] } {
    if (!existsSync(this.file)) return { items: [], bad: [] };
    const lines = readFileSync(this.file, 'utf8').split('\n');
    lines.pop();
    const items: OriginEvent[] = [];
    const bad: number[] = [];
    lines.forEach((line, i) => {
      const item = parseLine(line);
      if (item) items.push(item);
      else bad.push(i + 1);
    });
    return { items, bad };
  }

  clear(): void {
    if (!existsSync(this.file)) return;
    const fd = openSync(this.file, 'r+');
    try {
      ftruncateSync(fd, 0);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

function parseLine(line: string): OriginEvent | null {
  try {
    const v = JSON.parse(line) as { origin?: unknown; event?: unknown };
    if (typeof v.origin !== 'string' || v.origin.length === 0 || typeof v.event !== 'object' || v.event === null) return null;
    const event = v.event as NewEvent;
    return eventProblem(event) ? null : { origin: v.origin, event };
  } catch {
    return null;
  }
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
