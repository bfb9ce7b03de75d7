import { AvroDecodeError } from './avro-errors';

/**
 * Confluent wire format
 * (https://docs.confluent.io/platform/current/schema-registry/fundamentals/serdes-develop/index.html#wire-format):
 *
 *   byte 0       magic byte, always 0
 *   bytes 1-4    schema id, 4-byte big-endian (a Java int, so signed; registries hand out positive ids)
 *   bytes 5-     the value in Avro binary encoding, written with that schema
 *
 * Byte-identical with Confluent's serializers and @kafkajs/confluent-schema-registry.
 */
export const MAGIC_BYTE = 0;
export const FRAME_HEADER_LENGTH = 5;

/** Writes the 5-byte header at the start of `frame`. */
export function writeFrameHeader(frame: Buffer, schemaId: number): void {
  frame[0] = MAGIC_BYTE;
  frame.writeInt32BE(schemaId, 1);
}

/** The schema id of a frame, after checking it has a whole header with the right magic byte. */
export function readFrameSchemaId(frame: Buffer | null | undefined): number {
  if (frame == null || frame.length < FRAME_HEADER_LENGTH) {
    const length = frame == null ? 'no value' : `${frame.length} bytes`;
    throw new AvroDecodeError('TRUNCATED_FRAME', `a Confluent Avro frame needs a 5-byte header, got ${length}`);
  }
  if (frame[0] !== MAGIC_BYTE) {
    throw new AvroDecodeError(
      'WRONG_MAGIC_BYTE',
      `a Confluent Avro frame starts with magic byte 0, got ${frame[0]}: the value is not Confluent-framed Avro`,
    );
  }
  return frame.readInt32BE(1);
}

/** Checks a schema id fits the header (a non-negative 32-bit signed int). */
export function assertSchemaId(schemaId: number): void {
  if (!Number.isInteger(schemaId) || schemaId < 0 || schemaId > 0x7fffffff) {
    throw new RangeError(`a schema id is an integer from 0 to 2^31-1, got ${schemaId}`);
  }
}
