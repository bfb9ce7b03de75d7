import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { platformType, ConfluentAvroCodec, type RunEvent, SchemaRegistryHttp } from '@tributary/avro';
import { createScratchDatabase, openDatabase, type Database, type ScratchDatabase } from '@tributary/persistence';
import { tempDir } from '@tributary/testing';
import { Client } from 'pg';
import pino from 'pino';
import { PipelineAnnouncer } from '../pipelines/pipeline-announcer';
import { PlatformStream } from '../pipelines/platform-stream';
import { PlatformKafka } from '../pipelines/testing/platform-kafka';
import { RunRequestOutbox } from '../runs/run-requests';
import { Scheduler } from './scheduler';

// Two scheduler instances on one PostgreSQL, sharing a clock the test moves: each due fire
// time becomes exactly one run and one run request, and when the leader's connection dies the
// other instance takes over without firing anything twice.

const logger = pino({ level: 'silent' });
const at = (hhmmss: string) => new Date(`2025-01-01T${hhmmss}Z`);

describe('the scheduler: an advisory-lock leader fires each due time exactly once', () => {
  let scratch: ScratchDatabase;
  let database: Database;
  let kafka: PlatformKafka;
  let stream: PlatformStream;
  let admin: Client;
  const data = tempDir('scheduler');
  let now = at('10:00:10');
  const schedulers: Record<string, Scheduler> = {};
  let scheduleId: string;

  before(async () => {
    [scratch, kafka] = await Promise.all([createScratchDatabase(), PlatformKafka.start()]);
    database = await openDatabase({ url: scratch.url, dataDir: data.path });
    stream = new PlatformStream({ brokers: [kafka.broker.address], clientId: 'scheduler-test', schemaRegistryUrl: kafka.registry.url }, logger);
    const outbox = new RunRequestOutbox(stream, database.dataSource, logger);
    const announcements = new PipelineAnnouncer(stream, database.dataSource, logger);
    for (const name of ['a', 'b']) {
      schedulers[name] = new Scheduler({ databaseUrl: scratch.url, outbox, announcements, logger, tickMs: 1000, name, clock: () => now });
    }
    admin = new Client({ connectionString: scratch.url });
    await admin.connect();
    await admin.query(`INSERT INTO tenants (id, display_name) VALUES ('acme', 'Acme')`);
    const [{ id: pipelineId }] = (
      await admin.query(`INSERT INTO pipelines (tenant_id, name, status, current_version, last_action, announce_pending, created_by) VALUES ('acme', 'erp-orders', 'active', 1, 'applied', false, 't') RETURNING id`)
    ).rows;
    await admin.query(`INSERT INTO pipeline_versions (pipeline_id, version, spec, spec_hash, document, format, plan, applied_by) VALUES ($1, 1, $2, 'h', 'd', 'yaml', '{}', 't')`, [
      pipelineId,
      JSON.stringify({ source: { mode: 'incremental' } }),
    ]);
    const [{ id }] = (
      await admin.query(
        `INSERT INTO schedules (tenant_id, pipeline_id, cron, time_zone, catch_up, catch_up_limit, origin, enabled, next_fire_at, updated_by)
         VALUES ('acme', $1, '*/5 * * * *', 'UTC', 'all', 100, 'api', true, $2, 't') RETURNING id`,
        [pipelineId, at('10:00:00')],
      )
    ).rows;
    scheduleId = id;
  });
  after(async () => {
    for (const s of Object.values(schedulers)) await s.stop();
    await stream?.close();
    await admin?.end();
    await database?.close();
    await scratch?.drop();
    await kafka?.stop();
    data.remove();
  });

  /** Both instances tick at once, `rounds` times. */
  async function tickBoth(rounds = 3): Promise<void> {
    for (let i = 0; i < rounds; i++) {
      await Promise.all(Object.values(schedulers).map((s) => s.tick().catch(() => undefined)));
    }
  }

  async function firedTimes(): Promise<string[]> {
    const { rows } = await admin.query(`SELECT scheduled_for FROM runs WHERE schedule_id = $1 ORDER BY scheduled_for`, [scheduleId]);
    return rows.map((r) => (r.scheduled_for as Date).toISOString().slice(11, 16));
  }

  async function requested(): Promise<RunEvent[]> {
    const codec = new ConfluentAvroCodec(new SchemaRegistryHttp(kafka.registry.url));
    const messages = await kafka.readAll('_tributary.runs');
    return Promise.all(messages.map((m) => codec.decodeWith<RunEvent>(m.value!, platformType('run-event'))));
  }

  const leaders = () => Object.entries(schedulers).filter(([, s]) => s.leadership.isLeader).map(([name]) => name);

  test('two instances ticking together: one leads, and each fire time is one run and one request', async () => {
    await tickBoth();
    assert.equal(leaders().length, 1);
    for (let minute = 1; minute <= 30; minute++) {
      now = new Date(at('10:00:10').getTime() + minute * 60_000);
      await tickBoth(1);
    }
    assert.deepEqual(await firedTimes(), ['10:00', '10:05', '10:10', '10:15', '10:20', '10:25', '10:30']);
    const events = await requested();
    assert.equal(events.length, 7);
    assert.equal(new Set(events.map((e) => e.runId)).size, 7);
    assert.ok(events.every((e) => e.type === 'REQUESTED' && e.trigger === 'SCHEDULE' && e.mode === 'INCREMENTAL' && e.tenant === 'acme'));
    const { rows } = await admin.query(`SELECT count(*)::int AS unpublished FROM runs WHERE request_published_at IS NULL`);
    assert.equal(rows[0].unpublished, 0);
  });

  test('when the leader connection dies the other instance takes over, and nothing fires twice', async () => {
    const [leader] = leaders();
    const follower = leader === 'a' ? 'b' : 'a';
    const ended = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (!schedulers[leader].leadership.isLeader) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
    // The leader "dies": PostgreSQL ends its session (as when its process crashes), and with it the lock.
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [`tributary-scheduler ${leader}`]);
    await ended;
    now = at('10:36:10');
    await schedulers[follower].tick();
    assert.deepEqual(leaders(), [follower]);
    // The old leader comes back as a follower: the lock is taken.
    await tickBoth();
    assert.deepEqual(leaders(), [follower]);
    assert.deepEqual(await firedTimes(), ['10:00', '10:05', '10:10', '10:15', '10:20', '10:25', '10:30', '10:35']);
    assert.equal((await requested()).length, 8);
  });

  test('a clean stop hands the lock over at once', async () => {
    const [leader] = leaders();
    await schedulers[leader].stop();
    now = at('10:40:30');
    await tickBoth(1);
    assert.deepEqual(leaders(), [leader === 'a' ? 'b' : 'a']);
    assert.deepEqual((await firedTimes()).slice(-2), ['10:35', '10:40']);
  });

  test('catch-up: after a long outage "all" runs the missed times up to its limit; a paused pipeline skips them', async () => {
    await admin.query(`UPDATE schedules SET catch_up_limit = 3 WHERE id = $1`, [scheduleId]);
    now = at('11:10:30');
    await tickBoth(1);
    assert.deepEqual((await firedTimes()).slice(-4), ['10:40', '11:00', '11:05', '11:10']);
    await admin.query(`UPDATE pipelines SET status = 'paused'`);
    now = at('11:30:30');
    await tickBoth(1);
    assert.deepEqual((await firedTimes()).slice(-1), ['11:10']);
    const { rows } = await admin.query(`SELECT next_fire_at FROM schedules WHERE id = $1`, [scheduleId]);
    assert.equal((rows[0].next_fire_at as Date).toISOString(), '2025-01-01T11:35:00.000Z');
  });

  test('the leader redoes run requests and pipeline announcements whose publish failed', async () => {
    // As a crash between the commit and the publish leaves them: committed, not yet on Kafka.
    const [{ id: runId }] = (
      await admin.query(
        `INSERT INTO runs (tenant_id, pipeline_id, pipeline, pipeline_version, status, trigger, mode, requested_by, requested_at)
         SELECT tenant_id, id, name, 1, 'requested', 'api', 'full', 'u1', $1 FROM pipelines RETURNING id`,
        [new Date(now.getTime() - 60_000)],
      )
    ).rows;
    await admin.query(`UPDATE pipelines SET announce_pending = true, updated_at = now() - interval '1 minute'`);
    await tickBoth(1);
    const events = await requested();
    assert.deepEqual(events.filter((e) => e.runId === runId).map((e) => [e.type, e.trigger, e.requestedBy]), [['REQUESTED', 'API', 'u1']]);
    const { rows } = await admin.query(`SELECT (SELECT request_published_at IS NOT NULL FROM runs WHERE id = $1) AS published, (SELECT announce_pending FROM pipelines) AS pending`, [runId]);
    assert.deepEqual(rows[0], { published: true, pending: false });
    const changes = (await kafka.readAll('_tributary.pipelines')).map((m) => JSON.parse(m.value!.toString()));
    assert.deepEqual(changes.map((c) => [c.tenant, c.pipeline, c.action, c.status]), [['acme', 'erp-orders', 'applied', 'paused']]);
  });
});
