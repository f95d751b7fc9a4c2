import Type, { type Static, type TSchemaOptions } from 'typebox';
import { adapterOf, withType } from '../../core/adapters.ts';
import type { DoorLock } from '../../core/lock.ts';
import type { LockAdapter, LockContext } from './lock.ts';
import { none } from './none.ts';
import { gpio } from './gpio.ts';
import { mqtt } from './mqtt.ts';
import { webhook } from './webhook.ts';

/** Every kind of door lock; a new one is a file in this folder and its entry here. */
export const LOCKS = [none, gpio, mqtt, webhook] as const;

type ConfigOf<A> = A extends LockAdapter<infer S, infer T> ? { type: T } & Static<S> : never;
/** A door's `lock` in the config: one lock's settings and its type. */
export type LockConfig = ConfigOf<(typeof LOCKS)[number]>;
/** The union of every lock's settings; options such as a default go on the union itself (a copy would lose TypeBox's kind). */
export const lockConfigSchema = (options?: TSchemaOptions) => Type.Unsafe<LockConfig>(Type.Union(LOCKS.map(withType), options));
export const LockConfigSchema = lockConfigSchema();

export function createLock(cfg: LockConfig, ctx: LockContext): DoorLock {
  const { type, ...settings } = cfg;
  return adapterOf<LockAdapter>(LOCKS, type).create(settings, ctx);
}
