import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Type } from 'avsc';
import { AvroDecodeError, AvroDecodeReason, AvroEncodeError } from './avro-errors';
import { parseAvroSchema } from './avro-schema';
import { ConfluentAvroCodec } from './confluent-avro-codec';
import { InMemorySchemaRegistry } from './in-memory-schema-registry';
import { platformType, readPlatformSchema } from './platform-schemas';
import { sampleTaxOrder } from './platform-samples';
import type { TaxOrder } from './platform-records';

const subject = 'tributary.acme.erp-orders.mapped-value';

async function codecWithTaxOrder() {
  const registry = new InMemorySchemaRegistry({ firstId: 41 });
  const codec = new ConfluentAvroCodec(registry);
  const id = await codec.register(subject, readPlatformSchema('tax-order'));
  return { registry, codec, id };
}

function decodeError(reason: AvroDecodeReason, message?: RegExp) {
  return (error: unknown) => error instanceof AvroDecodeError && error.reason === reason && (!message || message.test(error.message));
}

describe('ConfluentAvroCodec', () => {
  test('frames a value as magic byte 0, the schema id big-endian, then avsc\'s Avro bytes', async () => {
    const { codec, id } = await codecWithTaxOrder();
    const order = sampleTaxOrder(5);
    const frame = await codec.encode(subject, order);
    // What @kafkajs/confluent-schema-registry and Confluent's serializer produce for the same value.
    const header = Buffer.from([0, 0, 0, 0, id]);
    assert.deepEqual(frame, Buffer.concat([header, platformType('tax-order').toBuffer(order)]));
    assert.deepEqual(await codec.encode(id, order), frame);
  });

  test('reads back what it wrote', async () => {
    const { codec } = await codecWithTaxOrder();
    const order = sampleTaxOrder(5);
    const decoded = await codec.decode<TaxOrder>(await codec.encode(subject, order));
    assert.equal(decoded.lines[4].unitPrice, order.lines[4].unitPrice);
    assert.equal(decoded.customer.exemption?.expiresOn, '2026-12-31');
    assert.deepEqual(decoded.updatedAt, order.updatedAt);
  });

  test('decodes frames another client wrote, fetching the schema by id once and caching it', async () => {
    const registry = new InMemorySchemaRegistry();
    const id = await registry.register(subject, readPlatformSchema('tax-order'));
    let lookups = 0;
    const counting = { ...registry, getSchema: (n: number) => (lookups++, registry.getSchema(n)), register: registry.register.bind(registry), getLatest: registry.getLatest.bind(registry) };
    const codec = new ConfluentAvroCodec(counting);
    const frame = Buffer.concat([Buffer.from([0, 0, 0, 0, id]), platformType('tax-order').toBuffer(sampleTaxOrder())]);
    const decoded = await Promise.all([codec.decode(frame), codec.decode(frame)]);
    await codec.decode(frame);
    assert.equal(lookups, 1);
    assert.equal((decoded[0] as TaxOrder).orderId, 'SO-2024-000123');
  });

  test('encodes with a subject\'s latest schema, looked up once', async () => {
    const registry = new InMemorySchemaRegistry();
    const id = await registry.register(subject, readPlatformSchema('tax-order'));
    let latestLookups = 0;
    const counting = { getSchema: registry.getSchema.bind(registry), register: registry.register.bind(registry), getLatest: (s: string) => (latestLookups++, registry.getLatest(s)) };
    const codec = new ConfluentAvroCodec(counting);
    assert.equal((await codec.encode(subject, sampleTaxOrder())).readInt32BE(1), id);
    await codec.encode(subject, sampleTaxOrder());
    assert.equal(latestLookups, 1);
  });

  test('refuses a value that does not match the schema, naming the field', async () => {
    const { codec } = await codecWithTaxOrder();
    const order = sampleTaxOrder(3);
    order.lines[2].unitPrice = '19.99999';
    await assert.rejects(codec.encode(subject, order), (error: unknown) => {
      assert.ok(error instanceof AvroEncodeError);
      assert.equal(error.reason, 'INVALID_VALUE');
      assert.equal(error.path, 'lines[2].unitPrice');
      assert.match(error.message, /at lines\[2\]\.unitPrice: decimal\(18,4\): 19\.99999 has 5 fraction digits/);
      return true;
    });
    await assert.rejects(codec.encode(subject, { ...sampleTaxOrder(), shipTo: { ...sampleTaxOrder().shipTo, city: 42 } }), (error: unknown) => error instanceof AvroEncodeError && error.path === 'shipTo.city');
  });

  test('refuses to encode with an unknown subject or id', async () => {
    const { codec } = await codecWithTaxOrder();
    await assert.rejects(codec.encode('nobody-value', {}), (error: unknown) => error instanceof AvroEncodeError && error.reason === 'UNKNOWN_SCHEMA');
    await assert.rejects(codec.encode(7, {}), (error: unknown) => error instanceof AvroEncodeError && error.reason === 'UNKNOWN_SCHEMA');
  });

  test('says what is wrong with a frame it cannot decode, with a typed error', async () => {
    const { codec, id } = await codecWithTaxOrder();
    const frame = await codec.encode(subject, sampleTaxOrder());
    await assert.rejects(codec.decode(Buffer.from([1, 0, 0, 0, id, 2])), decodeError('WRONG_MAGIC_BYTE', /magic byte 0, got 1/));
    await assert.rejects(codec.decode(frame.subarray(0, 3)), decodeError('TRUNCATED_FRAME'));
    await assert.rejects(codec.decode(null as unknown as Buffer), decodeError('TRUNCATED_FRAME', /got no value/));
    await assert.rejects(codec.decode(Buffer.from([0, 0, 0, 3, 0xe7, 2])), decodeError('UNKNOWN_SCHEMA_ID', /no schema with id 999/));
    await assert.rejects(codec.decode(frame.subarray(0, frame.length - 3)), decodeError('PAYLOAD_MISMATCH', /end before the value of schema 41/));
    await assert.rejects(codec.decode(Buffer.concat([frame, Buffer.from([0, 0])])), decodeError('TRAILING_BYTES', /2 bytes are left after the value of schema 41/));
  });

  test('reports Avro bytes the writer schema cannot have written as PAYLOAD_MISMATCH', async () => {
    const registry = new InMemorySchemaRegistry();
    const codec = new ConfluentAvroCodec(registry);
    const id = await codec.register('status-value', { type: 'enum', name: 'Status', symbols: ['A', 'B'] });
    await assert.rejects(codec.decode(Buffer.from([0, 0, 0, 0, id, 8])), decodeError('PAYLOAD_MISMATCH', /schema 1: invalid Status enum index: 4/));
  });

  test('never throws anything but AvroDecodeError, whatever follows a valid header', async () => {
    const { codec, id } = await codecWithTaxOrder();
    const valid = await codec.encode(subject, sampleTaxOrder(2));
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: valid.length + 8 }), fc.nat(valid.length), async (noise, cut) => {
        for (const body of [Buffer.from(noise), Buffer.concat([valid.subarray(5, 5 + cut), Buffer.from(noise)])]) {
          const frame = Buffer.concat([Buffer.from([0, 0, 0, 0, id]), body]);
          await codec.decode(frame).catch((error: unknown) => assert.ok(error instanceof AvroDecodeError, String(error)));
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('decodeWith reads old data through a newer reader schema: added fields take their defaults', async () => {
    const registry = new InMemorySchemaRegistry();
    const codec = new ConfluentAvroCodec(registry);
    const v1 = { type: 'record', name: 'Order', fields: [{ name: 'id', type: 'string' }, { name: 'qty', type: 'int' }, { name: 'legacy', type: 'string' }] };
    const id = await codec.register('o-value', v1);
    const frame = await codec.encode(id, { id: 'A', qty: 3, legacy: 'x' });
    const reader = parseAvroSchema({ type: 'record', name: 'Order', fields: [{ name: 'id', type: 'string' }, { name: 'qty', type: 'long' }, { name: 'note', type: ['null', 'string'], default: null }] });
    assert.deepEqual({ ...(await codec.decodeWith<object>(frame, reader)) }, { id: 'A', qty: 3, note: null });
  });

  test('decodeWith refuses a reader that cannot read the writer, naming the field', async () => {
    const registry = new InMemorySchemaRegistry();
    const codec = new ConfluentAvroCodec(registry);
    const id = await codec.register('o-value', { type: 'record', name: 'Order', fields: [{ name: 'id', type: 'string' }] });
    const frame = await codec.encode(id, { id: 'A' });
    const reader = Type.forSchema({ type: 'record', name: 'Order', fields: [{ name: 'id', type: 'string' }, { name: 'total', type: 'double' }] });
    await assert.rejects(codec.decodeWith(frame, reader), decodeError('INCOMPATIBLE_READER_SCHEMA', /total: field added without a default/));
  });

  test('writes values larger than its scratch buffer', async () => {
    const registry = new InMemorySchemaRegistry();
    const codec = new ConfluentAvroCodec(registry);
    const id = await codec.register('blob-value', '"string"');
    const big = 'x'.repeat(100_000);
    assert.equal(await codec.decode(await codec.encode(id, big)), big);
  });
});
