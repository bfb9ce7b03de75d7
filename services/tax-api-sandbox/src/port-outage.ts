import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { OutageWindows } from './outage-windows';

/**
 * What a `refuse` outage does to the HTTP listener: the port closes and every open connection
 * is cut (calls in flight fail with a socket error, new ones with ECONNREFUSED), as when
 * TAXMAN's load balancer loses its backends; when the outage ends the same port opens again.
 * The admin routes share the port, so they are unreachable for the outage's length too.
 */
export class PortOutage {
  private stopped = false;
  private reopening: NodeJS.Timeout | undefined;

  constructor(
    private readonly server: Server,
    private readonly address: { readonly host: string; readonly port: number },
    private readonly logger: Logger,
  ) {}

  follow(outages: OutageWindows): void {
    outages.onChange((outage) => {
      if (outage?.mode === 'refuse') this.close(outage.until);
      else this.reopen();
    });
  }

  /** No more reopening (the sandbox is shutting down). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.reopening);
  }

  private close(until: number): void {
    clearTimeout(this.reopening);
    if (!this.server.listening) return;
    this.server.close();
    // One turn later: the answer that started the outage (PUT /v1/knobs) is written by then.
    setImmediate(() => this.server.listening || this.server.closeAllConnections());
    this.logger.warn({ until: new Date(until).toISOString() }, 'outage: the port is closed');
  }

  private reopen(): void {
    if (this.stopped || this.server.listening) return;
    const { host, port } = this.address;
    const failed = (err: Error) => {
      // Another process may have taken the port meanwhile: keep trying, it is what a test waits for.
      this.logger.error({ err: err.message, port }, 'could not reopen the port; trying again');
      this.reopening = setTimeout(() => this.reopen(), 500);
    };
    this.server.once('error', failed);
    this.server.listen(port, host, () => {
      this.server.off('error', failed);
      this.logger.info({ port }, 'outage over: the port is open again');
    });
  }
}
