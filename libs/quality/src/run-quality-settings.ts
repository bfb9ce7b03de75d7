import { z } from 'zod';

const share = z.number().min(0).max(1);
const fieldShares = z.record(z.string().min(1), share);

/**
 * The per-run checks of a pipeline (its `quality:` section): thresholds a whole run must meet,
 * and which figures are compared with the pipeline's earlier runs.
 */
export const runQualitySettingsSchema = z
  .strictObject({
    completeness: fieldShares
      .default({})
      .describe('Least share of records (or of list items, for lines[*].x) that must have a value: { email: 0.95 }'),
    uniqueness: fieldShares.default({}).describe('Least share of distinct values among present ones: { orderId: 1 }'),
    anomalies: z
      .strictObject({
        fields: z.array(z.string().min(1)).default([]).describe('Numeric fields whose mean per run is compared with earlier runs; volume always is'),
        zScore: z.number().positive().default(3).describe('Flag a figure more than this many standard deviations from the history mean'),
        iqr: z.number().positive().default(1.5).describe("Flag a figure beyond Tukey's fences: this many IQRs outside the quartiles"),
        minHistory: z.number().int().min(4).default(5).describe('Earlier runs needed before figures are compared at all'),
        history: z.number().int().min(4).max(1000).default(30).describe('Earlier runs compared against, most recent first'),
      })
      .default({ fields: [], zScore: 3, iqr: 1.5, minHistory: 5, history: 30 }),
    minScore: z.number().min(0).max(100).default(80).describe('A run scoring below this raises an alert'),
  })
  .describe('Per-run data-quality checks and the report score that alerts act on');

export type RunQualitySettings = z.infer<typeof runQualitySettingsSchema>;
export type RunQualitySettingsInput = z.input<typeof runQualitySettingsSchema>;
