import { Command, InvalidArgumentError, Option } from 'commander';
import { createInterface } from 'node:readline';
import mqtt from 'mqtt';
import { loadConfig, ConfigError } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { Conflict, StartupError } from '../core/errors.ts';
import { createLogger } from '../logger.ts';
import { internalMqtt, mqttClientOptions, openEventLog, remoteAccess, startVigil } from '../app.ts';
import QRCode from 'qrcode';
import { openStore, type Store } from '../store/db.ts';
import { ROLES, UserRepo, type Role } from '../store/users.ts';
import { generatePassword, hashPassword } from '../store/passwords.ts';
import { Topics } from '../mqtt/topics.ts';
import { SensorRepo } from '../store/sensors.ts';
import { MqttDeviceRepo } from '../store/mqttDevices.ts';
import { sensorMasterKey } from '../store/secrets.ts';
import { deriveSensorKey, signedPayload } from '../core/sensorSignature.ts';
import { issueHaLogin } from '../mqtt/integrationLogin.ts';
import { brokerEndpoint, firmwareConfig, runsVigilFirmware } from '../mqtt/firmwareConfig.ts';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { DoorTokenRepo } from '../store/doorTokens.ts';
import { PeopleRepo } from '../store/people.ts';
import { isPersonName } from '../core/person.ts';
import { createFaceService } from '../vision/setup.ts';
import { EnrolError, type FaceService } from '../vision/faceService.ts';
import { ImageError } from '../vision/decode.ts';

interface GlobalOptions {
  config?: string;
  data?: string;
  json?: boolean;
}

class UsageError extends Error {}

const program = new Command()
  .name('vigil')
  .description('Self-hosted security hub: door access, entry log, intrusion alarm.')
  .option('--config <file>', 'YAML config file (default: <data>/vigil.yaml if present)')
  .option('--data <dir>', 'data directory: SQLite file, keys, snapshots (default: ./data or $VIGIL_DATA)')
  .option('--json', 'print one JSON document instead of text')
  .showHelpAfterError();

function globals(): GlobalOptions {
  return program.opts<GlobalOptions>();
}

function config(): Config {
  const g = globals();
  return loadConfig({ file: g.config, dataDir: g.data });
}

function report(json: unknown, text: string): void {
  process.stdout.write(globals().json ? `${JSON.stringify(json)}\n` : `${text}\n`);
}

async function withStore<T>(fn: (store: Store, cfg: Config) => Promise<T>): Promise<T> {
  const cfg = config();
  const store = await openStore({ databaseUrl: cfg.database.url, dataDir: cfg.dataDir });
  try {
    return await fn(store, cfg);
  } finally {
    await store.close();
  }
}

/** The first LAN address, which is what a sensor on the same network would use. */
function defaultHost(): string {
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal);
  return lan?.address ?? '127.0.0.1';
}

async function readStdinLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  throw new UsageError('expected a password on standard input');
}

program
  .command('start')
  .description('Run Vigil (web panel, API, MQTT, alarm)')
  .action(async () => {
    const cfg = config();
    const log = createLogger(cfg.log.level);
    const vigil = await startVigil(cfg, log);
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'stopping');
      vigil.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
  });

const admin = program.command('admin').description('Accounts for the web panel and API');
admin
  .command('add <username>')
  .description('Create an account; prints a generated password unless --password-stdin is given')
  .addOption(new Option('--role <role>', 'access level').choices(ROLES).default('admin'))
  .option('--password-stdin', 'read the password from standard input')
  .action(async (username: string, opts: { role: Role; passwordStdin?: boolean }) => {
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(username)) throw new UsageError('username: 1-64 letters, digits or . _ @ -');
    const password = opts.passwordStdin ? await readStdinLine() : generatePassword();
    if (password.length < 10) throw new UsageError('password: at least 10 characters');
    await withStore(async (store) => {
      const users = new UserRepo(store.db);
      if (await users.findByName(username)) throw new UsageError(`an account named "${username}" exists`);
      const user = await users.create(username, await hashPassword(password), opts.role);
      const shown = opts.passwordStdin ? undefined : password;
      report({ user, password: shown }, `created ${opts.role} "${username}"${shown ? ` with password ${shown} (shown once)` : ''}`);
    });
  });

const person = program.command('person').description('People who may enter');
person
  .command('add <name>')
  .description('Add a person (enrol faces with "vigil enroll" or the API)')
  .action(async (name: string) => {
    const clean = name.trim();
    if (!isPersonName(clean)) throw new UsageError('name: 1-100 printable characters');
    await withStore(async (store) => {
      const people = new PeopleRepo(store.db);
      if (await people.findByName(clean)) throw new UsageError(`a person named "${clean}" exists`);
      const p = await people.create(clean);
      report({ person: p }, `added ${p.name} (${p.id})`);
    });
  });

const IMAGE_FILE = /\.(jpe?g|png|webp)$/i;

/** Runs `fn` with a started face service, quiet unless something goes wrong. */
async function withFaces<T>(fn: (faces: FaceService, store: Store) => Promise<T>): Promise<T> {
  return withStore(async (store, cfg) => {
    const faces = createFaceService(cfg, store, createLogger('warn'));
    await faces.start();
    try {
      return await fn(faces, store);
    } finally {
      await faces.stop();
    }
  });
}

program
  .command('enroll <folder>')
  .description('Enrol faces from a folder with one sub-folder of photos per person, named after the person')
  .action(async (folder: string) => {
    let dirs: string[];
    try {
      dirs = readdirSync(folder, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    } catch (err) {
      throw new UsageError(`cannot read ${folder}: ${(err as Error).message}`);
    }
    if (dirs.length === 0) throw new UsageError(`${folder} has no sub-folders; make one per person, named after them`);
    const jobs = dirs.flatMap((name) => readdirSync(path.join(folder, name)).sort().map((file) => ({ name, file })));
    const showBar = !globals().json && process.stderr.isTTY;
    const bar = new SingleBar({ format: 'enrolling [{bar}] {value}/{total} {name}', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
    if (showBar) bar.start(jobs.length, 0, { name: '' });
    const summary = await withFaces(async (faces, store) => {
      const people = new PeopleRepo(store.db);
      const out = new Map<string, { name: string; enrolled: number; rejected: Array<{ file: string; reason: string }> }>();
      for (const { name, file } of jobs) {
        const entry = out.get(name) ?? { name, enrolled: 0, rejected: [] };
        out.set(name, entry);
        if (showBar) bar.increment({ name: `${name}/${file}` });
        if (!IMAGE_FILE.test(file)) {
          entry.rejected.push({ file, reason: 'not a JPEG, PNG or WebP file' });
          continue;
        }
        const p = (await people.findByName(name)) ?? (await people.create(name));
        try {
          await faces.enrol(p.id, readFileSync(path.join(folder, name, file)));
          entry.enrolled++;
        } catch (err) {
          if (!(err instanceof EnrolError || err instanceof ImageError)) throw err;
          entry.rejected.push({ file, reason: err.message });
        }
      }
      return [...out.values()];
    });
    if (showBar) bar.stop();
    const lines = summary.map((p) => `${p.name}: ${p.enrolled} enrolled${p.rejected.map((r) => `\n  rejected ${r.file}: ${r.reason}`).join('')}`);
    report({ people: summary }, lines.join('\n'));
  });

program
  .command('identify <images...>')
  .description('Find and name the faces in images')
  .action(async (images: string[]) => {
    const results = await withFaces(async (faces) => {
      const out: Array<{ file: string; faces?: Array<{ box: number[]; person: { id: string; name: string } | null; score: number; live: boolean }>; error?: string }> = [];
      for (const file of images) {
        try {
          const found = await faces.recognize(readFileSync(file));
          out.push({ file, faces: found.map((f) => ({ box: f.box, person: f.person, score: Number(f.score.toFixed(4)), live: f.live })) });
        } catch (err) {
          const known = err instanceof ImageError || (err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EISDIR';
          if (!known) throw err;
          out.push({ file, error: (err as Error).message });
        }
      }
      return out;
    });
    const text = results.map((r) =>
      r.error ? `${r.file}: ${r.error}` : `${r.file}: ${r.faces?.length ? r.faces.map((f) => `${f.person?.name ?? 'unknown'} (${f.score.toFixed(3)}${f.live ? '' : ', not live'})`).join(', ') : 'no face'}`,
    );
    report({ results }, text.join('\n'));
    if (results.some((r) => r.error)) process.exitCode = 1;
  });

const sensor = program.command('sensor').description('Door and window sensors');
sensor
  .command('simulate <id> <contact>')
  .description(
    'Publish a sensor state exactly as a device would (contact: open or closed). A signed sensor\'s message is signed with its key ' +
      'and numbered above the last number Vigil accepted, within the device\'s current boot, so the real device is heard again after its next restart (or provisioning)',
  )
  .option('--battery <percent>', 'battery level to report', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 100) throw new InvalidArgumentError('a whole number 0-100');
    return n;
  })
  .option('--tamper', 'report the tamper switch as open')
  .action(async (id: string, contact: string, opts: { battery?: number; tamper?: boolean }) => {
    if (contact !== 'open' && contact !== 'closed') throw new UsageError('contact must be "open" or "closed"');
    const fields = { contact, battery: opts.battery, tamper: opts.tamper } as const;
    const { cfg, payload } = await withStore(async (store, cfg) => {
      const s = await new SensorRepo(store.db).get(id);
      if (!s?.signed) return { cfg, payload: JSON.stringify(fields) };
      // Well above the last number Vigil saved (it saves once a second, so the device may be a few
      // ahead), rising with the clock so quick simulations rise too, and below the device's next
      // boot (boot << 32), so a restart brings the real device back.
      const seq = (s.state.lastSeq ?? 0) + 2 ** 20 + (Date.now() % 2 ** 20);
      return { cfg, payload: signedPayload(deriveSensorKey(sensorMasterKey(cfg.dataDir), id, s.keySalt), id, { ...fields, seq }) };
    });
    const login = internalMqtt(cfg);
    const topic = new Topics(cfg.mqtt.prefix).sensorState(id);
    const client = await mqtt.connectAsync(login.url, {
      ...mqttClientOptions(login),
      connectTimeout: 5000,
      reconnectPeriod: 0,
    });
    try {
      await client.publishAsync(topic, payload, { qos: 1 });
    } finally {
      await client.endAsync();
    }
    report({ topic, payload: JSON.parse(payload) as unknown }, `published ${payload} to ${topic}`);
  });
sensor
  .command('provision <id>')
  .description(
    "Make a new signing key (and, with the built-in broker, MQTT password) for a Vigil ESP8266 sensor and print its config.h; the device's old ones stop working",
  )
  .option('--wifi-ssid <name>', 'Wi-Fi network the sensor joins')
  .option('--wifi-password <password>', 'its password (or edit config.h)')
  .option('--host <address>', "this machine's address as the sensor reaches it", defaultHost())
  .option('--out <file>', 'write config.h here (mode 0600) instead of printing it')
  .action(async (id: string, opts: { wifiSsid?: string; wifiPassword?: string; host: string; out?: string }) => {
    const text = await withStore(async (store, cfg) => {
      const repo = new SensorRepo(store.db);
      const s = await repo.get(id);
      if (!s) throw new UsageError(`no sensor "${id}" (start Vigil once after adding it to the config file)`);
      if (!runsVigilFirmware(s)) throw new UsageError(`sensor "${id}" is not a signed sensor on Vigil's own topics, so it does not run the Vigil firmware`);
      const key = deriveSensorKey(sensorMasterKey(cfg.dataDir), id, await repo.newKeySalt(id));
      const login = cfg.mqtt.url ? null : await new MqttDeviceRepo(store.db).issueForSensor(id);
      const wifi = opts.wifiSsid ? { ssid: opts.wifiSsid, password: opts.wifiPassword ?? '' } : undefined;
      return firmwareConfig({ sensorId: id, key, broker: brokerEndpoint(cfg, opts.host), login, topics: new Topics(cfg.mqtt.prefix), wifi });
    });
    if (!opts.out) return void process.stdout.write(text);
    writeFileSync(opts.out, text, { mode: 0o600 });
    report({ file: opts.out }, `wrote ${opts.out}; a running Vigil takes the new key within 5 s`);
  });

program
  .command('homeassistant')
  .description("Home Assistant's MQTT login on the built-in broker")
  .command('login')
  .description("Make a new MQTT login for Home Assistant (shown once; the old one stops working): it may read Vigil's states and send alarm and door commands")
  .option('--host <address>', "this machine's address as Home Assistant reaches it", defaultHost())
  .action(async (opts: { host: string }) => {
    const login = await withStore((store, cfg) => issueHaLogin(new MqttDeviceRepo(store.db), cfg, opts.host));
    const { broker } = login;
    report(
      login,
      [
        `In Home Assistant: Settings → Devices & services → Add integration → MQTT, then`,
        `  broker ${broker.host}  port ${broker.port}${broker.tls ? '  (TLS: check the certificate fingerprint ' + (broker.tlsFingerprint ?? '') + ')' : ''}`,
        `  username ${login.username}  password ${login.password}`,
        `Discovery (prefix "${login.discoveryPrefix}") then adds the alarm panel, every sensor and door by themselves.`,
      ].join('\n'),
    );
  });

const wg = program.command('wg').description('Remote access: phones as WireGuard peers of the home router (wireguard.* settings)');
const wgPeer = wg.command('peer').description('Phones that may connect');
wgPeer
  .command('add <name>')
  .description("Make a phone's WireGuard config, shown once as text and QR code, and the router's commands for it")
  .option('--out <file>', "also write the phone's config here (mode 0600)")
  .action(async (name: string, opts: { out?: string }) => {
    const made = await withStore((store, cfg) => remoteAccess(cfg, store).add(name));
    if (opts.out) writeFileSync(opts.out, made.config, { mode: 0o600 });
    const qr = globals().json ? '' : await QRCode.toString(made.config, { type: 'terminal', small: true });
    report(
      made,
      [
        `Peer ${made.peer.name} gets ${made.peer.address}. Scan this with the WireGuard app (shown once; Vigil does not keep the phone's key):`,
        qr,
        made.config,
        'On the router (OpenWrt, over SSH):',
        made.uci,
      ].join('\n'),
    );
  });
wgPeer
  .command('list')
  .description('Every peer with its address and public key')
  .action(async () => {
    const peers = await withStore((store, cfg) => remoteAccess(cfg, store).list());
    report({ peers }, peers.length ? peers.map((p) => `${p.name}  ${p.address}  ${p.publicKey}`).join('\n') : 'no peers');
  });
wgPeer
  .command('remove <name>')
  .description("Forget a phone and print the router's commands that lock it out")
  .action(async (name: string) => {
    const uci = await withStore((store, cfg) => remoteAccess(cfg, store).remove(name));
    if (uci === undefined) throw new UsageError(`no peer "${name}"`);
    report({ uci }, `On the router:\n${uci}`);
  });
wg.command('router')
  .description("The router's whole WireGuard setup (interface, firewall, every peer) as uci commands; holds the router's private key")
  .action(async () => {
    const uci = await withStore((store, cfg) => remoteAccess(cfg, store).routerSetup());
    report({ uci }, uci);
  });

const door = program.command('door').description('Door terminals');
door
  .command('token <id>')
  .description("Make the door's kiosk token (replaces the old one) and print the kiosk address")
  .action(async (id: string) => {
    await withStore(async (store, cfg) => {
      if (!cfg.doors.some((d) => d.id === id)) throw new UsageError(`no door "${id}" in the configuration (doors: ${cfg.doors.map((d) => d.id).join(', ') || 'none'})`);
      const token = await new DoorTokenRepo(store.db).issue(id);
      const kioskUrl = `http://<this machine>:${cfg.http.port}/kiosk#token=${token}`;
      report({ door: id, token, kioskUrl }, `kiosk token for ${id} (shown once): ${token}\nopen ${kioskUrl} on the door's tablet`);
    });
  });

const logCmd = program.command('log').description('The event log');
logCmd
  .command('verify')
  .description('Check the hash chain: any edited, inserted or deleted event is reported')
  .action(async () => {
    await withStore(async (store, cfg) => {
      const result = await openEventLog(store, cfg.dataDir).verify();
      report(result, result.ok ? `log intact: ${result.count} events, head ${result.head}` : `LOG BROKEN at event ${result.seq}: ${result.reason} (${result.count} events verified before it)`);
      if (!result.ok) process.exitCode = 1;
    });
  });

const db = program.command('db').description('The database');
db.command('backup <file>')
  .description('Write a consistent copy of the database while Vigil runs')
  .action(async (file: string) => {
    await withStore(async (store) => {
      await store.backup(file);
      report({ file, database: store.dialect }, `backup written to ${file}`);
    });
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const known = err instanceof ConfigError || err instanceof StartupError || err instanceof UsageError || err instanceof Conflict;
  const message = known ? (err as Error).message : `unexpected error: ${(err as Error).stack ?? String(err)}`;
  if (globals().json) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
  process.stderr.write(`vigil: ${message}\n`);
  process.exit(known ? 2 : 1);
}
