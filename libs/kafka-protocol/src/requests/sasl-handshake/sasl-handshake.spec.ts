import { test } from 'node:test';
import assert from 'node:assert/strict';
import { saslHandshake } from './index';
import { Decoder } from '../../decoder';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

for (const version of [0, 1]) {
  test(`SaslHandshake v${version}: a request kafkajs encodes decodes with ours to the same mechanism`, async () => {
    const body = await kafkajsRequestBody('saslHandshake', version, { mechanism: 'SCRAM-SHA-256' });
    assert.deepEqual(decodeWithOurs(saslHandshake, version, body), { mechanism: 'SCRAM-SHA-256' });
  });

  test(`SaslHandshake v${version}: a response we encode decodes with kafkajs to the same mechanisms`, async () => {
    const body = encodeWithOurs(saslHandshake, version, { errorCode: 33, mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] });
    const decoded = await kafkajsDecodeResponse<{ errorCode: number; enabledMechanisms: string[] }>('saslHandshake', version, body);
    assert.deepEqual(decoded, { errorCode: 33, enabledMechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] });
  });
}

test('SaslHandshake v1 request decodes from a byte-exact fixture', () => {
  const hex = '0005' + Buffer.from('PLAIN').toString('hex');
  assert.deepEqual(decodeWithOurs(saslHandshake, 1, Buffer.from(hex, 'hex')), { mechanism: 'PLAIN' });
});

test('SaslHandshake v0 response is byte-exact', () => {
  const body = encodeWithOurs(saslHandshake, 0, { errorCode: 0, mechanisms: ['PLAIN'] });
  assert.equal(body.toString('hex'), '0000' + '00000001' + '0005' + Buffer.from('PLAIN').toString('hex'));
});

test('a SaslHandshake request cut short anywhere throws ProtocolDecodeError', async () => {
  const body = await kafkajsRequestBody('saslHandshake', 1, { mechanism: 'PLAIN' });
  for (let cut = 0; cut < body.length; cut++) {
    assert.throws(() => saslHandshake.versions[1].decodeRequest(new Decoder(body.subarray(0, cut))), ProtocolDecodeError, `cut at ${cut}`);
  }
});
