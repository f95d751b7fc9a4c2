#!/usr/bin/env node
// The `vigil` command. Runs the compiled JavaScript in dist/ (built at install) when it is at
// least as new as every source file; otherwise the TypeScript sources through tsx, so an edited
// checkout never runs a stale build.
import nodeModule from 'node:module';
import { distIsFresh } from '../scripts/build-state.mjs';

// Node-API 10 (Node 22.14) is what the SQLite driver's prebuilt binary needs; older Nodes crash in it.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 14)) {
  process.stderr.write(`vigil: needs Node.js 22.14 or newer (24 recommended); this is ${process.version}\n`);
  process.exit(2);
}
// V8's code cache on disk (a temp directory): every command after the first compiles less. Where
// the directory cannot be written (a read-only service), Node just runs without it.
nodeModule.enableCompileCache();
if (distIsFresh()) {
  await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
