import { randomBytes } from 'node:crypto';
import type { Db } from './db.ts';
import type { SensorRow } from './schema.ts';
import type { SensorConfig, SensorFormat } from '../config/schema.ts';
import type { Contact } from '../core/bus.ts';

export interface SensorState {
  contact: Contact | null;
  battery: number | null;
  tamper: boolean | null;
  online: boolean | null;
  lastSeen: number | null;
  /** Highest sequence number accepted from a signed sensor. */
  lastSeq: number | null;
}

export interface Sensor extends SensorConfig {
  source: 'config' | 'api';
  /** With the master key, makes the sensor's signing key; a new salt is a new key. */
  keySalt: string;
  state: SensorState;
}

const bool = (v: number | null) => (v === null ? null : v !== 0);
const int = (v: boolean | null) => (v === null ? null : v ? 1 : 0);

function toSensor(r: SensorRow): Sensor {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as SensorConfig['kind'],
    zone: r.zone,
    entryDelay: r.entry_delay,
    bypassHome: r.bypass_home !== 0,
    heartbeat: r.heartbeat,
    batteryLow: r.battery_low,
    triggerOnTamper: r.trigger_on_tamper !== 0,
    triggerOnOffline: r.trigger_on_offline !== 0,
    signed: r.signed !== 0,
    ...(r.format ? { format: JSON.parse(r.format) as SensorFormat } : {}),
    source: r.source as Sensor['source'],
    keySalt: r.key_salt ?? '',
    state: {
      contact: r.contact as Contact | null,
      battery: r.battery,
      tamper: bool(r.tamper),
      online: bool(r.online),
      lastSeen: r.last_seen,
      lastSeq: r.last_seq,
    },
  };
}

function settingsColumns(s: SensorConfig) {
  return {
    name: s.name,
    kind: s.kind,
    zone: s.zone,
    entry_delay: s.entryDelay,
    bypass_home: s.bypassHome ? 1 : 0,
    heartbeat: s.heartbeat,
    battery_low: s.batteryLow,
    trigger_on_tamper: s.triggerOnTamper ? 1 : 0,
    trigger_on_offline: s.triggerOnOffline ? 1 : 0,
    signed: s.signed ? 1 : 0,
    format: s.format ? JSON.stringify(s.format) : null,
  };
}

const NEW_STATE = { contact: null, battery: null, tamper: null, online: null, last_seen: null, last_seq: null };
const newSalt = () => randomBytes(16).toString('hex');

export class SensorRepo {
  constructor(private readonly db: Db) {}

  async list(): Promise<Sensor[]> {
    return (await this.db.selectFrom('sensors').selectAll().orderBy('id').execute()).map(toSensor);
  }

  async get(id: string): Promise<Sensor | undefined> {
    const row = await this.db.selectFrom('sensors').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSensor(row);
  }

  /** Config-file sensors are the config's to define: add, update, and drop those it no longer lists. */
  async syncFromConfig(sensors: SensorConfig[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const ids = sensors.map((s) => s.id);
      let stale = trx.deleteFrom('sensors').where('source', '=', 'config');
      if (ids.length) stale = stale.where('id', 'not in', ids);
      await stale.execute();
      for (const s of sensors) {
        const cols = settingsColumns(s);
        await trx
          .insertInto('sensors')
          .values({ id: s.id, ...cols, source: 'config', created_at: Date.now(), ...NEW_STATE, key_salt: newSalt() })
          .onConflict((oc) => oc.column('id').doUpdateSet({ ...cols, source: 'config' }))
          .execute();
      }
    });
  }

  /** False when the id is taken. */
  async create(s: SensorConfig): Promise<boolean> {
    const res = await this.db
      .insertInto('sensors')
      .values({ id: s.id, ...settingsColumns(s), source: 'api', created_at: Date.now(), ...NEW_STATE, key_salt: newSalt() })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async update(s: SensorConfig): Promise<void> {
    await this.db.updateTable('sensors').set(settingsColumns(s)).where('id', '=', s.id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('sensors').where('id', '=', id).execute();
  }

  /** A new signing key (for a device being provisioned, or a sensor from before signing): the old one stops working. */
  async newKeySalt(id: string): Promise<string> {
    const salt = newSalt();
    await this.db.updateTable('sensors').set({ key_salt: salt, last_seq: null }).where('id', '=', id).execute();
    return salt;
  }

  async keySalts(): Promise<Map<string, string>> {
    const rows = await this.db.selectFrom('sensors').select(['id', 'key_salt']).execute();
    return new Map(rows.map((r) => [r.id, r.key_salt ?? '']));
  }

  /** Live state is saved for restarts only; several sensors share one transaction. */
  async saveStates(states: Array<{ id: string; state: SensorState }>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const { id, state: st } of states) {
        await trx
          .updateTable('sensors')
          .set({ contact: st.contact, battery: st.battery, tamper: int(st.tamper), online: int(st.online), last_seen: st.lastSeen, last_seq: st.lastSeq })
          .where('id', '=', id)
          .execute();
      }
    });
  }
}
