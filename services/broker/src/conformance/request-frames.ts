/**
 * Well-formed request frames, written with the protocol library's Encoder and RecordBatch
 * encoder, as seeds for the frame fuzzer. Each frame remembers where its int32 array counts
 * and int16 string lengths sit, so the fuzzer can lie about exactly those.
 * Grammar: https://kafka.apache.org/protocol#protocol_messages (request header v1; v2 for
 * ApiVersions v3, which adds a tagged-field section after client_id).
 */
import { encodeBatch, Encoder } from '@tributary/kafka-protocol';

export interface RequestFrame {
  readonly name: string;
  /** [int32 size][header][body]. */
  readonly bytes: Buffer;
  /** Byte positions of the int32 counts and int16 lengths inside `bytes`. */
  readonly lengths: readonly { readonly at: number; readonly width: 2 | 4 }[];
}

type BodyWriter = (e: Encoder, count: (n: number) => void, str: (s: string) => void) => void;

function frame(name: string, apiKey: number, version: number, writeBody: BodyWriter, flexibleHeader = false): RequestFrame {
  const e = new Encoder();
  const lengths: Array<{ at: number; width: 2 | 4 }> = [];
  const count = (n: number): void => void (lengths.push({ at: e.length, width: 4 }), e.int32(n));
  const str = (s: string): void => void (lengths.push({ at: e.length, width: 2 }), e.string(s));
  e.int32(0).int16(apiKey).int16(version).int32(1).nullableString('fuzz');
  if (flexibleHeader) e.uvarint(0);
  writeBody(e, count, str);
  e.patchInt32(0, e.length - 4);
  return { name, bytes: Buffer.from(e.finish()), lengths };
}

/** One frame per API the fuzzer starts from; all aim at `topic` partition 0 and never delete anything. */
export function seedFrames(topic: string): RequestFrame[] {
  const batch = encodeBatch({
    baseOffset: 0,
    records: [0, 1, 2].map((i) => ({
      timestamp: 1_700_000_000_000 + i, key: Buffer.from(`k${i}`), value: Buffer.from(`value ${i}`),
      headers: [{ key: 'h', value: Buffer.from([i]) }],
    })),
  });
  return [
    frame('ApiVersions v0', 18, 0, () => undefined),
    // librdkafka's opening request: compact strings for client software name and version.
    frame('ApiVersions v3', 18, 3, (e) => {
      for (const s of ['fuzz', '1.0']) e.uvarint(s.length + 1).raw(Buffer.from(s));
      e.uvarint(0);
    }, true),
    frame('Metadata v1', 3, 1, (e, count, str) => (count(1), str(topic))),
    frame('Metadata v4', 3, 4, (e, count, str) => (count(1), str(topic), e.boolean(false))),
    frame('Produce v3', 0, 3, (e, count, str) => {
      e.nullableString(null).int16(1).int32(1000);
      count(1); str(topic); count(1); e.int32(0); count(batch.length); e.raw(batch);
    }),
    frame('Fetch v4', 1, 4, (e, count, str) => {
      e.int32(-1).int32(100).int32(1).int32(1 << 20).int8(0);
      count(1); str(topic); count(1); e.int32(0).int64(0).int32(1 << 16);
    }),
    frame('ListOffsets v1', 2, 1, (e, count, str) => (e.int32(-1), count(1), str(topic), count(1), e.int32(0).int64(-1))),
    frame('FindCoordinator v1', 10, 1, (e, count, str) => (str('fuzz-group'), e.int8(0))),
    frame('OffsetFetch v1', 9, 1, (e, count, str) => (str('fuzz-group'), count(1), str(topic), count(1), e.int32(0))),
    frame('OffsetCommit v2', 8, 2, (e, count, str) => {
      str('fuzz-group'); e.int32(-1); str(''); e.int64(-1);
      count(1); str(topic); count(1); e.int32(0).int64(1); e.nullableString(null);
    }),
    frame('DescribeConfigs v0', 32, 0, (e, count, str) => (count(1), e.int8(2), str(topic), count(1), str('retention.ms'))),
    frame('SaslHandshake v1', 17, 1, (e, count, str) => str('PLAIN')),
    frame('InitProducerId v0', 22, 0, (e) => e.nullableString(null).int32(60_000)),
    frame('Heartbeat v0', 12, 0, (e, count, str) => (str('fuzz-group'), e.int32(1), str('no-such-member'))),
    frame('DescribeGroups v0', 15, 0, (e, count, str) => (count(2), str('fuzz-group'), str('fuzz-health'))),
    frame('ListGroups v0', 16, 0, () => undefined),
    // A consumer joining with a subscription (ConsumerProtocolSubscription v0) to the topic.
    frame('JoinGroup v0', 11, 0, (e, count, str) => {
      str('fuzz-join'); e.int32(1000); str(''); str('consumer'); count(1); str('range');
      const subscription = new Encoder().int16(0).int32(1).string(topic).nullableBytes(null).finish();
      count(subscription.length); e.raw(subscription);
    }),
  ];
}
