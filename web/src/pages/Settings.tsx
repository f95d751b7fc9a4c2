import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { Notifications } from './Notifications.tsx';

interface SystemSettings {
  retention: { snapshotDays: number };
  mqtt: { builtIn: boolean; address: string; prefix: string };
  database: { kind: string; location: string };
}

interface HaLogin {
  broker: { host: string; port: number; tls: boolean; tlsFingerprint: string | null };
  username: string;
  password: string;
  discoveryPrefix: string;
}

/** Home Assistant finds Vigil by MQTT discovery; on the built-in broker it needs a login of its own. */
function HomeAssistant({ builtIn }: { builtIn: boolean }) {
  const [login, setLogin] = useState<HaLogin | null>(null);
  const [message, setMessage] = useState('');
  const issue = async () => {
    try {
      setLogin(await api.post<HaLogin>('/api/settings/homeassistant'));
      setMessage('');
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  return (
    <section className="card" aria-labelledby="ha-h">
      <h2 id="ha-h">Home Assistant</h2>
      <p className="muted">
        Vigil publishes MQTT discovery: the alarm panel, every sensor and door appear in Home Assistant once its MQTT integration uses Vigil&apos;s broker.
      </p>
      {builtIn ? (
        <button type="button" onClick={() => void issue()}>
          Make a Home Assistant login
        </button>
      ) : (
        <p className="muted">Vigil uses an external broker: give Home Assistant an account there.</p>
      )}
      {login && (
        <div className="notice" role="status" aria-label="Home Assistant login">
          <p>In Home Assistant add the MQTT integration with (shown once; it replaces the old password):</p>
          <code>
            broker {login.broker.host} port {login.broker.port}
            {login.broker.tls ? ` TLS (certificate ${login.broker.tlsFingerprint ?? ''})` : ''} user {login.username} password {login.password}
          </code>
        </div>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}

interface WgPeer {
  name: string;
  address: string;
  publicKey: string;
}
interface NewPeer {
  peer: WgPeer;
  config: string;
  qrSvg: string;
  uci: string;
}

/** Phones as WireGuard peers of the home router; the router's side is uci commands to paste. */
function RemoteAccess() {
  const [peers, setPeers] = useState<WgPeer[]>([]);
  const [made, setMade] = useState<NewPeer | null>(null);
  const [routerUci, setRouterUci] = useState('');
  const [message, setMessage] = useState('');
  const load = () => api.get<WgPeer[]>('/api/remote/peers').then(setPeers, (e: Error) => setMessage(e.message));
  useEffect(() => {
    void load();
  }, []);
  const attempt = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get('peer'));
    void attempt(async () => {
      setMade(await api.post<NewPeer>('/api/remote/peers', { name }));
      setRouterUci('');
      setMessage('');
      await load();
    });
  };
  const remove = (name: string) =>
    void attempt(async () => {
      const { uci } = await api.del<{ uci: string }>(`/api/remote/peers/${encodeURIComponent(name)}`);
      setMade(null);
      setRouterUci(uci);
      setMessage(`${name} removed. Run these on the router to lock the phone out:`);
      await load();
    });
  const router = () =>
    void attempt(async () => {
      setRouterUci((await api.get<{ uci: string }>('/api/remote/router')).uci);
      setMade(null);
      setMessage('');
    });
  return (
    <section className="card" aria-labelledby="wg-h">
      <h2 id="wg-h">Remote access (WireGuard)</h2>
      <ul aria-label="WireGuard peers">
        {peers.map((p) => (
          <li key={p.name}>
            {p.name} <span className="muted">{p.address}</span>{' '}
            <button type="button" onClick={() => remove(p.name)} aria-label={`Remove ${p.name}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add} aria-label="Add a phone">
        <label htmlFor="peer">Phone name</label>
        <input id="peer" name="peer" pattern="[A-Za-z0-9][A-Za-z0-9_\-]{0,31}" required />
        <button type="submit">Add phone</button>
      </form>
      <button type="button" onClick={router}>
        Router setup
      </button>
      {message && <p role="status">{message}</p>}
      {made && (
        <div className="notice" role="status" aria-label="New phone">
          <p>Scan with the WireGuard app (shown once; Vigil does not keep the phone&apos;s key):</p>
          <img className="qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(made.qrSvg)}`} alt={`WireGuard QR code for ${made.peer.name}`} />
          <pre>{made.config}</pre>
          <p>On the router (OpenWrt, over SSH):</p>
          <pre>{made.uci}</pre>
        </div>
      )}
      {routerUci && <pre aria-label="Router commands">{routerUci}</pre>}
    </section>
  );
}

function System() {
  const [s, setS] = useState<SystemSettings | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    api.get<SystemSettings>('/api/settings').then(setS, (e: Error) => setMessage(e.message));
  }, []);
  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const days = Number(new FormData(e.currentTarget).get('days'));
    try {
      await api.put('/api/settings/retention', { snapshotDays: days });
      setMessage('Retention saved.');
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  if (!s) return <p className="muted">{message || '…'}</p>;
  return (
    <>
      <section className="card" aria-labelledby="ret-h">
        <h2 id="ret-h">Retention</h2>
        <form onSubmit={(e) => void save(e)}>
          <label htmlFor="days">Keep door snapshots for (days, 0 = for ever)</label>
          <input id="days" name="days" type="number" min={0} max={3650} defaultValue={s.retention.snapshotDays} required />
          <button type="submit">Save retention</button>
        </form>
        <p className="muted">The event log itself is never pruned: it is the tamper-evident record.</p>
        {message && <p role="status">{message}</p>}
      </section>
      <section className="card" aria-labelledby="sys-h">
        <h2 id="sys-h">MQTT and database</h2>
        <dl>
          <dt>MQTT broker</dt>
          <dd>
            {s.mqtt.builtIn ? 'built-in' : 'external'}, {s.mqtt.address}, topics under <code>{s.mqtt.prefix}/</code>
          </dd>
          <dt>Database</dt>
          <dd>
            {s.database.kind}, {s.database.location}
          </dd>
        </dl>
        <p className="muted">These come from the config file and environment (see the README).</p>
        <a href="/api/system/backup" download>
          Download a backup of the database
        </a>
      </section>
      <HomeAssistant builtIn={s.mqtt.builtIn} />
      <RemoteAccess />
    </>
  );
}

export function Settings() {
  const { signOut } = useSession();
  const [message, setMessage] = useState('');
  const change = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    try {
      await api.post('/api/auth/password', { current: String(f.get('current')), next: String(f.get('password')) });
      setMessage('Password changed.');
      form.reset();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  return (
    <div className="grid">
      <section className="card" aria-labelledby="pw-h">
        <h1 id="pw-h">Your password</h1>
        <form onSubmit={(e) => void change(e)}>
          <label htmlFor="current">Current password</label>
          <input id="current" name="current" type="password" autoComplete="current-password" required />
          <label htmlFor="new">New password</label>
          <input id="new" name="password" type="password" autoComplete="new-password" minLength={10} required />
          <button type="submit">Change password</button>
        </form>
        {message && <p role="status">{message}</p>}
      </section>
      <section className="card" aria-labelledby="out-h">
        <h2 id="out-h">Sessions</h2>
        <button type="button" onClick={() => void signOut(true)}>
          Sign out everywhere
        </button>
      </section>
      <System />
      <Notifications />
    </div>
  );
}
