// `npm run bench`: every benchmark, each figure beside a baseline measured in the same run.
// Each runs in a process of its own so one's memory does not colour another's figures.
// Pick some with `npm run bench -- alert log sustained faces door push startup flood images detect eyes failover nodes`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const all: Record<string, string> = { alert: 'alertPath.ts', log: 'logStore.ts', sustained: 'sustained.ts', faces: 'faces.ts', door: 'door.ts', push: 'pushPath.ts', startup: 'startup.ts', flood: 'mqttFlood.ts', images: 'images.ts', detect: 'detect.ts', eyes: 'eyes.ts', failover: 'failover.ts', nodes: 'nodes.ts' };
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(all);
console.log(`# Vigil benchmarks (${new Date().toISOString()}, node ${process.version})`);
let failed = false;
for (const name of chosen) {
  const file = all[name];
  if (!file) {
    console.error(`unknown benchmark ${name}; choose from ${Object.keys(all).join(', ')}`);
    process.exit(2);
  }
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(import.meta.dirname, file)], { stdio: 'inherit' });
  failed ||= r.status !== 0;
}
process.exit(failed ? 1 : 0);
