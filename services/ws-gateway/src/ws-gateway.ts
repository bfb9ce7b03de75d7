import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '@tributary/persistence';
import type { BaseConfig, ServiceContext, StartedService } from '@tributary/service-runtime';
import { WebSocketServer, type WebSocket } from 'ws';
import type { z } from 'zod';
import { CredentialVerifier } from './credentials';
import { ResultsGateway } from './results-gateway';
import type { WS_GATEWAY_ENV } from './ws-gateway-env';

export type WsGatewayConfig = BaseConfig & z.output<z.ZodObject<typeof WS_GATEWAY_ENV>>;

export interface RunningWsGateway extends StartedService {
  /** ws://host:port/path of the listener. */
  readonly url: string;
  readonly gateway: ResultsGateway;
}

/** Client frames are small commands; anything larger is not one. */
const MAX_CLIENT_FRAME_BYTES = 64 * 1024;
/** Protocol pings find connections whose peer vanished without a close (a pulled cable). */
const HEARTBEAT_MS = 30_000;

/**
 * The shell: the users and API keys database, the gateway, and a `ws` server on its own port.
 * Health and metrics are the runtime's, on PORT.
 */
export async function startWsGateway(ctx: ServiceContext, config: WsGatewayConfig): Promise<RunningWsGateway> {
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: ctx.dataDir, poolSize: 4 });
  const gateway = new ResultsGateway({
    kafka: ctx.kafka,
    codec: ctx.codec,
    pipelines: ctx.pipelines,
    verifier: new CredentialVerifier(database.dataSource, config.TRIBUTARY_JWT_SECRET),
    settings: { maxQueuedBytes: config.WS_MAX_QUEUED_BYTES, socketHighWaterBytes: config.WS_SOCKET_HIGH_WATER_BYTES, authTimeoutMs: config.WS_AUTH_TIMEOUT_MS, closeGraceMs: 5000 },
    feedIdleMs: config.WS_FEED_IDLE_MS,
    groupPrefix: `_tributary.ws-gateway.${ctx.name}`,
    logger: ctx.logger,
  });
  await gateway.start();
  const server = createServer((_request, response) => response.writeHead(426, { 'content-type': 'text/plain' }).end('a websocket endpoint: connect with a websocket client\n'));
  const sockets = new WebSocketServer({ server, path: config.WS_PATH, maxPayload: MAX_CLIENT_FRAME_BYTES });
  const alive = new WeakSet<WebSocket>();
  sockets.on('connection', (socket, request) => {
    alive.add(socket);
    socket.on('pong', () => alive.add(socket));
    gateway.accept(socket, request);
  });
  const heartbeat = setInterval(() => {
    for (const socket of sockets.clients) {
      if (!alive.has(socket)) socket.terminate();
      else {
        alive.delete(socket);
        socket.ping();
      }
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.WS_PORT, config.WS_HOST, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `ws://${host}:${address.port}${config.WS_PATH}`;
  ctx.logger.info({ url }, 'websocket gateway listening');
  return {
    url,
    gateway,
    ready: () => server.listening,
    async stop() {
      clearInterval(heartbeat);
      await gateway.close();
      for (const socket of sockets.clients) socket.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
