import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deleteGroups } from './index';
import { Decoder } from '../../decoder';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

for (const version of [0, 1]) {
  test(`DeleteGroups v${version}: a request kafkajs encodes decodes with ours to the same group names`, async () => {
    // kafkajs's DeleteGroups request takes the array of group ids itself, not an options object.
    const body = await kafkajsRequestBody('deleteGroups', version, ['tributary.acme.old', 'scratch']);
    assert.deepEqual(decodeWithOurs(deleteGroups, version, body), { groupsNames: ['tributary.acme.old', 'scratch'] });
  });

  test(`DeleteGroups v${version}: a response we encode decodes with kafkajs to the same values`, async () => {
    const body = encodeWithOurs(deleteGroups, version, {
      throttleTimeMs: 4,
      results: [{ groupId: 'tributary.acme.old', errorCode: 0 }, { groupId: 'busy', errorCode: 68 }],
    });
    const decoded = await kafkajsDecodeResponse<{
      throttleTimeMs: number; clientSideThrottleTime?: number; results: { groupId: string; errorCode: number }[];
    }>('deleteGroups', version, body);
    // kafkajs reports the throttle as throttleTimeMs in both versions (its v1 reads a field v0 never sets).
    assert.equal(decoded.throttleTimeMs, 4);
    assert.deepEqual(decoded.results.map(({ groupId, errorCode }) => ({ groupId, errorCode })), [
      { groupId: 'tributary.acme.old', errorCode: 0 }, { groupId: 'busy', errorCode: 68 },
    ]);
  });
}

test('DeleteGroups v0 request decodes from a byte-exact fixture', () => {
  assert.deepEqual(decodeWithOurs(deleteGroups, 0, Buffer.from('00000002' + '000161' + '00026263', 'hex')), { groupsNames: ['a', 'bc'] });
});

test('DeleteGroups v1 response is byte-exact', () => {
  const body = encodeWithOurs(deleteGroups, 1, { results: [{ groupId: 'g', errorCode: 69 }] });
  assert.equal(body.toString('hex'), '00000000' + '00000001' + '000167' + '0045');
});

test('a DeleteGroups request cut short anywhere throws ProtocolDecodeError', async () => {
  const body = await kafkajsRequestBody('deleteGroups', 1, ['group-a', 'b']);
  for (let cut = 0; cut < body.length; cut++) {
    assert.throws(() => deleteGroups.versions[1].decodeRequest(new Decoder(body.subarray(0, cut))), ProtocolDecodeError, `cut at ${cut}`);
  }
});
