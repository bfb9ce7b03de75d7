import type { Type } from 'avsc';
import { parseRegisteredSchema } from './parse-registered-schema';
import type { RegistryState, StoredSchema } from './registry-state';

/**
 * avsc types of registered schemas, for compatibility checks. An id's schema never changes, so
 * a parsed type is kept by id; the cache is bounded because every parse holds a type tree.
 */
export class StoredSchemaTypes {
  private readonly types = new Map<number, Type>();

  constructor(private readonly state: RegistryState, private readonly capacity = 1000) {}

  typeOf(schema: StoredSchema): Type {
    let type = this.types.get(schema.id);
    if (!type) {
      type = parseRegisteredSchema(schema.schema, schema.references, (ref) => this.state.version(ref.subject, ref.version, true)?.schema).type;
      if (this.types.size >= this.capacity) this.types.delete(this.types.keys().next().value!);
      this.types.set(schema.id, type);
    }
    return type;
  }
}
