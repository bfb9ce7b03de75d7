import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ControlPlaneFixture, PLATFORM_ADMIN } from '../testing/control-plane-fixture';
import type { ApplyOutcome, VersionDiff } from './pipeline-catalog';
import type { PipelineDetail, PipelineView, VersionSummary } from './pipeline-views';
import type { PipelineChange } from './platform-stream';
import { pipelineYaml, sendYaml } from './testing/pipeline-documents';
import { PlatformKafka } from './testing/platform-kafka';

type Issue = { path: string; pointer: string; line?: number; column?: number; message: string };

describe('pipelines: apply, versions, diff, pause, resume, delete', () => {
  let kafka: PlatformKafka;
  let cp: ControlPlaneFixture;
  let engineer: string;

  before(async () => {
    kafka = await PlatformKafka.start();
    cp = await ControlPlaneFixture.start(kafka.env);
    const root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const admin = await cp.createTenant(root, 'acme');
    await cp.createTenant(root, 'globex');
    await cp.call('POST', '/tenants/acme/users', { token: admin, body: { email: 'eng@acme.test', password: 'engineer password', role: 'engineer' } });
    engineer = await cp.login('eng@acme.test', 'engineer password');
  });
  after(async () => {
    await cp?.stop();
    await kafka?.stop();
  });

  const applyYaml = (text: string, path = '/tenants/acme/pipelines', method = 'POST') => sendYaml<ApplyOutcome>(cp.url, method, path, engineer, text);

  test('applying a YAML file creates version 1, the stage topics, the platform schemas, and announces it', async () => {
    const answer = await applyYaml(pipelineYaml('acme', 'erp-orders'));
    assert.equal(answer.status, 201, answer.text);
    assert.deepEqual([answer.body.created, answer.body.changed, answer.body.pipeline.version, answer.body.pipeline.status], [true, true, 1, 'active']);
    const stages = ['raw', 'mapped', 'valid', 'results', 'errors', 'retry'].map((s) => `tributary.acme.erp-orders.${s}`);
    assert.deepEqual([...answer.body.topics.created].sort(), [...stages].sort());
    assert.deepEqual(answer.body.schemas.map((s) => s.subject).sort(), ['tributary.acme.erp-orders.errors-value', 'tributary.acme.erp-orders.results-value']);
    const topics = await kafka.topics();
    for (const topic of stages) assert.ok(topics.includes(topic), `${topic} was not created`);
    const subjects = (await (await fetch(`${kafka.registry.url}/subjects`)).json()) as string[];
    assert.ok(subjects.includes('tributary.acme.erp-orders.results-value'));
    const changes = await announced();
    assert.deepEqual(changes.map((c) => [c.tenant, c.pipeline, c.version, c.action, c.status]), [['acme', 'erp-orders', 1, 'applied', 'active']]);
  });

  test('the same spec written differently (comments, JSON body) makes no new version', async () => {
    const again = await cp.call<ApplyOutcome>('PUT', '/tenants/acme/pipelines/erp-orders', {
      token: engineer,
      body: { document: pipelineYaml('acme', 'erp-orders', { comment: 'reworded, same spec' }) },
    });
    assert.equal(again.status, 200, again.text);
    assert.deepEqual([again.body.created, again.body.changed, again.body.pipeline.version], [false, false, 1]);
    assert.deepEqual(again.body.topics.created, []);
    const versions = await cp.call<{ items: VersionSummary[] }>('GET', '/tenants/acme/pipelines/erp-orders/versions', { token: engineer });
    assert.equal(versions.body.items.length, 1);
    assert.equal((await announced()).length, 1, 'an unchanged apply announces nothing');
  });

  test('a changed spec is version 2, and the diff names what changed by path and by line', async () => {
    const answer = await applyYaml(pipelineYaml('acme', 'erp-orders', { rangeMin: 5 }));
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual([answer.body.changed, answer.body.pipeline.version], [true, 2]);
    const diff = await cp.call<VersionDiff>('GET', '/tenants/acme/pipelines/erp-orders/diff?from=1', { token: engineer });
    assert.equal(diff.status, 200, diff.text);
    assert.deepEqual(diff.body.changes, [{ path: '/validate/1/range/min', change: 'changed', before: 0, after: 5 }]);
    assert.match(diff.body.text, /^--- erp-orders version 1\n\+\+\+ erp-orders version 2\n@@ /);
    assert.match(diff.body.text, /\n- +min: 0\n\+ +min: 5\n/);
    const detail = await cp.call<PipelineDetail>('GET', '/tenants/acme/pipelines/erp-orders', { token: engineer });
    assert.equal(detail.body.current.version, 2);
    assert.match(detail.body.current.document, /min: 5/);
    assert.equal(detail.body.current.plan.consumerGroups.find((g) => g.consumer === 'validator')?.groupId, 'tributary.acme.erp-orders.validator');
    const v1 = await cp.call<{ spec: { validate: { range?: { field: string; min: number } }[] } }>('GET', '/tenants/acme/pipelines/erp-orders/versions/1', { token: engineer });
    assert.deepEqual([v1.body.spec.validate[1].range?.field, v1.body.spec.validate[1].range?.min], ['total', 0]);
    assert.equal((await cp.call('GET', '/tenants/acme/pipelines/erp-orders/versions/9', { token: engineer })).status, 404);
  });

  test('a faulty document is a 400 listing every fault with its path, line and column, and nothing is applied', async () => {
    const bad = pipelineYaml('acme', 'broken').replace('table: orders', 'tabel: orders').replace('partitions: 2', 'partitions: two');
    const answer = await cp.call<{ issues: Issue[] }>('POST', '/tenants/acme/pipelines', { token: engineer, body: { document: bad } });
    assert.equal(answer.status, 400, answer.text);
    const byPath = Object.fromEntries(answer.body.issues.map((i) => [i.path, i]));
    assert.match(byPath['body.document.source'].message, /unknown key 'tabel'.*did you mean 'table'/);
    assert.deepEqual([byPath['body.document.source'].line, typeof byPath['body.document.source'].column], [8, 'number']);
    assert.ok(byPath['body.document.settings.partitions'], JSON.stringify(answer.body.issues));
    assert.equal(byPath['body.document.settings.partitions'].line, 20);
    const spec = await cp.call<{ issues: Issue[] }>('POST', '/tenants/acme/pipelines', { token: engineer, body: { spec: { apiVersion: 'tributary/v1', kind: 'Pipeline' } } });
    assert.equal(spec.status, 400);
    assert.ok(spec.body.issues.some((i) => i.path === 'body.spec.metadata'), JSON.stringify(spec.body.issues));
    const empty = await cp.call<{ issues: Issue[] }>('POST', '/tenants/acme/pipelines', { token: engineer, body: {} });
    assert.deepEqual([empty.status, empty.body.issues.map((i) => i.path)], [400, ['body.document']]);
    // An option the source's connector does not take is refused here, not by every run.
    const option = pipelineYaml('acme', 'broken').replace('  key: order_id\n', '  key: order_id\n  options: { connectTimeoutMs: soon }\n');
    const refused = await cp.call<{ issues: Issue[] }>('POST', '/tenants/acme/pipelines', { token: engineer, body: { document: option } });
    assert.equal(refused.status, 400, refused.text);
    assert.deepEqual(refused.body.issues.map((i) => [i.path, i.line]), [['body.document.source.options.connectTimeoutMs', 12]]);
    assert.match(refused.body.issues[0].message, /the postgres connector: .*number/);
    assert.equal((await kafka.topics()).some((t) => t.startsWith('tributary.acme.broken.')), false);
  });

  test('a document for another tenant or another name than the path says is refused', async () => {
    const other = await applyYaml(pipelineYaml('globex', 'erp-orders'));
    assert.equal(other.status, 400);
    assert.deepEqual((other.body as unknown as { issues: Issue[] }).issues.map((i) => i.path), ['body.document.metadata.tenant']);
    const renamed = await applyYaml(pipelineYaml('acme', 'erp-orders'), '/tenants/acme/pipelines/other-name', 'PUT');
    assert.deepEqual((renamed.body as unknown as { issues: Issue[] }).issues.map((i) => i.path), ['body.document.metadata.name']);
  });

  test('pause, resume and delete change the state, are audited and announced, and a deleted name can be applied again', async () => {
    const call = (method: string, path: string) => cp.call<PipelineView>(method, `/tenants/acme/pipelines/erp-orders${path}`, { token: engineer });
    assert.equal((await call('POST', '/pause')).body.status, 'paused');
    assert.equal((await call('POST', '/pause')).status, 200, 'pausing a paused pipeline changes nothing');
    assert.equal((await call('POST', '/resume')).body.status, 'active');
    assert.equal((await call('DELETE', '')).status, 204);
    assert.equal((await call('POST', '/pause')).status, 404);
    const list = await cp.call<{ items: PipelineView[] }>('GET', '/tenants/acme/pipelines', { token: engineer });
    assert.deepEqual(list.body.items, []);
    const all = await cp.call<{ items: PipelineView[] }>('GET', '/tenants/acme/pipelines?status=all', { token: engineer });
    assert.deepEqual(all.body.items.map((p) => [p.name, p.status]), [['erp-orders', 'deleted']]);

    const revived = await applyYaml(pipelineYaml('acme', 'erp-orders', { rangeMin: 5 }));
    assert.equal(revived.status, 201, revived.text);
    assert.deepEqual([revived.body.created, revived.body.changed, revived.body.pipeline.version, revived.body.pipeline.status], [true, false, 2, 'active']);

    const changes = await announced();
    assert.deepEqual(changes.map((c) => `${c.action}:${c.status}:v${c.version}`), ['applied:active:v1', 'applied:active:v2', 'paused:paused:v2', 'resumed:active:v2', 'deleted:deleted:v2', 'applied:active:v2']);
    const root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const audit = await cp.call<{ items: { action: string; actor: { label: string }; before: unknown; after: { status: string; version: number } }[] }>('GET', '/tenants/acme/audit?target=pipeline:erp-orders', { token: root });
    assert.deepEqual(audit.body.items.map((e) => e.action).reverse(), ['pipeline.apply', 'pipeline.apply', 'pipeline.pause', 'pipeline.resume', 'pipeline.delete', 'pipeline.apply']);
    assert.ok(audit.body.items.every((e) => e.actor.label === 'eng@acme.test'));
    const deleted = audit.body.items.find((e) => e.action === 'pipeline.delete')!;
    assert.deepEqual([deleted.before, deleted.after], [{ status: 'active', version: 2 }, { status: 'deleted', version: 2 }]);
  });

  test('the TAXMAN example applies: mapToSchema may name a platform schema such as TaxOrder', async () => {
    const example = readFileSync(join(__dirname, '../../../../examples/taxman-erp/pipeline.yaml'), 'utf8');
    const answer = await applyYaml(example); // acme/erp-orders exists by now: the example is its next version
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual([answer.body.changed, answer.body.pipeline.status], [true, 'active']);
  });

  test('validate checks a document without applying it', async () => {
    const ok = await cp.call<{ valid: boolean; topics: string[] }>('POST', '/tenants/acme/pipelines/validate', { token: engineer, body: { document: pipelineYaml('acme', 'draft') } });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.topics.length, 6);
    assert.equal((await cp.call('GET', '/tenants/acme/pipelines/draft', { token: engineer })).status, 404);
  });

  async function announced(): Promise<PipelineChange[]> {
    const messages = await kafka.readAll('_tributary.pipelines');
    return messages.map((m) => JSON.parse(m.value!.toString()) as PipelineChange).filter((c) => c.tenant === 'acme');
  }
});
