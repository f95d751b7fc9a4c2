import { useEffect, useState } from 'react';
import { api, type Person } from './api.ts';

/** Person ids to names, for tables and feeds that only carry the id. */
export function usePeopleNames(): Map<string, string> {
  const [names, setNames] = useState(new Map<string, string>());
  useEffect(() => {
    api.get<Person[]>('/api/people').then(
      (list) => setNames(new Map(list.map((p) => [p.id, p.name]))),
      () => undefined,
    );
  }, []);
  return names;
}
