import { isAlias, isMap, isScalar, isSeq, Scalar, type Document, type LineCounter, type Node } from 'yaml';
import type { FaultTarget } from './issue-faults';

/**
 * Line and column (1-based) of a path in a parsed YAML document. A path that does not exist
 * (a missing required key) points at the nearest ancestor that does, which is where the key
 * should be added.
 */
export function yamlLocator(document: Document, lineCounter: LineCounter) {
  return ({ path, at, offset }: FaultTarget): { line: number; column: number } | undefined => {
    let node: unknown = document.contents;
    let position = offsetOf(node);
    let reached = path.length === 0;
    for (let i = 0; i < path.length; i++) {
      if (isAlias(node)) node = node.resolve(document);
      const segment = path[i];
      if (isMap(node)) {
        const pair = node.items.find((candidate) => String(isScalar(candidate.key) ? candidate.key.value : candidate.key) === String(segment));
        if (!pair) break;
        const last = i === path.length - 1;
        // an unknown key is pointed at by its key; a value left empty (`cursor:`) by its key too
        if ((last && at === 'key') || pair.value === null) {
          position = offsetOf(pair.key) ?? position;
          break;
        }
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        node = node.items[segment];
      } else {
        break;
      }
      position = offsetOf(node) ?? position;
      reached = i === path.length - 1;
    }
    if (position === undefined) return undefined;
    if (reached && offset !== undefined) position += scalarOffset(node, offset);
    const { line, col } = lineCounter.linePos(position);
    return { line, column: col };
  };
}

/** Where character `offset` of a one-line scalar's value sits in the source: after its opening quote, if any. */
function scalarOffset(node: unknown, offset: number): number {
  if (!isScalar(node) || typeof node.value !== 'string' || node.value.includes('\n')) return 0;
  if (node.type === Scalar.PLAIN) return offset;
  // escapes in double quotes would shift the offset; only trust it when the text is verbatim
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
  const source = node.srcToken && 'source' in node.srcToken ? node.srcToken.source : undefined;
  return quoted && source !== undefined && source.slice(1, -1) === node.value ? offset + 1 : 0;
}

function offsetOf(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}
