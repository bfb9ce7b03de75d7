import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { RunEvent } from '@tributary/avro';
import { createScratchDatabase, openDatabase, type Database, type ScratchDatabase } from '@tributary/persistence';
import { INTERNAL_TOPICS, pipelinePrefix, stageTopic, type PipelineAnnouncement, type PipelineSpec } from '@tributary/pipeline-spec';
import { generateMasterKey, parseKeyring, SecretBox } from '@tributary/security';
import { ConfigError, startService, type RunningService } from '@tributary/service-runtime';
import { tempDir } from '@tributary/testing';
import { createConnection, type Connection } from 'mysql2/promise';
import { Client } from 'pg';
import { CONNECTOR_RUNNER_SERVICE } from './main';
import { runEventPublisher } from './run-events';
import { StageFixture } from '@tributary/service-runtime/testing';

const MASTER_KEYS = `k1:${generateMasterKey()}`;
const LOCAL_POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
const LOCAL_MARIADB = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

describe('the connector runner service on the runtime, with secrets from the control plane database', () => {
  let fx: StageFixture;
  let scratch: ScratchDatabase;
  let controlPlaneDb: Database;
  let service: RunningService;
  let pg: Client;
  let maria: Connection;
  const name = `runner_${randomUUID().slice(0, 8)}`;
  const dataDir = tempDir('runner-service');

  /** What `tributary secrets set` leaves in the control plane's database: the value sealed for <tenant>/<name>. */
  const storeSecret = async (tenant: string, secret: string, value: object) => {
    const sealed = new SecretBox(parseKeyring(MASTER_KEYS, 'TRIBUTARY_MASTER_KEYS')).seal(JSON.stringify(value), `${tenant}/${secret}`);
    await controlPlaneDb.dataSource.query(`INSERT INTO tenants (id, display_name) VALUES ($1, $1) ON CONFLICT DO NOTHING`, [tenant]);
    await controlPlaneDb.dataSource.query(`INSERT INTO secrets (tenant_id, name, sealed, key_id, updated_by) VALUES ($1, $2, $3, 'k1', 'spec')`, [tenant, secret, sealed]);
  };
  const announce = async (spec: PipelineSpec) => {
    const prefix = pipelinePrefix(spec.metadata.tenant, spec.metadata.name);
    const announcement: PipelineAnnouncement = { tenant: spec.metadata.tenant, pipeline: spec.metadata.name, version: 1, action: 'applied', status: 'active', prefix, at: new Date().toISOString(), spec };
    await fx.producer.publishEncoded(INTERNAL_TOPICS.pipelines, [{ key: prefix, value: Buffer.from(JSON.stringify(announcement)), headers: {} }]);
  };
  const run = async (spec: PipelineSpec): Promise<RunEvent[]> => {
    const runId = randomUUID();
    await runEventPublisher(fx.producer)({
      eventId: randomUUID(), runId, tenant: spec.metadata.tenant, pipeline: spec.metadata.name, type: 'REQUESTED',
      at: new Date(), trigger: 'CLI', requestedBy: null, mode: 'FULL', counts: [], error: null, reporter: null,
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const events = (await fx.readAll<RunEvent>(INTERNAL_TOPICS.runs)).map((r) => r.value).filter((e) => e.runId === runId);
      if (events.some((e) => e.type === 'FINISHED' || e.type === 'FAILED')) return events;
      if (Date.now() > deadline) throw new Error(`run ${runId} did not end: ${events.map((e) => e.type).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  before(async () => {
    fx = await StageFixture.start();
    scratch = await createScratchDatabase();
    controlPlaneDb = await openDatabase({ url: scratch.url, dataDir: dataDir.path });
    pg = new Client(LOCAL_POSTGRES);
    await pg.connect();
    await pg.query(`CREATE SCHEMA ${name}`);
    await pg.query(`CREATE TABLE ${name}.orders (id int PRIMARY KEY, updated_at timestamptz NOT NULL, total numeric(8,2))`);
    await pg.query(`INSERT INTO ${name}.orders SELECT i, now(), i FROM generate_series(1, 7) i`);
    maria = await createConnection(LOCAL_MARIADB);
    await maria.query(`CREATE DATABASE ${name}`);
    await maria.query(`CREATE TABLE ${name}.orders (id int PRIMARY KEY, updated_at datetime(6) NOT NULL, total decimal(8,2))`);
    await maria.query(`INSERT INTO ${name}.orders VALUES (1, NOW(6), 1.5), (2, NOW(6), 2.5), (3, NOW(6), 3.5)`);
    service = await startService(CONNECTOR_RUNNER_SERVICE, {
      KAFKA_BROKERS: fx.broker.address, SCHEMA_REGISTRY_URL: fx.registry.url, PORT: '0', LOG_LEVEL: 'fatal',
      DATABASE_URL: scratch.url, TRIBUTARY_MASTER_KEYS: MASTER_KEYS, CONNECTOR_BATCH_SIZE: '3',
    });
  });
  after(async () => {
    await service?.close();
    await controlPlaneDb?.close();
    await scratch?.drop();
    await pg?.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    await pg?.end();
    await maria?.query(`DROP DATABASE IF EXISTS ${name}`);
    await maria?.end();
    await fx?.dispose();
    dataDir.remove();
  });

  test('a requested run of a PostgreSQL table opens its sealed secret, reads in batches and reports the counts', async () => {
    const spec = await fx.pipeline({
      source: { connector: 'postgres', connection: { secret: 'erp-pg' }, table: 'orders', mode: 'incremental', cursor: 'updated_at', key: 'id', options: { schemas: [name] } },
      sinks: [{ topic: { name: 'downstream' } }],
    });
    await storeSecret(spec.metadata.tenant, 'erp-pg', { ...LOCAL_POSTGRES, password: 'unused-with-trust' });
    await announce(spec);
    const events = await run(spec);
    assert.deepEqual(events.at(-1)!.counts.map((c) => ({ ...c })), [{ stage: 'SOURCE', recordsIn: 7, recordsOut: 7, errors: 0, filtered: 0 }], JSON.stringify(events.at(-1)!.error));
    const raw = await fx.readAll<Record<string, unknown>>(stageTopic(spec.metadata.tenant, spec.metadata.name, 'raw'));
    assert.deepEqual(raw.map((r) => r.key).sort(), ['1', '2', '3', '4', '5', '6', '7']);
    assert.match(raw[0].headers.traceparent, /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
  });

  test('a run of a MariaDB table works the same way, and a run whose secret is missing fails naming it', async () => {
    const spec = await fx.pipeline({
      source: { connector: 'mysql', connection: { secret: 'erp-maria' }, table: 'orders', mode: 'full', key: 'id' },
      sinks: [{ topic: { name: 'downstream' } }],
    });
    const missing = await run(spec).catch((e: Error) => e);
    // Not announced yet: the runner waits a moment for the directory, then fails the run.
    assert.ok(!(missing instanceof Error));
    assert.match(missing.at(-1)!.error!, /is not active/);

    await announce(spec);
    const noSecret = await run(spec);
    assert.match(noSecret.at(-1)!.error!, /has no secret 'erp-maria'/);

    await storeSecret(spec.metadata.tenant, 'erp-maria', { ...LOCAL_MARIADB, database: name });
    const events = await run(spec);
    assert.equal(events.at(-1)!.type, 'FINISHED', events.at(-1)!.error ?? '');
    const raw = await fx.readAll<Record<string, unknown>>(stageTopic(spec.metadata.tenant, spec.metadata.name, 'raw'));
    assert.deepEqual(raw.map((r) => [r.key, r.value.total]).sort(), [['1', '1.50'], ['2', '2.50'], ['3', '3.50']]);
  });

  test('DATABASE_URL without the master keys is bad configuration naming the variable', async () => {
    await assert.rejects(
      startService(CONNECTOR_RUNNER_SERVICE, { KAFKA_BROKERS: fx.broker.address, SCHEMA_REGISTRY_URL: fx.registry.url, PORT: '0', LOG_LEVEL: 'fatal', DATABASE_URL: scratch.url }),
      (e: unknown) => e instanceof ConfigError && /^TRIBUTARY_MASTER_KEYS: is required/.test(e.message),
    );
  });
});
