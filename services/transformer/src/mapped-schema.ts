import { parseFieldPath, type FieldSet, type FieldType } from '@tributary/transforms';

/** The mapped records' fields cannot be written as an Avro schema; names the field. */
export class MappedSchemaError extends Error {
  override readonly name = 'MappedSchemaError';

  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

const AVRO_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** How values of each field type are written. Decimals of unknown scale stay exact as text. */
const LEAF: Partial<Record<FieldType, unknown>> = {
  string: 'string',
  int: 'int',
  long: 'long',
  float: 'float',
  double: 'double',
  boolean: 'boolean',
  bytes: 'bytes',
  decimal: 'string',
  enum: 'string',
  // What an expression computes has no type the steps declare: carried as text ('12.5', 'true').
  unknown: 'string',
  date: { type: 'int', logicalType: 'date' },
  timestamp: { type: 'long', logicalType: 'timestamp-millis' },
};

interface Node {
  type: FieldType;
  children: Map<string, Node>;
}

/**
 * An Avro record schema for a pipeline's mapped records when its transform does not end with
 * `mapToSchema`: built from the fields the steps are known to produce (the raw schema's fields
 * carried through every step's outputFields). Every field is optional (`["null", T]`, default
 * null), so a later version that adds or drops fields stays BACKWARD compatible. A field whose
 * type no step declares (a `set` expression's result) is carried as text. A record or array
 * whose contents are not known, or a name Avro cannot carry, is a MappedSchemaError naming the
 * field: such a pipeline must end its transform with `mapToSchema`.
 */
export function mappedSchemaOf(fields: FieldSet, name: string, namespace = 'io.tributary.mapped'): Record<string, unknown> {
  const root: Node = { type: 'record', children: new Map() };
  for (const [path, type] of fields.entries()) {
    let node = root;
    for (const segment of parseFieldPath(path).segments) {
      const key = segment.kind === 'key' ? segment.key : '[]';
      let child = node.children.get(key);
      if (child === undefined) node.children.set(key, (child = { type: 'unknown', children: new Map() }));
      node = child;
    }
    node.type = type;
  }
  return { ...recordOf(root, name, ''), namespace };
}

function recordOf(node: Node, name: string, at: string): Record<string, unknown> {
  return {
    type: 'record',
    name,
    fields: [...node.children].map(([key, child]) => {
      const path = at === '' ? key : `${at}.${key}`;
      if (!AVRO_NAME.test(key)) throw new MappedSchemaError(`'${path}' is not a valid Avro field name; rename it, or end the transform with mapToSchema`, path);
      return { name: key, type: ['null', typeOf(child, `${name}_${key}`, path)], default: null };
    }),
  };
}

function typeOf(node: Node, name: string, path: string): unknown {
  const leaf = LEAF[node.type];
  if (leaf !== undefined) return leaf;
  if (node.type === 'record' && node.children.size > 0) return recordOf(node, name, path);
  const items = node.children.get('[]');
  if (node.type === 'array' && items !== undefined) return { type: 'array', items: ['null', typeOf(items, `${name}_item`, `${path}[]`)] };
  throw new MappedSchemaError(`the type of '${path}' is not known after the transform (${node.type}); end the transform with mapToSchema to give the mapped records their schema`, path);
}
