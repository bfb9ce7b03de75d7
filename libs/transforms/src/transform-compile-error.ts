import type { TransformProblem } from './types';

/** Thrown by compileTransform with every problem found in the `transform:` list, not just the first. */
export class TransformCompileError extends Error {
  constructor(readonly problems: readonly TransformProblem[]) {
    super(
      `transform has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  [${p.index}] ${p.path.join('.')}: ${p.message}`).join('\n'),
    );
    this.name = 'TransformCompileError';
  }
}
