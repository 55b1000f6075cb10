import { describe, expect, it } from 'vitest';
import { loadFontsFrom } from './fonts.ts';

describe('document fonts', () => {
  it('fails with a message naming the package to install when DejaVu Sans is missing', () => {
    expect(() => loadFontsFrom(['/nonexistent/fonts'])).toThrow(/install the Debian package fonts-dejavu-core\. Looked in: \/nonexistent\/fonts/);
  });

  it('finds DejaVu Sans here (CI installs fonts-dejavu-core)', () => {
    expect(loadFontsFrom(['/nonexistent/fonts', '/usr/share/fonts/truetype/dejavu']).regular.subarray(0, 4)).toEqual(Buffer.from([0, 1, 0, 0]));
  });
});
