/**
 * The expression text is malformed. `position` is the 0-based offset of the fault (the
 * length of the text when the text ended too early); the message names what was expected.
 */
export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} (at offset ${position})`);
    this.name = 'ExpressionSyntaxError';
  }
}

/**
 * Evaluation failed for one record: a type mismatch ('abc' * 2), division by zero, an
 * unparsable date. Thrown by CompiledExpression.evaluate; steps turn it into a Reason.
 * `position` is the offset of the failing node in the expression text.
 */
export class ExpressionEvaluationError extends Error {
  readonly position: number;

  constructor(message: string, position: number) {
    // A bad value in a record is everyday data, not a bug: its stack says nothing, and
    // capturing one costs ~10 us, more than the rest of the record's transform.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.position = position;
    this.name = 'ExpressionEvaluationError';
  }
}
