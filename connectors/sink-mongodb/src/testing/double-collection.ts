import { ObjectId, type Document } from 'mongodb';
import { applyUpdate, compare, equal, equalitiesOf, InvalidStorageError, matches, structuredCopy, valueAt } from './document-match';

export interface IndexSpec {
  readonly name: string;
  readonly key: Record<string, 1 | -1>;
  readonly unique: boolean;
}

/** A write error as the server reports it in `writeErrors` (code 11000: duplicate key). */
export interface WriteError {
  readonly code: number;
  readonly errmsg: string;
}

export const DUPLICATE_KEY = 11000;

export type UpdateOutcome =
  | { readonly kind: 'matched'; readonly modified: boolean }
  | { readonly kind: 'upserted'; readonly id: unknown }
  | { readonly kind: 'none' }
  | { readonly kind: 'error'; readonly error: WriteError };

/**
 * One collection in memory: documents in insertion order and unique indexes enforced on every
 * write, as mongod does (a write that would duplicate a unique key fails with E11000 and
 * changes nothing). Non-unique indexes are only listed: a scan answers every query.
 */
export class DoubleCollection {
  readonly documents: Document[] = [];
  readonly indexes: IndexSpec[] = [{ name: '_id_', key: { _id: 1 }, unique: true }];

  constructor(readonly name: string) {}

  createIndex(spec: IndexSpec): { created: boolean } | { error: WriteError } {
    const existing = this.indexes.find((i) => i.name === spec.name);
    if (existing) {
      if (equal(existing.key, spec.key) && existing.unique === spec.unique) return { created: false };
      return { error: { code: 86, errmsg: `An existing index has the same name as the requested index: ${spec.name}` } };
    }
    if (spec.unique) {
      const seen = new Set<string>();
      for (const doc of this.documents) {
        const key = keyOf(doc, spec);
        if (seen.has(key)) return { error: { code: DUPLICATE_KEY, errmsg: `E11000 duplicate key error collection: ${this.name} index: ${spec.name} dup key: ${key}` } };
        seen.add(key);
      }
    }
    this.indexes.push(spec);
    return { created: true };
  }

  find(filter: Document, sort?: Record<string, 1 | -1>, limit?: number): Document[] {
    let found = this.documents.filter((doc) => matches(doc, filter));
    if (sort) {
      const keys = Object.entries(sort);
      found = [...found].sort((a, b) => {
        for (const [path, direction] of keys) {
          const order = compare(valueAt(a, path), valueAt(b, path)) ?? 0;
          if (order !== 0) return order * direction;
        }
        return 0;
      });
    }
    return (limit ? found.slice(0, limit) : found).map(structuredCopy);
  }

  insert(doc: Document): WriteError | undefined {
    const candidate = { _id: new ObjectId(), ...structuredCopy(doc) };
    const conflict = this.conflict(candidate, undefined);
    if (conflict) return conflict;
    this.documents.push(candidate);
    return undefined;
  }

  update(filter: Document, update: Document, upsert: boolean): UpdateOutcome {
    try {
      return this.applied(filter, update, upsert);
    } catch (error) {
      if (error instanceof InvalidStorageError) return { kind: 'error', error: { code: error.code, errmsg: error.message } };
      throw error;
    }
  }

  private applied(filter: Document, update: Document, upsert: boolean): UpdateOutcome {
    const index = this.documents.findIndex((doc) => matches(doc, filter));
    if (index >= 0) {
      const current = this.documents[index];
      const next = applyUpdate(current, update, false);
      const conflict = this.conflict(next, current);
      if (conflict) return { kind: 'error', error: conflict };
      this.documents[index] = next;
      return { kind: 'matched', modified: !equal(current, next) };
    }
    if (!upsert) return { kind: 'none' };
    const seed = equalitiesOf(filter);
    const inserted = applyUpdate({ _id: seed._id ?? new ObjectId(), ...seed }, update, true);
    const conflict = this.conflict(inserted, undefined);
    if (conflict) return { kind: 'error', error: conflict };
    this.documents.push(inserted);
    return { kind: 'upserted', id: inserted._id };
  }

  delete(filter: Document, limit: number): number {
    let deleted = 0;
    for (let i = this.documents.length - 1; i >= 0; i--) {
      if (limit === 1 && deleted === 1) break;
      if (matches(this.documents[i], filter)) {
        this.documents.splice(i, 1);
        deleted++;
      }
    }
    return deleted;
  }

  /** The E11000 error `doc` would cause against the other documents (`replacing` is the one it replaces). */
  private conflict(doc: Document, replacing: Document | undefined): WriteError | undefined {
    for (const index of this.indexes.filter((i) => i.unique)) {
      const key = keyOf(doc, index);
      if (this.documents.some((other) => other !== replacing && keyOf(other, index) === key)) {
        return { code: DUPLICATE_KEY, errmsg: `E11000 duplicate key error collection: ${this.name} index: ${index.name} dup key: ${key}` };
      }
    }
    return undefined;
  }
}

/** A unique index's key of a document, as text ({ tenant: "acme", key: "A-1" }); a missing field counts as null. */
function keyOf(doc: Document, index: IndexSpec): string {
  return `{ ${Object.keys(index.key).map((path) => `${path}: ${JSON.stringify(valueAt(doc, path) ?? null)}`).join(', ')} }`;
}
