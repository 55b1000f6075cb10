// Labels of 1–63 letters, digits or inner hyphens; at least two labels; an alphabetic or punycode
// top-level label, so IP addresses ("10.0.0.1") and intranet names ("localhost") are not domains.
const DOMAIN = /^(?=.{1,253}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//;

/**
 * The website domain people paste in any form ("https://www.Acme.com/about", "acme.com.",
 * "bücher.de") as one comparable value ("acme.com", "xn--bcher-kva.de"), so that duplicate
 * detection and the import engine can match on it. Null when the text is not a web domain.
 */
export function normalizeDomain(text: string): string | null {
  const value = text.trim().toLowerCase();
  if (value === '') return null;
  const withScheme = SCHEME.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  // "mailto:x@acme.com" and "ftp://…" are not websites; credentials mean the text was not a domain.
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') return null;
  // WHATWG URL has already lowercased the host and converted IDN labels to punycode.
  let host = url.hostname.replace(/\.$/, '');
  // "www." names the same company's site; keeping it would make acme.com and www.acme.com differ.
  if (host.startsWith('www.')) host = host.slice(4);
  return DOMAIN.test(host) ? host : null;
}
