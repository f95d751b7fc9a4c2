import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, formatTime, type Door, type Sensor } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { useSession } from '../session.tsx';

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

const DEVICE_LABEL: Record<string, string> = { zigbee2mqtt: 'Zigbee2MQTT friendly name', tasmota: 'Tasmota topic', esphome: 'ESPHome node name', shelly: 'Shelly device id' };

export function Devices() {
  const { can } = useSession();
  const [sensors, setSensors] = useState<Sensor[]>([]);
  const [doors, setDoors] = useState<Door[]>([]);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [provisioning, setProvisioning] = useState<string | null>(null);
  const [kiosk, setKiosk] = useState<{ door: string; url: string } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [format, setFormat] = useState('');
  const [error, setError] = useState('');
  const load = useCallback(() => {
    Promise.all([api.get<Sensor[]>('/api/sensors'), api.get<Door[]>('/api/doors')]).then(
      ([s, d]) => {
        setSensors(s);
        setDoors(d);
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(load, [load]);

  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const format = String(f.get('format') ?? '');
    const device = String(f.get('device') ?? '').trim();
    const input = String(f.get('input') ?? '').trim();
    try {
      const id = String(f.get('id'));
      const res = await api.post<Omit<Issued, 'sensorId'>>('/api/sensors', {
        id,
        name: String(f.get('name')),
        kind: String(f.get('kind')),
        entryDelay: Number(f.get('entryDelay') || 0),
        heartbeat: Number(f.get('heartbeat') || 0),
        ...(format ? { format: { type: format, device, ...(input ? { input } : {}) } } : { signed: f.get('signed') === 'on' }),
      });
      setIssued({ sensorId: id, ...res });
      form.reset();
      load();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const edit = async (e: FormEvent<HTMLFormElement>, id: string) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      await api.patch(`/api/sensors/${id}`, { name: String(f.get('name')), entryDelay: Number(f.get('entryDelay')), heartbeat: Number(f.get('heartbeat')) });
      setEditing(null);
      load();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const provision = async (e: FormEvent<HTMLFormElement>, id: string) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const wifiSsid = String(f.get('wifiSsid') ?? '');
    try {
      const res = await api.post<Omit<Issued, 'sensorId'>>(`/api/sensors/${id}/provision`, wifiSsid ? { wifiSsid, wifiPassword: String(f.get('wifiPassword') ?? '') } : {});
      setIssued({ sensorId: id, ...res });
      setProvisioning(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const token = async (door: string) => {
    const r = await api.post<{ token: string; kioskUrl: string }>(`/api/doors/${door}/token`);
    setKiosk({ door, url: `${location.origin}${r.kioskUrl}` });
  };

  return (
    <div className="grid">
      {error && <p className="error wide">{error}</p>}
      <section className="card wide" aria-labelledby="s-h">
        <h1 id="s-h">Sensors</h1>
        <DataTable columns={['Sensor', 'State', 'Health', 'Last message', 'Defined in', ...(can('admin') ? [<span className="sr-only">Actions</span>] : [])]}>
            {sensors.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.name}{' '}
                  <span className="muted">
                    ({s.id}, {s.kind}
                    {s.format ? `, ${s.format.type}: ${s.format.device}` : s.signed ? ', signed' : ', unsigned'})
                  </span>
                </td>
                <td>{s.state.contact ?? 'unknown'}</td>
                <td>
                  {s.state.online === false ? 'offline' : 'online'}
                  {s.state.battery !== null ? `, battery ${s.state.battery}%` : ''}
                  {s.state.tamper ? ', TAMPER' : ''}
                </td>
                <td>{s.state.lastSeen ? formatTime(s.state.lastSeen) : 'never'}</td>
                <td>{s.source === 'config' ? 'config file' : 'panel'}</td>
                {can('admin') && (
                  <td>
                    {s.signed && !s.format && provisioning !== s.id && (
                      <button type="button" onClick={() => setProvisioning(s.id)}>
                        Provision device
                      </button>
                    )}{' '}
                    {provisioning === s.id && (
                      <form className="inline" onSubmit={(e) => void provision(e, s.id)} aria-label={`Provision ${s.name}`}>
                        <p className="muted">A new key and MQTT password for the ESP8266 firmware; the device's old ones stop working.</p>
                        <label htmlFor={`pw-${s.id}`}>Wi-Fi network (optional)</label>
                        <input id={`pw-${s.id}`} name="wifiSsid" maxLength={32} />
                        <label htmlFor={`pp-${s.id}`}>Wi-Fi password</label>
                        <input id={`pp-${s.id}`} name="wifiPassword" type="password" maxLength={64} autoComplete="off" />
                        <button type="submit">Make config.h</button>
                        <button type="button" onClick={() => setProvisioning(null)}>
                          Cancel
                        </button>
                      </form>
                    )}
                    {s.source === 'api' && editing !== s.id && (
                      <>
                        <button type="button" onClick={() => setEditing(s.id)}>
                          Edit
                        </button>{' '}
                        <button type="button" onClick={() => void api.del(`/api/sensors/${s.id}`).then(load, (e: Error) => setError(e.message))}>
                          Remove
                        </button>
                      </>
                    )}
                    {editing === s.id && (
                      <form className="inline" onSubmit={(e) => void edit(e, s.id)} aria-label={`Edit ${s.name}`}>
                        <label htmlFor={`en-${s.id}`}>Name</label>
                        <input id={`en-${s.id}`} name="name" defaultValue={s.name} required />
                        <label htmlFor={`ed-${s.id}`}>Entry delay (s)</label>
                        <input id={`ed-${s.id}`} name="entryDelay" type="number" min={0} max={600} defaultValue={s.entryDelay} />
                        <label htmlFor={`eh-${s.id}`}>Heartbeat (s)</label>
                        <input id={`eh-${s.id}`} name="heartbeat" type="number" min={0} max={86400} defaultValue={s.heartbeat} />
                        <button type="submit">Save</button>
                        <button type="button" onClick={() => setEditing(null)}>
                          Cancel
                        </button>
                      </form>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
        {can('admin') && (
          <form className="inline" onSubmit={(e) => void add(e)} aria-label="Add a sensor">
            <label htmlFor="sid">Id</label>
            <input id="sid" name="id" pattern={'[A-Za-z0-9][A-Za-z0-9_\\-]{0,63}'} required />
            <label htmlFor="sname">Name</label>
            <input id="sname" name="name" required />
            <label htmlFor="skind">Kind</label>
            <select id="skind" name="kind">
              <option value="door">door</option>
              <option value="window">window</option>
            </select>
            <label htmlFor="sdelay">Entry delay (s)</label>
            <input id="sdelay" name="entryDelay" type="number" min={0} max={600} defaultValue={0} />
            <label htmlFor="shb">Heartbeat (s)</label>
            <input id="shb" name="heartbeat" type="number" min={0} max={86400} defaultValue={0} />
            <label htmlFor="sformat">Speaks</label>
            <select id="sformat" name="format" value={format} onChange={(e) => setFormat(e.target.value)}>
              <option value="">Vigil's own messages (DIY sensor)</option>
              <option value="zigbee2mqtt">Zigbee2MQTT</option>
              <option value="tasmota">Tasmota</option>
              <option value="esphome">ESPHome</option>
              <option value="shelly">Shelly Door/Window</option>
            </select>
            {format && (
              <>
                <label htmlFor="sdevice">{DEVICE_LABEL[format] ?? 'Device'}</label>
                <input id="sdevice" name="device" required />
              </>
            )}
            {!format && (
              <label>
                <input type="checkbox" name="signed" defaultChecked /> Signed messages (the Vigil ESP8266 firmware)
              </label>
            )}
            {(format === 'tasmota' || format === 'esphome') && (
              <>
                <label htmlFor="sinput">{format === 'tasmota' ? 'Switch (default Switch1)' : 'Binary sensor id'}</label>
                <input id="sinput" name="input" required={format === 'esphome'} />
              </>
            )}
            <button type="submit">Add sensor</button>
          </form>
        )}
        {issued && <IssuedNotice issued={issued} />}
      </section>
      <section className="card wide" aria-labelledby="d-h">
        <h2 id="d-h">Doors</h2>
        <DataTable columns={['Door', 'Mode', 'Camera', 'Lock', 'Contact', ...(can('admin') ? [<span className="sr-only">Actions</span>] : [])]}>
            {doors.map((d) => (
              <tr key={d.id}>
                <td>
                  {d.name} <span className="muted">({d.id}, {d.direction})</span>
                </td>
                <td>{d.mode}</td>
                <td>{d.camera}</td>
                <td>{d.lock}</td>
                <td>{d.contact}</td>
                {can('admin') && (
                  <td>
                    <button type="button" onClick={() => void token(d.id)}>
                      New kiosk token
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
        <p className="muted">Doors are set up in the config file (see the README).</p>
        {kiosk && (
          <div className="notice" role="status">
            <p>Open this on the tablet at {kiosk.door} (shown once; it replaces the old token):</p>
            <code>{kiosk.url}</code>
          </div>
        )}
      </section>
    </div>
  );
}

function IssuedNotice({ issued }: { issued: Issued }) {
  const { mqtt, device } = issued;
  if (!mqtt && !device) return null;
  return (
    <div className="notice" role="status">
      <p>For the device {issued.sensorId}, shown once:</p>
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
    </div>
  );
}
