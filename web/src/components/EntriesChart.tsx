import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Entries per hour as bars (uPlot: small and fast on a phone); readable labels at any width, and bars at least 3 px wide (168 hours on a phone are narrower than a pixel each). */
export default function EntriesChart({ data }: { data: { from: number; hours: number[] } }) {
  const box = useRef<HTMLDivElement>(null);
  const total = data.hours.reduce((a, b) => a + b, 0);
  const busiest = Math.max(...data.hours);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = data.hours.map((_, i) => (data.from + i * 3600_000) / 1000);
    const style = getComputedStyle(el);
    const ink = style.getPropertyValue('--muted').trim() || '#555';
    const bar = style.getPropertyValue('--accent').trim() || '#0b5cad';
    const size = () => ({ width: el.clientWidth, height: Math.min(220, Math.max(160, el.clientWidth / 3)) });
    const plot = new uPlot(
      {
        ...size(),
        legend: { show: false },
        cursor: { show: true, drag: { x: false, y: false } },
        // Half an hour either side: a bar is centred on its hour, so the current hour's bar is not cut in half at the edge.
        scales: { x: { time: true, range: [(xs[0] ?? 0) - 1800, (xs.at(-1) ?? 0) + 1800] }, y: { range: [0, Math.max(1, busiest)] } },
        axes: [
          { stroke: ink, font: '13px system-ui', grid: { show: false }, space: 60 },
          { stroke: ink, font: '13px system-ui', size: 36, space: 30, incrs: [1, 2, 5, 10, 20, 50, 100] },
        ],
        series: [{}, { label: 'Entries', fill: bar, stroke: bar, paths: uPlot.paths.bars?.({ size: [0.9, 12, 3] }), points: { show: false } }],
      },
      [xs, data.hours],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize(size()));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data, busiest]);
  return (
    <figure className="chart">
      <div ref={box} role="img" aria-label={`${total} entries in the last 7 days; the busiest hour had ${busiest}`} />
      <figcaption className="muted">
        {total} {total === 1 ? 'entry' : 'entries'}
      </figcaption>
    </figure>
  );
}
