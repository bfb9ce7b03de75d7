import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONFIG_RESOURCE_TYPE, CONFIG_SOURCE, describeConfigs, type DescribeConfigsResponse } from './index';
import { Decoder } from '../../decoder';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

const { TOPIC } = CONFIG_RESOURCE_TYPE;

const response: DescribeConfigsResponse = {
  throttleTimeMs: 12,
  results: [
    {
      errorCode: 0,
      resourceType: TOPIC,
      resourceName: 'orders',
      configs: [
        {
          name: 'retention.ms', value: '-1', readOnly: false, isDefault: false, source: CONFIG_SOURCE.TOPIC_CONFIG, isSensitive: false,
          synonyms: [{ name: 'retention.ms', value: '-1', source: CONFIG_SOURCE.TOPIC_CONFIG }],
        },
        { name: 'cleanup.policy', value: 'delete', readOnly: false, isDefault: true, source: CONFIG_SOURCE.DEFAULT_CONFIG, isSensitive: false },
      ],
    },
    { errorCode: 3, errorMessage: 'Topic gone does not exist', resourceType: TOPIC, resourceName: 'gone', configs: [] },
  ],
};

interface KafkajsEntry { configName: string; configValue: string | null; readOnly: boolean; isDefault: boolean;
  configSource: number; isSensitive: boolean; configSynonyms?: unknown[] }
interface KafkajsDescribe { throttleTime: number; clientSideThrottleTime?: number;
  resources: { errorCode: number; errorMessage: string | null; resourceType: number; resourceName: string; configEntries: KafkajsEntry[] }[] }

for (const version of [0, 1, 2]) {
  test(`DescribeConfigs v${version}: a request kafkajs encodes decodes with ours to the same values`, async () => {
    const body = await kafkajsRequestBody('describeConfigs', version, {
      resources: [{ type: TOPIC, name: 'orders', configNames: ['retention.ms', 'cleanup.policy'] }, { type: TOPIC, name: 'all' }],
      includeSynonyms: true,
    });
    assert.deepEqual(decodeWithOurs(describeConfigs, version, body), {
      resources: [
        { resourceType: TOPIC, resourceName: 'orders', configurationKeys: ['retention.ms', 'cleanup.policy'] },
        { resourceType: TOPIC, resourceName: 'all', configurationKeys: null },
      ],
      includeSynonyms: version >= 1,
    });
  });

  test(`DescribeConfigs v${version}: a response we encode decodes with kafkajs to the same values`, async () => {
    const decoded = await kafkajsDecodeResponse<KafkajsDescribe>('describeConfigs', version,
      encodeWithOurs(describeConfigs, version, response));
    assert.equal(version < 2 ? decoded.throttleTime : decoded.clientSideThrottleTime, 12);
    assert.deepEqual(decoded.resources.map((r) => [r.errorCode, r.errorMessage, r.resourceType, r.resourceName, r.configEntries.length]),
      [[0, null, TOPIC, 'orders', 2], [3, 'Topic gone does not exist', TOPIC, 'gone', 0]]);
    // kafkajs back-ports config_source to v0 from is_default, and is_default to v1+ from config_source.
    const synonymsOf = (n: number) => (version >= 1 ? { configSynonyms: n ? [{ configName: 'retention.ms', configValue: '-1', configSource: 1 }] : [] } : {});
    assert.deepEqual(decoded.resources[0].configEntries, [
      { configName: 'retention.ms', configValue: '-1', readOnly: false, isDefault: false, configSource: 1, isSensitive: false, ...synonymsOf(1) },
      { configName: 'cleanup.policy', configValue: 'delete', readOnly: false, isDefault: true, configSource: 5, isSensitive: false, ...synonymsOf(0) },
    ]);
  });
}

test('DescribeConfigs v1 request decodes from a byte-exact fixture', () => {
  const hex = '00000001' + '02' + '0001' + '74' + 'ffffffff' + '01';
  assert.deepEqual(decodeWithOurs(describeConfigs, 1, Buffer.from(hex, 'hex')), {
    resources: [{ resourceType: 2, resourceName: 't', configurationKeys: null }],
    includeSynonyms: true,
  });
});

test('DescribeConfigs v0 writes is_default and v1 writes config_source and synonyms, byte for byte', () => {
  const res: DescribeConfigsResponse = {
    results: [{
      errorCode: 0, resourceType: 2, resourceName: 't',
      configs: [{ name: 'k', value: null, readOnly: true, isDefault: true, source: 5, isSensitive: true }],
    }],
  };
  const frame = '00000000' + '00000001' + '0000' + 'ffff' + '02' + '0001' + '74' + '00000001' + '0001' + '6b' + 'ffff' + '01';
  assert.equal(encodeWithOurs(describeConfigs, 0, res).toString('hex'), frame + '01' + '01');
  assert.equal(encodeWithOurs(describeConfigs, 1, res).toString('hex'), frame + '05' + '01' + '00000000');
});

test('a DescribeConfigs request cut short anywhere throws ProtocolDecodeError', async () => {
  const body = await kafkajsRequestBody('describeConfigs', 2, { resources: [{ type: TOPIC, name: 'orders', configNames: ['a'] }] });
  for (let cut = 0; cut < body.length; cut++) {
    assert.throws(() => describeConfigs.versions[2].decodeRequest(new Decoder(body.subarray(0, cut))), ProtocolDecodeError, `cut at ${cut}`);
  }
});
