import { StringDecoder } from 'node:string_decoder';
import { SourceFileError, type SourceRow } from './source-row.ts';

/**
 * Streams the objects of a JSON file: either one array of objects (`[{…}, {…}]`, as most APIs and
 * tools export) or JSON Lines (one object per line). The array is split object by object while
 * scanning, so memory holds one object, never the file. Nested objects are flattened to dotted
 * column names ("address.city") and arrays kept as JSON text, so mappings address JSON and CSV
 * columns alike. Numbers are read by JSON.parse: write amounts with more than 15 significant digits
 * as strings.
 */
export async function* readJsonRows(input: AsyncIterable<Buffer | string>): AsyncGenerator<SourceRow> {
  const decoder = new StringDecoder('utf8');
  const scanner = new ObjectScanner();
  for await (const chunk of input) {
    yield* scanner.feed(typeof chunk === 'string' ? chunk : decoder.write(chunk));
  }
  yield* scanner.feed(decoder.end());
  scanner.finish();
}

class ObjectScanner {
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private started = false;
  private isArray = false;
  private objectText = '';
  private objectLine = 0;

  *feed(text: string): Generator<SourceRow> {
    for (let i = 0; i < text.length; i += 1) {
      const char = text[i] as string;
      if (!this.started && i === 0 && this.line === 1 && char === '\uFEFF') continue;
      if (this.depth > 0) this.objectText += char;
      if (char === '\n') this.line += 1;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (char === '\\') this.escaped = true;
        else if (char === '"') this.inString = false;
        continue;
      }
      const row = this.structural(char);
      if (row) yield row;
    }
  }

  finish(): void {
    if (this.depth !== 0 || this.inString) throw new SourceFileError(`the JSON ends inside the object that starts on line ${this.objectLine}`);
  }

  private structural(char: string): SourceRow | null {
    // Inside an object only nesting matters; JSON.parse judges the rest when the object is complete.
    if (this.depth > 0 && !'"{}[]'.includes(char)) return null;
    if (char === '"') {
      if (this.depth === 0) throw new SourceFileError(`line ${this.line}: expected an object, found a string`);
      this.inString = true;
    } else if (char === '{' || (char === '[' && this.depth > 0)) {
      if (this.depth === 0) {
        this.objectText = '{';
        this.objectLine = this.line;
      }
      this.depth += 1;
    } else if (char === '}' || (char === ']' && this.depth > 0)) {
      this.depth -= 1;
      if (this.depth === 0) return this.emit();
    } else if (char === '[' && !this.started) {
      this.isArray = true;
    } else if (!/[\s,\]]/.test(char) || (char === ',' && !this.isArray)) {
      throw new SourceFileError(`line ${this.line}: expected an object, found ${JSON.stringify(char)}`);
    }
    this.started = true;
    return null;
  }

  private emit(): SourceRow {
    const text = this.objectText;
    this.objectText = '';
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      return { kind: 'row', line: this.objectLine, values: flatten(parsed as Record<string, unknown>) };
    } catch (error) {
      return { kind: 'problem', line: this.objectLine, reason: `not valid JSON: ${(error as Error).message}`, raw: text.slice(0, 200) };
    }
  }
}

function flatten(object: Record<string, unknown>, prefix = '', into: Record<string, string> = {}): Record<string, string> {
  for (const [key, value] of Object.entries(object)) {
    const name = prefix + key;
    if (value === null || value === undefined) into[name] = '';
    else if (Array.isArray(value)) into[name] = JSON.stringify(value);
    else if (typeof value === 'object') flatten(value as Record<string, unknown>, `${name}.`, into);
    else into[name] = String(value);
  }
  return into;
}
