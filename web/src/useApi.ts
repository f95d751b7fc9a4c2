import { useCallback, useEffect, useState } from 'react';
import { api } from './api.ts';

export interface Resource<T> {
  data: T | undefined;
  error: string;
  reload(): void;
}

/**
 * One API resource: loaded on mount and whenever `url` changes; `reload` fetches it again, and so
 * does every `everyMs` when given (for state that changes without a log event, like a battery
 * level). A null url loads nothing.
 */
export function useApi<T>(url: string | null, everyMs = 0): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState('');
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (url === null) return;
    let stale = false;
    api.get<T>(url).then(
      (d) => {
        if (stale) return;
        setData(d);
        setError('');
      },
      (e: Error) => !stale && setError(e.message),
    );
    return () => {
      stale = true;
    };
  }, [url, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    if (!everyMs || url === null) return;
    const t = setInterval(reload, everyMs);
    return () => clearInterval(t);
  }, [everyMs, url, reload]);
  return { data, error, reload };
}

/** Re-renders every `ms` so countdowns and "3 min ago" stay true. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** Sensors' battery and health change without a log event; they are fetched again this often. */
export const SENSOR_REFRESH_MS = 15_000;
