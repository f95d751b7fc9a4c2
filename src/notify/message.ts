import type { RequestInit, Response } from 'undici';
import type { LoggedEvent } from '../core/events.ts';
import { OutboundRefused, type Outbound } from '../net/outbound.ts';
import { describeEvent, type Names } from '../core/eventCatalogue.ts';

/** What a channel sends: one event, or a group of them summed up. */
export interface Message {
  title: string;
  body: string;
  /** The panel's page for it, relative. */
  path: string;
  /** The same as an absolute link, when Vigil knows its public address (notify.publicUrl). */
  link: string | null;
  urgent: boolean;
  events: LoggedEvent[];
  /** The JPEG of the first event with a snapshot, for channels that can carry a picture. */
  snapshot: Buffer | null;
}

/** A delivery that failed; `gone` = the address no longer exists (a push subscription that was dropped). */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly gone = false,
  ) {
    super(message);
  }
}

/** An HTTP request to a channel's server; an unreachable server is a DeliveryError saying why. */
export async function request(out: Outbound, url: string, init: RequestInit, what: string): Promise<Response> {
  try {
    return await out.fetch(url, { signal: AbortSignal.timeout(15_000), redirect: 'error', ...init });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const refused = err instanceof OutboundRefused ? err : cause instanceof OutboundRefused ? cause : null;
    if (refused) throw new DeliveryError(`${what} refused: ${refused.message}`);
    throw new DeliveryError(`${what} unreachable: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
  }
}

/** Sends and throws a DeliveryError for a non-2xx answer, with the status and the start of the body. */
export async function post(out: Outbound, url: string, init: RequestInit, what: string): Promise<void> {
  const res = await request(out, url, { method: 'POST', ...init }, what);
  const text = await res.text().catch(() => '');
  if (!res.ok) throw new DeliveryError(`${what} answered HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`, res.status === 404 || res.status === 410);
}

/** Words for one or several events, from the event catalogue; names come from the caller (the log keeps only ids). */
export function compose(events: LoggedEvent[], urgent: boolean, names: Names, snapshot: Buffer | null, publicUrl = ''): Message {
  const first = events[0];
  if (!first) throw new Error('a message needs an event');
  const time = (e: LoggedEvent) => new Date(e.time).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const link = (path: string) => (publicUrl ? publicUrl.replace(/\/+$/, '') + path : null);
  if (events.length === 1) {
    const words = describeEvent(first, names);
    const path = `/log?seq=${first.seq}`;
    return { title: `Vigil: ${words.title}`, body: `${words.sentence} at ${time(first)}`, path, link: link(path), urgent, events, snapshot };
  }
  const lines = events.slice(0, 10).map((e) => `${time(e)} ${describeEvent(e, names).sentence}`);
  if (events.length > 10) lines.push(`and ${events.length - 10} more`);
  return { title: `Vigil: ${events.length} events`, body: lines.join('\n'), path: '/log', link: link('/log'), urgent, events, snapshot };
}
