import type { IncomingMessage } from 'node:http';
import type { ConfluentAvroCodec } from '@tributary/avro';
import { stageTopic } from '@tributary/pipeline-spec';
import type { ActivePipeline } from '@tributary/service-runtime';
import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { CLOSE } from './close-codes';
import { credentialOf, type CredentialError, type CredentialVerifier } from './credentials';
import { GatewayConnection, type ConnectionSettings } from './gateway-connection';
import { PipelineFeeds } from './pipeline-feeds';
import { resultFrameDecoder } from './server-frames';
import type { ReplaySource } from './subscription';
import { TopicReader, type ReadRecord } from './topic-reader';

export interface ResultsGatewayOptions {
  readonly kafka: Kafka;
  readonly codec: ConfluentAvroCodec;
  /** The active pipelines (the runtime's PipelineDirectory). */
  readonly pipelines: { find(tenant: string, pipeline: string): ActivePipeline | undefined };
  readonly verifier: CredentialVerifier;
  readonly settings: ConnectionSettings;
  /** How long a pipeline's live reader outlives its last subscriber. */
  readonly feedIdleMs: number;
  /** Kafka group ids of the gateway's readers start with this (one group per reader, nothing committed). */
  readonly groupPrefix: string;
  readonly logger: Logger;
}

/**
 * The gateway without its transport: takes accepted websockets, authenticates them, and wires
 * each client's subscriptions to the shared live feeds and to catch-up reads of the topic.
 */
export class ResultsGateway {
  private readonly connections = new Set<GatewayConnection>();
  private readonly feeds: PipelineFeeds;
  /** The most bytes any one client's queue has held since start: bounded by its limit. */
  private peakQueuedBytes = 0;
  private admin: Admin | undefined;

  constructor(private readonly options: ResultsGatewayOptions) {
    this.feeds = new PipelineFeeds(
      (tenant, pipeline, onRecords, onError) => this.openFeed(tenant, pipeline, onRecords, onError),
      options.feedIdleMs,
      (tenant, pipeline, error) => options.logger.error({ tenant, pipeline, err: error.message }, 'a live results reader failed'),
    );
  }

  async start(): Promise<void> {
    this.admin = this.options.kafka.admin();
    await this.admin.connect();
  }

  /** A websocket the server accepted, with the upgrade request (its headers may carry the credential). */
  accept(socket: WebSocket, request: IncomingMessage): void {
    let credential: string | undefined;
    try {
      credential = credentialOf(request.headers);
    } catch (error) {
      socket.close(CLOSE.unauthenticated.code, CLOSE.unauthenticated.reason((error as CredentialError).message));
      setTimeout(() => socket.terminate(), this.options.settings.closeGraceMs).unref();
      return;
    }
    const connection = new GatewayConnection(
      socket,
      {
        verifier: this.options.verifier,
        feeds: this.feeds,
        replaySourceOf: (tenant, pipeline) => this.replaySourceOf(tenant, pipeline),
        settings: this.options.settings,
        logger: this.options.logger,
        closed: (c) => {
          this.connections.delete(c);
          this.peakQueuedBytes = Math.max(this.peakQueuedBytes, c.queue.peakQueuedBytes);
        },
      },
      credential,
    );
    this.connections.add(connection);
  }

  /** What is open now: a test's and an operator's view of what the gateway holds. */
  stats(): { connections: number; feeds: number; subscriptions: number; queuedBytes: number; peakQueuedBytes: number } {
    let queuedBytes = 0;
    let peakQueuedBytes = this.peakQueuedBytes;
    for (const connection of this.connections) {
      queuedBytes += connection.queue.queuedBytes;
      peakQueuedBytes = Math.max(peakQueuedBytes, connection.queue.peakQueuedBytes);
    }
    return { connections: this.connections.size, ...this.feeds.stats(), queuedBytes, peakQueuedBytes };
  }

  async close(): Promise<void> {
    for (const connection of [...this.connections]) connection.close(CLOSE.goingAway.code, CLOSE.goingAway.reason());
    await this.feeds.close();
    await this.admin?.disconnect();
  }

  private replaySourceOf(tenant: string, pipeline: string): ReplaySource | undefined {
    const active = this.options.pipelines.find(tenant, pipeline);
    if (!active || !active.plan.topics.some((t) => t.stage === 'results')) return undefined;
    const topic = stageTopic(tenant, pipeline, 'results');
    const frameOf = resultFrameDecoder(this.options.codec, tenant, pipeline);
    return {
      offsets: () => this.offsetsOf(topic),
      reader: (start, onRecords, onError) =>
        new TopicReader({ kafka: this.options.kafka, topic, groupPrefix: `${this.options.groupPrefix}.replay`, start, frameOf, onRecords, onError }),
    };
  }

  private async openFeed(tenant: string, pipeline: string, onRecords: (records: readonly ReadRecord[]) => void, onError: (error: Error) => void) {
    const topic = stageTopic(tenant, pipeline, 'results');
    const offsets = await this.offsetsOf(topic);
    const start = new Map([...offsets].map(([partition, { high }]) => [partition, high]));
    const reader = new TopicReader({
      kafka: this.options.kafka,
      topic,
      groupPrefix: `${this.options.groupPrefix}.live`,
      start,
      frameOf: resultFrameDecoder(this.options.codec, tenant, pipeline),
      onRecords: (_partition, records) => {
        onRecords(records);
        return records.length;
      },
      onError,
    });
    await reader.start();
    return reader;
  }

  private async offsetsOf(topic: string): Promise<Map<number, { low: bigint; high: bigint }>> {
    if (!this.admin) throw new Error('the gateway is not started');
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, { low: BigInt(o.low), high: BigInt(o.high) }]));
  }
}
