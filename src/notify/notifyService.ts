import type { Logger } from 'pino';
import type { Bus } from '../core/bus.ts';
import type { LoggedEvent } from '../core/events.ts';
import type { EventLog } from '../store/eventLog.ts';
import type { Channel, NotifyRepo, OutboxItem } from '../store/notify.ts';
import { channelAdapter } from './channelTypes.ts';
import { sendWebPush, type Vapid } from './channels/webpush.ts';
import { compose, DeliveryError, type Message } from './message.ts';
import type { Outbound } from '../net/outbound.ts';
import { snapshotOf } from '../core/events.ts';
import { routeEvents } from './router.ts';

export interface NotifyServiceDeps {
  repo: NotifyRepo;
  /** Every channel's connections go through it (the outbound policy). */
  outbound: Outbound;
  log: EventLog;
  bus: Bus;
  vapid: Vapid;
  /** The panel's public address, for links; empty = none. */
  publicUrl: string;
  /** A person's name for the message text. */
  personName(id: string): Promise<string | undefined>;
  /** A door's name from its id (doors live in the config). */
  doorName?(id: string): string | undefined;
  /** The JPEG an event's snapshot names. */
  snapshot(name: string): Promise<Buffer | undefined>;
  logger: Logger;
  now?: () => number;
  /** Tries before a message is given up (dead); the back-off doubles from 1 s up to 5 min. */
  maxAttempts?: number;
}

const MAX_BACKOFF_MS = 5 * 60_000;
/** How often the routing cursor is saved when no routed event moved it. */
const CURSOR_SAVE_MS = 10_000;

/**
 * Alerts to people. Every committed log event passes the router, which writes the messages each
 * channel should get into the outbox (with the routing cursor, in one transaction); the sender
 * delivers what is due, retrying with back-off. After a crash, routing resumes at the cursor and
 * unsent messages are still in the outbox: nothing pending is lost.
 */
export class NotifyService {
  private channels: Channel[] = [];
  private queue: LoggedEvent[] = [];
  private routing: Promise<void> = Promise.resolve();
  private sendTimer: NodeJS.Timeout | undefined;
  private sending = false;
  private again = false;
  private stopped = false;
  private off: (() => void) | undefined;
  private readonly now: () => number;
  private lastSavedCursor = 0;

  constructor(private readonly d: NotifyServiceDeps) {
    this.now = d.now ?? Date.now;
  }

  async start(): Promise<void> {
    await this.reloadChannels();
    // Events logged while Vigil was down (or routed but not committed) are routed now.
    let cursor = await this.d.repo.cursor();
    if (cursor < 0) cursor = await this.d.log.headSeq();
    for (;;) {
      const batch = await this.d.log.after(cursor, 1000);
      if (!batch.length) break;
      await this.route(batch);
      cursor = batch.at(-1)?.seq ?? cursor;
    }
    this.off = this.d.bus.on('log.appended', (e) => {
      this.queue.push(e);
      this.routing = this.routing.then(() => this.drainQueue());
    });
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.off?.();
    clearTimeout(this.sendTimer);
    await this.routing;
    while (this.sending) await new Promise((r) => setTimeout(r, 10));
  }

  async reloadChannels(): Promise<void> {
    this.channels = await this.d.repo.channels();
  }

  private wanted(e: LoggedEvent): boolean {
    return this.channels.some((c) => c.enabled && c.rules.types.includes(e.type));
  }

  private async drainQueue(): Promise<void> {
    const batch = this.queue.splice(0);
    if (batch.length) await this.route(batch);
  }

  private async route(events: LoggedEvent[]): Promise<void> {
    try {
      const relevant = events.filter((e) => this.wanted(e));
      if (relevant.length) {
        const created = await routeEvents(this.d.repo, relevant, this.channels, this.now());
        this.lastSavedCursor = this.now();
        if (created) this.kick();
      } else if (this.now() - this.lastSavedCursor > CURSOR_SAVE_MS) {
        // Nothing to send, but move the cursor now and then so a restart has little to re-read.
        await this.d.repo.setCursor(events.at(-1)?.seq ?? 0);
        this.lastSavedCursor = this.now();
      }
    } catch (err) {
      // The cursor did not move: these events are routed again at the next start.
      this.d.logger.error({ err }, 'routing alerts failed');
    }
  }

  /** Delivers what is due now, soon. */
  kick(): void {
    if (this.stopped) return;
    if (this.sending) {
      this.again = true;
      return;
    }
    clearTimeout(this.sendTimer);
    this.sendTimer = setTimeout(() => void this.sendDue(), 0);
  }

  private async sendDue(): Promise<void> {
    this.sending = true;
    try {
      for (;;) {
        this.again = false;
        const due = await this.d.repo.due(this.now());
        await Promise.all(due.map((item) => this.deliver(item)));
        if (!due.length && !this.again) break;
      }
    } catch (err) {
      this.d.logger.error({ err }, 'sending alerts failed');
    } finally {
      this.sending = false;
    }
    if (this.stopped) return;
    const next = await this.d.repo.nextDueAt().catch(() => null);
    const wait = next === null ? 5000 : Math.max(0, Math.min(5000, next - this.now()));
    clearTimeout(this.sendTimer);
    this.sendTimer = setTimeout(() => void this.sendDue(), wait);
    this.sendTimer.unref();
  }

  private async message(item: OutboxItem, channel: Channel): Promise<Message> {
    const events = await this.d.log.bySeqs(item.seqs);
    const names = new Map<string, string | undefined>();
    for (const id of new Set(events.flatMap((e) => (e.personId ? [e.personId] : [])))) names.set(id, await this.d.personName(id));
    const snapName = events.map(snapshotOf).find((s): s is string => s !== null);
    const snapshot = snapName ? ((await this.d.snapshot(snapName)) ?? null) : null;
    return compose(events, events.some((e) => channel.rules.urgent.includes(e.type)), { person: (id) => names.get(id), door: this.d.doorName }, snapshot, this.d.publicUrl);
  }

  /** Sends one outbox message now (also used for a channel's test message). */
  async send(channel: Channel, m: Message, target = ''): Promise<void> {
    const kind = channelAdapter(channel.type);
    if (kind.send) return kind.send(channel.settings, m, this.d.outbound);
    const sub = await this.d.repo.subscription(target);
    if (!sub) throw new DeliveryError('the browser unsubscribed', true);
    await sendWebPush(this.d.vapid, sub, m, this.d.outbound);
  }

  /** Why a channel's settings point somewhere Vigil may not connect (an address in a URL or a host), or null. */
  refusedTarget(settings: Record<string, unknown>): string | null {
    for (const [key, value] of Object.entries(settings)) {
      if (typeof value !== 'string') continue;
      const target = /^https?:\/\//.test(value) ? value : key === 'host' && value ? `smtp://${value.includes(':') ? `[${value}]` : value}` : null;
      if (!target) continue;
      try {
        this.d.outbound.checkUrl(target);
      } catch (err) {
        return `${key}: ${(err as Error).message}`;
      }
    }
    return null;
  }

  /** A test message through the channel (web push: to this user's browsers), at once and outside the outbox. */
  async test(channel: Channel, userId: string): Promise<void> {
    const now = this.now();
    const event: LoggedEvent = { seq: 0, time: now, type: 'AlarmArmed', doorId: null, sensorId: null, personId: null, details: { from: 'disarmed', to: 'armed_away', reason: 'test_message', via: null, mode: 'away' }, prevHash: '', hash: '' };
    const m: Message = { ...compose([event], false, {}, null, this.d.publicUrl), title: 'Vigil: test message', body: `This channel works (${new Date(now).toLocaleString()}).` };
    if (channel.type !== 'webpush') return this.send(channel, m);
    const targets = await this.d.repo.subscriptionsOf(userId);
    if (!targets.length) throw new DeliveryError('this browser is not subscribed: use "Notify this device" first');
    for (const t of targets) await this.send(channel, m, t.id);
  }

  private async deliver(item: OutboxItem): Promise<void> {
    const channel = this.channels.find((c) => c.id === item.channelId);
    const attempts = item.attempts + 1;
    try {
      if (!channel) throw new DeliveryError('the channel was deleted', true);
      await this.send(channel, await this.message(item, channel), item.target);
      await this.d.repo.markSent(item.id, this.now());
    } catch (err) {
      const gone = err instanceof DeliveryError && err.gone;
      const dead = gone || attempts >= (this.d.maxAttempts ?? 12);
      const error = (err as Error).message;
      if (gone && channel?.type === 'webpush') await this.d.repo.dropSubscription(item.target);
      await this.d.repo.markFailed(item.id, attempts, this.now() + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempts - 1)), error, dead);
      this.d.logger.warn({ channel: channel?.name, attempts, dead, error }, 'alert not delivered');
    }
  }
}
