import { Long, ObjectId, type Document } from 'mongodb';

/**
 * The part of MongoDB's query and update languages the sink and its tests use, with MongoDB's
 * documented semantics for it: field equality (dotted paths), $eq $ne $gt $gte $lt $lte $in
 * $exists, $and $or; updates by $set $setOnInsert $unset or a replacement document. Values of
 * different BSON types never compare less or greater (MongoDB's type bracketing), which the
 * sink's guard depends on. Anything else is refused loudly, so a test can never pass on an
 * operator this double only pretends to know.
 */
export class UnsupportedOperatorError extends Error {
  override readonly name = 'UnsupportedOperatorError';
}

/** A document mongod would not store (code 52, DollarPrefixedFieldName): a per-document write error. */
export class InvalidStorageError extends Error {
  override readonly name = 'InvalidStorageError';
  readonly code = 52;
}

export function valueAt(doc: Document, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Document)[part];
  }
  return value;
}

function setAt(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let target = doc;
  for (const part of parts.slice(0, -1)) {
    if (target[part] === null || typeof target[part] !== 'object') target[part] = {};
    target = target[part] as Document;
  }
  target[parts[parts.length - 1]] = value;
}

function unsetAt(doc: Document, path: string): void {
  const parts = path.split('.');
  const parent = parts.length === 1 ? doc : valueAt(doc, parts.slice(0, -1).join('.'));
  if (parent !== null && typeof parent === 'object') delete (parent as Document)[parts[parts.length - 1]];
}

/** A comparable form of a scalar and its type bracket; undefined for values that are not ordered here. */
function ordered(value: unknown): { bracket: string; key: number | string | bigint } | undefined {
  if (typeof value === 'number') return { bracket: 'number', key: value };
  if (value instanceof Long) return { bracket: 'number', key: value.toBigInt() };
  if (typeof value === 'bigint') return { bracket: 'number', key: value };
  if (typeof value === 'string') return { bracket: 'string', key: value };
  if (value instanceof Date) return { bracket: 'date', key: value.getTime() };
  if (value instanceof ObjectId) return { bracket: 'objectId', key: value.toHexString() };
  return undefined;
}

export function compare(a: unknown, b: unknown): number | undefined {
  const x = ordered(a);
  const y = ordered(b);
  if (!x || !y || x.bracket !== y.bracket) return undefined;
  if (typeof x.key === 'string' || typeof y.key === 'string') return x.key < y.key ? -1 : x.key > y.key ? 1 : 0;
  const [p, q] = typeof x.key === 'bigint' || typeof y.key === 'bigint' ? [BigInt(x.key), BigInt(y.key)] : [x.key, y.key];
  return p < q ? -1 : p > q ? 1 : 0;
}

export function equal(a: unknown, b: unknown): boolean {
  const order = compare(a, b);
  if (order !== undefined) return order === 0;
  if (a === null || a === undefined) return b === null || b === undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || b === null) return a === b;
  const keysA = Object.keys(a as Document);
  const keysB = Object.keys(b as Document);
  return keysA.length === keysB.length && keysA.every((k, i) => k === keysB[i] && equal((a as Document)[k], (b as Document)[k]));
}

const COMPARISONS: Record<string, (order: number) => boolean> = {
  $gt: (o) => o > 0,
  $gte: (o) => o >= 0,
  $lt: (o) => o < 0,
  $lte: (o) => o <= 0,
};

function matchesCondition(value: unknown, condition: unknown): boolean {
  const isOperators = condition !== null && typeof condition === 'object' && !(condition instanceof Date) && Object.keys(condition).some((k) => k.startsWith('$'));
  if (!isOperators) return equal(value, condition);
  return Object.entries(condition as Document).every(([operator, operand]) => {
    if (operator === '$eq') return equal(value, operand);
    if (operator === '$ne') return !equal(value, operand);
    if (operator === '$in') return (operand as unknown[]).some((o) => equal(value, o));
    if (operator === '$exists') return (value !== undefined) === Boolean(operand);
    const test = COMPARISONS[operator];
    if (!test) throw new UnsupportedOperatorError(`query operator ${operator} is not supported by this test server`);
    const order = compare(value, operand);
    return order !== undefined && test(order);
  });
}

export function matches(doc: Document, filter: Document): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$and') return (condition as Document[]).every((f) => matches(doc, f));
    if (key === '$or') return (condition as Document[]).some((f) => matches(doc, f));
    if (key.startsWith('$')) throw new UnsupportedOperatorError(`query operator ${key} is not supported by this test server`);
    return matchesCondition(valueAt(doc, key), condition);
  });
}

/** The fields an upsert's new document takes from its filter: top-level equalities (and $and's). */
export function equalitiesOf(filter: Document): Document {
  const doc: Document = {};
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and') Object.assign(doc, ...(condition as Document[]).map(equalitiesOf));
    else if (key.startsWith('$')) continue;
    else if (condition !== null && typeof condition === 'object' && !(condition instanceof Date) && Object.keys(condition).some((k) => k.startsWith('$'))) {
      if ('$eq' in condition) setAt(doc, key, (condition as Document).$eq);
    } else setAt(doc, key, condition);
  }
  return doc;
}

/** `doc` after `update`; `inserting` applies $setOnInsert. Returns a new document. */
export function applyUpdate(doc: Document, update: Document, inserting: boolean): Document {
  const operators = Object.keys(update).filter((k) => k.startsWith('$'));
  if (operators.length === 0) return { _id: doc._id, ...structuredCopy(update) };
  const next = structuredCopy(doc);
  for (const [operator, fields] of Object.entries(update)) {
    if (operator === '$set' || (operator === '$setOnInsert' && inserting)) {
      for (const [path, value] of Object.entries(fields as Document)) {
        if (path.split('.').some((part) => part.startsWith('$'))) throw new InvalidStorageError(`The dollar ($) prefixed field '${path}' is not valid for storage.`);
        setAt(next, path, structuredCopy(value));
      }
    } else if (operator === '$unset') {
      for (const path of Object.keys(fields as Document)) unsetAt(next, path);
    } else if (operator !== '$setOnInsert') {
      throw new UnsupportedOperatorError(`update operator ${operator} is not supported by this test server`);
    }
  }
  return next;
}

/** A deep copy that keeps BSON values (Long, ObjectId, Date, Decimal128) as they are. */
export function structuredCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(structuredCopy) as T;
  if (value === null || typeof value !== 'object' || ordered(value) !== undefined || '_bsontype' in value) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structuredCopy(v)])) as T;
}
