/**
 * The embedded broker: a TCP (or TLS) listener speaking the Kafka protocol over the topic
 * store (./log) and the group coordinator (./groups). Single node: node id 1 leads every
 * partition and coordinates every group.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { resolveTopicConfig } from '@tributary/kafka-protocol';
import pino, { type Logger } from 'pino';
import type { BrokerCore } from './broker-core';
import { FileOffsetStore, GroupCoordinator } from './groups';
import { requestDispatcher } from './handlers';
import { SaslGate } from './handlers/sasl';
import { writeFileAtomic } from './log/durable-write';
import { TopicStore } from './log/topic-store';
import { Connection } from './network/connection';
import { ProducerIdBlock } from './producer-id-block';

export interface BrokerOptions {
  readonly host: string;
  /** 0 picks a free port; `broker.port` tells which. */
  readonly port: number;
  readonly dataDir: string;
  /** What Metadata and FindCoordinator tell clients to connect to; the listen address by default. */
  readonly advertisedHost?: string;
  readonly advertisedPort?: number;
  readonly autoCreateTopics?: boolean;
  readonly defaultPartitions?: number;
  /** Kafka's socket.request.max.bytes. */
  readonly maxFrameBytes?: number;
  readonly groupInitialRebalanceDelayMs?: number;
  readonly groupMinSessionTimeoutMs?: number;
  readonly groupMaxSessionTimeoutMs?: number;
  /** SASL/PLAIN users (name → password); SASL is off when absent. */
  readonly saslPlainUsers?: Readonly<Record<string, string>>;
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
  /** How often retention and compaction run. */
  readonly maintenanceIntervalMs?: number;
  readonly logger?: Logger;
}

export class Broker {
  private readonly connections = new Set<Connection>();
  private maintenance?: NodeJS.Timeout;

  private constructor(
    private readonly server: Server,
    private readonly core: BrokerCore,
    readonly port: number,
  ) {}

  static async start(options: BrokerOptions): Promise<Broker> {
    const log = options.logger ?? pino({ name: 'broker' });
    mkdirSync(options.dataDir, { recursive: true });
    const clusterId = readOrCreateClusterId(options.dataDir);
    const topics = TopicStore.open(join(options.dataDir, 'topics'), {
      resolveConfig: (overrides) => resolveTopicConfig(overrides),
      onError: (err) => log.error({ err: err.message }, 'log error'),
    });
    const groups = new GroupCoordinator({
      offsetStore: await FileOffsetStore.open(join(options.dataDir, 'consumer-offsets.log')),
      initialRebalanceDelayMs: options.groupInitialRebalanceDelayMs ?? 3000,
      minSessionTimeoutMs: options.groupMinSessionTimeoutMs ?? 6000,
      maxSessionTimeoutMs: options.groupMaxSessionTimeoutMs ?? 1_800_000,
    });
    const sasl = new SaslGate(options.saslPlainUsers ? new Map(Object.entries(options.saslPlainUsers)) : null);
    const server = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }) : createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const core: BrokerCore = {
      nodeId: 1,
      clusterId,
      advertisedHost: options.advertisedHost ?? options.host,
      advertisedPort: options.advertisedPort ?? port,
      autoCreateTopics: options.autoCreateTopics ?? true,
      defaultPartitions: options.defaultPartitions ?? 1,
      topics,
      groups,
      producerIds: new ProducerIdBlock(join(options.dataDir, 'producer-ids.json')),
      log,
    };
    const broker = new Broker(server, core, port);
    const dispatch = requestDispatcher(core, sasl);
    const maxFrameBytes = options.maxFrameBytes ?? 104_857_600;
    server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
      const connection = new Connection(socket, dispatch, sasl, log, maxFrameBytes);
      broker.connections.add(connection);
      socket.on('close', () => broker.connections.delete(connection));
    });
    broker.maintenance = setInterval(() => broker.maintain(), options.maintenanceIntervalMs ?? 30_000).unref();
    log.info({ host: options.host, port, advertised: `${core.advertisedHost}:${core.advertisedPort}`, dataDir: options.dataDir, tls: !!options.tls, sasl: sasl.enabled }, 'broker listening');
    return broker;
  }

  /** Stops accepting, drops connections (clients reconnect elsewhere or later), then closes storage cleanly. */
  async stop(): Promise<void> {
    clearInterval(this.maintenance);
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const connection of this.connections) connection.close();
    await closed;
    await this.core.groups.close();
    await this.core.topics.close();
    this.core.log.info('broker stopped');
  }

  private maintain(): void {
    try {
      this.core.topics.maintain();
    } catch (err) {
      this.core.log.error({ err: (err as Error).message }, 'log maintenance failed');
    }
  }
}

function readOrCreateClusterId(dataDir: string): string {
  const path = join(dataDir, 'meta.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')).clusterId;
  const clusterId = randomUUID().replace(/-/g, '').slice(0, 22);
  writeFileAtomic(path, JSON.stringify({ clusterId }));
  return clusterId;
}
