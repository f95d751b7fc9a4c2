import { useState, type FormEvent } from 'react';
import { Plus, Trash2 } from 'lucide-react';
import { api, type Door, type DoorNode } from '../api.ts';
import { useApi, useNow } from '../useApi.ts';
import { relativeTime } from '../format.ts';
import { Badge, Confirm, Drawer, Field, ShownOnce, Status, useAction } from '../components/ui.tsx';

/** How often the node list is fetched again: a node's health comes from its status messages, not from events. */
const NODE_REFRESH_MS = 10_000;

function NodeHealth({ node }: { node: DoorNode }) {
  if (node.joinPending) return <Badge tone="info">waiting to join</Badge>;
  if (!node.joinedAt) return <Badge tone="warn">join token expired</Badge>;
  return node.online ? <Badge tone="ok">online</Badge> : <Badge tone="alert">offline</Badge>;
}

/** "replica 12 of 12", or "replica 11 of 12" when the node has not applied the newest yet. */
function Replica({ node }: { node: DoorNode }) {
  if (node.snapshotVersion === 0) return <span className="muted">none yet</span>;
  const behind = node.snapshotApplied < node.snapshotVersion;
  return (
    <span className={behind ? 'text-warn' : ''}>
      version {node.snapshotApplied || '—'} of {node.snapshotVersion}
      {behind ? ' (not applied yet)' : ''}
    </span>
  );
}

function AddNode({ doors, taken, onAdded }: { doors: Door[]; taken: Set<string>; onAdded: (added: { name: string; token: string }) => void }) {
  const [open, setOpen] = useState(false);
  const action = useAction();
  const free = doors.filter((d) => !taken.has(d.id));
  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const name = String(f.get('name'));
    const chosen = f.getAll('doors').map(String);
    await action.run(async () => {
      if (chosen.length === 0) throw new Error('Pick at least one door the node runs.');
      const r = await api.post<{ id: string; token: string }>('/api/nodes', { name, doors: chosen });
      onAdded({ name, token: r.token });
      setOpen(false);
    });
  };
  return (
    <Drawer
      title="Add a door node"
      description="A small computer at a door that runs it from a copy of the people allowed there, and keeps working when this hub is away."
      open={open}
      onOpenChange={setOpen}
      trigger={
        <button type="button" className="btn primary" disabled={free.length === 0} title={free.length === 0 ? (doors.length ? 'Every door is run by a node already' : 'No doors in the config file yet') : undefined}>
          <Plus aria-hidden="true" size={16} /> Add node
        </button>
      }
    >
      <form onSubmit={(e) => void add(e)} aria-label="Add a door node">
        <Field label="Name" help="Where the box is, e.g. Warehouse gate.">
          {(p) => <input {...p} name="name" required maxLength={100} />}
        </Field>
        <fieldset>
          <legend>Doors it runs</legend>
          {free.map((d) => (
            <label key={d.id} className="check">
              <input type="checkbox" name="doors" value={d.id} /> {d.name}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn primary">
          Make join token
        </button>
        <Status error={action.error} />
      </form>
    </Drawer>
  );
}

/** The door nodes of a site and their health (admins only: the API is admin-only). */
export function DoorNodes({ doors }: { doors: Door[] }) {
  const nodes = useApi<DoorNode[]>('/api/nodes', NODE_REFRESH_MS);
  const now = useNow(30_000);
  const [added, setAdded] = useState<{ name: string; token: string } | null>(null);
  const list = nodes.data ?? [];
  const doorName = (id: string) => doors.find((d) => d.id === id)?.name ?? id;
  const taken = new Set(list.flatMap((n) => n.doors));
  return (
    <section className="card" aria-labelledby="nodes-h" id="nodes">
      <header className="card-head">
        <h2 id="nodes-h">Door nodes</h2>
        <AddNode
          doors={doors}
          taken={taken}
          onAdded={(a) => {
            setAdded(a);
            nodes.reload();
          }}
        />
      </header>
      <Status error={nodes.error} />
      {added && (
        <ShownOnce label="Join token">
          <p>
            On the box for <strong>{added.name}</strong>, within 24 hours (shown once):
          </p>
          <code>
            npx vigil node join {window.location.origin} {added.token}
          </code>
          <p>
            then <code>npx vigil node start</code>.
          </p>
        </ShownOnce>
      )}
      {list.length === 0 ? (
        <p className="empty">No door nodes: this hub runs every door itself.</p>
      ) : (
        <table className="table cards" aria-label="Door nodes">
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Health</th>
              <th scope="col">Replica</th>
              <th scope="col">Waiting events</th>
              <th scope="col">Last heard</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((n) => (
              <tr key={n.id}>
                <td data-label="Node">
                  <strong>{n.name}</strong>
                  <span className="muted small block">
                    {n.doors.map(doorName).join(', ')} · {n.id}
                  </span>
                </td>
                <td data-label="Health">
                  <NodeHealth node={n} />
                </td>
                <td data-label="Replica">
                  <Replica node={n} />
                </td>
                <td data-label="Waiting events" className={n.spoolDepth > 0 ? 'text-warn' : ''}>
                  {n.joinedAt ? (n.spoolDepth > 0 ? `${n.spoolDepth} not yet delivered` : 'none') : '—'}
                </td>
                <td data-label="Last heard">{n.lastSeen ? relativeTime(n.lastSeen, now) : 'never'}</td>
                <td data-label="Actions">
                  <Confirm
                    trigger={
                      <button type="button" className="btn ghost danger-text" aria-label={`Remove ${n.name}`}>
                        <Trash2 aria-hidden="true" size={16} /> Remove
                      </button>
                    }
                    title={`Remove ${n.name}?`}
                    description="Its key and MQTT login stop working, so its doors stop hearing from this hub. Restart the hub to run those doors from here again. The log keeps the node's events."
                    action="Remove node"
                    onConfirm={async () => {
                      await api.del(`/api/nodes/${n.id}`);
                      nodes.reload();
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
