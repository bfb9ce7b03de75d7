import type { ConsumerGroupPlan, DeploymentPlan, TopicPlan } from './deployment-plan';
import { entryOf } from './one-key-item';
import type { PipelineSpec } from './pipeline-schema';
import { retentionOf, type Stage } from './settings';
import { SINK_DEFINITIONS } from './sinks';
import { consumerGroup, INTERNAL_TOPICS, pipelinePrefix, stageTopic, valueSubject } from './topic-names';

const VALUE_SCHEMA: Record<Stage, TopicPlan['valueSchema']> = {
  raw: 'raw',
  mapped: 'mapped',
  valid: 'mapped',
  retry: 'mapped',
  results: 'TaxResult',
  errors: 'ErrorRecord',
};
const ROLE = new Map(SINK_DEFINITIONS.map((definition) => [definition.name, definition.role]));

/**
 * Topics and consumer groups of the record path (DESIGN.md): source → raw → transformer →
 * mapped → validator → valid → tax-sink → results → store sinks, with errors from every stage
 * and retry looping back into the tax sink. Without a taxApi sink there are no results or
 * retry topics and the store sinks read `valid`.
 */
export function stagePlan(spec: PipelineSpec): Pick<DeploymentPlan, 'tenant' | 'pipeline' | 'prefix' | 'topics' | 'consumerGroups' | 'subjects' | 'internalTopics'> {
  const { tenant, name } = spec.metadata;
  const topic = (stage: Stage) => stageTopic(tenant, name, stage);
  const group = (consumer: string, reads: Stage[], writes: Stage[]): ConsumerGroupPlan => ({
    consumer,
    groupId: consumerGroup(tenant, name, consumer),
    reads: reads.map(topic),
    writes: writes.map(topic),
  });
  const sinks = spec.sinks.map((item) => entryOf(item)[0]);
  const taxApi = sinks.some((sink) => ROLE.get(sink) === 'taxApi');
  const stages: Stage[] = taxApi ? ['raw', 'mapped', 'valid', 'results', 'errors', 'retry'] : ['raw', 'mapped', 'valid', 'errors'];
  const retention = retentionOf(spec.settings);

  const topics: TopicPlan[] = stages.map((stage) => ({
    stage,
    name: topic(stage),
    partitions: spec.settings.partitions,
    ...(spec.settings.replicationFactor !== undefined && { replicationFactor: spec.settings.replicationFactor }),
    config: { 'cleanup.policy': 'delete', 'retention.ms': String(retention[stage]) },
    subject: valueSubject(topic(stage)),
    valueSchema: VALUE_SCHEMA[stage],
  }));

  const consumerGroups: ConsumerGroupPlan[] = [group('transformer', ['raw'], ['mapped', 'errors']), group('validator', ['mapped'], ['valid', 'errors'])];
  if (taxApi) consumerGroups.push(group('tax-sink', ['valid', 'retry'], ['results', 'retry', 'errors']));
  sinks.forEach((sink, index) => {
    if (ROLE.get(sink) === 'store') consumerGroups.push(group(`sink.${index}.${sink}`, [taxApi ? 'results' : 'valid'], ['errors']));
  });

  return {
    tenant,
    pipeline: name,
    prefix: pipelinePrefix(tenant, name),
    topics,
    consumerGroups,
    subjects: topics.map((t) => t.subject),
    internalTopics: [INTERNAL_TOPICS.runs, INTERNAL_TOPICS.pipelines, ...(spec.source.mode === 'incremental' ? [INTERNAL_TOPICS.connectorOffsets] : [])],
  };
}
