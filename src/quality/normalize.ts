/**
 * Normalizers for identity resolution: each turns the ways people write one fact ("ACME GmbH.",
 * "Acme", "DE 123.456.789") into one comparable value. All are idempotent (property-tested), so a
 * stored normalized value can be normalized again without drifting.
 */
import { normalizeDomain } from '../crm/index.ts';
import { isFreeMailDomain } from './free-mail-domains.ts';
import { LEGAL_FORM_PREFIXES, LEGAL_FORM_SUFFIXES } from './legal-forms.ts';

export { normalizeDomain };

// Apostrophes join ("McDonald's" = "McDonalds"); every other non-letter, non-digit separates.
const APOSTROPHES = /['’ʼ`´]/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/**
 * Case, accent and punctuation folding: NFKD splits compatibility forms (full-width "ＡＣＭＥ", "ﬁ")
 * and separates accents, which are then dropped ("Société" = "Societe", "Ёлка" = "Елка").
 * Upper-then-lower case approximates full case folding ("Straße" = "STRASSE"); final sigma folds
 * to σ as in Unicode case folding (lower-casing picks ς by position, which joining initials
 * changes). The final NFC recomposes what accent removal left decomposed (Hangul syllables).
 */
function foldOnce(text: string): string {
  return text
    .normalize('NFKD')
    .toUpperCase()
    .toLowerCase()
    .replace(/ς/gu, 'σ')
    .replace(/\p{M}/gu, '')
    .normalize('NFC')
    .replace(APOSTROPHES, '')
    .replace(SEPARATORS, ' ')
    .trim();
}

/** Folded until stable: one pass is not always enough ("ẞ" lower-cases to "ß", which folds to "ss"). */
export function foldText(text: string): string {
  let current = foldOnce(text);
  for (let pass = 0; pass < 4; pass += 1) {
    const next = foldOnce(current);
    if (next === current) return current;
    current = next;
  }
  return current;
}

/**
 * A legal name as a comparable key: "ACME GmbH.", "Acme" and "acme gmbh & co. kg" all give "acme";
 * "ООО «Ромашка»" gives "ромашка". Empty when nothing is left (a name of only punctuation).
 */
export function normalizeLegalName(name: string): string {
  const tokens = collapseInitials(foldText(name).split(' ').filter((token) => token !== ''));
  return stripLegalForms(tokens).join(' ');
}

/** "S.r.l." and "J.P." fold to single letters; joined they match "SRL" and "JP" written without dots. */
function collapseInitials(tokens: readonly string[]): string[] {
  const result: string[] = [];
  let run = '';
  for (const token of tokens) {
    if ([...token].length === 1) {
      run += token;
      continue;
    }
    if (run !== '') result.push(run);
    run = '';
    result.push(token);
  }
  if (run !== '') result.push(run);
  return result;
}

/** Strips legal forms at the end (and CIS forms at the front) until none is left, never to nothing. */
function stripLegalForms(tokens: readonly string[]): readonly string[] {
  let current = tokens;
  for (;;) {
    const next = stripOneLegalForm(current);
    // A company called "AG" or "Limited" keeps its name: an empty key would match every other one.
    if (next === null || next.length === 0) return current;
    current = next;
  }
}

function stripOneLegalForm(tokens: readonly string[]): readonly string[] | null {
  for (const form of LEGAL_FORM_SUFFIXES) {
    if (form.length <= tokens.length && form.every((t, i) => tokens[tokens.length - form.length + i] === t)) {
      return tokens.slice(0, tokens.length - form.length);
    }
  }
  for (const form of LEGAL_FORM_PREFIXES) {
    if (form.length <= tokens.length && form.every((t, i) => tokens[i] === t)) return tokens.slice(form.length);
  }
  return null;
}

/** EU VAT prefixes by ISO country; Greece writes EL. Northern Ireland's XI is a prefix too. */
const EU_VAT_PREFIX: Readonly<Record<string, string>> = Object.fromEntries(
  'AT BE BG CY CZ DE DK EE ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' ').map((c) => [c, c]).concat([['GR', 'EL']]),
);
const VAT_PREFIXES = new Set([...Object.values(EU_VAT_PREFIX), 'XI']);

/**
 * A tax id as a comparable key: separators gone, upper case, and for an account in an EU country
 * the VAT country prefix added when missing ("123 456 789" in DE → "DE123456789"), so the same
 * number typed with and without its prefix matches. Null for placeholders ("n/a", "0000"): a tax
 * id always has a non-zero digit.
 */
export function normalizeTaxId(taxId: string, country: string | null = null): string | null {
  let value = taxId.normalize('NFKC').toUpperCase().replace(/[^\p{L}\p{N}]+/gu, '');
  if (!/[1-9]/.test(value)) return null;
  // GR is the ISO code but EL the VAT prefix; both are seen on Greek invoices.
  if (/^GR\d+$/.test(value)) value = `EL${value.slice(2)}`;
  const prefix = country === null ? undefined : EU_VAT_PREFIX[country.toUpperCase()];
  if (prefix !== undefined && !VAT_PREFIXES.has(value.slice(0, 2))) value = `${prefix}${value}`;
  return value;
}

/** The normalized domain of an e-mail address ("Billing@ACME.de" → "acme.de"); null if not an address. */
export function emailDomain(email: string): string | null {
  const value = email.trim();
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return null;
  return normalizeDomain(value.slice(at + 1));
}

/** The domain of a company mailbox; null for free-mail providers, which say nothing about a company. */
export function companyEmailDomain(email: string): string | null {
  const domain = emailDomain(email);
  return domain === null || isFreeMailDomain(domain) ? null : domain;
}

/**
 * The mailbox an address reaches, as a dedupe key: lower case, "+tag" sub-addresses dropped
 * ("ada+crm@acme.com" reaches ada@acme.com on nearly every mail system), and for Gmail, which
 * ignores dots and also answers at googlemail.com, the dots and that alias too. Stricter than the
 * contacts domain's own check (trim and lower case), so it finds the duplicates that check lets in.
 */
export function normalizeEmail(email: string): string | null {
  const value = email.normalize('NFKC').trim().toLowerCase();
  const at = value.lastIndexOf('@');
  if (at <= 0) return null;
  let domain = normalizeDomain(value.slice(at + 1));
  if (domain === null) return null;
  if (domain === 'googlemail.com') domain = 'gmail.com';
  let local = value.slice(0, at);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (domain === 'gmail.com') local = local.replaceAll('.', '');
  // Guard: a local part with white space is no address (and ". @gmail.com" would become " @gmail.com",
  // which normalizes again to nothing), so it never serves as a match key.
  return local === '' || /\s/u.test(local) ? null : `${local}@${domain}`;
}
