import { pipelinePrefix, resourceName, STAGES, stageTopic, type Stage } from '@tributary/pipeline-spec';

/** A topic of the record path, `tributary.<tenant>.<pipeline>.<stage>`, taken apart. */
export interface StageTopic {
  readonly tenant: string;
  readonly pipeline: string;
  readonly stage: Stage;
  /** `tributary.<tenant>.<pipeline>` */
  readonly prefix: string;
}

/**
 * The parts of a stage topic, or undefined for any other topic. The names are built by
 * @tributary/pipeline-spec's stageTopic; this is its inverse, and works because tenant and
 * pipeline names hold no dots (resourceName), so every dot is a separator.
 */
export function parseStageTopic(topic: string): StageTopic | undefined {
  const parts = topic.split('.');
  if (parts.length !== 4 || parts[0] !== 'tributary') return undefined;
  const [, tenant, pipeline, stage] = parts;
  if (!(STAGES as readonly string[]).includes(stage)) return undefined;
  if (!resourceName.safeParse(tenant).success || !resourceName.safeParse(pipeline).success) return undefined;
  return { tenant, pipeline, stage: stage as Stage, prefix: pipelinePrefix(tenant, pipeline) };
}

/** The same pipeline's topic for another stage: where a failed record of `topic` goes (`errors`, `retry`). */
export function siblingStageTopic(topic: string, stage: Stage): string {
  const parsed = parseStageTopic(topic);
  if (parsed === undefined) {
    throw new Error(`topic ${topic} is not a pipeline stage topic (tributary.<tenant>.<pipeline>.<stage>), so it has no ${stage} topic`);
  }
  return stageTopic(parsed.tenant, parsed.pipeline, stage);
}

/**
 * Every pipeline's topic of one stage, e.g. all `.mapped` topics for the validator: the pattern
 * a stage service subscribes with so pipelines created later are picked up (ConsumerRunner
 * re-resolves it; kafkajs alone would resolve it once).
 */
export function stageTopicPattern(stage: Stage): RegExp {
  if (!(STAGES as readonly string[]).includes(stage)) throw new Error(`unknown stage ${stage}; stages are ${STAGES.join(', ')}`);
  return new RegExp(`^tributary\\.[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*\\.${stage}$`);
}
