// Occurrence fingerprints: stable across edits elsewhere in the file (never the line number), different for
// different code. Used by the CLI's baselines/SARIF and the server's suppressions.
import { createHash } from 'node:crypto';

const TOKENS = /\/\/[^\n\r]*|\/\*[\s\S]*?(?:\*\/|$)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|\s+|[A-Za-z0-9_$]+|[^\sA-Za-z0-9_$"'/]+|\//g;

/** Code with comments removed and whitespace dropped, except a single space where two words would merge. */
export function normaliseCode(code: string): string {
  const parts: string[] = [];
  let gap = false;
  let lastWord = false;
  for (const m of code.matchAll(TOKENS)) {
    const t = m[0];
    const c = t.charCodeAt(0);
    if (c === 47 /* / */ && (t.charCodeAt(1) === 47 || t.charCodeAt(1) === 42)) {
      gap = true;
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11) {
      gap = true;
      continue;
    }
    const word = isWordCode(c);
    if (gap && lastWord && (word || c === 34 || c === 39)) parts.push(' ');
    parts.push(t);
    lastWord = isWordCode(t.charCodeAt(t.length - 1));
    gap = false;
  }
  return parts.join('');
}

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

/** `normalisedCode` is the matched code after normaliseCode. */
export function fingerprint(findingId: string, contract: string, fn: string, normalisedCode: string, index: number): string {
  return createHash('sha256')
    .update([findingId, contract, fn, normalisedCode, String(index)].join('\u0000'))
    .digest('hex')
    .slice(0, 16);
}
