import WebSocket from 'ws';

export type Frame = { type: string; [field: string]: unknown };

/** A customer's websocket to the gateway: every frame it received, and a way to wait for some. */
export class WsClient {
  readonly frames: Frame[] = [];
  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => this.frames.push(JSON.parse(data.toString()) as Frame));
  }

  static async open(url: string, token: string): Promise<WsClient> {
    const socket = new WebSocket(`${url}/v1/results`, { headers: { authorization: `Bearer ${token}` } });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const client = new WsClient(socket);
    await client.next((f) => f.type === 'ready');
    return client;
  }

  send(frame: Frame): void {
    this.socket.send(JSON.stringify(frame));
  }

  /** The first frame (from now or already received) that `match` accepts. */
  async next(match: (frame: Frame) => boolean, timeoutMs = 60_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such frame within ${timeoutMs / 1000} s; got ${JSON.stringify(this.frames.slice(-5))}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  results(pipeline: string): Frame[] {
    return this.frames.filter((f) => f.type === 'result' && f.pipeline === pipeline);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
