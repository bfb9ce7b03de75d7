/**
 * What `_tributary.pipelines` carries: JSON, keyed by the pipeline's topic prefix, compacted, so
 * the topic read from its start is every pipeline's state now. The control plane writes it after
 * each change commits; stage services read it to start, update and stop their per-pipeline
 * consumers without a restart (kafkajs resolves a RegExp subscription only once).
 */
export interface PipelineAnnouncement {
  readonly tenant: string;
  readonly pipeline: string;
  readonly version: number;
  readonly action: 'applied' | 'paused' | 'resumed' | 'deleted';
  readonly status: 'active' | 'paused' | 'deleted';
  /** `tributary.<tenant>.<pipeline>`: the prefix of its topics and consumer groups. */
  readonly prefix: string;
  readonly at: string;
  /** The validated spec of `version` (defaults filled in), on every change but a deletion. */
  readonly spec?: object;
}

const STATUSES = new Set(['active', 'paused', 'deleted']);

/** An announcement from a message value, or a message naming what is wrong with it. */
export function parseAnnouncement(value: Buffer | null): PipelineAnnouncement | string {
  if (value === null) return 'a tombstone, not an announcement';
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch {
    return 'the value is not JSON';
  }
  const a = json as Partial<PipelineAnnouncement>;
  if (typeof a !== 'object' || a === null) return 'the value is not a JSON object';
  if (typeof a.tenant !== 'string' || typeof a.pipeline !== 'string' || typeof a.prefix !== 'string') return 'tenant, pipeline and prefix must be text';
  if (typeof a.version !== 'number' || !Number.isInteger(a.version)) return 'version must be an integer';
  if (typeof a.status !== 'string' || !STATUSES.has(a.status)) return `status must be one of ${[...STATUSES].join(', ')}`;
  if (a.spec !== undefined && (typeof a.spec !== 'object' || a.spec === null)) return 'spec must be an object';
  return a as PipelineAnnouncement;
}
