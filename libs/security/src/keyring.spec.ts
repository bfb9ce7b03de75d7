import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { generateMasterKey, Keyring, KeyringError, keyMaterial, parseKeyring } from './keyring';

const VARIABLE = 'TRIBUTARY_MASTER_KEYS';
const key = (fill: number, bytes = 32) => Buffer.alloc(bytes, fill);
const b64 = (fill: number, bytes = 32) => key(fill, bytes).toString('base64');

function rejects(text: string, pattern: RegExp): KeyringError {
  let caught: unknown;
  assert.throws(() => parseKeyring(text, VARIABLE), (error: unknown) => ((caught = error), true));
  assert.ok(caught instanceof KeyringError, `expected KeyringError, got ${String(caught)}`);
  assert.match(caught.message, new RegExp(`^${VARIABLE}: `));
  assert.match(caught.message, pattern);
  return caught;
}

describe('parseKeyring', () => {
  test('reads key ids and keys in order, the first being current', () => {
    const keyring = parseKeyring(`k2:${b64(2)}, k1:${b64(1)}`, VARIABLE);
    assert.equal(keyring.currentKeyId, 'k2');
    assert.deepEqual(keyring.keyIds, ['k2', 'k1']);
    assert.equal(keyring.source, VARIABLE);
    assert.deepEqual(keyMaterial(keyring, 'k1'), key(1));
    assert.equal(keyMaterial(keyring, 'k3'), undefined);
  });

  test('accepts standard, url-safe, padded and unpadded base64', () => {
    const bytes = Buffer.from(Array.from({ length: 32 }, (_, i) => 250 - i * 3));
    const url = bytes.toString('base64url');
    const standard = bytes.toString('base64');
    assert.notEqual(url, standard.replace(/=+$/, ''), 'the fixture should contain + or /');
    const keyring = parseKeyring(`a:${standard},b:${url}`, VARIABLE);
    assert.deepEqual(keyMaterial(keyring, 'a'), bytes);
    assert.deepEqual(keyMaterial(keyring, 'b'), bytes);
  });

  test('a generated master key parses', () => {
    const keyring = parseKeyring(`k1:${generateMasterKey()}`, VARIABLE);
    assert.equal(keyMaterial(keyring, 'k1')?.length, 32);
  });

  test('rejects an empty list', () => {
    rejects('', /is empty/);
    rejects('   ', /is empty/);
  });

  test('rejects a key of the wrong length, naming the entry and key id', () => {
    const error = rejects(`k2:${b64(2)},k1:${b64(1, 16)}`, /entry 2 \(key id "k1"\) is 16 bytes; a master key must be 32 bytes/);
    assert.equal(error.source, VARIABLE);
    rejects(`k1:${b64(1, 33)}`, /entry 1 \(key id "k1"\) is 33 bytes/);
  });

  test('rejects an entry without a key id, without echoing it', () => {
    const secret = b64(7);
    const error = rejects(`k2:${b64(2)},${secret}`, /entry 2 has no "<keyId>:"/);
    assert.ok(!error.message.includes(secret));
  });

  test('rejects invalid key ids, duplicates, empty entries and non-base64 keys', () => {
    rejects(`k.1:${b64(1)}`, /entry 1 has an invalid key id/);
    rejects(`:${b64(1)}`, /entry 1 has an invalid key id/);
    rejects(`k1:${b64(1)},k1:${b64(2)}`, /entry 2 repeats key id "k1"/);
    rejects(`k1:${b64(1)},`, /entry 2 is empty/);
    const error = rejects('k1:not base64 at all!', /entry 1 \(key id "k1"\) is not base64/);
    assert.ok(!error.message.includes('not base64 at all!'));
  });

  test('never shows key material when printed or serialised', () => {
    const keyring = parseKeyring(`k2:${b64(0xab)},k1:${b64(0xcd)}`, VARIABLE);
    const shown = [inspect(keyring, { showHidden: true, depth: 5 }), JSON.stringify(keyring), String(Object.values(keyring))];
    for (const text of shown) {
      assert.ok(!text.includes(b64(0xab)) && !text.includes('abab') && !text.includes('171'), text);
    }
    assert.deepEqual(JSON.parse(JSON.stringify(keyring)), { source: VARIABLE, currentKeyId: 'k2', keyIds: ['k2', 'k1'] });
  });
});

describe('Keyring', () => {
  test('checks entries built without parsing too', () => {
    assert.throws(() => new Keyring([], 'kms'), /kms: holds no keys/);
    assert.throws(() => new Keyring([{ id: 'k1', key: key(1, 31) }], 'kms'), /kms: entry 1 \(key id "k1"\) is 31 bytes/);
    assert.equal(new Keyring([{ id: 'k1', key: key(1) }]).source, 'keyring');
  });

  test('copies the key bytes, so later changes to the caller buffer do not change the key', () => {
    const bytes = key(1);
    const keyring = new Keyring([{ id: 'k1', key: bytes }]);
    bytes.fill(9);
    assert.deepEqual(keyMaterial(keyring, 'k1'), key(1));
  });
});
