import { readPlatformSchema, SchemaRegistryError } from '@tributary/avro';
import type { DeploymentPlan } from '@tributary/pipeline-spec';
import { ensurePipelineTopics, type TopicChanges } from '@tributary/stream';
import type { Logger } from 'pino';
import { ApiError } from '../common/api-error';
import type { PlatformStream } from './platform-stream';

export interface RegisteredSubject {
  subject: string;
  id: number;
}

/** The platform schemas a stage topic carries, registered at apply; raw and mapped are registered by their first producer. */
const PLATFORM_VALUE_SCHEMAS = { TaxResult: 'tax-result', ErrorRecord: 'error-record' } as const;

/**
 * What applying a plan does to Kafka and the registry before the version is recorded: stage
 * topics made as planned (idempotent: created, grown, reconfigured) and the schemas the plan
 * knows registered under their subjects. Any failure is an answer (503, or 409 for a schema the
 * subject's compatibility refuses) and nothing is recorded.
 */
export async function deployPlan(stream: PlatformStream, plan: DeploymentPlan, logger: Logger): Promise<{ topics: TopicChanges; schemas: RegisteredSubject[] }> {
  const admin = await stream.admin();
  let topics: TopicChanges;
  try {
    topics = await ensurePipelineTopics(admin, plan);
  } catch (err) {
    logger.warn({ tenant: plan.tenant, pipeline: plan.pipeline, err: (err as Error).message }, 'could not make the stage topics');
    throw new ApiError('unavailable', `Kafka did not make the stage topics (${(err as Error).name}); nothing was applied, try again`);
  }
  const schemas: RegisteredSubject[] = [];
  for (const topic of plan.topics) {
    const name = PLATFORM_VALUE_SCHEMAS[topic.valueSchema as keyof typeof PLATFORM_VALUE_SCHEMAS];
    if (!name) continue;
    try {
      schemas.push({ subject: topic.subject, id: await stream.codec!.register(topic.subject, readPlatformSchema(name)) });
    } catch (err) {
      if (err instanceof SchemaRegistryError && err.type === 'INCOMPATIBLE_SCHEMA') {
        throw new ApiError('conflict', `subject '${topic.subject}' holds a schema that the platform's ${name} schema is not compatible with`);
      }
      logger.warn({ subject: topic.subject, err: (err as Error).message }, 'could not register a schema');
      throw new ApiError('unavailable', `the schema registry did not register '${topic.subject}'; nothing was applied, try again`);
    }
  }
  return { topics, schemas };
}
