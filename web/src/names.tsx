import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Names } from '../../src/core/eventCatalogue.ts';
import type { Door, LogEvent, Person, Sensor } from './api.ts';
import { useApi } from './useApi.ts';
import { useLiveEvents } from './live.tsx';

type AllNames = Names & { people: Person[]; doors: Door[]; sensors: Sensor[] };

const Ctx = createContext<AllNames | null>(null);

/**
 * Names for the ids events carry, from the people, doors and sensors Vigil knows; one copy for the
 * whole panel. An event naming an id not known yet (a sensor or person just added) fetches that
 * list again, so sentences never fall back to ids for long.
 */
export function NamesProvider({ children }: { children: ReactNode }) {
  const people = useApi<Person[]>('/api/people');
  const doors = useApi<Door[]>('/api/doors');
  const sensors = useApi<Sensor[]>('/api/sensors');
  const value = useMemo(() => {
    const byId = <T extends { id: string; name: string }>(list: T[] | undefined) => new Map((list ?? []).map((x) => [x.id, x.name]));
    const p = byId(people.data),
      d = byId(doors.data),
      s = byId(sensors.data);
    return {
      people: people.data ?? [],
      doors: doors.data ?? [],
      sensors: sensors.data ?? [],
      person: (id: string) => p.get(id),
      door: (id: string) => d.get(id),
      sensor: (id: string) => s.get(id),
    };
  }, [people.data, doors.data, sensors.data]);
  useLiveEvents((e: LogEvent) => {
    if (e.personId && !value.person(e.personId)) people.reload();
    if (e.doorId && !value.door(e.doorId)) doors.reload();
    if (e.sensorId && !value.sensor(e.sensorId)) sensors.reload();
  });
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useNames(): AllNames {
  const n = useContext(Ctx);
  if (!n) throw new Error('useNames outside NamesProvider');
  return n;
}
