import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateMasterKey } from '@tributary/security';
import { tempDir } from '@tributary/testing';
import { ConfigError, parseControlPlaneConfig } from './control-plane-config';
import { localKeys } from './local-keys';

const KEY = generateMasterKey();
const PRODUCTION = {
  DATABASE_URL: 'postgresql://tributary@db:5432/tributary',
  TRIBUTARY_MASTER_KEYS: `prod1:${KEY}`,
  TRIBUTARY_JWT_SECRET: 'x'.repeat(40),
};

function failure(env: Record<string, string>): string {
  try {
    parseControlPlaneConfig(env, localKeys);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.message;
  }
  assert.fail('expected a ConfigError');
}

describe('control-plane config from the environment', () => {
  test('production settings parse, with defaults for the rest', () => {
    const config = parseControlPlaneConfig(PRODUCTION);
    assert.deepEqual(
      { host: config.host, port: config.port, dataDir: config.dataDir, fileRoot: config.fileRoot, ttl: config.accessTokenTtlSeconds, level: config.logLevel, key: config.keyring.currentKeyId },
      { host: '127.0.0.1', port: 8080, dataDir: '.tributary', fileRoot: '.tributary/files', ttl: 900, level: 'info', key: 'prod1' },
    );
    assert.equal(parseControlPlaneConfig({ ...PRODUCTION, TRIBUTARY_FILE_ROOT: '/srv/drops' }).fileRoot, '/srv/drops');
    assert.equal(config.bootstrapAdmin, undefined);
  });

  test('each bad variable is named, and no value is echoed', () => {
    assert.match(failure({ ...PRODUCTION, PORT: 'eighty' }), /^PORT: /);
    assert.match(failure({ ...PRODUCTION, DATABASE_URL: 'mysql://db/x' }), /^DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
    assert.match(failure({ ...PRODUCTION, TRIBUTARY_JWT_SECRET: 'short-secret' }), /^TRIBUTARY_JWT_SECRET: must be at least 32/);
    assert.match(failure({ ...PRODUCTION, LOG_LEVEL: 'loud' }), /^LOG_LEVEL: /);
    assert.match(failure({ ...PRODUCTION, TRIBUTARY_BOOTSTRAP_ADMIN_EMAIL: 'root@x.test' }), /^TRIBUTARY_BOOTSTRAP_ADMIN_PASSWORD: must be set together/);
    const badKey = failure({ ...PRODUCTION, TRIBUTARY_MASTER_KEYS: `prod1:${KEY.slice(0, 20)}` });
    assert.match(badKey, /^TRIBUTARY_MASTER_KEYS: /);
    assert.ok(!badKey.includes(KEY.slice(0, 20)));
    const several = failure({ ...PRODUCTION, PORT: '-1', TRIBUTARY_ACCESS_TOKEN_TTL_SECONDS: '5' });
    assert.deepEqual(several.split('\n').map((l) => l.split(':')[0]), ['PORT', 'TRIBUTARY_ACCESS_TOKEN_TTL_SECONDS']);
  });

  test('with DATABASE_URL set, the keys are required', () => {
    assert.equal(
      failure({ DATABASE_URL: PRODUCTION.DATABASE_URL }),
      'TRIBUTARY_MASTER_KEYS: is required when DATABASE_URL is set\nTRIBUTARY_JWT_SECRET: is required when DATABASE_URL is set',
    );
  });

  test('an empty variable counts as unset', () => {
    assert.equal(parseControlPlaneConfig({ ...PRODUCTION, PORT: '', TRIBUTARY_BOOTSTRAP_ADMIN_EMAIL: '' }).port, 8080);
  });

  test('embedded mode generates its keys into the data folder once and reuses them', () => {
    const data = tempDir('config');
    try {
      const first = parseControlPlaneConfig({ TRIBUTARY_DATA_DIR: data.path }, localKeys);
      const file = join(data.path, 'control-plane', 'keys.json');
      assert.ok(existsSync(file));
      assert.equal(statSync(file).mode & 0o777, 0o600);
      const second = parseControlPlaneConfig({ TRIBUTARY_DATA_DIR: data.path }, localKeys);
      assert.equal(second.jwtSecret, first.jwtSecret);
      assert.equal(second.keyring.currentKeyId, 'local1');
      assert.equal(first.databaseUrl, undefined);
    } finally {
      data.remove();
    }
  });

  test('the service exits 1 on bad configuration, naming the variable', () => {
    const result = spawnSync(process.execPath, ['--require', '@swc-node/register', join(__dirname, '..', 'main.ts')], {
      env: { ...process.env, ...PRODUCTION, PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /bad configuration\nPORT: /);
  });
});
