import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CsvRowSplitter } from './csv-row-splitter';
import type { TextRow } from './text-row';

const dialect = { delimiter: ',', quote: '"', maxRowChars: 1000 };

/** Splits `text` pushed in pieces cut at `cuts`, as a file arrives in chunks. */
function split(text: string, cuts: number[] = [], options = dialect): TextRow<string[]>[] {
  const splitter = new CsvRowSplitter(options);
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const rows: TextRow<string[]>[] = [];
  let from = 0;
  for (const point of [...points, text.length]) {
    rows.push(...splitter.push(text.slice(from, point)));
    from = point;
  }
  return [...rows, ...splitter.end()];
}

describe('CsvRowSplitter', () => {
  test('splits fields and rows, with quoted delimiters, doubled quotes and line breaks inside quotes', () => {
    const rows = split('id,name,note\n1,"Smith, J.","said ""hi""\nthen left"\r\n2,plain,\n');
    assert.deepEqual(rows.map((r) => r.value), [['id', 'name', 'note'], ['1', 'Smith, J.', 'said "hi"\nthen left'], ['2', 'plain', '']]);
    assert.deepEqual(rows.map((r) => r.line), [1, 2, 4]);
    assert.equal(rows[1].raw, '1,"Smith, J.","said ""hi""\nthen left"');
  });

  test('ends rows at LF, CRLF and CR, skips blank lines, and reads a last row without a line end', () => {
    assert.deepEqual(split('a,b\r\n\r\nc,d\re,f\n\ng,h').map((r) => [r.value, r.line]), [[['a', 'b'], 1], [['c', 'd'], 3], [['e', 'f'], 4], [['g', 'h'], 6]]);
  });

  test('keeps a quote inside an unquoted field as text', () => {
    assert.deepEqual(split('5" pipe,x\n')[0].value, ['5" pipe', 'x']);
  });

  test('refuses a row with text after a closing quote, naming line and column, and reads the next rows', () => {
    const rows = split('a,b\n1,"bad"x,3\n2,ok\n');
    assert.deepEqual(rows.map((r) => r.value), [['a', 'b'], undefined, ['2', 'ok']]);
    assert.deepEqual(rows[1].problem, { code: 'MALFORMED_ROW', message: 'line 2, column 8: "x" after a closing quote; a quote inside a quoted field is written twice', field: null, line: 2, column: 8 });
    assert.equal(rows[1].raw, '1,"bad"x,3');
  });

  test('refuses a quote that never closes, naming where it opened', () => {
    const rows = split('a,b\n1,"open\n2,x\n');
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[1].problem, { code: 'MALFORMED_ROW', message: 'the quote opened at line 2, column 3 is never closed', field: null, line: 2, column: 3 });
  });

  test('refuses a runaway row past maxRowChars and resyncs at the next line', () => {
    const rows = split(`a,b\n1,"${'x'.repeat(50)}\n2,ok\n`, [], { ...dialect, maxRowChars: 20 });
    assert.deepEqual(rows.map((r) => r.problem?.code ?? r.value), [['a', 'b'], 'ROW_TOO_LARGE', ['2', 'ok']]);
    assert.match(rows[1].problem!.message, /row starting at line 2 is longer than 20 characters \(the quote opened at line 2, column 3 may never close\)/);
  });

  test('cuts rows the same wherever the text is cut into chunks', () => {
    const field = fc.oneof(fc.constantFrom('', 'a', 'x y', '"q"', 'a,b', 'l1\nl2', 'l1\r\nl2', 'bad"x'), fc.string({ maxLength: 5 }));
    const csvText = fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { maxLength: 6 }).map((rows) =>
      rows.map((fields) => fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')).join('\r\n'),
    );
    fc.assert(
      fc.property(csvText, fc.array(fc.nat(), { maxLength: 8 }), (text, cuts) => {
        assert.deepEqual(split(text, cuts), split(text));
      }),
    );
  });

  test('reads back what it is given, row for row', () => {
    const row = fc.array(fc.string({ maxLength: 6 }), { minLength: 2, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map((fields) => fields.map((f) => `"${f.replace(/"/g, '""')}"`).join(',')).join('\n');
        assert.deepEqual(split(text).map((r) => r.value), rows);
      }),
    );
  });
});
