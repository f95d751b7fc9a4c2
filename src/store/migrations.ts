import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from './db.ts';
import { personNameKey } from '../core/person.ts';

// Migrations are written once for both databases; the few differences are spelled out here.
export function migrations(dialect: Dialect): Record<string, Migration> {
  const bigId = dialect === 'sqlite' ? 'integer' : 'bigint';
  return {
    '0001_foundation': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('events')
          .addColumn('seq', bigId, (c) => c.primaryKey())
          .addColumn('ts', 'bigint', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('door_id', 'text')
          .addColumn('sensor_id', 'text')
          .addColumn('person_id', 'text')
          .addColumn('details', 'text', (c) => c.notNull())
          .addColumn('prev_hash', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .execute();
        // The log is read newest first by time, usually filtered by one of these columns: each
        // index walks one filter value in exactly that order, so a page stops after `limit` rows.
        for (const col of ['type', 'sensor_id', 'person_id', 'door_id']) {
          await db.schema.createIndex(`events_${col}_ts`).on('events').columns([col, 'ts', 'seq']).execute();
        }
        await db.schema.createIndex('events_ts').on('events').columns(['ts', 'seq']).execute();
        // The hash chain detects tampering; these triggers stop the ordinary mistakes before it has to.
        if (dialect === 'sqlite') {
          await sql`CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`.execute(db);
          await sql`CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`.execute(db);
        } else {
          await sql`CREATE FUNCTION vigil_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the event log is append-only'; END $$`.execute(db);
          await sql`CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION vigil_events_append_only()`.execute(db);
        }

        await db.schema
          .createTable('sensors')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('zone', 'text', (c) => c.notNull())
          .addColumn('entry_delay', 'real', (c) => c.notNull())
          .addColumn('bypass_home', 'integer', (c) => c.notNull())
          .addColumn('heartbeat', 'real', (c) => c.notNull())
          .addColumn('battery_low', 'real', (c) => c.notNull())
          .addColumn('trigger_on_tamper', 'integer', (c) => c.notNull())
          .addColumn('trigger_on_offline', 'integer', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('contact', 'text')
          .addColumn('battery', 'real')
          .addColumn('tamper', 'integer')
          .addColumn('online', 'integer')
          .addColumn('last_seen', 'bigint')
          .execute();

        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull().unique())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('csrf', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

        await db.schema
          .createTable('mqtt_devices')
          .addColumn('username', 'text', (c) => c.primaryKey())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('sensor_id', 'text')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('settings')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0002_people_faces': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('people')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('people_name').on('people').column('name').execute();
        await db.schema
          .createTable('face_templates')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
          .addColumn('embedding', 'text', (c) => c.notNull())
          .addColumn('quality', 'text', (c) => c.notNull())
          .addColumn('photo', 'text')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('face_templates_person').on('face_templates').column('person_id').execute();
      },
    },
    '0003_credentials': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('credentials')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('lookup', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('credentials_person').on('credentials').column('person_id').execute();
      },
    },
    '0004_doors': {
      async up(db: Kysely<unknown>) {
        // JSON of AccessRules: which doors, and when; null = everywhere, always.
        await db.schema.alterTable('people').addColumn('access', 'text').execute();
        await db.schema
          .createTable('door_tokens')
          .addColumn('door_id', 'text', (c) => c.primaryKey())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
      },
    },
    '0005_notify': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('notify_channels')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('settings', 'text', (c) => c.notNull())
          .addColumn('rules', 'text', (c) => c.notNull())
          .addColumn('enabled', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('push_subscriptions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('endpoint', 'text', (c) => c.notNull().unique())
          .addColumn('p256dh', 'text', (c) => c.notNull())
          .addColumn('auth', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        // One row per message to send: written in the same transaction that moves the routing
        // cursor past its events, so a crash can neither lose an alert nor route it twice.
        await db.schema
          .createTable('outbox')
          .addColumn('id', dialect === 'sqlite' ? 'integer' : 'bigserial', (c) => c.primaryKey())
          .addColumn('channel_id', 'text', (c) => c.notNull())
          .addColumn('target', 'text', (c) => c.notNull())
          .addColumn('event_seqs', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull())
          .addColumn('next_at', 'bigint', (c) => c.notNull())
          .addColumn('last_error', 'text')
          .addColumn('dedupe_key', 'text')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('sent_at', 'bigint')
          .execute();
        await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_at']).execute();
        await db.schema.createIndex('outbox_channel').on('outbox').columns(['channel_id', 'created_at']).execute();
        await db.schema.createIndex('outbox_dedupe').on('outbox').columns(['channel_id', 'dedupe_key', 'created_at']).execute();
      },
    },
    '0006_sensor_formats': {
      async up(db: Kysely<unknown>) {
        // JSON of SensorFormat: a Zigbee2MQTT, Tasmota, ESPHome or Shelly device behind the sensor.
        await db.schema.alterTable('sensors').addColumn('format', 'text').execute();
      },
    },
    '0007_signed_sensors': {
      async up(db: Kysely<unknown>) {
        // Sensors registered before signing existed keep working unsigned until someone re-provisions
        // them; new ones default to signed (the config schema's default).
        await db.schema.alterTable('sensors').addColumn('signed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
        // The per-sensor key is derived from the data directory's master key and this salt.
        await db.schema.alterTable('sensors').addColumn('key_salt', 'text').execute();
        // The highest sequence number accepted: anything not above it is a replay.
        await db.schema.alterTable('sensors').addColumn('last_seq', 'bigint').execute();
      },
    },
    '0008_mqtt_roles': {
      async up(db: Kysely<unknown>) {
        // 'device' publishes to its own sensor topics; 'integration' (Home Assistant) sends commands.
        await db.schema.alterTable('mqtt_devices').addColumn('role', 'text', (c) => c.notNull().defaultTo('device')).execute();
      },
    },
    '0009_wireguard_peers': {
      async up(db: Kysely<unknown>) {
        // Only public keys: a phone's private key is shown once and never stored.
        await db.schema
          .createTable('wg_peers')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('public_key', 'text', (c) => c.notNull().unique())
          .addColumn('address', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
      },
    },
    '0010_fingerprints': {
      async up(db: Kysely<unknown>) {
        // The sensor Vigil wrote its identity into (notepad page); one per door. A swapped sensor has
        // another identity (or none), so the slots below are not trusted on it.
        await db.schema
          .createTable('fingerprint_sensors')
          .addColumn('uid', 'text', (c) => c.primaryKey())
          .addColumn('door_id', 'text', (c) => c.notNull().unique())
          .addColumn('capacity', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        // The templates stay in the sensor's flash; Vigil keeps whose finger sits in which slot.
        await db.schema
          .createTable('fingerprints')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
          .addColumn('sensor_uid', 'text', (c) => c.notNull().references('fingerprint_sensors.uid').onDelete('cascade'))
          .addColumn('slot', 'integer', (c) => c.notNull())
          .addColumn('duress', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('score', 'integer')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addUniqueConstraint('fingerprints_sensor_slot', ['sensor_uid', 'slot'])
          .execute();
        await db.schema.createIndex('fingerprints_person').on('fingerprints').column('person_id').execute();
      },
    },
    '0011_event_origins': {
      async up(db: Kysely<unknown>) {
        // Each recorded event's id from its producer: an event replayed from the spool after a crash
        // that came between its commit and the spool's truncation is recognised and not chained twice.
        // Outside the hash: it says where an event came from, not what happened.
        await db.schema.alterTable('events').addColumn('origin', 'text').execute();
        await db.schema.createIndex('events_origin').unique().on('events').column('origin').execute();
      },
    },
    '0012_person_names_unique': {
      async up(db: Kysely<unknown>) {
        // Names were unique only in the CLI. People who share a name in some spelling of case keep
        // it in the order they were added; the later ones get " (2)", " (3)", … so each is still
        // told apart (the backup taken before the upgrade keeps the old names).
        await db.schema.alterTable('people').addColumn('name_key', 'text').execute();
        const rows = await sql<{ id: string; name: string }>`SELECT id, name FROM people ORDER BY created_at, id`.execute(db);
        // The first holder of each name keeps it, so a renamed one never takes a name someone has.
        const keeper = new Map<string, string>();
        for (const row of rows.rows) if (!keeper.has(personNameKey(row.name))) keeper.set(personNameKey(row.name), row.id);
        const taken = new Set(keeper.keys());
        for (const row of rows.rows) {
          let name = row.name;
          if (keeper.get(personNameKey(name)) !== row.id) {
            for (let n = 2; taken.has(personNameKey(name)); n++) name = `${row.name.slice(0, 100 - ` (${n})`.length)} (${n})`;
            taken.add(personNameKey(name));
          }
          await sql`UPDATE people SET name = ${name}, name_key = ${personNameKey(name)} WHERE id = ${row.id}`.execute(db);
        }
        await db.schema.createIndex('people_name_key').unique().on('people').column('name_key').execute();
      },
    },
    '0013_hub_leader': {
      async up(db: Kysely<unknown>) {
        // Where the active hub serves (hub.standby): one row, written by the holder of the hub lock,
        // with the backend pid of its lock connection so a reader can tell a live leader from a dead one.
        await db.schema
          .createTable('hub_leader')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('url', 'text', (c) => c.notNull())
          .addColumn('pid', 'integer', (c) => c.notNull())
          .addColumn('since', 'bigint', (c) => c.notNull())
          .execute();
      },
    },
    '0014_door_nodes': {
      async up(db: Kysely<unknown>) {
        // Door nodes: the key is stored sealed under the hub's node.key file (the database alone
        // opens nothing); the one-time join token only as a hash, with its expiry.
        await db.schema
          .createTable('nodes')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('doors', 'text', (c) => c.notNull())
          .addColumn('sealed_key', 'text', (c) => c.notNull())
          .addColumn('token_hash', 'text', (c) => c.unique())
          .addColumn('token_expires_at', 'bigint')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('joined_at', 'bigint')
          .addColumn('last_seen', 'bigint')
          .addColumn('online', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('status_conn', 'bigint', (c) => c.notNull().defaultTo(-1))
          .addColumn('status_tick', 'bigint', (c) => c.notNull().defaultTo(0))
          .addColumn('snapshot_version', 'bigint', (c) => c.notNull().defaultTo(0))
          .addColumn('snapshot_sum', 'text')
          .addColumn('snapshot_applied', 'bigint', (c) => c.notNull().defaultTo(0))
          .addColumn('spool_depth', 'bigint', (c) => c.notNull().defaultTo(0))
          .addColumn('acked_seq', 'bigint', (c) => c.notNull().defaultTo(0))
          .execute();
        // When a node's event reached the hub; its own time stays in ts. Outside the hash, like origin.
        await db.schema.alterTable('events').addColumn('arrived_at', 'bigint').execute();
      },
    },
    '0015_face_chips': {
      async up(db: Kysely<unknown>) {
        // A small aligned picture of each enrolled face, encrypted like the embedding, so the panel
        // shows whose face it is without keeping the photo; it goes when the template goes.
        await db.schema.alterTable('face_templates').addColumn('chip', 'text').execute();
      },
    },
  };
}
