import { z } from 'zod';
import { FieldPathError, parseFieldPath } from '@tributary/transforms';
import { cronProblem } from './cron';
import { resourceName } from './metadata';

/** Where each connector reads from: the one location field that connector takes. */
const LOCATION_FIELD = {
  postgres: 'table',
  mysql: 'table',
  http: 'stream',
  file: 'path',
  mqtt: 'stream',
  push: undefined,
  topic: 'topic',
} as const;
type Connector = keyof typeof LOCATION_FIELD;
const LOCATIONS = ['table', 'stream', 'path', 'topic'] as const;
/** Sources that wait for data rather than poll it have nothing to schedule. */
const CONTINUOUS: ReadonlySet<Connector> = new Set(['push', 'topic', 'mqtt']);
const NEEDS_SECRET: ReadonlySet<Connector> = new Set(['postgres', 'mysql']);
/**
 * Sources whose incremental reads keep their own place instead of a cursor field's greatest
 * value: a file source records each file's progress, so a run reads only new or changed files.
 */
const OWN_PLACE: ReadonlySet<Connector> = new Set(['file']);

/** A field path as the steps read it ('orderId', 'shipTo.country', 'Inv Date'), checked by the same parser. */
const fieldPath = z
  .string()
  .min(1)
  .superRefine((text, ctx) => {
    try {
      parseFieldPath(text);
    } catch (e) {
      if (!(e instanceof FieldPathError)) throw e;
      ctx.addIssue({ code: 'custom', message: `not a field path: ${e.message}` });
    }
  });

export const sourceSchema = z
  .strictObject({
    connector: z.enum(Object.keys(LOCATION_FIELD) as [Connector, ...Connector[]]).describe('The source connector'),
    connection: z
      .strictObject({ secret: resourceName.describe('Name of the secret in the encrypted store that holds the credentials') })
      .optional()
      .describe('Credentials come from the encrypted secret store, never from the document'),
    table: z.string().min(1).optional().describe('postgres, mysql: the table (or schema.table) to read'),
    stream: z.string().min(1).optional().describe('http: the endpoint path; mqtt: the topic filter'),
    path: z.string().min(1).optional().describe('file: the file or glob to read'),
    topic: z.string().min(1).optional().describe('topic: the Kafka topic an upstream system produces to'),
    mode: z
      .enum(['full', 'incremental'])
      .default('full')
      .describe('full reads everything each run; incremental reads past the stored cursor (a file source: only new or changed files)'),
    cursor: fieldPath.optional().describe('incremental postgres and mysql: the field whose greatest value seen is stored as the cursor (a file source takes none)'),
    key: fieldPath.describe('The record key: one order\'s versions stay ordered in one partition and sinks upsert by it'),
    schedule: z.string().optional().describe('cron schedule of runs (minute hour day-of-month month day-of-week); runs can also start over REST or the CLI'),
    fields: z.array(fieldPath).optional().describe('The raw record\'s top-level fields, when the source does not declare them; lets steps be checked at apply time'),
    options: z.record(z.string(), z.unknown()).optional().describe('Connector-specific options, checked by the connector'),
  })
  .superRefine((source, ctx) => {
    const wanted = LOCATION_FIELD[source.connector];
    for (const location of LOCATIONS) {
      if (location === wanted || source[location] === undefined) continue;
      const hint = wanted ? `; use ${wanted}` : '';
      ctx.addIssue({ code: 'custom', path: [location], message: `a ${source.connector} source does not take ${location}${hint}` });
    }
    if (wanted && source[wanted] === undefined) {
      ctx.addIssue({ code: 'custom', path: [wanted], message: `a ${source.connector} source needs ${wanted}` });
    }
    if (OWN_PLACE.has(source.connector)) {
      if (source.cursor) ctx.addIssue({ code: 'custom', path: ['cursor'], message: `a ${source.connector} source keeps its own place (each file's progress) and takes no cursor` });
    } else if (source.mode === 'incremental' && !source.cursor) {
      ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'incremental mode needs a cursor field' });
    } else if (source.mode === 'full' && source.cursor) {
      ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'a cursor is only used in incremental mode' });
    }
    if (NEEDS_SECRET.has(source.connector) && !source.connection) {
      ctx.addIssue({ code: 'custom', path: ['connection'], message: `a ${source.connector} source needs connection.secret` });
    }
    if (source.schedule !== undefined) {
      const problem = CONTINUOUS.has(source.connector) ? `a ${source.connector} source runs continuously and takes no schedule` : cronProblem(source.schedule);
      if (problem) ctx.addIssue({ code: 'custom', path: ['schedule'], message: problem });
    }
  })
  .describe('Where records come from');

export type PipelineSource = z.infer<typeof sourceSchema>;

/** The one location field a source's connector takes, and its value ('table' and 'sales.orders'); undefined for push. */
export function locationOf(source: PipelineSource): { readonly field: (typeof LOCATIONS)[number]; readonly value: string } | undefined {
  const field = LOCATION_FIELD[source.connector];
  const value = field === undefined ? undefined : source[field];
  return field === undefined || value === undefined ? undefined : { field, value };
}
