import { compileSegmentsGetter, FieldPathError, parseFieldPath, type PathSegment } from '@tributary/transforms';
import { RuleConfigError } from './rule-config-error';

/**
 * Reads the values a rule checks. A plain path ('shipTo.country') gives one value; a path with
 * `[*]` ('lines[*].sku') gives one per element, missing leaves included as undefined (so notNull
 * can see them) and a missing array as a single undefined. Only a record's own data is read:
 * keys that name Object.prototype members need an own property, and functions read as missing.
 */
export interface FieldReader {
  /** The path as written. */
  readonly text: string;
  /** The path with indexes and wildcards written `[]`, as FieldSets list fields. */
  readonly normalized: string;
  /**
   * Every value the path points at. For a plain path the same one-element array is reused on
   * every call, so read it before the next call.
   */
  values(record: unknown): readonly unknown[];
  /**
   * For a path without wildcards, its one value (what values(record)[0] is), read without the
   * array: rules that check every record call it directly. Undefined for wildcard paths.
   */
  readonly read?: (record: unknown) => unknown;
  /** Where the k-th value of `values(record)` sits, e.g. 'lines[2].sku': computed only for messages. */
  labelOf(record: unknown, k: number): string;
}

const hasOwn = Object.prototype.hasOwnProperty;
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** One segment, read generically: only for labels (failures), never on the hot path. */
function read(container: unknown, segment: PathSegment): unknown {
  if (segment.kind === 'index') return Array.isArray(container) ? container[segment.index] : undefined;
  if (segment.kind !== 'key' || typeof container !== 'object' || container === null || Array.isArray(container)) return undefined;
  const object = container as Record<string, unknown>;
  if (INHERITED.has(segment.key) && !hasOwn.call(object, segment.key)) return undefined;
  const value = object[segment.key];
  return typeof value === 'function' ? undefined : value;
}

function walk(value: unknown, segments: readonly PathSegment[], i: number, label: string, labels: string[]): void {
  for (; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.kind === 'all') {
      if (!Array.isArray(value)) break;
      for (let j = 0; j < value.length; j++) walk(value[j], segments, i + 1, `${label}[${j}]`, labels);
      return;
    }
    label += segment.kind === 'key' ? (label ? `.${segment.key}` : segment.key) : `[${segment.index}]`;
    value = read(value, segment);
  }
  labels.push(label);
}

/** Pushes every value below `segments` onto `out`; built once per path (accessors resolved at compile time). */
type Collector = (value: unknown, out: unknown[]) => void;

function collectorOf(segments: readonly PathSegment[]): Collector {
  const star = segments.findIndex((s) => s.kind === 'all');
  if (star < 0) {
    const get = compileSegmentsGetter(segments);
    return (value, out) => {
      out.push(get(value));
    };
  }
  // A missing or non-array value where the wildcard stands is one missing value, as in a plain path.
  const head = compileSegmentsGetter(segments.slice(0, star));
  const rest = collectorOf(segments.slice(star + 1));
  return (value, out) => {
    const array = head(value);
    if (!Array.isArray(array)) out.push(undefined);
    else for (let j = 0; j < array.length; j++) rest(array[j], out);
  };
}

/** Parses `text`, found at `at` in the rule's config; a malformed path is a RuleConfigError there. */
export function fieldReader(text: string, at: readonly (string | number)[]): FieldReader {
  let path;
  try {
    path = parseFieldPath(text);
  } catch (e) {
    if (e instanceof FieldPathError) throw new RuleConfigError(e.message, at, e.position);
    throw e;
  }
  const segments = path.segments;
  const base = { text, normalized: path.normalized };
  if (!path.hasWildcard) {
    const get = compileSegmentsGetter(segments);
    const one: unknown[] = [undefined];
    return {
      ...base,
      values(record) {
        one[0] = get(record);
        return one;
      },
      read: get,
      labelOf: () => text,
    };
  }
  const collect = collectorOf(segments);
  return {
    ...base,
    values(record) {
      // A new array each time: emptying one kept for reuse (length = 0) is a call into the
      // runtime that costs twice the allocation.
      const out: unknown[] = [];
      collect(record, out);
      return out;
    },
    labelOf(record, k) {
      const labels: string[] = [];
      walk(record, segments, 0, '', labels);
      return labels[k] ?? text;
    },
  };
}
