// Where a coercion is inside the record, kept as a reusable stack (push/pop, no strings built)
// so the happy path allocates nothing; the path text is made only for a failure.
import { formatKey } from '../path/field-path';

export class CoercionTrail {
  private readonly segments: (string | number)[] = [];
  /** Failures of the current record: field 'lines[2].quantity', message "expected int, got 'abc'". */
  errors: { field: string; message: string }[] | undefined;

  reset(): void {
    // Pushes and pops pair up, so the stack is empty here unless a coercion threw; setting
    // length is a call into the runtime, which every record would pay.
    if (this.segments.length !== 0) this.segments.length = 0;
    this.errors = undefined;
  }

  push(segment: string | number): void {
    this.segments.push(segment);
  }

  pop(): void {
    this.segments.pop();
  }

  /** Notes a failure at the current position; the caller returns undefined. */
  fail(message: string): undefined {
    (this.errors ??= []).push({ field: this.path(), message });
    return undefined;
  }

  path(): string {
    let out = '';
    for (let i = 0; i < this.segments.length; i++) {
      const s = this.segments[i];
      out += typeof s === 'number' ? `[${s}]` : formatKey(s, i === 0);
    }
    return out;
  }
}
