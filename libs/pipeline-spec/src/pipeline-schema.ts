import { z } from 'zod';
import { RULE_DEFINITIONS, runQualitySettingsSchema } from '@tributary/quality';
import { STEP_DEFINITIONS } from '@tributary/transforms';
import { metadataSchema } from './metadata';
import { oneKeyItem } from './one-key-item';
import { settingsSchema } from './settings';
import { SINK_DEFINITIONS } from './sinks';
import { sourceSchema } from './source';

/**
 * The pipeline document: the one schema that parsing, validation, the TypeScript types and the
 * exported JSON Schema all come from. The transform, validate and sinks lists are composed from
 * the step, rule and sink registries, so a new step is usable here the moment it is registered.
 */
export const stepItemSchema = oneKeyItem(STEP_DEFINITIONS, 'step');
export const ruleItemSchema = oneKeyItem(RULE_DEFINITIONS, 'rule');
export const sinkItemSchema = oneKeyItem(SINK_DEFINITIONS, 'sink');

export const pipelineSchema = z
  .strictObject({
    apiVersion: z.literal('tributary/v1'),
    kind: z.literal('Pipeline'),
    metadata: metadataSchema,
    source: sourceSchema,
    transform: z.array(stepItemSchema).default([]).describe('Low-code steps applied in order to every record; no user code is evaluated'),
    validate: z.array(ruleItemSchema).default([]).describe('Data-quality rules checked per record; failures go to <p>.errors'),
    quality: runQualitySettingsSchema.optional(),
    sinks: z
      .array(sinkItemSchema)
      .min(1, 'a pipeline needs at least one sink')
      .superRefine((sinks, ctx) => {
        const taxApis = sinks.filter((sink) => 'taxApi' in sink).length;
        if (taxApis > 1) ctx.addIssue({ code: 'custom', message: `a pipeline has at most one taxApi sink, found ${taxApis}` });
      })
      .describe('Where records end up'),
    settings: settingsSchema.default({ partitions: 6, errorPolicy: { onError: 'deadLetter' } }),
  })
  .meta({ title: 'Tributary pipeline', description: 'A pipeline declared instead of an integration written: source, transform, validate, sinks' });

/** A parsed pipeline, defaults filled in. */
export type PipelineSpec = z.infer<typeof pipelineSchema>;
/** A pipeline as written (defaults optional), e.g. for building one in code. */
export type PipelineDocument = z.input<typeof pipelineSchema>;

/**
 * The JSON Schema of the document as written, for the console's editor and forms (draft
 * 2020-12). Input form, because that is what people type: durations as text, defaults optional.
 */
export function pipelineJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(pipelineSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
