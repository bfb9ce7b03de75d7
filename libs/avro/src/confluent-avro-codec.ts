import { Type } from 'avsc';
import { AvroDecodeError, AvroEncodeError } from './avro-errors';
import { parseAvroSchema } from './avro-schema';
import { checkCanRead } from './backward-compatibility';
import { SchemaRegistryClient, SchemaRegistryError } from './schema-registry-client';
import { formatValuePath } from './value-path';
import { FrameSlab } from './frame-slab';
import { FRAME_HEADER_LENGTH, assertSchemaId, readFrameSchemaId, writeFrameHeader } from './wire-format';

type Resolver = ReturnType<Type['createResolver']>;

export interface ConfluentAvroCodecOptions {
  /** Turns a registry's schema text into an avsc Type; parseAvroSchema (Tributary's logical types) by default. */
  readonly parseSchema?: (schema: string) => Type;
}

/**
 * Avro values in the Confluent wire format, against any SchemaRegistryClient.
 *
 * Caches: parsed types by schema id (ids are immutable in a registry, so forever), the latest id
 * by subject (looked up once: a producer keeps the version it started with, as Confluent's
 * serializer with use.latest.version does, until it registers a newer one through this codec),
 * and resolvers by (writer id, reader type). With warm caches encode and decode make no registry
 * call and no await: they return settled promises.
 */
export class ConfluentAvroCodec {
  private readonly typesById = new Map<number, Type>();
  private readonly pendingTypes = new Map<number, Promise<Type>>();
  private readonly latestIds = new Map<string, number>();
  private readonly resolvers = new WeakMap<Type, Map<number, Resolver>>();
  private readonly parseSchema: (schema: string) => Type;
  /** avsc writes each frame's Avro bytes straight into this, after room for the header. */
  private readonly frames = new FrameSlab();

  constructor(
    private readonly registry: SchemaRegistryClient,
    options: ConfluentAvroCodecOptions = {},
  ) {
    this.parseSchema = options.parseSchema ?? ((schema) => parseAvroSchema(schema));
  }

  /** Registers a schema under a subject, makes it the subject's id for encode, and returns the id. */
  async register(subject: string, schema: string | object): Promise<number> {
    const text = typeof schema === 'string' ? schema : JSON.stringify(schema);
    const type = this.parseSchema(text); // a schema avsc cannot parse never reaches the registry
    const id = await this.registry.register(subject, text);
    if (!this.typesById.has(id)) this.typesById.set(id, type);
    this.latestIds.set(subject, id);
    return id;
  }

  /**
   * A framed value written with the schema of `subjectOrId` (a subject's latest version, or a
   * schema id). The frame is a view of a shared slab (frame-slab.ts): copy one to keep it long.
   */
  encode(subjectOrId: string | number, value: unknown): Promise<Buffer> {
    const id = typeof subjectOrId === 'number' ? subjectOrId : this.latestIds.get(subjectOrId);
    const type = id === undefined ? undefined : this.typesById.get(id);
    if (type === undefined) return this.encodeAfterLookup(subjectOrId, value);
    try {
      return Promise.resolve(this.frame(id!, type, value));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The value of a frame, as written (read with its writer schema). Rejects with AvroDecodeError. */
  decode<T = unknown>(frame: Buffer): Promise<T> {
    try {
      const id = readFrameSchemaId(frame);
      const type = this.typesById.get(id);
      if (type !== undefined) return Promise.resolve(this.read(frame, id, type) as T);
      return this.writerType(id).then((writer) => this.read(frame, id, writer) as T);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * The value of a frame read through `reader` (Avro schema resolution: fields the reader added
   * take their defaults, fields it dropped are skipped, ints widen to longs...). Pass the same
   * Type instance every time: resolvers are cached by that instance and the frame's schema id.
   */
  async decodeWith<T = unknown>(frame: Buffer, reader: Type): Promise<T> {
    const id = readFrameSchemaId(frame);
    const writer = this.typesById.get(id) ?? (await this.writerType(id));
    return this.read(frame, id, reader, this.resolverFor(id, writer, reader)) as T;
  }

  /** The writer type for a schema id, from the cache or else the registry. */
  writerType(id: number): Promise<Type> {
    const cached = this.typesById.get(id);
    if (cached !== undefined) return Promise.resolve(cached);
    let pending = this.pendingTypes.get(id);
    if (pending === undefined) {
      pending = this.fetchType(id).finally(() => this.pendingTypes.delete(id));
      this.pendingTypes.set(id, pending);
    }
    return pending;
  }

  private async fetchType(id: number): Promise<Type> {
    let schema: string;
    try {
      schema = await this.registry.getSchema(id);
    } catch (error) {
      if (error instanceof SchemaRegistryError && error.type === 'SCHEMA_NOT_FOUND') {
        throw new AvroDecodeError('UNKNOWN_SCHEMA_ID', `the schema registry has no schema with id ${id}`, id, { cause: error });
      }
      throw error; // the registry is unreachable or failing: the caller decides whether to retry
    }
    let type: Type;
    try {
      type = this.parseSchema(schema);
    } catch (error) {
      const message = `the schema registry's schema ${id} does not parse: ${(error as Error).message}`;
      throw new AvroDecodeError('UNKNOWN_SCHEMA_ID', message, id, { cause: error });
    }
    this.typesById.set(id, type);
    return type;
  }

  private async encodeAfterLookup(subjectOrId: string | number, value: unknown): Promise<Buffer> {
    let id: number;
    let type: Type;
    try {
      if (typeof subjectOrId === 'number') {
        assertSchemaId(subjectOrId);
        id = subjectOrId;
      } else {
        id = (await this.registry.getLatest(subjectOrId)).id;
      }
      type = await this.writerType(id);
    } catch (error) {
      if (error instanceof SchemaRegistryError && error.type === 'SUBJECT_NOT_FOUND') {
        throw new AvroEncodeError('UNKNOWN_SCHEMA', `the schema registry has no subject ${subjectOrId}`, undefined, { cause: error });
      }
      if (error instanceof AvroDecodeError) throw new AvroEncodeError('UNKNOWN_SCHEMA', error.message, undefined, { cause: error });
      throw error;
    }
    if (typeof subjectOrId === 'string') this.latestIds.set(subjectOrId, id);
    return this.frame(id, type, value);
  }

  private frame(id: number, type: Type, value: unknown): Buffer {
    let frame: Buffer;
    try {
      frame = this.frames.write(type, value);
    } catch (error) {
      throw invalidValue(type, value, error);
    }
    writeFrameHeader(frame, id);
    return frame;
  }

  private read(frame: Buffer, id: number, reader: Type, resolver?: Resolver): unknown {
    let decoded: { value: unknown; offset: number };
    try {
      decoded = reader.decode(frame, FRAME_HEADER_LENGTH, resolver);
    } catch (error) {
      const message = `the Avro bytes do not match schema ${id}: ${(error as Error).message}`;
      throw new AvroDecodeError('PAYLOAD_MISMATCH', message, id, { cause: error });
    }
    if (decoded.offset < 0) {
      throw new AvroDecodeError('PAYLOAD_MISMATCH', `the Avro bytes end before the value of schema ${id} does (frame of ${frame.length} bytes)`, id);
    }
    if (decoded.offset !== frame.length) {
      const left = frame.length - decoded.offset;
      throw new AvroDecodeError('TRAILING_BYTES', `${left} bytes are left after the value of schema ${id} (frame of ${frame.length} bytes)`, id);
    }
    return decoded.value;
  }

  private resolverFor(id: number, writer: Type, reader: Type): Resolver {
    let byWriter = this.resolvers.get(reader);
    if (byWriter === undefined) this.resolvers.set(reader, (byWriter = new Map()));
    let resolver = byWriter.get(id);
    if (resolver === undefined) {
      try {
        resolver = reader.createResolver(writer);
      } catch (error) {
        const problems = checkCanRead(reader, writer).map((p) => `${p.path || '(root)'}: ${p.message}`);
        const message = `the reader schema cannot read data written with schema ${id}: ${problems.join('; ') || (error as Error).message}`;
        throw new AvroDecodeError('INCOMPATIBLE_READER_SCHEMA', message, id, { cause: error });
      }
      byWriter.set(id, resolver);
    }
    return resolver;
  }
}

function invalidValue(type: Type, value: unknown, cause: unknown): AvroEncodeError {
  let path: string | undefined;
  type.isValid(value, {
    errorHook: (segments: string[]) => {
      path ??= formatValuePath(type, segments);
    },
  });
  const where = path ? ` at ${path}` : '';
  const message = `the value does not match schema ${type.name ?? type.typeName}${where}: ${(cause as Error).message}`;
  return new AvroEncodeError('INVALID_VALUE', message, path ?? '', { cause });
}
