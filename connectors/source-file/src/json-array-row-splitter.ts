import { clipRaw, type RowSplitter, type TextRow } from './text-row';

const enum State { BeforeArray, Between, Scalar, Nested, InString, InStringEscape, Done, Broken }
const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t';

/**
 * A JSON file holding one array, streamed element by element: each top-level element's text is
 * cut out by tracking nesting and strings (the array is never in memory whole) and parsed by
 * the caller, so a malformed element is one invalid row and the next one reads on. An element
 * after a missing comma is invalid (its text is fine, the file is not); text that is not an
 * array, text after it, or an array that never closes is reported once and ends the file.
 */
export class JsonArrayRowSplitter implements RowSplitter<string> {
  private state = State.BeforeArray;
  private inString = false; // inside a string within a nested element
  private escaped = false; // just after a backslash in that string
  private depth = 0;
  private expectComma = false;
  private missingComma = false;
  private element = ''; // the element's text from earlier chunks
  private elementLength = 0;
  private elementAt = { line: 0, column: 0 };
  private line = 1;
  private column = 0;

  constructor(private readonly maxRowChars: number) {}

  push(chunk: string): TextRow<string>[] {
    const rows: TextRow<string>[] = [];
    const inElement = this.state === State.Scalar || this.state === State.Nested || this.state === State.InString || this.state === State.InStringEscape;
    let start = inElement ? 0 : -1; // where the current element's text starts in `chunk`
    const emit = (end: number) => {
      this.emit(rows, this.element + chunk.slice(Math.max(start, 0), end));
      start = -1;
    };
    for (let i = 0; i < chunk.length && this.state !== State.Broken; i++) {
      const c = chunk[i];
      if (c === '\n') {
        this.line++;
        this.column = 0;
      } else this.column++;
      if (this.state === State.Scalar && (c === ',' || c === ']' || isSpace(c))) {
        emit(i); // a number or literal ends at the first character that cannot continue it
      }
      switch (this.state) {
        case State.BeforeArray:
          if (c === '[') this.state = State.Between;
          else if (!isSpace(c)) this.broken(rows, `a JSON file must hold an array of rows; found ${JSON.stringify(c)} at line ${this.line}, column ${this.column}`);
          break;
        case State.Between:
          if (isSpace(c)) break;
          if (c === ']') this.state = State.Done;
          else if (c === ',') this.expectComma = false;
          else {
            this.missingComma = this.expectComma;
            this.elementAt = { line: this.line, column: this.column };
            start = i;
            this.depth = c === '{' || c === '[' ? 1 : 0;
            this.state = this.depth === 1 ? State.Nested : c === '"' ? State.InString : State.Scalar;
          }
          break;
        case State.InString:
          if (c === '\\') this.state = State.InStringEscape;
          else if (c === '"') emit(i + 1);
          break;
        case State.InStringEscape:
          this.state = State.InString;
          break;
        case State.Nested:
          if (this.escaped) this.escaped = false;
          else if (this.inString) {
            if (c === '\\') this.escaped = true;
            else if (c === '"') this.inString = false;
          } else if (c === '"') this.inString = true;
          else if (c === '{' || c === '[') this.depth++;
          else if ((c === '}' || c === ']') && --this.depth === 0) emit(i + 1);
          break;
        case State.Done:
          if (!isSpace(c)) this.broken(rows, `text after the end of the array at line ${this.line}, column ${this.column}`);
          break;
      }
      if (start >= 0 && this.elementLength + (i + 1 - start) > this.maxRowChars) {
        this.broken(rows, `the element starting at line ${this.elementAt.line} is longer than ${this.maxRowChars} characters`, 'ROW_TOO_LARGE');
      }
    }
    if (start >= 0 && this.state !== State.Broken) {
      this.element += chunk.slice(start);
      this.elementLength += chunk.length - start;
    }
    return rows;
  }

  end(): TextRow<string>[] {
    const rows: TextRow<string>[] = [];
    if (this.state === State.Scalar) this.emit(rows, this.element);
    if (this.state === State.BeforeArray) this.broken(rows, 'the file holds no JSON array');
    else if (this.state !== State.Done && this.state !== State.Broken) {
      this.broken(rows, `the array is never closed: the file ends at line ${this.line} before its ']'`);
    }
    return rows;
  }

  private emit(rows: TextRow<string>[], text: string): void {
    const { line, column } = this.elementAt;
    if (this.missingComma) {
      const message = `line ${line}, column ${column}: expected ',' or ']' before this element`;
      rows.push({ value: undefined, line, raw: clipRaw(text), problem: { code: 'MALFORMED_ROW', message, field: null, line, column } });
    } else rows.push({ value: text, line, column, raw: text });
    this.element = '';
    this.elementLength = 0;
    this.missingComma = false;
    this.expectComma = true;
    this.state = State.Between;
  }

  private broken(rows: TextRow<string>[], message: string, code: 'MALFORMED_ROW' | 'ROW_TOO_LARGE' = 'MALFORMED_ROW'): void {
    rows.push({ value: undefined, line: this.line, raw: clipRaw(this.element), problem: { code, message, field: null, line: this.line } });
    this.element = '';
    this.state = State.Broken;
  }
}
