import { test } from 'node:test';
import assert from 'node:assert/strict';
import { systemdUnit, systemdWord } from '../../src/cli/systemdUnit.ts';

const base = { node: '/usr/bin/node', bin: '/opt/vigil/bin/vigil.js', dataDir: '/var/lib/vigil', user: 'vigil', groups: ['video', 'gpio'], watchdogSec: 60, installedUnderHome: false };

test('the unit runs Vigil as its own user with the file system read-only but for the data directory', () => {
  const unit = systemdUnit(base);
  for (const line of [
    'User=vigil',
    'Group=vigil',
    'SupplementaryGroups=video gpio',
    'ProtectSystem=strict',
    'ReadWritePaths="/var/lib/vigil"',
    'ProtectHome=yes',
    'NoNewPrivileges=yes',
    'CapabilityBoundingSet=',
    'Restart=on-failure',
    'Type=notify',
    'WatchdogSec=60',
    'ExecStart="/usr/bin/node" "/opt/vigil/bin/vigil.js" "--data" "/var/lib/vigil" "start"',
    'DevicePolicy=closed',
    'DeviceAllow=char-video4linux rw',
    'DeviceAllow=char-gpiochip rw',
  ]) {
    assert.ok(unit.split('\n').includes(line), `missing: ${line}`);
  }
  assert.ok(!/^MemoryDenyWriteExecute=yes/m.test(unit), 'V8 needs writable and executable memory');
  assert.ok(!/^SupplementaryGroups/m.test(systemdUnit({ ...base, groups: [] })), 'a group that does not exist would stop the service');
  assert.ok(systemdUnit({ ...base, installedUnderHome: true }).includes('ProtectHome=read-only'));
  assert.ok(systemdUnit({ ...base, config: '/etc/vigil/vigil.yaml' }).includes('"--config" "/etc/vigil/vigil.yaml" "start"'));
});

test('paths are quoted and escaped for systemd; a line break is refused', () => {
  assert.equal(systemdWord('/data/my "vigil" 100%'), '"/data/my \\"vigil\\" 100%%"');
  assert.equal(systemdWord('/a\\b$HOME'), '"/a\\\\b$$HOME"');
  assert.throws(() => systemdUnit({ ...base, dataDir: '/var/lib/vigil\nExecStartPre=/bin/evil' }), /line break/);
});
