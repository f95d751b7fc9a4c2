/** Small helpers shared by the benchmarks: percentiles and aligned output. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] as number;
}

export function summary(samples: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.at(-1) ?? NaN };
}

export function ms(v: number): string {
  return `${v.toFixed(2)} ms`;
}

export function row(label: string, ...cols: string[]): void {
  console.log(`  ${label.padEnd(44)}${cols.map((c) => c.padStart(14)).join('')}`);
}

export function heading(title: string): void {
  console.log(`\n## ${title}`);
}

export const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

/** Percentiles of a measurement beside its same-run baseline, and what it adds at each. */
export function compare(baseline: { label: string; samples: number[] }, measured: { label: string; samples: number[] }, addsLabel: string): void {
  const b = summary(baseline.samples);
  const m = summary(measured.samples);
  row('', 'p50', 'p95', 'p99');
  row(baseline.label, ms(b.p50), ms(b.p95), ms(b.p99));
  row(measured.label, ms(m.p50), ms(m.p95), ms(m.p99));
  row(addsLabel, ms(m.p50 - b.p50), ms(m.p95 - b.p95), ms(m.p99 - b.p99));
}
