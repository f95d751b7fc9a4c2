// A Vigil-like process for the recorder test: says "ready" once its store is open, records events
// when told "go" (by then the test has locked the store), says "spooled" once every one is safe in
// the spool, then waits to be killed.
import { createInterface } from 'node:readline';
import { openStore } from '../../src/store/db.ts';
import { openEventLog } from '../../src/store/openEventLog.ts';
import { Recorder } from '../../src/store/recorder.ts';
import { Spool } from '../../src/store/spool.ts';
import { anEvent } from '../fixtures/events.ts';

const [dataDir, spoolFile, count] = process.argv.slice(2) as [string, string, string];
const store = await openStore({ databaseUrl: '', dataDir });
const recorder = new Recorder({ log: openEventLog(store, dataDir), spool: new Spool(spoolFile), logger: { warn() {}, error() {}, info() {} }, spoolAfterMs: 300 });
await recorder.start();
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break;
await Promise.all(Array.from({ length: Number(count) }, (_, i) => recorder.recordDurably(anEvent('SensorOpened', { sensorId: `child${i}`, time: 1_700_000_000_000 + i }))));
process.stdout.write('spooled\n');
setInterval(() => {}, 1000);
