import { InvalidArgumentError } from 'commander';

/**
 * A commander argument parser for a whole-number option from `min` to `max`: digits only (no sign,
 * no spaces, no "1e3", "0x10" or "2.0", which Number() would read), so every numeric option of the
 * CLI accepts and refuses the same spellings and says so in the same words. Commander prefixes the
 * option and the value ("option '--batch-size <n>' argument 'x' is invalid."), and main.ts exits 2.
 */
export function wholeNumberOption(min: number, max: number, words = `a whole number from ${min} to ${max}`): (value: string) => number {
  return (value: string): number => {
    const n = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
    if (!(n >= min && n <= max)) throw new InvalidArgumentError(`must be ${words}`);
    return n;
  };
}
