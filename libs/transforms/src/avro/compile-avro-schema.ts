// Compiles an Avro schema (JSON, as in an .avsc file) into coercers, once per pipeline:
// records, enums, arrays, maps, fixed, unions, named references (recursive types too), and
// the logical types of avro-primitives.ts. Values are converted where the conversion is
// unambiguous ('12' to int 12) and every misfit is reported with its path.
import { describeValue } from '../expression/values';
import { primitiveType, logicalType } from './avro-primitives';
import { AvroSchemaError, type AvroType } from './avro-type';
import { CoercionTrail } from './coercion-trail';
import { recordCoercion, type RecordField } from './record-coercion';

type At = readonly (string | number)[];
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Date);

class SchemaCompiler {
  private readonly named = new Map<string, AvroType>();

  compile(schema: unknown, at: At, namespace: string | undefined): AvroType {
    if (typeof schema === 'string') return this.reference(schema, at, namespace);
    if (Array.isArray(schema)) return this.union(schema, at, namespace);
    if (!isPlainObject(schema)) throw new AvroSchemaError(`expected a type name, a type object or a union list, got ${describeValue(schema)}`, at);
    const type = schema.type;
    if (typeof type !== 'string') return this.compile(type, [...at, 'type'], namespace);
    const logical = typeof schema.logicalType === 'string' ? logicalType(schema.logicalType, type, schema) : undefined;
    if (logical !== undefined) {
      if (type === 'fixed') this.register(schema, at, namespace, logical);
      return logical;
    }
    if (type === 'record' || type === 'error') return this.record(schema, at, namespace);
    if (type === 'enum') return this.enumType(schema, at, namespace);
    if (type === 'array') return this.array(this.compile(schema.items, [...at, 'items'], namespace));
    if (type === 'map') return this.map(this.compile(schema.values, [...at, 'values'], namespace));
    if (type === 'fixed') return this.fixed(schema, at, namespace);
    return this.reference(type, [...at, 'type'], namespace);
  }

  private reference(name: string, at: At, namespace: string | undefined): AvroType {
    const primitive = primitiveType(name);
    if (primitive !== undefined) return primitive;
    const found = (namespace !== undefined && !name.includes('.') ? this.named.get(`${namespace}.${name}`) : undefined) ?? this.named.get(name);
    if (found === undefined) throw new AvroSchemaError(`unknown type '${name}'`, at);
    return found;
  }

  private register(schema: Record<string, unknown>, at: At, namespace: string | undefined, type: AvroType): string | undefined {
    const name = schema.name;
    if (typeof name !== 'string' || !name.split('.').every((p) => NAME.test(p))) throw new AvroSchemaError(`a ${String(schema.type)} needs a valid name, got ${describeValue(name)}`, [...at, 'name']);
    const ns = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : typeof schema.namespace === 'string' ? schema.namespace : namespace;
    const full = name.includes('.') || !ns ? name : `${ns}.${name}`;
    if (this.named.has(full)) throw new AvroSchemaError(`type '${full}' is defined twice`, [...at, 'name']);
    this.named.set(full, type);
    return ns || undefined;
  }

  private record(schema: Record<string, unknown>, at: At, namespace: string | undefined): AvroType {
    if (!Array.isArray(schema.fields)) throw new AvroSchemaError('a record needs a fields list', [...at, 'fields']);
    const fields: RecordField[] = [];
    const label = `record ${String(schema.name)}`;
    let complete = false;
    // Registered before its fields compile, so a field may refer to the record itself.
    const type: AvroType = {
      label,
      fieldType: 'record',
      nullable: false,
      accepts: isPlainObject,
      coerce: recordCoercion(label, fields, () => complete),
      children: () => fields.map((f) => ({ key: f.name, type: f.type, required: !f.hasDefault && !f.type.nullable })),
    };
    const ns = this.register(schema, at, namespace, type);
    const seen = new Set<string>();
    schema.fields.forEach((field, i) => {
      const fieldAt = [...at, 'fields', i];
      if (!isPlainObject(field) || typeof field.name !== 'string' || !NAME.test(field.name)) throw new AvroSchemaError('a field needs a valid name', [...fieldAt, 'name']);
      if (seen.has(field.name)) throw new AvroSchemaError(`field '${field.name}' is defined twice`, [...fieldAt, 'name']);
      seen.add(field.name);
      const fieldType = this.compile(field.type, [...fieldAt, 'type'], ns);
      const hasDefault = hasOwn(field, 'default');
      let value: unknown = field.default;
      if (hasDefault && value !== null) {
        const trail = new CoercionTrail();
        value = fieldType.coerce(field.default, trail);
        if (trail.errors !== undefined && trail.errors.length > 0) throw new AvroSchemaError(`the default of '${field.name}' does not fit its type: ${trail.errors[0].message}`, [...fieldAt, 'default']);
      }
      fields.push({ name: field.name, inherited: field.name in Object.prototype, type: fieldType, passes: fieldType.passesTypeof, leaf: fieldType.leaf === true, hasDefault, default: value, copyDefault: typeof value === 'object' && value !== null });
    });
    complete = true;
    return type;
  }

  private enumType(schema: Record<string, unknown>, at: At, namespace: string | undefined): AvroType {
    const symbols = schema.symbols;
    if (!Array.isArray(symbols) || symbols.length === 0 || !symbols.every((s) => typeof s === 'string' && NAME.test(s))) {
      throw new AvroSchemaError('an enum needs a list of symbol names', [...at, 'symbols']);
    }
    const set = new Set<unknown>(symbols);
    const label = `enum ${String(schema.name)}`;
    const type: AvroType = {
      label,
      fieldType: 'enum',
      nullable: false,
      leaf: true,
      accepts: (v) => set.has(v),
      coerce: (v, trail) => (set.has(v) ? v : trail.fail(`expected one of ${symbols.join(', ')}, got ${describeValue(v)}`)),
    };
    this.register(schema, at, namespace, type);
    return type;
  }

  private fixed(schema: Record<string, unknown>, at: At, namespace: string | undefined): AvroType {
    const size = schema.size;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) throw new AvroSchemaError('a fixed needs a size', [...at, 'size']);
    const accepts = (v: unknown) => v instanceof Uint8Array && v.length === size;
    const type: AvroType = { label: `fixed(${size})`, fieldType: 'bytes', nullable: false, leaf: true, accepts, coerce: (v, trail) => (accepts(v) ? v : trail.fail(`expected ${size} bytes, got ${describeValue(v)}`)) };
    this.register(schema, at, namespace, type);
    return type;
  }

  private array(items: AvroType): AvroType {
    return {
      label: `array of ${items.label}`,
      fieldType: 'array',
      nullable: false,
      accepts: Array.isArray,
      coerce(v, trail) {
        if (!Array.isArray(v)) return trail.fail(`expected an array, got ${describeValue(v)}`);
        const out = new Array(v.length);
        for (let i = 0; i < v.length; i++) {
          trail.push(i);
          out[i] = items.coerce(v[i], trail);
          trail.pop();
        }
        return out;
      },
      children: () => [{ key: '[]', type: items }],
    };
  }

  private map(values: AvroType): AvroType {
    return {
      label: `map of ${values.label}`,
      fieldType: 'map',
      nullable: false,
      accepts: isPlainObject,
      coerce(v, trail) {
        if (!isPlainObject(v)) return trail.fail(`expected a map, got ${describeValue(v)}`);
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(v)) {
          trail.push(k);
          Object.defineProperty(out, k, { value: values.coerce(v[k], trail), writable: true, enumerable: true, configurable: true });
          trail.pop();
        }
        return out;
      },
    };
  }

  private union(schema: unknown[], at: At, namespace: string | undefined): AvroType {
    if (schema.length === 0) throw new AvroSchemaError('a union needs at least one branch', at);
    const branches = schema.map((b, i) => this.compile(b, [...at, i], namespace));
    if (schema.some(Array.isArray)) throw new AvroSchemaError('a union cannot contain a union', at);
    const nullable = branches.some((b) => b.fieldType === 'null');
    const others = branches.filter((b) => b.fieldType !== 'null');
    const label = `[${branches.map((b) => b.label).join(', ')}]`;
    const only = others.length === 1 ? others[0] : undefined;
    return {
      label,
      fieldType: only?.fieldType ?? (others.length === 0 ? 'null' : 'unknown'),
      nullable,
      passesTypeof: only?.passesTypeof,
      leaf: others.every((b) => b.leaf === true),
      accepts(v) {
        if (v === null || v === undefined) return nullable;
        for (let i = 0; i < others.length; i++) if (others[i].accepts(v)) return true;
        return false;
      },
      coerce(v, trail) {
        if (v === null || v === undefined) return nullable ? null : trail.fail(`expected ${label}, got null`);
        if (only !== undefined) return only.coerce(v, trail);
        for (const b of others) if (b.accepts(v)) return b.coerce(v, trail);
        // No exact fit: the first branch that converts without complaint wins.
        for (const b of others) {
          const before = trail.errors?.length ?? 0;
          const out = b.coerce(v, trail);
          if ((trail.errors?.length ?? 0) === before) return out;
          trail.errors!.length = before;
        }
        return trail.fail(`expected ${label}, got ${describeValue(v)}`);
      },
      children: only?.children,
    };
  }
}

/** Compiles a schema; throws AvroSchemaError naming the fault and its place in the schema. */
export function compileAvroSchema(schema: unknown): AvroType {
  return new SchemaCompiler().compile(schema, [], undefined);
}
