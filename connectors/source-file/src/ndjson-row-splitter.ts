import { clipRaw, type RowSplitter, type TextRow } from './text-row';

/**
 * Newline-delimited JSON (https://github.com/ndjson/ndjson-spec): one JSON text a line, LF
 * or CRLF, blank lines skipped. Each line is returned as text, parsed by the caller; a line
 * longer than `maxRowChars` is refused whole without being kept.
 */
export class NdjsonRowSplitter implements RowSplitter<string> {
  private pending = '';
  private pendingLength = 0;
  private line = 1;

  constructor(private readonly maxRowChars: number) {}

  push(chunk: string): TextRow<string>[] {
    const rows: TextRow<string>[] = [];
    let start = 0;
    for (let end = chunk.indexOf('\n'); end >= 0; end = chunk.indexOf('\n', start)) {
      this.emit(rows, chunk.slice(start, end), end - start);
      start = end + 1;
    }
    this.pendingLength += chunk.length - start;
    if (this.pending.length <= this.maxRowChars) this.pending += chunk.slice(start);
    return rows;
  }

  end(): TextRow<string>[] {
    const rows: TextRow<string>[] = [];
    this.emit(rows, '', 0);
    return rows;
  }

  private emit(rows: TextRow<string>[], tail: string, tailLength: number): void {
    const length = this.pendingLength + tailLength;
    const text = (this.pending + tail).replace(/\r$/, '');
    const line = this.line++;
    this.pending = '';
    this.pendingLength = 0;
    if (length > this.maxRowChars) {
      rows.push({ value: undefined, line, raw: clipRaw(text), problem: { code: 'ROW_TOO_LARGE', message: `line ${line} is longer than ${this.maxRowChars} characters`, field: null, line } });
    } else if (text.trim() !== '') rows.push({ value: text, line, raw: text });
  }
}
