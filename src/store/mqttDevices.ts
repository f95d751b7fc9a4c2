import type { Db } from './db.ts';
import type { MqttDeviceRow } from './schema.ts';
import { generatePassword, hashPassword } from './passwords.ts';
import { LoginNameTaken } from '../core/errors.ts';

export type MqttLoginRole = MqttDeviceRow['role'];

/** MQTT logins for the built-in broker (devices and integrations); passwords are stored as argon2id hashes. */
export class MqttDeviceRepo {
  constructor(private readonly db: Db) {}

  /** A new password for the login; the old one stops working. Throws if the name belongs to the other role. */
  private async issue(username: string, role: MqttLoginRole, sensorId: string | null): Promise<{ username: string; password: string }> {
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    const taken = await this.db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('mqtt_devices').select('role').where('username', '=', username).executeTakeFirst();
      if (row && row.role !== role) return true;
      await tx
        .insertInto('mqtt_devices')
        .values({ username, password_hash: passwordHash, sensor_id: sensorId, role, created_at: Date.now() })
        .onConflict((oc) => oc.column('username').doUpdateSet({ password_hash: passwordHash, sensor_id: sensorId }))
        .execute();
      return false;
    });
    if (taken) throw new LoginNameTaken(username);
    return { username, password };
  }

  /** The device login of a sensor, named after it. */
  issueForSensor(sensorId: string) {
    return this.issue(sensorId, 'device', sensorId);
  }

  /** An integration's login (e.g. Home Assistant): may read Vigil's states and send alarm and door commands. */
  issueForIntegration(name: string) {
    return this.issue(name, 'integration', null);
  }

  /** A door node's login, named after the node: its own node topics only. */
  issueForNode(nodeId: string) {
    return this.issue(nodeId, 'node', null);
  }

  async deleteForNode(nodeId: string): Promise<void> {
    await this.db.deleteFrom('mqtt_devices').where('username', '=', nodeId).where('role', '=', 'node').execute();
  }

  async find(username: string): Promise<{ passwordHash: string; sensorId: string | null; role: MqttLoginRole } | undefined> {
    const row = await this.db.selectFrom('mqtt_devices').select(['password_hash', 'sensor_id', 'role']).where('username', '=', username).executeTakeFirst();
    return row && { passwordHash: row.password_hash, sensorId: row.sensor_id, role: row.role };
  }

  async deleteForSensor(sensorId: string): Promise<void> {
    await this.db.deleteFrom('mqtt_devices').where('sensor_id', '=', sensorId).execute();
  }
}
