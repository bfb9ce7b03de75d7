import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateMasterKey } from '@tributary/security';
import { ConfigError, parseControlPlaneConfig } from '../config/control-plane-config';

const BASE = { DATABASE_URL: 'postgresql://db/x', TRIBUTARY_MASTER_KEYS: `k1:${generateMasterKey()}`, TRIBUTARY_JWT_SECRET: 'x'.repeat(40) };

describe('Kafka, schema registry and scheduler settings', () => {
  test('without KAFKA_BROKERS there is no Kafka and the scheduler settings take their defaults', () => {
    const { stream } = parseControlPlaneConfig(BASE);
    assert.deepEqual(stream, { kafka: undefined, scheduler: { enabled: true, tickMs: 1000 } });
  });

  test('brokers, registry and scheduler parse', () => {
    const { stream } = parseControlPlaneConfig({
      ...BASE,
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      SCHEMA_REGISTRY_URL: 'http://registry:8081/',
      TRIBUTARY_SCHEDULER: 'off',
      TRIBUTARY_SCHEDULER_TICK_MS: '250',
    });
    assert.deepEqual(stream, {
      kafka: { brokers: ['kafka-1:9092', 'kafka-2:9092'], clientId: 'tributary-control-plane', schemaRegistryUrl: 'http://registry:8081' },
      scheduler: { enabled: false, tickMs: 250 },
    });
  });

  test('each bad variable is named', () => {
    const message = (env: Record<string, string>) => {
      try {
        parseControlPlaneConfig({ ...BASE, ...env });
      } catch (err) {
        assert.ok(err instanceof ConfigError);
        return err.message;
      }
      return assert.fail('expected a ConfigError');
    };
    assert.equal(message({ KAFKA_BROKERS: 'kafka-1:9092' }), 'SCHEMA_REGISTRY_URL: is required when KAFKA_BROKERS is set (run events are Avro)');
    assert.match(message({ KAFKA_BROKERS: 'no port', SCHEMA_REGISTRY_URL: 'http://r' }), /^KAFKA_BROKERS: must be a comma-separated list of host:port$/);
    assert.match(message({ KAFKA_BROKERS: 'k:1', SCHEMA_REGISTRY_URL: 'ftp://r' }), /^SCHEMA_REGISTRY_URL: /);
    assert.match(message({ TRIBUTARY_SCHEDULER: 'maybe' }), /^TRIBUTARY_SCHEDULER: /);
    assert.match(message({ TRIBUTARY_SCHEDULER_TICK_MS: '5' }), /^TRIBUTARY_SCHEDULER_TICK_MS: /);
  });
});
