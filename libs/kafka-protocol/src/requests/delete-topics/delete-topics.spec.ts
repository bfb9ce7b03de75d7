import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deleteTopics } from './index';
import { Decoder } from '../../decoder';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

for (const version of [0, 1]) {
  test(`DeleteTopics v${version}: a request kafkajs encodes decodes with ours to the same values`, async () => {
    const body = await kafkajsRequestBody('deleteTopics', version, { topics: ['orders', 'tributary.acme.raw'], timeout: 3000 });
    assert.deepEqual(decodeWithOurs(deleteTopics, version, body), { topicNames: ['orders', 'tributary.acme.raw'], timeoutMs: 3000 });
  });

  test(`DeleteTopics v${version}: a response we encode decodes with kafkajs to the same values`, async () => {
    const body = encodeWithOurs(deleteTopics, version, {
      throttleTimeMs: 9,
      responses: [{ name: 'a', errorCode: 0 }, { name: 'b', errorCode: 3 }],
    });
    const decoded = await kafkajsDecodeResponse<{ topicErrors: unknown[]; clientSideThrottleTime?: number }>(
      'deleteTopics', version, body);
    assert.deepEqual(decoded.topicErrors, [{ topic: 'a', errorCode: 0 }, { topic: 'b', errorCode: 3 }]);
    if (version === 1) assert.equal(decoded.clientSideThrottleTime, 9);
  });
}

test('DeleteTopics v0 request decodes from a byte-exact fixture', () => {
  const hex = '00000002' + '0001' + '61' + '0002' + '6263' + '000003e8';
  assert.deepEqual(decodeWithOurs(deleteTopics, 0, Buffer.from(hex, 'hex')), { topicNames: ['a', 'bc'], timeoutMs: 1000 });
});

test('DeleteTopics v1 response is byte-exact', () => {
  const body = encodeWithOurs(deleteTopics, 1, { responses: [{ name: 'a', errorCode: 3 }] });
  assert.equal(body.toString('hex'), '00000000' + '00000001' + '0001' + '61' + '0003');
});

test('a DeleteTopics request cut short anywhere throws ProtocolDecodeError', async () => {
  const body = await kafkajsRequestBody('deleteTopics', 1, { topics: ['orders'] });
  for (let cut = 0; cut < body.length; cut++) {
    assert.throws(() => deleteTopics.versions[1].decodeRequest(new Decoder(body.subarray(0, cut))), ProtocolDecodeError, `cut at ${cut}`);
  }
});
