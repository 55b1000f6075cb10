/**
 * Legal-form designators, written as the tokens they become after legal-name normalization: lower
 * case, diacritics and punctuation gone, runs of initials joined ("S.r.l." → "srl", "Sp. z o.o." →
 * "sp zoo", "GmbH & Co. KG" → "gmbh co kg"). Compound forms ("GmbH & Co. KG", "Pty Ltd") need no
 * entry of their own: suffixes are stripped repeatedly.
 */
const SUFFIXES = [
  // English-speaking jurisdictions
  'inc', 'incorporated', 'llc', 'llp', 'lp', 'ltd', 'limited', 'plc', 'corp', 'corporation', 'co', 'company', 'pty', 'pte',
  'pvt', 'private', 'lc', 'pc', 'pllc',
  // German-speaking
  'gmbh', 'mbh', 'ag', 'kg', 'kgaa', 'ohg', 'gbr', 'ug', 'haftungsbeschrankt', 'ev', 'eg', 'se', 'ek',
  // Romance languages
  'sa', 'spa', 'srl', 'srls', 'sas', 'sarl', 'snc', 'sl', 'sau', 'sca', 'sci', 'eurl', 'ltda', 'lda', 'sapi', 'de cv', 'scarl',
  // Benelux, Nordics, Baltics
  'bv', 'nv', 'bvba', 'vof', 'cv', 'oy', 'oyj', 'ab', 'publ', 'as', 'asa', 'aps', 'hf', 'ehf', 'ou', 'uab', 'sia',
  // Central and Eastern Europe
  'sp zoo', 'spolka zoo', 'zoo', 'sro', 'kft', 'zrt', 'nyrt', 'bt', 'doo', 'dd', 'ad', 'ood', 'eood',
  // Asia-Pacific
  'kk', 'kabushiki kaisha', 'gk', 'godo kaisha', 'yk', 'sdn bhd', 'bhd', 'tbk', 'jsc', 'ojsc', 'cjsc', 'pjsc',
  // Russian and other CIS, in Cyrillic and in Latin transliteration
  'ооо', 'оао', 'зао', 'пао', 'ао', 'нао', 'ип', 'тоо', 'тов', 'пат', 'прат', 'ooo', 'zao', 'oao', 'pao',
];

/**
 * Forms that come before the name: Russian and other CIS practice ("ООО «Ромашка»"), the Latin
 * transliterations, Indonesian "PT", and the article in "The Acme Company". Western forms are not
 * stripped at the front: "AB" or "SA" leading a name is more often part of the name.
 */
const PREFIXES = ['the', 'ооо', 'оао', 'зао', 'пао', 'ао', 'нао', 'ип', 'тоо', 'тов', 'пат', 'прат', 'ooo', 'zao', 'oao', 'pao', 'pt'];

/** Token sequences, longest first: "acme sp zoo" must lose "sp zoo", not just "zoo" (leaving "acme sp"). */
function toTokenLists(forms: readonly string[]): readonly (readonly string[])[] {
  const unique = [...new Set(forms)];
  return unique.map((form) => form.split(' ')).sort((a, b) => b.length - a.length);
}

export const LEGAL_FORM_SUFFIXES = toTokenLists(SUFFIXES);
export const LEGAL_FORM_PREFIXES = toTokenLists(PREFIXES);
