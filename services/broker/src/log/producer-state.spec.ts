import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ProducerBatch, ProducerStateTable } from './producer-state';

/** A batch of `count` records from producer 7 (epoch 0 unless told), placed at `baseOffset`. */
function batch(firstSeq: number, count: number, baseOffset: number, epoch = 0, producerId = 7): ProducerBatch {
  const lastSeq = (firstSeq + count - 1) % 2 ** 31;
  return { producerId, epoch, firstSeq, lastSeq, baseOffset, lastOffset: baseOffset + count - 1 };
}

function appendAll(table: ProducerStateTable, batches: ProducerBatch[]): void {
  assert.equal(table.check(batches).duplicate, null);
  for (const b of batches) table.apply(b);
}

function rejects(table: ProducerStateTable, b: ProducerBatch, type: string): void {
  assert.throws(() => table.check([b]), (err: { type?: string }) => err.type === type);
}

describe('producer state', () => {
  test('a retry of one of the last five batches is a duplicate answered with its original offsets', () => {
    const table = new ProducerStateTable();
    for (let i = 0; i < 6; i++) appendAll(table, [batch(i * 10, 10, 100 + i * 10)]);
    assert.deepEqual(table.check([batch(10, 10, 999)]).duplicate, { firstSeq: 10, lastSeq: 19, baseOffset: 110, lastOffset: 119 });
    assert.deepEqual(table.check([batch(50, 10, 999)]).duplicate?.baseOffset, 150);
    // The sixth-newest batch has left the window: no longer recognised, and out of order.
    rejects(table, batch(0, 10, 999), 'OUT_OF_ORDER_SEQUENCE_NUMBER');
  });

  test('a gap in sequence numbers is OUT_OF_ORDER_SEQUENCE_NUMBER', () => {
    const table = new ProducerStateTable();
    appendAll(table, [batch(0, 5, 0)]);
    rejects(table, batch(6, 1, 5), 'OUT_OF_ORDER_SEQUENCE_NUMBER');
    rejects(table, batch(3, 5, 5), 'OUT_OF_ORDER_SEQUENCE_NUMBER');
    assert.equal(table.check([batch(5, 1, 5)]).duplicate, null);
  });

  test('an older epoch is fenced and a newer one must start at sequence 0', () => {
    const table = new ProducerStateTable();
    appendAll(table, [batch(0, 5, 0, 3)]);
    rejects(table, batch(5, 1, 5, 2), 'INVALID_PRODUCER_EPOCH');
    rejects(table, batch(5, 1, 5, 4), 'OUT_OF_ORDER_SEQUENCE_NUMBER');
    appendAll(table, [batch(0, 1, 5, 4)]);
    assert.equal(table.entry(7)?.epoch, 4);
    assert.equal(table.entry(7)?.batches.length, 1, 'a new epoch starts a new window');
  });

  test('an unknown producer is accepted at any sequence, as Kafka 2.5+ does', () => {
    const table = new ProducerStateTable();
    assert.equal(table.check([batch(0, 1, 0, 0, 1)]).duplicate, null);
    assert.equal(table.check([batch(4242, 1, 0, 0, 2)]).duplicate, null);
  });

  test('sequences continue across the int32 wrap', () => {
    const table = new ProducerStateTable();
    appendAll(table, [batch(2 ** 31 - 3, 3, 0)]);
    assert.equal(table.entry(7)?.batches[0].lastSeq, 2 ** 31 - 1);
    appendAll(table, [batch(0, 2, 3)]);
    rejects(table, batch(1, 1, 5), 'OUT_OF_ORDER_SEQUENCE_NUMBER');
  });

  test('the batches of one append are checked in order against each other', () => {
    const table = new ProducerStateTable();
    assert.equal(table.check([batch(0, 2, 0), batch(2, 2, 2)]).duplicate, null);
    assert.throws(() => table.check([batch(0, 2, 0), batch(5, 2, 2)]), { type: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    assert.equal(table.size, 0, 'checking changes nothing');
  });

  test('producers without a batch at or above the log start are evicted', () => {
    const table = new ProducerStateTable();
    appendAll(table, [batch(0, 5, 0, 0, 1), batch(0, 5, 5, 0, 2)]);
    table.evictBefore(5);
    assert.equal(table.entry(1), undefined);
    assert.ok(table.entry(2));
  });

  test('the table survives a JSON round trip', () => {
    const table = new ProducerStateTable();
    appendAll(table, [batch(0, 5, 0), batch(5, 5, 5)]);
    const copy = ProducerStateTable.fromJSON(JSON.parse(JSON.stringify(table.toJSON())));
    assert.deepEqual(copy.entry(7), table.entry(7));
    assert.equal(copy.check([batch(5, 5, 99)]).duplicate?.baseOffset, 5);
  });

  test('producer id -1 is never checked', () => {
    const table = new ProducerStateTable();
    const plain = { producerId: -1, epoch: -1, firstSeq: -1, lastSeq: -1, baseOffset: 0, lastOffset: 0 };
    assert.equal(table.check([plain, plain]).duplicate, null);
    table.apply(plain);
    assert.equal(table.size, 0);
  });
});
