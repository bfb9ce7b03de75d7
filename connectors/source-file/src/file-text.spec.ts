import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@tributary/testing';
import { fileText, NotTextError } from './file-text';

describe('fileText', () => {
  let dir: ReturnType<typeof tempDir>;
  before(() => {
    dir = tempDir('file-text');
  });
  after(() => dir.remove());

  const file = (name: string, bytes: Buffer) => {
    const path = join(dir.path, name);
    writeFileSync(path, bytes);
    return path;
  };
  async function read(path: string, encoding?: 'utf-8' | 'windows-1252'): Promise<{ text: string; error?: NotTextError }> {
    let text = '';
    try {
      for await (const chunk of fileText(path, encoding)) text += chunk;
    } catch (error) {
      if (!(error instanceof NotTextError)) throw error;
      return { text, error };
    }
    return { text };
  }

  test('characters of every UTF-8 length split across 64 KiB chunks come out whole, U+FEFF included', async () => {
    const unit = 'a\u00e9\u20ac\u{1f600}\ufeff'; // 1, 2, 3, 4 and 3 bytes
    const text = '\ufeff' + unit.repeat(25_000); // 325,003 bytes: chunk ends fall inside every kind of sequence
    assert.deepEqual(await read(file('split.txt', Buffer.from(text, 'utf8'))), { text });
  });

  test('at the first bad byte: the text before it, then NotTextError naming that byte', async () => {
    const before = 'x'.repeat(70_000);
    const bytes = Buffer.concat([Buffer.from(before + '\u00e9', 'utf8'), Buffer.from([0xc3, 0x28]), Buffer.from('after', 'utf8')]);
    const { text, error } = await read(file('bad.txt', bytes));
    assert.equal(text, before + '\u00e9');
    assert.equal(error?.byte, 70_002);
  });

  test('a file that ends inside a sequence is not text either; windows-1252 reads every byte, the euro sign and curly quotes too', async () => {
    const path = file('cut.txt', Buffer.from([0x61, 0x62, 0xe2, 0x82]));
    const { text, error } = await read(path);
    assert.deepEqual([text, error?.byte], ['ab', 2]);
    assert.deepEqual(await read(path, 'windows-1252'), { text: 'ab\u00e2\u201a' });
    const export1252 = file('cp1252.txt', Buffer.from([0x80, 0x20, 0x93, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x94, 0x20, 0x96, 0x20, 0x81]));
    assert.deepEqual(await read(export1252, 'windows-1252'), { text: '\u20ac \u201cM\u00fcller\u201d \u2013 \u0081' });
  });
});
