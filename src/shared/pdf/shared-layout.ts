import type { Font } from 'fontkit';

/**
 * Text shaping (fontkit's layout: cmap, GSUB, GPOS) shared by all documents of a process. Shaping
 * a word is a pure function of the face and the text, and it was most of a quote PDF's CPU: each
 * document shaped every word again on its own font object. A document still gets its own font
 * object (subset, metrics) and sees exactly what its own shaping would have given it:
 * - positions are fresh objects per call (pdfkit scales them in place);
 * - glyphs are this document's: the same id is one object within a document, and it keeps the
 *   characters it was first reached from in this document, as fontkit's per-font glyph cache does
 *   (pdfkit writes those into the document's ToUnicode map, so the bytes do not depend on the
 *   documents rendered before).
 */

type Position = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number };
type ShapedGlyph = { id: number; codePoints: readonly number[]; advanceWidth: number };
type ShapedRun = { glyphs: readonly ShapedGlyph[]; positions: readonly Position[] };
type FontkitRun = { glyphs: ReadonlyArray<ShapedGlyph>; positions: ReadonlyArray<Position> };
type FontkitInternals = { _glyphs: Record<number, unknown>; layout(text: string, features?: unknown): FontkitRun; getGlyph(id: number): ShapedGlyph };

// Guard: a long-running server renders documents with ever new words (names, amounts); the cache
// is dropped when full (shaping again gives the same result).
const MAX_RUNS_PER_FACE = 20_000;

export type SharedShaper = { shape(text: string, features: unknown): ShapedRun };

/** Shapes on `face` (a font used for nothing else) and remembers the runs. */
export function createSharedShaper(face: Font): SharedShaper {
  const internals = face as unknown as FontkitInternals;
  const runs = new Map<string, ShapedRun>();
  return {
    shape(text, features) {
      const key = features === undefined ? text : `${JSON.stringify(features)}\u0000${text}`;
      let run = runs.get(key);
      if (!run) {
        // As on a document's fresh font: every glyph of this run is made by this run, so each
        // carries the characters a first reach in a document would give it.
        internals._glyphs = {};
        const shaped = internals.layout(text, features);
        run = {
          glyphs: shaped.glyphs.map((glyph) => ({ id: glyph.id, codePoints: [...glyph.codePoints], advanceWidth: glyph.advanceWidth })),
          positions: shaped.positions.map(({ xAdvance, yAdvance, xOffset, yOffset }) => ({ xAdvance, yAdvance, xOffset, yOffset })),
        };
        if (runs.size >= MAX_RUNS_PER_FACE) runs.clear();
        runs.set(key, run);
      }
      return run;
    },
  };
}

/**
 * The document's font (fresh per document) with its layout answered by the shared shaper. pdfkit
 * reads a glyph's id, advanceWidth and codePoints and a run's glyphs, positions and advanceWidth.
 */
export function withSharedLayout(documentFont: Font, shaper: SharedShaper): Font {
  const fontkit = documentFont as unknown as FontkitInternals;
  // The glyphs this document has reached; pdfkit reads glyph 0 (for its width) before any text.
  const notdef = fontkit.getGlyph(0);
  const reached = new Map<number, ShapedGlyph>([[0, { id: 0, codePoints: [...notdef.codePoints], advanceWidth: notdef.advanceWidth }]]);
  const layout = (text: string, features?: unknown) => {
    const run = shaper.shape(text, features);
    const glyphs = run.glyphs.map((glyph) => {
      let own = reached.get(glyph.id);
      if (!own) {
        own = { id: glyph.id, codePoints: glyph.codePoints, advanceWidth: glyph.advanceWidth };
        reached.set(glyph.id, own);
      }
      return own;
    });
    const positions = run.positions.map((position) => ({ ...position }));
    return {
      glyphs,
      positions,
      get advanceWidth() {
        let width = 0;
        for (const position of positions) width += position.xAdvance;
        return width;
      },
    };
  };
  return new Proxy(documentFont, {
    get: (target, property) => (property === 'layout' ? layout : Reflect.get(target, property, target)),
  });
}
