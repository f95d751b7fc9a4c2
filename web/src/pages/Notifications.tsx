import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, formatTime } from '../api.ts';
import { ALERT_TYPES } from '../../../src/core/events.ts';
import { DataTable } from '../components/DataTable.tsx';
import { NotifyThisDevice } from '../components/NotifyThisDevice.tsx';

type ChannelType = 'webpush' | 'ntfy' | 'telegram' | 'email' | 'webhook';
interface Rules {
  types: string[];
  quietHours?: { from: string; to: string };
  groupSeconds: number;
  maxPerMinute: number;
}
interface Channel {
  id: string;
  type: ChannelType;
  name: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  rules: Rules;
}
interface Delivery {
  id: number;
  channel: string | null;
  seqs: number[];
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

/** The settings each channel type asks for (the server checks them). */
const FIELDS: Record<ChannelType, Array<{ key: string; label: string; kind?: 'password' | 'number' | 'list' | 'security' }>> = {
  webpush: [],
  ntfy: [
    { key: 'server', label: 'Server' },
    { key: 'topic', label: 'Topic' },
    { key: 'token', label: 'Access token', kind: 'password' },
  ],
  telegram: [
    { key: 'token', label: 'Bot token', kind: 'password' },
    { key: 'chatId', label: 'Chat id' },
  ],
  email: [
    { key: 'host', label: 'SMTP server' },
    { key: 'port', label: 'Port', kind: 'number' },
    { key: 'security', label: 'Security', kind: 'security' },
    { key: 'username', label: 'User name' },
    { key: 'password', label: 'Password', kind: 'password' },
    { key: 'from', label: 'From' },
    { key: 'to', label: 'To (comma-separated)', kind: 'list' },
  ],
  webhook: [
    { key: 'url', label: 'URL' },
    { key: 'secret', label: 'Signing secret', kind: 'password' },
  ],
};
const LABEL: Record<ChannelType, string> = { webpush: 'Web Push (this panel’s browsers)', ntfy: 'ntfy', telegram: 'Telegram', email: 'E-mail', webhook: 'Webhook' };
const ALERTING: string[] = [...ALERT_TYPES, 'SensorBatteryLow', 'Entry', 'Exit', 'Denied'];
const DEFAULT_TYPES = ['Intrusion', 'AlarmTriggered', 'DuressAlarm', 'Tailgating', 'DoorForced', 'SensorOffline', 'SensorTamper', 'SensorBatteryLow'];

function AddChannel({ onAdded }: { onAdded: () => void }) {
  const [type, setType] = useState<ChannelType>('ntfy');
  const [message, setMessage] = useState('');
  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const settings: Record<string, unknown> = {};
    for (const field of FIELDS[type]) {
      const raw = String(f.get(field.key) ?? '').trim();
      if (!raw) continue;
      settings[field.key] = field.kind === 'number' ? Number(raw) : field.kind === 'list' ? raw.split(',').map((x) => x.trim()).filter(Boolean) : raw;
    }
    const quietFrom = String(f.get('quietFrom') ?? ''), quietTo = String(f.get('quietTo') ?? '');
    const rules: Rules = { types: f.getAll('types').map(String), groupSeconds: Number(f.get('groupSeconds') || 0), maxPerMinute: Number(f.get('maxPerMinute') || 10) };
    if (quietFrom && quietTo) rules.quietHours = { from: quietFrom, to: quietTo };
    try {
      await api.post('/api/notify/channels', { type, name: String(f.get('name')), settings, rules });
      setMessage('Channel added.');
      form.reset();
      onAdded();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  return (
    <form onSubmit={(e) => void add(e)} aria-label="Add a channel">
      <label htmlFor="ch-type">Kind</label>
      <select id="ch-type" value={type} onChange={(e) => setType(e.target.value as ChannelType)}>
        {(Object.keys(LABEL) as ChannelType[]).map((t) => (
          <option key={t} value={t}>
            {LABEL[t]}
          </option>
        ))}
      </select>
      <label htmlFor="ch-name">Name</label>
      <input id="ch-name" name="name" required maxLength={100} />
      {FIELDS[type].map((field) => (
        <div key={`${type}-${field.key}`} className="field">
          <label htmlFor={`ch-${field.key}`}>{field.label}</label>
          {field.kind === 'security' ? (
            <select id={`ch-${field.key}`} name={field.key} defaultValue="starttls">
              <option value="starttls">STARTTLS (port 587)</option>
              <option value="tls">TLS (port 465)</option>
              <option value="none">none (local relay only)</option>
            </select>
          ) : (
            <input id={`ch-${field.key}`} name={field.key} type={field.kind === 'password' ? 'password' : field.kind === 'number' ? 'number' : 'text'} autoComplete="off" />
          )}
        </div>
      ))}
      <fieldset>
        <legend>Events</legend>
        {ALERTING.map((t) => (
          <label key={t}>
            <input type="checkbox" name="types" value={t} defaultChecked={DEFAULT_TYPES.includes(t)} /> {t}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Quiet hours (urgent alerts still go at once)</legend>
        <label>
          from <input type="time" name="quietFrom" />
        </label>
        <label>
          to <input type="time" name="quietTo" />
        </label>
      </fieldset>
      <label htmlFor="ch-group">Group bursts within (seconds)</label>
      <input id="ch-group" name="groupSeconds" type="number" min={0} max={3600} defaultValue={0} />
      <label htmlFor="ch-rate">At most messages a minute</label>
      <input id="ch-rate" name="maxPerMinute" type="number" min={1} max={600} defaultValue={10} />
      <button type="submit">Add channel</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}

export function Notifications() {
  const [channels, setChannels] = useState<Channel[]>([]);
  const [deliveries, setDeliveries] = useState<Delivery[]>([]);
  const [status, setStatus] = useState('');
  const load = useCallback(() => {
    Promise.all([api.get<Channel[]>('/api/notify/channels'), api.get<Delivery[]>('/api/notify/deliveries')]).then(
      ([c, d]) => {
        setChannels(c);
        setDeliveries(d.slice(0, 20));
      },
      (e: Error) => setStatus(e.message),
    );
  }, []);
  useEffect(load, [load]);
  const test = async (c: Channel) => {
    const r = await api.post<{ ok: boolean; error?: string }>(`/api/notify/channels/${c.id}/test`);
    setStatus(r.ok ? `Test message sent through ${c.name}.` : `${c.name}: ${r.error ?? 'failed'}`);
    load();
  };
  const remove = async (c: Channel) => {
    await api.del(`/api/notify/channels/${c.id}`);
    load();
  };
  return (
    <section className="card wide" aria-labelledby="notify-h">
      <h2 id="notify-h">Notifications</h2>
      <p>
        <NotifyThisDevice />
      </p>
      <DataTable columns={['Channel', 'Kind', 'Events', 'Rules', <span className="sr-only">Actions</span>]} label="Channels">
        {channels.map((c) => (
          <tr key={c.id}>
            <td>{c.name}</td>
            <td>{LABEL[c.type]}</td>
            <td>{c.rules.types.join(', ')}</td>
            <td>
              {c.rules.quietHours ? `quiet ${c.rules.quietHours.from}-${c.rules.quietHours.to}; ` : ''}
              {c.rules.groupSeconds ? `grouped ${c.rules.groupSeconds}s; ` : ''}≤{c.rules.maxPerMinute}/min
            </td>
            <td>
              <button type="button" onClick={() => void test(c)}>
                Send a test
              </button>{' '}
              <button type="button" onClick={() => void remove(c)}>
                Delete
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
      {status && <p role="status">{status}</p>}
      <details>
        <summary>Add a channel</summary>
        <AddChannel onAdded={load} />
      </details>
      <h3>Latest deliveries</h3>
      <DataTable columns={['When', 'Channel', 'Events', 'Status', 'Tries', 'Error']} label="Deliveries">
        {deliveries.map((d) => (
          <tr key={d.id}>
            <td>{formatTime(d.sentAt ?? d.createdAt)}</td>
            <td>{d.channel ?? 'deleted'}</td>
            <td>{d.seqs.map((s) => `#${s}`).join(' ')}</td>
            <td>{d.status}</td>
            <td>{d.attempts + (d.status === 'sent' ? 1 : 0)}</td>
            <td>{d.lastError ?? ''}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
