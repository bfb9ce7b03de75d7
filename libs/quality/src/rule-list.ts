// Every rule kind, registered here once: the YAML key of a `validate:` item picks its entry.
import { expressionRule } from './rules/expression';
import { lengthRule } from './rules/length';
import { notNullRule } from './rules/not-null';
import { oneOfRule } from './rules/one-of';
import { patternRule } from './rules/pattern';
import { rangeRule } from './rules/range';
import { uniqueRule } from './rules/unique';
import { valueTypeRule } from './rules/value-type';
import type { RuleDefinition } from './types';

export const RULE_DEFINITIONS: readonly RuleDefinition[] = [
  notNullRule,
  valueTypeRule,
  rangeRule,
  patternRule,
  oneOfRule,
  lengthRule,
  expressionRule,
  uniqueRule,
];
