import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TOPIC_CONFIGS, describeTopicConfig, resolveTopicConfig, validateTopicConfig, type TopicConfig } from './topic-configs';
import { KafkaProtocolError } from './errors';
import { CONFIG_SOURCE, type DescribeConfigsResourceConfig } from './requests/describe-configs/types';

function errorOf(name: string, value: string | null): string {
  const result = validateTopicConfig(name, value);
  assert.equal(result.ok, false, `${name}=${value} should be rejected`);
  return result.ok ? '' : result.error;
}

test('with no overrides every config resolves to its documented default', () => {
  const config: TopicConfig = resolveTopicConfig({});
  assert.deepEqual(config, {
    'cleanup.policy': ['delete'],
    'compression.type': 'producer',
    'delete.retention.ms': 86400000,
    'file.delete.delay.ms': 60000,
    'index.interval.bytes': 4096,
    'max.message.bytes': 1048588,
    'message.timestamp.type': 'CreateTime',
    'min.compaction.lag.ms': 0,
    'min.insync.replicas': 1,
    'retention.bytes': -1,
    'retention.ms': 604800000,
    'segment.bytes': 1073741824,
    'segment.ms': 604800000,
    'unclean.leader.election.enable': false,
  });
});

test('every config in the table has a documentation line and a unique name', () => {
  assert.equal(new Set(TOPIC_CONFIGS.map((d) => d.name)).size, TOPIC_CONFIGS.length);
  for (const def of TOPIC_CONFIGS) assert.ok(def.doc.length > 20, def.name);
});

test('overrides are parsed to typed values and replace the defaults', () => {
  const config = resolveTopicConfig({
    'cleanup.policy': 'compact, delete',
    'retention.ms': '-1',
    'segment.bytes': ' 1048576 ',
    'message.timestamp.type': 'LogAppendTime',
    'unclean.leader.election.enable': 'TRUE',
  });
  assert.deepEqual(config['cleanup.policy'], ['compact', 'delete']);
  assert.equal(config['retention.ms'], -1);
  assert.equal(config['segment.bytes'], 1048576);
  assert.equal(config['message.timestamp.type'], 'LogAppendTime');
  assert.equal(config['unclean.leader.election.enable'], true);
  assert.equal(config['segment.ms'], 604800000);
});

test('cleanup.policy accepts delete, compact and both, and nothing else', () => {
  for (const ok of ['delete', 'compact', 'compact,delete', 'delete,compact']) assert.equal(validateTopicConfig('cleanup.policy', ok).ok, true, ok);
  assert.match(errorOf('cleanup.policy', 'compact,archive'), /^Invalid value compact,archive for configuration cleanup\.policy: .*archive/);
  assert.match(errorOf('cleanup.policy', ''), /cleanup\.policy: List must name at least one of: delete, compact/);
});

test('numbers outside their range or type are rejected with the config named', () => {
  assert.equal(errorOf('retention.ms', '-2'), 'Invalid value -2 for configuration retention.ms: Value must be at least -1');
  assert.equal(errorOf('segment.bytes', '13'), 'Invalid value 13 for configuration segment.bytes: Value must be at least 14');
  assert.equal(errorOf('segment.ms', '0'), 'Invalid value 0 for configuration segment.ms: Value must be at least 1');
  assert.equal(errorOf('min.insync.replicas', '0'), 'Invalid value 0 for configuration min.insync.replicas: Value must be at least 1');
  assert.equal(errorOf('max.message.bytes', '2147483648'), 'Invalid value 2147483648 for configuration max.message.bytes: Not a number of type INT');
  assert.equal(errorOf('retention.ms', '7d'), 'Invalid value 7d for configuration retention.ms: Not a number of type LONG');
  assert.equal(errorOf('retention.ms', '1.5'), 'Invalid value 1.5 for configuration retention.ms: Not a number of type LONG');
  assert.equal(errorOf('retention.ms', '9223372036854775808'), 'Invalid value 9223372036854775808 for configuration retention.ms: Not a number of type LONG');
});

test('retention.bytes takes any long, as in Kafka, with -1 meaning no limit', () => {
  assert.deepEqual(validateTopicConfig('retention.bytes', '-1'), { ok: true, name: 'retention.bytes', value: -1 });
  assert.deepEqual(validateTopicConfig('retention.bytes', '1073741824'), { ok: true, name: 'retention.bytes', value: 1073741824 });
});

test('a long beyond 2^53 such as Long.MAX_VALUE is accepted and held as the largest safe integer', () => {
  assert.deepEqual(validateTopicConfig('retention.ms', '9223372036854775807'),
    { ok: true, name: 'retention.ms', value: Number.MAX_SAFE_INTEGER });
});

test('enum configs accept only their listed values, case and all', () => {
  for (const v of ['producer', 'uncompressed', 'gzip', 'snappy', 'lz4', 'zstd']) assert.equal(validateTopicConfig('compression.type', v).ok, true, v);
  assert.match(errorOf('compression.type', 'brotli'), /compression\.type: String must be one of: producer, uncompressed, gzip, snappy, lz4, zstd/);
  assert.match(errorOf('message.timestamp.type', 'createtime'), /message\.timestamp\.type/);
  assert.match(errorOf('unclean.leader.election.enable', 'yes'), /unclean\.leader\.election\.enable: Expected value to be either true or false/);
});

test('unknown config names and null values are rejected', () => {
  assert.equal(errorOf('retention.hours', '1'), 'Unknown topic config name: retention.hours');
  assert.equal(errorOf('retention.ms', null), 'Null value not supported for topic config: retention.ms');
});

test('resolving invalid overrides throws INVALID_CONFIG naming every fault', () => {
  assert.throws(() => resolveTopicConfig({ 'retention.ms': 'x', 'no.such': '1', 'segment.ms': '5' }), (err: unknown) => {
    assert.ok(err instanceof KafkaProtocolError);
    assert.equal(err.code, 40);
    assert.match(err.message, /retention\.ms/);
    assert.match(err.message, /Unknown topic config name: no\.such/);
    assert.doesNotMatch(err.message, /segment\.ms/);
    return true;
  });
});

test('describing a topic lists every config, overrides as TOPIC_CONFIG and the rest as DEFAULT_CONFIG', () => {
  const entries: DescribeConfigsResourceConfig[] = describeTopicConfig({ 'retention.ms': '-1' });
  assert.equal(entries.length, TOPIC_CONFIGS.length);
  assert.deepEqual(entries.find((e) => e.name === 'retention.ms'),
    { name: 'retention.ms', value: '-1', isDefault: false, source: CONFIG_SOURCE.TOPIC_CONFIG, readOnly: false, isSensitive: false });
  assert.deepEqual(entries.find((e) => e.name === 'cleanup.policy'),
    { name: 'cleanup.policy', value: 'delete', isDefault: true, source: CONFIG_SOURCE.DEFAULT_CONFIG, readOnly: false, isSensitive: false });
});

test('describing with requested names returns only those, leaving unknown names out', () => {
  const entries = describeTopicConfig({}, ['segment.ms', 'nope', 'cleanup.policy']);
  assert.deepEqual(entries.map((e) => e.name), ['cleanup.policy', 'segment.ms']);
  assert.deepEqual(describeTopicConfig({}, []), []);
});

test('the resolved config is typed per entry of the table', () => {
  const config = resolveTopicConfig({ 'cleanup.policy': 'compact' });
  const retentionMs: number = config['retention.ms'];
  const policy: readonly ('delete' | 'compact')[] = config['cleanup.policy'];
  const timestampType: 'CreateTime' | 'LogAppendTime' = config['message.timestamp.type'];
  const unclean: boolean = config['unclean.leader.election.enable'];
  // @ts-expect-error a long is a number, never a string
  const wrong: string = config['retention.ms'];
  assert.deepEqual([retentionMs, policy, timestampType, unclean, typeof wrong], [604800000, ['compact'], 'CreateTime', false, 'number']);
});
