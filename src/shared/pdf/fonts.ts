import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The document font: DejaVu Sans, because the built-in PDF fonts (Helvetica …) have no Cyrillic
 * and a Russian quote or invoice must render. It ships with Debian's fonts-dejavu-core (installed
 * by .ci/run) and is found in the usual font directories; the files are read once, at the first document.
 */
const SEARCH_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF', '/Library/Fonts'];
const FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

export type DocumentFonts = { regular: Buffer; bold: Buffer };

let cached: DocumentFonts | undefined;

export function loadDocumentFonts(): DocumentFonts {
  cached ??= loadFontsFrom(SEARCH_DIRS);
  return cached;
}

export function loadFontsFrom(dirs: readonly string[]): DocumentFonts {
  const dir = dirs.find((candidate) => existsSync(join(candidate, FILES.regular)) && existsSync(join(candidate, FILES.bold)));
  if (!dir) {
    // A deployment problem, not a caller's: a 500, logged with a message that says what to install.
    throw new Error(`PDF documents need the DejaVu Sans font (${FILES.regular}, ${FILES.bold}); install the Debian package fonts-dejavu-core. Looked in: ${dirs.join(', ')}`);
  }
  return { regular: readFileSync(join(dir, FILES.regular)), bold: readFileSync(join(dir, FILES.bold)) };
}
