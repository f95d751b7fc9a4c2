import Type, { type Static } from 'typebox';
import type { Logger } from 'pino';
import type { SettingsRepo } from '../store/settings.ts';
import type { SnapshotStore } from './snapshots.ts';

export const RetentionSchema = Type.Object(
  { snapshotDays: Type.Integer({ minimum: 0, maximum: 3650, description: 'days snapshots are kept; 0 = for ever' }) },
  { additionalProperties: false },
);
export type Retention = Static<typeof RetentionSchema>;
const KEY = 'retention';
const DEFAULT: Retention = { snapshotDays: 90 };
const EVERY_MS = 6 * 3600 * 1000;

/** Keeps snapshots for the configured number of days: pruned at start, every few hours and when the setting changes. */
export class SnapshotRetention {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly snapshots: SnapshotStore,
    private readonly settings: SettingsRepo,
    private readonly log: Logger,
  ) {}

  async current(): Promise<Retention> {
    return { ...DEFAULT, ...((await this.settings.get(KEY)) as Partial<Retention> | undefined) };
  }

  async set(r: Retention): Promise<void> {
    await this.settings.set(KEY, r);
    await this.prune();
  }

  async start(): Promise<void> {
    await this.prune();
    this.timer = setInterval(() => void this.prune(), EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async prune(): Promise<void> {
    try {
      const { snapshotDays } = await this.current();
      if (snapshotDays <= 0) return;
      const days = await this.snapshots.prune(snapshotDays);
      if (days) this.log.info({ days, keepDays: snapshotDays }, 'old snapshots removed');
    } catch (err) {
      this.log.error({ err }, 'snapshot retention failed');
    }
  }
}
