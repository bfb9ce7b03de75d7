import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfluentAvroCodec, InMemorySchemaRegistry } from '@tributary/avro';
import { AvroKafkaDeserializer } from './avro-kafka.deserializer';
import { AvroKafkaSerializer } from './avro-kafka.serializer';

// The calls below are the ones @nestjs/microservices 12 makes: ClientKafka.dispatchEvent calls
// serialize(data, { pattern: topic }); ServerKafka.handleMessage runs KafkaParser (headers and
// keys to text, a value starting with byte 0 left as a Buffer) and calls deserialize(message, { channel: topic }).
const RUN_REQUEST = { type: 'record', name: 'RunRequest', fields: [{ name: 'pipeline', type: 'string' }, { name: 'full', type: 'boolean' }] };
const RUN = '3f1c2a4e-9b7d-4c1e-8a2b-5d6e7f809a1b';

function nestParsed(message: { key: string | Buffer | null; value: Buffer | null; headers: Record<string, unknown> }, topic: string) {
  const headers = Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, String(v)]));
  return { topic, partition: 0, offset: '7', key: message.key?.toString() ?? null, value: message.value, headers };
}

describe('Avro for the NestJS Kafka transport', () => {
  const codec = new ConfluentAvroCodec(new InMemorySchemaRegistry());
  const serializer = new AvroKafkaSerializer(codec, { schemas: { '_tributary.runs': RUN_REQUEST } });
  const deserializer = new AvroKafkaDeserializer(codec);

  test('an emitted event arrives at the handler decoded, with its key and Tributary context', async () => {
    const outgoing = await serializer.serialize({ key: 'erp-orders', value: { pipeline: 'erp-orders', full: true }, context: { tenant: 'acme', runId: RUN } }, { pattern: '_tributary.runs' });
    assert.equal(outgoing.value![0], 0, 'Confluent framing');
    assert.equal(outgoing.headers['tributary-tenant'], 'acme');
    const packet = await deserializer.deserialize(nestParsed(outgoing, '_tributary.runs'), { channel: '_tributary.runs' });
    assert.equal(packet.pattern, '_tributary.runs');
    assert.deepEqual({ ...(packet.data.value as object) }, { pipeline: 'erp-orders', full: true });
    assert.deepEqual(packet.data.context, { tenant: 'acme', runId: RUN });
    assert.equal(packet.data.key, 'erp-orders');
  });

  test('a bare value is encoded as the message value, and a null one is a tombstone', async () => {
    const bare = await serializer.serialize({ pipeline: 'p', full: false }, { pattern: '_tributary.runs' });
    assert.deepEqual({ ...(await codec.decode<object>(bare.value!)) }, { pipeline: 'p', full: false });
    const tombstone = await serializer.serialize({ key: 'p', value: null }, { pattern: '_tributary.runs' });
    assert.equal(tombstone.value, null);
    assert.equal((await deserializer.deserialize(nestParsed(tombstone, '_tributary.runs'), { channel: '_tributary.runs' })).data.value, null);
  });

  test('a value that is not Avro fails with the record’s place, rather than reaching the handler', async () => {
    await assert.rejects(deserializer.deserialize({ topic: 't', partition: 1, offset: '9', value: { json: true } }, { channel: 't' }), /record t\/1@9 does not decode: the value is not Confluent-framed Avro/);
    await assert.rejects(deserializer.deserialize({ topic: 't', partition: 1, offset: '10', value: Buffer.from([0, 0, 0, 0, 99]) }, { channel: 't' }), /record t\/1@10 does not decode: the schema registry has no schema with id 99/);
  });

  test('an answer without a topic needs a reply subject, and says so', async () => {
    await assert.rejects(serializer.serialize({ ok: true }), /no topic \(pattern\).*replySubject/);
  });
});
