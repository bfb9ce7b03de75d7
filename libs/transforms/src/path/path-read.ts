// Reading records along a parsed FieldPath. Readers are built once per path and run for every
// record, so paths of one to three keys (nearly all of them) get straight-line closures instead
// of a loop over segment readers.
//
// Only a record's own data is visible: a key that also names something on Object.prototype
// (`__proto__`, `constructor`, `toString`) is read with an own-property check, and functions
// are never returned, so no path can reach a prototype or a method.
import type { FieldPath, PathSegment } from './field-path';

export type Getter = (record: unknown) => unknown;

export const hasOwn = Object.prototype.hasOwnProperty;
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Whether reading `key` with a plain `o[key]` could find something that is not the record's own. */
export function isInheritedName(key: string): boolean {
  return INHERITED.has(key);
}

/** A record or map: an object that is not an array. */
export function isPlainContainer(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads one key as data: undefined for a non-record, a key that is not the record's own, or a function. */
export function keyReader(key: string): Getter {
  if (isInheritedName(key)) {
    return (o) => {
      if (!isPlainContainer(o) || !hasOwn.call(o, key)) return undefined;
      const v = o[key];
      return typeof v === 'function' ? undefined : v;
    };
  }
  return (o) => {
    if (!isPlainContainer(o)) return undefined;
    const v = o[key];
    return typeof v === 'function' ? undefined : v;
  };
}

function segmentReader(s: PathSegment): Getter {
  if (s.kind === 'key') return keyReader(s.key);
  if (s.kind === 'index') {
    const index = s.index;
    return (o) => (Array.isArray(o) ? o[index] : undefined);
  }
  throw new Error('wildcard segments are read by wildcardGetter');
}

/**
 * A reader for the path: the value, or undefined when any step along it is missing.
 * With a wildcard it returns the array of every match (missing leaves skipped, nested
 * wildcards flattened), or undefined when the array itself is missing.
 */
export function compileGetter(path: FieldPath): Getter {
  return getterOf(path.segments);
}

/** compileGetter over parsed segments (a part of a path): libs/quality builds its readers from it. */
export function compileSegmentsGetter(segments: readonly PathSegment[]): Getter {
  return getterOf(segments);
}

function getterOf(segments: readonly PathSegment[]): Getter {
  if (segments.length === 0) return (r) => r;
  if (segments.some((s) => s.kind === 'all')) return wildcardGetter(segments);
  const keys = plainKeys(segments);
  if (keys !== undefined && keys.length === 2) return twoKeyGetter(keys[0], keys[1]);
  if (keys !== undefined && keys.length === 3) return threeKeyGetter(keys[0], keys[1], keys[2]);
  const readers = segments.map(segmentReader);
  if (readers.length === 1) return readers[0];
  if (readers.length === 2) {
    const [a, b] = readers;
    return (r) => {
      const v = a(r);
      return v === undefined ? undefined : b(v);
    };
  }
  if (readers.length === 3) {
    const [a, b, c] = readers;
    return (r) => {
      const v = a(r);
      if (v === undefined) return undefined;
      const w = b(v);
      return w === undefined ? undefined : c(w);
    };
  }
  return (r) => {
    let v = r;
    for (let i = 0; i < readers.length && v !== undefined; i++) v = readers[i](v);
    return v;
  };
}

/** The keys of a path of keys none of which is named on Object.prototype, else undefined. */
export function plainKeys(segments: readonly PathSegment[]): string[] | undefined {
  const keys: string[] = [];
  for (const s of segments) {
    if (s.kind !== 'key' || isInheritedName(s.key)) return undefined;
    keys.push(s.key);
  }
  return keys;
}

// Paths of two and three plain keys ('shipTo.country'), the commonest, read in one closure: the
// same checks as a chain of keyReaders (a record at each step, a function is no value), without
// a call per key.
function twoKeyGetter(a: string, b: string): Getter {
  return (r) => {
    if (!isPlainContainer(r)) return undefined;
    const parent = r[a];
    if (!isPlainContainer(parent)) return undefined;
    const v = parent[b];
    return typeof v === 'function' ? undefined : v;
  };
}

function threeKeyGetter(a: string, b: string, c: string): Getter {
  return (r) => {
    if (!isPlainContainer(r)) return undefined;
    const first = r[a];
    if (!isPlainContainer(first)) return undefined;
    const parent = first[b];
    if (!isPlainContainer(parent)) return undefined;
    const v = parent[c];
    return typeof v === 'function' ? undefined : v;
  };
}

function wildcardGetter(segments: readonly PathSegment[]): Getter {
  const star = segments.findIndex((s) => s.kind === 'all');
  const head = getterOf(segments.slice(0, star));
  const rest = segments.slice(star + 1);
  const nestedWildcard = rest.some((s) => s.kind === 'all');
  const tail: Getter | undefined = rest.length === 0 ? undefined : getterOf(rest);
  return (r) => {
    const arr = head(r);
    if (!Array.isArray(arr)) return undefined;
    if (tail === undefined) return arr;
    const out: unknown[] = [];
    for (let i = 0; i < arr.length; i++) {
      const v = tail(arr[i]);
      if (v === undefined) continue;
      if (nestedWildcard && Array.isArray(v)) for (let j = 0; j < v.length; j++) out.push(v[j]);
      else out.push(v);
    }
    return out;
  };
}

/**
 * The key of a one-key path whose name is not on Object.prototype ('total'), else undefined.
 * A step may read and write such a key of a record directly, `record[key]`, which on the hot
 * path saves the calls through the compiled accessors.
 */
export function plainTopKey(path: FieldPath): string | undefined {
  const [first] = path.segments;
  return path.segments.length === 1 && first.kind === 'key' && !isInheritedName(first.key) ? first.key : undefined;
}

/** The reader of the path without its last segment (the parent of the field it names). */
export function compileParentGetter(path: FieldPath): Getter {
  return getterOf(path.segments.slice(0, -1));
}
