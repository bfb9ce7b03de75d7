import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from '@tributary/testing';
import { openDatabase, type Database } from '../database';
import { createScratchDatabase, type ScratchDatabase } from '../scratch-database';
import { PipelineEntity } from '../pipelines/pipeline.entity';
import { PipelineVersionEntity } from '../pipelines/pipeline-version.entity';
import { ScheduleEntity } from '../schedules/schedule.entity';
import { RunEntity } from './run.entity';
import { RunStageCountEntity } from './run-stage-count.entity';

describe('the pipeline, schedule and run tables', () => {
  let scratch: ScratchDatabase;
  let database: Database;
  const data = tempDir('persistence-runs');
  let pipelineId: string;
  let scheduleId: string;

  before(async () => {
    scratch = await createScratchDatabase();
    database = await openDatabase({ url: scratch.url, dataDir: data.path });
    const ds = database.dataSource;
    await ds.query(`INSERT INTO tenants (id, display_name) VALUES ('acme', 'Acme')`);
    await ds.getRepository(PipelineEntity).insert({ tenantId: 'acme', name: 'erp-orders', status: 'active', currentVersion: 1, lastAction: 'applied', createdBy: 'a@acme.test' });
    pipelineId = (await ds.getRepository(PipelineEntity).findOneByOrFail({ name: 'erp-orders' })).id;
    await ds.getRepository(PipelineVersionEntity).insert({ pipelineId, version: 1, spec: { a: 1 }, specHash: 'h', document: 'a: 1', format: 'yaml', plan: {}, appliedBy: 'a@acme.test' });
    await ds.getRepository(ScheduleEntity).insert({
      tenantId: 'acme', pipelineId, cron: '*/5 * * * *', timeZone: 'UTC', catchUp: 'last', catchUpLimit: 10, origin: 'api', enabled: true, nextFireAt: new Date(), updatedBy: 'a',
    });
    scheduleId = (await ds.getRepository(ScheduleEntity).findOneByOrFail({ pipelineId })).id;
  });
  after(async () => {
    await database?.close();
    await scratch?.drop();
    data.remove();
  });

  const run = (extra: Partial<RunEntity> = {}) => ({
    tenantId: 'acme', pipelineId, pipeline: 'erp-orders', pipelineVersion: 1, status: 'requested' as const, trigger: 'schedule' as const, mode: 'full' as const, requestedBy: null, ...extra,
  });

  test('one run per schedule and fire time, whoever inserts it', async () => {
    const runs = database.dataSource.getRepository(RunEntity);
    const at = new Date('2025-01-01T10:00:00Z');
    await runs.insert(run({ scheduleId, scheduledFor: at }));
    await assert.rejects(runs.insert(run({ scheduleId, scheduledFor: at })), /runs_schedule_fire_unique/);
    await runs.insert(run({ scheduleId, scheduledFor: new Date('2025-01-01T10:05:00Z') }));
    // Runs started over the API have no schedule and never collide.
    await runs.insert(run({ trigger: 'api' }));
    await runs.insert(run({ trigger: 'api' }));
    assert.equal(await runs.countBy({ pipelineId }), 4);
  });

  test('the schema refuses states the application must never write', async () => {
    const ds = database.dataSource;
    const refuses = (sql: string, params: unknown[] = []) => assert.rejects(ds.query(sql, params));
    await refuses(`UPDATE pipelines SET status = 'deleted' WHERE id = $1`, [pipelineId]);
    await refuses(`UPDATE pipelines SET status = 'archived' WHERE id = $1`, [pipelineId]);
    await refuses(`INSERT INTO pipelines (tenant_id, name, status, current_version, last_action, created_by) VALUES ('acme', 'Bad Name', 'active', 1, 'applied', 'a')`);
    await refuses(`INSERT INTO pipelines (tenant_id, name, status, current_version, last_action, created_by) VALUES ('acme', 'erp-orders', 'active', 1, 'applied', 'a')`);
    await refuses(`UPDATE schedules SET catch_up = 'sometimes' WHERE id = $1`, [scheduleId]);
    await refuses(`INSERT INTO runs (tenant_id, pipeline_id, pipeline, pipeline_version, status, trigger, mode) VALUES ('acme', $1, 'erp-orders', 1, 'lost', 'api', 'full')`, [pipelineId]);
    const [r] = await ds.query(`SELECT id FROM runs LIMIT 1`);
    await refuses(`INSERT INTO run_stage_counts (run_id, stage, records_in, records_out, errors, reported_at) VALUES ($1, 'SOURCE', -1, 0, 0, now())`, [r.id]);
  });

  test('stage counts round-trip past 2^53 as exact text', async () => {
    const [r] = await database.dataSource.query(`SELECT id FROM runs LIMIT 1`);
    const counts = database.dataSource.getRepository(RunStageCountEntity);
    await counts.insert({ runId: r.id, stage: 'SOURCE', recordsIn: '9007199254740993', recordsOut: '1', errors: '0', reportedAt: new Date() });
    assert.equal((await counts.findOneByOrFail({ runId: r.id, stage: 'SOURCE' })).recordsIn, '9007199254740993');
  });
});
