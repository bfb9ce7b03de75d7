import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunEvent, RunQualityFigures } from '@tributary/avro';
import type { ConsumedRecord, OutgoingRecord, StreamProducer } from '@tributary/stream';
import { RunStageCounter } from './run-stage-counter';

const RUN = '3f0c2a4e-8b1d-4c6e-9a7f-0d1e2f3a4b5c';
const record = { context: { runId: RUN, tenant: 'acme', pipeline: 'orders' }, attempt: 1 } as unknown as ConsumedRecord<unknown>;
const FIGURES = { records: 1, failed: 0, rules: [], completeness: [], uniqueness: [], sums: [] } as unknown as RunQualityFigures;
const silent = { warn: () => undefined };

/** A producer keeping what it was given; `holdNext` keeps the next publish waiting until released, `failNext` fails it. */
function recordingProducer() {
  const published: RunEvent[] = [];
  let gate: Promise<void> | undefined;
  let fail = false;
  const producer = {
    publish: async (_topic: string, records: readonly OutgoingRecord<RunEvent>[]) => {
      const held = gate;
      gate = undefined;
      if (fail) {
        fail = false;
        throw new Error('the broker is unreachable');
      }
      await held;
      published.push(...records.map((r) => r.value!));
      return [];
    },
  } as unknown as StreamProducer;
  return {
    producer,
    published,
    holdNext(): () => void {
      let release!: () => void;
      gate = new Promise<void>((resolve) => (release = resolve));
      return release;
    },
    failNext(): void {
      fail = true;
    },
  };
}

const countsOf = (event: RunEvent) => ({ ...event.counts[0] });

test('flush publishes the counts made while a report was already under way, once that report is out', async () => {
  const out = recordingProducer();
  const counter = new RunStageCounter({ stage: 'VALIDATE', producer: out.producer, logger: silent });
  counter.passed(record);
  const release = out.holdNext();
  const timed = counter.report();
  counter.passed(record); // counted after the timed report took its snapshot
  const flushed = counter.flush();
  release();
  await Promise.all([timed, flushed]);
  assert.deepEqual(out.published.map(countsOf), [
    { stage: 'VALIDATE', recordsIn: 1, recordsOut: 1, errors: 0, filtered: 0 },
    { stage: 'VALIDATE', recordsIn: 2, recordsOut: 2, errors: 0, filtered: 0 },
  ]);
  await counter.flush();
  assert.equal(out.published.length, 2, 'nothing new, nothing sent');
});

test('flushed reports carry the counts only; the next timed report sends the quality figures, though the counts did not change', async () => {
  const out = recordingProducer();
  const counter = new RunStageCounter({ stage: 'VALIDATE', producer: out.producer, logger: silent, qualityOf: () => FIGURES });
  counter.failed(record);
  await counter.flush();
  await counter.report();
  await counter.report();
  assert.deepEqual(
    out.published.map((e) => [e.counts[0].errors, e.quality]),
    [
      [1, null],
      [1, FIGURES],
    ],
  );
});

test('a report that could not be sent is sent by the next one', async () => {
  const out = recordingProducer();
  const counter = new RunStageCounter({ stage: 'TAX_SINK', producer: out.producer, logger: silent });
  counter.filtered(record);
  out.failNext();
  await counter.flush();
  assert.equal(out.published.length, 0);
  await counter.flush();
  assert.deepEqual(out.published.map(countsOf), [{ stage: 'TAX_SINK', recordsIn: 1, recordsOut: 0, errors: 0, filtered: 1 }]);
});
