import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { JsonArrayRowSplitter } from './json-array-row-splitter';
import { NdjsonRowSplitter } from './ndjson-row-splitter';
import type { RowSplitter, TextRow } from './text-row';

function split<T>(splitter: RowSplitter<T>, text: string, cuts: number[] = []): TextRow<T>[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const rows: TextRow<T>[] = [];
  let from = 0;
  for (const point of [...points, text.length]) {
    rows.push(...splitter.push(text.slice(from, point)));
    from = point;
  }
  return [...rows, ...splitter.end()];
}

describe('NdjsonRowSplitter', () => {
  test('returns each non-blank line with its line number, CRLF or LF', () => {
    const rows = split(new NdjsonRowSplitter(100), '{"a":1}\r\n\n{"a":2}\n{"a":3}');
    assert.deepEqual(rows.map((r) => [r.value, r.line]), [['{"a":1}', 1], ['{"a":2}', 3], ['{"a":3}', 4]]);
  });

  test('refuses a line past the limit without keeping it, and reads on', () => {
    const rows = split(new NdjsonRowSplitter(10), `{"a":1}\n{"big":"${'x'.repeat(100)}"}\n{"a":2}\n`, [3, 20, 50]);
    assert.deepEqual(rows.map((r) => r.problem?.code ?? r.value), ['{"a":1}', 'ROW_TOO_LARGE', '{"a":2}']);
    assert.equal(rows[1].line, 2);
  });
});

describe('JsonArrayRowSplitter', () => {
  test('returns the text of each top-level element with the line it starts on', () => {
    const text = '[\n  {"a": [1, {"b": "]}"}]},\n  {"s": "quote \\" and ]"},\n  42, "x", null\n]\n';
    const rows = split(new JsonArrayRowSplitter(1000), text);
    assert.deepEqual(rows.map((r) => [r.value, r.line, r.column]), [['{"a": [1, {"b": "]}"}]}', 2, 3], ['{"s": "quote \\" and ]"}', 3, 3], ['42', 4, 3], ['"x"', 4, 7], ['null', 4, 12]]);
  });

  test('hands a malformed element over as text (for the parser to refuse) and reads the next', () => {
    const rows = split(new JsonArrayRowSplitter(1000), '[{"a": 1,}, {"a": 2}]');
    assert.deepEqual(rows.map((r) => r.value), ['{"a": 1,}', '{"a": 2}']);
  });

  test('makes the element after a missing comma invalid, naming where it starts', () => {
    const rows = split(new JsonArrayRowSplitter(1000), '[{"a": 1}\n {"a": 2}, {"a": 3}]');
    assert.deepEqual(rows.map((r) => r.value ?? r.problem?.message), ['{"a": 1}', "line 2, column 2: expected ',' or ']' before this element", '{"a": 3}']);
  });

  test('reports text that is not an array, and an array that never closes', () => {
    assert.match(split(new JsonArrayRowSplitter(1000), '{"a": 1}')[0].problem!.message, /must hold an array of rows; found "\{" at line 1, column 1/);
    const open = split(new JsonArrayRowSplitter(1000), '[{"a": 1}, {"a": 2');
    assert.equal(open[0].value, '{"a": 1}');
    assert.match(open[1].problem!.message, /never closed/);
  });

  test('refuses an element past the limit', () => {
    const rows = split(new JsonArrayRowSplitter(20), `[{"a": 1}, {"big": "${'x'.repeat(50)}"}]`);
    assert.deepEqual(rows.map((r) => r.problem?.code ?? r.value), ['{"a": 1}', 'ROW_TOO_LARGE']);
  });

  test('cuts the same elements wherever the text is cut into chunks, and they parse back to the array', () => {
    // Strings full of quotes and backslashes, so escapes fall on chunk boundaries too.
    const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.constantFrom('a', '"', '\\'), fc.stringMatching(/^["\\\]\[{}x]{0,6}$/)));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(), (items, cuts, pretty) => {
        const text = JSON.stringify(items, null, pretty ? 2 : undefined);
        const rows = split(new JsonArrayRowSplitter(100_000), text, cuts);
        assert.ok(rows.every((r) => r.problem === undefined), JSON.stringify(rows));
        assert.deepEqual(rows.map((r) => JSON.parse(r.value!)), JSON.parse(text));
      }),
    );
  });
});
