import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, type Person } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { useSession } from '../session.tsx';

export function People() {
  const { can } = useSession();
  const navigate = useNavigate();
  const [people, setPeople] = useState<Person[]>([]);
  const [search, setSearch] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    const t = setTimeout(() => {
      api.get<Person[]>(`/api/people${search ? `?search=${encodeURIComponent(search)}` : ''}`).then(setPeople, (e: Error) => setError(e.message));
    }, 150);
    return () => clearTimeout(t);
  }, [search]);

  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get('name') ?? '').trim();
    try {
      const p = await api.post<Person>('/api/people', { name });
      void navigate(`/people/${p.id}`);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section className="card wide">
      <h1>People</h1>
      <div className="toolbar">
        <label htmlFor="people-search">Search</label>
        <input id="people-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        {can('admin') && (
          <form onSubmit={(e) => void add(e)} className="inline">
            <label htmlFor="new-person">New person</label>
            <input id="new-person" name="name" required maxLength={100} />
            <button type="submit">Add person</button>
          </form>
        )}
      </div>
      {error && <p className="error">{error}</p>}
      <DataTable columns={['Name', 'Faces', 'Doors']}>
          {people.map((p) => (
            <tr key={p.id}>
              <td>
                <Link to={`/people/${p.id}`}>{p.name}</Link>
              </td>
              <td>{p.faces}</td>
              <td>{p.access.doors ? p.access.doors.join(', ') || 'none' : 'all'}</td>
            </tr>
          ))}
        </DataTable>
      {people.length === 0 && <p className="muted">Nobody yet.</p>}
    </section>
  );
}
