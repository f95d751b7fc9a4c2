import { useState, type FormEvent } from 'react';
import { Plus, Send, Trash2 } from 'lucide-react';
import { ALERT_TYPES, type EventType } from '../../../src/core/events.ts';
import { EVENT_CATALOGUE } from '../../../src/core/eventCatalogue.ts';
import { settingsFromForm, type AdapterForm } from '../../../src/core/adapterForm.ts';
import { api, type Adapters, type Channel, type Delivery } from '../api.ts';
import { useApi } from '../useApi.ts';
import { useSession } from '../session.tsx';
import { formatTime } from '../format.ts';
import { Confirm, Drawer, Field, PageHeader, Status, useAction } from '../components/ui.tsx';
import { ThisDevice } from '../components/ThisDevice.tsx';
import { AdapterFields } from '../components/AdapterFields.tsx';

const ALERTING: EventType[] = [...ALERT_TYPES, 'SensorBatteryLow', 'Entry', 'Exit', 'Denied', 'SignInFailed'];
const DEFAULT_TYPES: EventType[] = ['Intrusion', 'AlarmTriggered', 'DuressAlarm', 'Tailgating', 'DoorForced', 'SensorOffline', 'SensorTamper', 'SensorBatteryLow'];
const title = (t: string) => (t in EVENT_CATALOGUE ? EVENT_CATALOGUE[t as EventType].title : t);

function AddChannel({ forms, onAdded }: { forms: AdapterForm[]; onAdded: () => void }) {
  const [type, setType] = useState(forms[0]?.type ?? '');
  const kind = forms.find((f) => f.type === type);
  const [open, setOpen] = useState(false);
  const action = useAction();
  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const settings = kind ? settingsFromForm(kind, (key) => String(f.get(key) ?? '')) : {};
    const quietFrom = String(f.get('quietFrom') ?? ''),
      quietTo = String(f.get('quietTo') ?? '');
    const rules: Record<string, unknown> = { types: f.getAll('types').map(String), groupSeconds: Number(f.get('groupSeconds') || 0), maxPerMinute: Number(f.get('maxPerMinute') || 10) };
    if (quietFrom && quietTo) rules.quietHours = { from: quietFrom, to: quietTo };
    const ok = await action.run(() => api.post('/api/notify/channels', { type, name: String(f.get('name')), settings, rules }), 'Channel added.');
    if (ok) {
      onAdded();
      setOpen(false);
    }
  };
  return (
    <Drawer
      title="Add a channel"
      description="Where alerts go besides this panel."
      open={open}
      onOpenChange={setOpen}
      trigger={
        <button type="button" className="btn primary">
          <Plus aria-hidden="true" size={18} /> Add channel
        </button>
      }
    >
      <form onSubmit={(e) => void add(e)} aria-label="Add a channel">
        <Field label="Kind">
          {(p) => (
            <select {...p} value={type} onChange={(e) => setType(e.target.value)}>
              {forms.map((t) => (
                <option key={t.type} value={t.type}>
                  {t.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Name" help="So you know it in the list: Ann's phone, House e-mail.">
          {(p) => <input {...p} name="name" required maxLength={100} />}
        </Field>
        {kind && <AdapterFields form={kind} />}
        <fieldset>
          <legend>Events</legend>
          <div className="checks">
            {ALERTING.map((t) => (
              <label key={t} className="check">
                <input type="checkbox" name="types" value={t} defaultChecked={DEFAULT_TYPES.includes(t)} /> {title(t)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Quiet hours</legend>
          <p className="help">Urgent alerts still go at once.</p>
          <div className="row-form">
            <label className="inline-field">
              From <input type="time" name="quietFrom" />
            </label>
            <label className="inline-field">
              To <input type="time" name="quietTo" />
            </label>
          </div>
        </fieldset>
        <Field label="Group bursts within (seconds)" help="0 = every event on its own.">
          {(p) => <input {...p} name="groupSeconds" type="number" min={0} max={3600} defaultValue={0} />}
        </Field>
        <Field label="At most messages a minute">{(p) => <input {...p} name="maxPerMinute" type="number" min={1} max={600} defaultValue={10} />}</Field>
        <button type="submit" className="btn primary">
          Add channel
        </button>
        <Status error={action.error} />
      </form>
    </Drawer>
  );
}

function Channels() {
  const channels = useApi<Channel[]>('/api/notify/channels');
  const deliveries = useApi<Delivery[]>('/api/notify/deliveries');
  const adapters = useApi<Adapters>('/api/adapters');
  const forms = adapters.data?.channels ?? [];
  const action = useAction();
  const reload = () => {
    channels.reload();
    deliveries.reload();
  };
  const test = (c: Channel) =>
    action.run(async () => {
      const r = await api.post<{ ok: boolean; error?: string }>(`/api/notify/channels/${c.id}/test`);
      reload();
      if (!r.ok) throw new Error(`${c.name}: ${r.error ?? 'failed'}`);
    }, `Test message sent through ${c.name}.`);
  return (
    <>
      <section className="card" aria-labelledby="channels-h">
        <header className="card-head">
          <h2 id="channels-h">Channels</h2>
          {adapters.data && <AddChannel forms={forms} onAdded={reload} />}
        </header>
        <Status message={action.message} error={action.error || channels.error || adapters.error} />
        {channels.data?.length === 0 && <p className="empty">No channels yet: alerts show only in the panel.</p>}
        {Boolean(channels.data?.length) && (
          <table className="table cards" aria-label="Channels">
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">Kind</th>
                <th scope="col">Events</th>
                <th scope="col">Rules</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {channels.data?.map((c) => (
                <tr key={c.id}>
                  <td data-label="Channel">
                    <strong>{c.name}</strong>
                  </td>
                  <td data-label="Kind">{forms.find((f) => f.type === c.type)?.label ?? c.type}</td>
                  <td data-label="Events">{c.rules.types.map(title).join(', ')}</td>
                  <td data-label="Rules">
                    {c.rules.quietHours ? `quiet ${c.rules.quietHours.from}–${c.rules.quietHours.to}; ` : ''}
                    {c.rules.groupSeconds ? `grouped ${c.rules.groupSeconds} s; ` : ''}at most {c.rules.maxPerMinute} a minute
                  </td>
                  <td data-label="Actions">
                    <div className="row-actions">
                    <button type="button" className="btn secondary" onClick={() => void test(c)} aria-label={`Send a test through ${c.name}`}>
                      <Send aria-hidden="true" size={16} /> Send a test
                    </button>
                    <Confirm
                      trigger={
                        <button type="button" className="btn ghost danger-text" aria-label={`Delete ${c.name}`}>
                          <Trash2 aria-hidden="true" size={16} /> Delete
                        </button>
                      }
                      title={`Delete the channel ${c.name}?`}
                      description="Alerts stop going there. Messages waiting to be sent through it are dropped."
                      action="Delete channel"
                      onConfirm={async () => {
                        await api.del(`/api/notify/channels/${c.id}`);
                        reload();
                      }}
                    />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="deliveries-h">
        <h2 id="deliveries-h">Latest deliveries</h2>
        {deliveries.data?.length === 0 && <p className="empty">Nothing sent yet.</p>}
        {Boolean(deliveries.data?.length) && (
          <table className="table cards" aria-label="Deliveries">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Channel</th>
                <th scope="col">Events</th>
                <th scope="col">Status</th>
                <th scope="col">Tries</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data?.slice(0, 20).map((d) => (
                <tr key={d.id}>
                  <td data-label="When">{formatTime(d.sentAt ?? d.createdAt)}</td>
                  <td data-label="Channel">{d.channel ?? 'deleted'}</td>
                  <td data-label="Events">{d.seqs.map((s) => `#${s}`).join(' ')}</td>
                  <td data-label="Status">{d.status}</td>
                  <td data-label="Tries">{d.attempts + (d.status === 'sent' ? 1 : 0)}</td>
                  <td data-label="Error">{d.lastError ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

export default function Notifications() {
  const { can } = useSession();
  return (
    <>
      <PageHeader title="Notifications">How alerts reach you when you are not looking at this page.</PageHeader>
      <div className="stack">
        <ThisDevice />
        {can('admin') ? <Channels /> : <p className="muted">An admin sets up e-mail, Telegram, ntfy and webhooks.</p>}
      </div>
    </>
  );
}
