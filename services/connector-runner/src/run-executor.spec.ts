import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ErrorRecord, RunEvent } from '@tributary/avro';
import { stageTopic, type PipelineSpec } from '@tributary/pipeline-spec';
import { Client } from 'pg';
import { KafkaCursorStore, type CursorStore } from './cursor-store';
import { RunInterrupted } from './run-failure';
import { RunExecutor, type RunExecutorOptions } from './run-executor';
import type { RunRequest } from './run-events';
import { StageFixture, type ReadRecord } from '@tributary/service-runtime/testing';

const LOCAL_POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
const SECRET_PASSWORD = `pw-${randomUUID()}`;

describe('a run reads a PostgreSQL table into <p>.raw, batch by batch, cursor after acknowledgement', () => {
  let fx: StageFixture;
  let db: Client;
  let schema: string;
  const stores: KafkaCursorStore[] = [];

  const startStore = async () => {
    const store = new KafkaCursorStore({ kafka: fx.kafka, codec: fx.codec, producer: fx.producer });
    await store.start();
    stores.push(store);
    return store;
  };
  const secrets = (user = 'postgres') => ({ open: async () => JSON.stringify({ ...LOCAL_POSTGRES, user, password: SECRET_PASSWORD }) });
  const executor = (spec: PipelineSpec, cursors: CursorStore, events: RunEvent[], extra: Partial<RunExecutorOptions> = {}) =>
    new RunExecutor({
      pipelines: { find: async (tenant, name) => (tenant === spec.metadata.tenant && name === spec.metadata.name ? spec : undefined) },
      secrets: secrets(),
      producer: fx.producer,
      cursors,
      emit: async (event) => void events.push(event),
      batchSize: 10,
      progressIntervalMs: 0,
      retry: { initialMs: 10, maxMs: 50 },
      ...extra,
    });
  const request = (spec: PipelineSpec, mode: RunRequest['mode']): RunRequest => ({ runId: randomUUID(), tenant: spec.metadata.tenant, pipeline: spec.metadata.name, mode });
  const pipeline = (table = 'orders') =>
    fx.pipeline({
      source: { connector: 'postgres', connection: { secret: 'erp' }, table, mode: 'incremental', cursor: 'updated_at', key: 'order_id', options: { schemas: [schema] } },
      sinks: [{ topic: { name: 'downstream' } }],
    });
  const raw = (spec: PipelineSpec) => fx.readAll<Record<string, unknown>>(stageTopic(spec.metadata.tenant, spec.metadata.name, 'raw'));
  const keys = (records: readonly ReadRecord[]) => records.map((r) => r.key).sort((a, b) => Number(a) - Number(b));

  before(async () => {
    fx = await StageFixture.start();
    db = new Client(LOCAL_POSTGRES);
    await db.connect();
    schema = `runner_${randomUUID().slice(0, 8)}`;
    await db.query(`CREATE SCHEMA ${schema}`);
    await db.query(`CREATE TABLE ${schema}.orders (order_id int PRIMARY KEY, updated_at timestamptz NOT NULL, total numeric(10,2), big bigint)`);
    // Two rows share each cursor value, so batches split ties: the tie-breaker key must hold.
    await db.query(`INSERT INTO ${schema}.orders SELECT i, timestamptz '2024-01-01 00:00:00Z' + (i / 2) * interval '1 minute', i * 1.5, i FROM generate_series(1, 25) i`);
  });
  after(async () => {
    for (const store of stores) await store.stop();
    await db?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db?.end();
    await fx?.dispose();
  });

  test('a full run publishes every row, keyed by source.key with its headers, and an incremental run then only the new and updated rows', async () => {
    const spec = await pipeline();
    const events: RunEvent[] = [];
    const run = executor(spec, await startStore(), events);

    const first = request(spec, 'FULL');
    assert.deepEqual(await run.execute(first), { status: 'finished', counts: { read: 25, published: 25, errors: 0 } });
    const afterFull = await raw(spec);
    assert.deepEqual(keys(afterFull), Array.from({ length: 25 }, (_, i) => String(i + 1)));
    const one = afterFull.find((r) => r.key === '7')!;
    assert.equal(one.value.total, '10.50');
    assert.equal(one.headers['tributary-tenant'], spec.metadata.tenant);
    assert.equal(one.headers['tributary-pipeline'], spec.metadata.name);
    assert.equal(one.headers['tributary-run'], first.runId);
    assert.match(one.headers['tributary-source-offset'], /order_id=7|7/);
    assert.match(one.headers.traceparent, /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const types = events.filter((e) => e.runId === first.runId).map((e) => e.type);
    assert.deepEqual([types[0], types.at(-1)], ['STARTED', 'FINISHED']);
    assert.ok(types.includes('PROGRESS'));

    assert.equal((await run.execute(request(spec, 'INCREMENTAL'))).status, 'finished');
    assert.equal((await raw(spec)).length, 25, 'nothing changed, nothing published');

    await db.query(`UPDATE ${schema}.orders SET updated_at = '2024-06-01Z', total = 99 WHERE order_id IN (3, 12, 20)`);
    await db.query(`INSERT INTO ${schema}.orders VALUES (26, '2024-06-02Z', 1, 1), (27, '2024-06-02Z', 2, 2)`);
    const incremental = request(spec, 'INCREMENTAL');
    assert.deepEqual(await run.execute(incremental), { status: 'finished', counts: { read: 5, published: 5, errors: 0 } });
    const published = (await raw(spec)).filter((r) => r.headers['tributary-run'] === incremental.runId);
    assert.deepEqual(keys(published), ['3', '12', '20', '26', '27']);
    assert.deepEqual(published.filter((r) => r.key === '12').map((r) => r.value.total), ['99.00']);
    await db.query(`DELETE FROM ${schema}.orders WHERE order_id > 25`);
  });

  test('a crash between publishing a batch and committing its cursor repeats that batch and nothing else', async () => {
    const spec = await pipeline();
    const request1 = request(spec, 'FULL');
    const stopped = new AbortController();
    const store = await startStore();
    let commits = 0;
    const crashing: CursorStore = {
      latest: (key) => store.latest(key),
      commit: async (cursor) => {
        if (++commits === 2) {
          stopped.abort(new RunInterrupted('the process died'));
          throw new Error('the process died before the cursor was written');
        }
        return store.commit(cursor);
      },
    };
    const events: RunEvent[] = [];
    const outcome = await executor(spec, crashing, events).execute(request1, { signal: stopped.signal });
    assert.equal(outcome.status, 'interrupted');
    assert.ok(!events.some((e) => e.type === 'FAILED' || e.type === 'FINISHED'), 'an interrupted run sends no end event');
    assert.equal((await raw(spec)).length, 20, 'two batches published, one cursor committed');

    // The request is delivered again, to a runner that knows nothing but what Kafka holds.
    const resumed = await executor(spec, await startStore(), events).execute(request1);
    // It counts on from the committed cursor: the repeated batch once, as the rows are.
    assert.deepEqual(resumed, { status: 'finished', counts: { read: 25, published: 25, errors: 0 } });
    const finished = events.find((e) => e.type === 'FINISHED')!;
    assert.deepEqual(finished.counts, [{ stage: 'SOURCE', recordsIn: 25, recordsOut: 25, errors: 0, filtered: 0 }]);
    const all = await raw(spec);
    assert.equal(all.length, 25 + 10);
    const seen = new Map<string, number>();
    for (const record of all) seen.set(record.key!, (seen.get(record.key!) ?? 0) + 1);
    assert.equal(seen.size, 25, 'every row is there');
    const twice = [...seen].filter(([, n]) => n === 2).map(([key]) => Number(key)).sort((a, b) => a - b);
    const { rows } = await db.query<{ order_id: number }>(`SELECT order_id FROM ${schema}.orders ORDER BY updated_at, order_id`);
    const secondBatch = rows.slice(10, 20).map((r) => r.order_id).sort((a, b) => a - b);
    assert.deepEqual(twice, secondBatch, 'only the second batch (rows 11 to 20 in cursor order) came twice');
  });

  test('a row that does not fit becomes an ErrorRecord of stage SOURCE naming the field, and the run goes on', async () => {
    await db.query(`INSERT INTO ${schema}.orders VALUES (30, '2025-01-01Z', 5, 9007199254740993)`);
    try {
      const spec = await pipeline();
      const run = request(spec, 'FULL');
      assert.deepEqual(await executor(spec, await startStore(), []).execute(run), { status: 'finished', counts: { read: 26, published: 25, errors: 1 } });
      const errors = await fx.readAll<ErrorRecord>(stageTopic(spec.metadata.tenant, spec.metadata.name, 'errors'));
      assert.equal(errors.length, 1);
      const error = errors[0].value;
      assert.equal(error.stage, 'SOURCE');
      assert.equal(error.runId, run.runId);
      assert.deepEqual(error.reasons.map((r) => [r.code, r.field]), [['OUT_OF_RANGE', 'big']]);
      assert.match(error.reasons[0].message, /big/);
      assert.equal(error.recordKey?.toString(), '30');
      assert.match(error.originalPayload!.toString(), /9007199254740993/);
      assert.equal(errors[0].key, '30');
    } finally {
      await db.query(`DELETE FROM ${schema}.orders WHERE order_id = 30`);
    }
  });

  test('refused credentials and a missing table fail the run with a clear reason and no password, and the next run still works', async () => {
    const spec = await pipeline();
    const events: RunEvent[] = [];
    const store = await startStore();
    const refused = await executor(spec, store, events, { secrets: secrets('nobody_here') }).execute(request(spec, 'FULL'));
    assert.equal(refused.status, 'failed');
    assert.match((refused as { error: string }).error, /source auth: .*nobody_here/);
    const noTable = await pipeline('no_such_table');
    const missing = await executor(noTable, store, events).execute(request(noTable, 'FULL'));
    assert.equal(missing.status, 'failed');
    assert.match((missing as { error: string }).error, /no stream 'no_such_table'/);
    const failed = events.filter((e) => e.type === 'FAILED');
    assert.equal(failed.length, 2);
    assert.ok(failed.every((e) => e.error && !e.error.includes(SECRET_PASSWORD)));
    assert.equal((await executor(spec, store, events).execute(request(spec, 'FULL'))).status, 'finished');
  });

  test('a run of a pipeline that is not active fails at once, naming it', async () => {
    const spec = await pipeline();
    const events: RunEvent[] = [];
    const outcome = await executor(spec, await startStore(), events).execute({ ...request(spec, 'FULL'), pipeline: 'gone' });
    assert.equal(outcome.status, 'failed');
    assert.deepEqual(events.map((e) => [e.type, e.error]), [['FAILED', `pipeline 'gone' of tenant '${spec.metadata.tenant}' is not active (unknown, paused or deleted)`]]);
  });
});
