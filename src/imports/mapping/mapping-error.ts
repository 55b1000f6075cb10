/**
 * A mapping that cannot run. `path` names the offending mapping field the way the file spells it
 * ("files[0].records[1].fields.amount"), so the message says where to look.
 */
export class MappingError extends Error {
  override readonly name = 'MappingError';
  readonly path: string;

  constructor(path: string, message: string) {
    super(path === '' ? message : `mapping field ${path}: ${message}`);
    this.path = path;
  }
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text === '' ? String(part) : `${text}.${String(part)}`), '');
}
