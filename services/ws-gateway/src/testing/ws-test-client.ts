import type { Socket } from 'node:net';
import WebSocket from 'ws';

/** A server frame as a test reads it. */
export type Frame = { type: string; [field: string]: unknown };

/**
 * A websocket client for the gateway's specs: keeps every frame received, waits for frames by
 * predicate, and can stop reading its socket (a slow consumer, as far as TCP is concerned).
 */
export class WsTestClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.frames.push(JSON.parse(data.toString()) as Frame));
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Connects (headers may carry the credential); resolves once the websocket is open. */
  static connect(url: string, headers: Record<string, string> = {}): Promise<WsTestClient> {
    const socket = new WebSocket(url, { headers });
    const client = new WsTestClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
    });
  }

  send(frame: object | string): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame (from `from` on) matching `predicate`, waiting for it if need be. */
  async next(predicate: (frame: Frame) => boolean, from = 0, timeoutMs = 20_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Waits until `count` result frames have arrived; returns them. */
  async results(count: number, timeoutMs = 20_000): Promise<Frame[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.resultFrames().length < count) {
      if (Date.now() > deadline) throw new Error(`${this.resultFrames().length} of ${count} results within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.resultFrames();
  }

  resultFrames(): Frame[] {
    return this.frames.filter((f) => f.type === 'result');
  }

  /** Stops reading the TCP socket: what the server sends piles up in the kernel, then in the server. */
  stopReading(): void {
    (this.socket as unknown as { _socket: Socket })._socket.pause();
  }

  resumeReading(): void {
    (this.socket as unknown as { _socket: Socket })._socket.resume();
  }

  close(): Promise<unknown> {
    this.socket.close();
    return this.closed;
  }
}
