import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSandboxConfig, SandboxConfigError } from './sandbox-config';

describe('the sandbox configuration', () => {
  it('defaults to a well-behaved sandbox on port 8090', () => {
    const config = parseSandboxConfig({ KAFKA_BROKERS: 'ignored:9092', SANDBOX_LATENCY_MS: '' });
    assert.equal(config.port, 8090);
    assert.deepEqual([config.knobs.latencyMs, config.knobs.errorRate, config.outages.length, config.seed], [0, 0, 0, undefined]);
  });

  it('reads the knobs, the planned outages and the seed', () => {
    const config = parseSandboxConfig({
      PORT: '0', SANDBOX_LATENCY_MS: '5', SANDBOX_JITTER_MS: '2', SANDBOX_ERROR_RATE: '0.3', SANDBOX_THROTTLE_RATE: '0.05',
      SANDBOX_RETRY_AFTER_S: '2', SANDBOX_OUTAGES: '30+20, 90.5+10', SANDBOX_OUTAGE_MODE: 'unavailable', SANDBOX_SEED: '7',
    });
    assert.deepEqual([config.knobs.latencyMs, config.knobs.jitterMs, config.knobs.errorRate, config.knobs.throttleRate, config.knobs.retryAfterSeconds], [5, 2, 0.3, 0.05, 2]);
    assert.deepEqual(config.outages, [{ atMs: 30_000, forMs: 20_000 }, { atMs: 90_500, forMs: 10_000 }]);
    assert.deepEqual([config.outageMode, config.seed], ['unavailable', 7]);
  });

  it('names every bad variable', () => {
    assert.throws(
      () => parseSandboxConfig({ SANDBOX_ERROR_RATE: '30%', SANDBOX_OUTAGES: 'soon', PORT: '99999' }),
      (err: Error) => err instanceof SandboxConfigError && /^PORT: /m.test(err.message) && /^SANDBOX_ERROR_RATE: must be a number/m.test(err.message) && /^SANDBOX_OUTAGES: must be START\+SECONDS/m.test(err.message),
    );
  });
});
