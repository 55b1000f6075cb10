import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { createPdfDocument, type PdfDocumentOptions } from './create-pdf-document.ts';
import { loadDocumentFonts } from './fonts.ts';
import { FONT, PAGE, type Pdf } from './pdf-layout.ts';
import { extractPdfText } from './test-fixtures/pdf-text.ts';

const OPTIONS: PdfDocumentOptions = { language: 'de', title: 'Angebot', author: 'Revline', createdAt: new Date('2026-03-01T08:00:00Z'), compress: false };

/** Accented letters are composite glyphs in DejaVu: their parts (e, acute …) are glyphs of their own. */
const TEXT = 'Angebot für Müller & Söhne — Ñandú Café, 12.345,67 € · Предложение · £ $ 0123456789';
const OTHER = 'é è ê ë á à â ä ó ò ô ö ú ù û ü í ì î ï ç ñ ı ´ ` ^ ¨ ~';

function write(doc: Pdf, text: string): void {
  doc.font(FONT.regular).fontSize(10).text(text);
  doc.font(FONT.bold).fontSize(12).text(text);
}

async function rendered(text: string): Promise<Buffer> {
  const { doc, finish } = createPdfDocument(OPTIONS);
  write(doc, text);
  return finish();
}

/** The reference: pdfkit given the font files, parsing them for this document alone (as before the shared tables). */
async function renderedFromFiles(text: string): Promise<Buffer> {
  const fonts = loadDocumentFonts();
  const doc = new PDFDocument({
    size: 'A4', margin: PAGE.margin, bufferPages: true, lang: OPTIONS.language, compress: false,
    info: { Title: OPTIONS.title, Author: OPTIONS.author, Producer: 'Revline', Creator: 'Revline', CreationDate: OPTIONS.createdAt, ModDate: OPTIONS.createdAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  doc.registerFont(FONT.regular, fonts.regular);
  doc.registerFont(FONT.bold, fonts.bold);
  write(doc, text);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

describe('createPdfDocument', () => {
  it('writes the same bytes as fonts parsed for the document alone, whatever was rendered before', async () => {
    const reference = await renderedFromFiles(TEXT);
    expect(await rendered(TEXT)).toEqual(reference);
    // Documents before it reach other glyphs (and the parts of composite ones) first.
    await rendered(OTHER);
    await rendered(TEXT.split('').reverse().join(''));
    const later = await rendered(TEXT);
    expect(later).toEqual(reference);
    expect(extractPdfText(later)).toContain(TEXT);
  });

  it('maps every glyph back to its text after other documents', async () => {
    await rendered(TEXT);
    expect(extractPdfText(await rendered(OTHER))).toContain(OTHER);
  });
});
