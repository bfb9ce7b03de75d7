/**
 * A plain text table: a header row in capitals, columns padded to their widest cell, two
 * spaces between columns, no borders (greppable, and `cut`/`awk` friendly). Nothing is
 * truncated; null and undefined print as '-'.
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cells = [headers.map((h) => h.toUpperCase()), ...rows.map((row) => row.map(cellText))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column]?.length ?? 0)));
  return cells.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ')).join('\n');
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') return value.replace(/[\r\n\t]+/g, ' ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** "2025-01-15T10:00:00.000Z" -> "2025-01-15 10:00:00Z": readable, still unambiguous. */
export function shortTime(iso: string | null | undefined): string | null {
  return iso ? iso.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z') : null;
}
