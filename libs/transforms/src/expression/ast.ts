// The expression language's syntax tree. `position` is the 0-based offset of the node's
// first character (for binary nodes, of the operator) in the source text.
import type { FieldPath } from '../path/field-path';

export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in';

export type ExpressionNode =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null; readonly position: number }
  | { readonly kind: 'field'; readonly path: FieldPath; readonly position: number }
  | { readonly kind: 'list'; readonly items: readonly ExpressionNode[]; readonly position: number }
  | { readonly kind: 'unary'; readonly operator: '-' | 'not'; readonly operand: ExpressionNode; readonly position: number }
  | { readonly kind: 'binary'; readonly operator: BinaryOperator; readonly left: ExpressionNode; readonly right: ExpressionNode; readonly position: number }
  | { readonly kind: 'logical'; readonly operator: 'and' | 'or'; readonly left: ExpressionNode; readonly right: ExpressionNode; readonly position: number }
  | { readonly kind: 'conditional'; readonly test: ExpressionNode; readonly then: ExpressionNode; readonly otherwise: ExpressionNode; readonly position: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly ExpressionNode[]; readonly position: number };
