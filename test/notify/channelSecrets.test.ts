import { test } from 'node:test';
import assert from 'node:assert/strict';
import Type from 'typebox';
import { channelAdapter } from '../../src/notify/channelTypes.ts';
import { MASK, maskSecrets, secretFields, unmaskSecrets } from '../../src/core/adapters.ts';

test('each channel declares its secrets in its schema, and only those are masked', () => {
  // Pinned for the channels there were when masking moved into the schemas; test/adapters.test.ts walks every channel.
  const pinned = { webpush: [], ntfy: ['token'], telegram: ['token'], email: ['password'], webhook: ['secret'] };
  assert.deepEqual(Object.fromEntries(Object.keys(pinned).map((type) => [type, secretFields(channelAdapter(type).settings)])), pinned);
  const masked = maskSecrets(channelAdapter('email').settings, { host: 'mail', username: 'ann', password: 'hunter22', to: ['a@b.c'] });
  assert.deepEqual(masked, { host: 'mail', username: 'ann', password: MASK, to: ['a@b.c'] });
  assert.deepEqual(maskSecrets(channelAdapter('ntfy').settings, { token: '' }), { token: '' }, 'an empty secret shows as empty');
});

test('a secret is masked by declaration, not by its name: a field called apiKey never reaches the panel', () => {
  const schema = Type.Object({ apiKey: Type.String({ writeOnly: true }), token: Type.String() });
  assert.deepEqual(maskSecrets(schema, { apiKey: 'sk-live-123', token: 'room-42' }), { apiKey: MASK, token: 'room-42' });
  assert.deepEqual(unmaskSecrets(schema, { apiKey: MASK, token: MASK }, { apiKey: 'sk-live-123', token: 'old' }), { apiKey: 'sk-live-123', token: MASK }, 'the mask keeps only a secret');
  assert.deepEqual(unmaskSecrets(schema, { apiKey: 'sk-new' }, { apiKey: 'sk-live-123' }), { apiKey: 'sk-new' });
});
