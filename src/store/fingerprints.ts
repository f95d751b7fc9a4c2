import { randomUUID } from 'node:crypto';
import type { Db } from './db.ts';
import type { FingerprintRow } from './schema.ts';

export interface FingerprintSensor {
  uid: string;
  doorId: string;
  capacity: number;
  createdAt: number;
}

export interface Fingerprint {
  id: string;
  personId: string;
  sensorUid: string;
  slot: number;
  duress: boolean;
  label: string;
  score: number | null;
  createdAt: number;
}

const toFingerprint = (r: FingerprintRow): Fingerprint => ({
  id: r.id,
  personId: r.person_id,
  sensorUid: r.sensor_uid,
  slot: Number(r.slot),
  duress: Boolean(r.duress),
  label: r.label,
  score: r.score === null ? null : Number(r.score),
  createdAt: Number(r.created_at),
});

/** Which person's finger sits in which slot of which door's sensor. The templates themselves never leave the sensor. */
export class FingerprintRepo {
  constructor(private readonly db: Db) {}

  async sensorForDoor(doorId: string): Promise<FingerprintSensor | undefined> {
    const r = await this.db.selectFrom('fingerprint_sensors').selectAll().where('door_id', '=', doorId).executeTakeFirst();
    return r && { uid: r.uid, doorId: r.door_id, capacity: Number(r.capacity), createdAt: Number(r.created_at) };
  }

  async sensors(): Promise<FingerprintSensor[]> {
    return (await this.db.selectFrom('fingerprint_sensors').selectAll().execute()).map((r) => ({ uid: r.uid, doorId: r.door_id, capacity: Number(r.capacity), createdAt: Number(r.created_at) }));
  }

  /** Makes `uid` the door's sensor; the previous sensor and its slots are forgotten. Returns how many fingers were dropped. */
  async registerSensor(doorId: string, uid: string, capacity: number): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const old = await trx.selectFrom('fingerprint_sensors').select('uid').where('door_id', '=', doorId).executeTakeFirst();
      let dropped = 0n;
      if (old) {
        dropped = (await trx.deleteFrom('fingerprints').where('sensor_uid', '=', old.uid).executeTakeFirst()).numDeletedRows;
        await trx.deleteFrom('fingerprint_sensors').where('uid', '=', old.uid).execute();
      }
      await trx.insertInto('fingerprint_sensors').values({ uid, door_id: doorId, capacity, created_at: Date.now() }).execute();
      return Number(dropped);
    });
  }

  async add(f: { personId: string; sensorUid: string; slot: number; duress: boolean; label: string; score: number | null }): Promise<Fingerprint> {
    const row: FingerprintRow = {
      id: randomUUID(),
      person_id: f.personId,
      sensor_uid: f.sensorUid,
      slot: f.slot,
      duress: f.duress ? 1 : 0,
      label: f.label,
      score: f.score,
      created_at: Date.now(),
    };
    await this.db.insertInto('fingerprints').values(row).execute();
    return toFingerprint(row);
  }

  async atSlot(sensorUid: string, slot: number): Promise<Fingerprint | undefined> {
    const r = await this.db.selectFrom('fingerprints').selectAll().where('sensor_uid', '=', sensorUid).where('slot', '=', slot).executeTakeFirst();
    return r && toFingerprint(r);
  }

  async onSensor(sensorUid: string): Promise<Fingerprint[]> {
    return (await this.db.selectFrom('fingerprints').selectAll().where('sensor_uid', '=', sensorUid).orderBy('slot').execute()).map(toFingerprint);
  }

  async forPerson(personId: string): Promise<Fingerprint[]> {
    return (await this.db.selectFrom('fingerprints').selectAll().where('person_id', '=', personId).orderBy('created_at').execute()).map(toFingerprint);
  }

  async get(id: string): Promise<Fingerprint | undefined> {
    const r = await this.db.selectFrom('fingerprints').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toFingerprint(r);
  }

  async remove(id: string): Promise<boolean> {
    return (await this.db.deleteFrom('fingerprints').where('id', '=', id).executeTakeFirst()).numDeletedRows > 0n;
  }
}
