import { z } from 'zod';

// Durations as people write them in a pipeline document: "500ms", "30s", "15m", "24h", "7d", "2w", "1y" (365 days).
// One unit per value keeps them unambiguous ("1h30m" is written "90m").
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w|y)$/;

/** Milliseconds of a duration string, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * UNIT_MS[match[2]]);
}

/** A duration as a string with a unit, or a plain number of milliseconds; parses to milliseconds. */
export const durationSchema = z
  .union([z.number().int().nonnegative(), z.string()])
  .transform((value, ctx) => {
    if (typeof value === 'number') return value;
    const ms = parseDuration(value);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `'${value}' is not a duration; write a number and one unit of ms, s, m, h, d, w, y (e.g. 24h)` });
      return z.NEVER;
    }
    return ms;
  })
  .meta({ description: 'A duration such as 500ms, 30s, 15m, 24h, 7d, 2w or 1y, or a number of milliseconds', examples: ['24h'] });

/** The shortest exact rendering of milliseconds in one unit: 86400000 → '1d', 90000 → '90s'. */
export function formatDuration(ms: number): string {
  for (const unit of ['y', 'w', 'd', 'h', 'm', 's'] as const) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}
