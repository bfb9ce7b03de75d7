import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConsumerGroupPlan } from '@tributary/pipeline-spec';
import { countsSettled, reportingStages } from './run-count-settling';
import { advanceDrain, type KafkaView, type TopicOffsets } from './run-drain';

const p = 'tributary.acme.orders';
const GROUPS: ConsumerGroupPlan[] = [
  { consumer: 'transformer', groupId: `${p}.transformer`, reads: [`${p}.raw`], writes: [`${p}.mapped`, `${p}.errors`] },
  { consumer: 'validator', groupId: `${p}.validator`, reads: [`${p}.mapped`], writes: [`${p}.valid`, `${p}.errors`] },
  { consumer: 'tax-sink', groupId: `${p}.tax-sink`, reads: [`${p}.valid`, `${p}.retry`], writes: [`${p}.results`, `${p}.retry`, `${p}.errors`] },
  { consumer: 'sink.1.postgres', groupId: `${p}.sink.1.postgres`, reads: [`${p}.results`], writes: [`${p}.errors`] },
  { consumer: 'sink.2.mongodb', groupId: `${p}.sink.2.mongodb`, reads: [`${p}.results`], writes: [`${p}.errors`] },
];

/** A cluster in memory: topic ends and group commits the test moves by hand. */
class Cluster implements KafkaView {
  readonly end: TopicOffsets = {};
  readonly commits: Record<string, TopicOffsets> = {};
  endsAsked = 0;

  async ends(topics: readonly string[]) {
    this.endsAsked++;
    return Object.fromEntries(topics.map((t) => [t, { ...(this.end[t] ?? { 0: '0' }) }]));
  }
  async committed(groupId: string, topics: readonly string[]) {
    return Object.fromEntries(topics.map((t) => [t, { ...(this.commits[groupId]?.[t] ?? {}) }]));
  }
  async exists(groupId: string) {
    return groupId in this.commits;
  }
  commit(group: string, topic: string, partitions: Record<string, string>) {
    const groupCommits = (this.commits[`${p}.${group}`] ??= {});
    groupCommits[`${p}.${topic}`] = { ...groupCommits[`${p}.${topic}`], ...partitions };
  }
}

describe('a run drains stage by stage', () => {
  test('each group must reach the ends its inputs had when the group before it caught up', async () => {
    const kafka = new Cluster();
    for (const group of ['transformer', 'validator', 'tax-sink', 'sink.1.postgres']) kafka.commits[`${p}.${group}`] = {};
    kafka.end[`${p}.raw`] = { 0: '10', 1: '5' };
    let progress = await advanceDrain(GROUPS, { group: 0 }, kafka);
    assert.deepEqual([progress.done, progress.waitingFor, progress.state.targets], [false, 'transformer', { [`${p}.raw`]: { 0: '10', 1: '5' } }]);

    // Records arriving on raw after the source finished belong to later runs: not waited for.
    kafka.end[`${p}.raw`] = { 0: '20', 1: '5' };
    kafka.commit('transformer', 'raw', { 0: '10', 1: '5' });
    kafka.end[`${p}.mapped`] = { 0: '9' };
    progress = await advanceDrain(GROUPS, progress.state, kafka);
    assert.deepEqual([progress.done, progress.waitingFor, progress.state], [false, 'validator', { group: 1, targets: { [`${p}.mapped`]: { 0: '9' } } }]);

    kafka.commit('validator', 'mapped', { 0: '9' });
    kafka.end[`${p}.valid`] = { 0: '8' };
    kafka.end[`${p}.retry`] = { 0: '2' };
    kafka.commit('tax-sink', 'valid', { 0: '8' });
    progress = await advanceDrain(GROUPS, progress.state, kafka);
    assert.equal(progress.waitingFor, 'tax-sink', 'a retry still to be read');

    // The retry was retried again after the snapshot: its topic is read to its current end.
    kafka.commit('tax-sink', 'retry', { 0: '2' });
    kafka.end[`${p}.retry`] = { 0: '3' };
    progress = await advanceDrain(GROUPS, progress.state, kafka);
    assert.equal(progress.waitingFor, 'tax-sink');
    kafka.commit('tax-sink', 'retry', { 0: '3' });
    kafka.end[`${p}.results`] = { 0: '7' };
    progress = await advanceDrain(GROUPS, progress.state, kafka);
    assert.deepEqual([progress.done, progress.waitingFor], [false, 'sink.1.postgres']);

    // sink.2.mongodb's group never existed (the writer serves both stores in sink.1's): passed over.
    kafka.commit('sink.1.postgres', 'results', { 0: '7' });
    progress = await advanceDrain(GROUPS, progress.state, kafka);
    assert.deepEqual([progress.done, progress.waitingFor, progress.state], [true, undefined, { group: GROUPS.length, unconsumed: ['sink.2.mongodb'] }]);
    assert.deepEqual(reportingStages(GROUPS, progress.state.unconsumed!), ['SOURCE', 'TRANSFORM', 'VALIDATE', 'TAX_SINK', 'RESULT_WRITER']);
  });

  test('empty partitions need no commit; a pipeline no stage has consumed yet is done at once', async () => {
    const kafka = new Cluster();
    kafka.commits[`${p}.transformer`] = {};
    kafka.end[`${p}.raw`] = { 0: '0', 1: '4' };
    kafka.commit('transformer', 'raw', { 1: '4' });
    assert.equal((await advanceDrain(GROUPS, { group: 0 }, kafka)).done, true);
    const untouched = await advanceDrain(GROUPS, { group: 0 }, new Cluster());
    assert.equal(untouched.done, true);
    assert.deepEqual(reportingStages(GROUPS, untouched.state.unconsumed!), ['SOURCE'], 'no stage will report counts');
  });

  test('a group that lags keeps its first snapshot: the ends are read once per group', async () => {
    const kafka = new Cluster();
    kafka.commits[`${p}.transformer`] = {};
    kafka.end[`${p}.raw`] = { 0: '3' };
    let progress = await advanceDrain(GROUPS, { group: 0 }, kafka);
    kafka.end[`${p}.raw`] = { 0: '50' };
    progress = await advanceDrain(GROUPS, progress.state, kafka);
    assert.deepEqual(progress.state.targets, { [`${p}.raw`]: { 0: '3' } });
    assert.equal(kafka.endsAsked, 1);
  });
});

describe("a drained run's counts settle before it ends", () => {
  const STAGES = ['SOURCE', 'TRANSFORM', 'VALIDATE', 'TAX_SINK', 'RESULT_WRITER'];
  const counts = (...rows: ([string, number, number, number] | [string, number, number, number, number])[]) =>
    rows.map(([stage, recordsIn, recordsOut, errors, filtered = 0]) => ({ stage, recordsIn, recordsOut, errors, filtered }));

  test('settled: every stage took in what the one before passed on, and has an outcome for each', () => {
    const settled = counts(['SOURCE', 0, 500, 0], ['TRANSFORM', 500, 497, 3], ['VALIDATE', 497, 490, 7], ['TAX_SINK', 490, 490, 0], ['RESULT_WRITER', 490, 490, 0]);
    assert.equal(countsSettled(STAGES, settled), true);
    // redelivered after a crash: counted again, more than the stage before passed on
    assert.equal(countsSettled(STAGES, counts(['SOURCE', 0, 10, 0], ['TRANSFORM', 14, 14, 0], ['VALIDATE', 14, 14, 0], ['TAX_SINK', 14, 13, 1], ['RESULT_WRITER', 13, 13, 0])), true);
    assert.equal(countsSettled(['SOURCE'], counts(['SOURCE', 0, 3, 0])), true);
    // a filter step dropped 40: the transformer has an outcome for all 500, the validator took in the 457 it passed on
    assert.equal(countsSettled(STAGES, counts(['SOURCE', 0, 500, 0], ['TRANSFORM', 500, 457, 3, 40], ['VALIDATE', 457, 450, 7], ['TAX_SINK', 450, 450, 0], ['RESULT_WRITER', 450, 450, 0])), true);
  });

  test("not settled: a stage's last report still on its way, or a record taken in without an outcome", () => {
    // what `tributary run --follow` showed as a finished run before: the result writer 314 short
    assert.equal(countsSettled(STAGES, counts(['SOURCE', 0, 500, 0], ['TRANSFORM', 500, 497, 3], ['VALIDATE', 497, 490, 7], ['TAX_SINK', 490, 490, 0], ['RESULT_WRITER', 176, 176, 0])), false);
    assert.equal(countsSettled(STAGES, counts(['SOURCE', 0, 5, 0], ['TRANSFORM', 5, 5, 0], ['VALIDATE', 5, 5, 0], ['TAX_SINK', 5, 5, 0])), false, 'the result writer has not reported');
    assert.equal(countsSettled(STAGES, counts(['SOURCE', 0, 5, 0], ['TRANSFORM', 5, 5, 0], ['VALIDATE', 5, 5, 0], ['TAX_SINK', 5, 3, 0], ['RESULT_WRITER', 3, 3, 0])), false, 'two records retried, no outcome yet');
    assert.equal(countsSettled(STAGES, counts(['SOURCE', 0, 500, 0], ['TRANSFORM', 500, 457, 3, 20], ['VALIDATE', 457, 450, 7], ['TAX_SINK', 450, 450, 0], ['RESULT_WRITER', 450, 450, 0])), false, 'the report of 20 filtered records still on its way');
  });
});
