import { describe, expect, it } from 'vitest';
import { parseMapping } from '../mapping/load-mapping.ts';
import type { MappingInput } from '../mapping/schema.ts';
import { compileImportMapping } from '../prepare-import.ts';
import { bufferFile } from './input-file.ts';
import { planFiles } from './plan-files.ts';

const mapping = (defaults: MappingInput['defaults'], fields: Record<string, string> = { name: 'Firma' }) =>
  compileImportMapping(parseMapping({
    name: 'm', description: 'test', sourceSystem: 'erp', defaults: { currency: 'EUR', ...defaults },
    files: [{ match: '*.csv', records: [{ entity: 'account', externalId: 'Nr', fields }] }],
  } satisfies MappingInput));
const problem = async (plan: Promise<unknown>) => plan.then(() => 'no error', (error: Error) => error.message);

describe('planFiles', () => {
  it('reads the header with the delimiter the mapping gives, not a guessed one', async () => {
    // Two commas inside column names outnumber the one semicolon: a guess would split at the commas.
    const file = bufferFile('kunden.csv', Buffer.from('Nr;Name, Vorname, Titel\n1;Muster, Max, Dr.\n'));
    const plan = await planFiles(mapping({ delimiter: ';' }, { name: 'Name, Vorname, Titel' }), [file]);
    expect(plan.files.map((f) => f.input.name)).toEqual(['kunden.csv']);
  });

  it('reads the header in the encoding the mapping gives', async () => {
    const text = Buffer.from('\uFEFFNr\tFirma\r\n1\tÄpfel GmbH\r\n', 'utf16le');
    const plan = await planFiles(mapping({ encoding: 'utf16le', delimiter: '\t' }), [bufferFile('kunden.csv', text)]);
    expect(plan.files).toHaveLength(1);
    const latin1 = Buffer.from('Nr;Straße\n1;Hauptstraße 1\n', 'latin1');
    expect((await planFiles(mapping({ encoding: 'latin1' }, { name: 'Straße' }), [bufferFile('kunden.csv', latin1)])).files).toHaveLength(1);
  });

  it('refuses a file its given delimiter does not split, saying which delimiter the header seems to use', async () => {
    const file = bufferFile('kunden.csv', Buffer.from('Nr;Firma;Land\n1;Acme;DE\n'));
    expect(await problem(planFiles(mapping({ delimiter: ',' }), [file]))).toBe(
      'kunden.csv has no column "Firma", "Nr", which mapping entry files[0] reads (read with the delimiter ",", the header is one column "Nr;Firma;Land": is the file ";"-separated?)',
    );
  });
});
