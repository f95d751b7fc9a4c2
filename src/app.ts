import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import { doorChain, type Config } from './config/schema.ts';
import { chainSteps } from './core/factorChain.ts';
import { Bus } from './core/bus.ts';
import { redactUrl } from './core/redact.ts';
import { Diagnostics } from './core/diagnostics.ts';
import type { NewEvent } from './core/events.ts';
import { openStore, type Store } from './store/db.ts';
import type { EventLog } from './store/eventLog.ts';
import { openEventLog } from './store/openEventLog.ts';
import { Recorder } from './store/recorder.ts';
import { Spool } from './store/spool.ts';
import { readOrCreateSecret, sensorMasterKey } from './store/secrets.ts';
import { UserRepo } from './store/users.ts';
import { SessionRepo } from './store/sessions.ts';
import { SensorRepo } from './store/sensors.ts';
import { SettingsRepo } from './store/settings.ts';
import { MqttDeviceRepo } from './store/mqttDevices.ts';
import { verifyPassword } from './store/passwords.ts';
import { ensureFirstAdmin, retireInitialAdminPassword } from './store/initialAdmin.ts';
import { Topics } from './mqtt/topics.ts';
import { startBroker, type Broker } from './mqtt/broker.ts';
import { MqttLink } from './mqtt/connection.ts';
import { attachSensorIngest } from './mqtt/sensorIngest.ts';
import { brokerEndpoint } from './mqtt/firmwareConfig.ts';
import { attachAlarmBridge } from './mqtt/alarmBridge.ts';
import { attachPromptBridge } from './mqtt/promptBridge.ts';
import { attachFormatIngest } from './mqtt/formatIngest.ts';
import { attachHaBridge } from './mqtt/haBridge.ts';
import { issueHaLogin } from './mqtt/integrationLogin.ts';
import { RemoteAccess, routerKeyPair } from './remote/remoteAccess.ts';
import { WgPeerRepo } from './store/wgPeers.ts';
import { SensorService } from './alarm/sensorService.ts';
import { AlarmService } from './alarm/alarmService.ts';
import { AlertService } from './alarm/alertService.ts';
import { buildHttp, listenHttp } from './http/server.ts';
import { PeopleRepo } from './store/people.ts';
import { CredentialRepo } from './store/credentials.ts';
import { createFaceService, engineThreads } from './vision/setup.ts';
import type { FaceService } from './vision/faceService.ts';
import { DoorService } from './access/doorService.ts';
import { FingerEnrolment } from './access/fingerEnrolment.ts';
import { SnapshotStore } from './access/snapshots.ts';
import { SnapshotRetention } from './access/snapshotRetention.ts';
import { DoorTokenRepo } from './store/doorTokens.ts';
import type { GpioChip } from './hardware/gpio.ts';
import { FingerprintRepo } from './store/fingerprints.ts';
import type { DoorBuses } from './access/doorService.ts';
import { NotifyRepo } from './store/notify.ts';
import { NotifyService } from './notify/notifyService.ts';
import { readOrCreateVapid } from './notify/vapid.ts';
import { Outbound } from './net/outbound.ts';

export const INTERNAL_MQTT_USER = 'vigil-internal';
// The CLI's `log verify` opens the log without loading this module.
export { LOG_KEY_FILE, openEventLog } from './store/openEventLog.ts';
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export const INTERNAL_MQTT_SECRET_FILE = 'mqtt-internal.secret';
export const CREDENTIAL_KEY_FILE = 'credential.key';
/** Events the store could not take yet, replayed into the log at the next start. */
export const EVENT_SPOOL_FILE = 'events.spool';

export interface Vigil {
  httpPort: number;
  mqttUrl: string;
  store: Store;
  eventLog: EventLog;
  /** How events reach the log (await recorder.idle() to see them there). */
  recorder: Recorder;
  bus: Bus;
  alarm: AlarmService;
  sensors: SensorService;
  diagnostics: Diagnostics;
  faces: FaceService;
  doors: DoorService;
  fingerEnrolment: FingerEnrolment;
  notify: NotifyService;
  http: FastifyInstance;
  stop(): Promise<void>;
}

export interface MqttLogin {
  url: string;
  username: string;
  password: string;
  /** Set when talking TLS to our own broker: its certificate, pinned. */
  pinnedCert?: string;
}

/** The URL and login Vigil's own client uses; the CLI uses the same to publish like a device. */
export function internalMqtt(config: Config, brokerPort = config.mqtt.port): MqttLogin {
  if (config.mqtt.url) return { url: config.mqtt.url, username: config.mqtt.username, password: config.mqtt.password };
  const host = config.mqtt.host === '0.0.0.0' || config.mqtt.host === '::' ? '127.0.0.1' : config.mqtt.host;
  const login = { username: INTERNAL_MQTT_USER, password: readOrCreateSecret(config.dataDir, INTERNAL_MQTT_SECRET_FILE) };
  if (!config.mqtt.tlsCert) return { url: `mqtt://${host}:${brokerPort}`, ...login };
  return { url: `mqtts://${host}:${brokerPort}`, ...login, pinnedCert: readFileSync(config.mqtt.tlsCert, 'utf8') };
}

/** Remote access for the API and the CLI alike. */
export function remoteAccess(config: Config, store: Store): RemoteAccess {
  return new RemoteAccess({ repo: new WgPeerRepo(store.db), settings: config.wireguard, routerKeys: () => routerKeyPair(config.dataDir) });
}

/** mqtt.js options for a login; a pinned certificate is trusted whatever name it carries. */
export function mqttClientOptions(login: MqttLogin) {
  return {
    username: login.username || undefined,
    password: login.password || undefined,
    ...(login.pinnedCert ? { ca: login.pinnedCert, checkServerIdentity: () => undefined } : {}),
  };
}

export interface StartOptions {
  /** GPIO chips by name; tests put a simulated chip here (the hardware edge). */
  gpio?: (chip: string) => GpioChip;
  /** The door unit's SPI, I2C and serial buses; tests put simulators here. */
  buses?: Partial<Omit<DoorBuses, 'gpio'>>;
}

/** The kiosk page's files, shipped in the package, and the built panel. */
const KIOSK_DIR = new URL('../web/kiosk', import.meta.url).pathname;
const PANEL_DIR = new URL('../web/dist', import.meta.url).pathname;

export async function startVigil(config: Config, log: Logger, opts: StartOptions = {}): Promise<Vigil> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) {
      await s().catch((err: unknown) => log.error({ err }, 'error while stopping'));
    }
  };
  try {
    const startedAt = Date.now();
    const diagnostics = new Diagnostics();
    const bus = new Bus((type, err) => log.error({ err, type }, 'bus listener failed'));
    const store = await openStore({ databaseUrl: config.database.url, dataDir: config.dataDir });
    stops.push(() => store.close());
    const eventLog = openEventLog(store, config.dataDir, (e) => bus.emit('log.appended', e));
    stops.push(() => eventLog.drain());
    const recorder = new Recorder({ log: eventLog, spool: new Spool(path.join(config.dataDir, EVENT_SPOOL_FILE)), logger: log });
    await recorder.start();
    stops.push(() => recorder.stop());
    const record = (e: NewEvent) => recorder.record(e);
    const recordDurably = (e: NewEvent) => recorder.recordDurably(e);

    const users: UserRepo = new UserRepo(store.db, () => retireInitialAdminPassword(users, config.dataDir));
    const sessions = new SessionRepo(store.db);
    const devices = new MqttDeviceRepo(store.db);
    await sessions.purgeExpired();

    const sensorRepo = new SensorRepo(store.db);
    await sensorRepo.syncFromConfig(config.sensors);
    const sensors = new SensorService({ repo: sensorRepo, bus, record, log, masterKey: sensorMasterKey(config.dataDir) });
    await sensors.start();
    stops.push(() => sensors.stop());
    const alarm = new AlarmService({ settings: config.alarm, repo: new SettingsRepo(store.db), sensors, bus, record, log });
    await alarm.start();
    stops.push(() => alarm.stop());

    const faces = createFaceService(config, store, log);
    await faces.start(5000);
    stops.push(() => faces.stop());

    const topics = new Topics(config.mqtt.prefix, config.homeassistant.prefix);
    let broker: Broker | undefined;
    if (!config.mqtt.url) {
      const internal = internalMqtt(config);
      broker = await startBroker({
        ...config.mqtt,
        topics,
        internal,
        log,
        diagnostics,
        async verifyLogin(username, password) {
          const login = await devices.find(username);
          return login && (await verifyPassword(login.passwordHash, password)) ? login.role : null;
        },
      });
      stops.push(() => (broker as Broker).close());
    }
    const mqttLogin = internalMqtt(config, broker?.port);
    const link = await MqttLink.connect({
      url: mqttLogin.url,
      clientOptions: mqttClientOptions(mqttLogin),
      clientId: `vigil-${randomBytes(4).toString('hex')}`,
      statusTopic: topics.status,
      subscriptions: [topics.sensorWildcard, ...topics.commandFilters.filter((t) => t.startsWith(topics.alarmSet))],
      log,
      diagnostics,
    });
    stops.push(() => link.close());
    attachSensorIngest({ link, topics, bus, sensors, maxPayloadBytes: config.mqtt.maxPayloadBytes, log, diagnostics });
    attachAlarmBridge({ link, topics, bus, alarm, log, diagnostics });
    attachPromptBridge({ link, topics, bus });
    const refreshFormats = attachFormatIngest({ link, bus, sensors: () => sensors.list(), maxPayloadBytes: config.mqtt.maxPayloadBytes, log, diagnostics });
    bus.on('sensors.changed', refreshFormats);

    const outbound = Outbound.fromConfig(config.outbound.allow);
    stops.push(() => outbound.close());
    const people = new PeopleRepo(store.db);
    const credentials = new CredentialRepo(store.db, readOrCreateSecret(config.dataDir, CREDENTIAL_KEY_FILE));
    const snapshots = new SnapshotStore(config.dataDir);
    const retention = new SnapshotRetention(snapshots, new SettingsRepo(store.db), log);
    await retention.start();
    stops.push(async () => retention.stop());
    const fingerprints = new FingerprintRepo(store.db);
    const doors = new DoorService({
      doors: config.doors,
      faces,
      findCredential: (factor, value) => credentials.find(factor, value),
      person: (id) => people.get(id),
      snapshots,
      bus,
      record,
      disarm: (via) => alarm.disarmByAccess(via),
      log,
      concurrency: engineThreads(config),
      mqtt: { link, topics },
      outbound,
      fingerprints,
      buses: { ...opts.buses, ...(opts.gpio ? { gpio: opts.gpio } : {}) },
    });
    await doors.start();
    const fingerEnrolment = new FingerEnrolment({ reader: (id) => doors.fingers(id), readers: () => doors.readers(), repo: fingerprints });
    const ha = await attachHaBridge({
      link,
      topics,
      bus,
      discovery: config.homeassistant.discovery,
      nodeId: config.homeassistant.nodeId,
      version: VERSION,
      alarm: { checkCode: (code, via, command) => alarm.checkCode(code, via, command), hasCode: config.alarm.code !== '', codeToArm: config.alarm.codeToArm },
      sensors: () => sensors.list(),
      doors: config.doors,
      unlock: async (doorId) => (await doors.terminal(doorId)?.remoteUnlock('mqtt')) ?? false,
      record,
      personName: async (id) => (await people.get(id))?.name,
      lastPassage: async (doorId) => (await eventLog.query({ doorId, types: ['Entry', 'Exit'], limit: 1 })).events[0],
      log,
      diagnostics,
    });
    stops.push(async () => ha.stop());
    const notifyRepo = new NotifyRepo(store.db);
    const vapid = readOrCreateVapid(config.dataDir, config.notify.vapidSubject);
    const notify = new NotifyService({
      repo: notifyRepo,
      outbound,
      log: eventLog,
      bus,
      vapid,
      publicUrl: config.notify.publicUrl,
      personName: async (id) => (await people.get(id))?.name,
      doorName: (id) => config.doors.find((door) => door.id === id)?.name,
      snapshot: (name) => snapshots.read(name),
      logger: log,
    });
    await notify.start();
    stops.push(() => notify.stop());
    // A door must not make its first visitor wait for the models to load.
    if (config.doors.some((d) => chainSteps(doorChain(d)).some((s) => s.accept.includes('face')))) faces.warm().catch((err: unknown) => log.error({ err }, 'face engine failed to start'));
    stops.push(() => doors.stop());

    const http = await buildHttp({
      log,
      http: config.http,
      record: recordDurably,
      sessions,
      metricsToken: config.http.metricsToken,
      auth: { users, sessions, ...config.http, record: recordDurably },
      events: { log: eventLog, bus },
      sensors: { sensors, devices, topics, builtInBroker: !config.mqtt.url, brokerEndpoint: (host) => brokerEndpoint(config, host, broker?.port) },
      alarm,
      people: {
        people,
        credentials,
        faces,
        maxImageBytes: config.vision.maxImageBytes,
        forgetFingers: (id) => fingerEnrolment.forgetPerson(id),
      },
      faceThumbnails: { people, faces, dataDir: config.dataDir },
      doors: { doors, tokens: new DoorTokenRepo(store.db), snapshots, kioskDir: KIOSK_DIR, frameLimits: { maxBytes: 2 * 1024 * 1024, maxPixels: 4_000_000 }, fingerprints: { enrolment: fingerEnrolment, doors, people } },
      alerts: { alerts: new AlertService({ log: eventLog, record: (e) => eventLog.append(e) }) },
      notify: { repo: notifyRepo, service: notify, vapidPublicKey: vapid.publicKey },
      remote: { remote: remoteAccess(config, store) },
      settings: {
        store,
        retention,
        issueHaLogin: (host) => issueHaLogin(devices, config, host, broker?.port),
        mqtt: { builtIn: !config.mqtt.url, address: config.mqtt.url ? redactUrl(config.mqtt.url) : `${config.mqtt.host}:${broker?.port ?? config.mqtt.port}`, prefix: config.mqtt.prefix },
      },
      panelDir: PANEL_DIR,
      system: {
        diagnostics,
        alarm,
        sensors,
        startedAt,
        mqttConnected: () => link.connected,
        databaseOk: async () => {
          try {
            await sql`SELECT 1`.execute(store.db);
            return true;
          } catch {
            return false;
          }
        },
      },
    });
    stops.push(() => http.close());
    const httpPort = await listenHttp(http, config.http.host, config.http.port);
    await ensureFirstAdmin(users, config.dataDir, log);
    log.info({ port: httpPort }, 'Vigil is up');
    return { httpPort, mqttUrl: mqttLogin.url, store, eventLog, recorder, bus, alarm, sensors, diagnostics, faces, doors, fingerEnrolment, notify, http, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
