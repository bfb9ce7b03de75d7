// Updaters of the commonest paths, each one closure: see compileUpdater in path-write.ts.
import type { PathSegment } from './field-path';
import { isInheritedName, isPlainContainer } from './path-read';
import type { Visitor } from './path-write';

/**
 * The commonest paths in one closure each: 'currency', 'shipTo.city' and 'lines[*].sku' with
 * keys not named on Object.prototype. Same checks as the visitor chain: a record at each key, an
 * array at the wildcard, a missing value or a function left alone.
 */
export function plainPathUpdater(segs: readonly PathSegment[]): Visitor | undefined {
  const keyOf = (s: PathSegment | undefined) => (s !== undefined && s.kind === 'key' && !isInheritedName(s.key) ? s.key : undefined);
  const [s0, s1, s2] = segs;
  const a = keyOf(s0);
  if (a === undefined) return undefined;
  const updateKey = (o: Record<string, unknown>, key: string, update: (value: unknown) => unknown) => {
    const v = o[key];
    if (v !== undefined && typeof v !== 'function') o[key] = update(v);
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
  return undefined;
}
