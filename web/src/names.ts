import { useMemo } from 'react';
import type { Names } from '../../src/core/eventCatalogue.ts';
import type { Door, Person, Sensor } from './api.ts';
import { useApi } from './useApi.ts';

/** Names for the ids events carry, from the people, doors and sensors Vigil knows. */
export function useNames(): Names & { people: Person[]; doors: Door[]; sensors: Sensor[] } {
  const people = useApi<Person[]>('/api/people').data;
  const doors = useApi<Door[]>('/api/doors').data;
  const sensors = useApi<Sensor[]>('/api/sensors').data;
  return useMemo(() => {
    const byId = <T extends { id: string; name: string }>(list: T[] | undefined) => new Map((list ?? []).map((x) => [x.id, x.name]));
    const p = byId(people), d = byId(doors), s = byId(sensors);
    return {
      people: people ?? [],
      doors: doors ?? [],
      sensors: sensors ?? [],
      person: (id: string) => p.get(id),
      door: (id: string) => d.get(id),
      sensor: (id: string) => s.get(id),
    };
  }, [people, doors, sensors]);
}
