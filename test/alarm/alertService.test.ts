import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { openStore } from '../../src/store/db.ts';
import { EventLog } from '../../src/store/eventLog.ts';
import { AlertService } from '../../src/alarm/alertService.ts';
import { Conflict, NotFound } from '../../src/core/errors.ts';
import { anEvent } from '../fixtures/events.ts';
import { tmpDir } from '../helpers.ts';

test('acknowledgements pressed at the same moment log one AlertAcknowledged; the others learn who was first', async () => {
  const t = tmpDir();
  const store = await openStore({ databaseUrl: '', dataDir: t.dir });
  try {
    const log = new EventLog(store, randomBytes(32));
    const alerts = new AlertService({ log, record: (e) => log.append(e) });
    const alert = await log.append(anEvent('Intrusion', { sensorId: 'back' }));
    const [incident] = await alerts.incidents();
    assert.ok(incident?.open);

    const tries = await Promise.allSettled([
      alerts.acknowledgeAlert(alert.seq, 'ann'),
      alerts.acknowledgeIncident(incident.id, 'bob'),
      alerts.acknowledgeAlert(alert.seq, 'cy'),
      alerts.acknowledgeIncident(incident.id, 'dee'),
    ]);
    assert.equal(tries.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of tries.filter((x) => x.status === 'rejected')) {
      assert.ok(r.reason instanceof Conflict);
      assert.match((r.reason as Error).message, /already acknowledged by ann/);
    }
    const acks = (await log.query({ types: ['AlertAcknowledged'] })).events;
    assert.equal(acks.length, 1);
    assert.deepEqual(await alerts.openAlerts(), []);

    await assert.rejects(alerts.acknowledgeAlert(acks[0]?.seq ?? 0, 'ann'), NotFound, 'an event that is no alert');
    await assert.rejects(alerts.acknowledgeIncident(999, 'ann'), NotFound);
  } finally {
    await store.close();
    t.cleanup();
  }
});
