// `npm run bench`: every benchmark, each figure beside a baseline measured in the same run.
// Pick some with `npm run bench -- alert log sustained`.
import { benchAlertPath } from './alertPath.ts';
import { benchSustained } from './sustained.ts';
import { benchLogStore } from './logStore.ts';

const all: Record<string, () => Promise<void>> = { alert: () => benchAlertPath(), log: () => benchLogStore(), sustained: () => benchSustained() };
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(all);
console.log(`# Vigil benchmarks (${new Date().toISOString()}, node ${process.version})`);
for (const name of chosen) {
  const fn = all[name];
  if (!fn) {
    console.error(`unknown benchmark ${name}; choose from ${Object.keys(all).join(', ')}`);
    process.exit(2);
  }
  await fn();
}
process.exit(0);
