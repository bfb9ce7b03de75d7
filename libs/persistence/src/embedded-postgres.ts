import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PGliteSessionQueue } from './pglite-session-queue';

/**
 * PGlite (PostgreSQL compiled to WebAssembly) persisted in a folder and served on a loopback
 * port through pglite-socket, so the control plane talks to it with the same `pg` driver, the
 * same TypeORM options and the same migrations as a real PostgreSQL: one code path.
 *
 * pglite-socket multiplexes several connections onto the single-session PGlite; our queue keeps
 * a connection's extended-query sequence and its transaction together (pglite-session-queue.ts).
 * Callers should still keep their pools small: one session serves them all, one at a time.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lockFile: string,
    /** `postgresql://postgres@127.0.0.1:<port>/postgres`: no password, loopback only. */
    readonly url: string,
  ) {}

  static async start(folder: string, options: { maxConnections?: number; port?: number } = {}): Promise<EmbeddedPostgres> {
    mkdirSync(folder, { recursive: true });
    const lockFile = takeFolderLock(folder);
    try {
      const db = await PGlite.create(join(folder, 'data'));
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections: options.maxConnections ?? 64 });
      // Connections take their queue from the server when they attach, so this replaces it for all.
      (server as unknown as { queryQueue: PGliteSessionQueue }).queryQueue = new PGliteSessionQueue(db);
      try {
        await server.start();
      } catch (err) {
        await db.close();
        throw err;
      }
      const url = `postgresql://postgres@${server.getServerConn()}/postgres`;
      return new EmbeddedPostgres(db, server, lockFile, url);
    } catch (err) {
      rmSync(lockFile, { force: true });
      throw err;
    }
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    rmSync(this.lockFile, { force: true });
  }
}

/**
 * Two processes writing one PGlite folder would corrupt it (PGlite has no postmaster to refuse
 * the second), so the folder carries a lock file with the owner's pid. A lock left by a process
 * that is gone (a crash) is taken over.
 */
function takeFolderLock(folder: string): string {
  const lockFile = join(folder, 'tributary.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return lockFile;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(lockFile, 'utf8').trim());
      if (owner && owner !== process.pid && processIsAlive(owner)) {
        throw new Error(`the embedded database folder ${folder} is in use by process ${owner}; stop it or point TRIBUTARY_DATA_DIR elsewhere`);
      }
      if (owner === process.pid) {
        throw new Error(`the embedded database folder ${folder} is already open in this process`);
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`could not lock the embedded database folder ${folder}`);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
