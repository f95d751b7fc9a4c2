import net from 'node:net';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import { Aedes, type Client } from 'aedes';
import type { Logger } from 'pino';
import type { Topics } from './topics.ts';
import { listenError, StartupError } from '../core/errors.ts';
import { secretsEqual } from '../store/passwords.ts';
import type { Diagnostics } from '../core/diagnostics.ts';
import { ConnectionCounter, PacketGuard } from './packetGuard.ts';

export interface BrokerOptions {
  host: string;
  port: number;
  tlsCert: string;
  tlsKey: string;
  maxPayloadBytes: number;
  topics: Topics;
  /** Vigil's own login (its client, the CLI): may publish and subscribe anywhere. */
  internal: { username: string; password: string };
  /** Checks a stored login: a device may only publish to its own sensor topics, an integration only commands. */
  verifyLogin: (username: string, password: string) => Promise<MqttRole | null>;
  /** Open connections one address may have (a house has a few devices per address). */
  maxConnectionsPerAddress: number;
  log: Logger;
  diagnostics: Diagnostics;
}

export interface Broker {
  port: number;
  close(): Promise<void>;
}

const BAD_LOGIN = 4;
/** Before login only CONNECT may come, and a CONNECT with its will fits in this. */
const BEFORE_LOGIN_BYTES = 16 * 1024;
/** Topic, properties and framing around a device's payload. */
const PACKET_OVERHEAD = 1024;
/** Vigil's own client publishes events, Home Assistant's discovery documents and door nodes' snapshots (a site's people and faces). */
const INTERNAL_PACKET_BYTES = 64 * 1024 * 1024;
/** A door node sends its events in batches. */
const NODE_PACKET_BYTES = 1024 * 1024;
/** A client must log in this soon after connecting. */
const CONNECT_TIMEOUT_MS = 10_000;

export type MqttRole = 'device' | 'integration' | 'node';

export async function startBroker(opts: BrokerOptions): Promise<Broker> {
  const { topics, log, diagnostics } = opts;
  const roles = new WeakMap<Client, { role: MqttRole | 'internal'; username: string }>();

  const trust = (client: Client, limit: number) => {
    if (client.conn instanceof PacketGuard) client.conn.trust(limit);
  };
  const aedes = await Aedes.createBroker({
    connectTimeout: CONNECT_TIMEOUT_MS,
    authenticate(client, username, password, done) {
      const user = username ?? '';
      const pass = password?.toString('utf8') ?? '';
      const fail = () => {
        diagnostics.count('mqtt_login_rejected');
        log.warn({ clientId: client.id, username: user }, 'MQTT login rejected');
        done(Object.assign(new Error('bad username or password'), { returnCode: BAD_LOGIN }), false);
      };
      if (!user) return fail();
      if (user === opts.internal.username) {
        if (!secretsEqual(pass, opts.internal.password)) return fail();
        roles.set(client, { role: 'internal', username: user });
        trust(client, INTERNAL_PACKET_BYTES);
        return done(null, true);
      }
      opts.verifyLogin(user, pass).then(
        (role) => {
          if (!role) return fail();
          roles.set(client, { role, username: user });
          trust(client, role === 'node' ? NODE_PACKET_BYTES : opts.maxPayloadBytes + PACKET_OVERHEAD);
          done(null, true);
        },
        (err: unknown) => {
          log.error({ err }, 'MQTT device lookup failed');
          fail();
        },
      );
    },
    authorizePublish(client, packet, done) {
      const role = client && roles.get(client);
      if (!role) return done(new Error('not authenticated'));
      if (packet.topic.startsWith('$')) return done(new Error('reserved topic'));
      if (role.role === 'internal') return done(null);
      const allowed =
        role.role === 'device' ? topics.deviceMayPublish(role.username, packet.topic) : role.role === 'node' ? topics.nodeMayPublish(role.username, packet.topic) : topics.integrationMayPublish(packet.topic);
      if (!allowed) {
        diagnostics.count('mqtt_publish_denied');
        log.warn({ username: role.username, topic: packet.topic }, 'MQTT publish outside the login\'s topics denied');
        return done(new Error('not authorized'));
      }
      if (packet.payload.length > (role.role === 'node' ? NODE_PACKET_BYTES : opts.maxPayloadBytes)) {
        diagnostics.count('mqtt_rejected_oversized');
        log.warn({ username: role.username, bytes: packet.payload.length }, 'MQTT payload too large, dropped at the broker');
        return done(new Error('payload too large'));
      }
      if (topics.parseCommand(packet.topic)) packet.topic = topics.stampSender(packet.topic, role.username);
      done(null);
    },
    authorizeSubscribe(client, sub, done) {
      const role = roles.get(client);
      if (role?.role === 'internal') return done(null, sub);
      if (role?.role === 'integration') return done(null, topics.integrationMaySubscribe(sub.topic) ? sub : null);
      if (role?.role === 'node') return done(null, topics.nodeMaySubscribe(role.username, sub.topic) ? sub : null);
      // A device may follow only its own topics (e.g. to read back its retained state).
      const own = role && sub.topic.startsWith(`${topics.prefix}/sensor/${role.username}/`) && !sub.topic.includes('#') && !sub.topic.includes('+');
      done(null, own ? sub : null);
    },
  });

  const tlsOn = Boolean(opts.tlsCert && opts.tlsKey);
  // Without TCP_NODELAY a small PUBLISH can wait ~40 ms for the peer's delayed ACK (Nagle):
  // far too long for an alarm.
  const counter = new ConnectionCounter(opts.maxConnectionsPerAddress);
  const handle = (socket: net.Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    if (!counter.admit(address)) {
      diagnostics.count('mqtt_connection_refused');
      socket.destroy();
      return;
    }
    socket.once('close', () => counter.release(address));
    socket.setNoDelay(true);
    const guard = new PacketGuard(socket, BEFORE_LOGIN_BYTES, (violation, announced) => {
      diagnostics.count(`mqtt_dropped_${violation}`);
      log.warn({ address, violation, announced }, 'MQTT connection dropped: packet over the limit or not an MQTT login');
    });
    aedes.handle(guard);
  };
  let server: net.Server;
  try {
    server = tlsOn ? tls.createServer({ cert: readFileSync(opts.tlsCert), key: readFileSync(opts.tlsKey) }, handle) : net.createServer(handle);
  } catch (err) {
    throw new StartupError(`MQTT TLS files cannot be read (mqtt.tlsCert / mqtt.tlsKey): ${(err as Error).message}`);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) =>
      reject(
        listenError(
          err,
          'The built-in MQTT broker',
          opts.host,
          opts.port,
          `Pick another port with mqtt.port (VIGIL_MQTT_PORT=1884), or use the broker that owns it with mqtt.url (VIGIL_MQTT_URL=mqtt://127.0.0.1:${opts.port}).`,
        ),
      ),
    );
    server.listen(opts.port, opts.host, () => resolve());
  });
  server.on('error', (err) => log.error({ err }, 'MQTT server error'));
  const port = (server.address() as net.AddressInfo).port;
  log.info({ host: opts.host, port, tls: tlsOn }, 'built-in MQTT broker listening');

  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        aedes.close(() => server.close(() => resolve()));
      }),
  };
}
