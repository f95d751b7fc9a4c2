// The panel's API types, generated from the OpenAPI document the server makes from its route
// schemas (GET /api/docs/json), so that the panel cannot drift from the API by hand-copying.
// `npm run gen:api` writes web/src/apiSchema.gen.ts; `--check` only says whether it is current.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import openapiTS, { astToString } from 'openapi-typescript';
import { loadConfig } from '../src/config/load.ts';
import { startVigil } from '../src/app.ts';

export const API_TYPES_FILE = new URL('../web/src/apiSchema.gen.ts', import.meta.url).pathname;

/** Starts a throwaway Vigil on loopback, reads its OpenAPI document and turns it into TypeScript. */
export async function generateApiTypes(): Promise<string> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vigil-openapi-'));
  const config = loadConfig({ dataDir, env: { VIGIL_HTTP_HOST: '127.0.0.1', VIGIL_HTTP_PORT: '0', VIGIL_MQTT_HOST: '127.0.0.1', VIGIL_MQTT_PORT: '0', VIGIL_LOG_LEVEL: 'silent' } });
  const vigil = await startVigil(config, pino({ level: 'silent' }));
  try {
    const res = await fetch(`http://127.0.0.1:${vigil.httpPort}/api/docs/json`);
    if (!res.ok) throw new Error(`GET /api/docs/json answered ${res.status}`);
    const doc = (await res.json()) as Parameters<typeof openapiTS>[0];
    const types = astToString(await openapiTS(doc, { alphabetize: true }));
    return `// Generated from Vigil's OpenAPI document by \`npm run gen:api\` (scripts/gen-api-types.ts). Do not edit.\n\n${types}`;
  } finally {
    await vigil.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = await generateApiTypes();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(API_TYPES_FILE, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      console.error(`${path.relative(process.cwd(), API_TYPES_FILE)} is out of date: run npm run gen:api`);
      process.exit(1);
    }
    console.log('API types are current');
  } else {
    writeFileSync(API_TYPES_FILE, text);
    console.log(`wrote ${path.relative(process.cwd(), API_TYPES_FILE)}`);
  }
}
