import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileConfigSchema } from './file-config';
import { fileRows } from './file-rows';

const config = fileConfigSchema.parse({ path: 'x' });

/** Text in chunks, counting how many were taken. */
function chunks(parts: string[], taken: { count: number }): AsyncIterable<string> {
  return {
    async *[Symbol.asyncIterator]() {
      for (const part of parts) {
        taken.count++;
        yield part;
      }
    },
  };
}

async function all(format: 'csv' | 'json' | 'ndjson', text: string) {
  const rows = [];
  for await (const row of fileRows({ format, name: 'f' }, config, chunks([text], { count: 0 }))) rows.push(row);
  return rows;
}

describe('fileRows', () => {
  test('reads no more of a file than the rows taken need', async () => {
    const taken = { count: 0 };
    const parts = Array.from({ length: 1000 }, (_, i) => `{"n": ${i}}\n`);
    const rows = fileRows({ format: 'ndjson', name: 'f' }, config, chunks(parts, taken));
    const first = await rows.next();
    assert.deepEqual(first.value?.object, { n: 0 });
    assert.ok(taken.count <= 2, `took ${taken.count} chunks for one row`);
    await rows.return(undefined);
  });

  test('drops a byte order mark and names CSV fields by the header, empty text as null', async () => {
    const rows = await all('csv', '\ufeffid,name\n1,\n');
    assert.deepEqual(rows, [{ line: 2, raw: '1,', object: { id: '1', name: null } }]);
  });

  test('refuses a CSV row with too few or too many fields, naming the missing column', async () => {
    const rows = await all('csv', 'id,name,total\n1,a\n2,b,3,4\n3,c,5\n');
    assert.deepEqual(rows.map((r) => r.reasons?.[0].message ?? r.object), [
      'line 2: 2 fields, the header has 3; missing total',
      'line 3: 4 fields, the header has 3',
      { id: '3', name: 'c', total: '5' },
    ]);
    assert.equal(rows[0].reasons?.[0].field, 'total');
  });

  test('a malformed header is one invalid row that ends the file', async () => {
    const rows = await all('csv', 'id,"name"x\n1,a\n');
    assert.equal(rows.length, 1);
    assert.match(rows[0].reasons![0].message, /^the header row: line 1, column 10/);
  });

  test('names the line and column of a JSON syntax error', async () => {
    const rows = await all('ndjson', '{"a": 1}\n{"a": 1,}\n[1]\n');
    assert.deepEqual(rows[1].reasons?.[0], { code: 'MALFORMED_ROW', message: rows[1].reasons![0].message, field: null, line: 2, column: 9 });
    assert.match(rows[1].reasons![0].message, /^line 2, column 9: /);
    assert.deepEqual(rows[2].reasons?.[0].code, 'NOT_AN_OBJECT');
    const array = await all('json', '[\n  {"a": 1},\n  {"a" 2},\n  {"a":\n   tru}\n]');
    assert.deepEqual([array[1].reasons?.[0].line, array[1].reasons?.[0].column], [3, 8], 'the position V8 names, in the file');
    assert.deepEqual(array[2].reasons?.[0].line, 4, "the element's line when V8 names no position");
    assert.equal(array[2].reasons?.[0].message, "line 4: Unexpected token '}'");
  });
});
