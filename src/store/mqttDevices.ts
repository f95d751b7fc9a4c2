import type { Db } from './db.ts';
import { generatePassword, hashPassword } from './passwords.ts';

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

  /** A new password for a sensor's device login (named after the sensor); the old one stops working. */
  async issueForSensor(sensorId: string): Promise<{ username: string; password: string }> {
    const password = generatePassword();
    await this.upsert(sensorId, await hashPassword(password), sensorId);
    return { username: sensorId, password };
  }

  async find(username: string): Promise<{ passwordHash: string; sensorId: string | null } | undefined> {
    const row = await this.db.selectFrom('mqtt_devices').select(['password_hash', 'sensor_id']).where('username', '=', username).executeTakeFirst();
    return row && { passwordHash: row.password_hash, sensorId: row.sensor_id };
  }

  async deleteForSensor(sensorId: string): Promise<void> {
    await this.db.deleteFrom('mqtt_devices').where('sensor_id', '=', sensorId).execute();
  }
}
