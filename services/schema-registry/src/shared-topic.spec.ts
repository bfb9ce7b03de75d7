import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaRegistry as ConfluentClient, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { RunningSchemaRegistry } from './schema-registry-server';
import { call, startRegistryCluster, type RegistryCluster } from './testing/registry-cluster';

// Distinct schemas, all BACKWARD compatible with one another (only a default differs).
const schemaNo = (n: number) => JSON.stringify({ type: 'record', name: 'Reading', fields: [{ name: 'value', type: 'long', default: n }] });

async function register(registry: RunningSchemaRegistry, subject: string, schema: string): Promise<number> {
  const answer = await call(registry.url, 'POST', `/subjects/${subject}/versions`, { schema });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return (answer.body as { id: number }).id;
}

async function schemaOf(registry: RunningSchemaRegistry, id: number): Promise<string> {
  return ((await call(registry.url, 'GET', `/schemas/ids/${id}`)).body as { schema: string }).schema;
}

describe('registry instances sharing one _schemas topic', () => {
  let cluster: RegistryCluster;
  let a: RunningSchemaRegistry;
  let b: RunningSchemaRegistry;
  const registered = new Map<number, string>();

  before(async () => {
    cluster = await startRegistryCluster();
    a = await cluster.start();
    b = await cluster.start();
  });
  after(() => cluster.dispose());

  test('what is registered on one is read on the other at once, by id and by subject', async () => {
    const id = await register(a, 'readings-value', schemaNo(0));
    registered.set(id, schemaNo(0));
    assert.equal(await schemaOf(b, id), schemaNo(0));
    assert.deepEqual((await call(b.url, 'GET', '/subjects/readings-value/versions/latest')).body,
      { subject: 'readings-value', version: 1, id, schema: schemaNo(0) });
    // The Confluent client on B decodes what the client on A encoded.
    const encoded = await new ConfluentClient({ host: a.url }).encode(id, { value: 7 });
    assert.deepEqual({ ...(await new ConfluentClient({ host: b.url }).decode(encoded)) }, { value: 7 });
    // And registering the same schema on B answers A's id.
    assert.equal(await register(b, 'readings-value', schemaNo(0)), id);
  });

  test('concurrent registrations on both never give two schemas one id, and both list the same versions', async () => {
    const jobs = Array.from({ length: 30 }, (_, i) => ({ n: i + 1, on: i % 2 ? a : b, subject: `shared-${i % 3}-value` }));
    const ids = await Promise.all(jobs.map(({ n, on, subject }) => register(on, subject, schemaNo(n))));
    assert.equal(new Set(ids).size, ids.length, `an id was handed out twice: ${ids.join(',')}`);
    for (const [i, id] of ids.entries()) registered.set(id, schemaNo(jobs[i].n));
    for (const [id, schema] of registered) {
      assert.equal(await schemaOf(a, id), schema);
      assert.equal(await schemaOf(b, id), schema);
    }
    for (const subject of ['shared-0-value', 'shared-1-value', 'shared-2-value']) {
      const versions = (await call(a.url, 'GET', `/subjects/${subject}/versions`)).body;
      assert.deepEqual(versions, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      assert.deepEqual((await call(b.url, 'GET', `/subjects/${subject}/versions`)).body, versions);
    }
  });

  test('the same new schema registered on both at once gets one id', async () => {
    const schema = schemaNo(1000);
    const ids = await Promise.all([a, b, a, b].map((on, i) => register(on, `same-${i % 2}-value`, schema)));
    assert.equal(new Set(ids).size, 1, ids.join(','));
    registered.set(ids[0], schema);
  });

  test('restarted instances, and the broker restarted under them, keep every id; new ids continue after the highest', async () => {
    await a.stop();
    await b.stop();
    await cluster.broker.kill();
    await cluster.broker.restart();
    const c = await cluster.start();
    for (const [id, schema] of registered) assert.equal(await schemaOf(c, id), schema);
    const highest = Math.max(...registered.keys());
    assert.equal(await register(c, 'after-restart-value', schemaNo(2000)), highest + 1);
    // A hard-deleted schema's id is not handed to another schema.
    await call(c.url, 'DELETE', '/subjects/after-restart-value');
    await call(c.url, 'DELETE', '/subjects/after-restart-value?permanent=true');
    assert.equal(await register(c, 'another-value', schemaNo(3000)), highest + 2);
    const d = await cluster.start();
    assert.equal(await schemaOf(d, highest + 2), schemaNo(3000));
    assert.equal(await register(d, 'after-restart-value', schemaNo(2000)), highest + 1);
  });

  test('the Confluent client keeps working across instances by subject', async () => {
    const e = await cluster.start();
    const client = new ConfluentClient({ host: e.url });
    const { id } = await client.register({ type: SchemaType.AVRO, schema: schemaNo(4000) }, { subject: 'client-value' });
    assert.equal(await client.getLatestSchemaId('client-value'), id);
  });
});
