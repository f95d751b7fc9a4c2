import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Conflict, NotFound } from '../../src/core/errors.ts';
import { errorReply } from '../../src/http/errorReply.ts';
import { ImageError } from '../../src/vision/decode.ts';
import { EnrolError } from '../../src/vision/faceService.ts';
import { FingerError } from '../../src/access/fingerEnrolment.ts';

test('every domain error answers with its own status; a reason code, when it has one, is the reply\'s error field', () => {
  assert.deepEqual(errorReply(new NotFound('no such person')), { statusCode: 404, error: 'Not Found', message: 'no such person' });
  assert.deepEqual(errorReply(new Conflict('taken')), { statusCode: 409, error: 'Conflict', message: 'taken' });
  assert.deepEqual(errorReply(new ImageError('too_many_pixels', 'too big')), { statusCode: 413, error: 'too_many_pixels', message: 'too big' });
  assert.deepEqual(errorReply(new EnrolError('several_faces', '2 faces')), { statusCode: 422, error: 'several_faces', message: '2 faces' });
  assert.deepEqual(errorReply(new FingerError('reader_offline', 'unplugged')), { statusCode: 503, error: 'reader_offline', message: 'unplugged' });
  assert.deepEqual(new ImageError('busy', 'later', 3).headers, { 'retry-after': '3' });
  assert.deepEqual(new NotFound('x').headers, {});
});

test('anything else is a bug and says only "internal error"; a framework 4xx keeps its message', () => {
  assert.deepEqual(errorReply(new Error('secret detail')), { statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
  assert.deepEqual(errorReply(Object.assign(new Error('body too large'), { statusCode: 413 })), { statusCode: 413, error: 'Payload Too Large', message: 'body too large' });
  assert.deepEqual(errorReply(Object.assign(new Error('odd'), { statusCode: 302 })), { statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
});
