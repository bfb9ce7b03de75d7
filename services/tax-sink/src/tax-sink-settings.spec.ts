import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validatePipeline, type PipelineSpec } from '@tributary/pipeline-spec';
import { retryScheduleOf, taxSinkSettingsOf } from './tax-sink-settings';

function specWith(sinks: unknown[]): PipelineSpec {
  const outcome = validatePipeline({
    apiVersion: 'tributary/v1',
    kind: 'Pipeline',
    metadata: { tenant: 'acme', name: 'orders' },
    source: { connector: 'postgres', connection: { secret: 'acme-erp' }, table: 'orders', mode: 'full', key: 'orderId' },
    sinks,
  });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.faults));
  return outcome.spec;
}

describe('the tax sink settings of a pipeline', () => {
  it('are the taxApi sink with its defaults filled in', () => {
    const settings = taxSinkSettingsOf(specWith([{ taxApi: { concurrency: 64, retry: { max: 3 } } }, { mongodb: { collection: 'tax_results' } }]));
    assert.deepEqual(settings, { timeoutMs: 2000, concurrency: 64, retry: { max: 3, backoffMs: 1000, maxBackoffMs: 60_000 }, circuit: { errorPercent: 50, resetMs: 30_000 } });
  });

  it('are absent for a pipeline without a taxApi sink', () => {
    assert.equal(taxSinkSettingsOf(specWith([{ mongodb: { collection: 'orders' } }])), undefined);
  });

  it('give the runner retry.max retries after the first call, backing off from backoffMs up to maxBackoffMs with jitter', () => {
    const settings = taxSinkSettingsOf(specWith([{ taxApi: { retry: { max: 5, backoffMs: 200, maxBackoffMs: 5000 } } }]))!;
    assert.deepEqual(retryScheduleOf(settings), { initialDelayMs: 200, multiplier: 2, maxDelayMs: 5000, maxAttempts: 6, jitter: true });
  });
});
