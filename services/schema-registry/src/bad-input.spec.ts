import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Kafka, Partitioners } from 'kafkajs';
import type { RunningSchemaRegistry } from './schema-registry-server';
import { call, startRegistryCluster, type Answer, type RegistryCluster } from './testing/registry-cluster';

const STRING_SCHEMA = { schema: '"string"' };

function expectError(answer: Answer, status: number, errorCode: number, message?: RegExp): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  const body = answer.body as { error_code: number; message: string };
  assert.equal(body.error_code, errorCode);
  if (message) assert.match(body.message, message);
}

describe('bad input gets Confluent-style answers and the registry keeps serving', () => {
  let cluster: RegistryCluster;
  let registry: RunningSchemaRegistry;
  const http = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => call(registry.url, method, path, body, headers);
  const stillServing = async () => assert.equal((await http('POST', '/subjects/alive-value/versions', STRING_SCHEMA)).status, 200);

  before(async () => {
    cluster = await startRegistryCluster();
    registry = await cluster.start({ maxBodyBytes: 64 * 1024 });
  });
  after(() => cluster.dispose());

  test('a body that is not JSON is 400 with the parser\'s complaint', async () => {
    expectError(await http('POST', '/subjects/s/versions', '{"schema": '), 400, 400, /request body/);
    expectError(await http('PUT', '/config', 'compatibility=FULL'), 400, 400);
    await stillServing();
  });

  test('JSON of the wrong shape is 422; an empty schema or none at all is 42201', async () => {
    expectError(await http('POST', '/subjects/s/versions', [STRING_SCHEMA]), 422, 422, /JSON object/);
    expectError(await http('POST', '/subjects/s/versions'), 422, 422, /required/);
    expectError(await http('POST', '/subjects/s/versions', {}), 422, 42201, /Empty schema/);
    expectError(await http('POST', '/subjects/s/versions', { schema: 12 }), 422, 42201);
    expectError(await http('POST', '/subjects/s/versions', { schema: '"string"', references: 'none' }), 422, 422, /references/);
    expectError(await http('PUT', '/mode', { mode: 7 }), 422, 42204);
  });

  test('invalid Avro is 42201 with avsc\'s reason: unknown types, bad defaults, missing names, text that is not JSON', async () => {
    const cases: Array<[object | string, RegExp]> = [
      [{ type: 'record', name: 'R', fields: [{ name: 'a', type: 'nope' }] }, /nope/],
      [{ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int', default: 'x' }] }, /default/],
      [{ type: 'record', fields: [] }, /name/],
      [{ type: 'enum', name: 'E', symbols: ['A', 'A'] }, /duplicate|symbol/],
      ['{"type": "record", ', /not valid JSON/],
    ];
    for (const [schema, reason] of cases) {
      const text = typeof schema === 'string' ? schema : JSON.stringify(schema);
      expectError(await http('POST', '/subjects/s/versions', { schema: text }), 422, 42201, reason);
    }
    expectError(await http('POST', '/subjects/s/versions', { schema: '"string"', schemaType: 'PROTOBUF' }), 422, 42201, /PROTOBUF/);
    await stillServing();
  });

  test('oversized bodies are 413, whether the length is declared or streamed, and nothing is registered', async () => {
    const huge = { schema: JSON.stringify({ type: 'string', doc: 'x'.repeat(200_000) }) };
    expectError(await http('POST', '/subjects/big-value/versions', huge), 413, 413, /limit of 65536 bytes/);
    const chunks = [Buffer.from('{"schema": "'), Buffer.alloc(100_000, 'x'), Buffer.from('"}')];
    const streamed = await fetch(`${registry.url}/subjects/big-value/versions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
      body: new ReadableStream({ start(c) { for (const chunk of chunks) c.enqueue(chunk); c.close(); } }),
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413);
    expectError(await http('GET', '/subjects/big-value/versions'), 404, 40401);
    await stillServing();
  });

  test('media types it does not speak are 415 (request) and 406 (answer)', async () => {
    expectError(await http('POST', '/subjects/s/versions', STRING_SCHEMA, { 'Content-Type': 'text/plain' }), 415, 415);
    expectError(await http('GET', '/subjects', undefined, { Accept: 'text/html' }), 406, 406);
    assert.equal((await http('GET', '/subjects', undefined, { Accept: 'text/html, */*;q=0.1' })).status, 200);
  });

  test('ids that are not numbers are unknown routes, as in Jersey; subjects with control characters are 42208', async () => {
    expectError(await http('GET', '/schemas/ids/one'), 404, 404);
    expectError(await http('POST', `/subjects/${encodeURIComponent('bad\u0001subject')}/versions`, STRING_SCHEMA), 422, 42208);
  });

  test('records in _schemas it cannot read are skipped with a warning, by running and by new instances', async () => {
    const kafka = new Kafka({ brokers: [cluster.broker.address], logLevel: 0 });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({
      topic: '_schemas',
      messages: [
        { key: 'not json', value: 'nor this' },
        { key: '{"keytype":"SCHEMA","subject":"x","version":1,"magic":1}', value: '{"subject":"y","version":1,"id":1,"schema":"\\"int\\""}' },
        { key: '{"keytype":"SOMETHING_NEWER","magic":0}', value: '{}' },
      ],
    });
    await producer.disconnect();
    await stillServing();
    const second = await cluster.start();
    assert.equal((await call(second.url, 'GET', '/subjects/alive-value/versions')).status, 200);
    expectError(await call(second.url, 'GET', '/subjects/x/versions'), 404, 40401);
    assert.ok(cluster.logged.filter((line) => line.includes('skipped a _schemas record')).length >= 6, cluster.logged.join('\n'));
    await second.stop();
  });

  test('a schema topic that would lose schemas (not compacted, or several partitions) is refused at start', async () => {
    const admin = new Kafka({ brokers: [cluster.broker.address], logLevel: 0 }).admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic: 'deleting-schemas', numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'delete' }] },
        { topic: 'split-schemas', numPartitions: 3, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
      ],
    });
    await admin.disconnect();
    await assert.rejects(cluster.start({ topic: 'deleting-schemas' }), /cleanup.policy=delete; it must be 'compact'/);
    await assert.rejects(cluster.start({ topic: 'split-schemas' }), /has 3 partitions; it needs exactly 1/);
  });
});
