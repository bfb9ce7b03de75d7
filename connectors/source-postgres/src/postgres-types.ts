// PostgreSQL column types to Avro, by type OID and typmod (pg_type.dat; the numeric typmod is
// ((precision << 16) | scale) + 4). Every value is fetched as Postgres' own text, so nothing is
// rounded on the way (int8, numeric, microsecond timestamps) and each converter sees one form.
import { Misfit, calendarDate, decimalText, describeValue, exactLong, sqlTimestamp, type AvroSchema } from '@tributary/connectors';

export interface PostgresColumnType {
  readonly avro: AvroSchema;
  /** Postgres text of a non-null value to the record's value, or a Misfit. */
  readonly convert: (text: string) => unknown;
  /** The canonical cursor text of a value, for types that order exactly and bind back; else undefined. */
  readonly cursorText?: (text: string) => string;
}

const same = (text: string) => text;
const asString: PostgresColumnType = { avro: 'string', convert: same };
const orderableString: PostgresColumnType = { avro: 'string', convert: same, cursorText: same };
const int: PostgresColumnType = { avro: 'int', convert: Number, cursorText: same };
const long: PostgresColumnType = { avro: 'long', convert: exactLong, cursorText: same };
const floating = (avro: 'float' | 'double'): PostgresColumnType => ({ avro, convert: Number, cursorText: same });

const timestamp: PostgresColumnType = {
  avro: { type: 'long', logicalType: 'timestamp-millis' },
  convert: (text) => {
    const value = sqlTimestamp(text);
    return value instanceof Misfit ? value : value.date;
  },
  cursorText: (text) => {
    const value = sqlTimestamp(text);
    return value instanceof Misfit ? text : value.canonical;
  },
};

const BY_OID: Record<number, PostgresColumnType> = {
  16: { avro: 'boolean', convert: (text) => text === 't' },
  17: { avro: 'bytes', convert: (text) => (text.startsWith('\\x') ? Buffer.from(text.slice(2), 'hex') : new Misfit('TYPE_MISMATCH', `${describeValue(text)} is not hex bytea`)) },
  18: orderableString, // "char"
  19: orderableString, // name
  20: long, // int8
  21: int, // int2
  23: int, // int4
  25: orderableString, // text
  26: long, // oid: unsigned 32-bit, past int
  700: floating('float'),
  701: floating('double'),
  1042: orderableString, // bpchar
  1043: orderableString, // varchar
  1082: { avro: { type: 'int', logicalType: 'date' }, convert: calendarDate, cursorText: same },
  1114: timestamp,
  1184: timestamp,
  2950: { avro: { type: 'string', logicalType: 'uuid' }, convert: same, cursorText: same },
};

/** The Avro type and converter of a column; types without an Avro match (json, arrays, enums, intervals) are their text. */
export function postgresColumnType(oid: number, typmod: number): PostgresColumnType {
  if (oid === 1700) return numericType(typmod);
  return BY_OID[oid] ?? asString;
}

/**
 * numeric(p, s) is an Avro decimal(p, s). Unconstrained numeric has no precision to declare
 * (and may hold NaN or Infinity): it stays exact as text, a string.
 */
function numericType(typmod: number): PostgresColumnType {
  const precision = typmod < 4 ? 0 : ((typmod - 4) >> 16) & 0xffff;
  const scale = typmod < 4 ? 0 : (typmod - 4) & 0xffff;
  if (precision < 1 || scale > precision) return { avro: 'string', convert: same, cursorText: same };
  return {
    avro: { type: 'bytes', logicalType: 'decimal', precision, scale },
    convert: (text) => decimalText(text, precision, scale),
    cursorText: same,
  };
}

/**
 * A type parser that hands every value over as Postgres sent it (text), null as null: the
 * converters above do the rest. Passed per query, so no global pg type setting is touched.
 */
export const TEXT_VALUES = { getTypeParser: () => (text: string) => text } as const;
