// A small lexer-aware scanner that cuts Solidity source into top-level units and contract members without
// parsing it. It must agree with the real lexer on where comments, strings and braces are, because its cuts
// decide which text is handed to the parser alone when the whole file does not parse. It has to stay
// sensible on half-typed code: unbalanced brackets are resolved in favour of braces, and a definition keyword
// where none can be (a `function f(` inside a body) closes the unterminated member before it.

/** The code of a word token (identifier or keyword); other tokens have their first character's code. */
const WORD = -1;

/**
 * The tokens of a text, three numbers each (start, exclusive end, code) in one typed array instead of one object
 * per token: the outline runs over the whole file on every keystroke, and on a 64 KB file (OpenZeppelin's
 * Packing.sol, 15k tokens) the objects and word slices were about 1.3 MB of short-lived garbage per keystroke, a
 * third of what a keystroke allocated (docs/performance.md). A word's text is sliced only when asked for.
 */
export class Tokens {
  private _length: number;

  constructor(
    private readonly source: string,
    private data: Int32Array,
    length: number,
  ) {
    this._length = length;
  }

  get length(): number {
    return this._length;
  }

  /**
   * Hands the array back to the tokenizer for the next text; call it when nothing will read these tokens again.
   * A fresh array of 180 KB per keystroke (Packing.sol) cost more CPU than the objects it replaced: off-heap
   * memory is mapped and zeroed anew each time. Reading after this sees no tokens, never another text's.
   */
  release(): void {
    const data = this.data;
    // Released already: handing back the empty array would leave the next tokenize nothing to grow.
    if (data === EMPTY) return;
    this.data = EMPTY;
    this._length = 0;
    if (data.length <= SPARE_KEPT && (!spare || spare.length < data.length)) spare = data;
  }

  start(i: number): number {
    return this.data[3 * i];
  }

  /** Exclusive. */
  end(i: number): number {
    return this.data[3 * i + 1];
  }

  /**
   * The character code of a punctuation token; that of '"' for any string literal and of '0' for numbers; -1 for
   * a word and past the last token.
   */
  char(i: number): number {
    return i < this._length ? this.data[3 * i + 2] : -1;
  }

  /** Whether token i is an identifier or keyword (false past the last token). */
  isWord(i: number): boolean {
    return i < this._length && this.data[3 * i + 2] === WORD;
  }

  /** Whether token i is the word `w`, compared in place (no slice). */
  is(i: number, w: string): boolean {
    if (i >= this._length || this.data[3 * i + 2] !== WORD) return false;
    const start = this.data[3 * i];
    return this.data[3 * i + 1] - start === w.length && this.source.startsWith(w, start);
  }

  /** The token's text for words and punctuation; '"' for any string literal, '0' for numbers. */
  text(i: number): string {
    const c = this.data[3 * i + 2];
    return c === WORD ? this.source.slice(this.data[3 * i], this.data[3 * i + 1]) : String.fromCharCode(c);
  }
}

export interface Segment {
  /** Offset of the first token. */
  start: number;
  /** Exclusive end of the last token. */
  end: number;
}

export interface ContractOutline extends Segment {
  kind: 'contract';
  name: string;
  /** Offset just after the body's `{`, or -1 when the header never reached one. */
  bodyStart: number;
  /** Offset of the closing `}`, or -1 when the contract is not closed. */
  close: number;
  members: Segment[];
}

export interface UnitOutline extends Segment {
  kind: 'unit';
}

export type TopOutline = ContractOutline | UnitOutline;

export interface Outline {
  tokens: Tokens;
  units: TopOutline[];
  /** Offset of a `/*` that is never closed, or -1. */
  openComment: number;
}

const isIdStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
const isIdPart = (c: number) => isIdStart(c) || (c >= 48 && c <= 57);

const EMPTY = new Int32Array(0);
// The array a released Tokens handed back, unless a huge file grew it past SPARE_KEPT (3 MB).
let spare: Int32Array | undefined;
const SPARE_KEPT = 3 * (1 << 18);

function grown(buf: Int32Array): Int32Array {
  // Never stuck at an empty array: out-of-range writes to a typed array are silently dropped.
  const g = new Int32Array(Math.max(3 * 256, buf.length * 2));
  g.set(buf);
  return g;
}

/** `openComments` receives the offset of a block comment that is never closed (it runs to the end of the file). */
export function tokenize(text: string, openComments?: number[]): Tokens {
  const n = text.length;
  // Source has about one token per four characters: sized so, the array rarely grows.
  let buf = spare ?? new Int32Array(3 * Math.max(256, n >> 2));
  spare = undefined;
  let k = 0;
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
    // One token from here: its end and code decided by its first character, then written at once.
    const start = i;
    let code: number;
    if (c === 34 || c === 39) {
      i = stringEnd(text, i, c);
      code = 34 /* " */;
    } else if (isIdStart(c)) {
      while (i < n && isIdPart(text.charCodeAt(i))) i++;
      code = WORD;
    } else if (isDigit(c)) {
      // Numbers (decimal, hex, scientific, with underscores) only need to be skipped as one token.
      while (i < n && (isIdPart(text.charCodeAt(i)) || (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))))) i++;
      code = 48 /* 0 */;
    } else {
      i++;
      code = c;
    }
    if (k === buf.length) buf = grown(buf);
    buf[k++] = start;
    buf[k++] = i;
    buf[k++] = code;
  }
  return new Tokens(text, buf, k / 3);
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Where a comment starting at `i` ends (a line comment at its line's end), or -1 when none starts there.
 * `openComments` receives `i` when it starts a block comment that is never closed.
 */
export function commentEnd(text: string, i: number, openComments?: number[]): number {
  const d = text.charCodeAt(i + 1);
  if (text.charCodeAt(i) !== 47 || (d !== 47 && d !== 42)) return -1;
  if (d === 47) return lineEnd(text, i);
  const close = text.indexOf('*/', i + 2);
  if (close < 0) openComments?.push(i);
  return close < 0 ? text.length : close + 2;
}

function lineEnd(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  const cr = text.indexOf('\r', i);
  const e = nl < 0 ? cr : cr < 0 ? nl : Math.min(nl, cr);
  return e < 0 ? text.length : e;
}

/** Strings cannot span lines in Solidity, so an unterminated one ends at the line end: typing `"` never swallows the file. */
export function stringEnd(text: string, i: number, quote: number): number {
  const n = text.length;
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === quote) return j + 1;
    if (c === 10 || c === 13) return j;
    j += c === 92 ? 2 : 1;
  }
  return n;
}

// Character codes of the punctuation the scanners look at (`Tokens.char`; localize.ts too).
const LPAREN = 40;
const RPAREN = 41;
const LBRACKET = 91;
const RBRACKET = 93;
export const LBRACE = 123;
export const RBRACE = 125;
export const SEMI = 59;
/** On scanItem's bracket stack: a brace of inline assembly (Yul). */
const ASM_BRACE = -2;

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
      units.push({ kind: 'unit', start: t.start(i), end: t.end(next - 1) });
      i = next;
    }
  }
  return { tokens, units, openComment: open.length ? open[0] : -1 };
}

function startsContract(t: Tokens, i: number): boolean {
  if (t.is(i, 'abstract')) return t.is(i + 1, 'contract') && t.isWord(i + 2);
  return (t.is(i, 'contract') || t.is(i, 'interface') || t.is(i, 'library')) && t.isWord(i + 1);
}

function scanContract(t: Tokens, i: number): [ContractOutline, number] {
  const first = i;
  const nameAt = t.is(i, 'abstract') ? i + 2 : i + 1;
  const c: ContractOutline = { kind: 'contract', name: t.text(nameAt), start: t.start(i), end: t.end(i), bodyStart: -1, close: -1, members: [] };
  // Header: up to the first `{` outside parentheses (inheritance arguments may contain braces).
  let depth = 0;
  let j = nameAt + 1;
  for (; j < t.length; j++) {
    const x = t.char(j);
    if (x === LPAREN || x === LBRACKET) depth++;
    else if ((x === RPAREN || x === RBRACKET) && depth > 0) depth--;
    else if (x === LBRACE && depth === 0) break;
    else if (x === SEMI || x === RBRACE || startsContract(t, j)) break;
  }
  if (j >= t.length || t.char(j) !== LBRACE) {
    // A header that never opens a body: hand it to the parser as it is so the error lands here.
    const end = j < t.length && t.char(j) === SEMI ? j + 1 : j;
    c.end = t.end(Math.max(first, end - 1));
    return [c, Math.max(end, first + 1)];
  }
  c.bodyStart = t.end(j);
  c.end = t.end(j);
  j++;
  while (j < t.length) {
    if (t.char(j) === RBRACE) {
      c.close = t.start(j);
      c.end = t.end(j);
      return [c, j + 1];
    }
    if (startsContract(t, j)) return [c, j];
    const next = scanItem(t, j, true);
    c.members.push({ start: t.start(j), end: t.end(next - 1) });
    c.end = t.end(next - 1);
    j = next;
  }
  return [c, j];
}

/**
 * One top-level unit or contract member starting at token i; returns the index after its last token.
 * It ends at a `;` outside braces, or at the `}` that closes a brace opened at its own level.
 */
function scanItem(t: Tokens, i: number, inContract: boolean): number {
  const isImport = t.is(i, 'import');
  // Open brackets by character code; ASM_BRACE for a brace of inline assembly.
  const stack: number[] = [];
  let braces = 0;
  // Inline assembly has its own `function` definitions; `assembly` marks the next brace as Yul.
  let asmPending = false;
  let asmBraces = 0;
  for (let j = i; j < t.length; j++) {
    if (j > i && asmBraces === 0 && startsDefinition(t, j, braces > 0, inContract)) return j;
    const x = t.char(j);
    if (x === WORD) {
      if (t.is(j, 'assembly')) asmPending = true;
      continue;
    }
    switch (x) {
      case LBRACE:
        stack.push(asmPending || asmBraces > 0 ? ASM_BRACE : LBRACE);
        if (asmPending || asmBraces > 0) asmBraces++;
        asmPending = false;
        braces++;
        break;
      case RBRACE: {
        if (braces === 0) {
          // A `}` that closes nothing of ours belongs to the enclosing contract (or is stray at top level).
          if (j === i) return j + 1;
          return j;
        }
        let top: number | undefined;
        while ((top = stack.pop()) !== undefined && top !== LBRACE && top !== ASM_BRACE);
        if (top === ASM_BRACE) asmBraces--;
        braces--;
        // Only a brace opened at the item's own level ends it: `S({a: 1})` in an initialiser does not.
        if (stack.length === 0 && !isImport && !continuesAfterBrace(t, j + 1)) return j + 1;
        break;
      }
      case LPAREN:
      case LBRACKET:
        stack.push(x);
        break;
      case RPAREN:
      case RBRACKET: {
        const open = x === RPAREN ? LPAREN : LBRACKET;
        if (stack[stack.length - 1] === open) stack.pop();
        break;
      }
      case SEMI:
        asmPending = false;
        if (braces === 0) return j + 1;
        break;
    }
  }
  return t.length;
}

/** Items whose text goes on after a closing brace at their own level. */
function continuesAfterBrace(t: Tokens, j: number): boolean {
  // A struct, enum, function or contract ends at its brace; `using {f} for T;` and `import {a} from "x";`
  // go on to their `;`.
  return t.is(j, 'for') || t.is(j, 'as') || t.is(j, 'from');
}

/**
 * A definition keyword where the current item cannot contain one means the item was left unterminated
 * (a deleted `}` or `;`), so the item ends before it and the rest of the file keeps its structure.
 */
function startsDefinition(t: Tokens, j: number, nested: boolean, inContract: boolean): boolean {
  // Only a keyword starts a definition; most tokens are not words at all.
  if (!t.isWord(j)) return false;
  if (nested) {
    const prev = t.char(j - 1);
    if (prev !== SEMI && prev !== LBRACE && prev !== RBRACE) return false;
  }
  if (t.is(j, 'function')) return t.isWord(j + 1) && t.char(j + 2) === LPAREN;
  if (t.is(j, 'modifier') || t.is(j, 'event') || t.is(j, 'struct') || t.is(j, 'enum')) return t.isWord(j + 1);
  if (t.is(j, 'constructor')) return t.char(j + 1) === LPAREN;
  if (t.is(j, 'contract') || t.is(j, 'interface') || t.is(j, 'library')) return t.isWord(j + 1);
  if (t.is(j, 'abstract')) return t.is(j + 1, 'contract');
  if (t.is(j, 'pragma') || t.is(j, 'import')) return !inContract && !nested;
  return false;
}
