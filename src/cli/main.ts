// The `vigil` command. Only commander and this file load up front; each action imports what
// its command needs when it runs, so `vigil --help` or `vigil log verify` never load the web
// server or the face models.
import { Command, InvalidArgumentError, Option } from 'commander';
import { ROLES, type Role } from '../store/users.ts';
import { defaultHost, type GlobalOptions } from './basics.ts';
import { DomainError, StartupError } from '../core/errors.ts';
import type { Cli } from './context.ts';

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

async function cli(): Promise<Cli> {
  const { Cli } = await import('./context.ts');
  return new Cli(globals());
}

program
  .command('start')
  .description('Run Vigil (web panel, API, MQTT, alarm)')
  .action(async () => (await import('./commands/start.ts')).start(await cli()));

const admin = program.command('admin').description('Accounts for the web panel and API');
admin
  .command('add <username>')
  .description('Create an account; prints a generated password unless --password-stdin is given')
  .addOption(new Option('--role <role>', 'access level').choices(ROLES).default('admin'))
  .option('--password-stdin', 'read the password from standard input')
  .action(async (username: string, opts: { role: Role; passwordStdin?: boolean }) => (await import('./commands/admin.ts')).adminAdd(await cli(), username, opts));
admin
  .command('reset-password <username>')
  .description('Set a new password for a forgotten one (generated and printed once unless --password-stdin is given) and sign the account out everywhere')
  .option('--password-stdin', 'read the password from standard input')
  .action(async (username: string, opts: { passwordStdin?: boolean }) => (await import('./commands/admin.ts')).adminResetPassword(await cli(), username, opts));

const person = program.command('person').description('People who may enter');
person
  .command('add <name>')
  .description('Add a person (enrol faces with "vigil enroll" or the API)')
  .action(async (name: string) => (await import('./commands/person.ts')).personAdd(await cli(), name));

program
  .command('enroll <folder>')
  .description('Enrol faces from a folder with one sub-folder of photos per person, named after the person')
  .action(async (folder: string) => (await import('./commands/faces.ts')).enroll(await cli(), folder));

program
  .command('identify <images...>')
  .description('Find and name the faces in images')
  .action(async (images: string[]) => (await import('./commands/faces.ts')).identify(await cli(), images));

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
  .action(async (id: string, contact: string, opts: { battery?: number; tamper?: boolean }) =>
    (await import('./commands/sensor.ts')).sensorSimulate(await cli(), id, contact, opts),
  );
sensor
  .command('provision <id>')
  .description(
    "Make a new signing key (and, with the built-in broker, MQTT password) for a Vigil ESP8266 sensor and print its config.h; the device's old ones stop working",
  )
  .option('--wifi-ssid <name>', 'Wi-Fi network the sensor joins')
  .option('--wifi-password <password>', 'its password (or edit config.h)')
  .option('--host <address>', "this machine's address as the sensor reaches it", defaultHost())
  .option('--out <file>', 'write config.h here (mode 0600) instead of printing it')
  .action(async (id: string, opts: { wifiSsid?: string; wifiPassword?: string; host: string; out?: string }) =>
    (await import('./commands/sensor.ts')).sensorProvision(await cli(), id, opts),
  );

program
  .command('homeassistant')
  .description("Home Assistant's MQTT login on the built-in broker")
  .command('login')
  .description("Make a new MQTT login for Home Assistant (shown once; the old one stops working): it may read Vigil's states and send alarm and door commands")
  .option('--host <address>', "this machine's address as Home Assistant reaches it", defaultHost())
  .action(async (opts: { host: string }) => (await import('./commands/homeassistant.ts')).haLogin(await cli(), opts));

const wg = program.command('wg').description('Remote access: phones as WireGuard peers of the home router (wireguard.* settings)');
const wgPeer = wg.command('peer').description('Phones that may connect');
wgPeer
  .command('add <name>')
  .description("Make a phone's WireGuard config, shown once as text and QR code, and the router's commands for it")
  .option('--out <file>', "also write the phone's config here (mode 0600)")
  .action(async (name: string, opts: { out?: string }) => (await import('./commands/wg.ts')).wgPeerAdd(await cli(), name, opts));
wgPeer
  .command('list')
  .description('Every peer with its address and public key')
  .action(async () => (await import('./commands/wg.ts')).wgPeerList(await cli()));
wgPeer
  .command('remove <name>')
  .description("Forget a phone and print the router's commands that lock it out")
  .action(async (name: string) => (await import('./commands/wg.ts')).wgPeerRemove(await cli(), name));
wg.command('router')
  .description("The router's whole WireGuard setup (interface, firewall, every peer) as uci commands; holds the router's private key")
  .action(async () => (await import('./commands/wg.ts')).wgRouter(await cli()));

const door = program.command('door').description('Door terminals');
door
  .command('token <id>')
  .description("Make the door's kiosk token (replaces the old one) and print the kiosk address")
  .action(async (id: string) => (await import('./commands/door.ts')).doorToken(await cli(), id));

const node = program.command('node').description('Door nodes: a box at a door that runs its doors from a replica of the hub and keeps working when the hub is away');
node
  .command('add <name>')
  .description("On the hub: add a door node for these doors of the hub's configuration; prints its one-time join token (good for 24 h)")
  .requiredOption('--door <id...>', 'a door the node runs (repeat for several)')
  .action(async (name: string, opts: { door: string[] }) => (await import('./commands/node.ts')).nodeAdd(await cli(), name, opts.door));
node
  .command('list')
  .description('On the hub: every door node with its health (online, last seen, replica version, events not yet delivered)')
  .action(async () => (await import('./commands/node.ts')).nodeList(await cli()));
node
  .command('remove <id>')
  .description("On the hub: remove a door node; its key and MQTT login stop working")
  .action(async (id: string) => (await import('./commands/node.ts')).nodeRemove(await cli(), id));
node
  .command('join <hub-url> <token>')
  .description('On the node: join the hub with the token from "vigil node add"; writes <data>/node.json (mode 0600) with the key, MQTT login and doors')
  .action(async (hubUrl: string, token: string) => (await import('./commands/node.ts')).nodeJoin(await cli(), hubUrl, token));
node
  .command('start')
  .description("On the node: run its doors from the hub's replica; events go to the hub (kept locally until it acks them)")
  .action(async () => (await import('./commands/node.ts')).nodeStart(await cli()));
node
  .command('kiosk-token <door>')
  .description("On the node: make the kiosk token of one of its doors (replaces the old one)")
  .action(async (door: string) => (await import('./commands/node.ts')).nodeKioskToken(await cli(), door));

program
  .command('hardware')
  .description("The door units' devices")
  .command('check')
  .description('Look for every configured door device (fingerprint reader, card reader, display, keypads, GPIO lines) and say what answers; changes nothing (stop Vigil first: it holds the serial port)')
  .action(async () => (await import('./commands/door.ts')).hardwareCheck(await cli()));

const finger = program.command('finger').description("Fingers on a door's fingerprint reader (while Vigil is stopped; when it runs, use the panel)");
finger
  .command('enroll <person>')
  .description('Enrol a finger: place it on the sensor, lift it, place it again; the template stays in the sensor')
  .option('--duress', 'the emergency finger: opens the door as usual and raises a silent DuressAlarm')
  .option('--door <id>', 'the door whose reader to use (needed when several doors have one)')
  .option('--label <text>', 'which finger, e.g. "left thumb"')
  .action(async (who: string, opts: { duress?: boolean; door?: string; label?: string }) => (await import('./commands/finger.ts')).fingerEnroll(await cli(), who, opts));
finger
  .command('list <person>')
  .description("A person's enrolled fingers and where they are")
  .action(async (who: string) => (await import('./commands/finger.ts')).fingerList(await cli(), who));

const logCmd = program.command('log').description('The event log');
logCmd
  .command('verify')
  .description('Check the hash chain: any edited, inserted or deleted event is reported')
  .action(async () => (await import('./commands/log.ts')).logVerify(await cli()));

const db = program.command('db').description('The database');
db.command('backup <file>')
  .description("Write a backup while Vigil runs: a consistent copy of the database with the data directory's keys and config (mode 0600; photos and snapshots are not in it)")
  .action(async (file: string) => (await import('./commands/db.ts')).dbBackup(await cli(), file));
db.command('restore <file>')
  .description('Put a backup from "vigil db backup" back: database, keys and config, then upgrade it to this version and verify the log. Stop Vigil first')
  .option('--replace', "replace the data directory's current database and keys (they are moved to <data>/replaced-<time>/)")
  .action(async (file: string, opts: { replace?: boolean }) => (await import('./commands/db.ts')).dbRestore(await cli(), file, opts));

program
  .command('service')
  .description('Run Vigil as a system service')
  .command('install')
  .description(
    'Write a hardened systemd unit (vigil.service) for this installation, with its own system user (made when missing) owning the data directory (--data, default /var/lib/vigil)',
  )
  .option('--user <name>', 'the system user Vigil runs as', 'vigil')
  .option('--unit-dir <dir>', 'where the unit goes', '/etc/systemd/system')
  .option('--watchdog <seconds>', 'restart Vigil when /api/health has not answered for this long', (v) => Number(v), 60)
  .option('--dry-run', 'print the unit; change nothing')
  .action(async (opts: { user: string; unitDir: string; watchdog: number; dryRun?: boolean }) => (await import('./commands/service.ts')).serviceInstall(await cli(), opts));

/** Errors whose message is meant for the user (exit 2); anything else is a bug (exit 1, with the stack). */
async function isKnown(err: unknown): Promise<boolean> {
  if (err instanceof DomainError || err instanceof StartupError) return true;
  const [{ ConfigError }, { BackupError }] = await Promise.all([import('../config/load.ts'), import('../store/backup.ts')]);
  return err instanceof ConfigError || err instanceof BackupError;
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const known = await isKnown(err);
  const message = known ? (err as Error).message : `unexpected error: ${(err as Error).stack ?? String(err)}`;
  if (globals().json) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
  process.stderr.write(`vigil: ${message}\n`);
  process.exit(known ? 2 : 1);
}
