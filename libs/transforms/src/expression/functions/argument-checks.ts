// Argument type checks shared by the built-in functions. Each fails the record's evaluation
// with a message naming the argument and what it held.
import { describeValue } from '../values';
import type { CallSite } from './expression-function';

export function stringArg(site: CallSite, v: unknown, what: string): string {
  if (typeof v !== 'string') site.fail(`${what} must be a string, got ${describeValue(v)}`);
  return v;
}

/** Strings as they are; numbers and booleans as their text (for concat and padding ids). */
export function textArg(site: CallSite, v: unknown, what: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return site.fail(`${what} must be a string or number, got ${describeValue(v)}`);
}

export function numberArg(site: CallSite, v: unknown, what: string): number {
  if (typeof v !== 'number') site.fail(`${what} must be a number, got ${describeValue(v)}`);
  return v;
}

export function integerArg(site: CallSite, v: unknown, what: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) site.fail(`${what} must be an integer from ${min} to ${max}, got ${describeValue(v)}`);
  return v;
}

export function arrayArg(site: CallSite, v: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(v)) site.fail(`${what} must be an array (e.g. lines[*].amount), got ${describeValue(v)}`);
  return v;
}

/** A number that must stay finite: overflow is an error, never Infinity in a record. */
export function finite(site: CallSite, n: number): number {
  if (!Number.isFinite(n)) site.fail('result is not a finite number');
  return n;
}

export const isNull = (v: unknown): v is null | undefined => v === null || v === undefined;
