import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorRecord, RunEvent } from '@tributary/avro';
import { INTERNAL_TOPICS, stageTopic, type PipelineSpec } from '@tributary/pipeline-spec';
import { tempDir } from '@tributary/testing';
import { KafkaCursorStore } from './cursor-store';
import { RunConsumer } from './run-consumer';
import { RunExecutor, type RunControl, type RunOutcome } from './run-executor';
import { runEventPublisher, type RunRequest } from './run-events';
import { StageFixture } from '@tributary/service-runtime/testing';

const FAST = { sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 100 };

describe('runners take run requests from _tributary.runs, one runner per run', () => {
  let fx: StageFixture;
  const folder = tempDir('runner-files');
  const cleanup: (() => Promise<void>)[] = [];

  const requested = (spec: Pick<PipelineSpec, 'metadata'> | { metadata: { tenant: string; name: string } }, mode: 'FULL' | 'INCREMENTAL' = 'FULL'): RunEvent => ({
    eventId: randomUUID(),
    runId: randomUUID(),
    tenant: spec.metadata.tenant,
    pipeline: spec.metadata.name,
    type: 'REQUESTED',
    at: new Date(),
    trigger: 'API',
    requestedBy: null,
    mode,
    counts: [],
    error: null,
    reporter: null,
  });
  const publish = (event: RunEvent, topic: string = INTERNAL_TOPICS.runs) => runEventPublisher(fx.producer, topic)(event);
  const eventsOf = async (runId: string) => (await fx.readAll<RunEvent>(INTERNAL_TOPICS.runs)).map((r) => r.value).filter((e) => e.runId === runId);
  /** A runs topic of the test's own, so a new group does not meet the requests of earlier tests. */
  const runsTopic = async () => {
    const topic = `runs-${randomUUID()}`;
    await fx.admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2 }] });
    return topic;
  };
  const until = async (what: string, condition: () => Promise<boolean> | boolean) => {
    const deadline = Date.now() + 30_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const runner = async (executor: { execute(request: RunRequest, control: RunControl): Promise<RunOutcome> }, groupId: string, topic?: string) => {
    const consumer = new RunConsumer({ kafka: fx.kafka, codec: fx.codec, executor, groupId, consumer: FAST, ...(topic && { topic }) });
    await consumer.start();
    cleanup.push(() => consumer.stop());
    return consumer;
  };

  before(async () => {
    fx = await StageFixture.start();
  });
  after(async () => {
    for (const step of cleanup.reverse()) await step();
    await fx?.dispose();
    folder.remove();
  });

  test('a run of a CSV folder is executed and reported on the topic; an incremental run reads only the new file; a failing run leaves the runner serving', async () => {
    writeFileSync(join(folder.path, 'a.csv'), 'order_id,total\n1,10\n2,20\n');
    writeFileSync(join(folder.path, 'b.csv'), 'order_id,total\n3,30\n4,"40"x\n5,50,extra\n');
    const spec = await fx.pipeline({
      source: { connector: 'file', path: folder.path, mode: 'incremental', key: 'order_id' },
      sinks: [{ topic: { name: 'downstream' } }],
    });
    const cursors = new KafkaCursorStore({ kafka: fx.kafka, codec: fx.codec, producer: fx.producer, consumer: FAST });
    await cursors.start();
    cleanup.push(() => cursors.stop());
    const executor = new RunExecutor({
      pipelines: { find: async (tenant, name) => (tenant === spec.metadata.tenant && name === spec.metadata.name ? spec : undefined) },
      secrets: { open: () => Promise.reject(new Error('a file source has no secret')) },
      producer: fx.producer,
      cursors,
      emit: runEventPublisher(fx.producer),
    });
    await runner(executor, `runners-${randomUUID()}`);

    const full = requested(spec);
    await publish(full);
    await until('the full run to finish', async () => (await eventsOf(full.runId)).some((e) => e.type === 'FINISHED'));
    const events = await eventsOf(full.runId);
    assert.deepEqual(events.map((e) => e.type).filter((t) => t !== 'PROGRESS'), ['REQUESTED', 'STARTED', 'FINISHED']);
    assert.deepEqual(events.at(-1)!.counts.map((c) => ({ ...c })), [{ stage: 'SOURCE', recordsIn: 5, recordsOut: 3, errors: 2, filtered: 0 }]);
    const errors = await fx.readAll<ErrorRecord>(stageTopic(spec.metadata.tenant, spec.metadata.name, 'errors'));
    assert.deepEqual(errors.map((e) => e.value.reasons[0].code).sort(), ['FIELD_COUNT', 'MALFORMED_ROW']);

    const unknown = requested({ metadata: { tenant: spec.metadata.tenant, name: 'not-applied' } });
    writeFileSync(join(folder.path, 'c.csv'), 'order_id,total\n6,60\n');
    const incremental = requested(spec, 'INCREMENTAL');
    await publish(unknown);
    await publish(incremental);
    await until('the incremental run to finish', async () => (await eventsOf(incremental.runId)).some((e) => e.type === 'FINISHED'));
    assert.match((await eventsOf(unknown.runId)).find((e) => e.type === 'FAILED')!.error!, /'not-applied' .* is not active/);
    const raw = await fx.readAll<Record<string, unknown>>(stageTopic(spec.metadata.tenant, spec.metadata.name, 'raw'));
    assert.deepEqual(raw.filter((r) => r.headers['tributary-run'] === incremental.runId).map((r) => [r.key, r.value.total]), [['6', '60']]);
    assert.deepEqual(raw.map((r) => r.key).sort(), ['1', '2', '3', '6']);
  });

  test('a cancellation stops the run it names', async () => {
    const topic = await runsTopic();
    const started: string[] = [];
    const outcomes: RunOutcome['status'][] = [];
    const waitForAbort = {
      execute: (request: RunRequest, control: RunControl) =>
        new Promise<RunOutcome>((resolve) => {
          started.push(request.runId);
          control.signal!.addEventListener('abort', () => {
            const status = control.signal!.reason.name === 'RunCancelled' ? 'cancelled' : 'interrupted';
            outcomes.push(status);
            resolve({ status, reason: String(control.signal!.reason.message), counts: { read: 0, published: 0, errors: 0 } });
          });
        }),
    };
    const consumer = await runner(waitForAbort, `runners-${randomUUID()}`, topic);
    const run = requested({ metadata: { tenant: 'acme', name: 'slow' } });
    await publish(run, topic);
    await until('the run to start', () => consumer.activeRuns().includes(run.runId));
    await publish({ ...run, eventId: randomUUID(), type: 'FAILED', mode: null, trigger: null, error: 'cancelled by admin@acme' }, topic);
    await until('the run to stop', () => outcomes.length === 1);
    assert.deepEqual(outcomes, ['cancelled']);
    await until('the run to leave', () => consumer.activeRuns().length === 0);
    assert.deepEqual(started, [run.runId]);
  });

  test('a runner stopped mid-run leaves the request to the next runner of the group, which runs it', async () => {
    const groupId = `runners-${randomUUID()}`;
    const topic = await runsTopic();
    const first: string[] = [];
    const blocking = {
      execute: (request: RunRequest, control: RunControl) =>
        new Promise<RunOutcome>((resolve) => {
          first.push(request.runId);
          control.signal!.addEventListener('abort', () => resolve({ status: 'interrupted', reason: 'stopping', counts: { read: 0, published: 0, errors: 0 } }));
        }),
    };
    const one = await runner(blocking, groupId, topic);
    const run = requested({ metadata: { tenant: 'acme', name: 'handover' } });
    await publish(run, topic);
    await until('the first runner to take the run', () => first.includes(run.runId));
    await one.stop();
    const second: string[] = [];
    await runner({ execute: async (request) => (second.push(request.runId), { status: 'finished', counts: { read: 0, published: 0, errors: 0 } }) }, groupId, topic);
    await until('the second runner to take the run', () => second.includes(run.runId));
    assert.deepEqual(second, [run.runId]);
  });
});
