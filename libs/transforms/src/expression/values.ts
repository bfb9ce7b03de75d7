// How the expression language sees values. A missing field reads as null. Numbers are
// doubles; strings, booleans, arrays and records come straight from the record.

/** A short description for error messages: "'abc'", 12.5, an array, a record. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 40)}...` : v}'`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Date) return `date ${Number.isNaN(v.getTime()) ? 'Invalid' : v.toISOString()}`;
  return typeof v === 'object' ? 'a record' : typeof v;
}

/** The type name used in messages: string, number, boolean, array, record, null. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'timestamp';
  return typeof v === 'object' ? 'record' : typeof v;
}

/** Equality of `==`: same type and value; arrays element-wise; never true across types. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined) return b === null;
  if (b === undefined) return a === null;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return false;
}
