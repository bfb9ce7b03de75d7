// Coercing a value to an Avro record type: a fresh record with the schema's fields in schema
// order, each value kept when it already fits, converted when it can be, defaulted when missing,
// and every misfit noted on the trail in field order.
import { describeValue } from '../expression/values';
import { deepCopy } from '../record/deep-copy';
import type { AvroType } from './avro-type';
import type { CoercionTrail } from './coercion-trail';
import { recordTemplate } from './record-templates';

export interface RecordField {
  readonly name: string;
  /** The name also exists on Object.prototype ('constructor'), so a plain read could find it there. */
  readonly inherited: boolean;
  readonly type: AvroType;
  readonly passes: AvroType['passesTypeof'];
  readonly leaf: boolean;
  readonly hasDefault: boolean;
  readonly default: unknown;
  readonly copyDefault: boolean;
}

type Fields = Record<string, unknown>;
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const isPlainObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Date);

/** The value field f gets from `raw` (undefined: missing), noting a misfit on the trail. */
function fieldValue(f: RecordField, raw: unknown, trail: CoercionTrail): unknown {
  if (raw !== undefined && raw !== null) {
    // Most values already fit: those are kept without a call into coerce or a trail step.
    if (typeof raw === f.passes || (f.leaf && f.type.accepts(raw))) return raw;
    trail.push(f.name);
    const value = f.type.coerce(raw, trail);
    trail.pop();
    return value;
  }
  if (f.hasDefault && !(raw === null && f.type.nullable)) return f.copyDefault ? deepCopy(f.default) : f.default;
  if (f.type.nullable) return null;
  trail.push(f.name);
  trail.fail(raw === null ? `expected ${f.type.label}, got null` : `missing required field (${f.type.label})`);
  trail.pop();
  return undefined;
}

function store(out: Fields, f: RecordField, value: unknown, templated: boolean): void {
  // A template's record already holds null in every field: nulls (many of a record's optional
  // fields) need no write.
  if (value === null && templated) return;
  if (f.inherited) Object.defineProperty(out, f.name, { value, writable: true, enumerable: true, configurable: true });
  else out[f.name] = value;
}

/**
 * The coerce of a record type whose `fields` are filled in after it is made (a field may refer
 * to the record itself); `complete` says when they all are.
 */
export function recordCoercion(label: string, fields: readonly RecordField[], complete: () => boolean): (v: unknown, trail: CoercionTrail) => unknown {
  // Made at the first record, when every field is known.
  let make: (() => Fields) | null | undefined;
  return (v, trail) => {
    if (!isPlainObject(v)) return trail.fail(`expected ${label}, got ${describeValue(v)}`);
    if (make === undefined && complete()) make = recordTemplate(fields.map((f) => f.name)) ?? null;
    const templated = make !== null && make !== undefined;
    const out = templated ? make!() : {};
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      store(out, f, fieldValue(f, f.inherited ? (hasOwn(v, f.name) ? v[f.name] : undefined) : v[f.name], trail), templated);
    }
    return out;
  };
}
