import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { queryAsSubquery, userQueryProblem } from './user-query';

describe('userQueryProblem', () => {
  test('accepts one SELECT or WITH statement, with a trailing semicolon', () => {
    assert.equal(userQueryProblem('SELECT * FROM orders WHERE status = \'open\';', 'postgres'), undefined);
    assert.equal(userQueryProblem('with x as (select 1 as a) select a from x', 'mysql'), undefined);
    assert.equal(userQueryProblem("SELECT 'a;b' AS \"x;y\" -- trailing; comment\n", 'postgres'), undefined);
    assert.equal(userQueryProblem('SELECT $$ ; $$ AS t', 'postgres'), undefined);
    assert.equal(userQueryProblem("SELECT 'it\\'s; fine' AS t, `a;b` FROM t # x;y", 'mysql'), undefined);
  });

  test('refuses a second statement', () => {
    assert.match(userQueryProblem('SELECT 1; DROP TABLE orders', 'postgres') ?? '', /one statement/);
    assert.match(userQueryProblem("SELECT 'x'; DELETE FROM t; --", 'mysql') ?? '', /one statement/);
  });

  test('refuses statements that are not a SELECT', () => {
    assert.match(userQueryProblem('DELETE FROM orders', 'postgres') ?? '', /SELECT/);
    assert.match(userQueryProblem('/* select */ UPDATE t SET a = 1', 'mysql') ?? '', /SELECT/);
  });

  test('refuses parameters of its own, which would take the cursor values', () => {
    assert.match(userQueryProblem('SELECT * FROM t WHERE id > $1', 'postgres') ?? '', /parameters \(\$1\)/);
    assert.match(userQueryProblem('SELECT * FROM t WHERE id > ?', 'mysql') ?? '', /parameters \(\?\)/);
    assert.equal(userQueryProblem("SELECT '?' AS q", 'mysql'), undefined);
  });

  test('refuses an unclosed quote or comment', () => {
    assert.match(userQueryProblem("SELECT 'open", 'postgres') ?? '', /unclosed/);
    assert.match(userQueryProblem('SELECT 1 /* open', 'mysql') ?? '', /unclosed/);
  });
});

test('queryAsSubquery drops a trailing semicolon and closes on its own line', () => {
  assert.equal(queryAsSubquery('  SELECT 1 ;  ', 'postgres'), '(\nSELECT 1\n)');
  assert.equal(queryAsSubquery("SELECT ';' AS s; -- done", 'mysql'), "(\nSELECT ';' AS s\n)");
  assert.equal(queryAsSubquery('SELECT 1 -- note', 'postgres'), '(\nSELECT 1 -- note\n)');
});
