/** What the HTTP shell is given: injected by token so controllers stay plain classes. */
export const SCHEMA_REGISTRY = Symbol('SchemaRegistry');
export const HTTP_OPTIONS = Symbol('RegistryHttpOptions');

export interface RegistryHttpOptions {
  /** Largest request body read (Confluent's size.limit.filter.max.request.body.size, 1 MB). */
  readonly maxBodyBytes: number;
  readonly logger: { error(obj: object, msg: string): void };
}
