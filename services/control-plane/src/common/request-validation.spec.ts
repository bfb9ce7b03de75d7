import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ControlPlaneFixture, PLATFORM_ADMIN } from '../testing/control-plane-fixture';
import type { FieldIssue } from './api-error';

type ErrorBody = { statusCode: number; error: string; message: string; issues?: FieldIssue[] };

/** Nothing an answer may carry: a stack frame, SQL, or a driver's words. */
const FORBIDDEN_IN_ANSWERS = [/\bat .+\(.+:\d+:\d+\)/, /\bSELECT\b|\bINSERT\b|\bUPDATE\b.+\bSET\b/i, /QueryFailedError|duplicate key|constraint/i, /node_modules/];

describe('bad input gets a 400 naming every faulty field, and no answer leaks internals', () => {
  let cp: ControlPlaneFixture;
  let root: string;
  let admin: string;

  before(async () => {
    cp = await ControlPlaneFixture.start();
    root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    admin = await cp.createTenant(root, 'acme');
  });
  after(() => cp?.stop());

  const paths = (body: unknown) => ((body as ErrorBody).issues ?? []).map((i) => i.path).sort();

  test('every faulty field of a body is named by its path', async () => {
    const answer = await cp.call<ErrorBody>('POST', '/tenants', {
      token: root,
      body: { id: 'Bad Id', displayName: '', admin: { email: 'not-an-email', password: 'short' }, extra: 1 },
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error, 'invalid');
    assert.deepEqual(paths(answer.body), ['body', 'body.admin.email', 'body.admin.password', 'body.displayName', 'body.id']);
    assert.ok(answer.body.issues!.every((i) => typeof i.message === 'string' && i.message.length > 0));
  });

  test('a missing body is a 400 naming the required fields', async () => {
    const answer = await cp.call<ErrorBody>('POST', '/tenants/acme/api-keys', { token: admin });
    assert.equal(answer.status, 400);
    assert.deepEqual(paths(answer.body), ['body.name', 'body.role']);
  });

  test('path parameters and query parameters are checked too', async () => {
    const name = await cp.call<ErrorBody>('PUT', '/tenants/acme/secrets/UPPER%20case', { token: admin, body: { value: 'v' } });
    assert.equal(name.status, 400);
    assert.deepEqual(paths(name.body), ['params.name']);
    const user = await cp.call<ErrorBody>('DELETE', '/tenants/acme/users/42', { token: admin });
    assert.deepEqual([user.status, paths(user.body)], [400, ['params.userId']]);
    const query = await cp.call<ErrorBody>('GET', '/tenants/acme/audit?limit=0&since=yesterday&colour=red', { token: admin });
    assert.equal(query.status, 400);
    assert.deepEqual(paths(query.body), ['query', 'query.limit', 'query.since']);
  });

  test('a body that is not JSON is a 400 that does not quote it', async () => {
    const answer = await cp.call<ErrorBody>('POST', '/tenants', { token: root, body: '{"id": "acme", nope' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.message, 'the request body is not valid JSON');
    assert.ok(!answer.text.includes('nope'));
  });

  test('a body sent as anything but JSON is a 415 naming its type, never read as no body and run on defaults', async () => {
    const send = (type: string | undefined, body: string) =>
      fetch(`${cp.url}/tenants/acme/api-keys`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, ...(type ? { 'content-type': type } : {}) }, body });
    const form = await send('application/x-www-form-urlencoded', 'name=ci&role=operator');
    assert.deepEqual([form.status, await form.json()], [
      415,
      { statusCode: 415, error: 'unsupported-media-type', message: "the request body must be JSON (Content-Type: application/json), got 'application/x-www-form-urlencoded'" },
    ]);
    const text = await send('text/plain', '{"name":"ci","role":"operator"}');
    assert.equal(text.status, 415);
    // The pipeline routes also read a YAML file, and say so.
    const pipeline = await fetch(`${cp.url}/tenants/acme/pipelines`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/plain' }, body: 'apiVersion: tributary/v1' });
    assert.deepEqual([pipeline.status, ((await pipeline.json()) as ErrorBody).message], [
      415,
      "the request body must be JSON (Content-Type: application/json) or a YAML document (Content-Type: application/yaml), got 'text/plain'",
    ]);
    // JSON with its charset is JSON; so is a POST with no body at all, judged by the schema.
    assert.equal((await send('application/json; charset=utf-8', '{"name":"ci","role":"operator"}')).status, 201);
    assert.equal((await cp.call('POST', '/tenants/acme/api-keys', { token: admin })).status, 400);
  });

  test('the caller is authenticated before the body is judged: anonymous bad input is a 401', async () => {
    assert.equal((await cp.call('POST', '/tenants', { body: { id: 'Bad Id' } })).status, 401);
  });

  test('a duplicate is a 409 in plain words, not the database error', async () => {
    const answer = await cp.call<ErrorBody>('POST', '/tenants', {
      token: root,
      body: { id: 'acme', displayName: 'Again', admin: { email: 'other@acme.test', password: 'a long password' } },
    });
    assert.deepEqual([answer.status, answer.body.error, answer.body.message], [409, 'conflict', "tenant 'acme' already exists"]);
    const email = await cp.call<ErrorBody>('POST', '/tenants/acme/users', {
      token: admin,
      body: { email: 'ADMIN@acme.test', password: 'a long password', role: 'engineer' },
    });
    assert.deepEqual([email.status, email.body.message], [409, "a user with email 'admin@acme.test' already exists"]);
  });

  test('unknown routes and unknown things are 404s with the same shape', async () => {
    const route = await cp.call<ErrorBody>('GET', '/no/such/route', { token: admin });
    assert.deepEqual([route.status, route.body.error], [404, 'not-found']);
    const secret = await cp.call<ErrorBody>('DELETE', '/tenants/acme/secrets/missing', { token: admin });
    assert.deepEqual([secret.status, secret.body.message], [404, "no secret 'missing' in tenant 'acme'"]);
    const tenant = await cp.call<ErrorBody>('GET', '/tenants/nowhere', { token: root });
    assert.deepEqual([tenant.status, tenant.body.message], [404, "no tenant 'nowhere'"]);
  });

  test('no answer so far carried a stack trace, SQL or a driver message', () => {
    assert.ok(cp.answers.length >= 10);
    for (const answer of cp.answers) {
      for (const pattern of FORBIDDEN_IN_ANSWERS) assert.doesNotMatch(answer, pattern, answer);
    }
  });
});
