import type { ConsumerGroupPlan } from '@tributary/pipeline-spec';

/** Offsets per topic and partition ("next offset to read" for a group, the high watermark for a topic's end). */
export type TopicOffsets = Record<string, Record<string, string>>;

/** How far a run's drain got: the plan's consumer groups are waited for in order. */
export interface DrainState {
  /** Index in the plan's consumerGroups of the group waited for now. */
  readonly group: number;
  /**
   * The ends of that group's input topics when the group before it had caught up: every record
   * of the run that reaches this group is below them. Undefined until the group's turn comes.
   */
  readonly targets?: TopicOffsets;
  /** The consumers of groups passed over because none of their instances ever consumed: they report no counts. */
  readonly unconsumed?: readonly string[];
}

/** What the drain needs to know of Kafka now. */
export interface KafkaView {
  /** The high watermark of each partition of these topics. */
  ends(topics: readonly string[]): Promise<TopicOffsets>;
  /** The group's committed offsets on these topics ('-1' or absent: none). */
  committed(groupId: string, topics: readonly string[]): Promise<TopicOffsets>;
  /** False when the group has never existed: no instance of its service has ever consumed these topics in it. */
  exists(groupId: string, topics: readonly string[]): Promise<boolean>;
}

export interface DrainProgress {
  readonly state: DrainState;
  /** Every group of the path has caught up with the run. */
  readonly done: boolean;
  /** The consumer the run waits for (transformer, validator, tax-sink, sink.1.postgres...), when not done. */
  readonly waitingFor?: string;
}

/**
 * One step of a run's drain, after its source was read to its end (RunEvent FINISHED): a run is
 * done only when every stage has handled its records, so `succeeded` means its results are
 * written. The plan's consumer groups are taken in path order (transformer, validator, tax-sink,
 * the store sinks). A group has caught up when its committed offsets reach the ends its input
 * topics had when the group before it caught up (the first group: when the source finished),
 * because a stage commits a record's offset only after publishing what it made of it. A topic a
 * group also writes (`<p>.retry`) must be read to its current end instead: a retried record may
 * be retried again after the snapshot. Groups no instance has ever consumed in are passed over
 * (a pipeline's second store sink shares the first one's group, so its own never exists).
 */
export async function advanceDrain(groups: readonly ConsumerGroupPlan[], state: DrainState, kafka: KafkaView): Promise<DrainProgress> {
  let { group: index, targets } = state;
  const unconsumed = [...(state.unconsumed ?? [])];
  const at = (group: number, snapshot?: TopicOffsets): DrainState => ({ group, ...(snapshot && { targets: snapshot }), ...(unconsumed.length > 0 && { unconsumed }) });
  while (index < groups.length) {
    const group = groups[index];
    if (!(await kafka.exists(group.groupId, group.reads))) {
      unconsumed.push(group.consumer);
      index += 1;
      targets = undefined;
      continue;
    }
    const snapshotted = group.reads.filter((topic) => !group.writes.includes(topic));
    const looped = group.reads.filter((topic) => group.writes.includes(topic));
    targets ??= await kafka.ends(snapshotted);
    const wanted = { ...targets, ...(looped.length > 0 ? await kafka.ends(looped) : {}) };
    const committed = await kafka.committed(group.groupId, group.reads);
    if (!caughtUp(committed, wanted)) return { state: at(index, targets), done: false, waitingFor: group.consumer };
    index += 1;
    targets = undefined;
  }
  return { state: at(index), done: true };
}

function caughtUp(committed: TopicOffsets, wanted: TopicOffsets): boolean {
  for (const [topic, partitions] of Object.entries(wanted)) {
    for (const [partition, end] of Object.entries(partitions)) {
      const at = BigInt(committed[topic]?.[partition] ?? '-1');
      if (BigInt(end) > 0n && at < BigInt(end)) return false;
    }
  }
  return true;
}
