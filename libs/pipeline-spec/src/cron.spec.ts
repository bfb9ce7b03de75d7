import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cronProblem } from './cron';

describe('cronProblem', () => {
  test('accepts the usual crontab forms', () => {
    for (const good of ['*/15 * * * *', '0 2 * * 1-5', '30 6 1,15 * *', '0 0 * JAN-MAR sun', '5-55/10 * * * 7', '@daily']) {
      assert.equal(cronProblem(good), undefined, good);
    }
  });

  test('names the field and the fault of a bad schedule', () => {
    assert.match(cronProblem('*/15 * * *')!, /5 fields.*found 4/);
    assert.match(cronProblem('60 * * * *')!, /^minute '60': '60' is not between 0 and 59/);
    assert.match(cronProblem('0 0 32 * *')!, /^day of month/);
    assert.match(cronProblem('*/0 * * * *')!, /step of 0/);
    assert.match(cronProblem('0 5-2 * * *')!, /runs backwards/);
    assert.match(cronProblem('0 0 * FOO *')!, /^month 'FOO'/);
    assert.match(cronProblem('every day')!, /5 fields/);
  });
});
