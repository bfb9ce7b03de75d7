import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { InMemorySchemaLog, InMemoryTopic } from './log/in-memory-schema-log';
import { RegistryError } from './registry-errors';
import { SchemaRegistry } from './schema-registry';

const user = (...extra: object[]) => JSON.stringify({ type: 'record', name: 'User', fields: [{ name: 'id', type: 'long' }, ...extra] });
const optionalEmail = { name: 'email', type: ['null', 'string'], default: null };
const requiredPhone = { name: 'phone', type: 'string' };

function open(topic = new InMemoryTopic()): Promise<SchemaRegistry> {
  return SchemaRegistry.open(new InMemorySchemaLog(topic));
}

async function rejects(promise: Promise<unknown>, errorCode: number, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof RegistryError, String(error));
    assert.equal(error.errorCode, errorCode, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

describe('schema registry over a log', () => {
  test('the same schema, however it is written, gets one id, in this subject and in others', async () => {
    const registry = await open();
    const { id } = await registry.registration.register('a-value', { schema: user() });
    const pretty = JSON.stringify(JSON.parse(user()), null, 2);
    assert.deepEqual(await registry.registration.register('a-value', { schema: pretty }), { id });
    assert.deepEqual(await registry.registration.register('b-value', { schema: user() }), { id });
    assert.deepEqual(await registry.reads.listVersions('a-value', {}), [1]);
    const next = await registry.registration.register('a-value', { schema: user(optionalEmail) });
    assert.equal(next.id, id + 1);
    assert.deepEqual(await registry.reads.getVersion('a-value', 'latest', {}), { subject: 'a-value', version: 2, id: next.id, schema: user(optionalEmail) });
    assert.deepEqual(await registry.reads.listSubjects({}), ['a-value', 'b-value']);
    assert.deepEqual(await registry.reads.versionsForId(id, {}), [{ subject: 'a-value', version: 1 }, { subject: 'b-value', version: 1 }]);
  });

  test('an incompatible schema is refused with 409 naming the field, unless the subject allows it', async () => {
    const registry = await open();
    await registry.registration.register('s', { schema: user() });
    await rejects(registry.registration.register('s', { schema: user(requiredPhone) }), 409, /incompatible with an earlier schema for subject "s".*'phone'/);
    await registry.settings.putConfig('s', { compatibility: 'none' });
    assert.deepEqual(await registry.settings.getConfig('s', {}), { compatibilityLevel: 'NONE' });
    await registry.registration.register('s', { schema: user(requiredPhone) });
    assert.deepEqual(await registry.reads.listVersions('s', {}), [1, 2]);
    await rejects(registry.settings.getConfig('other', {}), 40408);
    assert.deepEqual(await registry.settings.getConfig('other', { defaultToGlobal: 'true' }), { compatibilityLevel: 'BACKWARD' });
    await rejects(registry.settings.putConfig(null, { compatibility: 'SIDEWAYS' }), 42203);
  });

  test('look-up finds the version holding a schema, and says whether the subject or the schema is missing', async () => {
    const registry = await open();
    const { id } = await registry.registration.register('s', { schema: user() });
    assert.deepEqual(await registry.registration.lookUp('s', { schema: ` ${user()} ` }, {}), { subject: 's', version: 1, id, schema: user() });
    await rejects(registry.registration.lookUp('s', { schema: user(optionalEmail) }, {}), 40403);
    await rejects(registry.registration.lookUp('nope', { schema: user() }, {}), 40401);
    await rejects(registry.registration.lookUp('s', { schema: '{"type":"record"}' }, {}), 42201);
  });

  test('soft delete hides a version but keeps its id decodable; hard delete needs a soft delete first', async () => {
    const registry = await open();
    const { id } = await registry.registration.register('s', { schema: user() });
    await registry.registration.register('s', { schema: user(optionalEmail) });
    await rejects(registry.deletion.deleteVersion('s', '1', { permanent: 'true' }), 40407);
    assert.equal(await registry.deletion.deleteVersion('s', '1', {}), 1);
    await rejects(registry.deletion.deleteVersion('s', '1', {}), 40406);
    assert.deepEqual(await registry.reads.listVersions('s', {}), [2]);
    assert.deepEqual(await registry.reads.listVersions('s', { deleted: 'true' }), [1, 2]);
    await rejects(registry.reads.getVersion('s', '1', {}), 40402);
    assert.equal((await registry.reads.getVersion('s', '1', { deleted: 'true' })).id, id);
    assert.deepEqual(await registry.reads.getSchemaById(id), { schema: user() });
    assert.equal(await registry.deletion.deleteVersion('s', '1', { permanent: 'true' }), 1);
    await rejects(registry.reads.getSchemaById(id), 40403);
    // The id stays bound to its schema: registering it again brings the same id back.
    assert.deepEqual(await registry.registration.register('t', { schema: user() }), { id });
  });

  test('deleting a subject: soft first (40405 otherwise), then 40404 on a second soft delete, then hard', async () => {
    const registry = await open();
    await registry.registration.register('s', { schema: user() });
    await registry.settings.putConfig('s', { compatibility: 'FULL' });
    await rejects(registry.deletion.deleteSubject('s', { permanent: 'true' }), 40405);
    assert.deepEqual(await registry.deletion.deleteSubject('s', {}), [1]);
    await rejects(registry.deletion.deleteSubject('s', {}), 40404);
    assert.deepEqual(await registry.reads.listSubjects({}), []);
    assert.deepEqual(await registry.reads.listSubjects({ deleted: 'true' }), ['s']);
    assert.deepEqual(await registry.deletion.deleteSubject('s', { permanent: 'true' }), [1]);
    await rejects(registry.deletion.deleteSubject('s', {}), 40401);
    await rejects(registry.settings.getConfig('s', {}), 40408);
  });

  test('a schema registered again after its version was soft-deleted gets its id back as a new version', async () => {
    const registry = await open();
    const { id } = await registry.registration.register('s', { schema: user() });
    await registry.deletion.deleteSubject('s', {});
    assert.deepEqual(await registry.registration.register('s', { schema: user() }), { id });
    assert.deepEqual(await registry.reads.listVersions('s', { deleted: 'true' }), [2]);
  });

  test('READONLY refuses every change with 42205; IMPORT takes ids from the request', async () => {
    const registry = await open();
    await registry.settings.putMode(null, { mode: 'READONLY' }, {});
    await rejects(registry.registration.register('s', { schema: user() }), 42205, /read-only/);
    await rejects(registry.settings.putMode(null, { mode: 'SIDEWAYS' }, {}), 42204);
    await registry.settings.putMode(null, { mode: 'IMPORT' }, {});
    assert.deepEqual(await registry.registration.register('s', { schema: user(), id: 100, version: 7 }), { id: 100 });
    assert.deepEqual(await registry.reads.getVersion('s', '7', {}), { subject: 's', version: 7, id: 100, schema: user() });
    await registry.settings.putMode(null, { mode: 'READWRITE' }, {});
    assert.deepEqual(await registry.registration.register('s', { schema: user(optionalEmail) }), { id: 101 });
    await rejects(registry.settings.putMode(null, { mode: 'IMPORT' }, {}), 42205, /existing subjects/);
  });

  test('references: a schema may use a type registered under another subject, which then cannot be deleted', async () => {
    const registry = await open();
    const address = JSON.stringify({ type: 'record', name: 'Address', namespace: 'io.t', fields: [{ name: 'city', type: 'string' }] });
    await registry.registration.register('address', { schema: address });
    const order = JSON.stringify({ type: 'record', name: 'Order', namespace: 'io.t', fields: [{ name: 'shipTo', type: 'io.t.Address' }] });
    await rejects(registry.registration.register('order', { schema: order }), 42201, /io\.t\.Address/);
    const references = [{ name: 'io.t.Address', subject: 'address', version: 1 }];
    const { id } = await registry.registration.register('order', { schema: order, references });
    assert.deepEqual(await registry.reads.getSchemaById(id), { references, schema: order });
    assert.deepEqual(await registry.reads.referencedBy('address', '1'), [id]);
    await rejects(registry.deletion.deleteSubject('address', {}), 42206);
  });

  test('bad requests get Confluent codes: empty or invalid schema 42201, bad version 42202, other types refused', async () => {
    const registry = await open();
    await rejects(registry.registration.register('s', {}), 42201, /Empty schema/);
    await rejects(registry.registration.register('s', { schema: '{"type":"recrod"}' }), 42201);
    await rejects(registry.registration.register('s', { schema: 'not json' }), 42201, /not valid JSON/);
    await rejects(registry.registration.register('s', { schema: '"string"', schemaType: 'PROTOBUF' }), 42201, /PROTOBUF/);
    await rejects(registry.registration.register('s', [1]), 422);
    await rejects(registry.reads.getVersion('s', '0', {}), 42202);
    await rejects(registry.reads.getVersion('s', 'first', {}), 42202);
    await rejects(registry.reads.getVersion('s', '1', {}), 40401);
  });

  test('a registry opened on the same log later rebuilds every id, version, config and deletion', async () => {
    const topic = new InMemoryTopic();
    const first = await open(topic);
    const a = await first.registration.register('s', { schema: user() });
    const b = await first.registration.register('s', { schema: user(optionalEmail) });
    await first.settings.putConfig(null, { compatibility: 'FULL' });
    await first.deletion.deleteVersion('s', '1', {});
    await first.close();
    const second = await open(topic);
    assert.deepEqual(await second.reads.listVersions('s', { deleted: 'true' }), [1, 2]);
    assert.deepEqual(await second.reads.listVersions('s', {}), [2]);
    assert.deepEqual(await second.reads.getSchemaById(a.id), { schema: user() });
    assert.deepEqual(await second.settings.getConfig(null, {}), { compatibilityLevel: 'FULL' });
    assert.deepEqual(await second.registration.register('s', { schema: user(optionalEmail) }), b);
    assert.equal((await second.registration.register('t', { schema: '"string"' })).id, b.id + 1);
  });
});
