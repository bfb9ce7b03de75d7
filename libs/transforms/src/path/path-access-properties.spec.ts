import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseFieldPath, type PathSegment } from './field-path';
import { compileGetter } from './path-read';
import { compileUpdater } from './path-write';

// The rules as written in path-read.ts and path-write.ts, one segment at a time: the compiled
// readers and updaters (some of them one closure for a whole path) must agree with them.
const own = (o: unknown, key: string): unknown => {
  if (typeof o !== 'object' || o === null || Array.isArray(o) || !Object.prototype.hasOwnProperty.call(o, key)) return undefined;
  const v = (o as Record<string, unknown>)[key];
  return typeof v === 'function' ? undefined : v;
};

function referenceRead(o: unknown, segments: readonly PathSegment[]): unknown {
  let v = o;
  for (const s of segments) {
    if (v === undefined) return undefined;
    if (s.kind === 'key') v = own(v, s.key);
    else if (s.kind === 'index') v = Array.isArray(v) ? v[s.index] : undefined;
  }
  return v;
}

function referenceUpdate(o: unknown, segments: readonly PathSegment[], update: (v: unknown) => unknown): void {
  const [s, ...rest] = segments;
  if (s.kind === 'key') {
    const v = own(o, s.key);
    if (v === undefined) return;
    if (rest.length === 0) Object.defineProperty(o, s.key, { value: update(v), writable: true, enumerable: true, configurable: true });
    else referenceUpdate(v, rest, update);
  } else if (Array.isArray(o)) {
    const indexes = s.kind === 'all' ? o.map((_, i) => i) : s.index < o.length ? [s.index] : [];
    for (const i of indexes) {
      if (rest.length === 0) o[i] = update(o[i]);
      else referenceUpdate(o[i], rest, update);
    }
  }
}

/** A deep copy that keeps functions (and prototypes) as they are, which structuredClone cannot. */
function copy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copy);
  if (typeof v !== 'object' || v === null) return v;
  const out = Object.create(Object.getPrototypeOf(v)) as Record<string, unknown>;
  for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: copy((v as Record<string, unknown>)[k]), writable: true, enumerable: true, configurable: true });
  return out;
}

const key = fc.constantFrom('a', 'b', 'lines', 'constructor', 'toString');
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.integer(),
    fc.string({ maxLength: 2 }),
    fc.constant(() => 1),
    { arbitrary: fc.array(tie('node'), { maxLength: 3 }), weight: 2 },
    { arbitrary: fc.dictionary(key, tie('node'), { maxKeys: 4 }), weight: 4 },
  ),
})).node;
const record = fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 });
const pathText = (wildcards: boolean) =>
  fc
    .array(fc.oneof(key.map((k) => `.${k}`), fc.constant(wildcards ? '[*]' : '[0]'), fc.constant('[1]')), { minLength: 1, maxLength: wildcards ? 5 : 4 })
    .map((parts) => (parts[0].startsWith('.') ? parts[0].slice(1) : `a${parts[0]}`) + parts.slice(1).join(''));

describe('compiled paths', () => {
  test('a getter of a path without wildcards reads what a walk over own data reads', () => {
    fc.assert(
      fc.property(pathText(false), record, (text, record) => {
        const path = parseFieldPath(text);
        assert.equal(compileGetter(path)(record), referenceRead(record, path.segments));
      }),
      { numRuns: 5000 },
    );
  });

  test('an updater changes exactly the values a walk over own data finds', () => {
    // An update may also hand most values back as they are (as trim does), and turn 0 into -0.
    const updates = [(v: unknown) => ['updated', v], (v: unknown) => (typeof v === 'number' ? -v : v)];
    fc.assert(
      fc.property(pathText(true), record, fc.constantFrom(0, 1), (text, record, u) => {
        const path = parseFieldPath(text);
        const mark = updates[u];
        const a = copy(record);
        const b = copy(record);
        compileUpdater(path)(a, mark);
        referenceUpdate(b, path.segments, mark);
        assert.deepEqual(a, b);
      }),
      { numRuns: 5000 },
    );
  });
});
