// deploy/Dockerfile cannot be built here (no Docker), so it is checked: dockerfile-utils'
// validator (the checks of the VS Code Docker extension) and the rules this image must keep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { validate } from 'dockerfile-utils';

const text = readFileSync('deploy/Dockerfile', 'utf8');
// Instructions with their continuation lines joined, comments dropped.
const instructions = text
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => {
    const [keyword = '', ...rest] = l.split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
  });
const stages: Array<typeof instructions> = [];
for (const i of instructions) {
  if (i.keyword === 'FROM') stages.push([]);
  stages.at(-1)?.push(i);
}
const runtime = stages.at(-1) ?? [];

test('the Dockerfile passes the validator', () => {
  assert.deepEqual(validate(text).map((d) => `${d.range.start.line + 1}: ${d.message}`), []);
});

test('multi-stage, a pinned multi-arch Node base, and a final stage that runs as an unprivileged user with a health check', () => {
  assert.ok(stages.length >= 2, 'a build stage and a run stage');
  for (const s of stages) assert.match(s[0]?.args ?? '', /^node:24-bookworm-slim\b/, 'Node 24 on Debian: published for amd64 and arm64');
  const users = runtime.filter((i) => i.keyword === 'USER');
  assert.ok(users.length > 0 && !/^(root|0)\b/.test(users.at(-1)?.args ?? ''), 'the container does not run as root');
  assert.ok(runtime.some((i) => i.keyword === 'HEALTHCHECK' && i.args.includes('/api/health')));
  assert.ok(runtime.some((i) => i.keyword === 'VOLUME' && i.args.includes('/data')));
});

test('apt installs only what it names and leaves no package lists behind', () => {
  for (const r of instructions.filter((i) => i.keyword === 'RUN' && i.args.includes('apt-get install'))) {
    assert.match(r.args, /apt-get install -y --no-install-recommends/);
    assert.match(r.args, /rm -rf \/var\/lib\/apt\/lists\/\*/);
    assert.match(r.args, /apt-get update && apt-get install|apt-get update\s+&&\s+apt-get install/);
  }
});

test('every file the build copies exists, and the run stage has what bin/vigil.js imports', () => {
  const ignored = readFileSync('.dockerignore', 'utf8').split('\n').filter(Boolean);
  for (const c of instructions.filter((i) => i.keyword === 'COPY' && !i.args.includes('--from'))) {
    for (const src of c.args.split(/\s+/).slice(0, -1)) {
      assert.ok(existsSync(src), `COPY ${src}: no such file`);
      assert.ok(!ignored.includes(src), `COPY ${src} is excluded by .dockerignore`);
    }
  }
  const copied = runtime.filter((i) => i.keyword === 'COPY').map((i) => i.args.split(/\s+/).at(-2) ?? '');
  const imports = [...readFileSync('bin/vigil.js', 'utf8').matchAll(/import\('?\s*['"]\.\.\/([^'"]+)['"]/g), ...readFileSync('bin/vigil.js', 'utf8').matchAll(/from '\.\.\/([^']+)'/g)]
    .map((m) => m[1] ?? '')
    .filter((p) => !p.startsWith('src/'));
  assert.ok(imports.length > 0);
  for (const p of imports) assert.ok(copied.some((c) => p.startsWith(c.replace(/^\/app\//, ''))), `the run stage lacks ${p}`);
});
