/**
 * A unified diff (as `diff -u` prints it, 3 lines of context) of two texts, from their longest
 * common subsequence of lines. Pipeline documents are at most a few thousand lines; past
 * MAX_CELLS the table would be too big and the whole text is shown as replaced.
 */
const MAX_CELLS = 4_000_000;
const CONTEXT = 3;

type Edit = { op: ' ' | '-' | '+'; line: string };

export function unifiedDiff(before: string, after: string, labels: { from: string; to: string }): string {
  if (before === after) return '';
  const edits = lineEdits(lines(before), lines(after));
  const out = [`--- ${labels.from}`, `+++ ${labels.to}`];
  const changed = edits.map((e, i) => (e.op === ' ' ? -1 : i)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    // A hunk runs from the first change to the last one less than 2*CONTEXT lines from the next.
    let end = i;
    while (end + 1 < changed.length && changed[end + 1] - changed[end] <= 2 * CONTEXT) end++;
    const from = Math.max(0, changed[i] - CONTEXT);
    const to = Math.min(edits.length, changed[end] + CONTEXT + 1);
    const slice = edits.slice(from, to);
    const oldStart = edits.slice(0, from).filter((e) => e.op !== '+').length + 1;
    const newStart = edits.slice(0, from).filter((e) => e.op !== '-').length + 1;
    const oldCount = slice.filter((e) => e.op !== '+').length;
    const newCount = slice.filter((e) => e.op !== '-').length;
    out.push(`@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} +${newCount === 0 ? newStart - 1 : newStart},${newCount} @@`);
    for (const edit of slice) out.push(`${edit.op}${edit.line}`);
    i = end + 1;
  }
  return out.join('\n') + '\n';
}

function lines(text: string): string[] {
  const list = text.split('\n');
  if (list[list.length - 1] === '') list.pop();
  return list;
}

function lineEdits(a: string[], b: string[]): Edit[] {
  if (a.length * b.length > MAX_CELLS) return [...a.map((line) => ({ op: '-' as const, line })), ...b.map((line) => ({ op: '+' as const, line }))];
  // lcs[i][j]: length of the LCS of a[i..] and b[j..], in one flat array
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      edits.push({ op: ' ', line: a[i++] });
      j++;
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
      edits.push({ op: '-', line: a[i++] });
    } else {
      edits.push({ op: '+', line: b[j++] });
    }
  }
  while (i < a.length) edits.push({ op: '-', line: a[i++] });
  while (j < b.length) edits.push({ op: '+', line: b[j++] });
  return edits;
}
