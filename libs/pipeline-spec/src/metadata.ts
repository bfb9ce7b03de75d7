import { z } from 'zod';

/**
 * Tenant and pipeline names become parts of Kafka topic names (`tributary.<tenant>.<pipeline>.raw`),
 * consumer group ids and registry subjects. Kafka allows [a-zA-Z0-9._-] up to 249 characters, and
 * warns that '.' and '_' collide in metric names; names here are lowercase letters, digits and
 * single hyphens, so the dots of a topic name are always our separators. 63 characters (a DNS
 * label) for each keeps the longest topic name well under Kafka's limit.
 */
export const resourceName = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens, starting with a letter (it becomes part of topic names)')
  .max(63);

export const metadataSchema = z
  .strictObject({
    tenant: resourceName.describe('The tenant that owns the pipeline'),
    name: resourceName.describe('The pipeline name, unique within the tenant'),
    description: z.string().max(1000).optional().describe('What the pipeline is for, for people'),
    labels: z
      .record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,62}$/, 'a label key is up to 63 letters, digits, . _ / -'), z.string().max(255))
      .optional()
      .describe('Free key/value labels to filter and group pipelines by'),
  })
  .describe('Who owns the pipeline and what it is called');

export type PipelineMetadata = z.infer<typeof metadataSchema>;
