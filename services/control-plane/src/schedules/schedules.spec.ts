import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ControlPlaneFixture, PLATFORM_ADMIN } from '../testing/control-plane-fixture';
import { pipelineYaml } from '../pipelines/testing/pipeline-documents';
import { PlatformKafka } from '../pipelines/testing/platform-kafka';
import type { RunView } from '../runs/run-views';
import type { ScheduleView } from './schedule-book';

describe('schedules: from the document or the API, and fired by the control plane scheduler', () => {
  let kafka: PlatformKafka;
  let cp: ControlPlaneFixture;
  let engineer: string;
  let operator: string;

  before(async () => {
    kafka = await PlatformKafka.start();
    cp = await ControlPlaneFixture.start({ ...kafka.env, TRIBUTARY_SCHEDULER_TICK_MS: '100' });
    const root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const admin = await cp.createTenant(root, 'acme');
    for (const [email, role] of [['eng@acme.test', 'engineer'], ['ops@acme.test', 'operator']]) {
      await cp.call('POST', '/tenants/acme/users', { token: admin, body: { email, password: `${role} password`, role } });
    }
    engineer = await cp.login('eng@acme.test', 'engineer password');
    operator = await cp.login('ops@acme.test', 'operator password');
  });
  after(async () => {
    await cp?.stop();
    await kafka?.stop();
  });

  const apply = (options: Parameters<typeof pipelineYaml>[2]) => cp.call('PUT', '/tenants/acme/pipelines/erp-orders', { token: engineer, body: { document: pipelineYaml('acme', 'erp-orders', options) } });
  const schedule = () => cp.call<ScheduleView>('GET', '/tenants/acme/pipelines/erp-orders/schedule', { token: operator });

  test("the document's source.schedule becomes the pipeline's schedule, and leaves with it", async () => {
    assert.equal((await apply({ schedule: '*/15 * * * *' })).status, 201);
    const made = await schedule();
    assert.equal(made.status, 200, made.text);
    assert.deepEqual([made.body.cron, made.body.timeZone, made.body.origin, made.body.catchUp, made.body.enabled], ['*/15 * * * *', 'UTC', 'spec', { policy: 'last', limit: 10 }, true]);
    assert.equal(new Date(made.body.nextFireAt!).getUTCMinutes() % 15, 0);
    assert.equal((await apply({ schedule: '0 6 * * *', rangeMin: 1 })).status, 200);
    assert.equal((await schedule()).body.cron, '0 6 * * *');
    assert.equal((await apply({ rangeMin: 2 })).status, 200);
    assert.equal((await schedule()).status, 404);
  });

  test('the API sets cron, time zone and catch-up; a document without a schedule leaves an API schedule alone', async () => {
    const put = await cp.call<ScheduleView>('PUT', '/tenants/acme/pipelines/erp-orders/schedule', {
      token: operator,
      body: { cron: '30 9 * * MON-FRI', timeZone: 'America/New_York', catchUp: { policy: 'all', limit: 3 } },
    });
    assert.equal(put.status, 201, put.text);
    assert.deepEqual([put.body.origin, put.body.timeZone, put.body.catchUp], ['api', 'America/New_York', { policy: 'all', limit: 3 }]);
    // 09:30 in New York is 13:30 or 14:30 UTC
    assert.match(put.body.nextFireAt!, /T1[34]:30:00\.000Z$/);
    assert.equal((await apply({ rangeMin: 3 })).status, 200);
    assert.equal((await schedule()).body.origin, 'api');
    const list = await cp.call<{ items: ScheduleView[] }>('GET', '/tenants/acme/schedules', { token: operator });
    assert.deepEqual(list.body.items.map((s) => s.pipeline), ['erp-orders']);
    const root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const audit = await cp.call<{ items: { action: string }[] }>('GET', '/tenants/acme/audit?target=pipeline:erp-orders', { token: root });
    assert.deepEqual(audit.body.items.filter((e) => e.action.startsWith('schedule.')).map((e) => e.action).reverse(), ['schedule.write', 'schedule.write', 'schedule.delete', 'schedule.write']);
  });

  test('bad schedules are refused field by field', async () => {
    const bad = await cp.call<{ issues: { path: string; message: string }[] }>('PUT', '/tenants/acme/pipelines/erp-orders/schedule', {
      token: operator,
      body: { cron: '61 * * * *', timeZone: 'Mars/Olympus', catchUp: { policy: 'sometimes' } },
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.issues.map((i) => i.path), ['body.cron', 'body.timeZone', 'body.catchUp.policy']);
    assert.match(bad.body.issues[0].message, /minute '61'/);
    const doc = await cp.call<{ issues: { path: string }[] }>('PUT', '/tenants/acme/pipelines/erp-orders', { token: engineer, body: { document: pipelineYaml('acme', 'erp-orders', { schedule: 'every day' }) } });
    assert.deepEqual([doc.status, doc.body.issues.map((i) => i.path)], [400, ['body.document.source.schedule']]);
  });

  test('the scheduler in the control plane fires a due schedule as a scheduled run', async () => {
    await cp.controlPlane.database.dataSource.query(`UPDATE schedules SET next_fire_at = now() - interval '2 minutes', catch_up = 'last'`);
    const deadline = Date.now() + 30_000;
    let runs: RunView[] = [];
    while (runs.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      runs = (await cp.call<{ items: RunView[] }>('GET', '/tenants/acme/runs?trigger=schedule', { token: operator })).body.items;
    }
    assert.equal(runs.length, 1);
    assert.deepEqual([runs[0].pipeline, runs[0].requestedBy, runs[0].mode], ['erp-orders', null, 'incremental']);
    assert.ok(runs[0].scheduledFor);
    const after = await schedule();
    assert.ok(new Date(after.body.nextFireAt!).getTime() > Date.now(), 'the next fire time moved past now');
  });

  test('pause and resume keep the schedule; deleting the pipeline stops it', async () => {
    assert.equal((await cp.call('POST', '/tenants/acme/pipelines/erp-orders/pause', { token: operator })).status, 200);
    assert.equal((await cp.call('POST', '/tenants/acme/pipelines/erp-orders/resume', { token: operator })).status, 200);
    assert.equal((await cp.call('DELETE', '/tenants/acme/pipelines/erp-orders/schedule', { token: operator })).status, 204);
    assert.equal((await schedule()).status, 404);
    await apply({ schedule: '*/5 * * * *', rangeMin: 4 });
    assert.equal((await cp.call('DELETE', '/tenants/acme/pipelines/erp-orders', { token: engineer })).status, 204);
    const [row] = await cp.controlPlane.database.dataSource.query(`SELECT enabled, next_fire_at FROM schedules`);
    assert.deepEqual(row, { enabled: false, next_fire_at: null });
    assert.equal((await schedule()).status, 404);
  });
});
