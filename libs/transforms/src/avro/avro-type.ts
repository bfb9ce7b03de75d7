// A compiled Avro type: how to coerce a value to it, and what it looks like to a FieldSet.
import type { FieldType } from '../field-set';
import type { CoercionTrail } from './coercion-trail';

export interface AvroType {
  /** 'int', 'decimal(10,2)', 'record Order', '["null","string"]': for messages. */
  readonly label: string;
  readonly fieldType: FieldType;
  /** True for unions with a null branch (a missing field then becomes null). */
  readonly nullable: boolean;
  /**
   * A `typeof` answer whose values this type takes as they are ('string' for string): lets a
   * record check the commonest fields without a call into coerce.
   */
  readonly passesTypeof?: 'string' | 'boolean';
  /**
   * True when coerce(v) returns v itself for every v that `accepts` takes (primitives, enums,
   * fixed, unions of those): a record then keeps an accepted value without calling coerce.
   */
  readonly leaf?: boolean;
  /** Whether v already is of this type, unconverted (picks a union branch before coercing). */
  accepts(v: unknown): boolean;
  /** The value converted to this type, or undefined after trail.fail(...). */
  coerce(v: unknown, trail: CoercionTrail): unknown;
  /** Nested fields for a FieldSet: record fields and array elements. */
  readonly children?: () => readonly { readonly key: string | '[]'; readonly type: AvroType; readonly required?: boolean }[];
}

/** A malformed schema; `path` locates the fault inside the schema JSON. */
export class AvroSchemaError extends Error {
  constructor(
    message: string,
    readonly path: readonly (string | number)[],
  ) {
    super(message);
    this.name = 'AvroSchemaError';
  }
}
