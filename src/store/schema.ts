// Row shapes of every table: the only place column names are spelled for the query builder.
import type { Generated } from 'kysely';

export interface EventRow {
  seq: number;
  ts: number;
  type: string;
  door_id: string | null;
  sensor_id: string | null;
  person_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
  /** The recorder's id of the event (dedupes a replay); null for events appended directly. */
  origin: string | null;
  /** When an event from a door node reached the hub (its own time is ts); null for the hub's own. */
  arrived_at: number | null;
}

export interface SensorRow {
  id: string;
  name: string;
  kind: string;
  zone: string;
  entry_delay: number;
  bypass_home: number;
  heartbeat: number;
  battery_low: number;
  trigger_on_tamper: number;
  trigger_on_offline: number;
  source: string;
  created_at: number;
  contact: string | null;
  battery: number | null;
  tamper: number | null;
  online: number | null;
  last_seen: number | null;
  format: string | null;
  signed: number;
  key_salt: string | null;
  last_seq: number | null;
}

export interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  created_at: number;
}

export interface SessionRow {
  token_hash: string;
  user_id: string;
  csrf: string;
  created_at: number;
  expires_at: number;
}

export interface MqttDeviceRow {
  username: string;
  password_hash: string;
  sensor_id: string | null;
  role: 'device' | 'integration' | 'node';
  created_at: number;
}

export interface WgPeerRow {
  name: string;
  public_key: string;
  address: string;
  created_at: number;
}

export interface SettingRow {
  key: string;
  value: string;
}

export interface PersonRow {
  id: string;
  name: string;
  created_at: number;
  updated_at: number;
  /** JSON of AccessRules; null = every door at any time. */
  access: string | null;
  /** personNameKey(name): unique, so no two people share a name in any spelling of case. */
  name_key: string;
}

export interface DoorTokenRow {
  door_id: string;
  /** SHA-256 of the kiosk's bearer token. */
  token_hash: string;
  created_at: number;
}

export interface FaceTemplateRow {
  id: string;
  person_id: string;
  /** AES-256-GCM ciphertext of the float32 embedding, base64. */
  embedding: string;
  /** JSON of the quality measures at enrolment. */
  quality: string;
  /** File name of the kept enrolment photo, when photos are kept. */
  photo: string | null;
  /**
   * The face as a small aligned JPEG (the panel's thumbnail), AES-256-GCM like the embedding,
   * base64. Null for templates enrolled before chips were kept, and on door nodes (never replicated).
   */
  chip: string | null;
  created_at: number;
}

export interface CredentialRow {
  id: string;
  person_id: string;
  /** pin, duress_pin or fob */
  kind: string;
  /** HMAC-SHA256 of the secret under a key kept outside the database: findable, never readable. */
  lookup: string;
  created_at: number;
}

export interface NotifyChannelRow {
  id: string;
  /** webpush, ntfy, telegram, email or webhook */
  type: string;
  name: string;
  /** JSON of the channel type's settings (server, token, addresses...). */
  settings: string;
  /** JSON of its routing rules. */
  rules: string;
  enabled: number;
  created_at: number;
}

export interface PushSubscriptionRow {
  id: string;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: number;
}

export interface OutboxRow {
  id: Generated<number>;
  channel_id: string;
  /** The push subscription for web push; empty for the other channels. */
  target: string;
  /** JSON array of the event sequence numbers this message tells of (several when grouped). */
  event_seqs: string;
  /** pending (grouping or due), sent, dead */
  status: string;
  attempts: number;
  next_at: number;
  last_error: string | null;
  /** For once-a-day rules: type and subject of the event. */
  dedupe_key: string | null;
  created_at: number;
  sent_at: number | null;
}

export interface FingerprintSensorRow {
  /** The identity Vigil wrote into the sensor's notepad. */
  uid: string;
  door_id: string;
  capacity: number;
  created_at: number;
}

export interface FingerprintRow {
  id: string;
  person_id: string;
  sensor_uid: string;
  /** Template slot in the sensor's flash library. */
  slot: number;
  /** 1 for an emergency finger: opens as usual and raises DuressAlarm. */
  duress: number;
  label: string;
  /** Match score between the enrolment samples. */
  score: number | null;
  created_at: number;
}

export interface NodeRow {
  id: string;
  name: string;
  /** JSON array of door ids. */
  doors: string;
  /** The node's 32-byte key, sealed under the hub's node.key. */
  sealed_key: string;
  /** sha256 of the one-time join token; null once used. */
  token_hash: string | null;
  token_expires_at: number | null;
  created_at: number;
  joined_at: number | null;
  last_seen: number | null;
  online: number;
  /** The newest status kept (protocol.ts statusIsNewer). */
  status_conn: number;
  status_tick: number;
  /** The last snapshot published to the node, and its checksum. */
  snapshot_version: number;
  snapshot_sum: string | null;
  /** The snapshot version the node says it applied. */
  snapshot_applied: number;
  spool_depth: number;
  /** The node's events up to this local seq are in the chain. */
  acked_seq: number;
}

export interface Tables {
  nodes: NodeRow;
  fingerprint_sensors: FingerprintSensorRow;
  fingerprints: FingerprintRow;
  notify_channels: NotifyChannelRow;
  push_subscriptions: PushSubscriptionRow;
  outbox: OutboxRow;
  door_tokens: DoorTokenRow;
  credentials: CredentialRow;
  people: PersonRow;
  face_templates: FaceTemplateRow;
  events: EventRow;
  sensors: SensorRow;
  users: UserRow;
  sessions: SessionRow;
  mqtt_devices: MqttDeviceRow;
  wg_peers: WgPeerRow;
  settings: SettingRow;
}
