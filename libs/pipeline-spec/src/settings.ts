import { z } from 'zod';
import { durationSchema } from '@tributary/quality';

export const STAGES = ['raw', 'mapped', 'valid', 'results', 'errors', 'retry'] as const;
export type Stage = (typeof STAGES)[number];

const DAY = 86_400_000;
/** Errors stay longest: someone has to look at them, and replaying them needs the payload. */
export const DEFAULT_RETENTION_MS: Record<Stage, number> = {
  raw: 7 * DAY,
  mapped: 7 * DAY,
  valid: 7 * DAY,
  results: 7 * DAY,
  errors: 30 * DAY,
  retry: 7 * DAY,
};

const retentionByStage = z
  .strictObject(Object.fromEntries(STAGES.map((stage) => [stage, durationSchema.optional()])) as Record<Stage, z.ZodOptional<typeof durationSchema>>)
  .describe('Retention per stage topic; stages left out keep their default (7d, errors 30d)');

export const settingsSchema = z
  .strictObject({
    partitions: z.number().int().min(1).max(1024).default(6).describe('Partitions of every stage topic: the most consumers a stage can scale to'),
    replicationFactor: z.number().int().min(1).max(7).optional().describe('Replicas of every stage topic; the broker default when left out'),
    retention: z
      .union([durationSchema, retentionByStage])
      .optional()
      .describe('How long stage topics keep records: one duration for all stages, or one per stage'),
    errorPolicy: z
      .strictObject({
        onError: z
          .enum(['deadLetter', 'halt'])
          .default('deadLetter')
          .describe('deadLetter: a failing record goes to <p>.errors and the stage goes on; halt: the stage pauses the partition until an operator acts'),
        maxErrorRate: z.number().min(0).max(1).optional().describe('Fail the run when more than this share of its records went to <p>.errors'),
      })
      .default({ onError: 'deadLetter' }),
  })
  .describe('Per-pipeline settings');

export type PipelineSettings = z.infer<typeof settingsSchema>;

/** retention.ms of each stage topic. */
export function retentionOf(settings: PipelineSettings | undefined): Record<Stage, number> {
  const retention = settings?.retention;
  if (retention === undefined) return { ...DEFAULT_RETENTION_MS };
  if (typeof retention === 'number') return Object.fromEntries(STAGES.map((stage) => [stage, retention])) as Record<Stage, number>;
  return Object.fromEntries(STAGES.map((stage) => [stage, retention[stage] ?? DEFAULT_RETENTION_MS[stage]])) as Record<Stage, number>;
}
