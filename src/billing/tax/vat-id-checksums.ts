/**
 * Check digits of EU VAT ids, by the rules the member states publish (the same rules the European
 * Commission's VIES front end checks before it asks a national database). `national` is the id
 * without its country prefix, already format-checked. Countries without a rule here (BG, CY, CZ,
 * EE, ES, HR, HU, IE, LT, LV, MT, RO, SI, SK) are checked for their format only.
 */
const RULES: Readonly<Record<string, (national: string) => boolean>> = {
  AT: (n) => digitAt(n, 8) === (10 - ((crossSumWeighted(n.slice(1, 8), [1, 2, 1, 2, 1, 2, 1]) + 4) % 10)) % 10,
  BE: (n) => 97 - (Number(n.slice(0, 8)) % 97) === Number(n.slice(8)),
  DE: (n) => digitAt(n, 8) === iso7064Mod11Radix10(n.slice(0, 8)),
  DK: (n) => weightedSum(n, [2, 7, 6, 5, 4, 3, 2, 1]) % 11 === 0,
  EL: (n) => digitAt(n, 8) === (weightedSum(n, [256, 128, 64, 32, 16, 8, 4, 2]) % 11) % 10,
  FI: (n) => digitAt(n, 7) === mod11CheckDigit(weightedSum(n, [7, 9, 10, 5, 8, 4, 2]), 'zero-when-eleven'),
  // The numeric key of a SIREN; the newer alphanumeric keys have no public rule.
  FR: (n) => !/^\d{2}/.test(n) || Number(n.slice(0, 2)) === (12 + 3 * (Number(n.slice(2)) % 97)) % 97,
  IT: (n) => luhnValid(n),
  LU: (n) => Number(n.slice(0, 6)) % 89 === Number(n.slice(6)),
  // Companies: mod 11 over the first nine digits; sole traders' ids since 2020: ISO 7064 mod 97 over "NL…".
  NL: (n) => (weightedSum(n, [9, 8, 7, 6, 5, 4, 3, 2]) % 11 === digitAt(n, 8)) || mod97OfLettersAndDigits(`NL${n}`) === 1,
  PL: (n) => weightedSum(n, [6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11 === digitAt(n, 9),
  PT: (n) => digitAt(n, 8) === mod11CheckDigit(weightedSum(n, [9, 8, 7, 6, 5, 4, 3, 2]), 'zero-when-ten-or-eleven'),
  SE: (n) => n.endsWith('01') && luhnValid(n.slice(0, 10)),
};

export function vatCheckDigitsValid(prefix: string, national: string): boolean {
  const rule = RULES[prefix];
  return rule ? rule(national) : true;
}

function digitAt(text: string, index: number): number {
  return text.charCodeAt(index) - 48;
}

function weightedSum(digits: string, weights: readonly number[]): number {
  return weights.reduce((sum, weight, i) => sum + weight * digitAt(digits, i), 0);
}

/** Weighted sum where a two-digit product counts as the sum of its digits (Luhn-style doubling). */
function crossSumWeighted(digits: string, weights: readonly number[]): number {
  return weights.reduce((sum, weight, i) => {
    const product = weight * digitAt(digits, i);
    return sum + Math.floor(product / 10) + (product % 10);
  }, 0);
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const digit = digitAt(digits, digits.length - 1 - i);
    const doubled = i % 2 === 1 ? digit * 2 : digit;
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return sum % 10 === 0;
}

/** ISO 7064 MOD 11,10 (the German Umsatzsteuer-Identifikationsnummer). */
function iso7064Mod11Radix10(digits: string): number {
  let product = 10;
  for (let i = 0; i < digits.length; i += 1) {
    const sum = (digitAt(digits, i) + product) % 10 || 10;
    product = (2 * sum) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}

/** 11 − (sum mod 11), with the countries' two ways of mapping the results 10 and 11; −1 = no valid digit. */
function mod11CheckDigit(sum: number, rule: 'zero-when-eleven' | 'zero-when-ten-or-eleven'): number {
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return rule === 'zero-when-ten-or-eleven' ? 0 : -1;
  return check;
}

/** ISO 7064 mod 97 of a string whose letters count as 10 (A) … 35 (Z), as for IBANs. */
function mod97OfLettersAndDigits(text: string): number {
  let remainder = 0;
  for (const char of text) {
    const value = /\d/.test(char) ? Number(char) : char.charCodeAt(0) - 55;
    remainder = (remainder * (value > 9 ? 100 : 10) + value) % 97;
  }
  return remainder;
}
