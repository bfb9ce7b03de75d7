// Field paths as written in step configs: dotted keys with array indexes and wildcards,
// e.g. `shipTo.country`, `lines[0].sku`, `lines[*].amount` (or `lines[].amount`), `attrs["odd.key"]`.
// Parsed once at compile time; the hot path only walks the segment array.

export type PathSegment =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'all' };

export interface FieldPath {
  /** The text as written. */
  readonly text: string;
  readonly segments: readonly PathSegment[];
  /** Canonical form with every index and wildcard written `[]`: the FieldSet key. */
  readonly normalized: string;
  /** True when a `[*]` appears: reads yield an array of every match. */
  readonly hasWildcard: boolean;
}

/** A malformed path; `position` is the 0-based offset of the fault. */
export class FieldPathError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'FieldPathError';
  }
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Writes one key segment so that it parses back to the same key. Quoted keys are read raw (no
 * escapes), so the quote is one the key does not contain; a key holding both kinds of quote
 * cannot be written as a path at all.
 */
export function formatKey(key: string, first: boolean): string {
  if (PLAIN_KEY.test(key)) return first ? key : `.${key}`;
  return key.includes('"') ? `['${key}']` : `["${key}"]`;
}

export function normalizeSegments(segments: readonly PathSegment[]): string {
  let out = '';
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    out += s.kind === 'key' ? formatKey(s.key, i === 0) : '[]';
  }
  return out;
}

/** Writes segments back as path text: `lines[0].sku`, `lines[*].amount`. */
export function formatSegments(segments: readonly PathSegment[]): string {
  let out = '';
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    out += s.kind === 'key' ? formatKey(s.key, i === 0) : s.kind === 'index' ? `[${s.index}]` : '[*]';
  }
  return out;
}

export function fieldPathOf(text: string, segments: PathSegment[]): FieldPath {
  return {
    text,
    segments,
    normalized: normalizeSegments(segments),
    hasWildcard: segments.some((s) => s.kind === 'all'),
  };
}

/** Parses a path; throws FieldPathError. Keys may hold any character but `.`, `[`, `]`. */
export function parseFieldPath(text: string): FieldPath {
  const segments: PathSegment[] = [];
  let i = 0;
  if (text.length === 0) throw new FieldPathError('empty field path', 0);
  while (i < text.length) {
    const c = text[i];
    if (c === '[') {
      i = parseBracket(text, i, segments);
    } else {
      if (segments.length > 0) {
        if (c !== '.') throw new FieldPathError(`expected '.' or '[' at offset ${i} of '${text}'`, i);
        i++;
      }
      const start = i;
      while (i < text.length && text[i] !== '.' && text[i] !== '[' && text[i] !== ']') i++;
      if (i === start) throw new FieldPathError(`expected a field name at offset ${start} of '${text}'`, start);
      segments.push({ kind: 'key', key: text.slice(start, i) });
    }
  }
  return fieldPathOf(text, segments);
}

function parseBracket(text: string, open: number, segments: PathSegment[]): number {
  let i = open + 1;
  const c = text[i];
  if (c === '*' || c === ']') {
    // `[]` is the normalized spelling of `[*]` (FieldSet keys), so it reads back the same.
    if (c === '*') i++;
    segments.push({ kind: 'all' });
  } else if (c === '"' || c === "'") {
    const close = text.indexOf(c, i + 1);
    if (close < 0) throw new FieldPathError(`unterminated quoted key in '${text}'`, i);
    const key = text.slice(i + 1, close);
    if (key.length === 0) throw new FieldPathError(`empty quoted key in '${text}'`, i);
    segments.push({ kind: 'key', key });
    i = close + 1;
  } else {
    const start = i;
    while (i < text.length && text[i] >= '0' && text[i] <= '9') i++;
    if (i === start || i - start > 9) throw new FieldPathError(`expected an index, '*' or a quoted key at offset ${start} of '${text}'`, start);
    segments.push({ kind: 'index', index: Number(text.slice(start, i)) });
  }
  if (text[i] !== ']') throw new FieldPathError(`expected ']' at offset ${i} of '${text}'`, i);
  return i + 1;
}
