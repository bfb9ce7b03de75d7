import { clipRaw, type RowSplitter, type TextRow } from './text-row';

export interface CsvDialect {
  readonly delimiter: string;
  readonly quote: string;
  /** Longest row in characters: past it, the row is refused (usually an unclosed quote) and reading resyncs at the next line. */
  readonly maxRowChars: number;
}

const enum State { FieldStart, Unquoted, Quoted, QuoteInQuoted, SkipLine }

/**
 * RFC 4180 CSV, streamed: fields split on the delimiter, quoted fields may hold delimiters,
 * doubled quotes and line breaks, rows end at LF, CRLF or CR. Lenient where writers commonly
 * are (a quote inside an unquoted field is kept as text); strict where data would be guessed
 * at: a character after a closing quote other than a delimiter or a line end makes the row
 * malformed, and the splitter resyncs at the next line, so the rows after it read as usual
 * (csv-parse instead runs on to the next quote and swallows the good rows between). Blank
 * lines are skipped. Errors name the line and column (1-based).
 */
export class CsvRowSplitter implements RowSplitter<string[]> {
  private state = State.FieldStart;
  private fields: string[] = [];
  private field = '';
  private rawBefore = ''; // the row's raw text from earlier chunks
  private rawLength = 0;
  private line = 1;
  private column = 0;
  private rowLine = 1;
  private quoteAt = { line: 0, column: 0 };
  private afterCR = false;
  private problem: TextRow<string[]>['problem'];

  constructor(private readonly dialect: CsvDialect) {}

  push(chunk: string): TextRow<string[]>[] {
    const rows: TextRow<string[]>[] = [];
    const { delimiter, quote, maxRowChars } = this.dialect;
    let rowStart = 0; // where the current row's raw text starts in `chunk`
    let runStart = -1; // start of a run of field characters not yet appended to `field`
    const flushRun = (end: number) => {
      if (runStart >= 0) this.field += chunk.slice(runStart, end);
      runStart = -1;
    };
    const endRow = (i: number) => {
      this.finishRow(rows, chunk.slice(rowStart, i));
      rowStart = i + 1;
    };
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      const lfOfCrlf = c === '\n' && this.afterCR;
      this.afterCR = c === '\r';
      if (lfOfCrlf) {
        // The LF of a CRLF: the CR already ended the line (and the row, outside quotes).
        if (this.state === State.FieldStart && this.fields.length === 0) rowStart = i + 1;
        else if (this.state === State.Quoted && runStart < 0) runStart = i;
        continue;
      }
      const lineEnd = c === '\n' || c === '\r';
      if (lineEnd) {
        this.line++;
        this.column = 0;
      } else this.column++;
      switch (this.state) {
        case State.FieldStart:
          if (c === quote) {
            this.state = State.Quoted;
            this.quoteAt = { line: this.line, column: this.column };
          } else if (c === delimiter) this.fields.push('');
          else if (lineEnd) {
            if (this.fields.length > 0) this.fields.push(''); // 'a,' ends with an empty field
            endRow(i);
          } else {
            this.state = State.Unquoted;
            runStart = i;
          }
          break;
        case State.Unquoted:
          if (c === delimiter || lineEnd) {
            flushRun(i);
            this.endField();
            if (lineEnd) endRow(i);
          } else if (runStart < 0) runStart = i;
          break;
        case State.Quoted:
          if (c === quote) {
            flushRun(i);
            this.state = State.QuoteInQuoted;
          } else if (runStart < 0) runStart = i;
          break;
        case State.QuoteInQuoted:
          if (c === quote) {
            this.field += quote;
            this.state = State.Quoted;
          } else if (c === delimiter || lineEnd) {
            this.endField();
            if (lineEnd) endRow(i);
          } else {
            this.fail('MALFORMED_ROW', `line ${this.line}, column ${this.column}: ${JSON.stringify(c)} after a closing quote; a quote inside a quoted field is written twice`, this.line, this.column);
          }
          break;
        case State.SkipLine:
          if (lineEnd) endRow(i);
          break;
      }
      if (this.state !== State.SkipLine && this.rawLength + (i + 1 - rowStart) > maxRowChars) {
        runStart = -1;
        const unclosed = this.state === State.Quoted ? ` (the quote opened at line ${this.quoteAt.line}, column ${this.quoteAt.column} may never close)` : '';
        this.fail('ROW_TOO_LARGE', `the row starting at line ${this.rowLine} is longer than ${maxRowChars} characters${unclosed}`, this.rowLine);
      }
    }
    flushRun(chunk.length);
    // A row past the limit is refused anyway; keep no more of it than an invalid row shows.
    if (this.rawBefore.length <= maxRowChars) this.rawBefore += chunk.slice(rowStart);
    this.rawLength += chunk.length - rowStart;
    return rows;
  }

  end(): TextRow<string[]>[] {
    const rows: TextRow<string[]>[] = [];
    if (this.state === State.Quoted) {
      this.fail('MALFORMED_ROW', `the quote opened at line ${this.quoteAt.line}, column ${this.quoteAt.column} is never closed`, this.quoteAt.line, this.quoteAt.column);
    } else if (this.state === State.Unquoted || this.state === State.QuoteInQuoted) this.endField();
    else if (this.state === State.FieldStart && this.fields.length > 0) this.fields.push('');
    this.finishRow(rows, '');
    return rows;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = State.FieldStart;
  }

  private fail(code: 'MALFORMED_ROW' | 'ROW_TOO_LARGE', message: string, line: number, column?: number): void {
    this.problem ??= { code, message, field: null, line, ...(column === undefined ? {} : { column }) };
    this.state = State.SkipLine;
  }

  /** Emits the row ended at a line end (or the end of the text); a blank line is no row. */
  private finishRow(rows: TextRow<string[]>[], rawTail: string): void {
    const raw = this.rawBefore + rawTail;
    if (this.problem) rows.push({ value: undefined, line: this.rowLine, raw: clipRaw(raw), problem: this.problem });
    else if (this.fields.length > 0) rows.push({ value: this.fields, line: this.rowLine, raw });
    this.fields = [];
    this.field = '';
    this.rawBefore = '';
    this.rawLength = 0;
    this.problem = undefined;
    this.state = State.FieldStart;
    this.rowLine = this.line;
  }
}
