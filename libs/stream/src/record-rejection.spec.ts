import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AvroDecodeError, AvroEncodeError } from '@tributary/avro';
import { reasonsOf, RecordRejection } from './record-rejection';

describe('the reasons an error gives an ErrorRecord', () => {
  test('a RecordRejection gives every reason it was made with, fields defaulting to null', () => {
    const rejection = new RecordRejection([{ code: 'notNull', message: 'is null', field: 'total' }, { code: 'unique', message: 'seen before' }]);
    assert.deepEqual(reasonsOf(rejection), [{ code: 'notNull', message: 'is null', field: 'total' }, { code: 'unique', message: 'seen before', field: null }]);
    assert.equal(rejection.message, 'total: is null; seen before');
  });

  test('a RecordRejection without reasons is a mistake caught at once', () => {
    assert.throws(() => new RecordRejection([]), /at least one reason/);
  });

  test('decode and encode failures keep their reason as the code', () => {
    assert.deepEqual(reasonsOf(new AvroDecodeError('PAYLOAD_MISMATCH', 'bad bytes', 4)), [{ code: 'PAYLOAD_MISMATCH', message: 'bad bytes', field: null }]);
    assert.deepEqual(reasonsOf(new AvroEncodeError('INVALID_VALUE', 'not a decimal', 'lines[0].unitPrice')), [{ code: 'INVALID_VALUE', message: 'not a decimal', field: 'lines[0].unitPrice' }]);
  });

  test('other errors are coded by their class name, and a thrown non-error is described', () => {
    assert.deepEqual(reasonsOf(new TypeError('x is undefined')), [{ code: 'TypeError', message: 'x is undefined', field: null }]);
    assert.deepEqual(reasonsOf(new Error('boom')), [{ code: 'HANDLER_ERROR', message: 'boom', field: null }]);
    assert.deepEqual(reasonsOf('oops'), [{ code: 'HANDLER_ERROR', message: 'the handler threw "oops"', field: null }]);
  });
});
