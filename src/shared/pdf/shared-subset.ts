import type { Font } from 'fontkit';

/**
 * The per-glyph part of font subsetting shared by all documents of a process. When a document ends,
 * fontkit's TrueType subsetter copies each glyph it used out of the glyf table, decoding the whole
 * outline on the way (only to learn whether it is a composite and of which parts) and its metrics:
 * ≈ 3 ms of CPU per quote PDF, the same work for the same glyph in every document. What it takes
 * from a glyph is a pure function of the face and the glyph id (its bytes, its parts, its advance
 * and left bearing), so it is read once per process; the document's subset still numbers the glyphs
 * in the order the document reached them and rewrites a composite's parts to that numbering, as
 * fontkit does (the bytes are those of a document rendered alone: create-pdf-document.test.ts).
 */

type GlyphPiece = { bytes: Uint8Array; parts: ReadonlyArray<{ glyphId: number; offset: number }> | null; advance: number; bearing: number };

type FontkitGlyph = {
  advanceWidth: number;
  _decode(): { numberOfContours: number; components?: Array<{ glyphID: number; pos: number }> } | null;
  _getMetrics(): { leftBearing: number };
};
type FontkitFace = {
  getGlyph(id: number): FontkitGlyph;
  loca: { offsets: ArrayLike<number> };
  directory: { tables: Record<string, unknown> };
  _variationProcessor?: unknown;
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
};
type TrueTypeSubset = {
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: Array<{ advance: number; bearing: number }> };
  offset: number;
  includeGlyph(glyphId: number): number;
  _addGlyph(glyphId: number): number;
};

export type SharedSubsetter = { pieceOf(glyphId: number): GlyphPiece };

// Guard: a face has at most 65,536 glyphs; DejaVu Sans has ≈ 6,000. The cache is bounded by the face.

/** Reads glyph pieces from `face` (a font object used for nothing else) and remembers them. */
export function createSharedSubsetter(face: Font): SharedSubsetter {
  const font = face as unknown as FontkitFace;
  const pieces = new Map<number, GlyphPiece>();
  return {
    pieceOf(glyphId) {
      let piece = pieces.get(glyphId);
      if (!piece) {
        // As TTFSubset._addGlyph reads it.
        const glyph = font.getGlyph(glyphId);
        const decoded = glyph._decode();
        const offsets = font.loca.offsets;
        const start = offsets[glyphId] as number;
        const stream = font._getTableStream('glyf');
        stream.pos += start;
        const bytes = stream.readBuffer((offsets[glyphId + 1] as number) - start);
        const parts = decoded && decoded.numberOfContours < 0 ? (decoded.components ?? []).map((part) => ({ glyphId: part.glyphID, offset: part.pos })) : null;
        piece = { bytes, parts, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
        pieces.set(glyphId, piece);
      }
      return piece;
    },
  };
}

/**
 * The document's font with subsets whose glyphs come from the shared pieces. Only for a static
 * TrueType face (glyf and loca, no variations): anything else subsets as fontkit does.
 */
export function withSharedSubset(documentFont: Font, subsetter: SharedSubsetter): Font {
  const font = documentFont as unknown as FontkitFace;
  const tables = font.directory.tables;
  if (!tables['glyf'] || !tables['loca'] || tables['CFF '] || tables['CFF2'] || font._variationProcessor) return documentFont;
  const createSubset = () => {
    const subset = documentFont.createSubset() as unknown as TrueTypeSubset;
    // Guard: fontkit's TrueType subsetter (the one with _addGlyph) is the one this replaces a step of.
    if (typeof subset._addGlyph !== 'function') return subset;
    subset._addGlyph = (glyphId) => addGlyph(subset, subsetter.pieceOf(glyphId));
    return subset;
  };
  return new Proxy(documentFont, {
    get: (target, property) => (property === 'createSubset' ? createSubset : Reflect.get(target, property, target)),
  });
}

/** TTFSubset._addGlyph with the piece read once: a composite's parts join the subset and are renumbered in a copy. */
function addGlyph(subset: TrueTypeSubset, piece: GlyphPiece): number {
  let bytes = piece.bytes;
  if (piece.parts) {
    bytes = new Uint8Array(bytes);
    const view = new DataView(bytes.buffer);
    for (const part of piece.parts) view.setUint16(part.offset, subset.includeGlyph(part.glyphId));
  }
  subset.glyf.push(bytes);
  subset.loca.offsets.push(subset.offset);
  subset.hmtx.metrics.push({ advance: piece.advance, bearing: piece.bearing });
  subset.offset += bytes.length;
  return subset.glyf.length - 1;
}
