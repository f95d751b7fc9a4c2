import { decide, dedupeKey, type RoutedEvent } from '../core/notifyRules.ts';
import type { Channel, NotifyRepo } from '../store/notify.ts';

/**
 * Routes events (in sequence order) to every enabled channel: each channel's rules decide (core/
 * notifyRules.ts) whether an event is sent now, grouped with others, or skipped; the messages go
 * into the outbox and the cursor moves past the events, in one transaction. Returns how many
 * messages were made.
 */
export async function routeEvents(repo: Pick<NotifyRepo, 'inTransaction'>, events: Array<RoutedEvent & { seq: number }>, channels: Channel[], now: number): Promise<number> {
  const last = events.at(-1);
  if (!last) return 0;
  return repo.inTransaction(async (tx) => {
    let made = 0;
    for (const e of events) {
      for (const ch of channels) {
        if (!ch.enabled) continue;
        const key = dedupeKey(e);
        const lastSameKey = ch.rules.oncePerDay.includes(e.type) ? await tx.lastWithKey(ch.id, key) : null;
        const d = decide(e, ch.rules, { lastMinute: await tx.madeSince(ch.id, now - 60_000), lastSameKey }, now);
        if (d.kind === 'skip') continue;
        const targets = ch.type === 'webpush' ? await tx.pushTargets(ch) : [''];
        for (const target of targets) {
          const open = d.kind === 'group' ? await tx.openGroup(ch.id, target, now) : undefined;
          if (open) {
            await tx.setGroup(open.id, [...open.seqs, e.seq]);
            continue;
          }
          await tx.add({ channelId: ch.id, target, seq: e.seq, nextAt: d.kind === 'group' ? d.dueAt : now, dedupeKey: key, now });
          made++;
        }
      }
    }
    await tx.setCursor(last.seq);
    return made;
  });
}
