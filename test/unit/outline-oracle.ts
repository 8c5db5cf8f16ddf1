// The outline scanner as it was before its tokens moved into typed arrays (server/src/engine/parse/outline.ts
// then kept one `{start, end, text}` object per token), with the token lookups of token-problem.ts over those
// objects: the oracle parse-outline-tokens.test.ts holds the packed tokens to. Test code only; do not import it
// from the server. What did not change (where comments and strings end, the outline's shapes) is outline.ts's own.
import { commentEnd, type ContractOutline, stringEnd, type TopOutline } from '../../server/src/engine/parse/outline';

export type { ContractOutline, Segment, TopOutline, UnitOutline } from '../../server/src/engine/parse/outline';

export interface Token {
  start: number;
  /** Exclusive. */
  end: number;
  /** The token's text for words and punctuation; '"' for any string literal, '0' for numbers. */
  text: string;
}

export interface Outline {
  tokens: Token[];
  units: TopOutline[];
  /** Offset of a `/*` that is never closed, or -1. */
  openComment: number;
}

const isIdStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
const isIdPart = (c: number) => isIdStart(c) || (c >= 48 && c <= 57);

/** `openComments` receives the offset of a block comment that is never closed (it runs to the end of the file). */
export function tokenize(text: string, openComments?: number[]): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff) {
      i++;
      continue;
    }
    if (c === 47 /* / */) {
      const e = commentEnd(text, i, openComments);
      if (e >= 0) {
        i = e;
        continue;
      }
    }
    if (c === 34 || c === 39) {
      const start = i;
      i = stringEnd(text, i, c);
      tokens.push({ start, end: i, text: '"' });
      continue;
    }
    if (isIdStart(c)) {
      const start = i;
      while (i < n && isIdPart(text.charCodeAt(i))) i++;
      tokens.push({ start, end: i, text: text.slice(start, i) });
      continue;
    }
    if (c >= 48 && c <= 57) {
      // Numbers (decimal, hex, scientific, with underscores) only need to be skipped as one token.
      const start = i;
      while (i < n && (isIdPart(text.charCodeAt(i)) || (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))))) i++;
      tokens.push({ start, end: i, text: '0' });
      continue;
    }
    tokens.push({ start: i, end: i + 1, text: text[i] });
    i++;
  }
  return tokens;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

const CONTRACT_WORDS = new Set(['contract', 'interface', 'library']);

export function outline(text: string): Outline {
  const open: number[] = [];
  const tokens = tokenize(text, open);
  const units: TopOutline[] = [];
  const t = tokens;
  let i = 0;
  while (i < t.length) {
    if (startsContract(t, i)) {
      const [unit, next] = scanContract(t, i);
      units.push(unit);
      i = next;
    } else {
      const next = scanItem(t, i, false);
      units.push({ kind: 'unit', start: t[i].start, end: t[next - 1].end });
      i = next;
    }
  }
  return { tokens, units, openComment: open.length ? open[0] : -1 };
}

function startsContract(t: Token[], i: number): boolean {
  const w = t[i].text;
  if (w === 'abstract') return t[i + 1]?.text === 'contract' && isWord(t[i + 2]);
  return CONTRACT_WORDS.has(w) && isWord(t[i + 1]);
}

function isWord(tok: Token | undefined): boolean {
  return !!tok && isIdStart(tok.text.charCodeAt(0));
}

function scanContract(t: Token[], i: number): [ContractOutline, number] {
  const first = i;
  const nameAt = t[i].text === 'abstract' ? i + 2 : i + 1;
  const c: ContractOutline = { kind: 'contract', name: t[nameAt].text, start: t[i].start, end: t[i].end, bodyStart: -1, close: -1, members: [] };
  // Header: up to the first `{` outside parentheses (inheritance arguments may contain braces).
  let depth = 0;
  let j = nameAt + 1;
  for (; j < t.length; j++) {
    const x = t[j].text;
    if (x === '(' || x === '[') depth++;
    else if ((x === ')' || x === ']') && depth > 0) depth--;
    else if (x === '{' && depth === 0) break;
    else if (x === ';' || x === '}' || startsContract(t, j)) break;
  }
  if (j >= t.length || t[j].text !== '{') {
    // A header that never opens a body: hand it to the parser as it is so the error lands here.
    const end = j < t.length && t[j].text === ';' ? j + 1 : j;
    c.end = t[Math.max(first, end - 1)].end;
    return [c, Math.max(end, first + 1)];
  }
  c.bodyStart = t[j].end;
  c.end = t[j].end;
  j++;
  while (j < t.length) {
    const x = t[j].text;
    if (x === '}') {
      c.close = t[j].start;
      c.end = t[j].end;
      return [c, j + 1];
    }
    if (startsContract(t, j)) return [c, j];
    const next = scanItem(t, j, true);
    c.members.push({ start: t[j].start, end: t[next - 1].end });
    c.end = t[next - 1].end;
    j = next;
  }
  return [c, j];
}

/**
 * One top-level unit or contract member starting at token i; returns the index after its last token.
 * It ends at a `;` outside braces, or at the `}` that closes a brace opened at its own level.
 */
function scanItem(t: Token[], i: number, inContract: boolean): number {
  const isImport = t[i].text === 'import';
  const stack: string[] = [];
  let braces = 0;
  // Inline assembly has its own `function` definitions; `assembly` marks the next brace as Yul.
  let asmPending = false;
  let asmBraces = 0;
  for (let j = i; j < t.length; j++) {
    const x = t[j].text;
    if (j > i && asmBraces === 0 && startsDefinition(t, j, braces > 0, inContract)) return j;
    switch (x) {
      case 'assembly':
        asmPending = true;
        break;
      case '{':
        stack.push(asmPending || asmBraces > 0 ? 'A' : '{');
        if (asmPending || asmBraces > 0) asmBraces++;
        asmPending = false;
        braces++;
        break;
      case '}': {
        if (braces === 0) {
          // A `}` that closes nothing of ours belongs to the enclosing contract (or is stray at top level).
          if (j === i) return j + 1;
          return j;
        }
        let top: string | undefined;
        while ((top = stack.pop()) !== undefined && top !== '{' && top !== 'A');
        if (top === 'A') asmBraces--;
        braces--;
        // Only a brace opened at the item's own level ends it: `S({a: 1})` in an initialiser does not.
        if (stack.length === 0 && !isImport && !continuesAfterBrace(t, j + 1)) return j + 1;
        break;
      }
      case '(':
      case '[':
        stack.push(x);
        break;
      case ')':
      case ']': {
        const open = x === ')' ? '(' : '[';
        if (stack[stack.length - 1] === open) stack.pop();
        break;
      }
      case ';':
        asmPending = false;
        if (braces === 0) return j + 1;
        break;
    }
  }
  return t.length;
}

/** Items whose text goes on after a closing brace at their own level. */
function continuesAfterBrace(t: Token[], j: number): boolean {
  // A struct, enum, function or contract ends at its brace; `using {f} for T;` and `import {a} from "x";`
  // go on to their `;`.
  const x = t[j]?.text;
  return x === 'for' || x === 'as' || x === 'from';
}

/**
 * A definition keyword where the current item cannot contain one means the item was left unterminated
 * (a deleted `}` or `;`), so the item ends before it and the rest of the file keeps its structure.
 */
function startsDefinition(t: Token[], j: number, nested: boolean, inContract: boolean): boolean {
  const x = t[j].text;
  const next = t[j + 1];
  if (nested) {
    const prev = t[j - 1].text;
    if (prev !== ';' && prev !== '{' && prev !== '}') return false;
  }
  switch (x) {
    case 'function':
      return isWord(next) && t[j + 2]?.text === '(';
    case 'modifier':
    case 'event':
    case 'struct':
    case 'enum':
      return isWord(next);
    case 'constructor':
      return next?.text === '(';
    case 'contract':
    case 'interface':
    case 'library':
      return isWord(next);
    case 'abstract':
      return next?.text === 'contract';
    case 'pragma':
    case 'import':
      return !inContract && !nested;
    default:
      return false;
  }
}

/** Index of the token containing `offset`, else of the first token after it, else the last token. */
export function tokenAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The offending token as the problem's range, kept inside the piece the error belongs to. */
export function tokenProblem(tokens: Token[], offset: number, start: number, end: number, message: string) {
  const o = Math.max(start, Math.min(offset, end - 1));
  const t = tokens[tokenAt(tokens, o)];
  if (t && t.start <= o && t.end > o && t.start >= start && t.end <= end) return { start: t.start, end: t.end, message };
  if (t && t.start >= start && t.end <= end) return { start: t.start, end: t.end, message };
  return { start: o, end: Math.min(end, o + 1), message };
}
