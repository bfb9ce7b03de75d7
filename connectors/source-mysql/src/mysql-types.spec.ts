import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Misfit } from '@tributary/connectors';
import { mysqlColumnType, type MysqlField } from './mysql-types';

const field = (columnType: number, extra: Partial<MysqlField> = {}): MysqlField => ({ name: 'c', columnType, flags: 0, decimals: 0, columnLength: 11, characterSet: 63, ...extra });
const UNSIGNED = 32;

describe('mysqlColumnType', () => {
  test('derives decimal precision from the display length as the server does', () => {
    assert.deepEqual(mysqlColumnType(field(246, { columnLength: 14, decimals: 2 })).avro, { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 });
    assert.deepEqual(mysqlColumnType(field(246, { columnLength: 5, decimals: 0, flags: UNSIGNED })).avro, { type: 'bytes', logicalType: 'decimal', precision: 5, scale: 0 });
    assert.equal(mysqlColumnType(field(246, { columnLength: 14, decimals: 2 })).bind, 'CAST(? AS DECIMAL(12,2))');
  });

  test('widens INT UNSIGNED to long and binds integers as SIGNED or UNSIGNED', () => {
    assert.equal(mysqlColumnType(field(3)).avro, 'int');
    assert.equal(mysqlColumnType(field(3, { flags: UNSIGNED })).avro, 'long');
    assert.equal(mysqlColumnType(field(8, { flags: UNSIGNED })).bind, 'CAST(? AS UNSIGNED)');
    assert.ok(mysqlColumnType(field(8)).convert('18446744073709551615') instanceof Misfit);
  });

  test('reads DATETIME text as UTC and binds the canonical cursor text back in MySQL form', () => {
    const type = mysqlColumnType(field(12, { decimals: 6 }));
    assert.deepEqual(type.convert('2024-05-01 10:00:00.123456'), new Date('2024-05-01T10:00:00.123Z'));
    assert.equal(type.cursorText?.('2024-05-01 10:00:00.123456'), '2024-05-01T10:00:00.123456Z');
    assert.equal(type.bindValue?.('2024-05-01T10:00:00.123456Z'), '2024-05-01 10:00:00.123456');
  });

  test('tells text from binary strings by character set, and BIT(1) is a boolean', () => {
    assert.equal(mysqlColumnType(field(253, { characterSet: 224 })).avro, 'string');
    assert.equal(mysqlColumnType(field(253, { characterSet: 63 })).avro, 'bytes');
    assert.equal(mysqlColumnType(field(16, { columnLength: 1 })).convert(Buffer.from([1])), true);
  });

  test('keeps MariaDB JSON (LONGTEXT underneath) as text that cannot be a cursor', () => {
    const type = mysqlColumnType(field(252, { characterSet: 224, extendedFormat: 'json' }));
    assert.equal(type.sourceType, 'json');
    assert.equal(type.bind, undefined);
  });
});
