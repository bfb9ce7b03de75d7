import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OutboundQueue, type FrameSocket } from './outbound-queue';

/** A socket whose buffer empties only when the test says so, as a client's TCP window would. */
function heldSocket(): FrameSocket & { sent: string[]; flush(): void } {
  const pending: { frame: string; done: (error?: Error) => void }[] = [];
  const socket = {
    sent: [] as string[],
    bufferedAmount: 0,
    send(frame: string, done: (error?: Error) => void) {
      socket.bufferedAmount += frame.length;
      pending.push({ frame, done });
    },
    flush() {
      for (const { frame, done } of pending.splice(0)) {
        socket.bufferedAmount -= frame.length;
        socket.sent.push(frame);
        done();
      }
    },
  };
  return socket;
}

describe("a client's outbound frames, bounded twice", () => {
  test('frames go to the socket until its buffer reaches the high-water mark, the rest wait in order', () => {
    const socket = heldSocket();
    const queue = new OutboundQueue(socket, { socketHighWaterBytes: 10, maxQueuedBytes: 100 });
    for (const frame of ['aaaaaa', 'bbbbbb', 'cccccc', 'dddddd']) assert.equal(queue.push(frame), true);
    assert.equal(socket.bufferedAmount, 12);
    assert.equal(queue.queuedBytes, 12);
    socket.flush();
    socket.flush();
    assert.deepEqual(socket.sent, ['aaaaaa', 'bbbbbb', 'cccccc', 'dddddd']);
    assert.equal(queue.queuedBytes, 0);
  });

  test('past the queue limit push answers false, the queue lets go of its frames and takes no more', () => {
    const socket = heldSocket();
    const queue = new OutboundQueue(socket, { socketHighWaterBytes: 1, maxQueuedBytes: 20 });
    assert.equal(queue.push('x'.repeat(5)), true);
    assert.equal(queue.push('y'.repeat(15)), true);
    assert.equal(queue.push('z'.repeat(15)), false);
    assert.equal(queue.queuedBytes, 0);
    assert.equal(queue.peakQueuedBytes, 15);
    assert.equal(queue.push('late'), false);
  });

  test('a waiting reader is told once the queue is back under half its limit', () => {
    const socket = heldSocket();
    const queue = new OutboundQueue(socket, { socketHighWaterBytes: 1, maxQueuedBytes: 20 });
    queue.push('a'.repeat(4));
    queue.push('b'.repeat(12));
    let told = 0;
    assert.equal(queue.hasRoom(), false);
    queue.onRoom(() => told++);
    socket.flush();
    assert.equal(told, 1);
    assert.equal(queue.hasRoom(), true);
  });
});
