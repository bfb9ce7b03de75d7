import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initProducerId } from './index';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

for (const version of [0, 1]) {
  for (const transactionalId of ['tributary-tax-sink-0', null]) {
    test(`InitProducerId v${version}: a kafkajs request with transactional id ${transactionalId} decodes with ours`, async () => {
      const body = await kafkajsRequestBody('initProducerId', version, { transactionalId, transactionTimeout: 60000 });
      assert.deepEqual(decodeWithOurs(initProducerId, version, body), { transactionalId, transactionTimeoutMs: 60000 });
    });
  }

  test(`InitProducerId v${version}: our response decodes in kafkajs to the same values`, async () => {
    const body = encodeWithOurs(initProducerId, version, { throttleTimeMs: 3, errorCode: 0, producerId: 2 ** 40 + 17, producerEpoch: 4 });
    const decoded = await kafkajsDecodeResponse<Record<string, unknown>>('initProducerId', version, body);
    assert.deepEqual(decoded, {
      errorCode: 0,
      producerId: String(2 ** 40 + 17),
      producerEpoch: 4,
      // From v1 kafkajs reads throttle_time_ms as client-side throttling (KIP-219).
      ...(version === 0 ? { throttleTime: 3 } : { throttleTime: 0, clientSideThrottleTime: 3 }),
    });
  });

  test(`InitProducerId v${version}: every truncation of a request throws ProtocolDecodeError`, async () => {
    const body = await kafkajsRequestBody('initProducerId', version, { transactionalId: 'tx', transactionTimeout: 1 });
    for (let len = 0; len < body.length; len++) {
      assert.throws(() => decodeWithOurs(initProducerId, version, body.subarray(0, len)), ProtocolDecodeError);
    }
  });
}

test('InitProducerId response is byte-exact', () => {
  const body = encodeWithOurs(initProducerId, 1, { errorCode: 47, producerId: -1, producerEpoch: -1 });
  assert.equal(body.toString('hex'), '00000000' + '002f' + 'ffffffffffffffff' + 'ffff');
});
