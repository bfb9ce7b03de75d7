import { test } from 'node:test';
import assert from 'node:assert/strict';
import { saslAuthenticate } from './index';
import { Decoder } from '../../decoder';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

type SaslMessage = { encode(): Promise<Buffer> };
type SaslReply = { decode(b: Buffer): Promise<Buffer>; parse(b: Buffer): Promise<Record<string, string>> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const plainRequest = require('kafkajs/src/protocol/sasl/plain/request') as (o: object) => SaslMessage;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scramFirstReply = require('kafkajs/src/protocol/sasl/scram/firstMessage/response') as SaslReply;

interface KafkajsSaslAuthenticate {
  errorCode: number;
  errorMessage: string | null;
  authBytes: Buffer;
  sessionLifetimeMs?: string;
}

/** What kafkajs's mechanisms hand to SaslAuthenticate: their token, already size-prefixed. */
async function kafkajsPlainBody(version: number): Promise<Buffer> {
  const authBytes = await plainRequest({ username: 'acme', password: 's3cret' }).encode();
  return kafkajsRequestBody('saslAuthenticate', version, { authBytes });
}

for (const version of [0, 1]) {
  test(`SaslAuthenticate v${version}: kafkajs's PLAIN token decodes with ours to the bare token`, async () => {
    const req = decodeWithOurs(saslAuthenticate, version, await kafkajsPlainBody(version));
    assert.equal(req.authBytes.toString(), '\0acme\0s3cret');
  });

  test(`SaslAuthenticate v${version}: a SCRAM challenge we encode reaches kafkajs's SCRAM mechanism intact`, async () => {
    const challenge = Buffer.from('r=clientnonceservernonce,s=c2FsdA==,i=4096');
    const body = encodeWithOurs(saslAuthenticate, version, { errorCode: 0, errorMessage: null, authBytes: challenge, sessionLifetimeMs: 3600000 });
    const decoded = await kafkajsDecodeResponse<KafkajsSaslAuthenticate>('saslAuthenticate', version, body);
    assert.equal(decoded.errorCode, 0);
    assert.equal(decoded.errorMessage, null);
    const parsed = await scramFirstReply.parse(await scramFirstReply.decode(decoded.authBytes));
    assert.deepEqual([parsed.r, parsed.s, parsed.i], ['clientnonceservernonce', 'c2FsdA==', '4096']);
    if (version === 1) assert.equal(decoded.sessionLifetimeMs, '3600000');
  });
}

test('SaslAuthenticate v1: a failure we encode carries its message to kafkajs', async () => {
  const body = encodeWithOurs(saslAuthenticate, 1, { errorCode: 58, errorMessage: 'Invalid username or password', authBytes: Buffer.alloc(0) });
  const decoded = await kafkajsDecodeResponse<KafkajsSaslAuthenticate>('saslAuthenticate', 1, body);
  assert.equal(decoded.errorCode, 58);
  assert.equal(decoded.errorMessage, 'Invalid username or password');
  assert.equal(decoded.sessionLifetimeMs, '0');
});

test('SaslAuthenticate v0 request decodes from a byte-exact fixture', () => {
  const hex = '00000005' + '0061006200'; // "\0a\0b\0"
  assert.deepEqual(decodeWithOurs(saslAuthenticate, 0, Buffer.from(hex, 'hex')), { authBytes: Buffer.from('\0a\0b\0') });
});

test('SaslAuthenticate responses are byte-exact: v0 ends at auth_bytes, v1 adds the session lifetime', () => {
  const res = { errorCode: 0, authBytes: Buffer.alloc(0), sessionLifetimeMs: 0x100000001 };
  assert.equal(encodeWithOurs(saslAuthenticate, 0, res).toString('hex'), '0000' + 'ffff' + '00000000');
  assert.equal(encodeWithOurs(saslAuthenticate, 1, res).toString('hex'), '0000' + 'ffff' + '00000000' + '0000000100000001');
});

test('a SaslAuthenticate request cut short anywhere throws ProtocolDecodeError', async () => {
  const body = await kafkajsPlainBody(1);
  for (let cut = 0; cut < body.length; cut++) {
    assert.throws(() => saslAuthenticate.versions[1].decodeRequest(new Decoder(body.subarray(0, cut))), ProtocolDecodeError, `cut at ${cut}`);
  }
});
