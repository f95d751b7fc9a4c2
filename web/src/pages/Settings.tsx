import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { Notifications } from './Notifications.tsx';

interface SystemSettings {
  retention: { snapshotDays: number };
  mqtt: { builtIn: boolean; address: string; prefix: string };
  database: { kind: string; location: string };
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
