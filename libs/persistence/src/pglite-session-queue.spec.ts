import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from '@tributary/testing';
import { Client } from 'pg';
import { EmbeddedPostgres } from './embedded-postgres';

describe('the embedded database shared by several connections', () => {
  test('parameterised queries and transactions of concurrent clients never meet each other mid-sequence', async () => {
    const dir = tempDir('pglite-queue');
    const db = await EmbeddedPostgres.start(dir.path);
    const clients = Array.from({ length: 4 }, () => new Client({ connectionString: db.url }));
    try {
      await Promise.all(clients.map((c) => c.connect()));
      await clients[0].query('CREATE TABLE t (id int PRIMARY KEY, a text, b text, c text)');
      await Promise.all(
        clients.map(async (client, n) => {
          for (let i = 0; i < 100; i++) {
            const id = n * 1000 + i;
            if (i % 10 === 0) {
              await client.query('BEGIN');
              await client.query('INSERT INTO t VALUES ($1, $2, $3, $4)', [id, 'x', 'y', 'z']);
              await client.query('COMMIT');
            } else {
              await client.query('INSERT INTO t (id, a) VALUES ($1, $2)', [id, `v${i}`]);
            }
            const { rows } = await client.query('SELECT id, a FROM t WHERE id = $1 AND a IS NOT NULL', [id]);
            assert.equal(rows[0]?.id, id);
          }
        }),
      );
      const { rows } = await clients[0].query('SELECT count(*)::int AS n FROM t');
      assert.equal(rows[0].n, 400);
    } finally {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      await db.stop();
      dir.remove();
    }
  });
});
