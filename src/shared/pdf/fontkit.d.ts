/**
 * The part of fontkit (pdfkit's font engine, same version: a direct dependency so that fonts.ts
 * can parse a face once) that Revline touches. fontkit ships no types.
 */
declare module 'fontkit' {
  export interface Font {
    readonly postscriptName: string;
    readonly italicAngle: number;
    layout(text: string): { glyphs: ReadonlyArray<{ id: number }> };
    createSubset(): { includeGlyph(glyphId: number): number; encode(): Uint8Array };
    /** Internal: decoded tables by tag, filled on first use of each table. Read-only once decoded. */
    readonly _tables?: Record<string, unknown>;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}

/** pdfkit's PDFFontFactory.open takes a fontkit font (`typeof src.layout === 'function'`) as well as bytes. */
declare namespace PDFKit.Mixins {
  interface PDFFont {
    registerFont(name: string, src: import('fontkit').Font): this;
  }
}
