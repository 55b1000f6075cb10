import PDFDocument from 'pdfkit';
import { openDocumentFonts } from './fonts.ts';
import { FONT, PAGE, type Pdf } from './pdf-layout.ts';

export type PdfDocumentOptions = {
  /** BCP 47 tag of the document's language. */
  language: string;
  title: string;
  author: string;
  /** The PDF's creation and modification date: an instant from the data, never the clock. */
  createdAt: Date;
  /** Deflate content streams (default); tests read the text of uncompressed ones. */
  compress?: boolean;
};

export type PdfDocument = {
  doc: Pdf;
  /** Ends the document and resolves with its bytes. */
  finish(): Promise<Buffer>;
};

/**
 * An A4 document with the DejaVu fonts registered, collecting its bytes. Deterministic: the same
 * content gives the same bytes, because the creation date comes from the caller, pdfkit derives
 * the document id from it, and the fonts are subset the same way every time (each document has
 * its own font objects: see openDocumentFonts).
 */
export function createPdfDocument(options: PdfDocumentOptions): PdfDocument {
  const fonts = openDocumentFonts();
  const doc = new PDFDocument({
    size: 'A4', margin: PAGE.margin, bufferPages: true, lang: options.language, compress: options.compress ?? true,
    info: { Title: options.title, Author: options.author, Producer: 'Revline', Creator: 'Revline', CreationDate: options.createdAt, ModDate: options.createdAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont(FONT.regular, fonts.regular);
  doc.registerFont(FONT.bold, fonts.bold);
  return {
    doc,
    async finish() {
      doc.end();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}
