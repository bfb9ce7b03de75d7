import { createServer, type Server, type Socket } from 'node:net';
import { Long, type Document } from 'mongodb';
import { DoubleCollection, type IndexSpec, type WriteError } from './double-collection';
import { UnsupportedOperatorError } from './document-match';
import { encodeReply, readMessages, type WireRequest } from './wire-messages';

/**
 * A test double of a MongoDB server: a standalone mongod as far as the official driver (7.x)
 * can tell, for the commands the MongoDB sink uses — hello/isMaster, ping, buildInfo,
 * endSessions, createIndexes, listIndexes, insert, update (with upsert, ordered or not), find,
 * delete, drop — over real TCP and the real wire protocol (OP_QUERY handshake, OP_MSG with
 * document sequences), BSON by the driver's own `bson`.
 *
 * Why a double: no MongoDB server can be had on these machines (no binaries can be downloaded)
 * and no pure-JS MongoDB-compatible server installs from the npm registry here. What it does not
 * cover: transactions, aggregation, cursors past the first batch, authentication, TLS,
 * replica sets and retryable-write semantics, write concern, the query and update operators not
 * listed in document-match.ts (which it refuses rather than ignores). The sink's code keeps to
 * what MongoDB documents; this double only lets its tests run against the real driver.
 */
export class MongoWireDouble {
  private readonly databases = new Map<string, Map<string, DoubleCollection>>();
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  private replyId = 1;
  private connectionId = 0;
  /** Commands by name, as received: what a test can assert the driver sent. */
  readonly commandsSeen: string[] = [];
  private failures: { command: string; remaining: number; error: WriteError }[] = [];

  /** Starts listening on 127.0.0.1 (a free port unless given); resolves to the connection URL. */
  async start(port = 0): Promise<string> {
    const server = createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return this.url();
  }

  url(): string {
    const address = this.server?.address();
    if (!address || typeof address === 'string') throw new Error('the MongoDB double is not listening');
    return `mongodb://127.0.0.1:${address.port}/?directConnection=true`;
  }

  /** Stops listening and drops every connection: to the driver, the server went away. Data is kept. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Answers the next `times` commands named `command` with this error (ok: 0), like mongod's failCommand fail point. */
  failCommand(command: string, times: number, error: WriteError): void {
    this.failures.push({ command, remaining: times, error });
  }

  collection(database: string, name: string): DoubleCollection {
    let collections = this.databases.get(database);
    if (!collections) this.databases.set(database, (collections = new Map()));
    let collection = collections.get(name);
    if (!collection) collections.set(name, (collection = new DoubleCollection(`${database}.${name}`)));
    return collection;
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    const connectionId = ++this.connectionId;
    let buffer: Buffer = Buffer.alloc(0);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      try {
        const { messages, rest } = readMessages(buffer);
        buffer = rest;
        for (const request of messages) socket.write(encodeReply(request, this.replyId++, this.answer(request, connectionId)));
      } catch {
        socket.destroy(); // a frame we cannot read: mongod closes the connection too
      }
    });
  }

  private answer(request: WireRequest, connectionId: number): Document {
    const name = Object.keys(request.command)[0];
    this.commandsSeen.push(name);
    const failure = this.failures.find((f) => f.command === name && f.remaining > 0);
    if (failure) {
      failure.remaining--;
      return { ok: 0, code: failure.error.code, errmsg: failure.error.errmsg };
    }
    try {
      return { ...this.run(name, request.command, connectionId), ok: 1 };
    } catch (error) {
      const code = error instanceof UnsupportedOperatorError ? 2 : 8000;
      return { ok: 0, code, errmsg: (error as Error).message };
    }
  }

  private run(name: string, command: Document, connectionId: number): Document {
    const db = String(command.$db ?? 'admin');
    switch (name.toLowerCase()) {
      case 'hello':
      case 'ismaster':
        return hello(connectionId);
      case 'ping':
      case 'endsessions':
      case 'killcursors':
        return {};
      case 'buildinfo':
        return { version: '7.0.0-wire-double', versionArray: [7, 0, 0, 0] };
      case 'createindexes':
        return this.createIndexes(this.collection(db, command.createIndexes), command.indexes as Document[]);
      case 'listindexes':
        return cursor(`${db}.${command.listIndexes}`, this.collection(db, command.listIndexes).indexes.map((i) => ({ v: 2, key: i.key, name: i.name, ...(i.unique && i.name !== '_id_' && { unique: true }) })));
      case 'insert':
        return this.writes(command.documents as Document[], command.ordered !== false, (doc) => this.collection(db, command.insert).insert(doc));
      case 'update':
        return this.update(this.collection(db, command.update), command.updates as Document[], command.ordered !== false);
      case 'find':
        return cursor(`${db}.${command.find}`, this.collection(db, command.find).find(command.filter ?? {}, command.sort, command.limit));
      case 'delete': {
        const collection = this.collection(db, command.delete);
        return { n: (command.deletes as Document[]).reduce((n, d) => n + collection.delete(d.q, d.limit), 0) };
      }
      case 'drop':
        this.databases.get(db)?.delete(command.drop);
        return {};
      default:
        throw new Error(`no such command: '${name}' (not implemented by this test server)`);
    }
  }

  private createIndexes(collection: DoubleCollection, indexes: Document[]): Document {
    const before = collection.indexes.length;
    for (const index of indexes) {
      const outcome = collection.createIndex({ name: index.name, key: index.key, unique: index.unique === true } as IndexSpec);
      if ('error' in outcome) throw Object.assign(new Error(outcome.error.errmsg), { code: outcome.error.code });
    }
    return { numIndexesBefore: before, numIndexesAfter: collection.indexes.length, createdCollectionAutomatically: before === 1 };
  }

  private update(collection: DoubleCollection, updates: Document[], ordered: boolean): Document {
    let matched = 0;
    let modified = 0;
    const upserted: Document[] = [];
    const reply = this.writes(updates, ordered, (u, index) => {
      const outcome = collection.update(u.q, u.u, u.upsert === true);
      if (outcome.kind === 'error') return outcome.error;
      if (outcome.kind === 'matched') {
        matched++;
        if (outcome.modified) modified++;
      }
      if (outcome.kind === 'upserted') upserted.push({ index, _id: outcome.id });
      return undefined;
    });
    return { ...reply, n: matched + upserted.length, nModified: modified, ...(upserted.length > 0 && { upserted }) };
  }

  /** Runs each write; an ordered batch stops at the first error, an unordered one goes on (as mongod). */
  private writes(items: Document[], ordered: boolean, write: (item: Document, index: number) => WriteError | undefined): Document {
    const writeErrors: Document[] = [];
    let n = 0;
    for (const [index, item] of items.entries()) {
      const error = write(item, index);
      if (error) {
        writeErrors.push({ index, code: error.code, errmsg: error.errmsg });
        if (ordered) break;
      } else n++;
    }
    return { n, ...(writeErrors.length > 0 && { writeErrors }) };
  }
}

function hello(connectionId: number): Document {
  return {
    helloOk: true,
    ismaster: true,
    isWritablePrimary: true,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
  };
}

function cursor(ns: string, firstBatch: Document[]): Document {
  return { cursor: { id: Long.fromNumber(0), ns, firstBatch } };
}
