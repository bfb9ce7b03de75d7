import { avroFieldNames, avroName } from './avro-names';
import type { AvroSchema } from './avro-schema-types';
import type { DiscoveredStream } from './discovered-stream';
import type { SqlStreamInfo } from './sql-read-plan';

/**
 * A SQL stream as discover() shows it: an Avro record with one field per column, in column
 * order, named validly, nullable unless the column is known NOT NULL (a nullable field is
 * ['null', T] with default null, so the schema evolves BACKWARD when columns are added).
 */
export function sqlDiscoveredStream(
  stream: SqlStreamInfo & { readonly primaryKey: readonly string[] },
  avroTypes: readonly AvroSchema[],
  namespace: string,
): DiscoveredStream {
  const names = avroFieldNames(stream.columns.map((column) => column.name));
  const fields = stream.columns.map((column, i) => ({
    sourceName: column.name,
    name: names[i],
    sourceType: column.sourceType,
    nullable: !column.notNull,
    orderable: column.orderable,
  }));
  return {
    name: stream.name,
    schema: {
      type: 'record',
      name: avroName(stream.name),
      namespace,
      doc: `${stream.kind} ${stream.name}`,
      fields: fields.map((field, i) => ({
        name: field.name,
        type: field.nullable ? ['null', avroTypes[i]] : avroTypes[i],
        ...(field.nullable ? { default: null } : {}),
        doc: `${field.sourceName} ${field.sourceType}`,
        // As the file source does: the transformer gives steps the column's own name back.
        ...(field.name !== field.sourceName && { sourceName: field.sourceName }),
      })),
    },
    fields,
    primaryKey: stream.primaryKey,
    modes: fields.some((field) => field.orderable) ? ['full', 'incremental'] : ['full'],
  };
}
