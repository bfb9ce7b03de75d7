import type { z } from 'zod';
import { jsonPointer } from './json-pointer';
import { nearestName } from './nearest-name';
import { ITEM_NOUNS } from './one-key-item';
import type { SpecFault } from './spec-fault';

type Issue = z.core.$ZodIssue;

/**
 * The parse-wide error map: unknown keys name the nearest allowed key of that object. Strict
 * objects raise them, and the issue carries the schema instance (`inst`) whose shape lists the
 * allowed keys, so no second description of the document is needed to make the suggestion.
 */
export const specErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code !== 'unrecognized_keys') return undefined;
  const inst = issue.inst as { _zod?: { def?: { shape?: object } } } | undefined;
  const allowed = Object.keys(inst?._zod?.def?.shape ?? {});
  const noun = (inst && ITEM_NOUNS.get(inst)) ?? 'key';
  const at = jsonPointer(issue.path ?? []);
  return issue.keys
    .map((key) => {
      const suggestion = nearestName(key, allowed);
      return `unknown ${noun} '${key}' at ${at}` + (suggestion ? `; did you mean '${suggestion}'?` : `; expected one of ${allowed.join(', ')}`);
    })
    .join('\n');
};

/** Where a fault should point: at a key (an unknown key) or at the value of a path. */
export interface FaultTarget {
  path: readonly PropertyKey[];
  at: 'key' | 'value';
  /** 0-based offset inside the string value at `path` (a fault inside an expression or path). */
  offset?: number;
}
export type LocateFault = (target: FaultTarget) => { line: number; column: number } | undefined;

/**
 * Flattens zod issues into faults, one per unknown key. A union that failed in every branch is
 * explained by the branch the input was evidently written for (the one that did not reject
 * its type outright), instead of zod's bare "Invalid input".
 */
export function issueFaults(issues: readonly Issue[], locate: LocateFault = () => undefined, base: readonly PropertyKey[] = []): SpecFault[] {
  const faults: SpecFault[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const messages = issue.message.split('\n');
      issue.keys.forEach((key, i) => faults.push(fault(path, messages[i] ?? issue.message, locate({ path: [...path, key], at: 'key' }))));
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const plausible = issue.errors.filter((branch) => !branch.some((inner) => inner.path.length === 0 && inner.code === 'invalid_type'));
      if (plausible.length === 1) faults.push(...issueFaults(plausible[0], locate, path));
      else faults.push(fault(path, `${issue.message} at ${jsonPointer(path)}: ${describeBranches(issue.errors)}`, locate({ path, at: 'value' })));
    } else {
      faults.push(fault(path, `${issue.message} at ${jsonPointer(path)}`, locate({ path, at: 'value' })));
    }
  }
  return faults;
}

function fault(path: readonly PropertyKey[], message: string, position: { line: number; column: number } | undefined): SpecFault {
  return { path: jsonPointer(path), ...(position && { line: position.line, column: position.column }), message };
}

function describeBranches(branches: readonly (readonly Issue[])[]): string {
  const expected = branches.flatMap((branch) => branch.filter((issue) => issue.code === 'invalid_type').map((issue) => issue.expected));
  return expected.length > 0 ? `expected ${[...new Set(expected)].join(' or ')}` : 'no alternative matched';
}
