import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alterConfigs } from './index';
import { Decoder } from '../../decoder';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

for (const version of [0, 1]) {
  test(`AlterConfigs v${version}: a request kafkajs encodes decodes with ours to the same values`, async () => {
    const body = await kafkajsRequestBody('alterConfigs', version, {
      resources: [
        { type: 2, name: 'orders', configEntries: [{ name: 'retention.ms', value: '3600000' }, { name: 'x', value: null }] },
        { type: 2, name: 'empty', configEntries: [] },
      ],
      validateOnly: true,
    });
    assert.deepEqual(decodeWithOurs(alterConfigs, version, body), {
      resources: [
        { resourceType: 2, resourceName: 'orders', configs: [{ name: 'retention.ms', value: '3600000' }, { name: 'x', value: null }] },
        { resourceType: 2, resourceName: 'empty', configs: [] },
      ],
      validateOnly: true,
    });
  });

  test(`AlterConfigs v${version}: a response we encode decodes with kafkajs to the same values`, async () => {
    const body = encodeWithOurs(alterConfigs, version, {
      throttleTimeMs: 3,
      responses: [
        { errorCode: 0, resourceType: 2, resourceName: 'orders' },
        { errorCode: 40, errorMessage: 'Unknown topic config name: x', resourceType: 2, resourceName: 'bad' },
      ],
    });
    const decoded = await kafkajsDecodeResponse<{ throttleTime: number; clientSideThrottleTime?: number; resources: unknown[] }>(
      'alterConfigs', version, body);
    assert.equal(version === 0 ? decoded.throttleTime : decoded.clientSideThrottleTime, 3);
    assert.deepEqual(decoded.resources, [
      { errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 'orders' },
      { errorCode: 40, errorMessage: 'Unknown topic config name: x', resourceType: 2, resourceName: 'bad' },
    ]);
  });
}

test('AlterConfigs v0 request decodes from a byte-exact fixture', () => {
  const hex = '00000001' + '02' + '0001' + '74' + '00000001' + '0001' + '6b' + '0001' + '76' + '00';
  assert.deepEqual(decodeWithOurs(alterConfigs, 0, Buffer.from(hex, 'hex')), {
    resources: [{ resourceType: 2, resourceName: 't', configs: [{ name: 'k', value: 'v' }] }],
    validateOnly: false,
  });
});

test('AlterConfigs v1 response is byte-exact', () => {
  const body = encodeWithOurs(alterConfigs, 1, { throttleTimeMs: 2, responses: [{ errorCode: 40, errorMessage: 'no', resourceType: 2, resourceName: 't' }] });
  assert.equal(body.toString('hex'), '00000002' + '00000001' + '0028' + '0002' + '6e6f' + '02' + '0001' + '74');
});

test('an AlterConfigs request cut short anywhere throws ProtocolDecodeError', async () => {
  const body = await kafkajsRequestBody('alterConfigs', 1, { resources: [{ type: 2, name: 'o', configEntries: [{ name: 'a', value: 'b' }] }] });
  for (let cut = 0; cut < body.length; cut++) {
    assert.throws(() => alterConfigs.versions[1].decodeRequest(new Decoder(body.subarray(0, cut))), ProtocolDecodeError, `cut at ${cut}`);
  }
});
