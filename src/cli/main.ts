import { Command, InvalidArgumentError, Option } from 'commander';
import { createInterface } from 'node:readline';
import mqtt from 'mqtt';
import { loadConfig, ConfigError } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { StartupError } from '../core/errors.ts';
import { createLogger } from '../logger.ts';
import { internalMqtt, mqttClientOptions, openEventLog, startVigil } from '../app.ts';
import { openStore, type Store } from '../store/db.ts';
import { ROLES, UserRepo, type Role } from '../store/users.ts';
import { generatePassword, hashPassword } from '../store/passwords.ts';
import { Topics } from '../mqtt/topics.ts';

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

const sensor = program.command('sensor').description('Door and window sensors');
sensor
  .command('simulate <id> <contact>')
  .description('Publish a sensor state exactly as a device would (contact: open or closed)')
  .option('--battery <percent>', 'battery level to report', (v) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('a number 0-100');
    return n;
  })
  .option('--tamper', 'report the tamper switch as open')
  .action(async (id: string, contact: string, opts: { battery?: number; tamper?: boolean }) => {
    if (contact !== 'open' && contact !== 'closed') throw new UsageError('contact must be "open" or "closed"');
    const cfg = config();
    const login = internalMqtt(cfg);
    const topic = new Topics(cfg.mqtt.prefix).sensorState(id);
    const payload = JSON.stringify({ contact, battery: opts.battery, tamper: opts.tamper });
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
  const known = err instanceof ConfigError || err instanceof StartupError || err instanceof UsageError;
  const message = known ? (err as Error).message : `unexpected error: ${(err as Error).stack ?? String(err)}`;
  if (globals().json) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
  process.stderr.write(`vigil: ${message}\n`);
  process.exit(known ? 2 : 1);
}
