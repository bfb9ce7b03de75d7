import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InMemorySchemaRegistry } from './in-memory-schema-registry';
import { SchemaRegistryError } from './schema-registry-client';

const v1 = JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'id', type: 'string' }] });
const v2 = JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'id', type: 'string' }, { name: 'note', type: ['null', 'string'], default: null }] });
const breaking = JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'id', type: 'string' }, { name: 'total', type: 'double' }] });

function rejectsWith(code: number) {
  return (error: unknown) => error instanceof SchemaRegistryError && error.errorCode === code;
}

describe('InMemorySchemaRegistry', () => {
  test('hands out ids from 1 and versions from 1 per subject', async () => {
    const registry = new InMemorySchemaRegistry();
    assert.equal(await registry.register('orders-value', v1), 1);
    assert.equal(await registry.register('orders-value', v2), 2);
    assert.deepEqual(await registry.getLatest('orders-value'), { id: 2, version: 2, schema: v2 });
    assert.equal(await registry.getSchema(1), v1);
  });

  test('gives the same schema the same id under every subject, whatever its whitespace', async () => {
    const registry = new InMemorySchemaRegistry();
    const id = await registry.register('a-value', v1);
    assert.equal(await registry.register('a-value', JSON.stringify(JSON.parse(v1), null, 2)), id);
    assert.equal(await registry.register('b-value', v1), id);
    assert.equal((await registry.getLatest('b-value')).version, 1);
  });

  test('refuses a change that breaks BACKWARD compatibility with 409, naming the field', async () => {
    const registry = new InMemorySchemaRegistry();
    await registry.register('orders-value', v1);
    await assert.rejects(registry.register('orders-value', breaking), (error: unknown) => rejectsWith(409)(error) && /total: field added without a default/.test((error as Error).message));
    const lax = new InMemorySchemaRegistry({ compatibility: 'NONE' });
    await lax.register('orders-value', v1);
    assert.equal(await lax.register('orders-value', breaking), 2);
  });

  test('answers unknown ids, unknown subjects and invalid schemas with Confluent\'s error codes', async () => {
    const registry = new InMemorySchemaRegistry();
    await assert.rejects(registry.getSchema(99), rejectsWith(40403));
    await assert.rejects(registry.getLatest('nope-value'), rejectsWith(40401));
    await assert.rejects(registry.register('x-value', '{"type":"record"}'), rejectsWith(42201));
    await assert.rejects(registry.register('x-value', 'not json'), rejectsWith(42201));
  });
});
