/** Exact numbers: money and rates are rational, never floating point (円未満切捨て happens once, at the end). */
import type Fraction from 'fraction.js';

/** A number as the user wrote it: the exact value and how to print it. */
export interface Exact {
  value: Fraction;
  display: string;
}
