// Runs every test file with Node's test runner (TypeScript through tsx), after making sure the
// services the tests talk to are installed and running. Prints `N passed, N failed` last.
import { spawnSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const setup = spawnSync('bash', [path.join(root, 'scripts/ensure-test-deps.sh')], { stdio: 'inherit' });
if (setup.status !== 0) {
  console.error('could not prepare the services the tests need');
  process.exit(1);
}

// The panel tests need the built panel.
const web = spawnSync(process.execPath, [path.join(root, 'scripts/build-web.mjs')], { stdio: 'inherit' });
if (web.status !== 0) {
  console.error('could not build the panel');
  process.exit(1);
}

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return find(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}
const only = process.argv.slice(2);
const files = only.length ? only : find(path.join(root, 'test')).sort();
const tap = path.join(mkdtempSync(path.join(tmpdir(), 'vigil-test-')), 'report.tap');

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
  { stdio: 'inherit', cwd: root },
);
child.on('exit', (code) => {
  const text = readFileSync(tap, 'utf8');
  const count = (name) => Number((text.match(new RegExp(`^# ${name} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
  console.log(`${count('pass')} passed, ${count('fail')} failed`);
  process.exit(code ?? 1);
});
