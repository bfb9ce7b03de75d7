import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleTaxResult, upsertResults } from '@tributary/persistence';
import { ROLES, type Role } from '@tributary/security';
import { ControlPlaneFixture, PLATFORM_ADMIN } from '../testing/control-plane-fixture';
import { pipelineYaml } from '../pipelines/testing/pipeline-documents';
import { PlatformKafka } from '../pipelines/testing/platform-kafka';

// Every route x every kind of caller x own and other tenant, from one table. The expected
// permissions are written out here, independently of libs/security's table, so a change to
// either shows up as a failure. The table must list every route the app serves (checked
// against the OpenAPI document), so a new route cannot skip the matrix.

const OWN = 'acme';
const OTHER = 'globex';

type Allowed = readonly Role[] | 'everyone' | 'platform-admin';
type Prepared = { params?: Record<string, string>; body?: unknown };

interface RouteCase {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As in the OpenAPI document; `{tenant}` marks a tenant-scoped route. */
  readonly path: string;
  readonly allowed: Allowed;
  readonly ok: number;
  /** Creates what the call acts on (as the platform admin) in `tenant`; runs before every call. */
  readonly prepare?: (tenant: string) => Promise<Prepared>;
}

/** Routes anyone may call; checked for coverage and for not demanding credentials. */
const PUBLIC_ROUTES = ['POST /auth/login', 'POST /auth/refresh', 'POST /auth/logout', 'GET /health/live', 'GET /health/ready', 'GET /metrics'];

interface Caller {
  readonly name: string;
  readonly headers: Record<string, string>;
  readonly role?: Role;
  readonly platformAdmin?: boolean;
  /** What the audit log would call this caller if it changed anything. */
  readonly label?: string;
}

describe('authorization matrix: every route x every role x own and other tenant', () => {
  let kafka: PlatformKafka;
  let cp: ControlPlaneFixture;
  let root: string;
  const callers: Caller[] = [];
  let serial = 0;
  const unique = (prefix: string) => `${prefix}${++serial}`;
  /** Things placed in the other tenant that callers from the first tried to change: param -> value. */
  const foreignTargets: [param: string, value: string][] = [];

  const asRoot = async (method: string, path: string, body?: unknown) => {
    const answer = await cp.call(method, path, { token: root, body });
    assert.ok(answer.status < 300, `setup ${method} ${path} answered ${answer.status}: ${answer.text}`);
    return answer.body as Record<string, string>;
  };

  const ROUTES: RouteCase[] = [
    { method: 'GET', path: '/auth/whoami', allowed: 'everyone', ok: 200 },
    { method: 'GET', path: '/tenants', allowed: 'everyone', ok: 200 },
    {
      method: 'POST', path: '/tenants', allowed: 'platform-admin', ok: 201,
      prepare: async () => {
        const id = unique('made-');
        return { body: { id, displayName: id, admin: { email: `admin@${id}.test`, password: 'a fine admin password' } } };
      },
    },
    { method: 'GET', path: '/tenants/{tenant}', allowed: ROLES, ok: 200 },
    { method: 'PATCH', path: '/tenants/{tenant}', allowed: ['admin'], ok: 200, prepare: async () => ({ body: { displayName: unique('Name ') } }) },
    { method: 'GET', path: '/tenants/{tenant}/users', allowed: ['admin'], ok: 200 },
    {
      method: 'POST', path: '/tenants/{tenant}/users', allowed: ['admin'], ok: 201,
      prepare: async (tenant) => ({ body: { email: `${unique('new')}@${tenant}.test`, password: 'a new user password', role: 'customer' } }),
    },
    {
      method: 'PATCH', path: '/tenants/{tenant}/users/{userId}', allowed: ['admin'], ok: 200,
      prepare: async (tenant) => ({ params: { userId: await userIn(tenant) }, body: { role: 'operator' } }),
    },
    {
      method: 'DELETE', path: '/tenants/{tenant}/users/{userId}', allowed: ['admin'], ok: 204,
      prepare: async (tenant) => ({ params: { userId: await userIn(tenant) } }),
    },
    { method: 'GET', path: '/tenants/{tenant}/api-keys', allowed: ['admin'], ok: 200 },
    {
      method: 'POST', path: '/tenants/{tenant}/api-keys', allowed: ['admin'], ok: 201,
      prepare: async () => ({ body: { name: unique('key '), role: 'customer' } }),
    },
    {
      method: 'DELETE', path: '/tenants/{tenant}/api-keys/{keyId}', allowed: ['admin'], ok: 200,
      prepare: async (tenant) => ({ params: { keyId: await apiKeyIn(tenant) } }),
    },
    { method: 'GET', path: '/tenants/{tenant}/secrets', allowed: ['admin', 'engineer', 'operator'], ok: 200 },
    {
      method: 'PUT', path: '/tenants/{tenant}/secrets/{name}', allowed: ['admin', 'engineer'], ok: 200,
      prepare: async (tenant) => ({ params: { name: await secretIn(tenant) }, body: { value: 'overwritten' } }),
    },
    {
      method: 'DELETE', path: '/tenants/{tenant}/secrets/{name}', allowed: ['admin', 'engineer'], ok: 204,
      prepare: async (tenant) => ({ params: { name: await secretIn(tenant) } }),
    },
    { method: 'GET', path: '/tenants/{tenant}/audit', allowed: ['admin'], ok: 200 },
    ...CONNECTION_ROUTES(),
    ...PIPELINE_ROUTES(),
    ...RESULT_ROUTES(),
    { method: 'POST', path: '/platform/secrets/rotate', allowed: 'platform-admin', ok: 200 },
    { method: 'GET', path: '/platform/audit', allowed: 'platform-admin', ok: 200 },
  ];

  /** Connections and the connectors they name; a file connection needs no secret, and checking one whose folder is missing is still a 200. */
  function CONNECTION_ROUTES(): RouteCase[] {
    const RUNNERS: Role[] = ['admin', 'engineer', 'operator'];
    const BUILDERS: Role[] = ['admin', 'engineer'];
    const existing = async (tenant: string) => ({ params: { connection: await connectionIn(tenant) } });
    const c = '/tenants/{tenant}/connections';
    return [
      { method: 'GET', path: '/connectors', allowed: 'everyone', ok: 200 },
      { method: 'GET', path: c, allowed: RUNNERS, ok: 200 },
      { method: 'GET', path: `${c}/{connection}`, allowed: RUNNERS, ok: 200, prepare: existing },
      { method: 'PUT', path: `${c}/{connection}`, allowed: BUILDERS, ok: 200, prepare: async (tenant) => ({ ...(await existing(tenant)), body: { connector: 'file', config: { path: 'overwritten' } } }) },
      { method: 'DELETE', path: `${c}/{connection}`, allowed: BUILDERS, ok: 204, prepare: existing },
      { method: 'POST', path: `${c}/{connection}/check`, allowed: RUNNERS, ok: 200, prepare: existing },
      { method: 'GET', path: `${c}/{connection}/discover`, allowed: RUNNERS, ok: 200, prepare: existing },
    ];
  }

  /** Pipelines, schedules, runs and replay (the pipeline routes' `{pipeline}` is a pipeline name). */
  function PIPELINE_ROUTES(): RouteCase[] {
    const RUNNERS: Role[] = ['admin', 'engineer', 'operator'];
    const BUILDERS: Role[] = ['admin', 'engineer'];
    const shared = async (tenant: string) => ({ params: { pipeline: await pipelineIn(tenant, 'shared') } });
    const run = async (tenant: string) => ({ params: { runId: await runIn(tenant) } });
    const p = '/tenants/{tenant}/pipelines';
    return [
      { method: 'GET', path: p, allowed: RUNNERS, ok: 200 },
      { method: 'POST', path: p, allowed: BUILDERS, ok: 201, prepare: async (tenant) => ({ body: { document: pipelineYaml(tenant, unique('made-'), { partitions: 1 }) } }) },
      { method: 'POST', path: `${p}/validate`, allowed: RUNNERS, ok: 200, prepare: async (tenant) => ({ body: { document: pipelineYaml(tenant, 'draft') } }) },
      { method: 'GET', path: `${p}/{pipeline}`, allowed: RUNNERS, ok: 200, prepare: shared },
      {
        method: 'PUT', path: `${p}/{pipeline}`, allowed: BUILDERS, ok: 200,
        prepare: async (tenant) => ({ params: { pipeline: await pipelineIn(tenant, 'shared') }, body: { document: pipelineYaml(tenant, 'shared', { partitions: 1, rangeMin: ++serial }) } }),
      },
      { method: 'DELETE', path: `${p}/{pipeline}`, allowed: BUILDERS, ok: 204, prepare: async (tenant) => ({ params: { pipeline: await pipelineIn(tenant, 'doomed') } }) },
      { method: 'GET', path: `${p}/{pipeline}/versions`, allowed: RUNNERS, ok: 200, prepare: shared },
      { method: 'GET', path: `${p}/{pipeline}/versions/{version}`, allowed: RUNNERS, ok: 200, prepare: async (tenant) => ({ params: { pipeline: await pipelineIn(tenant, 'shared'), version: '1' } }) },
      { method: 'GET', path: `${p}/{pipeline}/diff`, allowed: RUNNERS, ok: 200, prepare: shared },
      { method: 'POST', path: `${p}/{pipeline}/pause`, allowed: RUNNERS, ok: 200, prepare: async (tenant) => ({ params: { pipeline: await pipelineIn(tenant, 'toggle', 'active') } }) },
      { method: 'POST', path: `${p}/{pipeline}/resume`, allowed: RUNNERS, ok: 200, prepare: async (tenant) => ({ params: { pipeline: await pipelineIn(tenant, 'toggle', 'paused') } }) },
      { method: 'GET', path: '/tenants/{tenant}/schedules', allowed: RUNNERS, ok: 200 },
      { method: 'GET', path: `${p}/{pipeline}/schedule`, allowed: RUNNERS, ok: 200, prepare: async (tenant) => ({ params: { pipeline: await scheduledPipelineIn(tenant) } }) },
      {
        method: 'PUT', path: `${p}/{pipeline}/schedule`, allowed: RUNNERS, ok: 200,
        prepare: async (tenant) => ({ params: { pipeline: await scheduledPipelineIn(tenant) }, body: { cron: '0 3 * * *', timeZone: 'Europe/Berlin', catchUp: { policy: 'none' } } }),
      },
      { method: 'DELETE', path: `${p}/{pipeline}/schedule`, allowed: RUNNERS, ok: 204, prepare: async (tenant) => ({ params: { pipeline: await scheduledPipelineIn(tenant) } }) },
      { method: 'POST', path: `${p}/{pipeline}/replay`, allowed: RUNNERS, ok: 200, prepare: async (tenant) => ({ ...(await shared(tenant)), body: { stage: 'transformer', fromOffset: 0 } }) },
      { method: 'GET', path: '/tenants/{tenant}/runs', allowed: ROLES, ok: 200 },
      { method: 'POST', path: `${p}/{pipeline}/runs`, allowed: RUNNERS, ok: 201, prepare: async (tenant) => ({ ...(await shared(tenant)), body: {} }) },
      { method: 'GET', path: '/tenants/{tenant}/runs/{runId}', allowed: ROLES, ok: 200, prepare: run },
      { method: 'POST', path: '/tenants/{tenant}/runs/{runId}/cancel', allowed: RUNNERS, ok: 200, prepare: run },
      { method: 'GET', path: '/tenants/{tenant}/runs/{runId}/errors', allowed: ROLES, ok: 200, prepare: run },
      {
        method: 'GET', path: '/tenants/{tenant}/runs/{runId}/quality', allowed: ROLES, ok: 200,
        prepare: async (tenant) => {
          const runId = await runIn(tenant);
          // Made by the control plane from the validators' figures (runs.spec.ts); here it only has to be there.
          await cp.controlPlane.database.dataSource.query(`UPDATE runs SET quality_report = $2::jsonb WHERE id = $1`, [runId, JSON.stringify(QUALITY_REPORT)]);
          return { params: { runId } };
        },
      },
    ];
  }

  /** Results: every role of the tenant reads them, customers included; nothing writes them over HTTP. */
  function RESULT_ROUTES(): RouteCase[] {
    const withResults = async (tenant: string) => {
      const pipeline = await pipelineIn(tenant, 'shared');
      await upsertResults(cp.controlPlane.database.dataSource, tenant, pipeline, [{ result: sampleTaxResult(tenant, pipeline, `${tenant}-order-1`) }]);
      return { params: { pipeline } };
    };
    const r = '/tenants/{tenant}/pipelines/{pipeline}/results';
    return [
      { method: 'GET', path: r, allowed: ROLES, ok: 200, prepare: withResults },
      { method: 'GET', path: `${r}/summary`, allowed: ROLES, ok: 200, prepare: withResults },
      { method: 'GET', path: `${r}/download`, allowed: ROLES, ok: 200, prepare: withResults },
    ];
  }

  const QUALITY_REPORT = { records: 10, passed: 9, failed: 1, score: 95, ok: true, alerts: [], rules: [{ index: 0, rule: 'notNull', failures: 1, failureRate: 0.1 }], completeness: [], uniqueness: [], anomalies: [] };

  /** The pipeline `name` in `tenant`, applied (or revived) by the platform admin, in `status`. */
  async function pipelineIn(tenant: string, name: string, status: 'active' | 'paused' = 'active'): Promise<string> {
    await asRoot('PUT', `/tenants/${tenant}/pipelines/${name}`, { document: pipelineYaml(tenant, name, { partitions: 1 }) });
    const current = await asRoot('GET', `/tenants/${tenant}/pipelines/${name}`);
    if (current.status !== status) await asRoot('POST', `/tenants/${tenant}/pipelines/${name}/${status === 'paused' ? 'pause' : 'resume'}`);
    return name;
  }

  async function scheduledPipelineIn(tenant: string): Promise<string> {
    const name = await pipelineIn(tenant, 'shared');
    await asRoot('PUT', `/tenants/${tenant}/pipelines/${name}/schedule`, { cron: '*/30 * * * *' });
    return name;
  }

  async function runIn(tenant: string): Promise<string> {
    const run = await asRoot('POST', `/tenants/${tenant}/pipelines/${await pipelineIn(tenant, 'shared')}/runs`, {});
    return run.id;
  }

  async function userIn(tenant: string): Promise<string> {
    const user = await asRoot('POST', `/tenants/${tenant}/users`, { email: `${unique('target')}@${tenant}.test`, password: 'a target password', role: 'customer' });
    return user.id;
  }

  async function apiKeyIn(tenant: string): Promise<string> {
    const key = await asRoot('POST', `/tenants/${tenant}/api-keys`, { name: unique('target key '), role: 'customer' });
    return key.keyId;
  }

  async function connectionIn(tenant: string): Promise<string> {
    const name = unique('target-connection-');
    await asRoot('PUT', `/tenants/${tenant}/connections/${name}`, { connector: 'file', config: { path: 'drops' } });
    return name;
  }

  async function secretIn(tenant: string): Promise<string> {
    const name = unique('target-secret-');
    await asRoot('PUT', `/tenants/${tenant}/secrets/${name}`, { value: 'original value' });
    return name;
  }

  function expected(route: RouteCase, caller: Caller, tenant: string): number {
    if (!caller.role && !caller.platformAdmin) return 401;
    if (caller.platformAdmin) return route.ok;
    if (route.allowed === 'platform-admin') return 403;
    if (route.path.includes('{tenant}') && tenant !== OWN) return 403;
    if (route.allowed === 'everyone') return route.ok;
    return route.allowed.includes(caller.role!) ? route.ok : 403;
  }

  before(async () => {
    kafka = await PlatformKafka.start();
    cp = await ControlPlaneFixture.start(kafka.env);
    root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const ownAdmin = await cp.createTenant(root, OWN);
    await cp.createTenant(root, OTHER);
    callers.push({ name: 'anonymous', headers: {} });
    callers.push({ name: 'a garbage bearer token', headers: { authorization: 'Bearer not-a-token' } });
    for (const role of ROLES) {
      const email = `${role}@${OWN}.test`;
      let token = ownAdmin;
      if (role !== 'admin') {
        await asRoot('POST', `/tenants/${OWN}/users`, { email, password: `${role} password 123`, role });
        token = await cp.login(email, `${role} password 123`);
      }
      const label = role === 'admin' ? `admin@${OWN}.test` : email;
      callers.push({ name: `${role} user (JWT)`, headers: { authorization: `Bearer ${token}` }, role, label });
      const keyName = `${role} key`;
      const key = await asRoot('POST', `/tenants/${OWN}/api-keys`, { name: keyName, role });
      callers.push({ name: `${role} API key (X-API-Key)`, headers: { 'x-api-key': key.token }, role, label: keyName });
    }
    // Last, so its changes in the other tenant come after every foreign caller's attempts.
    callers.push({ name: 'platform admin', headers: { authorization: `Bearer ${root}` }, platformAdmin: true });
  });
  after(async () => {
    await cp?.stop();
    await kafka?.stop();
  });

  test('the table lists every route the control plane serves', async () => {
    const doc = await cp.call<{ paths: Record<string, Record<string, unknown>> }>('GET', '/docs/openapi.json');
    const served = Object.entries(doc.body.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const listed = [...ROUTES.map((r) => `${r.method} ${r.path}`), ...PUBLIC_ROUTES];
    assert.deepEqual([...new Set(listed)].sort(), [...served, 'GET /metrics'].sort());
  });

  test('public routes answer without credentials', async () => {
    for (const route of PUBLIC_ROUTES) {
      const [method, path] = route.split(' ');
      const answer = await cp.call(method, path, method === 'POST' ? { body: {} } : {});
      assert.ok(answer.status !== 401 && answer.status !== 403, `${route} answered ${answer.status}`);
    }
  });

  for (const route of [...ROUTES]) {
    test(`${route.method} ${route.path}`, async () => {
      const tenants = route.path.includes('{tenant}') ? [OWN, OTHER] : [OWN];
      const wrong: string[] = [];
      for (const caller of callers) {
        for (const tenant of tenants) {
          const prepared = (await route.prepare?.(tenant)) ?? {};
          const params: Record<string, string> = { tenant, ...prepared.params };
          if (tenant === OTHER && !caller.platformAdmin) foreignTargets.push(...Object.entries(prepared.params ?? {}));
          const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name]);
          const answer = await cp.call(route.method, path, { headers: caller.headers, body: prepared.body });
          const want = expected(route, caller, tenant);
          if (answer.status !== want) wrong.push(`${caller.name} in ${tenant}: expected ${want}, got ${answer.status} ${answer.text}`);
          if (answer.status === 401 || answer.status === 403) {
            // A refusal says why and nothing else: no data of the tenant it refused.
            assert.deepEqual(Object.keys(answer.body as object).sort(), ['error', 'message', 'statusCode']);
          }
        }
      }
      assert.deepEqual(wrong, []);
    });
  }

  test('a tenant member lists only their own tenant', async () => {
    const engineer = callers.find((c) => c.name === 'engineer user (JWT)')!;
    const answer = await cp.call<{ items: { id: string }[] }>('GET', '/tenants', { headers: engineer.headers });
    assert.deepEqual(answer.body.items.map((t) => t.id), [OWN]);
  });

  test('nothing in the other tenant was changed by a caller from the first', async () => {
    const foreignLabels = new Set(callers.filter((c) => c.label).map((c) => c.label));
    const audit = await cp.call<{ items: { actor: { label: string } }[] }>('GET', `/tenants/${OTHER}/audit?limit=1000`, { token: root });
    assert.ok(audit.body.items.length > 0);
    assert.deepEqual(audit.body.items.filter((e) => foreignLabels.has(e.actor.label)), []);
    assert.ok(foreignTargets.length > 0);
    const lists = {
      userId: ['users', 'id'],
      keyId: ['api-keys', 'keyId'],
      name: ['secrets', 'name'],
      connection: ['connections', 'name'],
      runId: ['runs?limit=500', 'id'],
    } as const;
    for (const [param, value] of foreignTargets) {
      // Pipelines (and their versions) are shared targets the platform admin changes last; the
      // audit check above is what shows no foreign caller changed one.
      if (param === 'pipeline' || param === 'version') continue;
      const [collection, field] = lists[param as keyof typeof lists];
      const list = await cp.call<{ items: Record<string, string>[] }>('GET', `/tenants/${OTHER}/${collection}`, { token: root });
      const found = list.body.items.find((item) => item[field] === value);
      assert.ok(found, `${collection} ${value} in ${OTHER} disappeared`);
      assert.equal(found.revokedAt ?? null, null, `API key ${value} in ${OTHER} was revoked`);
      if (collection === 'users') assert.equal(found.role, 'customer', `user ${value} in ${OTHER} was changed`);
      if (collection === 'secrets') assert.equal(found.updatedBy, PLATFORM_ADMIN.email, `secret ${value} in ${OTHER} was overwritten`);
      if (collection === 'connections') assert.equal(found.updatedBy, PLATFORM_ADMIN.email, `connection ${value} in ${OTHER} was overwritten`);
      if (param === 'runId') assert.equal(found.status, 'requested', `run ${value} in ${OTHER} was cancelled`);
    }
  });
});
