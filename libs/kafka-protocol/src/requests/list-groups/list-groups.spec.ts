import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listGroups } from './index';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

// The request has an empty body in every version, so there is nothing to cut short.
for (const version of [0, 1, 2]) {
  test(`ListGroups v${version}: kafkajs's empty request decodes with ours with no bytes left`, async () => {
    const body = await kafkajsRequestBody('listGroups', version);
    assert.equal(body.length, 0);
    assert.deepEqual(decodeWithOurs(listGroups, version, body), {});
  });

  test(`ListGroups v${version}: a response we encode decodes with kafkajs to the same values`, async () => {
    const body = encodeWithOurs(listGroups, version, {
      throttleTimeMs: 10,
      errorCode: 0,
      groups: [{ groupId: 'tributary.acme.mapper', protocolType: 'consumer' }, { groupId: 'fresh', protocolType: '' }],
    });
    const decoded = await kafkajsDecodeResponse<{
      errorCode: number; groups: unknown[]; throttleTime?: number; clientSideThrottleTime?: number;
    }>('listGroups', version, body);
    assert.equal(decoded.errorCode, 0);
    assert.deepEqual(decoded.groups, [
      { groupId: 'tributary.acme.mapper', protocolType: 'consumer' }, { groupId: 'fresh', protocolType: '' },
    ]);
    if (version === 1) assert.equal(decoded.throttleTime, 10);
    if (version === 2) assert.equal(decoded.clientSideThrottleTime, 10);
  });
}

test('ListGroups v0 and v1 responses are byte-exact', () => {
  const res = { throttleTimeMs: 3, errorCode: 15, groups: [{ groupId: 'g', protocolType: 'c' }] };
  assert.equal(encodeWithOurs(listGroups, 0, res).toString('hex'), '000f' + '00000001' + '000167' + '000163');
  assert.equal(encodeWithOurs(listGroups, 1, res).toString('hex'), '00000003' + '000f' + '00000001' + '000167' + '000163');
});
