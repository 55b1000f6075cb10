import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFreeMailDomain } from './free-mail-domains.ts';
import { companyEmailDomain, emailDomain, foldText, normalizeEmail, normalizeLegalName, normalizeTaxId } from './normalize.ts';

// Names built from pieces that matter here (legal forms, dots, accents, Cyrillic, spacing), mixed with arbitrary text.
const namePiece = fc.constantFrom(
  'Acme', 'ACME', 'GmbH', '&', 'Co.', 'KG', 'S.r.l.', 'S.p.A.', 'Inc.', 'Pty', 'Ltd', 'ООО', '«Ромашка»', 'Société', 'Générale',
  'Straße', 'Ａｃｍｅ', 'İstanbul', 'ŉ', 'ﬁ', 'J.', 'P.', "McDonald's", 'AG', 'the', ' ', '.', '-', 'Ёлка', 'Sp.', 'z', 'o.o.',
);
const arbName = fc.oneof(
  fc.array(namePiece, { maxLength: 8 }).map((parts) => parts.join(' ')),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

describe('normalizeLegalName', () => {
  it.each([
    ['ACME GmbH', 'acme'],
    ['Acme', 'acme'],
    ['ACME GmbH.', 'acme'],
    ['acme gmbh & co. kg', 'acme'],
    ['Acme S.r.l.', 'acme'],
    ['ACME SRL', 'acme'],
    ['Acme S.p.A.', 'acme'],
    ['Acme Pty Ltd', 'acme'],
    ['Acme, Inc.', 'acme'],
    ['Acme Incorporated', 'acme'],
    ['Acme Holdings Limited', 'acme holdings'],
    ['Acme B.V.', 'acme'],
    ['Acme A/S', 'acme'],
    ['Acme Sp. z o.o.', 'acme'],
    ['Acme S.A. de C.V.', 'acme'],
    ['Acme Oy', 'acme'],
    ['The Acme Company', 'acme'],
    ['ООО «Ромашка»', 'ромашка'],
    ['ПАО "Газпром"', 'газпром'],
    ['OOO Romashka', 'romashka'],
    ['Société Générale SA', 'societe generale'],
    ['Müller GmbH', 'muller'],
    ['STRASSE AG', 'strasse'],
    ['Straße AG', 'strasse'],
    ['ẞ', 'ss'],
    ['µ 𝝨', 'μσ'],
    ['Ａｃｍｅ　ＧｍｂＨ', 'acme'],
    ['J.P. Morgan', 'jp morgan'],
    ['JP Morgan', 'jp morgan'],
    ["McDonald's Corporation", 'mcdonalds'],
    ['AG', 'ag'],
    ['Limited Co', 'limited'],
    ['…', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeLegalName(input)).toBe(expected);
  });

  it('is idempotent (property)', () => {
    fc.assert(fc.property(arbName, (name) => {
      const once = normalizeLegalName(name);
      expect(normalizeLegalName(once)).toBe(once);
    }), { numRuns: 2000 });
  });

  it('ignores case, accents and punctuation (property)', () => {
    fc.assert(fc.property(arbName, (name) => {
      expect(normalizeLegalName(name.toUpperCase())).toBe(normalizeLegalName(name.toLowerCase()));
      expect(normalizeLegalName(`${name}.,;`)).toBe(normalizeLegalName(name));
      expect(normalizeLegalName(name.normalize('NFD'))).toBe(normalizeLegalName(name.normalize('NFC')));
    }), { numRuns: 1000 });
  });

  it('folding is idempotent and leaves only letters, digits and single spaces (property)', () => {
    fc.assert(fc.property(arbName, (name) => {
      const folded = foldText(name);
      expect(foldText(folded)).toBe(folded);
      expect(folded).toMatch(/^(?:[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*)?$/u);
    }), { numRuns: 2000 });
  });
});

describe('normalizeTaxId', () => {
  it.each([
    ['DE 123 456 789', null, 'DE123456789'],
    ['de123.456.789', null, 'DE123456789'],
    ['123 456 789', 'DE', 'DE123456789'],
    ['123456789', 'de', 'DE123456789'],
    ['DE123456789', 'AT', 'DE123456789'],
    ['U12345678', 'AT', 'ATU12345678'],
    ['GR 123456789', null, 'EL123456789'],
    ['123456789', 'GR', 'EL123456789'],
    ['12-3456789', 'US', '123456789'],
    ['12-3456789', null, '123456789'],
    ['n/a', 'DE', null],
    ['0000 0000', 'DE', null],
    ['', null, null],
  ] as const)('%j in %j → %j', (input, country, expected) => {
    expect(normalizeTaxId(input, country)).toBe(expected);
  });

  it('is idempotent for every country (property)', () => {
    const country = fc.constantFrom(null, 'DE', 'AT', 'GR', 'FR', 'US', 'GB', 'IT');
    const taxId = fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^[A-Z]{0,2}[ .\-/]?\d{3}[ .]?\d{3}[ .]?\d{3}$/));
    fc.assert(fc.property(taxId, country, (value, c) => {
      const once = normalizeTaxId(value, c);
      if (once === null) return;
      expect(normalizeTaxId(once, c)).toBe(once);
      expect(once).toMatch(/^[\p{L}\p{N}]+$/u);
    }), { numRuns: 1000 });
  });
});

describe('e-mail domains', () => {
  it('extracts and normalizes the domain of an address', () => {
    expect(emailDomain('Billing@ACME.de')).toBe('acme.de');
    expect(emailDomain(' first.last@mail.acme.co.uk ')).toBe('mail.acme.co.uk');
    expect(emailDomain('"odd@name"@acme.com')).toBe('acme.com');
    expect(emailDomain('acme.com')).toBeNull();
    expect(emailDomain('@acme.com')).toBeNull();
    expect(emailDomain('x@')).toBeNull();
    expect(emailDomain('x@localhost')).toBeNull();
  });

  it('ignores free-mail providers, including brands under country domains', () => {
    for (const address of ['a@gmail.com', 'a@googlemail.com', 'a@yahoo.co.uk', 'a@yahoo.de', 'a@hotmail.fr', 'a@outlook.com', 'a@live.com', 'a@icloud.com', 'a@gmx.de', 'a@gmx.net', 'a@web.de', 'a@mail.ru', 'a@yandex.ru', 'a@proton.me']) {
      expect(companyEmailDomain(address), address).toBeNull();
    }
    expect(companyEmailDomain('billing@acme.de')).toBe('acme.de');
    expect(companyEmailDomain('a@live.nation.com')).toBe('live.nation.com');
    expect(isFreeMailDomain('yahoo.com.br')).toBe(true);
    expect(isFreeMailDomain('yahoo-inc.com')).toBe(false);
  });

  it('is idempotent through the domain normalizer (property)', () => {
    fc.assert(fc.property(fc.emailAddress(), (address) => {
      const domain = emailDomain(address);
      if (domain === null) return;
      expect(emailDomain(`x@${domain}`)).toBe(domain);
    }), { numRuns: 500 });
  });
});

describe('normalizeEmail', () => {
  it.each([
    ['Ada@ACME.com', 'ada@acme.com'],
    [' ada+crm@acme.com ', 'ada@acme.com'],
    ['a.d.a+news@googlemail.com', 'ada@gmail.com'],
    ['A.D.A@Gmail.com', 'ada@gmail.com'],
    ['first.last@acme.com', 'first.last@acme.com'],
    ['+tag@acme.com', '+tag@acme.com'],
    ['ada@acme', null],
    ['no-at-sign', null],
    ['@acme.com', null],
    ['. @gmail.com', null],
    ['ada lovelace@acme.com', null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  it('is idempotent (property)', () => {
    const arbAddress = fc.oneof(
      fc.emailAddress(),
      fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom('gmail.com', 'GoogleMail.com', 'acme.de', 'bücher.de')).map(([local, domain]) => `${local}@${domain}`),
    );
    fc.assert(fc.property(arbAddress, (address) => {
      const once = normalizeEmail(address);
      if (once === null) return;
      expect(normalizeEmail(once)).toBe(once);
    }), { numRuns: 1000 });
  });
});
