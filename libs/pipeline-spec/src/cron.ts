/**
 * Checks a cron expression in the five-field form the scheduler runs (minute hour day-of-month
 * month day-of-week, as in crontab(5)), plus the @hourly/@daily/@weekly/@monthly/@yearly
 * shorthands. Returns what is wrong, or undefined when the expression is good.
 */
const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  // 0 and 7 are both Sunday, as in Vixie cron
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
] as const;

const SHORTHANDS = new Set(['@hourly', '@daily', '@midnight', '@weekly', '@monthly', '@yearly', '@annually']);

export function cronProblem(expression: string): string | undefined {
  const trimmed = expression.trim();
  if (SHORTHANDS.has(trimmed)) return undefined;
  const parts = trimmed.split(/\s+/);
  if (parts.length !== 5) return `a cron schedule has 5 fields (minute hour day-of-month month day-of-week), found ${parts.length}`;
  for (let i = 0; i < 5; i++) {
    const problem = fieldProblem(parts[i], FIELDS[i]);
    if (problem) return `${FIELDS[i].name} '${parts[i]}': ${problem}`;
  }
  return undefined;
}

function fieldProblem(text: string, field: (typeof FIELDS)[number]): string | undefined {
  for (const item of text.split(',')) {
    const [range, step, ...extra] = item.split('/');
    if (extra.length > 0) return 'more than one /';
    if (step !== undefined && !/^\d+$/.test(step)) return `step '${step}' is not a whole number`;
    if (step !== undefined && Number(step) === 0) return 'a step of 0 never advances';
    if (range === '*') continue;
    const ends = range.split('-');
    if (ends.length > 2) return `'${range}' is not a value or a range a-b`;
    const values = ends.map((end) => valueOf(end, field));
    const bad = values.findIndex((value) => value === undefined);
    if (bad >= 0) return `'${ends[bad]}' is not between ${field.min} and ${field.max}`;
    if (values.length === 2 && values[0]! > values[1]!) return `range '${range}' runs backwards`;
  }
  return undefined;
}

function valueOf(text: string, field: (typeof FIELDS)[number]): number | undefined {
  if ('names' in field) {
    const index = (field.names as readonly string[]).indexOf(text.toUpperCase());
    if (index >= 0) return index + field.min;
  }
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= field.min && value <= field.max ? value : undefined;
}
