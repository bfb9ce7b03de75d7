import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CronExpression } from './cron-expression';
import { planFires } from './fire-times';

const every15 = CronExpression.parse('*/15 * * * *');
const at = (iso: string) => new Date(iso);
const iso = (dates: Date[]) => dates.map((d) => d.toISOString().slice(11, 16));

describe('which due fire times a schedule runs, by its catch-up policy', () => {
  // Due since 10:00; the scheduler comes back at 11:05: 10:00, 10:15, ..., 11:00 were missed.
  const nextFireAt = at('2025-01-01T10:00:00Z');
  const now = at('2025-01-01T11:05:00Z');

  test('all: every missed time, up to the limit, latest ones first kept', () => {
    const plan = planFires(every15, 'UTC', nextFireAt, now, { policy: 'all', limit: 3 });
    assert.deepEqual(iso(plan.fire), ['10:30', '10:45', '11:00']);
    assert.equal(plan.skipped, 2);
    assert.equal(plan.next?.toISOString(), '2025-01-01T11:15:00.000Z');
    assert.deepEqual(iso(planFires(every15, 'UTC', nextFireAt, now, { policy: 'all', limit: 100 }).fire), ['10:00', '10:15', '10:30', '10:45', '11:00']);
  });

  test('last: only the latest, however late', () => {
    const plan = planFires(every15, 'UTC', nextFireAt, now, { policy: 'last', limit: 10 });
    assert.deepEqual([iso(plan.fire), plan.skipped], [['11:00'], 4]);
  });

  test('none: missed times are skipped; a time due moments ago still runs', () => {
    assert.deepEqual(iso(planFires(every15, 'UTC', nextFireAt, now, { policy: 'none', limit: 10 }).fire), []);
    const onTime = planFires(every15, 'UTC', at('2025-01-01T11:00:00Z'), at('2025-01-01T11:00:02Z'), { policy: 'none', limit: 10 });
    assert.deepEqual(iso(onTime.fire), ['11:00']);
  });

  test('nothing is due before the next fire time', () => {
    const plan = planFires(every15, 'UTC', at('2025-01-01T11:15:00Z'), now, { policy: 'all', limit: 10 });
    assert.deepEqual([plan.fire, plan.skipped, plan.next?.toISOString()], [[], 0, '2025-01-01T11:15:00.000Z']);
  });

  test('a per-minute schedule missed for a year does not count every minute', () => {
    const plan = planFires(CronExpression.parse('* * * * *'), 'UTC', at('2024-01-01T00:00:00Z'), at('2025-01-01T00:00:30Z'), { policy: 'last', limit: 1 });
    assert.deepEqual(plan.fire.map((d) => d.toISOString()), ['2025-01-01T00:00:00.000Z']);
    assert.ok(plan.skipped > 1000);
  });
});
