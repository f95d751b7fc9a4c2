import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { API_TYPES_FILE, generateApiTypes } from '../scripts/gen-api-types.ts';

test("the panel's API types are the ones the server's OpenAPI document gives today", async () => {
  const fresh = await generateApiTypes();
  assert.ok(readFileSync(API_TYPES_FILE, 'utf8') === fresh, 'web/src/apiSchema.gen.ts is out of date: run npm run gen:api');
});
