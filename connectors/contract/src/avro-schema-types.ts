// The Avro schemas that discover() returns, as JSON objects (what an .avsc file holds), typed
// for the subset connectors infer. Anything here parses with @tributary/avro's parseAvroSchema.

export type AvroPrimitiveName = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

/** A logical type over a primitive: decimal on bytes, date on int, timestamp-millis on long, uuid on string. */
export interface AvroLogicalSchema {
  readonly type: 'bytes' | 'int' | 'long' | 'string';
  readonly logicalType: 'decimal' | 'date' | 'timestamp-millis' | 'uuid';
  readonly precision?: number;
  readonly scale?: number;
}

export interface AvroArraySchema {
  readonly type: 'array';
  readonly items: AvroSchema;
}

export interface AvroFieldSchema {
  readonly name: string;
  readonly type: AvroSchema;
  readonly default?: unknown;
  readonly doc?: string;
  /**
   * Tributary's own attribute (Avro keeps unknown attributes as metadata): the field's name in
   * the source when that is not a valid Avro name ('Inv Date' for Inv_Date).
   */
  readonly sourceName?: string;
}

export interface AvroRecordSchema {
  readonly type: 'record';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly fields: readonly AvroFieldSchema[];
}

/** A union: a list of branches, e.g. ['null', 'string']. */
export type AvroUnionSchema = readonly AvroSchema[];

export type AvroSchema = AvroPrimitiveName | AvroLogicalSchema | AvroArraySchema | AvroRecordSchema | AvroUnionSchema;
