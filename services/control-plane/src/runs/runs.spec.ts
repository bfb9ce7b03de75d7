import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ConfluentAvroCodec, platformType, readPlatformSchema, type ErrorRecord, type RunEvent, type RunQualityFigures, type StageCount, SchemaRegistryHttp } from '@tributary/avro';
import { compileRules, RunQualityAccumulator, runQualityToWire } from '@tributary/quality';
import { createStreamProducer, type StreamProducer } from '@tributary/stream';
import { ControlPlaneFixture, PLATFORM_ADMIN } from '../testing/control-plane-fixture';
import { pipelineYaml } from '../pipelines/testing/pipeline-documents';
import { PlatformKafka } from '../pipelines/testing/platform-kafka';
import type { ErrorSampleView, RunDetail, RunView } from './run-views';

const RAW_SCHEMA = { type: 'record', name: 'Order', fields: [{ name: 'order_id', type: 'string' }, { name: 'total', type: 'double' }] };

describe('runs: start now, run events, error samples, quality, cancel, list', () => {
  let kafka: PlatformKafka;
  let cp: ControlPlaneFixture;
  let operator: string;
  let customer: string;
  let operatorId: string;
  let codec: ConfluentAvroCodec;
  let producer: StreamProducer;

  before(async () => {
    kafka = await PlatformKafka.start();
    cp = await ControlPlaneFixture.start(kafka.env);
    const root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const admin = await cp.createTenant(root, 'acme');
    assert.equal((await cp.call('POST', '/tenants/acme/pipelines', { token: admin, body: { document: pipelineYaml('acme', 'erp-orders') } })).status, 201);
    assert.equal((await cp.call('POST', '/tenants/acme/pipelines', { token: admin, body: { document: pipelineYaml('acme', 'crm-orders') } })).status, 201);
    const ops = await cp.call<{ id: string }>('POST', '/tenants/acme/users', { token: admin, body: { email: 'ops@acme.test', password: 'operator password', role: 'operator' } });
    operatorId = ops.body.id;
    operator = await cp.login('ops@acme.test', 'operator password');
    await cp.call('POST', '/tenants/acme/users', { token: admin, body: { email: 'viewer@acme.test', password: 'customer password', role: 'customer' } });
    customer = await cp.login('viewer@acme.test', 'customer password');
    codec = new ConfluentAvroCodec(new SchemaRegistryHttp(kafka.registry.url));
    producer = createStreamProducer({ kafka: kafka.kafka, codec });
    await producer.connect();
  });
  after(async () => {
    await producer?.disconnect();
    await cp?.stop();
    await kafka?.stop();
  });

  const start = (pipeline = 'erp-orders', body: unknown = {}) => cp.call<RunView>('POST', `/tenants/acme/pipelines/${pipeline}/runs`, { token: operator, body });
  const detail = (id: string) => cp.call<RunDetail>('GET', `/tenants/acme/runs/${id}`, { token: customer });
  const event = (run: string, type: RunEvent['type'], at: number, counts: StageCount[] = [], error: string | null = null): RunEvent => ({
    eventId: randomUUID(), runId: run, tenant: 'acme', pipeline: 'erp-orders', type, at: new Date(at), trigger: null, requestedBy: null, mode: null, counts, error, reporter: null,
  });
  const publish = (events: RunEvent[]) => producer.publish('_tributary.runs', events.map((e) => ({ key: e.runId, value: e })), { schema: readPlatformSchema('run-event') });
  const count = (stage: StageCount['stage'], recordsIn: number, recordsOut: number, errors: number, filtered = 0): StageCount => ({ stage, recordsIn, recordsOut, errors, filtered });

  /** Every RunEvent on `_tributary.runs` (the garbage one test writes there is passed over). */
  async function runEventsOnTopic(): Promise<RunEvent[]> {
    const decoded = await Promise.all((await kafka.readAll('_tributary.runs')).map((m) => codec.decodeWith<RunEvent>(m.value!, platformType('run-event')).catch(() => null)));
    return decoded.filter((e): e is RunEvent => e !== null);
  }

  /** Polls the run until `done` holds (the run-event reader is asynchronous). */
  async function until(id: string, done: (run: RunDetail) => boolean): Promise<RunDetail> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const run = (await detail(id)).body;
      if (done(run)) return run;
      if (Date.now() > deadline) assert.fail(`run ${id} never reached the expected state: ${JSON.stringify(run)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  test('run now: a requested run, and its request on _tributary.runs', async () => {
    const answer = await start('erp-orders', { trigger: 'cli' });
    assert.equal(answer.status, 201, answer.text);
    assert.deepEqual([answer.body.status, answer.body.trigger, answer.body.mode, answer.body.requestPublished, answer.body.requestedBy], ['requested', 'cli', 'incremental', true, operatorId]);
    const events = await runEventsOnTopic();
    const request = events.find((e) => e.runId === answer.body.id)!;
    assert.deepEqual([request.type, request.trigger, request.mode, request.requestedBy, request.tenant, request.pipeline], ['REQUESTED', 'CLI', 'INCREMENTAL', operatorId, 'acme', 'erp-orders']);
    const full = await start('erp-orders', { mode: 'full' });
    assert.equal(full.body.mode, 'full');
  });

  test('run events move the run along, idempotently and in any order, with counts per stage', async () => {
    const { body: run } = await start();
    const t = Date.parse('2025-06-01T08:00:00Z');
    const progress = event(run.id, 'PROGRESS', t + 2000, [count('SOURCE', 100, 100, 0), count('TRANSFORM', 90, 88, 2)]);
    await publish([
      event(run.id, 'STARTED', t + 1000),
      progress,
      progress, // delivered twice
      event(run.id, 'PROGRESS', t + 3000, [count('SOURCE', 250, 250, 0)]),
      event(run.id, 'PROGRESS', t + 2500, [count('SOURCE', 200, 200, 0)]), // late and stale
      event(run.id, 'FINISHED', t + 4000, [count('TRANSFORM', 250, 245, 5), count('VALIDATE', 245, 240, 5)]),
      event(run.id, 'PROGRESS', t + 3500, []), // after the end
    ]);
    // No stage service has consumed this pipeline: once its source is read nothing is left to wait for.
    const done = await until(run.id, (r) => r.events.length === 7 && r.status !== 'running');
    assert.equal(done.status, 'succeeded');
    assert.equal(done.startedAt, new Date(t + 1000).toISOString());
    assert.equal(done.sourceFinishedAt, new Date(t + 4000).toISOString());
    assert.ok(done.finishedAt !== null && done.waitingFor === null);
    assert.deepEqual(done.counts.map((c) => [c.stage, c.recordsIn, c.recordsOut, c.errors]), [['SOURCE', 250, 250, 0], ['TRANSFORM', 250, 245, 5], ['VALIDATE', 245, 240, 5]]);
    // In event time order (the request was made now, the runner's events carry June's times); the
    // duplicate delivery was kept once.
    assert.deepEqual(done.events.map((e) => e.type), ['STARTED', 'PROGRESS', 'PROGRESS', 'PROGRESS', 'PROGRESS', 'FINISHED', 'REQUESTED']);
  });

  test("a stage's instances report their own counts, which add up; each one's stale report is passed over", async () => {
    const { body: run } = await start();
    const t = Date.now();
    const by = (reporter: string, at: number, counts: StageCount[]) => ({ ...event(run.id, 'PROGRESS', at, counts), reporter });
    // Keyed by this run, so it is applied before this run's events below: a report of a run no one started.
    const stranger = randomUUID();
    await producer.publish('_tributary.runs', [{ key: run.id, value: { ...event(stranger, 'PROGRESS', t, [count('TRANSFORM', 1, 1, 0)]), reporter: 'transformer-a' } }], { schema: readPlatformSchema('run-event') });
    await publish([
      by('validator-a', t + 2000, [count('VALIDATE', 100, 98, 2)]),
      by('validator-b', t + 1000, [count('VALIDATE', 50, 50, 0)]),
      by('validator-a', t + 1500, [count('VALIDATE', 60, 60, 0)]), // older than a's last report
      event(run.id, 'PROGRESS', t + 1000, [count('SOURCE', 150, 150, 0)]),
    ]);
    const counted = await until(run.id, (r) => r.events.length >= 5);
    assert.equal((await detail(stranger)).status, 404, "a stage's report does not make a run of its own");
    assert.deepEqual(counted.counts.map((c) => [c.stage, c.recordsIn, c.recordsOut, c.errors]), [['SOURCE', 150, 150, 0], ['VALIDATE', 150, 148, 2]]);
    assert.equal(counted.counts[1].reportedAt, new Date(t + 2000).toISOString());
  });

  test('a run whose source is read succeeds only once every stage that consumes the pipeline has caught up with it and reported its counts', async () => {
    const { body: run } = await start();
    const raw = 'tributary.acme.erp-orders.raw';
    await producer.publish(raw, ['o-1', 'o-2', 'o-3'].map((key) => ({ key, value: { order_id: key, total: 1 } })), { schema: RAW_SCHEMA });
    // The transformer's group has read none of the run's records yet.
    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(raw);
      const transformer = 'tributary.acme.erp-orders.transformer';
      await admin.setOffsets({ groupId: transformer, topic: raw, partitions: ends.map((p) => ({ partition: p.partition, offset: '0' })) });
      await publish([event(run.id, 'STARTED', Date.now()), event(run.id, 'FINISHED', Date.now(), [count('SOURCE', 3, 3, 0)])]);
      const waiting = await until(run.id, (r) => r.waitingFor !== null);
      assert.deepEqual([waiting.status, waiting.waitingFor, waiting.finishedAt], ['running', 'transformer', null]);
      assert.ok(waiting.sourceFinishedAt);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal((await detail(run.id)).body.status, 'running', 'still waiting while the transformer lags');
      // The transformer catches up; the later stages' groups never existed, so nothing else is
      // waited for but the transformer's counts: it has reported 2 of the 3 records so far.
      // (Watched while the commit is made: kafkajs may take seconds to return from it.)
      await publish([{ ...event(run.id, 'PROGRESS', Date.now(), [count('TRANSFORM', 2, 2, 0)]), reporter: 'transformer-a' }]);
      const caughtUp = admin.setOffsets({ groupId: transformer, topic: raw, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
      await until(run.id, (r) => r.waitingFor === 'stage counts');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal((await detail(run.id)).body.status, 'running', "still waiting for the transformer's last count");
      // Its last: one passed on, one failed, one dropped by a filter step. That adds up.
      await publish([{ ...event(run.id, 'PROGRESS', Date.now(), [count('TRANSFORM', 3, 1, 1, 1)]), reporter: 'transformer-a' }]);
      await caughtUp;
      const done = await until(run.id, (r) => r.status !== 'running' && r.counts.length === 2 && r.counts[1].recordsIn === 3);
      assert.deepEqual([done.status, done.waitingFor], ['succeeded', null]);
      assert.deepEqual(done.counts.map((c) => [c.stage, c.recordsIn, c.recordsOut, c.errors, c.filtered]), [['SOURCE', 3, 3, 0, 0], ['TRANSFORM', 3, 1, 1, 1]], 'the run ends with its counts in');
      assert.ok(Date.parse(done.finishedAt!) >= Date.parse(done.sourceFinishedAt!));
    } finally {
      await admin.disconnect();
    }
  });

  test('a failed run keeps its error; a run only a runner knew of is recorded from its events', async () => {
    const { body: run } = await start();
    const unknown = randomUUID();
    await publish([
      event(run.id, 'FAILED', Date.now(), [count('SOURCE', 3, 3, 0)], 'the source database refused the connection'),
      { ...event(unknown, 'REQUESTED', Date.now() - 1000), trigger: 'CONSOLE', mode: 'FULL' },
      event(unknown, 'STARTED', Date.now()),
      { ...event(randomUUID(), 'STARTED', Date.now()), pipeline: 'no-such-pipeline' },
    ]);
    const failed = await until(run.id, (r) => r.status === 'failed');
    assert.equal(failed.error, 'the source database refused the connection');
    const adopted = await until(unknown, (r) => r.status === 'running');
    assert.deepEqual([adopted.trigger, adopted.mode, adopted.pipeline], ['console', 'full', 'erp-orders']);
  });

  test('messages that are not run events, or hold what PostgreSQL cannot store, do not block the topic', async () => {
    const { body: run } = await start();
    await producer.publishEncoded('_tributary.runs', [{ key: run.id, value: Buffer.from('not avro at all'), headers: {} }]);
    await publish([{ ...event(run.id, 'STARTED', Date.now()), tenant: 'Not A Name' }, event(run.id, 'FAILED', Date.now(), [], 'bad \u0000 byte')]);
    const failed = await until(run.id, (r) => r.status === 'failed');
    assert.equal(failed.error, 'bad \uFFFD byte');
    assert.deepEqual(failed.events.map((e) => e.type), ['REQUESTED', 'FAILED']);
  });

  test('error samples: the run failed records from <p>.errors with their reasons and the record decoded', async () => {
    const { body: run } = await start();
    const original = await codec.encode((await codec.register('tributary.acme.erp-orders.raw-value', RAW_SCHEMA), 'tributary.acme.erp-orders.raw-value'), { order_id: 'A-1', total: -5 });
    const failure = (runId: string | null, offset: number): ErrorRecord => ({
      tenant: 'acme', pipeline: 'erp-orders', runId, stage: 'VALIDATE',
      reasons: [{ code: 'range', message: 'total -5 is below 0', field: 'total' }, { code: 'notNull', message: 'customerId is missing', field: 'customerId' }],
      attempt: 1, failedAt: new Date('2025-06-01T08:00:05Z'), recordKey: Buffer.from('A-1'), originalPayload: original,
      sourceOffset: { topic: 'tributary.acme.erp-orders.mapped', partition: 1, offset }, traceparent: null,
    });
    await producer.publish('tributary.acme.erp-orders.errors', [failure(run.id, 7), failure(null, 8), failure(run.id, 9)].map((value) => ({ key: 'A-1', value })), { schema: readPlatformSchema('error-record') });
    await until(run.id, (r) => r.errorSamples === 2);
    const errors = await cp.call<{ items: ErrorSampleView[]; nextCursor: string | null }>('GET', `/tenants/acme/runs/${run.id}/errors?limit=1`, { token: customer });
    assert.equal(errors.status, 200, errors.text);
    const [sample] = errors.body.items;
    assert.deepEqual([sample.stage, sample.recordKey, sample.record, sample.source], ['VALIDATE', 'A-1', { order_id: 'A-1', total: -5 }, { topic: 'tributary.acme.erp-orders.mapped', partition: 1, offset: '7' }]);
    assert.deepEqual((sample.reasons as { code: string }[]).map((r) => r.code), ['range', 'notNull']);
    const next = await cp.call<{ items: ErrorSampleView[]; nextCursor: string | null }>('GET', `/tenants/acme/runs/${run.id}/errors?limit=1&cursor=${errors.body.nextCursor}`, { token: customer });
    assert.deepEqual([next.body.items[0].source?.offset, next.body.nextCursor], ['9', null]);
  });

  test("the data-quality report is made from every validator instance's figures as they arrive, and kept with the run", async () => {
    const { body: run } = await start();
    assert.equal((await cp.call('GET', `/tenants/acme/runs/${run.id}/quality`, { token: customer })).status, 404);
    const rules = compileRules([{ notNull: ['orderId'] }]);
    const figures = (orders: Record<string, unknown>[]): RunQualityFigures => {
      const accumulator = new RunQualityAccumulator({ uniqueness: { orderId: 1 } }, rules.rules);
      for (const order of orders) accumulator.observe(order, rules.check(order));
      return runQualityToWire(accumulator.state());
    };
    const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ orderId: `${prefix}-${i}` }));
    const progress = (reporter: string, at: number, quality: RunQualityFigures) => ({
      ...event(run.id, 'PROGRESS', at, [count('VALIDATE', quality.records, Math.max(0, quality.records - quality.failed), Math.min(quality.failed, quality.records))]),
      reporter,
      quality,
    });
    type Report = { records: number; failed: number; rules: { rule: string; failures: number }[]; uniqueness: { field: string; distinct: number; estimated: boolean }[] };
    const report = async (records: number) => {
      for (const deadline = Date.now() + 30_000; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
        const answer = await cp.call<Report>('GET', `/tenants/acme/runs/${run.id}/quality`, { token: customer });
        if (answer.status === 200 && answer.body.records === records) return answer.body;
        if (Date.now() > deadline) assert.fail(`no report of ${records} records: ${answer.status} ${answer.text}`);
      }
    };
    const t = Date.now();
    await publish([progress('validator-a', t, figures([...ids('A', 2), {}])), progress('validator-b', t, figures(ids('B', 1)))]);
    const both = await report(4);
    assert.deepEqual([both.failed, both.rules], [1, [{ index: 0, rule: 'notNull', failures: 1, failureRate: 0.25 }]]);
    assert.deepEqual(both.uniqueness.map((u) => [u.field, u.distinct, u.estimated]), [['orderId', 3, true]], "two instances' sketches merged");

    // A later report of an instance replaces its earlier one; a late, older one changes nothing;
    // figures that cannot be a run's are passed over while their counts still count.
    await publish([
      progress('validator-a', t + 2000, figures(ids('A', 5))),
      progress('validator-b', t - 2000, figures(ids('B', 100))),
      progress('validator-c', t + 2000, { ...figures(ids('C', 1)), failed: 2 }),
    ]);
    const later = await report(6);
    assert.equal(later.failed, 0);
    const counted = await until(run.id, (r) => r.counts.some((c) => c.stage === 'VALIDATE' && c.recordsIn === 7));
    assert.ok(counted, "validator-c's counts were applied");
    assert.equal((await report(6)).records, 6, "validator-c's figures were not");
    // The run itself shows the report's score and whether it raised alerts.
    const { body: full } = await cp.call<{ score: number; ok: boolean }>('GET', `/tenants/acme/runs/${run.id}/quality`, { token: customer });
    const view = (await detail(run.id)).body;
    assert.deepEqual([view.hasQualityReport, view.quality], [true, { score: full.score, ok: full.ok }]);
  });

  test("a run's report compares its volume with the pipeline's earlier succeeded runs", async () => {
    const db = cp.controlPlane.database.dataSource;
    const root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    assert.equal((await cp.call('POST', '/tenants/acme/pipelines', { token: root, body: { document: pipelineYaml('acme', 'billing-orders') } })).status, 201);
    // Five earlier runs of about 1,000 records each (minHistory is 5), and one that failed with 3.
    for (const [records, status] of [[1000, 'succeeded'], [1040, 'succeeded'], [980, 'succeeded'], [1010, 'succeeded'], [3, 'failed'], [995, 'succeeded']] as const) {
      const { body: earlier } = await start('billing-orders');
      const report = { records, passed: records, failed: 0, score: 100, ok: true, alerts: [], rules: [], completeness: [], uniqueness: [], anomalies: [], stats: { records, means: {} } };
      await db.query(`UPDATE runs SET status = $2, finished_at = now(), quality_report = $3::jsonb WHERE id = $1`, [earlier.id, status, JSON.stringify(report)]);
    }
    const { body: run } = await start('billing-orders');
    const accumulator = new RunQualityAccumulator({}, []);
    for (let i = 0; i < 12; i++) accumulator.observe({ orderId: `X-${i}` }, []);
    await publish([{ ...event(run.id, 'PROGRESS', Date.now(), [count('VALIDATE', 12, 12, 0)]), pipeline: 'billing-orders', reporter: 'validator-a', quality: runQualityToWire(accumulator.state()) }]);
    type Report = { records: number; ok: boolean; alerts: string[]; anomalies: { metric: string; method: string; anomalous: boolean }[] };
    let report: Report | undefined;
    for (const deadline = Date.now() + 30_000; report?.records !== 12; await new Promise((resolve) => setTimeout(resolve, 100))) {
      const answer = await cp.call<Report>('GET', `/tenants/acme/runs/${run.id}/quality`, { token: customer });
      if (answer.status === 200) report = answer.body;
      if (Date.now() > deadline) assert.fail(`no report of the run: ${answer.status} ${answer.text}`);
    }
    assert.deepEqual(report.anomalies.map((a) => [a.metric, a.method, a.anomalous]), [['volume', 'zscore', true], ['volume', 'iqr', true]], 'against the five succeeded runs, not the failed one');
    assert.equal(report.ok, false);
    assert.match(report.alerts.join('\n'), /volume is 12, outside the .* of earlier runs/);
  });

  test('cancel: the run is cancelled, the runners are told, and a late event does not revive it', async () => {
    const { body: run } = await start();
    const cancelled = await cp.call<RunView>('POST', `/tenants/acme/runs/${run.id}/cancel`, { token: operator });
    assert.deepEqual([cancelled.status, cancelled.body.status, cancelled.body.cancelledBy], [200, 'cancelled', 'ops@acme.test']);
    assert.equal((await cp.call('POST', `/tenants/acme/runs/${run.id}/cancel`, { token: operator })).status, 200, 'cancelling again sends the event again');
    await publish([event(run.id, 'FINISHED', Date.now(), [count('SOURCE', 1, 1, 0)])]);
    const after = await until(run.id, (r) => r.events.some((e) => e.type === 'FINISHED'));
    assert.equal(after.status, 'cancelled');
    const told = await runEventsOnTopic();
    const failedEvents = told.filter((e) => e.runId === run.id && e.type === 'FAILED');
    assert.equal(failedEvents.length, 2);
    assert.equal(new Set(failedEvents.map((e) => e.eventId)).size, 1, 'the same event, sent twice');
    assert.match(failedEvents[0].error!, /^cancelled by ops@acme\.test/);
    const finished = (await cp.call<{ items: RunView[] }>('GET', '/tenants/acme/runs?status=succeeded', { token: operator })).body.items[0];
    const refused = await cp.call<{ message: string }>('POST', `/tenants/acme/runs/${finished.id}/cancel`, { token: operator });
    assert.deepEqual([refused.status, refused.body.message], [409, `run '${finished.id}' has already succeeded`]);
  });

  test('list: filters by pipeline, status and time, pages with a cursor', async () => {
    const { body: other } = await start('crm-orders');
    const all = await cp.call<{ items: RunView[]; nextCursor: string | null }>('GET', '/tenants/acme/runs?limit=100', { token: customer });
    assert.ok(all.body.items.length >= 8);
    const crm = await cp.call<{ items: RunView[] }>('GET', '/tenants/acme/runs?pipeline=crm-orders', { token: customer });
    assert.deepEqual(crm.body.items.map((r) => r.id), [other.id]);
    const endings = await cp.call<{ items: RunView[] }>('GET', '/tenants/acme/runs?status=failed,cancelled', { token: customer });
    assert.deepEqual([...new Set(endings.body.items.map((r) => r.status))].sort(), ['cancelled', 'failed']);
    const future = await cp.call<{ items: RunView[] }>('GET', `/tenants/acme/runs?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, { token: customer });
    assert.deepEqual(future.body.items, []);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: RunView[]; nextCursor: string | null } } = await cp.call('GET', `/tenants/acme/runs?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token: customer });
      seen.push(...page.body.items.map((r) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, all.body.items.map((r) => r.id), 'pages in the same newest-first order, none repeated or skipped');
    const bad = await cp.call<{ issues: { path: string }[] }>('GET', '/tenants/acme/runs?status=lost&cursor=nonsense', { token: customer });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.issues.map((i) => i.path), ['query.status.0']);
  });

  test('a paused or unknown pipeline cannot be run', async () => {
    const root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    await cp.call('POST', '/tenants/acme/pipelines/crm-orders/pause', { token: root });
    const paused = await start('crm-orders');
    assert.deepEqual([paused.status, (paused.body as unknown as { message: string }).message], [409, "pipeline 'crm-orders' is paused; resume it to run it"]);
    assert.equal((await start('nothing-here')).status, 404);
    assert.equal((await cp.call('GET', `/tenants/acme/runs/${randomUUID()}`, { token: customer })).status, 404);
  });
});
