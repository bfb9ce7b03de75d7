// Updaters of the commonest paths, each one closure: see compileUpdater in path-write.ts.
import type { PathSegment } from './field-path';
import { isInheritedName, isPlainContainer } from './path-read';
import type { Visitor } from './path-write';

/**
 * The commonest paths in one closure each: 'currency', 'shipTo.city', 'lines[*].sku' and
 * 'lines[*].discounts[*].amount' with keys not named on Object.prototype. Same checks as the
 * visitor chain: a record at each key, an array at the wildcard, a missing value or a function
 * left alone.
 */
export function plainPathUpdater(segs: readonly PathSegment[]): Visitor | undefined {
  const keyOf = (s: PathSegment | undefined) => (s !== undefined && s.kind === 'key' && !isInheritedName(s.key) ? s.key : undefined);
  const [s0, s1, s2] = segs;
  const a = keyOf(s0);
  if (a === undefined) return undefined;
  const updateKey = (o: Record<string, unknown>, key: string, update: (value: unknown) => unknown) => {
    const v = o[key];
    if (v === undefined || typeof v === 'function') return;
    const next = update(v);
    if (changed(v, next)) o[key] = next;
  };
  if (segs.length === 1) {
    return (o, update) => {
      if (isPlainContainer(o)) updateKey(o, a, update);
    };
  }
  const b = keyOf(s1);
  if (segs.length === 2 && b !== undefined) {
    return (o, update) => {
      if (!isPlainContainer(o)) return;
      const parent = o[a];
      if (isPlainContainer(parent)) updateKey(parent, b, update);
    };
  }
  const c = keyOf(s2);
  if (segs.length === 3 && s1.kind === 'all' && c !== undefined) {
    return (o, update) => {
      if (!isPlainContainer(o)) return;
      const items = o[a];
      if (!Array.isArray(items)) return;
      for (let j = 0; j < items.length; j++) {
        const item = items[j];
        if (isPlainContainer(item)) updateKey(item, c, update);
      }
    };
  }
  // 'lines[*].discounts[*].amount'
  const e = keyOf(segs[4]);
  if (segs.length === 5 && s1.kind === 'all' && c !== undefined && segs[3].kind === 'all' && e !== undefined) {
    return (o, update) => {
      if (!isPlainContainer(o)) return;
      const items = o[a];
      if (!Array.isArray(items)) return;
      for (let j = 0; j < items.length; j++) {
        const item = items[j];
        if (!isPlainContainer(item)) continue;
        const inner = item[c];
        if (!Array.isArray(inner)) continue;
        for (let k = 0; k < inner.length; k++) {
          const leaf = inner[k];
          if (isPlainContainer(leaf)) updateKey(leaf, e, update);
        }
      }
    };
  }
  return undefined;
}

/**
 * Whether an update gave something other than the value it was handed. Most trims, upper-cases
 * and replaces hand the string back unchanged, and skipping the store saves a property write by
 * a computed name. Numbers are always stored: 0 and -0 are === but not the same value.
 */
export function changed(before: unknown, after: unknown): boolean {
  return after !== before || typeof before === 'number';
}
