import { SINK_DEFINITIONS, type PipelineSpec } from '@tributary/pipeline-spec';
import type { RetrySchedule } from '@tributary/stream';
import type { TaxApiSettings } from '@tributary/tax-api';

/** A pipeline's taxApi sink, defaults filled in (libs/pipeline-spec sinks.ts). */
export interface TaxSinkSettings extends TaxApiSettings {
  readonly retry: { readonly max: number; readonly backoffMs: number; readonly maxBackoffMs: number };
}

const TAX_API = SINK_DEFINITIONS.find((definition) => definition.role === 'taxApi')!;

/** The settings of the pipeline's taxApi sink; undefined when it has none (nothing for the tax sink to do). */
export function taxSinkSettingsOf(spec: PipelineSpec): TaxSinkSettings | undefined {
  const item = spec.sinks.find((sink) => TAX_API.name in sink) as Record<string, unknown> | undefined;
  if (item === undefined) return undefined;
  // Parsed again through the sink's own schema: the spec is valid already, this gives the typed config with defaults.
  const config = TAX_API.config.parse(item[TAX_API.name]) as {
    timeoutMs: number;
    concurrency: number;
    retry: TaxSinkSettings['retry'];
    circuit: { errorPercent: number; resetMs: number };
  };
  return { timeoutMs: config.timeoutMs, concurrency: config.concurrency, retry: config.retry, circuit: { ...config.circuit } };
}

/**
 * The ConsumerRunner's retry schedule for the sink: `retry.max` retries after the first call,
 * exponential backoff from `backoffMs` doubling up to `maxBackoffMs`, full jitter; the record
 * goes to `<p>.errors` once they are spent.
 */
export function retryScheduleOf(settings: TaxSinkSettings): RetrySchedule {
  return {
    initialDelayMs: settings.retry.backoffMs,
    multiplier: 2,
    maxDelayMs: Math.max(settings.retry.backoffMs, settings.retry.maxBackoffMs),
    maxAttempts: settings.retry.max + 1,
    jitter: true,
  };
}

/** Whether two versions of a pipeline call TAXMAN the same way (so its circuit and its counts can stay). */
export function sameSettings(a: TaxSinkSettings, b: TaxSinkSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
