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
import { EVENT_SPOOL_FILE, Spool } from './store/spool.ts';
import { LogFeed } from './store/logFeed.ts';
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
import { routeSet, type RouteSet } from './http/routeSet.ts';
import { authRoutes } from './http/routes/authRoutes.ts';
import { userRoutes } from './http/routes/userRoutes.ts';
import { eventRoutes } from './http/routes/eventRoutes.ts';
import { alertRoutes } from './http/routes/alertRoutes.ts';
import { alarmRoutes } from './http/routes/alarmRoutes.ts';
import { sensorRoutes } from './http/routes/sensorRoutes.ts';
import { faceThumbnailRoutes } from './http/routes/faceThumbnailRoutes.ts';
import { peopleRoutes } from './http/routes/peopleRoutes.ts';
import { doorRoutes } from './http/routes/doorRoutes.ts';
import { notifyRoutes } from './http/routes/notifyRoutes.ts';
import { settingsRoutes } from './http/routes/settingsRoutes.ts';
import { adapterRoutes } from './http/routes/adapterRoutes.ts';
import { remoteRoutes } from './http/routes/remoteRoutes.ts';
import { systemRoutes } from './http/routes/systemRoutes.ts';
import { panelRoutes } from './http/routes/panelRoutes.ts';
import { PeopleRepo } from './store/people.ts';
import { CredentialRepo } from './store/credentials.ts';
import { createFaceService, engineThreads } from './vision/setup.ts';
import type { FaceService } from './vision/faceService.ts';
import { DoorService, type DoorBuses } from './access/doorService.ts';
import { FingerEnrolment } from './access/fingerEnrolment.ts';
import { FingerprintRepo } from './store/fingerprints.ts';
import { SnapshotStore } from './access/snapshots.ts';
import { SnapshotRetention } from './access/snapshotRetention.ts';
import { DoorTokenRepo } from './store/doorTokens.ts';
import type { GpioChip } from './hardware/gpio.ts';
import { NotifyRepo } from './store/notify.ts';
import { NotifyService } from './notify/notifyService.ts';
import { readOrCreateVapid } from './notify/vapid.ts';
import { Outbound } from './net/outbound.ts';
import { Lifecycle, type Module } from './lifecycle.ts';
import { nodesModule } from './nodes/hubModule.ts';

export const INTERNAL_MQTT_USER = 'vigil-internal';
// The CLI's `log verify` opens the log without loading this module.
export { LOG_KEY_FILE, openEventLog } from './store/openEventLog.ts';
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export const INTERNAL_MQTT_SECRET_FILE = 'mqtt-internal.secret';
export const CREDENTIAL_KEY_FILE = 'credential.key';

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

/**
 * mqtt.js options for a login; a pinned certificate is trusted whatever name it carries, and as it
 * is when a CA signed it (a partial chain: the broker's file may hold that certificate alone).
 */
export function mqttClientOptions(login: MqttLogin) {
  return {
    username: login.username || undefined,
    password: login.password || undefined,
    ...(login.pinnedCert ? { ca: login.pinnedCert, allowPartialTrustChain: true, checkServerIdentity: () => undefined } : {}),
  };
}

export interface StartOptions {
  /** GPIO chips by name; tests put a simulated chip here (the hardware edge). */
  gpio?: (chip: string) => GpioChip;
  /** The door unit's SPI, I2C and serial buses; tests put simulators here. */
  buses?: Partial<Omit<DoorBuses, 'gpio'>>;
  /** Runs just before the web server takes its port: a standby hub hands its port over here. */
  beforeListen?: () => Promise<void>;
}

/** The kiosk page's files, shipped in the package, and the built panel. */
const KIOSK_DIR = new URL('../web/kiosk', import.meta.url).pathname;
const PANEL_DIR = new URL('../web/dist', import.meta.url).pathname;

interface Base {
  config: Config;
  log: Logger;
}

/** The event log and what every module records into it. */
export const coreModule: Module<Base, { diagnostics: Diagnostics; bus: Bus; store: Store; eventLog: EventLog; recorder: Recorder; streams: Set<unknown> }> = {
  name: 'core',
  async start({ config, log }, scope) {
    const diagnostics = new Diagnostics();
    const bus = new Bus((type, err) => log.error({ err, type }, 'bus listener failed'));
    const store = await openStore({ databaseUrl: config.database.url, dataDir: config.dataDir });
    scope.defer('store', () => store.close());
    // The bus hears of appends through the feed: in order, and on PostgreSQL other processes' too.
    const feed: LogFeed = new LogFeed(
      { after: (seq, limit) => eventLog.after(seq, limit), headSeq: () => eventLog.headSeq() },
      (e) => bus.emit('log.appended', e),
      (err) => log.warn({ err }, 'the log feed could not read the log'),
    );
    const eventLog = openEventLog(store, config.dataDir, (e) => feed.appended(e));
    scope.defer('event log', () => eventLog.drain());
    scope.defer('log feed', () => feed.stop());
    await feed.start(store.dataVersion ? { dataVersion: store.dataVersion } : { postgresUrl: config.database.url });
    const recorder = new Recorder({ log: eventLog, spool: new Spool(path.join(config.dataDir, EVENT_SPOOL_FILE)), logger: log });
    scope.defer('recorder', () => recorder.stop());
    await recorder.start();
    // The panel's live event streams, counted in the metrics.
    const streams = new Set<unknown>();
    scope.serve(
      routeSet(eventRoutes, { log: eventLog, bus, streams }),
      routeSet(alertRoutes, { alerts: new AlertService({ log: eventLog, record: (e) => eventLog.append(e) }) }),
    );
    return { diagnostics, bus, store, eventLog, recorder, streams };
  },
};

export type Core = Base & Awaited<ReturnType<typeof coreModule.start>> & { record: (e: NewEvent) => void };

const accountsModule: Module<Core, { users: UserRepo; sessions: SessionRepo; devices: MqttDeviceRepo }> = {
  name: 'accounts',
  async start({ config, store, recorder }, scope) {
    const users: UserRepo = new UserRepo(store.db, () => retireInitialAdminPassword(users, config.dataDir));
    const sessions = new SessionRepo(store.db);
    await sessions.purgeExpired();
    scope.serve(routeSet(authRoutes, { users, sessions, ...config.http, record: (e) => recorder.recordDurably(e) }), routeSet(userRoutes, { users, sessions }));
    return { users, sessions, devices: new MqttDeviceRepo(store.db) };
  },
};

const alarmModule: Module<Core, { sensors: SensorService; alarm: AlarmService }> = {
  name: 'alarm',
  async start({ config, log, store, bus, record }, scope) {
    const sensorRepo = new SensorRepo(store.db);
    await sensorRepo.syncFromConfig(config.sensors);
    const sensors = new SensorService({ repo: sensorRepo, bus, record, log, masterKey: sensorMasterKey(config.dataDir) });
    scope.defer('sensors', () => sensors.stop());
    await sensors.start();
    const alarm = new AlarmService({ settings: config.alarm, repo: new SettingsRepo(store.db), sensors, bus, record, log });
    scope.defer('alarm', () => alarm.stop());
    await alarm.start();
    scope.serve(routeSet(alarmRoutes, { alarm }));
    return { sensors, alarm };
  },
};

export const facesModule: Module<Core, { faces: FaceService }> = {
  name: 'faces',
  async start({ config, log, store }, scope) {
    const faces = createFaceService(config, store, log);
    scope.defer('face engine', () => faces.stop());
    await faces.start(5000);
    scope.serve(routeSet(faceThumbnailRoutes, { faces }));
    return { faces };
  },
};

/** The built-in broker (unless an external one is configured), Vigil's own client, and sensors and the alarm on MQTT. */
const mqttModule: Module<Core & { devices: MqttDeviceRepo; sensors: SensorService; alarm: AlarmService }, { topics: Topics; broker: Broker | undefined; link: MqttLink; mqttUrl: string }> = {
  name: 'mqtt',
  async start({ config, log, diagnostics, bus, devices, sensors, alarm }, scope) {
    const topics = new Topics(config.mqtt.prefix, config.homeassistant.prefix);
    let broker: Broker | undefined;
    if (!config.mqtt.url) {
      broker = await startBroker({
        ...config.mqtt,
        topics,
        internal: internalMqtt(config),
        log,
        diagnostics,
        async verifyLogin(username, password) {
          const login = await devices.find(username);
          return login && (await verifyPassword(login.passwordHash, password)) ? login.role : null;
        },
      });
      const running = broker;
      scope.defer('broker', () => running.close());
    }
    const login = internalMqtt(config, broker?.port);
    const link = await MqttLink.connect({
      url: login.url,
      clientOptions: mqttClientOptions(login),
      clientId: `vigil-${randomBytes(4).toString('hex')}`,
      statusTopic: topics.status,
      subscriptions: [topics.sensorWildcard, ...topics.commandFilters.filter((t) => t.startsWith(topics.alarmSet))],
      log,
      diagnostics,
    });
    scope.defer('MQTT client', () => link.close());
    const maxPayloadBytes = config.mqtt.maxPayloadBytes;
    scope.defer('sensor ingest', attachSensorIngest({ link, topics, bus, sensors, maxPayloadBytes, log, diagnostics }));
    scope.defer('alarm bridge', attachAlarmBridge({ link, topics, bus, alarm, log, diagnostics }));
    scope.defer('door prompts', attachPromptBridge({ link, topics, bus }));
    scope.defer('format ingest', attachFormatIngest({ link, bus, sensors: () => sensors.list(), maxPayloadBytes, log, diagnostics }));
    scope.serve(routeSet(sensorRoutes, { sensors, devices, topics, builtInBroker: !config.mqtt.url, brokerEndpoint: (host) => brokerEndpoint(config, host, broker?.port) }));
    return { topics, broker, link, mqttUrl: login.url };
  },
};

/** What doors, the API and notifications share: people, credentials, snapshots, the outbound policy. */
export const peopleModule: Module<Core, { outbound: Outbound; people: PeopleRepo; credentials: CredentialRepo; snapshots: SnapshotStore; retention: SnapshotRetention }> = {
  name: 'people',
  async start({ config, log, store }, scope) {
    const outbound = Outbound.fromConfig(config.outbound.allow);
    scope.defer('outbound', () => outbound.close());
    const snapshots = new SnapshotStore(config.dataDir);
    const retention = new SnapshotRetention(snapshots, new SettingsRepo(store.db), log);
    scope.defer('snapshot retention', () => retention.stop());
    await retention.start();
    const credentials = new CredentialRepo(store.db, readOrCreateSecret(config.dataDir, CREDENTIAL_KEY_FILE));
    return { outbound, people: new PeopleRepo(store.db), credentials, snapshots, retention };
  },
};

export type Shared = Core & Awaited<ReturnType<typeof peopleModule.start>>;

/** The doors, and the people routes: removing a person reaches into the doors' fingerprint readers. */
export const doorsModule: Module<Shared & { faces: FaceService; alarm: Pick<AlarmService, 'disarmByAccess'>; link: Pick<MqttLink, 'publish' | 'connected'>; topics: Topics; gpio: StartOptions['gpio']; buses: StartOptions['buses'] }, { doors: DoorService; fingerEnrolment: FingerEnrolment; doorTokens: DoorTokenRepo }> = {
  name: 'doors',
  async start({ config, log, store, bus, record, faces, credentials, people, snapshots, alarm, link, topics, outbound, gpio, buses }, scope) {
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
      buses: { ...buses, ...(gpio ? { gpio } : {}) },
    });
    // Registered first: a door that fails half way through start must not leave ffmpeg or GPIO running.
    scope.defer('doors', () => doors.stop());
    await doors.start();
    const fingerEnrolment = new FingerEnrolment({ reader: (id) => doors.fingers(id), readers: () => doors.readers(), repo: fingerprints });
    // A door must not make its first visitor wait for the models to load.
    if (config.doors.some((d) => chainSteps(doorChain(d)).some((s) => s.accept.includes('face')))) faces.warm().catch((err: unknown) => log.error({ err }, 'face engine failed to start'));
    const doorTokens = new DoorTokenRepo(store.db);
    scope.serve(
      routeSet(peopleRoutes, { people, credentials, faces, maxImageBytes: config.vision.maxImageBytes, forgetFingers: (id) => fingerEnrolment.forgetPerson(id) }),
      routeSet(doorRoutes, { doors, tokens: doorTokens, snapshots, kioskDir: KIOSK_DIR, frameLimits: { maxBytes: 2 * 1024 * 1024, maxPixels: 4_000_000 }, fingerprints: { enrolment: fingerEnrolment, doors, people } }),
    );
    return { doors, fingerEnrolment, doorTokens };
  },
};

const homeAssistantModule: Module<Shared & { link: MqttLink; topics: Topics; alarm: AlarmService; sensors: SensorService; doors: DoorService }, void> = {
  name: 'homeassistant',
  async start({ config, log, diagnostics, bus, record, eventLog, link, topics, alarm, sensors, doors, people }, scope) {
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
    scope.defer('Home Assistant bridge', () => ha.stop());
  },
};

const notifyModule: Module<Shared, { notify: NotifyService }> = {
  name: 'notify',
  async start({ config, log, store, eventLog, bus, outbound, people, snapshots }, scope) {
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
    scope.defer('notifications', () => notify.stop());
    await notify.start();
    scope.serve(routeSet(notifyRoutes, { repo: notifyRepo, service: notify, vapidPublicKey: vapid.publicKey }));
    return { notify };
  },
};

type HttpNeeds = Shared &
  Awaited<ReturnType<typeof accountsModule.start>> &
  Awaited<ReturnType<typeof alarmModule.start>> &
  Awaited<ReturnType<typeof mqttModule.start>> &
  Awaited<ReturnType<typeof doorsModule.start>> & { startedAt: number; routes: RouteSet[]; beforeListen: StartOptions['beforeListen'] };

/** The web server: the routes the modules contribute, plus the installation-wide ones (settings, remote access, system, panel). */
const httpModule: Module<HttpNeeds, { http: FastifyInstance; httpPort: number }> = {
  name: 'http',
  async start(n, scope) {
    const { config, log, store, recorder, sessions, devices, sensors, alarm, broker, link, retention } = n;
    const http = await buildHttp({
      log,
      http: config.http,
      record: (e) => recorder.recordDurably(e),
      sessions,
      metricsToken: config.http.metricsToken,
      diagnostics: n.diagnostics,
      doorForToken: (token) => n.doorTokens.door(token),
      routes: [
        ...n.routes,
        routeSet(settingsRoutes, {
          store,
          retention,
          issueHaLogin: (host) => issueHaLogin(devices, config, host, broker?.port),
          mqtt: { builtIn: !config.mqtt.url, address: config.mqtt.url ? redactUrl(config.mqtt.url) : `${config.mqtt.host}:${broker?.port ?? config.mqtt.port}`, prefix: config.mqtt.prefix },
        }),
        routeSet(adapterRoutes, {}),
        routeSet(remoteRoutes, { remote: remoteAccess(config, store) }),
        routeSet(systemRoutes, {
          diagnostics: n.diagnostics,
          alarm,
          sensors,
          streams: n.streams,
          startedAt: n.startedAt,
          mqttConnected: () => link.connected,
          databaseOk: async () => {
            try {
              await sql`SELECT 1`.execute(store.db);
              return true;
            } catch {
              return false;
            }
          },
        }),
        routeSet(panelRoutes, { dir: PANEL_DIR }),
      ],
    });
    scope.defer('web server', () => http.close());
    await n.beforeListen?.();
    const httpPort = await listenHttp(http, config.http.host, config.http.port);
    return { http, httpPort };
  },
};

/** Vigil is this list of modules, started in order and stopped in reverse. */
export async function startVigil(config: Config, log: Logger, opts: StartOptions = {}): Promise<Vigil> {
  const life = new Lifecycle((err, what) => log.error({ err, what }, 'error while stopping'));
  const stop = () => life.stop();
  try {
    const startedAt = Date.now();
    const started = await life.start(coreModule, { config, log });
    const core: Core = { config, log, ...started, record: (e) => started.recorder.record(e) };
    const accounts = await life.start(accountsModule, core);
    const alarm = await life.start(alarmModule, core);
    const shared: Shared = { ...core, ...(await life.start(peopleModule, core)) };
    const faces = await life.start(facesModule, shared);
    const mqtt = await life.start(mqttModule, { ...core, ...accounts, ...alarm });
    const nodes = await life.start(nodesModule, { ...core, ...accounts, ...mqtt, credentialKey: readOrCreateSecret(config.dataDir, CREDENTIAL_KEY_FILE) });
    // A door that a node owns runs on that node, not here.
    const hubConfig = { ...config, doors: config.doors.filter((d) => !nodes.nodeDoors.has(d.id)) };
    const doors = await life.start(doorsModule, { ...shared, config: hubConfig, ...faces, ...alarm, ...mqtt, gpio: opts.gpio, buses: opts.buses });
    await life.start(homeAssistantModule, { ...shared, ...mqtt, ...alarm, ...doors });
    const notify = await life.start(notifyModule, shared);
    const { http, httpPort } = await life.start(httpModule, { ...shared, ...accounts, ...alarm, ...mqtt, ...doors, startedAt, routes: life.routes(), beforeListen: opts.beforeListen });
    await ensureFirstAdmin(accounts.users, config.dataDir, log);
    log.info({ port: httpPort }, 'Vigil is up');
    return {
      httpPort,
      mqttUrl: mqtt.mqttUrl,
      store: core.store,
      eventLog: core.eventLog,
      recorder: core.recorder,
      bus: core.bus,
      alarm: alarm.alarm,
      sensors: alarm.sensors,
      diagnostics: core.diagnostics,
      faces: faces.faces,
      doors: doors.doors,
      fingerEnrolment: doors.fingerEnrolment,
      notify: notify.notify,
      http,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
