// Runs the test files with Node's test runner (TypeScript through tsx) and prints
// `N passed, N failed` last.
//   node scripts/run-tests.mjs            the whole suite: first makes sure the services the tests
//                                         talk to are installed and running, and builds dist/ and
//                                         the panel (the e2e tests run `vigil` as users do)
//   node scripts/run-tests.mjs --fast     the fast tier: pure logic and store tests, no browser,
//                                         no build (see FAST below). The store tests run on SQLite
//                                         and on PostgreSQL (VIGIL_TEST_PG, else 127.0.0.1:5432);
//                                         with no PostgreSQL server answering, its cases are
//                                         skipped, and the runner says so first
//   node scripts/run-tests.mjs a.test.ts  just these files (with the whole suite's preparation)
import { spawnSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

// Tests that need nothing but Node and the npm packages (and PostgreSQL, when there is one): no apt
// package, no other service, no browser, no face models. A new test file that fits belongs here.
const FAST = [
  'test/core',
  'test/store',
  'test/mqtt',
  'test/alarm',
  'test/config.test.ts',
  'test/adapters.test.ts',
  'test/imports.test.ts',
  'test/nodes/protocol.test.ts',
  'test/nodes/replicaDelta.test.ts',
  'test/readme.test.ts',
  'test/access/snapshots.test.ts',
  'test/access/doorScreen.test.ts',
  'test/vision/align.test.ts',
  'test/vision/gallery.test.ts',
  'test/vision/liveness.test.ts',
  'test/vision/regions.test.ts',
  'test/platform',
  'test/fuzz/parsers.fuzz.test.ts',
  'test/security/standbyProxy.test.ts',
  'test/security/routeDeclarations.test.ts',
];

function find(p) {
  if (!statSync(p).isDirectory()) return p.endsWith('.test.ts') ? [p] : [];
  return readdirSync(p).flatMap((name) => find(path.join(p, name)));
}

function prepare() {
  const setup = spawnSync('bash', [path.join(root, 'scripts/ensure-test-deps.sh')], { stdio: 'inherit' });
  if (setup.status !== 0) {
    console.error('could not prepare the services the tests need');
    process.exit(1);
  }
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('could not build dist/ and the panel');
    process.exit(1);
  }
}

/** Null when a PostgreSQL server takes a connection at the tests' address, else why not. */
async function noPostgres() {
  const { default: pg } = await import('pg');
  const url = process.env.VIGIL_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    return null;
  } catch (err) {
    const where = new URL(url);
    return `${where.hostname}:${where.port || 5432}: ${err.code ?? err.message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

const args = process.argv.slice(2);
const fast = args[0] === '--fast';
let files;
if (fast) {
  files = FAST.flatMap((p) => find(path.join(root, p))).sort();
  const why = await noPostgres();
  if (why) {
    console.log(`No PostgreSQL server answers (${why}): the PostgreSQL cases are skipped. Start one, or point VIGIL_TEST_PG at one, to run them.`);
    process.env.VIGIL_TEST_PG_ABSENT = why;
  }
  // A developer's quick check: each fuzz property runs a second (the whole suite gives it three).
  process.env.VIGIL_FUZZ_SECONDS ??= '1';
} else {
  prepare();
  files = args.length ? args : find(path.join(root, 'test')).sort();
}
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
