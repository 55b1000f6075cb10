import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * DejaVu Sans, as cpq's quote document (src/cpq/document/fonts.ts, not exported by cpq): the
 * built-in PDF fonts have no Cyrillic. Debian's fonts-dejavu-core; read once, at the first document.
 */
const SEARCH_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF', '/Library/Fonts'];
const FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

export type DocumentFonts = { regular: Buffer; bold: Buffer };

let cached: DocumentFonts | undefined;

export function loadInvoiceFonts(): DocumentFonts {
  if (cached) return cached;
  const dir = SEARCH_DIRS.find((candidate) => existsSync(join(candidate, FILES.regular)) && existsSync(join(candidate, FILES.bold)));
  // A deployment problem, not a caller's: a 500 whose message says what to install.
  if (!dir) throw new Error(`Invoice documents need the DejaVu Sans font; install the Debian package fonts-dejavu-core. Looked in: ${SEARCH_DIRS.join(', ')}`);
  cached = { regular: readFileSync(join(dir, FILES.regular)), bold: readFileSync(join(dir, FILES.bold)) };
  return cached;
}
