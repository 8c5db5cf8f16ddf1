// Occurrence fingerprints: stable across edits elsewhere in the file (never the line number), different for
// different code. Used by the CLI's baselines/SARIF and the server's suppressions.
import { createHash } from 'node:crypto';

/** Code with comments removed and whitespace dropped, except a single space where two words would merge. */
export function normaliseCode(code: string): string {
  let out = '';
  let pendingSpace = false;
  let i = 0;
  const word = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_$]/.test(c);
  while (i < code.length) {
    const c = code[i];
    if (c === '/' && code[i + 1] === '/') {
      const nl = code.indexOf('\n', i);
      i = nl < 0 ? code.length : nl;
      pendingSpace = true;
    } else if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      i = end < 0 ? code.length : end + 2;
      pendingSpace = true;
    } else if (/\s/.test(c)) {
      i++;
      pendingSpace = true;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < code.length && code[j] !== c && code[j] !== '\n') j += code[j] === '\\' ? 2 : 1;
      if (pendingSpace && word(out[out.length - 1])) out += ' ';
      out += code.slice(i, j + 1);
      i = j + 1;
      pendingSpace = false;
    } else {
      if (pendingSpace && word(out[out.length - 1]) && word(c)) out += ' ';
      out += c;
      i++;
      pendingSpace = false;
    }
  }
  return out;
}

export function fingerprint(findingId: string, contract: string, fn: string, code: string, index: number): string {
  return createHash('sha256')
    .update([findingId, contract, fn, normaliseCode(code), String(index)].join('\u0000'))
    .digest('hex')
    .slice(0, 16);
}
