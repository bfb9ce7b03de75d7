import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { Keyring } from './keyring';
import { SecretBox } from './secret-box';
import { isSecretKey, PINO_REDACT_PATHS, REDACTED, redact, redactText } from './redact';

describe('isSecretKey', () => {
  test('recognises secret-looking keys in any spelling', () => {
    const secret = [
      'password', 'Password', 'PASSWORD', 'dbPassword', 'db_password', 'passwd', 'pwd', 'secret', 'clientSecret',
      'client_secret', 'secrets', 'token', 'accessToken', 'refresh_token', 'apiKey', 'api_key', 'X-Api-Key',
      'authorization', 'Authorization', 'proxy-authorization', 'credentials', 'credential', 'privateKey',
      'private_key', 'cookie', 'Set-Cookie', 'masterKeys', 'secretAccessKey', 'passwordHash', 'passphrase',
    ];
    for (const key of secret) assert.equal(isSecretKey(key), true, key);
  });

  test('leaves names about secrets readable', () => {
    const plain = ['secretName', 'secretRef', 'tokenUrl', 'tokenizer', 'keyId', 'key', 'recordKey', 'user', 'host', 'tenant', 'name'];
    for (const key of plain) assert.equal(isSecretKey(key), false, key);
  });
});

describe('redactText', () => {
  test('cuts credentials out of text', () => {
    assert.equal(redactText('postgres://app:hunter2@db:5432/tributary'), `postgres://app:${REDACTED}@db:5432/tributary`);
    assert.equal(redactText('connect mongodb+srv://u:p%40ss@x.net/db failed'), `connect mongodb+srv://u:${REDACTED}@x.net/db failed`);
    assert.equal(redactText('Authorization: Bearer abcdefgh12345678'), `Authorization: Bearer ${REDACTED}`);
    const basic = Buffer.from('user:pass').toString('base64');
    assert.equal(redactText(`Basic ${basic}`), `Basic ${REDACTED}`);
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTEifQ.c2lnbmF0dXJl';
    assert.equal(redactText(`token ${jwt} rejected`), `token ${REDACTED} rejected`);
    const apiKey = `trb_0123456789abcdef_${'A'.repeat(42)}w`;
    assert.equal(redactText(`key ${apiKey}!`), `key trb_0123456789abcdef_${REDACTED}!`);
  });

  test('leaves ordinary text alone', () => {
    for (const text of ['https://example.com/a?b=c', 'user@example.com', 'Basic authentication failed', 'bearer of news', 'a:b@c']) {
      assert.equal(redactText(text), text);
    }
  });
});

describe('redact', () => {
  test('replaces values under secret keys at any depth and keeps the rest', () => {
    const input = {
      tenant: 'acme',
      secretName: 'erp-db',
      connection: { host: 'db', port: 5432, password: 'hunter2', options: [{ apiKey: 'k-1', region: 'eu' }] },
      headers: { Authorization: 'Bearer abc', 'x-api-key': 'k-2', accept: 'json' },
      tokens: ['t1', 't2'],
      token: null,
      accessToken: undefined,
    };
    assert.deepEqual(redact(input), {
      tenant: 'acme',
      secretName: 'erp-db',
      connection: { host: 'db', port: 5432, password: REDACTED, options: [{ apiKey: REDACTED, region: 'eu' }] },
      headers: { Authorization: REDACTED, 'x-api-key': REDACTED, accept: 'json' },
      tokens: REDACTED,
      token: null,
      accessToken: undefined,
    });
  });

  test('redacts a whole subtree under a secret key, whatever it holds', () => {
    assert.deepEqual(redact({ credentials: { user: 'u', pass: 'p' } }), { credentials: REDACTED });
  });

  test('copies deeply and never modifies its input', () => {
    const input = { a: { password: 'x', list: [1, { b: 2 }] }, when: new Date(0), bytes: Buffer.from('ab') };
    const snapshot = structuredClone(input);
    const output = redact(input) as typeof input;
    assert.deepEqual(input, { ...snapshot, bytes: Buffer.from('ab') });
    assert.notEqual(output.a, input.a);
    assert.notEqual(output.a.list, input.a.list);
    assert.notEqual(output.when, input.when);
    assert.deepEqual(output.when, new Date(0));
    assert.deepEqual(output.bytes, Buffer.from('ab'));
    assert.notEqual(output.bytes, input.bytes);
  });

  test('passes primitives through, redacting credentials inside strings', () => {
    for (const value of [1, true, null, undefined, 10n, 'plain']) assert.equal(redact(value), value);
    assert.equal(redact('https://u:pw@h/'), `https://u:${REDACTED}@h/`);
  });

  test('handles cycles, shared references, maps, sets, errors and class instances', () => {
    const shared = { x: 1 };
    const cyclic: Record<string, unknown> = { name: 'loop', shared, again: shared };
    cyclic.self = cyclic;
    assert.deepEqual(redact(cyclic), { name: 'loop', shared: { x: 1 }, again: { x: 1 }, self: '[Circular]' });

    const map = new Map<unknown, unknown>([['password', 'x'], ['user', 'u'], [1, 'one']]);
    assert.deepEqual(redact(map), new Map<unknown, unknown>([['password', REDACTED], ['user', 'u'], [1, 'one']]));
    assert.deepEqual(redact(new Set(['a', { secret: 's' }])), new Set(['a', { secret: REDACTED }]));

    const error = Object.assign(new Error('login to postgres://app:hunter2@db failed'), { code: 'E1', password: 'hunter2' });
    const copied = redact(error) as Record<string, string>;
    assert.equal(copied.name, 'Error');
    assert.equal(copied.code, 'E1');
    assert.equal(copied.password, REDACTED);
    assert.ok(!JSON.stringify(copied).includes('hunter2'));

    class Connection {
      host = 'db';
      password = 'hunter2';
    }
    assert.deepEqual(redact(new Connection()), { host: 'db', password: REDACTED });
  });

  test('a SecretBox or Keyring inside a value shows key ids only', () => {
    const keyring = new Keyring([{ id: 'k1', key: Buffer.alloc(32, 0xab) }], 'KEYS');
    const text = JSON.stringify(redact({ box: new SecretBox(keyring) }));
    assert.ok(text.includes('"k1"') && !text.includes('171'), text);
  });
});

describe('PINO_REDACT_PATHS', () => {
  test('keeps secrets out of pino log lines, several levels deep', () => {
    const lines: string[] = [];
    const logger = pino({ redact: { paths: PINO_REDACT_PATHS, censor: REDACTED } }, { write: (line: string) => lines.push(line) });
    logger.info(
      {
        password: 'SECRET-0',
        req: { headers: { authorization: 'Bearer SECRET-1', cookie: 'SECRET-2', 'x-api-key': 'SECRET-3', host: 'cp' } },
        connection: { config: { auth: { clientSecret: 'SECRET-4', user: 'u' } } },
        users: [{ name: 'n', password: 'SECRET-5' }],
        accessToken: 'SECRET-6',
      },
      'login',
    );
    const line = JSON.parse(lines[0]);
    assert.ok(!lines[0].includes('SECRET-'), lines[0]);
    assert.equal(line.req.headers.host, 'cp');
    assert.equal(line.connection.config.auth.user, 'u');
    assert.equal(line.users[0].name, 'n');
    assert.equal(line.req.headers.authorization, REDACTED);
  });

  test('lists only keys that redact() also treats as secret', () => {
    for (const path of PINO_REDACT_PATHS) {
      const key = /\["([^"]+)"\]$/.exec(path)?.[1] ?? path.split('.').at(-1)!;
      assert.equal(isSecretKey(key), true, path);
    }
  });
});
