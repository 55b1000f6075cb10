import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF written by pdfkit with embedded (Identity-H) fonts, for assertions: glyph ids
 * in the content streams are mapped back to Unicode through each font's ToUnicode CMap. Enough
 * for our own documents, not a general PDF parser. Text objects (BT … ET) become lines.
 */
export function extractPdfText(pdf: Buffer): string {
  const objects = readObjects(pdf);
  const cmaps = new Map<string, Map<number, string>>();
  const fontByResource = new Map<string, string>();
  for (const [number, object] of objects) {
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(object.dict);
    if (toUnicode?.[1]) cmaps.set(number, parseCmap(objects.get(toUnicode[1])?.stream ?? ''));
    const fonts = /\/Font <<([^>]*)>>/.exec(object.dict);
    for (const match of fonts?.[1]?.matchAll(/\/(\w+) (\d+) 0 R/g) ?? []) fontByResource.set(match[1] ?? '', match[2] ?? '');
  }
  const lines: string[] = [];
  for (const object of objects.values()) {
    if (!/BT[\s\S]*ET/.test(object.stream) || object.stream.includes('begincmap')) continue;
    let cmap = new Map<number, string>();
    for (const block of object.stream.split(/\bET\b/)) {
      let text = '';
      for (const token of block.matchAll(/\/(\w+) [\d.]+ Tf|<([0-9a-fA-F]+)>/g)) {
        if (token[1] !== undefined) cmap = cmaps.get(fontByResource.get(token[1]) ?? '') ?? new Map();
        else text += decodeHex(token[2] ?? '', cmap);
      }
      if (text !== '') lines.push(text);
    }
  }
  return lines.join('\n');
}

type PdfObject = { dict: string; stream: string };

function readObjects(pdf: Buffer): Map<string, PdfObject> {
  const objects = new Map<string, PdfObject>();
  const source = pdf.toString('latin1');
  for (const match of source.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = match[2] ?? '';
    const streamAt = body.indexOf('stream\n');
    const dict = streamAt === -1 ? body : body.slice(0, streamAt);
    let stream = '';
    if (streamAt !== -1) {
      const start = (match.index ?? 0) + match[0].indexOf(body) + streamAt + 'stream\n'.length;
      const end = source.indexOf('\nendstream', start);
      const raw = pdf.subarray(start, end);
      stream = (dict.includes('/FlateDecode') ? inflateSync(raw) : raw).toString('latin1');
    }
    objects.set(match[1] ?? '', { dict, stream });
  }
  return objects;
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const range of cmap.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/g)) {
    let code = parseInt(range[1] ?? '0', 16);
    for (const entry of (range[3] ?? '').matchAll(/<([0-9a-f ]+)>/g)) {
      const units = (entry[1] ?? '').split(' ').map((hex) => parseInt(hex, 16));
      map.set(code, String.fromCharCode(...units));
      code += 1;
    }
  }
  return map;
}

function decodeHex(hex: string, cmap: Map<number, string>): string {
  let text = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) text += cmap.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD';
  return text;
}
