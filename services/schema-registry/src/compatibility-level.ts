import { checkCanRead, type CompatibilityProblem } from '@tributary/avro';
import type { Type } from 'avsc';

/** Confluent's compatibility levels; BACKWARD is its default. */
export const COMPATIBILITY_LEVELS = [
  'NONE', 'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE',
] as const;
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

/** A level named in any case, as Confluent's CompatibilityLevel.forName reads it; undefined if it is none. */
export function parseCompatibilityLevel(name: unknown): CompatibilityLevel | undefined {
  if (typeof name !== 'string') return undefined;
  const upper = name.toUpperCase();
  return COMPATIBILITY_LEVELS.find((level) => level === upper);
}

export interface PreviousSchema {
  readonly version: number;
  readonly schema: string;
  readonly type: Type;
}

/**
 * The problems with registering `candidate` after `previous` (oldest first) at `level`; empty
 * when it may. As in Confluent's SchemaValidatorBuilder: BACKWARD means the new schema reads
 * data written with the old, FORWARD the old reads the new, FULL both; the plain levels check
 * the latest version only, the _TRANSITIVE ones every version, newest first, stopping at the
 * first that fails. Avro's resolution rules (avsc's resolver) decide; the messages follow
 * Confluent's `{errorType:..., description:..., additionalInfo:...}` shape, then the old
 * version, the old schema and the level.
 */
export function checkCompatibility(level: CompatibilityLevel, candidate: Type, previous: readonly PreviousSchema[]): string[] {
  if (level === 'NONE' || previous.length === 0) return [];
  const transitive = level.endsWith('_TRANSITIVE');
  const against = transitive ? [...previous].reverse() : [previous[previous.length - 1]];
  for (const old of against) {
    const messages: string[] = [];
    if (level.startsWith('FORWARD') || level.startsWith('FULL')) {
      messages.push(...checkCanRead(old.type, candidate).map((p) => describeProblem(p, 'old', 'new')));
    }
    if (level.startsWith('BACKWARD') || level.startsWith('FULL')) {
      messages.push(...checkCanRead(candidate, old.type).map((p) => describeProblem(p, 'new', 'old')));
    }
    if (messages.length > 0) {
      return [...messages, `{oldSchemaVersion: ${old.version}}`, `{oldSchema: '${old.schema}'}`, `{compatibility: '${level}'}`];
    }
  }
  return [];
}

function describeProblem(problem: CompatibilityProblem, reader: 'new' | 'old', writer: 'new' | 'old'): string {
  // Paths name fields of the reading schema.
  const where = problem.path === '' ? 'its root' : `its field '${problem.path}'`;
  const description = `The ${reader} schema cannot read data written with the ${writer} schema, at ${where}: ${problem.message}`;
  return `{errorType:'${problem.type}', description:'${description}', additionalInfo:'${problem.path || '/'}'}`;
}
