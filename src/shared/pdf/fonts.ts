import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create, type Font } from 'fontkit';
import { createSharedShaper, withSharedLayout, type SharedShaper } from './shared-layout.ts';
import { createSharedSubsetter, withSharedSubset, type SharedSubsetter } from './shared-subset.ts';

/**
 * The document font: DejaVu Sans, because the built-in PDF fonts (Helvetica …) have no Cyrillic
 * and a Russian quote or invoice must render. It ships with Debian's fonts-dejavu-core (installed
 * by .ci/run) and is found in the usual font directories; the files are read once, at the first document.
 */
const SEARCH_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF', '/Library/Fonts'];
const FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

export type DocumentFonts = { regular: Buffer; bold: Buffer };
export type DocumentFontFaces = { regular: Font; bold: Font };

let cached: DocumentFonts | undefined;
let parsed: DocumentFontFaces | undefined;
let shapers: { regular: SharedShaper; bold: SharedShaper } | undefined;
let subsetters: { regular: SharedSubsetter; bold: SharedSubsetter } | undefined;

/** Text that reaches the tables a document needs: Latin, Cyrillic, digits, the currency signs. */
const WARM_UP_TEXT = 'Quote Angebot Preventivo Предложение 0123456789 €$£ ,.–—';

/**
 * The faces for one document: a fresh fontkit font per face, sharing the tables decoded once per
 * process. Decoding GSUB/GPOS is most of the work (≈ 15 ms of CPU per face per document when each
 * document parsed its own); decoded tables are read-only (fontkit's subsetter clones what it
 * changes). The font object itself is not shared: its glyph cache keeps the characters a glyph
 * was first reached from, which pdfkit writes into the document's ToUnicode map, so a shared
 * cache would make one document's bytes depend on the documents rendered before it.
 */
export function openDocumentFonts(): DocumentFontFaces {
  const bytes = loadDocumentFonts();
  parsed ??= { regular: warmedUp(create(bytes.regular)), bold: warmedUp(create(bytes.bold)) };
  // Shaping is shared too (shared-layout.ts): the parsed faces shape, each document's font subsets.
  shapers ??= { regular: createSharedShaper(parsed.regular), bold: createSharedShaper(parsed.bold) };
  // So is reading each glyph for the subset (shared-subset.ts), from faces of their own.
  subsetters ??= {
    regular: createSharedSubsetter(sharingTables(create(bytes.regular), parsed.regular)),
    bold: createSharedSubsetter(sharingTables(create(bytes.bold), parsed.bold)),
  };
  return {
    regular: withSharedSubset(withSharedLayout(sharingTables(create(bytes.regular), parsed.regular), shapers.regular), subsetters.regular),
    bold: withSharedSubset(withSharedLayout(sharingTables(create(bytes.bold), parsed.bold), shapers.bold), subsetters.bold),
  };
}

function warmedUp(font: Font): Font {
  // Reading what pdfkit's EmbeddedFont reads decodes the name and post tables (post holds every glyph name: slow).
  if (!font.postscriptName || !Number.isFinite(font.italicAngle)) throw new Error('the document font has no PostScript name or italic angle');
  const subset = font.createSubset();
  for (const glyph of font.layout(WARM_UP_TEXT).glyphs) subset.includeGlyph(glyph.id);
  subset.encode();
  return font;
}

/** Guard: `_tables` is fontkit's internal; without it the document decodes its own (slower, same bytes). */
function sharingTables(font: Font, parsedOnce: Font): Font {
  if (font._tables && parsedOnce._tables) Object.assign(font._tables, parsedOnce._tables);
  return font;
}

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
