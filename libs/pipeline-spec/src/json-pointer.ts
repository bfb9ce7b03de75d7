/** RFC 6901 JSON Pointer of a path, with "/" (rather than "") for the document itself, as people read it. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '/';
  return path.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
