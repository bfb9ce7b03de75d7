/**
 * Why a Confluent-framed Avro value could not be decoded. The reason is meant to travel: a stage
 * that fails to decode a record sends it to `<p>.errors` with the reason as the ErrorRecord's
 * reason code, so an operator can tell a producer bug from a registry outage.
 */
export type AvroDecodeReason =
  /** Byte 0 is not the Confluent magic byte 0: not Confluent-framed Avro (or a newer framing). */
  | 'WRONG_MAGIC_BYTE'
  /** Fewer than the 5 header bytes (magic byte and schema id), including an empty or null value. */
  | 'TRUNCATED_FRAME'
  /** The registry does not know the frame's schema id. */
  | 'UNKNOWN_SCHEMA_ID'
  /** The Avro bytes do not follow the writer schema: too short, a bad union index, a bad enum index... */
  | 'PAYLOAD_MISMATCH'
  /** The writer schema was read to its end and bytes are left over: not what the writer wrote. */
  | 'TRAILING_BYTES'
  /** The reader schema cannot read data written with the writer schema (Avro schema resolution). */
  | 'INCOMPATIBLE_READER_SCHEMA';

export class AvroDecodeError extends Error {
  override readonly name = 'AvroDecodeError';

  constructor(
    readonly reason: AvroDecodeReason,
    message: string,
    readonly schemaId?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Why a value could not be encoded. */
export type AvroEncodeReason =
  /** The value does not match the schema; `path` names the first field that does not. */
  | 'INVALID_VALUE'
  /** The registry knows no schema under this id, or no version under this subject. */
  | 'UNKNOWN_SCHEMA';

export class AvroEncodeError extends Error {
  override readonly name = 'AvroEncodeError';

  constructor(
    readonly reason: AvroEncodeReason,
    message: string,
    /** Path of the offending field, e.g. `lines[2].unitPrice`; empty for the value itself. */
    readonly path?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
