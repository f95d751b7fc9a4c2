import { useEffect, useState } from 'react';
import { api } from '../api.ts';

/** 168 hourly bars as SVG: small enough not to need a charting library. */
export function EntriesChart() {
  const [data, setData] = useState<{ from: number; hours: number[] } | null>(null);
  useEffect(() => {
    api.get<{ from: number; hours: number[] }>('/api/stats/entries?days=7').then(setData, () => undefined);
  }, []);
  if (!data) return <p className="muted">…</p>;
  const max = Math.max(1, ...data.hours);
  const total = data.hours.reduce((a, b) => a + b, 0);
  const w = 700, h = 120;
  const bar = w / data.hours.length;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${w} ${h + 16}`} role="img" aria-label={`${total} entries in the last 7 days; busiest hour ${max}`}>
        {data.hours.map((n, i) => (
          <rect key={i} x={i * bar} y={h - (n / max) * h} width={Math.max(1, bar - 1)} height={(n / max) * h}>
            <title>{`${new Date(data.from + i * 3600_000).toLocaleString()}: ${n}`}</title>
          </rect>
        ))}
        {Array.from({ length: 7 }, (_, d) => (
          <text key={d} x={d * 24 * bar + 2} y={h + 13}>
            {new Date(data.from + d * 86_400_000).toLocaleDateString(undefined, { weekday: 'short' })}
          </text>
        ))}
      </svg>
      <figcaption className="muted">{total} entries</figcaption>
    </figure>
  );
}
