import { useState, type FormEvent } from 'react';
import { Download, Plus, Trash2 } from 'lucide-react';
import { api } from '../api.ts';
import { useApi } from '../useApi.ts';
import { Confirm, Field, PageHeader, ShownOnce, Status, useAction } from '../components/ui.tsx';

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
  const action = useAction();
  return (
    <section className="card" aria-labelledby="ha-h">
      <h2 id="ha-h">Home Assistant</h2>
      <p className="help">Vigil publishes MQTT discovery: the alarm panel, every sensor and door appear in Home Assistant once its MQTT integration uses Vigil&apos;s broker.</p>
      {builtIn ? (
        <Confirm
          tone="primary"
          trigger={
            <button type="button" className="btn secondary">
              Make a Home Assistant login
            </button>
          }
          title="Make a new Home Assistant login?"
          description="The password is shown once and replaces the old one: a Home Assistant that uses the old one stops receiving updates until you enter the new one."
          action="Make login"
          onConfirm={() => action.run(async () => setLogin(await api.post<HaLogin>('/api/settings/homeassistant')))}
        />
      ) : (
        <p className="muted">Vigil uses an external broker: give Home Assistant an account there.</p>
      )}
      {login && (
        <ShownOnce label="Home Assistant login">
          <p>In Home Assistant add the MQTT integration with (shown once; it replaces the old password):</p>
          <code>
            broker {login.broker.host} port {login.broker.port}
            {login.broker.tls ? ` TLS (certificate ${login.broker.tlsFingerprint ?? ''})` : ''} user {login.username} password {login.password}
          </code>
        </ShownOnce>
      )}
      <Status error={action.error} />
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
  const peers = useApi<WgPeer[]>('/api/remote/peers');
  const [made, setMade] = useState<NewPeer | null>(null);
  const [routerUci, setRouterUci] = useState('');
  const action = useAction();
  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const name = String(new FormData(form).get('peer'));
    void action.run(async () => {
      setMade(await api.post<NewPeer>('/api/remote/peers', { name }));
      setRouterUci('');
      form.reset();
      peers.reload();
    });
  };
  return (
    <section className="card wide" aria-labelledby="wg-h">
      <h2 id="wg-h">Remote access (WireGuard)</h2>
      <p className="help">Phones reach Vigil through a VPN that your router serves; nothing of Vigil is open to the internet.</p>
      {peers.data?.length === 0 && <p className="muted">No phones yet.</p>}
      <ul className="list" aria-label="WireGuard peers">
        {peers.data?.map((p) => (
          <li key={p.name} className="list-row">
            <span className="list-main">
              <strong>{p.name}</strong> <span className="muted">{p.address}</span>
            </span>
            <Confirm
              trigger={
                <button type="button" className="btn ghost danger-text" aria-label={`Remove ${p.name}`}>
                  <Trash2 aria-hidden="true" size={16} /> Remove
                </button>
              }
              title={`Remove the phone ${p.name}?`}
              description="Vigil forgets it and shows the router commands that lock it out."
              action="Remove phone"
              onConfirm={async () => {
                const { uci } = await api.del<{ uci: string }>(`/api/remote/peers/${encodeURIComponent(p.name)}`);
                setMade(null);
                setRouterUci(uci);
                peers.reload();
              }}
            />
          </li>
        ))}
      </ul>
      <form className="row-form" onSubmit={add} aria-label="Add a phone">
        <Field label="Phone name" help="Letters, digits, - and _: ann-phone.">
          {(p) => <input {...p} name="peer" pattern="[A-Za-z0-9][A-Za-z0-9_\-]{0,31}" required />}
        </Field>
        <button type="submit" className="btn primary">
          <Plus aria-hidden="true" size={18} /> Add phone
        </button>
      </form>
      <button type="button" className="btn secondary" onClick={() => void action.run(async () => (setRouterUci((await api.get<{ uci: string }>('/api/remote/router')).uci), setMade(null)))}>
        Router setup
      </button>
      <Status error={action.error || peers.error} />
      {made && (
        <ShownOnce label="New phone">
          <p>Scan with the WireGuard app (shown once; Vigil does not keep the phone&apos;s key):</p>
          <img className="qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(made.qrSvg)}`} alt={`WireGuard QR code for ${made.peer.name}`} />
          <pre tabIndex={0}>{made.config}</pre>
          <p>On the router (OpenWrt, over SSH):</p>
          <pre tabIndex={0}>{made.uci}</pre>
        </ShownOnce>
      )}
      {routerUci && (
        <>
          <p>Run these on the router (OpenWrt, over SSH):</p>
          <pre tabIndex={0} aria-label="Router commands">{routerUci}</pre>
        </>
      )}
    </section>
  );
}

export default function Settings() {
  const settings = useApi<SystemSettings>('/api/settings');
  const action = useAction();
  const s = settings.data;
  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const days = Number(new FormData(e.currentTarget).get('days'));
    await action.run(() => api.put('/api/settings/retention', { snapshotDays: days }), 'Retention saved.');
  };
  return (
    <>
      <PageHeader title="Settings">How Vigil keeps its data and talks to the rest of the house.</PageHeader>
      <Status error={settings.error} />
      {s && (
        <div className="grid">
          <section className="card" aria-labelledby="ret-h">
            <h2 id="ret-h">Snapshots</h2>
            <form onSubmit={(e) => void save(e)} aria-label="Retention">
              <Field label="Keep door snapshots for (days)" help="0 = for ever. The event log itself is never pruned: it is the tamper-evident record.">
                {(p) => <input {...p} name="days" type="number" min={0} max={3650} defaultValue={s.retention.snapshotDays} required />}
              </Field>
              <button type="submit" className="btn primary">
                Save retention
              </button>
              <Status message={action.message} error={action.error} />
            </form>
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
            <p className="help">These come from the config file and environment (see the README).</p>
            <a className="btn secondary" href="/api/system/backup" download>
              <Download aria-hidden="true" size={18} /> Download a backup of the database
            </a>
          </section>
          <HomeAssistant builtIn={s.mqtt.builtIn} />
          <RemoteAccess />
        </div>
      )}
    </>
  );
}
