import type { Stage } from './settings';

/**
 * Names from DESIGN.md "The record path": every stage of every pipeline has its own topic
 * `tributary.<tenant>.<pipeline>.<stage>`, so retention, replay, ACLs and lag are per tenant and
 * per pipeline; subjects use the topic-name strategy (`<topic>-value`). Consumer groups share
 * the prefix, so one prefixed ACL (`tributary.<tenant>.`) covers a tenant's topics and groups.
 */
export function pipelinePrefix(tenant: string, pipeline: string): string {
  return `tributary.${tenant}.${pipeline}`;
}

export function stageTopic(tenant: string, pipeline: string, stage: Stage): string {
  return `${pipelinePrefix(tenant, pipeline)}.${stage}`;
}

export function valueSubject(topic: string): string {
  return `${topic}-value`;
}

export function consumerGroup(tenant: string, pipeline: string, consumer: string): string {
  return `${pipelinePrefix(tenant, pipeline)}.${consumer}`;
}

/** Platform-wide topics, not per pipeline: listed in a plan so a deployer can check they exist. */
export const INTERNAL_TOPICS = {
  connectorOffsets: '_tributary.connector-offsets',
  runs: '_tributary.runs',
  pipelines: '_tributary.pipelines',
  schemas: '_schemas',
} as const;
