/**
 * Where a read resumes: the position just after the last batch the runtime acknowledged.
 * Shaped like the cursor fields of schemas/connector-cursor.avsc, so the runtime stores it as
 * is on the compacted `_tributary.connector-offsets` topic (keyed by tenant, pipeline, stream)
 * and hands it back to `read()` unchanged. The runtime never interprets it; only the connector
 * that wrote it does.
 */
export interface SourceCursor {
  /**
   * Highest cursor-column value read, as canonical text whatever the source type: ISO 8601 UTC
   * for timestamps with every fraction digit the source keeps ('2024-05-01T10:00:00.123456Z'),
   * plain digits for numbers, the text itself for strings. Null when the read follows no
   * cursor column (a full read) or has read nothing yet.
   */
  readonly cursorValue: string | null;
  /**
   * Key of the last row read (with `cursorValue`, if any). Many rows can share one cursor
   * value; resuming strictly after (cursorValue, lastKey) neither skips nor repeats them.
   * Null before the first row or when the stream is read without a key.
   */
  readonly lastKey: string | null;
  /** Connector-specific position that does not fit the two fields above (a folder's files). */
  readonly state: Readonly<Record<string, string>>;
}

/** The cursor of a read that has not started: what `read()` assumes when given none. */
export const START_CURSOR: SourceCursor = Object.freeze({ cursorValue: null, lastKey: null, state: Object.freeze({}) });

/** True when `value` has the shape of a SourceCursor (what the runtime read back from Kafka). */
export function isSourceCursor(value: unknown): value is SourceCursor {
  if (typeof value !== 'object' || value === null) return false;
  const { cursorValue, lastKey, state } = value as Record<string, unknown>;
  const textOrNull = (v: unknown) => v === null || typeof v === 'string';
  if (!textOrNull(cursorValue) || !textOrNull(lastKey)) return false;
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return false;
  return Object.values(state).every((v) => typeof v === 'string');
}
