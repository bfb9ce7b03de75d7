import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { COMPATIBILITY, SchemaRegistry as ConfluentClient, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { RunningSchemaRegistry } from './schema-registry-server';
import { startRegistryCluster, type RegistryCluster } from './testing/registry-cluster';

const field = (name: string, type: unknown, extra: object = {}) => ({ name, type, ...extra });
const userSchema = (...fields: object[]) => ({
  type: SchemaType.AVRO as const,
  schema: JSON.stringify({ type: 'record', name: 'User', namespace: 'io.tributary.test', fields: [field('id', 'long'), ...fields] }),
});
const optionalEmail = field('email', ['null', 'string'], { default: null });
const requiredPhone = field('phone', 'string');

/** What the client throws for a refused registration: its ResponseError, carrying the HTTP status. */
async function refused(promise: Promise<unknown>, status: number, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: { status?: number; message: string }) => {
    assert.equal(error.status, status, error.message);
    assert.match(error.message, message);
    return true;
  });
}

describe('@kafkajs/confluent-schema-registry against the registry', () => {
  let cluster: RegistryCluster;
  let registry: RunningSchemaRegistry;
  let client: ConfluentClient;

  before(async () => {
    cluster = await startRegistryCluster();
    registry = await cluster.start();
    client = new ConfluentClient({ host: registry.url });
  });
  after(() => cluster.dispose());

  test('register, getLatestSchemaId, getRegistryId and getSchema; the same schema again gets the same id', async () => {
    const { id } = await client.register(userSchema(), { subject: 'users-value' });
    assert.ok(Number.isInteger(id) && id > 0);
    assert.deepEqual(await client.register(userSchema(), { subject: 'users-value' }), { id });
    assert.equal(await client.getLatestSchemaId('users-value'), id);
    assert.equal(await client.getRegistryId('users-value', 1), id);
    assert.equal(await client.getRegistryId('users-value', 'latest'), id);
    // A client with an empty cache fetches the schema by id.
    const fresh = new ConfluentClient({ host: registry.url });
    const schema = (await fresh.getSchema(id)) as { name?: string };
    assert.equal(schema.name, 'io.tributary.test.User');
  });

  test('encode writes the Confluent frame (magic 0, schema id), and decode reads it back, also in a client that never saw the schema', async () => {
    const { id } = await client.register(userSchema(optionalEmail), { subject: 'framed-value' });
    const encoded = await client.encode(id, { id: 42, email: 'ada@example.com' });
    assert.equal(encoded[0], 0);
    assert.equal(encoded.readInt32BE(1), id);
    assert.deepEqual({ ...(await client.decode(encoded)) }, { id: 42, email: 'ada@example.com' });
    const fresh = new ConfluentClient({ host: registry.url });
    assert.deepEqual({ ...(await fresh.decode(encoded)) }, { id: 42, email: 'ada@example.com' });
  });

  test('BACKWARD (the default): adding an optional field is accepted, adding a required one is refused with 409', async () => {
    const v1 = await client.register(userSchema(), { subject: 'evolving-value' });
    const v2 = await client.register(userSchema(optionalEmail), { subject: 'evolving-value' });
    assert.notEqual(v2.id, v1.id);
    assert.equal(await client.getLatestSchemaId('evolving-value'), v2.id);
    await refused(client.register(userSchema(optionalEmail, requiredPhone), { subject: 'evolving-value' }), 409, /incompatible.*phone/);
    assert.equal(await client.getLatestSchemaId('evolving-value'), v2.id);
  });

  test('FORWARD: the old schema must read new data, so a new required field passes and dropping one does not', async () => {
    const options = { subject: 'forward-value', compatibility: COMPATIBILITY.FORWARD };
    await client.register(userSchema(field('name', 'string')), options);
    await client.register(userSchema(field('name', 'string'), requiredPhone), options);
    await refused(client.register(userSchema(requiredPhone), options), 409, /name/);
  });

  test('FULL: both directions, so only fields with defaults come and go', async () => {
    const options = { subject: 'full-value', compatibility: COMPATIBILITY.FULL };
    await client.register(userSchema(), options);
    await client.register(userSchema(optionalEmail), options);
    await refused(client.register(userSchema(optionalEmail, requiredPhone), options), 409, /phone/);
  });

  test('BACKWARD_TRANSITIVE checks every version where BACKWARD checks the latest only', async () => {
    const withDefault = field('tier', 'string', { default: 'basic' });
    const withoutDefault = field('tier', 'string');
    const plain = { subject: 'plain-value', compatibility: COMPATIBILITY.BACKWARD };
    const transitive = { subject: 'transitive-value', compatibility: COMPATIBILITY.BACKWARD_TRANSITIVE };
    for (const options of [plain, transitive]) {
      await client.register(userSchema(), options);
      await client.register(userSchema(withDefault), options);
    }
    await client.register(userSchema(withoutDefault), plain);
    await refused(client.register(userSchema(withoutDefault), transitive), 409, /oldSchemaVersion: 1/);
  });

  test('NONE accepts any change', async () => {
    const options = { subject: 'anything-value', compatibility: COMPATIBILITY.NONE };
    await client.register(userSchema(), options);
    const unrelated = { type: 'record', name: 'Other', fields: [field('x', 'string')] };
    const { id } = await client.register({ type: SchemaType.AVRO, schema: JSON.stringify(unrelated) }, options);
    assert.equal(await client.getLatestSchemaId('anything-value'), id);
  });

  test('the client refuses to register under a subject whose level differs from the one it asks for', async () => {
    await client.register(userSchema(), { subject: 'strict-value', compatibility: COMPATIBILITY.FULL });
    await assert.rejects(
      client.register(userSchema(optionalEmail), { subject: 'strict-value', compatibility: COMPATIBILITY.BACKWARD }),
      /Compatibility does not match the configuration \(BACKWARD != FULL\)/,
    );
  });
});
