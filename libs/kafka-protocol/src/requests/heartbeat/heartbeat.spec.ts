import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heartbeat } from './index';
import { Decoder } from '../../decoder';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

const kafkajsHeartbeat = { groupId: 'tributary.acme.mapper', groupGenerationId: 9, memberId: 'm-7', groupInstanceId: 'mapper-1' };

for (const version of [0, 1, 2, 3]) {
  test(`Heartbeat v${version}: a request kafkajs encodes decodes with ours to the same values`, async () => {
    const body = await kafkajsRequestBody('heartbeat', version, kafkajsHeartbeat);
    assert.deepEqual(decodeWithOurs(heartbeat, version, body), {
      groupId: 'tributary.acme.mapper', generationId: 9, memberId: 'm-7', groupInstanceId: version >= 3 ? 'mapper-1' : null,
    });
  });

  test(`Heartbeat v${version}: a response we encode decodes with kafkajs to the same values`, async () => {
    const body = encodeWithOurs(heartbeat, version, { throttleTimeMs: 4, errorCode: 0 });
    const decoded = await kafkajsDecodeResponse<{ errorCode: number; throttleTime?: number; clientSideThrottleTime?: number }>(
      'heartbeat', version, body);
    assert.equal(decoded.errorCode, 0);
    if (version === 1) assert.equal(decoded.throttleTime, 4);
    if (version >= 2) assert.equal(decoded.clientSideThrottleTime, 4);
  });
}

test('Heartbeat v3 request with a null group instance id decodes from a byte-exact fixture', () => {
  const hex = '0001' + '67' + '00000005' + '0001' + '6d' + 'ffff';
  assert.deepEqual(decodeWithOurs(heartbeat, 3, Buffer.from(hex, 'hex')), {
    groupId: 'g', generationId: 5, memberId: 'm', groupInstanceId: null,
  });
});

test('Heartbeat v0 and v3 responses are byte-exact', () => {
  assert.equal(encodeWithOurs(heartbeat, 0, { throttleTimeMs: 1, errorCode: 27 }).toString('hex'), '001b');
  assert.equal(encodeWithOurs(heartbeat, 3, { errorCode: 27 }).toString('hex'), '00000000' + '001b');
});

test('a Heartbeat request cut short anywhere throws ProtocolDecodeError', async () => {
  const body = await kafkajsRequestBody('heartbeat', 3, kafkajsHeartbeat);
  for (let cut = 0; cut < body.length; cut++) {
    assert.throws(() => heartbeat.versions[3].decodeRequest(new Decoder(body.subarray(0, cut))), ProtocolDecodeError, `cut at ${cut}`);
  }
});
