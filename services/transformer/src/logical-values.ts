/**
 * Two libraries meet in the transformer and write Avro's logical types differently:
 * - @tributary/avro's codec (what decodes `<p>.raw` and encodes `<p>.mapped`): decimals as exact
 *   text ('19.9900'), dates as 'YYYY-MM-DD', timestamp-millis as Date;
 * - @tributary/transforms' steps (mapToSchema, cast, the expressions): Avro's wire values,
 *   decimals as numbers, dates as days since 1970-01-01, timestamps as epoch milliseconds.
 * These convert a record between the two, guided by its schema, in place: raw records to the
 * steps' form before the steps, mapped records to the codec's form after them. Values already in
 * the wanted form, and types without a logical type, are left alone.
 */
export type ValueConverter = (record: Record<string, unknown>) => void;

type Convert = (value: unknown) => unknown;
type Json = Record<string, unknown>;
type Direction = 'to-steps' | 'to-codec';

const DAY_MS = 86_400_000;

const LEAVES: Record<Direction, Record<string, (schema: Json) => Convert | undefined>> = {
  'to-steps': {
    date: () => (v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.UTC(+v.slice(0, 4), +v.slice(5, 7) - 1, +v.slice(8, 10)) / DAY_MS : v),
    'timestamp-millis': () => (v) => (v instanceof Date ? v.getTime() : v),
    decimal: () => (v) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v),
  },
  'to-codec': {
    date: () => (v) => (typeof v === 'number' && Number.isInteger(v) ? new Date(v * DAY_MS).toISOString().slice(0, 10) : v),
    'timestamp-millis': () => (v) => (typeof v === 'number' && Number.isFinite(v) ? new Date(v) : v),
    decimal: (schema) => {
      const scale = typeof schema.scale === 'number' ? schema.scale : 0;
      return (v) => (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e21 ? v.toFixed(scale) : v);
    },
  },
};

/** The converter of records of `schema` (an Avro record schema as JSON); undefined when it has no logical types. */
export function valueConverter(schema: unknown, direction: Direction): ValueConverter | undefined {
  const convert = converterOf(schema, LEAVES[direction]);
  return convert && ((record) => void convert(record));
}

function converterOf(type: unknown, leaves: (typeof LEAVES)[Direction]): Convert | undefined {
  // Primitives, and references to named types (a recursive record), have nothing to convert.
  if (typeof type === 'string') return undefined;
  if (Array.isArray(type)) {
    // A union: only one that is "null or T" converts, unambiguously.
    const branches = type.filter((branch) => branch !== 'null');
    if (branches.length !== 1) return undefined;
    const inner = converterOf(branches[0], leaves);
    return inner && ((v) => (v === null || v === undefined ? v : inner(v)));
  }
  if (type === null || typeof type !== 'object') return undefined;
  const t = type as Json;
  if (typeof t.logicalType === 'string' && leaves[t.logicalType]) return leaves[t.logicalType](t);
  if (typeof t.type === 'object') return converterOf(t.type, leaves);
  if (t.type === 'array') {
    const item = converterOf(t.items, leaves);
    return item && ((v) => (Array.isArray(v) ? (v.forEach((x, i) => (v[i] = item(x))), v) : v));
  }
  if (t.type === 'map') {
    const value = converterOf(t.values, leaves);
    return value && ((v) => (isObject(v) ? (Object.keys(v).forEach((k) => (v[k] = value(v[k]))), v) : v));
  }
  if (t.type !== 'record' || !Array.isArray(t.fields)) return undefined;
  const fields = (t.fields as Json[]).flatMap((field) => {
    const convert = converterOf(field.type, leaves);
    return convert ? [[field.name as string, convert] as const] : [];
  });
  if (fields.length === 0) return undefined;
  return (v) => {
    if (!isObject(v)) return v;
    for (const [name, convert] of fields) if (v[name] !== undefined) v[name] = convert(v[name]);
    return v;
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !Buffer.isBuffer(v);
}
