/** The part of a `ws` WebSocket the queue drives. */
export interface FrameSocket {
  readonly bufferedAmount: number;
  send(text: string, done: (error?: Error) => void): void;
}

export interface OutboundLimits {
  /** Bytes handed to the socket and not yet written to the kernel, above which sending waits. */
  readonly socketHighWaterBytes: number;
  /** Bytes waiting in the queue, above which the client counts as too slow and is dropped. */
  readonly maxQueuedBytes: number;
}

/**
 * One client's frames on their way out, with memory bounded twice: the socket is handed frames
 * only while its own buffer (ws `bufferedAmount`) is under a high-water mark, and the frames
 * waiting here may not pass `maxQueuedBytes`. A client that reads slower than its results arrive
 * fills both; `push` then answers false and the caller closes it with a reason. Nothing is ever
 * dropped silently: a frame is either sent, or the client is told it was too slow.
 */
export class OutboundQueue {
  private readonly frames: string[] = [];
  private head = 0;
  private queued = 0;
  private overflowed = false;
  private readonly drainListeners: (() => void)[] = [];
  /** The most bytes this queue ever held: what a memory test checks against the limit. */
  peakQueuedBytes = 0;

  constructor(
    private readonly socket: FrameSocket,
    private readonly limits: OutboundLimits,
  ) {}

  get queuedBytes(): number {
    return this.queued;
  }

  /** Queues a frame and sends what the socket takes. False: the limit is passed and nothing more is taken. */
  push(frame: string): boolean {
    if (this.overflowed) return false;
    const size = Buffer.byteLength(frame);
    if (this.queued + size > this.limits.maxQueuedBytes) {
      this.overflowed = true;
      this.frames.length = 0;
      this.head = 0;
      this.queued = 0;
      return false;
    }
    this.frames.push(frame);
    this.queued += size;
    if (this.queued > this.peakQueuedBytes) this.peakQueuedBytes = this.queued;
    this.pump();
    return true;
  }

  /** Whether the queue is under half its limit: where a replay that paused may read on. */
  hasRoom(): boolean {
    return !this.overflowed && this.queued < this.limits.maxQueuedBytes / 2;
  }

  /** Called once, the next time the queue has room again. */
  onRoom(listener: () => void): void {
    if (this.hasRoom()) listener();
    else this.drainListeners.push(listener);
  }

  private pump(): void {
    while (this.head < this.frames.length && this.socket.bufferedAmount < this.limits.socketHighWaterBytes) {
      const frame = this.frames[this.head];
      this.frames[this.head++] = '';
      this.queued -= Buffer.byteLength(frame);
      // ws calls back once the frame is written to the kernel: the socket may take more then.
      this.socket.send(frame, (error) => {
        if (!error) this.pump();
      });
    }
    if (this.head > 1024 && this.head * 2 > this.frames.length) {
      this.frames.splice(0, this.head);
      this.head = 0;
    }
    if (this.hasRoom()) for (const listener of this.drainListeners.splice(0)) listener();
  }
}
