import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CURRENCY_EXPONENTS, MoneyError, ROUNDING_MODES, add, allocate, applyBps, compare, convertMoney, currencyExponent,
  divideRounded, equals, formatDecimal, formatMinor, formatMoney, isCurrencyCode, isNegative, isZero, money,
  moneyFromJson, moneyToJson, multiplyByRatio, multiplyDecimals, multiplyMoneyByDecimal, negate, parseDecimal,
  parseDecimalToMinor, parseMoney, roundDecimalToMoney, subtract, sum, zero,
  type DecimalParseOptions, type MoneyErrorCode, type RoundingMode,
} from './money.ts';

function expectMoneyError(action: () => unknown, code: MoneyErrorCode): MoneyError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(MoneyError);
  expect((caught as MoneyError).code).toBe(code);
  return caught as MoneyError;
}

const usd = (amountMinor: bigint | number) => money(amountMinor, 'USD');
const currencies = Object.keys(CURRENCY_EXPONENTS);
const arbCurrency = fc.constantFrom(...currencies);
const arbMode = fc.constantFrom(...ROUNDING_MODES);
const arbAmount = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });

describe('ISO 4217 table', () => {
  it('knows the exponents that matter', () => {
    const expected: Record<string, number> = {
      USD: 2, EUR: 2, GBP: 2, JPY: 0, KRW: 0, KWD: 3, BHD: 3, TND: 3, IQD: 3, JOD: 3, LYD: 3, OMR: 3,
      CLF: 4, UYW: 4, CHF: 2, RUB: 2, CLP: 0, VND: 0, XOF: 0, XAF: 0, XPF: 0, XCG: 2, ZWG: 2, SLE: 2, VES: 2,
    };
    for (const [code, exponent] of Object.entries(expected)) expect([code, currencyExponent(code)]).toEqual([code, exponent]);
  });

  it('holds the active list with minor units and nothing else', () => {
    expect(currencies).toHaveLength(165);
    for (const code of currencies) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3, 4]).toContain(CURRENCY_EXPONENTS[code]);
    }
    for (const gone of ['ANG', 'HRK', 'ZWL', 'SLL', 'CUC', 'BGN', 'VEF', 'MRO', 'STD', 'BYR', 'LTL', 'XAU', 'XDR', 'XXX']) {
      expect(isCurrencyCode(gone)).toBe(false);
    }
  });

  it('rejects look-alikes, including inherited object keys', () => {
    for (const bad of ['usd', 'US', 'USDD', '', 'toString', '__proto__', 'constructor', 42, null]) {
      expect(isCurrencyCode(bad)).toBe(false);
    }
    const error = expectMoneyError(() => currencyExponent('toString'), 'unknown_currency');
    expect(error.details).toEqual({ currency: 'toString' });
  });
});

describe('money construction and arithmetic', () => {
  it('accepts bigint, safe integer numbers and integer strings', () => {
    expect(money(1050n, 'EUR')).toEqual({ amountMinor: 1050n, currency: 'EUR' });
    expect(money(-7, 'JPY').amountMinor).toBe(-7n);
    expect(money('123456789012345678901234567890', 'USD').amountMinor).toBe(123456789012345678901234567890n);
    expect(money('+5', 'USD').amountMinor).toBe(5n);
    expect(Object.isFrozen(money(1n, 'USD'))).toBe(true);
  });

  it('rejects fractions, unsafe numbers and non-integer text', () => {
    for (const bad of [1.5, Number.NaN, Infinity, 2 ** 53, '1.5', '', ' 1', '1e3', '0x10']) {
      expectMoneyError(() => money(bad, 'USD'), 'invalid_amount');
    }
    expectMoneyError(() => money(1n, 'XYZ'), 'unknown_currency');
  });

  it('adds, subtracts, negates and sums within one currency', () => {
    expect(add(usd(150), usd(-50))).toEqual(usd(100));
    expect(subtract(usd(150), usd(200))).toEqual(usd(-50));
    expect(negate(usd(5))).toEqual(usd(-5));
    expect(sum([usd(1), usd(2), usd(3)], 'USD')).toEqual(usd(6));
    expect(sum([], 'JPY')).toEqual(zero('JPY'));
  });

  it('throws currency_mismatch when currencies mix', () => {
    const error = expectMoneyError(() => add(usd(1), money(1, 'EUR')), 'currency_mismatch');
    expect(error.details).toEqual({ operation: 'add', left: 'USD', right: 'EUR' });
    expectMoneyError(() => subtract(usd(1), money(1, 'EUR')), 'currency_mismatch');
    expectMoneyError(() => compare(usd(1), money(1, 'EUR')), 'currency_mismatch');
    expectMoneyError(() => sum([usd(1), money(1, 'EUR')], 'USD'), 'currency_mismatch');
    expectMoneyError(() => sum([usd(1)], 'EUR'), 'currency_mismatch');
  });

  it('compares and tests values', () => {
    expect([compare(usd(1), usd(2)), compare(usd(2), usd(2)), compare(usd(3), usd(2))]).toEqual([-1, 0, 1]);
    expect([isZero(usd(0)), isZero(usd(-1)), isNegative(usd(-1)), isNegative(usd(0))]).toEqual([true, false, true, false]);
    expect(equals(usd(5), usd(5))).toBe(true);
    expect(equals(usd(5), usd(6))).toBe(false);
    expect(equals(usd(5), money(5, 'EUR'))).toBe(false);
  });

  it('add is commutative and subtract undoes add (property)', () => {
    fc.assert(fc.property(arbAmount, arbAmount, (a, b) => {
      expect(add(usd(a), usd(b))).toEqual(add(usd(b), usd(a)));
      expect(subtract(add(usd(a), usd(b)), usd(b))).toEqual(usd(a));
    }));
  });
});

describe('divideRounded', () => {
  // The classic table from java.math.RoundingMode, as tenths: 55 / 10 = 5.5, and so on.
  const table: [bigint, Record<RoundingMode, bigint>][] = [
    [55n, { up: 6n, down: 5n, ceiling: 6n, floor: 5n, half_up: 6n, half_down: 5n, half_even: 6n }],
    [25n, { up: 3n, down: 2n, ceiling: 3n, floor: 2n, half_up: 3n, half_down: 2n, half_even: 2n }],
    [16n, { up: 2n, down: 1n, ceiling: 2n, floor: 1n, half_up: 2n, half_down: 2n, half_even: 2n }],
    [11n, { up: 2n, down: 1n, ceiling: 2n, floor: 1n, half_up: 1n, half_down: 1n, half_even: 1n }],
    [10n, { up: 1n, down: 1n, ceiling: 1n, floor: 1n, half_up: 1n, half_down: 1n, half_even: 1n }],
    [5n, { up: 1n, down: 0n, ceiling: 1n, floor: 0n, half_up: 1n, half_down: 0n, half_even: 0n }],
    [-5n, { up: -1n, down: 0n, ceiling: 0n, floor: -1n, half_up: -1n, half_down: 0n, half_even: 0n }],
    [-10n, { up: -1n, down: -1n, ceiling: -1n, floor: -1n, half_up: -1n, half_down: -1n, half_even: -1n }],
    [-11n, { up: -2n, down: -1n, ceiling: -1n, floor: -2n, half_up: -1n, half_down: -1n, half_even: -1n }],
    [-16n, { up: -2n, down: -1n, ceiling: -1n, floor: -2n, half_up: -2n, half_down: -2n, half_even: -2n }],
    [-25n, { up: -3n, down: -2n, ceiling: -2n, floor: -3n, half_up: -3n, half_down: -2n, half_even: -2n }],
    [-55n, { up: -6n, down: -5n, ceiling: -5n, floor: -6n, half_up: -6n, half_down: -5n, half_even: -6n }],
  ];

  it.each(table)('rounds %s / 10 like java.math.RoundingMode', (tenths, expected) => {
    for (const mode of ROUNDING_MODES) {
      expect([mode, divideRounded(tenths, 10n, mode)]).toEqual([mode, expected[mode]]);
      expect([mode, divideRounded(-tenths, -10n, mode)]).toEqual([mode, expected[mode]]);
    }
  });

  it('refuses to divide by zero', () => {
    expect(() => divideRounded(1n, 0n, 'half_even')).toThrow(RangeError);
  });

  it('lands on a neighbour of the exact quotient chosen by the mode (property)', () => {
    const arbDenominator = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).filter((d) => d !== 0n);
    fc.assert(fc.property(arbAmount, arbDenominator, arbMode, (numerator, denominator, mode) => {
      const result = divideRounded(numerator, denominator, mode);
      // Normalise to a positive denominator: result is q where n/d lies in (q-1, q+1).
      const n = denominator < 0n ? -numerator : numerator;
      const d = denominator < 0n ? -denominator : denominator;
      const error = n - result * d; // exact quotient minus result, times d
      expect(error > -d && error < d).toBe(true);
      if (mode === 'floor') expect(error >= 0n).toBe(true);
      if (mode === 'ceiling') expect(error <= 0n).toBe(true);
      if (mode === 'down') expect(n >= 0n ? error >= 0n : error <= 0n).toBe(true);
      if (mode === 'up') expect(n >= 0n ? error <= 0n : error >= 0n).toBe(true);
      if (mode.startsWith('half')) expect(2n * (error < 0n ? -error : error) <= d).toBe(true);
      if (n % d === 0n) expect(result).toBe(n / d);
    }));
  });

  it('is symmetric under negation with ceiling and floor swapped (property)', () => {
    const mirror: Record<RoundingMode, RoundingMode> = {
      up: 'up', down: 'down', half_up: 'half_up', half_down: 'half_down', half_even: 'half_even', ceiling: 'floor', floor: 'ceiling',
    };
    fc.assert(fc.property(arbAmount, fc.bigInt({ min: 1n, max: 10n ** 6n }), arbMode, (n, d, mode) => {
      expect(divideRounded(-n, d, mode)).toBe(-divideRounded(n, d, mirror[mode]));
    }));
  });
});

describe('ratios and basis points', () => {
  it('applies basis points with the named rounding', () => {
    expect(applyBps(usd(12345), 250, 'half_even')).toEqual(usd(309)); // 308.625
    expect(applyBps(usd(1), 5000, 'half_even')).toEqual(usd(0)); // 0.5 → even
    expect(applyBps(usd(3), 5000n, 'half_even')).toEqual(usd(2)); // 1.5 → even
    expect(applyBps(usd(1), 5000, 'half_up')).toEqual(usd(1));
    expect(applyBps(usd(-3), 5000, 'half_up')).toEqual(usd(-2));
    expect(applyBps(usd(-3), 5000, 'half_down')).toEqual(usd(-1));
    expect(applyBps(usd(-3), 5000, 'floor')).toEqual(usd(-2));
    expect(applyBps(money(1000, 'JPY'), 1000, 'half_even')).toEqual(money(100, 'JPY'));
    expectMoneyError(() => applyBps(usd(1), 12.5, 'half_even'), 'invalid_amount');
  });

  it('multiplies by a ratio exactly before rounding once', () => {
    expect(multiplyByRatio(usd(10000), 1n, 3n, 'half_even')).toEqual(usd(3333));
    expect(multiplyByRatio(usd(10000), 2n, 3n, 'down')).toEqual(usd(6666));
    expect(multiplyByRatio(usd(10000), 2n, 3n, 'half_up')).toEqual(usd(6667));
    expect(multiplyByRatio(usd(-10000), 2n, -3n, 'half_up')).toEqual(usd(6667));
  });
});

describe('allocate (largest remainder)', () => {
  const amounts = (parts: readonly { amountMinor: bigint }[]) => parts.map((part) => part.amountMinor);

  it('splits with the documented rule and tie-break', () => {
    expect(amounts(allocate(usd(100), [1n, 1n, 1n]))).toEqual([34n, 33n, 33n]);
    expect(amounts(allocate(usd(5), [1n, 1n]))).toEqual([3n, 2n]); // tie: lower index first
    expect(amounts(allocate(usd(10), [3n, 3n, 1n]))).toEqual([4n, 4n, 2n]); // remainder 3/7 beats 2/7
    expect(amounts(allocate(usd(-10), [3n, 3n, 1n]))).toEqual([-4n, -4n, -2n]);
    expect(amounts(allocate(usd(1), [0n, 1n, 1n]))).toEqual([0n, 1n, 0n]);
    expect(amounts(allocate(usd(0), [2n, 5n]))).toEqual([0n, 0n]);
    expect(allocate(money(7, 'JPY'), [1n, 1n])).toEqual([money(4, 'JPY'), money(3, 'JPY')]);
  });

  it('rejects empty, negative and all-zero weights', () => {
    expectMoneyError(() => allocate(usd(10), []), 'invalid_weights');
    expectMoneyError(() => allocate(usd(10), [1n, -1n, 1n]), 'invalid_weights');
    expectMoneyError(() => allocate(usd(10), [0n, 0n]), 'invalid_weights');
  });

  const arbWeights = fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 12 })
    .filter((weights) => weights.some((weight) => weight > 0n));

  it('parts sum to the total, each within one unit of its exact share (property)', () => {
    fc.assert(fc.property(arbAmount, arbWeights, arbCurrency, (amount, weights, currency) => {
      const total = money(amount, currency);
      const parts = allocate(total, weights);
      const weightSum = weights.reduce((acc, weight) => acc + weight, 0n);
      expect(parts).toHaveLength(weights.length);
      expect(sum(parts, currency)).toEqual(total);
      parts.forEach((part, index) => {
        const weight = weights[index] ?? 0n;
        const scaledError = part.amountMinor * weightSum - amount * weight; // (part − exact share) × Σw
        expect(scaledError > -weightSum && scaledError < weightSum).toBe(true);
        if (weight === 0n) expect(part.amountMinor).toBe(0n);
        expect(part.amountMinor * amount >= 0n).toBe(true); // never the opposite sign of the total
      });
      expect(allocate(total, weights)).toEqual(parts);
    }));
  });

  it('gives the extra units to the largest remainders, lower index on ties (property)', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), arbWeights, (amount, weights) => {
      const parts = amounts(allocate(usd(amount), weights));
      const weightSum = weights.reduce((acc, weight) => acc + weight, 0n);
      const remainders = weights.map((weight) => (amount * weight) % weightSum);
      const bumped = weights.map((weight, i) => (parts[i] ?? 0n) > (amount * weight) / weightSum);
      bumped.forEach((isBumped, i) => bumped.forEach((otherBumped, j) => {
        if (!isBumped || otherBumped) return;
        const [ri, rj] = [remainders[i] ?? 0n, remainders[j] ?? 0n];
        expect(ri > rj || (ri === rj && i < j)).toBe(true);
      }));
    }));
  });
});

describe('parseDecimalToMinor and formatMinor', () => {
  it.each([
    ['1234.56', 'USD', 123456n], ['1234.5', 'USD', 123450n], ['1234', 'USD', 123400n], ['-0.05', 'USD', -5n],
    ['+1.00', 'USD', 100n], ['0', 'USD', 0n], ['-0', 'USD', 0n], ['007.50', 'USD', 750n], [' 12.50 ', 'USD', 1250n],
    ['1000', 'JPY', 1000n], ['1.234', 'KWD', 1234n], ['1.2345', 'CLF', 12345n],
    ['123456789012345678901234567890.12', 'EUR', 12345678901234567890123456789012n],
  ] as const)('parses %j in %s', (text, currency, expected) => {
    expect(parseDecimalToMinor(text, currency)).toBe(expected);
  });

  it.each<[string, DecimalParseOptions, bigint]>([
    ['1.234,56', { decimalSeparator: ',', thousandsSeparator: '.' }, 123456n],
    ['1234,56', { decimalSeparator: ',', thousandsSeparator: '.' }, 123456n],
    ['-1.234.567,8', { decimalSeparator: ',', thousandsSeparator: '.' }, -123456780n],
    ['1,234.56', { decimalSeparator: '.', thousandsSeparator: ',' }, 123456n],
    ["1'234.56", { thousandsSeparator: "'" }, 123456n],
    ['1 234,56', { decimalSeparator: ',', thousandsSeparator: ' ' }, 123456n],
    ['12,5', { decimalSeparator: ',' }, 1250n],
  ])('parses %j with %j', (text, options, expected) => {
    expect(parseDecimalToMinor(text, 'EUR', options)).toBe(expected);
  });

  it('never rounds: extra fraction digits are an error', () => {
    const error = expectMoneyError(() => parseDecimalToMinor('1.234', 'USD'), 'too_many_decimals');
    expect(error.details).toMatchObject({ text: '1.234', currency: 'USD', exponent: 2, fractionDigits: 3 });
    expectMoneyError(() => parseDecimalToMinor('1.000', 'USD'), 'too_many_decimals');
    expectMoneyError(() => parseDecimalToMinor('1.5', 'JPY'), 'too_many_decimals');
    expectMoneyError(() => parseDecimalToMinor('0.0001', 'KWD'), 'too_many_decimals');
  });

  it.each([
    '', ' ', '-', '+', '.', '1.', '.5', 'abc', '1e3', '0x10', '1.2.3', '--1', '+-1', '1-', '١٢', 'Infinity', 'NaN',
    '1 000', '1,000', '1.234,56', '$1', '1_000',
  ])('rejects %j as invalid_amount', (text) => {
    expectMoneyError(() => parseDecimalToMinor(text, 'USD'), 'invalid_amount');
  });

  it('rejects badly grouped thousands and unknown currencies', () => {
    const grouped: DecimalParseOptions = { decimalSeparator: '.', thousandsSeparator: ',' };
    for (const text of ['12,34.56', '1,2345', ',123', '1,234,', '1,,234']) {
      expectMoneyError(() => parseDecimalToMinor(text, 'USD', grouped), 'invalid_amount');
    }
    expectMoneyError(() => parseDecimalToMinor('1', 'XYZ'), 'unknown_currency');
    expect(() => parseDecimalToMinor('1', 'USD', { decimalSeparator: '.', thousandsSeparator: '.' })).toThrow(RangeError);
  });

  it('formats canonically', () => {
    expect(formatMinor(123450n, 'USD')).toBe('1234.50');
    expect(formatMinor(-5n, 'USD')).toBe('-0.05');
    expect(formatMinor(0n, 'USD')).toBe('0.00');
    expect(formatMinor(1000n, 'JPY')).toBe('1000');
    expect(formatMinor(-1000n, 'JPY')).toBe('-1000');
    expect(formatMinor(5n, 'KWD')).toBe('0.005');
    expect(formatMinor(12345n, 'CLF')).toBe('1.2345');
    expect(formatMoney(money(-123456, 'EUR'))).toBe('-1234.56');
    expect(parseMoney('12.30', 'EUR')).toEqual(money(1230, 'EUR'));
  });

  it('format then parse round-trips (property)', () => {
    fc.assert(fc.property(arbAmount, arbCurrency, (amount, currency) => {
      expect(parseDecimalToMinor(formatMinor(amount, currency), currency)).toBe(amount);
    }));
  });

  it('parses grouped European notation to the same value (property)', () => {
    const toEuropean = (canonical: string): string => {
      const [integer = '', fraction] = canonical.replace('-', '').split('.');
      const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
      return (canonical.startsWith('-') ? '-' : '') + grouped + (fraction === undefined ? '' : `,${fraction}`);
    };
    const options: DecimalParseOptions = { decimalSeparator: ',', thousandsSeparator: '.' };
    fc.assert(fc.property(arbAmount, arbCurrency, (amount, currency) => {
      expect(parseDecimalToMinor(toEuropean(formatMinor(amount, currency)), currency, options)).toBe(amount);
    }));
  });
});

describe('Decimal', () => {
  it('parses and formats exactly', () => {
    expect(parseDecimal('0.0015')).toEqual({ coefficient: 15n, scale: 4 });
    expect(parseDecimal('-12.50')).toEqual({ coefficient: -1250n, scale: 2 });
    expect(parseDecimal('3')).toEqual({ coefficient: 3n, scale: 0 });
    expect(formatDecimal({ coefficient: -15n, scale: 4 })).toBe('-0.0015');
    for (const bad of ['', '1,5', '1e-3', '.5', 'x']) expectMoneyError(() => parseDecimal(bad), 'invalid_amount');
    expect(() => formatDecimal({ coefficient: 1n, scale: -1 })).toThrow(RangeError);
  });

  it('multiplies decimals without rounding', () => {
    expect(multiplyDecimals(parseDecimal('1.5'), parseDecimal('0.0015'))).toEqual({ coefficient: 225n, scale: 5 });
    expect(formatDecimal(multiplyDecimals(parseDecimal('12345'), parseDecimal('0.00075')))).toBe('9.25875');
  });

  it('rounds once when money meets a decimal', () => {
    expect(multiplyMoneyByDecimal(usd(12345), parseDecimal('1.0825'), 'half_even')).toEqual(usd(13363)); // 13363.4625
    expect(multiplyMoneyByDecimal(usd(-1), parseDecimal('0.5'), 'half_up')).toEqual(usd(-1));
    expect(roundDecimalToMoney(parseDecimal('12.345'), 'USD', 'half_even')).toEqual(usd(1234));
    expect(roundDecimalToMoney(parseDecimal('12.345'), 'USD', 'half_up')).toEqual(usd(1235));
    expect(roundDecimalToMoney(parseDecimal('9.25875'), 'JPY', 'half_even')).toEqual(money(9, 'JPY'));
    expect(roundDecimalToMoney(parseDecimal('7'), 'KWD', 'half_even')).toEqual(money(7000, 'KWD'));
  });

  it('converts between currencies with different exponents', () => {
    expect(convertMoney(usd(10000), parseDecimal('151.237'), 'JPY', 'half_even')).toEqual(money(15124, 'JPY'));
    expect(convertMoney(usd(10000), parseDecimal('0.3075'), 'KWD', 'half_even')).toEqual(money(30750, 'KWD'));
    expect(convertMoney(money(15124, 'JPY'), parseDecimal('0.0066123'), 'USD', 'half_even')).toEqual(usd(10000));
    expectMoneyError(() => convertMoney(usd(1), parseDecimal('1'), 'XYZ', 'half_even'), 'unknown_currency');
  });

  it('agrees with multiplyByRatio and round-trips through text (property)', () => {
    const arbDecimal = fc.record({ coefficient: arbAmount, scale: fc.integer({ min: 0, max: 12 }) });
    fc.assert(fc.property(arbAmount, arbDecimal, arbMode, (amount, d, mode) => {
      expect(parseDecimal(formatDecimal(d))).toEqual(d);
      expect(multiplyMoneyByDecimal(usd(amount), d, mode)).toEqual(multiplyByRatio(usd(amount), d.coefficient, 10n ** BigInt(d.scale), mode));
    }));
  });
});

describe('JSON', () => {
  const max = BigInt(Number.MAX_SAFE_INTEGER);

  it('writes a number while it is exact, a string beyond', () => {
    expect(moneyToJson(usd(12345))).toEqual({ amountMinor: 12345, currency: 'USD' });
    expect(moneyToJson(usd(max))).toEqual({ amountMinor: Number.MAX_SAFE_INTEGER, currency: 'USD' });
    expect(moneyToJson(usd(-max))).toEqual({ amountMinor: -Number.MAX_SAFE_INTEGER, currency: 'USD' });
    expect(moneyToJson(usd(max + 1n))).toEqual({ amountMinor: '9007199254740992', currency: 'USD' });
    expect(moneyToJson(usd(-max - 1n))).toEqual({ amountMinor: '-9007199254740992', currency: 'USD' });
  });

  it('reads both forms and rejects malformed input', () => {
    expect(moneyFromJson({ amountMinor: 12345, currency: 'EUR' })).toEqual(money(12345, 'EUR'));
    expect(moneyFromJson({ amountMinor: '9007199254740993', currency: 'EUR' })).toEqual(money(9007199254740993n, 'EUR'));
    for (const bad of [null, 'x', 5, {}, { amountMinor: 1.5, currency: 'EUR' }, { amountMinor: '1.5', currency: 'EUR' }, { amountMinor: true, currency: 'EUR' }]) {
      expectMoneyError(() => moneyFromJson(bad), 'invalid_amount');
    }
    expectMoneyError(() => moneyFromJson({ amountMinor: 1 }), 'unknown_currency');
    expectMoneyError(() => moneyFromJson({ amountMinor: 1, currency: 'usd' }), 'unknown_currency');
  });

  it('round-trips through JSON text (property)', () => {
    fc.assert(fc.property(arbAmount, arbCurrency, (amount, currency) => {
      const m = money(amount, currency);
      expect(moneyFromJson(JSON.parse(JSON.stringify(moneyToJson(m))))).toEqual(m);
    }));
  });
});
