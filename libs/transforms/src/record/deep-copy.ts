// Copies of record data for steps that hand one value to several records (explode, lookup,
// default): records are mutated in place downstream, so sharing a nested object would let
// one record's change leak into another. Only plain objects and arrays are copied; other
// objects (Date, Uint8Array for Avro bytes) are immutable by convention and shared.

export function deepCopy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = deepCopy(value[i]);
    return out as T;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const original = (value as Record<string, unknown>)[key];
    if (original === undefined) continue; // an absent field (see DataRecord)
    const v = deepCopy(original);
    if (key === '__proto__') Object.defineProperty(out, key, { value: v, writable: true, enumerable: true, configurable: true });
    else out[key] = v;
  }
  return out as T;
}
