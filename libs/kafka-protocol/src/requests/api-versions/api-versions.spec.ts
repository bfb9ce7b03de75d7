import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiVersions } from './index';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

const ranges = [
  { apiKey: 0, minVersion: 3, maxVersion: 7 },
  { apiKey: 18, minVersion: 0, maxVersion: 2 },
];

for (const version of [0, 1, 2]) {
  test(`ApiVersions v${version}: kafkajs's request decodes and our response decodes in kafkajs`, async () => {
    decodeWithOurs(apiVersions, version, await kafkajsRequestBody('apiVersions', version));
    const body = encodeWithOurs(apiVersions, version, { errorCode: 0, apiVersions: ranges, throttleTimeMs: 5 });
    const decoded = await kafkajsDecodeResponse<{ errorCode: number; apiVersions: unknown[]; throttleTime?: number }>(
      'apiVersions', version, body);
    assert.equal(decoded.errorCode, 0);
    assert.deepEqual(decoded.apiVersions, ranges);
    // kafkajs reads v2's throttle time as client-side throttling (KIP-219) and reports 0 here.
    if (version === 1) assert.equal(decoded.throttleTime, 5);
  });
}

test('ApiVersions v0 response is byte-exact', () => {
  const body = encodeWithOurs(apiVersions, 0, { errorCode: 35, apiVersions: [{ apiKey: 18, minVersion: 0, maxVersion: 2 }] });
  assert.equal(body.toString('hex'), '0023' + '00000001' + '0012' + '0000' + '0002');
});
