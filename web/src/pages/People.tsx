import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Plus, Search, UserRound } from 'lucide-react';
import { api, type Door, type Person } from '../api.ts';
import { useApi } from '../useApi.ts';
import { useSession } from '../session.tsx';
import { Drawer, Field, PageHeader, Status, useAction } from '../components/ui.tsx';

function AddPerson() {
  const navigate = useNavigate();
  const action = useAction();
  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get('name') ?? '').trim();
    await action.run(async () => {
      const p = await api.post<Person>('/api/people', { name });
      void navigate(`/people/${p.id}`);
    });
  };
  return (
    <Drawer
      title="Add a person"
      description="Next you add their face and a PIN or fob; then they are ready for the door."
      trigger={
        <button type="button" className="btn primary">
          <Plus aria-hidden="true" size={18} /> Add person
        </button>
      }
    >
      <form onSubmit={(e) => void add(e)} aria-label="Add a person">
        <Field label="Name" help="As it should appear in the log and in notifications.">
          {(p) => <input {...p} name="name" required maxLength={100} autoComplete="off" />}
        </Field>
        <button type="submit" className="btn primary">
          Add person
        </button>
        <Status error={action.error} />
      </form>
    </Drawer>
  );
}

export default function People() {
  const { can } = useSession();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQuery(search), 150);
    return () => clearTimeout(t);
  }, [search]);
  const people = useApi<Person[]>(`/api/people${query ? `?search=${encodeURIComponent(query)}` : ''}`);
  const doors = useApi<Door[]>('/api/doors').data ?? [];
  const doorNames = (ids: string[] | null) => (ids === null ? 'every door' : ids.length === 0 ? 'no door' : ids.map((id) => doors.find((d) => d.id === id)?.name ?? id).join(', '));
  return (
    <>
      <PageHeader title="People" actions={can('admin') && <AddPerson />}>
        Everyone who may come in, with their faces, PINs and fobs.
      </PageHeader>
      <div className="card">
        <div className="search">
          <Search aria-hidden="true" size={18} />
          <label htmlFor="people-search" className="sr-only">
            Search people
          </label>
          <input id="people-search" type="search" placeholder="Search by name" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <Status error={people.error} />
        {people.data?.length === 0 && (
          <p className="empty">
            <UserRound aria-hidden="true" size={32} /> {query ? 'Nobody by that name.' : 'Nobody yet. Add the people who live or work here.'}
          </p>
        )}
        <ul className="list">
          {people.data?.map((p) => (
            <li key={p.id}>
              <Link to={`/people/${p.id}`} className="list-link">
                <UserRound aria-hidden="true" size={28} className="muted" />
                <span className="list-main">
                  <strong>{p.name}</strong>
                  <span className="muted">
                    {p.faces === 0 ? 'no face yet' : p.faces === 1 ? '1 face' : `${p.faces} faces`} · {doorNames(p.access.doors)}
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
