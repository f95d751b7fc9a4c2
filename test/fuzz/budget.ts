import type { Parameters } from 'fast-check';

/**
 * How long each fuzz property runs: a few seconds in `npm test`, as long as asked in `npm run fuzz`
 * (VIGIL_FUZZ_SECONDS). A failure prints fast-check's seed and path, so a finding replays exactly.
 */
export const FUZZ_SECONDS = Number(process.env.VIGIL_FUZZ_SECONDS ?? 3);

export function budget<T>(extra: Parameters<T> = {}): Parameters<T> {
  return { numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: FUZZ_SECONDS * 1000, markInterruptAsFailure: false, ...extra };
}
