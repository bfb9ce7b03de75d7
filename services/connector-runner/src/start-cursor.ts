import type { SourceCursor } from '@tributary/connectors';
import type { StoredCursor } from './stored-cursor';

export interface StartDecision {
  /** The cursor to pass to read(); undefined starts from the beginning. */
  readonly cursor?: SourceCursor;
  /** For the log: why this cursor. */
  readonly because: 'resume' | 'incremental' | 'first-incremental' | 'full' | 'source-changed';
}

export interface StartInput {
  readonly runId: string;
  /** What the run asked for (RunEvent.mode). */
  readonly runMode: 'FULL' | 'INCREMENTAL';
  /** How the pipeline's source is read (source.mode). */
  readonly sourceMode: 'full' | 'incremental';
  readonly connector: string;
  readonly cursorField?: string;
  /** The latest cursor on `_tributary.connector-offsets` for this pipeline's stream. */
  readonly stored?: StoredCursor;
}

/**
 * Where a run starts reading (connectors/README.md: resume and incremental runs pass the last
 * committed cursor, a new full run passes none):
 * - the stored cursor was written by this very run: the run was interrupted (a crash, a
 *   rebalance, a stop) and its request delivered again, so it resumes where it stopped,
 *   repeating at most the batch whose cursor was not committed;
 * - an incremental run of an incremental source continues from the stored cursor;
 * - anything else reads from the start. A FULL run of an incremental source still reads in
 *   (cursor, key) order from the start, so the cursor it leaves is where the next incremental
 *   run goes on.
 * A cursor written for another connector or cursor field means something else: it is ignored.
 */
export function startCursor(input: StartInput): StartDecision {
  const { stored } = input;
  if (stored === undefined) return { because: input.runMode === 'INCREMENTAL' && input.sourceMode === 'incremental' ? 'first-incremental' : 'full' };
  const sameSource = stored.connector === input.connector && (stored.cursorField ?? undefined) === input.cursorField;
  if (!sameSource) return { because: 'source-changed' };
  if (stored.runId === input.runId) return { cursor: cursorOf(stored), because: 'resume' };
  if (input.runMode === 'INCREMENTAL' && input.sourceMode === 'incremental') return { cursor: cursorOf(stored), because: 'incremental' };
  return { because: 'full' };
}

function cursorOf(stored: StoredCursor): SourceCursor {
  return { cursorValue: stored.cursorValue, lastKey: stored.lastKey, state: stored.state };
}
