import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { parseClientFrame, type SubscribeFrame } from './client-frames';
import { CLOSE } from './close-codes';
import { CredentialError, type Caller, type CredentialVerifier } from './credentials';
import { OutboundQueue, type OutboundLimits } from './outbound-queue';
import { PartitionPositions } from './partition-positions';
import type { PipelineFeeds } from './pipeline-feeds';
import { serverFrames } from './server-frames';
import { Subscription, type ReplaySource } from './subscription';

export interface ConnectionSettings extends OutboundLimits {
  /** How long a client without a credential header has to send an `auth` frame. */
  readonly authTimeoutMs: number;
  /** How long a closed client has to read its close frame before its socket is destroyed. */
  readonly closeGraceMs: number;
}

export interface ConnectionDeps {
  readonly verifier: CredentialVerifier;
  readonly feeds: PipelineFeeds;
  /** The results topic of an active pipeline with a tax API sink; undefined for any other. */
  readonly replaySourceOf: (tenant: string, pipeline: string) => ReplaySource | undefined;
  readonly settings: ConnectionSettings;
  readonly logger: Logger;
  readonly closed: (connection: GatewayConnection) => void;
}

/** Frames a client may have in hand at once; past that it is flooding the gateway. */
const MAX_PENDING_FRAMES = 64;

/**
 * One client: authentication, its frames handled in order, its subscriptions, its outbound
 * queue. Every problem a client causes is answered with an error frame and the connection lives
 * on, except: no credential in time or a bad one (4401), reading too slowly (4008), flooding
 * (1008). Closing always ends in the socket's destruction, so a client that never reads its
 * close frame holds nothing.
 */
export class GatewayConnection {
  readonly queue: OutboundQueue;
  private readonly subscriptions = new Map<string, Subscription>();
  private caller: Caller | undefined;
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  private ended = false;
  private readonly authTimer: NodeJS.Timeout | undefined;

  /**
   * Listens at once, before any await: ws drops messages that arrive while nothing listens, and
   * a client may send its first subscribe in the same breath as the upgrade. A credential from
   * the upgrade's headers is checked as the first step of the frame chain, so frames sent right
   * after it wait for the answer, in order.
   */
  constructor(
    private readonly socket: WebSocket,
    private readonly deps: ConnectionDeps,
    headerCredential: string | undefined,
  ) {
    this.queue = new OutboundQueue(socket, deps.settings);
    socket.on('message', (data, isBinary) => this.received(isBinary ? undefined : data.toString()));
    socket.on('close', () => void this.cleanUp());
    socket.on('error', () => socket.terminate());
    this.authTimer = setTimeout(() => this.close(CLOSE.unauthenticated.code, CLOSE.unauthenticated.reason('no credential sent in time')), deps.settings.authTimeoutMs);
    if (headerCredential !== undefined) this.chain = this.authenticate(headerCredential).catch((error: Error) => this.unavailable(error));
  }

  /** Closes with a code and reason; destroys the socket if the client does not finish the close in time. */
  close(code: number, reason: string): void {
    if (this.ended) return;
    this.socket.close(code, reason);
    setTimeout(() => this.socket.terminate(), this.deps.settings.closeGraceMs).unref();
    void this.cleanUp();
  }

  private send(frame: string): void {
    if (!this.queue.push(frame)) this.slow();
  }

  private slow(): void {
    this.close(CLOSE.slowConsumer.code, CLOSE.slowConsumer.reason(this.deps.settings.maxQueuedBytes));
  }

  private async authenticate(credential: string): Promise<void> {
    let caller: Caller;
    try {
      caller = await this.deps.verifier.verify(credential);
    } catch (error) {
      if (!(error instanceof CredentialError)) throw error;
      return this.close(CLOSE.unauthenticated.code, CLOSE.unauthenticated.reason(error.message));
    }
    clearTimeout(this.authTimer);
    this.caller = caller;
    this.send(serverFrames.ready(caller.tenantId, caller.role));
  }

  private unavailable(error: Error): void {
    this.deps.logger.warn({ err: error.message }, 'a client frame could not be handled');
    this.send(serverFrames.error('unavailable', 'the gateway could not handle that frame now; try again shortly'));
  }

  private received(text: string | undefined): void {
    if (this.ended) return;
    if (++this.pending > MAX_PENDING_FRAMES) return this.close(1008, 'too many frames waiting; send the next after the answer to the last');
    this.chain = this.chain
      .then(() => this.handle(text))
      .catch((error: Error) => this.unavailable(error))
      .finally(() => this.pending--);
  }

  private async handle(text: string | undefined): Promise<void> {
    if (this.ended) return;
    if (text === undefined) return this.send(serverFrames.error('bad-frame', 'frames are JSON text, not binary'));
    const frame = parseClientFrame(text);
    if ('fault' in frame) return this.send(serverFrames.error('bad-frame', frame.fault));
    if (frame.type === 'ping') return this.send(serverFrames.pong(frame.id));
    if (frame.type === 'auth') {
      if (this.caller) return this.send(serverFrames.error('bad-frame', 'already authenticated'));
      return this.authenticate(frame.token);
    }
    const caller = this.caller;
    if (!caller) return this.send(serverFrames.error('unauthenticated', 'send {"type":"auth","token":...} first'));
    const tenant = frame.tenant ?? caller.tenantId;
    if (tenant !== caller.tenantId && !caller.platformAdmin) {
      return this.send(serverFrames.error('forbidden', `you may subscribe to tenant '${caller.tenantId}' only, not '${tenant}'`, { tenant, pipeline: frame.pipeline }));
    }
    if (frame.type === 'subscribe') return this.subscribe(tenant, frame);
    const subscription = this.subscriptions.get(`${tenant}/${frame.pipeline}`);
    if (!subscription) return this.send(serverFrames.error('not-found', `not subscribed to '${frame.pipeline}'`, { tenant, pipeline: frame.pipeline }));
    await this.drop(subscription);
    this.send(serverFrames.unsubscribed(tenant, frame.pipeline));
  }

  private async subscribe(tenant: string, frame: SubscribeFrame): Promise<void> {
    const key = `${tenant}/${frame.pipeline}`;
    const where = { tenant, pipeline: frame.pipeline };
    if (this.subscriptions.has(key)) return this.send(serverFrames.error('bad-frame', `already subscribed to '${frame.pipeline}'; unsubscribe first`, where));
    const source = this.deps.replaySourceOf(tenant, frame.pipeline);
    if (!source) return this.send(serverFrames.error('not-found', `tenant '${tenant}' has no active pipeline '${frame.pipeline}' with results`, where));
    let subscription: Subscription;
    try {
      const offsets = await source.offsets();
      const start = new Map<number, bigint>();
      for (const [partition, { low, high }] of offsets) {
        const after = frame.after?.[String(partition)];
        start.set(partition, after !== undefined ? after + 1n : frame.from === 'earliest' ? low : high);
      }
      if (this.ended) return;
      subscription = new Subscription(tenant, frame.pipeline, new PartitionPositions(start), this.queue, source, () => this.slow(), (error) => this.failed(subscription, error));
      this.subscriptions.set(key, subscription);
      this.send(serverFrames.subscribed(tenant, frame.pipeline, subscription.positions.lastSeen()));
      await this.deps.feeds.add(subscription);
    } catch (error) {
      this.deps.logger.warn({ tenant, pipeline: frame.pipeline, err: (error as Error).message }, 'a subscription could not start');
      const started = this.subscriptions.get(key);
      if (started) await this.drop(started);
      return this.send(serverFrames.error('unavailable', 'the results cannot be read now; subscribe again shortly', where));
    }
    subscription.catchUp();
  }

  private failed(subscription: Subscription, error: Error): void {
    this.deps.logger.warn({ tenant: subscription.tenant, pipeline: subscription.pipeline, err: error.message }, 'reading results for a subscription failed');
    void this.drop(subscription).then(() =>
      this.send(serverFrames.error('unavailable', 'reading results failed; subscribe again with your last offsets', { tenant: subscription.tenant, pipeline: subscription.pipeline })),
    );
  }

  private async drop(subscription: Subscription): Promise<void> {
    const key = `${subscription.tenant}/${subscription.pipeline}`;
    if (this.subscriptions.get(key) === subscription) this.subscriptions.delete(key);
    this.deps.feeds.remove(subscription);
    await subscription.close();
  }

  private async cleanUp(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.authTimer);
    const subscriptions = [...this.subscriptions.values()];
    this.subscriptions.clear();
    for (const subscription of subscriptions) this.deps.feeds.remove(subscription);
    await Promise.all(subscriptions.map((s) => s.close()));
    this.deps.closed(this);
  }
}
