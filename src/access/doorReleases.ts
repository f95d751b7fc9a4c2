import type { FrameFeed } from '../camera/frameFeed.ts';
import { lockOutcome } from '../core/eventDetails.ts';
import type { DoorLog } from './doorLog.ts';
import type { DoorOpener } from './doorOpener.ts';
import { runFaceSession, type SessionFaces, type SessionOutcome } from './faceSession.ts';

/** How long the exit camera may look for who is leaving. */
const EXIT_LOOK_MS = 2000;

export interface ExitDeps {
  doorId: string;
  opener: DoorOpener;
  log: DoorLog;
  exitCamera?: FrameFeed | undefined;
  faces: SessionFaces;
  preRollMs: number;
  concurrency: number;
  now(): number;
}

/** Request to exit (the button): open at once; the exit camera, if any, names who left (1:N). */
export async function requestExit(d: ExitDeps, via: string): Promise<{ personId: string | null; at: number }> {
  const at = d.now();
  const lock = await d.opener.open(at);
  let outcome: SessionOutcome | undefined;
  if (d.exitCamera) {
    outcome = await runFaceSession({ feed: d.exitCamera, faces: d.faces, candidate: 'identify', since: at - d.preRollMs, deadline: at + EXIT_LOOK_MS, burstFrames: 1, concurrency: d.concurrency, now: d.now }).done;
  }
  const personId = outcome?.personId ?? null;
  await d.log.withSnapshot({ type: 'Exit', time: at, doorId: d.doorId, personId, details: { via, score: personId ? round(outcome?.score ?? 0) : null, lock: lockOutcome(lock) } }, outcome?.snapshot);
  return { personId, at };
}

/** An operator's unlock from the panel, the API or Home Assistant, logged with who did it. */
export async function remoteUnlock(d: Pick<ExitDeps, 'doorId' | 'opener' | 'log' | 'now'>, user: string): Promise<boolean> {
  const at = d.now();
  const lock = await d.opener.open(at);
  d.log.record({ type: 'DoorUnlocked', time: at, doorId: d.doorId, details: { by: user, lock: lockOutcome(lock) } });
  return lock.ok;
}

export const round = (v: number) => Math.round(v * 1000) / 1000;
