// A static view of a record's fields, used before any record flows: it tells the pipeline
// author that a step reads a field no earlier step (nor the source) produces. Paths are kept
// normalized ('lines[].sku'); nested fields list their parents ('shipTo' as a record).
import { parseFieldPath, type FieldPath, normalizeSegments } from './path/field-path';

export type FieldType =
  | 'string'
  | 'int'
  | 'long'
  | 'float'
  | 'double'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'timestamp'
  | 'bytes'
  | 'enum'
  | 'record'
  | 'array'
  | 'map'
  | 'null'
  | 'unknown';

/** Immutable; every change returns a new set. */
export interface FieldSet {
  /** True when the record may carry fields not listed (no schema known): then every read passes. */
  readonly open: boolean;
  /** Every listed field, parents before children, as [normalized path, type]. */
  entries(): ReadonlyArray<readonly [string, FieldType]>;
  /**
   * Whether a read of the path can find a field: it is listed, or lies under a field whose
   * contents are not described (type 'unknown' or 'map', or an array/record with no listed
   * children), or the set is open. Indexes and `[*]` count as `[]`.
   */
  has(path: string): boolean;
  /** The field's type; 'unknown' when `has` holds without a listing; undefined when absent. */
  typeOf(path: string): FieldType | undefined;
  /** The set with the field (re)placed: its old children go, missing parents are added. */
  with(path: string, type: FieldType): FieldSet;
  /** The set without the field and its children. */
  without(path: string): FieldSet;
  /** The set with the field and its children moved to a new path. */
  renamed(from: string, to: string): FieldSet;
  /** The same fields, open or closed. */
  withOpen(open: boolean): FieldSet;
}

function parseOrUndefined(path: string): FieldPath | undefined {
  try {
    return parseFieldPath(path);
  } catch {
    return undefined;
  }
}

function normalize(path: string): string {
  return parseOrUndefined(path)?.normalized ?? path;
}

function isUnder(key: string, prefix: string): boolean {
  return key.length > prefix.length && key.startsWith(prefix) && (key[prefix.length] === '.' || key[prefix.length] === '[');
}

class StaticFieldSet implements FieldSet {
  constructor(
    private readonly fields: ReadonlyMap<string, FieldType>,
    readonly open: boolean,
  ) {}

  entries(): ReadonlyArray<readonly [string, FieldType]> {
    return [...this.fields];
  }

  has(path: string): boolean {
    return this.typeOf(path) !== undefined;
  }

  typeOf(path: string): FieldType | undefined {
    const parsed = parseOrUndefined(path);
    if (parsed === undefined) return undefined;
    const exact = this.fields.get(parsed.normalized);
    if (exact !== undefined) return exact;
    for (let n = parsed.segments.length - 1; n >= 1; n--) {
      const prefix = normalizeSegments(parsed.segments.slice(0, n));
      const type = this.fields.get(prefix);
      if (type === undefined) continue;
      if (type === 'unknown' || type === 'map') return 'unknown';
      if ((type === 'array' || type === 'record') && !this.hasChildren(prefix)) return 'unknown';
      return undefined;
    }
    return this.open ? 'unknown' : undefined;
  }

  with(path: string, type: FieldType): FieldSet {
    const parsed = parseOrUndefined(path);
    if (parsed === undefined) return this;
    const key = parsed.normalized;
    const next = new Map<string, FieldType>();
    const parents: [string, FieldType][] = [];
    for (let n = 1; n < parsed.segments.length; n++) {
      const prefix = normalizeSegments(parsed.segments.slice(0, n));
      if (!this.fields.has(prefix)) parents.push([prefix, parsed.segments[n].kind === 'key' ? 'record' : 'array']);
    }
    for (const [k, t] of this.fields) if (k !== key && !isUnder(k, key)) next.set(k, t);
    for (const [k, t] of parents) next.set(k, t);
    next.set(key, type);
    return new StaticFieldSet(next, this.open);
  }

  without(path: string): FieldSet {
    const key = normalize(path);
    const next = new Map<string, FieldType>();
    for (const [k, t] of this.fields) if (k !== key && !isUnder(k, key)) next.set(k, t);
    return new StaticFieldSet(next, this.open);
  }

  renamed(from: string, to: string): FieldSet {
    const source = normalize(from);
    const type = this.typeOf(from);
    if (type === undefined) return this;
    const target = normalize(to);
    let out = this.without(from).with(to, type);
    for (const [k, t] of this.fields) if (isUnder(k, source)) out = out.with(target + k.slice(source.length), t);
    return out;
  }

  withOpen(open: boolean): FieldSet {
    return new StaticFieldSet(this.fields, open);
  }

  private hasChildren(prefix: string): boolean {
    for (const k of this.fields.keys()) if (isUnder(k, prefix)) return true;
    return false;
  }
}

/**
 * A set listing these fields. Paths may be nested ('shipTo.country', 'lines[].sku'); parents
 * left out are added as records (or arrays before `[]`).
 */
export function fieldSetOf(fields: Readonly<Record<string, FieldType>>, options: { open?: boolean } = {}): FieldSet {
  const map = new Map<string, FieldType>();
  for (const [path, type] of Object.entries(fields)) {
    const parsed = parseFieldPath(path);
    for (let n = 1; n < parsed.segments.length; n++) {
      const prefix = normalizeSegments(parsed.segments.slice(0, n));
      if (!map.has(prefix)) map.set(prefix, parsed.segments[n].kind === 'key' ? 'record' : 'array');
    }
    map.set(parsed.normalized, type);
  }
  return new StaticFieldSet(map, options.open ?? false);
}

/** The set for records whose fields are unknown: every read passes. */
export function openFieldSet(): FieldSet {
  return new StaticFieldSet(new Map(), true);
}
