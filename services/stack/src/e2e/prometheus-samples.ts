/**
 * Reading Prometheus text exposition (what every service's /metrics answers) in a test: the sum
 * of a metric's samples whose labels include the given ones. Enough of the format for our own
 * metrics: `name{label="value",...} number`, label values with \" \\ and \n escapes.
 */
export function sampleSum(text: string, name: string, labels: Readonly<Record<string, string>> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || line.startsWith('#')) continue;
    const rest = line.slice(name.length);
    const match = /^(?:\{(.*)\})?\s+(\S+)/.exec(rest);
    if (!match) continue; // another metric whose name starts with this one's
    const found = labelsOf(match[1] ?? '');
    if (Object.entries(labels).every(([key, value]) => found.get(key) === value)) sum += Number(match[2]);
  }
  return sum;
}

function labelsOf(text: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const [, key, raw] of text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
    labels.set(key, raw.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)));
  }
  return labels;
}
