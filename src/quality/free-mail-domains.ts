/**
 * Mailbox providers anyone can sign up with: two people at gmail.com are not one company, so these
 * domains are never evidence for a match. Exact domains, plus brands registered under many country
 * domains (yahoo.co.uk, hotmail.fr, gmx.at) matched as "<brand>.<country suffix>".
 */
const EXACT = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'passport.com', 'icloud.com',
  'me.com', 'mac.com', 'aol.com', 'aim.com', 'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me', 'tutanota.com',
  'tutanota.de', 'tuta.io', 'zoho.com', 'zohomail.com', 'yandex.ru', 'yandex.com', 'ya.ru', 'mail.ru', 'inbox.ru', 'list.ru',
  'bk.ru', 'rambler.ru', 'web.de', 'freenet.de', 't-online.de', 'posteo.de', 'mailbox.org', 'libero.it', 'virgilio.it',
  'tiscali.it', 'alice.it', 'orange.fr', 'wanadoo.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'qq.com', '163.com', '126.com',
  'sina.com', 'naver.com', 'daum.net', 'hanmail.net', 'rediffmail.com', 'fastmail.com', 'fastmail.fm', 'hey.com',
  'mail.com', 'email.com', 'usa.com', 'inbox.com', 'seznam.cz', 'wp.pl', 'o2.pl', 'interia.pl', 'onet.pl', 'bluewin.ch',
  'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net', 'btinternet.com', 'sky.com', 'bigpond.com', 'shaw.ca',
]);

/** Brands whose free mail lives under many country domains: yahoo.de, hotmail.co.uk, gmx.net, … */
const BRANDS = new Set(['yahoo', 'ymail', 'rocketmail', 'hotmail', 'outlook', 'live', 'windowslive', 'msn', 'gmx', 'aol', 'yandex']);

// A country or generic suffix after the brand: "de", "com", "co.uk", "com.br". Keeps live.nation.com out.
const SUFFIX = /^(?:[a-z]{2,3}|(?:co|com|net|org)\.[a-z]{2})$/;

/** `domain` is already normalized (lower case, no "www."). */
export function isFreeMailDomain(domain: string): boolean {
  if (EXACT.has(domain)) return true;
  const dot = domain.indexOf('.');
  if (dot <= 0) return false;
  return BRANDS.has(domain.slice(0, dot)) && SUFFIX.test(domain.slice(dot + 1));
}
