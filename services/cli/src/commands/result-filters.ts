import { UsageError } from '../cli-error';
import type { Query } from '../remote/control-plane-client';
import { flag } from './remote-command';

/** The results filters `results` and `tail` share, as flags and as the API's query. */
export const RESULT_FILTER_OPTIONS = {
  run: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  'key-prefix': { type: 'string' },
} as const;

export const RESULT_FILTER_HELP = `  --run ID                  results of this run only
  --since TIME              calculated at or after TIME (ISO 8601, e.g. 2025-01-15T00:00:00Z)
  --until TIME              calculated before TIME
  --key-prefix TEXT         order keys starting with TEXT`;

export function resultFilterQuery(values: Record<string, string | boolean | undefined>): Query {
  const time = (name: string) => {
    const text = flag(values, name);
    if (text !== undefined && (!/^\d{4}-\d\d-\d\dT.+(Z|[+-]\d\d:\d\d)$/.test(text) || Number.isNaN(Date.parse(text)))) {
      throw new UsageError(`--${name} must be an ISO 8601 date-time with a zone, like 2025-01-15T00:00:00Z, got '${text}'`);
    }
    return text === undefined ? undefined : new Date(text).toISOString();
  };
  return { run: flag(values, 'run'), since: time('since'), until: time('until'), keyPrefix: flag(values, 'key-prefix') };
}
