import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRecord } from './log/schema-log-records';
import { InMemorySchemaLog, InMemoryTopic } from './log/in-memory-schema-log';
import { SchemaRegistry } from './schema-registry';

// Distinct schemas that are all BACKWARD compatible with each other: only the default differs.
const schemaNo = (n: number) => JSON.stringify({ type: 'record', name: 'R', fields: [{ name: 'f', type: 'int', default: n }] });

/** Two instances over one topic; each reads the other's records a little late, so both decide on stale state. */
async function twoLaggingInstances(): Promise<{ topic: InMemoryTopic; a: SchemaRegistry; b: SchemaRegistry }> {
  const topic = new InMemoryTopic();
  const a = await SchemaRegistry.open(new InMemorySchemaLog(topic, { deliveryDelayMs: 3 }));
  const b = await SchemaRegistry.open(new InMemorySchemaLog(topic, { deliveryDelayMs: 5 }));
  return { topic, a, b };
}

describe('concurrent writers over one _schemas log', () => {
  test('racing registrations of different schemas never give two schemas one id, and both instances agree', async () => {
    const { topic, a, b } = await twoLaggingInstances();
    const jobs = Array.from({ length: 24 }, (_, n) => ({ n, registry: n % 2 === 0 ? a : b, subject: `s${n % 3}` }));
    const results = await Promise.all(jobs.map(async (job) => ({ ...job, id: (await job.registry.registration.register(job.subject, { schema: schemaNo(job.n) })).id })));

    const ids = results.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, `ids handed out twice: ${ids}`);
    for (const { id, n } of results) {
      assert.deepEqual(await a.reads.getSchemaById(id), { schema: schemaNo(n) });
      assert.deepEqual(await b.reads.getSchemaById(id), { schema: schemaNo(n) });
    }
    for (const subject of ['s0', 's1', 's2']) {
      const versions = await a.reads.listVersions(subject, {});
      assert.deepEqual(versions, [1, 2, 3, 4, 5, 6, 7, 8]);
      assert.deepEqual(await b.reads.listVersions(subject, {}), versions);
    }
    // Races happened (the log holds losing records), and each losing key was written again with its winner.
    assert.ok(topic.records.length > jobs.length, 'expected some writes to lose a race');
    assertNewestRecordPerKeyIsTheState(topic, a);
  });

  test('racing registrations of the same schema give one id and one version', async () => {
    const { a, b } = await twoLaggingInstances();
    const answers = await Promise.all([a, b, a, b].map((r) => r.registration.register('same', { schema: schemaNo(1) })));
    assert.equal(new Set(answers.map((x) => x.id)).size, 1);
    assert.deepEqual(await b.reads.listVersions('same', {}), [1]);
  });

  test('a third instance opened after the races rebuilds the same state from the log', async () => {
    const { topic, a, b } = await twoLaggingInstances();
    await Promise.all(Array.from({ length: 10 }, (_, n) => (n % 2 ? a : b).registration.register('s', { schema: schemaNo(n) })).map((p) => p.catch(() => undefined)));
    const c = await SchemaRegistry.open(new InMemorySchemaLog(topic));
    const versions = await a.reads.listVersions('s', {});
    assert.deepEqual(await c.reads.listVersions('s', {}), versions);
    for (const v of versions) assert.deepEqual(await c.reads.getVersion('s', String(v), {}), await a.reads.getVersion('s', String(v), {}));
  });
});

/** What compaction would keep (the newest record per key) must say what the state says. */
function assertNewestRecordPerKeyIsTheState(topic: InMemoryTopic, registry: SchemaRegistry): void {
  const newest = new Map<string, Buffer | null>();
  for (const record of topic.records) newest.set(record.key!.toString(), record.value);
  for (const [key, value] of newest) {
    const entry = decodeRecord(Buffer.from(key), value);
    if (entry.keytype !== 'SCHEMA' || !entry.value) continue;
    const held = registry.store.state.version(entry.subject, entry.version, true);
    assert.equal(held?.id, entry.value.id, `compaction would keep ${key} with id ${entry.value.id}, the state says ${held?.id}`);
  }
}
