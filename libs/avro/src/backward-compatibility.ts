import { Type, types } from 'avsc';
import { parseAvroSchema } from './avro-schema';
import { DecimalType } from './logical-types/decimal-type';

export interface CompatibilityProblem {
  /** Where it breaks, as a field path in the new schema: `lines[].unitPrice`; '' for the root. */
  readonly path: string;
  readonly message: string;
  /** The kind of break, named as Avro's SchemaCompatibility names it (what Confluent's registry reports as errorType). */
  readonly type: IncompatibilityType;
}

export type IncompatibilityType =
  | 'NAME_MISMATCH'
  | 'FIXED_SIZE_MISMATCH'
  | 'MISSING_ENUM_SYMBOLS'
  | 'READER_FIELD_MISSING_DEFAULT_VALUE'
  | 'TYPE_MISMATCH'
  | 'MISSING_UNION_BRANCH';

type SchemaInput = string | object | Type;

/**
 * BACKWARD compatibility, Confluent's default level: consumers on the new schema can read every
 * record written with the old one. In Avro terms the new schema is the reader and the old one
 * the writer, so: adding a field needs a default (old data has no value for it); removing a field
 * is fine (the reader skips it); int -> long, long -> double, string <-> bytes are promotions the
 * reader can make; long -> int or a changed decimal scale are not.
 *
 * avsc's createResolver is the judge (it throws on anything it cannot read); this walk runs the
 * same rules field by field only to say *where* it breaks. An empty list means compatible.
 */
export function checkBackwardCompatible(oldSchema: SchemaInput, newSchema: SchemaInput): CompatibilityProblem[] {
  return checkCanRead(toType(newSchema), toType(oldSchema));
}

/** Problems reading data written with `writer` through `reader`; empty if it can. */
export function checkCanRead(reader: Type, writer: Type): CompatibilityProblem[] {
  const problems: CompatibilityProblem[] = [];
  walk(reader, writer, '', problems, new Set());
  if (problems.length === 0) {
    // The walk should have found anything the resolver refuses; this keeps the resolver the judge.
    const message = resolveError(reader, writer);
    if (message !== undefined) problems.push({ path: '', message, type: 'TYPE_MISMATCH' });
  }
  return problems;
}

function walk(reader: Type, writer: Type, path: string, problems: CompatibilityProblem[], visited: Set<string>): void {
  if (Type.isType(writer, 'union')) {
    for (const branch of (writer as types.UnwrappedUnionType).types) walkIntoReader(reader, branch, path, problems, visited);
    return;
  }
  if (Type.isType(reader, 'union')) {
    walkIntoReader(reader, writer, path, problems, visited);
    return;
  }
  if (Type.isType(reader, 'record', 'error') && Type.isType(writer, 'record', 'error')) {
    walkRecord(reader as types.RecordType, writer as types.RecordType, path, problems, visited);
  } else if (Type.isType(reader, 'array') && Type.isType(writer, 'array')) {
    walk((reader as types.ArrayType).itemsType, (writer as types.ArrayType).itemsType, `${path}[]`, problems, visited);
  } else if (Type.isType(reader, 'map') && Type.isType(writer, 'map')) {
    walk((reader as types.MapType).valuesType, (writer as types.MapType).valuesType, `${path}{}`, problems, visited);
  } else {
    const message = resolveError(reader, writer);
    if (message !== undefined) problems.push({ path, message: leafMessage(reader, writer) ?? message, type: leafType(reader, writer) });
  }
}

/** A non-union writer value read by `reader`, which may be a union: some branch must read it. */
function walkIntoReader(reader: Type, writer: Type, path: string, problems: CompatibilityProblem[], visited: Set<string>): void {
  if (!Type.isType(reader, 'union')) {
    walk(reader, writer, path, problems, visited);
    return;
  }
  const branches = (reader as types.UnwrappedUnionType).types;
  if (branches.some((branch) => resolveError(branch, writer) === undefined)) return;
  // No branch reads it: explain through the branch of the same kind (a record of the same name), if any.
  const sameKind = branches.find((branch) => branch.typeName === writer.typeName && branch.name === writer.name);
  if (sameKind) walk(sameKind, writer, path, problems, visited);
  else {
    problems.push({
      path,
      message: `${describeType(writer)} written by the old schema is not a branch of ${describeType(reader)}`,
      type: 'MISSING_UNION_BRANCH',
    });
  }
}

function walkRecord(
  reader: types.RecordType,
  writer: types.RecordType,
  path: string,
  problems: CompatibilityProblem[],
  visited: Set<string>,
): void {
  const key = `${reader.name}:${writer.name}`;
  if (visited.has(key)) return; // recursive schemas
  visited.add(key);
  if (reader.name !== writer.name && !(reader.aliases ?? []).includes(writer.name as string)) {
    problems.push({
      path,
      message: `record ${writer.name} is now ${reader.name}, without ${writer.name} among its aliases`,
      type: 'NAME_MISMATCH',
    });
    return;
  }
  const writerFields = new Map(writer.fields.map((field) => [field.name, field]));
  for (const field of reader.fields) {
    const fieldPath = path ? `${path}.${field.name}` : field.name;
    const matches = [field.name, ...field.aliases].filter((name) => writerFields.has(name));
    if (matches.length === 0) {
      if (field.defaultValue() === undefined) {
        problems.push({
          path: fieldPath,
          message: `field added without a default: records written before it have no value for it`,
          type: 'READER_FIELD_MISSING_DEFAULT_VALUE',
        });
      }
    } else if (matches.length > 1) {
      problems.push({
        path: fieldPath,
        message: `field matches several old fields through its aliases: ${matches.join(', ')}`,
        type: 'NAME_MISMATCH',
      });
    } else {
      walk(field.type, writerFields.get(matches[0])!.type, fieldPath, problems, visited);
    }
  }
}

function leafMessage(reader: Type, writer: Type): string | undefined {
  if (Type.isType(reader, 'enum') && Type.isType(writer, 'enum') && reader.name === writer.name) {
    const symbols = new Set((reader as types.EnumType).symbols);
    const removed = (writer as types.EnumType).symbols.filter((symbol) => !symbols.has(symbol));
    return `enum symbols removed without an enum default: ${removed.join(', ')}`;
  }
  return `${describeType(writer)} cannot be read as ${describeType(reader)}`;
}

function leafType(reader: Type, writer: Type): IncompatibilityType {
  if (reader.typeName !== writer.typeName) return 'TYPE_MISMATCH';
  if (Type.isType(reader, 'enum')) return reader.name === writer.name ? 'MISSING_ENUM_SYMBOLS' : 'NAME_MISMATCH';
  if (Type.isType(reader, 'fixed')) {
    return reader.name === writer.name ? 'FIXED_SIZE_MISMATCH' : 'NAME_MISMATCH';
  }
  return 'TYPE_MISMATCH';
}

function resolveError(reader: Type, writer: Type): string | undefined {
  try {
    reader.createResolver(writer);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** A type as a person would name it: `long`, `record io.tributary.Address`, `decimal(18,4) on bytes`. */
export function describeType(type: Type): string {
  if (type instanceof DecimalType) return `decimal(${type.precision},${type.scale}) on ${describeType(type.underlyingType)}`;
  if (Type.isType(type, 'logical')) {
    return `${type.typeName.slice('logical:'.length)} on ${describeType((type as types.LogicalType).underlyingType)}`;
  }
  if (Type.isType(type, 'union')) return `union [${(type as types.UnwrappedUnionType).types.map(describeType).join(', ')}]`;
  if (Type.isType(type, 'array')) return `array of ${describeType((type as types.ArrayType).itemsType)}`;
  if (Type.isType(type, 'map')) return `map of ${describeType((type as types.MapType).valuesType)}`;
  return type.name ? `${type.typeName} ${type.name}` : type.typeName;
}

function toType(schema: SchemaInput): Type {
  return Type.isType(schema) ? (schema as Type) : parseAvroSchema(schema as string | object);
}
