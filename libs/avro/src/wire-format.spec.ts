import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AvroDecodeError } from './avro-errors';
import { assertSchemaId, readFrameSchemaId, writeFrameHeader } from './wire-format';

describe('Confluent wire format header', () => {
  test('is magic byte 0 then the schema id as a 4-byte big-endian int', () => {
    const frame = Buffer.alloc(6);
    writeFrameHeader(frame, 0x01020304);
    assert.equal(frame.toString('hex'), '000102030400');
    assert.equal(readFrameSchemaId(frame), 0x01020304);
  });

  test('refuses a frame shorter than the header, or no value at all, as TRUNCATED_FRAME', () => {
    for (const frame of [Buffer.from([0, 0, 0, 1]), Buffer.alloc(0), null, undefined]) {
      assert.throws(
        () => readFrameSchemaId(frame),
        (error: unknown) => error instanceof AvroDecodeError && error.reason === 'TRUNCATED_FRAME' && /5-byte header/.test(error.message),
      );
    }
  });

  test('refuses any first byte but 0 as WRONG_MAGIC_BYTE, naming the byte', () => {
    assert.throws(
      () => readFrameSchemaId(Buffer.from('{"orderId":1}')),
      (error: unknown) => error instanceof AvroDecodeError && error.reason === 'WRONG_MAGIC_BYTE' && /got 123/.test(error.message),
    );
  });

  test('accepts only schema ids that fit a signed 32-bit int, from 0', () => {
    assertSchemaId(0);
    assertSchemaId(2 ** 31 - 1);
    for (const id of [-1, 2 ** 31, 1.5, NaN]) assert.throws(() => assertSchemaId(id), RangeError);
  });
});
