/** One difference between two specs, at a JSON Pointer into them. */
export interface SpecChange {
  readonly path: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
}

/**
 * The structural difference of two JSON values: what was added, removed or changed, each at its
 * path, in document order. Lists compare by position (a step inserted in the middle shows as the
 * steps after it changing, which is also what it does to the record path).
 */
export function specDiff(before: unknown, after: unknown): SpecChange[] {
  const changes: SpecChange[] = [];
  walk(before, after, '', changes);
  return changes;
}

function walk(before: unknown, after: unknown, path: string, changes: SpecChange[]): void {
  if (isObject(before) && isObject(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !(k in before))];
    for (const key of keys) {
      const at = `${path}/${escape(key)}`;
      if (!(key in after) || after[key] === undefined) {
        if (before[key] !== undefined) changes.push({ path: at, change: 'removed', before: before[key] });
      } else if (!(key in before) || before[key] === undefined) {
        changes.push({ path: at, change: 'added', after: after[key] });
      } else {
        walk(before[key], after[key], at, changes);
      }
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const common = Math.min(before.length, after.length);
    for (let i = 0; i < common; i++) walk(before[i], after[i], `${path}/${i}`, changes);
    for (let i = common; i < before.length; i++) changes.push({ path: `${path}/${i}`, change: 'removed', before: before[i] });
    for (let i = common; i < after.length; i++) changes.push({ path: `${path}/${i}`, change: 'added', after: after[i] });
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) changes.push({ path: path || '/', change: 'changed', before, after });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
