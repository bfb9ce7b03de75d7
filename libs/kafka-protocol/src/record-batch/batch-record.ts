/**
 * One record of a v2 batch, with its absolute offset and timestamp resolved:
 *
 *   Record =>
 *     length: varint
 *     attributes: int8          (unused)
 *     timestampDelta: varlong   (from the batch's baseTimestamp)
 *     offsetDelta: varint       (from the batch's baseOffset)
 *     keyLength: varint         (-1 = null)
 *     key: byte[]
 *     valueLength: varint       (-1 = null)
 *     value: byte[]
 *     Headers => [Header]       (count: varint)
 *       headerKeyLength: varint
 *       headerKey: String
 *       headerValueLength: varint (-1 = null)
 *       Value: byte[]
 */
export interface RecordHeader {
  readonly key: string;
  readonly value: Buffer | null;
}

export interface BatchRecord {
  readonly offset: number;
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly RecordHeader[];
}
