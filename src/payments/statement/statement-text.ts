/**
 * A statement file's text: UTF-8 (a BOM is dropped by the CSV parser), else Windows-1252 — what
 * German and Italian online banking still exports ("Währung", "Verwendungszweck"). Bytes that are
 * not valid UTF-8 are never read as U+FFFD: the header would no longer match and every umlaut of
 * a reference would be lost.
 */
export function statementText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
