import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAvroSchema } from '@tributary/avro';
import { ConnectorError, type ReadOptions, type SourceBatch } from '@tributary/connectors';
import { tempDir } from '@tributary/testing';
import { fileConfigSchema, type FileConfig } from './file-config';
import { fileSource } from './file-source';

const config = (path: string, extra: Partial<FileConfig> = {}) => fileConfigSchema.parse({ path, ...extra });

async function collect(batches: AsyncIterable<SourceBatch>, stopAfter = Infinity): Promise<SourceBatch[]> {
  const out: SourceBatch[] = [];
  for await (const batch of batches) {
    out.push(batch);
    if (out.length >= stopAfter) break;
  }
  return out;
}
const read = (folder: string, options: Partial<ReadOptions> = {}, extra: Partial<FileConfig> = {}, stopAfter?: number) =>
  collect(fileSource.read(config(folder, extra), {}, { stream: folder, mode: 'incremental', batchSize: 3, ...options }), stopAfter);
const positions = (batches: SourceBatch[]) => batches.flatMap((b) => [...b.records.map((r) => r.position), ...b.invalid.map((r) => r.position)]).sort();

describe('file source', () => {
  let dir: ReturnType<typeof tempDir>;
  before(() => {
    dir = tempDir('file-source');
  });
  after(() => dir.remove());

  const folder = (name: string, files: Record<string, string>) => {
    const path = join(dir.path, name);
    mkdirSync(path, { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(path, file), text);
    return path;
  };

  test('reads CSV with a BOM, quoted line breaks and malformed rows: every good row, every bad one invalid with its line', async () => {
    const path = folder('csv', { 'a.csv': '\ufeffid,"Inv Date",note\r\n1,2024-01-01,"two\r\nlines"\r\n2,2024-01-02,"bad"x\r\n3,2024-01-03\r\n4,2024-01-04,ok\r\n' });
    const batches = await read(path, { batchSize: 10 });
    const [batch] = batches;
    assert.deepEqual(batch.records.map((r) => [r.position, r.value]), [
      ['a.csv:2', { id: '1', Inv_Date: '2024-01-01', note: 'two\r\nlines' }],
      ['a.csv:6', { id: '4', Inv_Date: '2024-01-04', note: 'ok' }],
    ]);
    assert.deepEqual(batch.invalid.map((r) => [r.position, r.reasons[0].code, r.reasons[0].line, r.reasons[0].column ?? null, r.raw]), [
      ['a.csv:4', 'MALFORMED_ROW', 4, 19, '2,2024-01-02,"bad"x'],
      ['a.csv:5', 'FIELD_COUNT', 5, null, '3,2024-01-03'],
    ]);
    assert.match(batch.invalid[1].reasons[0].message, /missing note/);
    const { rows, done } = JSON.parse(batch.cursor.state['a.csv']);
    assert.deepEqual({ rows, done }, { rows: 4, done: true });
  });

  test('bytes that are not UTF-8 end their file with one invalid row naming the line, never garbled text; windows-1252 reads Latin-1 exports', async () => {
    const path = join(dir.path, 'encodings');
    mkdirSync(path, { recursive: true });
    const latin1 = Buffer.from('id,name\n1,Smith\n2,M\u00fcller\n3,Jones\n', 'latin1');
    writeFileSync(join(path, 'a-latin1.csv'), latin1);
    writeFileSync(join(path, 'b-binary.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x00]));
    writeFileSync(join(path, 'c-good.csv'), 'id,name\n4,Kim\n');
    // Discovery takes its columns from the files that are text; the binary one names none.
    const stream = await fileSource.discover(config(path), {});
    assert.deepEqual(stream[0].fields.map((f) => f.name), ['id', 'name']);

    const [strict] = await read(path, { batchSize: 100 });
    assert.deepEqual(strict.records.map((r) => [r.position, r.value]), [
      ['a-latin1.csv:2', { id: '1', name: 'Smith' }],
      ['c-good.csv:2', { id: '4', name: 'Kim' }],
    ]);
    assert.deepEqual(strict.invalid.map((r) => [r.position, r.reasons[0].code, r.reasons[0].line]), [
      ['a-latin1.csv:3', 'NOT_TEXT', 3],
      ['b-binary.csv:1', 'NOT_TEXT', 1],
    ]);
    assert.match(strict.invalid[0].reasons[0].message, /line 3: not UTF-8 text \(byte 19 starts a sequence UTF-8 does not allow\); for Latin-1 or Windows exports set the source's encoding: windows-1252; the rest of the file is not read/);
    assert.ok(!JSON.stringify(strict).includes('\ufffd'), 'no replacement character anywhere');

    const [latin] = await read(join(path, 'a-latin1.csv'), { stream: join(path, 'a-latin1.csv'), batchSize: 100 }, { encoding: 'windows-1252' });
    assert.deepEqual(latin.records.map((r) => r.value.name), ['Smith', 'M\u00fcller', 'Jones']);
    assert.deepEqual(latin.invalid, []);
  });

  test('reads JSON arrays and NDJSON with inferred types, malformed rows invalid with line and column', async () => {
    const path = folder('json', {
      'a.json': '[\n {"id": 1, "total": 9.5, "shipTo": {"country": "DE"}},\n {"id": 2, "total": 3,},\n {"id": 3, "total": 1}\n]',
      'b.ndjson': '{"id": 4, "total": 2.5}\n{"id": "five", "total": 1}\nnot json\n{"id": 6, "extra": true}\n',
    });
    // The schema comes from the first four rows, so the row with a text id is judged by it.
    const [stream] = await fileSource.discover(config(path, { sampleRows: 4 }), {});
    assert.deepEqual(stream.schema.fields.map((f) => [f.name, f.type]).slice(0, 2), [['id', ['null', 'long']], ['total', ['null', 'double']]]);
    const batches = await read(path, { batchSize: 100, schema: stream.schema });
    const [batch] = batches;
    assert.deepEqual(batch.records.map((r) => r.position), ['a.json:2', 'a.json:4', 'b.ndjson:1']);
    assert.deepEqual(batch.records[0].value, { id: 1, total: 9.5, shipTo: { country: 'DE' } });
    assert.deepEqual(batch.invalid.map((r) => [r.position, r.reasons.map((x) => `${x.code}:${x.field ?? ''}`).join(' ')]), [
      ['a.json:3', 'MALFORMED_ROW:'],
      ['b.ndjson:2', 'TYPE_MISMATCH:id'],
      ['b.ndjson:3', 'MALFORMED_ROW:'],
      ['b.ndjson:4', 'UNKNOWN_FIELD:extra'],
    ]);
    assert.match(batch.invalid[0].reasons[0].message, /^line 3, column 23: /);
    const type = parseAvroSchema(stream.schema);
    for (const record of batch.records) assert.deepEqual(JSON.parse(JSON.stringify(type.fromBuffer(type.toBuffer(record.value)))), JSON.parse(JSON.stringify(record.value)));
  });

  test('resumes from any batch cursor: finished files skipped, a partly read one continued, nothing repeated or skipped', async () => {
    const rows = (n: number, from: number) => Array.from({ length: n }, (_, i) => `${from + i},x`).join('\n');
    const path = folder('resume', { '1.csv': `id,v\n${rows(4, 1)}\n`, '2.csv': `id,v\n${rows(5, 5)}\n`, '3.ndjson': '{"id": 10}\n' });
    const all = await read(path, { batchSize: 3 });
    const everything = positions(all);
    assert.equal(everything.length, 10);
    for (const [i, batch] of all.entries()) {
      const rest = await read(path, { batchSize: 3, cursor: batch.cursor });
      const seen = positions(all.slice(0, i + 1));
      assert.deepEqual(positions(rest), everything.filter((p) => !seen.includes(p)), `resuming after batch ${i}`);
    }
    const interrupted = await read(path, { batchSize: 3 }, {}, 2);
    assert.deepEqual(JSON.parse(interrupted[1].cursor.state['2.csv']).rows, 2, 'stopped two rows into the second file');
  });

  test('an incremental read reads only new files and files that changed, whole', async () => {
    const path = folder('incremental', { 'a.csv': 'id\n1\n2\n', 'b.csv': 'id\n3\n' });
    const first = await read(path);
    const cursor = first.at(-1)!.cursor;
    assert.deepEqual(await read(path, { cursor }), [], 'nothing new, nothing read');
    writeFileSync(join(path, 'c.csv'), 'id\n4\n');
    appendFileSync(join(path, 'a.csv'), '5\n');
    utimesSync(join(path, 'a.csv'), new Date(), new Date(Date.now() + 5000));
    const next = await read(path, { cursor });
    assert.deepEqual(positions(next), ['a.csv:2', 'a.csv:3', 'a.csv:4', 'c.csv:2']);
  });

  test('streams a large file in batches', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `{"id": ${i}, "note": "${'n'.repeat(40)}"}`);
    const path = folder('large', { 'big.ndjson': `${lines.join('\n')}\n` });
    const sizes: number[] = [];
    let last: SourceBatch | undefined;
    for await (const batch of fileSource.read(config(path), {}, { stream: path, mode: 'full', batchSize: 1000 })) {
      sizes.push(batch.records.length);
      last = batch;
    }
    assert.deepEqual(sizes, [...Array(20).fill(1000), 0], 'twenty full batches, then one that only marks the file done');
    assert.deepEqual(JSON.parse(last!.cursor.state['big.ndjson']).done, true);
  });

  test('stays inside the file root: no climbing out, no absolute paths, no symlinks leading out', async () => {
    const root = folder('root', {});
    folder('root/drops', { 'a.csv': 'id\n1\n' });
    const outside = folder('outside', { 'secret.csv': 'token\nabc\n' });
    symlinkSync(outside, join(root, 'link'));
    symlinkSync(join(outside, 'secret.csv'), join(root, 'drops', 'b.csv'));
    const denied = (e: unknown) => e instanceof ConnectorError && e.code === 'denied';
    for (const path of ['../outside', outside, 'link']) {
      await assert.rejects(fileSource.discover(config(path), {}, { fileRoot: root }), denied, path);
      const check = await fileSource.check(config(path), {}, { fileRoot: root });
      assert.ok(!check.ok && check.code === 'denied', path);
    }
    await assert.rejects(collect(fileSource.read(config('drops'), {}, { stream: 'drops', mode: 'full', batchSize: 10, fileRoot: root })), denied);
  });

  test('check names a folder that does not exist', async () => {
    const result = await fileSource.check(config(join(dir.path, 'nope')), {});
    assert.ok(!result.ok && result.code === 'not-found' && result.reason.includes('nope'), JSON.stringify(result));
  });

  test('a CSV column that is not in the registered schema makes its rows invalid, naming it', async () => {
    const path = folder('schema', { 'a.csv': 'id\n1\n' });
    const [stream] = await fileSource.discover(config(path), {});
    writeFileSync(join(path, 'b.csv'), 'id,added\n2,x\n');
    const [batch] = await read(path, { schema: stream.schema });
    assert.deepEqual(batch.records.map((r) => r.value), [{ id: '1' }]);
    assert.deepEqual(batch.invalid.map((r) => [r.position, r.reasons[0].code, r.reasons[0].field]), [['b.csv:2', 'UNKNOWN_FIELD', 'added']]);
  });
});
