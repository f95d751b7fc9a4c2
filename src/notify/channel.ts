import type { Static, TObject } from 'typebox';
import Value from 'typebox/value';
import type { Adapter } from '../core/adapters.ts';
import type { Message } from './message.ts';
import type { Outbound } from '../net/outbound.ts';

/** A notification channel: one file in channels/, listed in channelTypes.ts. */
export interface ChannelAdapter<S extends TObject = TObject, T extends string = string> extends Adapter<S, T> {
  /** Null for web push, which the service sends browser by browser. */
  readonly send: ((settings: unknown, m: Message, out: Outbound) => Promise<void>) | null;
}

/** A channel from its declaration and a sender typed by its settings schema. */
export function channel<const T extends string, S extends TObject>(a: Adapter<S, T> & { send: ((s: Static<S>, m: Message, out: Outbound) => Promise<void>) | null }): ChannelAdapter<S, T> {
  const { send } = a;
  return { ...a, send: send && ((raw, m, out) => send(Value.Parse(a.settings, raw), m, out)) };
}
