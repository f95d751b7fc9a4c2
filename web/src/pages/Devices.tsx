import { useEffect, useState, type FormEvent } from 'react';
import { useLocation } from 'react-router';
import { Battery, BatteryLow, DoorClosed, DoorOpen, KeyRound, Pencil, Plus, RectangleVertical, Trash2 } from 'lucide-react';
import { sensorHealth } from '../../../src/core/sensorHealth.ts';
import { settingsFromForm, type AdapterForm } from '../../../src/core/adapterForm.ts';
import { api, type Adapters, type Door, type Sensor } from '../api.ts';
import { SENSOR_REFRESH_MS, useApi, useNow } from '../useApi.ts';
import { useLiveEvents } from '../live.tsx';
import { useSession } from '../session.tsx';
import { relativeTime } from '../format.ts';
import { Badge, Confirm, Drawer, Field, PageHeader, ShownOnce, Status, useAction } from '../components/ui.tsx';
import { AdapterFields } from '../components/AdapterFields.tsx';
import { DoorNodes } from './DoorNodes.tsx';

interface Login {
  username: string;
  password: string;
  stateTopic: string;
  availabilityTopic: string;
}
/** What a new or re-provisioned device needs, shown once. */
interface Issued {
  sensorId: string;
  mqtt: Login | null;
  device: { signingKey: string; firmwareConfig: string } | null;
}

const FACTOR_WORDS: Record<string, string> = { pin: 'PIN', fob: 'card', finger: 'finger', face: 'face' };
/** A door's chain as words: "card + PIN + finger or face". */
const chainWords = (chain: Door['chain']) => chain.map((step) => step.map((f) => FACTOR_WORDS[f] ?? f).join(' or ')).join(' + ');
const DEFAULT_DELAY = { door: 30, window: 0 };

/** "Garage door" -> "garage-door": an id suggested from the name. */
const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);

function IssuedNotice({ issued }: { issued: Issued }) {
  const { mqtt, device } = issued;
  if (!mqtt && !device) return null;
  return (
    <ShownOnce label="Device login">
      <p>
        <strong>For the device {issued.sensorId}, shown once:</strong>
      </p>
      {mqtt && (
        <>
          <p>MQTT login:</p>
          <code>
            user {mqtt.username} password {mqtt.password}
          </code>
          <p>
            Publish to <code>{mqtt.stateTopic}</code> and <code>{mqtt.availabilityTopic}</code>.
          </p>
        </>
      )}
      {device && (
        <>
          <p>
            Signing key: <code>{device.signingKey}</code>
          </p>
          <p>
            {/* A data: URL, not a blob: one, so there is nothing to revoke when the notice goes. */}
            <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(device.firmwareConfig)}`} download="config.h">
              Download config.h
            </a>{' '}
            for the ESP8266 firmware (add the Wi-Fi password if you left it out).
          </p>
        </>
      )}
    </ShownOnce>
  );
}

function AddSensor({ formats, onAdded }: { formats: AdapterForm[]; onAdded: () => void }) {
  const [issued, setIssued] = useState<Issued | null>(null);
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [idEdited, setIdEdited] = useState(false);
  const [kind, setKind] = useState<'door' | 'window'>('door');
  const [delay, setDelay] = useState<string>(String(DEFAULT_DELAY.door));
  const [format, setFormat] = useState('');
  const formatForm = formats.find((f) => f.type === format);
  const action = useAction();
  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    await action.run(async () => {
      const res = await api.post<Omit<Issued, 'sensorId'>>('/api/sensors', {
        id,
        name: name.trim(),
        kind,
        entryDelay: Number(delay || 0),
        heartbeat: Number(f.get('heartbeat') || 0),
        ...(formatForm ? { format: { type: format, ...settingsFromForm(formatForm, (key) => String(f.get(key) ?? '')) } } : { signed: f.get('signed') === 'on' }),
      });
      setIssued({ sensorId: id, ...res });
      onAdded();
    }, `${name} added.`);
  };
  const reset = () => {
    setIssued(null);
    setName('');
    setId('');
    setIdEdited(false);
    setKind('door');
    setDelay(String(DEFAULT_DELAY.door));
    setFormat('');
    action.clear();
  };
  return (
    <Drawer
      title="Add a sensor"
      description={`A door or window contact. Vigil's own ESP8266 sensor, or one that already speaks ${new Intl.ListFormat('en', { type: 'disjunction' }).format(formats.map((f) => f.label))} over MQTT.`}
      onOpenChange={(o) => !o && reset()}
      trigger={
        <button type="button" className="btn primary">
          <Plus aria-hidden="true" size={18} /> Add sensor
        </button>
      }
    >
      {issued ? (
        <>
          <Status message={action.message} />
          <IssuedNotice issued={issued} />
          <button type="button" className="btn secondary" onClick={reset}>
            Add another
          </button>
        </>
      ) : (
        <form onSubmit={(e) => void add(e)} aria-label="Add a sensor">
          <Field label="Name" help="Where it is, as people say it: Front door, Kitchen window.">
            {(p) => (
              <input
                {...p}
                value={name}
                required
                maxLength={100}
                onChange={(e) => {
                  setName(e.target.value);
                  if (!idEdited) setId(slug(e.target.value));
                }}
              />
            )}
          </Field>
          <Field label="Id" help="Used in MQTT topics: letters, digits, - and _.">
            {(p) => (
              <input
                {...p}
                value={id}
                pattern={'[A-Za-z0-9][A-Za-z0-9_\\-]{0,63}'}
                required
                onChange={(e) => {
                  setId(e.target.value);
                  setIdEdited(true);
                }}
              />
            )}
          </Field>
          <fieldset>
            <legend>Kind</legend>
            {(['door', 'window'] as const).map((k) => (
              <label key={k} className="check">
                <input
                  type="radio"
                  name="kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => {
                    setKind(k);
                    setDelay(String(DEFAULT_DELAY[k]));
                  }}
                />{' '}
                {k === 'door' ? 'Door' : 'Window'}
              </label>
            ))}
          </fieldset>
          <Field label="Entry delay (seconds)" help="How long an opening while armed waits for the code before the siren: time to reach the keypad through a door you come home by; 0 for windows.">
            {(p) => <input {...p} type="number" min={0} max={600} value={delay} onChange={(e) => setDelay(e.target.value)} />}
          </Field>
          <Field label="Heartbeat (seconds)" help="If the sensor reports at least this often, a longer silence means it is offline. 0 = it only reports changes.">
            {(p) => <input {...p} name="heartbeat" type="number" min={0} max={86400} defaultValue={0} />}
          </Field>
          <Field label="Speaks">
            {(p) => (
              <select {...p} value={format} onChange={(e) => setFormat(e.target.value)}>
                <option value="">Vigil&apos;s own messages (DIY sensor)</option>
                {formats.map((t) => (
                  <option key={t.type} value={t.type}>
                    {t.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {formatForm && <AdapterFields form={formatForm} />}
          {!format && (
            <label className="check">
              <input type="checkbox" name="signed" defaultChecked /> Signed messages (the Vigil ESP8266 firmware)
            </label>
          )}
          <button type="submit" className="btn primary">
            Add sensor
          </button>
          <Status error={action.error} />
        </form>
      )}
    </Drawer>
  );
}

function EditSensor({ sensor, onSaved }: { sensor: Sensor; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  const action = useAction();
  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const ok = await action.run(() => api.patch(`/api/sensors/${sensor.id}`, { name: String(f.get('name')), entryDelay: Number(f.get('entryDelay')), heartbeat: Number(f.get('heartbeat')) }));
    if (ok) {
      setOpen(false);
      onSaved();
    }
  };
  return (
    <Drawer
      title={`Edit ${sensor.name}`}
      open={open}
      onOpenChange={setOpen}
      trigger={
        <button type="button" className="btn ghost" aria-label={`Edit ${sensor.name}`}>
          <Pencil aria-hidden="true" size={16} /> Edit
        </button>
      }
    >
      <form onSubmit={(e) => void save(e)} aria-label={`Edit ${sensor.name}`}>
        <Field label="Name">{(p) => <input {...p} name="name" defaultValue={sensor.name} required maxLength={100} />}</Field>
        <Field label="Entry delay (seconds)" help="0 = an opening while armed sets the alarm off at once.">
          {(p) => <input {...p} name="entryDelay" type="number" min={0} max={600} defaultValue={sensor.entryDelay} />}
        </Field>
        <Field label="Heartbeat (seconds)" help="0 = never counted offline for silence.">
          {(p) => <input {...p} name="heartbeat" type="number" min={0} max={86400} defaultValue={sensor.heartbeat} />}
        </Field>
        <button type="submit" className="btn primary">
          Save
        </button>
        <Status error={action.error} />
      </form>
    </Drawer>
  );
}

function ProvisionSensor({ sensor, onIssued }: { sensor: Sensor; onIssued: (i: Issued) => void }) {
  const [open, setOpen] = useState(false);
  const action = useAction();
  const provision = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const wifiSsid = String(f.get('wifiSsid') ?? '');
    await action.run(async () => {
      const res = await api.post<Omit<Issued, 'sensorId'>>(`/api/sensors/${sensor.id}/provision`, wifiSsid ? { wifiSsid, wifiPassword: String(f.get('wifiPassword') ?? '') } : {});
      onIssued({ sensorId: sensor.id, ...res });
      setOpen(false);
    });
  };
  return (
    <Drawer
      title={`Provision ${sensor.name}`}
      description="A new signing key and MQTT password for the ESP8266 firmware; the device's old ones stop working."
      open={open}
      onOpenChange={setOpen}
      trigger={
        <button type="button" className="btn ghost" aria-label={`Provision ${sensor.name}`}>
          <KeyRound aria-hidden="true" size={16} /> Provision
        </button>
      }
    >
      <form onSubmit={(e) => void provision(e)} aria-label={`Provision ${sensor.name}`}>
        <Field label="Wi-Fi network (optional)" help="Written into config.h so the sensor joins it.">
          {(p) => <input {...p} name="wifiSsid" maxLength={32} />}
        </Field>
        <Field label="Wi-Fi password">{(p) => <input {...p} name="wifiPassword" type="password" maxLength={64} autoComplete="off" />}</Field>
        <button type="submit" className="btn primary">
          Make config.h
        </button>
        <Status error={action.error} />
      </form>
    </Drawer>
  );
}

function Sensors({ sensors, reload }: { sensors: Sensor[]; reload: () => void }) {
  const { can } = useSession();
  const now = useNow(30_000);
  const [issued, setIssued] = useState<Issued | null>(null);
  // Admin only, like the form; a viewer sees a format by its type.
  const formats = useApi<Adapters>(can('admin') ? '/api/adapters' : null).data?.sensorFormats;
  const formatLabel = (type: string) => formats?.find((f) => f.type === type)?.label ?? type;
  return (
    <section className="card" aria-labelledby="sensors-h">
      <header className="card-head">
        <h2 id="sensors-h">Sensors</h2>
        {formats && <AddSensor formats={formats} onAdded={reload} />}
      </header>
      {sensors.length === 0 && <p className="empty">No sensors yet.</p>}
      {issued && <IssuedNotice issued={issued} />}
      {sensors.length > 0 && (
        <table className="table cards" aria-label="Sensors">
          <thead>
            <tr>
              <th scope="col">Sensor</th>
              <th scope="col">State</th>
              <th scope="col">Health</th>
              <th scope="col">Battery</th>
              <th scope="col">Last message</th>
              {can('admin') && (
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {sensors.map((s) => {
              const health = sensorHealth(s.state);
              const Icon = s.kind === 'window' ? RectangleVertical : s.state.contact === 'open' ? DoorOpen : DoorClosed;
              const low = s.state.battery !== null && s.state.battery <= s.batteryLow;
              return (
                <tr key={s.id}>
                  <td data-label="Sensor">
                    <span className="event-title">
                      <Icon aria-hidden="true" size={20} /> <strong>{s.name}</strong>
                    </span>
                    <span className="muted small block">
                      {s.id} · {s.kind} · {s.format ? formatLabel(s.format.type) : s.signed ? 'signed DIY' : 'unsigned DIY'} · entry delay {s.entryDelay} s{s.source === 'config' ? ' · config file' : ''}
                    </span>
                  </td>
                  <td data-label="State" className={s.state.contact === 'open' ? 'text-warn' : ''}>
                    {s.state.contact ?? 'not known yet'}
                    {s.state.tamper ? ' · tampered' : ''}
                  </td>
                  <td data-label="Health">
                    {health === 'online' ? <Badge tone="ok">online</Badge> : health === 'offline' ? <Badge tone="alert">offline</Badge> : <Badge>waiting for first message</Badge>}
                  </td>
                  <td data-label="Battery" className={`nowrap ${low ? 'text-alert' : ''}`}>
                    {s.state.battery === null ? (
                      <span className="muted">—</span>
                    ) : (
                      <>
                        {low ? <BatteryLow aria-hidden="true" size={18} /> : <Battery aria-hidden="true" size={18} />} {s.state.battery} %{low ? ' (low)' : ''}
                      </>
                    )}
                  </td>
                  <td data-label="Last message">{s.state.lastSeen ? relativeTime(s.state.lastSeen, now) : 'never'}</td>
                  {can('admin') && (
                    <td data-label="Actions">
                      <div className="row-actions">
                      {s.signed && !s.format && <ProvisionSensor sensor={s} onIssued={setIssued} />}
                      {s.source === 'api' && (
                        <>
                          <EditSensor sensor={s} onSaved={reload} />
                          <Confirm
                            trigger={
                              <button type="button" className="btn ghost danger-text" aria-label={`Remove ${s.name}`}>
                                <Trash2 aria-hidden="true" size={16} /> Remove
                              </button>
                            }
                            title={`Remove ${s.name}?`}
                            description="Vigil stops listening to it and its MQTT login stops working. The log keeps its events."
                            action="Remove sensor"
                            onConfirm={async () => {
                              await api.del(`/api/sensors/${s.id}`);
                              reload();
                            }}
                          />
                        </>
                      )}
                      </div>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

const DOOR_EXAMPLE = `doors:
  - id: front
    name: Front door
    mode: pin_face          # pin_face, fob_face, face_only, pin_only
    # chain: [fob, pin, [finger, face]]   # instead of mode: card, then PIN, then finger or face
    contactSensor: front    # the sensor on this door, if any
    kiosk: true             # a tablet at the door as keypad and camera
    disarmAlarm: true       # a granted entry disarms the alarm`;

function Doors({ doors }: { doors: Door[] }) {
  const { can } = useSession();
  const [kiosk, setKiosk] = useState<{ door: string; url: string } | null>(null);
  const location = useLocation();
  useEffect(() => {
    if (location.hash === '#doors') document.getElementById('doors')?.scrollIntoView();
  }, [location.hash]);
  return (
    <section className="card" aria-labelledby="doors-h" id="doors">
      <h2 id="doors-h">Doors</h2>
      {doors.length === 0 && <p className="empty">No doors yet.</p>}
      <ul className="list">
        {doors.map((d) => (
          <li key={d.id} className="list-row">
            <span className="list-main">
              <strong>{d.name}</strong>
              <span className="muted">
                {chainWords(d.chain)} · {d.direction === 'exit' ? 'exit' : 'entry'} · camera {d.camera}
                {d.fingerprint !== 'none' && ` · fingerprint reader ${d.fingerprint}`} · {d.lock === 'none' ? 'no lock' : `lock ${d.lock}`} · {d.contact === 'unknown' ? 'no contact sensor' : d.contact}
              </span>
            </span>
            {can('admin') && (
              <Confirm
                tone="primary"
                trigger={
                  <button type="button" className="btn secondary" aria-label={`New kiosk token for ${d.name}`}>
                    New kiosk token
                  </button>
                }
                title={`Make a new kiosk token for ${d.name}?`}
                description="The tablet now at this door stops working until it opens the new address."
                action="Make token"
                onConfirm={async () => {
                  const r = await api.post<{ token: string; kioskUrl: string }>(`/api/doors/${d.id}/token`);
                  setKiosk({ door: d.name, url: `${window.location.origin}${r.kioskUrl}` });
                }}
              />
            )}
          </li>
        ))}
      </ul>
      {kiosk && (
        <ShownOnce label="Kiosk address">
          <p>Open this on the tablet at {kiosk.door} (shown once; it replaces the old token):</p>
          <code>{kiosk.url}</code>
        </ShownOnce>
      )}
      <details className="tips" open={doors.length === 0}>
        <summary>How to add a door</summary>
        <p>Doors are set up in Vigil&apos;s config file (vigil.yaml in the data directory), then Vigil is restarted:</p>
        <pre tabIndex={0}>{DOOR_EXAMPLE}</pre>
        <p className="help">Cameras, keypads, card readers and locks are described in the README.</p>
      </details>
    </section>
  );
}

export default function Devices() {
  const { can } = useSession();
  const sensors = useApi<Sensor[]>('/api/sensors', SENSOR_REFRESH_MS);
  const doors = useApi<Door[]>('/api/doors');
  useLiveEvents((e) => {
    if (e.sensorId) sensors.reload();
    if (e.doorId) doors.reload();
  });
  return (
    <>
      <PageHeader title="Sensors & doors">What watches the doors and windows, and the doors people come in by.</PageHeader>
      <Status error={sensors.error || doors.error} />
      <div className="stack">
        <Sensors sensors={sensors.data ?? []} reload={sensors.reload} />
        <Doors doors={doors.data ?? []} />
        {can('admin') && <DoorNodes doors={doors.data ?? []} />}
      </div>
    </>
  );
}
