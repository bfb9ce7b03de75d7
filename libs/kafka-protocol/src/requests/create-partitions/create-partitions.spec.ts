import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPartitions } from './index';
import { Decoder } from '../../decoder';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

for (const version of [0, 1]) {
  test(`CreatePartitions v${version}: a request kafkajs encodes decodes with ours to the same values`, async () => {
    const body = await kafkajsRequestBody('createPartitions', version, {
      topicPartitions: [{ topic: 'orders', count: 6 }, { topic: 'placed', count: 3, assignments: [[0], [0, 1]] }],
      validateOnly: true,
      timeout: 2500,
    });
    assert.deepEqual(decodeWithOurs(createPartitions, version, body), {
      topics: [{ name: 'orders', count: 6, assignments: null }, { name: 'placed', count: 3, assignments: [[0], [0, 1]] }],
      timeoutMs: 2500,
      validateOnly: true,
    });
  });

  test(`CreatePartitions v${version}: a response we encode decodes with kafkajs to the same values`, async () => {
    const body = encodeWithOurs(createPartitions, version, {
      throttleTimeMs: 4,
      results: [{ name: 'a', errorCode: 0 }, { name: 'b', errorCode: 37, errorMessage: 'Topic already has 6 partitions.' }],
    });
    const decoded = await kafkajsDecodeResponse<{ topicErrors: unknown[]; throttleTime: number; clientSideThrottleTime?: number }>(
      'createPartitions', version, body);
    assert.deepEqual(decoded.topicErrors, [
      { topic: 'a', errorCode: 0, errorMessage: null },
      { topic: 'b', errorCode: 37, errorMessage: 'Topic already has 6 partitions.' },
    ]);
    assert.equal(version === 0 ? decoded.throttleTime : decoded.clientSideThrottleTime, 4);
  });
}

test('CreatePartitions v0 request decodes from a byte-exact fixture', () => {
  const hex =
    '00000001' + '0001' + '74' + '00000003' + // topic "t", count 3
    '00000001' + '00000001' + '00000000' + // assignments: [[0]]
    '00001388' + '00'; // timeout_ms 5000, validate_only false
  assert.deepEqual(decodeWithOurs(createPartitions, 0, Buffer.from(hex, 'hex')), {
    topics: [{ name: 't', count: 3, assignments: [[0]] }],
    timeoutMs: 5000,
    validateOnly: false,
  });
});

test('CreatePartitions v1 response is byte-exact', () => {
  const body = encodeWithOurs(createPartitions, 1, { results: [{ name: 't', errorCode: 0 }] });
  assert.equal(body.toString('hex'), '00000000' + '00000001' + '0001' + '74' + '0000' + 'ffff');
});

test('a CreatePartitions request cut short anywhere throws ProtocolDecodeError', async () => {
  const body = await kafkajsRequestBody('createPartitions', 1, { topicPartitions: [{ topic: 'orders', count: 2, assignments: [[0]] }] });
  for (let cut = 0; cut < body.length; cut++) {
    assert.throws(() => createPartitions.versions[1].decodeRequest(new Decoder(body.subarray(0, cut))), ProtocolDecodeError, `cut at ${cut}`);
  }
});
