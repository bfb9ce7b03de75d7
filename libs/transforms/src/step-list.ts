// Every step kind, registered here once: the YAML key of a `transform:` item picks its entry.
// Adding a step means one file under steps/ and one line here; nothing else changes.
import { castStep } from './steps/cast';
import { coalesceStep } from './steps/coalesce';
import { concatStep } from './steps/concat';
import { convertCurrencyStep } from './steps/convert-currency';
import { defaultStep } from './steps/default';
import { dropStep } from './steps/drop';
import { explodeStep } from './steps/explode';
import { filterStep } from './steps/filter';
import { flattenStep } from './steps/flatten';
import { lookupStep } from './steps/lookup';
import { mapToSchemaStep } from './steps/map-to-schema';
import { nestStep } from './steps/nest';
import { regexExtractStep } from './steps/regex-extract';
import { renameStep } from './steps/rename';
import { replaceStep } from './steps/replace';
import { selectStep } from './steps/select';
import { setStep } from './steps/set';
import { splitStep } from './steps/split';
import { lowerStep, trimStep, upperStep } from './steps/string-field-steps';
import type { StepDefinition } from './types';

export const STEP_DEFINITIONS: readonly StepDefinition[] = [
  renameStep,
  selectStep,
  dropStep,
  setStep,
  defaultStep,
  coalesceStep,
  castStep,
  trimStep,
  upperStep,
  lowerStep,
  replaceStep,
  regexExtractStep,
  splitStep,
  concatStep,
  flattenStep,
  nestStep,
  explodeStep,
  lookupStep,
  convertCurrencyStep,
  filterStep,
  mapToSchemaStep,
];
