import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { wholeNumberOption } from './whole-number-option.ts';

describe('wholeNumberOption', () => {
  const parse = wholeNumberOption(1, 8);

  it('reads digits within the range', () => {
    expect([parse('1'), parse('8'), parse('08')]).toEqual([1, 8, 8]);
    expect(wholeNumberOption(0, 4_294_967_295)('4294967295')).toBe(4_294_967_295);
  });

  it('refuses what Number() would read but a user did not mean as a whole number', () => {
    for (const value of ['0', '9', '', ' 5', '5 ', '+5', '-1', '2.0', '2.5', '1e0', '0x5', 'four', '99999999999999999']) {
      expect(() => parse(value), value).toThrow(new InvalidArgumentError('must be a whole number from 1 to 8'));
    }
  });

  it('words the range its own way when told', () => {
    expect(() => wholeNumberOption(0, 65_535, 'a port number 0–65535')('65536')).toThrow('must be a port number 0–65535');
  });
});
