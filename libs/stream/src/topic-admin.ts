import { INTERNAL_TOPICS, type DeploymentPlan, type TopicPlan } from '@tributary/pipeline-spec';
import { ConfigResourceTypes, type Admin } from 'kafkajs';

/** A topic as it should be: a pipeline-spec TopicPlan, or any topic described the same way. */
export type TopicSpec = Pick<TopicPlan, 'name' | 'partitions' | 'replicationFactor' | 'config'>;

export interface TopicChanges {
  readonly created: string[];
  /** Topics whose partition count was raised to the plan's. */
  readonly partitionsAdded: string[];
  /** Topics whose configs were set to the plan's. */
  readonly reconfigured: string[];
  readonly unchanged: string[];
  /** What could not be made as planned: Kafka cannot take partitions away. */
  readonly warnings: string[];
}

/** Kafka's config source of a topic override (DescribeConfigs v1+ DYNAMIC_TOPIC_CONFIG). */
const TOPIC_OVERRIDE = 1;

/**
 * Makes topics as planned, and is safe to run again (and by several deployers at once): missing
 * topics are created; existing ones get more partitions if the plan has more, and the plan's
 * configs. AlterConfigs replaces a topic's whole override set, so overrides the plan does not
 * name (an operator's max.message.bytes, say) are read first and kept.
 */
export async function ensureTopics(admin: Admin, topics: readonly TopicSpec[]): Promise<TopicChanges> {
  topics.forEach(checkSpec);
  const changes: TopicChanges = { created: [], partitionsAdded: [], reconfigured: [], unchanged: [], warnings: [] };
  if (topics.length === 0) return changes;
  const { topics: existing } = await admin.fetchTopicMetadata();
  const partitionsOf = new Map(existing.map((t) => [t.name, t.partitions.length]));

  const missing = topics.filter((t) => !partitionsOf.has(t.name));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((t) => ({
        topic: t.name,
        numPartitions: t.partitions,
        replicationFactor: t.replicationFactor ?? -1,
        configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
      })),
    });
    changes.created.push(...missing.map((t) => t.name));
  }

  const present = topics.filter((t) => partitionsOf.has(t.name));
  const grow = present.filter((t) => partitionsOf.get(t.name)! < t.partitions);
  if (grow.length > 0) {
    await admin.createPartitions({ topicPartitions: grow.map((t) => ({ topic: t.name, count: t.partitions })) });
    changes.partitionsAdded.push(...grow.map((t) => t.name));
  }
  for (const t of present) {
    const current = partitionsOf.get(t.name)!;
    if (current > t.partitions) changes.warnings.push(`${t.name} has ${current} partitions, more than the planned ${t.partitions}; Kafka cannot remove partitions`);
  }

  for (const t of present) {
    if (await reconfigure(admin, t)) changes.reconfigured.push(t.name);
    else if (!changes.partitionsAdded.includes(t.name)) changes.unchanged.push(t.name);
  }
  return changes;
}

/** Creates or updates a pipeline's stage topics as its deployment plan (pipeline-spec's compile) says. */
export function ensurePipelineTopics(admin: Admin, plan: Pick<DeploymentPlan, 'topics'>): Promise<TopicChanges> {
  return ensureTopics(admin, plan.topics);
}

/**
 * The platform topics (DESIGN.md): source cursors and pipeline changes are state (latest per
 * key, so compacted); runs are a history. `_tributary.pipelines` has one partition so every
 * consumer sees pipeline changes in one order. `_schemas` is left to the schema registry.
 */
export function internalTopicSpecs(options: { partitions?: number; runsRetentionMs?: number } = {}): TopicSpec[] {
  const partitions = options.partitions ?? 6;
  return [
    { name: INTERNAL_TOPICS.connectorOffsets, partitions, config: { 'cleanup.policy': 'compact' } },
    { name: INTERNAL_TOPICS.runs, partitions, config: { 'cleanup.policy': 'delete', 'retention.ms': String(options.runsRetentionMs ?? 30 * 86_400_000) } },
    { name: INTERNAL_TOPICS.pipelines, partitions: 1, config: { 'cleanup.policy': 'compact' } },
  ];
}

/** Sets the plan's configs on an existing topic if any differ; true if it did. */
async function reconfigure(admin: Admin, topic: TopicSpec): Promise<boolean> {
  const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic.name }] });
  const entries = resources[0]?.configEntries ?? [];
  const value = new Map(entries.map((e) => [e.configName, e.configValue]));
  if (Object.entries(topic.config).every(([name, wanted]) => value.get(name) === wanted)) return false;
  const overrides = Object.fromEntries(entries.filter((e) => Number(e.configSource) === TOPIC_OVERRIDE).map((e) => [e.configName, e.configValue]));
  const merged = { ...overrides, ...topic.config };
  await admin.alterConfigs({
    validateOnly: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic.name, configEntries: Object.entries(merged).map(([name, value]) => ({ name, value })) }],
  });
  return true;
}

function checkSpec(topic: TopicSpec, index: number): void {
  const where = `topic ${index} (${JSON.stringify(topic?.name)})`;
  if (typeof topic?.name !== 'string' || !/^[a-zA-Z0-9._-]{1,249}$/.test(topic.name)) {
    throw new TypeError(`${where}: a topic name is 1 to 249 of [a-zA-Z0-9._-]`);
  }
  if (!Number.isInteger(topic.partitions) || topic.partitions < 1) throw new TypeError(`${where}: partitions must be an integer from 1, got ${topic.partitions}`);
  for (const [name, value] of Object.entries(topic.config ?? {})) {
    if (typeof value !== 'string') throw new TypeError(`${where}: config ${name} must be a string, got ${JSON.stringify(value)}`);
  }
}
