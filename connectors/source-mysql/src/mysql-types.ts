// MySQL/MariaDB result columns to Avro, from the column definitions the server sends with
// every result (type code, flags, length, decimals, character set), so tables and query
// streams map alike. Values arrive as openMysql asks: integers as numbers, BIGINT, DECIMAL,
// dates and JSON as text, binary strings as Buffers.
import { Misfit, calendarDate, decimalText, exactLong, sqlTimestamp, type AvroSchema } from '@tributary/connectors';

/** The column definition fields the mapping reads (mysql2's FieldPacket). */
export interface MysqlField {
  readonly name: string;
  readonly columnType?: number;
  readonly flags: number | string[];
  readonly columnLength?: number;
  readonly decimals: number;
  readonly characterSet?: number;
  /** MariaDB 10.5+ extended metadata: 'json' for its JSON columns (LONGTEXT underneath). */
  readonly extendedFormat?: string;
  /** MariaDB 10.5+ extended metadata: 'uuid', 'inet6', ... */
  readonly extendedTypeName?: string;
}

export interface MysqlColumnType {
  readonly avro: AvroSchema;
  readonly sourceType: string;
  /** A non-null value as mysql2 returned it to the record's value, or a Misfit. */
  readonly convert: (value: unknown) => unknown;
  /** For types that order exactly: the canonical cursor text of a value... */
  readonly cursorText?: (value: unknown) => string;
  /** ...and the SQL that binds that text back as the column's type, e.g. CAST(? AS DECIMAL(12,2)). */
  readonly bind?: string;
  /** The bound value for a cursor text, when the SQL reads it in another form than the canonical one. */
  readonly bindValue?: (cursorText: string) => string;
}

// Column type codes and flags (include/mysql_com.h, mysql2 lib/constants/types.js).
const T = { DECIMAL: 0, TINY: 1, SHORT: 2, LONG: 3, FLOAT: 4, DOUBLE: 5, TIMESTAMP: 7, LONGLONG: 8, INT24: 9, DATE: 10, TIME: 11, DATETIME: 12, YEAR: 13, NEWDATE: 14, VARCHAR: 15, BIT: 16, JSON: 245, NEWDECIMAL: 246, ENUM: 247, SET: 248, GEOMETRY: 255 };
const NOT_NULL_FLAG = 1;
const PRI_KEY_FLAG = 2;
const UNSIGNED_FLAG = 32;
const BINARY_CHARSET = 63;

const text = (value: unknown) => String(value);
const timestampType = (sourceType: string): MysqlColumnType => ({
  avro: { type: 'long', logicalType: 'timestamp-millis' },
  sourceType,
  convert: (value) => {
    const parsed = sqlTimestamp(String(value));
    return parsed instanceof Misfit ? parsed : parsed.date;
  },
  cursorText: (value) => {
    const parsed = sqlTimestamp(String(value));
    return parsed instanceof Misfit ? String(value) : parsed.canonical;
  },
  bind: 'CAST(? AS DATETIME(6))',
  // MySQL reads 'YYYY-MM-DD HH:MM:SS.ffffff', not ISO's T and Z (the session is in UTC).
  bindValue: (canonical) => canonical.replace('T', ' ').replace(/Z$/, ''),
});

export function mysqlColumnType(field: MysqlField): MysqlColumnType {
  const type = field.columnType ?? -1;
  if (field.extendedFormat === 'json') return { avro: 'string', sourceType: 'json', convert: text };
  if (field.extendedTypeName === 'uuid') {
    return { avro: { type: 'string', logicalType: 'uuid' }, sourceType: 'uuid', convert: text, cursorText: text, bind: 'CAST(? AS UUID)' };
  }
  const unsigned = hasFlag(field, UNSIGNED_FLAG);
  const sign = unsigned ? ' unsigned' : '';
  const integer = (name: string, avro: 'int' | 'long'): MysqlColumnType => ({
    avro,
    sourceType: name + sign,
    convert: avro === 'int' ? Number : (value) => exactLong(value as string | number),
    cursorText: text,
    bind: unsigned ? 'CAST(? AS UNSIGNED)' : 'CAST(? AS SIGNED)',
  });
  switch (type) {
    case T.TINY: return integer('tinyint', 'int');
    case T.SHORT: return integer('smallint', 'int');
    case T.INT24: return integer('mediumint', 'int');
    case T.LONG: return integer('int', unsigned ? 'long' : 'int');
    case T.LONGLONG: return integer('bigint', 'long');
    case T.YEAR: return integer('year', 'int');
    case T.FLOAT: return { avro: 'float', sourceType: 'float', convert: Number, cursorText: text, bind: 'CAST(? AS DOUBLE)' };
    case T.DOUBLE: return { avro: 'double', sourceType: 'double', convert: Number, cursorText: text, bind: 'CAST(? AS DOUBLE)' };
    case T.DECIMAL:
    case T.NEWDECIMAL: return decimalType(field, unsigned);
    case T.DATE:
    case T.NEWDATE: return { avro: { type: 'int', logicalType: 'date' }, sourceType: 'date', convert: (v) => calendarDate(String(v)), cursorText: text, bind: 'CAST(? AS DATE)' };
    case T.DATETIME: return timestampType(`datetime(${field.decimals})`);
    case T.TIMESTAMP: return timestampType(`timestamp(${field.decimals})`);
    case T.BIT:
      if (field.columnLength === 1) return { avro: 'boolean', sourceType: 'bit(1)', convert: (v) => (v as Buffer)[0] === 1 };
      return { avro: 'bytes', sourceType: `bit(${field.columnLength})`, convert: (v) => v };
    case T.JSON: return { avro: 'string', sourceType: 'json', convert: text };
    case T.TIME: return { avro: 'string', sourceType: 'time', convert: text };
    case T.ENUM:
    case T.SET: return { avro: 'string', sourceType: type === T.ENUM ? 'enum' : 'set', convert: text };
    case T.GEOMETRY: return { avro: 'bytes', sourceType: 'geometry', convert: (v) => v };
    default:
      if (field.characterSet === BINARY_CHARSET) return { avro: 'bytes', sourceType: 'binary', convert: (v) => v };
      return { avro: 'string', sourceType: type === T.VARCHAR || type === 253 ? 'varchar' : type === 254 ? 'char' : 'text', convert: text, cursorText: text, bind: '?' };
  }
}

/**
 * DECIMAL(p, s) is an Avro decimal(p, s). The result metadata gives its display length, from
 * which the precision follows as the server computes it (my_decimal_length_to_precision):
 * length less one for the point when there is a fraction, less one for the sign when signed.
 */
function decimalType(field: MysqlField, unsigned: boolean): MysqlColumnType {
  const scale = field.decimals;
  const precision = (field.columnLength ?? 0) - (scale > 0 ? 1 : 0) - (unsigned ? 0 : 1);
  if (precision < 1 || scale > precision || precision > 65) return { avro: 'string', sourceType: 'decimal', convert: text };
  return {
    avro: { type: 'bytes', logicalType: 'decimal', precision, scale },
    sourceType: `decimal(${precision},${scale})${unsigned ? ' unsigned' : ''}`,
    convert: (value) => decimalText(String(value), precision, scale),
    cursorText: text,
    bind: `CAST(? AS DECIMAL(${precision},${scale}))`,
  };
}

export function isNotNull(field: MysqlField): boolean {
  return hasFlag(field, NOT_NULL_FLAG);
}

export function isPrimaryKey(field: MysqlField): boolean {
  return hasFlag(field, PRI_KEY_FLAG);
}

function hasFlag(field: MysqlField, flag: number): boolean {
  return typeof field.flags === 'number' && (field.flags & flag) !== 0;
}
