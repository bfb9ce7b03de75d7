import type { ConsumerGroupPlan } from '@tributary/pipeline-spec';

/** A stage's counts for a run, its reporters added up. */
export interface SettlingCount {
  readonly stage: string;
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly errors: number;
  readonly filtered: number;
}

/** The stage a consumer group's service reports its counts as; undefined for one that reports none. */
function reportingStageOf(consumer: string): string | undefined {
  if (consumer === 'transformer') return 'TRANSFORM';
  if (consumer === 'validator') return 'VALIDATE';
  if (consumer === 'tax-sink') return 'TAX_SINK';
  if (consumer.startsWith('sink.')) return 'RESULT_WRITER';
  return undefined;
}

/**
 * The stages whose counts a run should end with, in record-path order: the source, then the
 * stage of every consumer group a service has consumed in (a group no instance ever joined
 * reports nothing; store sinks share the RESULT_WRITER stage).
 */
export function reportingStages(groups: readonly ConsumerGroupPlan[], unconsumed: readonly string[]): string[] {
  const stages = ['SOURCE'];
  for (const group of groups) {
    const stage = reportingStageOf(group.consumer);
    if (stage !== undefined && !unconsumed.includes(group.consumer) && !stages.includes(stage)) stages.push(stage);
  }
  return stages;
}

/**
 * Whether a drained run's counts are all in. A stage publishes the counts of a batch before it
 * commits the batch's offsets, but this control plane reads them from `_tributary.runs` on its
 * own time, so when the consumers have caught up with a run, the counts of its last records may
 * still be on their way: a run declared done then would show a result writer short of the tax
 * sink, as if results were lost. Settled means every stage has an outcome for each record it took in
 * (passed on, failed or filtered; a retry's outcome comes with its last attempt) and has taken
 * in at least what the stage before it passed on. More is fine: redelivered records count
 * again, and an exploded record is many. A report that could not be published (the batch is
 * committed all the same) keeps a run from ever looking settled: the caller waits a bounded time.
 */
export function countsSettled(stages: readonly string[], counts: readonly SettlingCount[]): boolean {
  let passedOn = 0;
  for (const stage of stages) {
    const count = counts.find((c) => c.stage === stage) ?? { recordsIn: 0, recordsOut: 0, errors: 0, filtered: 0 };
    if (stage !== 'SOURCE' && (count.recordsIn < passedOn || count.recordsOut + count.errors + count.filtered < count.recordsIn)) return false;
    passedOn = count.recordsOut;
  }
  return true;
}
