import { isCountryCode } from '../../crm/index.ts';

/**
 * Country names as exports write them → ISO 3166-1 alpha-2. Names come from ICU
 * (Intl.DisplayNames) for every code the CRM accepts, so the table cannot disagree with it: English,
 * then the languages European CRM and ERP exports are most often written in ("Deutschland",
 * "Allemagne"); a name another language already gave to a different country keeps the first meaning.
 * The aliases are the spellings ICU does not produce but real files do (including the data sets'
 * own typos, e.g. Maven's "Philipines").
 */
const ALIASES: Record<string, string> = {
  uk: 'GB', 'great britain': 'GB', england: 'GB', scotland: 'GB', wales: 'GB',
  usa: 'US', 'u.s.': 'US', 'u.s.a.': 'US', 'united states of america': 'US', america: 'US',
  korea: 'KR', 'south korea': 'KR', 'republic of korea': 'KR', 'north korea': 'KP',
  'hong kong': 'HK', macau: 'MO', macao: 'MO', 'czech republic': 'CZ', 'ivory coast': 'CI', holland: 'NL',
  'russian federation': 'RU', 'viet nam': 'VN', turkey: 'TR', burma: 'MM', 'uae': 'AE', philipines: 'PH',
};

const NAME_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl'] as const;

let byName: Map<string, string> | null = null;

function table(): Map<string, string> {
  if (byName) return byName;
  const table = new Map(Object.entries(ALIASES));
  for (const language of NAME_LANGUAGES) {
    const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    for (let a = 65; a <= 90; a += 1) {
      for (let b = 65; b <= 90; b += 1) {
        const code = String.fromCharCode(a, b);
        const name = isCountryCode(code) ? names.of(code)?.toLowerCase() : undefined;
        if (name && !table.has(name)) table.set(name, code);
      }
    }
  }
  byName = table;
  return byName;
}

/** 'DE' for "Germany", "germany", "de" or "DE"; null when the text names no country. */
export function countryCodeOf(text: string): string | null {
  const trimmed = text.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const code = trimmed.toUpperCase();
    if (code === 'UK') return 'GB';
    return isCountryCode(code) ? code : null;
  }
  return table().get(trimmed.toLowerCase()) ?? null;
}
