import { z } from 'zod';

/**
 * The sandbox's fault knobs: how slow and how unreliable it is. Set at start from env (see
 * sandbox-config.ts) and changed at run time with PUT /v1/knobs, one schema for both.
 */
export const knobsSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(60_000).default(0).describe('Added to every calculation'),
  jitterMs: z.number().int().min(0).max(60_000).default(0).describe('Up to this much more, uniformly drawn'),
  errorRate: z.number().min(0).max(1).default(0).describe('Share of calls failed with errorStatus before calculating'),
  errorStatus: z.literal([500, 502, 503, 504]).default(500),
  throttleRate: z.number().min(0).max(1).default(0).describe('Share of calls answered 429 with Retry-After'),
  retryAfterSeconds: z.number().int().min(0).max(3_600).default(1),
  lostAnswerRate: z.number().min(0).max(1).default(0).describe('Share of calls calculated (and kept under their key) but answered 500: what a timeout after the fact looks like'),
  outageMode: z.enum(['refuse', 'unavailable']).default('refuse').describe('refuse: the port is closed (connection refused); unavailable: 503 with Retry-After'),
});

export type Knobs = z.output<typeof knobsSchema>;

/** PUT /v1/knobs: any knobs to change, and optionally an outage to start now (or null to end one). */
export const knobsChangeSchema = knobsSchema.partial().extend({
  outage: z
    .strictObject({ seconds: z.number().positive().max(86_400), mode: z.enum(['refuse', 'unavailable']).optional() })
    .nullable()
    .optional()
    .describe('Go down now for this long; null: come back now (only reachable in unavailable mode)'),
});

export type KnobsChange = z.output<typeof knobsChangeSchema>;

export const DEFAULT_KNOBS: Knobs = knobsSchema.parse({});
