import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failureOfAnswer, failureOfError, retryAfterOf } from './tax-api-failure';

const rejection = JSON.stringify({
  error: { code: 'INVALID_ORDER', message: 'the order is not valid', problems: [{ field: 'lines[0].quantity', code: 'NOT_POSITIVE', message: 'must be greater than 0' }] },
});

describe('TAXMAN failures', () => {
  it('are permanent for a 4xx, with the answer and its problems as reasons', () => {
    const failure = failureOfAnswer(422, {}, rejection);
    assert.equal(failure.code, 'REJECTED');
    assert.equal(failure.transient, false);
    const [first, problem] = failure.reasons();
    assert.equal(first.code, 'TAX_API_REJECTED');
    assert.match(first.message, /INVALID_ORDER: the order is not valid \(HTTP 422\); TAXMAN answered: \{"error"/);
    assert.deepEqual(problem, { code: 'NOT_POSITIVE', message: 'must be greater than 0', field: 'lines[0].quantity' });
  });

  it('are transient for 5xx, 429, 408 and 425, but not for 501 and 505', () => {
    for (const status of [500, 502, 503, 504]) assert.equal(failureOfAnswer(status, {}, '').code, 'SERVER_ERROR');
    for (const status of [408, 425, 429]) assert.equal(failureOfAnswer(status, {}, '').code, 'RATE_LIMITED');
    for (const status of [400, 401, 403, 404, 409, 422, 501, 505]) assert.equal(failureOfAnswer(status, {}, '').transient, false, `${status}`);
  });

  it('keep the wait a 429 asks for, in seconds or as a date', () => {
    assert.equal(failureOfAnswer(429, { 'retry-after': '3' }, '').details.retryAfterMs, 3000);
    const now = Date.parse('2024-03-15T10:00:00Z');
    assert.equal(retryAfterOf('Fri, 15 Mar 2024 10:00:07 GMT', now), 7000);
    assert.equal(retryAfterOf('soon', now), undefined);
    assert.equal(retryAfterOf(undefined, now), undefined);
  });

  it('cut a long answer (an HTML error page) to a readable length', () => {
    const failure = failureOfAnswer(502, {}, 'x'.repeat(10_000));
    assert.ok(failure.details.answer!.length < 2_100);
  });

  it('tell a timeout from a connection error when no answer came', () => {
    assert.equal(failureOfError(new DOMException('late', 'TimeoutError')).code, 'TIMEOUT');
    assert.equal(failureOfError(Object.assign(new Error('x'), { code: 'UND_ERR_HEADERS_TIMEOUT' })).code, 'TIMEOUT');
    const refused = failureOfError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }));
    assert.equal(refused.code, 'CONNECTION');
    assert.equal(refused.transient, true);
    assert.match(refused.message, /could not be reached: ECONNREFUSED/);
  });
});
