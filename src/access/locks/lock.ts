import type { Static, TObject } from 'typebox';
import type { Adapter } from '../../core/adapters.ts';
import type { DoorLock } from '../../core/lock.ts';
import type { GpioChip } from '../../hardware/gpio.ts';
import type { MqttLink } from '../../mqtt/connection.ts';
import type { Topics } from '../../mqtt/topics.ts';
import type { Outbound } from '../../net/outbound.ts';

/** What a lock may use to reach its hardware. */
export interface LockContext {
  doorId: string;
  chip(name: string): GpioChip;
  mqtt: { link: Pick<MqttLink, 'publish' | 'connected'>; topics: Topics };
  /** HTTP locks connect through it (the outbound policy). */
  outbound: Outbound;
}

/** A door lock: one file in this folder, listed in index.ts. */
export interface LockAdapter<S extends TObject = TObject, T extends string = string> extends Adapter<S, T> {
  // Method syntax: the registry holds locks of different settings side by side.
  create(settings: Static<S>, ctx: LockContext): DoorLock;
}

/** A lock declaration, its type kept literal for the registry's union. */
export const lock = <const T extends string, S extends TObject>(a: LockAdapter<S, T>): LockAdapter<S, T> => a;
