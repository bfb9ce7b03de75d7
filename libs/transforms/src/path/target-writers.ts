// The writers of a step's list of target paths (rename, set), built once per pipeline. Targets
// that share a parent ('shipTo.city', 'shipTo.region') find or create that parent once per record
// instead of once per target: on the TAXMAN example, rename's 18 nested targets have 4 parents.
//
// A cached parent stays right for the whole step only if no target of the step can replace it,
// so a target whose parent path starts with (or is) another target's path, or that names a key
// on Object.prototype, is written through compileSetter as before. The parent is still found at
// the group's first write, in the targets' order, so objects appear in the same order and a
// failure names the same target with the same message.
import type { FieldPath } from './field-path';
import { isInheritedName, isPlainContainer } from './path-read';
import { compileSetter, describe, type WriteFailure } from './path-write';

export interface TargetWriters {
  /** Stores `value` at target `i` of the list; undefined, or why not. */
  set(record: Record<string, unknown>, i: number, value: unknown): WriteFailure;
  /** Forgets the parents found for the record: call once the step is done with it. */
  reset(): void;
}

type Parent = Record<string, unknown>;

/** Finds (creating what is missing) the object at `keys`, or describes what stands in the way. */
function parentResolver(keys: readonly string[]): (record: unknown) => Parent | string {
  return (record) => {
    if (!isPlainContainer(record)) return describe(record);
    let o: Parent = record;
    for (let i = 0; i < keys.length; i++) {
      let v = o[keys[i]];
      if (v === undefined || v === null || typeof v === 'function') o[keys[i]] = v = {};
      else if (!isPlainContainer(v)) return describe(v);
      o = v as Parent;
    }
    return o;
  };
}

const keysOf = (path: FieldPath): string[] | undefined => {
  const keys: string[] = [];
  for (const s of path.segments) {
    if (s.kind !== 'key' || isInheritedName(s.key)) return undefined;
    keys.push(s.key);
  }
  return keys;
};

const startsWith = (long: readonly string[], short: readonly string[]) => short.length <= long.length && short.every((k, i) => long[i] === k);

export function compileTargetWriters(targets: readonly FieldPath[]): TargetWriters {
  const keyLists = targets.map(keysOf);
  const groupByParent = new Map<string, number>();
  const resolvers: ((record: unknown) => Parent | string)[] = [];
  const plans = targets.map((target, i) => {
    const keys = keyLists[i];
    const parentKeys = keys?.slice(0, -1);
    const replaceable = parentKeys !== undefined && keyLists.some((other, j) => j !== i && other !== undefined && startsWith(parentKeys, other));
    if (keys === undefined || parentKeys === undefined || replaceable) return { group: -1, leaf: '', text: target.text, fallback: compileSetter(target) };
    if (parentKeys.length === 0) return { group: -2, leaf: keys[0], text: target.text, fallback: undefined };
    const id = JSON.stringify(parentKeys);
    let group = groupByParent.get(id);
    if (group === undefined) {
      groupByParent.set(id, (group = resolvers.length));
      resolvers.push(parentResolver(parentKeys));
    }
    return { group, leaf: keys[keys.length - 1], text: target.text, fallback: undefined };
  });
  const parents: (Parent | undefined)[] = new Array(resolvers.length).fill(undefined);
  return {
    set(record, i, value) {
      const plan = plans[i];
      if (plan.group === -2) {
        record[plan.leaf] = value;
        return undefined;
      }
      if (plan.group < 0) return plan.fallback!(record, value);
      let parent = parents[plan.group];
      if (parent === undefined) {
        const found = resolvers[plan.group](record);
        if (typeof found === 'string') return `cannot set ${plan.text}: its parent is ${found}`;
        parents[plan.group] = parent = found;
      }
      parent[plan.leaf] = value;
      return undefined;
    },
    reset() {
      for (let g = 0; g < parents.length; g++) parents[g] = undefined;
    },
  };
}
