import type { ConnectorCursor } from '@tributary/avro';
import type { SourceCursor } from '@tributary/connectors';
import type { SourceCounts } from './run-events';

/**
 * A ConnectorCursor (schemas/connector-cursor.avsc) as it lives on the compacted
 * `_tributary.connector-offsets` topic: one stream's read position, the latest per key wins.
 */
export type StoredCursor = ConnectorCursor;

/** Which stream a cursor is for: the record key on the offsets topic. */
export interface CursorKey {
  readonly tenant: string;
  readonly pipeline: string;
  readonly stream: string;
}

/**
 * `<tenant>/<pipeline>/<stream>`. Tenant and pipeline names are resource names (no '/'), so the
 * first two slashes separate and the stream (which may hold any character) is the rest.
 */
export function cursorKeyText({ tenant, pipeline, stream }: CursorKey): string {
  return `${tenant}/${pipeline}/${stream}`;
}

export function storedCursorOf(key: CursorKey, fields: { connector: string; cursorField?: string; runId: string; cursor: SourceCursor; runCounts?: SourceCounts; at?: Date }): StoredCursor {
  return {
    tenant: key.tenant,
    pipeline: key.pipeline,
    stream: key.stream,
    connector: fields.connector,
    cursorField: fields.cursorField ?? null,
    cursorValue: fields.cursor.cursorValue,
    lastKey: fields.cursor.lastKey,
    state: { ...fields.cursor.state },
    runId: fields.runId,
    updatedAt: fields.at ?? new Date(),
    runCounts: fields.runCounts ? { ...fields.runCounts } : null,
  };
}
