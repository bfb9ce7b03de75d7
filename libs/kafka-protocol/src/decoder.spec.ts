import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decoder } from './decoder';
import { Encoder } from './encoder';
import { ProtocolDecodeError } from './protocol-decode-error';

const int16String = (bytes: Buffer): Buffer => Buffer.concat([new Encoder().int16(bytes.length).finish(), bytes]);

test('a string of valid UTF-8 decodes to the text it encodes, and re-encodes to the same bytes', () => {
  const bytes = Buffer.from('tributary.äcme.🚚-orders');
  const s = new Decoder(int16String(bytes)).string();
  assert.deepEqual(new Encoder().string(s).finish(), int16String(bytes));
});

test('a string of invalid UTF-8 is refused, naming where it starts', () => {
  // The frame fuzzer's input: 0xff bytes would each decode to U+FFFD (3 bytes), so a group id
  // of 20 000 of them could be stored but never listed again (60 000 bytes > int16).
  const d = new Decoder(int16String(Buffer.alloc(20_000, 0xff)));
  assert.throws(() => d.string(), (err: Error) => err instanceof ProtocolDecodeError && /string at byte 2 is not valid UTF-8/.test(err.message));
  assert.throws(() => new Decoder(int16String(Buffer.from([0x61, 0xc3]))).nullableString(), ProtocolDecodeError);
});

test('a compact string of invalid UTF-8 is refused too', () => {
  const d = new Decoder(Buffer.from([3, 0x80, 0x80]));
  assert.throws(() => d.compactNullableString(), /compact string at byte 1 is not valid UTF-8/);
});
