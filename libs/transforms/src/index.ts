// @tributary/transforms: the low-code steps of a pipeline's `transform:` list and the safe
// expression language they use. Framework-free and pure: no I/O, no eval. This file is the
// library's only public API.

// The step contract and the compiled transform.
export type {
  DataRecord,
  Reason,
  ReferenceDataset,
  CompileContext,
  StepDefinition,
  CompiledStep,
  CompiledTransform,
  TransformProblem,
  TransformResult,
} from './types';
/** Every step kind, in one literal list; the YAML key of a `transform:` item selects one. */
export { STEP_DEFINITIONS } from './step-list';
/** Compiles a `transform:` list ({ stepName: config } items) once; throws TransformCompileError. */
export { compileTransform } from './compile-transform';
/** Every problem of a `transform:` list, located by step index and config path. */
export { TransformCompileError } from './transform-compile-error';
/** Thrown by StepDefinition.compile for a config that passed its schema but cannot compile. */
export { StepConfigError } from './step-config-error';

// Static field checking.
export type { FieldSet, FieldType } from './field-set';
/** Builds a FieldSet listing the given fields; `openFieldSet()` when the fields are unknown. */
export { fieldSetOf, openFieldSet } from './field-set';
/** The FieldSet of an Avro record schema (JSON), e.g. a source's schema; throws AvroSchemaError. */
export { fieldSetFromAvro } from './avro/avro-field-set';
export { AvroSchemaError } from './avro/avro-type';

// Field paths ('shipTo.country', 'lines[0].sku', 'lines[*].amount').
export type { FieldPath, PathSegment } from './path/field-path';
/** Parses a field path; throws FieldPathError with the offset of the fault. */
export { parseFieldPath, FieldPathError } from './path/field-path';
/** A reader of parsed path segments: own data only, resolved once (no per-record parsing). */
export { compileSegmentsGetter, type Getter } from './path/path-read';

// The expression language.
export type { ExpressionNode, BinaryOperator } from './expression/ast';
/** Syntax errors carry `position`; evaluation errors are per record and become Reasons. */
export { ExpressionSyntaxError, ExpressionEvaluationError } from './expression/expression-errors';
/** Parses expression text into a syntax tree; throws ExpressionSyntaxError and nothing else. */
export { parseExpression, MAX_DEPTH as MAX_EXPRESSION_DEPTH } from './expression/parser';
/** Compiles an expression once into a closure over records; no eval, no globals. */
export { compileExpression } from './expression/compile-expression';
export type { CompiledExpression, ExpressionOptions } from './expression/compile-expression';
/** The built-in functions (name, arity, description), for docs and editor completion. */
export { EXPRESSION_FUNCTIONS } from './expression/functions/function-list';
export type { ExpressionFunction } from './expression/functions/expression-function';

// Shared building blocks other libs (quality) may reuse.
/** Compiles a config regex, rejecting nested repetition that can backtrack exponentially. */
export { compileSafeRegex, UnsafeRegexError } from './regex/safe-regex';
/** Rounds half away from zero on the decimal value: roundDecimal(1.005, 2) === 1.01. */
export { roundDecimal } from './number/round-decimal';
// Calendar arithmetic shared with libs/quality's messages.
export { civilFromDays } from './time/civil-date';
