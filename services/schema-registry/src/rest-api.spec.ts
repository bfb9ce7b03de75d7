import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningSchemaRegistry } from './schema-registry-server';
import { call, startRegistryCluster, type Answer, type RegistryCluster } from './testing/registry-cluster';

/** `{"type": "string"}`, as Confluent's "API Usage Examples" register it. */
const STRING_SCHEMA = { schema: '{"type": "string"}' };
const record = (...fields: object[]) => ({ schema: JSON.stringify({ type: 'record', name: 'Payment', fields: [{ name: 'id', type: 'string' }, ...fields] }) });

function expectError(answer: Answer, status: number, errorCode: number, message?: RegExp): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  const body = answer.body as { error_code: number; message: string };
  assert.equal(body.error_code, errorCode, body.message);
  assert.equal(typeof body.message, 'string');
  if (message) assert.match(body.message, message);
}

describe("the REST API, following Confluent's documented curl examples", () => {
  let cluster: RegistryCluster;
  let registry: RunningSchemaRegistry;
  const http = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => call(registry.url, method, path, body, headers);

  before(async () => {
    cluster = await startRegistryCluster();
    registry = await cluster.start();
  });
  after(() => cluster.dispose());

  test('register under Kafka-key and Kafka-value, list, and fetch by id, version and latest', async () => {
    assert.deepEqual(await http('POST', '/subjects/Kafka-key/versions', STRING_SCHEMA), {
      status: 200, contentType: 'application/vnd.schemaregistry.v1+json; charset=utf-8', body: { id: 1 },
    });
    assert.deepEqual((await http('POST', '/subjects/Kafka-value/versions', STRING_SCHEMA)).body, { id: 1 });
    assert.deepEqual((await http('GET', '/subjects')).body, ['Kafka-key', 'Kafka-value']);
    assert.deepEqual((await http('GET', '/subjects/Kafka-value/versions')).body, [1]);
    assert.deepEqual((await http('GET', '/schemas/ids/1')).body, { schema: '"string"' });
    const version1 = { subject: 'Kafka-value', version: 1, id: 1, schema: '"string"' };
    assert.deepEqual((await http('GET', '/subjects/Kafka-value/versions/1')).body, version1);
    assert.deepEqual((await http('GET', '/subjects/Kafka-value/versions/latest')).body, version1);
    assert.deepEqual((await http('GET', '/subjects/Kafka-value/versions/latest/schema')).body, 'string');
    assert.deepEqual((await http('GET', '/schemas/ids/1/subjects')).body, ['Kafka-key', 'Kafka-value']);
    assert.deepEqual((await http('GET', '/schemas/ids/1/versions')).body, [
      { subject: 'Kafka-key', version: 1 }, { subject: 'Kafka-value', version: 1 },
    ]);
    assert.deepEqual((await http('GET', '/schemas/types')).body, ['AVRO']);
  });

  test('check whether a schema is registered under a subject (POST /subjects/{subject})', async () => {
    assert.deepEqual((await http('POST', '/subjects/Kafka-key', STRING_SCHEMA)).body, { subject: 'Kafka-key', version: 1, id: 1, schema: '"string"' });
    expectError(await http('POST', '/subjects/Kafka-key', { schema: '"int"' }), 404, 40403, /Schema not found/);
    expectError(await http('POST', '/subjects/no-such-subject', STRING_SCHEMA), 404, 40401, /Subject 'no-such-subject' not found/);
  });

  test('compatibility: test against latest (verbose messages name the field), register refuses with 409', async () => {
    assert.equal((await http('POST', '/subjects/payments-value/versions', record())).status, 200);
    const added = record({ name: 'amount', type: 'double', default: 0 });
    assert.deepEqual((await http('POST', '/compatibility/subjects/payments-value/versions/latest', added)).body, { is_compatible: true });
    const breaking = record({ name: 'amount', type: 'double' });
    assert.deepEqual((await http('POST', '/compatibility/subjects/payments-value/versions/latest', breaking)).body, { is_compatible: false });
    const verbose = (await http('POST', '/compatibility/subjects/payments-value/versions/1?verbose=true', breaking)).body as { is_compatible: boolean; messages: string[] };
    assert.equal(verbose.is_compatible, false);
    assert.match(verbose.messages[0], /READER_FIELD_MISSING_DEFAULT_VALUE.*'amount'/);
    assert.ok(verbose.messages.includes("{compatibility: 'BACKWARD'}"));
    expectError(await http('POST', '/subjects/payments-value/versions', breaking), 409, 409, /incompatible with an earlier schema for subject "payments-value".*amount/);
    expectError(await http('POST', '/compatibility/subjects/payments-value/versions/7', added), 404, 40402);
    expectError(await http('POST', '/compatibility/subjects/payments-value/versions/latest', { schema: '{"type":' }), 422, 42201);
    assert.deepEqual((await http('POST', '/compatibility/subjects/payments-value/versions', added)).body, { is_compatible: true });
  });

  test('config: get, update globally and per subject, delete back to the global level', async () => {
    assert.deepEqual((await http('GET', '/config')).body, { compatibilityLevel: 'BACKWARD' });
    assert.deepEqual((await http('PUT', '/config', { compatibility: 'NONE' })).body, { compatibility: 'NONE' });
    assert.deepEqual((await http('PUT', '/config/Kafka-value', { compatibility: 'BACKWARD' })).body, { compatibility: 'BACKWARD' });
    assert.deepEqual((await http('GET', '/config/Kafka-value')).body, { compatibilityLevel: 'BACKWARD' });
    expectError(await http('GET', '/config/Kafka-key'), 404, 40408);
    assert.deepEqual((await http('GET', '/config/Kafka-key?defaultToGlobal=true')).body, { compatibilityLevel: 'NONE' });
    expectError(await http('PUT', '/config', { compatibility: 'SIDEWAYS' }), 422, 42203);
    assert.deepEqual((await http('DELETE', '/config/Kafka-value')).body, { compatibilityLevel: 'BACKWARD' });
    expectError(await http('DELETE', '/config/Kafka-value'), 404, 40401);
    assert.deepEqual((await http('DELETE', '/config')).body, { compatibilityLevel: 'NONE' });
    assert.deepEqual((await http('GET', '/config')).body, { compatibilityLevel: 'BACKWARD' });
  });

  test('mode: READONLY refuses writes with 42205 until READWRITE again', async () => {
    assert.deepEqual((await http('GET', '/mode')).body, { mode: 'READWRITE' });
    assert.deepEqual((await http('PUT', '/mode', { mode: 'READONLY' })).body, { mode: 'READONLY' });
    expectError(await http('POST', '/subjects/ro-value/versions', STRING_SCHEMA), 422, 42205);
    expectError(await http('PUT', '/mode', { mode: 'SIDEWAYS' }), 422, 42204);
    assert.deepEqual((await http('PUT', '/mode', { mode: 'READWRITE' })).body, { mode: 'READWRITE' });
    assert.equal((await http('POST', '/subjects/ro-value/versions', STRING_SCHEMA)).status, 200);
  });

  test('soft and hard deletes, with ?deleted=true, and the 4040x codes Confluent gives out of order', async () => {
    for (const doc of ['first', 'second', 'third']) {
      assert.equal((await http('POST', '/subjects/lifecycle-value/versions', { schema: JSON.stringify({ type: 'string', doc }) })).status, 200);
    }
    expectError(await http('DELETE', '/subjects/lifecycle-value/versions/2?permanent=true'), 404, 40407);
    assert.equal((await http('DELETE', '/subjects/lifecycle-value/versions/2')).body, 2);
    expectError(await http('DELETE', '/subjects/lifecycle-value/versions/2'), 404, 40406);
    assert.deepEqual((await http('GET', '/subjects/lifecycle-value/versions')).body, [1, 3]);
    assert.deepEqual((await http('GET', '/subjects/lifecycle-value/versions?deleted=true')).body, [1, 2, 3]);
    expectError(await http('GET', '/subjects/lifecycle-value/versions/2'), 404, 40402, /Version 2 not found/);
    assert.equal(((await http('GET', '/subjects/lifecycle-value/versions/2?deleted=true')).body as { version: number }).version, 2);
    assert.equal((await http('DELETE', '/subjects/lifecycle-value/versions/2?permanent=true')).body, 2);
    assert.deepEqual((await http('GET', '/subjects/lifecycle-value/versions?deleted=true')).body, [1, 3]);

    expectError(await http('DELETE', '/subjects/lifecycle-value?permanent=true'), 404, 40405);
    assert.deepEqual((await http('DELETE', '/subjects/lifecycle-value')).body, [1, 3]);
    expectError(await http('DELETE', '/subjects/lifecycle-value'), 404, 40404);
    assert.ok(!((await http('GET', '/subjects')).body as string[]).includes('lifecycle-value'));
    assert.ok(((await http('GET', '/subjects?deleted=true')).body as string[]).includes('lifecycle-value'));
    assert.deepEqual((await http('DELETE', '/subjects/lifecycle-value?permanent=true')).body, [1, 3]);
    expectError(await http('GET', '/subjects/lifecycle-value/versions?deleted=true'), 404, 40401);
  });

  test('unknown subjects, versions and ids, and versions that are not versions', async () => {
    expectError(await http('GET', '/subjects/nope/versions'), 404, 40401);
    expectError(await http('GET', '/subjects/Kafka-key/versions/99'), 404, 40402);
    expectError(await http('GET', '/schemas/ids/9999'), 404, 40403, /Schema 9999 not found/);
    expectError(await http('GET', '/schemas/ids/9999/versions'), 404, 40403);
    expectError(await http('GET', '/subjects/Kafka-key/versions/0'), 422, 42202, /'0' is not a valid version id/);
    expectError(await http('GET', '/subjects/Kafka-key/versions/newest'), 422, 42202);
    expectError(await http('GET', '/no/such/route'), 404, 404, /^HTTP 404 Not Found$/);
  });

  test('subject names are taken as written, URL-encoded where they must be', async () => {
    const subject = 'tributary.acme/orders value';
    assert.equal((await http('POST', `/subjects/${encodeURIComponent(subject)}/versions`, STRING_SCHEMA)).status, 200);
    assert.ok(((await http('GET', '/subjects')).body as string[]).includes(subject));
  });

  test('answers in application/json when asked, and takes application/json bodies', async () => {
    const answer = await http('POST', '/subjects/json-value/versions', STRING_SCHEMA, { 'Content-Type': 'application/json', Accept: 'application/json' });
    assert.equal(answer.status, 200);
    assert.match(answer.contentType ?? '', /^application\/json/);
  });
});
