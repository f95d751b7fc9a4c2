import type { Logger } from 'pino';
import { snapshotChecksum, type DeltaMessage, type ReplicaDelta, type SnapshotContent, type SnapshotMessage } from './protocol.ts';
import { ReplicaMismatch } from './snapshot.ts';

/** The replica a node holds: its version and checksum. */
export interface ReplicaState {
  version: number;
  sha256: string;
}

export interface ReplicaSyncDeps {
  /** What the node held when it started. */
  state: ReplicaState;
  /** Makes the store hold this replica (one transaction). */
  applyWhole(content: SnapshotContent): Promise<void>;
  /** Applies a delta in one transaction that is kept only if the result has this checksum (else ReplicaMismatch). */
  applyDelta(delta: ReplicaDelta, sha256: string): Promise<void>;
  /** A replica is now held: keep that across restarts. */
  held(state: ReplicaState): Promise<void>;
  /** Asks the broker for the retained whole replica again. */
  refetchWhole(): void;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/**
 * Which replica messages a node applies, in the order they come (the caller runs one at a time).
 * A whole replica is taken when it is newer than the one held. A delta is taken only by a node
 * holding a version from its base up to (not including) its own; one that comes before the whole
 * replica it builds on waits for it. A delta that fails (its result does not have its checksum, or
 * the store refuses it) is undone, and the node takes the retained whole replica (even if not
 * newer) and the delta after it.
 * Every message is sealed by the hub and versioned, so an old one sent again changes nothing.
 */
export class ReplicaSync {
  private state: ReplicaState;
  /** The newest delta that could not be applied yet. */
  private pending: DeltaMessage | undefined;
  /** After a delta failed: a whole replica from this version on is taken though it is not newer. */
  private recoverFrom: number | undefined;
  /** The version of the last delta that failed: failing again after the whole replica, it is dropped, not fetched for again. */
  private failed: number | undefined;

  constructor(private readonly d: ReplicaSyncDeps) {
    this.state = d.state;
  }

  get version(): number {
    return this.state.version;
  }

  async whole(msg: SnapshotMessage): Promise<void> {
    const recovering = this.recoverFrom !== undefined && msg.version >= this.recoverFrom;
    // The retained replica comes again on every connect, and is older than the deltas since: nothing to do.
    if (!recovering && (msg.version < this.state.version || (msg.version === this.state.version && msg.sha256 === this.state.sha256))) return;
    if (snapshotChecksum(msg.content) !== msg.sha256) return this.d.logger.error({ version: msg.version }, 'a replica whose checksum does not match was ignored');
    await this.d.applyWhole(msg.content);
    this.recoverFrom = undefined;
    await this.hold({ version: msg.version, sha256: msg.sha256 });
    this.d.logger.info({ version: msg.version, people: msg.content.people.length }, 'replica applied');
    const pending = this.pending;
    this.pending = undefined;
    if (pending) await this.delta(pending);
  }

  async delta(msg: DeltaMessage): Promise<void> {
    const held = this.state;
    if (msg.version < held.version || (msg.version === held.version && msg.sha256 === held.sha256)) return;
    if (held.version < msg.base) {
      if (!this.pending || this.pending.version < msg.version) this.pending = msg;
      return this.d.logger.info({ base: msg.base, version: msg.version, held: held.version }, 'a replica delta waits for the whole replica it builds on');
    }
    try {
      // The same version with another checksum cannot be made right by its delta: the whole replica can.
      if (msg.version === held.version) throw new ReplicaMismatch(msg.sha256, held.sha256);
      await this.d.applyDelta(msg.delta, msg.sha256);
    } catch (err) {
      // A store that is not what the delta was made for fails its checksum, or a constraint on the way (a name or PIN taken).
      const why = err instanceof ReplicaMismatch ? { expected: err.expected, got: err.got } : { err };
      if (this.failed === msg.version) {
        this.recoverFrom = undefined;
        return this.d.logger.error({ base: msg.base, version: msg.version, held: held.version, ...why }, 'a replica delta failed again on the whole replica: dropped; waiting for the next replica');
      }
      this.failed = msg.version;
      this.d.logger.error({ base: msg.base, version: msg.version, held: held.version, ...why }, 'a replica delta could not be applied (undone); taking the whole replica');
      this.pending = msg;
      this.recoverFrom = msg.base;
      this.d.refetchWhole();
      return;
    }
    if (this.pending && this.pending.version <= msg.version) this.pending = undefined;
    await this.hold({ version: msg.version, sha256: msg.sha256 });
    this.d.logger.info({ base: msg.base, version: msg.version, removed: msg.delta.removed.people.length, people: msg.delta.people.length }, 'replica delta applied');
  }

  private async hold(state: ReplicaState): Promise<void> {
    this.state = state;
    await this.d.held(state);
  }
}
