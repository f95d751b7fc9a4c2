import type { Db } from './db.ts';

/** Per-device MQTT logins for the built-in broker; passwords are stored as argon2id hashes. */
export class MqttDeviceRepo {
  constructor(private readonly db: Db) {}

  async upsert(username: string, passwordHash: string, sensorId: string | null): Promise<void> {
    await this.db
      .insertInto('mqtt_devices')
      .values({ username, password_hash: passwordHash, sensor_id: sensorId, created_at: Date.now() })
      .onConflict((oc) => oc.column('username').doUpdateSet({ password_hash: passwordHash, sensor_id: sensorId }))
      .execute();
  }

  async find(username: string): Promise<{ passwordHash: string; sensorId: string | null } | undefined> {
    const row = await this.db.selectFrom('mqtt_devices').select(['password_hash', 'sensor_id']).where('username', '=', username).executeTakeFirst();
    return row && { passwordHash: row.password_hash, sensorId: row.sensor_id };
  }

  async deleteForSensor(sensorId: string): Promise<void> {
    await this.db.deleteFrom('mqtt_devices').where('sensor_id', '=', sensorId).execute();
  }
}
